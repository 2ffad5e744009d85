//! The World Bank groups: the 7 regions and 4 income groups, with their members from the FY25
//! columns of countries.csv checked against `countries/wb_class_fy25_group_compositions.csv`;
//! regions undated, income groups dated from the history ([`super::wb_income`]).

use super::list::CountryList;
use super::memberships::GroupRows;
use super::wb_income::{income_memberships, WB_HISTORY_FILE, WB_INCOME_NOTE};
use crate::curate::read_source;
use crate::error::{Error, Result};
use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

const WB_NOTE: &str = "World Bank FY2025 classification (July 2024), applied to every year";
/// The World Bank regions and income groups made groups (ids are WB aggregate codes).
const WB_REGIONS: [&str; 7] = ["EAS", "ECS", "LCN", "MEA", "NAC", "SAS", "SSF"];
const WB_INCOMES: [&str; 4] = ["LIC", "LMC", "UMC", "HIC"];

/// The World Bank groups and their memberships; `aggregate_name` gives each group its name
/// (the group ids are World Bank aggregate codes).
pub(super) fn wb_groups(
    sources: &Path,
    list: &CountryList,
    aggregate_name: &BTreeMap<String, String>,
) -> Result<GroupRows> {
    let (region_of, income_of) = (&list.region_of, &list.income_of);
    let mut groups: Vec<Vec<String>> = Vec::new();
    let mut memberships: Vec<Vec<String>> = Vec::new();
    // World Bank regions and income groups, from the FY25 columns, checked against the
    // FY25 group compositions.
    let t = read_source(
        sources,
        "countries/wb_class_fy25_group_compositions.csv",
        &["group_code", "country_code"],
    )?;
    let mut composition: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    for (_, r) in &t.rows {
        composition
            .entry(t.get(r, "group_code").into())
            .or_default()
            .insert(t.get(r, "country_code").into());
    }
    // FY25 income group id of each economy, from countries.csv (checked against the history below).
    let mut fy25_income: BTreeMap<String, &'static str> = BTreeMap::new();
    for (ids, kind, assigned, note) in [
        (&WB_REGIONS[..], "wb-region", region_of, WB_NOTE),
        (&WB_INCOMES[..], "wb-income", income_of, WB_INCOME_NOTE),
    ] {
        for id in ids {
            let name = aggregate_name.get(*id).ok_or_else(|| Error::DataFile {
                file: "countries/aggregates.csv".into(),
                message: format!("World Bank group {id} missing"),
            })?;
            groups.push(vec![id.to_string(), name.clone(), kind.into(), note.into()]);
            let members: BTreeSet<String> = assigned
                .iter()
                .filter(|(_, g)| *g == name)
                .map(|(c, _)| c.clone())
                .collect();
            let listed = composition.get(*id).cloned().unwrap_or_default();
            if members != listed {
                return Err(Error::DataFile {
                    file: "countries/wb_class_fy25_group_compositions.csv".into(),
                    message: format!(
                        "{id}: countries.csv gives {members:?}, the group composition {listed:?}"
                    ),
                });
            }
            if kind == "wb-income" {
                // Dated memberships come from the history below.
                for code in members {
                    fy25_income.insert(code, id);
                }
                continue;
            }
            for code in members {
                memberships.push(vec![
                    id.to_string(),
                    code,
                    String::new(),
                    String::new(),
                    String::new(),
                ]);
            }
        }
    }
    let income = income_memberships(sources, &list.rows, &fy25_income)?;
    memberships.extend(income.rows);
    let mut notes = income.notes;
    let assigned_names: BTreeSet<&String> = region_of.values().chain(income_of.values()).collect();
    for n in assigned_names {
        if !aggregate_name.values().any(|a| a == n) {
            return Err(Error::DataFile {
                file: "countries/countries.csv".into(),
                message: format!("World Bank group '{n}' has no aggregate code"),
            });
        }
    }
    notes.push(format!("groups.csv: NATO, OECD, EU, G7, G20 and NATO partners across the globe from memberships.csv; the 7 World Bank regions ({}) and 4 income groups ({}) with World Bank codes as ids. Regions: members from the FY25 columns of countries.csv (checked equal to wb_class_fy25_group_compositions.csv), {WB_NOTE}. Income groups: dated memberships from the World Bank history ({WB_HISTORY_FILE}); the FY25 members in countries.csv are checked equal to wb_class_fy25_group_compositions.csv and to the history's FY25. {WB_INCOME_NOTE}.", WB_REGIONS.join(", "), WB_INCOMES.join(", ")));
    Ok(GroupRows {
        groups,
        memberships,
        notes,
    })
}
