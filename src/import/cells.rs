//! The compact records an import builds — observations, series, rejected cells, value
//! columns — and the findings bookkeeping of the [`Extractor`] (one finding per message with
//! all its lines; single-cell findings capped), ragged rows and OWID annotation columns.

use super::extract::Extractor;
use super::layout::Values;
use super::{Finding, FindingKind};

/// One observation: `key` = country index << 16 | (year − 1800); `line` where it was read.
#[derive(Debug, Clone, Copy)]
pub struct Obs {
    pub key: u32,
    pub line: u32,
    pub value: f64,
}

/// Year offset stored in [`Obs::key`].
pub const YEAR_BASE: i32 = 1800;

/// One series of the file (becomes one indicator).
#[derive(Debug, Default)]
pub struct Series {
    pub key: Vec<String>,
    pub title: String,
    pub unit: Option<String>,
    pub unit_mults: Vec<String>,
    pub source_code: String,
    pub obs: Vec<Obs>,
    pub max_decimals: u8,
    /// Line of the first observation written (series are listed in that order).
    pub first_line: u64,
    /// The input column of its values (OWID), for messages.
    pub column: Option<usize>,
}

/// A row or cell that was not written, for `unmatched.csv`.
#[derive(Debug, Clone)]
pub struct Rejected {
    pub line: u64,
    pub column: usize,
    pub series: String,
    pub country: String,
    pub code: String,
    pub year: String,
    pub value: String,
    pub reason: String,
    pub suggestions: String,
}

/// Per value column: the year in its header (wide), its series (OWID) and what it held.
#[derive(Debug, Clone, Default)]
pub struct ValueCol {
    pub index: usize,
    pub year: Option<i32>,
    pub series: Option<u32>,
    pub numbers: u64,
    pub texts: u64,
    pub missing: u64,
    /// Polars could not type it; read as text from now on.
    pub text_mode: bool,
}

/// At most this many single-cell findings of one kind; the rest are counted in one more.
const MAX_CELL_FINDINGS: usize = 200;

impl Extractor<'_> {
    /// The finding of this kind and message (one finding per message), created if new.
    pub(super) fn group_id(&mut self, kind: FindingKind, message: &str) -> usize {
        let next = self.findings.len();
        let inner = self.grouped.entry(kind).or_default();
        if let Some(&i) = inner.get(message) {
            return i;
        }
        inner.insert(message.to_string(), next);
        self.findings.push(Finding {
            kind,
            lines: vec![],
            column: None,
            message: message.to_string(),
        });
        next
    }

    pub(super) fn add_line(&mut self, finding: usize, line: u64) {
        let lines = &mut self.findings[finding].lines;
        if lines.last() != Some(&line) {
            lines.push(line);
        }
    }

    /// Adds `line` to the finding of this kind and message.
    pub(super) fn group(&mut self, kind: FindingKind, message: &str, line: u64) {
        let i = self.group_id(kind, message);
        self.add_line(i, line);
    }

    /// A finding about one cell or row; past [`MAX_CELL_FINDINGS`] of a kind, only counted.
    pub(super) fn cell_finding(
        &mut self,
        kind: FindingKind,
        line: u64,
        column: Option<usize>,
        message: String,
    ) {
        let n = self.cell_findings.entry(kind).or_insert(0);
        *n += 1;
        if (*n as usize) <= MAX_CELL_FINDINGS {
            self.findings.push(Finding {
                kind,
                lines: vec![line],
                column: column.map(|c| self.headers[c].clone()),
                message,
            });
        } else {
            let more = "more cells like this (see unmatched.csv for each with its line)";
            self.group(kind, more, line);
        }
    }

    /// A row with the wrong number of fields (or a DataBank footer line).
    pub fn ragged(&mut self, line: u64, fields: &[&str]) {
        self.rows_read += 1;
        if fields.iter().all(|f| f.trim().is_empty()) {
            return;
        }
        let first = fields.first().map_or("", |f| f.trim());
        if fields.iter().skip(1).all(|f| f.trim().is_empty())
            && (first.starts_with("Data from database") || first.starts_with("Last Updated"))
        {
            self.group(FindingKind::Note, "DataBank footer line, not data", line);
            return;
        }
        let message = format!(
            "row has {} fields but the header has {}; row not read (check its commas and quotes)",
            fields.len(),
            self.headers.len()
        );
        self.cell_finding(FindingKind::Ragged, line, None, message.clone());
        let get = |i: Option<usize>| i.and_then(|i| fields.get(i)).map_or("", |f| f.trim());
        self.rejected.push(Rejected {
            line,
            column: 0,
            series: String::new(),
            country: get(self.plan.country).to_string(),
            code: get(self.plan.code).to_string(),
            year: String::new(),
            value: fields.join(","),
            reason: message,
            suggestions: String::new(),
        });
    }

    /// OWID columns that held no number but some text are annotation columns: their cells are
    /// taken back out of the findings and `unmatched.csv`, and the column is reported as ignored.
    pub fn drop_annotation_columns(&mut self) -> Vec<usize> {
        if !matches!(self.plan.values, Values::Owid { .. }) {
            return vec![];
        }
        let dropped: Vec<usize> = self
            .cols
            .iter()
            .filter(|c| c.numbers == 0 && c.texts > 0)
            .map(|c| c.index)
            .collect();
        if dropped.is_empty() {
            return dropped;
        }
        let names: Vec<String> = dropped.iter().map(|&i| self.headers[i].clone()).collect();
        self.rejected
            .retain(|r| !dropped.contains(&r.column) || r.series.is_empty());
        self.findings.retain(|f| {
            !(f.kind == FindingKind::NotANumber
                && f.column.as_ref().is_some_and(|c| names.contains(c)))
        });
        for c in self.cols.iter().filter(|c| dropped.contains(&c.index)) {
            self.cells -= c.texts + c.missing;
            self.missing -= c.missing;
        }
        dropped
    }
}
