//! Reusable views. They take values and callbacks; none of them knows the URL or global state.

pub mod assumptions;
pub mod chart_canvas;
pub mod data_table;
pub mod live_sentence;
pub mod notice_bar;
pub mod pin_panel;
pub mod preset_bar;
pub mod readouts;
pub mod scrub_number;
pub mod share_panel;
pub mod slider;
pub mod sweep_table;

pub use assumptions::Assumptions;
pub use chart_canvas::ChartCanvas;
pub use data_table::data_table;
pub use live_sentence::live_sentence;
pub use notice_bar::notice_bar;
pub use pin_panel::PinPanel;
pub use preset_bar::preset_bar;
pub use readouts::{cap_readouts, take_readouts, uncertainty_readouts, year_readouts, EnsembleRun};
pub use scrub_number::ScrubNumber;
pub use share_panel::SharePanel;
pub use slider::Slider;
pub use sweep_table::sweep_table;
