//! What a chart's tooltip lists for the year (or, across revenue, the swept revenue) under the
//! pointer: the figures that chart draws, named as its legend names them.

use deal_model::columns::{self, Column};
use deal_model::{SweepRow, YearRow};

use super::{traded_chart as traded, Chart};

type Total = (&'static str, fn(&SweepRow) -> f64);

/// Each year chart's figures: the columns it draws, named as the legend (and the data table)
/// name them, since all three read the model's column table.
const REVENUE: &[Column] = &[
    columns::REVENUE,
    columns::SHARE_NEW,
    columns::OPENAI_KEPT_NEW,
    columns::SHARE_OLD,
];

const CAP: &[Column] = &[columns::CUMULATIVE_NEW, columns::CUMULATIVE_OLD];

const TAKE: &[Column] = &[
    columns::MICROSOFT_TAKE_NEW,
    columns::MICROSOFT_TAKE_OLD,
    columns::OTHERS_TAKE_NEW,
    columns::OTHERS_TAKE_OLD,
];

const TRADED: &[Total] = &[
    (traded::LEGEND_PAID_NEW, |r| r.total_paid_new),
    (traded::LEGEND_PAID_OLD, |r| r.total_paid_old),
    (traded::LEGEND_TAKE_NEW, |r| r.total_take_new),
    (traded::LEGEND_TAKE_OLD, |r| r.total_take_old),
];

impl Chart {
    /// The labelled figures of one year, in legend order; none on the chart across revenue.
    pub fn hover_figures(self, row: &YearRow) -> Vec<(&'static str, f64)> {
        let figures = match self {
            Chart::Revenue => REVENUE,
            Chart::Cap => CAP,
            Chart::Take => TAKE,
            Chart::Traded => &[],
        };
        figures
            .iter()
            .map(|column| (column.label, (column.value)(row)))
            .collect()
    }

    /// The labelled totals of one swept revenue, in legend order, for the chart across revenue.
    pub fn sweep_figures(row: &SweepRow) -> Vec<(&'static str, f64)> {
        TRADED
            .iter()
            .map(|(label, value)| (*label, value(row)))
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use deal_model::Scenario;

    #[test]
    fn a_swept_revenue_lists_the_four_totals() {
        let row = SweepRow::of(&Scenario::default());
        assert_eq!(
            Chart::sweep_figures(&row),
            vec![
                ("Paid, new terms", row.total_paid_new),
                ("Paid, old terms", row.total_paid_old),
                ("Microsoft's take, new terms", row.total_take_new),
                ("Microsoft's take, old terms", row.total_take_old),
            ]
        );
    }
}
