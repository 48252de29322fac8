//! The reader's inputs and nothing else: the one piece of state everything else is derived from.

use crate::inputs::{spec, INPUTS};
use crate::presets::Preset;

/// One value per entry of [`INPUTS`]. Years are `f64` too (integer-valued) so that every
/// input goes through the same clamping and the same URL codec.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Scenario {
    pub r26: f64,
    pub r30: f64,
    pub g: f64,
    pub rate: f64,
    pub cap: f64,
    pub until: f64,
    pub old_until: f64,
    pub reverse: f64,
    pub stake: f64,
    pub m26: f64,
    pub margin: f64,
    pub profit_year: f64,
    pub year: f64,
    pub vol: f64,
    pub seed: f64,
}

impl Default for Scenario {
    /// The reported terms and the base preset, read from [`INPUTS`] so the defaults live in
    /// one place only.
    fn default() -> Self {
        let mut scenario = Scenario {
            r26: 0.0,
            r30: 0.0,
            g: 0.0,
            rate: 0.0,
            cap: 0.0,
            until: 0.0,
            old_until: 0.0,
            reverse: 0.0,
            stake: 0.0,
            m26: 0.0,
            margin: 0.0,
            profit_year: 0.0,
            year: 0.0,
            vol: 0.0,
            seed: 0.0,
        };
        for input in INPUTS {
            if let Some(slot) = scenario.slot_mut(input.key) {
                *slot = input.default;
            }
        }
        scenario
    }
}

impl Scenario {
    /// The value stored under a URL key.
    pub fn get(&self, key: &str) -> Option<f64> {
        let value = match key {
            "r26" => self.r26,
            "r30" => self.r30,
            "g" => self.g,
            "rate" => self.rate,
            "cap" => self.cap,
            "until" => self.until,
            "old_until" => self.old_until,
            "reverse" => self.reverse,
            "stake" => self.stake,
            "m26" => self.m26,
            "margin" => self.margin,
            "profit_year" => self.profit_year,
            "year" => self.year,
            "vol" => self.vol,
            "seed" => self.seed,
            _ => return None,
        };
        Some(value)
    }

    /// Clamps via the input table and returns the stored value; an unknown key leaves the
    /// scenario unchanged and returns `None`.
    pub fn set(&mut self, key: &str, value: f64) -> Option<f64> {
        let input = spec(key)?;
        let clamped = input.clamp(value);
        let slot = self.slot_mut(input.key)?;
        *slot = clamped;
        Some(clamped)
    }

    /// The preset's revenue path with this scenario's terms: presets are about revenue only.
    pub fn with_preset(&self, preset: &Preset) -> Scenario {
        let mut scenario = *self;
        scenario.set("r26", preset.r26);
        scenario.set("r30", preset.r30);
        scenario.set("g", preset.g);
        scenario
    }

    /// Every field finite and inside its range (not snapped), so arithmetic on a hand-built
    /// scenario cannot divide by zero or overflow.
    pub fn bounded(&self) -> Scenario {
        let mut scenario = *self;
        for input in INPUTS {
            if let Some(slot) = scenario.slot_mut(input.key) {
                *slot = input.bound(*slot);
            }
        }
        scenario
    }

    /// Every field snapped and clamped as if the reader had set it.
    pub fn clamped(&self) -> Scenario {
        let mut scenario = *self;
        for input in INPUTS {
            if let Some(slot) = scenario.slot_mut(input.key) {
                *slot = input.clamp(*slot);
            }
        }
        scenario
    }

    fn slot_mut(&mut self, key: &str) -> Option<&mut f64> {
        let slot = match key {
            "r26" => &mut self.r26,
            "r30" => &mut self.r30,
            "g" => &mut self.g,
            "rate" => &mut self.rate,
            "cap" => &mut self.cap,
            "until" => &mut self.until,
            "old_until" => &mut self.old_until,
            "reverse" => &mut self.reverse,
            "stake" => &mut self.stake,
            "m26" => &mut self.m26,
            "margin" => &mut self.margin,
            "profit_year" => &mut self.profit_year,
            "year" => &mut self.year,
            "vol" => &mut self.vol,
            "seed" => &mut self.seed,
            _ => return None,
        };
        Some(slot)
    }
}

/// A scenario with some inputs set, for the unit tests of the codecs built on it; each value
/// must be in range, so a test cannot quietly run on a clamped input.
#[cfg(test)]
pub(crate) fn with_inputs(pairs: &[(&str, f64)]) -> Scenario {
    let mut s = Scenario::default();
    for (key, value) in pairs {
        assert_eq!(
            s.set(key, *value),
            Some(*value),
            "{key}={value} is in range"
        );
    }
    s
}
