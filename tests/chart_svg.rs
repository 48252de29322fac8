//! The charts drawn natively to SVG, with the same code the app runs on a canvas.
#![cfg(not(target_arch = "wasm32"))]

mod common;

use std::rc::Rc;

use common::{draw_svg, draw_traded, scenario, YEAR_CHARTS};

use deal_explorer::charts::{
    cap_chart, ghost_legend_label, revenue_chart, take_chart, traded_chart, Chart, Ghost, Mapping,
    Palette, Style, Sweep, Theme, BAND_OPACITY, LEGEND_BAND, LEGEND_BAND_OLD, LEGEND_MEDIAN,
    REVENUE_AXIS,
};
use deal_model::{
    cap_binds_from, money_b, simulate, sweep, Ensemble, Ledger, Scenario, SweepRow, YearRow,
    FIRST_YEAR, INPUTS, LAST_YEAR, PRESETS,
};

const WIDE: (u32, u32) = (800, 500);
const NARROW: (u32, u32) = (360, 300);

fn svg_sized(
    chart: Chart,
    scenario: &Scenario,
    style: &Style,
    size: (u32, u32),
) -> (String, Mapping) {
    draw_svg(chart, scenario, style, size, &[], None)
}

/// The chart of `scenario` with `pins` as ghosts, wide, in the light theme.
fn svg_with_pins(chart: Chart, scenario: &Scenario, pins: &[Ghost]) -> String {
    draw_svg(chart, scenario, &Style::default(), WIDE, pins, None).0
}

fn ghost(label: &str, query: &str) -> Ghost {
    Ghost::of(label, &scenario(query))
}

/// What each chart draws of a pin, as the chart modules document it.
fn ghosted(chart: Chart) -> fn(&YearRow) -> f64 {
    match chart {
        Chart::Revenue => |row| row.revenue,
        Chart::Cap => |row| row.cumulative_new,
        Chart::Take | Chart::Traded => |row| row.microsoft_take_new,
    }
}

fn svg_of(chart: Chart, scenario: &Scenario) -> (String, Mapping) {
    svg_sized(chart, scenario, &Style::default(), WIDE)
}

fn legend_of(chart: Chart) -> Vec<&'static str> {
    match chart {
        Chart::Revenue => vec![
            revenue_chart::LEGEND_PAYMENT_NEW,
            revenue_chart::LEGEND_KEPT_NEW,
            revenue_chart::LEGEND_PAYMENT_OLD,
        ],
        Chart::Cap => vec![
            cap_chart::LEGEND_NEW,
            cap_chart::LEGEND_OLD,
            cap_chart::LEGEND_SAVING,
        ],
        Chart::Take => vec![
            take_chart::LEGEND_MICROSOFT_NEW,
            take_chart::LEGEND_MICROSOFT_OLD,
            take_chart::LEGEND_OTHERS_NEW,
            take_chart::LEGEND_OTHERS_OLD,
        ],
        Chart::Traded => vec![
            traded_chart::LEGEND_PAID_NEW,
            traded_chart::LEGEND_PAID_OLD,
            traded_chart::LEGEND_TAKE_NEW,
            traded_chart::LEGEND_TAKE_OLD,
        ],
    }
}

/// The elements of one kind (`rect`, `polyline`, ...) whose attribute has a value.
fn elements_with<'a>(svg: &'a str, tag: &str, attribute: &str, value: &str) -> Vec<&'a str> {
    let open = format!("<{tag} ");
    let wanted = format!("{attribute}=\"{value}\"");
    svg.lines()
        .filter(|line| line.starts_with(&open) && line.contains(&wanted))
        .collect()
}

/// The number in an attribute of one element.
fn attribute(element: &str, name: &str) -> f64 {
    element
        .split(&format!(" {name}=\""))
        .nth(1)
        .and_then(|rest| rest.split('"').next())
        .and_then(|value| value.parse().ok())
        .unwrap_or_else(|| panic!("no numeric {name} in {element}"))
}

/// The points of a `<polyline>`.
fn points(element: &str) -> Vec<(f64, f64)> {
    let list = element
        .split("points=\"")
        .nth(1)
        .and_then(|rest| rest.split('"').next())
        .unwrap_or_default();
    list.split_whitespace()
        .filter_map(|pair| pair.split_once(','))
        .map(|(x, y)| (x.parse().unwrap(), y.parse().unwrap()))
        .collect()
}

/// The text of every `<text>` element; plotters writes the text on the line after the tag.
fn texts(svg: &str) -> Vec<String> {
    text_elements(svg)
        .into_iter()
        .map(|(_, text)| unescape(text))
        .collect()
}

fn text_elements(svg: &str) -> Vec<(&str, &str)> {
    let lines: Vec<&str> = svg.lines().collect();
    lines
        .windows(2)
        .filter(|pair| pair[0].trim_start().starts_with("<text"))
        .map(|pair| (pair[0], pair[1].trim()))
        .collect()
}

/// Text content as the reader sees it: plotters escapes XML's special characters.
fn unescape(text: &str) -> String {
    text.replace("&apos;", "'")
        .replace("&quot;", "\"")
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&amp;", "&")
}

fn title_font_size(svg: &str, title: &str) -> f64 {
    let (tag, _) = text_elements(svg)
        .into_iter()
        .find(|(_, text)| unescape(text) == title)
        .expect("title text element");
    attribute(tag, "font-size")
}

fn hex(c: plotters::style::RGBColor) -> String {
    format!("#{:02X}{:02X}{:02X}", c.0, c.1, c.2)
}

fn light() -> Palette {
    Theme::Light.palette()
}

