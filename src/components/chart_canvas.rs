//! Hosts one chart on a `<canvas>`: sizes the backing store to the CSS size times the device
//! pixel ratio (plotters draws in backing-store pixels and knows nothing of CSS), and draws the
//! newest layers however fast the slider sends values, once per animation frame.
//!
//! The first draw has a task of its own (see [`Scheduler::show`]). After it, a change is drawn
//! at once, in the task of the input that caused it (Yew renders in a microtask of that task,
//! and the draw follows in another: see [`use_draw_on_change`]), so the next frame the browser
//! paints shows the chart together with the readouts Yew has just updated. Booking an
//! animation frame instead costs a whole frame whenever the change comes during the
//! animation-frame callbacks (an input fired from one, the ensemble's slices): a frame booked
//! then runs only in the frame after. Having drawn, the
//! canvas books the next animation frame, and changes until it comes are drawn there, once,
//! with the newest: a drag, one input a frame, draws once a frame (`make bench` counts the
//! draws per frame). Only changes faster than frames and outside the frames' callbacks
//! (typing, key repeat) can be drawn twice before one paint, the second in the frame's
//! callback, never more. A chart far out of view is not drawn on each change: it waits for the
//! reader to rest or to scroll towards it ([`Scheduler::redraw`]).

use std::cell::{Cell, RefCell};
use std::rc::Rc;

use deal_model::float_text::{fixed, shortest};
use deal_model::money_b;
use gloo::events::EventListener;
use gloo::render::{request_animation_frame, AnimationFrame};
use plotters::prelude::IntoDrawingArea;
use web_sys::HtmlCanvasElement;
use yew::prelude::*;

use crate::charts::{ghost_legend_label, Chart, Layers, Mapping, Style, Theme};
use crate::services::chart_surface::ChartSurface;

#[derive(Properties, Clone, PartialEq)]
pub struct ChartCanvasProps {
    pub chart: Chart,
    /// What to draw: the ledger and the layers over it.
    pub layers: Layers,
    /// What the chart currently shows, in words, for readers who cannot see it.
    pub description: AttrValue,
    /// The theme in force; the app resolves it from the reader's choice and the system.
    pub theme: Theme,
    /// The canvas, so the share panel can save its pixels without searching the page.
    pub canvas: NodeRef,
}

/// What the next animation frame will draw. Kept outside Yew's state: drawing is a side
/// effect and must not cause renders.
#[derive(Clone, PartialEq)]
struct Pending {
    chart: Chart,
    layers: Layers,
    theme: Theme,
}

struct Scheduler {
    canvas: NodeRef,
    /// The animation frame booked after a draw; until it comes, changes wait for it.
    booked: RefCell<Option<AnimationFrame>>,
    /// A change came while a frame was booked: that frame draws it.
    dirty: Cell<bool>,
    latest: RefCell<Option<Pending>>,
    mapping: RefCell<Mapping>,
    /// Between `beforeprint` and `afterprint`: paper is light whatever the screen's theme.
    printing: Cell<bool>,
    /// Drawn at least once: from then on a chart out of view waits ([`Scheduler::redraw`]).
    shown: Cell<bool>,
    /// A change came while the chart was out of view, and is not drawn yet.
    stale: Cell<bool>,
}

impl Scheduler {
    fn new(canvas: NodeRef) -> Self {
        Scheduler {
            canvas,
            booked: RefCell::default(),
            dirty: Cell::default(),
            latest: RefCell::default(),
            mapping: RefCell::default(),
            printing: Cell::default(),
            shown: Cell::default(),
            stale: Cell::default(),
        }
    }

    /// The first draw waits for a task of its own: at start all four charts came in the
    /// page's first render, one task of hundreds of milliseconds on a phone, which blocked
    /// any input meanwhile. Each first draw in its own task lets input in between them.
    fn show(self: &Rc<Self>, pending: Pending) {
        let first = self.latest.replace(Some(pending)).is_none();
        if first {
            self.first_draw(false);
        } else {
            self.redraw();
        }
    }

