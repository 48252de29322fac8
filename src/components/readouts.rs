//! The numbers a reader asked about: the selected year's split and the totals over the
//! horizon, each tagged with `data-readout` so tests compare them with the model.

use deal_model::{money_b, Ledger, Scenario};
use yew::prelude::*;

#[derive(Properties, Clone, PartialEq)]
pub struct ReadoutsProps {
    pub scenario: Scenario,
    pub ledger: std::rc::Rc<Ledger>,
}

/// `data-value` carries the full-precision figure, so tests can hold the rounded text to the
/// model's number.
fn readout(key: &'static str, label: String, value: f64) -> Html {
    html! {
        <div class="readout" key={key}>
            <dt>{ label }</dt>
            <dd data-readout={key} data-value={value.to_string()}>{ money_b(value) }</dd>
        </div>
    }
}

#[component]
pub fn Readouts(props: &ReadoutsProps) -> Html {
    let headline = &props.ledger.headline;
    let row = props.ledger.selected(&props.scenario);
    let year = row.year;
    let cap_year = headline
        .cap_year
        .map_or_else(|| "not reached".to_string(), |y| y.to_string());
    html! {
        <div class="readouts">
            <dl class="readout-grid totals" aria-label="Totals, 2026 to 2035">
                <div class="readout" key="cap_year">
                    <dt>{ "Cap reached in" }</dt>
                    <dd data-readout="cap_year">{ cap_year }</dd>
                </div>
                { readout("total_new", "OpenAI pays, new terms".into(), headline.total_new) }
                { readout("total_old", "Would pay, old terms".into(), headline.total_old) }
                { readout("openai_savings", "OpenAI saves".into(), headline.openai_savings) }
                { readout("microsoft_change", "Microsoft's take changes by".into(), headline.microsoft_change) }
            </dl>
            <h3 class="readout-year">{ format!("In {year}") }</h3>
            <dl class="readout-grid year" aria-label={format!("Figures for {year}")}>
                { readout("revenue", "OpenAI revenue".into(), row.revenue) }
                { readout("share_new", "Paid to Microsoft".into(), row.share_new) }
                { readout("share_old", "Old terms would pay".into(), row.share_old) }
                { readout("openai_kept_new", "OpenAI keeps".into(), row.openai_kept_new) }
                { readout("microsoft_take_new", "Microsoft's take".into(), row.microsoft_take_new) }
                { readout("microsoft_take_old", "Its take, old terms".into(), row.microsoft_take_old) }
                { readout("cumulative_new", format!("Paid 2026–{year}"), row.cumulative_new) }
                { readout("cumulative_old", format!("Old terms 2026–{year}"), row.cumulative_old) }
            </dl>
        </div>
    }
}
