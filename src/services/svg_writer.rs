//! The chart download's SVG, written by hand rather than by plotters' SVG backend.
//!
//! plotters writes font sizes and opacities with `f64`'s `Display`, which links Rust's float
//! formatting into the wasm (about 4.7 KB gzip), and it writes every font size divided by 1.24.
//! Here every number is written as an integer, a fraction from its integer hundredths, and a
//! font size as given: the size the text was measured at. The elements and attributes are
//! plotters' own, so the file looks as it did (the background's `fill="#161B22"`, the text's
//! `dy` for its vertical anchor), less the attributes that say what SVG assumes anyway
//! (`opacity="1"`).

use std::fmt::Write;

use plotters_backend::text_anchor::{HPos, Pos, VPos};
use plotters_backend::{BackendColor, BackendCoord, BackendTextStyle, FontStyle, FontTransform};

const HEX: &[u8; 16] = b"0123456789ABCDEF";

/// Writes one SVG document into a `String`; the closing tag goes in on [`SvgWriter::finish`]
/// or, failing that, on drop, as plotters' backend does it on `present`.
pub struct SvgWriter<'a> {
    out: &'a mut String,
    size: (u32, u32),
    finished: bool,
}

/// What a text is drawn in, taken out of a plotters text style so that the writing is not
/// generic: one copy in the wasm for every kind of text style.
struct Look<'s> {
    family: &'s str,
    size: f64,
    style: FontStyle,
    anchor: Pos,
    transform: FontTransform,
    colour: BackendColor,
}

impl<'a> SvgWriter<'a> {
    pub fn new(out: &'a mut String, (width, height): (u32, u32)) -> Self {
        let mut writer = SvgWriter {
            out,
            size: (width, height),
            finished: false,
        };
        writer.out.push_str("<svg");
        writer.number("width", width.into());
        writer.number("height", height.into());
        writer.out.push_str(" viewBox=\"0 0 ");
        push_int(writer.out, width.into());
        writer.out.push(' ');
        push_int(writer.out, height.into());
        writer
            .out
            .push_str("\" xmlns=\"http://www.w3.org/2000/svg\">\n");
        writer
    }

    pub fn size(&self) -> (u32, u32) {
        self.size
    }

    /// Closes the document; once only.
    pub fn finish(&mut self) {
        if !self.finished {
            self.out.push_str("</svg>\n");
            self.finished = true;
        }
    }

    pub fn pixel(&mut self, (x, y): BackendCoord, colour: BackendColor) {
        self.rect((x, y), (x + 1, y + 1), colour, true, 1);
    }

    pub fn line(&mut self, from: BackendCoord, to: BackendCoord, colour: BackendColor, width: u32) {
        if colour.alpha == 0.0 {
            return;
        }
        self.out.push_str("<line");
        self.paint("stroke", colour);
        self.number("stroke-width", width.into());
        self.number("x1", from.0.into());
        self.number("y1", from.1.into());
        self.number("x2", to.0.into());
        self.number("y2", to.1.into());
        self.out.push_str("/>\n");
    }

    pub fn rect(
        &mut self,
        (x0, y0): BackendCoord,
        (x1, y1): BackendCoord,
        colour: BackendColor,
        fill: bool,
        width: u32,
    ) {
        if colour.alpha == 0.0 {
            return;
        }
        self.out.push_str("<rect");
        self.number("x", x0.into());
        self.number("y", y0.into());
        self.number("width", i64::from(x1) - i64::from(x0));
        self.number("height", i64::from(y1) - i64::from(y0));
        self.fill_or_stroke(colour, fill, width);
        self.out.push_str("/>\n");
    }

    pub fn circle(
        &mut self,
        (x, y): BackendCoord,
        radius: u32,
        colour: BackendColor,
        fill: bool,
        width: u32,
    ) {
        if colour.alpha == 0.0 {
            return;
        }
        self.out.push_str("<circle");
        self.number("cx", x.into());
        self.number("cy", y.into());
        self.number("r", radius.into());
        self.fill_or_stroke(colour, fill, width);
        self.out.push_str("/>\n");
    }

    /// An open line through `points`.
    pub fn polyline(
        &mut self,
        points: &mut dyn Iterator<Item = BackendCoord>,
        colour: BackendColor,
        width: u32,
    ) {
        if colour.alpha == 0.0 {
            return;
        }
        self.out.push_str("<polyline fill=\"none\"");
        self.paint("stroke", colour);
        self.number("stroke-width", width.into());
        self.points(points);
        self.out.push_str("/>\n");
    }

