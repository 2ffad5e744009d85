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

/// The id of the newest stored vintage whose values equal the fresh import's for every
/// indicator, if there is one (then a refresh adds nothing).
pub fn unchanged(s: &Stored, new_meta: &DatasetMeta, imported: &Stored) -> Option<String> {
    let mut since = None;
    for ind in &new_meta.indicators {
        let fresh: BTreeSet<Obs> = imported
            .rows
            .get(&ind.id)
            .map(|r| r.iter().map(|(o, _)| o.clone()).collect())
            .unwrap_or_default();
        let m = find_match(&s.meta, ind)?;
        let v = newest_with_rows(s, &m.id)?;
        if rows_of(s, &m.id, &v.id) != fresh {
            return None;
        }
        since = Some(v.id.clone());
    }
    since
}

/// Rows per indicator id, each with its vintage.
pub type Rows = BTreeMap<String, Vec<(Obs, Option<String>)>>;

/// The stored dataset (or `first`, the metadata of a new one) with the fresh import added as
/// `vintage`; also each vintage's position by date (1 = oldest) for [`write_rows`].
pub fn merge(
    stored: Option<&Stored>,
    first: Option<DatasetMeta>,
    new_meta: &DatasetMeta,
    imported: &Stored,
    vintage: Vintage,
) -> (DatasetMeta, Rows, BTreeMap<String, usize>) {
    let mut meta = match (stored, first) {
        (Some(s), _) => s.meta.clone(),
        (None, Some(m)) => m,
        (None, None) => new_meta.clone(),
    };
    let mut rows: Rows = stored.map(|s| s.rows.clone()).unwrap_or_default();
    for ind in &new_meta.indicators {
        let id = match find_match(&meta, ind) {
            Some(m) => m.id.clone(),
            None => {
                meta.indicators.push(ind.clone());
                ind.id.clone()
            }
        };
        let fresh = imported.rows.get(&ind.id).cloned().unwrap_or_default();
        rows.entry(id).or_default().extend(
            fresh
                .into_iter()
                .map(|(o, _)| (o, Some(vintage.id.clone()))),
        );
    }
    meta.vintages.push(vintage);
    let mut by_date: Vec<(usize, &Vintage)> = meta.vintages.iter().enumerate().collect();
    by_date.sort_by(|(i, a), (j, b)| a.published.cmp(&b.published).then(i.cmp(j)));
    let order = by_date
        .iter()
        .enumerate()
        .map(|(rank, (_, v))| (v.id.clone(), rank + 1))
        .collect();
    (meta, rows, order)
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

#[cfg(test)]
mod tests {
    use super::*;

    fn meta(vintages: &[(&str, &str)]) -> DatasetMeta {
        let mut text = String::from("id = \"d\"\ntitle = \"t\"\npublisher = \"p\"\nlicence = \"l\"\nretrieved = \"2026-12-01\"\n\n[[indicator]]\nid = \"x\"\ntitle = \"X\"\nunit = \"u\"\nhigher_is_better = true\nyear_kind = \"data\"\ndecimals = 2\nfile = \"x.csv\"\nsource_code = \"X.CODE\"\n");
        for (id, published) in vintages {
            text.push_str(&format!("\n[[vintage]]\nid = \"{id}\"\npublished = \"{published}\"\ntitle = \"t\"\nbasis = \"{BASIS_PREFIX} GET u\"\n"));
        }
        toml::from_str(&text).expect("meta")
    }

    fn obs(iso3: &str, year: i32, value: &str, v: Option<&str>) -> (Obs, Option<String>) {
        ((iso3.into(), year, value.into()), v.map(str::to_string))
    }

    #[test]
    fn the_newest_vintage_by_date_decides_whether_a_refresh_changed_anything() {
        // Declared out of date order: 2026-07-13 is newer than 2025-04-15 whatever the order.
        let m = meta(&[("2026-07-13", "2026-07-13"), ("2025-04-15", "2025-04-15")]);
        let rows = vec![
            obs("JPN", 2020, "3.26556", Some("2026-07-13")),
            obs("JPN", 2020, "3.2", Some("2025-04-15")),
        ];
        let s = Stored {
            meta: m.clone(),
            rows: [("x".to_string(), rows)].into_iter().collect(),
        };
        assert_eq!(
            newest_with_rows(&s, "x").map(|v| v.id.as_str()),
            Some("2026-07-13")
        );
        let fresh = |value: &str| Stored {
            meta: m.clone(),
            rows: [("x".to_string(), vec![obs("JPN", 2020, value, None)])]
                .into_iter()
                .collect(),
        };
        assert_eq!(
            unchanged(&s, &m, &fresh("3.26556")).as_deref(),
            Some("2026-07-13")
        );
        assert_eq!(
            unchanged(&s, &m, &fresh("3.2")),
            None,
            "equal to an older vintage only"
        );
        assert_eq!(free_id(Some(&m), "2026-07-13"), "2026-07-13-2");
        assert_eq!(free_id(Some(&m), "2026-12-01"), "2026-12-01");
    }

    #[test]
    fn rows_are_written_newest_vintage_first_within_a_country_year() {
        let dir = tempfile::tempdir().expect("tempdir");
        let path = dir.path().join("x.csv");
        let order: BTreeMap<String, usize> = [("a".to_string(), 1), ("b".to_string(), 2)]
            .into_iter()
            .collect();
        let rows = vec![
            obs("KOR", 2020, "4.8", Some("a")),
            obs("JPN", 2020, "3.2", Some("a")),
            obs("KOR", 2020, "4.5", Some("b")),
        ];
        write_rows(&path, &rows, &order).expect("write");
        let text = std::fs::read_to_string(&path).expect("read");
        assert_eq!(
            text,
            "iso3,year,value,vintage\nJPN,2020,3.2,a\nKOR,2020,4.5,b\nKOR,2020,4.8,a\n"
        );
    }
}
