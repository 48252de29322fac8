//! "Pin this scenario" and the comparison table: each pinned scenario's headline figures set
//! against the live scenario's, with a way to rename, unpin or load each pin. Names are the
//! reader's (or a link's) text and only ever reach the page as text nodes and attribute values,
//! which Yew escapes.

use std::rc::Rc;

use deal_model::float_text::shortest;
use deal_model::{
    compare, money_b, signed_money_b, signed_years, Comparison, Ledger, Pin, Scenario,
};
use wasm_bindgen::JsCast;
use web_sys::{HtmlElement, HtmlInputElement};
use yew::prelude::*;

use crate::charts::Ghost;

#[derive(Properties, Clone, PartialEq)]
pub struct PinPanelProps {
    pub scenario: Scenario,
    pub ledger: Rc<Ledger>,
    pub pins: Rc<Vec<Pin>>,
    /// The pins' ledgers, computed once for the charts and reused here.
    pub ghosts: Rc<Vec<Ghost>>,
    /// Why the live scenario cannot be pinned now, in words; `None` when it can.
    pub refusal: Option<AttrValue>,
    pub on_pin: Callback<()>,
    pub on_unpin: Callback<usize>,
    pub on_rename: Callback<(usize, String)>,
    pub on_load: Callback<usize>,
}

/// What the pin button's note says while pinning is possible.
pub const PIN_HINT: &str =
    "Keeps this scenario on the charts and in a comparison table while you try others; up to three.";

/// A money column of the table: its heading, its hook for tests, and its figure.
struct Column {
    heading: &'static str,
    key: &'static str,
    figure: fn(&Comparison) -> f64,
    difference: fn(&Comparison) -> Option<f64>,
}

const COLUMNS: &[Column] = &[
    Column {
        heading: "Paid, new terms",
        key: "total_new",
        figure: |c| c.figures.total_new,
        difference: |c| c.difference.as_ref().map(|d| d.total_new),
    },
    Column {
        heading: "Would pay, old terms",
        key: "total_old",
        figure: |c| c.figures.total_old,
        difference: |c| c.difference.as_ref().map(|d| d.total_old),
    },
    Column {
        heading: "OpenAI saves",
        key: "openai_savings",
        figure: |c| c.figures.openai_savings,
        difference: |c| c.difference.as_ref().map(|d| d.openai_savings),
    },
    Column {
        heading: "Microsoft's take changes by",
        key: "microsoft_change",
        figure: |c| c.figures.microsoft_change,
        difference: |c| c.difference.as_ref().map(|d| d.microsoft_change),
    },
];

