//! The one table of reader inputs. Sliders, the URL codec, the assumptions panel and the tests
//! all iterate over [`INPUTS`], so a range or step is written exactly once.

use std::fmt;

use crate::float_text::shortest;

/// How a value is read and written, so a typed "$38B" or "20%" means what the reader meant.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Unit {
    Billions,
    Percent,
    Year,
    Count,
}

/// Which panel an input belongs to, so the UI can lay inputs out without a second list.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Group {
    Revenue,
    NewTerms,
    OldTerms,
    /// Microsoft's stake and OpenAI's margin path: together they split net income between owners.
    Ownership,
    View,
    Uncertainty,
}

/// An input by its identity, so a misspelt key does not compile; [`InputKey::name`] is only
/// its name in links. The variants follow [`INPUTS`], which a test holds.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum InputKey {
    R26,
    R30,
    G,
    Rate,
    Cap,
    Until,
    OldUntil,
    Reverse,
    Covered,
    Stake,
    M26,
    Margin,
    ProfitYear,
    Year,
    Vol,
    Seed,
}

impl InputKey {
    /// The input's row of [`INPUTS`].
    pub fn spec(self) -> &'static InputSpec {
        &INPUTS[self as usize]
    }

    /// The key in links, CSV file names and notices: `r30`, `old_until`.
    pub fn name(self) -> &'static str {
        self.spec().name
    }

    /// The input a link names; `None` for anything that is not an input.
    pub fn from_name(name: &str) -> Option<InputKey> {
        INPUTS
            .iter()
            .find(|input| input.name == name)
            .map(|input| input.key)
    }
}

impl fmt::Display for InputKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// One reader input as data.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct InputSpec {
    pub key: InputKey,
    /// The key in links.
    pub name: &'static str,
    pub label: &'static str,
    pub unit: Unit,
    pub group: Group,
    pub default: f64,
    pub min: f64,
    pub max: f64,
    pub step: f64,
    pub help: &'static str,
}

