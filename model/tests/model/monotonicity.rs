//! More cap, more revenue or a later end year never lowers what is paid.

use deal_model::{Ledger, Scenario};
use proptest::prelude::*;

use crate::strategies::scenario_and_value;

/// Each year's cumulative payments under `higher` are at least those under `lower`.
fn never_lower(lower: &Scenario, higher: &Scenario, old_terms: bool) -> Result<(), TestCaseError> {
    let (a, b) = (Ledger::compute(lower), Ledger::compute(higher));
    for (low, high) in a.rows.iter().zip(&b.rows) {
        prop_assert!(
            high.cumulative_new >= low.cumulative_new - 1e-9,
            "new terms, {}: {} then {}",
            low.year,
            low.cumulative_new,
            high.cumulative_new
        );
        if old_terms {
            prop_assert!(
                high.cumulative_old >= low.cumulative_old - 1e-9,
                "old terms, {}: {} then {}",
                low.year,
                low.cumulative_old,
                high.cumulative_old
            );
        }
    }
    Ok(())
}

/// The scenario with `key` at the lower and at the higher of its value and `v`.
fn ordered(s: &Scenario, key: &str, v: f64) -> (Scenario, Scenario) {
    let (mut lower, mut higher) = (*s, *s);
    let current = s.get(key).unwrap();
    lower.set(key, current.min(v));
    higher.set(key, current.max(v));
    (lower, higher)
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(1000))]

    #[test]
    fn a_higher_cap_never_lowers_payments((s, v) in scenario_and_value("cap")) {
        let (lower, higher) = ordered(&s, "cap", v);
        never_lower(&lower, &higher, true)?;
    }

    #[test]
    fn a_higher_rate_never_lowers_payments((s, v) in scenario_and_value("rate")) {
        let (lower, higher) = ordered(&s, "rate", v);
        never_lower(&lower, &higher, true)?;
    }

    // Revenue: old-terms net payments only grow with revenue while the rate is at least the
    // reverse share; above it, Microsoft pays OpenAI on net and more revenue means more of that.
    #[test]
    fn higher_2026_revenue_never_lowers_payments((s, v) in scenario_and_value("r26")) {
        let (lower, higher) = ordered(&s, "r26", v);
        never_lower(&lower, &higher, s.rate >= s.reverse)?;
    }

    #[test]
    fn higher_2030_revenue_never_lowers_payments((s, v) in scenario_and_value("r30")) {
        let (lower, higher) = ordered(&s, "r30", v);
        never_lower(&lower, &higher, s.rate >= s.reverse)?;
    }

    #[test]
    fn higher_growth_never_lowers_payments((s, v) in scenario_and_value("g")) {
        let (lower, higher) = ordered(&s, "g", v);
        never_lower(&lower, &higher, s.rate >= s.reverse)?;
    }

    #[test]
    fn a_later_until_never_lowers_payments((s, v) in scenario_and_value("until")) {
        let (lower, higher) = ordered(&s, "until", v);
        never_lower(&lower, &higher, true)?;
    }

    #[test]
    fn a_later_old_until_never_lowers_old_payments((s, v) in scenario_and_value("old_until")) {
        let (lower, higher) = ordered(&s, "old_until", v);
        never_lower(&lower, &higher, s.rate >= s.reverse)?;
    }

    #[test]
    fn a_higher_cap_never_brings_the_cap_year_earlier((s, v) in scenario_and_value("cap")) {
        let (lower, higher) = ordered(&s, "cap", v);
        let (a, b) = (Ledger::compute(&lower), Ledger::compute(&higher));
        if let (Some(low), Some(high)) = (a.headline.cap_year, b.headline.cap_year) {
            prop_assert!(high >= low);
        }
        if a.headline.cap_year.is_none() {
            prop_assert_eq!(b.headline.cap_year, None);
        }
    }
}