#[test]
fn every_chart_has_its_title_legend_and_a_label_per_model_year() {
    for chart in YEAR_CHARTS {
        let (svg, mapping) = svg_of(chart, &Scenario::default());
        let labels = texts(&svg);
        for expected in std::iter::once(chart.title()).chain(legend_of(chart)) {
            assert!(
                labels.iter().any(|t| t == expected),
                "{chart:?}: {expected:?} missing from {labels:?}"
            );
        }
        for year in FIRST_YEAR..=LAST_YEAR {
            assert!(
                labels.contains(&year.to_string()),
                "{chart:?}: year label {year} missing"
            );
        }
        // The y axis reads in money.
        assert!(
            labels.iter().filter(|t| t.ends_with('B')).count() >= 3,
            "{chart:?}: {labels:?}"
        );
        assert_eq!(
            (mapping.first_year, mapping.last_year),
            (FIRST_YEAR, LAST_YEAR)
        );
        assert!(mapping.plot_x.start > 0 && mapping.plot_x.end <= WIDE.0 as i32);
        assert_eq!(mapping.year_at(mapping.plot_x.start), Some(FIRST_YEAR));
        assert_eq!(mapping.year_at(mapping.plot_x.end - 1), Some(LAST_YEAR));
    }
}

#[test]
fn narrow_charts_shorten_the_year_labels() {
    for chart in YEAR_CHARTS {
        let (svg, _) = svg_sized(chart, &Scenario::default(), &Style::default(), NARROW);
        let labels = texts(&svg);
        for year in FIRST_YEAR..=LAST_YEAR {
            assert!(
                labels.contains(&format!("'{}", year % 100)),
                "{chart:?} {year}"
            );
            assert!(!labels.contains(&year.to_string()), "{chart:?} {year}");
        }
        // The legend still shows every entry.
        for entry in legend_of(chart) {
            assert!(labels.iter().any(|t| t == entry), "{chart:?}: {entry:?}");
        }
    }
}

#[test]
fn chart_names_are_distinct_and_slugs_fit_file_names() {
    let slugs: Vec<&str> = Chart::ALL.iter().map(|c| c.slug()).collect();
    assert_eq!(slugs, ["revenue", "cap", "take", "traded"]);
    // Each chart draws its own title and no other chart's: the accessible name and the
    // exports' files name the picture the reader sees.
    for chart in Chart::ALL {
        let drawn = texts(&svg_of(chart, &Scenario::default()).0);
        for other in Chart::ALL {
            assert_eq!(
                drawn.iter().any(|t| t == other.title()),
                other == chart,
                "{chart:?} and the title of {other:?}"
            );
        }
    }
}

#[test]
fn a_tooltip_names_each_figure_as_the_legend_does_and_shows_the_ledger_cell() {
    // Independent of the tooltip's own table: the names are read off the drawn legend, the
    // figures off the ledger's CSV, matched through the column the name belongs to.
    let scenario = scenario("r30=280&reverse=4&cap=60");
    let ledger = Ledger::compute(&scenario);
    let csv = ledger.to_csv();
    let mut records = csv.lines();
    let header: Vec<&str> = records.next().expect("header").split(',').collect();
    let row_2029: Vec<&str> = records.nth(3).expect("2029").split(',').collect();
    let cell = |name: &str| -> f64 {
        let at = header
            .iter()
            .position(|h| *h == name)
            .expect("a CSV column");
        row_2029[at].parse().expect("a number")
    };
    for chart in YEAR_CHARTS {
        let drawn = texts(&svg_of(chart, &scenario).0);
        let figures = chart.hover_figures(ledger.row(2029).expect("2029"));
        assert!(figures.len() >= 2, "{chart:?}");
        for (label, value) in figures {
            let column = deal_model::COLUMNS
                .iter()
                .find(|column| column.label == label)
                .unwrap_or_else(|| panic!("{chart:?}: {label:?} names no ledger column"));
            assert_eq!(value, cell(column.name), "{chart:?}: {label}");
            // The revenue chart's total is its stack's height, not a legend entry.
            if column.name != "revenue" {
                assert!(
                    drawn.iter().any(|t| t == label),
                    "{chart:?}: the tooltip's {label:?} is not in the legend {drawn:?}"
                );
            }
        }
    }
}

#[test]
fn revenue_chart_stacks_payment_and_kept_revenue_and_outlines_the_old_terms() {
    let scenario = Scenario::default();
    let ledger = Ledger::compute(&scenario);
    let (svg, _) = svg_of(Chart::Revenue, &scenario);
    let paying_years = ledger.rows.iter().filter(|r| r.share_new > 0.0).count();
    let old_years = ledger.rows.iter().filter(|r| r.share_old != 0.0).count();
    // The cap is reached in 2029, so 2030 is paid under the old terms only.
    assert_eq!((paying_years, old_years), (4, 5));

    // One rectangle per year and part, plus the legend swatch.
    let payments = elements_with(&svg, "rect", "fill", &hex(light().microsoft));
    let kept = elements_with(&svg, "rect", "fill", &hex(light().openai));
    assert_eq!(payments.len(), paying_years + 1, "{payments:#?}");
    assert_eq!(kept.len(), ledger.rows.len() + 1, "{kept:#?}");
    // Each payment sits right under what OpenAI keeps that year, in the same column.
    let stacked = payments
        .iter()
        .filter(|pay| {
            kept.iter().any(|keep| {
                attribute(keep, "x") == attribute(pay, "x")
                    && attribute(keep, "width") == attribute(pay, "width")
                    && attribute(keep, "y") + attribute(keep, "height") == attribute(pay, "y")
            })
        })
        .count();
    assert_eq!(stacked, paying_years);

    // The old terms are hollow outlines: closed paths, not filled rectangles.
    let old = elements_with(&svg, "polyline", "stroke", &hex(light().old_terms));
    assert_eq!(old.len(), old_years + 1, "{old:#?}");
    assert!(old.iter().all(|outline| {
        let p = points(outline);
        p.len() == 5 && p.first() == p.last()
    }));
    assert!(elements_with(&svg, "rect", "fill", &hex(light().old_terms)).is_empty());
}