/// Every input of the spec, in the spec's order. Steps are exact binary fractions (0.5, 1, 5)
/// so that snapping to the grid never leaves float noise; a test guards this.
pub const INPUTS: &[InputSpec] = &[
    InputSpec {
        key: InputKey::R26,
        name: "r26",
        label: "OpenAI revenue in 2026",
        unit: Unit::Billions,
        group: Group::Revenue,
        default: 30.0,
        min: 5.0,
        max: 100.0,
        step: 0.5,
        help: "Plan: about $30B (press reports of internal plans, 2026); the first quarter brought $5.7B.",
    },
    InputSpec {
        key: InputKey::R30,
        name: "r30",
        label: "OpenAI revenue in 2030",
        unit: Unit::Billions,
        group: Group::Revenue,
        default: 200.0,
        min: 20.0,
        max: 600.0,
        step: 5.0,
        help: "Projections: $174B (Apr 2025 plan), $200B (Sep 2025) and $280B or more (Feb 2026), The Information via press.",
    },
    InputSpec {
        key: InputKey::G,
        name: "g",
        label: "Revenue growth per year after 2030",
        unit: Unit::Percent,
        group: Group::Revenue,
        default: 15.0,
        min: -20.0,
        max: 60.0,
        step: 1.0,
        help: "No published plan reaches past 2030; this carries revenue on to 2035.",
    },
    InputSpec {
        key: InputKey::Rate,
        name: "rate",
        label: "Revenue share rate",
        unit: Unit::Percent,
        group: Group::NewTerms,
        default: 20.0,
        min: 0.0,
        max: 50.0,
        step: 1.0,
        help: "Reported by many outlets as 20% of OpenAI revenue, not confirmed.",
    },
    InputSpec {
        key: InputKey::Cap,
        name: "cap",
        label: "Cap on total payments from 2026",
        unit: Unit::Billions,
        group: Group::NewTerms,
        default: 38.0,
        min: 0.0,
        max: 200.0,
        step: 1.0,
        help: "Reported as $38B (The Information, 11 May 2026), unverified by Reuters; whether earlier payments count is not public.",
    },
    InputSpec {
        key: InputKey::Until,
        name: "until",
        label: "Last year of payments, new terms",
        unit: Unit::Year,
        group: Group::NewTerms,
        default: 2030.0,
        min: 2026.0,
        max: 2035.0,
        step: 1.0,
        help: "Announced: the joint statement of April 2026 says the revenue share runs through 2030.",
    },
    InputSpec {
        key: InputKey::OldUntil,
        name: "old_until",
        label: "Last year of payments, old terms",
        unit: Unit::Year,
        group: Group::OldTerms,
        default: 2030.0,
        min: 2026.0,
        max: 2035.0,
        step: 1.0,
        help: "Not public. The AGI clause governed exclusivity; when payments under the old terms would have ended is not known.",
    },
    InputSpec {
        key: InputKey::Reverse,
        name: "reverse",
        label: "Microsoft's share back to OpenAI, old terms",
        unit: Unit::Percent,
        group: Group::OldTerms,
        default: 0.0,
        min: 0.0,
        max: 20.0,
        step: 0.5,
        help: "Reported: about 20% of Azure OpenAI revenue and 10-20% of Bing (The Verge via press, 2025). The leaked 2024 net payment implies about 6.7% of OpenAI revenue; 0 gives gross totals.",
    },
    InputSpec {
        key: InputKey::Covered,
        name: "covered",
        label: "Share of revenue the share applies to",
        unit: Unit::Percent,
        group: Group::NewTerms,
        default: 100.0,
        min: 0.0,
        max: 100.0,
        step: 5.0,
        help: "Not public: which of OpenAI's revenue the share applies to. 100% is all of it; used under both terms.",
    },
    InputSpec {
        key: InputKey::Stake,
        name: "stake",
        label: "Microsoft's stake in OpenAI",
        unit: Unit::Percent,
        group: Group::Ownership,
        default: 27.0,
        min: 0.0,
        max: 49.0,
        step: 0.5,
        help: "Filed: about 27% as converted, diluted to about 25% by mid-2026 (Microsoft 10-Q).",
    },
    InputSpec {
        key: InputKey::M26,
        name: "m26",
        label: "OpenAI operating margin in 2026",
        unit: Unit::Percent,
        group: Group::Ownership,
        default: -65.0,
        min: -200.0,
        max: 0.0,
        step: 5.0,
        help: "Before the revenue share; an assumption. A projection (press, Feb 2026) has cash flow negative from 2026 to 2029.",
    },
    InputSpec {
        key: InputKey::Margin,
        name: "margin",
        label: "OpenAI long-run operating margin",
        unit: Unit::Percent,
        group: Group::Ownership,
        default: 35.0,
        min: -50.0,
        max: 60.0,
        step: 1.0,
        help: "Before the revenue share; reached in the year below and kept after it.",
    },
    InputSpec {
        key: InputKey::ProfitYear,
        name: "profit_year",
        label: "Year the long-run margin is reached",
        unit: Unit::Year,
        group: Group::Ownership,
        default: 2030.0,
        min: 2026.0,
        max: 2035.0,
        step: 1.0,
        help: "The margin moves in a straight line from its 2026 value to the long-run value by this year.",
    },
    InputSpec {
        key: InputKey::Year,
        name: "year",
        label: "Year shown",
        unit: Unit::Year,
        group: Group::View,
        default: 2030.0,
        min: 2026.0,
        max: 2035.0,
        step: 1.0,
        help: "The year the readouts describe.",
    },
    InputSpec {
        key: InputKey::Vol,
        name: "vol",
        label: "Growth uncertainty",
        unit: Unit::Percent,
        group: Group::Uncertainty,
        default: 0.0,
        min: 0.0,
        max: 60.0,
        step: 1.0,
        help: "Volatility of yearly revenue growth: at 20%, a typical year's growth lands 20% above or below the path. 10,000 random paths then show a range; 0 turns it off.",
    },
    InputSpec {
        key: InputKey::Seed,
        name: "seed",
        label: "Random seed",
        unit: Unit::Count,
        group: Group::Uncertainty,
        default: 1.0,
        min: 1.0,
        max: 4_294_967_295.0,
        step: 1.0,
        help: "The same seed draws the same ensemble, so a shared link shows the same paths.",
    },
];

/// A typed number after clamping, with whether the reader should be told it changed.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Typed {
    pub value: f64,
    pub adjusted: bool,
}

/// How a linked value was changed to fit its input.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Adjustment {
    AboveMax,
    BelowMin,
    BetweenSteps,
}

impl fmt::Display for Adjustment {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Adjustment::AboveMax => "is above the maximum",
            Adjustment::BelowMin => "is below the minimum",
            Adjustment::BetweenSteps => "is between steps",
        })
    }
}

/// Why typed text could not become a number.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum InputError {
    Empty,
    NotANumber,
}

impl fmt::Display for InputError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            InputError::Empty => "Enter a number.",
            InputError::NotANumber => "That is not a number.",
        })
    }
}

impl std::error::Error for InputError {}

const UNICODE_MINUS: char = '\u{2212}';

impl InputSpec {
    /// Non-finite becomes the default, then the value is snapped to the step grid anchored at
    /// `min` (round to nearest) and clamped to `[min, max]`. Clamping first keeps the grid
    /// index small, so `min + n * step` is exact for the binary-fraction steps of [`INPUTS`].
    pub fn clamp(&self, v: f64) -> f64 {
        if !v.is_finite() {
            return self.default;
        }
        let bounded = v.clamp(self.min, self.max);
        let steps = ((bounded - self.min) / self.step).round();
        // `+ 0.0` turns a -0.0 into 0.0, so "-0" never reaches a URL or a CSV cell.
        (self.min + steps * self.step).clamp(self.min, self.max) + 0.0
    }

