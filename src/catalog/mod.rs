//! The catalog: which datasets and indicators exist, their metadata, observations and countries.
//!
//! Reads every dataset's metadata at open (for the embedded data from the JSON that build.rs
//! made of each `dataset.toml`; for `--data DIR` the TOML itself, with every check) and
//! observation CSV files only when an indicator is asked for, so a command reads only the data
//! it needs.

pub mod check;
pub mod countries;
pub mod coverage;
pub mod dates;
pub mod folder_check;
pub mod frame_layout;
pub mod lines;
pub mod listing;
pub mod load;
mod memo;
pub mod metadata;
pub mod source;
pub mod store;

use crate::error::{Error, Result};
pub use countries::Countries;

/// The hand-made fixture datasets (`tests/fixtures/datasets`), for unit tests anywhere.
#[cfg(test)]
pub fn fixture_catalog() -> Catalog {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/datasets");
    Catalog::open(DataSource::Dir(dir)).expect("fixture catalog")
}
pub use load::Observation;
use memo::{locked, Memo};
pub use metadata::{DatasetMeta, IndicatorMeta, YearKind};
pub use source::DataSource;
use std::sync::{Arc, Mutex, OnceLock};

/// An indicator with the dataset it belongs to.
#[derive(Debug, Clone)]
pub struct Indicator {
    /// `<dataset>.<indicator>`.
    pub id: String,
    pub dataset: String,
    pub meta: IndicatorMeta,
}

/// The open datasets folder. It is `Sync`: the standings of several indicators are computed
/// on several threads from one catalog.
pub struct Catalog {
    pub source: DataSource,
    pub datasets: Vec<DatasetMeta>,
    countries: OnceLock<Countries>,
    /// Held while the countries reference loads, so that it loads once (safe to hold: the
    /// loading reads with the `csv` crate and never waits on a thread pool).
    countries_loading: Mutex<()>,
    /// The countries reference loaded while the catalog opened, until first asked for.
    preloaded: Mutex<Option<Countries>>,
    /// Observation frames read so far, by full indicator id.
    frames: Memo<polars::prelude::DataFrame>,
    /// Results computed from the frames, by a key their computation chooses (a ranking is
    /// computed once per process however many commands' rows ask for it).
    memo: Memo<Arc<dyn std::any::Any + Send + Sync>>,
    /// The datasets whose data (observations, the countries reference) this catalog has read.
    read: Mutex<std::collections::BTreeSet<source::DatasetRead>>,
}

impl Catalog {
    /// Opens a datasets folder: reads every `dataset.toml`. On a thread pool's thread (the
    /// commands that compute on frames run there) the countries reference, which they all
    /// need, is loaded on another of its threads meanwhile; it is kept only if it loaded, so a
    /// problem in it is still reported where it is first used, as on the main thread.
    pub fn open(source: DataSource) -> Result<Self> {
        let (datasets, preloaded) = if rayon::current_thread_index().is_some() {
            let countries_source = countries_source(&source);
            rayon::join(
                || read_metas(&source),
                || Countries::load(&countries_source).ok(),
            )
        } else {
            (read_metas(&source), None)
        };
        let datasets = datasets?;
        Ok(Catalog {
            source,
            datasets,
            countries: OnceLock::new(),
            countries_loading: Mutex::new(()),
            preloaded: Mutex::new(preloaded),
            frames: Default::default(),
            memo: Default::default(),
            read: Default::default(),
        })
    }

    /// The curated datasets compiled into the binary.
    pub fn embedded() -> Result<Self> {
        Self::open(DataSource::Embedded)
    }

    /// The countries reference (loaded on first use). A user's folder without a `countries`
    /// dataset falls back to the embedded one.
    pub fn countries(&self) -> Result<&Countries> {
        if let Some(c) = self.countries.get() {
            return Ok(c);
        }
        let _loading = locked(&self.countries_loading);
        if let Some(c) = self.countries.get() {
            return Ok(c);
        }
        let source = countries_source(&self.source);
        self.note_read(&source, countries::COUNTRIES_DATASET);
        let loaded = match locked(&self.preloaded).take() {
            Some(c) => c,
            None => Countries::load(&source)?,
        };
        Ok(self.countries.get_or_init(|| loaded))
    }

    /// Records that the data of dataset `id` in `source` was read.
    fn note_read(&self, source: &DataSource, id: &str) {
        locked(&self.read).insert(source::DatasetRead::new(source, id));
    }

