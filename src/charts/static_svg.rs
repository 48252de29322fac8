//! A chart as a small inline SVG for the page the build prerenders (`xtask prerender`): drawn
//! by the same code as the canvas, through plotters' SVG backend, then written compactly, since
//! its bytes count in the first view's budget.
//!
//! plotters writes one element per stroke with every attribute spelled out, and a dashed line
//! as a polyline per dash. Here consecutive strokes of one style become one `<path>`, and so
//! do a series' markers (closed subpaths), the default attributes go, and each palette colour
//! becomes a class (`Fm` fills with Microsoft's
//! colour, `Sm` strokes with it) whose colour the stylesheet sets per theme, so the picture
//! follows the reader's dark mode before any script runs. Native only: the page draws its
//! charts on a canvas.

use std::fmt::Write;

use plotters::prelude::{IntoDrawingArea, SVGBackend};
use plotters::style::RGBColor;

use super::{Chart, Layers, Style, Theme};

/// The size the chart is drawn at; the SVG scales to the box the stylesheet gives the canvas
/// (the same width and 16:9), as the canvas would be drawn at the box's own size.
pub const SIZE: (u32, u32) = (720, 405);

/// Each palette colour's letter in the class names, and the colour in both themes, for the
/// stylesheet's custom properties (a test holds `assets/style.css` to these).
pub fn palette_letters() -> [(char, RGBColor, RGBColor); 11] {
    let [l, d] = [Theme::Light.palette(), Theme::Dark.palette()];
    [
        ('b', l.background, d.background),
        ('t', l.text, d.text),
        ('g', l.grid, d.grid),
        ('a', l.axis, d.axis),
        ('m', l.microsoft, d.microsoft),
        ('o', l.openai, d.openai),
        ('x', l.others, d.others),
        ('l', l.old_terms, d.old_terms),
        ('c', l.cap, d.cap),
        ('h', l.highlight, d.highlight),
        ('q', l.ghost, d.ghost),
    ]
}

/// The stylesheet rules the classes need: each palette colour as a custom property that
/// `light-dark()` resolves by the page's colour scheme, as the rest of the page does, and a
/// class per fill and stroke. Added to the page's stylesheet only when a view is prerendered.
pub fn stylesheet() -> String {
    // `:where` gives the default no weight, so a filled marker path's class fills it.
    let mut css = String::from(":where(.chart path){fill:none}.chart text{font-family:sans-serif;fill:var(--kt)}.w2{stroke-width:2}.chart{");
    for (letter, light, dark) in palette_letters() {
        let _ = write!(css, "--k{letter}:light-dark({},{});", hex(light), hex(dark));
    }
    css.push('}');
    for (letter, _, _) in palette_letters() {
        let _ = write!(
            css,
            ".F{letter}{{fill:var(--k{letter})}}.S{letter}{{stroke:var(--k{letter})}}"
        );
    }
    css
}

/// The chart drawn for the light theme and written compactly, as `<svg class="chart">` with
/// the canvas's data attribute and accessible name.
pub fn render(chart: Chart, layers: &Layers, label: &str) -> Result<String, String> {
    let mut raw = String::new();
    {
        let area = SVGBackend::with_string(&mut raw, SIZE).into_drawing_area();
        chart
            .draw(&area, &layers.scene(), &Style::default())
            .map_err(|err| format!("drawing {chart:?}: {err}"))?;
        area.present().map_err(|err| err.to_string())?;
    }
    let (width, height) = SIZE;
    let mut body = String::new();
    // The size most labels have is written once, on the root, and inherited.
    let size = compact(&raw, &mut body)?;
    Ok(format!(
        "<svg class=\"chart\" data-chart=\"{}\" data-prerendered=\"\" role=\"img\" aria-label=\"{}\" \
         viewBox=\"0 0 {width} {height}\" font-size=\"{}\">{body}</svg>",
        chart.slug(),
        deal_model::escape_attribute(label),
        rounded(size),
    ))
}

/// One element of plotters' SVG: its tag, attributes in order, and text content.
struct Element<'a> {
    tag: &'a str,
    attributes: Vec<(&'a str, &'a str)>,
    text: &'a str,
}

