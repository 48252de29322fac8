//! deal-explorer: a live scenario explorer for the amended OpenAI-Microsoft agreement.
//!
//! The arithmetic lives in the `deal-model` crate; this crate only wires a reader's scenario
//! to views. Charts are generic over plotters' `DrawingBackend`, so native tests draw them to
//! SVG while the app draws them to a canvas.

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
    if let Some(loading) = document.get_element_by_id("loading") {
        loading.remove();
    }
    match document.get_element_by_id("app") {
        Some(root) => {
            // A page built with its first view prerendered (`xtask prerender`) shows it here
            // until now; emptied and rendered in this one task, no frame shows neither.
            root.set_inner_html("");
            yew::Renderer::<app::App>::with_root(root).render();
            #[cfg(feature = "test-hooks")]
            test_hooks::install();
        }
        None => panic_panel::show("The page has no element with id \"app\" to mount into."),
    }
}
