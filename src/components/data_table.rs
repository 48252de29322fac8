//! The yearly ledger as a table: for readers who prefer numbers, and for screen readers, to
//! whom the charts are pictures.

use deal_model::columns::{self, Column, Measure};
use deal_model::{format::percent, money_b, Ledger};
use yew::prelude::*;

#[derive(Properties, Clone, PartialEq)]
pub struct DataTableProps {
    pub ledger: std::rc::Rc<Ledger>,
    pub selected_year: i32,
}

/// The columns the table shows, by their CSV names; headings and figures come from the model's
/// column table. `data-column` carries the name, so tests hold each cell to the model's CSV.
const SHOWN: &[&Column] = &[
    &columns::REVENUE,
    &columns::SHARE_NEW,
    &columns::CUMULATIVE_NEW,
    &columns::SHARE_OLD,
    &columns::CUMULATIVE_OLD,
    &columns::OPENAI_KEPT_NEW,
    &columns::MARGIN_PCT,
    &columns::NET_INCOME_NEW,
    &columns::MICROSOFT_TAKE_NEW,
    &columns::MICROSOFT_TAKE_OLD,
    &columns::OTHERS_TAKE_NEW,
    &columns::OTHERS_TAKE_OLD,
];

fn text(column: &Column, value: f64) -> String {
    match column.measure {
        Measure::Money => money_b(value),
        Measure::Percent => percent(value),
    }
}

#[component]
pub fn DataTable(props: &DataTableProps) -> Html {
    let rows = props.ledger.rows.iter().map(|row| {
        let selected = row.year == props.selected_year;
        html! {
            <tr key={row.year} class={classes!(selected.then_some("selected"))} aria-current={selected.then_some("true")}>
                <th scope="row">{ row.year }</th>
                { for SHOWN.iter().map(|column| {
                    let value = (column.value)(row);
                    html! { <td data-column={column.name} data-value={value.to_string()}>{ text(column, value) }</td> }
                }) }
            </tr>
        }
    });
    html! {
        <details class="data-table panel" id="data-table">
            <summary><h2 class="section-heading">{ "Data table" }</h2></summary>
            <div class="table-scroll" tabindex="0" role="region" aria-labelledby="data-table-caption">
                <table>
                    <caption id="data-table-caption">{ "The yearly ledger, $ billions" }</caption>
                    <thead>
                        <tr>
                            <th scope="col">{ "Year" }</th>
                            { for SHOWN.iter().map(|column| html! { <th scope="col">{ column.label }</th> }) }
                        </tr>
                    </thead>
                    <tbody>{ for rows }</tbody>
                </table>
            </div>
        </details>
    }
}