#[test]
fn revenue_chart_hangs_a_negative_old_terms_payment_below_zero() {
    let (svg, _) = svg_of(Chart::Revenue, &scenario("rate=5&reverse=20"));
    let zero_y = text_elements(&svg)
        .into_iter()
        .find(|(_, text)| *text == "$0B")
        .map(|(tag, _)| attribute(tag, "y"))
        .expect("a $0B tick");
    let old = elements_with(&svg, "polyline", "stroke", &hex(light().old_terms));
    let below_zero = old
        .iter()
        .filter(|outline| points(outline).iter().all(|&(_, y)| y >= zero_y - 1.0))
        .count();
    // Five years of net payments from Microsoft to OpenAI (2026-2030).
    assert_eq!(below_zero, 5, "{old:#?}");
}

#[test]
fn cap_chart_labels_the_cap_and_the_year_it_is_reached() {
    let scenario = Scenario::default();
    assert_eq!(Ledger::compute(&scenario).headline.cap_year, Some(2029));
    let (svg, _) = svg_of(Chart::Cap, &scenario);
    let labels = texts(&svg);
    assert_eq!(cap_chart::cap_label(38.0), "Cap $38B");
    assert!(labels.iter().any(|t| t == "Cap $38B"), "{labels:?}");
    assert!(
        labels.iter().any(|t| t == "cap reached in 2029"),
        "{labels:?}"
    );
    // The cap line is dashed: many short horizontal pieces at one height.
    let cap_pieces = elements_with(&svg, "polyline", "stroke", &hex(light().cap));
    let heights: Vec<f64> = cap_pieces
        .iter()
        .filter_map(|piece| {
            let p = points(piece);
            (p.len() == 2 && p[0].1 == p[1].1).then_some(p[0].1)
        })
        .collect();
    assert!(heights.len() > 20, "{cap_pieces:#?}");
    assert!(heights.windows(2).all(|pair| pair[0] == pair[1]));
    // The saving between the terms is shaded.
    let shade = elements_with(&svg, "polygon", "fill", &hex(light().old_terms));
    assert!(
        shade.iter().any(|p| p.contains("opacity=\"0.22\"")),
        "{shade:#?}"
    );
    // The two lines differ by more than colour: the old terms are dashed, the new solid.
    let new_line = elements_with(&svg, "polyline", "stroke", &hex(light().microsoft));
    let longest_new = new_line.iter().map(|l| points(l).len()).max();
    assert_eq!(longest_new, Some(ledger_len()));
    let old_line = elements_with(&svg, "polyline", "stroke", &hex(light().old_terms));
    assert!(old_line.len() > 20, "dashes expected: {old_line:#?}");
}

fn ledger_len() -> usize {
    (LAST_YEAR - FIRST_YEAR + 1) as usize
}

#[test]
fn cap_chart_has_no_cap_year_label_when_the_cap_is_not_reached() {
    let scenario = scenario("until=2027&cap=100");
    assert_eq!(Ledger::compute(&scenario).headline.cap_year, None);
    let (svg, _) = svg_of(Chart::Cap, &scenario);
    let labels = texts(&svg);
    assert!(labels.iter().any(|t| t == "Cap $100B"), "{labels:?}");
    assert!(
        !labels.iter().any(|t| t.starts_with("cap reached")),
        "{labels:?}"
    );
}

#[test]
fn a_cap_far_above_every_payment_is_noted_instead_of_flattening_the_lines() {
    // The bear case pays about $57B in total under the old terms.
    let (svg, _) = svg_of(Chart::Cap, &scenario("r26=25&r30=80&g=10&cap=200"));
    let labels = texts(&svg);
    assert!(
        labels.contains(&cap_chart::cap_above_label(200.0)),
        "{labels:?}"
    );
    assert!(!labels.iter().any(|t| t == "Cap $200B"), "{labels:?}");
    assert!(
        !labels.iter().any(|t| t == "$200B" || t == "$150B"),
        "{labels:?}"
    );

    // When nothing is paid at all, the cap is what there is to show.
    let (svg, _) = svg_of(Chart::Cap, &scenario("rate=0"));
    assert!(texts(&svg).iter().any(|t| t == "Cap $38B"));
}

#[test]
fn take_chart_has_a_zero_line_and_tells_the_owners_apart_by_shape() {
    let scenario = Scenario::default();
    let ledger = Ledger::compute(&scenario);
    assert!(ledger.rows.iter().any(|r| r.others_take_new < 0.0));
    let (svg, mapping) = svg_of(Chart::Take, &scenario);
    let labels = texts(&svg);
    assert!(
        labels.iter().any(|t| t.starts_with('\u{2212}')),
        "a negative tick expected: {labels:?}"
    );
    let zero_y = text_elements(&svg)
        .into_iter()
        .find(|(_, text)| *text == "$0B")
        .map(|(tag, _)| attribute(tag, "y"))
        .expect("a $0B tick");
    let plot_width = f64::from(mapping.plot_x.end - mapping.plot_x.start);
    let zero_line = elements_with(&svg, "polyline", "stroke", &hex(light().axis))
        .into_iter()
        .map(points)
        .any(|p| {
            p.len() == 2
                && p.iter().all(|&(_, y)| (y - zero_y).abs() <= 1.0)
                && (p[1].0 - p[0].0).abs() >= plot_width - 2.0
        });
    assert!(zero_line, "no zero line at y={zero_y}");

    // Microsoft's markers are circles, the other owners' triangles; old terms hollow.
    let microsoft = hex(light().microsoft);
    let others = hex(light().others);
    let filled_circles = elements_with(&svg, "circle", "fill", &microsoft).len();
    let ringed_circles = elements_with(&svg, "circle", "stroke", &microsoft).len();
    let filled_triangles = elements_with(&svg, "polygon", "fill", &others).len();
    // Ten years of new-terms markers plus one in the legend.
    assert_eq!(filled_circles, ledger_len() + 1);
    assert_eq!(filled_triangles, ledger_len() + 1);
    // Every circle has an outline; the old terms' hollow ones add ten more and a legend one.
    assert_eq!(ringed_circles, 2 * (ledger_len() + 1));
    assert!(elements_with(&svg, "circle", "fill", &others).is_empty());
    assert!(elements_with(&svg, "polygon", "fill", &microsoft).is_empty());
}

