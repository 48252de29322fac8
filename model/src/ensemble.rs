//! The optional Monte Carlo ensemble of `docs/model.md` ("Uncertainty"): many random revenue
//! paths around `R(y)`, each run through the unchanged equations under both terms, summarised
//! year by year as percentile bands and as the chance that the cap is reached by each year.
//!
//! Every path keeps `R_i(2026) = r26`: 2026 is a plan already partly observed. Path `i` draws
//! independent standard normals `z(i, y)` for y = 2027..=2035 and uses
//! `R_i(y) = R(y) * exp(vol/100 * sum over k = 2027..=y of z(i, k))`, with no drift term, so
//! each year's median revenue is the plan `R(y)` and the deterministic line runs through the
//! middle of the band (the mean lies above it, by `exp((y - 2026) * (vol/100)^2 / 2)`).
//!
//! Decisions made here once:
//! - Draws come from one PCG-64 (MCG variant) stream seeded by `SeedableRng::seed_from_u64`
//!   with the `seed` input, taken path by path (path 0's nine years, then path 1's, ...), so the
//!   first `n` paths are the same whatever the number of paths. Normals come from uniforms by
//!   Marsaglia's polar method (`Normals`); it and the exponential use `libm`, so
//!   native and wasm32 builds draw bit-identical paths.
//! - With `vol = 0` every term of the sum is `0 * z = ±0`, `exp(±0)` is exactly 1 and
//!   `R(y) * 1` is `R(y)` bit for bit: every path is the deterministic ledger.
//! - Percentiles are nearest-rank: of `n` sorted values, the p-th percentile is the value of
//!   rank `ceil(p * n / 100)` (1-based), computed in integers (numpy's `inverted_cdf`). It is
//!   always one of the path values, so identical paths give exactly their value.
//! - Bands are marginal, one quantity and one year at a time: the identities hold on each
//!   path, not between bands, so no band is derived from others.
//! - `paths = 0` is treated as one path.

use rand_core::SeedableRng;
use rand_distr::{Distribution, StandardUniform};
use rand_pcg::Pcg64Mcg;

use crate::ledger::{
    margin_path_of_bounded, revenue_path, year_row, Carry, Rates, FIRST_YEAR, LAST_YEAR, YEARS,
};
use crate::scenario::Scenario;
use crate::select::select_nth;

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

/// Draws the revenue multipliers `exp(sum ...)` of paths `from..to` into `factors`,
/// year-major (entry `y * paths + i` is path `i` in model year `FIRST_YEAR + y`), taking the
/// next `YEARS - 1` normals of `normals` per path in path order. Drawing in any number of calls gives
/// the same factors as one call, which is what lets a [`Simulation`] draw in slices.
fn draw_factors(
    normals: &mut Normals,
    sigma: f64,
    factors: &mut [f64],
    paths: usize,
    from: usize,
    to: usize,
) {
    for i in from..to {
        // 2026 is the plan itself: no draw.
        factors[i] = 1.0;
        let mut log_sum = 0.0;
        for y in 1..YEARS {
            let z = normals.next();
            log_sum += sigma * z;
            factors[y * paths + i] = libm::exp(log_sum);
        }
    }
}

/// Standard normal draws by Marsaglia's polar method: pairs of uniforms on (-1, 1) until one
/// falls strictly inside the unit circle, which gives two independent normals; the second is
/// kept for the next draw. Not `rand_distr::StandardNormal`: its ziggurat tables (514 `f64`s,
/// which hardly compress) cost the page's first view 3.9 KB gzip, and the polar method needs
/// only `sqrt` and `ln`, which the wasm has anyway. The stream of draws is a pure function of
/// the seed, so the ensemble stays reproducible, and drawing in slices gives the same draws.
struct Normals {
    rng: Pcg64Mcg,
    spare: Option<f64>,
}

impl Normals {
    fn new(seed: u64) -> Normals {
        Normals {
            rng: Pcg64Mcg::seed_from_u64(seed),
            spare: None,
        }
    }

