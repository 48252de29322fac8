//! Tests of the deal model against `docs/model.md`, in one test binary so they link once.

mod csv_export;
mod ensemble;
mod fuzz;
mod identities;
mod inputs_table;
mod ledger_command;
mod monotonicity;
mod pins_codec;
mod query_codec;
mod sentence;
mod strategies;
mod summary_text;
mod sweep;
mod tables;

/// Relative closeness with an absolute floor, for values that may be zero.
pub fn close(actual: f64, expected: f64, tolerance: f64) -> bool {
    (actual - expected).abs() <= tolerance * expected.abs().max(1.0)
}

#[macro_export]
macro_rules! assert_close {
    ($actual:expr, $expected:expr, $tolerance:expr) => {{
        let (actual, expected): (f64, f64) = ($actual, $expected);
        assert!(
            $crate::close(actual, expected, $tolerance),
            "{} = {actual}, expected {expected} (tolerance {})",
            stringify!($actual),
            $tolerance
        );
    }};
    ($actual:expr, $expected:expr) => {
        $crate::assert_close!($actual, $expected, 1e-9)
    };
}
