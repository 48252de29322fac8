//! The k-th smallest of the ensemble's order keys, for its percentiles.
//!
//! `slice::select_nth_unstable` did this job until the release wasm began to build the
//! standard library with its `optimize_for_size` feature (4 KB of the page's gzip). That
//! feature swaps its introselect for a plain median of medians: in the browser a selection
//! over 10,000 keys took about 8 ms, and a 10,000-path ensemble 1.7 s instead of 0.1 s. This
//! quickselect is a few dozen instructions.

/// Reorders `keys` so that `keys[index]` is the key a full sort would put there, with no
/// greater key before it and no smaller one after, like `select_nth_unstable`. Does nothing
/// when `index` is out of range.
pub(crate) fn select_nth(keys: &mut [i64], index: usize) {
    // Enough rounds for any fair run of pivots; past them the rest is sorted, so even an input
    // built against the pivot rule costs O(n log n), not O(n²).
    let rounds = 2 * (usize::BITS - keys.len().leading_zeros()) + 4;
    select_within(keys, index, rounds);
}

/// Quickselect around the median of three keys, with a branchless partition: which side a
/// key goes to is data, not a branch, so random keys cost no mispredictions. When the pivot
/// is the least key of the window (as happens among many equal keys, such as a payment that
/// every capped path shares), a second pass gathers the keys equal to it, so those settle at
/// once instead of going round again.
fn select_within(keys: &mut [i64], index: usize, mut rounds: u32) {
    if index >= keys.len() {
        return;
    }
    let (mut lo, mut hi) = (0, keys.len());
    while hi - lo > 1 {
        let window = &mut keys[lo..hi];
        if rounds == 0 || window.len() <= SMALL {
            window.sort_unstable();
            return;
        }
        rounds -= 1;
        let last = window.len() - 1;
        let pivot = median_of_three(window[0], window[last / 2], window[last]);
        let k = index - lo;
        let less = partition(window, |key| key < pivot);
        if less == 0 {
            let equal = partition(window, |key| key == pivot);
            if k < equal {
                return;
            }
            lo += equal;
        } else if k < less {
            hi = lo + less;
        } else {
            lo += less;
        }
    }
}

/// Moves the keys for which `goes_first` holds to the front, keeping no order, and returns how
/// many there are (Lomuto's scheme, swapping every key so that the count is the only thing the
/// test decides).
fn partition(window: &mut [i64], goes_first: impl Fn(i64) -> bool) -> usize {
    let mut first = 0;
    for i in 0..window.len() {
        let key = window[i];
        window.swap(first, i);
        first += usize::from(goes_first(key));
    }
    first
}

/// Below this many keys a sort is quicker than another round of partitioning.
const SMALL: usize = 16;

fn median_of_three(a: i64, b: i64, c: i64) -> i64 {
    a.max(b).min(a.min(b).max(c))
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    /// Runs `select` on a copy of `original` and checks what `select_nth` promises against a
    /// full sort.
    fn assert_selects(original: &[i64], index: usize, select: impl Fn(&mut [i64], usize)) {
        let mut keys = original.to_vec();
        select(&mut keys, index);
        let mut sorted = original.to_vec();
        sorted.sort_unstable();
        let mut reordered = keys.clone();
        reordered.sort_unstable();
        assert_eq!(reordered, sorted, "a permutation of the input");
        assert_eq!(keys[index], sorted[index]);
        assert!(keys[..index].iter().all(|&k| k <= keys[index]));
        assert!(keys[index + 1..].iter().all(|&k| k >= keys[index]));
    }

    proptest! {
        #[test]
        fn selects_what_a_sort_puts_there(
            original in prop::collection::vec(any::<i64>(), 1..300),
            pick in any::<prop::sample::Index>(),
        ) {
            assert_selects(&original, pick.index(original.len()), select_nth);
        }

        /// Few distinct values, as in a column where many paths reach the cap.
        #[test]
        fn selects_among_many_equal_keys(
            original in prop::collection::vec(-2_i64..3, 1..300),
            pick in any::<prop::sample::Index>(),
        ) {
            assert_selects(&original, pick.index(original.len()), select_nth);
        }

        /// With no rounds left it falls back to sorting, and is still right.
        #[test]
        fn the_sorting_fallback_selects_too(
            original in prop::collection::vec(any::<i64>(), 1..100),
            pick in any::<prop::sample::Index>(),
            rounds in 0_u32..3,
        ) {
            let index = pick.index(original.len());
            assert_selects(&original, index, |keys, index| select_within(keys, index, rounds));
        }
    }

    #[test]
    fn ordered_and_organ_pipe_inputs_of_ensemble_size() {
        let n = 10_000_i64;
        let inputs: [Vec<i64>; 4] = [
            (0..n).collect(),
            (0..n).rev().collect(),
            (0..n).map(|i| i.min(n - i)).collect(),
            (0..n).map(|i| (i * 7919) % n).collect(),
        ];
        for original in inputs {
            for index in [0, 999, 4999, 8999, 9999] {
                assert_selects(&original, index, select_nth);
            }
        }
    }

    #[test]
    fn an_index_out_of_range_leaves_the_keys_alone() {
        let mut keys = vec![3, 1, 2];
        select_nth(&mut keys, 3);
        assert_eq!(keys, [3, 1, 2]);
        select_nth(&mut [], 0);
    }
}
