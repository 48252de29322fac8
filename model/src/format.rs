//! Numbers as readers see them, shared by the UI, the summary and other text, so that the same
//! amount never reads two ways on one page.

use crate::float_text::fixed;

const MINUS: &str = "\u{2212}";
const MISSING: &str = "—";

/// Money in $B, to three significant digits with trailing zeros dropped; amounts under $1B
/// switch to $M so a leak of $0.49B reads "$494M". Negative amounts take a true minus sign.
pub fn money_b(v: f64) -> String {
    if !v.is_finite() {
        return MISSING.to_string();
    }
    let billions = v.abs();
    let body = if billions >= 0.9995 {
        format!("${}B", three_significant(billions))
    } else {
        let millions = billions * 1000.0;
        if millions < 0.005 {
            return "$0B".to_string();
        }
        format!("${}M", three_significant(millions))
    };
    if v < 0.0 {
        format!("{MINUS}{body}")
    } else {
        body
    }
}

/// A difference in $B with its sign always shown, "+$3.2B" or "−$494M", so a column of
/// differences reads as such; what rounds to zero reads "$0B", without a sign.
pub fn signed_money_b(v: f64) -> String {
    let body = money_b(v);
    if v > 0.0 && body != "$0B" && body != MISSING {
        format!("+{body}")
    } else {
        body
    }
}

/// A difference in years, "+1 year", "−2 years", or "same year".
pub fn signed_years(years: i32) -> String {
    let count = years.unsigned_abs();
    let unit = if count == 1 { "year" } else { "years" };
    match years {
        0 => "same year".to_string(),
        y if y > 0 => format!("+{count} {unit}"),
        _ => format!("{MINUS}{count} {unit}"),
    }
}

/// A percentage to at most one decimal: "20%", "6.6%", "−65%".
pub fn percent(v: f64) -> String {
    if !v.is_finite() {
        return MISSING.to_string();
    }
    let digits = group_thousands(&trim_zeros(fixed(v.abs(), 1)));
    if v < 0.0 && digits != "0" {
        format!("{MINUS}{digits}%")
    } else {
        format!("{digits}%")
    }
}

/// A probability (0 to 1) as a whole percentage: "62%". Only a certainty reads "0%" or
/// "100%"; a chance that rounds to either but is not one reads "<1%" or ">99%", so a reader
/// never takes 9,996 paths in 10,000 for all of them.
pub fn chance(p: f64) -> String {
    if !p.is_finite() {
        return MISSING.to_string();
    }
    let p = p.clamp(0.0, 1.0);
    let whole = (p * 100.0).round();
    if p > 0.0 && whole < 1.0 {
        "<1%".to_string()
    } else if p < 1.0 && whole > 99.0 {
        ">99%".to_string()
    } else {
        format!("{}%", fixed(whole, 0))
    }
}

/// A count with thousands separated: "10,000" paths.
pub fn count(n: usize) -> String {
    group_thousands(&n.to_string())
}

/// A cap year from the ensemble's counts: the year, or "never" for paths that never reach it.
pub fn cap_year_name(year: Option<i32>) -> String {
    year.map_or_else(|| "never".to_string(), |year| year.to_string())
}

/// At least 1: three significant digits, but never fewer than the whole number.
fn three_significant(x: f64) -> String {
    let text = if x >= 99.95 {
        fixed(x, 0)
    } else if x >= 9.995 {
        fixed(x, 1)
    } else {
        fixed(x, 2)
    };
    group_thousands(&trim_zeros(text))
}

fn trim_zeros(text: String) -> String {
    if text.contains('.') {
        text.trim_end_matches('0').trim_end_matches('.').to_string()
    } else {
        text
    }
}

