//! The revenue sweep of `docs/model.md`: what Microsoft traded. Across every value of `r30` on
//! its slider's grid, with every other input as the reader set it, the totals 2026-2035 of
//! what OpenAI pays Microsoft and of Microsoft's whole economic take, under both terms. Under
//! the old terms payments keep rising with revenue; under the new ones the cap holds them
//! flat, and only the stake keeps Microsoft in OpenAI's growth.

use crate::float_text::shortest;
use crate::format::money_b;
use crate::inputs::InputKey;
use crate::ledger::Ledger;
use crate::milestones::Note;
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
        SweepRow::totals(s.bounded().r30, &Ledger::compute(s))
    }

    /// The totals of a ledger already computed at `r30`, so a chart of the live scenario
    /// marks the very figures its other charts draw.
    pub fn totals(r30: f64, ledger: &Ledger) -> SweepRow {
        let take = |of: fn(&crate::ledger::YearRow) -> f64| ledger.rows.iter().map(of).sum();
        SweepRow {
            r30,
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

/// Below this many $B, old-terms and new-terms takes count as equal: rounding, not a trade.
const NOISE: f64 = 1e-9;

/// What Microsoft's trade comes to at one revenue, as a verb and an amount: "gives up" the
/// upside, or "gains" when the new terms give it more (a reverse share larger than the
/// payments, or old terms that end sooner).
pub fn trade_verb(row: &SweepRow) -> (&'static str, f64) {
    let given_up = row.upside_given_up();
    if given_up < -NOISE {
        ("gains", -given_up)
    } else {
        ("gives up", given_up.max(0.0))
    }
}

/// The sweep chart's label where the cap starts to bind: "cap binds from $45B of 2030 revenue".
pub fn binds_note(r30: f64) -> Note {
    Note {
        long: format!("cap binds from {} of 2030 revenue", money_b(r30)),
        short: format!("cap binds from {}", money_b(r30)),
    }
}

/// The sweep chart's label at the reader's revenue: "at $200B, Microsoft gives up $42.4B".
pub fn trade_note(row: &SweepRow) -> Note {
    let (verb, amount) = trade_verb(row);
    Note {
        long: format!(
            "at {}, Microsoft {verb} {}",
            money_b(row.r30),
            money_b(amount)
        ),
        short: format!("{verb} {}", money_b(amount)),
    }
}

/// The sweep as CSV, with the ledger's number formatting and record ends.
pub fn sweep_csv(rows: &[SweepRow]) -> String {
    let mut out = String::with_capacity(96 * (rows.len() + 1));
    out.push_str(SWEEP_HEADER);
    out.push_str(crate::csv::RECORD_END);
    for row in rows {
        out.push_str(&shortest(row.r30));
        for value in [
            row.total_paid_new,
            row.total_paid_old,
            row.total_take_new,
            row.total_take_old,
        ] {
            out.push(',');
            out.push_str(&shortest(value + 0.0));
        }
        out.push_str(crate::csv::RECORD_END);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn row(take_new: f64, take_old: f64) -> SweepRow {
        SweepRow {
            r30: 200.0,
            total_paid_new: 0.0,
            total_paid_old: 0.0,
            total_take_new: take_new,
            total_take_old: take_old,
        }
    }

    #[test]
    fn the_trade_reads_gives_up_or_gains_and_rounding_is_no_gain() {
        assert_eq!(trade_verb(&row(100.0, 142.5)), ("gives up", 42.5));
        assert_eq!(trade_verb(&row(100.0, 90.0)), ("gains", 10.0));
        assert_eq!(trade_verb(&row(100.0, 100.0 - 1e-12)), ("gives up", 0.0));
        let note = trade_note(&row(100.0, 142.5));
        assert_eq!(note.long, "at $200B, Microsoft gives up $42.5B");
        assert_eq!(note.short, "gives up $42.5B");
        assert_eq!(trade_note(&row(100.0, 99.5)).short, "gains $500M");
    }

    #[test]
    fn the_binding_note_names_the_revenue() {
        let note = binds_note(45.0);
        assert_eq!(note.long, "cap binds from $45B of 2030 revenue");
        assert_eq!(note.short, "cap binds from $45B");
    }

    #[test]
    fn totals_of_a_ledger_are_the_row_of_its_scenario() {
        let s = Scenario::default();
        assert_eq!(
            SweepRow::totals(200.0, &Ledger::compute(&s)),
            SweepRow::of(&s)
        );
    }
}
