//! deal-explorer: a live scenario explorer for the amended OpenAI-Microsoft agreement.
//!
//! The arithmetic lives in the `deal-model` crate; this crate only wires a reader's scenario
//! to views. Charts are generic over plotters' `DrawingBackend`, so native tests draw them to
//! SVG while the app draws them to a canvas.

use wasm_bindgen::JsCast;

pub mod app;
pub mod charts;
pub mod components;
pub mod panic_panel;
pub mod services;
pub mod state;
#[cfg(feature = "test-hooks")]
pub mod test_hooks;

/// Mounts the app into `#app`, after installing the panic hook so that even a failure during
/// the first render shows a message instead of a blank page.
pub fn start() {
    panic_panel::install();
    let document = gloo::utils::document();
    match document.get_element_by_id("app") {
        // A page built with its first view prerendered (`xtask prerender`) shows it here until
        // now. The takeover is a long task on a slow phone: run after the static view has been
        // painted once, it can no longer hold that paint back (then the page's largest paint
        // came only with the app's own view, a second later, in some loads). Not in an embed,
        // which shows its loading line instead, and whose frames a browser may not paint while
        // out of view: its host waits for its height.
        Some(root) if shows_static_view(&root) => {
            let after_paint = move || services::later(0, Box::new(move || mount(root)));
            let after_paint = wasm_bindgen::closure::Closure::once_into_js(after_paint);
            let _ = gloo::utils::window().request_animation_frame(after_paint.unchecked_ref());
        }
        Some(root) => mount(root),
        None => panic_panel::show("The page has no element with id \"app\" to mount into."),
    }
}

/// Whether a reader sees a static view in `#app` (`xtask prerender`) until the app starts. Not
/// in an embed, which shows its loading line instead (the head's early script marks it).
fn shows_static_view(root: &web_sys::Element) -> bool {
    !gloo::utils::document_element()
        .class_name()
        .contains("embedding")
        && root.child_element_count() > 0
}

/// Empties `#app` and renders the app into it in this one task, so no frame shows neither the
/// static view nor the app's.
fn mount(root: web_sys::Element) {
    if let Some(loading) = gloo::utils::document().get_element_by_id("loading") {
        loading.remove();
    }
    root.set_inner_html("");
    yew::Renderer::<app::App>::with_root(root).render();
    #[cfg(feature = "test-hooks")]
    test_hooks::install();
}
