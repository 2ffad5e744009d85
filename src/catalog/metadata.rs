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
    /// When each edition (or data year) was really published; `--as-of` uses these first.
    #[serde(default, rename = "release", skip_serializing_if = "Vec::is_empty")]
    pub releases: Vec<Release>,
    /// The vintages (releases of revised series) that rows name in their `vintage` column.
    #[serde(default, rename = "vintage", skip_serializing_if = "Vec::is_empty")]
    pub vintages: Vec<Vintage>,
}

/// The real publication date of an edition or data year.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct Release {
    pub year: i32,
    /// YYYY-MM-DD.
    pub date: String,
    /// Where the date comes from.
    pub basis: String,
}

/// One vintage of a dataset's series.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct Vintage {
    pub id: String,
    /// When it became public (YYYY-MM-DD or YYYY-MM).
    pub published: String,
    pub title: String,
    pub basis: String,
}

/// What an indicator's values are.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum IndicatorKind {
    /// An index score (GII, Bloomberg, EIS).
    Score,
    /// A published rank series: the values are ranks, 1 = best.
    Rank,
    /// A plain measured value.
    #[default]
    Value,
}

/// Whether the source ranks every economy it covers, or publishes only part of a list.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum ListCoverage {
    #[default]
    Complete,
    Partial,
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
    /// What the values are (score, published rank, plain value).
    #[serde(default)]
    pub kind: IndicatorKind,
    /// For `kind = "rank"`: the short id of the score indicator whose ranking this publishes.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub ranks: Option<String>,
    /// Whether the source's list is complete or partial.
    #[serde(default)]
    pub list: ListCoverage,
    /// Relative disagreement between vintages (percent) above which a caveat is raised.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub vintage_threshold_pct: Option<f64>,
}

/// Columns an observation file may have; `iso3`, `year` and `value` are required.
pub const OBS_REQUIRED: [&str; 3] = ["iso3", "year", "value"];
/// Optional observation columns with a meaning to innodex.
pub const OBS_OPTIONAL: [&str; 6] = [
    "published_rank",
    "published",
    "source_name",
    "note",
    "vintage",
    "flag",
];
