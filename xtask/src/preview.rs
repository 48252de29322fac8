//! The picture a shared link previews with: a 1200 x 630 PNG of a scenario's charts, drawn at
//! build time by the explorer's own chart code (the same `Chart::draw` the page draws on its
//! canvases), with no browser.
//!
//! The charts draw on plotters' bitmap backend, wrapped in [`Surface`], which measures and
//! draws text itself with `ab_glyph` and the font in `xtask/fonts/` (DejaVu Sans, cut down to
//! the characters the charts use): plotters' own text drawing needs a font found on the
//! machine or registered in a global table, and its `ab_glyph` feature, unified into the
//! explorer's native build by `cargo test --workspace`, would make the SVG tests' text
//! measuring fail (no font is registered there). Text is placed as a canvas places it (`textBaseline` top, middle or bottom of the
//! em box, widths from the glyphs' advances, heights from the font's ascent and descent), so
//! the charts lay out as on the page.
//!
//! The picture is a pure function of the scenario: no clock, no machine font, no hash order;
//! the PNG is indexed (its 256 most used colours; the few anti-aliased edge pixels in rarer
//! ones take the nearest of those) and deflated at level 9, and the same scenario gives the
//! same bytes.

use std::collections::BTreeMap;

use ab_glyph::{point, Font, FontRef, PxScale, ScaleFont};
use deal_explorer::charts::{Chart, Scene, Style, Theme};
use deal_model::{money_b, summary, Ledger, Preset, Scenario};
use plotters::coord::Shift;
use plotters::drawing::DrawingAreaErrorKind;
use plotters::element::PathElement;
use plotters::prelude::{DrawingArea, IntoDrawingArea};
use plotters::style::{FontFamily, IntoFont, RGBColor, ShapeStyle, TextStyle};
use plotters_backend::text_anchor::{HPos, Pos, VPos};
use plotters_backend::{
    BackendColor, BackendCoord, BackendStyle, BackendTextStyle, DrawingBackend, DrawingErrorKind,
};
use plotters_bitmap::bitmap_pixel::RGBPixel;
use plotters_bitmap::{BitMapBackend, BitMapBackendError};

use crate::error::{Error, Result};

/// The size Open Graph and Twitter's large summary card ask for (1.91:1).
pub const WIDTH: u32 = 1200;
pub const HEIGHT: u32 = 630;

/// The font every text in the picture is drawn in.
pub const FONT: &[u8] = include_bytes!("../fonts/DejaVuSans-subset.ttf");

/// The charts the picture shows, side by side: who gets the revenue each year, and the
/// payments running into the cap.
pub const CHARTS: [Chart; 2] = [Chart::Revenue, Chart::Cap];

/// Each chart is laid out as on a screen of this many device pixels per CSS pixel, so that
/// its labels stay legible when the card is shown at a third of its size.
const SCALE: f64 = 1.5;

/// The band above the charts: the explorer's name, the scenario and its first sentence.
const HEADER: u32 = 136;
const MARGIN: i32 = 28;
const NAME_FONT: f64 = 34.0;
const LABEL_FONT: f64 = 22.0;
const SENTENCE_FONT: f64 = 22.0;
const SENTENCE_TOP: i32 = 68;
const SENTENCE_LINE: usize = 29;

/// Shown in the picture's header, and named in its text alternative.
pub const NAME: &str = "OpenAI–Microsoft deal explorer";

/// How many levels of a glyph pixel's coverage are kept: enough for smooth edges, few enough
/// that text on each background adds only a handful of colours to the palette.
const COVERAGE_LEVELS: f32 = 12.0;

/// What the picture says it shows: the explorer's defaults, or a preset.
pub fn label(preset: Option<&Preset>) -> String {
    match preset {
        Some(preset) => format!(
            "{} case, OpenAI's 2030 revenue {}",
            preset.label,
            money_b(preset.r30)
        ),
        None => "At the explorer's default inputs".to_string(),
    }
}

