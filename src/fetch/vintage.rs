//! Fetches kept as vintages: every indicator file has a `vintage` column, every fetch a
//! `[[vintage]]` entry (its date, the URLs, the retrieval time and the API's last-updated date
//! in `basis`), so `--vintage` and `--as-of` choose among fetches. A refresh whose values equal
//! the newest vintage's adds nothing.

use crate::catalog::metadata::{DatasetMeta, IndicatorMeta, Vintage};
use crate::error::{Error, Result};
use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

/// How every fetched vintage's `basis` starts: marks a dataset `fetch --refresh` may extend.
pub const BASIS_PREFIX: &str = "innodex fetch:";

/// One observation row: (iso3, year, value as written).
pub type Obs = (String, i32, String);

/// A dataset folder as read from disk: metadata and, per indicator id, rows with their vintage.
pub struct Stored {
    pub meta: DatasetMeta,
    pub rows: BTreeMap<String, Vec<(Obs, Option<String>)>>,
}

fn data_err(path: &Path, message: String) -> Error {
    Error::DataFile {
        file: path.display().to_string(),
        message,
    }
}

/// Reads `dir/dataset.toml` and every indicator file (`iso3,year,value[,vintage]`).
pub fn read_dataset(dir: &Path) -> Result<Stored> {
    let toml_path = dir.join("dataset.toml");
    let text = std::fs::read_to_string(&toml_path).map_err(|e| Error::io(&toml_path, e))?;
    let meta: DatasetMeta =
        toml::from_str(&text).map_err(|e| data_err(&toml_path, e.to_string()))?;
    let mut rows = BTreeMap::new();
    for ind in &meta.indicators {
        let path = dir.join(&ind.file);
        let err = |e: csv::Error| data_err(&path, e.to_string());
        let mut r = csv::Reader::from_path(&path).map_err(err)?;
        let headers = r.headers().map_err(err)?.clone();
        let col = |n: &str| headers.iter().position(|h| h == n);
        let (Some(c), Some(y), Some(v)) = (col("iso3"), col("year"), col("value")) else {
            return Err(data_err(&path, "no iso3, year and value columns".into()));
        };
        let vin = col("vintage");
        let mut list = vec![];
        for rec in r.records() {
            let rec = rec.map_err(err)?;
            let year = rec.get(y).unwrap_or("").parse::<i32>().map_err(|_| {
                data_err(
                    &path,
                    format!("year '{}' is not a year", rec.get(y).unwrap_or("")),
                )
            })?;
            let obs = (
                rec.get(c).unwrap_or("").to_string(),
                year,
                rec.get(v).unwrap_or("").to_string(),
            );
            let vintage = vin
                .and_then(|i| rec.get(i))
                .filter(|s| !s.is_empty())
                .map(str::to_string);
            list.push((obs, vintage));
        }
        rows.insert(ind.id.clone(), list);
    }
    Ok(Stored { meta, rows })
}

/// Checks that a folder was written by `fetch` (so a refresh may add to it).
pub fn check_fetched(dir: &Path, s: &Stored) -> Result<()> {
    let fetched = !s.meta.vintages.is_empty()
        && s.meta
            .vintages
            .iter()
            .all(|v| v.basis.starts_with(BASIS_PREFIX))
        && s.rows.values().flatten().all(|(_, v)| v.is_some());
    if fetched {
        Ok(())
    } else {
        Err(data_err(
            dir,
            "was not written by `innodex fetch` (no fetched vintages); it was left untouched — fetch into a new --dataset id".into(),
        ))
    }
}

/// The newest vintage (by date, then by order of declaration) holding rows of `indicator`.
pub fn newest_with_rows<'a>(s: &'a Stored, indicator: &str) -> Option<&'a Vintage> {
    let rows = s.rows.get(indicator)?;
    let used: BTreeSet<&str> = rows.iter().filter_map(|(_, v)| v.as_deref()).collect();
    s.meta
        .vintages
        .iter()
        .enumerate()
        .filter(|(_, v)| used.contains(v.id.as_str()))
        .max_by(|(i, a), (j, b)| a.published.cmp(&b.published).then(i.cmp(j)))
        .map(|(_, v)| v)
}

/// The stored indicator a freshly imported one continues: same source code, else same id.
pub fn find_match<'a>(meta: &'a DatasetMeta, new: &IndicatorMeta) -> Option<&'a IndicatorMeta> {
    meta.indicators
        .iter()
        .find(|i| i.source_code.is_some() && i.source_code == new.source_code)
        .or_else(|| meta.indicators.iter().find(|i| i.id == new.id))
}

/// `base`, or `base-2`, `base-3`, … if a vintage already has that id.
pub fn free_id(meta: Option<&DatasetMeta>, base: &str) -> String {
    let taken = |id: &str| meta.is_some_and(|m| m.vintages.iter().any(|v| v.id == id));
    let mut id = base.to_string();
    let mut n = 2;
    while taken(&id) {
        id = format!("{base}-{n}");
        n += 1;
    }
    id
}

/// The rows of one vintage of an indicator, as a set.
pub fn rows_of(s: &Stored, indicator: &str, vintage: &str) -> BTreeSet<Obs> {
    s.rows
        .get(indicator)
        .map(|rows| {
            rows.iter()
                .filter(|(_, v)| v.as_deref() == Some(vintage))
                .map(|(o, _)| o.clone())
                .collect()
        })
        .unwrap_or_default()
}

/// Writes `iso3,year,value,vintage`, each country-year's newest vintage first (so a tie on the
/// vintage date goes to the later fetch).
pub fn write_rows(
    path: &Path,
    rows: &[(Obs, Option<String>)],
    order: &BTreeMap<String, usize>,
) -> Result<()> {
    let mut sorted: Vec<&(Obs, Option<String>)> = rows.iter().collect();
    let rank = |v: &Option<String>| {
        std::cmp::Reverse(v.as_ref().and_then(|v| order.get(v)).copied().unwrap_or(0))
    };
    sorted.sort_by(|a, b| (&a.0 .0, a.0 .1, rank(&a.1)).cmp(&(&b.0 .0, b.0 .1, rank(&b.1))));
    let err = |e: csv::Error| data_err(path, e.to_string());
    let mut w = csv::Writer::from_path(path).map_err(err)?;
    w.write_record(["iso3", "year", "value", "vintage"])
        .map_err(err)?;
    for ((iso3, year, value), v) in sorted {
        w.write_record([
            iso3.as_str(),
            &year.to_string(),
            value.as_str(),
            v.as_deref().unwrap_or(""),
        ])
        .map_err(err)?;
    }
    w.flush().map_err(|e| Error::io(path, e))
}
