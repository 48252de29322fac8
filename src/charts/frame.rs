//! What every chart shares: the background, the title, a legend above the plot (so it never
//! hides data), axes in $B up and years (or OpenAI's 2030 revenue) across, the reader's place
//! across (the selected year's band, or a marked revenue) and the zero line. A chart module
//! only says what goes in the frame and draws its own series inside it.

use std::ops::Range;

use deal_model::{format::money_b, Band, FIRST_YEAR, LAST_YEAR};
use plotters::coord::ranged1d::{KeyPointHint, NoDefaultFormatting, Ranged, ValueFormatter};
use plotters::coord::types::RangedCoordf64;
use plotters::coord::Shift;
use plotters::element::DashedPathElement;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};

use super::callouts::{self, Obstacles, Placed, Request};
use super::style::BAND_OPACITY;
use super::{Mapping, Palette, Style};
use deal_model::Note;

/// The legend's words for the ensemble's bands, under each terms, and their medians.
pub const LEGEND_BAND: &str = "new terms: 10–90% of paths";
pub const LEGEND_BAND_OLD: &str = "old terms: 10–90% of paths";
pub const LEGEND_MEDIAN: &str = "median";

/// The x axis's caption on a chart across revenue: the years need none.
pub const REVENUE_AXIS: &str = "OpenAI's revenue in 2030";

/// The plotting context every chart draws its series on: years across, $B up.
pub(super) type Plot<'a, DB> = ChartContext<'a, DB, Cartesian2d<Axis, Axis>>;
pub(super) type DrawResult<T, DB> =
    Result<T, DrawingAreaErrorKind<<DB as DrawingBackend>::ErrorType>>;
/// What each chart draws on, and what its drawing returns.
pub(super) type Area<DB> = DrawingArea<DB, Shift>;
pub(super) type Drawn<DB> = DrawResult<Mapping, DB>;

/// plotters' own `f64` axis, but with no label formatter of its own. Every axis here is given
/// one (`money_b`, `year_label`), yet the mesh keeps the coordinate's default as a fallback, and
/// plotters' default for `f64` links the standard library's float formatting into the wasm
/// (4.7 KB gzip with its callers elsewhere, all now written by `deal_model::float_text`).
#[derive(Clone)]
pub(super) struct Axis(RangedCoordf64);

impl From<Range<f64>> for Axis {
    fn from(range: Range<f64>) -> Axis {
        Axis(range.into())
    }
}

impl Ranged for Axis {
    type FormatOption = NoDefaultFormatting;
    type ValueType = f64;

    fn map(&self, value: &f64, limit: (i32, i32)) -> i32 {
        self.0.map(value, limit)
    }

    fn key_points<Hint: KeyPointHint>(&self, hint: Hint) -> Vec<f64> {
        self.0.key_points(hint)
    }

    fn range(&self) -> Range<f64> {
        self.0.range()
    }
}

impl ValueFormatter<f64> for Axis {
    fn format(_: &f64) -> String {
        String::new()
    }
}

/// Below this many CSS pixels of width, year labels shorten to `'27` so ten of them still fit.
const NARROW_WIDTH: f64 = 480.0;
/// Below this many CSS pixels of height, the y axis gets fewer ticks.
const SHORT_HEIGHT: f64 = 360.0;
/// Font sizes in CSS pixels.
const TITLE_FONT: f64 = 15.0;
const SMALLEST_TITLE_FONT: f64 = 11.0;
const LABEL_FONT: f64 = 12.0;

/// A data series' marker shape, so series differ by more than colour.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Shape {
    Circle,
    Triangle,
}

/// How a line series looks: colour, dashes (old terms) and markers (filled for the new terms,
/// hollow and larger for the old, so that a new marker on top of an old one shows both).
#[derive(Clone, Copy, Debug, PartialEq)]
pub(super) struct LineLook {
    pub colour: RGBColor,
    pub dashed: bool,
    pub shape: Shape,
}

/// What a legend entry shows beside its label.
#[derive(Clone, Copy, Debug, PartialEq)]
pub(super) enum Swatch {
    Bar(RGBColor),
    HollowBar(RGBColor),
    Shade(RGBAColor),
    Line(LineLook),
    /// A thin dotted line without markers: an ensemble's median.
    Dotted(RGBColor),
    /// A pinned scenario's line, by its position among the pins.
    Ghost(usize),
}

pub(super) struct LegendEntry<'t> {
    pub label: &'t str,
    pub swatch: Swatch,
}