/// The scenario's first summary sentence: what OpenAI pays under each terms.
pub fn headline(scenario: &Scenario, ledger: &Ledger) -> String {
    let text = summary(scenario, ledger);
    // The summary is two sentences; the first ends at the first full stop before a space
    // (a figure such as "$18.9B" has no space after its point).
    match text.find(". ") {
        Some(end) => text[..=end].to_string(),
        None => text,
    }
}

/// The text alternative of the picture: the words it shows (its charts' figures are in their
/// own text alternatives on the page). Short, and mostly words the head already has: it sits in
/// the page's head, in the first view's budget.
pub fn alt(scenario: &Scenario, preset: Option<&Preset>) -> String {
    let ledger = Ledger::compute(scenario);
    format!(
        "{NAME} charts. {}. {}",
        label(preset),
        headline(scenario, &ledger)
    )
}

/// The picture as RGB bytes, row by row.
pub fn draw(scenario: &Scenario, preset: Option<&Preset>) -> Result<Vec<u8>> {
    let font = FontRef::try_from_slice(FONT)
        .map_err(|err| Error::new(format!("the preview's font does not load: {err}")))?;
    let mut rgb = vec![0_u8; (WIDTH * HEIGHT * 3) as usize];
    let ledger = Ledger::compute(scenario);
    {
        let surface = Surface {
            bitmap: BitMapBackend::with_buffer(&mut rgb, (WIDTH, HEIGHT)),
            font: &font,
        };
        let root = surface.into_drawing_area();
        let drawn = draw_card(&root, scenario, preset, &ledger);
        drawn.map_err(|err| Error::new(format!("cannot draw the preview: {err}")))?;
        root.present()
            .map_err(|err| Error::new(format!("cannot draw the preview: {err}")))?;
    }
    Ok(rgb)
}

type Area<'a, 'f> = DrawingArea<Surface<'a, 'f>, Shift>;
type Drawn<T> = std::result::Result<T, DrawingAreaErrorKind<BitMapBackendError>>;

fn draw_card(
    root: &Area<'_, '_>,
    scenario: &Scenario,
    preset: Option<&Preset>,
    ledger: &Ledger,
) -> Drawn<()> {
    let style = Style::new(SCALE, Theme::Light);
    let palette = style.palette();
    root.fill(&palette.background)?;
    let (header, charts) = root.split_vertically(HEADER);

    header.draw_text(
        NAME,
        &text(NAME_FONT, palette.text, HPos::Left),
        (MARGIN, 20),
    )?;
    header.draw_text(
        &label(preset),
        &text(LABEL_FONT, palette.axis, HPos::Right),
        (WIDTH as i32 - MARGIN, 29),
    )?;
    // The sentence in at most two lines, smaller only if two lines at the usual size are not
    // enough.
    let sentence = headline(scenario, ledger);
    let room = WIDTH - 2 * MARGIN as u32;
    let mut size = SENTENCE_FONT;
    let mut lines = wrap(
        &header,
        &sentence,
        &text(size, palette.text, HPos::Left),
        room,
    )?;
    while lines.len() > 2 && size > 14.0 {
        size -= 0.5;
        lines = wrap(
            &header,
            &sentence,
            &text(size, palette.text, HPos::Left),
            room,
        )?;
    }
    for (line, top) in lines.iter().zip((SENTENCE_TOP..).step_by(SENTENCE_LINE)) {
        header.draw_text(line, &text(size, palette.text, HPos::Left), (MARGIN, top))?;
    }

    let scene = Scene::plain(ledger, scenario.cap, scenario.year as i32);
    let (left, right) = charts.split_horizontally(WIDTH / 2);
    for (chart, area) in CHARTS.iter().zip([left, right]) {
        chart.draw(&area.margin(0, 4, 8, 8), &scene, &style)?;
    }
    // A rule between the header and the charts.
    header.draw(&PathElement::new(
        vec![
            (MARGIN, HEADER as i32 - 1),
            (WIDTH as i32 - MARGIN, HEADER as i32 - 1),
        ],
        ShapeStyle::from(&palette.grid).stroke_width(2),
    ))?;
    Ok(())
}