#[test]
fn the_selected_year_is_highlighted_on_every_chart() {
    let highlight = hex(light().highlight);
    for chart in YEAR_CHARTS {
        for year in [FIRST_YEAR, 2030, LAST_YEAR] {
            let (svg, mapping) = svg_of(chart, &scenario(&format!("year={year}")));
            let bands = elements_with(&svg, "rect", "fill", &highlight);
            assert_eq!(bands.len(), 1, "{chart:?} {year}");
            let centre = attribute(bands[0], "x") + attribute(bands[0], "width") / 2.0;
            assert_eq!(
                mapping.year_at(centre as i32),
                Some(year),
                "{chart:?}: band at {centre}"
            );
        }
    }
}

#[test]
fn charts_follow_the_theme_and_the_pixel_ratio() {
    let scenario = Scenario::default();
    let dark_palette = Theme::Dark.palette();
    for chart in Chart::ALL {
        let (light_svg, light_map) = svg_sized(chart, &scenario, &Style::default(), WIDE);
        let (dark_svg, _) = svg_sized(chart, &scenario, &Style::new(1.0, Theme::Dark), WIDE);
        for colour in [
            dark_palette.background,
            dark_palette.text,
            dark_palette.microsoft,
        ] {
            assert!(
                dark_svg.contains(&hex(colour)),
                "{chart:?}: {}",
                hex(colour)
            );
            assert!(
                !light_svg.contains(&hex(colour)),
                "{chart:?}: {}",
                hex(colour)
            );
        }

        let crisp = Style::new(2.0, Theme::Light);
        let (crisp_svg, crisp_map) = svg_sized(chart, &scenario, &crisp, (WIDE.0 * 2, WIDE.1 * 2));
        let ratio =
            title_font_size(&crisp_svg, chart.title()) / title_font_size(&light_svg, chart.title());
        assert!(
            (ratio - 2.0).abs() < 1e-9,
            "{chart:?}: the title should scale with the pixel ratio, got {ratio}"
        );
        // Same layout, twice the pixels (within rounding).
        let width = |m: &Mapping| f64::from(m.plot_x.end - m.plot_x.start);
        let scale = width(&crisp_map) / width(&light_map);
        assert!(
            (scale - 2.0).abs() < 0.02,
            "{chart:?}: plot scales by {scale}"
        );
        // And lines twice as thick: no 1-pixel hairline is left at ratio 2.
        let hairlines = |svg: &str| {
            svg.lines()
                .filter(|l| l.starts_with("<polyline") && l.contains("stroke-width=\"1\""))
                .count()
        };
        assert!(hairlines(&light_svg) > 0, "{chart:?}");
        assert_eq!(hairlines(&crisp_svg), 0, "{chart:?}");
        let thickest = |svg: &str| {
            svg.lines()
                .filter(|l| l.starts_with("<polyline"))
                .map(|l| attribute(l, "stroke-width"))
                .fold(0.0, f64::max)
        };
        assert!(
            thickest(&crisp_svg) >= 1.5 * thickest(&light_svg),
            "{chart:?}: lines should thicken with the pixel ratio"
        );
    }
}

#[test]
fn a_higher_revenue_changes_every_chart() {
    let base = Scenario::default();
    let bull = scenario("r30=400");
    for chart in Chart::ALL {
        assert_ne!(svg_of(chart, &base).0, svg_of(chart, &bull).0, "{chart:?}");
    }
}

#[test]
fn corner_cases_draw_every_chart_without_error_or_non_finite_numbers() {
    let mut lowest = Scenario::default();
    let mut highest = Scenario::default();
    for input in INPUTS {
        lowest.set(input.key, input.min);
        highest.set(input.key, input.max);
    }
    let cases = [
        scenario("cap=0"),
        scenario("rate=0"),
        scenario("rate=5&reverse=20"),
        scenario("rate=0&cap=0"),
        scenario("until=2026&old_until=2026&profit_year=2026"),
        lowest,
        highest,
    ];
    for case in cases {
        for chart in Chart::ALL {
            for size in [WIDE, NARROW, (120, 80)] {
                let (svg, mapping) = svg_sized(chart, &case, &Style::default(), size);
                assert!(
                    texts(&svg).iter().any(|t| t == chart.title()),
                    "{chart:?} {case:?}"
                );
                assert!(
                    !svg.contains("NaN") && !svg.contains("inf"),
                    "{chart:?} {size:?}: non-finite coordinates in {case:?}"
                );
                assert!(mapping.plot_x.end <= size.0 as i32);
            }
        }
    }
}

/// A chart drawn with the scenario's ensemble as its bands.
fn svg_with_bands(chart: Chart, scenario: &Scenario, ensemble: Option<&Ensemble>) -> String {
    draw_svg(chart, scenario, &Style::default(), WIDE, &[], ensemble).0
}

/// The shaded 10-90 band: a polygon in Microsoft's colour (nothing else fills with it).
fn band_polygons(svg: &str) -> Vec<&str> {
    elements_with(svg, "polygon", "fill", &hex(light().microsoft))
        .into_iter()
        .filter(|element| {
            element.contains(&format!("fill-opacity=\"{BAND_OPACITY}\""))
                || element.contains("opacity=\"0.2")
        })
        .collect()
}

