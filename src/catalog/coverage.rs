//! `coverage.csv`: how many observations, countries and years each indicator file holds, written
//! beside `dataset.toml` by whoever writes the dataset (`curate`, `import`), so that `datasets`
//! and `indicators` need not read every observation on every call.
//!
//! A row is trusted only while the observation file still has the recorded size in bytes;
//! otherwise (a user edited the CSV, or there is no `coverage.csv`) the catalog computes the
//! coverage from the observations. The file is a cache, never the authority.

use super::countries::Countries;
use super::metadata::DatasetMeta;
use super::source::DataSource;
use crate::error::{Error, Result};
use std::collections::BTreeSet;
use std::path::Path;

/// The file name, in a dataset folder.
pub const COVERAGE_FILE: &str = "coverage.csv";

/// The header of `coverage.csv`, in order.
pub const COVERAGE_HEADER: [&str; 7] = [
    "indicator",
    "file",
    "bytes",
    "observations",
    "countries",
    "first_year",
    "last_year",
];

/// The coverage of one indicator's observation file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CoverageRow {
    /// Short indicator id (as in `dataset.toml`).
    pub indicator: String,
    /// The observation file name in the dataset folder.
    pub file: String,
    /// Size of that file in bytes when the coverage was computed.
    pub bytes: u64,
    /// Rows in the file (values and rank-only rows alike).
    pub observations: u64,
    /// Distinct `iso3` codes.
    pub countries: u64,
    pub first_year: Option<i32>,
    pub last_year: Option<i32>,
}

impl CoverageRow {
    /// Coverage from an indicator's `(iso3, year)` keys.
    pub fn from_keys<'a>(
        indicator: &str,
        file: &str,
        bytes: u64,
        keys: impl IntoIterator<Item = (&'a str, i32)>,
    ) -> Self {
        let mut codes: BTreeSet<&str> = BTreeSet::new();
        let (mut n, mut first, mut last) = (0u64, None::<i32>, None::<i32>);
        for (iso3, year) in keys {
            n += 1;
            codes.insert(iso3);
            first = Some(first.map_or(year, |f| f.min(year)));
            last = Some(last.map_or(year, |l| l.max(year)));
        }
        CoverageRow {
            indicator: indicator.into(),
            file: file.into(),
            bytes,
            observations: n,
            countries: codes.len() as u64,
            first_year: first,
            last_year: last,
        }
    }
}

/// The key of the row that covers a whole dataset (the union over its indicators).
pub const WHOLE_DATASET: &str = "*";

impl CoverageRow {
    /// Coverage of one observation frame: `observations` counts every row; `countries` and the
    /// years count only rows with a value, and aggregates are not countries.
    pub fn from_frame(
        indicator: &str,
        file: &str,
        bytes: u64,
        df: &polars::prelude::DataFrame,
        countries: &Countries,
    ) -> Result<Self> {
        let codes = valued_codes_and_years(df, countries)?;
        let mut row = CoverageRow::from_keys(
            indicator,
            file,
            bytes,
            codes.iter().map(|(c, y)| (c.as_str(), *y)),
        );
        row.observations = df.height() as u64;
        Ok(row)
    }
}

/// The (code, year) pairs with a value, aggregates left out.
fn valued_codes_and_years(
    df: &polars::prelude::DataFrame,
    countries: &Countries,
) -> Result<Vec<(String, i32)>> {
    use super::store::cols;
    let iso3 = df.column(cols::ISO3)?.str()?;
    let year = df.column(cols::YEAR)?.i32()?;
    let value = df.column(cols::VALUE)?.f64()?;
    Ok(iso3
        .iter()
        .zip(year.iter())
        .zip(value.iter())
        .filter_map(|((c, y), v)| Some((c?, y?, v?)))
        .filter(|(c, _, _)| !countries.is_aggregate(c))
        .map(|(c, y, _)| (c.to_string(), y))
        .collect())
}

/// The coverage rows of a dataset folder: one per indicator, then the whole dataset.
pub fn for_dataset(
    source: &DataSource,
    meta: &DatasetMeta,
    countries: &Countries,
) -> Result<Vec<CoverageRow>> {
    let mut rows = Vec::new();
    let mut all: Vec<(String, i32)> = Vec::new();
    let (mut bytes, mut observations) = (0u64, 0u64);
    for ind in &meta.indicators {
        let df = super::store::read_frame(
            source,
            &meta.id,
            &ind.file,
            Some(countries),
            &meta.vintage_ids(),
        )?;
        let size = source.size(&meta.id, &ind.file).unwrap_or(0);
        rows.push(CoverageRow::from_frame(
            &ind.id, &ind.file, size, &df, countries,
        )?);
        all.extend(valued_codes_and_years(&df, countries)?);
        bytes += size;
        observations += df.height() as u64;
    }
    let mut whole = CoverageRow::from_keys(
        WHOLE_DATASET,
        WHOLE_DATASET,
        bytes,
        all.iter().map(|(c, y)| (c.as_str(), *y)),
    );
    whole.observations = observations;
    rows.push(whole);
    Ok(rows)
}

