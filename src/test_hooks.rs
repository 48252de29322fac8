//! Hooks for the end-to-end tests only, compiled in with the `test-hooks` feature and absent
//! from the release build (`make test` checks that its wasm does not contain them).

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
