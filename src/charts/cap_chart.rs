//! The cap: what OpenAI has paid Microsoft in total, year by year, under the new terms (which
//! stop at the cap) and the old ones, with the gap between them shaded: what the new terms
//! save OpenAI. The cap is a dashed line, and the year it is reached is marked.
//!
//! The y range takes in the cap line only when the cap is at most [`CAP_IN_VIEW`] times the
//! largest cumulative payment, or when nothing is paid at all; a cap far above the payments
//! would flatten the lines into the axis, so then the chart keeps the payments' scale and says
//! in a note that the cap lies above it.
//!
//! Pinned scenarios are ghosts of their cumulative payments under the new terms: where each
//! pin's payments flatten is where its cap binds, the question this chart answers. The y range
//! takes them in, so a pin far above the live scenario is never cut off.

use deal_model::columns;
use deal_model::milestones::cap_note;
use deal_model::{format::money_b, Milestones, Note, FIRST_YEAR, LAST_YEAR};
use plotters::prelude::*;

use super::callouts::Obstacles;
use super::frame::{self, Area, Callout, Drawn, Frame, LegendEntry, LineLook, Shape, Swatch};
use super::ghosts;
use super::{Scene, Style};

pub const TITLE: &str = "The cap: cumulative payments";
pub const LEGEND_NEW: &str = columns::CUMULATIVE_NEW.label;
pub const LEGEND_OLD: &str = columns::CUMULATIVE_OLD.label;
pub const LEGEND_SAVING: &str = "Saving to OpenAI";

/// How far above the largest cumulative payment the cap may lie and still be drawn to scale.
pub const CAP_IN_VIEW: f64 = 1.5;

/// The cap line's label, e.g. "Cap $38B".
pub fn cap_label(cap: f64) -> String {
    format!("Cap {}", money_b(cap))
}

/// The note that replaces the cap line when the cap is off the scale.
pub fn cap_above_label(cap: f64) -> String {
    format!("{} is above this scale", cap_label(cap))
}

pub fn draw<DB: DrawingBackend>(area: &Area<DB>, scene: &Scene, style: &Style) -> Drawn<DB> {
    let (ledger, cap, selected_year) = (scene.ledger, scene.cap, scene.selected_year);
    let (bands, pins) = (scene.bands, scene.pins);
    // With uncertainty on, the spread of cumulative payments across paths under each terms:
    // the new terms' held under the cap, the old terms' widening with revenue.
    let band = bands.map(|e| &e.cumulative_new);
    let old_band = bands.map(|e| &e.cumulative_old);
    let palette = style.palette();
    let new_look = LineLook {
        colour: palette.microsoft,
        dashed: false,
        shape: Shape::Circle,
    };
    let old_look = LineLook {
        colour: palette.old_terms,
        dashed: true,
        shape: Shape::Triangle,
    };
    let shade = palette.old_terms.mix(0.22);
    let ghost_labels = ghosts::labels(pins);
    let mut legend = vec![
        LegendEntry {
            label: LEGEND_NEW,
            swatch: Swatch::Line(new_look),
        },
        LegendEntry {
            label: LEGEND_OLD,
            swatch: Swatch::Line(old_look),
        },
        LegendEntry {
            label: LEGEND_SAVING,
            swatch: Swatch::Shade(shade),
        },
    ];
    if band.is_some() {
        legend.extend(frame::band_legend(&palette));
    }
    legend.extend(ghosts::legend(&ghost_labels));
    let ghost_value = super::Chart::Cap.ghost_value();

    let new_points: Vec<(f64, f64)> = ledger
        .rows
        .iter()
        .map(|row| (f64::from(row.year), row.cumulative_new))
        .collect();
    let old_points: Vec<(f64, f64)> = ledger
        .rows
        .iter()
        .map(|row| (f64::from(row.year), row.cumulative_old))
        .collect();
    let band_values = || {
        band.into_iter()
            .chain(old_band)
            .flat_map(frame::band_values)
    };
    let largest = new_points
        .iter()
        .chain(&old_points)
        .map(|&(_, y)| y)
        .chain(ghosts::values(pins, ghost_value))
        .map(f64::abs)
        .chain(band_values().map(f64::abs))
        .fold(0.0_f64, f64::max);
    let cap = if cap.is_finite() { cap.max(0.0) } else { 0.0 };
    let cap_in_view = cap <= largest * CAP_IN_VIEW || largest < 1e-9;
    let data = new_points
        .iter()
        .chain(&old_points)
        .map(|&(_, y)| y)
        .chain(band_values())
        .chain(ghosts::values(pins, ghost_value));
    // More headroom than the other charts: the cap's label sits above its line.
    let values = if cap_in_view {
        frame::value_range(data.chain([cap]), 0.1)
    } else {
        frame::value_range(data, 0.1)
    };
    let (low, high) = (values.start, values.end);
    let frame = Frame::over_years(TITLE, &legend, values, selected_year);
    let first = f64::from(FIRST_YEAR) - 0.5;
    let last = f64::from(LAST_YEAR) + 0.5;

    frame::draw(area, style, &frame, &mut |chart| {
        let mut obstacles = Obstacles::default();
        if let Some(old_band) = old_band {
            frame::draw_band(chart, old_band, palette.old_terms, style, &mut obstacles)?;
        }
        if let Some(band) = band {
            frame::draw_band(chart, band, palette.microsoft, style, &mut obstacles)?;
        }
        ghosts::draw(chart, pins, ghost_value, style, &mut obstacles)?;
        let mut between = new_points.clone();
        between.extend(old_points.iter().rev());
        chart.draw_series(std::iter::once(Polygon::new(between, shade.filled())))?;
        frame::draw_line(chart, &old_points, old_look, style)?;
        frame::draw_line(chart, &new_points, new_look, style)?;

        frame::line_obstacle(chart, &old_points, style, &mut obstacles);
        frame::line_obstacle(chart, &new_points, style, &mut obstacles);

        let cap_look = LineLook {
            colour: palette.cap,
            dashed: true,
            shape: Shape::Circle,
        };
        // Most important first: the cap's own label, then the year it is reached.
        let mut callouts = Vec::with_capacity(3);
        if cap_in_view {
            // Over the data, thinner than the lines: where the new-terms line runs along the
            // cap, both stay visible.
            let line = vec![(first, cap), (last, cap)];
            obstacles.line(&frame::pixels(chart, &line));
            frame::draw_path(chart.plotting_area(), line, cap_look, style)?;
            callouts.push(Callout {
                at: (last, cap),
                note: Note {
                    long: cap_label(cap),
                    short: money_b(cap),
                },
            });
        } else {
            callouts.push(Callout {
                at: (first, high),
                note: Note {
                    long: cap_above_label(cap),
                    short: cap_label(cap) + " above",
                },
            });
        }

        let milestones = Milestones::of(ledger);
        if let (Some(year), Some(note)) = (milestones.cap_year, cap_note(&milestones)) {
            let reached = ledger.row(year).map_or(cap, |row| row.cumulative_new);
            let x = f64::from(year);
            let upright = vec![(x, low), (x, high)];
            obstacles.line(&frame::pixels(chart, &upright));
            frame::draw_path(chart.plotting_area(), upright, cap_look, style)?;
            chart.draw_series(std::iter::once(Circle::new(
                (x, reached),
                style.px(6.0),
                palette.cap.stroke_width(style.px(2.0)),
            )))?;
            callouts.push(Callout {
                at: (x, reached),
                note,
            });
        }
        frame::draw_callouts(chart, &callouts, &mut obstacles, style)
    })
}
