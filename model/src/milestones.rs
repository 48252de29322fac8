//! The turning points of a ledger that the charts annotate and the alt texts mention: when the
//! cap is reached, when payments end under each terms, and when Microsoft's take under the new
//! terms first falls below the old. Computed here, from the same rows the charts draw, so a
//! label can never name a year the numbers do not show.

use crate::ledger::{Ledger, YearRow};

/// A payment or a difference smaller than this (in $B, i.e. a thousandth of a dollar) is
/// rounding noise, not a payment: the cap's last partial payment can leave such a crumb.
const NOISE: f64 = 1e-9;

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Milestones {
    /// The year cumulative payments under the new terms reach the cap.
    pub cap_year: Option<i32>,
    /// The last year OpenAI pays anything under the new terms; `None` when it never pays.
    pub last_payment_new: Option<i32>,
    /// The last year OpenAI pays anything (net) under the old terms.
    pub last_payment_old: Option<i32>,
    /// The first year Microsoft's take under the new terms is below its take under the old.
    pub take_falls_below: Option<i32>,
}

impl Milestones {
    pub fn of(ledger: &Ledger) -> Milestones {
        let last = |paid: fn(&YearRow) -> f64| {
            ledger
                .rows
                .iter()
                .rev()
                .find(|row| paid(row).abs() > NOISE)
                .map(|row| row.year)
        };
        Milestones {
            cap_year: ledger.headline.cap_year,
            last_payment_new: last(|row| row.share_new),
            last_payment_old: last(|row| row.share_old),
            take_falls_below: ledger
                .rows
                .iter()
                .find(|row| row.microsoft_take_new < row.microsoft_take_old - NOISE)
                .map(|row| row.year),
        }
    }
}

/// A chart label in two lengths: the long one where there is room, the short one on a phone.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Note {
    pub long: String,
    pub short: String,
}

/// "cap reached in 2029".
pub fn cap_note(m: &Milestones) -> Option<Note> {
    let year = m.cap_year?;
    Some(Note {
        long: format!("cap reached in {year}"),
        short: format!("cap {year}"),
    })
}

/// Which terms a payment-end label speaks of.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Terms {
    New,
    Old,
    /// Both end the same year: one label says so, rather than two stacked on one bar.
    Both,
}

/// The last payment under each terms, or one note for both when they end together.
pub fn payment_end_notes(m: &Milestones) -> Vec<(Terms, i32, Note)> {
    let note = |terms: Terms, year: i32| {
        let (long, short) = match terms {
            Terms::New => (
                format!("new terms: last payment {year}"),
                format!("new ends {year}"),
            ),
            Terms::Old => (
                format!("old terms: last payment {year}"),
                format!("old ends {year}"),
            ),
            Terms::Both => (
                format!("both terms: last payment {year}"),
                format!("both end {year}"),
            ),
        };
        (terms, year, Note { long, short })
    };
    match (m.last_payment_new, m.last_payment_old) {
        (Some(new), Some(old)) if new == old => vec![note(Terms::Both, new)],
        (new, old) => new
            .map(|year| note(Terms::New, year))
            .into_iter()
            .chain(old.map(|year| note(Terms::Old, year)))
            .collect(),
    }
}

/// The year Microsoft starts to take less under the new terms.
pub fn take_falls_below_note(m: &Milestones) -> Option<Note> {
    let year = m.take_falls_below?;
    Some(Note {
        long: format!("from {year}, Microsoft takes less than under the old terms"),
        short: format!("less from {year}"),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn milestones(query: &str) -> Milestones {
        let (s, notices) = crate::query::parse_query(query);
        assert!(notices.is_empty(), "{notices:?}");
        Milestones::of(&Ledger::compute(&s))
    }

    #[test]
    fn the_defaults_turn_in_2029_and_2030() {
        // Defaults: $6B, $9.64B, $15.49B paid in 2026-2028 leave $6.87B of the $38B cap for
        // 2029, which is the last payment; the old terms pay through `old_until` = 2030. Until
        // 2028 both terms pay the same, so Microsoft's takes agree; in 2029 the new terms pay
        // $18B less.
        let m = milestones("");
        assert_eq!(
            m,
            Milestones {
                cap_year: Some(2029),
                last_payment_new: Some(2029),
                last_payment_old: Some(2030),
                take_falls_below: Some(2029),
            }
        );
        assert_eq!(cap_note(&m).unwrap().long, "cap reached in 2029");
        let ends = payment_end_notes(&m);
        assert_eq!(ends.len(), 2);
        assert_eq!((ends[0].0, ends[0].1), (Terms::New, 2029));
        assert_eq!(ends[1].2.short, "old ends 2030");
    }

    #[test]
    fn a_cap_out_of_reach_leaves_payments_ending_at_until() {
        let m = milestones("cap=200&until=2028");
        assert_eq!(m.cap_year, None);
        assert_eq!(m.last_payment_new, Some(2028));
        assert_eq!(cap_note(&m), None);
        assert_eq!(
            payment_end_notes(&m)[0].2.long,
            "new terms: last payment 2028"
        );
    }

    #[test]
    fn nothing_paid_means_no_payment_milestones() {
        let m = milestones("rate=0&reverse=0");
        assert_eq!(m.last_payment_new, None);
        assert_eq!(m.last_payment_old, None);
        assert_eq!(m.take_falls_below, None);
        assert_eq!(payment_end_notes(&m), vec![]);
    }

    #[test]
    fn terms_that_end_together_share_one_note() {
        // A cap out of reach and both terms ending in 2030: one label, not two on one bar.
        let m = milestones("cap=200");
        assert_eq!(m.last_payment_new, Some(2030));
        assert_eq!(m.last_payment_old, Some(2030));
        let ends = payment_end_notes(&m);
        assert_eq!(ends.len(), 1);
        assert_eq!(ends[0].2.long, "both terms: last payment 2030");
    }

    #[test]
    fn milestones_agree_with_the_rows_they_name() {
        for query in [
            "",
            "cap=10",
            "cap=200&r30=400",
            "until=2035&cap=500",
            "stake=0",
        ] {
            let (s, _) = crate::query::parse_query(query);
            let l = Ledger::compute(&s);
            let m = Milestones::of(&l);
            if let Some(year) = m.last_payment_new {
                assert!(l.row(year).unwrap().share_new > NOISE, "{query}");
                assert!(l
                    .rows
                    .iter()
                    .filter(|r| r.year > year)
                    .all(|r| r.share_new.abs() <= NOISE));
            }
            if let Some(year) = m.take_falls_below {
                let row = l.row(year).unwrap();
                assert!(row.microsoft_take_new < row.microsoft_take_old, "{query}");
                assert!(l
                    .rows
                    .iter()
                    .filter(|r| r.year < year)
                    .all(|r| r.microsoft_take_new >= r.microsoft_take_old - NOISE));
            }
        }
    }
}
