//! The deal model of deal-explorer, kept free of anything web so that the app, the native
//! `ledger` command and the tests all compute the very same numbers.
//!
//! One table, [`INPUTS`], describes every reader input (key, range, step, default); the
//! sliders, the URL codec and the tests read it, so no range is written twice. A
//! [`Scenario`] holds the reader's values, [`Ledger::compute`] turns it into yearly rows and
//! headline outputs following `docs/model.md`, and the rest renders those numbers as CSV,
//! a plain-language summary, or a URL query.
//!
//! Decisions the spec leaves open, made here once:
//! - A cap of $0B is reached in 2026 (cumulative payments of 0 already meet it), so
//!   `cap_year` is `Some(2026)` and nothing is ever paid.
//! - When payments end (`until`) before the cumulative total meets the cap, there is no cap
//!   year: the total never grows after `until`.
//! - [`Ledger::compute`] first bounds every field into its range (non-finite values become
//!   the default), so a hand-built `Scenario` can never produce NaN or infinity.
//! - `vol` and `seed` are inputs of the optional ensemble; the deterministic ledger ignores
//!   them.

mod big;
pub mod columns;
pub mod csv;
mod decimal;
pub mod describe;
pub mod ensemble;
pub mod float_text;
pub mod format;
pub mod host;
pub mod inputs;
pub mod ledger;
pub mod milestones;
pub mod pins;
pub mod presets;
pub mod query;
pub mod scenario;
mod select;
pub mod sentence;
pub mod share;
pub mod summary;
pub mod sweep;
pub mod view;
pub mod wordpress;

pub use columns::{column, Column, Measure, COLUMNS};
pub use csv::CSV_HEADER;
pub use describe::{
    describe_cap, describe_cap_band, describe_pins, describe_revenue, describe_take,
    describe_take_band, describe_traded, Ghosted,
};
pub use ensemble::{simulate, Band, Ensemble, Simulation, DEFAULT_PATHS};
pub use format::{cap_year_name, chance, money_b, percent, signed_money_b, signed_years};
pub use host::{HostMessage, ScenarioReport, ScenarioRequest};
pub use inputs::{Adjustment, Group, InputError, InputKey, InputSpec, Typed, Unit, INPUTS};
pub use ledger::{revenue, Headline, Ledger, YearRow, ACTUAL_REVENUE, FIRST_YEAR, LAST_YEAR};
pub use milestones::{Milestones, Note, Terms};
pub use pins::{compare, Comparison, Difference, Pin, MAX_PINS};
pub use presets::{active_preset, preset, Preset, PRESETS};
pub use query::{encode_query, parse_query, Notice};
pub use scenario::Scenario;
pub use sentence::{sentence, sentence_text, Segment, SENTENCE_KEYS};
pub use share::{citation, embed_snippet, escape_attribute, file_stem};
pub use summary::summary;
pub use sweep::{
    binds_note, cap_binds_from, sweep, sweep_csv, trade_note, trade_verb, SweepRow, SWEEP_HEADER,
};
pub use view::{page_query, parse_page, Page, ThemeChoice, View, MODEL_VERSION};
pub use view::{ChartChoice, CHART_KEY};
pub use wordpress::wordpress_secret;
