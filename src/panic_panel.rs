//! A panic in wasm aborts the whole app. Without this panel the reader would be left with a
//! frozen or blank page; with it they see what happened and how to get going again.
//!
//! Two routes lead here. A build with Rust's usual panic runtime (`make serve`, the tests) runs
//! the panic hook, which has the message. The release build panics with `immediate-abort`, for
//! size: no hook runs and no message exists, the panic is a bare wasm trap. The trap surfaces in
//! JS as a `WebAssembly.RuntimeError` thrown out of whichever callback was running (an event
//! handler, a timer, an animation frame, a future), so the window's error events catch it.

use gloo::events::EventListener;
use js_sys::WebAssembly::RuntimeError;
use wasm_bindgen::{JsCast, JsValue};
use web_sys::{Document, Element, ErrorEvent, PromiseRejectionEvent};

/// Id of the panel, so tests and styles can find it.
pub const PANEL_ID: &str = "fatal-error";

/// Through Yew's own setter: Yew installs its console-only hook when it first renders unless
/// one was set this way, and a plain `std::panic::set_hook` would be overwritten.
pub fn install() {
    yew::set_custom_panic_hook(Box::new(|info| {
        let message = info.to_string();
        web_sys::console::error_1(&message.as_str().into());
        show(&message);
    }));
    watch_traps();
}

/// Shows the panel for a trap that no panic hook has reported. Calling back into the wasm after
/// a trap is sound: the instance lives on, only the call that trapped was cut short, and this
/// handler touches none of the state that call may have left half-changed.
pub fn watch_traps() {
    let window = gloo::utils::window();
    EventListener::new(&window, "error", |event| {
        if let Some(event) = event.dyn_ref::<ErrorEvent>() {
            on_error(&event.error());
        }
    })
    .forget();
    EventListener::new(&window, "unhandledrejection", |event| {
        if let Some(event) = event.dyn_ref::<PromiseRejectionEvent>() {
            on_error(&event.reason());
        }
    })
    .forget();
}

fn on_error(error: &JsValue) {
    let Some(trap) = error.dyn_ref::<RuntimeError>() else {
        return; // an ordinary JS error: the app may well still work
    };
    // With the usual panic runtime the hook has already shown the panel, with the message.
    if !shown() {
        let trap: &js_sys::Error = trap.unchecked_ref();
        show(&String::from(trap.to_string()));
    }
}

/// Whether the panel is up: the full page, built outside the document a part per task, must
/// then not be put in its place, or the reader would lose the message to a page that no
/// longer answers.
pub fn shown() -> bool {
    web_sys::window()
        .and_then(|w| w.document())
        .is_some_and(|d| d.get_element_by_id(PANEL_ID).is_some())
}

/// Replaces the app's content with an error panel. Safe to call more than once: a second
/// failure updates the panel instead of stacking another.
pub fn show(message: &str) {
    let Some(document) = web_sys::window().and_then(|w| w.document()) else {
        return;
    };
    if let Err(err) = render(&document, message) {
        web_sys::console::error_2(&"could not show the error panel".into(), &err);
    }
}

fn render(document: &Document, message: &str) -> Result<(), JsValue> {
    let host: Element = match document.get_element_by_id("app") {
        Some(app) => app,
        None => document
            .body()
            .ok_or_else(|| JsValue::from_str("no body"))?
            .unchecked_into(),
    };
    host.set_text_content(None);
    let panel = document.create_element("section")?;
    panel.set_id(PANEL_ID);
    panel.set_class_name("fatal-error");
    panel.set_attribute("role", "alert")?;

    let heading = document.create_element("h2")?;
    heading.set_text_content(Some("Something went wrong"));
    let explanation = document.create_element("p")?;
    explanation.set_text_content(Some(
        "The explorer hit an internal error and stopped. Your scenario is kept in the \
         address, so reloading the page usually brings it back.",
    ));
    // Text content, never HTML: the message may quote untrusted input.
    let details = document.create_element("pre")?;
    details.set_text_content(Some(message));
    let reload = document.create_element("a")?;
    reload.set_attribute("href", "")?;
    reload.set_text_content(Some("Reload the explorer"));

    for child in [&heading, &explanation, &details, &reload] {
        panel.append_child(child)?;
    }
    host.append_child(&panel)?;
    // A failure before the app's first view leaves the page's loading line beside the panel.
    if let Some(loading) = document.get_element_by_id("loading") {
        loading.remove();
    }
    Ok(())
}