impl<'a> Element<'a> {
    fn get(&self, name: &str) -> Option<&'a str> {
        self.attributes
            .iter()
            .find(|(key, _)| *key == name)
            .map(|(_, value)| *value)
    }
}

/// The elements of plotters' SVG output, which writes each on its own, with `"`-quoted
/// attributes and no nesting but text inside `<text>`.
fn elements(svg: &str) -> Result<Vec<Element<'_>>, String> {
    let mut found = Vec::new();
    let mut rest = svg;
    while let Some(start) = rest.find('<') {
        rest = &rest[start + 1..];
        if rest.starts_with('/') {
            let end = rest.find('>').ok_or("unclosed end tag")?;
            rest = &rest[end + 1..];
            continue;
        }
        let end = rest.find('>').ok_or("unclosed tag")?;
        let inside = &rest[..end];
        rest = &rest[end + 1..];
        let self_closing = inside.ends_with('/');
        let inside = inside.trim_end_matches('/');
        let (tag, mut attrs) = inside.split_once(' ').unwrap_or((inside, ""));
        let mut attributes = Vec::new();
        while let Some(eq) = attrs.find("=\"") {
            let name = attrs[..eq].trim();
            let after = &attrs[eq + 2..];
            let close = after.find('"').ok_or("unquoted attribute")?;
            attributes.push((name, &after[..close]));
            attrs = &after[close + 1..];
        }
        let mut text = "";
        if !self_closing && tag != "svg" {
            let close = rest.find("</").ok_or("element without its end tag")?;
            text = rest[..close].trim();
            rest = &rest[close..];
        }
        found.push(Element {
            tag,
            attributes,
            text,
        });
    }
    Ok(found)
}

/// A colour as plotters writes it (`#0B5CAD`) as a class with the palette's letter.
fn colour_class(kind: char, value: &str) -> Result<String, String> {
    palette_letters()
        .iter()
        .find(|(_, light, _)| hex(*light).eq_ignore_ascii_case(value))
        .map(|(letter, _, _)| format!("{kind}{letter}"))
        .ok_or_else(|| format!("{value} is not a palette colour"))
}

pub fn hex(colour: RGBColor) -> String {
    format!("#{:02x}{:02x}{:02x}", colour.0, colour.1, colour.2)
}

/// The classes and extra attributes of an element's paint: fill and stroke as palette classes,
/// a stroke width other than 1 as a class (`w2`) or attribute, opacity other than 1.
fn paint(element: &Element, out: &mut String) -> Result<(), String> {
    let mut classes = Vec::new();
    if let Some(fill) = element.get("fill").filter(|f| *f != "none") {
        classes.push(colour_class('F', fill)?);
    }
    let stroke = element.get("stroke").filter(|s| *s != "none");
    if let Some(stroke) = stroke {
        classes.push(colour_class('S', stroke)?);
        match element.get("stroke-width") {
            None | Some("1") => {}
            Some("2") => classes.push("w2".into()),
            Some(width) => classes.push(format!("w{}", width.replace('.', "_"))),
        }
    }
    if !classes.is_empty() {
        let _ = write!(out, " class=\"{}\"", classes.join(" "));
    }
    if let Some(opacity) = element.get("opacity").filter(|o| *o != "1") {
        let _ = write!(out, " opacity=\"{opacity}\"");
    }
    Ok(())
}

/// A stroke's points as path data relative to the pen's last position, after the path's one
/// absolute move: `h` and `v` for level and upright segments, pairs for the rest (`m4 0l6 3`);
/// a command goes unwritten where it repeats, and signs double as separators.
fn path_data(points: &[(i64, i64)], pen: &mut Option<(i64, i64)>, out: &mut String) {
    for (i, &(x, y)) in points.iter().enumerate() {
        let Some((px, py)) = *pen else {
            let _ = write!(out, "M{x} {y}");
            *pen = Some((x, y));
            continue;
        };
        let (dx, dy) = (x - px, y - py);
        // After `m`, pairs are lines (`l`); after the absolute `M`, absolute ones: write `l`.
        let last =
            out.chars()
                .rev()
                .find(char::is_ascii_alphabetic)
                .map(|c| if c == 'm' { 'l' } else { c });
        let (command, numbers) = match (i, dx, dy) {
            (0, ..) => ('m', [Some(dx), Some(dy)]),
            (_, _, 0) => ('h', [Some(dx), None]),
            (_, 0, _) => ('v', [Some(dy), None]),
            _ => ('l', [Some(dx), Some(dy)]),
        };
        if last != Some(command) || command == 'm' {
            out.push(command);
        }
        for d in numbers.into_iter().flatten() {
            if d >= 0 && out.ends_with(|c: char| c.is_ascii_digit()) {
                out.push(' ');
            }
            let _ = write!(out, "{d}");
        }
        *pen = Some((x, y));
    }
}

