//! Components in a real browser (headless Chromium through wasm-bindgen-test-runner).
#![cfg(target_arch = "wasm32")]

use std::cell::RefCell;
use std::rc::Rc;

use deal_explorer::app::App;
use deal_explorer::components::slider::{Slider, SliderProps};
use deal_explorer::panic_panel;
use deal_model::{money_b, sentence, sentence_text, InputKey, Ledger, Scenario};
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_test::*;
use web_sys::{Element, ErrorEvent, ErrorEventInit, Event, EventInit, HtmlInputElement};
use yew::{AttrValue, Callback};

wasm_bindgen_test_configure!(run_in_browser);

fn fresh_root(id: &str) -> Element {
    let document = gloo::utils::document();
    if let Some(old) = document.get_element_by_id(id) {
        old.remove();
    }
    let root = document.create_element("div").expect("a div");
    root.set_id(id);
    document
        .body()
        .expect("a body")
        .append_child(&root)
        .expect("appended");
    root
}

fn query(root: &Element, selector: &str) -> Element {
    root.query_selector(selector)
        .ok()
        .flatten()
        .unwrap_or_else(|| panic!("no element matches {selector}"))
}

fn input(root: &Element, selector: &str) -> HtmlInputElement {
    query(root, selector).dyn_into().expect("an input element")
}

/// Types `text` and commits it the way a browser does on Enter or blur.
fn type_and_commit(field: &HtmlInputElement, text: &str) {
    field.set_value(text);
    let init = EventInit::new();
    init.set_bubbles(true);
    field
        .dispatch_event(&Event::new_with_event_init_dict("change", &init).expect("event"))
        .expect("dispatched");
}

fn drag_to(range: &HtmlInputElement, value: &str) {
    range.set_value(value);
    let init = EventInit::new();
    init.set_bubbles(true);
    range
        .dispatch_event(&Event::new_with_event_init_dict("input", &init).expect("event"))
        .expect("dispatched");
}

/// Mounts a slider and records what it reports: `(value, settled)`.
async fn mount_slider(id: &str, value: f64) -> (Element, Rc<RefCell<Vec<(f64, bool)>>>) {
    let root = fresh_root(id);
    let seen = Rc::new(RefCell::new(Vec::new()));
    let props = SliderProps {
        spec: InputKey::R30.spec(),
        value,
        on_change: {
            let seen = Rc::clone(&seen);
            Callback::from(move |v| seen.borrow_mut().push((v, false)))
        },
        on_commit: {
            let seen = Rc::clone(&seen);
            Callback::from(move |v| seen.borrow_mut().push((v, true)))
        },
    };
    yew::Renderer::<Slider>::with_root_and_props(root.clone(), props).render();
    yew::scheduler::flush().await;
    (root, seen)
}

#[wasm_bindgen_test]
async fn slider_describes_itself_from_the_input_table() {
    let (root, _) = mount_slider("slider-labels", 200.0).await;
    let r30 = InputKey::R30.spec();
    let range = input(&root, "input[type=range]");
    assert_eq!(range.min(), r30.min.to_string());
    assert_eq!(range.max(), r30.max.to_string());
    assert_eq!(range.step(), r30.step.to_string());
    assert_eq!(range.value(), "200");
    assert_eq!(
        range.get_attribute("aria-valuetext").as_deref(),
        Some("$200B")
    );
    let label = query(&root, "label");
    assert_eq!(label.get_attribute("for"), Some(range.id()));
    assert_eq!(label.text_content().as_deref(), Some(r30.label));
    assert_eq!(input(&root, "input.number").value(), "200");
}

#[wasm_bindgen_test]
async fn dragging_the_slider_reports_the_value() {
    let (root, seen) = mount_slider("slider-drag", 200.0).await;
    let range = input(&root, "input[type=range]");
    drag_to(&range, "345");
    yew::scheduler::flush().await;
    assert_eq!(
        *seen.borrow(),
        vec![(345.0, false)],
        "a drag step is not settled"
    );
    type_and_commit(&range, "345");
    yew::scheduler::flush().await;
    assert_eq!(
        *seen.borrow(),
        vec![(345.0, false), (345.0, true)],
        "the release settles it"
    );
}

#[wasm_bindgen_test]
async fn typed_values_out_of_range_are_clamped_with_a_visible_message() {
    let (root, seen) = mount_slider("slider-clamp", 200.0).await;
    let field = input(&root, "input.number");
    type_and_commit(&field, "9999");
    yew::scheduler::flush().await;
    assert_eq!(*seen.borrow(), vec![(600.0, true)]);
    let message = query(&root, ".slider-message")
        .text_content()
        .unwrap_or_default();
    assert_eq!(message, "Adjusted to $600B: the range is $20B to $600B.");
}

#[wasm_bindgen_test]
async fn typed_garbage_and_empty_text_are_rejected_with_a_message() {
    let (root, seen) = mount_slider("slider-reject", 200.0).await;
    let field = input(&root, "input.number");
    for bad in ["abc", "", "1e999"] {
        type_and_commit(&field, bad);
        yew::scheduler::flush().await;
        let message = query(&root, ".slider-message");
        assert_eq!(
            message.class_name(),
            "slider-message rejected",
            "for {bad:?}"
        );
        assert!(
            message
                .text_content()
                .unwrap_or_default()
                .contains("from $20B to $600B"),
            "for {bad:?}: {:?}",
            message.text_content()
        );
        assert_eq!(
            field.value(),
            "200",
            "the value in force is shown again after {bad:?}"
        );
    }
    assert!(
        seen.borrow().is_empty(),
        "nothing may be emitted for rejected input"
    );
    assert_eq!(
        query(&root, ".slider-message").text_content().as_deref(),
        Some("“1e999” is not a number. Enter a number from $20B to $600B.")
    );
}

