//! More cap, more revenue or a later end year never lowers what is paid.

use deal_model::{InputKey, Ledger, Scenario};
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
fn ordered(s: &Scenario, key: InputKey, v: f64) -> (Scenario, Scenario) {
    let (mut lower, mut higher) = (*s, *s);
    let current = s.get(key);
    lower.set(key, current.min(v));
    higher.set(key, current.max(v));
    (lower, higher)
}

/// Old-terms net payments grow with revenue only while the share of the covered revenue is at
/// least the reverse share of all revenue: `rate * covered/100 >= reverse`.
fn shares_more_than_it_returns(s: &Scenario) -> bool {
    s.rate * s.covered / 100.0 >= s.reverse
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(1000))]

    #[test]
    fn a_higher_cap_never_lowers_payments((s, v) in scenario_and_value(InputKey::Cap)) {
        let (lower, higher) = ordered(&s, InputKey::Cap, v);
        never_lower(&lower, &higher, true)?;
    }

    #[test]
    fn a_higher_rate_never_lowers_payments((s, v) in scenario_and_value(InputKey::Rate)) {
        let (lower, higher) = ordered(&s, InputKey::Rate, v);
        never_lower(&lower, &higher, true)?;
    }

    // Revenue: old-terms net payments only grow with revenue while the rate is at least the
    // reverse share; above it, Microsoft pays OpenAI on net and more revenue means more of that.
    #[test]
    fn higher_2026_revenue_never_lowers_payments((s, v) in scenario_and_value(InputKey::R26)) {
        let (lower, higher) = ordered(&s, InputKey::R26, v);
        never_lower(&lower, &higher, shares_more_than_it_returns(&s))?;
    }

    #[test]
    fn higher_2030_revenue_never_lowers_payments((s, v) in scenario_and_value(InputKey::R30)) {
        let (lower, higher) = ordered(&s, InputKey::R30, v);
        never_lower(&lower, &higher, shares_more_than_it_returns(&s))?;
    }

    #[test]
    fn higher_growth_never_lowers_payments((s, v) in scenario_and_value(InputKey::G)) {
        let (lower, higher) = ordered(&s, InputKey::G, v);
        never_lower(&lower, &higher, shares_more_than_it_returns(&s))?;
    }

    #[test]
    fn a_larger_covered_share_never_lowers_payments((s, v) in scenario_and_value(InputKey::Covered)) {
        let (lower, higher) = ordered(&s, InputKey::Covered, v);
        never_lower(&lower, &higher, true)?;
    }

    #[test]
    fn a_smaller_reverse_share_never_lowers_old_payments((s, v) in scenario_and_value(InputKey::Reverse)) {
        let (less, more) = ordered(&s, InputKey::Reverse, v);
        never_lower(&more, &less, true)?;
    }

    #[test]
    fn a_later_until_never_lowers_payments((s, v) in scenario_and_value(InputKey::Until)) {
        let (lower, higher) = ordered(&s, InputKey::Until, v);
        never_lower(&lower, &higher, true)?;
    }

    #[test]
    fn a_later_old_until_never_lowers_old_payments((s, v) in scenario_and_value(InputKey::OldUntil)) {
        let (lower, higher) = ordered(&s, InputKey::OldUntil, v);
        never_lower(&lower, &higher, shares_more_than_it_returns(&s))?;
    }

    #[test]
    fn a_higher_cap_never_brings_the_cap_year_earlier((s, v) in scenario_and_value(InputKey::Cap)) {
        let (lower, higher) = ordered(&s, InputKey::Cap, v);
        let (a, b) = (Ledger::compute(&lower), Ledger::compute(&higher));
        if let (Some(low), Some(high)) = (a.headline.cap_year, b.headline.cap_year) {
            prop_assert!(high >= low);
        }
        if a.headline.cap_year.is_none() {
            prop_assert_eq!(b.headline.cap_year, None);
        }
    }
}
