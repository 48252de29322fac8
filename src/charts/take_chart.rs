//! Economic take: what each side gets in a year, the payment plus its share of OpenAI's profit
//! (or loss), under the new and the old terms. Microsoft and the other owners differ in colour
//! and marker shape; the new terms are solid lines with filled markers, the old dashed with
//! hollow ones. Takes are negative while OpenAI loses money, so zero is always in view.
//!
//! Pinned scenarios are ghosts of Microsoft's take under the new terms: the side whose take
//! the deal changes most, and one line per pin keeps the chart readable.

use deal_model::columns;
use deal_model::milestones::take_falls_below_note;
use deal_model::{Milestones, YearRow};
use plotters::prelude::*;

use super::callouts::Obstacles;
use super::frame::{self, Area, Callout, Drawn, Frame, LineLook, Shape};
use super::ghosts;
use super::{Scene, Style};

pub const TITLE: &str = "Economic take: payment plus share of profit";
pub const LEGEND_MICROSOFT_NEW: &str = columns::MICROSOFT_TAKE_NEW.label;
pub const LEGEND_MICROSOFT_OLD: &str = columns::MICROSOFT_TAKE_OLD.label;
pub const LEGEND_OTHERS_NEW: &str = columns::OTHERS_TAKE_NEW.label;
pub const LEGEND_OTHERS_OLD: &str = columns::OTHERS_TAKE_OLD.label;

/// One line of the chart: its legend label, its look, and the ledger column it plots.
struct Series {
    label: &'static str,
    look: LineLook,
    take: fn(&YearRow) -> f64,
}

pub fn draw<DB: DrawingBackend>(area: &Area<DB>, scene: &Scene, style: &Style) -> Drawn<DB> {
    let (ledger, selected_year) = (scene.ledger, scene.selected_year);
    let (bands, pins) = (scene.bands, scene.pins);
    // With uncertainty on, the spread of Microsoft's take across paths under each terms: the
    // figure the reader came for. The other owners' bands would hide the lines.
    let band = bands.map(|e| &e.microsoft_take_new);
    let old_band = bands.map(|e| &e.microsoft_take_old);
    let palette = style.palette();
    let series = |label, colour, dashed, shape, take| Series {
        label,
        look: LineLook {
            colour,
            dashed,
            shape,
        },
        take,
    };
    // Old terms first, so the new terms are drawn on top where the two agree.
    let lines = [
        series(
            LEGEND_MICROSOFT_OLD,
            palette.microsoft,
            true,
            Shape::Circle,
            |row| row.microsoft_take_old,
        ),
        series(
            LEGEND_OTHERS_OLD,
            palette.others,
            true,
            Shape::Triangle,
            |row| row.others_take_old,
        ),
        series(
            LEGEND_MICROSOFT_NEW,
            palette.microsoft,
            false,
            Shape::Circle,
            |row| row.microsoft_take_new,
        ),
        series(
            LEGEND_OTHERS_NEW,
            palette.others,
            false,
            Shape::Triangle,
            |row| row.others_take_new,
        ),
    ];
    // The legend reads new before old, Microsoft before the others.
    let ghost_labels = ghosts::labels(pins);
    let ghost_value = super::Chart::Take.ghost_value();
    let order = [2, 0, 3, 1].map(|i| (lines[i].label, lines[i].look));
    let mut legend = frame::lines_legend(order.into_iter(), &ghost_labels);
    if band.is_some() {
        legend.extend(frame::band_legend(&palette));
    }
    let values = lines
        .iter()
        .flat_map(|line| ledger.rows.iter().map(line.take))
        .chain(
            band.into_iter()
                .chain(old_band)
                .flat_map(frame::band_values),
        )
        .chain(ghosts::values(pins, ghost_value));
    let frame = Frame::over_years(
        TITLE,
        &legend,
        frame::value_range(values, 0.06),
        selected_year,
    );

    frame::draw(area, style, &frame, &mut |chart| {
        let mut obstacles = Obstacles::default();
        if let Some(old_band) = old_band {
            frame::draw_band(chart, old_band, palette.old_terms, style, &mut obstacles)?;
        }
        if let Some(band) = band {
            frame::draw_band(chart, band, palette.microsoft, style, &mut obstacles)?;
        }
        ghosts::draw(chart, pins, ghost_value, style, &mut obstacles)?;
        for line in &lines {
            let points: Vec<(f64, f64)> = ledger
                .rows
                .iter()
                .map(|row| (f64::from(row.year), (line.take)(row)))
                .collect();
            frame::draw_line(chart, &points, line.look, style)?;
            frame::line_obstacle(chart, &points, style, &mut obstacles);
        }
        let milestones = Milestones::of(ledger);
        let callouts: Vec<Callout> = take_falls_below_note(&milestones)
            .into_iter()
            .filter_map(|note| {
                let row = ledger.row(milestones.take_falls_below?)?;
                Some(Callout {
                    at: (f64::from(row.year), row.microsoft_take_new),
                    note,
                })
            })
            .collect();
        frame::draw_callouts(chart, &callouts, &mut obstacles, style)
    })
}