#[wasm_bindgen_test]
async fn the_app_shows_the_models_figures_and_follows_the_slider() {
    let root = fresh_root("app-under-test");
    yew::Renderer::<App>::with_root(root.clone()).render();
    yew::scheduler::flush().await;

    let readout = |key: &str| {
        query(&root, &format!("[data-readout={key}]"))
            .text_content()
            .unwrap_or_default()
    };
    let defaults = Scenario::default();
    let ledger = Ledger::compute(&defaults);
    assert_eq!(readout("total_new"), money_b(ledger.headline.total_new));
    assert_eq!(
        query(&root, "[data-summary]")
            .text_content()
            .unwrap_or_default(),
        sentence_text(&sentence(&defaults, &ledger), &defaults)
    );
    assert!(root.query_selector("canvas.chart").ok().flatten().is_some());

    drag_to(&input(&root, "#input-r30"), "60");
    yew::scheduler::flush().await;
    let mut low = defaults;
    low.set(InputKey::R30, 60.0);
    let low_ledger = Ledger::compute(&low);
    assert_ne!(low_ledger.headline.total_old, ledger.headline.total_old);
    assert_eq!(readout("total_old"), money_b(low_ledger.headline.total_old));
    assert_eq!(input(&root, "#number-r30").value(), "60");

    // A typed value out of range lands clamped in both fields.
    type_and_commit(&input(&root, "#number-r30"), "9999");
    yew::scheduler::flush().await;
    assert_eq!(input(&root, "#number-r30").value(), "600");
    assert_eq!(input(&root, "#input-r30").value(), "600");
}

#[wasm_bindgen_test]
fn the_error_panel_replaces_the_app_and_shows_the_message_as_text() {
    let app = fresh_root("app");
    app.set_inner_html("<p>the app was here</p>");
    panic_panel::show("boom <b>not bold</b>");
    let panel = query(&app, &format!("#{}", panic_panel::PANEL_ID));
    assert_eq!(panel.get_attribute("role").as_deref(), Some("alert"));
    assert_eq!(
        query(&panel, "pre").text_content().as_deref(),
        Some("boom <b>not bold</b>")
    );
    assert!(
        panel.query_selector("b").ok().flatten().is_none(),
        "the message must not be parsed as HTML"
    );
    assert!(
        query(&panel, "a").get_attribute("href").is_some(),
        "a reload link"
    );
    assert!(!app.inner_html().contains("the app was here"));
    app.remove();
}

/// The release build's panics are bare traps; the watcher must catch them as they reach the
/// window, leave other errors alone, and keep the message a panic hook has already shown.
#[wasm_bindgen_test]
fn a_wasm_trap_reaching_the_window_shows_the_error_panel() {
    let raise = |error: &JsValue| {
        let init = ErrorEventInit::new();
        init.set_error(error);
        let event = ErrorEvent::new_with_event_init_dict("error", &init).expect("event");
        gloo::utils::window()
            .dispatch_event(&event)
            .expect("dispatched");
    };
    let panel = |app: &Element| {
        app.query_selector(&format!("#{}", panic_panel::PANEL_ID))
            .ok()
            .flatten()
    };
    panic_panel::watch_traps();

    let app = fresh_root("app");
    raise(&js_sys::Error::new("an ordinary script error").into());
    assert!(
        panel(&app).is_none(),
        "a JS error is not a crash of the app"
    );

    raise(&js_sys::WebAssembly::RuntimeError::new("unreachable").into());
    let shown = panel(&app).expect("the trap shows the panel");
    assert_eq!(
        query(&shown, "pre").text_content().as_deref(),
        Some("RuntimeError: unreachable")
    );

    let app = fresh_root("app");
    panic_panel::show("the hook's message");
    raise(&js_sys::WebAssembly::RuntimeError::new("unreachable").into());
    assert_eq!(
        query(&app, "pre").text_content().as_deref(),
        Some("the hook's message")
    );
    app.remove();
}

#[wasm_bindgen_test]
async fn presets_and_reset_all_go_through_the_reducer_to_every_view() {
    let root = fresh_root("app-presets");
    yew::Renderer::<App>::with_root(root.clone()).render();
    yew::scheduler::flush().await;

    let click = |selector: &str| {
        query(&root, selector)
            .dyn_into::<web_sys::HtmlElement>()
            .expect("a clickable element")
            .click()
    };
    click("[data-preset=bear]");
    yew::scheduler::flush().await;
    let bear = Scenario::default().with_preset(deal_model::preset("bear").expect("bear"));
    let ledger = Ledger::compute(&bear);
    assert_eq!(input(&root, "#input-r30").value(), "80");
    assert_eq!(
        query(&root, "[data-readout=total_old]")
            .text_content()
            .unwrap_or_default(),
        money_b(ledger.headline.total_old)
    );
    assert_eq!(
        query(&root, "[data-preset=bear]")
            .get_attribute("aria-pressed")
            .as_deref(),
        Some("true")
    );
    assert_eq!(
        query(&root, "[data-summary]")
            .text_content()
            .unwrap_or_default(),
        sentence_text(&sentence(&bear, &ledger), &bear)
    );

    let reset_all = query(&root, ".reset-all")
        .dyn_into::<web_sys::HtmlElement>()
        .expect("a button");
    reset_all.focus().expect("focused");
    click(".reset-all");
    yew::scheduler::flush().await;
    assert_eq!(input(&root, "#input-r30").value(), "200");
    // Marked unavailable, and still where the reader's focus is.
    assert_eq!(
        query(&root, ".reset-all")
            .get_attribute("aria-disabled")
            .as_deref(),
        Some("true")
    );
    assert_eq!(
        gloo::utils::document().active_element(),
        Some(reset_all.into()),
        "reset all dropped the focus"
    );
}

