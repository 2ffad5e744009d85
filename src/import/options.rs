//! What an import is asked to do: the input, the dataset to write, the metadata the file
//! cannot tell, the column names that override the guesses, and the dataset id's rules.

use super::Layout;
use crate::catalog::countries::COUNTRIES_DATASET;
use crate::catalog::metadata::YearKind;
use crate::error::{Error, Result};
use std::path::PathBuf;

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
    /// Read every record with the `csv` crate instead of Polars (the reference reader the
    /// property tests compare the fast path with).
    pub record_reader_only: bool,
    /// (bytes read per call, bytes of records per chunk) instead of the defaults: small values
    /// make the tests cross every block and chunk boundary.
    pub tuning: Option<(usize, usize)>,
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
            record_reader_only: false,
            tuning: None,
        }
    }
}

/// Checks a dataset id (a folder name; not `countries`). Also used by `fetch` before it downloads.
pub fn check_dataset_id(id: &str) -> Result<()> {
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
