//! What Microsoft traded: across OpenAI's 2030 revenue, from $20B to $600B with every other
//! input as the reader set it (the model's revenue sweep), what Microsoft is paid over
//! 2026-2035 and its whole economic take, under both terms. Under the old terms its payments
//! keep rising with revenue; under the new ones the cap holds them flat from the revenue where
//! it binds, and only the stake still ties Microsoft to OpenAI's growth. The gap between the
//! take lines is the upside it gave up for a sum it can count on.
//!
//! The terms differ as on the other charts (new solid in Microsoft's colour, old dashed in the
//! old terms' colour), payments and take by marker shape. Markers stand every $100B of
//! revenue, not at each of the 117 swept values, where they would blur into a thick line.
//!
//! The reader's revenue is marked as the selected year is on the year charts, and the presets'
//! revenues are ticked along the top of the plot, where lines rising to the right leave room.
//! Pinned scenarios are ghosts of Microsoft's take under the new terms across their own
//! sweeps: the figure the trade is about, as on the take chart.

use std::ops::Range;

use deal_model::{binds_note, trade_note, InputKey, SweepRow, PRESETS};
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};

use super::callouts::{Obstacles, Rect};
use super::frame::Shape;
use super::frame::{self, Across, Area, Callout, DrawResult, Drawn, Frame, LineLook, Plot};
use super::ghosts;
use super::{Scene, Style, Sweep};

pub const TITLE: &str = "What Microsoft traded: totals 2026–2035";
pub const LEGEND_PAID_NEW: &str = "Paid, new terms";
pub const LEGEND_PAID_OLD: &str = "Paid, old terms";
pub const LEGEND_TAKE_NEW: &str = "Microsoft's take, new terms";
pub const LEGEND_TAKE_OLD: &str = "Microsoft's take, old terms";

/// A marker on each line at every multiple of this many $B of revenue (whole numbers on the
/// sweep's grid, so compared as integers: a float remainder would link `fmod`).
pub const MARKER_EVERY: i64 = 100;

/// The presets' labels are smaller than the chart's other text: they name ticks, not data.
const PRESET_FONT: f64 = 11.0;

/// One line: its legend label, its look, and the sweep's column it plots.
struct Series {
    label: &'static str,
    look: LineLook,
    value: fn(&SweepRow) -> f64,
}

/// The x axis: `r30`'s slider range with room each side, so the end ticks' labels fit.
pub fn revenue_range() -> Range<f64> {
    let input = InputKey::R30.spec();
    let pad = (input.max - input.min) * 0.03;
    (input.min - pad)..(input.max + pad)
}

