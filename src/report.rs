//! A finished, table-shaped result: what every command returns and every output format writes.
//!
//! No Polars types here: the output layer and its tests need no data frames.

use serde::Serialize;

/// How a column's cells are typed.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum ColumnKind {
    Text,
    /// A number shown with this many decimals in tables and Markdown; raw in CSV and JSON.
    Number(u8),
}

/// One column: its machine name (CSV header, JSON key) and kind.
#[derive(Debug, Clone, Serialize)]
pub struct Column {
    pub name: String,
    pub kind: ColumnKind,
    /// A machine-readable detail: written to CSV and JSON, left out of tables and Markdown.
    #[serde(skip)]
    pub detail: bool,
    /// May be left out of a terminal table that cannot fit the width (the table says so in a
    /// line under it); CSV, JSON, Markdown and XLSX always have it. Set with
    /// [`Report::optional`]. Columns that are not optional are never dropped: a table that
    /// cannot fit without them is stacked (one block per row) instead.
    #[serde(skip)]
    pub optional: bool,
}

/// One cell. Its variant is its type in every format: `Int` and `Plain` are JSON integers and
/// XLSX whole-number cells, `Number` a JSON number (an integer when it has 0 decimals and no
/// fraction) and an XLSX number cell with that many decimals, `Text` a string, `Missing` and
/// `Empty` JSON null.
#[derive(Debug, Clone, PartialEq)]
pub enum Cell {
    /// Nothing to say (a column that does not apply to this row): empty in CSV, null in JSON,
    /// blank in tables and XLSX.
    Empty,
    Text(String),
    /// A number; the decimals travel with it because one column may mix indicators.
    Number(f64, u8),
    /// A whole number (a count, a rank) shown with thousands separators.
    Int(i64),
    /// A whole number shown without thousands separators (years, ranks).
    Plain(i64),
    /// A value the source does not have: empty in CSV, null in JSON, `no data` in tables.
    Missing,
}

impl Cell {
    pub fn text(s: impl Into<String>) -> Cell {
        Cell::Text(s.into())
    }
    pub fn num(v: f64, decimals: u8) -> Cell {
        Cell::Number(v, decimals)
    }
    pub fn opt_num(v: Option<f64>, decimals: u8) -> Cell {
        v.map_or(Cell::Empty, |v| Cell::Number(v, decimals))
    }
    /// A whole number (count, rank): an integer in JSON and XLSX, `1,234` in tables.
    pub fn int(v: i64) -> Cell {
        Cell::Int(v)
    }
    /// A year or another whole number shown without separators.
    pub fn plain(v: i64) -> Cell {
        Cell::Plain(v)
    }
    pub fn opt_int(v: Option<i64>) -> Cell {
        v.map_or(Cell::Empty, Cell::int)
    }

    /// Full precision, for CSV and JSON: the shortest text that reads back as the same number.
    pub fn raw(&self) -> String {
        match self {
            Cell::Empty => String::new(),
            Cell::Text(s) => s.clone(),
            Cell::Number(v, _) => format_raw(*v),
            Cell::Int(v) | Cell::Plain(v) => v.to_string(),
            Cell::Missing => String::new(),
        }
    }

    /// Rounded to the cell's decimals with thousands separators, for tables and Markdown.
    pub fn display(&self) -> String {
        match self {
            Cell::Empty => String::new(),
            Cell::Text(s) => s.clone(),
            Cell::Number(v, d) => format_display(*v, *d),
            Cell::Int(v) => group_digits(&v.to_string()),
            Cell::Plain(v) => v.to_string(),
            Cell::Missing => "no data".to_string(),
        }
    }
}

/// Shortest round-trip text of a number (`364`, `4.627`, `-0.5`).
pub fn format_raw(v: f64) -> String {
    if v == v.trunc() && v.abs() < 1e15 {
        format!("{}", v as i64)
    } else {
        format!("{v}")
    }
}

