//! Decimal text to `f64`, correctly rounded like `str::parse::<f64>`, without its 17 KB table
//! of powers of five: the page parses a handful of typed or linked numbers, so a slow exact
//! path costs nothing, while the table was one of the largest things the browser downloaded.

use std::cmp::Ordering;

use crate::big::Big;

/// `digits[.digits][(e|E)[+|-]digits]` with at least one mantissa digit, which is what
/// `str::parse::<f64>` accepts once signs, "inf" and "NaN" are ruled out; `None` otherwise.
/// Too large a number reads as infinity, as with `str::parse`.
pub fn parse_decimal(text: &str) -> Option<f64> {
    let bytes = text.as_bytes();
    let mut at = 0;
    // Significant digits without leading zeros; the value is `digits × 10^exp10`.
    let mut digits: Vec<u8> = Vec::new();
    let mut exp10: i64 = 0;
    let mut seen_digit = false;
    let mut after_point = false;
    while at < bytes.len() {
        match bytes[at] {
            b @ b'0'..=b'9' => {
                seen_digit = true;
                if !digits.is_empty() || b != b'0' {
                    digits.push(b - b'0');
                }
                if after_point {
                    exp10 -= 1;
                }
            }
            b'.' if !after_point => after_point = true,
            _ => break,
        }
        at += 1;
    }
    if !seen_digit {
        return None;
    }
    if at < bytes.len() {
        if !matches!(bytes[at], b'e' | b'E') {
            return None;
        }
        at += 1;
        let negative = match bytes.get(at) {
            Some(b'-') => {
                at += 1;
                true
            }
            Some(b'+') => {
                at += 1;
                false
            }
            _ => false,
        };
        let mut exponent: i64 = 0;
        if at == bytes.len() {
            return None;
        }
        for &b in &bytes[at..] {
            if !b.is_ascii_digit() {
                return None;
            }
            // Saturates far beyond any exponent that still changes the result.
            exponent = (exponent * 10 + i64::from(b - b'0')).min(1 << 40);
        }
        exp10 += if negative { -exponent } else { exponent };
    }
    Some(from_digits(&mut digits, exp10))
}

/// The double nearest `digits × 10^exp10`, for decimal digits (values 0 to 9) without leading
/// zeros; trailing zeros are dropped from `digits`. Shared with `float_text`, which checks its
/// candidates here without writing them out.
pub(crate) fn from_digits(digits: &mut Vec<u8>, mut exp10: i64) -> f64 {
    while digits.last() == Some(&0) {
        digits.pop();
        exp10 += 1;
    }
    if digits.is_empty() {
        return 0.0;
    }
    // The leading digit's power of ten: the value lies in [10^lead, 10^(lead+1)).
    let lead = digits.len() as i64 - 1 + exp10;
    if lead > 308 {
        return f64::INFINITY;
    }
    if lead < -325 {
        return 0.0;
    }
    // Exact integer times or over an exact power of ten: one correctly rounded operation.
    if digits.len() <= 15 && (-22..=22).contains(&exp10) {
        let n = digits.iter().fold(0.0, |n, &d| n * 10.0 + f64::from(d));
        let scale = (0..exp10.unsigned_abs()).fold(1.0, |p, _| p * 10.0);
        return if exp10 < 0 { n / scale } else { n * scale };
    }
    exact(digits, exp10, lead as i32)
}

/// Starts a few units in the last place from the answer and walks to the nearest double by
/// comparing the decimal value exactly against the halfway points between neighbours.
fn exact(digits: &[u8], exp10: i64, lead: i32) -> f64 {
    let first = digits
        .iter()
        .take(17)
        .fold(0.0, |n, &d| n * 10.0 + f64::from(d));
    let normalized = first / 10f64.powi(digits.len().min(17) as i32 - 1);
    let mut x = if lead < -300 {
        normalized * 1e-300 * 10f64.powi(lead + 300)
    } else {
        normalized * 10f64.powi(lead)
    };
    if x.is_infinite() {
        x = f64::MAX;
    }
    let value = Big::decimal(digits);
    loop {
        if x.is_infinite() {
            return x;
        }
        match compare_to_midpoint_above(&value, exp10, x) {
            Ordering::Greater => x = next_up(x),
            Ordering::Equal => return even_of(x, next_up(x)),
            Ordering::Less if x > 0.0 => {
                let below = f64::from_bits(x.to_bits() - 1);
                match compare_to_midpoint_above(&value, exp10, below) {
                    Ordering::Less => x = below,
                    Ordering::Equal => return even_of(below, x),
                    Ordering::Greater => return x,
                }
            }
            Ordering::Less => return x,
        }
    }
}

fn next_up(x: f64) -> f64 {
    f64::from_bits(x.to_bits() + 1)
}

fn even_of(a: f64, b: f64) -> f64 {
    if a.to_bits() & 1 == 0 {
        a
    } else {
        b
    }
}

/// `x = m × 2^k` for a finite, non-negative `x`, with `m` an integer of at most 53 bits.
pub(crate) fn significand_and_exponent(x: f64) -> (u64, i64) {
    let bits = x.to_bits();
    let biased = (bits >> 52) as i64;
    let fraction = bits & ((1 << 52) - 1);
    if biased == 0 {
        (fraction, -1074)
    } else {
        (fraction | (1 << 52), biased - 1075)
    }
}

