//! One drawing backend for the screen and for SVG files, with text measured by a canvas.
//!
//! The charts are generic over plotters' `DrawingBackend`, so every backend type gets its own
//! copy of all the chart code in the wasm. Drawing the canvas and the SVG export through this
//! one type keeps a single copy (about 7 KB gzip less than two backends).
//!
//! Text is measured with `measureText` on a 2D context, as `MeasuringCanvas` does: plotters'
//! own measuring adds a `<span>` with an inline style to the page, which a strict CSP blocks.
//! The SVG is written by [`SvgWriter`], not plotters' SVG backend, which formats floats.
//!
//! Each font and text is measured once and remembered (a chart measures the same labels on
//! every draw), and the canvas is painted through [`Painter`], which sets the context's state only
//! when it changes and strokes runs of paths in one style as one path: plotters' canvas
//! backend formats and sets a colour, a width and a font on every call, and strokes each dash
//! of a dashed line on its own.

use std::cell::RefCell;
use std::convert::Infallible;

use deal_model::float_text::shortest;
use plotters::prelude::DrawingBackend;
use plotters_backend::text_anchor::{HPos, Pos, VPos};
use plotters_backend::{
    BackendColor, BackendCoord, BackendStyle, BackendTextStyle, DrawingErrorKind, FontTransform,
};
use wasm_bindgen::JsCast;
use web_sys::{CanvasRenderingContext2d, HtmlCanvasElement};

use super::svg_writer::SvgWriter;

enum Target<'a> {
    Canvas(Painter),
    Svg(SvgWriter<'a>),
}

pub struct ChartSurface<'a> {
    target: Target<'a>,
    /// `None` outside a browser (native tests): an estimate is used there.
    measure: Option<CanvasRenderingContext2d>,
    /// The font last set on `measure`'s context, which on the page is also the one painted
    /// on: set again only when it changes.
    font: RefCell<String>,
}

/// How many measured texts the page keeps: room for every label of the four charts, which
/// they measure on every draw, and for the figures that change with the sliders.
const MEASURED_SLOTS: usize = 512;

/// A font and text (one string, `font\ntext`) and its measured size.
type Measured = (String, (u32, u32));

thread_local! {
    /// Text sizes by font and text, as `measureText` gave them: a table of slots by hash, where
    /// a text whose slot is taken replaces what was there. Smaller in the wasm than a `HashMap`
    /// (no `RandomState`, no SipHash), and bounded.
    static MEASURED: RefCell<Vec<Option<Measured>>> = RefCell::default();
}

/// The slot of a font and text in [`MEASURED`]: FNV-1a.
fn measured_slot(key: &str) -> usize {
    let hash = key.bytes().fold(0xcbf2_9ce4_8422_2325_u64, |hash, byte| {
        (hash ^ u64::from(byte)).wrapping_mul(0x0100_0000_01b3)
    });
    (hash % MEASURED_SLOTS as u64) as usize
}

impl ChartSurface<'static> {
    /// Draws on, and measures with, the page's canvas.
    pub fn canvas(canvas: &HtmlCanvasElement) -> Option<Self> {
        let context = context_of(canvas)?;
        let painter = Painter {
            context: context.clone(),
            size: (canvas.width(), canvas.height()),
            fill: None,
            stroke: None,
            path: None,
            align: "",
            baseline: "",
        };
        Some(ChartSurface {
            target: Target::Canvas(painter),
            measure: Some(context),
            font: RefCell::default(),
        })
    }
}