/// A number rounded to `decimals` with a comma every three digits (`172,589.3`).
/// Magnitudes of 10^15 and more are written in scientific notation (`1.8e308`), never as a
/// 300-digit run.
pub fn format_display(v: f64, decimals: u8) -> String {
    if v.abs() >= 1e15 && v.is_finite() {
        return format!("{v:e}");
    }
    group_digits(&format!("{:.*}", decimals as usize, v))
}

/// Commas every three digits in the integer part of a formatted number; "-0" becomes "0".
fn group_digits(s: &str) -> String {
    let (sign, rest) = match s.strip_prefix('-') {
        Some(r) => ("-", r),
        None => ("", s),
    };
    let (int, frac) = match rest.split_once('.') {
        Some((i, f)) => (i, Some(f)),
        None => (rest, None),
    };
    let mut grouped = String::new();
    for (i, ch) in int.chars().enumerate() {
        if i > 0 && (int.len() - i) % 3 == 0 {
            grouped.push(',');
        }
        grouped.push(ch);
    }
    let sign = if grouped.chars().all(|c| c == '0' || c == ',')
        && frac.is_none_or(|f| f.chars().all(|c| c == '0'))
    {
        ""
    } else {
        sign
    };
    match frac {
        Some(f) => format!("{sign}{grouped}.{f}"),
        None => format!("{sign}{grouped}"),
    }
}

/// A command's result: a title, typed columns, rows and notes (sources, universe, rules).
#[derive(Debug, Clone, Default)]
pub struct Report {
    pub title: String,
    pub columns: Vec<Column>,
    pub rows: Vec<Vec<Cell>>,
    pub notes: Vec<String>,
    /// Sentences summarising the rows ("Japan — GII rank: 16th of 131 (2020 edition)"): when
    /// present, Markdown writes them as a paste-ready bulleted box instead of the table.
    pub facts: Vec<String>,
}

impl Report {
    pub fn new(title: impl Into<String>) -> Self {
        Report {
            title: title.into(),
            ..Default::default()
        }
    }

    /// Adds a text column.
    pub fn text_column(mut self, name: &str) -> Self {
        self.columns.push(Column {
            name: name.into(),
            kind: ColumnKind::Text,
            detail: false,
            optional: false,
        });
        self
    }

    /// Adds a number column shown with `decimals`.
    pub fn number_column(mut self, name: &str, decimals: u8) -> Self {
        self.columns.push(Column {
            name: name.into(),
            kind: ColumnKind::Number(decimals),
            detail: false,
            optional: false,
        });
        self
    }

    /// Marks the last column added as a detail (CSV and JSON only).
    pub fn detail(mut self) -> Self {
        if let Some(c) = self.columns.last_mut() {
            c.detail = true;
        }
        self
    }

    /// Marks the last column added as optional: a terminal table too wide for its width may
    /// leave it out (and says so under the table).
    pub fn optional(mut self) -> Self {
        if let Some(c) = self.columns.last_mut() {
            c.optional = true;
        }
        self
    }

    /// The indices of the columns tables and Markdown show.
    pub fn shown_columns(&self) -> Vec<usize> {
        (0..self.columns.len())
            .filter(|&i| !self.columns[i].detail)
            .collect()
    }

    pub fn push_row(&mut self, row: Vec<Cell>) {
        debug_assert_eq!(
            row.len(),
            self.columns.len(),
            "row width differs from columns"
        );
        self.rows.push(row);
    }

    pub fn note(&mut self, note: impl Into<String>) {
        self.notes.push(note.into());
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_format_raw_and_for_display() {
        assert_eq!(format_raw(364.0), "364");
        assert_eq!(format_raw(4.627), "4.627");
        assert_eq!(format_display(171839.9123, 1), "171,839.9");
        assert_eq!(format_display(-1234567.0, 0), "-1,234,567");
        assert_eq!(format_display(-0.001, 1), "0.0");
        assert_eq!(format_display(999.96, 1), "1,000.0");
        assert_eq!(format_display(-1.7e308, 1), "-1.7e308");
        assert_eq!(Cell::int(1234567).display(), "1,234,567");
        assert_eq!(Cell::int(-42).raw(), "-42");
    }
}
