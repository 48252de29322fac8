//! The equations of `docs/model.md`, year by year, and the headline outputs drawn from them.

use crate::scenario::Scenario;

pub const FIRST_YEAR: i32 = 2026;
pub const LAST_YEAR: i32 = 2035;
/// The number of model years, 2026 to 2035.
pub const YEARS: usize = (LAST_YEAR - FIRST_YEAR + 1) as usize;

/// Reported revenue before the model years, in $B, shown for context only.
pub const ACTUAL_REVENUE: &[(i32, f64)] = &[(2024, 3.7), (2025, 13.07)];

/// How close cumulative payments must come to the cap to count as reaching it, so that a
/// sum landing one rounding error short of the cap still reaches it.
pub const CAP_TOLERANCE: f64 = 1e-9;

/// The last year the revenue path is interpolated between `r26` and `r30`.
const PLAN_YEAR: i32 = 2030;

/// One model year, money in $B, margin in %.
#[derive(Clone, Debug, PartialEq)]
pub struct YearRow {
    pub year: i32,
    pub revenue: f64,
    pub share_new: f64,
    pub cumulative_new: f64,
    pub share_old: f64,
    pub cumulative_old: f64,
    pub openai_kept_new: f64,
    pub openai_kept_old: f64,
    pub margin_pct: f64,
    pub net_income_new: f64,
    pub net_income_old: f64,
    pub microsoft_take_new: f64,
    pub microsoft_take_old: f64,
    pub others_take_new: f64,
    pub others_take_old: f64,
}

/// Returned by [`Ledger::selected`] only for a hand-built ledger without rows, so that the
/// method can promise a row without panicking.
static EMPTY_ROW: YearRow = YearRow {
    year: FIRST_YEAR,
    revenue: 0.0,
    share_new: 0.0,
    cumulative_new: 0.0,
    share_old: 0.0,
    cumulative_old: 0.0,
    openai_kept_new: 0.0,
    openai_kept_old: 0.0,
    margin_pct: 0.0,
    net_income_new: 0.0,
    net_income_old: 0.0,
    microsoft_take_new: 0.0,
    microsoft_take_old: 0.0,
    others_take_new: 0.0,
    others_take_old: 0.0,
};

/// The answers to the reader's questions, for the whole horizon.
#[derive(Clone, Debug, PartialEq)]
pub struct Headline {
    /// The first year cumulative new-terms payments reach the cap; `None` when payments end
    /// (or the horizon does) first. A cap of $0B is reached in 2026.
    pub cap_year: Option<i32>,
    /// What OpenAI pays in total under the new terms (through `until`).
    pub total_new: f64,
    /// What OpenAI pays net in total under the old terms (through `old_until`).
    pub total_old: f64,
    /// `C_old(2035) - C_new(2035)`: positive when the new terms cost OpenAI less.
    pub openai_savings: f64,
    /// Sum of `M_new - M_old` over 2026..=2035: Microsoft's gain (negative: loss) from the new terms.
    pub microsoft_change: f64,
}

/// Everything derived from one scenario, computed once and shared by readouts, charts and exports.
#[derive(Clone, Debug, PartialEq)]
pub struct Ledger {
    /// One row per model year, 2026 to 2035.
    pub rows: Vec<YearRow>,
    pub headline: Headline,
}

/// Revenue in $B for a model year: geometric from `r26` to `r30` over 2026-2030, then growing
/// at `g` a year. Years outside 2026-2035 follow the same formulas (extrapolated); the
/// reported figures for 2024 and 2025 are in [`ACTUAL_REVENUE`].
pub fn revenue(s: &Scenario, year: i32) -> f64 {
    revenue_of_bounded(&s.bounded(), year)
}

fn revenue_of_bounded(s: &Scenario, year: i32) -> f64 {
    let y = f64::from(year);
    if year <= PLAN_YEAR {
        s.r26 * (s.r30 / s.r26).powf((y - f64::from(FIRST_YEAR)) / 4.0)
    } else {
        s.r30 * (1.0 + s.g / 100.0).powf(y - f64::from(PLAN_YEAR))
    }
}

/// OpenAI's operating margin before the revenue share, in %: a straight line from `m26` in
/// 2026 to `margin` in `profit_year`, flat after; flat throughout when `profit_year` is 2026.
fn margin_pct(s: &Scenario, year: i32) -> f64 {
    let y = f64::from(year);
    let start = f64::from(FIRST_YEAR);
    if s.profit_year <= start || y >= s.profit_year {
        s.margin
    } else {
        s.m26 + (s.margin - s.m26) * (y - start) / (s.profit_year - start)
    }
}

/// The scenario-wide constants of the equations, read once from a bounded scenario.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Rates {
    /// The share of revenue paid under the new terms: `rate/100 * covered/100`.
    rate: f64,
    /// The net share of revenue under the old terms: `rate/100 * covered/100 - reverse/100`
    /// (the reverse share is of all revenue, not of the shared part).
    net_rate_old: f64,
    stake: f64,
    cap: f64,
    until: f64,
    old_until: f64,
}

