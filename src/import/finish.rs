//! After the last row: each series' observations sorted by (country, year) — a stable sort, so
//! of two values for one key the first read comes first and is kept — duplicates moved to
//! `unmatched.csv`, series put in the order of their first value, and everything not written
//! sorted by line.

use super::extract::{Extractor, Obs, Rejected, Series, YEAR_BASE};
use super::layout::Values;
use super::{Finding, FindingKind};
use rayon::prelude::*;

/// The series and rejections of a file, ready to write.
pub struct Finished {
    pub series: Vec<Series>,
    pub codes: Vec<String>,
    pub rejected: Vec<Rejected>,
    pub findings: Vec<Finding>,
    pub rows_read: u64,
    pub missing: u64,
    pub unmatched: u64,
    pub aggregates: u64,
    pub duplicates: u64,
    pub cells: u64,
}

/// Sorts observations by (country, year), the first read of a key first (lines are unique, so
/// an unstable sort on (key, line) orders as a stable one on the key), and takes out every
/// later value of a key: returned with the line of the value kept.
fn repeats_out(obs: &mut Vec<Obs>) -> Vec<(u32, Obs)> {
    obs.sort_unstable_by_key(|o| (u64::from(o.key) << 32) | u64::from(o.line));
    let mut repeats = Vec::new();
    let mut kept: usize = 0;
    for r in 0..obs.len() {
        let o = obs[r];
        match kept.checked_sub(1).map(|k| obs[k]) {
            Some(first) if first.key == o.key => repeats.push((first.line, o)),
            _ => {
                obs[kept] = o;
                kept += 1;
            }
        }
    }
    obs.truncate(kept);
    if !repeats.is_empty() {
        obs.shrink_to_fit();
    }
    repeats
}

/// At most this many duplicate findings are listed one by one.
const MAX_DUPLICATE_FINDINGS: u64 = 200;

pub fn finish(ex: Extractor) -> Finished {
    let mut series: Vec<Series> = ex
        .series
        .into_iter()
        .filter(|s| !s.obs.is_empty())
        .collect();
    series.sort_by_key(|s| s.first_line);
    let mut rejected = ex.rejected;
    let mut findings = ex.findings;
    let mut duplicates = 0u64;
    let mut aggregates = ex.aggregates;
    let long_value = match ex.plan.values {
        Values::Long { value, .. } => Some(value),
        _ => None,
    };
    let year_col = |year: i32| -> Option<usize> {
        match &ex.plan.values {
            Values::Wide(cols) => cols.iter().find(|(_, y)| *y == year).map(|(i, _)| *i),
            _ => None,
        }
    };
    let is_aggregate = |country: u32| ex.is_aggregate.get(country as usize) == Some(&true);
    // Each series sorted by (country, year, line) and its repeats taken out, in parallel and
    // in place; the repeats are then listed series by series, as they sort.
    let repeats: Vec<Vec<(u32, Obs)>> = series
        .par_iter_mut()
        .map(|s| repeats_out(&mut s.obs))
        .collect();
    for (s, repeats) in series.iter().zip(repeats) {
        for (first_line, o) in repeats {
            duplicates += 1;
            let country = o.key >> 16;
            if is_aggregate(country) {
                aggregates -= 1;
            }
            let year = (o.key & 0xffff) as i32 + YEAR_BASE;
            let iso3 = ex.codes.get(country as usize).cloned().unwrap_or_default();
            let column = s
                .column
                .or(long_value)
                .or_else(|| year_col(year))
                .unwrap_or(0);
            let message = format!("duplicate of line {first_line} ({iso3} {year}); first kept");
            if duplicates <= MAX_DUPLICATE_FINDINGS {
                findings.push(Finding {
                    kind: FindingKind::Duplicate,
                    lines: vec![u64::from(first_line), u64::from(o.line)],
                    column: Some(ex.headers[column].clone()),
                    message: message.clone(),
                });
            }
            let (name, code) = ex.spelled[country as usize].clone().unwrap_or_default();
            rejected.push(Rejected {
                line: u64::from(o.line),
                column,
                series: s.key.join("/"),
                country: name,
                code,
                year: year.to_string(),
                value: o.value.to_string(),
                reason: message,
                suggestions: String::new(),
            });
        }
    }
    if duplicates > MAX_DUPLICATE_FINDINGS {
        findings.push(Finding {
            kind: FindingKind::Duplicate,
            lines: vec![],
            column: None,
            message: format!(
                "{} more duplicates, each listed with its line in unmatched.csv",
                duplicates - MAX_DUPLICATE_FINDINGS
            ),
        });
    }
    rejected.sort_by_key(|r| (r.line, r.column));
    findings.sort_by_key(|f| f.lines.first().copied());
    Finished {
        series,
        codes: ex.codes,
        rejected,
        findings,
        rows_read: ex.rows_read,
        missing: ex.missing,
        unmatched: ex.unmatched,
        aggregates,
        duplicates,
        cells: ex.cells,
    }
}
