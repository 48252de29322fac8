//! The charts' self-placing labels, drawn natively to SVG: each turning point the model
//! reports is labelled, and no label overlaps another, leaves the plot or covers the data,
//! on a desktop-sized chart and on a 360 px phone, at pixel ratios 1 and 2. The data's
//! geometry is worked out here from the ledger and the plot's extent, not taken from the
//! drawing code, so a label the placer lets onto a line fails.
#![cfg(not(target_arch = "wasm32"))]

mod common;

use common::{draw_svg, draw_traded, scenario};

use deal_explorer::charts::{Chart, Ghost, Mapping, Placed, Rect, Style, Theme};
use deal_model::milestones::{cap_note, payment_end_notes, take_falls_below_note};
use deal_model::{
    binds_note, cap_binds_from, simulate, sweep, trade_note, Ensemble, Ledger, Milestones,
    Scenario, SweepRow, FIRST_YEAR,
};

const DESKTOP: (u32, u32) = (760, 420);
const PHONE: (u32, u32) = (344, 300);

/// Scenarios that move every turning point: early and late caps, caps out of reach, terms
/// that end together, losses, steep and flat growth.
const QUERIES: &[&str] = &[
    "",
    "cap=10",
    "cap=20&r30=400",
    "cap=60",
    "cap=120&r30=120",
    "cap=200",
    "cap=0",
    "until=2027",
    "until=2035&cap=150",
    "rate=5&reverse=20",
    "r26=10&r30=40&cap=30",
    "r30=500&cap=100&year=2034",
    "stake=0",
    "old_until=2035&cap=80",
];

fn draw(chart: Chart, scenario: &Scenario, size: (u32, u32), scale: f64) -> (String, Mapping) {
    draw_layered(chart, scenario, size, scale, &[], None)
}

/// A chart with pinned ghosts and percentile bands over the live scenario.
fn draw_layered(
    chart: Chart,
    scenario: &Scenario,
    size: (u32, u32),
    scale: f64,
    pins: &[Ghost],
    bands: Option<&Ensemble>,
) -> (String, Mapping) {
    draw_svg(
        chart,
        scenario,
        &Style::new(scale, Theme::Light),
        size,
        pins,
        bands,
    )
}

/// Chart coordinates to backend pixels, from the plot's extent alone.
struct Pixels<'m>(&'m Mapping);

impl Pixels<'_> {
    /// A year, or on the chart across revenue a 2030 revenue in $B.
    fn x(&self, year: f64) -> f64 {
        let m = self.0;
        if let Some(revenue) = &m.revenue {
            let share = (year - revenue.start) / (revenue.end - revenue.start);
            return f64::from(m.plot_x.start) + share * f64::from(m.plot_x.end - m.plot_x.start);
        }
        let first = f64::from(FIRST_YEAR) - 0.5;
        let years = f64::from(m.last_year - m.first_year + 1);
        f64::from(m.plot_x.start)
            + (year - first) / years * f64::from(m.plot_x.end - m.plot_x.start)
    }

    fn y(&self, value: f64) -> f64 {
        let m = self.0;
        let span = m.values.end - m.values.start;
        f64::from(m.plot_y.start)
            + (m.values.end - value) / span * f64::from(m.plot_y.end - m.plot_y.start)
    }

    fn point(&self, (x, y): (f64, f64)) -> (i32, i32) {
        (self.x(x).round() as i32, self.y(y).round() as i32)
    }
}

/// The data a label must not cover: polylines and boxes, in backend pixels.
struct Data {
    lines: Vec<Vec<(i32, i32)>>,
    boxes: Vec<Rect>,
}