/// What the comparison panel reports back.
#[derive(Debug, PartialEq)]
enum PinEvent {
    Pin,
    Unpin(usize),
    Rename(usize, String),
    Load(usize),
}

#[wasm_bindgen_test]
async fn pinning_the_first_scenario_keeps_the_pin_button_and_its_focus() {
    use deal_explorer::charts::Ghost;
    use deal_explorer::components::pin_panel::{PinPanel, PinPanelProps};
    use deal_model::Pin;

    let live = Scenario::default();
    let props = |pins: Vec<Pin>| PinPanelProps {
        scenario: live,
        ledger: Rc::new(Ledger::compute(&live)),
        ghosts: Rc::new(
            pins.iter()
                .map(|pin| Ghost::of(pin.name(), &pin.scenario))
                .collect(),
        ),
        pins: Rc::new(pins),
        refusal: None,
        on_pin: Callback::noop(),
        on_unpin: Callback::noop(),
        on_rename: Callback::noop(),
        on_load: Callback::noop(),
    };
    let root = fresh_root("pin-focus");
    let mut handle =
        yew::Renderer::<PinPanel>::with_root_and_props(root.clone(), props(Vec::new())).render();
    yew::scheduler::flush().await;
    let button = query(&root, "[data-pin-action=pin]")
        .dyn_into::<web_sys::HtmlElement>()
        .expect("a button");
    button.focus().expect("focused");
    // The first pin brings the comparison table, and the button refuses a second pin of the
    // same scenario; the last unpin takes the table away.
    for pins in [vec![Pin::new("", live, 0)], Vec::new()] {
        let pinned = pins.len();
        let refusal = (pinned > 0).then(|| AttrValue::from("already pinned"));
        handle.update(PinPanelProps {
            refusal: refusal.clone(),
            ..props(pins)
        });
        yew::scheduler::flush().await;
        assert_eq!(
            count(&root, ".compare"),
            pinned.min(1) as u32,
            "{pinned} pins"
        );
        assert_eq!(
            root.query_selector("[data-pin-action=pin]").ok().flatten(),
            Some(button.clone().into()),
            "with {pinned} pins, the pin button was rebuilt"
        );
        assert_eq!(
            gloo::utils::document().active_element(),
            Some(button.clone().into()),
            "with {pinned} pins, focus left the pin button"
        );
        assert_eq!(
            button.get_attribute("aria-disabled"),
            refusal.map(|_| "true".to_string())
        );
    }
    root.remove();
}

#[wasm_bindgen_test]
async fn the_pin_panel_compares_escapes_names_and_reports_each_gesture() {
    use deal_explorer::charts::Ghost;
    use deal_explorer::components::pin_panel::{PinPanel, PinPanelProps, PIN_HINT};
    use deal_model::{signed_money_b, Pin};

    let root = fresh_root("pin-panel");
    let seen = Rc::new(RefCell::new(Vec::new()));
    let live = Scenario::default();
    let mut high = Scenario::default();
    high.set(InputKey::Cap, 60.0);
    let markup = "<b id=\"bold\">x</b>&";
    let pins = vec![Pin::new(markup, high, 0), Pin::new("", live, 1)];
    let ghosts: Vec<Ghost> = pins
        .iter()
        .map(|pin| Ghost::of(pin.name(), &pin.scenario))
        .collect();
    let report = |event: fn(_) -> PinEvent| {
        let seen = Rc::clone(&seen);
        Callback::from(move |value| seen.borrow_mut().push(event(value)))
    };
    let props = PinPanelProps {
        scenario: live,
        ledger: Rc::new(Ledger::compute(&live)),
        pins: Rc::new(pins),
        ghosts: Rc::new(ghosts.clone()),
        refusal: None,
        on_pin: {
            let seen = Rc::clone(&seen);
            Callback::from(move |()| seen.borrow_mut().push(PinEvent::Pin))
        },
        on_unpin: report(PinEvent::Unpin),
        on_rename: {
            let seen = Rc::clone(&seen);
            Callback::from(move |(i, name)| seen.borrow_mut().push(PinEvent::Rename(i, name)))
        },
        on_load: report(PinEvent::Load),
    };
    yew::Renderer::<PinPanel>::with_root_and_props(root.clone(), props).render();
    yew::scheduler::flush().await;

    assert_eq!(
        query(&root, "[data-pin-note]").text_content().as_deref(),
        Some(PIN_HINT)
    );
    assert_eq!(
        query(&root, "[data-pin-name=\"0\"]")
            .text_content()
            .as_deref(),
        Some(markup)
    );
    assert!(
        root.query_selector("#bold").ok().flatten().is_none(),
        "a name is text, not markup"
    );
    // The first pin pays $22B more than the live scenario under the new terms (cap $60B
    // against $38B, both reached).
    let expected = ghosts[0].ledger.headline.total_new - Ledger::compute(&live).headline.total_new;
    assert_eq!(
        query(
            &root,
            "tr[data-compare-row=\"0\"] [data-difference=\"total_new\"]"
        )
        .text_content()
        .as_deref(),
        Some(format!("{} vs live", signed_money_b(expected)).as_str())
    );
    let unavailable = |selector: &str| {
        query(&root, selector)
            .get_attribute("aria-disabled")
            .as_deref()
            == Some("true")
    };
    assert!(
        unavailable("[data-pin-load=\"1\"]"),
        "a pin of the live scenario cannot be loaded again"
    );
    assert!(!unavailable("[data-pin-load=\"0\"]"));

    let click = |selector: &str| {
        query(&root, selector)
            .dyn_into::<web_sys::HtmlElement>()
            .expect("an element")
            .click()
    };
    click("[data-pin-action=\"pin\"]");
    click("[data-pin-unpin=\"1\"]");
    click("[data-pin-load=\"0\"]");
    type_and_commit(&input(&root, "#pin-name-0"), "  Cap $60B ");
    assert_eq!(
        *seen.borrow(),
        [
            PinEvent::Pin,
            PinEvent::Unpin(1),
            PinEvent::Load(0),
            PinEvent::Rename(0, "  Cap $60B ".into())
        ]
    );
}

