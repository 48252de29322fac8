//! Writing text to the clipboard. The Clipboard API is missing on insecure origins, and throws
//! or rejects in sandboxed or unfocused frames; each case ends in `Err`, so the caller can
//! fall back to selected text the reader copies by hand.

use js_sys::{Function, Promise, Reflect};
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;

/// Looked up by name rather than through web-sys's typed getters: those assume the API is
/// there, and calling a method of `undefined` would throw through the wasm.
pub async fn write_text(text: &str) -> Result<(), String> {
    let window = web_sys::window().ok_or("no window")?;
    let navigator = property(&window, "navigator")?;
    let clipboard = property(&navigator, "clipboard")?;
    let write = property(&clipboard, "writeText")?
        .dyn_into::<Function>()
        .map_err(|_| "clipboard.writeText is not a function".to_string())?;
    let returned = write
        .call1(&clipboard, &JsValue::from_str(text))
        .map_err(describe)?;
    let promise = returned
        .dyn_into::<Promise>()
        .unwrap_or_else(|value| Promise::resolve(&value));
    JsFuture::from(promise).await.map(drop).map_err(describe)
}

fn property(target: &JsValue, name: &str) -> Result<JsValue, String> {
    let value = Reflect::get(target, &JsValue::from_str(name)).map_err(describe)?;
    if value.is_undefined() || value.is_null() {
        Err(format!("no {name}"))
    } else {
        Ok(value)
    }
}

fn describe(err: JsValue) -> String {
    err.dyn_ref::<js_sys::Error>()
        .map(|e| String::from(e.message()))
        .or_else(|| err.as_string())
        .unwrap_or_else(|| "refused".to_string())
}
