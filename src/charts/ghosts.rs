//! Pinned scenarios drawn as ghosts: a thin line per pin in one muted colour, behind the live
//! series, told apart by dash pattern (dotted, dashed, long dashes) rather than by colour, and
//! named in the legend, where there is always room for a name, rather than at the line's end,
//! where it would fight the live series' annotations for space.

use deal_model::{YearRow, MAX_PINS};
use plotters::element::DashedPathElement;
use plotters::prelude::*;

use super::callouts::Obstacles;
use super::frame::{self, LegendEntry, Plot, Swatch};
use super::{Ghost, Style};

/// Dash and gap in CSS pixels, one pattern per pin position. The live old-terms lines are
/// dashed 6/4 in colour with markers; none of these matches them.
/// The legend's 22 px swatch shows at least one gap of each.
const PATTERNS: [(f64, f64); MAX_PINS] = [(2.0, 3.0), (6.0, 5.0), (14.0, 4.0)];

/// Thinner than the live lines (2 px), so the live scenario stays in front.
const STROKE: f64 = 1.5;

/// The legend's words for a pin: the reader's name, marked as a pin so it never reads as one
/// of the chart's own series.
pub fn legend_label(name: &str) -> String {
    format!("{name} (pinned)")
}

/// The legend labels of the pins, owned here so that the legend entries can borrow them.
pub(super) fn labels(pins: &[Ghost]) -> Vec<String> {
    pins.iter().map(|pin| legend_label(&pin.label)).collect()
}

/// One legend entry per pin, after the chart's own.
pub(super) fn legend(labels: &[String]) -> impl Iterator<Item = LegendEntry<'_>> {
    labels.iter().enumerate().map(|(index, label)| LegendEntry {
        label,
        swatch: Swatch::Ghost(index),
    })
}

/// Every value the ghosts plot, for the chart's y range.
pub(super) fn values(pins: &[Ghost], value: fn(&YearRow) -> f64) -> impl Iterator<Item = f64> + '_ {
    pins.iter()
        .flat_map(move |pin| pin.ledger.rows.iter().map(value))
}

/// Draws each pin's line of `value` by year; call before the live series so they cover it.
/// The lines become obstacles: the chart's labels keep off them as off the live data.
pub(super) fn draw<DB: DrawingBackend>(
    chart: &mut Plot<'_, DB>,
    pins: &[Ghost],
    value: fn(&YearRow) -> f64,
    style: &Style,
    obstacles: &mut Obstacles,
) -> Result<(), DrawingAreaErrorKind<DB::ErrorType>> {
    for (index, pin) in pins.iter().enumerate() {
        let points: Vec<(f64, f64)> = pin
            .ledger
            .rows
            .iter()
            .map(|row| (f64::from(row.year), value(row)))
            .collect();
        draw_line(chart, points, index, style, obstacles)?;
    }
    Ok(())
}

/// Draws one pin's line through `points` in the pattern of its position `index`, and makes it
/// an obstacle: for charts whose ghosts are not a ledger column by year.
pub(super) fn draw_line<DB: DrawingBackend>(
    chart: &mut Plot<'_, DB>,
    mut points: Vec<(f64, f64)>,
    index: usize,
    style: &Style,
    obstacles: &mut Obstacles,
) -> Result<(), DrawingAreaErrorKind<DB::ErrorType>> {
    points.retain(|(_, y)| y.is_finite());
    obstacles.line(&frame::pixels(chart, &points));
    draw_path(chart.plotting_area(), points, index, style)
}

/// A ghost's line in the pattern of its position, on any coordinate system (the legend's
/// swatch uses pixels).
pub(super) fn draw_path<DB: DrawingBackend, CT: CoordTranslate>(
    area: &DrawingArea<DB, CT>,
    points: Vec<CT::From>,
    index: usize,
    style: &Style,
) -> Result<(), DrawingAreaErrorKind<DB::ErrorType>>
where
    CT::From: Clone,
{
    let (dash, gap) = PATTERNS[index % PATTERNS.len()];
    area.draw(&DashedPathElement::new(
        points,
        style.px(dash),
        style.px(gap),
        style.palette().ghost.stroke_width(style.px(STROKE)),
    ))
}
