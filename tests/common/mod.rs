//! What the native chart tests share: a scenario from a reader's link, and a chart of it drawn
//! to SVG with the code the app draws to canvas.
#![allow(dead_code)] // each test crate uses its own part

use std::rc::Rc;

use deal_explorer::charts::{Chart, Ghost, Mapping, Scene, Style, Sweep, Sweeps};
use deal_model::{parse_query, Ensemble, Ledger, Scenario};
use plotters::prelude::{IntoDrawingArea, SVGBackend};

/// The charts across the model years; the chart of what Microsoft traded runs across revenue.
pub const YEAR_CHARTS: [Chart; 3] = [Chart::Revenue, Chart::Cap, Chart::Take];

/// A scenario from a URL query, as a reader's link would give it; the query must be clean.
pub fn scenario(query: &str) -> Scenario {
    let (scenario, notices) = parse_query(query);
    assert!(notices.is_empty(), "{query}: {notices:?}");
    scenario
}

/// The chart of `scenario` with `pins` as ghosts and `bands` when given, as SVG of `size`,
/// and where it put the years and its labels. The scene carries the scenario's revenue sweep,
/// as the app's does, but no pin's: a ghost does not know its scenario (see [`draw_traded`]).
pub fn draw_svg(
    chart: Chart,
    scenario: &Scenario,
    style: &Style,
    size: (u32, u32),
    pins: &[Ghost],
    bands: Option<&Ensemble>,
) -> (String, Mapping) {
    draw_swept(chart, scenario, style, size, pins, &[], bands)
}

/// The chart of what Microsoft traded with each pinned scenario's sweep as a ghost.
pub fn draw_traded(
    scenario: &Scenario,
    style: &Style,
    size: (u32, u32),
    pins: &[(&str, Scenario)],
) -> (String, Mapping) {
    let ghosts: Vec<Ghost> = pins
        .iter()
        .map(|(label, pinned)| Ghost::of(label, pinned))
        .collect();
    let scenarios: Vec<Scenario> = pins.iter().map(|(_, pinned)| *pinned).collect();
    draw_swept(
        Chart::Traded,
        scenario,
        style,
        size,
        &ghosts,
        &scenarios,
        None,
    )
}

fn draw_swept(
    chart: Chart,
    scenario: &Scenario,
    style: &Style,
    size: (u32, u32),
    pins: &[Ghost],
    pinned: &[Scenario],
    bands: Option<&Ensemble>,
) -> (String, Mapping) {
    let ledger = Ledger::compute(scenario);
    let sweeps = Sweeps {
        r30: scenario.r30,
        live: Rc::new(Sweep::of(scenario)),
        pins: Rc::new(pinned.iter().map(Sweep::of).collect()),
    };
    let mut svg = String::new();
    let mapping = {
        let area = SVGBackend::with_string(&mut svg, size).into_drawing_area();
        let scene = Scene {
            pins,
            bands,
            sweeps: Some(&sweeps),
            ..Scene::plain(&ledger, scenario.cap, scenario.year as i32)
        };
        let mapping = chart.draw(&area, &scene, style).expect("the chart draws");
        area.present().expect("the SVG is written");
        mapping
    };
    (svg, mapping)
}
