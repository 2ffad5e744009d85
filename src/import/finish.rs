//! After the last row: each series' observations sorted by (country, year) — a stable sort, so
//! of two values for one key the first read comes first and is kept — duplicates moved to
//! `unmatched.csv`, series put in the order of their first value, and everything not written
//! sorted by line.

use super::extract::{Extractor, Obs, Rejected, Series, YEAR_BASE};
use super::layout::Values;
use super::{Finding, FindingKind};

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
    for s in &mut series {
        s.obs.sort_by_key(|o| (o.key, o.line));
        let mut kept: Vec<Obs> = Vec::with_capacity(s.obs.len());
        for o in s.obs.drain(..) {
            match kept.last() {
                Some(first) if first.key == o.key => {
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
                    let message = format!(
                        "duplicate of line {} ({iso3} {year}); first kept",
                        first.line
                    );
                    if duplicates <= MAX_DUPLICATE_FINDINGS {
                        findings.push(Finding {
                            kind: FindingKind::Duplicate,
                            lines: vec![u64::from(first.line), u64::from(o.line)],
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
                _ => kept.push(o),
            }
        }
        kept.shrink_to_fit();
        s.obs = kept;
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