#[component]
pub fn PinPanel(props: &PinPanelProps) -> Html {
    let heading = use_node_ref();
    let refused = props.refusal.is_some();
    let count = props.pins.len();
    {
        // An unpin takes its button, and the reader's focus, with its row: the section's
        // heading keeps their place. Only when focus was lost, so back and forward, which
        // also remove pins, leave focus where it is.
        let heading = heading.clone();
        let previous = use_mut_ref(|| count);
        use_effect_with(count, move |&count| {
            let fewer = count < previous.replace(count);
            let lost = gloo::utils::document()
                .active_element()
                .is_none_or(|active| active.tag_name().eq_ignore_ascii_case("body"));
            if fewer && lost {
                if let Some(heading) = heading.cast::<HtmlElement>() {
                    let _ = heading.focus();
                }
            }
        });
    }
    let on_pin = {
        let on_pin = props.on_pin.clone();
        Callback::from(move |_: MouseEvent| on_pin.emit(()))
    };

    let pinned: Vec<(&str, &deal_model::Headline)> = props
        .pins
        .iter()
        .zip(props.ghosts.iter())
        .map(|(pin, ghost)| (pin.name(), &ghost.ledger.headline))
        .collect();
    let rows = compare(&props.ledger.headline, pinned);
    let body = rows.iter().enumerate().map(|(position, row)| {
        // Row 0 is the live scenario; pin `i` is row `i + 1`.
        let pin = position.checked_sub(1);
        let header = match (&row.name, pin) {
            (Some(name), Some(index)) => html! {
                <th scope="row">
                    <span class={classes!("pin-swatch", format!("pin-swatch-{index}"))} aria-hidden="true"></span>
                    <span class="pin-title" data-pin-name={index.to_string()}>{ name.clone() }</span>
                </th>
            },
            _ => html! { <th scope="row">{ "Live scenario" }</th> },
        };
        let cap_year = row
            .figures
            .cap_year
            .map_or_else(|| "not reached".to_string(), |y| y.to_string());
        let cap_difference = row
            .difference
            .as_ref()
            .and_then(|d| d.cap_year)
            .map(|years| html! {
                <span class="pin-difference" data-difference="cap_year" data-value={years.to_string()}>
                    { format!("{} vs live", signed_years(years)) }
                </span>
            });
        let money = COLUMNS.iter().map(|column| {
            let figure = (column.figure)(row);
            let difference = (column.difference)(row).map(|d| html! {
                <span class="pin-difference" data-difference={column.key} data-value={shortest(d)}>
                    { format!("{} vs live", signed_money_b(d)) }
                </span>
            });
            html! {
                <td data-compare={column.key} data-value={shortest(figure)}>
                    <span class="pin-figure">{ money_b(figure) }</span>
                    { for difference }
                </td>
            }
        });
        let actions = match pin.and_then(|index| Some((index, props.pins.get(index)?))) {
            Some((index, pinned)) => actions(props, index, pinned),
            None => html! { <td></td> },
        };
        let hook = pin.map_or_else(|| "live".to_string(), |i| i.to_string());
        html! {
            <tr key={hook.clone()} data-compare-row={hook}>
                { header }
                <td data-compare="cap_year">
                    <span class="pin-figure">{ cap_year }</span>
                    { for cap_difference }
                </td>
                { for money }
                { actions }
            </tr>
        }
    });

    // Nothing, not `None`, without pins: Yew lines children up from the end, so a child that
    // came and went would rebuild those before it, the pin button the reader just pressed
    // among them, and lose their focus.
    let table = if count == 0 {
        Html::default()
    } else {
        html! {
            <div class="table-scroll" tabindex="0" role="region" aria-labelledby="compare-caption">
                <table class="compare">
                    <caption id="compare-caption">
                        { "Pinned scenarios against the live one, 2026–2035, $ billions. Differences are the pin's figure minus the live one's." }
                    </caption>
                    <thead>
                        <tr>
                            <th scope="col">{ "Scenario" }</th>
                            <th scope="col">{ "Cap reached in" }</th>
                            { for COLUMNS.iter().map(|c| html! { <th scope="col">{ c.heading }</th> }) }
                            <th scope="col">{ "Name and actions" }</th>
                        </tr>
                    </thead>
                    <tbody>{ for body }</tbody>
                </table>
            </div>
        }
    };

    html! {
        <section class="pins panel" id="pins" aria-labelledby="pins-heading">
            <h2 id="pins-heading" class="section-heading" tabindex="-1" ref={heading}>{ "Pin and compare" }</h2>
            <div class="pin-bar">
                <button
                    type="button"
                    class="pin-button"
                    data-pin-action="pin"
                    // aria-disabled, not disabled: pressing it is what disables it (this
                    // scenario is then pinned), and a button disabled while focused drops the
                    // reader's focus to the page. So for Load.
                    aria-disabled={refused.then_some("true")}
                    aria-describedby="pin-note"
                    onclick={(!refused).then_some(on_pin)}
                >
                    { "Pin this scenario" }
                </button>
                <p id="pin-note" class={classes!("pin-note", refused.then_some("refused"))} data-pin-note="">
                    { props.refusal.clone().unwrap_or_else(|| AttrValue::from(PIN_HINT)) }
                </p>
            </div>
            <p class="visually-hidden" aria-live="polite" data-pin-count={count.to_string()}>
                { format!("{count} of {} scenarios pinned.", deal_model::MAX_PINS) }
            </p>
            { table }
        </section>
    }
}

/// The last cell of a pin's row: its name to edit, and buttons to load or unpin it, each
/// named after the pin for screen readers.
fn actions(props: &PinPanelProps, index: usize, pin: &Pin) -> Html {
    let name = pin.name().to_string();
    let id = format!("pin-name-{index}");
    let commit = {
        let on_rename = props.on_rename.clone();
        move |input: HtmlInputElement| on_rename.emit((index, input.value()))
    };
    let on_change = {
        let commit = commit.clone();
        Callback::from(move |event: Event| {
            if let Some(input) = event
                .target()
                .and_then(|t| t.dyn_into::<HtmlInputElement>().ok())
            {
                commit(input);
            }
        })
    };
    let on_key = {
        let name = name.clone();
        Callback::from(move |event: KeyboardEvent| {
            let Some(input) = event
                .target()
                .and_then(|t| t.dyn_into::<HtmlInputElement>().ok())
            else {
                return;
            };
            match event.key().as_str() {
                "Enter" => commit(input),
                // Back to the name in force, as a reader expects of an edit they abandon.
                "Escape" => input.set_value(&name),
                _ => {}
            }
        })
    };
    let on_unpin = {
        let on_unpin = props.on_unpin.clone();
        Callback::from(move |_: MouseEvent| on_unpin.emit(index))
    };
    let on_load = {
        let on_load = props.on_load.clone();
        Callback::from(move |_: MouseEvent| on_load.emit(index))
    };
    let live = pin.holds(&props.scenario);
    html! {
        <td class="pin-actions">
            <label class="visually-hidden" for={id.clone()}>{ format!("Rename “{name}”") }</label>
            <input
                id={id}
                class="pin-name"
                type="text"
                maxlength={deal_model::pins::NAME_LIMIT.to_string()}
                autocomplete="off"
                spellcheck="false"
                value={name.clone()}
                onchange={on_change}
                onkeydown={on_key}
            />
            <button
                type="button"
                class="pin-load"
                data-pin-load={index.to_string()}
                aria-disabled={live.then_some("true")}
                aria-label={format!("Load “{name}” as the live scenario")}
                onclick={(!live).then_some(on_load)}
            >
                { "Load" }
            </button>
            <button
                type="button"
                class="pin-unpin"
                data-pin-unpin={index.to_string()}
                aria-label={format!("Unpin “{name}”")}
                onclick={on_unpin}
            >
                { "Unpin" }
            </button>
        </td>
    }
}
