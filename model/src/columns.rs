//! The ledger's columns as one table: the CSV name the spec fixes, the words readers see in
//! the data table, the legends and the tooltips, and the figure itself. Everything that lists
//! columns reads this table, so a label cannot drift between a legend and a tooltip.

use crate::ledger::YearRow;

/// How a column's figures read.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Measure {
    /// $B.
    Money,
    /// %.
    Percent,
}

/// One column of the ledger.
#[derive(Clone, Copy, Debug)]
pub struct Column {
    /// The CSV column name of the spec.
    pub name: &'static str,
    /// The words readers see.
    pub label: &'static str,
    pub measure: Measure,
    pub value: fn(&YearRow) -> f64,
    /// Whether the ensemble gives it percentile bands: every money column; the margin does not
    /// depend on revenue.
    pub banded: bool,
}

impl PartialEq for Column {
    fn eq(&self, other: &Column) -> bool {
        self.name == other.name
    }
}

/// A money column named for the [`YearRow`] field it reads, so the CSV name and the figure
/// cannot part.
macro_rules! money {
    ($field:ident, $label:literal) => {
        Column {
            name: stringify!($field),
            label: $label,
            measure: Measure::Money,
            value: |r| r.$field,
            banded: true,
        }
    };
}

pub const REVENUE: Column = money!(revenue, "OpenAI revenue");
pub const SHARE_NEW: Column = money!(share_new, "Paid to Microsoft, new terms");
pub const CUMULATIVE_NEW: Column = money!(cumulative_new, "Paid so far, new terms");
pub const SHARE_OLD: Column = money!(share_old, "Paid to Microsoft, old terms");
pub const CUMULATIVE_OLD: Column = money!(cumulative_old, "Paid so far, old terms");
pub const OPENAI_KEPT_NEW: Column = money!(openai_kept_new, "Kept by OpenAI, new terms");
pub const OPENAI_KEPT_OLD: Column = money!(openai_kept_old, "Kept by OpenAI, old terms");
pub const MARGIN_PCT: Column = Column {
    measure: Measure::Percent,
    banded: false,
    ..money!(margin_pct, "OpenAI operating margin")
};
pub const NET_INCOME_NEW: Column = money!(net_income_new, "OpenAI net income, new terms");
pub const NET_INCOME_OLD: Column = money!(net_income_old, "OpenAI net income, old terms");
pub const MICROSOFT_TAKE_NEW: Column = money!(microsoft_take_new, "Microsoft's take, new terms");
pub const MICROSOFT_TAKE_OLD: Column = money!(microsoft_take_old, "Microsoft's take, old terms");
/// "OpenAI's other owners", not "other owners": a reader skimming a legend should read
/// Microsoft against OpenAI's side.
pub const OTHERS_TAKE_NEW: Column = money!(others_take_new, "OpenAI's other owners, new terms");
pub const OTHERS_TAKE_OLD: Column = money!(others_take_old, "OpenAI's other owners, old terms");

/// The CSV's columns after `year`, in the spec's order.
pub const COLUMNS: [Column; 14] = [
    REVENUE,
    SHARE_NEW,
    CUMULATIVE_NEW,
    SHARE_OLD,
    CUMULATIVE_OLD,
    OPENAI_KEPT_NEW,
    OPENAI_KEPT_OLD,
    MARGIN_PCT,
    NET_INCOME_NEW,
    NET_INCOME_OLD,
    MICROSOFT_TAKE_NEW,
    MICROSOFT_TAKE_OLD,
    OTHERS_TAKE_NEW,
    OTHERS_TAKE_OLD,
];

/// The number of banded columns: the ensemble keeps one band for each.
pub const BANDED: usize = 13;

/// The column with this CSV name.
pub fn column(name: &str) -> Option<&'static Column> {
    COLUMNS.iter().find(|column| column.name == name)
}

/// The banded columns, in the CSV's order.
pub fn banded() -> impl Iterator<Item = &'static Column> {
    COLUMNS.iter().filter(|column| column.banded)
}

impl YearRow {
    /// The banded columns' figures in [`banded`] order, written out rather than read through
    /// the table's function pointers: the ensemble calls this 100,000 times a run, and in wasm
    /// an indirect call per cell costs. A test holds it to the table.
    #[inline]
    pub fn banded_cells(&self) -> [f64; BANDED] {
        [
            self.revenue,
            self.share_new,
            self.cumulative_new,
            self.share_old,
            self.cumulative_old,
            self.openai_kept_new,
            self.openai_kept_old,
            self.net_income_new,
            self.net_income_old,
            self.microsoft_take_new,
            self.microsoft_take_old,
            self.others_take_new,
            self.others_take_old,
        ]
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::csv::CSV_HEADER;
    use crate::ledger::Ledger;

    #[test]
    fn the_table_is_the_spec_csv_header_after_the_year() {
        let names: Vec<&str> = COLUMNS.iter().map(|c| c.name).collect();
        assert_eq!(format!("year,{}", names.join(",")), CSV_HEADER);
        assert_eq!(banded().count(), BANDED);
    }

    #[test]
    fn each_column_reads_the_field_of_its_name() {
        // Read the fields by name off the row's Debug form, apart from the table's accessors; a
        // row whose every field differs, so an accessor reading another field shows.
        let ledger = Ledger::compute(&crate::scenario::with_inputs(&[
            (crate::InputKey::Reverse, 3.5),
            (crate::InputKey::Stake, 30.0),
        ]));
        let row = &ledger.rows[4];
        let debug = format!("{row:?}");
        let field = |name: &str| -> f64 {
            let after = debug
                .split_once(&format!(" {name}: "))
                .map(|(_, rest)| rest)
                .unwrap_or_else(|| panic!("{name} is a field"));
            let end = after.find([',', ' ']).unwrap_or(after.len());
            after[..end].parse().expect("a number")
        };
        for column in &COLUMNS {
            assert_eq!((column.value)(row), field(column.name), "{}", column.name);
        }
        let cells: Vec<f64> = banded().map(|column| (column.value)(row)).collect();
        assert_eq!(row.banded_cells().to_vec(), cells);
        assert_eq!(column("others_take_old"), Some(&OTHERS_TAKE_OLD));
        assert_eq!(column("year"), None);
    }

    #[test]
    fn labels_are_distinct() {
        let mut labels: Vec<&str> = COLUMNS.iter().map(|c| c.label).collect();
        labels.sort_unstable();
        labels.dedup();
        assert_eq!(labels.len(), COLUMNS.len());
    }
}
