//! Charts, one module each, drawn with plotters on any `DrawingBackend`: the app draws them on
//! a canvas, native tests and SVG exports on plotters' SVG backend, from the same code. The
//! frame they share (title, legend, axes, the reader's year or revenue) lives in `frame`.

mod callouts;
mod frame;
mod ghosts;
mod hover;
mod mapping;
mod style;

pub mod cap_chart;
pub mod revenue_chart;
pub mod static_svg;
pub mod take_chart;
pub mod traded_chart;

pub use callouts::{Placed, Rect};
pub use frame::{LEGEND_BAND, LEGEND_BAND_OLD, LEGEND_MEDIAN, REVENUE_AXIS};
pub use ghosts::legend_label as ghost_legend_label;
pub use mapping::Mapping;
pub use style::{Palette, Style, Theme, BAND_OPACITY};

use std::rc::Rc;

use deal_model::{
    cap_binds_from, sweep, ChartChoice, Ensemble, Ledger, Scenario, SweepRow, YearRow,
};
use plotters::coord::Shift;
use plotters::prelude::{DrawingArea, DrawingAreaErrorKind, DrawingBackend};

/// Everything a chart shows besides its look: the live scenario's ledger and the layers drawn
/// over it. Borrowed, so a draw copies nothing; the same scene draws to a canvas and to SVG.
#[derive(Clone, Copy, Debug)]
pub struct Scene<'a> {
    pub ledger: &'a Ledger,
    /// The scenario's cap in $B: the ledger does not carry it.
    pub cap: f64,
    /// The year the reader is looking at.
    pub selected_year: i32,
    /// Pinned scenarios, drawn as ghosts behind the live one.
    pub pins: &'a [Ghost],
    /// Percentile bands when the reader has turned uncertainty on.
    pub bands: Option<&'a Ensemble>,
    /// The revenue sweeps the chart of what Microsoft traded draws; the year charts ignore
    /// them, and without them that chart is an empty frame.
    pub sweeps: Option<&'a Sweeps>,
}

impl<'a> Scene<'a> {
    /// The live scenario alone: no pins, no bands.
    pub fn plain(ledger: &'a Ledger, cap: f64, selected_year: i32) -> Self {
        Scene {
            ledger,
            cap,
            selected_year,
            pins: &[],
            bands: None,
            sweeps: None,
        }
    }
}

/// What the charts of one page draw, owned and cheap to clone (its parts are shared): the canvas
/// host's props, the drawing it schedules and the exports all carry this one value, and lend it
/// to a draw as a [`Scene`].
#[derive(Clone, Debug, PartialEq)]
pub struct Layers {
    pub ledger: Rc<Ledger>,
    pub cap: f64,
    pub selected_year: i32,
    pub pins: Rc<Vec<Ghost>>,
    pub bands: Option<Rc<Ensemble>>,
    pub sweeps: Option<Sweeps>,
}

impl Layers {
    pub fn scene(&self) -> Scene<'_> {
        Scene {
            ledger: &self.ledger,
            cap: self.cap,
            selected_year: self.selected_year,
            pins: &self.pins,
            bands: self.bands.as_deref(),
            sweeps: self.sweeps.as_ref(),
        }
    }
}

/// One scenario's revenue sweep: its totals at every 2030 revenue on the slider's grid.
#[derive(Clone, Debug)]
pub struct Sweep {
    pub rows: Vec<SweepRow>,
    /// The first swept revenue at which the cap binds.
    pub binds_from: Option<f64>,
}

impl Sweep {
    pub fn of(scenario: &Scenario) -> Sweep {
        let rows = sweep(scenario);
        let binds_from = cap_binds_from(&rows, scenario);
        Sweep { rows, binds_from }
    }

    /// The row of the swept revenue nearest `r30`: the sweep runs in equal steps.
    pub fn nearest(&self, r30: f64) -> Option<usize> {
        let (first, last) = (self.rows.first()?.r30, self.rows.last()?.r30);
        let steps = (self.rows.len() - 1).max(1) as f64;
        let at = (r30 - first) / (last - first) * steps;
        // Saturating: below the first row is the first (no `round`, which would link libm's).
        Some(((at + 0.5) as usize).min(self.rows.len() - 1))
    }
}

/// The sweeps of the live scenario and of each pin, with the reader's 2030 revenue. Shared:
/// a sweep does not follow `r30` itself, so moving it only moves the mark.
#[derive(Clone, Debug)]
pub struct Sweeps {
    pub r30: f64,
    pub live: Rc<Sweep>,
    /// Each pin's sweep, in the order of the scene's pins.
    pub pins: Rc<Vec<Sweep>>,
}