/// The draggable number of the live sentence: keys, pointer drags and what it tells a screen
/// reader.
mod scrub_number {
    use super::*;
    use deal_explorer::components::scrub_number::{ScrubNumber, ScrubNumberProps};
    use web_sys::{KeyboardEvent, KeyboardEventInit, PointerEvent, PointerEventInit};
    use yew::prelude::*;

    type Seen = Rc<RefCell<Vec<(f64, bool)>>>;

    #[derive(Properties)]
    struct HarnessProps {
        input: InputKey,
        start: f64,
        seen: Seen,
    }

    impl PartialEq for HarnessProps {
        fn eq(&self, other: &Self) -> bool {
            self.input == other.input
                && self.start == other.start
                && Rc::ptr_eq(&self.seen, &other.seen)
        }
    }

    /// The number in a sentence, holding its value the way the app's reducer does, and
    /// recording what it reports: `(value, settled)`.
    #[component]
    fn Harness(props: &HarnessProps) -> Html {
        let value = use_state(|| props.start);
        let report = |settled: bool| {
            let value = value.clone();
            let seen = Rc::clone(&props.seen);
            Callback::from(move |v: f64| {
                seen.borrow_mut().push((v, settled));
                value.set(v);
            })
        };
        html! {
            <p>
                { "If OpenAI earns " }
                <ScrubNumber
                    spec={props.input.spec()}
                    value={*value}
                    on_change={report(false)}
                    on_commit={report(true)}
                />
                { " in 2030." }
            </p>
        }
    }

    async fn mount(id: &str, input: InputKey, start: f64) -> (Element, Element, Seen) {
        let root = fresh_root(id);
        let seen: Seen = Rc::new(RefCell::new(Vec::new()));
        let props = HarnessProps {
            input,
            start,
            seen: Rc::clone(&seen),
        };
        yew::Renderer::<Harness>::with_root_and_props(root.clone(), props).render();
        yew::scheduler::flush().await;
        let number = query(&root, ".scrub-number");
        (root, number, seen)
    }

    /// Presses a key on the number; true when the number took it (the default was prevented).
    async fn press(number: &Element, key: &str, shift: bool) -> bool {
        let init = KeyboardEventInit::new();
        init.set_key(key);
        init.set_shift_key(shift);
        init.set_bubbles(true);
        init.set_cancelable(true);
        let event = KeyboardEvent::new_with_keyboard_event_init_dict("keydown", &init)
            .expect("a keyboard event");
        let not_prevented = number.dispatch_event(&event).expect("dispatched");
        yew::scheduler::flush().await;
        !not_prevented
    }

    async fn pointer(number: &Element, kind: &str, id: i32, x: i32) {
        let init = PointerEventInit::new();
        init.set_pointer_id(id);
        init.set_pointer_type("mouse");
        init.set_is_primary(true);
        init.set_button(if kind == "pointermove" { -1 } else { 0 });
        init.set_client_x(x);
        init.set_client_y(10);
        init.set_bubbles(true);
        init.set_cancelable(true);
        let event = PointerEvent::new_with_event_init_dict(kind, &init).expect("a pointer event");
        number.dispatch_event(&event).expect("dispatched");
        yew::scheduler::flush().await;
    }

    fn attribute(element: &Element, name: &str) -> String {
        element.get_attribute(name).unwrap_or_default()
    }

