//! `f64` as decimal text, the same text `format!("{x:.p$}")` and `format!("{x}")` write, without
//! the standard library's float formatting (Grisu with a Dragon fallback and their tables:
//! 4.7 KB gzip of code in the page's wasm, more than anything else the prerendered first view
//! could give up). Every double is an exact decimal, `m × 5^k / 10^k`, so both forms are that
//! decimal's digits rounded (halves to even in fixed places, up in the shortest form, as
//! `core::fmt` does), and the shortest form is the first rounding that reads back as the same
//! double. Slower than `core::fmt`, and fast enough: a page formats a
//! few hundred numbers per frame at most.

use crate::big::Big;
use crate::decimal::{from_digits, significand_and_exponent};

/// `x` with `places` digits after the point, as `format!("{x:.places$}")` writes it.
pub fn fixed(x: f64, places: usize) -> String {
    if let Some(special) = special(x) {
        return special;
    }
    let (digits, scale) = exact(x.abs());
    // The value times 10^places, rounded to an integer.
    let scaled = if places >= scale {
        let mut d = digits;
        d.resize(d.len() + places - scale, b'0');
        d
    } else {
        let drop = scale - places;
        if drop > digits.len() {
            vec![b'0']
        } else {
            round(&digits, digits.len() - drop, Halves::Even)
        }
    };
    let mut text = sign(x);
    push_point(&mut text, &scaled, places);
    text
}

/// The fewest digits that read back as `x`, nearest to it among as few, in plain decimal
/// (never an exponent), as `format!("{x}")` writes it.
pub fn shortest(x: f64) -> String {
    if let Some(special) = special(x) {
        return special;
    }
    let mut text = sign(x);
    let x = x.abs();
    if x == 0.0 {
        text.push('0');
        return text;
    }
    if x < 9_007_199_254_740_992.0 && x.fract() == 0.0 {
        text.push_str(&(x as u64).to_string());
        return text;
    }
    let (digits, scale) = exact(x);
    let at = |count: usize| (digits.len() - count) as i64 - scale as i64;
    // The value is `kept × 10^(exp10)`; the exact digits unless fewer read back.
    let (mut kept, mut exp10) = (digits.clone(), -(scale as i64));
    if x.to_bits() & ((1 << 52) - 1) == 0 {
        // A power of two, where the gap below is half the gap above: the nearest of a count
        // of digits may miss while a neighbour of it reads back, and a count that reads back
        // says nothing of the next. Every count in turn.
        for count in 1..digits.len() {
            let nearest = round(&digits, count, Halves::Up);
            let found = [step(&nearest, true), step(&nearest, false)]
                .into_iter()
                .flatten()
                .fold(
                    Some(nearest).filter(|n| reads_back(n, at(count), x)),
                    |found, other| {
                        found.or_else(|| reads_back(&other, at(count), x).then_some(other))
                    },
                );
            if let Some(found) = found {
                (kept, exp10) = (found, at(count));
                break;
            }
        }
    } else {
        // Elsewhere the doubles that read back as `x` lie evenly around it, so the nearest of
        // a count reads back if any does, and then so does the nearest of every larger count:
        // the fewest found by halving (17 always suffice).
        let (mut low, mut high) = (1, digits.len().min(17));
        let even = significand_and_exponent(x).0.is_multiple_of(2);
        let fits = |count: usize| {
            near_enough(&digits, scale, count, even)
                .unwrap_or_else(|| reads_back(&round(&digits, count, Halves::Up), at(count), x))
        };
        // Most doubles a model computes need 16 or 17 digits: one try at 15 first halves the
        // search.
        if high > 15 {
            if fits(15) {
                high = 15;
            } else {
                low = 16;
            }
        }
        while low < high {
            let mid = (low + high) / 2;
            if fits(mid) {
                high = mid;
            } else {
                low = mid + 1;
            }
        }
        if low < digits.len() {
            (kept, exp10) = (round(&digits, low, Halves::Up), at(low));
        }
    }
    while kept.len() > 1 && kept.last() == Some(&b'0') {
        kept.pop();
        exp10 += 1;
    }
    if exp10 >= 0 {
        kept.resize(kept.len() + exp10 as usize, b'0');
        push_point(&mut text, &kept, 0);
    } else {
        push_point(&mut text, &kept, exp10.unsigned_abs() as usize);
    }
    text
}