/// Plotters' `points` (`"10,37 32,37 "`) as numbers.
fn points(text: &str) -> Result<Vec<(i64, i64)>, String> {
    text.split_whitespace()
        .map(|point| {
            let (x, y) = point.split_once(',').ok_or("a point without a comma")?;
            let number = |v: &str| v.parse::<f64>().map(|v| v.round() as i64);
            Ok((
                number(x).map_err(|_| "a point's x")?,
                number(y).map_err(|_| "a point's y")?,
            ))
        })
        .collect()
}

/// Writes the elements compactly and returns the text size it left to the root.
fn compact(raw: &str, out: &mut String) -> Result<f64, String> {
    let elements = elements(raw)?;
    // The default text size, left to the stylesheet: the one most labels have.
    let mut sizes: Vec<(&str, usize)> = Vec::new();
    for size in elements.iter().filter_map(|e| e.get("font-size")) {
        match sizes.iter_mut().find(|(s, _)| *s == size) {
            Some((_, count)) => *count += 1,
            None => sizes.push((size, 1)),
        }
    }
    let common = sizes
        .iter()
        .max_by_key(|(_, count)| *count)
        .map(|(s, _)| *s);
    // The open `<path>`, the paint it was opened with and its pen: strokes of the same paint
    // join it.
    let mut open: Option<String> = None;
    let mut run = Vec::new();
    // The open run of filled shapes of one paint (a series' markers, a band): one `<path>`.
    let mut marked: Option<(String, Vec<Shape>)> = None;
    // Labels met while a run of strokes is open wait for its end, so that an axis's ticks,
    // each drawn after its label, join one path. Labels and the strokes beside them do not
    // overlap, so the order they paint in shows nowhere.
    let mut held = String::new();
    let mut index = 0;
    while index < elements.len() {
        let element = &elements[index];
        index += 1;
        let mut painted = String::new();
        paint(element, &mut painted)?;
        let shape = match element.tag {
            "line" => {
                let at = |name| element.get(name).unwrap_or("0");
                points(&format!(
                    "{},{} {},{}",
                    at("x1"),
                    at("y1"),
                    at("x2"),
                    at("y2")
                ))?
            }
            "polyline" => points(element.get("points").unwrap_or(""))?,
            _ => Vec::new(),
        };
        if !shape.is_empty() {
            markers(marked.take(), out);
            if open.as_deref() != Some(painted.as_str()) {
                close(open.take(), &mut run, &mut held, out);
                open = Some(painted);
            }
            run.push(shape);
            continue;
        }
        if element.tag == "text" && open.is_some() {
            text(element, &painted, common, &mut held)?;
            continue;
        }
        close(open.take(), &mut run, &mut held, out);
        if matches!(element.tag, "circle" | "polygon") {
            // Plotters fills a marker, then strokes its outline as the next element: one
            // shape here, with both paints.
            if let Some(outline) = elements.get(index).filter(|next| outlines(element, next)) {
                let mut stroke = String::new();
                paint(outline, &mut stroke)?;
                painted = merge_classes(&painted, &stroke);
                index += 1;
            }
            let shape = Shape::of(element)?;
            match &mut marked {
                Some((paint, shapes)) if *paint == painted => shapes.push(shape),
                _ => {
                    markers(marked.take(), out);
                    marked = Some((painted, vec![shape]));
                }
            }
            continue;
        }
        markers(marked.take(), out);
        match element.tag {
            "svg" => {}
            "text" => text(element, &painted, common, out)?,
            "rect" => {
                out.push_str("<rect");
                for (name, value) in &element.attributes {
                    if matches!(*name, "x" | "y" | "width" | "height") {
                        let _ = write!(out, " {name}=\"{}\"", value.trim());
                    }
                }
                out.push_str(&painted);
                out.push_str("/>");
            }
            other => {
                return Err(format!(
                    "plotters wrote a <{other}>, which is not written here"
                ))
            }
        }
    }
    close(open, &mut run, &mut held, out);
    markers(marked, out);
    Ok(common.and_then(|size| size.parse().ok()).unwrap_or(10.0))
}