    fn next(&mut self) -> f64 {
        if let Some(z) = self.spare.take() {
            return z;
        }
        loop {
            let u: f64 = StandardUniform.sample(&mut self.rng);
            let v: f64 = StandardUniform.sample(&mut self.rng);
            let (x, y) = (2.0 * u - 1.0, 2.0 * v - 1.0);
            let s = x * x + y * y;
            if s > 0.0 && s < 1.0 {
                let scale = libm::sqrt(-2.0 * libm::log(s) / s);
                self.spare = Some(y * scale);
                return x * scale;
            }
        }
    }
}

/// The per-path revenue multipliers of every path at once, year-major as in [`draw_factors`].
/// `s` must be bounded.
fn factors_of_bounded(s: &Scenario, paths: usize) -> Vec<f64> {
    let mut normals = Normals::new(seed_of_bounded(s));
    let mut factors = vec![0.0; YEARS * paths];
    draw_factors(&mut normals, s.vol / 100.0, &mut factors, paths, 0, paths);
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
    select_nth(keys, i50);
    let p50 = keys[i50];
    let p10 = if i10 == i50 {
        p50
    } else {
        select_nth(&mut keys[..i50], i10);
        keys[i10]
    };
    let p90 = if i90 == i50 {
        p50
    } else {
        select_nth(&mut keys[i50 + 1..], i90 - i50 - 1);
        keys[i90]
    };
    band.p10.push(value_of_key(p10));
    band.p50.push(value_of_key(p50));
    band.p90.push(value_of_key(p90));
}

/// Draws `paths` revenue paths for the scenario (bounded into its ranges first), runs the
/// ledger's equations on each and summarises them year by year. `paths = 0` is one path.
pub fn simulate(s: &Scenario, paths: usize) -> Ensemble {
    Simulation::new(s, paths).finish()
}

/// The ledger quantities with a band, in the order of [`Ensemble`]'s fields and of
/// [`crate::columns::banded`].
const QUANTITIES: usize = crate::columns::BANDED;

/// An ensemble computed a slice at a time, so a browser can spread 10,000 paths over several
/// animation frames instead of blocking one. Whatever the slices, [`Simulation::finish`]
/// returns bit for bit what [`simulate`] returns, because `simulate` is this very code run in
/// one go: the draws keep their order, and each year's percentiles are taken over all paths.
///
/// The work is counted in units ([`Simulation::total_work`]) that are not equal in cost: a
/// draw costs several times a path-year, a quantity's percentiles thousands; callers on a
/// time budget should measure time rather than count units.
pub struct Simulation {
    paths: usize,
    seed: u64,
    sigma: f64,
    rates: Rates,
    base: [f64; YEARS],
    margins: [f64; YEARS],
    normals: Normals,
    /// Year-major multipliers, filled by the drawing phase.
    factors: Vec<f64>,
    drawn: usize,
    /// The year being run (index 0 is 2026; `YEARS` when done) and how many paths it has run.
    year_index: usize,
    run_in_year: usize,
    /// How many quantities of the current year have their percentiles, once it has run.
    summarised: usize,
    carries: Vec<Carry>,
    /// The current year's values of each quantity, one per path, as [`order_key`]s.
    keys: [Vec<i64>; QUANTITIES],
    bands: [Band; QUANTITIES],
    first_reached: [usize; YEARS],
    cap_reached_by: Vec<f64>,
    reached: usize,
}

impl Simulation {
    /// Prepares the simulation of `paths` paths (`0` is one path) for the scenario bounded
    /// into its ranges; nothing is drawn yet.
    pub fn new(s: &Scenario, paths: usize) -> Simulation {
        let s = s.bounded();
        let paths = paths.max(1);
        let seed = seed_of_bounded(&s);
        Simulation {
            paths,
            seed,
            sigma: s.vol / 100.0,
            rates: Rates::of_bounded(&s),
            base: revenue_path(&s),
            margins: margin_path_of_bounded(&s),
            normals: Normals::new(seed),
            factors: vec![0.0; YEARS * paths],
            drawn: 0,
            year_index: 0,
            run_in_year: 0,
            summarised: 0,
            carries: vec![Carry::default(); paths],
            keys: std::array::from_fn(|_| vec![0; paths]),
            bands: std::array::from_fn(|_| Band::new()),
            first_reached: [0; YEARS],
            cap_reached_by: Vec::with_capacity(YEARS),
            reached: 0,
        }
    }

