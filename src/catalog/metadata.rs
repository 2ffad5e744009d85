//! `dataset.toml`: the provenance of a dataset and the declaration of its indicators.
//!
//! Written by people (or by `innodex curate`), read with `deny_unknown_fields` so that a typo is an
//! error, never a silent default. Meaning is declared here, never guessed from a unit or an id:
//! an indicator's [`IndicatorKind`] (score, published rank, plain value), which score a rank
//! series ranks, whether the source's list is complete ([`ListCoverage`]), each edition's real
//! release date ([`Release`]) and the vintages observation rows may belong to ([`Vintage`]).
//! [`DatasetMeta::check`] validates what serde cannot (dates, references between fields).

use serde::{Deserialize, Serialize};

mod check;

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
    /// The real publication date of each edition (or data-year release), `[[release]]` in TOML.
    /// `--as-of` uses these before any [`PublicationRule`]; an edition not listed falls back to
    /// the rule. Only dates found in the sources are listed, never an assumed one.
    #[serde(default, rename = "release", skip_serializing_if = "Vec::is_empty")]
    pub releases: Vec<Release>,
    /// The vintages (retrievals or releases of the same series) observation rows may name in
    /// their `vintage` column, `[[vintage]]` in TOML.
    #[serde(default, rename = "vintage", skip_serializing_if = "Vec::is_empty")]
    pub vintages: Vec<Vintage>,
}

/// When one edition or release of a dataset became public.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Release {
    /// The edition year (for `year_kind = "edition"`) or the data year the release published.
    pub year: i32,
    /// The real publication or launch date, `YYYY-MM-DD`.
    pub date: String,
    /// Where the date comes from (a SOURCES.md line, a dated press report in a source row).
    pub basis: String,
}

/// One vintage of a dataset's series: a release or retrieval whose values may differ from
/// another vintage's for the same country and year (revisions).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Vintage {
    /// The id observation rows give in their `vintage` column (e.g. `2025-04`).
    pub id: String,
    /// When the vintage became public or was retrieved: `YYYY-MM-DD` or `YYYY-MM`.
    pub published: String,
    /// A human-readable name, e.g. "World Bank WDI, Last Updated 2025-04-15".
    pub title: String,
    /// Where `published` comes from.
    pub basis: String,
}

/// What an indicator's values are.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum IndicatorKind {
    /// An index score (GII, Bloomberg, EIS scores): one edition is ranked at a time.
    Score,
    /// A published rank series: the values are ranks, 1 = best.
    Rank,
    /// A plain measured value (the default, so datasets written without `kind` keep working).
    #[default]
    Value,
}

impl IndicatorKind {
    /// The TOML spelling.
    pub fn label(self) -> &'static str {
        match self {
            IndicatorKind::Score => "score",
            IndicatorKind::Rank => "rank",
            IndicatorKind::Value => "value",
        }
    }
}

/// Whether the source publishes a complete ranking of the economies it covers.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum ListCoverage {
    /// Every economy the source covers is in the data (the default).
    #[default]
    Complete,
    /// Only part of the source's list is held (e.g. IFR's press-reported top lists): a rank
    /// computed among the rows held is not the source's rank.
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
    /// Score, published rank or plain value (`kind = "score" | "rank" | "value"`; default value).
    #[serde(default)]
    pub kind: IndicatorKind,
    /// For `kind = "rank"`: the short id of the score indicator (same dataset) this ranks.
    /// Absent for a rank published without a score (Bloomberg's category ranks).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub ranks: Option<String>,
    /// Whether the source's list is complete or partial (`list = "complete" | "partial"`).
    #[serde(default)]
    pub list: ListCoverage,
    /// Relative disagreement between two vintages' values of one country and year, in percent,
    /// above which a caveat is raised.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub vintage_threshold_pct: Option<f64>,
}

impl DatasetMeta {
    /// The declared vintage ids.
    pub fn vintage_ids(&self) -> Vec<&str> {
        self.vintages.iter().map(|v| v.id.as_str()).collect()
    }
}

/// Columns an observation file may have; `iso3`, `year` and `value` are required.
pub const OBS_REQUIRED: [&str; 3] = ["iso3", "year", "value"];
/// Optional observation columns with a meaning to innodex:
/// - `published_rank`: the rank the source published beside the value;
/// - `published`: when the row's figure was published (YYYY, YYYY-MM or YYYY-MM-DD);
/// - `source_name`: the economy as the source printed it;
/// - `note`: free text about the row;
/// - `vintage`: the id of a `[[vintage]]` of the dataset the row belongs to (one row per country,
///   year, publication and vintage);
/// - `flag`: `;`-separated tokens the source attaches to the row, from [`OBS_FLAGS`].
pub const OBS_OPTIONAL: [&str; 6] = [
    "published_rank",
    "published",
    "source_name",
    "note",
    "vintage",
    "flag",
];

/// The tokens of the `flag` column and what they mean.
pub const OBS_FLAGS: [(&str, &str); 2] = [
    (
        "low_data",
        "the source marks the row as below its data-coverage minimum (WIPO GII: DMC = 1, data minimum coverage not met); the source still publishes its score and rank",
    ),
    (
        "bracketed_rank",
        "the source printed the rank in square brackets (GII 2019–2020 website exports; it coincides with low data coverage in WIPO's economy profiles); the brackets are removed from published_rank",
    ),
];