/// What runs across a chart, and where the reader is on it.
#[derive(Clone, Debug, PartialEq)]
pub(super) enum Across {
    /// The model years, a slot each; the reader's year is shaded.
    Years { selected: i32 },
    /// OpenAI's 2030 revenue in $B over `range`; the reader's, when known, is marked by an
    /// upright line (a revenue has no slot to shade).
    Revenue {
        range: Range<f64>,
        marked: Option<f64>,
    },
}

/// What one chart puts in the shared frame.
pub(super) struct Frame<'t> {
    pub title: &'t str,
    pub legend: &'t [LegendEntry<'t>],
    /// The y range in $B, from [`value_range`].
    pub values: Range<f64>,
    pub across: Across,
}

/// A legend of line series, new terms before old (the `order` of `lines`), then the pins'
/// ghosts: the take chart and the chart across revenue list their four lines this way.
pub(super) fn lines_legend<'t>(
    lines: impl Iterator<Item = (&'t str, LineLook)>,
    ghost_labels: &'t [String],
) -> Vec<LegendEntry<'t>> {
    lines
        .map(|(label, look)| LegendEntry {
            label,
            swatch: Swatch::Line(look),
        })
        .chain(super::ghosts::legend(ghost_labels))
        .collect()
}

impl<'t> Frame<'t> {
    /// A chart across the model years, the selected one marked.
    pub(super) fn over_years(
        title: &'t str,
        legend: &'t [LegendEntry<'t>],
        values: Range<f64>,
        selected: i32,
    ) -> Self {
        Frame {
            title,
            legend,
            values,
            across: Across::Years { selected },
        }
    }
}

/// A label a chart asks for at a point of its data, in chart coordinates.
pub(super) struct Callout {
    pub at: (f64, f64),
    pub note: Note,
}

/// The chart's own drawing inside the frame, returning the labels it placed.
pub(super) type Series<'s, DB> = dyn FnMut(&mut Plot<'_, DB>) -> DrawResult<Vec<Placed>, DB> + 's;

/// Draws the frame, then the chart's own `series` inside it, and tells the host where the
/// years (or revenues) and the labels are. The series comes as a trait object and the frame is
/// never inlined, so the four charts share one copy of it in the wasm rather than one each.
#[inline(never)]
pub(super) fn draw<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    style: &Style,
    frame: &Frame,
    series: &mut Series<'_, DB>,
) -> DrawResult<Mapping, DB> {
    let palette = style.palette();
    area.fill(&palette.background)?;
    let (width, height) = area.dim_in_pixel();
    let narrow = f64::from(width) / style.scale < NARROW_WIDTH;
    let short = f64::from(height) / style.scale < SHORT_HEIGHT;
    let pad = px(style, 10.0);

    let title_bottom = draw_title(area, style, frame.title, pad)?;
    let legend_bottom = draw_legend(
        area,
        style,
        frame.legend,
        pad,
        title_bottom + px(style, 6.0),
    )?;

    let Range {
        start: low,
        end: high,
    } = frame.values;
    // The tick labels are not known before the chart is built; labels of values across the
    // range are as wide as they get ("$800M" in a range of $0B to $1B).
    let y_label_width = (0..=10)
        .map(|i| money_b(low + (high - low) * f64::from(i) / 10.0))
        .map(|label| area.estimate_text_size(&label, &text(style, LABEL_FONT)))
        .try_fold(0, |widest, size| size.map(|(w, _)| widest.max(w)))?;

    let plot_area = area.margin(legend_bottom + px(style, 4.0), 0, 0, 0);
    // Across revenue the axis has a caption under its amounts.
    let (across, x_label_area) = match &frame.across {
        Across::Years { .. } => (
            (f64::from(FIRST_YEAR) - 0.5)..(f64::from(LAST_YEAR) + 0.5),
            24.0,
        ),
        Across::Revenue { range, .. } => (range.clone(), 42.0),
    };
    let mut chart = ChartBuilder::on(&plot_area)
        .margin_top(style.px(8.0))
        .margin_bottom(style.px(4.0))
        .margin_left(style.px(10.0))
        .margin_right(style.px(12.0))
        .x_label_area_size(style.px(x_label_area))
        .y_label_area_size(y_label_width + style.px(12.0))
        .build_cartesian_2d(Axis::from(across.clone()), Axis::from(low..high))?;

    // The selected year's band goes first so that grid and data stay on top of it.
    let mark = match frame.across {
        Across::Years { selected } => {
            let year = f64::from(selected.clamp(FIRST_YEAR, LAST_YEAR));
            chart.draw_series(std::iter::once(Rectangle::new(
                [(year - 0.5, low), (year + 0.5, high)],
                palette.highlight.filled(),
            )))?;
            None
        }
        Across::Revenue { marked, .. } => marked.filter(|v| v.is_finite()),
    };

    let mut mesh = chart.configure_mesh();
    let years = |x: &f64| year_label(*x, narrow);
    let money = |x: &f64| money_b(*x);
    match frame.across {
        Across::Years { .. } => mesh
            .x_labels((LAST_YEAR - FIRST_YEAR + 1) as usize)
            .x_label_formatter(&years),
        Across::Revenue { .. } => mesh
            .x_labels(if narrow { 4 } else { 7 })
            .x_label_formatter(&money)
            .x_desc(REVENUE_AXIS)
            .axis_desc_style(text(style, LABEL_FONT)),
    };
    mesh.disable_x_mesh()
        .y_labels(if short { 5 } else { 8 })
        .y_label_formatter(&money)
        .label_style(text(style, LABEL_FONT))
        .axis_style(palette.axis.stroke_width(style.px(1.0)))
        .bold_line_style(palette.grid.stroke_width(style.px(1.0)))
        .max_light_lines(0)
        .set_all_tick_mark_size(style.px(4.0))
        .draw()?;

    if low < 0.0 && high > 0.0 {
        chart.draw_series(std::iter::once(PathElement::new(
            vec![(across.start, 0.0), (across.end, 0.0)],
            palette.axis.stroke_width(style.px(1.0)),
        )))?;
    }
    if let Some(x) = mark {
        chart.draw_series(std::iter::once(PathElement::new(
            vec![(x, low), (x, high)],
            palette.axis.stroke_width(style.px(1.0)),
        )))?;
    }

    let labels = series(&mut chart)?;

    let (plot_x, plot_y) = chart.plotting_area().get_pixel_range();
    Ok(Mapping {
        plot_x,
        plot_y,
        values: low..high,
        first_year: FIRST_YEAR,
        last_year: LAST_YEAR,
        revenue: matches!(frame.across, Across::Revenue { .. }).then_some(across),
        labels,
    })
}

