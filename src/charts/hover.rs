//! What a chart's tooltip lists for the year under the pointer: the figures that chart draws,
//! named as its legend names them.

use deal_model::YearRow;

use super::Chart;

type Figure = (&'static str, fn(&YearRow) -> f64);

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

impl Chart {
    /// The labelled figures of one year, in legend order.
    pub fn hover_figures(self, row: &YearRow) -> Vec<(&'static str, f64)> {
        let figures = match self {
            Chart::Revenue => REVENUE,
            Chart::Cap => CAP,
            Chart::Take => TAKE,
        };
        figures
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
    }
}
