//! Charts, one module each, drawn with plotters on any `DrawingBackend`: the app draws them on
//! a canvas, native tests and SVG exports on plotters' SVG backend, from the same code.

mod mapping;
pub mod payments_chart;
mod style;

pub use mapping::Mapping;
pub use style::{Palette, Style, Theme};

use deal_model::Ledger;
use plotters::coord::Shift;
use plotters::prelude::{DrawingArea, DrawingAreaErrorKind, DrawingBackend};

/// The charts the app can host. An enum rather than a function pointer so that component props
/// compare cheaply and predictably.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Chart {
    Payments,
}

impl Chart {
    pub fn draw<DB: DrawingBackend>(
        self,
        area: &DrawingArea<DB, Shift>,
        ledger: &Ledger,
        selected_year: i32,
        style: &Style,
    ) -> Result<Mapping, DrawingAreaErrorKind<DB::ErrorType>> {
        match self {
            Chart::Payments => payments_chart::draw(area, ledger, selected_year, style),
        }
    }

    /// Used for the canvas's accessible name and for file names of exports.
    pub fn title(self) -> &'static str {
        match self {
            Chart::Payments => payments_chart::TITLE,
        }
    }
}
