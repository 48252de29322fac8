//! The yearly ledger as a table: for readers who prefer numbers, and for screen readers, to
//! whom the charts are pictures. Its markup is shared with the revenue sweep's table
//! ([`table_panel`]), so the wasm carries one copy of it.

use deal_model::columns::{self, Column, Measure};
use deal_model::float_text::shortest;
use deal_model::{format::percent, money_b, Ledger};
use yew::prelude::*;

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

/// One row of a table panel: its heading cell, whether it is the reader's own (marked and
/// `aria-current`), and its cells.
pub struct Row {
    pub head: String,
    pub selected: bool,
    pub cells: Vec<Cell>,
}

/// A cell: the CSV column it shows (`data-column`), its exact figure (`data-value`), and how
/// it reads.
pub struct Cell {
    pub column: &'static str,
    pub value: f64,
    pub text: String,
}

/// What a table panel shows besides its rows.
pub struct Panel<'a> {
    pub id: &'static str,
    pub title: &'static str,
    pub caption: &'static str,
    /// The headings: the rows' own first, then one per cell.
    pub headings: Vec<&'a str>,
}

/// A collapsible panel with a scrolling table, keyed by each row's heading.
pub fn table_panel(panel: Panel, rows: Vec<Row>) -> Html {
    let caption = format!("{}-caption", panel.id);
    let rows = rows.into_iter().map(|row| {
        html! {
            <tr key={row.head.clone()} class={classes!(row.selected.then_some("selected"))} aria-current={row.selected.then_some("true")}>
                <th scope="row">{ row.head }</th>
                { for row.cells.into_iter().map(|cell| html! {
                    <td data-column={cell.column} data-value={shortest(cell.value)}>{ cell.text }</td>
                }) }
            </tr>
        }
    });
    html! {
        <details class="data-table panel" id={panel.id}>
            <summary><h2 class="section-heading">{ panel.title }</h2></summary>
            <div class="table-scroll" tabindex="0" role="region" aria-labelledby={caption.clone()}>
                <table>
                    <caption id={caption}>{ panel.caption }</caption>
                    <thead>
                        <tr>
                            { for panel.headings.into_iter().map(|heading| html! { <th scope="col">{ heading }</th> }) }
                        </tr>
                    </thead>
                    <tbody>{ for rows }</tbody>
                </table>
            </div>
        </details>
    }
}

/// The ledger's table with the selected year marked. A plain function rather than a
/// component, as the sweep's table is: the app renders it whenever the ledger changes anyway,
/// and a component of its own would cost the wasm its lifecycle code.
pub fn data_table(ledger: &Ledger, selected_year: i32) -> Html {
    let rows = ledger
        .rows
        .iter()
        .map(|row| Row {
            head: row.year.to_string(),
            selected: row.year == selected_year,
            cells: SHOWN
                .iter()
                .map(|column| {
                    let value = (column.value)(row);
                    Cell {
                        column: column.name,
                        value,
                        text: text(column, value),
                    }
                })
                .collect(),
        })
        .collect();
    table_panel(
        Panel {
            id: "data-table",
            title: "Data table",
            caption: "The yearly ledger, $ billions",
            headings: std::iter::once("Year")
                .chain(SHOWN.iter().map(|column| column.label))
                .collect(),
        },
        rows,
    )
}