/// The old terms' shaded band: a polygon in the old terms' colour at the bands' opacity (the
/// cap chart's saving is shaded in it too, at another).
fn old_band_polygons(svg: &str) -> Vec<&str> {
    elements_with(svg, "polygon", "fill", &hex(light().old_terms))
        .into_iter()
        .filter(|element| element.contains(&format!("opacity=\"{BAND_OPACITY}\"")))
        .collect()
}

#[test]
fn bands_show_on_the_cap_and_take_charts_only_when_uncertainty_is_on() {
    let on = scenario("vol=20&seed=7");
    let ensemble = simulate(&on, 2_000);
    for chart in Chart::ALL {
        let with = svg_with_bands(chart, &on, Some(&ensemble));
        let without = svg_with_bands(chart, &on, None);
        let banded = matches!(chart, Chart::Cap | Chart::Take);
        let labels = texts(&with);
        for entry in [LEGEND_BAND, LEGEND_MEDIAN] {
            assert_eq!(
                labels.iter().any(|t| t == entry),
                banded,
                "{chart:?}: {entry:?} in {labels:?}"
            );
            assert!(!texts(&without).iter().any(|t| t == entry), "{chart:?}");
        }
        assert_eq!(band_polygons(&with).len(), usize::from(banded), "{chart:?}");
        assert!(band_polygons(&without).is_empty(), "{chart:?}");
        // Beside it, the old terms' band, named apart in the legend.
        assert_eq!(
            old_band_polygons(&with).len(),
            usize::from(banded),
            "{chart:?}"
        );
        assert_eq!(labels.iter().any(|t| t == LEGEND_BAND_OLD), banded);
        if !banded {
            assert_eq!(with, without, "{chart:?} ignores the bands");
        }
    }
    // vol 0: the app passes no ensemble, and the charts are exactly the plain ones.
    let off = scenario("vol=0&seed=7");
    for chart in [Chart::Cap, Chart::Take] {
        assert_eq!(svg_with_bands(chart, &off, None), svg_of(chart, &off).0);
    }
}

#[test]
fn the_y_axis_takes_in_the_90th_percentile() {
    // At vol 60 the 90th percentile runs far above every deterministic line (with the stake at
    // its maximum, Microsoft's take tops the other owners'), so a y range fitted to the lines
    // alone would cut the band off.
    let s = scenario("vol=60&seed=3&cap=200&stake=49");
    let ensemble = simulate(&s, 2_000);
    let ledger = Ledger::compute(&s);
    let highest = |values: &mut dyn Iterator<Item = f64>| values.fold(f64::MIN, f64::max);
    let cases = [
        (
            Chart::Cap,
            highest(&mut ensemble.cumulative_new.p90.iter().copied()),
            highest(
                &mut ledger
                    .rows
                    .iter()
                    .flat_map(|r| [r.cumulative_new, r.cumulative_old]),
            ),
        ),
        (
            Chart::Take,
            highest(&mut ensemble.microsoft_take_new.p90.iter().copied()),
            highest(&mut ledger.rows.iter().flat_map(|r| {
                [
                    r.microsoft_take_new,
                    r.microsoft_take_old,
                    r.others_take_new,
                    r.others_take_old,
                ]
            })),
        ),
    ];
    for (chart, p90, lines) in cases {
        assert!(p90 > lines * 1.5, "{chart:?}: p90 {p90} vs lines {lines}");
        let svg = svg_with_bands(chart, &s, Some(&ensemble));
        // The selected year's highlight spans the plot from its top to its bottom.
        let highlight = elements_with(&svg, "rect", "fill", &hex(light().highlight));
        let top = attribute(highlight[0], "y");
        let bottom = top + attribute(highlight[0], "height");
        let band_points = points(band_polygons(&svg)[0]);
        assert_eq!(band_points.len(), 2 * ledger.rows.len(), "{chart:?}");
        for &(_, y) in &band_points {
            assert!(
                y >= top && y <= bottom,
                "{chart:?}: {y} outside {top}..{bottom}"
            );
        }
        // The highest band's top is near the plot's top, not squeezed into the bottom: on the
        // cap chart the old terms' band, which no cap holds down.
        let old_points = points(old_band_polygons(&svg)[0]);
        assert_eq!(old_points.len(), 2 * ledger.rows.len(), "{chart:?}");
        let band_top = band_points
            .iter()
            .chain(&old_points)
            .map(|p| p.1)
            .fold(f64::MAX, f64::min);
        assert!(old_points.iter().all(|&(_, y)| y >= top && y <= bottom));
        assert!(
            band_top < top + (bottom - top) * 0.2,
            "{chart:?}: {band_top} in {top}..{bottom}"
        );
        // The y labels run past the lines, up to about the 90th percentile.
        let largest_tick = texts(&svg)
            .iter()
            .filter(|t| t.starts_with('$') && t.ends_with('B'))
            .filter_map(|t| t[1..t.len() - 1].replace(',', "").parse::<f64>().ok())
            .fold(f64::MIN, f64::max);
        assert!(
            largest_tick > lines && largest_tick > p90 * 0.75,
            "{chart:?}: largest tick {largest_tick}, lines {lines}, p90 {p90}"
        );
    }
}