    /// The full page is built outside the document (`crate::start`), where a canvas has no
    /// size: its first draw waits until it is in the page, and then for the frame that lays
    /// the page out (reading its size before would force that layout into the draw's task).
    fn first_draw(self: &Rc<Self>, waited: bool) {
        let this = Rc::clone(self);
        crate::services::later(
            0,
            Box::new(move || match this.canvas.get() {
                Some(canvas) if !canvas.is_connected() => {
                    if !waited {
                        this.rehearse();
                    }
                    this.first_draw(true)
                }
                _ if waited => crate::services::after_paint(Box::new(move || this.redraw())),
                _ => this.redraw(),
            }),
        );
    }

    /// Draws the chart once where no one sees it, as SVG at the size its static picture has,
    /// in a task of its own while the canvas waits to be put in the page. The first draw of a
    /// chart compiles the drawing code and measures its labels (the first `measureText` alone
    /// is slow): in the first draw's task, that made it one of the page's longest. The labels'
    /// sizes stay cached for the canvas's draw.
    fn rehearse(&self) {
        let (Some(pending), Some(window)) = (self.latest.borrow().clone(), web_sys::window())
        else {
            return;
        };
        let style = Style::new(window.device_pixel_ratio(), pending.theme);
        let picture = gloo::utils::document()
            .query_selector(&format!(
                "[data-chart-figure={}] svg.chart",
                pending.chart.slug()
            ))
            .ok()
            .flatten()
            .map(|svg| svg.get_bounding_client_rect())
            .filter(|rect| rect.width() > 0.0 && rect.height() > 0.0);
        let (width, height) = picture.map_or((640.0, 360.0), |r| (r.width(), r.height()));
        let mut unseen = String::new();
        let area =
            ChartSurface::svg(&mut unseen, (style.px(width), style.px(height))).into_drawing_area();
        let _ = pending.chart.draw(&area, &pending.layers.scene(), &style);
    }

    /// Draws now if nothing was drawn since the last animation frame, and otherwise in the
    /// frame already booked; calls before it comes only refresh what it will draw.
    ///
    /// A chart out of view waits: while the reader drags a slider on a laptop, two of the
    /// four charts are more than half a screen below the fold, and drawing them every frame
    /// (and the browser putting their canvases together) cost the frame its deadline. It is
    /// drawn as it comes near the screen (a scroll, before the frame that shows it is painted)
    /// or once the reader rests ([`crate::services::when_still`]), whichever is first.
    fn redraw(self: &Rc<Self>) {
        if self.booked.borrow().is_some() {
            self.dirty.set(true);
            return;
        }
        if self.shown.get() && !self.printing.get() && !self.near() {
            return self.wait_till_seen();
        }
        self.draw_now();
        self.book();
    }

    /// Whether the canvas is on the screen or within half a screen of it, so that a scroll
    /// or a line of text that moves it up finds it drawn. The first read after an input lays
    /// the page out, which the draw's size read would do anyway; the others find it done.
    fn near(&self) -> bool {
        let Some(canvas) = self.canvas.cast::<web_sys::Element>() else {
            return true;
        };
        let screen = gloo::utils::window()
            .inner_height()
            .ok()
            .and_then(|h| h.as_f64())
            .unwrap_or_default();
        let rect = canvas.get_bounding_client_rect();
        rect.bottom() > -screen / 2.0 && rect.top() < screen * 1.5
    }

    /// Notes a change to draw once the chart comes near the screen, and books its draw for
    /// when the reader rests in case it never does.
    fn wait_till_seen(self: &Rc<Self>) {
        if self.stale.replace(true) {
            return;
        }
        let this = Rc::clone(self);
        crate::services::when_still(Box::new(move || this.catch_up()));
    }

    /// Draws now if a change waits out of view, wherever the chart is.
    fn catch_up(&self) {
        if self.stale.get() {
            self.draw_now();
        }
    }

    /// A scroll may bring a waiting chart near the screen: the scroll event comes before the
    /// frame that shows the page scrolled is painted, so a draw now is in that frame.
    fn scrolled(self: &Rc<Self>) {
        if self.stale.get() {
            self.redraw();
        }
    }

    /// Books the next animation frame, which draws what changed since the last draw, if
    /// anything did.
    fn book(self: &Rc<Self>) {
        let this = Rc::clone(self);
        let handle = request_animation_frame(move |_| {
            // The handle is this very callback's; wasm-bindgen frees it once it has returned.
            this.booked.borrow_mut().take();
            if this.dirty.replace(false) {
                this.redraw();
            }
        });
        *self.booked.borrow_mut() = Some(handle);
    }

