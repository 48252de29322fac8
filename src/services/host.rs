//! Talking to the page that embeds us in an iframe: our height, so the host can size the
//! frame to fit without scrollbars; the host's theme, so the embed follows the blog's own
//! light/dark toggle; scenarios the host asks for (a link in the post), and the scenario shown
//! with its headline figures, so the post can quote them. The messages are typed in
//! `deal_model::host`, the documented contract with `embed.js`; this is only their glue.
//!
//! A WordPress host speaks its own protocol (`deal_model::wordpress`): when the frame's
//! address carries WordPress's secret, each height also goes out as `{secret, message:
//! "height", value}`, and WordPress's `{message: "ready", secret}` is answered with the height
//! again.

use std::cell::Cell;
use std::rc::Rc;

use deal_model::host::{HEIGHT, SCENARIO};
use deal_model::{HostMessage, Ledger, Scenario, ScenarioReport};
use gloo::events::EventListener;
use js_sys::{Object, Reflect};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{MessageEvent, ResizeObserver, Window};

/// The embedding page's window, when we are framed.
fn host_window() -> Option<Window> {
    let window = web_sys::window()?;
    let parent = window.parent().ok().flatten()?;
    (!Object::is(&parent, &window)).then_some(parent)
}

/// Keeps the host informed of our height for as long as it is kept alive.
pub struct HeightReporter {
    observer: Option<ResizeObserver>,
    _callback: Closure<dyn FnMut()>,
    _ready: EventListener,
}

impl Drop for HeightReporter {
    fn drop(&mut self) {
        if let Some(observer) = &self.observer {
            observer.disconnect();
        }
    }
}

/// Posts `{type: "deal-explorer:height", height}` at once and then whenever the document's
/// height changes; with WordPress's `secret`, WordPress's height message too. At once, not
/// only from the observer: WordPress keeps the frame clipped out of sight until the first
/// height arrives, and a hidden cross-origin frame gets no resize observations. `None` when
/// not framed.
pub fn report_height(secret: Option<String>) -> Option<HeightReporter> {
    let host = host_window()?;
    let window = web_sys::window()?;
    let root = window.document()?.document_element()?;
    let last = Rc::new(Cell::new(-1));
    let post = {
        let host = host.clone();
        let secret = secret.clone();
        Rc::new(move |again: bool| {
            // The content's own height: the frame's viewport height would only echo the frame.
            let height = root.get_bounding_client_rect().height().ceil() as i32;
            if height == last.replace(height) && !again {
                return;
            }
            // A height tells nothing private, so any host may hear it.
            let _ = host.post_message(
                &message(&[("type", HEIGHT.into()), ("height", height.into())]),
                "*",
            );
            if let Some(secret) = &secret {
                let fields = [
                    ("secret", secret.into()),
                    ("message", "height".into()),
                    ("value", height.into()),
                ];
                let _ = host.post_message(&message(&fields), "*");
            }
        })
    };
    post(true);
    let callback = {
        let post = Rc::clone(&post);
        Closure::<dyn FnMut()>::new(move || post(false))
    };
    let observer = ResizeObserver::new(callback.as_ref().unchecked_ref()).ok();
    if let Some(observer) = &observer {
        observer.observe(&window.document()?.document_element()?);
    }
    // WordPress says it is ready when `wp-embed.js` loads after the frame: answer with the height.
    let ready = EventListener::new(&window, "message", move |event| {
        let Some(data) = from(&host, event) else {
            return;
        };
        if secret.is_some()
            && field(&data, "message").as_deref() == Some("ready")
            && field(&data, "secret") == secret
        {
            post(true);
        }
    });
    Some(HeightReporter {
        observer,
        _callback: callback,
        _ready: ready,
    })
}

/// Asks a WordPress host to open `url` in the reader's window: WordPress frames are sandboxed
/// without popups, so a link to a new tab does nothing there. WordPress follows it only to the
/// frame's own host, and only while the frame has focus (the reader just clicked in it).
pub fn ask_wordpress_to_open(secret: &str, url: &str) {
    if let Some(host) = host_window() {
        let fields = [
            ("secret", secret.into()),
            ("message", "link".into()),
            ("value", url.into()),
        ];
        let _ = host.post_message(&message(&fields), "*");
    }
}

/// A plain object of the given fields, as the host's scripts read messages.
fn message(fields: &[(&str, JsValue)]) -> Object {
    let object = Object::new();
    for (name, value) in fields {
        let _ = Reflect::set(&object, &(*name).into(), value);
    }
    object
}

/// The message's data when it comes from the direct host; anything else is ignored.
fn from(host: &Window, event: &web_sys::Event) -> Option<JsValue> {
    let event = event.dyn_ref::<MessageEvent>()?;
    let source = event.source()?;
    Object::is(&source, host).then(|| event.data())
}

/// A string field of a message's data; `None` for anything else.
fn field(data: &JsValue, name: &str) -> Option<String> {
    Reflect::get(data, &name.into())
        .ok()
        .and_then(|v| v.as_string())
}

/// Calls `on_message` with each message of ours from the embedding page: a theme, or a
/// scenario to show. Only the direct host is heard; anything malformed is ignored
/// ([`HostMessage::read`] says what is).
pub fn on_host_message(on_message: impl Fn(HostMessage) + 'static) -> Option<EventListener> {
    let host = host_window()?;
    let window = web_sys::window()?;
    Some(EventListener::new(&window, "message", move |event| {
        if let Some(message) =
            from(&host, event).and_then(|data| HostMessage::read(|name| field(&data, name)))
        {
            on_message(message);
        }
    }))
}

/// Tells the embedding page the scenario shown and its headline figures
/// ([`ScenarioReport`]); nothing when not framed. Like the height, nothing private: any host
/// may hear it.
pub fn report_scenario(scenario: &Scenario, ledger: &Ledger) {
    let Some(host) = host_window() else {
        return;
    };
    let report = ScenarioReport::new(scenario, ledger);
    let fields = [
        ("type", SCENARIO.into()),
        ("query", report.query.into()),
        (
            "cap_year",
            report.cap_year.map_or(JsValue::NULL, JsValue::from),
        ),
        ("total_new", report.total_new.into()),
        ("total_old", report.total_old.into()),
        ("microsoft_change", report.microsoft_change.into()),
    ];
    let _ = host.post_message(&message(&fields), "*");
}
