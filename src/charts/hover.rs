//! What a chart's tooltip lists for the year (or, across revenue, the swept revenue) under the
//! pointer: the figures that chart draws, named as its legend names them.

use deal_model::{SweepRow, YearRow};

use super::{traded_chart as traded, Chart};

type Figure = (&'static str, fn(&YearRow) -> f64);
type Total = (&'static str, fn(&SweepRow) -> f64);

const REVENUE: &[Figure] = &[
    ("Revenue", |r| r.revenue),
    ("Paid to Microsoft, new terms", |r| r.share_new),
    ("Kept by OpenAI, new terms", |r| r.openai_kept_new),
    ("Paid to Microsoft, old terms", |r| r.share_old),
];

const CAP: &[Figure] = &[
    ("Cumulative, new terms", |r| r.cumulative_new),
    ("Cumulative, old terms", |r| r.cumulative_old),
];

const TAKE: &[Figure] = &[
    ("Microsoft, new terms", |r| r.microsoft_take_new),
    ("Microsoft, old terms", |r| r.microsoft_take_old),
    ("Other owners, new terms", |r| r.others_take_new),
    ("Other owners, old terms", |r| r.others_take_old),
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
            .map(|(label, value)| (*label, value(row)))
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
    use deal_model::{Ledger, Scenario};

    #[test]
    fn each_chart_lists_its_own_figures_of_the_row() {
        let ledger = Ledger::compute(&Scenario::default());
        let row = &ledger.rows[3];
        let cap = Chart::Cap.hover_figures(row);
        assert_eq!(
            cap,
            vec![
                ("Cumulative, new terms", row.cumulative_new),
                ("Cumulative, old terms", row.cumulative_old)
            ]
        );
        let take = Chart::Take.hover_figures(row);
        assert_eq!(take.len(), 4);
        assert_eq!(take[2], ("Other owners, new terms", row.others_take_new));
        assert_eq!(
            Chart::Revenue.hover_figures(row)[0],
            ("Revenue", row.revenue)
        );
        assert!(Chart::Traded.hover_figures(row).is_empty());
    }

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
