//! The ledger as RFC 4180 CSV, the form readers take into a spreadsheet and the crosscheck
//! compares against an independent implementation.

use crate::ledger::{Ledger, YearRow};

/// The columns of the spec, in its order.
pub const CSV_HEADER: &str = "year,revenue,share_new,cumulative_new,share_old,cumulative_old,openai_kept_new,openai_kept_old,margin_pct,net_income_new,net_income_old,microsoft_take_new,microsoft_take_old,others_take_new,others_take_old";

/// RFC 4180 ends every record, the last included, with CRLF.
const RECORD_END: &str = "\r\n";

impl Ledger {
    /// Header plus one record per model year. Money uses Rust's shortest round-trip `{}`
    /// formatting, since six significant digits would be too coarse for 1e-6 checks. No
    /// field needs quoting: all are numbers.
    pub fn to_csv(&self) -> String {
        let mut out = String::with_capacity(256 * (self.rows.len() + 1));
        out.push_str(CSV_HEADER);
        out.push_str(RECORD_END);
        for row in &self.rows {
            out.push_str(&row.year.to_string());
            for value in money_fields(row) {
                out.push(',');
                // `+ 0.0` writes a negative zero as "0", which spreadsheets show without a sign.
                out.push_str(&(value + 0.0).to_string());
            }
            out.push_str(RECORD_END);
        }
        out
    }
}

fn money_fields(row: &YearRow) -> [f64; 14] {
    [
        row.revenue,
        row.share_new,
        row.cumulative_new,
        row.share_old,
        row.cumulative_old,
        row.openai_kept_new,
        row.openai_kept_old,
        row.margin_pct,
        row.net_income_new,
        row.net_income_old,
        row.microsoft_take_new,
        row.microsoft_take_old,
        row.others_take_new,
        row.others_take_old,
    ]
}
