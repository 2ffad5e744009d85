//! `innodex import`: an analyst's downloaded CSV to a dataset folder every command can read.
//!
//! Reads long, wide (World Bank DataBank), SDMX-CSV (OECD) and OWID grapher files; resolves
//! country names and codes; writes `DIR/ID/dataset.toml`, one `iso3,year,value` file per
//! indicator and `unmatched.csv` for every cell that was not written, with its line and reason.
//! The library never prints: everything is in the [`ImportReport`].

mod decode;
mod extract;
mod layout;
mod number;
mod write;

use crate::catalog::countries::{Countries, COUNTRIES_DATASET};
use crate::catalog::load::{csv_error, read_records};
use crate::catalog::metadata::{DatasetMeta, IndicatorMeta, YearKind};
use crate::error::{Error, Result};
pub use decode::TextEncoding;
pub use layout::Layout;
use std::path::{Path, PathBuf};

/// Column names that override the guesses (matched case-insensitively).
#[derive(Debug, Clone, Default)]
pub struct ColumnNames {
    pub country: Option<String>,
    pub code: Option<String>,
    pub year: Option<String>,
    pub value: Option<String>,
    pub series: Option<String>,
}

/// What to import and how.
#[derive(Debug, Clone)]
pub struct ImportOptions {
    pub input: PathBuf,
    /// The dataset id: the folder name under `data_dir` and the prefix of indicator ids.
    pub dataset_id: String,
    /// The datasets folder to write into (created if missing).
    pub data_dir: PathBuf,
    /// Indicator id and title; only when the file holds a single series.
    pub indicator_id: Option<String>,
    pub indicator_title: Option<String>,
    pub unit: Option<String>,
    /// Not given: `true`, with a finding saying it was assumed.
    pub higher_is_better: Option<bool>,
    /// Not given: the most decimals seen in the values, at most 3.
    pub decimals: Option<u8>,
    /// Not given: `data`.
    pub year_kind: Option<YearKind>,
    pub dataset_title: Option<String>,
    pub publisher: Option<String>,
    pub licence: Option<String>,
    pub source_url: Option<String>,
    /// YYYY-MM-DD; not given: the input file's modification date.
    pub retrieved: Option<String>,
    /// Force a layout instead of detecting it from the header.
    pub layout: Option<Layout>,
    pub columns: ColumnNames,
    /// Any rejected cell (unknown country, duplicate, not a number, ragged row) is an error and
    /// nothing is written.
    pub strict: bool,
    /// Replace an existing `data_dir/dataset_id` folder.
    pub replace: bool,
}

impl ImportOptions {
    /// Options with every optional setting left to its default.
    pub fn new(input: impl Into<PathBuf>, dataset_id: &str, data_dir: impl Into<PathBuf>) -> Self {
        ImportOptions {
            input: input.into(),
            dataset_id: dataset_id.into(),
            data_dir: data_dir.into(),
            indicator_id: None,
            indicator_title: None,
            unit: None,
            higher_is_better: None,
            decimals: None,
            year_kind: None,
            dataset_title: None,
            publisher: None,
            licence: None,
            source_url: None,
            retrieved: None,
            layout: None,
            columns: ColumnNames::default(),
            strict: false,
            replace: false,
        }
    }
}

/// What a finding is about.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum FindingKind {
    /// A country name or code not in the reference (cells in `unmatched.csv`).
    Unmatched,
    /// A name that may mean several countries (cells in `unmatched.csv`).
    Ambiguous,
    /// A second value for the same indicator, country and year (in `unmatched.csv`).
    Duplicate,
    /// A value that is not a number (in `unmatched.csv`).
    NotANumber,
    /// A year that is not an annual year (in `unmatched.csv`).
    BadYear,
    /// A row with the wrong number of fields (in `unmatched.csv`).
    Ragged,
    /// An aggregate (World, OECD, a region): kept with its code and flagged.
    Aggregate,
    /// A mis-encoded name that was repaired before matching.
    Repaired,
    /// Information: encoding, ignored columns, assumed settings, footer lines.
    Note,
}

impl FindingKind {
    /// Whether cells were left out because of it (an error under `strict`).
    pub fn rejects(self) -> bool {
        !matches!(
            self,
            FindingKind::Aggregate | FindingKind::Repaired | FindingKind::Note
        )
    }
}

/// One thing the import noticed, with the input lines (1-based, header = line 1) it concerns.
#[derive(Debug, Clone, PartialEq)]
pub struct Finding {
    pub kind: FindingKind,
    pub lines: Vec<u64>,
    /// The input column (header name), where one cell is concerned.
    pub column: Option<String>,
    pub message: String,
}