    /// The datasets whose data this catalog has read so far (observation files, the countries
    /// reference; not `dataset.toml` nor cached coverage), for the manifest of `innodex run`.
    pub fn datasets_read(&self) -> std::collections::BTreeSet<source::DatasetRead> {
        locked(&self.read).clone()
    }

    /// A dataset's coverage rows (see [`coverage::of_dataset`]); computing them reads its data.
    pub fn coverage(
        &self,
        meta: &DatasetMeta,
        countries: &Countries,
    ) -> Result<Vec<coverage::CoverageRow>> {
        if let Some(rows) = coverage::cached(&self.source, meta) {
            return Ok(rows);
        }
        if !meta.indicators.is_empty() {
            self.note_read(&self.source, &meta.id);
        }
        coverage::for_dataset(&self.source, meta, countries)
    }

    /// A dataset's metadata by id.
    pub fn dataset(&self, id: &str) -> Result<&DatasetMeta> {
        self.datasets.iter().find(|d| d.id == id).ok_or_else(|| {
            Error::unknown(
                "dataset",
                id,
                self.datasets.iter().map(|d| d.id.as_str()),
                "`innodex datasets` lists them",
            )
        })
    }

    /// Every indicator, in dataset order.
    pub fn indicators(&self) -> Vec<Indicator> {
        self.datasets
            .iter()
            .flat_map(|d| {
                d.indicators.iter().map(move |m| Indicator {
                    id: format!("{}.{}", d.id, m.id),
                    dataset: d.id.clone(),
                    meta: m.clone(),
                })
            })
            .collect()
    }

    /// An indicator by full id (`gii.score`), or by a suffix that only one indicator has.
    pub fn indicator(&self, id: &str) -> Result<Indicator> {
        // The common case, a full id, without building the whole list.
        if let Some((ds, ind)) = id.split_once('.') {
            if let Some(d) = self.datasets.iter().find(|d| d.id == ds) {
                if let Some(m) = d.indicators.iter().find(|m| m.id == ind) {
                    return Ok(Indicator {
                        id: id.to_string(),
                        dataset: d.id.clone(),
                        meta: m.clone(),
                    });
                }
            }
        }
        let all = self.indicators();
        let by_suffix: Vec<&Indicator> = all.iter().filter(|i| i.meta.id == id).collect();
        if by_suffix.len() == 1 {
            return Ok(by_suffix[0].clone());
        }
        if by_suffix.len() > 1 {
            return Err(Error::Unknown {
                message: format!(
                    "indicator '{id}' is ambiguous: {}; give the full id",
                    by_suffix
                        .iter()
                        .map(|i| i.id.as_str())
                        .collect::<Vec<_>>()
                        .join(", ")
                ),
            });
        }
        Err(Error::unknown(
            "indicator",
            id,
            all.iter().map(|i| i.id.as_str()),
            "`innodex indicators` lists them",
        ))
    }

    /// How to cite an indicator: its own `attribution`, else its dataset's, else
    /// "Source: PUBLISHER ({year})"; `{year}` is left for the caller to fill.
    pub fn attribution_template(&self, indicator: &Indicator) -> Result<String> {
        let d = self.dataset(&indicator.dataset)?;
        Ok(match &indicator.meta.attribution {
            Some(a) => a.clone(),
            None if d.attribution.is_empty() => format!("Source: {} ({{year}})", d.publisher),
            None => d.attribution.clone(),
        })
    }

    /// An indicator's observations as a typed frame (columns in [`store::cols`]), read once.
    pub fn frame(&self, indicator: &Indicator) -> Result<polars::prelude::DataFrame> {
        self.frames.get_or_compute(&indicator.id, || {
            // Codes are checked in every dataset, a folder named `countries` included.
            let countries = Some(self.countries()?);
            let vintages = self.dataset(&indicator.dataset)?.vintage_ids();
            self.note_read(&self.source, &indicator.dataset);
            store::read_frame(
                &self.source,
                &indicator.dataset,
                &indicator.meta.file,
                countries,
                &vintages,
            )
        })
    }

    /// A result computed once per key: `compute` runs the first time, later calls (from any
    /// thread) share it.
    pub fn memoised<T: Send + Sync + 'static>(
        &self,
        key: String,
        compute: impl FnOnce() -> Result<T>,
    ) -> Result<Arc<T>> {
        let value = self
            .memo
            .get_or_compute(&key, || Ok(Arc::new(compute()?) as Arc<_>))?;
        value.downcast::<T>().map_err(|_| {
            Error::Compute(format!(
                "memoised result {key:?} was computed with another type"
            ))
        })
    }

    /// All observations of an indicator, as rows (from the same frame).
    pub fn observations(&self, indicator: &Indicator) -> Result<Vec<Observation>> {
        store::observations_of(&self.frame(indicator)?)
    }
}

