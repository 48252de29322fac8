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

/// How long the controls must rest before [`when_still`] runs its task: longer than the gap
/// between two inputs of a drag or of a held arrow key, so a drag is never cut by it.
const STILL_MS: f64 = 400.0;

thread_local! {
    /// When the reader last moved a control ([`moved`]), in `Date.now()` milliseconds.
    static LAST_MOVE: std::cell::Cell<f64> = const { std::cell::Cell::new(f64::NEG_INFINITY) };
}

/// Notes that the reader moved a control, for [`when_still`].
pub fn moved() {
    LAST_MOVE.with(|last| last.set(js_sys::Date::now()));
}

/// Runs `task` in a task of its own once the reader has not moved a control for [`STILL_MS`]:
/// for work the reader is not waiting for (the page's parts below the workbench, built after
/// it), which would otherwise run between the frames of a drag begun as the charts appear and
/// drop them (a part's build is a task of 10 to 40 ms on a laptop).
pub fn when_still(task: Box<dyn FnOnce()>) {
    let wait =
        || (STILL_MS - (js_sys::Date::now() - LAST_MOVE.with(std::cell::Cell::get))).max(0.0);
    later(
        wait() as u32,
        Box::new(move || match wait() > 0.0 {
            true => when_still(task),
            false => task(),
        }),
    );
}

/// Runs `task` in a task of its own once the browser has rendered a frame: after what is on
/// the page now has been laid out and painted, in that frame's own task, so `task` neither
/// holds that paint back nor forces the layout itself.
pub fn after_paint(task: Box<dyn FnOnce()>) {
    use wasm_bindgen::JsCast;
    let in_frame = wasm_bindgen::closure::Closure::once_into_js(move || later(0, task));
    let _ = gloo::utils::window().request_animation_frame(in_frame.unchecked_ref());
}
