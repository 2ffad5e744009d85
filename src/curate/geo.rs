//! The map geometry asset (`assets/geo/ne_110m.bin`, embedded by [`crate::geo`]) derived from
//! `sources/natural_earth/`, with the join rules its SOURCES.md sets out: a polygon's code is
//! `ISO_A3` unless that is `-99` (France, Norway, Kosovo, N. Cyprus, Somaliland), else
//! `ADM0_A3_US`, with `KOS` → `XKX`; polygons sharing a code are merged (N. Cyprus with Cyprus,
//! Somaliland with Somalia). A tiny-countries point (`LEVEL` 2, `ISO_A3`) is kept only for a
//! code with no polygon (Singapore, Malta, Bahrain, the Maldives…), and a capital point from the
//! 50m populated places (`Admin-0 capital`, else `Admin-0 region capital`; `ALD` → `ALA`) only
//! for a code with neither (Hong Kong, Macao, Liechtenstein, Monaco, San Marino, Andorra…).

use crate::error::{Error, Result};
use crate::geo::asset::{self, PointKind, Polygon, Shape};
use serde_json::Value;
use std::collections::BTreeMap;
use std::path::Path;

const FOLDER: &str = "natural_earth";
const COUNTRIES: &str = "ne_110m_admin_0_countries.geojson";
const TINY: &str = "ne_110m_admin_0_tiny_countries.geojson";
const PLACES: &str = "ne_50m_populated_places_simple.geojson";

fn err(file: &str, message: String) -> Error {
    Error::DataFile {
        file: format!("{FOLDER}/{file}"),
        message,
    }
}

fn features(sources: &Path, file: &str) -> Result<Vec<Value>> {
    let path = sources.join(FOLDER).join(file);
    let bytes = std::fs::read(&path).map_err(|e| Error::io(&path, e))?;
    let doc: Value = serde_json::from_slice(&bytes).map_err(|e| {
        err(
            file,
            format!(
                "not valid JSON at line {}, column {}: {e}",
                e.line(),
                e.column()
            ),
        )
    })?;
    match doc.get("features").and_then(Value::as_array) {
        Some(f) => Ok(f.clone()),
        None => Err(err(
            file,
            "no `features` array (expected a GeoJSON FeatureCollection)".into(),
        )),
    }
}

fn prop<'a>(f: &'a Value, key: &str) -> Option<&'a str> {
    f.get("properties")?.get(key)?.as_str()
}

fn coords(v: &Value) -> Option<(f64, f64)> {
    let a = v.as_array()?;
    Some((a.first()?.as_f64()?, a.get(1)?.as_f64()?))
}

fn ring(v: &Value) -> Option<Vec<(f64, f64)>> {
    v.as_array()?.iter().map(coords).collect()
}

fn polygon(v: &Value) -> Option<Polygon> {
    Some(Polygon {
        rings: v.as_array()?.iter().map(ring).collect::<Option<Vec<_>>>()?,
    })
}

fn is_code(c: &str) -> bool {
    c.len() == 3 && c.bytes().all(|b| b.is_ascii_uppercase())
}

/// The join code of a countries-file feature.
fn join_code(f: &Value) -> Option<String> {
    let iso = prop(f, "ISO_A3")?;
    let code = if iso == "-99" {
        prop(f, "ADM0_A3_US")?
    } else {
        iso
    };
    Some(if code == "KOS" { "XKX" } else { code }.to_string())
}

