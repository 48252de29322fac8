//! The address bar as a view of the scenario and its pins: every change is written to the
//! query, a new history entry per gesture (a whole drag is one, so is a pin), and back and
//! forward bring them back.
//!
//! Browsers refuse history writes in some frames (a sandboxed iframe has an opaque origin);
//! then the app goes on without them rather than failing.

use std::cell::{Cell, RefCell};

use deal_model::{page_query, parse_page, Page, Pin, Scenario, View};
use gloo::events::EventListener;
use wasm_bindgen::JsValue;

/// What the address bar last showed, so an unchanged scenario writes nothing.
#[derive(Default)]
pub struct UrlSync {
    written_gesture: Cell<u32>,
    written_query: RefCell<Option<String>>,
    /// Set once a history write has been refused; no more attempts after that.
    refused: Cell<bool>,
}

impl UrlSync {
    /// Follows the state in the address bar, except during a drag, whose release writes where
    /// it ended. Each write costs the frame several milliseconds (Chromium reprocesses the
    /// page's icon for every new address), which at one input a frame made frames late.
    pub fn follow(
        &self,
        scenario: &Scenario,
        pins: &[Pin],
        view: &View,
        gesture: u32,
        dragging: bool,
    ) {
        if !dragging {
            self.write(scenario, pins, view, gesture);
        }
    }

    /// Writes the page's query: pushes when `gesture` moved since the last write, replaces
    /// otherwise. The first write replaces, so the link the reader arrived with is tidied
    /// rather than stacked.
    pub fn write(&self, scenario: &Scenario, pins: &[Pin], view: &View, gesture: u32) {
        if self.refused.get() {
            return;
        }
        let query = page_query(scenario, pins, view);
        let first = self.written_query.borrow().is_none();
        if self.written_query.borrow().as_deref() == Some(query.as_str()) {
            self.written_gesture.set(gesture);
            return;
        }
        let push = !first && gesture != self.written_gesture.get();
        let Some(address) = address_with(&query) else {
            return;
        };
        // The fragment stays: a WordPress host's secret lives there (`#?secret=…`).
        let address = address + &fragment();
        let Some(history) = web_sys::window().and_then(|w| w.history().ok()) else {
            return;
        };
        let result = if push {
            history.push_state_with_url(&JsValue::NULL, "", Some(&address))
        } else {
            history.replace_state_with_url(&JsValue::NULL, "", Some(&address))
        };
        match result {
            Ok(()) => {
                *self.written_query.borrow_mut() = Some(query);
                self.written_gesture.set(gesture);
            }
            Err(err) => {
                self.refused.set(true);
                web_sys::console::warn_2(
                    &"deal-explorer: the address bar cannot follow the scenario here".into(),
                    &err,
                );
            }
        }
    }
}

/// The address's fragment with its `#`, or nothing.
fn fragment() -> String {
    web_sys::window()
        .and_then(|w| w.location().hash().ok())
        .unwrap_or_default()
}

/// The fragment of the share panel (`id="share"` in `share_panel.rs`), where the full
/// explorer offers its downloads: an address that ends in `#share` opens the explorer with
/// the panel open and in view. The embed links there.
pub const SHARE_PANEL: &str = "#share";

/// Opens and scrolls to the share panel when the address names it (`#share`). The browser
/// looks for the fragment before the app has drawn the panel, so the app does it once drawn.
pub fn reveal_share_panel() {
    if fragment() != SHARE_PANEL {
        return;
    }
    if let Some(panel) = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.get_element_by_id(&SHARE_PANEL[1..]))
    {
        let _ = panel.set_attribute("open", "");
        panel.scroll_into_view();
    }
}

/// The secret a WordPress host put in the frame's address, when it is one WordPress accepts.
pub fn wordpress_secret() -> Option<String> {
    deal_model::wordpress_secret(&fragment())
}

/// The page as its address describes it now; an address without a query falls back to the
/// scenario a downloaded one-file copy carries in its `<meta name="deal-explorer-scenario">`.
pub fn current_page() -> Page {
    let search = web_sys::window()
        .and_then(|w| w.location().search().ok())
        .unwrap_or_default();
    if search.is_empty() {
        if let Some(preset) = preset_query() {
            return parse_page(&preset);
        }
    }
    parse_page(&search)
}

/// The query in the page's `<meta name="deal-explorer-scenario">`, if it has one.
fn preset_query() -> Option<String> {
    web_sys::window()?
        .document()?
        .query_selector("meta[name=\"deal-explorer-scenario\"]")
        .ok()
        .flatten()?
        .get_attribute("content")
        .filter(|query| !query.is_empty())
}

/// The full address of the page showing `scenario` and `pins` with `view`, for sharing.
pub fn link_to(scenario: &Scenario, pins: &[Pin], view: &View) -> String {
    address_with(&page_query(scenario, pins, view))
        .and_then(|relative| {
            let base = web_sys::window()?.location().href().ok()?;
            web_sys::Url::new_with_base(&relative, &base)
                .ok()
                .map(|url| url.href())
        })
        .unwrap_or_default()
}

/// Calls `on_page` with the address's page whenever the reader goes back or forward.
pub fn on_history(on_page: impl Fn(Page) + 'static) -> EventListener {
    EventListener::new(&gloo::utils::window(), "popstate", move |_| {
        on_page(current_page())
    })
}

/// The current path with `query` (or none), keeping the address relative so any sub-path works.
fn address_with(query: &str) -> Option<String> {
    let location = web_sys::window()?.location();
    let path = location.pathname().ok()?;
    Some(if query.is_empty() {
        path
    } else {
        format!("{path}?{query}")
    })
}
