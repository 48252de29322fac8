//! Printing puts the data table on paper. A closed `<details>` hides its content whatever the
//! print stylesheet says, so the table's panel is opened just before printing and closed
//! again afterwards if the reader had it closed.

use std::cell::RefCell;
use std::rc::Rc;

use gloo::events::EventListener;
use web_sys::Element;

/// The panels that belong on paper even when the reader kept them closed.
const PRINTED_PANELS: &[&str] = &["data-table"];

/// Keeps the print listeners alive; dropping it removes them.
pub struct PrintGuard {
    _listeners: [EventListener; 2],
}

/// Listens for the browser's print events; `None` outside a browser window. Keep the guard
/// for as long as the page lives.
pub fn install() -> Option<PrintGuard> {
    let window = web_sys::window()?;
    // The panels this print opened, so only those are closed again.
    let opened: Rc<RefCell<Vec<Element>>> = Rc::default();
    let before = {
        let opened = Rc::clone(&opened);
        EventListener::new(&window, "beforeprint", move |_| {
            opened.borrow_mut().extend(open_closed_panels());
        })
    };
    let after = EventListener::new(&window, "afterprint", move |_| {
        for panel in opened.borrow_mut().drain(..) {
            let _ = panel.remove_attribute("open");
        }
    });
    Some(PrintGuard {
        _listeners: [before, after],
    })
}

fn open_closed_panels() -> Vec<Element> {
    let Some(document) = web_sys::window().and_then(|w| w.document()) else {
        return Vec::new();
    };
    PRINTED_PANELS
        .iter()
        .filter_map(|id| document.get_element_by_id(id))
        .filter(|panel| !panel.has_attribute("open"))
        .filter(|panel| panel.set_attribute("open", "").is_ok())
        .collect()
}
