//! One drawing backend for the screen and for SVG files, with text measured by a canvas.
//!
//! The charts are generic over plotters' `DrawingBackend`, so every backend type gets its own
//! copy of all the chart code in the wasm. Drawing the canvas and the SVG export through this
//! one type keeps a single copy (about 7 KB gzip less than two backends).
//!
//! Text is measured with `measureText` on a 2D context, as `MeasuringCanvas` does: plotters'
//! own measuring adds a `<span>` with an inline style to the page, which a strict CSP blocks.
//! And plotters' SVG backend writes every `font-size` divided by 1.24 (its canvas backend does
//! not), so text bound for SVG is handed over 1.24 times larger, to come out at the size the
//! layout was measured at.

use plotters::prelude::{DrawingBackend, SVGBackend};
use plotters_backend::text_anchor::Pos;
use plotters_backend::{
    BackendColor, BackendCoord, BackendStyle, BackendTextStyle, DrawingErrorKind, FontFamily,
    FontStyle, FontTransform,
};
use plotters_canvas::CanvasBackend;
use wasm_bindgen::JsCast;
use web_sys::{CanvasRenderingContext2d, HtmlCanvasElement};

/// What plotters' SVG backend divides font sizes by.
const SVG_FONT_SHRINK: f64 = 1.24;

enum Target<'a> {
    Canvas(CanvasBackend),
    Svg(SVGBackend<'a>),
}

pub struct ChartSurface<'a> {
    target: Target<'a>,
    /// `None` outside a browser (native tests): plotters' own estimate is used there.
    measure: Option<CanvasRenderingContext2d>,
}

/// The backends' errors in words; nothing acts on their kind.
#[derive(Debug)]
pub struct SurfaceError(String);

impl std::fmt::Display for SurfaceError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for SurfaceError {}

impl ChartSurface<'static> {
    /// Draws on, and measures with, the page's canvas.
    pub fn canvas(canvas: &HtmlCanvasElement) -> Option<Self> {
        let measure = context_of(canvas)?;
        let backend = CanvasBackend::with_canvas_object(canvas.clone())?;
        Some(ChartSurface {
            target: Target::Canvas(backend),
            measure: Some(measure),
        })
    }
}

impl<'a> ChartSurface<'a> {
    /// Writes SVG into `buffer`, measuring text on a canvas the page never shows.
    pub fn svg(buffer: &'a mut String, size: (u32, u32)) -> Self {
        ChartSurface {
            target: Target::Svg(SVGBackend::with_string(buffer, size)),
            measure: detached_context(),
        }
    }
}

fn context_of(canvas: &HtmlCanvasElement) -> Option<CanvasRenderingContext2d> {
    canvas.get_context("2d").ok()??.dyn_into().ok()
}

fn detached_context() -> Option<CanvasRenderingContext2d> {
    if !cfg!(target_arch = "wasm32") {
        return None;
    }
    let canvas = web_sys::window()?
        .document()?
        .create_element("canvas")
        .ok()?
        .dyn_into::<HtmlCanvasElement>()
        .ok()?;
    context_of(&canvas)
}

fn lift<T, E: std::error::Error + Send + Sync>(
    result: Result<T, DrawingErrorKind<E>>,
    describe: fn(&E) -> String,
) -> Result<T, DrawingErrorKind<SurfaceError>> {
    result.map_err(|err| match err {
        DrawingErrorKind::DrawingError(err) => {
            DrawingErrorKind::DrawingError(SurfaceError(describe(&err)))
        }
        DrawingErrorKind::FontError(err) => DrawingErrorKind::FontError(err),
    })
}

/// Writing SVG into a `String` cannot fail; saying so in fixed words keeps the text of every
/// `std::io::ErrorKind`, which `io::Error`'s `Display` links, out of the wasm.
fn svg_error(_: &std::io::Error) -> String {
    "the SVG could not be written".to_string()
}

fn canvas_error<E: std::fmt::Display>(err: &E) -> String {
    err.to_string()
}

macro_rules! forward {
    ($self:ident, $backend:ident => $call:expr) => {
        match &mut $self.target {
            Target::Canvas($backend) => lift($call, canvas_error),
            Target::Svg($backend) => lift($call, svg_error),
        }
    };
}

type Drawn<T = ()> = Result<T, DrawingErrorKind<SurfaceError>>;

