//! Talking to the page that embeds us in an iframe: our height, so the host can size the
//! frame to fit without scrollbars, and the host's theme, so the embed follows the blog's
//! own light/dark toggle. The message types are the documented contract with `embed.js`.

use std::cell::Cell;
use std::rc::Rc;

use deal_model::ThemeChoice;
use gloo::events::EventListener;
use js_sys::{Object, Reflect};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{MessageEvent, ResizeObserver, Window};

pub const HEIGHT_MESSAGE: &str = "deal-explorer:height";
pub const THEME_MESSAGE: &str = "deal-explorer:theme";

/// The embedding page's window, when we are framed.
fn host_window() -> Option<Window> {
    let window = web_sys::window()?;
    let parent = window.parent().ok().flatten()?;
    (!Object::is(&parent, &window)).then_some(parent)
}

/// Keeps the host informed of our height for as long as it is kept alive.
pub struct HeightReporter {
    observer: ResizeObserver,
    _callback: Closure<dyn FnMut()>,
}

impl Drop for HeightReporter {
    fn drop(&mut self) {
        self.observer.disconnect();
    }
}

/// Posts `{type: "deal-explorer:height", height}` whenever the document's height changes.
/// `None` when not framed or when the browser has no ResizeObserver.
pub fn report_height() -> Option<HeightReporter> {
    let host = host_window()?;
    let document = web_sys::window()?.document()?;
    let root = document.document_element()?;
    let last = Rc::new(Cell::new(-1));
    let measured = root.clone();
    let callback = Closure::<dyn FnMut()>::new(move || {
        // The content's own height: the frame's viewport height would only echo the frame.
        let height = measured.get_bounding_client_rect().height().ceil() as i32;
        if height != last.replace(height) {
            let message = Object::new();
            let _ = Reflect::set(&message, &"type".into(), &HEIGHT_MESSAGE.into());
            let _ = Reflect::set(&message, &"height".into(), &height.into());
            // A height tells nothing private, so any host may hear it.
            let _ = host.post_message(&message, "*");
        }
    });
    let observer = ResizeObserver::new(callback.as_ref().unchecked_ref()).ok()?;
    observer.observe(&root);
    Some(HeightReporter {
        observer,
        _callback: callback,
    })
}

/// Calls `on_theme` when the embedding page sends `{type: "deal-explorer:theme", theme}`.
/// Only the direct host is heard; anything malformed is ignored.
pub fn on_theme_message(on_theme: impl Fn(ThemeChoice) + 'static) -> Option<EventListener> {
    let host = host_window()?;
    let window = web_sys::window()?;
    Some(EventListener::new(&window, "message", move |event| {
        let Some(event) = event.dyn_ref::<MessageEvent>() else {
            return;
        };
        let from_host = event
            .source()
            .is_some_and(|source| Object::is(&source, &host));
        if !from_host {
            return;
        }
        let data = event.data();
        let field = |name: &str| {
            Reflect::get(&data, &name.into())
                .ok()
                .and_then(|v| v.as_string())
        };
        if field("type").as_deref() == Some(THEME_MESSAGE) {
            if let Some(theme) = field("theme").as_deref().and_then(ThemeChoice::parse) {
                on_theme(theme);
            }
        }
    }))
}