/// The y range for some values in $B: always includes zero, leaves `headroom` (a fraction of
/// the span) above and a little below negative values, and never collapses to nothing when
/// every value is zero (a cap of $0B) or skips a non-finite one.
pub(super) fn value_range(values: impl IntoIterator<Item = f64>, headroom: f64) -> Range<f64> {
    let (low, high) = values
        .into_iter()
        .filter(|v| v.is_finite())
        .fold((0.0_f64, 0.0_f64), |(lo, hi), v| (lo.min(v), hi.max(v)));
    let span = high - low;
    if span < 1e-9 {
        return 0.0..1.0;
    }
    let high = if high > 0.0 {
        high + span * headroom
    } else {
        0.0
    };
    let low = if low < 0.0 { low - span * 0.06 } else { 0.0 };
    low..high
}

/// A year tick's label; empty between years. `'27` when narrow.
pub(super) fn year_label(x: f64, narrow: bool) -> String {
    let year = x.round() as i32;
    if (x - f64::from(year)).abs() > 0.01 {
        String::new()
    } else if narrow {
        format!("'{:02}", year % 100)
    } else {
        year.to_string()
    }
}

/// Text in the theme's colour at a size in CSS pixels.
pub(super) fn text(style: &Style, css_size: f64) -> TextStyle<'static> {
    // The family as a value, not the string "sans-serif": plotters lower-cases a family given as
    // text, which links the whole Unicode case table (12 KB) into the wasm.
    (FontFamily::SansSerif, style.font_size(css_size))
        .into_font()
        .color(&style.palette().text)
}

/// Points in chart coordinates as backend pixels, for [`Obstacles`].
pub(super) fn pixels<DB: DrawingBackend>(
    chart: &Plot<'_, DB>,
    points: &[(f64, f64)],
) -> Vec<(i32, i32)> {
    let area = chart.plotting_area();
    points
        .iter()
        .filter(|(x, y)| x.is_finite() && y.is_finite())
        .map(|point| area.map_coordinate(point))
        .collect()
}

/// Obstacles for a line series: the line itself and a box around each marker.
pub(super) fn line_obstacle<DB: DrawingBackend>(
    chart: &Plot<'_, DB>,
    points: &[(f64, f64)],
    style: &Style,
    obstacles: &mut Obstacles,
) {
    let pixels = pixels(chart, points);
    let r = px(style, 6.0);
    for &(x, y) in &pixels {
        obstacles.rect(callouts::Rect {
            left: x - r,
            top: y - r,
            right: x + r,
            bottom: y + r,
        });
    }
    obstacles.line(&pixels);
}