/// One indicator written.
#[derive(Debug, Clone)]
pub struct ImportedIndicator {
    /// Short id; the full id is `<dataset>.<id>`.
    pub id: String,
    pub title: String,
    pub observations: u64,
    pub file: PathBuf,
}

/// The outcome of an import. Counts are of value cells (one per country-year-series), except
/// `rows_read`.
#[derive(Debug, Clone)]
pub struct ImportReport {
    pub dataset_dir: PathBuf,
    pub layout: Layout,
    pub encoding: TextEncoding,
    /// Data rows in the input (header excluded).
    pub rows_read: u64,
    pub observations_written: u64,
    /// Cells with a missing marker (`..`, empty, `NA`, …): not written.
    pub missing: u64,
    /// Cells with a value whose country was unknown or ambiguous.
    pub unmatched: u64,
    /// Observations written for aggregates (kept, flagged).
    pub aggregates: u64,
    pub duplicates: u64,
    /// Entries in `unmatched.csv` (all reasons, ragged rows included).
    pub rejected: u64,
    pub indicators: Vec<ImportedIndicator>,
    pub findings: Vec<Finding>,
    /// Every file written, in the final folder.
    pub written: Vec<PathBuf>,
}

/// Imports a file; see [`import_with_progress`].
pub fn import(opts: &ImportOptions, countries: &Countries) -> Result<ImportReport> {
    import_with_progress(opts, countries, None)
}

/// Imports a file, calling `progress` with the number of rows read every 1000 rows and at the end.
pub fn import_with_progress(
    opts: &ImportOptions,
    countries: &Countries,
    progress: Option<&mut dyn FnMut(u64)>,
) -> Result<ImportReport> {
    check_dataset_id(&opts.dataset_id)?;
    let target = opts.data_dir.join(&opts.dataset_id);
    if target.exists() && !opts.replace {
        return Err(exists_error(&target));
    }
    let file = opts.input.display().to_string();
    let bytes = std::fs::read(&opts.input).map_err(|e| Error::io(&opts.input, e))?;
    let (text, encoding) = decode::decode(&file, bytes)?;
    let (headers, rows) = read_csv(&file, &text)?;
    let plan = layout::plan(&headers, &rows, opts.layout, &opts.columns)?;
    let ex = extract::extract(&headers, &rows, &plan, countries, progress);

    let mut findings = vec![];
    if let TextEncoding::Windows1252 { first_non_utf8 } = encoding {
        findings.push(note(format!(
            "not valid UTF-8 (first at byte offset {first_non_utf8}); decoded as Windows-1252/Latin-1 — check accented names"
        )));
    }
    for (i, why) in &plan.ignored {
        findings.push(note(format!("column '{}' ignored: {why}", headers[*i])));
    }
    findings.extend(ex.findings.iter().cloned());
    if opts.strict {
        let problems: Vec<String> = findings
            .iter()
            .filter(|f| f.kind.rejects())
            .map(describe)
            .collect();
        if !problems.is_empty() {
            return Err(Error::DataFile {
                file,
                message: format!(
                    "{} problem(s); nothing written (without --strict they go to unmatched.csv):\n  {}",
                    problems.len(),
                    problems.join("\n  ")
                ),
            });
        }
    }
    let (meta, files) = build_meta(opts, plan.layout, &ex, &mut findings)?;
    if meta.indicators.is_empty() {
        return Err(Error::DataFile {
            file,
            message: format!(
                "no values could be imported ({} rows read, {} missing, {} rejected); see the findings or try --layout and the column options",
                ex.rows_read,
                ex.missing,
                ex.rejected.len()
            ),
        });
    }
    let written = write::write_dataset(opts, &meta, &files, &ex.rejected)?;
    let indicators = meta
        .indicators
        .iter()
        .zip(&files)
        .map(|(m, (_, obs))| ImportedIndicator {
            id: m.id.clone(),
            title: m.title.clone(),
            observations: obs.len() as u64,
            file: target.join(&m.file),
        })
        .collect::<Vec<_>>();
    Ok(ImportReport {
        dataset_dir: target,
        layout: plan.layout,
        encoding,
        rows_read: ex.rows_read,
        observations_written: indicators.iter().map(|i| i.observations).sum(),
        missing: ex.missing,
        unmatched: ex.unmatched,
        aggregates: ex.aggregates,
        duplicates: ex.duplicates,
        rejected: ex.rejected.len() as u64,
        indicators,
        findings,
        written,
    })
}

