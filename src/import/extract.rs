//! Rows to observations: countries resolved, values parsed, every rejected cell named.

use super::layout::{Plan, Values};
use super::number::{parse_value, parse_year, Cell};
use super::{Finding, FindingKind};
use crate::catalog::countries::{Countries, MatchKind, Resolution};
use std::collections::HashMap;

/// One series of the file (becomes one indicator).
#[derive(Debug, Default)]
pub struct Series {
    /// The values of the series columns (or the value column's header for OWID).
    pub key: Vec<String>,
    pub title: String,
    pub unit: Option<String>,
    pub unit_mults: Vec<String>,
    /// The series key as the source writes it (SDMX dimension values joined by `.`).
    pub source_code: String,
    /// (iso3, year, value, line).
    pub observations: Vec<(String, i32, f64, u64)>,
    pub max_decimals: u8,
}

/// A row or cell that was not written, for `unmatched.csv`.
#[derive(Debug, Clone)]
pub struct Rejected {
    pub line: u64,
    pub series: String,
    pub country: String,
    pub code: String,
    pub year: String,
    pub value: String,
    pub reason: String,
    pub suggestions: String,
}

/// Everything taken from the rows.
#[derive(Debug, Default)]
pub struct Extraction {
    pub series: Vec<Series>,
    pub rejected: Vec<Rejected>,
    pub findings: Vec<Finding>,
    pub rows_read: u64,
    pub missing: u64,
    pub unmatched: u64,
    pub aggregates: u64,
    pub duplicates: u64,
}

/// A (name, code) pair's outcome and the findings it gives every row it appears on.
type Resolved = (Place, Vec<(FindingKind, String)>);

/// Where a row's country name/code led.
#[derive(Debug, Clone)]
enum Place {
    Found { code: String, aggregate: bool },
    Rejected { reason: String, suggestions: String },
}

fn resolve_row(
    countries: &Countries,
    name: &str,
    code: &str,
    notes: &mut Vec<(FindingKind, String)>,
) -> Place {
    let by_code = (!code.is_empty()).then(|| countries.resolve(code));
    let by_name = (!name.is_empty()).then(|| countries.resolve(name));
    let shown = if name.is_empty() { code } else { name };
    let found = |r: &Option<Resolution>| match r {
        Some(Resolution::Matched {
            code,
            aggregate,
            how,
        }) => Some((code.clone(), *aggregate, how.clone())),
        _ => None,
    };
    let chosen = match (found(&by_code), found(&by_name)) {
        (Some((a, _, _)), Some((b, _, _))) if a != b => {
            return Place::Rejected {
                reason: format!("code '{code}' is {a} but name '{name}' is {b}; fix one of them"),
                suggestions: String::new(),
            }
        }
        (Some(m), _) | (None, Some(m)) => m,
        (None, None) => {
            let ambiguous = [&by_code, &by_name].into_iter().find_map(|r| match r {
                Some(Resolution::Ambiguous { candidates, note }) => {
                    Some((candidates.join(";"), note.clone()))
                }
                _ => None,
            });
            if let Some((candidates, note)) = ambiguous {
                return Place::Rejected {
                    reason: format!(
                        "ambiguous name '{shown}' ({note}); add a code column or fix the name"
                    ),
                    suggestions: candidates,
                };
            }
            let suggestions = [&by_name, &by_code]
                .into_iter()
                .find_map(|r| match r {
                    Some(Resolution::Unmatched { suggestions }) if !suggestions.is_empty() => {
                        Some(suggestions.join("; "))
                    }
                    _ => None,
                })
                .unwrap_or_default();
            let reason = if shown.is_empty() {
                "no country name or code".to_string()
            } else {
                format!("unknown country '{shown}'")
            };
            return Place::Rejected {
                reason,
                suggestions,
            };
        }
    };
    let (iso3, aggregate, how) = chosen;
    if aggregate {
        notes.push((
            FindingKind::Aggregate,
            format!("'{shown}' is the aggregate {iso3}, not a country; kept and flagged"),
        ));
    }
    if let MatchKind::RepairedEncoding(fixed) = how {
        notes.push((
            FindingKind::Repaired,
            format!("'{shown}' read as '{fixed}' (mis-encoded text repaired) → {iso3}"),
        ));
    }
    Place::Found {
        code: iso3,
        aggregate,
    }
}

