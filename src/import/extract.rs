//! Rows to observations: each distinct (name, code) resolved once, each distinct series key
//! looked up without allocating, values kept as compact `(country, year, line, value)` records
//! per series, and every cell that is not written named in `unmatched.csv` with its line.
//!
//! Rows arrive from two readers (Polars frames and `csv` records, see `read.rs`); both call
//! [`Extractor::row`] and [`Extractor::value`], so the rules are written once.

pub use super::cells::{Obs, Rejected, Series, ValueCol, YEAR_BASE};
use super::layout::{Plan, Values};
use super::number::{parse_year, Cell};
use super::resolve::{resolve_place, Place};
use super::text::quote;
use super::{Finding, FindingKind};
use crate::catalog::countries::Countries;
use std::collections::HashMap;

/// The year of a row (long layouts).
pub enum RowYear<'a> {
    /// Wide: the year is in each value column's header.
    PerColumn,
    Year(i32),
    Bad(&'a str),
}

/// What [`Extractor::row`] found out about a row.
pub struct RowCtx<'a> {
    pub line: u64,
    place: u32,
    series: u32,
    year: RowYear<'a>,
}

/// Everything taken from the rows.
pub struct Extractor<'a> {
    pub headers: &'a [String],
    pub plan: &'a Plan,
    countries: &'a Countries,
    /// iso3 codes, sorted: a country's index is its place here.
    pub codes: Vec<String>,
    code_index: HashMap<String, u16>,
    /// Per code: an aggregate rather than a country.
    pub is_aggregate: Vec<bool>,
    place_of: HashMap<String, u32>,
    places: Vec<Place>,
    series_of: HashMap<String, u32>,
    pub series: Vec<Series>,
    pub cols: Vec<ValueCol>,
    pub rejected: Vec<Rejected>,
    pub findings: Vec<Finding>,
    pub(super) grouped: HashMap<FindingKind, HashMap<String, usize>>,
    /// Per place: its notes' findings and (once used) its rejection's finding.
    place_findings: Vec<(Vec<usize>, Option<usize>)>,
    pub(super) cell_findings: HashMap<FindingKind, u64>,
    /// First (name, code) seen for each country index, for duplicate reports.
    pub spelled: Vec<Option<(String, String)>>,
    pub rows_read: u64,
    pub missing: u64,
    pub unmatched: u64,
    pub aggregates: u64,
    /// Value cells looked at (written + missing + rejected cells, for the accounting check).
    pub cells: u64,
    buf: String,
    /// Skip Polars: every record through the `csv` crate.
    pub record_reader_only: bool,
}

impl<'a> Extractor<'a> {
    pub fn new(headers: &'a [String], plan: &'a Plan, countries: &'a Countries) -> Self {
        let mut codes: Vec<String> = countries
            .countries
            .keys()
            .chain(countries.aggregates.keys())
            .cloned()
            .collect();
        codes.sort();
        codes.dedup();
        let code_index = codes
            .iter()
            .enumerate()
            .map(|(i, c)| (c.clone(), u16::try_from(i).unwrap_or(u16::MAX)))
            .collect();
        let cols = match &plan.values {
            Values::Long { value, .. } => vec![ValueCol {
                index: *value,
                ..ValueCol::default()
            }],
            Values::Wide(cols) => cols
                .iter()
                .map(|(i, y)| ValueCol {
                    index: *i,
                    year: Some(*y),
                    ..ValueCol::default()
                })
                .collect(),
            Values::Owid { columns, .. } => columns
                .iter()
                .map(|i| ValueCol {
                    index: *i,
                    ..ValueCol::default()
                })
                .collect(),
        };
        let is_aggregate = codes
            .iter()
            .map(|c| !countries.countries.contains_key(c))
            .collect();
        Extractor {
            is_aggregate,
            spelled: vec![None; codes.len()],
            headers,
            plan,
            countries,
            codes,
            code_index,
            place_of: HashMap::new(),
            places: vec![],
            series_of: HashMap::new(),
            series: vec![],
            cols,
            rejected: vec![],
            findings: vec![],
            grouped: HashMap::new(),
            place_findings: vec![],
            cell_findings: HashMap::new(),
            rows_read: 0,
            missing: 0,
            unmatched: 0,
            aggregates: 0,
            cells: 0,
            buf: String::new(),
            record_reader_only: false,
        }
    }