/// `text`'s words in lines no wider than `room`; a word wider than that alone on its line.
fn wrap(area: &Area<'_, '_>, text: &str, style: &TextStyle, room: u32) -> Drawn<Vec<String>> {
    let mut lines: Vec<String> = Vec::new();
    for word in text.split(' ') {
        if let Some(line) = lines.last_mut() {
            let longer = format!("{line} {word}");
            if area.estimate_text_size(&longer, style)?.0 <= room {
                *line = longer;
                continue;
            }
        }
        lines.push(word.to_string());
    }
    Ok(lines)
}

/// Text in the picture's one font, hung from its top at `h`.
fn text(size: f64, colour: RGBColor, h: HPos) -> TextStyle<'static> {
    (FontFamily::SansSerif, size)
        .into_font()
        .color(&colour)
        .pos(Pos::new(h, VPos::Top))
}

/// The picture as an indexed PNG.
pub fn png(scenario: &Scenario, preset: Option<&Preset>) -> Result<Vec<u8>> {
    encode(&draw(scenario, preset)?, WIDTH, HEIGHT)
}

/// RGB bytes as an indexed PNG: its colours, most used first, as the palette; a picture with
/// more than 256 colours has its rarest ones drawn in the nearest of the 256 kept.
pub fn encode(rgb: &[u8], width: u32, height: u32) -> Result<Vec<u8>> {
    let (palette, indices) = indexed(rgb);
    let mut out = Vec::new();
    let failed = |err: png::EncodingError| Error::new(format!("cannot encode the preview: {err}"));
    {
        let mut encoder = png::Encoder::new(&mut out, width, height);
        encoder.set_color(png::ColorType::Indexed);
        encoder.set_depth(png::BitDepth::Eight);
        encoder.set_palette(palette);
        encoder.set_deflate_compression(png::DeflateCompression::Level(9));
        encoder.set_filter(png::Filter::NoFilter);
        let mut writer = encoder.write_header().map_err(failed)?;
        writer.write_image_data(&indices).map_err(failed)?;
        writer.finish().map_err(failed)?;
    }
    Ok(out)
}

/// The palette (RGB triples) and each pixel's index in it.
fn indexed(rgb: &[u8]) -> (Vec<u8>, Vec<u8>) {
    let mut counts: BTreeMap<[u8; 3], u64> = BTreeMap::new();
    for pixel in rgb.chunks_exact(3) {
        *counts.entry([pixel[0], pixel[1], pixel[2]]).or_default() += 1;
    }
    let mut colours: Vec<([u8; 3], u64)> = counts.into_iter().collect();
    // Most used first; ties in colour order, so that the palette never depends on hashing.
    colours.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
    let kept: Vec<[u8; 3]> = colours.iter().take(256).map(|(c, _)| *c).collect();
    let index: BTreeMap<[u8; 3], u8> = colours
        .iter()
        .map(|(colour, _)| {
            let nearest = kept
                .iter()
                .enumerate()
                .min_by_key(|(_, k)| distance(**k, *colour))
                .map_or(0, |(i, _)| i);
            (*colour, nearest as u8)
        })
        .collect();
    let indices = rgb
        .chunks_exact(3)
        .map(|p| index[&[p[0], p[1], p[2]]])
        .collect();
    (kept.concat(), indices)
}

fn distance(a: [u8; 3], b: [u8; 3]) -> u32 {
    a.iter()
        .zip(b)
        .map(|(&x, y)| (i32::from(x) - i32::from(y)).unsigned_abs().pow(2))
        .sum()
}

/// Plotters' bitmap backend with text measured and drawn from [`FONT`].
pub struct Surface<'a, 'f> {
    bitmap: BitMapBackend<'a, RGBPixel>,
    font: &'f FontRef<'f>,
}

type Drawing<T = ()> = std::result::Result<T, DrawingErrorKind<BitMapBackendError>>;

impl Surface<'_, '_> {
    /// A CSS font size (pixels per em) as `ab_glyph`'s scale (pixels from ascent to descent).
    fn scale(&self, size: f64) -> PxScale {
        let per_em = self.font.units_per_em().unwrap_or(2048.0);
        PxScale::from(size as f32 * self.font.height_unscaled() / per_em)
    }