/// A label, without what the root or the stylesheet already says.
fn text(
    element: &Element,
    painted: &str,
    common: Option<&str>,
    out: &mut String,
) -> Result<(), String> {
    out.push_str("<text");
    for (name, value) in &element.attributes {
        match *name {
            "x" | "y" | "dy" | "transform" => {
                let _ = write!(out, " {name}=\"{value}\"");
            }
            "text-anchor" if *value != "start" => {
                let _ = write!(out, " {name}=\"{value}\"");
            }
            "font-size" if Some(*value) != common => {
                let size: f64 = value.parse().map_err(|_| "font size")?;
                let _ = write!(out, " font-size=\"{}\"", rounded(size));
            }
            _ => {}
        }
    }
    // Text is the text colour unless it says otherwise (the stylesheet's default).
    if painted != " class=\"Ft\"" {
        out.push_str(painted);
    }
    let _ = write!(out, ">{}</text>", element.text);
    Ok(())
}

/// Writes the open run of strokes, then the labels held back while it was open.
fn close(
    open: Option<String>,
    run: &mut Vec<Vec<(i64, i64)>>,
    held: &mut String,
    out: &mut String,
) {
    strokes(open, run, out);
    out.push_str(held);
    held.clear();
}

/// Writes a run of consecutive strokes of one paint as `<path>`s: the dashes of a dashed line
/// (plotters draws each as its own stroke) as the one line they trace with the dash pattern
/// they show, the rest as one path; each line without the points that bend it by less than
/// half a pixel, which the canvas's own drawing would not show either.
fn strokes(paint: Option<String>, run: &mut Vec<Vec<(i64, i64)>>, out: &mut String) {
    let Some(paint) = paint else {
        run.clear();
        return;
    };
    let mut plain = Vec::new();
    let mut rest = run.drain(..).peekable();
    while let Some(first) = rest.next() {
        let mut dashes = vec![first];
        while let Some(next) = rest.next_if(|next| {
            dashes
                .last()
                .and_then(|last| last.last().zip(next.first()))
                .is_some_and(|(end, start)| (1.0..=DASH_MAX).contains(&distance(*end, *start)))
        }) {
            dashes.push(next);
        }
        match dash_pattern(&dashes) {
            Some((dash, gap)) => {
                let line: Vec<_> = dashes.concat();
                let mut pen = None;
                let _ = write!(out, "<path{paint} stroke-dasharray=\"{dash} {gap}\" d=\"");
                path_data(&simplified(&line), &mut pen, out);
                out.push_str("\"/>");
            }
            None => plain.extend(dashes),
        }
    }
    if !plain.is_empty() {
        let mut pen = None;
        let _ = write!(out, "<path{paint} d=\"");
        for shape in &plain {
            path_data(&simplified(shape), &mut pen, out);
        }
        out.push_str("\"/>");
    }
}

/// A filled shape plotters writes as an element of its own.
enum Shape {
    Polygon(Vec<(i64, i64)>),
    Circle((i64, i64), i64),
}

impl Shape {
    fn of(element: &Element) -> Result<Self, String> {
        if element.tag == "polygon" {
            return points(element.get("points").unwrap_or("")).map(Shape::Polygon);
        }
        let number = |name| {
            element
                .get(name)
                .and_then(|v| v.trim().parse::<f64>().ok())
                .map(|v| v.round() as i64)
                .ok_or_else(|| format!("a circle's {name}"))
        };
        Ok(Shape::Circle((number("cx")?, number("cy")?), number("r")?))
    }
}

