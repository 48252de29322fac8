//! What the native chart tests share: a scenario from a reader's link, and a chart of it drawn
//! to SVG with the code the app draws to canvas.
#![allow(dead_code)] // each test crate uses its own part

use deal_explorer::charts::{Chart, Ghost, Mapping, Scene, Style};
use deal_model::{parse_query, Ensemble, Ledger, Scenario};
use plotters::prelude::{IntoDrawingArea, SVGBackend};

/// A scenario from a URL query, as a reader's link would give it; the query must be clean.
pub fn scenario(query: &str) -> Scenario {
    let (scenario, notices) = parse_query(query);
    assert!(notices.is_empty(), "{query}: {notices:?}");
    scenario
}

/// The chart of `scenario` with `pins` as ghosts and `bands` when given, as SVG of `size`,
/// and where it put the years and its labels.
pub fn draw_svg(
    chart: Chart,
    scenario: &Scenario,
    style: &Style,
    size: (u32, u32),
    pins: &[Ghost],
    bands: Option<&Ensemble>,
) -> (String, Mapping) {
    let ledger = Ledger::compute(scenario);
    let mut svg = String::new();
    let mapping = {
        let area = SVGBackend::with_string(&mut svg, size).into_drawing_area();
        let scene = Scene {
            pins,
            bands,
            ..Scene::plain(&ledger, scenario.cap, scenario.year as i32)
        };
        let mapping = chart.draw(&area, &scene, style).expect("the chart draws");
        area.present().expect("the SVG is written");
        mapping
    };
    (svg, mapping)
}