    /// An error for text with a character the font lacks, which would draw as an empty box:
    /// the subset in `xtask/fonts/` then needs that character.
    fn check(&self, text: &str) -> Drawing {
        match text.chars().find(|&c| self.font.glyph_id(c).0 == 0) {
            Some(c) => Err(DrawingErrorKind::FontError(Box::new(
                std::io::Error::other(format!(
                    "the preview's font has no {c:?} (U+{:04X}) for {text:?}",
                    u32::from(c)
                )),
            ))),
            None => Ok(()),
        }
    }

    /// The advance of `text` at `scale`, in pixels.
    fn advance(&self, text: &str, scale: PxScale) -> f32 {
        let font = self.font.as_scaled(scale);
        text.chars().map(|c| font.h_advance(font.glyph_id(c))).sum()
    }
}

impl DrawingBackend for Surface<'_, '_> {
    type ErrorType = BitMapBackendError;

    fn get_size(&self) -> (u32, u32) {
        self.bitmap.get_size()
    }

    fn ensure_prepared(&mut self) -> Drawing {
        self.bitmap.ensure_prepared()
    }

    fn present(&mut self) -> Drawing {
        self.bitmap.present()
    }

    fn draw_pixel(&mut self, point: BackendCoord, color: BackendColor) -> Drawing {
        self.bitmap.draw_pixel(point, color)
    }

    fn draw_line<S: BackendStyle>(
        &mut self,
        from: BackendCoord,
        to: BackendCoord,
        style: &S,
    ) -> Drawing {
        self.bitmap.draw_line(from, to, style)
    }

    fn draw_rect<S: BackendStyle>(
        &mut self,
        upper_left: BackendCoord,
        bottom_right: BackendCoord,
        style: &S,
        fill: bool,
    ) -> Drawing {
        self.bitmap.draw_rect(upper_left, bottom_right, style, fill)
    }

    fn draw_path<S: BackendStyle, I: IntoIterator<Item = BackendCoord>>(
        &mut self,
        path: I,
        style: &S,
    ) -> Drawing {
        self.bitmap.draw_path(path, style)
    }

    fn draw_circle<S: BackendStyle>(
        &mut self,
        center: BackendCoord,
        radius: u32,
        style: &S,
        fill: bool,
    ) -> Drawing {
        self.bitmap.draw_circle(center, radius, style, fill)
    }

    fn fill_polygon<S: BackendStyle, I: IntoIterator<Item = BackendCoord>>(
        &mut self,
        vert: I,
        style: &S,
    ) -> Drawing {
        self.bitmap.fill_polygon(vert, style)
    }

    fn blit_bitmap(&mut self, pos: BackendCoord, size: (u32, u32), src: &[u8]) -> Drawing {
        self.bitmap.blit_bitmap(pos, size, src)
    }

    /// As wide as the glyphs' advances, as tall as the font's ascent and descent: what a
    /// canvas's `measureText` gives the explorer on the page.
    fn estimate_text_size<S: BackendTextStyle>(
        &self,
        text: &str,
        style: &S,
    ) -> Drawing<(u32, u32)> {
        self.check(text)?;
        let scale = self.scale(style.size());
        let height = self.font.as_scaled(scale).height();
        Ok((
            self.advance(text, scale).ceil() as u32,
            height.ceil() as u32,
        ))
    }

