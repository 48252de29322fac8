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
    let embedding = gloo::utils::document_element()
        .class_name()
        .contains("embedding");
    match document.get_element_by_id("app") {
        // An embed shows its loading line until its compact view, which is built at once: a
        // browser may not run the tasks of a frame out of view, and its host waits for its
        // height.
        Some(root) if embedding => mount(root),
        // A page built with its first view prerendered (`xtask prerender`) shows it here until
        // now. The takeover starts after the static view has been painted once, so it cannot
        // hold that paint back (the page's largest paint came only with the app's own view, a
        // second later, in some phone loads).
        Some(root) if root.child_element_count() > 0 => {
            services::after_paint(Box::new(move || build(root)))
        }
        Some(root) => build(root),
        None => panic_panel::show("The page has no element with id \"app\" to mount into."),
    }
}

/// Empties `#app` and renders the app into it in this one task.
fn mount(root: web_sys::Element) {
    remove_loading_line();
    root.set_inner_html("");
    yew::Renderer::<app::App>::with_root(root).render();
    #[cfg(feature = "test-hooks")]
    test_hooks::install();
}

/// Renders the full page into a new `#app` outside the document, a part per task, and puts it
/// in the place of `old` (the static view or the empty element beside the loading line) once
/// its workbench is whole, in one task: no frame shows a part-built page, and no task builds
/// the whole of it.
fn build(old: web_sys::Element) {
    let Ok(new) = gloo::utils::document().create_element(&old.tag_name()) else {
        return mount(old);
    };
    new.set_id(&old.id());
    new.set_class_name(&old.class_name());
    let swap = new.clone();
    let on_built = yew::Callback::from(move |()| {
        if panic_panel::shown() {
            return; // a part panicked: its message stays, where the reader already sees it
        }
        remove_loading_line();
        let _ = old.replace_with_with_node_1(&swap);
    });
    let props = app::AppProps {
        on_built: Some(on_built),
    };
    yew::Renderer::<app::App>::with_root_and_props(new, props).render();
    #[cfg(feature = "test-hooks")]
    test_hooks::install();
}

fn remove_loading_line() {
    if let Some(loading) = gloo::utils::document().get_element_by_id("loading") {
        loading.remove();
    }
}
