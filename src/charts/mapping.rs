//! What a drawn chart tells its host: where the years (or, on the chart across revenue, the
//! revenues) sit on screen, so a pointer position can be turned back into what it points at for
//! hover readouts, and where its labels went, so tests (and the test build's `data-labels`) can check
//! that they stay clear of the data and of each other.

use std::ops::Range;

use super::callouts::Placed;

#[derive(Clone, Debug, Default, PartialEq)]
pub struct Mapping {
    /// The plotting area's horizontal extent in backend (device) pixels.
    pub plot_x: Range<i32>,
    /// Its vertical extent, top to bottom.
    pub plot_y: Range<i32>,
    /// The $B at the bottom and at the top of the plot.
    pub values: Range<f64>,
    /// The model years, across the x axis unless `revenue` says otherwise.
    pub first_year: i32,
    pub last_year: i32,
    /// On a chart across OpenAI's 2030 revenue, the $B at the plot's left and right edges.
    pub revenue: Option<Range<f64>>,
    /// The labels the chart placed, most important first.
    pub labels: Vec<Placed>,
}

impl Mapping {
    /// The year whose slot holds the device pixel `x`, if `x` is inside the plot.
    pub fn year_at(&self, x: i32) -> Option<i32> {
        let width = self.plot_x.end - self.plot_x.start;
        let years = self.last_year - self.first_year + 1;
        if self.revenue.is_some() || width <= 0 || years <= 0 || !self.plot_x.contains(&x) {
            return None;
        }
        let slot = f64::from(x - self.plot_x.start) / f64::from(width) * f64::from(years);
        Some(self.first_year + (slot.floor() as i32).clamp(0, years - 1))
    }

    /// The 2030 revenue in $B at the device pixel `x`, on a chart across revenue and inside
    /// its plot.
    pub fn revenue_at(&self, x: i32) -> Option<f64> {
        let range = self.revenue.as_ref()?;
        let width = self.plot_x.end - self.plot_x.start;
        if width <= 0 || !self.plot_x.contains(&x) {
            return None;
        }
        let share = f64::from(x - self.plot_x.start) / f64::from(width);
        Some(range.start + share * (range.end - range.start))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn maps_pixels_to_year_slots_and_rejects_the_margins() {
        let mapping = Mapping {
            plot_x: 100..200,
            first_year: 2026,
            last_year: 2035,
            ..Mapping::default()
        };
        assert_eq!(mapping.year_at(100), Some(2026));
        assert_eq!(mapping.year_at(109), Some(2026));
        assert_eq!(mapping.year_at(110), Some(2027));
        assert_eq!(mapping.year_at(199), Some(2035));
        assert_eq!(mapping.year_at(99), None);
        assert_eq!(mapping.year_at(200), None);
        assert_eq!(Mapping::default().year_at(0), None);
        assert_eq!(
            mapping.revenue_at(150),
            None,
            "a year chart has no revenue axis"
        );
    }

    #[test]
    fn maps_pixels_to_revenue_on_a_chart_across_revenue() {
        let mapping = Mapping {
            plot_x: 100..200,
            first_year: 2026,
            last_year: 2035,
            revenue: Some(0.0..600.0),
            ..Mapping::default()
        };
        assert_eq!(mapping.revenue_at(100), Some(0.0));
        assert_eq!(mapping.revenue_at(150), Some(300.0));
        assert_eq!(mapping.revenue_at(200), None);
        assert_eq!(mapping.year_at(150), None, "no years across revenue");
    }
}
