//! The scenario told as a sentence whose key numbers are themselves controls, in the manner of
//! Bret Victor's Tangle: drag "$200B" and the rest of the sentence, the charts and the address
//! follow, because each number is the same input as its slider.

use deal_model::{sentence, InputKey, Ledger, Scenario, Segment};
use yew::prelude::*;

use crate::components::ScrubNumber;

/// The five numbers stand in the same order in every scenario, so each keeps its place (and
/// a drag under way its component) from one render to the next without keys.
///
/// `on_value` takes `(input, value, settled)`, as the sliders report. `data-summary` holds the
/// sentence as text, the same words screen readers hear once a change settles.
pub fn live_sentence(
    scenario: &Scenario,
    ledger: &Ledger,
    on_value: &Callback<(InputKey, f64, bool)>,
) -> Html {
    let bounded = scenario.bounded();
    let parts = sentence(scenario, ledger)
        .into_iter()
        .map(|segment| match segment {
            Segment::Text(text) => html! { { text } },
            Segment::Number(key) => html! {
                <ScrubNumber
                    spec={key.spec()}
                    value={bounded.get(key)}
                    on_change={on_value.reform(move |value| (key, value, false))}
                    on_commit={on_value.reform(move |value| (key, value, true))}
                />
            },
        });
    html! {
        <p class="summary" data-summary="">{ for parts }</p>
    }
}
