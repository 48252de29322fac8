//! Side effects at the edge of the app: the address bar, the embedding page, downloads, and
//! the drawing surface that puts the charts on a page's canvas or into an SVG file.

pub mod chart_surface;
pub mod clipboard;
pub mod ensemble_runner;
pub mod export;
pub mod host;
pub mod print;
pub mod theme;
pub mod url_sync;