/// Places the chart's labels, most important first, clear of `obstacles` and of each other,
/// and draws them: text on a wash of the background so grid lines do not cut through it, and
/// a leader line to a point it had to stand away from. Returns where they went.
pub(super) fn draw_callouts<DB: DrawingBackend>(
    chart: &mut Plot<'_, DB>,
    wanted: &[Callout],
    obstacles: &mut Obstacles,
    style: &Style,
) -> DrawResult<Vec<Placed>, DB> {
    let palette = style.palette();
    let font = text(style, LABEL_FONT).pos(Pos::new(HPos::Left, VPos::Top));
    let area = chart.plotting_area();
    let (xs, ys) = area.get_pixel_range();
    let bounds = callouts::Rect {
        left: xs.start,
        top: ys.start,
        right: xs.end,
        bottom: ys.end,
    };
    let mut requests = Vec::with_capacity(wanted.len());
    for callout in wanted {
        let mut texts = Vec::with_capacity(2);
        for text in [&callout.note.long, &callout.note.short] {
            let (width, height) = area.estimate_text_size(text, &font)?;
            texts.push((text.clone(), (width as i32, height as i32)));
        }
        requests.push(Request {
            anchor: area.map_coordinate(&callout.at),
            texts,
        });
    }
    let gap = px(style, 8.0);
    let placed = callouts::place(&requests, bounds, obstacles, gap, px(style, 2.0));
    let wash = palette.background.mix(0.85).filled();
    let pad = px(style, 2.0);
    for (callout, label) in wanted.iter().zip(&placed) {
        let Some(label) = label else { continue };
        // Drawn relative to the point, so the label follows it in any coordinate system.
        let shift = |(x, y): (i32, i32)| (x - label.anchor.0, y - label.anchor.1);
        if label.leader {
            chart.draw_series(std::iter::once(
                EmptyElement::at(callout.at)
                    + PathElement::new(
                        vec![
                            shift(callouts::leader_start(label, gap / 2)),
                            shift(callouts::leader_end(label)),
                        ],
                        palette.axis.stroke_width(style.px(1.0)),
                    ),
            ))?;
        }
        let rect = label.rect.grow(pad);
        chart.draw_series(std::iter::once(
            EmptyElement::at(callout.at)
                + Rectangle::new(
                    [
                        shift((rect.left, rect.top)),
                        shift((rect.right, rect.bottom)),
                    ],
                    wash,
                )
                + Text::new(
                    label.text.clone(),
                    shift((label.rect.left, label.rect.top)),
                    font.clone(),
                ),
        ))?;
    }
    let placed = placed.into_iter().flatten().collect();
    Ok(placed)
}

/// A line series in chart coordinates, with its markers.
pub(super) fn draw_line<DB: DrawingBackend>(
    chart: &mut Plot<'_, DB>,
    points: &[(f64, f64)],
    look: LineLook,
    style: &Style,
) -> DrawResult<(), DB> {
    let points: Vec<(f64, f64)> = points
        .iter()
        .filter(|(x, y)| x.is_finite() && y.is_finite())
        .copied()
        .collect();
    draw_path(chart.plotting_area(), points.clone(), look, style)?;
    for point in points {
        draw_marker(chart.plotting_area(), point, look, style)?;
    }
    Ok(())
}

/// A solid or dashed line through `points`, on any coordinate system.
pub(super) fn draw_path<DB: DrawingBackend, CT: CoordTranslate>(
    area: &DrawingArea<DB, CT>,
    points: Vec<CT::From>,
    look: LineLook,
    style: &Style,
) -> DrawResult<(), DB>
where
    CT::From: Clone,
{
    let stroke = look.colour.stroke_width(style.px(2.0));
    if look.dashed {
        area.draw(&DashedPathElement::new(
            points,
            style.px(6.0),
            style.px(4.0),
            stroke,
        ))
    } else {
        area.draw(&PathElement::new(points, stroke))
    }
}