/// The shapes, sorted by code; `known` says which codes the countries reference has (a polygon
/// or tiny point with an unknown code is an error; a capital point of an unknown code is not
/// used).
pub fn build(sources: &Path, known: &dyn Fn(&str) -> bool) -> Result<Vec<Shape>> {
    let mut shapes: BTreeMap<String, Shape> = BTreeMap::new();
    for (i, f) in features(sources, COUNTRIES)?.iter().enumerate() {
        let at = |m: &str| err(COUNTRIES, format!("feature {}: {m}", i + 1));
        let code = join_code(f).ok_or_else(|| at("no ISO_A3 / ADM0_A3_US"))?;
        if !is_code(&code) || !known(&code) {
            return Err(at(&format!(
                "join code '{code}' is not in the countries reference"
            )));
        }
        let g = f.get("geometry").ok_or_else(|| at("no geometry"))?;
        let c = g.get("coordinates").ok_or_else(|| at("no coordinates"))?;
        let polys = match g.get("type").and_then(Value::as_str) {
            Some("Polygon") => vec![polygon(c).ok_or_else(|| at("bad Polygon coordinates"))?],
            Some("MultiPolygon") => c
                .as_array()
                .ok_or_else(|| at("bad MultiPolygon"))?
                .iter()
                .map(|p| polygon(p).ok_or_else(|| at("bad MultiPolygon coordinates")))
                .collect::<Result<_>>()?,
            other => {
                return Err(at(&format!(
                    "geometry type {other:?}; expected Polygon or MultiPolygon"
                )))
            }
        };
        shapes
            .entry(code.clone())
            .or_insert_with(|| Shape {
                code,
                polygons: Vec::new(),
                point: None,
            })
            .polygons
            .extend(polys);
    }
    for (i, f) in features(sources, TINY)?.iter().enumerate() {
        let at = |m: &str| err(TINY, format!("feature {}: {m}", i + 1));
        let level = f
            .get("properties")
            .and_then(|p| p.get("LEVEL"))
            .and_then(Value::as_i64);
        let Some(code) = prop(f, "ISO_A3").filter(|c| *c != "-99") else {
            continue;
        };
        if level != Some(2) || shapes.contains_key(code) {
            continue;
        }
        if !is_code(code) || !known(code) {
            return Err(at(&format!(
                "ISO_A3 '{code}' is not in the countries reference"
            )));
        }
        let g = f.get("geometry").and_then(|g| g.get("coordinates"));
        let (lon, lat) = g
            .and_then(coords)
            .ok_or_else(|| at("bad Point coordinates"))?;
        shapes.insert(
            code.to_string(),
            Shape {
                code: code.to_string(),
                polygons: Vec::new(),
                point: Some((lon, lat, PointKind::Tiny)),
            },
        );
    }
    let places = features(sources, PLACES)?;
    for class in ["Admin-0 capital", "Admin-0 region capital"] {
        for (i, f) in places.iter().enumerate() {
            if prop(f, "featurecla") != Some(class) {
                continue;
            }
            let Some(code) = prop(f, "adm0_a3") else {
                continue;
            };
            let code = if code == "ALD" { "ALA" } else { code };
            if shapes.contains_key(code) || !is_code(code) || !known(code) {
                continue;
            }
            let num = |k: &str| {
                f.get("properties")
                    .and_then(|p| p.get(k))
                    .and_then(Value::as_f64)
            };
            let (Some(lon), Some(lat)) = (num("longitude"), num("latitude")) else {
                return Err(err(
                    PLACES,
                    format!("feature {}: no longitude/latitude", i + 1),
                ));
            };
            shapes.insert(
                code.to_string(),
                Shape {
                    code: code.to_string(),
                    polygons: Vec::new(),
                    point: Some((lon, lat, PointKind::Capital)),
                },
            );
        }
    }
    Ok(shapes.into_values().collect())
}

/// The asset's bytes (see [`crate::geo::asset`]).
pub fn asset_bytes(sources: &Path, known: &dyn Fn(&str) -> bool) -> Result<Vec<u8>> {
    Ok(asset::encode(&build(sources, known)?))
}

/// Writes the asset to `path` whole (a temporary file renamed into place); returns its size.
pub fn write_asset(sources: &Path, known: &dyn Fn(&str) -> bool, path: &Path) -> Result<usize> {
    let bytes = asset_bytes(sources, known)?;
    let dir = crate::output::output_dir(path)?;
    let mut tmp = tempfile::Builder::new()
        .prefix(".innodex-geo-")
        .tempfile_in(dir)
        .map_err(|e| Error::io(dir, e))?;
    std::io::Write::write_all(tmp.as_file_mut(), &bytes).map_err(|e| Error::io(path, e))?;
    crate::output::persist(tmp, path)?;
    Ok(bytes.len())
}

/// Where `innodex curate` writes the asset: `--geo FILE` (its folder checked now, before any
/// dataset is written), else the repository's path when run in the repository with
/// `SOURCES/natural_earth` present; None: not written.
pub fn target(sources: &Path, geo: Option<&Path>) -> Result<Option<std::path::PathBuf>> {
    if let Some(p) = geo {
        crate::output::output_dir(p)?;
        return Ok(Some(p.to_path_buf()));
    }
    let p = Path::new(crate::geo::ASSET_PATH);
    let here = p.parent().is_some_and(Path::is_dir) && sources.join(FOLDER).is_dir();
    Ok(here.then(|| p.to_path_buf()))
}

/// Writes the asset after the datasets (the codes are checked against the countries dataset
/// just written to `out`); returns the note for curate's report.
pub fn curate_step(sources: &Path, out: &Path, target: Option<&Path>) -> Result<String> {
    let Some(path) = target else {
        return Ok(format!(
            "Map geometry not written (no {} here or no {}/{FOLDER}); give --geo FILE to write it.",
            crate::geo::ASSET_PATH,
            sources.display()
        ));
    };
    let reference = crate::catalog::Countries::load(&crate::catalog::source::DataSource::Dir(
        out.to_path_buf(),
    ))?;
    let n = write_asset(sources, &|c| reference.knows(c), path)?;
    Ok(format!(
        "Map geometry written to {} ({n} bytes) from {}/{FOLDER}.",
        path.display(),
        sources.display()
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn join_codes_follow_the_sources_md_rules() {
        let f = |iso: &str, us: &str| serde_json::json!({"properties": {"ISO_A3": iso, "ADM0_A3_US": us}});
        assert_eq!(join_code(&f("-99", "FRA")).as_deref(), Some("FRA"));
        assert_eq!(join_code(&f("-99", "KOS")).as_deref(), Some("XKX"));
        assert_eq!(join_code(&f("-99", "CYP")).as_deref(), Some("CYP"));
        assert_eq!(join_code(&f("PSE", "PSX")).as_deref(), Some("PSE"));
    }
}