    #[wasm_bindgen_test]
    async fn the_number_describes_itself_from_the_input_table() {
        let root = fresh_root("scrub-aria");
        let stake = InputKey::Stake.spec();
        let props = ScrubNumberProps {
            spec: stake,
            value: 27.5,
            on_change: Callback::noop(),
            on_commit: Callback::noop(),
        };
        yew::Renderer::<ScrubNumber>::with_root_and_props(root.clone(), props).render();
        yew::scheduler::flush().await;
        let number = query(&root, "[role=slider]");
        assert_eq!(number.tag_name(), "SPAN", "inline in the sentence");
        assert_eq!(number.class_name(), "scrub-number");
        assert_eq!(attribute(&number, "data-key"), "stake");
        assert_eq!(attribute(&number, "tabindex"), "0");
        assert_eq!(attribute(&number, "aria-label"), stake.label);
        assert_eq!(attribute(&number, "aria-valuemin"), "0");
        assert_eq!(attribute(&number, "aria-valuemax"), "49");
        assert_eq!(attribute(&number, "aria-valuenow"), "27.5");
        assert_eq!(attribute(&number, "aria-valuetext"), "27.5%");
        assert_eq!(number.text_content().as_deref(), Some("27.5%"));

        let (_, number, _) = mount("scrub-aria-money", InputKey::R30, 200.0).await;
        assert_eq!(attribute(&number, "aria-valuetext"), "$200B");
        assert_eq!(attribute(&number, "aria-valuemin"), "20");
        assert_eq!(attribute(&number, "aria-valuemax"), "600");
        assert_eq!(number.text_content().as_deref(), Some("$200B"));
        let (_, number, _) = mount("scrub-aria-year", InputKey::Year, 2030.0).await;
        assert_eq!(attribute(&number, "aria-valuetext"), "2030");
        assert_eq!(attribute(&number, "aria-valuenow"), "2030");
    }

    #[wasm_bindgen_test]
    async fn keys_step_jump_and_clamp_and_every_press_commits() {
        let (_, number, seen) = mount("scrub-keys", InputKey::R30, 200.0).await;
        assert!(press(&number, "ArrowRight", false).await);
        assert!(press(&number, "ArrowUp", true).await);
        assert!(press(&number, "ArrowLeft", false).await);
        assert!(press(&number, "PageDown", false).await);
        assert!(press(&number, "ArrowDown", true).await);
        assert!(press(&number, "Home", false).await);
        assert!(press(&number, "ArrowDown", false).await);
        assert!(press(&number, "PageDown", false).await);
        assert!(press(&number, "End", false).await);
        assert!(press(&number, "ArrowRight", true).await);
        assert!(press(&number, "PageUp", false).await);
        assert!(!press(&number, "a", false).await, "other keys pass through");
        assert!(!press(&number, "Tab", false).await, "Tab still moves focus");
        let settled: Vec<(f64, bool)> = [
            205.0, 255.0, 250.0, 200.0, 150.0, 20.0, 20.0, 20.0, 600.0, 600.0, 600.0,
        ]
        .iter()
        .map(|v| (*v, true))
        .collect();
        assert_eq!(*seen.borrow(), settled);
        assert_eq!(attribute(&number, "aria-valuenow"), "600");
        assert_eq!(attribute(&number, "aria-valuetext"), "$600B");
        assert_eq!(number.text_content().as_deref(), Some("$600B"));
    }

    #[wasm_bindgen_test]
    async fn a_drag_reports_values_on_the_way_and_commits_where_it_ends() {
        // r30: 116 steps over 200 px, so +50 px is 29 steps and +100 px is 58 steps.
        let (_, number, seen) = mount("scrub-drag", InputKey::R30, 200.0).await;
        pointer(&number, "pointerdown", 7, 100).await;
        assert_eq!(number.class_name(), "scrub-number is-dragging");
        assert_eq!(
            gloo::utils::document().active_element().as_ref(),
            Some(&number),
            "a press focuses the number, so keys work after a drag"
        );
        pointer(&number, "pointermove", 7, 150).await;
        pointer(&number, "pointermove", 7, 150).await; // no sideways movement: nothing new
        pointer(&number, "pointermove", 8, 400).await; // another pointer: not this drag
        pointer(&number, "pointermove", 7, 200).await;
        pointer(&number, "pointerup", 7, 200).await;
        assert_eq!(
            *seen.borrow(),
            [(345.0, false), (490.0, false), (490.0, true)]
        );
        assert_eq!(number.class_name(), "scrub-number");
        assert_eq!(attribute(&number, "aria-valuetext"), "$490B");

        // Moves after the release are only hovering.
        pointer(&number, "pointermove", 7, 300).await;
        assert_eq!(seen.borrow().len(), 3);

        // Leftwards past the end clamps, and a cancelled drag settles its last value.
        seen.borrow_mut().clear();
        pointer(&number, "pointerdown", 9, 500).await;
        pointer(&number, "pointermove", 9, 0).await;
        pointer(&number, "pointercancel", 9, 0).await;
        assert_eq!(*seen.borrow(), [(20.0, false), (20.0, true)]);

        // A press and release without a move settles the value it started from.
        seen.borrow_mut().clear();
        pointer(&number, "pointerdown", 10, 50).await;
        pointer(&number, "pointerup", 10, 50).await;
        assert_eq!(*seen.borrow(), [(20.0, true)]);
    }

    #[wasm_bindgen_test]
    async fn a_wide_range_moves_one_step_a_pixel() {
        // The cap: 200 steps of $1B, so 200 px span it and +100 px is $100B more.
        let (_, number, seen) = mount("scrub-cap", InputKey::Cap, 38.0).await;
        pointer(&number, "pointerdown", 1, 10).await;
        pointer(&number, "pointermove", 1, 110).await;
        pointer(&number, "pointerup", 1, 110).await;
        assert_eq!(*seen.borrow(), [(138.0, false), (138.0, true)]);
        assert_eq!(attribute(&number, "aria-valuetext"), "$138B");
    }