fn data_of(chart: Chart, scenario: &Scenario, mapping: &Mapping) -> Data {
    let ledger = Ledger::compute(scenario);
    let px = Pixels(mapping);
    let line = |f: fn(&deal_model::YearRow) -> f64| -> Vec<(i32, i32)> {
        ledger
            .rows
            .iter()
            .map(|row| px.point((f64::from(row.year), f(row))))
            .collect()
    };
    match chart {
        Chart::Revenue => {
            // Bars: the new terms' stack left of the year, the old terms' payment right of it.
            let bar = |year: i32, (left, right): (f64, f64), top: f64| {
                let x = f64::from(year);
                let (x0, x1) = (px.x(x + left), px.x(x + right));
                let (y0, y1) = (px.y(0.0), px.y(top));
                Rect {
                    left: x0.min(x1).round() as i32,
                    top: y0.min(y1).round() as i32,
                    right: x0.max(x1).round() as i32,
                    bottom: y0.max(y1).round() as i32,
                }
            };
            let boxes = ledger
                .rows
                .iter()
                .flat_map(|row| {
                    [
                        bar(row.year, (-0.38, 0.06), row.share_new + row.openai_kept_new),
                        bar(row.year, (0.1, 0.36), row.share_old),
                    ]
                })
                .collect();
            Data {
                lines: Vec::new(),
                boxes,
            }
        }
        Chart::Cap => Data {
            lines: vec![line(|r| r.cumulative_new), line(|r| r.cumulative_old)],
            boxes: Vec::new(),
        },
        Chart::Take => Data {
            lines: vec![
                line(|r| r.microsoft_take_new),
                line(|r| r.microsoft_take_old),
                line(|r| r.others_take_new),
                line(|r| r.others_take_old),
            ],
            boxes: Vec::new(),
        },
        Chart::Traded => {
            // The four totals across the revenue sweep.
            let rows = sweep(scenario);
            let columns: [fn(&SweepRow) -> f64; 4] = [
                |r| r.total_paid_new,
                |r| r.total_paid_old,
                |r| r.total_take_new,
                |r| r.total_take_old,
            ];
            let lines = columns
                .iter()
                .map(|f| rows.iter().map(|row| px.point((row.r30, f(row)))).collect())
                .collect();
            Data {
                lines,
                boxes: Vec::new(),
            }
        }
    }
}

/// Lines a pin and a band add to a chart: each pin's line (revenue on the revenue chart,
/// cumulative payments under the new terms on the cap chart, Microsoft's take under the new
/// terms on the take chart) and the band's median.
fn layer_lines(
    chart: Chart,
    mapping: &Mapping,
    pins: &[Ghost],
    bands: &Ensemble,
) -> Vec<Vec<(i32, i32)>> {
    let px = Pixels(mapping);
    let value: fn(&deal_model::YearRow) -> f64 = match chart {
        Chart::Revenue => |r| r.revenue,
        Chart::Cap => |r| r.cumulative_new,
        Chart::Take => |r| r.microsoft_take_new,
        // The ghosts here draw no pin's sweep (the helper has none) and no band.
        Chart::Traded => return Vec::new(),
    };
    let mut lines: Vec<Vec<(i32, i32)>> = pins
        .iter()
        .map(|pin| {
            pin.ledger
                .rows
                .iter()
                .map(|row| px.point((f64::from(row.year), value(row))))
                .collect()
        })
        .collect();
    let medians = match chart {
        Chart::Revenue | Chart::Traded => vec![],
        Chart::Cap => vec![&bands.cumulative_new.p50, &bands.cumulative_old.p50],
        Chart::Take => vec![&bands.microsoft_take_new.p50, &bands.microsoft_take_old.p50],
    };
    for median in medians {
        lines.push(
            median
                .iter()
                .enumerate()
                .map(|(i, v)| px.point((f64::from(FIRST_YEAR + i as i32), *v)))
                .collect(),
        );
    }
    lines
}

/// The label's box less a pixel each side, so rounding in the drawing code does not count as
/// touching.
fn inner(label: &Placed) -> Rect {
    label.rect.grow(-1)
}

/// Every label the model asks this chart for, as (long, short) texts.
fn wanted(chart: Chart, scenario: &Scenario) -> Vec<(String, String)> {
    let m = Milestones::of(&Ledger::compute(scenario));
    let notes = match chart {
        Chart::Revenue => payment_end_notes(&m)
            .into_iter()
            .map(|(_, _, n)| n)
            .collect(),
        Chart::Cap => cap_note(&m).into_iter().collect(),
        Chart::Take => take_falls_below_note(&m).into_iter().collect::<Vec<_>>(),
        Chart::Traded => {
            let rows = sweep(scenario);
            cap_binds_from(&rows, scenario)
                .map(binds_note)
                .into_iter()
                .chain([trade_note(&SweepRow::of(scenario))])
                .collect()
        }
    };
    notes.into_iter().map(|n| (n.long, n.short)).collect()
}

