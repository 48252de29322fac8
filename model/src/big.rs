//! An unsigned big integer just large enough for exact decimal conversions of `f64` both ways
//! (reading in `decimal`, writing in `float_text`): a few operations by small factors, so no
//! crate's general arithmetic is worth its bytes in the wasm.

use std::cmp::Ordering;

/// An unsigned big integer, little-endian base 2^32 limbs with no zero limb on top.
#[derive(Clone, PartialEq, Eq)]
pub(crate) struct Big(pub(crate) Vec<u32>);

impl Big {
    pub(crate) fn from_u64(n: u64) -> Big {
        let mut big = Big(vec![n as u32, (n >> 32) as u32]);
        big.trim();
        big
    }

    pub(crate) fn decimal(digits: &[u8]) -> Big {
        let mut big = Big(Vec::new());
        for &d in digits {
            big.mul_small(10);
            big.add_small(u32::from(d));
        }
        big
    }

    pub(crate) fn trim(&mut self) {
        while self.0.last() == Some(&0) {
            self.0.pop();
        }
    }

    pub(crate) fn mul_small(&mut self, factor: u32) {
        let mut carry = 0u64;
        for limb in &mut self.0 {
            let product = u64::from(*limb) * u64::from(factor) + carry;
            *limb = product as u32;
            carry = product >> 32;
        }
        if carry > 0 {
            self.0.push(carry as u32);
        }
    }

    pub(crate) fn add_small(&mut self, n: u32) {
        let mut carry = u64::from(n);
        for limb in &mut self.0 {
            if carry == 0 {
                return;
            }
            let sum = u64::from(*limb) + carry;
            *limb = sum as u32;
            carry = sum >> 32;
        }
        if carry > 0 {
            self.0.push(carry as u32);
        }
    }

    /// The decimal digits, most significant first, as ASCII: "0" for zero.
    pub(crate) fn into_decimal(mut self) -> Vec<u8> {
        const CHUNK: u64 = 1_000_000_000;
        let mut chunks = Vec::new();
        while !self.0.is_empty() {
            let mut rem = 0u64;
            for limb in self.0.iter_mut().rev() {
                let cur = (rem << 32) | u64::from(*limb);
                *limb = (cur / CHUNK) as u32;
                rem = cur % CHUNK;
            }
            self.trim();
            chunks.push(rem as u32);
        }
        let mut digits = Vec::with_capacity(chunks.len() * 9 + 1);
        for (i, chunk) in chunks.iter().rev().enumerate() {
            let mut nine = [b'0'; 9];
            let mut rest = *chunk;
            for digit in nine.iter_mut().rev() {
                *digit = b'0' + (rest % 10) as u8;
                rest /= 10;
            }
            let skip = if i == 0 {
                nine.iter().take_while(|&&d| d == b'0').count()
            } else {
                0
            };
            digits.extend_from_slice(&nine[skip..]);
        }
        if digits.is_empty() {
            digits.push(b'0');
        }
        digits
    }

    pub(crate) fn shl(&mut self, bits: usize) {
        if self.0.is_empty() {
            return;
        }
        let (limbs, bits) = (bits / 32, bits % 32);
        if bits > 0 {
            let mut carry = 0;
            for limb in &mut self.0 {
                let shifted = (u64::from(*limb) << bits) | carry;
                *limb = shifted as u32;
                carry = shifted >> 32;
            }
            if carry > 0 {
                self.0.push(carry as u32);
            }
        }
        self.0.splice(0..0, std::iter::repeat_n(0, limbs));
    }
}

impl PartialOrd for Big {
    fn partial_cmp(&self, other: &Big) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

impl Ord for Big {
    fn cmp(&self, other: &Big) -> Ordering {
        self.0
            .len()
            .cmp(&other.0.len())
            .then_with(|| self.0.iter().rev().cmp(other.0.iter().rev()))
    }
}
