//! The three revenue paths readers can start from. Presets change revenue only; the terms
//! of the deal stay as the reader set them.

use crate::scenario::Scenario;

/// A named revenue path with the source it is anchored on.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Preset {
    pub name: &'static str,
    pub label: &'static str,
    pub note: &'static str,
    pub r26: f64,
    pub r30: f64,
    pub g: f64,
}

/// Bear, base and bull, in that order. Base equals the defaults of [`crate::INPUTS`]; a test
/// holds the two together.
pub const PRESETS: &[Preset] = &[
    Preset {
        name: "bear",
        label: "Bear",
        note: "Anchored on the Q1 2026 run-rate and reported missed targets.",
        r26: 25.0,
        r30: 80.0,
        g: 10.0,
    },
    Preset {
        name: "base",
        label: "Base",
        note: "Anchored on OpenAI's September 2025 plan.",
        r26: 30.0,
        r30: 200.0,
        g: 15.0,
    },
    Preset {
        name: "bull",
        label: "Bull",
        note: "Anchored on OpenAI's February 2026 plan.",
        r26: 30.0,
        r30: 280.0,
        g: 20.0,
    },
];

/// The preset with this name ("bear", "base" or "bull").
pub fn preset(name: &str) -> Option<&'static Preset> {
    PRESETS.iter().find(|p| p.name == name)
}

/// The preset whose revenue path the scenario follows exactly, so the UI can mark it.
pub fn active_preset(s: &Scenario) -> Option<&'static Preset> {
    PRESETS
        .iter()
        .find(|p| s.r26 == p.r26 && s.r30 == p.r30 && s.g == p.g)
}
