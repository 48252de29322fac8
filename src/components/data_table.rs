//! The yearly ledger as a table: for readers who prefer numbers, and for screen readers, to
//! whom the charts are pictures.

use deal_model::{format::percent, money_b, Ledger, YearRow};
use yew::prelude::*;

#[derive(Properties, Clone, PartialEq)]
pub struct DataTableProps {
    pub ledger: std::rc::Rc<Ledger>,
    pub selected_year: i32,
}

/// A column: its heading, the CSV column it shows (`data-column`, so tests can hold each cell
/// to the model's CSV), the figure, and how it reads.
struct Column {
    heading: &'static str,
    csv: &'static str,
    value: fn(&YearRow) -> f64,
    text: fn(f64) -> String,
}

const fn money(heading: &'static str, csv: &'static str, value: fn(&YearRow) -> f64) -> Column {
    Column {
        heading,
        csv,
        value,
        text: money_b,
    }
}

const COLUMNS: &[Column] = &[
    money("Revenue", "revenue", |r| r.revenue),
    money("Paid to Microsoft, new terms", "share_new", |r| r.share_new),
    money("Cumulative, new terms", "cumulative_new", |r| {
        r.cumulative_new
    }),
    money("Paid, old terms", "share_old", |r| r.share_old),
    money("Cumulative, old terms", "cumulative_old", |r| {
        r.cumulative_old
    }),
    money("OpenAI keeps, new terms", "openai_kept_new", |r| {
        r.openai_kept_new
    }),
    Column {
        heading: "Operating margin",
        csv: "margin_pct",
        value: |r| r.margin_pct,
        text: percent,
    },
    money("OpenAI net income, new terms", "net_income_new", |r| {
        r.net_income_new
    }),
    money("Microsoft's take, new terms", "microsoft_take_new", |r| {
        r.microsoft_take_new
    }),
    money("Microsoft's take, old terms", "microsoft_take_old", |r| {
        r.microsoft_take_old
    }),
    money("Other owners' take, new terms", "others_take_new", |r| {
        r.others_take_new
    }),
    money("Other owners' take, old terms", "others_take_old", |r| {
        r.others_take_old
    }),
];

#[component]
pub fn DataTable(props: &DataTableProps) -> Html {
    let rows = props.ledger.rows.iter().map(|row| {
        let selected = row.year == props.selected_year;
        html! {
            <tr key={row.year} class={classes!(selected.then_some("selected"))} aria-current={selected.then_some("true")}>
                <th scope="row">{ row.year }</th>
                { for COLUMNS.iter().map(|column| {
                    let value = (column.value)(row);
                    html! { <td data-column={column.csv} data-value={value.to_string()}>{ (column.text)(value) }</td> }
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
                            { for COLUMNS.iter().map(|column| html! { <th scope="col">{ column.heading }</th> }) }
                        </tr>
                    </thead>
                    <tbody>{ for rows }</tbody>
                </table>
            </div>
        </details>
    }
}