    #[wasm_bindgen_test]
    async fn only_the_main_button_of_the_primary_pointer_drags() {
        let (_, number, seen) = mount("scrub-buttons", InputKey::Cap, 38.0).await;
        let init = PointerEventInit::new();
        init.set_pointer_id(3);
        init.set_is_primary(true);
        init.set_button(2);
        init.set_bubbles(true);
        let right = PointerEvent::new_with_event_init_dict("pointerdown", &init).expect("event");
        number.dispatch_event(&right).expect("dispatched");
        yew::scheduler::flush().await;
        pointer(&number, "pointermove", 3, 50).await;
        pointer(&number, "pointerup", 3, 50).await;
        assert!(seen.borrow().is_empty(), "{:?}", seen.borrow());
    }
}

/// During a drag the address stays as it was (each write costs the frame a few milliseconds);
/// the release writes where the drag ended, at once.
#[wasm_bindgen_test]
async fn a_drag_leaves_the_address_alone_until_its_release_writes_it() {
    use deal_explorer::services::url_sync::UrlSync;
    use deal_model::View;

    let search = || {
        gloo::utils::window()
            .location()
            .search()
            .unwrap_or_default()
    };
    let url = UrlSync::default();
    let at = |r30: f64| Scenario {
        r30,
        ..Scenario::default()
    };
    url.follow(&at(210.0), &[], &View::default(), 1, false);
    assert!(search().contains("r30=210"), "{}", search());
    for r30 in [220.0, 230.0, 240.0] {
        url.follow(&at(r30), &[], &View::default(), 2, true);
    }
    assert!(
        search().contains("r30=210"),
        "mid-drag, not yet: {}",
        search()
    );
    url.follow(&at(250.0), &[], &View::default(), 2, false);
    assert!(search().contains("r30=250"), "released: {}", search());
}

/// Until the window calls back the function `schedule` hands it (a timer, a frame).
async fn window_calls(
    schedule: impl Fn(&web_sys::Window, &js_sys::Function) -> Result<i32, JsValue>,
) {
    let promise = js_sys::Promise::new(&mut |resolve, _| {
        schedule(&web_sys::window().expect("a window"), &resolve).expect("scheduled");
    });
    wasm_bindgen_futures::JsFuture::from(promise)
        .await
        .expect("called back");
}

/// A task after those already queued: a `setTimeout` of 0, which fires after the earlier ones.
async fn next_task() {
    window_calls(|window, resolve| window.set_timeout_with_callback(resolve)).await;
}

#[wasm_bindgen_test]
async fn the_first_render_leaves_each_charts_first_draw_to_a_task_of_its_own() {
    let root = fresh_root("app-first-draws");
    yew::Renderer::<App>::with_root(root.clone()).render();
    yew::scheduler::flush().await;
    let drawn = || {
        root.query_selector_all("canvas.chart[data-drawn]")
            .map(|list| list.length())
            .unwrap_or_default()
    };
    let canvases = root
        .query_selector_all("canvas.chart")
        .map(|list| list.length())
        .unwrap_or_default();
    assert_eq!(canvases, 4);
    // The page's first task, which rendered the whole app, drew no chart...
    assert_eq!(drawn(), 0, "a chart drawn in the first render's task");
    // ...and the tasks it queued drew them all.
    next_task().await;
    assert_eq!(drawn(), canvases);
}

/// After `millis`, in a task of its own.
async fn sleep(millis: i32) {
    window_calls(|window, resolve| {
        window.set_timeout_with_callback_and_timeout_and_arguments_0(resolve, millis)
    })
    .await;
}

/// Whether `selector` matches in `root` within `millis`.
async fn appears(root: &Element, selector: &str, millis: i32) -> bool {
    for _ in 0..millis / 10 {
        if count(root, selector) > 0 {
            return true;
        }
        sleep(10).await;
    }
    count(root, selector) > 0
}

/// After the next animation frame's callbacks, that is once the browser is about to paint.
async fn next_frame() {
    window_calls(|window, resolve| window.request_animation_frame(resolve)).await;
}

const PRERENDERED: &str = "<div class=\"workbench\" data-prerendered=\"\"><p>static</p></div>";

fn is_static(root: &Element) -> bool {
    root.query_selector("[data-prerendered]")
        .ok()
        .flatten()
        .is_some()
}

fn count(root: &Element, selector: &str) -> u32 {
    root.query_selector_all(selector)
        .map(|list| list.length())
        .unwrap_or_default()
}

/// The page's `#app` once it is no longer `old`, and how many tasks that took.
async fn replaced(old: &Element) -> (Element, u32) {
    for tasks in 1..200 {
        next_task().await;
        match gloo::utils::document().get_element_by_id("app") {
            Some(app) if app != *old => return (app, tasks),
            _ => assert!(is_static(old), "the static view went before the app came"),
        }
    }
    panic!("the app never replaced the static view");
}