/// The same sweeps are the same computations: the app recomputes a sweep only when its inputs
/// change, so comparing where they live says as much as comparing 117 rows, in less code.
impl PartialEq for Sweeps {
    fn eq(&self, other: &Sweeps) -> bool {
        self.r30 == other.r30
            && Rc::ptr_eq(&self.live, &other.live)
            && Rc::ptr_eq(&self.pins, &other.pins)
    }
}

/// A pinned scenario as the charts draw it.
#[derive(Clone, Debug, PartialEq)]
pub struct Ghost {
    pub label: String,
    pub ledger: Rc<Ledger>,
    pub cap: f64,
}

impl Ghost {
    /// `scenario` under the name `label`, with its ledger computed once for every chart.
    pub fn of(label: &str, scenario: &Scenario) -> Ghost {
        Ghost {
            label: label.to_string(),
            ledger: Rc::new(Ledger::compute(scenario)),
            cap: scenario.cap,
        }
    }
}

/// The charts the app can host. An enum rather than a function pointer so that component props
/// compare cheaply and predictably.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Chart {
    /// Who gets OpenAI's revenue each year.
    Revenue,
    /// Cumulative payments against the cap.
    Cap,
    /// Economic take of Microsoft and the other owners.
    Take,
    /// Totals 2026-2035 across OpenAI's 2030 revenue: what the cap costs Microsoft.
    Traded,
}

impl Chart {
    /// Every chart, in the order the page shows them.
    pub const ALL: [Chart; 4] = [Chart::Revenue, Chart::Cap, Chart::Take, Chart::Traded];

    /// Draws the chart for a scene.
    pub fn draw<DB: DrawingBackend>(
        self,
        area: &DrawingArea<DB, Shift>,
        scene: &Scene,
        style: &Style,
    ) -> Result<Mapping, DrawingAreaErrorKind<DB::ErrorType>> {
        match self {
            Chart::Revenue => revenue_chart::draw(area, scene, style),
            Chart::Cap => cap_chart::draw(area, scene, style),
            Chart::Take => take_chart::draw(area, scene, style),
            Chart::Traded => traded_chart::draw(area, scene, style),
        }
    }

    /// The part of `layers` the chart draws, the rest set to fixed values: two layers with the
    /// same part draw the same picture, so the canvas need not redraw between them.
    pub fn drawn(self, layers: &Layers) -> Layers {
        let mut drawn = layers.clone();
        match self {
            // Its ledger already holds what the cap does to payments.
            Chart::Revenue => (drawn.cap, drawn.bands) = (0.0, None),
            Chart::Cap => {}
            Chart::Take => drawn.cap = 0.0,
            // Across revenue: no year to mark, no bands.
            Chart::Traded => (drawn.cap, drawn.selected_year, drawn.bands) = (0.0, 0, None),
        }
        drawn
    }

    /// Used for the canvas's accessible name.
    pub fn title(self) -> &'static str {
        match self {
            Chart::Revenue => revenue_chart::TITLE,
            Chart::Cap => cap_chart::TITLE,
            Chart::Take => take_chart::TITLE,
            Chart::Traded => traded_chart::TITLE,
        }
    }

    /// What the chart draws of each pinned scenario; each chart's module says why. The chart
    /// across revenue draws this summed over the years, from each pin's sweep.
    pub fn ghost_value(self) -> fn(&YearRow) -> f64 {
        match self {
            Chart::Revenue => |row| row.revenue,
            Chart::Cap => |row| row.cumulative_new,
            Chart::Take | Chart::Traded => |row| row.microsoft_take_new,
        }
    }

    /// The chart a link names with `chart=`.
    pub fn of(choice: ChartChoice) -> Chart {
        match choice {
            ChartChoice::Revenue => Chart::Revenue,
            ChartChoice::Cap => Chart::Cap,
            ChartChoice::Take => Chart::Take,
            ChartChoice::Traded => Chart::Traded,
        }
    }

    /// How a link names the chart.
    pub fn choice(self) -> ChartChoice {
        match self {
            Chart::Revenue => ChartChoice::Revenue,
            Chart::Cap => ChartChoice::Cap,
            Chart::Take => ChartChoice::Take,
            Chart::Traded => ChartChoice::Traded,
        }
    }

    /// The chart switcher's word for it: four must fit side by side in a phone's column.
    pub fn short_title(self) -> &'static str {
        match self {
            Chart::Revenue => "Revenue",
            Chart::Cap => "Cap",
            Chart::Take => "Take",
            Chart::Traded => "Traded",
        }
    }

    /// A short stable name for file names of exports and DOM hooks.
    pub fn slug(self) -> &'static str {
        match self {
            Chart::Revenue => "revenue",
            Chart::Cap => "cap",
            Chart::Take => "take",
            Chart::Traded => "traded",
        }
    }
}
