//! The app shell: holds the reader's scenario in one reducer and wires it to the views.
//! Everything shown is derived from the scenario through the model; nothing here computes.

use deal_model::{format::money_b, spec, summary::summary, InputSpec, Ledger};
use yew::prelude::*;

use crate::charts::Chart;
use crate::components::{ChartCanvas, Slider};
use crate::state::{Action, ScenarioState};

/// The inputs shown up front; the rest of the table waits for the assumptions panel.
const HEADLINE_INPUTS: &[&str] = &["r30"];

#[component]
pub fn App() -> Html {
    let state = use_reducer(ScenarioState::default);
    let scenario = state.scenario;
    let ledger = use_memo(scenario, Ledger::compute);
    let selected = ledger.selected(&scenario);
    let headline = &ledger.headline;
    let story = summary(&scenario, &ledger);

    let sliders = HEADLINE_INPUTS.iter().filter_map(|key| spec(key)).map(|input: &'static InputSpec| {
        let state = state.clone();
        let on_change = Callback::from(move |value| state.dispatch(Action::Set { key: input.key, value }));
        html! { <Slider key={input.key} spec={input} value={scenario.get(input.key).unwrap_or(input.default)} {on_change} /> }
    });

    let cap_year = match headline.cap_year {
        Some(year) => year.to_string(),
        None => "not reached".to_string(),
    };

    html! {
        <>
            <header class="masthead">
                <h1>{ "OpenAI and Microsoft: who takes what under the April 2026 deal" }</h1>
                <p class="lede">
                    { "OpenAI pays Microsoft 20% of its revenue through 2030, now under a total cap. \
                       Move the slider and watch when the cap binds." }
                </p>
            </header>
            <section class="controls" aria-label="Scenario">
                { for sliders }
            </section>
            <section class="readouts" aria-label="Results">
                <dl>
                    <div class="readout">
                        <dt>{ "Cap reached in" }</dt>
                        <dd data-readout="cap_year">{ cap_year }</dd>
                    </div>
                    <div class="readout">
                        <dt>{ "OpenAI pays, new terms" }</dt>
                        <dd data-readout="total_new">{ money_b(headline.total_new) }</dd>
                    </div>
                    <div class="readout">
                        <dt>{ "OpenAI would pay, old terms" }</dt>
                        <dd data-readout="total_old">{ money_b(headline.total_old) }</dd>
                    </div>
                    <div class="readout">
                        <dt>{ format!("Payment in {}", selected.year) }</dt>
                        <dd data-readout="share_new">{ money_b(selected.share_new) }</dd>
                    </div>
                </dl>
                <p class="summary" data-summary="">{ story.clone() }</p>
            </section>
            <figure class="chart-figure">
                <ChartCanvas
                    chart={Chart::Revenue}
                    ledger={ledger.clone()}
                    selected_year={selected.year}
                    cap={scenario.cap}
                    description={AttrValue::from(story)}
                />
            </figure>
        </>
    }
}