/// Writes a run of filled shapes of one paint as one `<path>` of closed subpaths: the repeats
/// (a marker's corners relative to its first, a circle's two arcs) are what gzip squeezes.
fn markers(run: Option<(String, Vec<Shape>)>, out: &mut String) {
    let Some((paint, shapes)) = run else {
        return;
    };
    let mut pen = None;
    let _ = write!(out, "<path{paint} d=\"");
    for shape in &shapes {
        match shape {
            Shape::Polygon(corners) => {
                let Some(&first) = corners.first() else {
                    continue;
                };
                path_data(corners, &mut pen, out);
                // A closed subpath leaves the pen at its start.
                out.push('z');
                pen = Some(first);
            }
            &Shape::Circle((x, y), r) => {
                path_data(&[(x - r, y)], &mut pen, out);
                let _ = write!(out, "a{r} {r} 0 1 0 {} 0a{r} {r} 0 1 0-{} 0", 2 * r, 2 * r);
            }
        }
    }
    out.push_str("\"/>");
}

/// The longest dash or gap taken for part of a dashed line, in pixels (plotters' patterns here
/// are at most 10).
const DASH_MAX: f64 = 12.0;

fn distance((ax, ay): (i64, i64), (bx, by): (i64, i64)) -> f64 {
    ((bx - ax) as f64).hypot((by - ay) as f64)
}

fn length(stroke: &[(i64, i64)]) -> f64 {
    stroke.windows(2).map(|w| distance(w[0], w[1])).sum()
}

/// The dash and gap of strokes that are the dashes of one line: at least three, each short,
/// all but the last as long as each other, to the pixel, and the gaps alike.
fn dash_pattern(dashes: &[Vec<(i64, i64)>]) -> Option<(i64, i64)> {
    let [first, _, _, ..] = dashes else {
        return None;
    };
    let whole = &dashes[..dashes.len() - 1];
    let dash = length(first);
    let gaps: Vec<f64> = dashes
        .windows(2)
        .filter_map(|w| Some(distance(*w[0].last()?, *w[1].first()?)))
        .collect();
    let gap = gaps[0];
    let alike = |value: f64, to: f64| (value - to).abs() <= 1.5;
    (dash <= DASH_MAX
        && whole.iter().all(|d| alike(length(d), dash))
        && gaps.iter().all(|g| alike(*g, gap)))
    .then(|| (dash.round() as i64, gap.round() as i64))
}

/// The points of a line without those within half a pixel of the line through their
/// neighbours that stay (Ramer–Douglas–Peucker).
fn simplified(points: &[(i64, i64)]) -> Vec<(i64, i64)> {
    if points.len() < 3 {
        return points.to_vec();
    }
    fn keep(points: &[(i64, i64)], out: &mut Vec<(i64, i64)>) {
        let (Some(&a), Some(&b)) = (points.first(), points.last()) else {
            return;
        };
        let span = distance(a, b);
        let off = |&(x, y): &(i64, i64)| {
            if span == 0.0 {
                distance(a, (x, y))
            } else {
                (((b.0 - a.0) * (a.1 - y) - (a.0 - x) * (b.1 - a.1)) as f64).abs() / span
            }
        };
        let farthest = points[1..points.len().saturating_sub(1)]
            .iter()
            .enumerate()
            .map(|(i, p)| (i + 1, off(p)))
            .max_by(|x, y| x.1.total_cmp(&y.1));
        match farthest {
            Some((i, d)) if d > 0.5 => {
                keep(&points[..=i], out);
                keep(&points[i..], out);
            }
            _ => {
                if out.last() != Some(&a) {
                    out.push(a);
                }
                out.push(b);
            }
        }
    }
    let mut out = Vec::new();
    keep(points, &mut out);
    out
}

/// A text size to a tenth of a pixel.
fn rounded(size: f64) -> f64 {
    (size * 10.0).round() / 10.0
}

/// Whether `next` only strokes the outline of the filled `shape`: the same circle unfilled, or
/// a polyline round the polygon's points back to the first.
fn outlines(shape: &Element, next: &Element) -> bool {
    let unfilled = next.get("fill").is_none_or(|fill| fill == "none");
    let filled_only = shape.get("stroke").is_none_or(|stroke| stroke == "none");
    let same_opacity = shape.get("opacity") == next.get("opacity");
    if !(unfilled && filled_only && same_opacity && next.get("stroke").is_some()) {
        return false;
    }
    match (shape.tag, next.tag) {
        ("circle", "circle") => ["cx", "cy", "r"]
            .iter()
            .all(|a| shape.get(a) == next.get(a)),
        ("polygon", "polyline") => {
            let (Ok(corners), Ok(round)) = (
                points(shape.get("points").unwrap_or("")),
                points(next.get("points").unwrap_or("")),
            ) else {
                return false;
            };
            round.len() == corners.len() + 1
                && round[..corners.len()] == corners[..]
                && round.last() == corners.first()
        }
        _ => false,
    }
}

