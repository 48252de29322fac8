//! Files a reader takes away: the ledger as CSV, each chart as PNG or SVG. The browser saves
//! them through a temporary `<a download>`; every failure becomes a sentence for the reader,
//! never a panic, since a sandboxed frame or a locked-down browser may refuse any step.

use js_sys::{Array, Promise};
use plotters::prelude::IntoDrawingArea;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;
use web_sys::{Blob, BlobPropertyBag, HtmlAnchorElement, HtmlCanvasElement, Url};

use super::chart_surface::ChartSurface;
use crate::charts::{Chart, Scene, Style, Theme};

pub const CSV_MIME: &str = "text/csv;charset=utf-8";
pub const SVG_MIME: &str = "image/svg+xml;charset=utf-8";
pub const PNG_MIME: &str = "image/png";

/// Largest side of an SVG in pixels: a file, not a poster, and a bound on a hostile size.
const MAX_SIDE: u32 = 4096;

const XML_PROLOG: &str = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n";

/// Used when the canvas has no layout size to copy (hidden, or not yet drawn).
pub const FALLBACK_SIZE: (u32, u32) = (800, 450);

/// Some browsers start reading the object URL only after the click has returned; revoking
/// it at once can cancel the download there.
const REVOKE_AFTER_MS: u32 = 10_000;