    /// Keeps a value finite and inside `[min, max]` without snapping it, for arithmetic on
    /// scenarios that were built by hand rather than through [`InputSpec::clamp`].
    pub fn bound(&self, v: f64) -> f64 {
        if v.is_finite() {
            v.clamp(self.min, self.max) + 0.0
        } else {
            self.default
        }
    }

    /// A number a reader typed: surrounding whitespace, a leading '$' and trailing 'B' for
    /// billions, a trailing '%' for percentages, ',' thousands separators and '-' or '−'
    /// are all accepted.
    pub fn parse_typed(&self, text: &str) -> Result<Typed, InputError> {
        let raw = self.parse_number(text)?;
        let value = self.clamp(raw);
        Ok(Typed {
            value,
            adjusted: value != raw,
        })
    }

    /// A value from a link: the number, clamped and snapped, and what that changed. The one
    /// parse-clamp step of the query and pin codecs, which word the change each their own way.
    pub fn read_linked(&self, text: &str) -> Result<(f64, Option<Adjustment>), InputError> {
        let raw = self.parse_number(text)?;
        let used = self.clamp(raw);
        let adjustment = if raw > self.max {
            Some(Adjustment::AboveMax)
        } else if raw < self.min {
            Some(Adjustment::BelowMin)
        } else if used != raw {
            Some(Adjustment::BetweenSteps)
        } else {
            None
        };
        Ok((used, adjustment))
    }

    /// The number in typed text before clamping, so callers can say whether it was above or
    /// below the range.
    pub fn parse_number(&self, text: &str) -> Result<f64, InputError> {
        let mut rest = text.trim();
        if rest.is_empty() {
            return Err(InputError::Empty);
        }
        let mut negative = false;
        if let Some(after) = strip_minus(rest) {
            negative = true;
            rest = after.trim_start();
        }
        if self.unit == Unit::Billions {
            if let Some(after) = rest.strip_prefix('$') {
                rest = after.trim_start();
                if !negative {
                    if let Some(after) = strip_minus(rest) {
                        negative = true;
                        rest = after.trim_start();
                    }
                }
            }
            if let Some(before) = rest.strip_suffix(['B', 'b']) {
                rest = before.trim_end();
            }
        }
        if self.unit == Unit::Percent {
            if let Some(before) = rest.strip_suffix('%') {
                rest = before.trim_end();
            }
        }
        let digits = without_thousands_separators(rest).ok_or(InputError::NotANumber)?;
        // Only digits or a point may start what is left: a second sign, "inf" or "NaN" is not
        // something a reader means by a number.
        if !digits.starts_with(|c: char| c.is_ascii_digit() || c == '.') {
            return Err(InputError::NotANumber);
        }
        let magnitude = crate::decimal::parse_decimal(&digits).ok_or(InputError::NotANumber)?;
        if !magnitude.is_finite() {
            return Err(InputError::NotANumber);
        }
        Ok(if negative { -magnitude } else { magnitude })
    }

    /// "$38B", "20%", "−65%", "2030", "1": exact, since values on the grid have at most one
    /// decimal; used for aria-valuetext and readouts.
    pub fn format_value(&self, v: f64) -> String {
        if !v.is_finite() {
            return "—".to_string();
        }
        let sign = if v < 0.0 { "\u{2212}" } else { "" };
        let magnitude = v.abs();
        match self.unit {
            Unit::Billions => format!("{sign}${}B", shortest(magnitude)),
            Unit::Percent => format!("{sign}{}%", shortest(magnitude)),
            Unit::Year | Unit::Count => format!("{sign}{}", shortest(magnitude.round())),
        }
    }

    /// The message to show next to a number the reader typed out of range.
    pub fn range_message(&self) -> String {
        format!(
            "Enter a number from {} to {}.",
            self.format_value(self.min),
            self.format_value(self.max)
        )
    }
}

fn strip_minus(text: &str) -> Option<&str> {
    text.strip_prefix('-')
        .or_else(|| text.strip_prefix(UNICODE_MINUS))
}

/// Removes ',' only where it separates groups of three digits, so that "1,000" is a thousand
/// but a European decimal comma such as "1,5" is refused rather than read as fifteen.
fn without_thousands_separators(text: &str) -> Option<String> {
    if !text.contains(',') {
        return Some(text.to_string());
    }
    let (integer, fraction) = match text.split_once('.') {
        Some((integer, fraction)) => (integer, Some(fraction)),
        None => (text, None),
    };
    if fraction.is_some_and(|f| f.contains(',')) {
        return None;
    }
    let mut groups = integer.split(',');
    let first = groups.next()?;
    let first_ok = (1..=3).contains(&first.len()) && first.bytes().all(|b| b.is_ascii_digit());
    let rest_ok = groups.all(|g| g.len() == 3 && g.bytes().all(|b| b.is_ascii_digit()));
    if !(first_ok && rest_ok) {
        return None;
    }
    let mut joined: String = integer.chars().filter(|&c| c != ',').collect();
    if let Some(fraction) = fraction {
        joined.push('.');
        joined.push_str(fraction);
    }
    Some(joined)
}
