//! The optional Monte Carlo ensemble of `deal-model.md` ("Uncertainty"): many random revenue
//! paths around `R(y)`, each run through the unchanged equations, summarised year by year as
//! percentile bands and as the chance that the cap is reached by each year.
//!
//! Path `i` draws independent standard normals `z(i, y)` for y = 2026..=2035 and uses
//! `R_i(y) = R(y) * exp(sum over k = 2026..=y of (vol/100 * z(i, k) - (vol/100)^2 / 2))`, so
//! each year's mean revenue stays `R(y)`.
//!
//! Decisions made here once:
//! - Draws come from one PCG-64 (MCG variant) stream seeded by `SeedableRng::seed_from_u64`
//!   with the `seed` input, taken path by path (path 0's ten years, then path 1's, ...), so the
//!   first `n` paths are the same whatever the number of paths. Normals are
//!   `rand_distr::StandardNormal`; the exponential is `libm::exp`, like the normal sampler's
//!   own maths, so native and wasm32 builds draw bit-identical paths.
//! - With `vol = 0` every term of the sum is `0 * z - 0 = ±0`, `exp(±0)` is exactly 1 and
//!   `R(y) * 1` is `R(y)` bit for bit: every path is the deterministic ledger.
//! - Percentiles are nearest-rank: of `n` sorted values, the p-th percentile is the value of
//!   rank `ceil(p * n / 100)` (1-based), computed in integers. It is always one of the path
//!   values, so identical paths give exactly their value.
//! - `paths = 0` is treated as one path.

use rand_core::SeedableRng;
use rand_distr::{Distribution, StandardNormal};
use rand_pcg::Pcg64Mcg;

use crate::ledger::{
    margin_path_of_bounded, revenue_path, year_row, Carry, Terms, FIRST_YEAR, LAST_YEAR, YEARS,
};
use crate::scenario::Scenario;

/// The number of paths the app draws unless told otherwise.
pub const DEFAULT_PATHS: usize = 10_000;

/// The 10th, 50th and 90th percentile of one ledger quantity across paths, one entry per model
/// year (index 0 is 2026), nearest-rank.
#[derive(Clone, Debug, PartialEq)]
pub struct Band {
    pub p10: Vec<f64>,
    pub p50: Vec<f64>,
    pub p90: Vec<f64>,
}

impl Band {
    fn new() -> Band {
        Band {
            p10: Vec::with_capacity(YEARS),
            p50: Vec::with_capacity(YEARS),
            p90: Vec::with_capacity(YEARS),
        }
    }
}

/// The ensemble's summary, money in $B. Bands are named after the ledger's
/// [`YearRow`](crate::ledger::YearRow) fields (and CSV columns); `margin_pct` has none, as it
/// does not depend on revenue.
#[derive(Clone, Debug, PartialEq)]
pub struct Ensemble {
    /// The number of paths drawn.
    pub paths: usize,
    /// The seed the draws came from (the `seed` input, bounded and rounded).
    pub seed: u64,
    /// The model years, 2026 to 2035; every band and `cap_reached_by` follow this order.
    pub years: Vec<i32>,
    pub revenue: Band,
    pub share_new: Band,
    pub cumulative_new: Band,
    pub share_old: Band,
    pub cumulative_old: Band,
    pub openai_kept_new: Band,
    pub openai_kept_old: Band,
    pub net_income_new: Band,
    pub net_income_old: Band,
    pub microsoft_take_new: Band,
    pub microsoft_take_old: Band,
    pub others_take_new: Band,
    pub others_take_old: Band,
    /// Per year, the share of paths (0 to 1) whose cap year is at or before that year.
    pub cap_reached_by: Vec<f64>,
    /// How many paths reach the cap first in each year, 2026 to 2035 in order (zero counts
    /// included), then `None`: the paths that never reach it. The counts sum to `paths`.
    pub cap_year_counts: Vec<(Option<i32>, usize)>,
}

impl Ensemble {
    /// The band of a ledger quantity by its CSV column name, e.g. `"cumulative_new"`.
    pub fn band(&self, column: &str) -> Option<&Band> {
        let band = match column {
            "revenue" => &self.revenue,
            "share_new" => &self.share_new,
            "cumulative_new" => &self.cumulative_new,
            "share_old" => &self.share_old,
            "cumulative_old" => &self.cumulative_old,
            "openai_kept_new" => &self.openai_kept_new,
            "openai_kept_old" => &self.openai_kept_old,
            "net_income_new" => &self.net_income_new,
            "net_income_old" => &self.net_income_old,
            "microsoft_take_new" => &self.microsoft_take_new,
            "microsoft_take_old" => &self.microsoft_take_old,
            "others_take_new" => &self.others_take_new,
            "others_take_old" => &self.others_take_old,
            _ => return None,
        };
        Some(band)
    }

