//! The CSV export: exact header, one CRLF-terminated record per model year, full precision.

use deal_model::{parse_query, Ledger, Scenario, CSV_HEADER};
use proptest::prelude::*;

use crate::strategies::scenario;

#[test]
fn the_header_is_the_spec_header() {
    assert_eq!(
        CSV_HEADER,
        "year,revenue,share_new,cumulative_new,share_old,cumulative_old,openai_kept_new,\
         openai_kept_old,margin_pct,net_income_new,net_income_old,microsoft_take_new,\
         microsoft_take_old,others_take_new,others_take_old"
    );
    let csv = Ledger::compute(&Scenario::default()).to_csv();
    assert!(csv.starts_with(&format!("{CSV_HEADER}\r\n")));
}

#[test]
fn the_default_rows_start_as_computed_by_hand() {
    let csv = Ledger::compute(&Scenario::default()).to_csv();
    let lines: Vec<&str> = csv.split("\r\n").collect();
    // 2026: R 30, S 6 both terms, kept 24, margin -65, N = -0.65*30 - 6 = -25.5,
    // M = 6 + 0.27*-25.5 = -0.885 (as the f64 -0.8850000000000007), O = 0.73*-25.5 = -18.615.
    assert_eq!(
        lines[1],
        "2026,30,6,6,6,6,24,24,-65,-25.5,-25.5,-0.8850000000000007,-0.8850000000000007,-18.615,-18.615"
    );
    assert!(lines[5].starts_with("2030,200,0,38,40,"), "{}", lines[5]);
    // Eleven records, each ended by CRLF, then nothing.
    assert_eq!(lines.len(), 12);
    assert_eq!(lines[11], "");
    assert!(!csv.contains("\n\n") && csv.matches('\n').count() == csv.matches("\r\n").count());
}

#[test]
fn negative_zero_is_written_as_zero() {
    // rate = reverse makes the old net payment 0 * R; it must not read "-0".
    let (s, _) = parse_query("rate=10&reverse=10&m26=0&margin=0");
    let csv = Ledger::compute(&s).to_csv();
    assert!(!csv.contains(",-0,") && !csv.contains(",-0\r"), "{csv}");
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(300))]

    #[test]
    fn every_cell_reads_back_exactly(s in scenario()) {
        let ledger = Ledger::compute(&s);
        let csv = ledger.to_csv();
        let mut records = csv.split("\r\n");
        prop_assert_eq!(records.next(), Some(CSV_HEADER));
        for row in &ledger.rows {
            let record = records.next().unwrap();
            let cells: Vec<&str> = record.split(',').collect();
            prop_assert_eq!(cells.len(), 15);
            prop_assert_eq!(cells[0].parse::<i32>().unwrap(), row.year);
            let values: Vec<f64> = cells[1..].iter().map(|c| c.parse().unwrap()).collect();
            prop_assert_eq!(values, vec![row.revenue, row.share_new, row.cumulative_new,
                row.share_old, row.cumulative_old, row.openai_kept_new, row.openai_kept_old,
                row.margin_pct, row.net_income_new, row.net_income_old, row.microsoft_take_new,
                row.microsoft_take_old, row.others_take_new, row.others_take_old]);
            for cell in &cells {
                prop_assert!(!cell.contains(['e', 'E', '"', ' ']), "{}", cell);
            }
        }
        prop_assert_eq!(records.next(), Some(""));
        prop_assert_eq!(records.next(), None);
    }
}
