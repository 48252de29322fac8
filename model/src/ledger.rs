//! The equations of `deal-model.md`, year by year, and the headline outputs drawn from them.

use crate::scenario::Scenario;

pub const FIRST_YEAR: i32 = 2026;
pub const LAST_YEAR: i32 = 2035;

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

impl Ledger {
    /// Runs the equations for 2026..=2035 on the scenario bounded into its ranges.
    pub fn compute(s: &Scenario) -> Ledger {
        let s = s.bounded();
        let rate = s.rate / 100.0;
        let net_rate_old = (s.rate - s.reverse) / 100.0;
        let stake = s.stake / 100.0;

        let mut rows = Vec::with_capacity((LAST_YEAR - FIRST_YEAR + 1) as usize);
        let mut cumulative_new = 0.0;
        let mut cumulative_old = 0.0;
        let mut cap_year = None;
        let mut microsoft_change = 0.0;

        for year in FIRST_YEAR..=LAST_YEAR {
            let y = f64::from(year);
            let revenue = revenue_of_bounded(&s, year);
            let share_new = if y <= s.until {
                (rate * revenue).min((s.cap - cumulative_new).max(0.0))
            } else {
                0.0
            };
            cumulative_new += share_new;
            let share_old = if y <= s.old_until {
                net_rate_old * revenue
            } else {
                0.0
            };
            cumulative_old += share_old;

            if cap_year.is_none() && cumulative_new >= s.cap - CAP_TOLERANCE {
                cap_year = Some(year);
            }

            let margin_pct = margin_pct(&s, year);
            let operating_income = margin_pct / 100.0 * revenue;
            let net_income_new = operating_income - share_new;
            let net_income_old = operating_income - share_old;
            let microsoft_take_new = share_new + stake * net_income_new;
            let microsoft_take_old = share_old + stake * net_income_old;
            microsoft_change += microsoft_take_new - microsoft_take_old;

            rows.push(YearRow {
                year,
                revenue,
                share_new,
                cumulative_new,
                share_old,
                cumulative_old,
                openai_kept_new: revenue - share_new,
                openai_kept_old: revenue - share_old,
                margin_pct,
                net_income_new,
                net_income_old,
                microsoft_take_new,
                microsoft_take_old,
                others_take_new: (1.0 - stake) * net_income_new,
                others_take_old: (1.0 - stake) * net_income_old,
            });
        }

        Ledger {
            rows,
            headline: Headline {
                cap_year,
                total_new: cumulative_new,
                total_old: cumulative_old,
                openai_savings: cumulative_old - cumulative_new,
                microsoft_change,
            },
        }
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
