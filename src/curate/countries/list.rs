//! The country list: `countries/countries.csv` (ISO 3166-1 via pycountry plus the World Bank
//! FY25 columns) read into the rows of the dataset's `countries.csv`, with the World Bank region
//! and income group of each economy and the membership flags the source derives.

use crate::curate::read_source;
use crate::error::Result;
use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

/// countries.csv as read.
pub(super) struct CountryList {
    /// code → the row of the dataset's `countries.csv` (code, alpha-2, name, official name,
    /// World Bank region, World Bank income group).
    pub(super) rows: BTreeMap<String, Vec<String>>,
    /// Membership flags derived in the source (group id → codes), used to cross-check
    /// memberships.csv.
    pub(super) flags: BTreeMap<&'static str, BTreeSet<String>>,
    /// code → World Bank FY25 region name, where it has one.
    pub(super) region_of: BTreeMap<String, String>,
    /// code → World Bank FY25 income group name, where it has one.
    pub(super) income_of: BTreeMap<String, String>,
}

/// Reads `countries/countries.csv`: one row per economy, keyed by ISO alpha-3 (or the World
/// Bank code of an economy without one).
pub(super) fn read_countries(sources: &Path) -> Result<CountryList> {
    let t = read_source(
        sources,
        "countries/countries.csv",
        &[
            "iso_alpha2",
            "iso_alpha3",
            "iso_short_name",
            "iso_official_name",
            "iso_common_name",
            "wb_code",
            "wb_name_fy25",
            "wb_region_fy25",
            "wb_income_group_fy25",
            "oecd_member",
            "nato_member",
            "eu_member",
            "g7_member",
            "g20_member",
            "nato_partner_across_globe",
        ],
    )?;
    let mut countries: BTreeMap<String, Vec<String>> = BTreeMap::new();
    // Membership flags derived in the source, used to cross-check memberships.csv.
    let mut flags: BTreeMap<&'static str, BTreeSet<String>> = BTreeMap::new();
    let mut region_of: BTreeMap<String, String> = BTreeMap::new();
    let mut income_of: BTreeMap<String, String> = BTreeMap::new();
    for (line, r) in &t.rows {
        let iso = t.get(r, "iso_alpha3");
        let wb = t.get(r, "wb_code");
        if !iso.is_empty() && !wb.is_empty() && iso != wb {
            return Err(t.error(
                *line,
                "wb_code",
                format!("World Bank code {wb} differs from ISO code {iso}; add a rule"),
            ));
        }
        // Economies without an ISO code (XKX, CHI) keep their World Bank code.
        let code = if iso.is_empty() { wb } else { iso };
        if code.is_empty() {
            return Err(t.error(*line, "iso_alpha3", "no ISO or World Bank code"));
        }
        let name = [
            t.get(r, "iso_common_name"),
            t.get(r, "iso_short_name"),
            t.get(r, "wb_name_fy25"),
        ]
        .into_iter()
        .find(|s| !s.is_empty())
        .unwrap_or_default();
        let region = t.get(r, "wb_region_fy25");
        let income = t.get(r, "wb_income_group_fy25");
        if !region.is_empty() {
            region_of.insert(code.to_string(), region.to_string());
        }
        if !income.is_empty() {
            income_of.insert(code.to_string(), income.to_string());
        }
        let row = vec![
            code.to_string(),
            t.get(r, "iso_alpha2").to_string(),
            name.to_string(),
            t.get(r, "iso_official_name").to_string(),
            region.to_string(),
            income.to_string(),
        ];
        if countries.insert(code.to_string(), row).is_some() {
            return Err(t.error(*line, "iso_alpha3", format!("code {code} appears twice")));
        }
        for (flag, group) in [
            ("oecd_member", "OECD"),
            ("nato_member", "NATO"),
            ("eu_member", "EU"),
            ("g7_member", "G7"),
            ("g20_member", "G20"),
            ("nato_partner_across_globe", "NATO-PARTNERS"),
        ] {
            if t.get(r, flag) == "true" {
                flags.entry(group).or_default().insert(code.to_string());
            }
        }
    }
    Ok(CountryList {
        rows: countries,
        flags,
        region_of,
        income_of,
    })
}
