//! Who gets paid each year: OpenAI's payment to Microsoft under the new, capped terms, with the
//! old terms beside it. Filled bars against hollow ones, so the two stay apart without colour.

use deal_model::{format::money_b, Ledger, FIRST_YEAR, LAST_YEAR};
use plotters::coord::Shift;
use plotters::prelude::*;

use super::{Mapping, Style};

pub const TITLE: &str = "Yearly payments from OpenAI to Microsoft";
pub const LEGEND_NEW: &str = "New terms (capped)";
pub const LEGEND_OLD: &str = "Old terms";

/// Below this many CSS pixels of width, year labels shorten to `'27` so ten of them still fit.
const NARROW_WIDTH: f64 = 480.0;

pub fn draw<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    ledger: &Ledger,
    selected_year: i32,
    style: &Style,
) -> Result<Mapping, DrawingAreaErrorKind<DB::ErrorType>> {
    let palette = style.palette();
    area.fill(&palette.background)?;

    let (width, _) = area.dim_in_pixel();
    let narrow = f64::from(width) / style.scale < NARROW_WIDTH;
    let text = |size: f64| {
        ("sans-serif", style.font_size(size))
            .into_font()
            .color(&palette.text)
    };

    let (low, high) = value_range(ledger);
    let years = (f64::from(FIRST_YEAR) - 0.5)..(f64::from(LAST_YEAR) + 0.5);
    let mut chart = ChartBuilder::on(area)
        .caption(TITLE, text(15.0))
        .margin(style.px(10.0))
        .x_label_area_size(style.px(26.0))
        .y_label_area_size(style.px(if narrow { 44.0 } else { 56.0 }))
        .build_cartesian_2d(years, low..high)?;

    chart
        .configure_mesh()
        .disable_x_mesh()
        .x_labels((LAST_YEAR - FIRST_YEAR + 1) as usize)
        .x_label_formatter(&|x| year_label(*x, narrow))
        .y_labels(6)
        .y_label_formatter(&|y| money_b(*y))
        .label_style(text(12.0))
        .axis_style(palette.axis)
        .light_line_style(palette.grid)
        .bold_line_style(palette.grid)
        .draw()?;

    let year = f64::from(selected_year.clamp(FIRST_YEAR, LAST_YEAR));
    chart.draw_series(std::iter::once(Rectangle::new(
        [(year - 0.5, low), (year + 0.5, high)],
        palette.highlight.filled(),
    )))?;

    let new_colour = palette.microsoft;
    chart
        .draw_series(ledger.rows.iter().map(|row| {
            let x = f64::from(row.year);
            Rectangle::new(
                [(x - 0.32, 0.0), (x + 0.32, row.share_new)],
                new_colour.filled(),
            )
        }))?
        .label(LEGEND_NEW)
        .legend(move |(x, y)| Rectangle::new([(x, y - 5), (x + 10, y + 5)], new_colour.filled()));

    let old_style = palette.old_terms.stroke_width(style.px(2.0));
    chart
        .draw_series(ledger.rows.iter().map(|row| {
            let x = f64::from(row.year);
            Rectangle::new([(x - 0.4, 0.0), (x + 0.4, row.share_old)], old_style)
        }))?
        .label(LEGEND_OLD)
        .legend(move |(x, y)| Rectangle::new([(x, y - 5), (x + 10, y + 5)], old_style));

    chart
        .configure_series_labels()
        .position(SeriesLabelPosition::UpperLeft)
        .label_font(text(12.0))
        .background_style(palette.background.mix(0.9))
        .border_style(palette.grid)
        .draw()?;

    let (plot_x, _) = chart.plotting_area().get_pixel_range();
    Ok(Mapping {
        plot_x,
        first_year: FIRST_YEAR,
        last_year: LAST_YEAR,
    })
}

/// The y range: always includes zero, leaves headroom for the legend, and never collapses
/// to nothing when every payment is zero (a cap of $0B).
fn value_range(ledger: &Ledger) -> (f64, f64) {
    let values = ledger
        .rows
        .iter()
        .flat_map(|row| [row.share_new, row.share_old]);
    let (low, high) = values
        .filter(|v| v.is_finite())
        .fold((0.0_f64, 0.0_f64), |(lo, hi), v| (lo.min(v), hi.max(v)));
    let high = if high > 0.0 { high * 1.25 } else { 1.0 };
    let low = if low < 0.0 { low * 1.15 } else { 0.0 };
    (low, high)
}

fn year_label(x: f64, narrow: bool) -> String {
    let year = x.round() as i32;
    if (x - f64::from(year)).abs() > 0.01 {
        String::new()
    } else if narrow {
        format!("'{:02}", year % 100)
    } else {
        year.to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn year_labels_shorten_on_narrow_charts_and_skip_fractions() {
        assert_eq!(year_label(2027.0, false), "2027");
        assert_eq!(year_label(2027.0, true), "'27");
        assert_eq!(year_label(2026.5, false), "");
    }
}
