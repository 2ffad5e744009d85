//! Reading the raw sources: CSV files with line numbers, phrases of a SOURCES.md, and the checks
//! every printed figure passes before it is kept as printed (numbers, ranks, years).

use crate::catalog::load::CsvTable;
use crate::error::{Error, Result};
use std::path::Path;

/// Reads a raw source file (`<folder>/<file>` under `sources`) with line numbers.
pub(crate) fn read_source(sources: &Path, rel: &str, required: &[&str]) -> Result<CsvTable> {
    let path = sources.join(rel);
    let text = std::fs::read_to_string(&path).map_err(|e| Error::io(&path, e))?;
    CsvTable::parse(rel, &text, required)
}

/// A phrase of a folder's `SOURCES.md`: the text that follows `marker` up to `len` characters,
/// with the file:line it was found on. An error names the file when the phrase is absent, so a
/// rewritten SOURCES.md stops the run instead of silently losing a date.
pub(crate) fn sources_md_phrase(
    sources: &Path,
    folder: &str,
    marker: &str,
    len: usize,
) -> Result<(String, String)> {
    let rel = format!("{folder}/SOURCES.md");
    let path = sources.join(&rel);
    let text = std::fs::read_to_string(&path).map_err(|e| Error::io(&path, e))?;
    for (i, line) in text.lines().enumerate() {
        if let Some(at) = line.find(marker) {
            let rest: String = line[at + marker.len()..].chars().take(len).collect();
            return Ok((format!("{rel}:{}", i + 1), rest));
        }
    }
    Err(Error::DataFile {
        file: rel,
        message: format!("the phrase '{marker}' is not there any more; update the curation in src/curate to the new wording"),
    })
}

/// An English date as SOURCES.md writes it ("21 June 2021") as `YYYY-MM-DD`.
pub(crate) fn english_date(text: &str) -> Option<String> {
    const MONTHS: [&str; 12] = [
        "January",
        "February",
        "March",
        "April",
        "May",
        "June",
        "July",
        "August",
        "September",
        "October",
        "November",
        "December",
    ];
    let mut parts = text.split_whitespace();
    let day: u32 = parts.next()?.parse().ok()?;
    let month_name = parts.next()?;
    let month = MONTHS.iter().position(|m| *m == month_name)? + 1;
    let year: i32 = parts
        .next()?
        .trim_end_matches([')', ',', '.'])
        .parse()
        .ok()?;
    chrono::NaiveDate::from_ymd_opt(year, month as u32, day)
        .map(|d| d.format("%Y-%m-%d").to_string())
}

/// A whole year (e.g. an edition) from a source field.
pub(crate) fn parse_year(t: &CsvTable, line: u64, col: &str, text: &str) -> Result<i32> {
    text.parse::<i32>()
        .ok()
        .filter(|y| (1800..=2200).contains(y))
        .ok_or_else(|| t.error(line, col, format!("'{text}' is not a year")))
}

/// Checks that a printed figure is a finite decimal number (kept as printed, never reformatted;
/// scientific notation such as `3.27E-05`, printed by some World Bank files, is accepted).
pub(crate) fn check_number(t: &CsvTable, line: u64, col: &str, text: &str) -> Result<()> {
    let ok = text.parse::<f64>().map(f64::is_finite).unwrap_or(false)
        && text
            .bytes()
            .all(|b| b.is_ascii_digit() || matches!(b, b'.' | b'-' | b'+' | b'e' | b'E'));
    if ok {
        Ok(())
    } else {
        Err(t.error(line, col, format!("'{text}' is not a plain decimal number")))
    }
}

/// Checks that a printed rank is a whole number from 1.
pub(crate) fn check_rank(t: &CsvTable, line: u64, col: &str, text: &str) -> Result<()> {
    match text.parse::<u32>() {
        Ok(r) if r > 0 && !text.starts_with('0') => Ok(()),
        _ => Err(t.error(line, col, format!("'{text}' is not a rank (1, 2, …)"))),
    }
}

/// Multiplies a decimal string by 1000 exactly, by moving the decimal point (billions → millions).
pub(crate) fn times_1000(text: &str) -> Option<String> {
    let (neg, digits) = match text.strip_prefix('-') {
        Some(rest) => (true, rest),
        None => (false, text),
    };
    let (int, frac) = digits.split_once('.').unwrap_or((digits, ""));
    let valid = |s: &str| s.bytes().all(|b| b.is_ascii_digit());
    if int.is_empty() || !valid(int) || !valid(frac) || (digits.contains('.') && frac.is_empty()) {
        return None;
    }
    let mut frac = frac.to_string();
    while frac.len() < 3 {
        frac.push('0');
    }
    let (moved, rest) = frac.split_at(3);
    let whole = format!("{int}{moved}");
    let whole = whole.trim_start_matches('0');
    let whole = if whole.is_empty() { "0" } else { whole };
    let rest = rest.trim_end_matches('0');
    let mut out = String::new();
    if neg {
        out.push('-');
    }
    out.push_str(whole);
    if !rest.is_empty() {
        out.push('.');
        out.push_str(rest);
    }
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn english_dates_become_iso_dates() {
        assert_eq!(
            english_date("21 June 2021) |").as_deref(),
            Some("2021-06-21")
        );
        assert_eq!(
            english_date("3 February 2021").as_deref(),
            Some("2021-02-03")
        );
        assert_eq!(english_date("31 June 2021"), None);
        assert_eq!(english_date("June 2021"), None);
    }

    #[test]
    fn billions_to_millions_is_exact() {
        assert_eq!(times_1000("1.88").as_deref(), Some("1880"));
        assert_eq!(times_1000("262.14").as_deref(), Some("262140"));
        assert_eq!(times_1000("0.05").as_deref(), Some("50"));
        assert_eq!(times_1000("12.3456").as_deref(), Some("12345.6"));
        assert_eq!(times_1000("7").as_deref(), Some("7000"));
        assert_eq!(times_1000("0.0004").as_deref(), Some("0.4"));
        assert_eq!(times_1000("1,5"), None);
        assert_eq!(times_1000("NA"), None);
    }
}
