//! A panic in wasm aborts the whole app. Without this hook the reader would be left with a
//! frozen or blank page; with it they see what happened and how to get going again.

use wasm_bindgen::JsCast;
use web_sys::{Document, Element};

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

fn render(document: &Document, message: &str) -> Result<(), wasm_bindgen::JsValue> {
    let host: Element = match document.get_element_by_id("app") {
        Some(app) => app,
        None => document
            .body()
            .ok_or_else(|| wasm_bindgen::JsValue::from_str("no body"))?
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
    Ok(())
}