    /// Draws the newest frame at once. Printing needs this: the browser lays out the printout
    /// right after `beforeprint`, before any animation frame.
    fn draw_now(&self) {
        let Some(mut pending) = self.latest.borrow().clone() else {
            return;
        };
        self.stale.set(false);
        if self.printing.get() {
            pending.theme = Theme::Light;
        }
        if let Some(element) = self.canvas.cast::<HtmlCanvasElement>() {
            if let Some(mapping) = draw(&element, &pending) {
                *self.mapping.borrow_mut() = mapping;
                self.shown.set(true);
            }
        }
    }
}

/// What the pointer is over: a model year, or on the chart across revenue the swept revenue
/// nearest it (its row in the sweep).
#[derive(Clone, Copy, Debug, PartialEq)]
enum Slot {
    Year(i32),
    Swept(usize),
}

/// What is under the pointer and where to put its tooltip, in CSS pixels.
#[derive(Clone, Copy, Debug, PartialEq)]
struct Hover {
    slot: Slot,
    x: f64,
    width: f64,
}

/// Which edge of the chart the tooltip hangs from, and how far in, in CSS pixels.
#[derive(Clone, Copy, Debug, PartialEq)]
enum Anchor {
    Left(f64),
    Right(f64),
}

/// Calls `draw` with `pending` once this render is in the page, if it differs from the last
/// render's. Not an effect: Yew runs effects after the renders, but once its run has passed
/// 16 ms it leaves them to a task of their own, and on a slow phone an input's renders take
/// that long, so the chart came a frame after the readouts. A microtask queued here runs as
/// soon as Yew stops, either way in the input's own task. The first call draws nothing yet
/// (it books the first draw's task, [`Scheduler::show`]) and is made at once, so that task
/// comes before the next part's: booked after it, it found the canvas already in the page
/// and did not rehearse.
#[hook]
fn use_draw_on_change(pending: Pending, draw: impl FnOnce(Pending) + 'static) {
    let last = use_mut_ref(|| None::<Pending>);
    let first = match last.borrow().as_ref() {
        Some(last) if *last == pending => return,
        last => last.is_none(),
    };
    *last.borrow_mut() = Some(pending.clone());
    match first {
        true => draw(pending),
        false => wasm_bindgen_futures::spawn_local(async move { draw(pending) }),
    }
}

