//! `innodex index`: composite indices built from a declarative spec (`FILE.toml`, or a shipped
//! one in `indices/`), after the JRC/OECD Handbook on Constructing Composite Indicators.
//!
//! - [`spec`]: the TOML spec, parsed with spans (errors name the file, line, column and key).
//! - [`data`]: each indicator's values through the standings engine, imputation, transformation.
//! - [`methods`]: transformations, normalisations and aggregations as pure functions.
//! - [`model`]: the index under one configuration, with each level's coverage rule.
//! - [`uncertainty`]: seeded Monte Carlo over named alternatives, and the sensitivity table.
//! - [`audit`]: coverage, correlations with flags, Cronbach's alpha, first principal component.
//! - [`report`]: the reports (scores, `--explain`, uncertainty, sensitivity, audit).
//!
//! Every number an index report shows, other than the raw values, is computed by innodex; the
//! notes say so.

pub mod audit;
pub mod data;
mod impute;
pub mod methods;
pub mod model;
pub mod report;
pub mod run_reports;
pub mod spec;
mod spec_raw;
pub mod uncertainty;

use crate::catalog::Catalog;
use crate::error::{Error, Result};
use include_dir::{include_dir, Dir};

static EMBEDDED: Dir<'static> = include_dir!("$CARGO_MANIFEST_DIR/indices");

/// A spec with its data and nominal scores.
#[derive(Debug, Clone)]
pub struct Built {
    pub spec: spec::Spec,
    pub data: data::Data,
    pub nominal: model::Scores,
}

/// The shipped specs: (name, title).
pub fn shipped() -> Vec<(String, String)> {
    let mut out: Vec<(String, String)> = EMBEDDED
        .files()
        .filter_map(|f| {
            let name = f.path().file_stem()?.to_str()?.to_string();
            let text = f.contents_utf8()?;
            let title = spec::parse(&name, text)
                .map(|s| s.title)
                .unwrap_or_default();
            Some((name, title))
        })
        .collect();
    out.sort();
    out
}

/// Reads a spec: a shipped name (`gii_rebuild`) or a path to a `.toml` file.
pub fn read_spec(name_or_path: &str) -> Result<spec::Spec> {
    let as_path = std::path::Path::new(name_or_path);
    if as_path.extension().is_some_and(|e| e == "toml") || as_path.is_file() {
        let bytes = std::fs::read(as_path).map_err(|e| Error::io(as_path, e))?;
        let text = String::from_utf8(bytes).map_err(|_| Error::DataFile {
            file: name_or_path.into(),
            message: "not UTF-8 text; save the spec as UTF-8".into(),
        })?;
        return spec::parse(name_or_path, &text);
    }
    let file = EMBEDDED.get_file(format!("{name_or_path}.toml"));
    match file.and_then(|f| f.contents_utf8()) {
        Some(text) => spec::parse(&format!("<embedded>/indices/{name_or_path}.toml"), text),
        None => {
            let names = shipped();
            Err(Error::unknown(
                "index spec",
                name_or_path,
                names.iter().map(|(n, _)| n.as_str()),
                "give a shipped spec's name or the path of a .toml file",
            ))
        }
    }
}

/// The text of a shipped spec (for `--show-spec` and tests).
pub fn shipped_text(name: &str) -> Option<&'static str> {
    EMBEDDED
        .get_file(format!("{name}.toml"))
        .and_then(|f| f.contents_utf8())
}

/// Loads the data and computes the nominal index.
pub fn build(catalog: &Catalog, spec: spec::Spec) -> Result<Built> {
    let data = data::load(catalog, &spec)?;
    if data.economies.is_empty() {
        let periods: Vec<String> = spec
            .indicators()
            .filter_map(|(_, _, i)| catalog.indicator(&i.source).ok())
            .map(|i| {
                format!(
                    "{}: {}",
                    i.id,
                    crate::present::period::describe(&spec.period, &i)
                )
            })
            .collect();
        return Err(Error::Findings(format!(
            "{}: no economy has a value of any indicator ({}) in the universe ({}); `innodex indicators` shows each indicator's years",
            spec.file.name,
            periods.join("; "),
            data.universe
        )));
    }
    let nominal = model::evaluate(&spec, &data, &model::Config::default())?;
    Ok(Built {
        spec,
        data,
        nominal,
    })
}

#[cfg(test)]
mod tests;