impl DrawingBackend for ChartSurface<'_> {
    type ErrorType = SurfaceError;

    fn get_size(&self) -> (u32, u32) {
        match &self.target {
            Target::Canvas(b) => b.get_size(),
            Target::Svg(b) => b.get_size(),
        }
    }

    fn ensure_prepared(&mut self) -> Drawn {
        forward!(self, b => b.ensure_prepared())
    }

    fn present(&mut self) -> Drawn {
        forward!(self, b => b.present())
    }

    fn draw_pixel(&mut self, point: BackendCoord, color: BackendColor) -> Drawn {
        forward!(self, b => b.draw_pixel(point, color))
    }

    fn draw_line<S: BackendStyle>(
        &mut self,
        from: BackendCoord,
        to: BackendCoord,
        style: &S,
    ) -> Drawn {
        forward!(self, b => b.draw_line(from, to, style))
    }

    fn draw_rect<S: BackendStyle>(
        &mut self,
        upper_left: BackendCoord,
        bottom_right: BackendCoord,
        style: &S,
        fill: bool,
    ) -> Drawn {
        forward!(self, b => b.draw_rect(upper_left, bottom_right, style, fill))
    }

    fn draw_path<S: BackendStyle, I: IntoIterator<Item = BackendCoord>>(
        &mut self,
        path: I,
        style: &S,
    ) -> Drawn {
        forward!(self, b => b.draw_path(path, style))
    }

    fn draw_circle<S: BackendStyle>(
        &mut self,
        center: BackendCoord,
        radius: u32,
        style: &S,
        fill: bool,
    ) -> Drawn {
        forward!(self, b => b.draw_circle(center, radius, style, fill))
    }

    fn fill_polygon<S: BackendStyle, I: IntoIterator<Item = BackendCoord>>(
        &mut self,
        vert: I,
        style: &S,
    ) -> Drawn {
        forward!(self, b => b.fill_polygon(vert, style))
    }

    fn draw_text<S: BackendTextStyle>(
        &mut self,
        text: &str,
        style: &S,
        pos: BackendCoord,
    ) -> Drawn {
        match &mut self.target {
            Target::Canvas(b) => lift(b.draw_text(text, style, pos), canvas_error),
            Target::Svg(b) => lift(b.draw_text(text, &Enlarged(style), pos), svg_error),
        }
    }

    fn estimate_text_size<S: BackendTextStyle>(&self, text: &str, style: &S) -> Drawn<(u32, u32)> {
        let Some(context) = &self.measure else {
            return if cfg!(target_arch = "wasm32") {
                Ok(rough_size(text, style.size()))
            } else {
                match &self.target {
                    Target::Canvas(b) => lift(b.estimate_text_size(text, style), canvas_error),
                    Target::Svg(b) => lift(b.estimate_text_size(text, style), svg_error),
                }
            };
        };
        let size = style.size();
        // The font string plotters-canvas draws with, so measure and paint agree.
        context.set_font(&format!(
            "{} {}px {}",
            style.style().as_str(),
            size,
            style.family().as_str()
        ));
        let Ok(metrics) = context.measure_text(text) else {
            return Ok(rough_size(text, size));
        };
        let height = metrics.font_bounding_box_ascent() + metrics.font_bounding_box_descent();
        let height = if height > 0.0 { height } else { size * 1.2 };
        Ok((
            metrics.width().ceil().max(0.0) as u32,
            height.ceil().max(0.0) as u32,
        ))
    }
}

/// A rough estimate beats failing the whole chart over one label.
fn rough_size(text: &str, size: f64) -> (u32, u32) {
    let width = size * 0.6 * text.chars().count() as f64;
    (width.ceil() as u32, (size * 1.2).ceil() as u32)
}

/// A text style 1.24 times larger, to undo the SVG backend's shrinking.
struct Enlarged<'s, S>(&'s S);

impl<S: BackendTextStyle> BackendTextStyle for Enlarged<'_, S> {
    type FontError = S::FontError;

    fn color(&self) -> BackendColor {
        self.0.color()
    }

    fn size(&self) -> f64 {
        self.0.size() * SVG_FONT_SHRINK
    }

    fn transform(&self) -> FontTransform {
        self.0.transform()
    }

    fn style(&self) -> FontStyle {
        self.0.style()
    }

    fn anchor(&self) -> Pos {
        self.0.anchor()
    }

    fn family(&self) -> FontFamily<'_> {
        self.0.family()
    }

    fn layout_box(&self, text: &str) -> Result<((i32, i32), (i32, i32)), Self::FontError> {
        self.0.layout_box(text)
    }

    fn draw<E, F: FnMut(i32, i32, BackendColor) -> Result<(), E>>(
        &self,
        text: &str,
        pos: BackendCoord,
        draw: F,
    ) -> Result<Result<(), E>, Self::FontError> {
        self.0.draw(text, pos, draw)
    }
}