#[component]
pub fn ChartCanvas(props: &ChartCanvasProps) -> Html {
    // Outside the browser (the page the build prerenders) there is no canvas: the same chart
    // as a static SVG in the same box, until the app replaces it.
    // (A constant condition, so the wasm build leaves the SVG code out.)
    if cfg!(not(target_arch = "wasm32")) {
        let label = format!("{}. {}", props.chart.title(), props.description);
        return match crate::charts::static_svg::render(props.chart, &props.layers, &label) {
            Ok(svg) => {
                html! { <div class="chart-host">{ Html::from_html_unchecked(svg.into()) }</div> }
            }
            Err(err) => panic!("the prerendered {:?} chart: {err}", props.chart),
        };
    }
    let scheduler = use_memo((), |_| Scheduler::new(props.canvas.clone()));
    let hover = use_state(|| None::<Hover>);
    let tooltip = use_node_ref();

    // Mouse, pen and touch alike: a pointer over the plot names the year beneath it.
    let on_point = {
        let scheduler = Rc::clone(&scheduler);
        let hover = hover.clone();
        let live = props
            .layers
            .sweeps
            .as_ref()
            .map(|sweeps| Rc::clone(&sweeps.live));
        Callback::from(move |event: PointerEvent| {
            let Some(canvas) = scheduler.canvas.cast::<HtmlCanvasElement>() else {
                return;
            };
            let css_width = f64::from(canvas.client_width());
            if css_width <= 0.0 {
                return;
            }
            // The mapping is in backing-store pixels; convert with the canvas's own ratio.
            let ratio = f64::from(canvas.width()) / css_width;
            let x = f64::from(event.offset_x());
            let pixel = (x * ratio).round() as i32;
            let mapping = scheduler.mapping.borrow();
            let slot = mapping.year_at(pixel).map(Slot::Year).or_else(|| {
                let r30 = mapping.revenue_at(pixel)?;
                live.as_ref()?.nearest(r30).map(Slot::Swept)
            });
            let next = slot.map(|slot| Hover {
                slot,
                x,
                width: css_width,
            });
            if *hover != next {
                hover.set(next);
            }
        })
    };
    let on_leave = {
        let hover = hover.clone();
        Callback::from(move |_: PointerEvent| hover.set(None))
    };

    {
        let scheduler = Rc::clone(&scheduler);
        // Only what this chart draws: a change to the rest (the year, on the chart across
        // revenue) leaves its picture as it is.
        use_draw_on_change(
            Pending {
                chart: props.chart,
                layers: props.chart.drawn(&props.layers),
                theme: props.theme,
            },
            move |pending| scheduler.show(pending),
        );
    }

    {
        // Resizes and zoom (which changes the pixel ratio) need a redraw of the same data.
        // Printing too: the print stylesheet puts a dark page on white paper, so the charts
        // are drawn light for it and redrawn in the screen's theme afterwards.
        let scheduler = Rc::clone(&scheduler);
        use_effect_with((), move |_| {
            let window = gloo::utils::window();
            let listen = |event: &'static str, on_event: fn(&Rc<Scheduler>)| {
                let scheduler = Rc::clone(&scheduler);
                EventListener::new(&window, event, move |_| on_event(&scheduler))
            };
            let listeners = [
                listen("resize", Scheduler::redraw),
                listen("scroll", Scheduler::scrolled),
                listen("beforeprint", |scheduler| {
                    scheduler.printing.set(true);
                    scheduler.draw_now();
                }),
                listen("afterprint", |scheduler| {
                    scheduler.printing.set(false);
                    scheduler.redraw();
                }),
            ];
            // A file saved from the canvas must show the page's scenario, not the one a chart
            // waiting out of view last drew ([`catch_up`]).
            let waiting = scheduler.canvas.cast::<HtmlCanvasElement>().map(|canvas| {
                let scheduler = Rc::clone(&scheduler);
                EventListener::new(&canvas, CATCH_UP, move |_| scheduler.catch_up())
            });
            move || drop((listeners, waiting))
        });
    }

    // Always in the tree, hidden when idle: a node that comes and goes would make Yew rebuild
    // the canvas beside it, losing its drawing.
    let shown =
        hover.and_then(|point| tooltip_content(props, point.slot).map(|content| (point, content)));
    let (anchor, heading, figures) = match shown {
        Some((point, (heading, figures))) => {
            // Anchor on the side with room, so the tooltip never pushes the page sideways.
            let anchor = if point.x > point.width / 2.0 {
                Anchor::Right(point.width - point.x + 8.0)
            } else {
                Anchor::Left(point.x + 8.0)
            };
            (Some(anchor), heading, figures)
        }
        None => (None, String::new(), Vec::new()),
    };
    let shown = anchor.is_some();
    {
        // Placed through the CSSOM: a `style` attribute would need 'unsafe-inline' in the CSP.
        let tooltip = tooltip.clone();
        use_effect_with(anchor, move |anchor| {
            if let (Some(anchor), Some(element)) = (anchor, tooltip.cast::<web_sys::HtmlElement>())
            {
                let style = element.style();
                let (side, other, px) = match *anchor {
                    Anchor::Left(px) => ("left", "right", px),
                    Anchor::Right(px) => ("right", "left", px),
                };
                let _ = style.remove_property(other);
                let _ = style.set_property(side, &format!("{}px", fixed(px, 0)));
            }
        });
    }
    let figures = figures.into_iter().map(|(label, value)| {
        html! {
            <div class="figure">
                <dt>{ label }</dt>
                <dd data-value={shortest(value)}>{ money_b(value) }</dd>
            </div>
        }
    });

    html! {
        <div class="chart-host">
            <canvas
                ref={scheduler.canvas.clone()}
                class="chart"
                data-chart={props.chart.slug()}
                role="img"
                aria-label={format!("{}. {}", props.chart.title(), props.description)}
                onpointermove={on_point.clone()}
                onpointerdown={on_point}
                onpointerleave={on_leave}
            />
            <div class="chart-tooltip" ref={tooltip} hidden={!shown} aria-hidden="true">
                <strong>{ heading }</strong>
                <dl>{ for figures }</dl>
            </div>
        </div>
    }
}

