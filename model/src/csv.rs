//! The ledger as RFC 4180 CSV, the form readers take into a spreadsheet and the crosscheck
//! compares against an independent implementation.

use crate::columns::{banded, COLUMNS};
use crate::ensemble::Ensemble;
use crate::float_text::shortest;
use crate::ledger::Ledger;

/// The columns of the spec, in its order.
pub const CSV_HEADER: &str = "year,revenue,share_new,cumulative_new,share_old,cumulative_old,openai_kept_new,openai_kept_old,margin_pct,net_income_new,net_income_old,microsoft_take_new,microsoft_take_old,others_take_new,others_take_old";

/// RFC 4180 ends every record, the last included, with CRLF.
pub(crate) const RECORD_END: &str = "\r\n";

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
            for column in &COLUMNS {
                out.push(',');
                // `+ 0.0` writes a negative zero as "0", which spreadsheets show without a sign.
                out.push_str(&shortest((column.value)(row) + 0.0));
            }
            out.push_str(RECORD_END);
        }
        out
    }
}

impl Ensemble {
    /// One record per model year: the year, the share of paths with the cap reached by then,
    /// how many paths reach it first that year, then each banded column's `_p10`, `_p50` and
    /// `_p90`. Numbers as in [`Ledger::to_csv`], so a test can compare them exactly.
    pub fn to_csv(&self) -> String {
        let mut out = String::from("year,cap_reached_by,cap_first_reached");
        for column in banded() {
            for p in ["p10", "p50", "p90"] {
                out.push_str(&format!(",{}_{p}", column.name));
            }
        }
        out.push_str(RECORD_END);
        for (y, year) in self.years.iter().enumerate() {
            let first = self
                .cap_year_counts
                .iter()
                .find(|(cap_year, _)| *cap_year == Some(*year))
                .map_or(0, |(_, count)| *count);
            out.push_str(&format!(
                "{year},{},{first}",
                shortest(self.cap_reached_by.get(y).copied().unwrap_or(0.0) + 0.0)
            ));
            for band in banded().filter_map(|column| self.band(column.name)) {
                for values in [&band.p10, &band.p50, &band.p90] {
                    out.push(',');
                    out.push_str(&shortest(values.get(y).copied().unwrap_or(f64::NAN) + 0.0));
                }
            }
            out.push_str(RECORD_END);
        }
        out
    }
}