    /// The number of paths this simulation draws.
    pub fn paths(&self) -> usize {
        self.paths
    }

    /// All the work of the simulation, in units of one path drawn, one path run through one
    /// year, or one quantity's percentiles taken for one year.
    pub fn total_work(&self) -> usize {
        self.paths + YEARS * (self.paths + QUANTITIES)
    }

    /// The units of work done so far, out of [`Simulation::total_work`].
    pub fn work_done(&self) -> usize {
        self.drawn
            + self.year_index * (self.paths + QUANTITIES)
            + self.run_in_year
            + self.summarised
    }

    /// Whether every path has run through every year.
    pub fn is_done(&self) -> bool {
        self.year_index == YEARS
    }

    /// Does at most `max_work` units of work (at least one) and says whether the simulation
    /// is done. A step also ends after taking one quantity's percentiles: a selection over
    /// all paths costs far more than a unit, and a caller keeping to a time budget needs
    /// steps of bounded length.
    pub fn step(&mut self, max_work: usize) -> bool {
        let mut budget = max_work.max(1);
        while budget > 0 && !self.is_done() {
            if self.drawn < self.paths {
                let to = self.paths.min(self.drawn.saturating_add(budget));
                draw_factors(
                    &mut self.normals,
                    self.sigma,
                    &mut self.factors,
                    self.paths,
                    self.drawn,
                    to,
                );
                budget -= to - self.drawn;
                self.drawn = to;
            } else if self.run_in_year < self.paths {
                let to = self.paths.min(self.run_in_year.saturating_add(budget));
                self.run_year(self.run_in_year, to);
                budget -= to - self.run_in_year;
                self.run_in_year = to;
            } else {
                self.summarise_quantity();
                break;
            }
        }
        self.is_done()
    }

    /// Runs paths `from..to` through the current year.
    fn run_year(&mut self, from: usize, to: usize) {
        let y = self.year_index;
        let year = FIRST_YEAR + y as i32;
        let (revenue, margin) = (self.base[y], self.margins[y]);
        let year_factors = &self.factors[y * self.paths..(y + 1) * self.paths];
        for i in from..to {
            let carry = &mut self.carries[i];
            let had_cap = carry.cap_year.is_some();
            let row = year_row(&self.rates, carry, year, revenue * year_factors[i], margin);
            if !had_cap && carry.cap_year.is_some() {
                self.first_reached[y] += 1;
            }
            let cells = row.banded_cells();
            // By reference, not `zip(cells)`: the array's by-value iterator is a call per cell
            // in the size-built wasm, and this loop runs 1.3 million times per ensemble.
            for (column, cell) in self.keys.iter_mut().zip(&cells) {
                column[i] = order_key(*cell);
            }
        }
    }

    /// Takes the percentiles of the next quantity of the year every path has just run
    /// through; after the last one, counts the year's cap arrivals and moves on.
    fn summarise_quantity(&mut self) {
        let q = self.summarised;
        push_percentiles(&mut self.bands[q], &mut self.keys[q]);
        self.summarised += 1;
        if self.summarised == QUANTITIES {
            self.reached += self.first_reached[self.year_index];
            self.cap_reached_by
                .push(self.reached as f64 / self.paths as f64);
            self.year_index += 1;
            self.run_in_year = 0;
            self.summarised = 0;
        }
    }

    /// Does whatever work is left and returns the ensemble.
    pub fn finish(mut self) -> Ensemble {
        while !self.step(usize::MAX) {}
        let paths = self.paths;
        let mut cap_year_counts: Vec<(Option<i32>, usize)> = (FIRST_YEAR..=LAST_YEAR)
            .zip(self.first_reached)
            .map(|(year, count)| (Some(year), count))
            .collect();
        cap_year_counts.push((None, paths - self.reached));

        let [revenue, share_new, cumulative_new, share_old, cumulative_old, openai_kept_new, openai_kept_old, net_income_new, net_income_old, microsoft_take_new, microsoft_take_old, others_take_new, others_take_old] =
            self.bands;
        Ensemble {
            paths,
            seed: self.seed,
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
            cap_reached_by: self.cap_reached_by,
            cap_year_counts,
        }
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