impl Rates {
    /// `s` must already be bounded ([`Scenario::bounded`]).
    pub(crate) fn of_bounded(s: &Scenario) -> Rates {
        Rates {
            rate: s.rate / 100.0 * (s.covered / 100.0),
            net_rate_old: s.rate / 100.0 * (s.covered / 100.0) - s.reverse / 100.0,
            stake: s.stake / 100.0,
            cap: s.cap,
            until: s.until,
            old_until: s.old_until,
        }
    }
}

/// What one year hands on to the next: the running sums and whether the cap was reached.
#[derive(Clone, Copy, Debug, Default)]
pub(crate) struct Carry {
    pub(crate) cumulative_new: f64,
    pub(crate) cumulative_old: f64,
    pub(crate) cap_year: Option<i32>,
}

/// The equations of one model year on a given revenue, advancing `carry`. The deterministic
/// ledger and every path of the ensemble run through this one function.
#[inline]
pub(crate) fn year_row(
    rates: &Rates,
    carry: &mut Carry,
    year: i32,
    revenue: f64,
    margin_pct: f64,
) -> YearRow {
    let y = f64::from(year);
    let share_new = if y <= rates.until {
        (rates.rate * revenue).min((rates.cap - carry.cumulative_new).max(0.0))
    } else {
        0.0
    };
    carry.cumulative_new += share_new;
    let share_old = if y <= rates.old_until {
        rates.net_rate_old * revenue
    } else {
        0.0
    };
    carry.cumulative_old += share_old;

    if carry.cap_year.is_none() && carry.cumulative_new >= rates.cap - CAP_TOLERANCE {
        carry.cap_year = Some(year);
    }

    let operating_income = margin_pct / 100.0 * revenue;
    let net_income_new = operating_income - share_new;
    let net_income_old = operating_income - share_old;
    YearRow {
        year,
        revenue,
        share_new,
        cumulative_new: carry.cumulative_new,
        share_old,
        cumulative_old: carry.cumulative_old,
        openai_kept_new: revenue - share_new,
        openai_kept_old: revenue - share_old,
        margin_pct,
        net_income_new,
        net_income_old,
        microsoft_take_new: share_new + rates.stake * net_income_new,
        microsoft_take_old: share_old + rates.stake * net_income_old,
        others_take_new: (1.0 - rates.stake) * net_income_new,
        others_take_old: (1.0 - rates.stake) * net_income_old,
    }
}

/// The deterministic revenue path `R(2026..=2035)` of a scenario, bounded first.
pub fn revenue_path(s: &Scenario) -> [f64; YEARS] {
    let s = s.bounded();
    let mut path = [0.0; YEARS];
    for (slot, year) in path.iter_mut().zip(FIRST_YEAR..=LAST_YEAR) {
        *slot = revenue_of_bounded(&s, year);
    }
    path
}

/// The operating margin path `m(2026..=2035)` in %, for a scenario already bounded.
pub(crate) fn margin_path_of_bounded(s: &Scenario) -> [f64; YEARS] {
    let mut path = [0.0; YEARS];
    for (slot, year) in path.iter_mut().zip(FIRST_YEAR..=LAST_YEAR) {
        *slot = margin_pct(s, year);
    }
    path
}

/// Runs the equations for 2026..=2035 on the scenario bounded into its ranges, with the given
/// revenue for each model year in place of `R(y)` (`revenue[0]` is 2026). With
/// [`revenue_path`] this is [`Ledger::compute`]; the ensemble runs it on each random path.
/// Revenue is used as given: a non-finite or negative entry is not corrected.
pub fn compute_with_revenue(s: &Scenario, revenue: &[f64; YEARS]) -> Ledger {
    let s = s.bounded();
    let rates = Rates::of_bounded(&s);
    let margins = margin_path_of_bounded(&s);

    let mut rows = Vec::with_capacity(YEARS);
    let mut carry = Carry::default();
    let mut microsoft_change = 0.0;

    for (i, year) in (FIRST_YEAR..=LAST_YEAR).enumerate() {
        let row = year_row(&rates, &mut carry, year, revenue[i], margins[i]);
        microsoft_change += row.microsoft_take_new - row.microsoft_take_old;
        rows.push(row);
    }

    Ledger {
        rows,
        headline: Headline {
            cap_year: carry.cap_year,
            total_new: carry.cumulative_new,
            total_old: carry.cumulative_old,
            openai_savings: carry.cumulative_old - carry.cumulative_new,
            microsoft_change,
        },
    }
}

impl Ledger {
    /// Runs the equations for 2026..=2035 on the scenario bounded into its ranges.
    pub fn compute(s: &Scenario) -> Ledger {
        compute_with_revenue(s, &revenue_path(s))
    }

    /// The row of a model year, `None` outside 2026..=2035.
    pub fn row(&self, year: i32) -> Option<&YearRow> {
        self.rows.iter().find(|row| row.year == year)
    }

    /// The row of the year the reader is looking at, clamped into the model years.
    pub fn selected(&self, s: &Scenario) -> &YearRow {
        let year = if s.year.is_finite() {
            s.year
                .round()
                .clamp(f64::from(FIRST_YEAR), f64::from(LAST_YEAR)) as i32
        } else {
            LAST_YEAR
        };
        self.row(year)
            .or_else(|| self.rows.last())
            .unwrap_or(&EMPTY_ROW)
    }
}
