//! The charts drawn natively to SVG, with the same code the app runs on a canvas.
#![cfg(not(target_arch = "wasm32"))]

use deal_explorer::charts::{payments_chart, Chart, Style, Theme};
use deal_model::{Ledger, Scenario, FIRST_YEAR, LAST_YEAR};
use plotters::prelude::{IntoDrawingArea, SVGBackend};

fn svg_of(scenario: &Scenario, style: &Style) -> (String, deal_explorer::charts::Mapping) {
    let ledger = Ledger::compute(scenario);
    let mut svg = String::new();
    let mapping = {
        let area = SVGBackend::with_string(&mut svg, (800, 500)).into_drawing_area();
        let mapping = Chart::Payments
            .draw(&area, &ledger, scenario.year as i32, style)
            .expect("the chart draws");
        area.present().expect("the SVG is written");
        mapping
    };
    (svg, mapping)
}

/// The bars of one series: plotters writes each filled rectangle as a `<rect>` with the
/// series colour.
fn rects_with_fill(svg: &str, colour: &str) -> Vec<String> {
    svg.lines()
        .filter(|line| line.contains("<rect") && line.contains(&format!("fill=\"{colour}\"")))
        .map(str::to_owned)
        .collect()
}

/// The text of every `<text>` element; plotters writes the text on the line after the tag.
fn texts(svg: &str) -> Vec<String> {
    let lines: Vec<&str> = svg.lines().collect();
    lines
        .windows(2)
        .filter(|pair| pair[0].trim_start().starts_with("<text"))
        .map(|pair| pair[1].trim().to_owned())
        .collect()
}

fn title_font_size(svg: &str) -> f64 {
    let lines: Vec<&str> = svg.lines().collect();
    let tag = lines
        .windows(2)
        .find(|pair| pair[1].trim() == payments_chart::TITLE)
        .map(|pair| pair[0])
        .expect("title text element");
    let size = tag
        .split("font-size=\"")
        .nth(1)
        .and_then(|rest| rest.split('"').next());
    size.and_then(|s| s.parse().ok()).expect("title font size")
}

fn hex(c: plotters::style::RGBColor) -> String {
    format!("#{:02X}{:02X}{:02X}", c.0, c.1, c.2)
}

#[test]
fn payments_chart_has_its_title_legend_and_a_bar_per_model_year() {
    let style = Style::default();
    let (svg, mapping) = svg_of(&Scenario::default(), &style);
    let labels = texts(&svg);
    for expected in [
        payments_chart::TITLE,
        payments_chart::LEGEND_NEW,
        payments_chart::LEGEND_OLD,
    ] {
        assert!(
            labels.iter().any(|t| t == expected),
            "{expected:?} missing from {labels:?}"
        );
    }
    for year in FIRST_YEAR..=LAST_YEAR {
        assert!(
            texts(&svg).contains(&year.to_string()),
            "year label {year} missing"
        );
    }
    // Ten bars for the new terms plus the legend swatch.
    let bars = rects_with_fill(&svg, &hex(Theme::Light.palette().microsoft));
    assert_eq!(
        bars.len(),
        (LAST_YEAR - FIRST_YEAR + 1) as usize + 1,
        "{bars:#?}"
    );
    assert_eq!(
        (mapping.first_year, mapping.last_year),
        (FIRST_YEAR, LAST_YEAR)
    );
    assert!(mapping.plot_x.start > 0 && mapping.plot_x.end <= 800);
    assert_eq!(mapping.year_at(mapping.plot_x.end - 1), Some(LAST_YEAR));
}

#[test]
fn payments_chart_follows_the_theme_and_the_pixel_ratio() {
    let (light, _) = svg_of(&Scenario::default(), &Style::new(1.0, Theme::Light));
    let (dark, _) = svg_of(&Scenario::default(), &Style::new(1.0, Theme::Dark));
    let dark_bg = hex(Theme::Dark.palette().background);
    assert!(dark.contains(&dark_bg) && !light.contains(&dark_bg));
    let (crisp, _) = svg_of(&Scenario::default(), &Style::new(2.0, Theme::Light));
    let ratio = title_font_size(&crisp) / title_font_size(&light);
    assert!(
        (ratio - 2.0).abs() < 1e-9,
        "title font should scale with the pixel ratio, got {ratio}"
    );
}

#[test]
fn a_higher_revenue_changes_the_drawing() {
    let base = Scenario::default();
    let mut bull = base;
    bull.set("r30", 400.0);
    let style = Style::default();
    assert_ne!(svg_of(&base, &style).0, svg_of(&bull, &style).0);
}

#[test]
fn corner_cases_draw_without_error() {
    let mut zero_cap = Scenario::default();
    zero_cap.set("cap", 0.0);
    let mut no_share = Scenario::default();
    no_share.set("rate", 0.0);
    let mut reverse_above_rate = Scenario::default();
    reverse_above_rate.set("rate", 5.0);
    reverse_above_rate.set("reverse", 20.0);
    for scenario in [zero_cap, no_share, reverse_above_rate] {
        let (svg, _) = svg_of(&scenario, &Style::default());
        assert!(svg.contains(payments_chart::TITLE));
        assert!(
            !svg.contains("NaN") && !svg.contains("inf"),
            "non-finite coordinates in {scenario:?}"
        );
    }
}