    /// The share of paths whose cap year is at or before `year`; years outside 2026..=2035 are
    /// clamped into them.
    pub fn cap_probability_by(&self, year: i32) -> f64 {
        let index = (year.clamp(FIRST_YEAR, LAST_YEAR) - FIRST_YEAR) as usize;
        self.cap_reached_by.get(index).copied().unwrap_or(0.0)
    }
}

/// The seed of a scenario's draws: the `seed` input bounded into its range and rounded.
fn seed_of_bounded(s: &Scenario) -> u64 {
    s.seed.round() as u64
}

/// The per-path revenue multipliers `exp(sum ...)`, year-major: entry `y * paths + i` is
/// path `i` in model year `FIRST_YEAR + y`. `s` must be bounded.
fn factors_of_bounded(s: &Scenario, paths: usize) -> Vec<f64> {
    let sigma = s.vol / 100.0;
    let drift = sigma * sigma / 2.0;
    let mut rng = Pcg64Mcg::seed_from_u64(seed_of_bounded(s));
    let mut factors = vec![0.0; YEARS * paths];
    for i in 0..paths {
        let mut log_sum = 0.0;
        for y in 0..YEARS {
            let z: f64 = StandardNormal.sample(&mut rng);
            log_sum += sigma * z - drift;
            factors[y * paths + i] = libm::exp(log_sum);
        }
    }
    factors
}

/// The revenue of each path, 2026 to 2035: exactly the paths [`simulate`] runs with the same
/// scenario and number of paths (`paths = 0` gives one path).
pub fn revenue_paths(s: &Scenario, paths: usize) -> Vec<[f64; YEARS]> {
    let s = s.bounded();
    let paths = paths.max(1);
    let base = revenue_path(&s);
    let factors = factors_of_bounded(&s, paths);
    (0..paths)
        .map(|i| {
            let mut path = [0.0; YEARS];
            for (y, slot) in path.iter_mut().enumerate() {
                *slot = base[y] * factors[y * paths + i];
            }
            path
        })
        .collect()
}

/// The 1-based nearest rank of the p-th percentile of `n` values, as a 0-based index.
fn rank_index(p: usize, n: usize) -> usize {
    (p * n).div_ceil(100).max(1) - 1
}

/// A key whose integer order is [`f64::total_cmp`]'s order (the same bijection `total_cmp`
/// applies), so selection compares plain integers. It is its own inverse: see [`value_of_key`].
#[inline]
fn order_key(value: f64) -> i64 {
    let bits = value.to_bits() as i64;
    bits ^ ((((bits >> 63) as u64) >> 1) as i64)
}

#[inline]
fn value_of_key(key: i64) -> f64 {
    f64::from_bits((key ^ ((((key >> 63) as u64) >> 1) as i64)) as u64)
}

/// Appends the 10th, 50th and 90th nearest-rank percentiles of the values whose
/// [`order_key`]s are `keys` (reordered in place): the median first, then the 10th among the
/// keys below it and the 90th among those above. A column with one value throughout (a
/// payment after its last year, every path at the cap, `vol = 0`) skips the selection.
fn push_percentiles(band: &mut Band, keys: &mut [i64]) {
    let n = keys.len();
    if let Some(&first) = keys.first() {
        if keys.iter().all(|&key| key == first) {
            let value = value_of_key(first);
            band.p10.push(value);
            band.p50.push(value);
            band.p90.push(value);
            return;
        }
    }
    let (i10, i50, i90) = (rank_index(10, n), rank_index(50, n), rank_index(90, n));
    let (below, median, above) = keys.select_nth_unstable(i50);
    let p50 = *median;
    let p10 = if i10 == i50 {
        p50
    } else {
        *below.select_nth_unstable(i10).1
    };
    let p90 = if i90 == i50 {
        p50
    } else {
        *above.select_nth_unstable(i90 - i50 - 1).1
    };
    band.p10.push(value_of_key(p10));
    band.p50.push(value_of_key(p50));
    band.p90.push(value_of_key(p90));
}