    /// A filled shape with corners at `points`.
    pub fn polygon(
        &mut self,
        points: &mut dyn Iterator<Item = BackendCoord>,
        colour: BackendColor,
    ) {
        if colour.alpha == 0.0 {
            return;
        }
        self.out.push_str("<polygon");
        self.paint("fill", colour);
        self.points(points);
        self.out.push_str("/>\n");
    }

    /// `text` anchored at `at` as the style says, in the style's font at the style's size.
    pub fn text<S: BackendTextStyle>(&mut self, text: &str, style: &S, at: BackendCoord) {
        let family = style.family();
        let look = Look {
            family: family.as_str(),
            size: style.size(),
            style: style.style(),
            anchor: style.anchor(),
            transform: style.transform(),
            colour: style.color(),
        };
        self.write_text(text, &look, at);
    }

    #[inline(never)]
    fn write_text(&mut self, text: &str, look: &Look<'_>, (x, y): BackendCoord) {
        if look.colour.alpha == 0.0 {
            return;
        }
        self.out.push_str("<text");
        self.number("x", x.into());
        self.number("y", y.into());
        // plotters' offsets for the vertical anchor, which every SVG viewer honours (not all
        // honour `dominant-baseline`).
        self.text_attr(
            "dy",
            match look.anchor.v_pos {
                VPos::Top => "0.76em",
                VPos::Center => "0.5ex",
                VPos::Bottom => "-0.5ex",
            },
        );
        self.text_attr(
            "text-anchor",
            match look.anchor.h_pos {
                HPos::Left => "start",
                HPos::Center => "middle",
                HPos::Right => "end",
            },
        );
        self.text_attr("font-family", look.family);
        self.out.push_str(" font-size=\"");
        push_decimal(self.out, look.size);
        self.out.push('"');
        self.paint("fill", look.colour);
        match look.style {
            FontStyle::Normal => {}
            FontStyle::Bold => self.text_attr("font-weight", "bold"),
            other => self.text_attr("font-style", other.as_str()),
        }
        let degrees = match look.transform {
            FontTransform::None => 0,
            FontTransform::Rotate90 => 90,
            FontTransform::Rotate180 => 180,
            FontTransform::Rotate270 => 270,
        };
        if degrees != 0 {
            self.out.push_str(" transform=\"rotate(");
            for (i, n) in [degrees, x, y].into_iter().enumerate() {
                if i > 0 {
                    self.out.push_str(", ");
                }
                push_int(self.out, n.into());
            }
            self.out.push_str(")\"");
        }
        self.out.push('>');
        push_escaped(self.out, text);
        self.out.push_str("</text>\n");
    }

    fn fill_or_stroke(&mut self, colour: BackendColor, fill: bool, width: u32) {
        if fill {
            self.paint("fill", colour);
            self.text_attr("stroke", "none");
        } else {
            self.text_attr("fill", "none");
            self.paint("stroke", colour);
            self.number("stroke-width", width.into());
        }
    }

    /// ` fill="#RRGGBB"` (or `stroke`), and the colour's opacity when it is not opaque: on the
    /// element, as plotters writes it, since an element here is either filled or stroked.
    fn paint(&mut self, name: &str, colour: BackendColor) {
        self.out.push(' ');
        self.out.push_str(name);
        self.out.push_str("=\"#");
        let (r, g, b) = colour.rgb;
        for byte in [r, g, b] {
            for nibble in [byte >> 4, byte & 0xF] {
                self.out.push(char::from(HEX[usize::from(nibble)]));
            }
        }
        self.out.push('"');
        if colour.alpha < 1.0 {
            self.out.push_str(" opacity=\"");
            push_decimal(self.out, colour.alpha);
            self.out.push('"');
        }
    }

    fn points(&mut self, points: &mut dyn Iterator<Item = BackendCoord>) {
        self.out.push_str(" points=\"");
        for (i, (x, y)) in points.enumerate() {
            if i > 0 {
                self.out.push(' ');
            }
            push_int(self.out, x.into());
            self.out.push(',');
            push_int(self.out, y.into());
        }
        self.out.push('"');
    }

    fn number(&mut self, name: &str, value: i64) {
        self.out.push(' ');
        self.out.push_str(name);
        self.out.push_str("=\"");
        push_int(self.out, value);
        self.out.push('"');
    }

    fn text_attr(&mut self, name: &str, value: &str) {
        self.out.push(' ');
        self.out.push_str(name);
        self.out.push_str("=\"");
        push_escaped(self.out, value);
        self.out.push('"');
    }
}

impl Drop for SvgWriter<'_> {
    fn drop(&mut self) {
        self.finish();
    }
}

fn push_int(out: &mut String, value: i64) {
    let _ = write!(out, "{value}");
}