/// One marker of a line series, on any coordinate system.
pub(super) fn draw_marker<DB: DrawingBackend, CT: CoordTranslate>(
    area: &DrawingArea<DB, CT>,
    at: CT::From,
    look: LineLook,
    style: &Style,
) -> DrawResult<(), DB> {
    let palette = style.palette();
    // Old terms: hollow and larger, so a filled new-terms marker on the same spot leaves a
    // visible ring.
    let hollow = look.dashed;
    let radius = if hollow { 5.5 } else { 3.0 };
    let fill = if hollow {
        palette.background.filled()
    } else {
        look.colour.filled()
    };
    let outline = look.colour.stroke_width(style.px(1.5));
    match look.shape {
        Shape::Circle => {
            let r = style.px(radius);
            area.draw(
                &(EmptyElement::at(at)
                    + Circle::new((0, 0), r, fill)
                    + Circle::new((0, 0), r, outline)),
            )
        }
        Shape::Triangle => {
            // A triangle looks smaller than a circle of the same radius.
            let r = style.font_size(radius * 1.3);
            let corners: Vec<(i32, i32)> = TRIANGLE
                .iter()
                .map(|(cos, sin)| ((cos * r).round() as i32, (sin * r).round() as i32))
                .collect();
            let mut closed = corners.clone();
            closed.push(corners[0]);
            area.draw(
                &(EmptyElement::at(at)
                    + Polygon::new(corners, fill)
                    + PathElement::new(closed, outline)),
            )
        }
    }
}

/// (cos, sin) of the corners at −90°, 30° and 150°, as `f64::cos`/`sin` of `to_radians()`
/// give them to the last bit: written out, so the page needs no trigonometry from libm.
const TRIANGLE: [(f64, f64); 3] = [
    (6.123233995736766e-17, -1.0),
    (0.8660254037844387, 0.49999999999999994),
    (-0.8660254037844387, 0.49999999999999994),
];

fn draw_title<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    style: &Style,
    title: &str,
    pad: i32,
) -> DrawResult<i32, DB> {
    let (width, _) = area.dim_in_pixel();
    let room = (width as i32 - 2 * pad).max(1) as u32;
    // Shrink a title that would not fit a narrow chart, down to a floor.
    let mut size = TITLE_FONT;
    let mut font = text(style, size);
    let mut extent = area.estimate_text_size(title, &font)?;
    while extent.0 > room && size > SMALLEST_TITLE_FONT {
        size -= 1.0;
        font = text(style, size);
        extent = area.estimate_text_size(title, &font)?;
    }
    area.draw(&Text::new(
        title,
        (pad, pad),
        font.pos(Pos::new(HPos::Left, VPos::Top)),
    ))?;
    Ok(pad + extent.1 as i32)
}

/// Lays the legend out in rows under the title, wrapping when the chart is narrow, and
/// returns where it ends.
fn draw_legend<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    style: &Style,
    entries: &[LegendEntry],
    pad: i32,
    top: i32,
) -> DrawResult<i32, DB> {
    let (width, _) = area.dim_in_pixel();
    let right = width as i32 - pad;
    let font = text(style, LABEL_FONT).pos(Pos::new(HPos::Left, VPos::Center));
    let swatch_width = px(style, 22.0);
    let gap = px(style, 6.0);
    let spacing = px(style, 16.0);
    let row_height = px(style, 18.0);

    let mut x = pad;
    let mut row_centre = top + row_height / 2;
    for entry in entries {
        let (label_width, _) = area.estimate_text_size(entry.label, &font)?;
        let entry_width = swatch_width + gap + label_width as i32;
        if x > pad && x + entry_width > right {
            x = pad;
            row_centre += row_height;
        }
        draw_swatch(area, style, entry.swatch, (x, row_centre), swatch_width)?;
        area.draw(&Text::new(
            entry.label,
            (x + swatch_width + gap, row_centre),
            font.clone(),
        ))?;
        x += entry_width + spacing;
    }
    Ok(row_centre + row_height / 2)
}

fn draw_swatch<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    style: &Style,
    swatch: Swatch,
    (x, centre): (i32, i32),
    width: i32,
) -> DrawResult<(), DB> {
    let half = px(style, 5.0);
    let inset = px(style, 4.0);
    let box_corners = [
        (x + inset, centre - half),
        (x + width - inset, centre + half),
    ];
    match swatch {
        Swatch::Bar(colour) => area.draw(&Rectangle::new(box_corners, colour.filled())),
        Swatch::HollowBar(colour) => area.draw(&PathElement::new(
            outline(box_corners),
            colour.stroke_width(style.px(1.5)),
        )),
        Swatch::Shade(colour) => area.draw(&Rectangle::new(box_corners, colour.filled())),
        Swatch::Line(look) => {
            draw_path(area, vec![(x, centre), (x + width, centre)], look, style)?;
            draw_marker(area, (x + width / 2, centre), look, style)
        }
        Swatch::Dotted(colour) => area.draw(&dotted(
            vec![(x, centre), (x + width, centre)],
            colour,
            style,
        )),
        Swatch::Ghost(index) => {
            super::ghosts::draw_path(area, vec![(x, centre), (x + width, centre)], index, style)
        }
    }
}

