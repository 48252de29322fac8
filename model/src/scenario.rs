//! The reader's inputs and nothing else: the one piece of state everything else is derived from.

use crate::inputs::{InputKey, INPUTS};
use crate::presets::Preset;

/// One value per entry of [`INPUTS`]. Years are `f64` too (integer-valued) so that every
/// input goes through the same clamping and the same URL codec. Named fields keep the
/// equations readable; [`Scenario::get`] and [`Scenario::set`] reach them by [`InputKey`], whose
/// matches are exhaustive, so a new input cannot be forgotten here.
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
    pub covered: f64,
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
            covered: 0.0,
            stake: 0.0,
            m26: 0.0,
            margin: 0.0,
            profit_year: 0.0,
            year: 0.0,
            vol: 0.0,
            seed: 0.0,
        };
        for input in INPUTS {
            *scenario.slot_mut(input.key) = input.default;
        }
        scenario
    }
}

impl Scenario {
    /// The value of an input.
    pub fn get(&self, key: InputKey) -> f64 {
        match key {
            InputKey::R26 => self.r26,
            InputKey::R30 => self.r30,
            InputKey::G => self.g,
            InputKey::Rate => self.rate,
            InputKey::Cap => self.cap,
            InputKey::Until => self.until,
            InputKey::OldUntil => self.old_until,
            InputKey::Reverse => self.reverse,
            InputKey::Covered => self.covered,
            InputKey::Stake => self.stake,
            InputKey::M26 => self.m26,
            InputKey::Margin => self.margin,
            InputKey::ProfitYear => self.profit_year,
            InputKey::Year => self.year,
            InputKey::Vol => self.vol,
            InputKey::Seed => self.seed,
        }
    }

    /// Clamps via the input table and returns the stored value.
    pub fn set(&mut self, key: InputKey, value: f64) -> f64 {
        let clamped = key.spec().clamp(value);
        *self.slot_mut(key) = clamped;
        clamped
    }

    /// The preset's revenue path with this scenario's terms: presets are about revenue only.
    pub fn with_preset(&self, preset: &Preset) -> Scenario {
        let mut scenario = *self;
        scenario.set(InputKey::R26, preset.r26);
        scenario.set(InputKey::R30, preset.r30);
        scenario.set(InputKey::G, preset.g);
        scenario
    }

    /// Every field finite and inside its range (not snapped), so arithmetic on a hand-built
    /// scenario cannot divide by zero or overflow.
    pub fn bounded(&self) -> Scenario {
        let mut scenario = *self;
        for input in INPUTS {
            let slot = scenario.slot_mut(input.key);
            *slot = input.bound(*slot);
        }
        scenario
    }

    /// Every field snapped and clamped as if the reader had set it.
    pub fn clamped(&self) -> Scenario {
        let mut scenario = *self;
        for input in INPUTS {
            let slot = scenario.slot_mut(input.key);
            *slot = input.clamp(*slot);
        }
        scenario
    }

    fn slot_mut(&mut self, key: InputKey) -> &mut f64 {
        match key {
            InputKey::R26 => &mut self.r26,
            InputKey::R30 => &mut self.r30,
            InputKey::G => &mut self.g,
            InputKey::Rate => &mut self.rate,
            InputKey::Cap => &mut self.cap,
            InputKey::Until => &mut self.until,
            InputKey::OldUntil => &mut self.old_until,
            InputKey::Reverse => &mut self.reverse,
            InputKey::Covered => &mut self.covered,
            InputKey::Stake => &mut self.stake,
            InputKey::M26 => &mut self.m26,
            InputKey::Margin => &mut self.margin,
            InputKey::ProfitYear => &mut self.profit_year,
            InputKey::Year => &mut self.year,
            InputKey::Vol => &mut self.vol,
            InputKey::Seed => &mut self.seed,
        }
    }
}

/// A scenario with some inputs set, for the unit tests of the codecs built on it; each value
/// must be in range, so a test cannot quietly run on a clamped input.
#[cfg(test)]
pub(crate) fn with_inputs(pairs: &[(InputKey, f64)]) -> Scenario {
    let mut s = Scenario::default();
    for &(key, value) in pairs {
        assert_eq!(s.set(key, value), value, "{key}={value} is in range");
    }
    s
}