#[wasm_bindgen_test]
async fn a_prerendered_view_is_taken_over_after_a_frame_has_painted_it_but_an_embed_at_once() {
    let html = gloo::utils::document_element();
    for embedding in [false, true] {
        html.set_class_name(if embedding { "embedding" } else { "" });
        let root = fresh_root("app");
        root.set_inner_html(PRERENDERED);
        deal_explorer::start();
        // An embed shows its loading line, not the static view: nothing to wait for.
        assert_eq!(is_static(&root), !embedding, "embedding: {embedding}");
        next_frame().await;
        next_task().await;
        yew::scheduler::flush().await;
        let app = if embedding {
            root
        } else {
            replaced(&root).await.0
        };
        assert!(!is_static(&app), "embedding: {embedding}: still static");
        assert!(
            app.query_selector(".workbench").ok().flatten().is_some(),
            "embedding: {embedding}: the app's own view"
        );
        app.remove();
    }
    html.set_class_name("");
}

#[wasm_bindgen_test]
async fn the_full_page_is_built_a_part_per_task_and_put_in_whole_and_once() {
    let root = fresh_root("app");
    root.set_inner_html(PRERENDERED);
    deal_explorer::start();
    next_frame().await;
    // Until the workbench is whole the page shows the static view (`replaced` checks it after
    // every task), and no one task builds it.
    let (app, tasks) = replaced(&root).await;
    assert!(tasks >= 4, "built in {tasks} tasks");
    assert!(!root.is_connected(), "the static view is still in the page");
    assert_eq!(count(&app, "canvas.chart"), 4, "every chart at once");
    assert_eq!(count(&app, "input[type=range]"), 3, "the headline sliders");
    assert_eq!(count(&app, "#pins"), 1, "the pins");
    assert_eq!(count(&app, "[data-summary]"), 1, "the sentence");
    let canvases = app.query_selector_all("canvas.chart").expect("canvases");
    // The panels follow, a task each, below the workbench, and leave what is built as it is
    // (Yew rebuilt the charts when a part came in as an `Option`). They wait while a control
    // moves, and an earlier test may have moved one a moment ago.
    assert!(
        appears(&app, "#share", 3000).await,
        "the page was never whole"
    );
    for panel in ["#assumptions", "#data-table", "#sweep-table", "#share"] {
        assert_eq!(count(&app, panel), 1, "{panel}");
    }
    // A canvas has no size outside the page: each draws once in it, after a frame.
    next_frame().await;
    next_task().await;
    assert_eq!(count(&app, "canvas.chart[data-drawn]"), 4, "charts drawn");
    let now = app.query_selector_all("canvas.chart").expect("canvases");
    for i in 0..canvases.length() {
        let (before, after) = (canvases.get(i), now.get(i));
        assert!(
            before.is_some() && before == after && after.is_some_and(|c| c.is_connected()),
            "chart {i} was rebuilt"
        );
    }
    app.remove();
}

#[wasm_bindgen_test]
async fn the_panels_below_the_workbench_wait_while_the_reader_drags() {
    const PANELS: &str = "#assumptions, #data-table, #sweep-table, #share";
    let root = fresh_root("app");
    root.set_inner_html(PRERENDERED);
    deal_explorer::start();
    next_frame().await;
    // The reader grabs a slider the moment the workbench is in, before the panels below it.
    let (app, _) = replaced(&root).await;
    let at_start = count(&app, PANELS);
    assert!(at_start < 4, "the page was whole before the drag began");
    let range = input(&app, "#input-r30");
    for step in 0..40 {
        drag_to(&range, &(150 + 5 * step).to_string());
        sleep(20).await;
        assert_eq!(
            count(&app, PANELS),
            at_start,
            "a panel was built during the drag, {} ms in",
            20 * step
        );
    }
    yew::scheduler::flush().await;
    assert_eq!(
        input(&app, "#number-r30").value(),
        "345",
        "the drag moved the scenario"
    );
    // Once the controls rest the page becomes whole, a part per task.
    assert!(appears(&app, "#share", 3000).await, "the panels never came");
    assert_eq!(count(&app, PANELS), 4);
    app.remove();
}

/// A panic while the full page is built outside the document shows the panel in the page's
/// `#app`; the build must then leave it there (in CI the test panic's timer fired before the
/// swap, and the page put in over it showed no error at all).
#[wasm_bindgen_test]
async fn a_panic_before_the_full_page_is_put_in_leaves_the_error_panel_in_its_place() {
    let root = fresh_root("app");
    root.set_inner_html(PRERENDERED);
    let loading = gloo::utils::document()
        .create_element("p")
        .expect("a paragraph");
    loading.set_id("loading");
    gloo::utils::body()
        .append_child(&loading)
        .expect("appended");
    deal_explorer::start();
    next_frame().await;
    assert!(is_static(&root), "the full page was put in already");
    panic_panel::show("a part panicked");
    assert!(!loading.is_connected(), "the loading line beside the panel");
    for _ in 0..50 {
        next_task().await;
    }
    assert!(
        root.is_connected(),
        "the full page was put in over the panel"
    );
    assert_eq!(
        query(&root, "pre").text_content().as_deref(),
        Some("a part panicked")
    );
    assert_eq!(count(&gloo::utils::body(), "#app"), 1);
    root.remove();
}

/// A component elsewhere on the page whose every render after an `input` event takes 20 ms of
/// script: with it, Yew's run after an input passes the 16 ms after which it leaves whatever
/// is left (effects) to a task of its own, as an input's renders on a slow phone do.
mod slow_neighbour {
    use yew::prelude::*;

