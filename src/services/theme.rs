//! The theme in force: the reader's or host's choice, else the system's colour scheme. The
//! page's colours follow `data-theme` on the root element; the charts, drawn in Rust, get the
//! resolved theme as data.

use deal_model::ThemeChoice;
use gloo::events::EventListener;

use crate::charts::Theme;

const DARK_QUERY: &str = "(prefers-color-scheme: dark)";

pub fn system_prefers_dark() -> bool {
    web_sys::window()
        .and_then(|w| w.match_media(DARK_QUERY).ok().flatten())
        .is_some_and(|query| query.matches())
}

/// Calls `on_change` with the system's new preference when the reader switches it.
pub fn on_system_change(on_change: impl Fn(bool) + 'static) -> Option<EventListener> {
    let query = web_sys::window()?.match_media(DARK_QUERY).ok().flatten()?;
    let watched = query.clone();
    Some(EventListener::new(&query, "change", move |_| {
        on_change(watched.matches())
    }))
}

pub fn resolve(choice: ThemeChoice, system_dark: bool) -> Theme {
    match choice {
        ThemeChoice::Light => Theme::Light,
        ThemeChoice::Dark => Theme::Dark,
        ThemeChoice::Auto if system_dark => Theme::Dark,
        ThemeChoice::Auto => Theme::Light,
    }
}

/// Marks the document so the stylesheet can override the system's scheme.
pub fn apply(choice: ThemeChoice) {
    let Some(root) = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.document_element())
    else {
        return;
    };
    let _ = match choice {
        ThemeChoice::Auto => root.remove_attribute("data-theme"),
        other => root.set_attribute("data-theme", other.as_str()),
    };
}