impl<'a> ChartSurface<'a> {
    /// Writes SVG into `buffer`, measuring text on a canvas the page never shows.
    pub fn svg(buffer: &'a mut String, size: (u32, u32)) -> Self {
        ChartSurface {
            target: Target::Svg(SvgWriter::new(buffer, size)),
            measure: detached_context(),
            font: RefCell::default(),
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

/// Runs the painter's or the writer's call; neither can fail.
macro_rules! forward {
    ($self:ident, $writer:ident => $write:expr, $painter:ident => $paint:expr) => {{
        match &mut $self.target {
            Target::Canvas($painter) => $paint,
            Target::Svg($writer) => $write,
        }
        Ok(())
    }};
}

type Drawn<T = ()> = Result<T, DrawingErrorKind<Infallible>>;

impl DrawingBackend for ChartSurface<'_> {
    type ErrorType = Infallible;

    fn get_size(&self) -> (u32, u32) {
        match &self.target {
            Target::Canvas(p) => p.size,
            Target::Svg(w) => w.size(),
        }
    }

    fn ensure_prepared(&mut self) -> Drawn {
        Ok(())
    }

    fn present(&mut self) -> Drawn {
        forward!(self, w => w.finish(), p => p.flush())
    }

    fn draw_pixel(&mut self, point: BackendCoord, color: BackendColor) -> Drawn {
        forward!(self, w => w.pixel(point, color), p => p.rect(point, (point.0 + 1, point.1 + 1), color, true, 1))
    }

    fn draw_line<S: BackendStyle>(
        &mut self,
        from: BackendCoord,
        to: BackendCoord,
        style: &S,
    ) -> Drawn {
        forward!(self, w => w.line(from, to, style.color(), style.stroke_width()), p => {
            p.stroke_path(fine_hor_ver_lines(from, to), style.color(), style.stroke_width());
        })
    }

    fn draw_rect<S: BackendStyle>(
        &mut self,
        upper_left: BackendCoord,
        bottom_right: BackendCoord,
        style: &S,
        fill: bool,
    ) -> Drawn {
        forward!(self, w => w.rect(upper_left, bottom_right, style.color(), fill, style.stroke_width()),
            p => p.rect(upper_left, bottom_right, style.color(), fill, style.stroke_width()))
    }

    fn draw_path<S: BackendStyle, I: IntoIterator<Item = BackendCoord>>(
        &mut self,
        path: I,
        style: &S,
    ) -> Drawn {
        forward!(self, w => w.polyline(&mut path.into_iter(), style.color(), style.stroke_width()), p => p.stroke_path(
            path.into_iter().map(|(x, y)| (f64::from(x), f64::from(y))),
            style.color(),
            style.stroke_width(),
        ))
    }

    fn draw_circle<S: BackendStyle>(
        &mut self,
        center: BackendCoord,
        radius: u32,
        style: &S,
        fill: bool,
    ) -> Drawn {
        forward!(self, w => w.circle(center, radius, style.color(), fill, style.stroke_width()),
            p => p.circle(center, radius, style.color(), fill, style.stroke_width()))
    }

    fn fill_polygon<S: BackendStyle, I: IntoIterator<Item = BackendCoord>>(
        &mut self,
        vert: I,
        style: &S,
    ) -> Drawn {
        forward!(self, w => w.polygon(&mut vert.into_iter(), style.color()), p => p.polygon(vert, style.color()))
    }

    fn draw_text<S: BackendTextStyle>(
        &mut self,
        text: &str,
        style: &S,
        pos: BackendCoord,
    ) -> Drawn {
        match &mut self.target {
            Target::Canvas(p) => p.text(text, style, pos, &self.font),
            Target::Svg(w) => w.text(text, style, pos),
        }
        Ok(())
    }

    fn estimate_text_size<S: BackendTextStyle>(&self, text: &str, style: &S) -> Drawn<(u32, u32)> {
        let Some(context) = &self.measure else {
            if cfg!(target_arch = "wasm32") || matches!(self.target, Target::Canvas(_)) {
                return Ok(rough_size(text, style.size()));
            }
            // Natively, the estimate plotters' SVG backend gives (the trait's default), which
            // the native tests' layouts were made with.
            let ((x0, y0), (x1, y1)) = style
                .layout_box(text)
                .map_err(|err| DrawingErrorKind::FontError(Box::new(err)))?;
            return Ok(((x1 - x0) as u32, (y1 - y0) as u32));
        };
        Ok(measure(
            context,
            &self.font,
            font_of(style),
            text,
            style.size(),
        ))
    }
}

/// The size of `text` in `font`, remembered or measured. Not generic and never inlined: one
/// copy in the wasm for every kind of text style.
#[inline(never)]
fn measure(
    context: &CanvasRenderingContext2d,
    current: &RefCell<String>,
    font: String,
    text: &str,
    size: f64,
) -> (u32, u32) {
    let mut key = font.clone();
    key.push('\n');
    key.push_str(text);
    let slot = measured_slot(&key);
    let known = MEASURED.with(|m| match m.borrow().get(slot) {
        Some(Some((text, size))) if *text == key => Some(*size),
        _ => None,
    });
    if let Some(known) = known {
        return known;
    }
    set_font(context, current, font);
    let Ok(metrics) = context.measure_text(text) else {
        return rough_size(text, size);
    };
    let height = metrics.font_bounding_box_ascent() + metrics.font_bounding_box_descent();
    let height = if height > 0.0 { height } else { size * 1.2 };
    let measured = (
        metrics.width().ceil().max(0.0) as u32,
        height.ceil().max(0.0) as u32,
    );
    MEASURED.with(|m| {
        let mut m = m.borrow_mut();
        if m.is_empty() {
            m.resize_with(MEASURED_SLOTS, || None);
        }
        m[slot] = Some((key, measured));
    });
    measured
}

/// The font string plotters-canvas draws with, so measure and paint agree.
fn font_of<S: BackendTextStyle>(style: &S) -> String {
    format!(
        "{} {}px {}",
        style.style().as_str(),
        shortest(style.size()),
        style.family().as_str()
    )
}

/// Sets the context's font unless it is the one `current` says it has.
fn set_font(context: &CanvasRenderingContext2d, current: &RefCell<String>, font: String) {
    let mut current = current.borrow_mut();
    if *current != font {
        context.set_font(&font);
        *current = font;
    }
}

/// Paints on a canvas's 2D context as plotters' canvas backend does, pixel for pixel, with
/// fewer calls into the browser: the fill and stroke styles, the line width and the text's
/// alignment are set only when they change, and consecutive paths and lines of one stroke
/// style are stroked as one path (they are the dashes of a dashed line, the grid's lines, the
/// ticks), which is open until something else is painted or the surface is presented.
struct Painter {
    context: CanvasRenderingContext2d,
    size: (u32, u32),
    /// The context's fill style, and its stroke style and width, as last set.
    fill: Option<Colour>,
    stroke: Option<(Colour, u32)>,
    /// The stroke style of the open path, if one is open.
    path: Option<(Colour, u32)>,
    align: &'static str,
    baseline: &'static str,
}

/// A colour as the context takes it; compared before it is formatted and set.
#[derive(Clone, Copy, PartialEq)]
struct Colour((u8, u8, u8), f64);

impl Colour {
    fn of(colour: BackendColor) -> Option<Colour> {
        // Fully transparent paints nothing, as in plotters' backend.
        (colour.alpha != 0.0).then_some(Colour(colour.rgb, colour.alpha))
    }

    fn css(self) -> String {
        let Colour((r, g, b), a) = self;
        format!("rgba({r},{g},{b},{})", shortest(a))
    }
}

impl Painter {
    /// Strokes the open path, if any.
    fn flush(&mut self) {
        if self.path.take().is_some() {
            self.context.stroke();
        }
    }

    fn set_fill(&mut self, colour: Colour) {
        if self.fill != Some(colour) {
            self.context.set_fill_style_str(&colour.css());
            self.fill = Some(colour);
        }
    }

    fn set_stroke(&mut self, colour: Colour, width: u32) {
        let (old_colour, old_width) = self.stroke.unzip();
        if old_colour != Some(colour) {
            self.context.set_stroke_style_str(&colour.css());
        }
        if old_width != Some(width) {
            self.context.set_line_width(f64::from(width));
        }
        self.stroke = Some((colour, width));
    }

    /// Closes the open path and takes up `colour` to fill, or to stroke `width` wide, for a
    /// shape painted on its own; false when the colour paints nothing.
    fn brush(&mut self, colour: BackendColor, fill: bool, width: u32) -> bool {
        let Some(colour) = Colour::of(colour) else {
            return false;
        };
        self.flush();
        if fill {
            self.set_fill(colour);
        } else {
            self.set_stroke(colour, width);
        }
        true
    }

    /// Adds a polyline to the open path, first stroking it if its style differs.
    fn stroke_path(
        &mut self,
        points: impl IntoIterator<Item = (f64, f64)>,
        colour: BackendColor,
        width: u32,
    ) {
        let mut points = points.into_iter();
        let Some((x, y)) = points.next() else {
            return;
        };
        if self.open_path(colour, width) {
            self.context.move_to(x, y);
            for (x, y) in points {
                self.context.line_to(x, y);
            }
        }
    }

    /// Makes sure the open path is one in this stroke style; false when it paints nothing.
    /// Not generic and never inlined, so the wasm has one copy, not one per kind of path.
    #[inline(never)]
    fn open_path(&mut self, colour: BackendColor, width: u32) -> bool {
        let Some(colour) = Colour::of(colour) else {
            return false;
        };
        if self.path != Some((colour, width)) {
            self.flush();
            self.set_stroke(colour, width);
            self.context.begin_path();
            self.path = Some((colour, width));
        }
        true
    }

    #[inline(never)]
    fn rect(
        &mut self,
        (x0, y0): BackendCoord,
        (x1, y1): BackendCoord,
        colour: BackendColor,
        fill: bool,
        width: u32,
    ) {
        if !self.brush(colour, fill, width) {
            return;
        }
        let (x, y) = (f64::from(x0), f64::from(y0));
        let (w, h) = (f64::from(x1 - x0), f64::from(y1 - y0));
        if fill {
            self.context.fill_rect(x, y, w, h);
        } else {
            self.context.stroke_rect(x, y, w, h);
        }
    }

    #[inline(never)]
    fn circle(
        &mut self,
        (x, y): BackendCoord,
        radius: u32,
        colour: BackendColor,
        fill: bool,
        width: u32,
    ) {
        if !self.brush(colour, fill, width) {
            return;
        }
        self.context.begin_path();
        let _ = self.context.arc(
            f64::from(x),
            f64::from(y),
            f64::from(radius),
            0.0,
            std::f64::consts::TAU,
        );
        if fill {
            self.context.fill();
        } else {
            self.context.stroke();
        }
    }

    fn polygon(&mut self, points: impl IntoIterator<Item = BackendCoord>, colour: BackendColor) {
        let Some(colour) = Colour::of(colour) else {
            return;
        };
        self.flush();
        let mut points = points.into_iter();
        self.context.begin_path();
        if let Some((x, y)) = points.next() {
            self.set_fill(colour);
            self.context.move_to(f64::from(x), f64::from(y));
            for (x, y) in points {
                self.context.line_to(f64::from(x), f64::from(y));
            }
            self.context.close_path();
        }
        self.context.fill();
    }

    fn text<S: BackendTextStyle>(
        &mut self,
        text: &str,
        style: &S,
        at: BackendCoord,
        font: &RefCell<String>,
    ) {
        if let Some(colour) = Colour::of(style.color()) {
            let look = (colour, font_of(style), style.anchor(), style.transform());
            self.paint_text(text, look, at, font);
        }
    }

    /// Not generic and never inlined: one copy in the wasm for every kind of text style.
    #[inline(never)]
    fn paint_text(
        &mut self,
        text: &str,
        (colour, font_name, anchor, transform): (Colour, String, Pos, FontTransform),
        (x, y): BackendCoord,
        font: &RefCell<String>,
    ) {
        self.flush();
        let quarters = match transform {
            FontTransform::None => 0.0,
            FontTransform::Rotate90 => 1.0,
            FontTransform::Rotate180 => 2.0,
            FontTransform::Rotate270 => 3.0,
        };
        let (mut x, mut y) = (f64::from(x), f64::from(y));
        if quarters != 0.0 {
            self.context.save();
            let _ = self.context.translate(x, y);
            let _ = self.context.rotate(quarters * std::f64::consts::FRAC_PI_2);
            (x, y) = (0.0, 0.0);
        }
        let baseline = match anchor.v_pos {
            VPos::Top => "top",
            VPos::Center => "middle",
            VPos::Bottom => "bottom",
        };
        if self.baseline != baseline {
            self.context.set_text_baseline(baseline);
            self.baseline = baseline;
        }
        let align = match anchor.h_pos {
            HPos::Left => "start",
            HPos::Right => "end",
            HPos::Center => "center",
        };
        if self.align != align {
            self.context.set_text_align(align);
            self.align = align;
        }
        self.set_fill(colour);
        set_font(&self.context, font, font_name);
        let _ = self.context.fill_text(text, x, y);
        if quarters != 0.0 {
            // `restore` brings back the state saved before the rotation, which is not
            // necessarily what was set since: ask again next time.
            self.context.restore();
            self.fill = None;
            self.stroke = None;
            self.align = "";
            self.baseline = "";
            font.borrow_mut().clear();
        }
    }
}

impl Drop for Painter {
    fn drop(&mut self) {
        self.flush();
    }
}

/// Lines along the pixel grid sit on pixel centres, as plotters' canvas backend draws them.
fn fine_hor_ver_lines(from: BackendCoord, end: BackendCoord) -> [(f64, f64); 2] {
    let mut from = (f64::from(from.0), f64::from(from.1));
    let mut end = (f64::from(end.0), f64::from(end.1));
    if from.0 == end.0 {
        from.0 -= 0.5;
        end.0 -= 0.5;
    }
    if from.1 == end.1 {
        from.1 -= 0.5;
        end.1 -= 0.5;
    }
    [from, end]
}

/// A rough estimate beats failing the whole chart over one label.
fn rough_size(text: &str, size: f64) -> (u32, u32) {
    let width = size * 0.6 * text.chars().count() as f64;
    (width.ceil() as u32, (size * 1.2).ceil() as u32)
}