#[test]
fn every_chart_draws_each_pin_as_a_named_ghost_in_its_own_pattern() {
    let pins = [
        ghost("Bear", "r26=25&r30=80&g=10"),
        ghost("Bull", "r30=280&g=20"),
        ghost("Big cap", "cap=120"),
    ];
    let ghost_colour = hex(light().ghost);
    for chart in YEAR_CHARTS {
        let plain = svg_of(chart, &Scenario::default()).0;
        assert!(
            elements_with(&plain, "polyline", "stroke", &ghost_colour).is_empty(),
            "{chart:?}: no ghosts without pins"
        );
        let svg = svg_with_pins(chart, &Scenario::default(), &pins);
        let labels = texts(&svg);
        for pin in &pins {
            let label = ghost_legend_label(&pin.label);
            assert!(
                labels.contains(&label),
                "{chart:?}: {label:?} in {labels:?}"
            );
        }
        // The live series are all still there.
        for expected in legend_of(chart) {
            assert!(
                labels.iter().any(|t| t == expected),
                "{chart:?}: {expected}"
            );
        }
        let pieces = elements_with(&svg, "polyline", "stroke", &ghost_colour);
        assert!(pieces.len() > 3 * 20, "{chart:?}: dashed ghosts expected");

        // The same pin in another position is drawn in another pattern: the dotted first
        // pattern breaks a line into more pieces than the long dashes of the third.
        let one = |at: usize| {
            let mut alone = vec![ghost("x", "cap=39"), ghost("y", "cap=40")];
            alone.truncate(at);
            alone.push(pins[1].clone());
            let svg = svg_with_pins(chart, &Scenario::default(), &alone);
            let all = elements_with(&svg, "polyline", "stroke", &ghost_colour).len();
            let before = {
                let svg = svg_with_pins(chart, &Scenario::default(), &alone[..at]);
                elements_with(&svg, "polyline", "stroke", &ghost_colour).len()
            };
            all - before
        };
        let (first, third) = (one(0), one(2));
        assert!(
            first > third * 2,
            "{chart:?}: {first} dots vs {third} dashes"
        );
    }
}

/// The y axis's tick labels as (value in $B, y in pixels), lowest value first: the texts that
/// are nothing but an amount.
fn y_ticks(svg: &str) -> Vec<(f64, f64)> {
    let mut ticks: Vec<(f64, f64)> = text_elements(svg)
        .into_iter()
        .filter_map(|(tag, text)| {
            let text = unescape(text);
            let (negative, rest) = match text.strip_prefix('\u{2212}') {
                Some(rest) => (true, rest),
                None => (false, text.as_str()),
            };
            let digits = rest.strip_prefix('$')?;
            let (digits, scale) = match digits.strip_suffix('B') {
                Some(d) => (d, 1.0),
                None => (digits.strip_suffix('M')?, 0.001),
            };
            let value: f64 = digits.replace(',', "").parse().ok()?;
            let value = if negative { -value } else { value } * scale;
            Some((value, attribute(tag, "y")))
        })
        .collect();
    ticks.sort_by(|a, b| a.0.total_cmp(&b.0));
    ticks
}

#[test]
fn pin_names_are_escaped_in_the_svg() {
    let name = "<img src=x onerror=alert(1)>&\"'";
    let pins = [ghost(name, "cap=50")];
    for chart in Chart::ALL {
        let svg = svg_with_pins(chart, &Scenario::default(), &pins);
        assert!(!svg.contains("<img"), "{chart:?}: markup in the SVG");
        assert!(
            svg.contains("&lt;img src=x onerror=alert(1)&gt;&amp;"),
            "{chart:?}"
        );
        assert!(
            texts(&svg).contains(&ghost_legend_label(name)),
            "{chart:?}: the name reads as typed"
        );
    }
}

#[test]
fn the_y_range_takes_in_a_pin_far_above_the_live_one() {
    let live = scenario("r26=5&r30=20&g=-20");
    let high = ghost("High", "r26=100&r30=600&g=60&rate=50&cap=200");
    let ghost_colour = hex(light().ghost);
    let highlight = hex(light().highlight);
    for chart in YEAR_CHARTS {
        let value = ghosted(chart);
        let pin_top = high.ledger.rows.iter().map(value).fold(f64::MIN, f64::max);
        let live_top = Ledger::compute(&live)
            .rows
            .iter()
            .flat_map(|row| [row.revenue, row.cumulative_old, row.microsoft_take_old])
            .fold(f64::MIN, f64::max);
        assert!(pin_top > 1.5 * live_top, "{chart:?}: the pin is far above");

        let svg = svg_with_pins(chart, &live, std::slice::from_ref(&high));
        // The selected year's band spans the plot's full height.
        let band = elements_with(&svg, "rect", "fill", &highlight)[0];
        let top = attribute(band, "y");
        // Where the pin's highest value lands, read off the y axis's tick labels.
        let ticks = y_ticks(&svg);
        let (v0, y0) = ticks[0];
        let (v1, y1) = ticks[ticks.len() - 1];
        assert!(v1 > v0, "{chart:?}: {ticks:?}");
        let pixel = y0 + (y1 - y0) * (pin_top - v0) / (v1 - v0);
        assert!(
            pixel >= top - 1.0,
            "{chart:?}: the pin's top {pin_top} at y={pixel:.1}, above the plot's top {top}"
        );
        assert!(
            !elements_with(&svg, "polyline", "stroke", &ghost_colour).is_empty(),
            "{chart:?}: the ghost is drawn"
        );
    }
}

/// The pixel of a 2030 revenue on the chart across revenue, from the plot's extent alone: its
/// first and last pixel (the range's end is exclusive) are the axis's ends; plotters rounds
/// down, hence the tolerance of 1.5 below.
fn revenue_pixel(mapping: &Mapping, r30: f64) -> f64 {
    let range = mapping.revenue.clone().expect("a chart across revenue");
    let width = f64::from(mapping.plot_x.end - 1 - mapping.plot_x.start);
    f64::from(mapping.plot_x.start) + (r30 - range.start) / (range.end - range.start) * width
}

/// The pixel of an amount in $B, from the plot's extent alone.
fn value_pixel(mapping: &Mapping, value: f64) -> f64 {
    let span = mapping.values.end - mapping.values.start;
    let height = f64::from(mapping.plot_y.end - 1 - mapping.plot_y.start);
    f64::from(mapping.plot_y.start) + (mapping.values.end - value) / span * height
}

