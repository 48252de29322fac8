//! Side effects at the edge of the app: the address bar, the embedding page, downloads, and
//! the drawing surface that puts the charts on a page's canvas or into an SVG file.

pub mod chart_surface;
pub mod clipboard;
pub mod ensemble_runner;
pub mod export;
pub mod host;
pub mod print;
pub mod svg_writer;
pub mod theme;
pub mod url_sync;

/// Runs `task` in a task of its own after `millis`, whatever happens to its caller. Boxed, so
/// every caller shares one copy of the timer's glue in the wasm.
pub fn later(millis: u32, task: Box<dyn FnOnce()>) {
    gloo::timers::callback::Timeout::new(millis, task).forget();
}

/// Runs `task` in a task of its own once the browser has rendered a frame: after what is on
/// the page now has been laid out and painted, in that frame's own task, so `task` neither
/// holds that paint back nor forces the layout itself.
pub fn after_paint(task: Box<dyn FnOnce()>) {
    use wasm_bindgen::JsCast;
    let in_frame = wasm_bindgen::closure::Closure::once_into_js(move || later(0, task));
    let _ = gloo::utils::window().request_animation_frame(in_frame.unchecked_ref());
}
