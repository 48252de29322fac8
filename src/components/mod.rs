//! Reusable views. They take values and callbacks; none of them knows the URL or global state.

pub mod chart_canvas;
pub mod slider;

pub use chart_canvas::ChartCanvas;
pub use slider::Slider;