/// Upright lines in the axis colour that span the plot's height: the y axis and the reader's
/// revenue, as their x.
fn uprights(svg: &str, mapping: &Mapping) -> Vec<f64> {
    let height = f64::from(mapping.plot_y.end - mapping.plot_y.start);
    elements_with(svg, "polyline", "stroke", &hex(light().axis))
        .into_iter()
        .map(points)
        .filter(|p| p.len() == 2 && p[0].0 == p[1].0 && (p[1].1 - p[0].1).abs() >= height - 2.0)
        .map(|p| p[0].0)
        .collect()
}

#[test]
fn the_traded_chart_draws_the_sweep_across_revenue_with_the_readers_revenue_marked() {
    let s = Scenario::default();
    let rows = sweep(&s);
    assert_eq!(rows.len(), 117);
    let (svg, mapping) = svg_of(Chart::Traded, &s);
    assert_eq!(mapping.year_at(mapping.plot_x.start), None);

    // The new terms' lines are solid: one polyline each, a point per swept revenue, each at
    // the pixel of its revenue and total.
    let solid: Vec<Vec<(f64, f64)>> =
        elements_with(&svg, "polyline", "stroke", &hex(light().microsoft))
            .into_iter()
            .map(points)
            .filter(|p| p.len() > 5)
            .collect();
    assert_eq!(solid.len(), 2, "paid and take under the new terms");
    assert!(solid.iter().all(|line| line.len() == rows.len()));
    let (paid, take) = if solid[0][60].1 > solid[1][60].1 {
        (&solid[0], &solid[1])
    } else {
        (&solid[1], &solid[0])
    };
    for (i, row) in rows.iter().enumerate() {
        assert!(
            (paid[i].0 - revenue_pixel(&mapping, row.r30)).abs() <= 1.5,
            "{row:?}"
        );
        assert!((paid[i].1 - value_pixel(&mapping, row.total_paid_new)).abs() <= 1.5);
        assert!((take[i].1 - value_pixel(&mapping, row.total_take_new)).abs() <= 1.5);
    }
    // From where the cap binds the payments line is flat, at the cap; below it, lower.
    let from = cap_binds_from(&rows, &s).expect("the default cap binds");
    let at = rows
        .iter()
        .position(|row| row.r30 == from)
        .expect("a swept value");
    assert!(
        paid[at..].iter().all(|p| p.1 == paid[at].1),
        "{:?}",
        &paid[at..]
    );
    assert!((paid[at].1 - value_pixel(&mapping, 38.0)).abs() <= 1.5);
    assert!(paid[0].1 > paid[at].1, "less is paid before the cap binds");
    // The old terms' payments keep rising: its dashes run up to the right.
    let old = elements_with(&svg, "polyline", "stroke", &hex(light().old_terms));
    assert!(old.len() > 40, "dashed old-terms lines expected");

    // The reader's revenue: an upright line at its pixel (no year is shaded).
    let marker = revenue_pixel(&mapping, s.r30);
    assert!(
        uprights(&svg, &mapping)
            .iter()
            .any(|&x| (x - marker).abs() <= 1.5),
        "no marker at x={marker}: {:?}",
        uprights(&svg, &mapping)
    );
    assert!(elements_with(&svg, "rect", "fill", &hex(light().highlight)).is_empty());
    let moved = svg_of(Chart::Traded, &scenario("r30=400"));
    let marker = revenue_pixel(&moved.1, 400.0);
    assert!(uprights(&moved.0, &moved.1)
        .iter()
        .any(|&x| (x - marker).abs() <= 1.5));

    // The axes: amounts across, with their caption, and no years; the presets ticked by name
    // at their revenues.
    let labels = texts(&svg);
    for expected in ["$100B", "$300B", "$600B", REVENUE_AXIS] {
        assert!(
            labels.iter().any(|t| t == expected),
            "{expected:?} in {labels:?}"
        );
    }
    assert!(!labels.iter().any(|t| t == "2030"), "{labels:?}");
    for preset in PRESETS {
        let (tag, _) = text_elements(&svg)
            .into_iter()
            .find(|(_, text)| *text == preset.label)
            .expect("a preset's name");
        let x = attribute(tag, "x");
        let tick = revenue_pixel(&mapping, preset.r30);
        assert!(
            x > tick && x < tick + 8.0,
            "{}: {x} by {tick}",
            preset.label
        );
    }
}

#[test]
fn the_traded_chart_labels_the_binding_and_the_readers_trade_in_the_models_figures() {
    for (query, verb) in [
        ("", "gives up"),
        ("r30=400&cap=60", "gives up"),
        ("old_until=2026&until=2035&cap=200&r30=100", "gains"),
    ] {
        let s = scenario(query);
        let rows = sweep(&s);
        let here = SweepRow::of(&s);
        let given_up = here.total_take_old - here.total_take_new;
        let (_, mapping) = svg_of(Chart::Traded, &s);
        let shown: Vec<&str> = mapping.labels.iter().map(|l| l.text.as_str()).collect();
        // Long or short, as the placer found room: the figures are the model's either way.
        let amount = money_b(given_up.abs());
        let trade = [
            format!("at {}, Microsoft {verb} {amount}", money_b(s.r30)),
            format!("{verb} {amount}"),
        ];
        let label = mapping
            .labels
            .iter()
            .find(|l| trade.contains(&l.text))
            .unwrap_or_else(|| panic!("{query:?}: {trade:?} in {shown:?}"));
        // It hangs on the gap between the takes at the reader's revenue.
        let middle = (here.total_take_new + here.total_take_old) / 2.0;
        assert!((f64::from(label.anchor.0) - revenue_pixel(&mapping, s.r30)).abs() <= 1.5);
        assert!((f64::from(label.anchor.1) - value_pixel(&mapping, middle)).abs() <= 1.5);
        match cap_binds_from(&rows, &s) {
            Some(from) => {
                let binds = [
                    format!("cap binds from {} of 2030 revenue", money_b(from)),
                    format!("cap binds from {}", money_b(from)),
                ];
                assert!(
                    binds.contains(&shown[0].to_string()),
                    "{query:?}: {shown:?}"
                );
                // On the payments line under the new terms, at the cap.
                let anchor = mapping.labels[0].anchor;
                assert!((f64::from(anchor.0) - revenue_pixel(&mapping, from)).abs() <= 1.5);
                assert!((f64::from(anchor.1) - value_pixel(&mapping, s.cap)).abs() <= 1.5);
            }
            None => assert_eq!(shown.len(), 1, "{query:?}: {shown:?}"),
        }
    }
    // A cap no revenue reaches has no binding to label.
    let s = scenario("cap=200&until=2026&r26=5");
    assert_eq!(cap_binds_from(&sweep(&s), &s), None);
    let (_, mapping) = svg_of(Chart::Traded, &s);
    assert!(mapping.labels.iter().all(|l| !l.text.contains("binds")));
}

