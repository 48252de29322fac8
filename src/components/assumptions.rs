//! The inputs behind the headline sliders, grouped as the model groups them. Every slider comes
//! straight from the model's input table, so this file holds no ranges, only the grouping's
//! headings.

use deal_model::{Group, InputKey, Scenario, INPUTS};
use yew::prelude::*;

use super::Slider;

#[derive(Properties, Clone, PartialEq)]
pub struct AssumptionsProps {
    pub scenario: Scenario,
    /// Inputs already shown up front, left out here.
    pub headline: &'static [InputKey],
    /// `(key, value, settled)`: see [`super::slider::SliderProps`] for when a value settles.
    pub on_change: Callback<(InputKey, f64, bool)>,
}

/// Panel order and headings.
const GROUPS: &[(Group, &str)] = &[
    (Group::Revenue, "Revenue"),
    (Group::NewTerms, "New terms"),
    (Group::OldTerms, "Old terms"),
    (Group::Ownership, "Ownership and margins"),
    (Group::Uncertainty, "Uncertainty"),
];

#[component]
pub fn Assumptions(props: &AssumptionsProps) -> Html {
    let groups = GROUPS.iter().map(|(group, heading)| {
        let sliders = INPUTS
            .iter()
            .filter(|input| input.group == *group && !props.headline.contains(&input.key))
            .map(|input| {
                html! {
                    <Slider
                        key={input.name}
                        spec={input}
                        value={props.scenario.get(input.key)}
                        on_change={props.on_change.reform(move |value| (input.key, value, false))}
                        on_commit={props.on_change.reform(move |value| (input.key, value, true))}
                    />
                }
            });
        html! {
            <fieldset class="assumption-group" key={*heading}>
                <legend>{ *heading }</legend>
                { for sliders }
            </fieldset>
        }
    });
    html! {
        <details class="assumptions panel" id="assumptions">
            <summary><h2 class="section-heading">{ "Assumptions" }</h2></summary>
            <p class="panel-intro">
                { "The defaults are the reported terms. Not public: what revenue the 20% applies to, \
                   whether payments before 2026 count toward the cap, and whether revenue earned \
                   through other clouds is shared. Change them here." }
            </p>
            <div class="assumption-groups">{ for groups }</div>
        </details>
    }
}