    /// Starts a row: `field(i)` gives column `i`'s text.
    pub fn row<'r>(&mut self, line: u64, field: &dyn Fn(usize) -> &'r str) -> RowCtx<'r> {
        self.rows_read += 1;
        let get = |i: Option<usize>| i.map_or("", |i| field(i).trim());
        let (name, code) = (get(self.plan.country), get(self.plan.code));
        self.buf.clear();
        self.buf.push_str(name);
        self.buf.push('\u{1f}');
        self.buf.push_str(code);
        let place = match self.place_of.get(self.buf.as_str()) {
            Some(&p) => p,
            None => self.new_place(name, code),
        };
        for k in 0..self.place_findings[place as usize].0.len() {
            let f = self.place_findings[place as usize].0[k];
            self.add_line(f, line);
        }
        let series = match self.plan.values {
            Values::Owid { .. } => u32::MAX,
            _ => self.row_series(line, field),
        };
        let year = match &self.plan.values {
            Values::Wide(_) => RowYear::PerColumn,
            Values::Long { year, .. } | Values::Owid { year, .. } => {
                let t = field(*year).trim();
                match parse_year(t) {
                    Some(y) => RowYear::Year(y),
                    None => RowYear::Bad(t),
                }
            }
        };
        RowCtx {
            line,
            place,
            series,
            year,
        }
    }

    fn new_place(&mut self, name: &str, code: &str) -> u32 {
        let mut place = resolve_place(self.countries, name, code);
        if let Some((iso3, _)) = &place.found {
            let idx = self.code_index.get(iso3).copied();
            place.index = idx;
            if let Some(i) = idx {
                let slot = &mut self.spelled[usize::from(i)];
                slot.get_or_insert_with(|| (name.to_string(), code.to_string()));
            }
        }
        let id = self.places.len() as u32;
        let notes = place
            .notes
            .iter()
            .map(|(kind, message)| self.group_id(*kind, message))
            .collect();
        self.place_findings.push((notes, None));
        self.places.push(place);
        self.place_of.insert(self.buf.clone(), id);
        id
    }

    fn row_series<'r>(&mut self, line: u64, field: &dyn Fn(usize) -> &'r str) -> u32 {
        self.buf.clear();
        for &i in &self.plan.series {
            if Some(i) == self.plan.unit_mult {
                self.buf.push_str("unit_mult_");
            }
            self.buf.push_str(field(i).trim());
            self.buf.push('\u{1f}');
        }
        if let Some(&s) = self.series_of.get(self.buf.as_str()) {
            return s;
        }
        let key: Vec<String> = self
            .plan
            .series
            .iter()
            .map(|&i| match field(i).trim() {
                m if Some(i) == self.plan.unit_mult => format!("unit_mult_{m}"),
                v => v.to_string(),
            })
            .collect();
        let source_code = self
            .plan
            .series
            .iter()
            .zip(&key)
            .filter(|(c, _)| Some(**c) != self.plan.unit_mult)
            .map(|(_, v)| v.as_str())
            .collect::<Vec<_>>()
            .join(".");
        let title = self
            .plan
            .series_title
            .map(|i| field(i).trim().to_string())
            .unwrap_or_else(|| source_code.clone());
        let id = self.series.len() as u32;
        self.series.push(Series {
            key,
            title,
            source_code,
            first_line: line,
            ..Series::default()
        });
        self.series_of.insert(self.buf.clone(), id);
        id
    }

    fn owid_series(&mut self, slot: usize, line: u64) -> u32 {
        if let Some(s) = self.cols[slot].series {
            return s;
        }
        let col = self.cols[slot].index;
        let header = self.headers[col].clone();
        let id = self.series.len() as u32;
        self.series.push(Series {
            key: vec![header.clone()],
            title: header.clone(),
            source_code: header,
            first_line: line,
            column: Some(col),
            ..Series::default()
        });
        self.cols[slot].series = Some(id);
        id
    }

    /// One value cell of a row: `slot` is its place in [`Self::cols`]; `text` is the cell as
    /// written (asked for only when the cell is not written); `unit`/`unit_mult`: the row's.
    pub fn value(
        &mut self,
        row: &RowCtx,
        slot: usize,
        cell: Cell,
        text: &dyn Fn() -> String,
        unit: Option<&str>,
        unit_mult: Option<&str>,
    ) {
        self.cells += 1;
        let line = row.line;
        let col = self.cols[slot].index;
        let value = match cell {
            Cell::Missing => {
                self.missing += 1;
                self.cols[slot].missing += 1;
                return;
            }
            Cell::NotANumber => {
                self.cols[slot].texts += 1;
                let t = text();
                let message = format!("value '{}' is not a number; cell not read", quote(&t));
                self.cell_finding(FindingKind::NotANumber, line, Some(col), message.clone());
                self.reject(row, slot, t, message, String::new());
                return;
            }
            Cell::Number(v, _) => {
                self.cols[slot].numbers += 1;
                v
            }
        };
        let place = &self.places[row.place as usize];
        let (index, aggregate) = match (&place.found, place.index) {
            (Some((_, aggregate)), Some(i)) => (i, *aggregate),
            _ => {
                self.unmatched += 1;
                let (kind, reason, suggestions) =
                    (place.kind, place.reason.clone(), place.suggestions.clone());
                let f = match self.place_findings[row.place as usize].1 {
                    Some(f) => f,
                    None => {
                        let f = self.group_id(kind, &reason);
                        self.place_findings[row.place as usize].1 = Some(f);
                        f
                    }
                };
                self.add_line(f, line);
                self.reject(row, slot, text(), reason, suggestions);
                return;
            }
        };
        let year = match (&row.year, self.cols[slot].year) {
            (RowYear::Year(y), _) => *y,
            (RowYear::PerColumn, Some(y)) => y,
            _ => {
                let t = match row.year {
                    RowYear::Bad(t) => t,
                    _ => "",
                };
                let message = format!(
                    "'{}' is not a year (annual data from 1800 to 2200 only)",
                    quote(t)
                );
                self.group(FindingKind::BadYear, &message, line);
                self.reject(row, slot, text(), message, String::new());
                return;
            }
        };
        let s = match self.plan.values {
            Values::Owid { .. } => self.owid_series(slot, line),
            _ => row.series,
        };
        let series = &mut self.series[s as usize];
        if series.obs.is_empty() {
            series.first_line = line;
        }
        if let Some(u) = unit {
            series.unit.get_or_insert_with(|| u.trim().to_string());
        }
        if let Some(m) = unit_mult.map(str::trim) {
            if !series.unit_mults.iter().any(|x| x == m) {
                series.unit_mults.push(m.to_string());
            }
        }
        if series.max_decimals < 3 {
            series.max_decimals = series.max_decimals.max(super::number::decimals(value));
        }
        series.obs.push(Obs {
            key: (u32::from(index) << 16) | (year - YEAR_BASE) as u32,
            line: u32::try_from(line).unwrap_or(u32::MAX),
            value,
        });
        if aggregate {
            self.aggregates += 1;
        }
    }

    fn reject(&mut self, row: &RowCtx, slot: usize, value: String, reason: String, sugg: String) {
        let place = &self.places[row.place as usize];
        let col = self.cols[slot].index;
        let year = match (&row.year, self.cols[slot].year) {
            (RowYear::Year(y), _) => y.to_string(),
            (RowYear::PerColumn, Some(y)) => y.to_string(),
            (RowYear::Bad(t), _) => t.to_string(),
            (RowYear::PerColumn, None) => String::new(),
        };
        let series = match self.plan.values {
            Values::Owid { .. } => self.headers[col].clone(),
            _ => self
                .series
                .get(row.series as usize)
                .map(|s| s.key.join("/"))
                .unwrap_or_default(),
        };
        self.rejected.push(Rejected {
            line: row.line,
            column: col,
            series,
            country: place.name.clone(),
            code: place.code.clone(),
            year,
            value,
            reason,
            suggestions: sugg,
        });
    }
}