/// `value` to two decimals, trailing zeros dropped (12.5, 12, 0.85, 0.05), from its integer
/// hundredths: no float formatting. Rounds half away from zero with `floor`, which the wasm
/// has as one instruction.
fn push_decimal(out: &mut String, value: f64) {
    // `as` saturates, and takes NaN to 0.
    let hundredths = (value.abs() * 100.0 + 0.5).floor() as u64;
    if value < 0.0 && hundredths != 0 {
        out.push('-');
    }
    let _ = write!(out, "{}", hundredths / 100);
    let mut rest = hundredths % 100;
    let mut place = 10;
    if rest != 0 {
        out.push('.');
    }
    while rest != 0 {
        out.push(char::from(b'0' + (rest / place) as u8));
        rest %= place;
        place /= 10;
    }
}

/// Text and attribute values with XML's five special characters as entities.
fn push_escaped(out: &mut String, text: &str) {
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            c => out.push(c),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::charts::{Chart, Theme};
    use crate::services::export::chart_svg;
    use deal_model::{Ledger, Scenario};
    use plotters::prelude::{IntoFont, RGBColor};
    use plotters::style::{Color, TextStyle};

    fn decimal(value: f64) -> String {
        let mut out = String::new();
        push_decimal(&mut out, value);
        out
    }

    fn colour(rgb: (u8, u8, u8), alpha: f64) -> BackendColor {
        BackendColor { rgb, alpha }
    }

    /// Every tag closed, in order, and no `<`, `>` or `&` outside tags and entities: enough
    /// of XML's well-formedness for a file a browser must open on its own.
    fn assert_well_formed(svg: &str) {
        let body = svg
            .strip_prefix("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n")
            .unwrap_or(svg);
        let mut open = Vec::new();
        let mut rest = body;
        let mut roots = 0;
        while let Some(start) = rest.find('<') {
            assert_plain(&rest[..start]);
            let end = rest[start..].find('>').expect("a tag ends") + start;
            let tag = &rest[start + 1..end];
            assert_eq!(tag.matches('"').count() % 2, 0, "quotes in <{tag}>");
            assert!(!tag.contains('<'), "a '<' in <{tag}>");
            for value in tag.split('"').skip(1).step_by(2) {
                assert_plain(value);
            }
            if let Some(name) = tag.strip_prefix('/') {
                assert_eq!(open.pop(), Some(name), "</{name}> closes what is open");
            } else if !tag.ends_with('/') {
                if open.is_empty() {
                    roots += 1;
                }
                open.push(tag.split(' ').next().expect("a name"));
            }
            rest = &rest[end + 1..];
        }
        assert_plain(rest);
        assert!(rest.trim().is_empty(), "nothing after the root: {rest:?}");
        assert!(open.is_empty(), "left open: {open:?}");
        assert_eq!(roots, 1, "one root element");
    }

    fn assert_plain(text: &str) {
        assert!(!text.contains('>'), "a raw '>' in {text:?}");
        for (at, _) in text.match_indices('&') {
            let entity = &text[at..];
            assert!(
                ["&amp;", "&lt;", "&gt;", "&quot;", "&apos;"]
                    .iter()
                    .any(|e| entity.starts_with(e)),
                "a raw '&' in {text:?}"
            );
        }
    }

    #[test]
    fn fractions_are_written_to_two_decimals_without_trailing_zeros() {
        assert_eq!(decimal(12.5), "12.5");
        assert_eq!(decimal(12.0), "12");
        assert_eq!(decimal(0.85), "0.85");
        assert_eq!(decimal(0.05), "0.05");
        assert_eq!(decimal(0.5), "0.5");
        assert_eq!(decimal(15.000_000_000_000_002), "15");
        assert_eq!(decimal(1.999), "2");
        assert_eq!(decimal(12.345), "12.35");
        assert_eq!(decimal(-1.5), "-1.5");
        assert_eq!(decimal(-0.001), "0");
        assert_eq!(decimal(0.0), "0");
        assert_eq!(decimal(1234.0), "1234");
    }

    #[test]
    fn a_small_document_is_written_as_plotters_would_less_its_defaults() {
        let mut out = String::new();
        {
            let mut svg = SvgWriter::new(&mut out, (40, 30));
            svg.rect((0, 0), (40, 30), colour((0x16, 0x1B, 0x22), 1.0), true, 1);
            svg.rect((1, 2), (5, 7), colour((255, 0, 10), 0.85), false, 2);
            svg.line((0, 1), (3, -4), colour((1, 2, 3), 1.0), 1);
            svg.polyline(&mut [(0, 0), (5, 6)].into_iter(), colour((0, 0, 0), 1.0), 2);
            svg.polygon(
                &mut [(0, 0), (5, 6), (7, 0)].into_iter(),
                colour((0, 0, 0), 0.5),
            );
            svg.circle((4, 5), 3, colour((0xAB, 0xCD, 0xEF), 1.0), true, 1);
            svg.pixel((9, 9), colour((0, 0, 0), 0.0));
            svg.finish();
            svg.finish();
        }
        assert_eq!(
            out,
            "<svg width=\"40\" height=\"30\" viewBox=\"0 0 40 30\" xmlns=\"http://www.w3.org/2000/svg\">\n\
             <rect x=\"0\" y=\"0\" width=\"40\" height=\"30\" fill=\"#161B22\" stroke=\"none\"/>\n\
             <rect x=\"1\" y=\"2\" width=\"4\" height=\"5\" fill=\"none\" stroke=\"#FF000A\" opacity=\"0.85\" stroke-width=\"2\"/>\n\
             <line stroke=\"#010203\" stroke-width=\"1\" x1=\"0\" y1=\"1\" x2=\"3\" y2=\"-4\"/>\n\
             <polyline fill=\"none\" stroke=\"#000000\" stroke-width=\"2\" points=\"0,0 5,6\"/>\n\
             <polygon fill=\"#000000\" opacity=\"0.5\" points=\"0,0 5,6 7,0\"/>\n\
             <circle cx=\"4\" cy=\"5\" r=\"3\" fill=\"#ABCDEF\" stroke=\"none\"/>\n\
             </svg>\n"
        );
    }

    #[test]
    fn the_document_is_closed_when_dropped_unfinished() {
        let mut out = String::new();
        drop(SvgWriter::new(&mut out, (1, 1)));
        assert!(out.ends_with("\">\n</svg>\n"), "{out}");
        assert_well_formed(&out);
    }

    #[test]
    fn text_is_escaped_and_sized_as_given() {
        let mut out = String::new();
        {
            let mut svg = SvgWriter::new(&mut out, (100, 100));
            let font = ("Font \"A\" & B", 12.5).into_font();
            let translucent = RGBColor(1, 2, 3).mix(0.85);
            let style = TextStyle::from(font)
                .color(&translucent)
                .pos(Pos::new(HPos::Right, VPos::Top))
                .transform(FontTransform::Rotate270);
            svg.text("OpenAI's <cap> & \"take\"", &style, (10, 20));
            let bold = TextStyle::from(("sans-serif", 12.0).into_font().style(FontStyle::Bold))
                .pos(Pos::new(HPos::Center, VPos::Center));
            svg.text("bold", &bold, (0, 5));
        }
        assert!(
            out.contains(
                "<text x=\"10\" y=\"20\" dy=\"0.76em\" text-anchor=\"end\" \
                 font-family=\"Font &quot;A&quot; &amp; B\" font-size=\"12.5\" fill=\"#010203\" \
                 opacity=\"0.85\" transform=\"rotate(270, 10, 20)\">\
                 OpenAI&apos;s &lt;cap&gt; &amp; &quot;take&quot;</text>\n"
            ),
            "{out}"
        );
        assert!(
            out.contains(
                "<text x=\"0\" y=\"5\" dy=\"0.5ex\" text-anchor=\"middle\" font-family=\"sans-serif\" \
                 font-size=\"12\" fill=\"#000000\" font-weight=\"bold\">bold</text>\n"
            ),
            "{out}"
        );
        assert_well_formed(&out);
    }

    #[test]
    fn every_chart_downloads_as_well_formed_svg_in_both_themes() {
        let ledger = Ledger::compute(&Scenario::default());
        let scene = crate::charts::Scene::plain(&ledger, 38.0, 2030);
        for chart in Chart::ALL {
            for theme in [Theme::Light, Theme::Dark] {
                let svg = chart_svg(chart, &scene, theme, 800, 450).expect("the chart draws");
                assert_well_formed(&svg);
                assert!(svg.matches("<text ").count() > 3, "{chart:?} has text");
                assert!(!svg.contains("opacity=\"1\""), "opaque is the default");
            }
        }
        // A label with an apostrophe, escaped.
        let svg = chart_svg(Chart::Traded, &scene, Theme::Light, 800, 450).expect("draws");
        assert!(svg.contains("OpenAI&apos;s"), "{svg}");
    }

    #[test]
    fn the_check_for_well_formedness_can_fail() {
        for bad in [
            "<svg><text>a</svg>",
            "<svg><text>a & b</text></svg>",
            "<svg a=\"<\"/>",
            "<svg></svg><svg></svg>",
            "<svg>",
        ] {
            let failed = std::panic::catch_unwind(|| assert_well_formed(bad)).is_err();
            assert!(failed, "{bad} passed");
        }
    }
}