    /// Each glyph's coverage blended over the picture, the text placed at `pos` as a canvas
    /// with `textAlign` start, center or end and `textBaseline` top, middle or bottom places
    /// it, and turned about `pos` by the style's transform.
    fn draw_text<S: BackendTextStyle>(
        &mut self,
        text: &str,
        style: &S,
        pos: BackendCoord,
    ) -> Drawing {
        self.check(text)?;
        let colour = style.color();
        if colour.alpha <= 0.0 {
            return Ok(());
        }
        let size = style.size() as f32;
        let scale = self.scale(style.size());
        let font = self.font.as_scaled(scale);
        let width = self.advance(text, scale);
        // The em box split as the font splits its ascent and descent.
        let ascent = size * font.ascent() / (font.ascent() - font.descent());
        let descent = size - ascent;
        let Pos { h_pos, v_pos } = style.anchor();
        let left = match h_pos {
            HPos::Left => 0.0,
            HPos::Center => -width / 2.0,
            HPos::Right => -width,
        };
        let baseline = match v_pos {
            VPos::Top => ascent,
            VPos::Center => (ascent - descent) / 2.0,
            VPos::Bottom => -descent,
        };
        let transform = style.transform();
        let mut pen = left;
        let mut pixels = Vec::new();
        for c in text.chars() {
            let id = font.glyph_id(c);
            let glyph = id.with_scale_and_position(scale, point(pen, baseline));
            pen += font.h_advance(id);
            let Some(outline) = self.font.outline_glyph(glyph) else {
                continue;
            };
            let bounds = outline.px_bounds();
            outline.draw(|x, y, coverage| {
                let level = (coverage.clamp(0.0, 1.0) * COVERAGE_LEVELS).round() / COVERAGE_LEVELS;
                if level > 0.0 {
                    let dx = bounds.min.x as i32 + x as i32;
                    let dy = bounds.min.y as i32 + y as i32;
                    pixels.push((dx, dy, level));
                }
            });
        }
        for (dx, dy, level) in pixels {
            let (dx, dy) = transform.transform(dx, dy);
            let colour = BackendColor {
                alpha: colour.alpha * f64::from(level),
                rgb: colour.rgb,
            };
            self.bitmap.draw_pixel((pos.0 + dx, pos.1 + dy), colour)?;
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use deal_model::{preset, PRESETS};

    /// The picture as RGB bytes and the PNG's own header.
    fn decode(bytes: &[u8]) -> (png::OutputInfo, Vec<u8>) {
        let mut decoder = png::Decoder::new(std::io::Cursor::new(bytes));
        decoder.set_transformations(png::Transformations::EXPAND);
        let mut reader = decoder.read_info().expect("a PNG header");
        let mut rgb = vec![0; reader.output_buffer_size().unwrap()];
        let info = reader.next_frame(&mut rgb).expect("the picture decodes");
        rgb.truncate(info.buffer_size());
        let raw = reader.info();
        assert_eq!(raw.color_type, png::ColorType::Indexed);
        assert!(raw.palette.as_ref().unwrap().len() <= 256 * 3);
        (info, rgb)
    }

    /// How many pixels in the box `x0..x1`, `y0..y1` are exactly `colour`.
    fn count(rgb: &[u8], (x0, x1): (u32, u32), (y0, y1): (u32, u32), colour: RGBColor) -> usize {
        (y0..y1)
            .flat_map(|y| (x0..x1).map(move |x| ((y * WIDTH + x) * 3) as usize))
            .filter(|&i| rgb[i..i + 3] == [colour.0, colour.1, colour.2])
            .count()
    }

    fn presets() -> impl Iterator<Item = (Scenario, Option<&'static Preset>)> {
        std::iter::once((Scenario::default(), None)).chain(
            PRESETS
                .iter()
                .map(|p| (Scenario::default().with_preset(p), Some(p))),
        )
    }

    #[test]
    fn the_picture_is_a_small_1200_by_630_indexed_png() {
        let bytes = png(&Scenario::default(), None).unwrap();
        assert!(bytes.len() < 100_000, "{} bytes", bytes.len());
        let (info, rgb) = decode(&bytes);
        assert_eq!((info.width, info.height), (1200, 630));
        assert_eq!(info.color_type, png::ColorType::Rgb);
        assert_eq!(rgb.len(), 1200 * 630 * 3);
    }

    #[test]
    fn the_same_scenario_gives_the_same_bytes() {
        let bull = preset("bull").unwrap();
        let scenario = Scenario::default().with_preset(bull);
        assert_eq!(
            png(&scenario, Some(bull)).unwrap(),
            png(&scenario, Some(bull)).unwrap()
        );
        assert_ne!(
            png(&scenario, Some(bull)).unwrap(),
            png(&Scenario::default(), None).unwrap()
        );
    }

    #[test]
    fn the_header_and_both_charts_are_drawn_with_their_text() {
        let drawn = draw(&Scenario::default(), None).unwrap();
        let (_, rgb) = decode(&png(&Scenario::default(), None).unwrap());
        // The palette keeps the picture: at most a few anti-aliased edge pixels change colour.
        let changed = drawn
            .chunks_exact(3)
            .zip(rgb.chunks_exact(3))
            .filter(|(a, b)| a != b)
            .count();
        assert!(changed < 2_000, "{changed} pixels changed by the palette");

        let p = Theme::Light.palette();
        // The explorer's name and the scenario's sentence, in the text colour: glyphs' inner
        // pixels are fully covered.
        let name = count(&rgb, (28, 580), (16, 64), p.text);
        assert!(name > 2_000, "{name} pixels of the name");
        let sentence = count(&rgb, (28, 1172), (68, 130), p.text);
        assert!(sentence > 3_000, "{sentence} pixels of the sentence");
        // The label on the right, in the axis colour.
        assert!(count(&rgb, (700, 1172), (20, 60), p.axis) > 500);
        // Nothing but background in the margin left of the text.
        assert_eq!(count(&rgb, (0, 20), (0, 130), p.background), 20 * 130);

        // The revenue chart on the left: OpenAI's bars, Microsoft's payments, its title and
        // tick labels in the text colour.
        let left = ((0, 600), (HEADER, HEIGHT));
        assert!(count(&rgb, left.0, left.1, p.openai) > 20_000);
        assert!(count(&rgb, left.0, left.1, p.microsoft) > 500);
        assert!(count(&rgb, left.0, left.1, p.text) > 2_000);
        // The cap chart on the right: its cap line and Microsoft's line, and its text.
        let right = ((600, 1200), (HEADER, HEIGHT));
        assert!(count(&rgb, right.0, right.1, p.cap) > 1_000);
        assert!(count(&rgb, right.0, right.1, p.microsoft) > 1_000);
        assert!(count(&rgb, right.0, right.1, p.text) > 2_000);
        assert_eq!(count(&rgb, right.0, right.1, p.openai), 0);
    }

    /// A surface on `rgb`, 200 x 100 pixels, white.
    fn surface<'a, 'f>(rgb: &'a mut Vec<u8>, font: &'f FontRef<'f>) -> Surface<'a, 'f> {
        *rgb = vec![255; 200 * 100 * 3];
        Surface {
            bitmap: BitMapBackend::with_buffer(rgb, (200, 100)),
            font,
        }
    }

    /// The rows and columns of the non-white pixels, 200 x 100.
    fn ink(rgb: &[u8]) -> ((usize, usize), (usize, usize)) {
        let inked: Vec<(usize, usize)> = rgb
            .chunks_exact(3)
            .enumerate()
            .filter(|(_, p)| *p != [255, 255, 255])
            .map(|(i, _)| (i % 200, i / 200))
            .collect();
        let xs = inked.iter().map(|p| p.0);
        let ys = inked.iter().map(|p| p.1);
        (
            (xs.clone().min().unwrap(), xs.max().unwrap()),
            (ys.clone().min().unwrap(), ys.max().unwrap()),
        )
    }

    #[test]
    fn text_is_measured_and_placed_as_a_canvas_places_it() {
        let font = FontRef::try_from_slice(FONT).unwrap();
        let mut rgb = Vec::new();
        let black = |h, v| {
            (FontFamily::SansSerif, 40.0)
                .into_font()
                .color(&RGBColor(0, 0, 0))
                .pos(Pos::new(h, VPos::Top))
                .pos(Pos::new(h, v))
        };
        // Measured: DejaVu Sans is 1.164 em from ascent to descent; "HH" is two advances.
        let (width, height) = surface(&mut rgb, &font)
            .estimate_text_size("HH", &black(HPos::Left, VPos::Top))
            .unwrap();
        assert_eq!(height, 47, "ceil(40 x 1.164)");
        assert!((58..=62).contains(&width), "{width}");

        // Hung from the top of the em box: the capital's top is below the anchor, its foot
        // within the em.
        let mut s = surface(&mut rgb, &font);
        s.draw_text("H", &black(HPos::Left, VPos::Top), (20, 10))
            .unwrap();
        drop(s);
        let ((left, right), (top, bottom)) = ink(&rgb);
        assert!((21..=25).contains(&left), "{left}");
        assert!(right < 20 + 30, "{right}");
        assert!((10..=15).contains(&top), "{top}");
        assert!((38..=43).contains(&bottom), "{bottom}");

        // Centred both ways about the anchor, and ending at it when anchored right.
        let mut s = surface(&mut rgb, &font);
        s.draw_text("H", &black(HPos::Center, VPos::Center), (100, 50))
            .unwrap();
        drop(s);
        let ((left, right), (top, bottom)) = ink(&rgb);
        assert!((left + right).abs_diff(200) <= 2, "{left}..{right}");
        assert!((top + bottom).abs_diff(100) <= 12, "{top}..{bottom}");
        let mut s = surface(&mut rgb, &font);
        s.draw_text("H", &black(HPos::Right, VPos::Bottom), (150, 90))
            .unwrap();
        drop(s);
        let ((_, right), (_, bottom)) = ink(&rgb);
        assert!((145..150).contains(&right), "{right}");
        assert!(bottom < 90, "{bottom}");
    }

    #[test]
    fn a_character_the_font_lacks_is_an_error_not_an_empty_box() {
        let font = FontRef::try_from_slice(FONT).unwrap();
        let mut rgb = Vec::new();
        let style = (FontFamily::SansSerif, 12.0)
            .into_font()
            .color(&RGBColor(0, 0, 0));
        let mut s = surface(&mut rgb, &font);
        let err = s.draw_text("done ✓", &style, (0, 0)).unwrap_err();
        assert!(err.to_string().contains("U+2713"), "{err}");
        assert!(s.estimate_text_size("✓", &style).is_err());
        // What the charts write: dashes, minus signs, quotes, an ellipsis.
        assert!(s.draw_text("–−—“”‘’…×±°·→é", &style, (0, 0)).is_ok());
    }

    #[test]
    fn every_preset_draws_every_character_in_the_font() {
        // A missing glyph is an error, so drawing each picture checks all of its text.
        for (scenario, preset) in presets() {
            draw(&scenario, preset).unwrap();
        }
        // Corners whose sentences and labels read differently.
        for corner in [
            Scenario {
                cap: 0.0,
                ..Scenario::default()
            },
            Scenario {
                cap: 200.0,
                ..Scenario::default()
            },
            Scenario {
                rate: 0.0,
                ..Scenario::default()
            },
        ] {
            draw(&corner, None).unwrap();
        }
    }

    #[test]
    fn the_headline_is_the_summarys_first_sentence() {
        let s = Scenario::default();
        let l = Ledger::compute(&s);
        assert_eq!(
            headline(&s, &l),
            "The $38B cap is reached in 2029, so OpenAI pays Microsoft $38B in total under \
             the new terms, against $96B under the old terms through 2030."
        );
        for (scenario, _) in presets() {
            let l = Ledger::compute(&scenario);
            let (first, all) = (headline(&scenario, &l), summary(&scenario, &l));
            assert!(
                all.starts_with(&first) && all.len() > first.len() + 20,
                "{all}"
            );
            assert!(
                first.ends_with('.') && first.chars().count() <= 200,
                "{first}"
            );
        }
    }

    #[test]
    fn the_alt_text_says_what_the_charts_show_and_the_pictures_sentence() {
        let alt = alt(&Scenario::default(), None);
        assert_eq!(
            alt,
            "OpenAI–Microsoft deal explorer charts. At the explorer's default inputs. The $38B cap \
             is reached in 2029, so OpenAI pays Microsoft $38B in total under the new terms, \
             against $96B under the old terms through 2030."
        );
        for (scenario, preset) in presets() {
            let alt = super::alt(&scenario, preset);
            assert!(
                alt.chars().count() <= 420,
                "{} characters: {alt}",
                alt.len()
            );
        }
        let bull = preset("bull").unwrap();
        let alt = super::alt(&Scenario::default().with_preset(bull), Some(bull));
        assert!(
            alt.starts_with(
                "OpenAI–Microsoft deal explorer charts. Bull case, OpenAI's 2030 revenue $280B. "
            ),
            "{alt}"
        );
    }
}