/// Collects findings that concern many lines (one per name) in first-seen order.
#[derive(Default)]
struct Grouped {
    index: HashMap<(FindingKind, String), usize>,
    findings: Vec<Finding>,
}

impl Grouped {
    fn add(&mut self, kind: FindingKind, message: String, line: u64) {
        let key = (kind, message);
        match self.index.get(&key) {
            Some(&i) => self.findings[i].lines.push(line),
            None => {
                self.index.insert(key.clone(), self.findings.len());
                self.findings.push(Finding {
                    kind: key.0,
                    lines: vec![line],
                    column: None,
                    message: key.1,
                });
            }
        }
    }
}

fn is_footer(rec: &csv::StringRecord) -> bool {
    let first = rec.get(0).unwrap_or("").trim();
    rec.iter().skip(1).all(|f| f.trim().is_empty())
        && (first.starts_with("Data from database") || first.starts_with("Last Updated"))
}

/// Reads every row according to the plan.
pub fn extract(
    headers: &[String],
    rows: &[(u64, csv::StringRecord)],
    plan: &Plan,
    countries: &Countries,
    mut progress: Option<&mut dyn FnMut(u64)>,
) -> Extraction {
    let mut out = Extraction::default();
    let mut grouped = Grouped::default();
    let mut places: HashMap<(String, String), Resolved> = HashMap::new();
    let mut series_index: HashMap<Vec<String>, usize> = HashMap::new();
    let mut seen: HashMap<(usize, String, i32), u64> = HashMap::new();
    let field = |rec: &csv::StringRecord, i: Option<usize>| -> String {
        i.and_then(|i| rec.get(i)).unwrap_or("").trim().to_string()
    };
    for (line, rec) in rows {
        let line = *line;
        out.rows_read += 1;
        if out.rows_read % 1000 == 0 {
            if let Some(p) = progress.as_mut() {
                p(out.rows_read);
            }
        }
        if rec.iter().all(|f| f.trim().is_empty()) {
            continue;
        }
        if rec.len() != headers.len() {
            if is_footer(rec) {
                grouped.add(
                    FindingKind::Note,
                    "DataBank footer line, not data".into(),
                    line,
                );
                continue;
            }
            let message = format!(
                "row has {} fields but the header has {}; row not read",
                rec.len(),
                headers.len()
            );
            out.findings.push(Finding {
                kind: FindingKind::Ragged,
                lines: vec![line],
                column: None,
                message: message.clone(),
            });
            out.rejected.push(Rejected {
                line,
                series: String::new(),
                country: field(rec, plan.country),
                code: field(rec, plan.code),
                year: String::new(),
                value: rec.iter().collect::<Vec<_>>().join(","),
                reason: message,
                suggestions: String::new(),
            });
            continue;
        }
        let name = field(rec, plan.country);
        let code = field(rec, plan.code);
        let (place, notes) = places
            .entry((name.clone(), code.clone()))
            .or_insert_with(|| {
                let mut notes = vec![];
                let place = resolve_row(countries, &name, &code, &mut notes);
                (place, notes)
            });
        for (kind, message) in notes.iter() {
            grouped.add(*kind, message.clone(), line);
        }
        let row_key: Vec<String> = plan
            .series
            .iter()
            .map(|i| match field(rec, Some(*i)) {
                m if Some(*i) == plan.unit_mult => format!("unit_mult_{m}"),
                v => v,
            })
            .collect();
        // (value column, year or the year text that is not one, series key)
        let cells: Vec<(usize, Result<i32, String>, Vec<String>)> = match &plan.values {
            Values::Long { year, value } => {
                let y = field(rec, Some(*year));
                vec![(*value, parse_year(&y).ok_or(y), row_key.clone())]
            }
            Values::Wide(cols) => cols
                .iter()
                .map(|(i, y)| (*i, Ok(*y), row_key.clone()))
                .collect(),
            Values::Owid { year, columns } => {
                let y = field(rec, Some(*year));
                columns
                    .iter()
                    .map(|i| {
                        (
                            *i,
                            parse_year(&y).ok_or(y.clone()),
                            vec![headers[*i].clone()],
                        )
                    })
                    .collect()
            }
        };
        for (col, year, key) in cells {
            let text = field(rec, Some(col));
            let series_label = key.join("/");
            let year_text = year.clone().map(|y| y.to_string()).unwrap_or_else(|t| t);
            let reject = |reason: String, suggestions: String| Rejected {
                line,
                series: series_label.clone(),
                country: name.clone(),
                code: code.clone(),
                year: year_text.clone(),
                value: text.clone(),
                reason,
                suggestions,
            };
            let (value, decimals) = match parse_value(&text) {
                Cell::Missing => {
                    out.missing += 1;
                    continue;
                }
                Cell::NotANumber => {
                    let message = format!("value '{text}' is not a number; cell not read");
                    out.findings.push(Finding {
                        kind: FindingKind::NotANumber,
                        lines: vec![line],
                        column: Some(headers[col].clone()),
                        message: message.clone(),
                    });
                    out.rejected.push(reject(message, String::new()));
                    continue;
                }
                Cell::Number(v, d) => (v, d),
            };
            let (iso3, aggregate) = match &place {
                Place::Found { code, aggregate } => (code.clone(), *aggregate),
                Place::Rejected {
                    reason,
                    suggestions,
                } => {
                    out.unmatched += 1;
                    let kind = if reason.starts_with("ambiguous") {
                        FindingKind::Ambiguous
                    } else {
                        FindingKind::Unmatched
                    };
                    grouped.add(kind, reason.clone(), line);
                    out.rejected
                        .push(reject(reason.clone(), suggestions.clone()));
                    continue;
                }
            };
            let year = match year {
                Ok(y) => y,
                Err(t) => {
                    let message =
                        format!("'{t}' is not a year (annual data from 1800 to 2200 only)");
                    grouped.add(FindingKind::BadYear, message.clone(), line);
                    out.rejected.push(reject(message, String::new()));
                    continue;
                }
            };
            let next = out.series.len();
            let s = *series_index.entry(key.clone()).or_insert(next);
            if s == next {
                let source_code = match &plan.values {
                    Values::Owid { .. } => key.join("."),
                    _ => plan
                        .series
                        .iter()
                        .zip(&key)
                        .filter(|(c, _)| Some(**c) != plan.unit_mult)
                        .map(|(_, v)| v.as_str())
                        .collect::<Vec<_>>()
                        .join("."),
                };
                out.series.push(Series {
                    title: plan
                        .series_title
                        .map(|i| field(rec, Some(i)))
                        .unwrap_or_else(|| source_code.clone()),
                    source_code,
                    key,
                    ..Series::default()
                });
            }
            if let Some(&first) = seen.get(&(s, iso3.clone(), year)) {
                out.duplicates += 1;
                let message = format!("duplicate of line {first} ({iso3} {year}); first kept");
                out.findings.push(Finding {
                    kind: FindingKind::Duplicate,
                    lines: vec![first, line],
                    column: Some(headers[col].clone()),
                    message: message.clone(),
                });
                out.rejected.push(reject(message, String::new()));
                continue;
            }
            seen.insert((s, iso3.clone(), year), line);
            let series = &mut out.series[s];
            if let Some(u) = plan.unit.map(|i| field(rec, Some(i))) {
                series.unit.get_or_insert(u);
            }
            if let Some(m) = plan.unit_mult.map(|i| field(rec, Some(i))) {
                if !series.unit_mults.contains(&m) {
                    series.unit_mults.push(m);
                }
            }
            series.max_decimals = series.max_decimals.max(decimals);
            series.observations.push((iso3, year, value, line));
            if aggregate {
                out.aggregates += 1;
            }
        }
    }
    if let Some(p) = progress.as_mut() {
        p(out.rows_read);
    }
    out.findings.extend(grouped.findings);
    out.findings.sort_by_key(|f| f.lines.first().copied());
    out
}
