//! The app shell: holds the reader's scenario in one reducer and wires it to the views.
//! Everything shown is derived from the scenario through the model; nothing here computes.

use deal_model::{
    describe_cap, describe_revenue, describe_take, spec, summary, Ledger, Preset, Scenario,
};
use yew::prelude::*;

use crate::charts::Chart;
use crate::components::{
    Assumptions, ChartCanvas, DataTable, Methodology, PresetBar, Readouts, Slider,
};
use crate::state::{Action, ScenarioState};

/// The inputs shown up front; the rest wait in the assumptions panel.
pub const HEADLINE_INPUTS: &[&str] = &["r30", "cap", "year"];

#[component]
pub fn App() -> Html {
    let state = use_reducer(ScenarioState::default);
    let scenario = state.scenario;
    let ledger = use_memo(scenario, Ledger::compute);
    let selected_year = ledger.selected(&scenario).year;

    let set = {
        let state = state.clone();
        Callback::from(move |(key, value): (&'static str, f64)| {
            state.dispatch(Action::Set { key, value })
        })
    };
    let on_preset = {
        let state = state.clone();
        Callback::from(move |preset: &'static Preset| state.dispatch(Action::ApplyPreset(preset)))
    };
    let on_reset_all = {
        let state = state.clone();
        Callback::from(move |()| state.dispatch(Action::ResetAll))
    };

    let sliders = HEADLINE_INPUTS
        .iter()
        .filter_map(|key| spec(key))
        .map(|input| {
            let set = set.clone();
            let key = input.key;
            html! {
                <Slider
                    key={key}
                    spec={input}
                    value={scenario.get(key).unwrap_or(input.default)}
                    on_change={Callback::from(move |value| set.emit((key, value)))}
                />
            }
        });

    let charts = Chart::ALL.iter().map(|&chart| {
        html! {
            <figure class="chart-figure" key={chart.slug()} data-chart-figure={chart.slug()}>
                <ChartCanvas
                    {chart}
                    ledger={ledger.clone()}
                    cap={scenario.cap}
                    {selected_year}
                    description={AttrValue::from(describe(chart, &scenario, &ledger))}
                />
            </figure>
        }
    });

    html! {
        <>
            <header class="masthead">
                <h1>{ "OpenAI and Microsoft: who takes what under the April 2026 deal" }</h1>
                <p class="lede">
                    { "OpenAI pays Microsoft a share of its revenue through 2030, now under a total cap, \
                       while Microsoft owns about a quarter of OpenAI. Move the sliders to see when the \
                       cap binds and what each side takes." }
                </p>
            </header>
            <p class="summary" data-summary="">{ summary(&scenario, &ledger) }</p>
            <section class="controls" aria-label="Headline inputs">
                { for sliders }
            </section>
            <PresetBar {scenario} {on_preset} {on_reset_all} />
            <section class="results" aria-label="Results">
                <Readouts {scenario} ledger={ledger.clone()} />
            </section>
            <section class="charts" aria-label="Charts">
                { for charts }
            </section>
            <Assumptions {scenario} headline={HEADLINE_INPUTS} on_change={set} />
            <DataTable ledger={ledger.clone()} {selected_year} />
            <Methodology />
            <footer class="colophon">
                <p>{ "Figures in US dollars, nominal. Model years 2026–2035. Not investment advice." }</p>
            </footer>
        </>
    }
}

fn describe(chart: Chart, scenario: &Scenario, ledger: &Ledger) -> String {
    match chart {
        Chart::Revenue => describe_revenue(scenario, ledger),
        Chart::Cap => describe_cap(scenario, ledger),
        Chart::Take => describe_take(scenario, ledger),
    }
}
