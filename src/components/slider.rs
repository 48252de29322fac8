//! One input: a range slider for dragging and a text field for typing an exact value, both
//! described by the model's input table so no range or step is written twice.

use deal_model::float_text::shortest;
use deal_model::{InputError, InputSpec, Unit};
use web_sys::HtmlInputElement;
use yew::prelude::*;

#[derive(Properties, Clone, PartialEq)]
pub struct SliderProps {
    pub spec: &'static InputSpec,
    pub value: f64,
    /// A value on the way: the slider is being dragged.
    pub on_change: Callback<f64>,
    /// A value the reader settled on: typed, reset, or where a drag or key press ended.
    pub on_commit: Callback<f64>,
}

/// What the reader should know about their last typed value.
#[derive(Clone, Debug, PartialEq)]
enum Feedback {
    None,
    Adjusted(String),
    Rejected(String),
}

#[component]
pub fn Slider(props: &SliderProps) -> Html {
    let SliderProps {
        spec,
        value,
        on_change,
        on_commit,
    } = props.clone();
    // Text the reader is typing; `None` shows the current value.
    let draft = use_state(|| None::<String>);
    let feedback = use_state(|| Feedback::None);

    let range_id = format!("input-{}", spec.name);
    let number_id = format!("number-{}", spec.name);
    let message_id = format!("message-{}", spec.name);
    let help_id = format!("help-{}", spec.name);
    let described_by = format!("{help_id} {message_id}");

    let on_range = {
        let on_change = on_change.clone();
        let feedback = feedback.clone();
        let draft = draft.clone();
        Callback::from(move |event: InputEvent| {
            let input: HtmlInputElement = event.target_unchecked_into();
            // A range input only ever reports numbers (read as one, so the page needs no float
            // parser of its own); clamp anyway, the reducer does too.
            let raw = input.value_as_number();
            if !raw.is_nan() {
                draft.set(None);
                feedback.set(Feedback::None);
                on_change.emit(spec.clamp(raw));
            }
        })
    };

    let on_release = {
        let on_commit = on_commit.clone();
        Callback::from(move |event: Event| {
            let input: HtmlInputElement = event.target_unchecked_into();
            let raw = input.value_as_number();
            if !raw.is_nan() {
                on_commit.emit(spec.clamp(raw));
            }
        })
    };

    let on_typing = {
        let draft = draft.clone();
        Callback::from(move |event: InputEvent| {
            let input: HtmlInputElement = event.target_unchecked_into();
            draft.set(Some(input.value()));
        })
    };

    let on_typed = {
        let on_commit = on_commit.clone();
        let draft = draft.clone();
        let feedback = feedback.clone();
        Callback::from(move |event: Event| {
            let input: HtmlInputElement = event.target_unchecked_into();
            let typed = input.value();
            draft.set(None);
            match spec.parse_typed(&typed) {
                Ok(parsed) => {
                    feedback.set(if parsed.adjusted {
                        Feedback::Adjusted(format!(
                            "Adjusted to {}: the range is {} to {}.",
                            spec.format_value(parsed.value),
                            spec.format_value(spec.min),
                            spec.format_value(spec.max)
                        ))
                    } else {
                        Feedback::None
                    });
                    // Yew leaves the field alone when the stored value did not change
                    // (600.2 typed, 600 kept), so write the value in force ourselves.
                    input.set_value(&plain_number(parsed.value));
                    on_commit.emit(parsed.value);
                }
                Err(error) => {
                    let problem = match error {
                        InputError::Empty => "The box is empty.".to_string(),
                        InputError::NotANumber => format!("“{}” is not a number.", typed.trim()),
                    };
                    feedback.set(Feedback::Rejected(format!(
                        "{problem} {}",
                        spec.range_message()
                    )));
                    // Show the value still in force, not the rejected text.
                    input.set_value(&plain_number(value));
                }
            }
        })
    };

    // Nothing to reset at the default: the button is then unavailable and listens to nothing.
    let at_default = value == spec.default;
    let on_reset = (!at_default).then(|| {
        let feedback = feedback.clone();
        let draft = draft.clone();
        Callback::from(move |_: MouseEvent| {
            draft.set(None);
            feedback.set(Feedback::None);
            on_commit.emit(spec.default);
        })
    });

    let (message, message_class) = match &*feedback {
        Feedback::None => (String::new(), "slider-message"),
        Feedback::Adjusted(text) => (text.clone(), "slider-message adjusted"),
        Feedback::Rejected(text) => (text.clone(), "slider-message rejected"),
    };
    let shown = (*draft).clone().unwrap_or_else(|| plain_number(value));
    let default_list = format!("default-{}", spec.name);

    html! {
        <div class="slider" data-key={spec.name}>
            <div class="slider-head">
                <label class="slider-label" for={range_id.clone()}>{ spec.label }</label>
                <span class="slider-number">
                    { unit_prefix(spec.unit) }
                    <input
                        type="text"
                        inputmode="decimal"
                        id={number_id}
                        class="number"
                        aria-label={format!("{}, typed value", spec.label)}
                        aria-describedby={described_by.clone()}
                        value={shown}
                        oninput={on_typing}
                        onchange={on_typed}
                    />
                    { unit_suffix(spec.unit) }
                </span>
                <button
                    type="button"
                    class="slider-reset"
                    aria-label={format!("Reset {} to {}", spec.label, spec.format_value(spec.default))}
                    title={format!("Reset to {}", spec.format_value(spec.default))}
                    // aria-disabled, not disabled: pressing it is what disables it, and a
                    // button disabled while focused drops the reader's focus to the page.
                    aria-disabled={at_default.then_some("true")}
                    onclick={on_reset}
                >
                    { "↺" }
                </button>
            </div>
            <div class="slider-track">
                <input
                    type="range"
                    id={range_id}
                    min={shortest(spec.min)}
                    max={shortest(spec.max)}
                    step={shortest(spec.step)}
                    value={shortest(value)}
                    aria-valuetext={spec.format_value(value)}
                    aria-describedby={described_by.clone()}
                    oninput={on_range}
                    onchange={on_release}
                    list={default_list.clone()}
                />
                // The default as a tick on the track, so a reader can find the reported
                // terms again (a style attribute would need 'unsafe-inline' in the CSP).
                <datalist id={default_list}>
                    <option value={shortest(spec.default)} label="default"></option>
                </datalist>
            </div>
            <p id={help_id.clone()} class="slider-help">{ spec.help }</p>
            <p id={message_id} class={message_class} role="status" aria-live="polite">{ message }</p>
        </div>
    }
}

/// The number as a reader would type it: no unit, no trailing zeros.
fn plain_number(value: f64) -> String {
    shortest(value)
}

fn unit_prefix(unit: Unit) -> &'static str {
    match unit {
        Unit::Billions => "$",
        _ => "",
    }
}

fn unit_suffix(unit: Unit) -> &'static str {
    match unit {
        Unit::Billions => "B",
        Unit::Percent => "%",
        _ => "",
    }
}