/// The tooltip's heading and labelled figures for what is under the pointer: a year's figures,
/// then the pins' for the same year, named as in the legend; or a swept revenue's four totals.
fn tooltip_content(props: &ChartCanvasProps, slot: Slot) -> Option<(String, Vec<(String, f64)>)> {
    let own =
        |figures: Vec<(&'static str, f64)>| figures.into_iter().map(|(l, v)| (l.to_string(), v));
    match slot {
        Slot::Year(year) => {
            let row = props.layers.ledger.row(year)?;
            let ghost_value = props.chart.ghost_value();
            let pins = props.layers.pins.iter().filter_map(|ghost| {
                let row = ghost.ledger.row(year)?;
                Some((ghost_legend_label(&ghost.label), ghost_value(row)))
            });
            let figures = own(props.chart.hover_figures(row)).chain(pins).collect();
            Some((year.to_string(), figures))
        }
        Slot::Swept(index) => {
            let row = props.layers.sweeps.as_ref()?.live.rows.get(index)?;
            let figures = own(Chart::sweep_figures(row)).collect();
            Some((format!("2030 revenue {}", money_b(row.r30)), figures))
        }
    }
}

/// The event [`catch_up`] sends a chart's canvas.
const CATCH_UP: &str = "catch-up";

/// Draws the chart on `canvas` now if it is waiting out of view for the reader to rest
/// ([`Scheduler::redraw`]), so that its pixels, read for a PNG, show the scenario on the page.
pub fn catch_up(canvas: &HtmlCanvasElement) {
    if let Ok(event) = Event::new(CATCH_UP) {
        let _ = canvas.dispatch_event(&event);
    }
}

fn draw(canvas: &HtmlCanvasElement, pending: &Pending) -> Option<Mapping> {
    let window = web_sys::window()?;
    let style = Style::new(window.device_pixel_ratio(), pending.theme);
    let css_width = f64::from(canvas.client_width());
    let css_height = f64::from(canvas.client_height());
    if css_width <= 0.0 || css_height <= 0.0 {
        return None; // not laid out (hidden): nothing to draw into
    }
    let width = style.px(css_width);
    let height = style.px(css_height);
    if canvas.width() != width || canvas.height() != height {
        canvas.set_width(width);
        canvas.set_height(height);
    }
    // Named marks in the test build (`make bench` measures it), so each draw shows in the
    // browser's profiler and the bench can read it; the page itself has no use for them.
    #[cfg(feature = "test-hooks")]
    let (performance, mark) = (
        window.performance(),
        format!("draw {}", pending.chart.title()),
    );
    #[cfg(feature = "test-hooks")]
    if let Some(performance) = &performance {
        let _ = performance.mark(&mark);
    }
    let backend = ChartSurface::canvas(canvas)?;
    let area = backend.into_drawing_area();
    let mapping = pending
        .chart
        .draw(&area, &pending.layers.scene(), &style)
        .map_err(|err| {
            web_sys::console::error_1(
                &format!("drawing the {} chart failed: {err}", pending.chart.slug()).into(),
            )
        })
        .ok()?;
    area.present().ok()?;
    #[cfg(feature = "test-hooks")]
    if let Some(performance) = &performance {
        // Only the newest measure stays in the timeline, so a long session does not pile them
        // up; a PerformanceObserver (as `make bench` uses) still sees every one.
        performance.clear_measures_with_measure_name(&mark);
        let _ = performance.measure_with_start_mark(&mark, &mark);
        performance.clear_marks_with_mark_name(&mark);
    }
    // What the page has on its canvas, for a host page, a print check or anyone inspecting
    // it: that it is drawn, and in which theme. Written when it changes, not on every draw.
    let theme = match pending.theme {
        Theme::Light => "light",
        Theme::Dark => "dark",
    };
    if canvas.get_attribute("data-drawn-theme").as_deref() != Some(theme) {
        canvas.set_attribute("data-drawn", "true").ok()?;
        canvas.set_attribute("data-drawn-theme", theme).ok()?;
    }
    #[cfg(feature = "test-hooks")]
    crate::test_hooks::record_draw(canvas, &mapping);
    Some(mapping)
}