fn note(message: String) -> Finding {
    Finding {
        kind: FindingKind::Note,
        lines: vec![],
        column: None,
        message,
    }
}

/// `line 4, 9 (column '2019 [YR2019]'): message`.
pub fn describe(f: &Finding) -> String {
    let mut s = String::new();
    if !f.lines.is_empty() {
        let lines: Vec<String> = f.lines.iter().map(u64::to_string).collect();
        let plural = if lines.len() > 1 { "lines" } else { "line" };
        s.push_str(&format!("{plural} {}", lines.join(", ")));
    }
    if let Some(c) = &f.column {
        s.push_str(&format!(" (column '{c}')"));
    }
    if !s.is_empty() {
        s.push_str(": ");
    }
    s.push_str(&f.message);
    s
}

fn exists_error(target: &Path) -> Error {
    Error::DataFile {
        file: target.display().to_string(),
        message: "already exists and was left untouched; pass --replace to overwrite it".into(),
    }
}

fn check_dataset_id(id: &str) -> Result<()> {
    let ok = !id.is_empty()
        && id
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_' || c == '-')
        && id.chars().next().is_some_and(|c| c.is_ascii_alphanumeric());
    if !ok {
        return Err(Error::Usage(format!(
            "dataset id '{id}' must be lower-case letters, digits, '-' or '_' (it becomes a folder name)"
        )));
    }
    if id == COUNTRIES_DATASET {
        return Err(Error::Usage(
            "'countries' is the reference dataset; choose another id".into(),
        ));
    }
    Ok(())
}

/// Data records with the line each starts on.
type Rows = Vec<(u64, csv::StringRecord)>;

/// Parses CSV text leniently: ragged rows are kept (and reported later), quoting errors are not.
fn read_csv(file: &str, text: &str) -> Result<(Vec<String>, Rows)> {
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(true)
        .flexible(true)
        .from_reader(text.as_bytes());
    let data_error = |e: csv::Error| csv_error(file, &e);
    let headers: Vec<String> = reader
        .headers()
        .map_err(data_error)?
        .iter()
        .map(|h| h.trim().to_string())
        .collect();
    if headers.iter().all(String::is_empty) {
        return Err(Error::DataFile {
            file: file.into(),
            message: "empty file or empty header line".into(),
        });
    }
    let rows = read_records(file, text, &mut reader)?;
    Ok((headers, rows))
}

/// Lower-case letters and digits, other runs become one `_`.
fn slug(text: &str) -> String {
    let mut s = String::new();
    for c in text.chars() {
        if c.is_alphanumeric() {
            s.extend(c.to_lowercase());
        } else if !s.ends_with('_') {
            s.push('_');
        }
    }
    let s = s.trim_matches('_').to_string();
    if s.is_empty() {
        "value".into()
    } else {
        s
    }
}

/// An indicator's rows: (file name, sorted (iso3, year, value)).
type IndicatorRows = (String, Vec<(String, i32, f64)>);