/// Draws `paths` revenue paths for the scenario (bounded into its ranges first), runs the
/// ledger's equations on each and summarises them year by year. `paths = 0` is one path.
pub fn simulate(s: &Scenario, paths: usize) -> Ensemble {
    let s = s.bounded();
    let paths = paths.max(1);
    let terms = Terms::of_bounded(&s);
    let base = revenue_path(&s);
    let margins = margin_path_of_bounded(&s);
    let factors = factors_of_bounded(&s, paths);

    const QUANTITIES: usize = 13;
    let mut bands: [Band; QUANTITIES] = std::array::from_fn(|_| Band::new());
    let mut keys: [Vec<i64>; QUANTITIES] = std::array::from_fn(|_| vec![0; paths]);
    let mut carries = vec![Carry::default(); paths];
    let mut first_reached = [0usize; YEARS];
    let mut cap_reached_by = Vec::with_capacity(YEARS);
    let mut reached = 0usize;

    for (y, year) in (FIRST_YEAR..=LAST_YEAR).enumerate() {
        let year_factors = &factors[y * paths..(y + 1) * paths];
        for (i, (carry, factor)) in carries.iter_mut().zip(year_factors).enumerate() {
            let had_cap = carry.cap_year.is_some();
            let row = year_row(&terms, carry, year, base[y] * factor, margins[y]);
            if !had_cap && carry.cap_year.is_some() {
                first_reached[y] += 1;
            }
            let cells = [
                row.revenue,
                row.share_new,
                row.cumulative_new,
                row.share_old,
                row.cumulative_old,
                row.openai_kept_new,
                row.openai_kept_old,
                row.net_income_new,
                row.net_income_old,
                row.microsoft_take_new,
                row.microsoft_take_old,
                row.others_take_new,
                row.others_take_old,
            ];
            for q in 0..QUANTITIES {
                keys[q][i] = order_key(cells[q]);
            }
        }
        for (band, column) in bands.iter_mut().zip(keys.iter_mut()) {
            push_percentiles(band, column);
        }
        reached += first_reached[y];
        cap_reached_by.push(reached as f64 / paths as f64);
    }

    let mut cap_year_counts: Vec<(Option<i32>, usize)> = (FIRST_YEAR..=LAST_YEAR)
        .zip(first_reached)
        .map(|(year, count)| (Some(year), count))
        .collect();
    cap_year_counts.push((None, paths - reached));

    let [revenue, share_new, cumulative_new, share_old, cumulative_old, openai_kept_new, openai_kept_old, net_income_new, net_income_old, microsoft_take_new, microsoft_take_old, others_take_new, others_take_old] =
        bands;
    Ensemble {
        paths,
        seed: seed_of_bounded(&s),
        years: (FIRST_YEAR..=LAST_YEAR).collect(),
        revenue,
        share_new,
        cumulative_new,
        share_old,
        cumulative_old,
        openai_kept_new,
        openai_kept_old,
        net_income_new,
        net_income_old,
        microsoft_take_new,
        microsoft_take_old,
        others_take_new,
        others_take_old,
        cap_reached_by,
        cap_year_counts,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn order_keys_follow_total_cmp_and_invert() {
        let values = [
            f64::NEG_INFINITY,
            -1e300,
            -2.5,
            -f64::MIN_POSITIVE,
            -0.0,
            0.0,
            f64::MIN_POSITIVE,
            1.0,
            38.0,
            1e300,
            f64::INFINITY,
        ];
        for pair in values.windows(2) {
            assert!(order_key(pair[0]) < order_key(pair[1]), "{pair:?}");
        }
        for v in values {
            assert_eq!(value_of_key(order_key(v)).to_bits(), v.to_bits());
        }
    }

    #[test]
    fn nearest_rank_indices() {
        assert_eq!(
            (rank_index(10, 1), rank_index(50, 1), rank_index(90, 1)),
            (0, 0, 0)
        );
        assert_eq!(
            (
                rank_index(10, 10_000),
                rank_index(50, 10_000),
                rank_index(90, 10_000)
            ),
            (999, 4_999, 8_999)
        );
        // ceil(0.1 * 15) = 2, ceil(0.5 * 15) = 8, ceil(0.9 * 15) = 14 (1-based).
        assert_eq!(
            (rank_index(10, 15), rank_index(50, 15), rank_index(90, 15)),
            (1, 7, 13)
        );
    }
}
