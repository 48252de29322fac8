//! Who gets OpenAI's revenue each year: a bar per year split into Microsoft's payment under the
//! new, capped terms (bottom) and what OpenAI keeps (top), with the old terms' payment beside
//! it as a hollow bar, so the two terms stay apart without colour. Under the old terms the net
//! payment is negative when Microsoft's reverse share exceeds the rate; the hollow bar then
//! hangs below zero.
//!
//! Pinned scenarios are ghosts of their revenue, a line across the bars' tops. Not their
//! payment to Microsoft: on this chart's scale, set by revenue, payments of a few $B hug the
//! axis and their lines would be unreadable, and the cap chart and the take chart already draw
//! what each pin pays and what Microsoft takes. The revenue path is what pins differ in most
//! (presets change nothing else), and a ghost above or below the bars shows it at a glance.

use deal_model::columns;
use deal_model::milestones::payment_end_notes;
use deal_model::{Milestones, Terms};
use plotters::prelude::*;

use super::callouts::{Obstacles, Rect};
use super::frame::{self, Area, Callout, Drawn, Frame, LegendEntry, Swatch};
use super::ghosts;
use super::{Scene, Style};

pub const TITLE: &str = "Who gets OpenAI's revenue";
pub const LEGEND_PAYMENT_NEW: &str = columns::SHARE_NEW.label;
pub const LEGEND_KEPT_NEW: &str = columns::OPENAI_KEPT_NEW.label;
pub const LEGEND_PAYMENT_OLD: &str = columns::SHARE_OLD.label;

/// Horizontal extents within a year's slot (slot = year - 0.5 .. year + 0.5): the stacked
/// new-terms bar on the left, the hollow old-terms bar on the right.
const NEW_BAR: (f64, f64) = (-0.38, 0.06);
const OLD_BAR: (f64, f64) = (0.1, 0.36);

pub fn draw<DB: DrawingBackend>(area: &Area<DB>, scene: &Scene, style: &Style) -> Drawn<DB> {
    let (ledger, selected_year, pins) = (scene.ledger, scene.selected_year, scene.pins);
    let palette = style.palette();
    let ghost_labels = ghosts::labels(pins);
    let ghost_value = super::Chart::Revenue.ghost_value();
    let mut legend = vec![
        LegendEntry {
            label: LEGEND_PAYMENT_NEW,
            swatch: Swatch::Bar(palette.microsoft),
        },
        LegendEntry {
            label: LEGEND_KEPT_NEW,
            swatch: Swatch::Bar(palette.openai),
        },
        LegendEntry {
            label: LEGEND_PAYMENT_OLD,
            swatch: Swatch::HollowBar(palette.old_terms),
        },
    ];
    legend.extend(ghosts::legend(&ghost_labels));
    let values = ledger
        .rows
        .iter()
        .flat_map(|row| [row.share_new + row.openai_kept_new, row.share_old])
        .chain(ghosts::values(pins, ghost_value));
    let frame = Frame::over_years(
        TITLE,
        &legend,
        frame::value_range(values, 0.06),
        selected_year,
    );

    frame::draw(area, style, &frame, &mut |chart| {
        let bar = |x: f64, (left, right): (f64, f64), from: f64, to: f64| {
            [(x + left, from), (x + right, to)]
        };
        let mut obstacles = Obstacles::default();
        for row in &ledger.rows {
            let x = f64::from(row.year);
            let top = row.share_new + row.openai_kept_new;
            for corners in [
                bar(x, NEW_BAR, 0.0, top),
                bar(x, OLD_BAR, 0.0, row.share_old),
            ] {
                let pixels = frame::pixels(chart, &corners);
                if let [(x0, y0), (x1, y1)] = pixels[..] {
                    obstacles.rect(Rect {
                        left: x0.min(x1),
                        top: y0.min(y1),
                        right: x0.max(x1),
                        bottom: y0.max(y1),
                    });
                }
            }
            if row.share_new > 0.0 {
                chart.draw_series(std::iter::once(Rectangle::new(
                    bar(x, NEW_BAR, 0.0, row.share_new),
                    palette.microsoft.filled(),
                )))?;
            }
            if row.openai_kept_new > 0.0 {
                chart.draw_series(std::iter::once(Rectangle::new(
                    bar(x, NEW_BAR, row.share_new, top),
                    palette.openai.filled(),
                )))?;
            }
            // A hairline of background between the two parts, so they read apart in
            // greyscale too.
            if row.share_new > 0.0 && row.openai_kept_new > 0.0 {
                chart.draw_series(std::iter::once(PathElement::new(
                    vec![
                        (x + NEW_BAR.0, row.share_new),
                        (x + NEW_BAR.1, row.share_new),
                    ],
                    palette.background.stroke_width(style.px(1.0)),
                )))?;
            }
            if row.share_old != 0.0 {
                chart.draw_series(std::iter::once(PathElement::new(
                    frame::outline(bar(x, OLD_BAR, 0.0, row.share_old)),
                    palette.old_terms.stroke_width(style.px(1.5)),
                )))?;
            }
        }
        // Over the bars, unlike the lines of the other charts: behind them it would hide
        // wherever it runs below a bar's top.
        ghosts::draw(chart, pins, ghost_value, style, &mut obstacles)?;
        // Each label stands on the last bar of its terms.
        let callouts: Vec<Callout> = payment_end_notes(&Milestones::of(ledger))
            .into_iter()
            .filter_map(|(terms, year, note)| {
                let row = ledger.row(year)?;
                let x = f64::from(year);
                let at = match terms {
                    Terms::Old => (x + (OLD_BAR.0 + OLD_BAR.1) / 2.0, row.share_old),
                    Terms::New | Terms::Both => (
                        x + (NEW_BAR.0 + NEW_BAR.1) / 2.0,
                        row.share_new + row.openai_kept_new,
                    ),
                };
                Some(Callout { at, note })
            })
            .collect();
        frame::draw_callouts(chart, &callouts, &mut obstacles, style)
    })
}
