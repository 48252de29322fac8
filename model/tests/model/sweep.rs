//! The revenue sweep: 117 revenue outcomes, each the ledger's own totals, rising under the old
//! terms and held by the cap under the new.

use std::process::Command;

use deal_model::{
    cap_binds_from, parse_query, sweep, sweep_csv, InputKey, Ledger, Scenario, SWEEP_HEADER,
};
use proptest::prelude::*;

use crate::assert_close;
use crate::strategies::scenario;

#[test]
fn the_sweep_runs_r30_over_its_grid_from_20_to_600() {
    let rows = sweep(&Scenario::default());
    assert_eq!(rows.len(), 117);
    let r30: Vec<f64> = rows.iter().map(|row| row.r30).collect();
    let expected: Vec<f64> = (0..117).map(|i| 20.0 + 5.0 * f64::from(i)).collect();
    assert_eq!(r30, expected);
}

#[test]
fn at_the_defaults_the_cap_binds_and_the_old_terms_keep_rising() {
    let s = Scenario::default();
    let rows = sweep(&s);
    // Under the old terms, 20% of five years of revenue: more revenue, more payments.
    for pair in rows.windows(2) {
        assert!(pair[1].total_paid_old > pair[0].total_paid_old, "{pair:?}");
        assert!(pair[1].total_paid_new >= pair[0].total_paid_new, "{pair:?}");
    }
    // From where the cap binds, the new terms pay exactly the cap, whatever the revenue.
    let from = cap_binds_from(&rows, &s).expect("the default cap binds somewhere");
    for row in rows.iter().filter(|row| row.r30 >= from) {
        assert_close!(row.total_paid_new, 38.0);
    }
    for row in rows.iter().filter(|row| row.r30 < from) {
        assert!(row.total_paid_new < 38.0 - 1e-9, "{row:?}");
    }
    // r26 = 30 over 2026-2030: 20% of 5 x 30 = 30 at a flat $30B, short of the cap; the cap
    // needs a path whose 2026-2030 revenue sums to $190B.
    assert!(from > 30.0 && from < 60.0, "binds from {from}");
    // At the top of the range Microsoft gives up most: its old-terms take grows without limit.
    let last = rows.last().expect("rows");
    assert!(last.upside_given_up() > rows[0].upside_given_up());
}

#[test]
fn no_cap_binds_when_the_cap_is_out_of_reach() {
    let (s, _) = parse_query("cap=200&until=2026&r26=5");
    assert_eq!(cap_binds_from(&sweep(&s), &s), None);
}

#[test]
fn the_csv_has_the_spec_header_and_a_record_per_value() {
    let s = Scenario::default();
    let csv = sweep_csv(&sweep(&s));
    let lines: Vec<&str> = csv.split("\r\n").collect();
    assert_eq!(lines[0], SWEEP_HEADER);
    assert_eq!(
        SWEEP_HEADER,
        "r30,total_paid_new,total_paid_old,total_take_new,total_take_old"
    );
    assert_eq!(
        lines.len(),
        119,
        "header, 117 records, and the empty rest after the last CRLF"
    );
    assert_eq!(lines[118], "");
    assert!(lines[1].starts_with("20,"));
    assert!(lines[117].starts_with("600,"));
}

#[test]
fn the_ledger_command_prints_the_sweep() {
    let out = Command::new(env!("CARGO_BIN_EXE_ledger"))
        .args(["--sweep", "cap=50&covered=60&r30=999"])
        .output()
        .expect("the ledger binary runs");
    assert_eq!(out.status.code(), Some(0));
    let (s, _) = parse_query("cap=50&covered=60");
    assert_eq!(String::from_utf8_lossy(&out.stdout), sweep_csv(&sweep(&s)));
    // The query's own r30 is read (and clamped, with a notice) but the sweep replaces it.
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("r30=999 is above the maximum"), "{stderr}");
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(200))]

    #[test]
    fn each_row_is_the_ledger_of_its_revenue(s in scenario()) {
        let rows = sweep(&s);
        for row in rows.iter().step_by(29) {
            let mut at = s;
            at.set(InputKey::R30, row.r30);
            let ledger = Ledger::compute(&at);
            assert_close!(row.total_paid_new, ledger.headline.total_new);
            assert_close!(row.total_paid_old, ledger.headline.total_old);
            let take_new: f64 = ledger.rows.iter().map(|r| r.microsoft_take_new).sum();
            let take_old: f64 = ledger.rows.iter().map(|r| r.microsoft_take_old).sum();
            assert_close!(row.total_take_new, take_new);
            assert_close!(row.total_take_old, take_old);
            // The identity behind the chart: what the cap saves OpenAI costs Microsoft only
            // (1 - stake) of it, summed over the years.
            let stake = s.stake / 100.0;
            assert_close!(
                row.total_take_old - row.total_take_new,
                (1.0 - stake) * (row.total_paid_old - row.total_paid_new)
            );
        }
    }

    #[test]
    fn new_terms_payments_never_fall_as_revenue_rises(s in scenario()) {
        let rows = sweep(&s);
        for pair in rows.windows(2) {
            prop_assert!(pair[1].total_paid_new >= pair[0].total_paid_new - 1e-9);
            prop_assert!(pair[1].total_paid_new <= s.cap + 1e-9);
        }
    }
}