/// What to save: text we made, or a blob the browser made (a canvas's PNG).
pub enum Payload<'a> {
    Text(&'a str),
    Blob(&'a Blob),
}

/// Saves `payload` as `file_name`; `mime` types text, a blob keeps its own type. A sandboxed
/// iframe without `allow-downloads` drops the download without telling the page, so `Ok`
/// means "asked the browser", not "saved".
pub fn download(file_name: &str, mime: &str, payload: Payload<'_>) -> Result<(), String> {
    let made;
    let blob = match payload {
        Payload::Blob(blob) => blob,
        Payload::Text(text) => {
            made = text_blob(text, mime)?;
            &made
        }
    };
    let url = Url::create_object_url_with_blob(blob)
        .map_err(|err| refused("could not be prepared", &err))?;
    let clicked = click_link(&url, file_name);
    revoke_later(url);
    clicked
}

/// The chart as drawn on screen, at the screen's pixel ratio: the canvas's backing store is
/// already that size.
pub async fn chart_png(canvas: &HtmlCanvasElement) -> Result<Blob, String> {
    let canvas = canvas.clone();
    let promise = Promise::new(&mut |resolve, reject| {
        if let Err(err) = canvas.to_blob_with_type(&resolve, PNG_MIME) {
            let _ = reject.call1(&JsValue::NULL, &err);
        }
    });
    let blob = JsFuture::from(promise)
        .await
        .map_err(|err| refused("could not be made into a picture", &err))?;
    // `toBlob` hands over null when the canvas is empty (zero-sized).
    blob.dyn_into::<Blob>()
        .map_err(|_| "The chart has no picture yet; try again once it is drawn.".to_string())
}

/// The chart as SVG at its CSS size (scale 1: SVG scales itself), drawn by the code that
/// drew the canvas, with an XML prolog so the file opens on its own.
pub fn chart_svg(
    chart: Chart,
    scene: &Scene,
    theme: Theme,
    css_width: u32,
    css_height: u32,
) -> Result<String, String> {
    let size = (css_width.clamp(1, MAX_SIDE), css_height.clamp(1, MAX_SIDE));
    let failed = |err: &dyn std::fmt::Display| {
        format!("The chart “{}” could not be drawn ({err}).", chart.title())
    };
    let mut body = String::new();
    {
        let area = ChartSurface::svg(&mut body, size).into_drawing_area();
        chart
            .draw(&area, scene, &Style::new(1.0, theme))
            .map_err(|err| failed(&err))?;
        area.present().map_err(|err| failed(&err))?;
    }
    Ok(format!("{XML_PROLOG}{body}"))
}

/// The one-file page with `<meta name="deal-explorer-scenario" content="query">` right after
/// its opening `<head>` tag (the build writes it bare), so the copy opens on that scenario. A page without a `<head>` tag
/// is not the explorer's one file, and says so rather than saving something that will not work.
pub fn with_scenario_meta(html: &str, query: &str) -> Result<String, String> {
    const HEAD: &str = "<head>";
    let at = html
        .find(HEAD)
        .ok_or("The one-file version has no <head> tag to put the scenario in.")?
        + HEAD.len();
    // Inside a double-quoted attribute only `&` and `"` need escaping.
    let content = query.replace('&', "&amp;").replace('"', "&quot;");
    Ok(format!(
        "{}\n    <meta name=\"deal-explorer-scenario\" content=\"{content}\" />{}",
        &html[..at],
        &html[at..]
    ))
}

/// The CSS size of a chart's canvas, for an SVG that matches what the reader sees.
pub fn css_size(canvas: Option<&HtmlCanvasElement>) -> (u32, u32) {
    canvas
        .map(|c| (c.client_width(), c.client_height()))
        .filter(|&(w, h)| w > 0 && h > 0)
        .map_or(FALLBACK_SIZE, |(w, h)| (w.unsigned_abs(), h.unsigned_abs()))
}

fn text_blob(text: &str, mime: &str) -> Result<Blob, String> {
    let options = BlobPropertyBag::new();
    options.set_type(mime);
    let parts = Array::of1(&JsValue::from_str(text));
    Blob::new_with_str_sequence_and_options(&parts, &options)
        .map_err(|err| refused("could not be prepared", &err))
}

fn click_link(url: &str, file_name: &str) -> Result<(), String> {
    let document = web_sys::window()
        .and_then(|w| w.document())
        .ok_or("The page has no document to download from.")?;
    let link = document
        .create_element("a")
        .map_err(|err| refused("could not be started", &err))?
        .dyn_into::<HtmlAnchorElement>()
        .map_err(|_| "The download could not be started.".to_string())?;
    link.set_href(url);
    link.set_download(file_name);
    // Firefox only follows a link that is in the document.
    let body = document
        .body()
        .ok_or("The page has no body to download from.")?;
    body.append_child(&link)
        .map_err(|err| refused("could not be started", &err))?;
    link.click();
    link.remove();
    Ok(())
}

fn revoke_later(url: String) {
    // Forgotten: the timer owns the URL until it fires, whatever happens to the panel.
    super::later(
        REVOKE_AFTER_MS,
        Box::new(move || {
            let _ = Url::revoke_object_url(&url);
        }),
    );
}

/// A reader-facing sentence, with the browser's own words when it gave any.
fn refused(what: &str, err: &JsValue) -> String {
    let detail = err
        .dyn_ref::<js_sys::Error>()
        .map(|e| String::from(e.message()))
        .or_else(|| err.as_string())
        .unwrap_or_default();
    if detail.is_empty() {
        format!("The download {what}; this browser or page may not allow downloads.")
    } else {
        format!("The download {what}; this browser or page may not allow downloads ({detail}).")
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use deal_model::{Ledger, Scenario};

    fn font_sizes(svg: &str) -> Vec<f64> {
        svg.split(" font-size=\"")
            .skip(1)
            .filter_map(|rest| rest.split('"').next())
            .filter_map(|number| number.parse().ok())
            .collect()
    }

    fn default_svg(chart: Chart, theme: Theme, (width, height): (u32, u32)) -> String {
        let ledger = Ledger::compute(&Scenario::default());
        chart_svg(
            chart,
            &Scene::plain(&ledger, 38.0, 2030),
            theme,
            width,
            height,
        )
        .expect("the chart draws")
    }

    #[test]
    fn the_scenario_goes_right_after_the_head_tag_escaped() {
        let page = "<!doctype html>\n<html lang=\"en\">\n  <head>\n    <meta charset=\"utf-8\" />\n  </head><header></header></html>";
        let out = with_scenario_meta(page, "v=1&r30=280&cap=50").expect("a head tag");
        assert_eq!(
            out,
            "<!doctype html>\n<html lang=\"en\">\n  <head>\n    <meta name=\"deal-explorer-scenario\" content=\"v=1&amp;r30=280&amp;cap=50\" />\n    <meta charset=\"utf-8\" />\n  </head><header></header></html>"
        );
        let out = with_scenario_meta("<header><head><title>", "a\"<b>&").expect("a head tag");
        assert_eq!(
            out,
            "<header><head>\n    <meta name=\"deal-explorer-scenario\" content=\"a&quot;<b>&amp;\" /><title>"
        );
    }

    #[test]
    fn a_page_without_a_head_tag_is_refused() {
        let err = with_scenario_meta("<html><header></header><body>", "v=1").unwrap_err();
        assert!(err.contains("<head>"), "{err}");
        assert!(with_scenario_meta("", "v=1").is_err());
    }

    #[test]
    fn text_has_the_sizes_the_canvas_uses() {
        let sizes = font_sizes(&default_svg(Chart::Cap, Theme::Light, (800, 450)));
        assert!(!sizes.is_empty(), "the chart has text");
        // The frame's fonts are 11 to 15 CSS pixels, written as measured (plotters' SVG
        // backend would write them divided by 1.24, 8.9 to 12.1).
        for size in sizes {
            assert_eq!(size.fract(), 0.0, "font-size {size}");
            assert!((11.0..=15.0).contains(&size), "font-size {size}");
        }
    }

    #[test]
    fn the_file_opens_on_its_own_at_the_size_asked() {
        let svg = default_svg(Chart::Take, Theme::Dark, (640, 360));
        assert!(svg.starts_with("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<svg "));
        assert!(svg.contains(" width=\"640\" height=\"360\" "), "{svg:.200}");
        assert!(svg.contains("xmlns=\"http://www.w3.org/2000/svg\""));
        assert!(svg.contains(Chart::Take.title()));
        assert!(svg.contains("fill=\"#161B22\""), "the dark background");
        assert!(svg.trim_end().ends_with("</svg>"));
    }

    #[test]
    fn a_zero_or_huge_size_still_gives_a_file_of_bounded_size() {
        let svg = default_svg(Chart::Revenue, Theme::Light, (0, 0));
        assert!(svg.contains(" width=\"1\" height=\"1\" "), "{svg:.200}");
        let svg = default_svg(Chart::Revenue, Theme::Light, (u32::MAX, u32::MAX));
        assert!(
            svg.contains(" width=\"4096\" height=\"4096\" "),
            "{svg:.200}"
        );
    }
}
