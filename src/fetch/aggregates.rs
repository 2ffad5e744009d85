//! World Bank aggregates by the API's own region field (`/v2/country`: `region.value` is
//! "Aggregates" for the World, regions and income groups), compared with the countries
//! reference the import path flags aggregates by.

use super::http::{fetch_error, Client, Progress};
use super::worldbank::{header, parse, scalar};
use crate::catalog::countries::Countries;
use crate::error::Result;
use serde_json::Value;

pub fn regions_url(base: &str) -> String {
    format!(
        "{}/country?format=json&per_page=1000",
        base.trim_end_matches('/')
    )
}

/// `/v2/country`: each economy's and aggregate's region (`region.value` is "Aggregates" for
/// the World, regions, income groups and the like), by ISO3 code.
pub fn regions(
    client: &mut Client,
    base: &str,
    progress: &mut dyn FnMut(Progress),
) -> Result<std::collections::BTreeMap<String, String>> {
    let mut out = std::collections::BTreeMap::new();
    let mut page = 1u64;
    loop {
        let url = if page == 1 {
            regions_url(base)
        } else {
            format!("{}&page={page}", regions_url(base))
        };
        let got = client.get(&url, progress)?;
        let v = parse(&url, &got.body)?;
        let h = header(&url, &v)?;
        let list = v
            .get(1)
            .and_then(Value::as_array)
            .ok_or_else(|| fetch_error(&url, "HTTP 200, but the JSON has no array of countries"))?;
        for c in list {
            let id = c.get("id").map(scalar).unwrap_or_default();
            let region = c
                .get("region")
                .and_then(|r| r.get("value"))
                .map(scalar)
                .unwrap_or_default();
            out.insert(id.trim().to_string(), region.trim().to_string());
        }
        if page >= h.pages {
            return Ok(out);
        }
        page += 1;
    }
}

/// The API's aggregates compared with the countries reference the import flags them by.
pub fn region_notes(regions: &(Vec<String>, Vec<String>), countries: &Countries) -> Vec<String> {
    let (aggregates, economies) = regions;
    let mut notes = vec![];
    let flagged: Vec<&str> = aggregates
        .iter()
        .filter(|c| countries.is_aggregate(c))
        .map(String::as_str)
        .collect();
    if !flagged.is_empty() {
        notes.push(format!(
            "{} code(s) the World Bank's region field calls aggregates, kept and flagged as aggregates (not ranked as countries): {}.",
            flagged.len(),
            flagged.join(", ")
        ));
    }
    let unknown: Vec<&str> = aggregates
        .iter()
        .filter(|c| !countries.knows(c))
        .map(String::as_str)
        .collect();
    if !unknown.is_empty() {
        notes.push(format!(
            "World Bank aggregates not in the countries reference, so their rows are in unmatched.csv: {}.",
            unknown.join(", ")
        ));
    }
    let conflict: Vec<&str> = aggregates
        .iter()
        .filter(|c| countries.knows(c) && !countries.is_aggregate(c))
        .chain(economies.iter().filter(|c| countries.is_aggregate(c)))
        .map(String::as_str)
        .collect();
    if !conflict.is_empty() {
        notes.push(format!(
            "The World Bank's region field and the countries reference disagree on whether these are aggregates (the reference was followed): {}.",
            conflict.join(", ")
        ));
    }
    notes
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_world_banks_region_field_is_compared_with_the_reference() {
        let countries =
            Countries::load(&crate::catalog::DataSource::Embedded).expect("embedded countries");
        let api = (
            vec!["EUU".to_string(), "XKX1".to_string(), "JPN".to_string()],
            vec!["WLD".to_string(), "KOR".to_string()],
        );
        let notes = region_notes(&api, &countries);
        assert_eq!(notes.len(), 3, "{notes:?}");
        assert!(
            notes[0].ends_with("(not ranked as countries): EUU."),
            "{}",
            notes[0]
        );
        assert!(
            notes[1].ends_with("in unmatched.csv: XKX1."),
            "{}",
            notes[1]
        );
        assert!(
            notes[2].ends_with("(the reference was followed): JPN, WLD."),
            "{}",
            notes[2]
        );
    }
}
