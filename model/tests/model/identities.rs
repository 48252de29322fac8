//! Every identity the spec lists, over the full input ranges.

use deal_model::{revenue, InputKey, Ledger, Scenario, FIRST_YEAR, LAST_YEAR};
use proptest::prelude::*;

use crate::strategies::scenario;
use crate::{assert_close, close};

proptest! {
    #![proptest_config(ProptestConfig::with_cases(2000))]

    #[test]
    fn every_cell_is_finite(s in scenario()) {
        let l = Ledger::compute(&s);
        prop_assert_eq!(l.rows.len(), 10);
        for row in &l.rows {
            for v in [row.revenue, row.share_new, row.cumulative_new, row.share_old, row.cumulative_old,
                      row.openai_kept_new, row.openai_kept_old, row.margin_pct, row.net_income_new,
                      row.net_income_old, row.microsoft_take_new, row.microsoft_take_old,
                      row.others_take_new, row.others_take_old] {
                prop_assert!(v.is_finite(), "{v} in {row:?}");
            }
        }
        let h = &l.headline;
        for v in [h.total_new, h.total_old, h.openai_savings, h.microsoft_change] {
            prop_assert!(v.is_finite());
        }
    }

    #[test]
    fn rows_are_the_model_years_in_order(s in scenario()) {
        let l = Ledger::compute(&s);
        let years: Vec<i32> = l.rows.iter().map(|r| r.year).collect();
        prop_assert_eq!(years, (FIRST_YEAR..=LAST_YEAR).collect::<Vec<_>>());
    }

    #[test]
    fn revenue_follows_the_path(s in scenario()) {
        let l = Ledger::compute(&s);
        // Anchors: R(2026) = r26, R(2030) = r30, and growth g after 2030.
        assert_close!(l.rows[0].revenue, s.r26);
        assert_close!(l.rows[4].revenue, s.r30);
        for pair in l.rows.windows(2) {
            prop_assert!(pair[0].revenue > 0.0);
            if pair[1].year > 2030 {
                assert_close!(pair[1].revenue, pair[0].revenue * (1.0 + s.g / 100.0));
            } else {
                // Constant yearly factor (r30/r26)^(1/4) from 2026 to 2030.
                assert_close!(pair[1].revenue / pair[0].revenue, (s.r30 / s.r26).powf(0.25));
            }
            prop_assert_eq!(pair[1].revenue, revenue(&s, pair[1].year));
        }
    }

    #[test]
    fn payment_plus_kept_is_revenue(s in scenario()) {
        for row in Ledger::compute(&s).rows {
            assert_close!(row.share_new + row.openai_kept_new, row.revenue);
            assert_close!(row.share_old + row.openai_kept_old, row.revenue);
        }
    }

    #[test]
    fn the_two_owners_split_operating_income(s in scenario()) {
        // M + O = m/100 * R under both terms: the payment moves money between the owners' pockets.
        for row in Ledger::compute(&s).rows {
            let operating = row.margin_pct / 100.0 * row.revenue;
            assert_close!(row.microsoft_take_new + row.others_take_new, operating);
            assert_close!(row.microsoft_take_old + row.others_take_old, operating);
            assert_close!(row.net_income_new, operating - row.share_new);
            assert_close!(row.net_income_old, operating - row.share_old);
            assert_close!(row.others_take_new, (1.0 - s.stake / 100.0) * row.net_income_new);
        }
    }

    #[test]
    fn payment_is_between_zero_and_the_uncapped_share(s in scenario()) {
        for row in Ledger::compute(&s).rows {
            prop_assert!(row.share_new >= 0.0, "{row:?}");
            prop_assert!(row.share_new <= s.rate / 100.0 * (s.covered / 100.0 * row.revenue) * (1.0 + 1e-12), "{row:?}");
        }
    }

    #[test]
    fn cumulative_new_never_decreases_nor_exceeds_the_cap(s in scenario()) {
        let l = Ledger::compute(&s);
        let mut previous = 0.0;
        for row in &l.rows {
            prop_assert!(row.cumulative_new >= previous);
            prop_assert!(row.cumulative_new <= s.cap + 1e-9, "{row:?}");
            assert_close!(row.cumulative_new, previous + row.share_new);
            previous = row.cumulative_new;
        }
    }

    #[test]
    fn nothing_is_paid_after_the_end_years(s in scenario()) {
        for row in Ledger::compute(&s).rows {
            if f64::from(row.year) > s.until {
                prop_assert_eq!(row.share_new, 0.0);
            }
            if f64::from(row.year) > s.old_until {
                prop_assert_eq!(row.share_old, 0.0);
            } else {
                // The share is of the covered revenue, the reverse share of all of it.
                let shared = s.covered / 100.0 * row.revenue;
                assert_close!(row.share_old, s.rate / 100.0 * shared - s.reverse / 100.0 * row.revenue);
            }
        }
    }

    #[test]
    fn the_cap_binds_only_once_reached(s in scenario()) {
        // Before the cap year, each payment is the full rate; the cap year is the first year
        // cumulative payments reach the cap.
        let l = Ledger::compute(&s);
        for row in &l.rows {
            let reached = row.cumulative_new >= s.cap - 1e-9;
            match l.headline.cap_year {
                Some(cap_year) => prop_assert_eq!(reached, row.year >= cap_year, "{:?}", row),
                None => prop_assert!(!reached, "{:?}", row),
            }
            let before_cap = l.headline.cap_year.is_none_or(|y| row.year < y);
            if before_cap && f64::from(row.year) <= s.until {
                assert_close!(row.share_new, s.rate / 100.0 * (s.covered / 100.0 * row.revenue));
            }
        }
        if let Some(cap_year) = l.headline.cap_year {
            prop_assert!(f64::from(cap_year) <= s.until);
        }
    }

    #[test]
    fn cumulative_old_is_the_running_sum(s in scenario()) {
        let mut sum = 0.0;
        for row in Ledger::compute(&s).rows {
            sum += row.share_old;
            assert_close!(row.cumulative_old, sum);
        }
    }

    #[test]
    fn margin_runs_in_a_line_to_the_profit_year(s in scenario()) {
        for row in Ledger::compute(&s).rows {
            let y = f64::from(row.year);
            let expected = if s.profit_year == 2026.0 || y >= s.profit_year {
                s.margin
            } else {
                s.m26 + (s.margin - s.m26) * (y - 2026.0) / (s.profit_year - 2026.0)
            };
            assert_close!(row.margin_pct, expected);
        }
    }

    #[test]
    fn headline_totals_savings_and_microsoft_change(s in scenario()) {
        let l = Ledger::compute(&s);
        let h = &l.headline;
        let until = s.until as i32;
        let old_until = s.old_until as i32;
        assert_close!(h.total_new, l.row(until).unwrap().cumulative_new);
        assert_close!(h.total_old, l.row(old_until).unwrap().cumulative_old);
        assert_close!(h.openai_savings, l.rows[9].cumulative_old - l.rows[9].cumulative_new);
        let change: f64 = l.rows.iter().map(|r| r.microsoft_take_new - r.microsoft_take_old).sum();
        assert_close!(h.microsoft_change, change);
        // The spec's consequence: each dollar saved costs Microsoft only (1 - stake) of a dollar.
        prop_assert!(close(h.microsoft_change, -(1.0 - s.stake / 100.0) * h.openai_savings, 1e-9));
    }

    #[test]
    fn the_terms_agree_when_no_cap_binds_and_nothing_else_differs(s in scenario()) {
        // Equal end years, no reverse share, and a rate low enough that even the whole payment
        // stream stays under a $200B cap.
        let mut s = s;
        s.set(InputKey::Reverse, 0.0);
        s.set(InputKey::OldUntil, s.until);
        s.set(InputKey::Cap, 200.0);
        let revenue_until: f64 = (2026..=s.until as i32).map(|y| revenue(&s, y)).sum();
        s.set(InputKey::Rate, (s.rate).min((19_900.0 / revenue_until).floor()));
        let l = Ledger::compute(&s);
        prop_assert_eq!(l.headline.cap_year, None);
        for row in &l.rows {
            assert_close!(row.share_new, row.share_old);
            assert_close!(row.cumulative_new, row.cumulative_old);
            assert_close!(row.microsoft_take_new, row.microsoft_take_old);
            assert_close!(row.others_take_new, row.others_take_old);
        }
        prop_assert!(h_savings_is_zero(&l));
    }

    #[test]
    fn selected_is_the_row_of_the_reader_year(s in scenario()) {
        let l = Ledger::compute(&s);
        prop_assert_eq!(f64::from(l.selected(&s).year), s.year);
    }
}

