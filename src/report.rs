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
}

/// One cell.
#[derive(Debug, Clone, PartialEq)]
pub enum Cell {
    Empty,
    Text(String),
    /// A number; the decimals travel with it because one column may mix indicators.
    Number(f64, u8),
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
    pub fn int(v: i64) -> Cell {
        Cell::Number(v as f64, 0)
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
            Cell::Plain(v) => v.to_string(),
            Cell::Missing => String::new(),
        }
    }

    /// Rounded to the cell's decimals with thousands separators, for tables and Markdown.
    pub fn display(&self) -> String {
        match self {
            Cell::Empty => String::new(),
            Cell::Text(s) => s.clone(),
            Cell::Number(v, d) => format_display(*v, *d),
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
pub fn format_display(v: f64, decimals: u8) -> String {
    let s = format!("{:.*}", decimals as usize, v);
    let (sign, rest) = match s.strip_prefix('-') {
        Some(r) => ("-", r),
        None => ("", s.as_str()),
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
        });
        self
    }

    /// Adds a number column shown with `decimals`.
    pub fn number_column(mut self, name: &str, decimals: u8) -> Self {
        self.columns.push(Column {
            name: name.into(),
            kind: ColumnKind::Number(decimals),
            detail: false,
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
    }
}