/// Computes and writes `coverage.csv` for the dataset folder `dir` (named after the dataset).
pub fn write_for_dataset(dir: &Path, meta: &DatasetMeta, countries: &Countries) -> Result<()> {
    let root = dir.parent().unwrap_or(Path::new(".")).to_path_buf();
    let rows = for_dataset(&DataSource::Dir(root), meta, countries)?;
    write_coverage(dir, &rows)
}

/// A dataset's coverage: from `coverage.csv` where every file still has its recorded size,
/// else computed from the observations.
pub fn of_dataset(
    source: &DataSource,
    meta: &DatasetMeta,
    countries: &Countries,
) -> Result<Vec<CoverageRow>> {
    if let Some(rows) = cached(source, meta) {
        return Ok(rows);
    }
    for_dataset(source, meta, countries)
}

/// The rows of `coverage.csv`, if it is there and every file still has its recorded size.
pub fn cached(source: &DataSource, meta: &DatasetMeta) -> Option<Vec<CoverageRow>> {
    if !source.exists(&meta.id, COVERAGE_FILE) {
        return None;
    }
    let text = source.read_text(&meta.id, COVERAGE_FILE).ok()?;
    let rows = parse_coverage(&text)?;
    let mut total = 0u64;
    for ind in &meta.indicators {
        let row = rows.iter().find(|r| r.indicator == ind.id)?;
        let size = source.size(&meta.id, &ind.file)?;
        if row.file != ind.file || row.bytes != size {
            return None;
        }
        total += size;
    }
    let whole = rows.iter().find(|r| r.indicator == WHOLE_DATASET)?;
    (whole.bytes == total && rows.len() == meta.indicators.len() + 1).then_some(rows)
}

/// Writes `coverage.csv` into `dir` (rows in the order given), whole or not at all.
pub fn write_coverage(dir: &Path, rows: &[CoverageRow]) -> Result<()> {
    let path = dir.join(COVERAGE_FILE);
    let io = |e: std::io::Error| Error::io(path.clone(), e);
    let mut text = COVERAGE_HEADER.join(",");
    text.push('\n');
    for r in rows {
        let year = |y: Option<i32>| y.map(|y| y.to_string()).unwrap_or_default();
        text.push_str(&format!(
            "{},{},{},{},{},{},{}\n",
            r.indicator,
            r.file,
            r.bytes,
            r.observations,
            r.countries,
            year(r.first_year),
            year(r.last_year)
        ));
    }
    let mut tmp = tempfile::NamedTempFile::new_in(dir).map_err(io)?;
    std::io::Write::write_all(&mut tmp, text.as_bytes()).map_err(io)?;
    tmp.persist(&path).map_err(|e| io(e.error))?;
    Ok(())
}

/// Parses `coverage.csv` text. A malformed cache is not an error for the user: `None` makes the
/// caller compute the coverage from the observations instead.
pub fn parse_coverage(text: &str) -> Option<Vec<CoverageRow>> {
    let mut lines = text.lines();
    if lines.next()? != COVERAGE_HEADER.join(",") {
        return None;
    }
    let mut rows = Vec::new();
    for line in lines.filter(|l| !l.is_empty()) {
        let f: Vec<&str> = line.split(',').collect();
        if f.len() != COVERAGE_HEADER.len() {
            return None;
        }
        let year = |s: &str| -> Option<Option<i32>> {
            if s.is_empty() {
                Some(None)
            } else {
                s.parse().ok().map(Some)
            }
        };
        rows.push(CoverageRow {
            indicator: f[0].into(),
            file: f[1].into(),
            bytes: f[2].parse().ok()?,
            observations: f[3].parse().ok()?,
            countries: f[4].parse().ok()?,
            first_year: year(f[5])?,
            last_year: year(f[6])?,
        });
    }
    Some(rows)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn coverage_counts_distinct_countries_and_the_year_span() {
        let keys = [("JPN", 2019), ("JPN", 2021), ("KOR", 2020)];
        let row = CoverageRow::from_keys("rd", "rd.csv", 99, keys);
        assert_eq!(row.observations, 3);
        assert_eq!(row.countries, 2);
        assert_eq!((row.first_year, row.last_year), (Some(2019), Some(2021)));
    }

    #[test]
    fn coverage_file_round_trips_and_rejects_a_foreign_header() {
        let dir = tempfile::tempdir().expect("tempdir");
        let rows = vec![
            CoverageRow::from_keys("a", "a.csv", 10, [("JPN", 2000)]),
            CoverageRow::from_keys("b", "b.csv", 0, std::iter::empty()),
        ];
        write_coverage(dir.path(), &rows).expect("write");
        let text = std::fs::read_to_string(dir.path().join(COVERAGE_FILE)).expect("read");
        assert_eq!(parse_coverage(&text), Some(rows));
        assert_eq!(parse_coverage("indicator,rows\na,1\n"), None);
    }
}