fn h_savings_is_zero(l: &Ledger) -> bool {
    close(l.headline.openai_savings, 0.0, 1e-9) && close(l.headline.microsoft_change, 0.0, 1e-9)
}

#[test]
fn a_hand_built_scenario_out_of_range_is_bounded_not_nan() {
    let s = Scenario {
        r26: 0.0,
        r30: f64::INFINITY,
        g: f64::NAN,
        cap: -5.0,
        year: f64::NAN,
        ..Scenario::default()
    };
    let l = Ledger::compute(&s);
    // r26 = 0 is read as the minimum 5, r30 = inf as the default 200, g = NaN as 15, cap as 0.
    assert_eq!(l.rows[0].revenue, 5.0);
    assert_close!(l.rows[4].revenue, 200.0);
    assert_close!(l.rows[5].revenue, 230.0);
    assert_eq!(l.headline.total_new, 0.0);
    assert_eq!(l.headline.cap_year, Some(2026));
    assert_eq!(l.selected(&s).year, 2035);
    assert!(revenue(&s, 2027).is_finite());
}

#[test]
fn selected_clamps_the_year_into_the_model_years() {
    let l = Ledger::compute(&Scenario::default());
    let before = Scenario {
        year: 1990.0,
        ..Scenario::default()
    };
    assert_eq!(l.selected(&before).year, 2026);
    let after = Scenario {
        year: 2100.0,
        ..Scenario::default()
    };
    assert_eq!(l.selected(&after).year, 2035);
    assert!(l.row(2025).is_none());
    assert!(l.row(2036).is_none());
}

#[test]
fn selected_on_a_ledger_without_rows_does_not_panic() {
    let mut l = Ledger::compute(&Scenario::default());
    l.rows.clear();
    assert_eq!(l.selected(&Scenario::default()).revenue, 0.0);
}
