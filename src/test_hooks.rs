//! Hooks for the end-to-end tests only, compiled in with the `test-hooks` feature and absent
//! from the release build (`make test` checks that its wasm does not contain them): a panic
//! trigger, and on each chart's canvas the count of its draws and the labels it placed.

use wasm_bindgen::prelude::*;

/// The query flag that makes the app panic shortly after it starts, so the tests can see the
/// error panel a real panic would show.
pub const PANIC_FLAG: &str = "test-panic=1";

pub fn install() {
    let Some(window) = web_sys::window() else {
        return;
    };
    let wants_panic = window
        .location()
        .search()
        .is_ok_and(|search| search.contains(PANIC_FLAG));
    if wants_panic {
        // From a timer, like a bug in an event handler would: after the first render.
        let trigger = Closure::once_into_js(|| -> () { panic!("test-only panic trigger") });
        let _ = window
            .set_timeout_with_callback_and_timeout_and_arguments_0(trigger.unchecked_ref(), 200);
    }
}

/// Counts the canvas's draws (`data-frames`, which `make bench` watches for the frame a change
/// is painted in) and lists the labels as placed (`data-labels`, one per line), so tests can
/// hold them to the model.
pub fn record_draw(canvas: &web_sys::HtmlCanvasElement, mapping: &crate::charts::Mapping) {
    let frames = canvas
        .get_attribute("data-frames")
        .and_then(|n| n.parse::<u64>().ok())
        .unwrap_or(0);
    let _ = canvas.set_attribute("data-frames", &(frames + 1).to_string());
    let labels: Vec<&str> = mapping.labels.iter().map(|l| l.text.as_str()).collect();
    let _ = canvas.set_attribute("data-labels", &labels.join("\n"));
}
