//! `validate`: findings about a datasets folder, each with file, line and column.
//!
//! Checks every `dataset.toml` (keys, types, declared files), every observation file (columns,
//! values, one value per country–year–publication) and that every code is known.

use super::countries::Countries;
use super::folder_check::{check_file_name, full_id_collisions, read_meta_checked};
use super::load::read_table;
use super::metadata::OBS_REQUIRED;
use super::source::DataSource;
use crate::error::Error;
use rayon::prelude::*;

mod rows;
pub use rows::{field_problem, observation_file, row_problems, RowKeys};

/// One problem found, with its place.
#[derive(Debug, Clone, PartialEq)]
pub struct Finding {
    /// `file:line:column: message` or `file: message`.
    pub message: String,
}

impl From<Error> for Finding {
    fn from(e: Error) -> Self {
        Finding {
            message: e.to_string(),
        }
    }
}

/// What was checked, and what was wrong.
#[derive(Debug, Default)]
pub struct CheckResult {
    pub datasets: usize,
    pub indicators: usize,
    pub observations: usize,
    pub findings: Vec<Finding>,
    /// The datasets whose observation files were read (for the manifest of `innodex run`).
    pub datasets_read: std::collections::BTreeSet<super::source::DatasetRead>,
}

/// Checks a datasets folder. `countries` is the reference to check codes against.
pub fn check(source: &DataSource, countries: &Countries) -> CheckResult {
    check_read(source, countries, read_folder(source))
}

/// A folder's dataset ids and each one's `dataset.toml`, read and checked (or why not), in
/// folder order: the part of [`check`] that needs no country reference.
pub struct FolderRead {
    ids: Result<Vec<(String, MetaRead)>, Error>,
}

type MetaRead = crate::error::Result<(super::folder_check::MetaText, Vec<Error>)>;

/// Reads the folder's `dataset.toml` files (in parallel).
pub fn read_folder(source: &DataSource) -> FolderRead {
    FolderRead {
        ids: source.dataset_ids().map(|ids| {
            ids.into_par_iter()
                .map(|id| {
                    let meta = read_meta_checked(source, &id);
                    (id, meta)
                })
                .collect()
        }),
    }
}

/// [`check`] on a folder whose `dataset.toml` files are read. Datasets, and the observation
/// files within each, are checked in parallel; findings are listed in folder order all the
/// same.
pub fn check_read(source: &DataSource, countries: &Countries, folder: FolderRead) -> CheckResult {
    let mut result = CheckResult::default();
    let read = match folder.ids {
        Ok(read) => read,
        Err(e) => {
            result.findings.push(e.into());
            return result;
        }
    };
    if read.is_empty() {
        result.findings.push(Finding {
            message: format!(
                "{}: no dataset folders with a dataset.toml",
                source.describe()
            ),
        });
    }
    let checked: Vec<_> = read
        .into_par_iter()
        .map(|(id, meta)| check_dataset(source, &id, meta, countries))
        .collect();
    let mut metas = Vec::new();
    for dataset in checked {
        result.datasets += usize::from(dataset.meta.is_some());
        result.indicators += dataset.indicators;
        result.observations += dataset.observations;
        result.findings.extend(dataset.findings);
        result.datasets_read.extend(dataset.read);
        metas.extend(dataset.meta);
    }
    if let Err(e) = full_id_collisions(source, &metas) {
        result.findings.push(e.into());
    }
    result
}

/// What one dataset folder holds, checked.
struct DatasetChecked {
    /// `None`: its `dataset.toml` could not be read (the finding says why).
    meta: Option<super::metadata::DatasetMeta>,
    indicators: usize,
    observations: usize,
    findings: Vec<Finding>,
    read: Option<super::source::DatasetRead>,
}

/// Checks one dataset: its `dataset.toml` (read), then each declared observation file (in
/// parallel).
fn check_dataset(
    source: &DataSource,
    id: &str,
    meta: MetaRead,
    countries: &Countries,
) -> DatasetChecked {
    let mut out = DatasetChecked {
        meta: None,
        indicators: 0,
        observations: 0,
        findings: Vec::new(),
        read: None,
    };
    let (mt, problems) = match meta {
        Ok(m) => m,
        Err(e) => {
            out.findings.push(e.into());
            return out;
        }
    };
    out.findings.extend(problems.into_iter().map(Finding::from));
    let meta = mt.meta;
    let vintages = meta.vintage_ids();
    let toml_file = source.display_path(id, "dataset.toml");
    out.indicators = meta.indicators.len();
    // Each file's rows and findings, and whether it was read.
    let files: Vec<(usize, Vec<Finding>, bool)> = meta
        .indicators
        .par_iter()
        .map(|ind| {
            if check_file_name(source, id, &ind.file).is_err() {
                // Reported with the dataset.toml; never read a file outside the folder.
                return (0, Vec::new(), false);
            }
            if !source.exists(id, &ind.file) {
                let message = format!(
                    "{toml_file}: indicator '{}' declares file = \"{}\", which does not exist in the folder",
                    ind.id, ind.file
                );
                return (0, vec![Finding { message }], false);
            }
            let (observations, findings) =
                file_findings(source, id, &ind.file, countries, &vintages);
            (observations, findings, true)
        })
        .collect();
    let mut reads_a_file = false;
    for (observations, findings, read) in files {
        out.observations += observations;
        out.findings.extend(findings);
        reads_a_file |= read;
    }
    out.read = reads_a_file.then(|| super::source::DatasetRead::new(source, id));
    out.meta = Some(meta);
    out
}

/// The rows of one observation file and what is wrong with it. A clean file is confirmed on
/// the fast path; only a file with a problem is read row by row, to name every problem with
/// its line.
fn file_findings(
    source: &DataSource,
    dataset: &str,
    file: &str,
    countries: &Countries,
    vintages: &[&str],
) -> (usize, Vec<Finding>) {
    if let Some(n) = super::store::rows_if_clean(source, dataset, file, countries, vintages) {
        return (n, Vec::new());
    }
    let table = match read_table(source, dataset, file, &OBS_REQUIRED) {
        Ok(t) => t,
        Err(e) => return (0, vec![e.into()]),
    };
    let (obs, problems) = observation_file(&table, countries, vintages, false);
    (obs.len(), problems.into_iter().map(Finding::from).collect())
}