/// Every `dataset.toml` of a folder, read and checked.
fn read_metas(source: &DataSource) -> Result<Vec<DatasetMeta>> {
    let mut datasets = Vec::new();
    for id in source.dataset_ids()? {
        datasets.push(read_meta(source, &id)?);
    }
    folder_check::full_id_collisions(source, &datasets)?;
    if datasets.is_empty() {
        return Err(Error::DataFile {
            file: source.describe(),
            message:
                "no dataset folders (each needs a dataset.toml); point --data at a datasets folder"
                    .into(),
        });
    }
    Ok(datasets)
}

/// Where a folder's countries reference is: its own `countries` dataset, else the embedded one
/// (for the embedded data, without looking: building the index of embedded files reads every
/// file's path, scattered over the binary, a page fault each).
fn countries_source(source: &DataSource) -> DataSource {
    match source {
        DataSource::Embedded => DataSource::Embedded,
        DataSource::Dir(_) if source.exists(countries::COUNTRIES_DATASET, "countries.csv") => {
            source.clone()
        }
        DataSource::Dir(_) => DataSource::Embedded,
    }
}

/// Reads and parses one `dataset.toml`, with every check of [`folder_check`].
pub fn read_meta(source: &DataSource, id: &str) -> Result<DatasetMeta> {
    if matches!(source, DataSource::Embedded) {
        // The embedded datasets' metadata as JSON made by build.rs from the same files (they
        // are checked with every rule below by the test suite's `validate`).
        if let Some(meta) = embedded_meta(id) {
            return Ok(meta);
        }
    }
    let (mt, problems) = folder_check::read_meta_checked(source, id)?;
    problems.into_iter().next().map_or(Ok(mt.meta), Err)
}

mod embedded_json {
    include!(concat!(env!("OUT_DIR"), "/embedded_meta.rs"));
}

/// An embedded dataset's metadata from the JSON that build.rs wrote, if it wrote one.
pub fn embedded_meta(id: &str) -> Option<DatasetMeta> {
    let (_, json) = embedded_json::EMBEDDED_META
        .iter()
        .find(|(d, _)| *d == id)?;
    serde_json::from_str(json).ok()
}

/// A TOML error with file:line:column.
pub fn toml_error(file: &str, text: &str, e: &toml::de::Error) -> Error {
    let (line, column) = match e.span() {
        Some(span) => {
            let before = &text[..span.start.min(text.len())];
            let line = before.matches('\n').count() as u64 + 1;
            let column = before
                .rsplit('\n')
                .next()
                .map(|l| l.chars().count())
                .unwrap_or(0) as u64
                + 1;
            (line, column)
        }
        None => (0, 0),
    };
    Error::Data {
        file: file.into(),
        line,
        column,
        message: toml_hint(&e.message().replace('\n', " ")),
    }
}

/// A TOML parser message with what to do about it.
fn toml_hint(message: &str) -> String {
    let hint = if message.starts_with("missing field") {
        "; add the key"
    } else if message.starts_with("unknown field") {
        "; remove the key or correct its spelling"
    } else if message.starts_with("invalid type") || message.starts_with("invalid value") {
        "; give a value of the expected type"
    } else if message.starts_with("unknown variant") {
        "; use one of the values listed"
    } else {
        "; fix the TOML syntax there"
    };
    format!("{message}{hint}")
}

pub use crate::suggest::{suggest, SUGGEST_MAX_INPUT};

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_embedded_dataset_toml_has_json_that_reads_as_the_same_metadata() {
        let source = DataSource::Embedded;
        let ids = source.dataset_ids().expect("ids");
        assert!(ids.len() >= 7, "{ids:?}");
        for id in ids {
            let from_json = embedded_meta(&id).unwrap_or_else(|| panic!("{id}: no JSON"));
            // The text itself, parsed as a user's folder is (the embedded source reads the JSON).
            let text = source.read_text(&id, "dataset.toml").expect("text");
            let from_toml: metadata::DatasetMeta = toml::from_str(&text).expect("parses");
            let (_, problems) = folder_check::read_meta_checked(&source, &id).expect("reads");
            assert!(problems.is_empty(), "{id}: {problems:?}");
            assert_eq!(format!("{from_json:?}"), format!("{from_toml:?}"), "{id}");
        }
    }
}
