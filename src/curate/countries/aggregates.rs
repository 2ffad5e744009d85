//! The aggregates: `countries/aggregates.csv`, codes that are not countries (World Bank WDI
//! aggregates, OECD, EU27_2020, G20, BEL+LUX). A code's later names become aliases.

use super::aliases::AliasRow;
use crate::curate::read_source;
use crate::error::Result;
use std::collections::BTreeMap;
use std::path::Path;

/// aggregates.csv as read.
pub(super) struct Aggregates {
    /// The rows of the dataset's `aggregates.csv`, sorted by code.
    pub(super) rows: Vec<Vec<String>>,
    /// code → its first name.
    pub(super) name: BTreeMap<String, String>,
    /// A code's second and later names, as aliases.
    pub(super) aliases: Vec<AliasRow>,
    pub(super) notes: Vec<String>,
}

/// Reads `countries/aggregates.csv`; a code of `countries` is an error.
pub(super) fn read_aggregates(
    sources: &Path,
    countries: &BTreeMap<String, Vec<String>>,
) -> Result<Aggregates> {
    let t = read_source(
        sources,
        "countries/aggregates.csv",
        &["code", "name_as_printed", "kind", "source"],
    )?;
    let mut aggregates: Vec<Vec<String>> = Vec::new();
    let mut aggregate_name: BTreeMap<String, String> = BTreeMap::new();
    let mut alias_rows: Vec<AliasRow> = Vec::new();
    for (line, r) in &t.rows {
        let code = t.get(r, "code");
        let name = t.get(r, "name_as_printed");
        if countries.contains_key(code) {
            return Err(t.error(*line, "code", format!("{code} is a country code")));
        }
        aggregates.push(vec![
            code.into(),
            name.into(),
            t.get(r, "kind").into(),
            t.get(r, "source").into(),
        ]);
        if aggregate_name.contains_key(code) {
            alias_rows.push((
                name.into(),
                code.into(),
                format!("aggregates.csv ({})", t.get(r, "source")),
                format!("{}:{line}", t.file),
            ));
        } else {
            aggregate_name.insert(code.into(), name.into());
        }
    }
    aggregates.sort_by(|a, b| a[0].cmp(&b[0]));
    let notes = vec!["aggregates.csv: codes that are not countries — 48 World Bank WDI aggregates, OECD's OECD and EU27_2020, NCSES's G20, and BEL+LUX (IFR reports Belgium and Luxembourg together; BEL+LUX is this project's label, not a source code). A code's second name (e.g. 'Belgium/Luxemburg') is also an alias.".into()];
    Ok(Aggregates {
        rows: aggregates,
        name: aggregate_name,
        aliases: alias_rows,
        notes,
    })
}