/// Compares `value × 10^exp10` with the point halfway between the finite, non-negative `x`
/// and the next double up, `(2m + 1) × 2^(k − 1)` for `x = m × 2^k`.
fn compare_to_midpoint_above(value: &Big, exp10: i64, x: f64) -> Ordering {
    let (m, k) = significand_and_exponent(x);
    let mut left = value.clone();
    let mut right = Big::from_u64(2 * m + 1);
    for _ in 0..exp10.max(0) {
        left.mul_small(10);
    }
    for _ in 0..(-exp10).max(0) {
        right.mul_small(10);
    }
    left.shl((1 - k).max(0) as usize);
    right.shl((k - 1).max(0) as usize);
    left.cmp(&right)
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn same_as_std(text: &str) {
        let ours = parse_decimal(text).map(f64::to_bits);
        let std = text.parse::<f64>().ok().map(f64::to_bits);
        assert_eq!(ours, std, "{text:?}");
    }

    #[test]
    fn edges_read_like_std() {
        for text in [
            "0",
            "0.0",
            ".5",
            "5.",
            "00012.5000",
            "1e5",
            "1E+5",
            "1e-5",
            "2030",
            "38",
            "0.1",
            "4294967295",
            "1e22",
            "1e23",
            "9007199254740993",
            "123456789012345678901234567890",
            "1.7976931348623157e308",
            "1.7976931348623158e308",
            "1.7976931348623159e308",
            "2.2250738585072011e-308",
            "2.2250738585072014e-308",
            "4.9406564584124654e-324",
            "2.4703282292062327e-324",
            "2.4703282292062328e-324",
            "1e-400",
            "1e400",
            "0e999999",
            "1e99999999999999999999",
            "1e-99999999999999999999",
            "0.000000000000000000000001",
            "2.5e-323",
            "1.00000000000000011102230246251565404236316680908203125",
            "1.00000000000000011102230246251565404236316680908203124",
            "1.00000000000000011102230246251565404236316680908203126",
            "9007199254740992.5",
            "9007199254740993.0000000001",
            "8.98846567431158e307",
            // Not numbers to either parser.
            "",
            ".",
            "e5",
            ".e5",
            "1e",
            "1e+",
            "1e-",
            "1..2",
            "1.2.3",
            "1e5.5",
            "1 ",
            "1x",
            "0x10",
        ] {
            same_as_std(text);
        }
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(4_000))]

        #[test]
        fn any_double_reads_back_from_its_shortest_and_long_forms(bits in any::<u64>()) {
            let x = f64::from_bits(bits).abs();
            if x.is_finite() {
                for text in [format!("{x}"), format!("{x:e}"), format!("{x:.30e}"), format!("{x:.20}")] {
                    same_as_std(&text);
                }
            }
        }

        #[test]
        fn decimal_text_reads_like_std(text in "[0-9]{0,25}(\\.[0-9]{0,25})?([eE][-+]?[0-9]{1,3})?") {
            same_as_std(&text);
        }

    }

    proptest! {
        // Each case expands a midpoint exactly, up to 1,100 digits: slow in a debug build.
        #![proptest_config(ProptestConfig::with_cases(500))]

        #[test]
        fn halfway_points_round_like_std(bits in any::<u64>(), nudge in -1i8..=1) {
            // The exact decimal of a midpoint between two neighbouring doubles, nudged by
            // one in the last digit or not: the cases a shortcut gets wrong.
            let x = f64::from_bits(bits >> 1).abs();
            let next = f64::from_bits(x.to_bits() + 1);
            if x.is_finite() && next.is_finite() {
                let mid = midpoint_text(x);
                same_as_std(&mid);
                same_as_std(&nudged(&mid, nudge));
            }
        }
    }

    /// The exact decimal expansion of the point halfway between `x` and the next double.
    fn midpoint_text(x: f64) -> String {
        let (m, k) = significand_and_exponent(x);
        // (2m + 1) × 2^(k − 1) = (2m + 1) × 5^(1 − k) / 10^(1 − k) when k < 1.
        let mut n = Big::from_u64(2 * m + 1);
        if k >= 1 {
            n.shl((k - 1) as usize);
            return String::from_utf8(n.into_decimal()).unwrap();
        }
        for _ in 0..(1 - k) {
            n.mul_small(5);
        }
        let digits = String::from_utf8(n.into_decimal()).unwrap();
        format!("{digits}e-{}", 1 - k)
    }

    fn nudged(text: &str, by: i8) -> String {
        let (mantissa, exponent) = text.split_once('e').unwrap_or((text, ""));
        let mut digits: Vec<u8> = mantissa.bytes().collect();
        let last = digits.len() - 1;
        match by {
            1 if digits[last] < b'9' => digits[last] += 1,
            -1 if digits[last] > b'0' => digits[last] -= 1,
            _ => {}
        }
        let mantissa = String::from_utf8(digits).unwrap();
        if exponent.is_empty() {
            mantissa
        } else {
            format!("{mantissa}e{exponent}")
        }
    }
}
