//! The revenue sweep of `docs/model.md`: what Microsoft traded. Across every value of `r30` on
//! its slider's grid, with every other input as the reader set it, the totals 2026-2035 of
//! what OpenAI pays Microsoft and of Microsoft's whole economic take, under both terms. Under
//! the old terms payments keep rising with revenue; under the new ones the cap holds them
//! flat, and only the stake keeps Microsoft in OpenAI's growth.

use crate::inputs::InputKey;
use crate::ledger::Ledger;
use crate::scenario::Scenario;

/// The sweep's CSV header, as the spec fixes it.
pub const SWEEP_HEADER: &str = "r30,total_paid_new,total_paid_old,total_take_new,total_take_old";

/// One revenue outcome: totals over 2026..=2035, money in $B.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct SweepRow {
    pub r30: f64,
    /// `C_new(2035)`.
    pub total_paid_new: f64,
    /// `C_old(2035)`.
    pub total_paid_old: f64,
    /// The sum of `M_new(y)`.
    pub total_take_new: f64,
    /// The sum of `M_old(y)`.
    pub total_take_old: f64,
}

impl SweepRow {
    /// The totals of one scenario, at its own `r30`.
    pub fn of(s: &Scenario) -> SweepRow {
        let ledger = Ledger::compute(s);
        let take = |of: fn(&crate::ledger::YearRow) -> f64| ledger.rows.iter().map(of).sum();
        SweepRow {
            r30: s.bounded().r30,
            total_paid_new: ledger.headline.total_new,
            total_paid_old: ledger.headline.total_old,
            total_take_new: take(|row| row.microsoft_take_new),
            total_take_old: take(|row| row.microsoft_take_old),
        }
    }

    /// What Microsoft gave up at this revenue: old-terms take less new-terms take (negative
    /// when the new terms give it more).
    pub fn upside_given_up(&self) -> f64 {
        self.total_take_old - self.total_take_new
    }
}

/// The revenue values of the sweep: `r30`'s minimum to its maximum in steps of its step
/// (20, 25, ..., 600: 117 values), each exact as `min + i * step`.
pub fn sweep_values() -> impl Iterator<Item = f64> {
    let input = InputKey::R30.spec();
    let count = ((input.max - input.min) / input.step).round() as usize + 1;
    (0..count).map(move |i| input.min + i as f64 * input.step)
}

/// One row per revenue value, every other input from `s`.
pub fn sweep(s: &Scenario) -> Vec<SweepRow> {
    let mut at = *s;
    sweep_values()
        .map(|v| {
            at.r30 = v;
            SweepRow::of(&at)
        })
        .collect()
}

/// The first swept revenue at which the cap is reached by 2035, if any: where Microsoft's
/// payments stop following revenue.
pub fn cap_binds_from(rows: &[SweepRow], s: &Scenario) -> Option<f64> {
    let cap = s.bounded().cap;
    rows.iter()
        .find(|row| row.total_paid_new >= cap - crate::ledger::CAP_TOLERANCE)
        .map(|row| row.r30)
}

/// The sweep as CSV, with the ledger's number formatting and record ends.
pub fn sweep_csv(rows: &[SweepRow]) -> String {
    let mut out = String::with_capacity(96 * (rows.len() + 1));
    out.push_str(SWEEP_HEADER);
    out.push_str(crate::csv::RECORD_END);
    for row in rows {
        out.push_str(&row.r30.to_string());
        for value in [
            row.total_paid_new,
            row.total_paid_old,
            row.total_take_new,
            row.total_take_old,
        ] {
            out.push(',');
            out.push_str(&(value + 0.0).to_string());
        }
        out.push_str(crate::csv::RECORD_END);
    }
    out
}