fn build_meta(
    opts: &ImportOptions,
    layout: Layout,
    ex: &extract::Extraction,
    findings: &mut Vec<Finding>,
) -> Result<(DatasetMeta, Vec<IndicatorRows>)> {
    let series: Vec<&extract::Series> = ex
        .series
        .iter()
        .filter(|s| !s.observations.is_empty())
        .collect();
    let single = series.len() == 1;
    if !single && (opts.indicator_id.is_some() || opts.indicator_title.is_some()) {
        return Err(Error::Usage(format!(
            "the file holds {} series, so an indicator id or title cannot apply to all; leave them out (ids come from the series)",
            series.len()
        )));
    }
    // SDMX: ids from the dimensions whose values differ between series.
    let varying: Vec<usize> = match series.first() {
        Some(first) => (0..first.key.len())
            .filter(|&i| series.iter().any(|s| s.key.get(i) != first.key.get(i)))
            .collect(),
        None => vec![],
    };
    if opts.higher_is_better.is_none() {
        findings.push(note(
            "higher_is_better not given; assumed true (higher values rank first) — check dataset.toml".into(),
        ));
    }
    let mut indicators = vec![];
    let mut files = vec![];
    for s in series {
        let base = match (&opts.indicator_id, layout) {
            (Some(id), _) => slug(id),
            (None, Layout::Sdmx) => slug(
                &varying
                    .iter()
                    .filter_map(|i| s.key.get(*i).map(String::as_str))
                    .collect::<Vec<_>>()
                    .join("_"),
            ),
            (None, _) => slug(&s.key.join("_")),
        };
        let mut id = base.clone();
        let mut n = 2;
        while indicators.iter().any(|m: &IndicatorMeta| m.id == id) {
            id = format!("{base}_{n}");
            n += 1;
        }
        let mut caveats = vec![];
        let mults: Vec<&String> = s
            .unit_mults
            .iter()
            .filter(|m| !m.is_empty() && *m != "0")
            .collect();
        if !mults.is_empty() {
            let m = mults
                .iter()
                .map(|m| m.as_str())
                .collect::<Vec<_>>()
                .join(", ");
            caveats.push(format!(
                "values as published, in units of 10^{m} (SDMX UNIT_MULT); not rescaled"
            ));
            findings.push(note(format!(
                "indicator '{id}': UNIT_MULT {m}; values stored as published (not multiplied)"
            )));
        }
        let title = match (&opts.indicator_title, s.title.is_empty()) {
            (Some(t), _) => t.clone(),
            (None, false) => s.title.clone(),
            (None, true) => opts.dataset_id.clone(),
        };
        let file = format!("{id}.csv");
        let mut rows: Vec<(String, i32, f64)> = s
            .observations
            .iter()
            .map(|(c, y, v, _)| (c.clone(), *y, *v))
            .collect();
        rows.sort_by(|a, b| a.0.cmp(&b.0).then(a.1.cmp(&b.1)));
        let key = s.source_code.clone();
        indicators.push(IndicatorMeta {
            id,
            title,
            unit: opts
                .unit
                .clone()
                .or_else(|| s.unit.clone())
                .unwrap_or_default(),
            higher_is_better: opts.higher_is_better.unwrap_or(true),
            year_kind: opts.year_kind.unwrap_or(YearKind::Data),
            decimals: opts.decimals.unwrap_or(s.max_decimals.min(3)),
            file: file.clone(),
            caveats,
            publication: None,
            source_code: (!key.is_empty()).then_some(key),
            attribution: None,
            size_measure: false,
            kind: Default::default(),
            ranks: None,
            list: Default::default(),
            vintage_threshold_pct: None,
        });
        files.push((file, rows));
    }
    for s in ex.series.iter().filter(|s| s.observations.is_empty()) {
        findings.push(note(format!(
            "series '{}' has no values; not written",
            s.key.join("/")
        )));
    }
    let input_name = opts
        .input
        .file_name()
        .map(|n| n.to_string_lossy().to_string())
        .unwrap_or_default();
    let retrieved = match &opts.retrieved {
        Some(r) => r.clone(),
        None => write::modified_date(&opts.input)?,
    };
    let mut notes = vec![format!(
        "Imported with innodex import from {input_name} ({} layout); {} rows read, {} missing cells, {} cells rejected{}.",
        layout.name(),
        ex.rows_read,
        ex.missing,
        ex.rejected.len(),
        if ex.rejected.is_empty() { "" } else { " (listed in unmatched.csv)" }
    )];
    if ex.aggregates > 0 {
        notes.push(format!(
            "{} observations are for aggregates (World, OECD, regions), not countries.",
            ex.aggregates
        ));
    }
    let meta = DatasetMeta {
        id: opts.dataset_id.clone(),
        title: opts
            .dataset_title
            .clone()
            .unwrap_or_else(|| format!("Imported from {input_name}")),
        publisher: opts
            .publisher
            .clone()
            .unwrap_or_else(|| "not recorded".into()),
        licence: opts
            .licence
            .clone()
            .unwrap_or_else(|| "not recorded".into()),
        attribution: String::new(),
        retrieved,
        source_urls: opts.source_url.clone().into_iter().collect(),
        notes,
        indicators,
        releases: Vec::new(),
        vintages: Vec::new(),
    };
    Ok((meta, files))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn line_numbers_survive_crlf_blank_lines_and_quoted_newlines() {
        for eol in ["\n", "\r\n"] {
            let text = ["a,b", "1,2", "", "", "3,4", "\"x", "y\",5", "6,7", ""].join(eol);
            let (_, rows) = read_csv("t", &text).expect("parses");
            let lines: Vec<u64> = rows.iter().map(|(l, _)| *l).collect();
            assert_eq!(lines, vec![2, 5, 6, 8], "eol {eol:?}");
        }
    }

    #[test]
    fn slugs() {
        assert_eq!(slug("GB.XPD.RSDV.GD.ZS"), "gb_xpd_rsdv_gd_zs");
        assert_eq!(
            slug("Share of researchers (women)"),
            "share_of_researchers_women"
        );
        assert_eq!(slug(""), "value");
    }
}