/// ` class="Fb"` and ` class="Sm w2"` as ` class="Fb Sm w2"`; an opacity stays.
fn merge_classes(fill: &str, stroke: &str) -> String {
    let classes = |paint: &str| {
        paint
            .split_once("class=\"")
            .and_then(|(_, rest)| rest.split_once('"'))
            .map(|(classes, rest)| (classes.to_string(), rest.to_string()))
            .unwrap_or_default()
    };
    let (fill_classes, fill_rest) = classes(fill);
    let (stroke_classes, _) = classes(stroke);
    let joined = [fill_classes, stroke_classes]
        .into_iter()
        .filter(|c| !c.is_empty())
        .collect::<Vec<_>>()
        .join(" ");
    format!(" class=\"{joined}\"{fill_rest}")
}

#[cfg(test)]
mod tests {
    use std::rc::Rc;

    use deal_model::{Ledger, Scenario};

    use super::*;
    use crate::charts::{Sweep, Sweeps};

    fn layers() -> Layers {
        let scenario = Scenario::default();
        let ledger = Rc::new(Ledger::compute(&scenario));
        Layers {
            selected_year: ledger.selected(&scenario).year,
            ledger,
            cap: scenario.cap,
            pins: Rc::default(),
            bands: None,
            sweeps: Some(Sweeps {
                r30: scenario.r30,
                live: Rc::new(Sweep::of(&scenario)),
                pins: Rc::default(),
            }),
        }
    }

    fn plotters_svg(chart: Chart) -> String {
        let mut raw = String::new();
        {
            let area = SVGBackend::with_string(&mut raw, SIZE).into_drawing_area();
            chart
                .draw(&area, &layers().scene(), &Style::default())
                .unwrap();
            area.present().unwrap();
        }
        raw
    }

    #[test]
    fn every_label_plotters_writes_is_kept_and_the_bytes_shrink() {
        for chart in Chart::ALL {
            let raw = plotters_svg(chart);
            let compact = render(chart, &layers(), "a label").unwrap();
            let labels: Vec<_> = elements(&raw)
                .unwrap()
                .into_iter()
                .filter(|e| e.tag == "text")
                .map(|e| e.text)
                .collect();
            assert!(labels.len() > 10, "{chart:?}: {labels:?}");
            for label in &labels {
                assert!(
                    compact.contains(&format!(">{label}</text>")),
                    "{chart:?}: {label}"
                );
            }
            assert_eq!(compact.matches("<text").count(), labels.len());
            assert!(
                compact.len() * 2 < raw.len(),
                "{chart:?}: {} of {}",
                compact.len(),
                raw.len()
            );
        }
    }

    #[test]
    fn colours_are_palette_classes_and_strokes_keep_their_points() {
        let compact = render(Chart::Cap, &layers(), "x").unwrap();
        assert!(
            !compact.contains('#'),
            "a colour written out: {compact:.300}"
        );
        for class in compact
            .split("class=\"")
            .skip(1)
            .map(|rest| rest.split('"').next().unwrap())
        {
            for name in class.split(' ') {
                let known = name == "chart"
                    || name == "w2"
                    || (name.len() == 2
                        && matches!(&name[..1], "F" | "S")
                        && palette_letters().iter().any(|(l, _, _)| name.ends_with(*l)));
                assert!(known, "unknown class {name}");
            }
        }
        // Relative path data walks back to where plotters put each point.
        let mut pen = None;
        let mut data = String::new();
        path_data(&[(10, 37), (32, 37)], &mut pen, &mut data);
        path_data(&[(36, 37), (30, 40)], &mut pen, &mut data);
        assert_eq!(data, "M10 37h22m4 0-6 3");
        let mut pen = None;
        let mut data = String::new();
        path_data(
            &[(0, 0), (5, 0), (5, 4), (9, 1), (12, 6), (2, 6), (1, 6)],
            &mut pen,
            &mut data,
        );
        assert_eq!(data, "M0 0h5v4l4-3 3 5h-10-1");
    }
}