fn special(x: f64) -> Option<String> {
    if x.is_nan() {
        Some("NaN".to_string())
    } else if x.is_infinite() {
        Some(if x < 0.0 { "-inf" } else { "inf" }.to_string())
    } else {
        None
    }
}

/// `core::fmt` writes the sign of every negative double, negative zero included.
fn sign(x: f64) -> String {
    if x.is_sign_negative() {
        "-".to_string()
    } else {
        String::new()
    }
}

/// The exact decimal of a finite `x ≥ 0`: its digits, and how many of them follow the point.
fn exact(x: f64) -> (Vec<u8>, usize) {
    let (m, k) = significand_and_exponent(x);
    let mut n = Big::from_u64(m);
    if k >= 0 {
        n.shl(k as usize);
        return (n.into_decimal(), 0);
    }
    // m × 2^k = m × 5^−k / 10^−k; 5^13 is the largest power of five in a limb.
    let k = k.unsigned_abs() as usize;
    for _ in 0..k / 13 {
        n.mul_small(1_220_703_125);
    }
    for _ in 0..k % 13 {
        n.mul_small(5);
    }
    (n.into_decimal(), k)
}

/// The first `keep` of an integer's digits, rounded on the rest, halves to even or up; one
/// digit more when rounding carries ("995" kept to 2 is "100"), "0" or "1" when `keep` is 0.
fn round(digits: &[u8], keep: usize, halves: Halves) -> Vec<u8> {
    let (head, rest) = digits.split_at(keep.min(digits.len()));
    let head = head.to_vec();
    let odd = head.last().is_some_and(|d| (d - b'0') % 2 == 1) || halves == Halves::Up;
    let up = match rest.split_first() {
        None => false,
        Some((&first, tail)) => {
            first > b'5' || (first == b'5' && (odd || tail.iter().any(|&d| d != b'0')))
        }
    };
    if head.is_empty() {
        return vec![if up { b'1' } else { b'0' }];
    }
    if up {
        return step(&head, true).unwrap_or(head);
    }
    head
}

/// How a half rounds: `core::fmt` takes it to even in fixed places, and up in the shortest
/// form (where both neighbours of a double that ends in a 5 read back as it).
#[derive(Clone, Copy, PartialEq)]
enum Halves {
    Even,
    Up,
}

/// One more, or one less, in the last digit; none below zero.
fn step(digits: &[u8], up: bool) -> Option<Vec<u8>> {
    let mut out = digits.to_vec();
    for d in out.iter_mut().rev() {
        match (up, *d) {
            (true, b'9') => *d = b'0',
            (false, b'0') => *d = b'9',
            (true, _) => {
                *d += 1;
                return Some(out);
            }
            (false, _) => {
                *d -= 1;
                let first_nonzero = out.iter().position(|&d| d != b'0');
                return Some(match first_nonzero {
                    Some(0) | None => out,
                    Some(i) => out[i..].to_vec(),
                });
            }
        }
    }
    if up {
        out.insert(0, b'1');
        Some(out)
    } else {
        None
    }
}