fn group_thousands(text: &str) -> String {
    let (integer, fraction) = match text.split_once('.') {
        Some((integer, fraction)) => (integer, Some(fraction)),
        None => (text, None),
    };
    let mut grouped = String::with_capacity(text.len() + integer.len() / 3);
    for (i, c) in integer.chars().enumerate() {
        if i > 0 && (integer.len() - i) % 3 == 0 {
            grouped.push(',');
        }
        grouped.push(c);
    }
    if let Some(fraction) = fraction {
        grouped.push('.');
        grouped.push_str(fraction);
    }
    grouped
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn money_reads_to_three_significant_digits() {
        assert_eq!(money_b(38.0), "$38B");
        assert_eq!(money_b(7.55), "$7.55B");
        assert_eq!(money_b(174.25), "$174B");
        assert_eq!(money_b(42.359), "$42.4B");
        assert_eq!(money_b(96.026), "$96B");
        assert_eq!(money_b(1234.5678), "$1,235B");
        assert_eq!(money_b(1.0), "$1B");
    }

    #[test]
    fn money_under_a_billion_reads_in_millions() {
        // The 2024 leak: $493.8M of net payments.
        assert_eq!(money_b(0.4938), "$494M");
        assert_eq!(money_b(0.05), "$50M");
        assert_eq!(money_b(0.0004), "$0.4M");
        // 999.6M rounds to a whole billion, not to "$1,000M".
        assert_eq!(money_b(0.9996), "$1B");
        assert_eq!(money_b(0.9994), "$999M");
    }

    #[test]
    fn money_rounding_at_the_decimal_boundaries_never_shows_a_fourth_digit() {
        assert_eq!(money_b(9.996), "$10B");
        assert_eq!(money_b(99.96), "$100B");
        assert_eq!(money_b(9.994), "$9.99B");
        assert_eq!(money_b(99.94), "$99.9B");
    }

    #[test]
    fn money_signs_and_zero() {
        assert_eq!(money_b(-3.2), "\u{2212}$3.2B");
        assert_eq!(money_b(-0.4938), "\u{2212}$494M");
        assert_eq!(money_b(0.0), "$0B");
        assert_eq!(money_b(-0.0), "$0B");
        // Rounding noise around zero is zero, without a sign.
        assert_eq!(money_b(-1e-12), "$0B");
        assert_eq!(money_b(3e-9), "$0B");
    }

    #[test]
    fn money_of_non_finite_is_a_dash() {
        assert_eq!(money_b(f64::NAN), "—");
        assert_eq!(money_b(f64::INFINITY), "—");
        assert_eq!(money_b(f64::NEG_INFINITY), "—");
    }

    #[test]
    fn chances_read_as_whole_percentages_and_only_certainty_as_0_or_100() {
        assert_eq!(chance(0.6213), "62%");
        assert_eq!(chance(0.625), "63%");
        assert_eq!(chance(0.0), "0%");
        assert_eq!(chance(1.0), "100%");
        assert_eq!(chance(0.0001), "<1%");
        assert_eq!(chance(0.0049), "<1%");
        assert_eq!(chance(0.005), "1%");
        assert_eq!(chance(0.9996), ">99%");
        assert_eq!(chance(0.994), "99%");
        assert_eq!(chance(-0.5), "0%");
        assert_eq!(chance(f64::NAN), "—");
        assert_eq!(cap_year_name(Some(2029)), "2029");
        assert_eq!(cap_year_name(None), "never");
        assert_eq!(count(10_000), "10,000");
        assert_eq!(count(999), "999");
        assert_eq!(count(1_234_567), "1,234,567");
    }

    #[test]
    fn differences_always_carry_their_sign() {
        assert_eq!(signed_money_b(3.2), "+$3.2B");
        assert_eq!(signed_money_b(-3.2), "\u{2212}$3.2B");
        assert_eq!(signed_money_b(0.4938), "+$494M");
        assert_eq!(signed_money_b(0.0), "$0B");
        assert_eq!(signed_money_b(1e-12), "$0B");
        assert_eq!(signed_money_b(f64::NAN), "—");
        assert_eq!(signed_years(1), "+1 year");
        assert_eq!(signed_years(3), "+3 years");
        assert_eq!(signed_years(-1), "\u{2212}1 year");
        assert_eq!(signed_years(0), "same year");
        assert_eq!(signed_years(i32::MIN), "\u{2212}2147483648 years");
    }

    #[test]
    fn percent_reads_to_one_decimal() {
        assert_eq!(percent(20.0), "20%");
        assert_eq!(percent(6.6), "6.6%");
        assert_eq!(percent(6.63), "6.6%");
        assert_eq!(percent(27.5), "27.5%");
        assert_eq!(percent(-65.0), "\u{2212}65%");
        assert_eq!(percent(-0.01), "0%");
        assert_eq!(percent(0.0), "0%");
        assert_eq!(percent(1500.0), "1,500%");
        assert_eq!(percent(f64::NAN), "—");
    }
}
