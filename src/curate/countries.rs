//! The `countries` dataset: countries, aggregates, aliases, ambiguous names, groups, memberships.
//!
//! Source: `countries/` (ISO 3166-1 via pycountry, World Bank CLASS FY25, membership lists,
//! alias lists incl. the ODbL world-countries file). Written exactly in the layout
//! `catalog::countries::Countries::load` reads. [`build`] runs the steps in order, one module
//! each: the country list, the aggregates, the alias lists and their join, the memberships,
//! the World Bank groups, and the dataset assembled.

use super::Dataset;
use crate::error::Result;
use std::path::Path;

mod aggregates;
mod aliases;
mod dataset;
mod list;
mod memberships;
mod wb_groups;
mod wb_income;
mod wb_spells;

pub(crate) fn build(sources: &Path) -> Result<Dataset> {
    let mut notes: Vec<String> = vec![
        "Country list: ISO 3166-1 as shipped in pycountry 26.2.16 (249 entries) plus the two World Bank economies without an ISO code, which keep their World Bank codes: XKX Kosovo and CHI Channel Islands (name from the World Bank FY25 list).".into(),
        "name = ISO common name where pycountry has one (e.g. 'South Korea', 'Taiwan'), else the ISO short name; official_name = ISO official name.".into(),
        "countries.csv wb_region and wb_income are the World Bank FY2025 classification (CLASS.xlsx, July 2024, GNI per capita 2023); Venezuela has no income group in the source (not classified); territories absent from CLASS have none. The region groups apply FY2025 to every year; the income groups (LIC, LMC, UMC, HIC) are dated from the World Bank history (see below), so the wb_income column is the current group only.".into(),
    ];
    let list = list::read_countries(sources)?;
    let aggregates = aggregates::read_aggregates(sources, &list.rows)?;
    notes.extend(aggregates.notes);
    let (mut alias_rows, alias_notes) = aliases::read_alias_lists(sources, aggregates.aliases)?;
    notes.extend(alias_notes);
    notes.extend(aliases::drop_unknown_codes(
        &mut alias_rows,
        &list.rows,
        &aggregates.name,
    ));
    let names = aliases::join_aliases(&alias_rows, &list.rows, &aggregates.name);
    notes.extend(names.notes);
    let alliances = memberships::read_memberships(sources, &list)?;
    notes.extend(alliances.notes);
    let world_bank = wb_groups::wb_groups(sources, &list, &aggregates.name)?;
    notes.extend(world_bank.notes);
    notes.push("NATO and partner pages, OECD, EU, G7 and G20 sources: see the URLs in countries/SOURCES.md; G7/G20 members have no since dates (founding members).".into());
    let groups = [alliances.groups, world_bank.groups].concat();
    let mut memberships = [alliances.memberships, world_bank.memberships].concat();
    memberships.sort();
    let tables = dataset::Tables {
        countries: list.rows.into_values().collect(),
        aggregates: aggregates.rows,
        aliases: names.aliases,
        ambiguous: names.ambiguous,
        groups,
        memberships,
    };
    Ok(dataset::dataset(tables, notes))
}