#[test]
fn labels_stay_clear_of_each_other_the_data_and_the_plot_edges() {
    let mut checked = 0;
    for query in QUERIES {
        let s = scenario(query);
        for size in [DESKTOP, PHONE] {
            for scale in [1.0, 2.0] {
                let size = (
                    (f64::from(size.0) * scale) as u32,
                    (f64::from(size.1) * scale) as u32,
                );
                for chart in Chart::ALL {
                    let (_, mapping) = draw(chart, &s, size, scale);
                    let data = data_of(chart, &s, &mapping);
                    let plot = Rect {
                        left: mapping.plot_x.start,
                        top: mapping.plot_y.start,
                        right: mapping.plot_x.end,
                        bottom: mapping.plot_y.end,
                    };
                    let context = format!("{query:?} {size:?} {chart:?}");
                    for (i, label) in mapping.labels.iter().enumerate() {
                        let rect = inner(label);
                        assert!(
                            label.rect.within(&plot),
                            "{context}: {label:?} leaves the plot"
                        );
                        for line in &data.lines {
                            for pair in line.windows(2) {
                                assert!(
                                    !rect.crosses(pair[0], pair[1]),
                                    "{context}: {:?} covers the line {pair:?}",
                                    label.text
                                );
                            }
                        }
                        for bar in &data.boxes {
                            assert!(
                                !rect.overlaps(bar),
                                "{context}: {:?} covers the bar {bar:?}",
                                label.text
                            );
                        }
                        for other in &mapping.labels[i + 1..] {
                            assert!(
                                !rect.overlaps(&other.rect),
                                "{context}: {:?} overlaps {:?}",
                                label.text,
                                other.text
                            );
                        }
                        checked += 1;
                    }
                }
            }
        }
    }
    // Enough labels were drawn for the checks to mean something.
    assert!(checked > 100, "only {checked} labels checked");
}

#[test]
fn every_turning_point_the_model_reports_is_labelled_on_desktop_and_phone() {
    for query in QUERIES {
        let s = scenario(query);
        for size in [DESKTOP, PHONE] {
            for chart in Chart::ALL {
                let (svg, mapping) = draw(chart, &s, size, 1.0);
                let shown: Vec<&str> = mapping.labels.iter().map(|l| l.text.as_str()).collect();
                for (long, short) in wanted(chart, &s) {
                    assert!(
                        shown.contains(&long.as_str()) || shown.contains(&short.as_str()),
                        "{query:?} {size:?} {chart:?}: {long:?} missing from {shown:?}"
                    );
                }
                for text in shown {
                    assert!(svg.contains(text), "{text:?} not drawn");
                }
            }
        }
    }
}

#[test]
fn desktop_charts_use_the_long_labels_and_phones_fall_back_only_when_needed() {
    let s = scenario("");
    let (_, cap) = draw(Chart::Cap, &s, DESKTOP, 1.0);
    let texts: Vec<&str> = cap.labels.iter().map(|l| l.text.as_str()).collect();
    assert!(texts.contains(&"cap reached in 2029"), "{texts:?}");
    let (_, take) = draw(Chart::Take, &s, DESKTOP, 1.0);
    assert_eq!(
        take.labels
            .iter()
            .map(|l| l.text.as_str())
            .collect::<Vec<_>>(),
        ["from 2029, Microsoft takes less than under the old terms"]
    );
    let (_, take) = draw(Chart::Take, &s, PHONE, 1.0);
    assert_eq!(take.labels[0].text, "less from 2029");
}

#[test]
fn labels_follow_the_sliders() {
    // A lower cap is reached earlier: the label and its point move left.
    let (_, at_38) = draw(Chart::Cap, &scenario("cap=38"), DESKTOP, 1.0);
    let (_, at_10) = draw(Chart::Cap, &scenario("cap=10"), DESKTOP, 1.0);
    let year_label = |m: &Mapping| {
        m.labels
            .iter()
            .find(|l| l.text.starts_with("cap reached") || l.text.starts_with("cap 20"))
            .cloned()
            .expect("a cap-year label")
    };
    let (late, early) = (year_label(&at_38), year_label(&at_10));
    assert!(late.text.ends_with("2029") && early.text.ends_with("2027"));
    assert!(early.anchor.0 < late.anchor.0);
    // No cap year, no label.
    let (_, out_of_reach) = draw(Chart::Cap, &scenario("cap=200"), DESKTOP, 1.0);
    assert!(out_of_reach
        .labels
        .iter()
        .all(|l| !l.text.starts_with("cap reached")));
}