    #[component]
    pub fn SlowNeighbour() -> Html {
        let inputs = use_state(|| 0_u32);
        {
            let inputs = inputs.clone();
            use_effect_with((), move |_| {
                let listener = gloo::events::EventListener::new(
                    &gloo::utils::document(),
                    "input",
                    move |_| inputs.set(*inputs + 1),
                );
                move || drop(listener)
            });
        }
        if *inputs > 0 {
            let until = js_sys::Date::now() + 20.0;
            while js_sys::Date::now() < until {}
        }
        html! { <p>{ *inputs }</p> }
    }
}

/// A chart's pixels, compared rather than printed: a data URL runs to tens of kilobytes.
fn pixels(root: &Element, chart: &str) -> String {
    query(root, &format!("canvas.chart[data-chart={chart}]"))
        .dyn_into::<web_sys::HtmlCanvasElement>()
        .expect("a canvas")
        .to_data_url()
        .expect("pixels")
}

/// The app mounted in a fresh root of that id, once its four charts are drawn.
async fn mount_drawn(id: &str) -> Element {
    let root = fresh_root(id);
    yew::Renderer::<App>::with_root(root.clone()).render();
    yew::scheduler::flush().await;
    for _ in 0..20 {
        if count(&root, "canvas.chart[data-drawn]") == 4 {
            break;
        }
        next_frame().await;
        next_task().await;
    }
    assert_eq!(count(&root, "canvas.chart[data-drawn]"), 4, "charts drawn");
    root
}

#[wasm_bindgen_test]
async fn an_inputs_charts_are_drawn_in_its_own_task_however_long_its_renders_take() {
    let slow = fresh_root("slow-neighbour");
    yew::Renderer::<slow_neighbour::SlowNeighbour>::with_root(slow.clone()).render();
    let root = mount_drawn("app-slow-renders").await;
    // In view: a chart far below it waits for the reader to rest (earlier tests' apps are
    // still on the page, above this one).
    query(&root, "canvas.chart[data-chart=revenue]").scroll_into_view();
    // Past the frame each chart booked after its first draw, so the next change draws at once.
    next_frame().await;
    next_frame().await;
    let before = pixels(&root, "revenue");
    // A task queued before the input runs right after the input's own task.
    let after_input =
        wasm_bindgen_futures::JsFuture::from(js_sys::Promise::new(&mut |resolve, _| {
            web_sys::window()
                .expect("a window")
                .set_timeout_with_callback(&resolve)
                .expect("scheduled");
        }));
    drag_to(&input(&root, "#input-r30"), "450");
    after_input.await.expect("called back");
    assert_eq!(query(&slow, "p").text_content().as_deref(), Some("1"));
    let after = pixels(&root, "revenue");
    assert!(
        after != before,
        "the chart was not redrawn in the input's own task"
    );
    root.remove();
    slow.remove();
}

#[wasm_bindgen_test]
async fn a_chart_far_below_the_screen_waits_for_the_reader_to_rest_or_scroll_to_it() {
    // Charts as tall as a laptop's screen, the first at the top of the view: the last one is
    // two screens below it.
    let style = gloo::utils::document()
        .create_element("style")
        .expect("a style");
    // Alone on the page: earlier tests leave their apps, which go on growing above this one.
    style.set_text_content(Some(
        "canvas.chart { display: block; width: 500px; height: 100vh } \
         body > :not(#app-far-charts, style) { display: none }",
    ));
    gloo::utils::body().append_child(&style).expect("appended");
    let root = mount_drawn("app-far-charts").await;
    query(&root, "canvas.chart[data-chart=revenue]").scroll_into_view();
    // Past the frames the charts booked after their first draws, and past any rest.
    sleep(500).await;
    let range = input(&root, "#input-r30");
    let (mut near, far) = (pixels(&root, "revenue"), pixels(&root, "traded"));
    // Away from wherever an earlier test's address left the slider.
    let start: f64 = range.value().parse().expect("a number");
    let from = if start > 300.0 { 100 } else { 350 };
    for step in 0..10 {
        drag_to(&range, &(from + 10 * step).to_string());
        // Within a few frames (the redraw's timing is another test's).
        let mut now = pixels(&root, "revenue");
        for _ in 0..5 {
            if now != near {
                break;
            }
            next_frame().await;
            now = pixels(&root, "revenue");
        }
        assert!(
            now != near,
            "the chart in view was not redrawn at step {step}"
        );
        near = now;
        assert!(
            pixels(&root, "traded") == far,
            "the chart two screens down was drawn during the drag, at step {step}"
        );
    }
    // Once the reader rests, it is drawn.
    sleep(600).await;
    let rested = pixels(&root, "traded");
    assert!(
        rested != far,
        "the chart far down was not drawn once the reader rested"
    );
    // Or as soon as the reader scrolls to it, in the frame that shows it, before any rest.
    drag_to(&range, &(from + 200).to_string());
    next_frame().await;
    assert!(pixels(&root, "traded") == rested, "drawn during the drag");
    query(&root, "canvas.chart[data-chart=traded]").scroll_into_view();
    next_frame().await;
    assert!(
        pixels(&root, "traded") != rested,
        "the chart was not drawn in the frame that scrolled it into view"
    );
    root.remove();
    style.remove();
    gloo::utils::window().scroll_to_with_x_and_y(0.0, 0.0);
}