#[test]
fn the_traded_chart_draws_each_pins_own_sweep_as_a_ghost() {
    let pins = [
        ("Bull", scenario("r30=280&g=20")),
        ("Big cap", scenario("cap=120")),
    ];
    let (plain, _) = draw_traded(&Scenario::default(), &Style::default(), WIDE, &[]);
    let (svg, mapping) = draw_traded(&Scenario::default(), &Style::default(), WIDE, &pins);
    let ghost_colour = hex(light().ghost);
    assert!(elements_with(&plain, "polyline", "stroke", &ghost_colour).is_empty());
    let labels = texts(&svg);
    for (name, _) in &pins {
        assert!(labels.contains(&ghost_legend_label(name)), "{labels:?}");
    }
    // Dotted and dashed pieces of each pin's take under the new terms, across its own sweep:
    // every piece lies on that line, between two swept revenues.
    let pieces = elements_with(&svg, "polyline", "stroke", &ghost_colour);
    assert!(pieces.len() > 40, "{}", pieces.len());
    let lines: Vec<Vec<(f64, f64)>> = pins
        .iter()
        .map(|(_, pinned)| {
            sweep(pinned)
                .iter()
                .map(|row| {
                    (
                        revenue_pixel(&mapping, row.r30),
                        value_pixel(&mapping, row.total_take_new),
                    )
                })
                .collect()
        })
        .collect();
    let on_a_ghost = |&(x, y): &(f64, f64)| {
        lines.iter().any(|line| {
            line.windows(2).any(|pair| {
                let ((x0, y0), (x1, y1)) = (pair[0], pair[1]);
                x >= x0 - 1.0 && x <= x1 + 1.0 && {
                    let t = if x1 > x0 {
                        ((x - x0) / (x1 - x0)).clamp(0.0, 1.0)
                    } else {
                        0.0
                    };
                    (y - (y0 + t * (y1 - y0))).abs() <= 2.0
                }
            })
        })
    };
    let in_plot = |p: &(f64, f64)| p.1 > f64::from(mapping.plot_y.start);
    for piece in &pieces {
        for point in points(piece).iter().filter(|p| in_plot(p)) {
            assert!(on_a_ghost(point), "{point:?} off every pin's sweep");
        }
    }
}

#[test]
fn pointing_across_revenue_finds_the_nearest_swept_revenue() {
    let s = Scenario::default();
    let (_, mapping) = svg_of(Chart::Traded, &s);
    let swept = Sweep::of(&s);
    let at = |r30: f64| {
        let pixel = revenue_pixel(&mapping, r30).round() as i32;
        let value = mapping.revenue_at(pixel).expect("inside the plot");
        swept.rows[swept.nearest(value).expect("a row")].r30
    };
    assert_eq!(at(200.0), 200.0);
    assert_eq!(at(20.0), 20.0);
    assert_eq!(at(600.0), 600.0);
    assert_eq!(at(201.0), 200.0);
    assert_eq!(at(204.0), 205.0);
    assert_eq!(mapping.revenue_at(mapping.plot_x.start - 1), None);
}

/// A chart's canvas redraws only when what `Chart::drawn` keeps of its layers changes, and
/// draws from those: so each chart must draw exactly the same picture from them as from all
/// its layers, in every kind of scene (a cap binding or not, another year, bands, a pin).
#[test]
fn each_chart_draws_the_same_from_only_the_layers_it_redraws_for() {
    use deal_explorer::charts::{Layers, Sweeps};
    use plotters::prelude::{IntoDrawingArea, SVGBackend};

    let svg = |chart: Chart, layers: &Layers| {
        let mut out = String::new();
        {
            let area = SVGBackend::with_string(&mut out, WIDE).into_drawing_area();
            chart
                .draw(&area, &layers.scene(), &Style::default())
                .expect("the chart draws");
            area.present().expect("the SVG is written");
        }
        out
    };
    for query in [
        "",
        "cap=50&year=2028",
        "r30=80&cap=0&year=2026",
        "vol=20&seed=3&year=2033",
    ] {
        let s = scenario(query);
        let ledger = Rc::new(Ledger::compute(&s));
        let bands = (s.vol > 0.0).then(|| Rc::new(simulate(&s, 500)));
        let layers = Layers {
            ledger,
            cap: s.cap,
            selected_year: s.year as i32,
            pins: Rc::new(vec![ghost("Bull", "r30=280&cap=20")]),
            bands,
            sweeps: Some(Sweeps {
                r30: s.r30,
                live: Rc::new(Sweep::of(&s)),
                pins: Rc::new(vec![Sweep::of(&scenario("r30=280&cap=20"))]),
            }),
        };
        for chart in Chart::ALL {
            assert_eq!(
                svg(chart, &chart.drawn(&layers)),
                svg(chart, &layers),
                "{chart:?} at {query:?}"
            );
        }
    }
}
