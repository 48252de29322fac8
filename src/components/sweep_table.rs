//! The revenue sweep as a table, beside the yearly ledger: what the chart of Microsoft's trade
//! draws, in numbers, for readers who prefer them and for screen readers. A compact selection
//! of its 117 revenues (every $50B, the chosen one and where the cap binds) keeps it short;
//! the whole sweep downloads as the model's CSV.

use std::rc::Rc;

use deal_model::{file_stem, money_b, sweep_csv, Scenario, SweepRow};
use yew::prelude::*;

use crate::charts::Sweep;
use crate::services::export::{self, Payload, CSV_MIME};

#[derive(Properties, Clone, PartialEq)]
pub struct SweepTableProps {
    pub scenario: Scenario,
    pub sweep: Rc<Sweep>,
}

/// Rows at every multiple of this many $B of revenue, besides the marked ones.
const EVERY: f64 = 50.0;

/// A column: its heading, the CSV column it shows (`data-column`, as in the data table), and
/// the figure.
type Column = (&'static str, &'static str, fn(&SweepRow) -> f64);

const COLUMNS: &[Column] = &[
    ("Paid, new terms", "total_paid_new", |r| r.total_paid_new),
    ("Paid, old terms", "total_paid_old", |r| r.total_paid_old),
    ("Microsoft's take, new terms", "total_take_new", |r| {
        r.total_take_new
    }),
    ("Microsoft's take, old terms", "total_take_old", |r| {
        r.total_take_old
    }),
    ("Given up by Microsoft", "upside_given_up", |r| {
        r.upside_given_up()
    }),
];

/// The download's name: the scenario's, as every download is named, then `-sweep`.
pub fn file_name(scenario: &Scenario) -> String {
    format!("{}-sweep.csv", file_stem(scenario))
}

#[component]
pub fn SweepTable(props: &SweepTableProps) -> Html {
    let status = use_state(String::new);
    let chosen = props.scenario.r30;
    let binds = props.sweep.binds_from;
    let rows = props
        .sweep
        .rows
        .iter()
        .enumerate()
        .filter(|(i, row)| *i == 0 || row.r30 % EVERY == 0.0 || row.r30 == chosen || Some(row.r30) == binds)
        .map(|(_, row)| {
            let selected = row.r30 == chosen;
            html! {
                <tr key={row.r30.to_string()} class={classes!(selected.then_some("selected"))} aria-current={selected.then_some("true")}>
                    <th scope="row" data-r30={row.r30.to_string()}>
                        { money_b(row.r30) }
                        { if Some(row.r30) == binds { " (cap binds)" } else { "" } }
                    </th>
                    { for COLUMNS.iter().map(|(_, csv, value)| {
                        let value = value(row);
                        html! { <td data-column={*csv} data-value={value.to_string()}>{ money_b(value) }</td> }
                    }) }
                </tr>
            }
        });
    let onclick = {
        let (scenario, sweep, status) = (props.scenario, Rc::clone(&props.sweep), status.clone());
        Callback::from(move |_: MouseEvent| {
            let saved = export::download(
                &file_name(&scenario),
                CSV_MIME,
                Payload::Text(&sweep_csv(&sweep.rows)),
            );
            status.set(saved.err().unwrap_or_default());
        })
    };
    html! {
        <details class="data-table panel" id="sweep-table">
            <summary><h2 class="section-heading">{ "Revenue sweep" }</h2></summary>
            <div class="table-scroll" tabindex="0" role="region" aria-labelledby="sweep-table-caption">
                <table>
                    <caption id="sweep-table-caption">
                        { "Totals 2026–2035 by OpenAI's 2030 revenue, every other input as set, $ billions" }
                    </caption>
                    <thead>
                        <tr>
                            <th scope="col">{ "2030 revenue" }</th>
                            { for COLUMNS.iter().map(|(heading, _, _)| html! { <th scope="col">{ *heading }</th> }) }
                        </tr>
                    </thead>
                    <tbody>{ for rows }</tbody>
                </table>
            </div>
            <p>
                <button type="button" class="share-button" data-download="sweep-table-csv" {onclick}>
                    { format!("Download all {} revenues as CSV", props.sweep.rows.len()) }
                </button>
                <span class="share-status" role="status">{ (*status).clone() }</span>
            </p>
        </details>
    }
}