/// The median's line: thinner than a series and dotted, so it reads as a statistic of the
/// paths and never as one more scenario.
fn dotted<C: Clone>(
    points: Vec<C>,
    colour: RGBColor,
    style: &Style,
) -> DashedPathElement<std::vec::IntoIter<C>, u32> {
    DashedPathElement::new(
        points,
        style.px(2.0),
        style.px(3.0),
        colour.stroke_width(style.px(1.5)),
    )
}

/// The legend entries of the ensemble's bands: one per terms, in the colour of that terms'
/// lines, and one for the medians, dotted in both.
pub(super) fn band_legend(palette: &Palette) -> [LegendEntry<'static>; 3] {
    [
        LegendEntry {
            label: LEGEND_BAND,
            swatch: Swatch::Shade(palette.microsoft.mix(BAND_OPACITY)),
        },
        LegendEntry {
            label: LEGEND_BAND_OLD,
            swatch: Swatch::Shade(palette.old_terms.mix(BAND_OPACITY)),
        },
        LegendEntry {
            label: LEGEND_MEDIAN,
            swatch: Swatch::Dotted(palette.axis),
        },
    ]
}

/// An ensemble's 10-90 percentile band, shaded, with its median dotted; one entry per model
/// year. Drawn before a chart's own lines, so they stay on top.
pub(super) fn draw_band<DB: DrawingBackend>(
    chart: &mut Plot<'_, DB>,
    band: &Band,
    colour: RGBColor,
    style: &Style,
    obstacles: &mut Obstacles,
) -> DrawResult<(), DB> {
    let at = |values: &[f64]| -> Vec<(f64, f64)> {
        (FIRST_YEAR..=LAST_YEAR)
            .map(f64::from)
            .zip(values.iter().copied())
            .filter(|(_, y)| y.is_finite())
            .collect()
    };
    let mut outline = at(&band.p90);
    outline.extend(at(&band.p10).into_iter().rev());
    chart.draw_series(std::iter::once(Polygon::new(
        outline,
        colour.mix(BAND_OPACITY).filled(),
    )))?;
    // Labels may sit on the wash of the band but not on its median line.
    obstacles.line(&pixels(chart, &at(&band.p50)));
    chart
        .plotting_area()
        .draw(&dotted(at(&band.p50), colour, style))
}

/// Every value of a band, for the y range.
pub(super) fn band_values(band: &Band) -> impl Iterator<Item = f64> + '_ {
    band.p10.iter().chain(&band.p50).chain(&band.p90).copied()
}

/// The closed outline of a box with corners `a` and `b`, as a path: unlike a stroked
/// rectangle, which plotters' SVG backend draws 1 pixel wide, a path keeps its stroke width on
/// every backend.
pub(super) fn outline<T: Copy>([(x0, y0), (x1, y1)]: [(T, T); 2]) -> Vec<(T, T)> {
    vec![(x0, y0), (x1, y0), (x1, y1), (x0, y1), (x0, y0)]
}

fn px(style: &Style, css: f64) -> i32 {
    style.px(css) as i32
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

    #[test]
    fn triangle_corners_are_the_trigonometry_they_replace() {
        for (deg, (cos, sin)) in [-90.0_f64, 30.0, 150.0].iter().zip(TRIANGLE) {
            let rad = deg.to_radians();
            assert_eq!((rad.cos(), rad.sin()), (cos, sin), "{deg}°");
        }
    }

    #[test]
    fn value_range_holds_zero_skips_non_finite_values_and_never_collapses() {
        assert_eq!(value_range([0.0, 0.0], 0.1), 0.0..1.0);
        assert_eq!(value_range([], 0.1), 0.0..1.0);
        let range = value_range([10.0, f64::NAN, f64::INFINITY], 0.1);
        assert_eq!(range, 0.0..11.0);
        let range = value_range([-10.0, 30.0], 0.1);
        assert!(range.start < -10.0 && range.end > 30.0, "{range:?}");
        let range = value_range([-10.0, -5.0], 0.1);
        assert!(range.start < -10.0 && range.end == 0.0, "{range:?}");
    }
}