pub fn draw<DB: DrawingBackend>(area: &Area<DB>, scene: &Scene, style: &Style) -> Drawn<DB> {
    let (ledger, pins, sweeps) = (scene.ledger, scene.pins, scene.sweeps);
    let palette = style.palette();
    let series = |label, colour, dashed, shape, value| Series {
        label,
        look: LineLook {
            colour,
            dashed,
            shape,
        },
        value,
    };
    // Old terms first, so the new terms are drawn on top where the two agree.
    let lines = [
        series(
            LEGEND_PAID_OLD,
            palette.old_terms,
            true,
            Shape::Triangle,
            |row| row.total_paid_old,
        ),
        series(
            LEGEND_TAKE_OLD,
            palette.old_terms,
            true,
            Shape::Circle,
            |row| row.total_take_old,
        ),
        series(
            LEGEND_PAID_NEW,
            palette.microsoft,
            false,
            Shape::Triangle,
            |row| row.total_paid_new,
        ),
        series(
            LEGEND_TAKE_NEW,
            palette.microsoft,
            false,
            Shape::Circle,
            |row| row.total_take_new,
        ),
    ];
    let live: Option<&Sweep> = sweeps.map(|s| &*s.live);
    let rows: &[SweepRow] = live.map_or(&[], |sweep| &sweep.rows);
    let pin_sweeps: &[Sweep] = sweeps.map_or(&[], |s| &s.pins);
    // The reader's own totals, from the ledger the other charts draw.
    let here = sweeps.map(|s| SweepRow::totals(s.r30, ledger));
    // The legend reads new before old, payments before take.
    let ghost_labels = ghosts::labels(pins);
    let order = [2, 0, 3, 1].map(|i| (lines[i].label, lines[i].look));
    let legend = frame::lines_legend(order.into_iter(), &ghost_labels);
    let values = lines
        .iter()
        .flat_map(|line| rows.iter().map(line.value))
        .chain(
            pin_sweeps
                .iter()
                .flat_map(|pin| pin.rows.iter().map(|row| row.total_take_new)),
        );
    // More headroom than the year charts: the presets' ticks hang from the top.
    let values = frame::value_range(values, 0.1);
    let (low, high) = (values.start, values.end);
    let frame = Frame {
        title: TITLE,
        legend: &legend,
        values,
        across: Across::Revenue {
            range: revenue_range(),
            marked: here.map(|row| row.r30),
        },
    };

    frame::draw(area, style, &frame, &mut |chart| {
        let mut obstacles = Obstacles::default();
        if let Some(here) = here {
            obstacles.line(&frame::pixels(chart, &[(here.r30, low), (here.r30, high)]));
        }
        draw_presets(chart, high, style, &mut obstacles)?;
        for (index, pin) in pin_sweeps.iter().take(pins.len()).enumerate() {
            let points = pin
                .rows
                .iter()
                .map(|row| (row.r30, row.total_take_new))
                .collect();
            ghosts::draw_line(chart, points, index, style, &mut obstacles)?;
        }
        for line in &lines {
            let points: Vec<(f64, f64)> = rows
                .iter()
                .map(|row| (row.r30, (line.value)(row)))
                .collect();
            obstacles.line(&frame::pixels(chart, &points));
            let markers: Vec<(f64, f64)> = points
                .iter()
                .copied()
                .filter(|&(r30, _)| r30 as i64 % MARKER_EVERY == 0)
                .collect();
            frame::draw_path(chart.plotting_area(), points, line.look, style)?;
            for &point in &markers {
                frame::draw_marker(chart.plotting_area(), point, line.look, style)?;
            }
            frame::line_obstacle(chart, &markers, style, &mut obstacles);
        }

        // Most important first: where the cap starts to bind, then the reader's trade.
        let mut callouts = Vec::with_capacity(2);
        let binds = live.and_then(|sweep| {
            let from = sweep.binds_from?;
            sweep.rows.iter().find(|row| row.r30 == from)
        });
        if let Some(row) = binds {
            let at = (row.r30, row.total_paid_new);
            chart.draw_series(std::iter::once(Circle::new(
                at,
                style.px(6.0),
                palette.cap.stroke_width(style.px(2.0)),
            )))?;
            callouts.push(Callout {
                at,
                note: binds_note(row.r30),
            });
        }
        if let Some(here) = here {
            // The gap between the takes at the reader's revenue: what Microsoft gave up there.
            let (new, old) = (here.total_take_new, here.total_take_old);
            let gap = vec![(here.r30, new), (here.r30, old)];
            obstacles.line(&frame::pixels(chart, &gap));
            let look = LineLook {
                colour: palette.cap,
                dashed: false,
                shape: Shape::Circle,
            };
            frame::draw_path(chart.plotting_area(), gap, look, style)?;
            callouts.push(Callout {
                at: (here.r30, (new + old) / 2.0),
                note: trade_note(&here),
            });
        }
        frame::draw_callouts(chart, &callouts, &mut obstacles, style)
    })
}

/// A short tick down from the top of the plot at each preset's revenue, named beside it; the
/// chart's labels keep clear of them. Drawn with an element type the labels use, which the
/// wasm already has.
fn draw_presets<DB: DrawingBackend>(
    chart: &mut Plot<'_, DB>,
    top: f64,
    style: &Style,
    obstacles: &mut Obstacles,
) -> DrawResult<(), DB> {
    let palette = style.palette();
    let font = frame::text(style, PRESET_FONT).pos(Pos::new(HPos::Left, VPos::Top));
    let tick = style.px(6.0) as i32;
    let gap = style.px(3.0) as i32;
    for preset in PRESETS {
        let at = (preset.r30, top);
        let (x, y) = chart.plotting_area().map_coordinate(&at);
        let (width, height) = chart
            .plotting_area()
            .estimate_text_size(preset.label, &font)?;
        chart.draw_series(std::iter::once(
            EmptyElement::at(at)
                + PathElement::new(
                    vec![(0, 0), (0, tick)],
                    palette.axis.stroke_width(style.px(1.0)),
                ),
        ))?;
        // In the plot's own pixels, as the frame draws its title.
        let (xs, ys) = chart.plotting_area().get_pixel_range();
        chart.plotting_area().strip_coord_spec().draw(&Text::new(
            preset.label,
            (x - xs.start + gap, y - ys.start + gap),
            font.clone(),
        ))?;
        obstacles.rect(Rect {
            left: x,
            top: y,
            right: x + gap + width as i32,
            bottom: y + (gap + height as i32).max(tick),
        });
    }
    Ok(())
}
