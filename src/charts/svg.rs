//! A chart as a standalone SVG file, drawn by the very code that draws the canvas, so a
//! reader's download shows what the page showed.

use deal_model::Ledger;
use plotters::prelude::{IntoDrawingArea, SVGBackend};

use super::{Chart, Style, Theme};

/// plotters' SVG backend writes every `font-size` divided by this (the canvas backend does
/// not), so exported text would come out a fifth smaller than on screen. The layout is
/// computed at the true size either way, hence the fix is on the written numbers only.
const SVG_FONT_SHRINK: f64 = 1.24;

/// Largest side in pixels: a file, not a poster, and a bound on a hostile size.
const MAX_SIDE: u32 = 4096;

/// The chart at `width` x `height` CSS pixels (scale 1: SVG scales itself), with an XML
/// prolog so the file opens on its own. An error is a sentence for the reader.
pub fn chart_svg(
    chart: Chart,
    ledger: &Ledger,
    cap: f64,
    selected_year: i32,
    theme: Theme,
    (width, height): (u32, u32),
) -> Result<String, String> {
    let size = (width.clamp(1, MAX_SIDE), height.clamp(1, MAX_SIDE));
    let style = Style::new(1.0, theme);
    let mut body = String::new();
    {
        let area = SVGBackend::with_string(&mut body, size).into_drawing_area();
        chart
            .draw(&area, ledger, cap, selected_year, &style)
            .map_err(|err| format!("The {} chart could not be drawn: {err}", chart.slug()))?;
        area.present()
            .map_err(|err| format!("The {} chart could not be written: {err}", chart.slug()))?;
    }
    Ok(format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n{}",
        true_font_sizes(&body)
    ))
}

/// Undoes the SVG backend's shrinking of `font-size` attributes. Text content cannot match:
/// the backend escapes its quotes.
fn true_font_sizes(svg: &str) -> String {
    const ATTRIBUTE: &str = " font-size=\"";
    let mut out = String::with_capacity(svg.len());
    let mut rest = svg;
    while let Some(at) = rest.find(ATTRIBUTE) {
        let (before, after) = rest.split_at(at + ATTRIBUTE.len());
        out.push_str(before);
        let end = after.find('"').unwrap_or(after.len());
        let (number, tail) = after.split_at(end);
        match number.parse::<f64>() {
            Ok(size) => {
                // Rounded to hundredths, so 15 comes back as 15 and not 14.999999999999998.
                let size = (size * SVG_FONT_SHRINK * 100.0).round() / 100.0;
                out.push_str(&size.to_string());
            }
            Err(_) => out.push_str(number),
        }
        rest = tail;
    }
    out.push_str(rest);
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use deal_model::Scenario;

    fn font_sizes(svg: &str) -> Vec<f64> {
        svg.split(" font-size=\"")
            .skip(1)
            .filter_map(|rest| rest.split('"').next())
            .filter_map(|number| number.parse().ok())
            .collect()
    }

    #[test]
    fn text_has_the_sizes_the_canvas_uses() {
        let ledger = Ledger::compute(&Scenario::default());
        let svg = chart_svg(Chart::Cap, &ledger, 38.0, 2030, Theme::Light, (800, 450))
            .expect("the chart draws");
        let sizes = font_sizes(&svg);
        assert!(!sizes.is_empty(), "the chart has text");
        // The frame's fonts are 11 to 15 CSS pixels.
        for size in sizes {
            assert!((11.0..=15.0).contains(&size), "font-size {size}");
        }
    }

    #[test]
    fn the_file_opens_on_its_own_at_the_size_asked() {
        let ledger = Ledger::compute(&Scenario::default());
        let svg = chart_svg(Chart::Take, &ledger, 38.0, 2030, Theme::Dark, (640, 360))
            .expect("the chart draws");
        assert!(svg.starts_with("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<svg "));
        assert!(svg.contains(" width=\"640\" height=\"360\" "), "{svg:.200}");
        assert!(svg.contains("xmlns=\"http://www.w3.org/2000/svg\""));
        assert!(svg.contains(Chart::Take.title()));
        assert!(svg.trim_end().ends_with("</svg>"));
    }

    #[test]
    fn a_zero_or_huge_size_still_gives_a_file() {
        let ledger = Ledger::compute(&Scenario::default());
        for size in [(0, 0), (u32::MAX, u32::MAX)] {
            let svg = chart_svg(Chart::Revenue, &ledger, 38.0, 2030, Theme::Light, size);
            assert!(svg.is_ok(), "{size:?}: {svg:?}");
        }
    }

    #[test]
    fn only_font_sizes_change() {
        let svg = "<text x=\"1\" font-size=\"12.096774193548388\" y=\"2\">a font-size=&quot;9&quot;</text>";
        assert_eq!(
            true_font_sizes(svg),
            "<text x=\"1\" font-size=\"15\" y=\"2\">a font-size=&quot;9&quot;</text>"
        );
    }
}
