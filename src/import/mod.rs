//! `innodex import`: an analyst's downloaded CSV to a dataset folder every command can read.
//!
//! Reads long, wide (World Bank DataBank), SDMX-CSV (OECD) and OWID grapher files; resolves
//! country names and codes; writes `DIR/ID/dataset.toml`, one `iso3,year,value` file per
//! indicator and `unmatched.csv` for every cell that was not written, with its line and reason.
//! The library never prints: everything is in the [`ImportReport`].

mod cells;
mod decode;
mod extract;
mod findings;
mod finish;
mod layout;
mod meta;
pub mod number;
mod options;
mod parse;
mod read;
mod resolve;
mod scan;
pub mod text;
mod write;

use crate::catalog::countries::Countries;
use crate::error::{Error, Result};
pub use decode::TextEncoding;
pub use findings::{describe, Finding, FindingKind};
use findings::{list_findings, note};
pub use layout::Layout;
pub use options::{check_dataset_id, ColumnNames, ImportOptions};
use std::path::{Path, PathBuf};
pub(crate) use write::exchange;
pub use write::REJECTED_FILE;

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

/// What was read from a file, before anything is written (see [`read_file`]).
pub struct ReadOutcome {
    pub layout: Layout,
    pub encoding: TextEncoding,
    pub headers: Vec<String>,
    pub rows_read: u64,
    pub missing: u64,
    pub unmatched: u64,
    pub aggregates: u64,
    pub duplicates: u64,
    /// Value cells looked at: written + missing + rejected cells.
    pub cells: u64,
    pub series: Vec<extract::Series>,
    pub codes: Vec<String>,
    pub rejected: Vec<extract::Rejected>,
    pub findings: Vec<Finding>,
}

/// Reads, checks and resolves a whole file without writing anything: the part of an import the
/// property tests drive directly.
pub fn read_file(
    opts: &ImportOptions,
    countries: &Countries,
    progress: Option<&mut dyn FnMut(u64)>,
) -> Result<ReadOutcome> {
    let file = opts.input.display().to_string();
    let (input, encoding) = decode::open(&file, &opts.input)?;
    let (block, chunk) = opts.tuning.unwrap_or((scan::READ_BLOCK, read::CHUNK_BYTES));
    let mut scanner = scan::Scanner::new(&file, input.into_reader()?, block.max(1));
    let headers = read::header(&file, &mut scanner)?;
    let plan = layout::plan(&file, &headers, opts.layout, &opts.columns)?;
    let mut ex = extract::Extractor::new(&headers, &plan, countries);
    ex.record_reader_only = opts.record_reader_only;
    read::read_rows(scanner, &mut ex, chunk.max(1), progress)?;
    let dropped = ex.drop_annotation_columns();
    let mut findings = vec![];
    match encoding {
        TextEncoding::Windows1252 { line, column } => findings.push(note(format!(
            "not valid UTF-8 (first at line {line}, column {column}); decoded as Windows-1252/Latin-1 — check accented names"
        ))),
        TextEncoding::Utf16 { big_endian, bom } => findings.push(note(format!(
            "UTF-16 {} text{}; converted to UTF-8",
            if big_endian { "big-endian" } else { "little-endian" },
            if bom { "" } else { " without a byte-order mark" }
        ))),
        TextEncoding::Utf8 | TextEncoding::Utf8Bom => {}
    }
    let mut ignored = plan.ignored.clone();
    ignored.extend(
        dropped
            .iter()
            .map(|&i| (i, "no numeric values (an annotation column)".to_string())),
    );
    ignored.sort();
    for (i, why) in &ignored {
        findings.push(note(format!(
            "column '{}' ignored: {why}",
            text::quote(&headers[*i])
        )));
    }
    let done = finish::finish(ex);
    findings.extend(done.findings);
    Ok(ReadOutcome {
        layout: plan.layout,
        encoding,
        rows_read: done.rows_read,
        missing: done.missing,
        unmatched: done.unmatched,
        aggregates: done.aggregates,
        duplicates: done.duplicates,
        cells: done.cells,
        series: done.series,
        codes: done.codes,
        rejected: done.rejected,
        findings,
        headers,
    })
}

/// Imports a file, calling `progress` with the number of rows read after each chunk of rows.
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
    let mut r = read_file(opts, countries, progress)?;
    if opts.strict {
        let problems: Vec<&Finding> = r.findings.iter().filter(|f| f.kind.rejects()).collect();
        if !problems.is_empty() {
            return Err(Error::DataFile {
                file,
                message: format!(
                    "{} problem(s); nothing written (without --strict they go to unmatched.csv):\n  {}",
                    problems.len(),
                    list_findings(&problems)
                ),
            });
        }
    }
    let mut findings = std::mem::take(&mut r.findings);
    let built = meta::build_meta(opts, r.layout, &r, &mut findings);
    r.findings = findings;
    let (meta, ids) = built?;
    if meta.indicators.is_empty() {
        let shown: Vec<&Finding> = r
            .findings
            .iter()
            .filter(|f| f.kind != FindingKind::Note || f.message.starts_with("column"))
            .collect();
        let why = if shown.is_empty() {
            String::new()
        } else {
            format!(":\n  {}", list_findings(&shown))
        };
        return Err(Error::DataFile {
            file,
            message: format!(
                "no values could be imported ({} rows read, {} missing, {} rejected); nothing written; try --layout and the column options{why}",
                r.rows_read,
                r.missing,
                r.rejected.len()
            ),
        });
    }
    let files: Vec<write::IndicatorFile> = meta
        .indicators
        .iter()
        .zip(&ids)
        .map(|(m, &s)| write::IndicatorFile {
            id: &m.id,
            file: &m.file,
            series: &r.series[s],
        })
        .collect();
    // Coverage counts countries, not aggregates (as `indicators` lists them).
    let aggregate: Vec<bool> = r.codes.iter().map(|c| countries.is_aggregate(c)).collect();
    let written = write::write_dataset(opts, &meta, &files, &r.codes, &aggregate, &r.rejected)?;
    let indicators = files
        .iter()
        .zip(&meta.indicators)
        .map(|(f, m)| ImportedIndicator {
            id: m.id.clone(),
            title: m.title.clone(),
            observations: f.series.obs.len() as u64,
            file: target.join(&m.file),
        })
        .collect::<Vec<_>>();
    Ok(ImportReport {
        dataset_dir: target,
        layout: r.layout,
        encoding: r.encoding,
        rows_read: r.rows_read,
        observations_written: indicators.iter().map(|i| i.observations).sum(),
        missing: r.missing,
        unmatched: r.unmatched,
        aggregates: r.aggregates,
        duplicates: r.duplicates,
        rejected: r.rejected.len() as u64,
        indicators,
        findings: r.findings,
        written,
    })
}

fn exists_error(target: &Path) -> Error {
    Error::DataFile {
        file: target.display().to_string(),
        message: "already exists and was left untouched; pass --replace to overwrite it".into(),
    }
}
