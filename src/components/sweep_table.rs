//! The revenue sweep as a table, beside the yearly ledger: what the chart of Microsoft's trade
//! draws, in numbers, for readers who prefer them and for screen readers. A compact selection
//! of its 117 revenues (every $50B, the chosen one and where the cap binds) keeps it short;
//! the whole sweep downloads as the model's CSV from the share panel, with the other files.

use deal_model::{money_b, Scenario, SweepRow};
use yew::prelude::*;

use super::data_table::{table_panel, Cell, Panel, Row};
use crate::charts::Sweep;

/// Rows at every multiple of this many $B of revenue, besides the marked ones (whole numbers
/// on the sweep's grid, compared as integers: a float remainder would link `fmod`).
const EVERY: i64 = 50;

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

/// The table of `sweep` with the reader's revenue (`scenario`'s) marked. A plain function
/// rather than a component: the app renders it with its other panels, and a component of its
/// own would cost the wasm its lifecycle code for a table of fifteen rows.
pub fn sweep_table(scenario: &Scenario, sweep: &Sweep) -> Html {
    let chosen = scenario.r30;
    let binds = sweep.binds_from;
    let rows = sweep
        .rows
        .iter()
        .enumerate()
        .filter(|(i, row)| {
            *i == 0 || row.r30 as i64 % EVERY == 0 || row.r30 == chosen || Some(row.r30) == binds
        })
        .map(|(_, row)| Row {
            head: if Some(row.r30) == binds {
                format!("{} (cap binds)", money_b(row.r30))
            } else {
                money_b(row.r30)
            },
            selected: row.r30 == chosen,
            cells: COLUMNS
                .iter()
                .map(|(_, column, value)| {
                    let value = value(row);
                    Cell {
                        column,
                        value,
                        text: money_b(value),
                    }
                })
                .collect(),
        })
        .collect();
    table_panel(
        Panel {
            id: "sweep-table",
            title: "Revenue sweep",
            // The caption names the CSV too: a note of its own would cost the table markup.
            caption: "Totals 2026–2035 by OpenAI's 2030 revenue, $ billions; all 117 revenues \
                      download as CSV under “Share and download”",
            headings: std::iter::once("2030 revenue")
                .chain(COLUMNS.iter().map(|(heading, _, _)| *heading))
                .collect(),
        },
        rows,
    )
}
