//! `dataset.toml`: the provenance of a dataset and the declaration of its indicators.
//!
//! Written by people (or by `innodex curate`), read with `deny_unknown_fields` so that a typo is an
//! error, never a silent default.

use serde::{Deserialize, Serialize};

/// A dataset's metadata file.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DatasetMeta {
    /// Folder name and the prefix of indicator ids.
    pub id: String,
    pub title: String,
    pub publisher: String,
    pub licence: String,
    /// How to cite a figure; `{year}` is replaced by the edition or year.
    #[serde(default)]
    pub attribution: String,
    /// When the source files were collected (YYYY-MM-DD).
    pub retrieved: String,
    #[serde(default)]
    pub source_urls: Vec<String>,
    /// Provenance, corrections and conflicts carried over from the sources.
    #[serde(default)]
    pub notes: Vec<String>,
    #[serde(default, rename = "indicator")]
    pub indicators: Vec<IndicatorMeta>,
}

/// What an indicator's `year` column means.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum YearKind {
    /// The year the data describe.
    Data,
    /// The edition (publication year) of an index.
    Edition,
}

impl YearKind {
    pub fn label(self) -> &'static str {
        match self {
            YearKind::Data => "data year",
            YearKind::Edition => "edition",
        }
    }
}

/// When the value for year Y became public, where rows carry no `published` date.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct PublicationRule {
    /// Values for year Y were first published in year Y + `year_offset` ...
    pub year_offset: i32,
    /// ... by the end of this month (1–12).
    pub month: u32,
    /// Where the rule comes from, or that it is an assumption.
    pub basis: String,
}

/// One indicator (series) of a dataset.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct IndicatorMeta {
    /// Short id; the full id is `<dataset>.<id>`.
    pub id: String,
    pub title: String,
    pub unit: String,
    /// Direction of "better"; ranks put the best first.
    pub higher_is_better: bool,
    pub year_kind: YearKind,
    /// Decimals shown in tables and Markdown (CSV and JSON keep full precision).
    pub decimals: u8,
    /// The CSV file (in the dataset folder) holding this indicator's observations.
    pub file: String,
    /// Limits on comparing or combining values (shown with rankings and charts).
    #[serde(default)]
    pub caveats: Vec<String>,
    /// Where the rows have no `published` column: when a year's value became public.
    #[serde(default)]
    pub publication: Option<PublicationRule>,
    /// Source code of the series (e.g. a World Bank indicator code).
    #[serde(default)]
    pub source_code: Option<String>,
    /// How to cite this indicator where it differs from the dataset's `attribution`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub attribution: Option<String>,
    /// A total that grows with the size of the economy (GDP, population, spending in USD): it
    /// ranks large countries first whatever their performance, so `--strengths` leaves it out.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub size_measure: bool,
}

/// Columns an observation file may have; `iso3`, `year` and `value` are required.
pub const OBS_REQUIRED: [&str; 3] = ["iso3", "year", "value"];
/// Optional observation columns with a meaning to innodex.
pub const OBS_OPTIONAL: [&str; 4] = ["published_rank", "published", "source_name", "note"];
