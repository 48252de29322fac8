//! Side effects at the edge of the app: the address bar, the embedding page, downloads.

pub mod clipboard;
pub mod ensemble_runner;
pub mod export;
pub mod host;
pub mod print;
pub mod theme;
pub mod url_sync;