/// Whether the nearest of `count` digits reads back as the double whose exact digits these are
/// (with `scale` of them after the point, so that an ulp is 5^scale in their last place): it
/// does when what rounding dropped is under half an ulp, or half of one when the double's
/// significand is even, as reading rounds halves. In `u128` arithmetic, without writing the
/// candidate out and reading it back through big integers (most doubles on a page need 16
/// or 17 digits, past what reads back in one floating-point operation); `None` where the
/// numbers outgrow it (tiny magnitudes, or few digits kept of many).
fn near_enough(digits: &[u8], scale: usize, count: usize, even: bool) -> Option<bool> {
    let dropped = digits.get(count..)?;
    // Integers (no scale) have ulps of 2^k, not 5^0.
    if scale == 0 || scale > 55 || dropped.len() > 38 {
        return None;
    }
    let tail = dropped
        .iter()
        .fold(0u128, |n, &d| n * 10 + u128::from(d - b'0'));
    // Halves go up, as `round` takes them here.
    let residue = if dropped.first().is_some_and(|&d| d >= b'5') {
        10u128.pow(dropped.len() as u32) - tail
    } else {
        tail
    };
    let ulp = 5u128.pow(scale as u32);
    Some(2 * residue < ulp || (2 * residue == ulp && even))
}

fn reads_back(digits: &[u8], exp10: i64, x: f64) -> bool {
    let mut digits: Vec<u8> = digits.iter().map(|d| d - b'0').collect();
    from_digits(&mut digits, exp10) == x
}

/// An integer's digits with a point before the last `places`, zeros in front as needed.
fn push_point(text: &mut String, digits: &[u8], places: usize) {
    let start = digits
        .iter()
        .position(|&d| d != b'0')
        .unwrap_or(digits.len());
    let digits = &digits[start..];
    if digits.len() <= places {
        text.push('0');
        if places > 0 {
            text.push('.');
            text.extend(std::iter::repeat_n('0', places - digits.len()));
            text.extend(digits.iter().map(|&d| char::from(d)));
        }
        return;
    }
    let (whole, fraction) = digits.split_at(digits.len() - places);
    text.extend(whole.iter().map(|&d| char::from(d)));
    if places > 0 {
        text.push('.');
        text.extend(fraction.iter().map(|&d| char::from(d)));
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn like_std(x: f64) {
        assert_eq!(shortest(x), format!("{x}"), "{:?}", x.to_bits());
        for places in [0, 1, 2, 3, 5, 17, 25] {
            assert_eq!(
                fixed(x, places),
                format!("{x:.places$}"),
                "{:?} to {places}",
                x.to_bits()
            );
        }
    }

    #[test]
    fn edges_write_like_std() {
        for x in [
            0.0,
            -0.0,
            1.0,
            -1.0,
            0.1,
            0.2,
            0.3,
            0.5,
            1.5,
            2.5,
            0.05,
            0.15,
            0.25,
            0.35,
            0.125,
            0.375,
            9.995,
            99.95,
            999.5,
            0.9995,
            174.25,
            7.55,
            38.0,
            2.842_170_943_040_401e-14,
            1e-7,
            1e21,
            1e22,
            1e23,
            123456789012345680000.0,
            9007199254740993.0,
            f64::MAX,
            f64::MIN_POSITIVE,
            5e-324,
            2.225_073_858_507_201e-308,
            1e300,
            0.000001,
            4.35,
            -0.04,
            -0.05,
            -0.06,
            2f64.powi(-20),
            2f64.powi(60),
            2f64.powi(-1022) * 3.0,
            f64::NAN,
            f64::INFINITY,
            f64::NEG_INFINITY,
        ] {
            like_std(x);
        }
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(1_000))]

        #[test]
        fn any_double_writes_like_std(bits in any::<u64>()) {
            like_std(f64::from_bits(bits));
        }

        #[test]
        fn page_sized_numbers_write_like_std(cents in -10_000_000_000i64..10_000_000_000, shift in 0i32..8) {
            // Amounts as the model makes them: sums and products of decimals, at every scale.
            let x = cents as f64 / 100.0 * 10f64.powi(shift - 4) * 1.07;
            like_std(x);
        }

        #[test]
        fn powers_of_two_write_like_std(exp in -1074i32..1024, sign in any::<bool>()) {
            // Where the gap below a double is half the gap above.
            let x = 2f64.powi(exp);
            like_std(if sign { -x } else { x });
        }
    }
}