#[test]
fn labels_keep_off_pinned_ghosts_and_band_medians_too() {
    let ghost = |query: &str, label: &str| Ghost::of(label, &scenario(query));
    let pins = [
        ghost("cap=12", "Low cap"),
        ghost("r30=400&cap=100", "Boom"),
        ghost("r26=10&r30=60&cap=60", "Slow"),
    ];
    let mut checked = 0;
    for query in [
        "vol=25&seed=3",
        "vol=40&seed=9&cap=20",
        "vol=10&cap=120&r30=300",
    ] {
        let s = scenario(query);
        let bands = simulate(&s, 400);
        for size in [DESKTOP, PHONE] {
            for chart in Chart::ALL {
                let (_, mapping) = draw_layered(chart, &s, size, 1.0, &pins, Some(&bands));
                let mut lines = data_of(chart, &s, &mapping).lines;
                lines.extend(layer_lines(chart, &mapping, &pins, &bands));
                for label in &mapping.labels {
                    let rect = inner(label);
                    for line in &lines {
                        for pair in line.windows(2) {
                            assert!(
                                !rect.crosses(pair[0], pair[1]),
                                "{query:?} {size:?} {chart:?}: {:?} covers {pair:?}",
                                label.text
                            );
                        }
                    }
                    checked += 1;
                }
                // Every turning point is still labelled with the extra lines about.
                let shown: Vec<&str> = mapping.labels.iter().map(|l| l.text.as_str()).collect();
                for (long, short) in wanted(chart, &s) {
                    assert!(
                        shown.contains(&long.as_str()) || shown.contains(&short.as_str()),
                        "{query:?} {size:?} {chart:?}: {long:?} missing from {shown:?}"
                    );
                }
            }
        }
    }
    assert!(checked > 20, "only {checked} labels checked");
}

#[test]
fn the_traded_charts_labels_keep_off_every_pins_sweep_at_every_size() {
    let pins = [
        ("Bull", scenario("r30=280&g=20")),
        ("Big cap", scenario("cap=120")),
        ("Slow", scenario("r26=10&r30=60&cap=60")),
    ];
    let mut checked = 0;
    for query in QUERIES {
        let s = scenario(query);
        for (width, height) in [DESKTOP, PHONE] {
            for scale in [1.0, 2.0] {
                let size = (
                    (f64::from(width) * scale) as u32,
                    (f64::from(height) * scale) as u32,
                );
                let style = Style::new(scale, Theme::Light);
                let (_, mapping) = draw_traded(&s, &style, size, &pins);
                let px = Pixels(&mapping);
                let mut lines = data_of(Chart::Traded, &s, &mapping).lines;
                lines.extend(pins.iter().map(|(_, pinned)| {
                    sweep(pinned)
                        .iter()
                        .map(|row| px.point((row.r30, row.total_take_new)))
                        .collect::<Vec<_>>()
                }));
                let plot = Rect {
                    left: mapping.plot_x.start,
                    top: mapping.plot_y.start,
                    right: mapping.plot_x.end,
                    bottom: mapping.plot_y.end,
                };
                let context = format!("{query:?} {size:?}");
                for (i, label) in mapping.labels.iter().enumerate() {
                    let rect = inner(label);
                    assert!(label.rect.within(&plot), "{context}: {label:?}");
                    for line in &lines {
                        for pair in line.windows(2) {
                            assert!(
                                !rect.crosses(pair[0], pair[1]),
                                "{context}: {:?} covers {pair:?}",
                                label.text
                            );
                        }
                    }
                    for other in &mapping.labels[i + 1..] {
                        assert!(
                            !rect.overlaps(&other.rect),
                            "{context}: {label:?} {other:?}"
                        );
                    }
                    checked += 1;
                }
                let shown: Vec<&str> = mapping.labels.iter().map(|l| l.text.as_str()).collect();
                for (long, short) in wanted(Chart::Traded, &s) {
                    assert!(
                        shown.contains(&long.as_str()) || shown.contains(&short.as_str()),
                        "{context}: {long:?} missing from {shown:?}"
                    );
                }
            }
        }
    }
    assert!(checked > 80, "only {checked} labels checked");
}

#[test]
fn the_traded_chart_reads_long_on_a_desktop_and_short_on_a_phone() {
    let s = scenario("");
    let texts = |size| {
        let (_, mapping) = draw(Chart::Traded, &s, size, 1.0);
        mapping
            .labels
            .iter()
            .map(|l| l.text.clone())
            .collect::<Vec<_>>()
    };
    let from = cap_binds_from(&sweep(&s), &s).expect("the default cap binds");
    let here = SweepRow::of(&s);
    let (binds, trade) = (binds_note(from), trade_note(&here));
    assert_eq!(texts(DESKTOP), [binds.long, trade.long]);
    assert_eq!(texts(PHONE), [binds.short, trade.short]);
}
