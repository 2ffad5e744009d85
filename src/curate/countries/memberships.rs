//! The memberships of alliances and organisations: `countries/memberships.csv` (NATO, OECD,
//! EU, G7, G20, NATO partners across the globe) read into dated memberships, checked against
//! the flags of countries.csv.

use super::list::CountryList;
use crate::curate::read_source;
use crate::error::{Error, Result};
use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

/// Groups taken from `memberships.csv`: source group id → (id, name, kind, note).
const MEMBERSHIP_GROUPS: [(&str, &str, &str, &str, &str); 6] = [
    ("NATO", "NATO", "North Atlantic Treaty Organization", "alliance", "32 members; accession dates as printed in the sources (founders: treaty signing 1949-04-04; Albania and Croatia: year 2009 only)"),
    ("OECD", "OECD", "Organisation for Economic Co-operation and Development", "organisation", "38 members; membership dates as printed in the sources"),
    ("EU", "EU", "European Union", "organisation", "27 members + the United Kingdom (member 1973 to 2020-01-31); founders coded 1958 (European Communities)"),
    ("G7", "G7", "Group of Seven", "forum", "the seven members; the EU participates but is not counted (not a country, left out)"),
    ("G20", "G20", "Group of Twenty", "forum", "19 countries; the EU and the African Union are members but not countries (left out)"),
    ("NATO_PARTNERS_ACROSS_THE_GLOBE", "NATO-PARTNERS", "NATO partners across the globe", "partnership", "nato.int list (last updated 2024-03-07); no start dates; Afghanistan's cooperation suspended since 2021 per one secondary page"),
];

/// Groups and memberships made from one source (rows of the dataset's `groups.csv` and
/// `memberships.csv`), with the notes.
pub(super) struct GroupRows {
    pub(super) groups: Vec<Vec<String>>,
    pub(super) memberships: Vec<Vec<String>>,
    pub(super) notes: Vec<String>,
}

/// Reads `countries/memberships.csv`: members that are not countries (the EU, the African
/// Union) are left out and noted; the current members must equal the countries.csv flags.
pub(super) fn read_memberships(sources: &Path, list: &CountryList) -> Result<GroupRows> {
    let countries = &list.rows;
    let mut groups: Vec<Vec<String>> = Vec::new();
    let mut memberships: Vec<Vec<String>> = Vec::new();
    for (_, id, name, kind, note) in MEMBERSHIP_GROUPS {
        groups.push(vec![id.into(), name.into(), kind.into(), note.into()]);
    }
    let t = read_source(
        sources,
        "countries/memberships.csv",
        &[
            "iso_alpha3",
            "group",
            "status",
            "since_year",
            "since_date",
            "note",
        ],
    )?;
    let mut non_countries = Vec::new();
    let mut current: BTreeMap<&str, BTreeSet<String>> = BTreeMap::new();
    for (line, r) in &t.rows {
        let code = t.get(r, "iso_alpha3");
        let source_group = t.get(r, "group");
        let Some((_, id, ..)) = MEMBERSHIP_GROUPS.iter().find(|g| g.0 == source_group) else {
            return Err(t.error(
                *line,
                "group",
                format!("unknown group '{source_group}'; add it to MEMBERSHIP_GROUPS"),
            ));
        };
        let status = t.get(r, "status");
        let note = t.get(r, "note");
        if !countries.contains_key(code) {
            // EU (in G7, G20) and AU (in G20) are members that are not countries.
            non_countries.push(format!(
                "{code} in {id} ({status}{})",
                if note.is_empty() {
                    String::new()
                } else {
                    format!(": {note}")
                }
            ));
            continue;
        }
        let since = match t.get(r, "since_date") {
            "" => t.get(r, "since_year"),
            d => d,
        };
        let (until, row_note) = match status {
            "member" | "partner" => {
                current.entry(id).or_default().insert(code.to_string());
                (String::new(), note.to_string())
            }
            "former_member" => {
                // The end date is printed only in the note ("left 2020-01-31"): parse it here.
                let date = note
                    .strip_prefix("left ")
                    .filter(|d| crate::catalog::dates::PartialDate::parse(d).is_ok())
                    .ok_or_else(|| {
                        t.error(
                            *line,
                            "note",
                            format!(
                                "former member without a parsable 'left YYYY-MM-DD' note: '{note}'"
                            ),
                        )
                    })?;
                (
                    date.to_string(),
                    format!("former member; until taken from the source note '{note}'"),
                )
            }
            other => return Err(t.error(*line, "status", format!("unknown status '{other}'"))),
        };
        memberships.push(vec![
            id.to_string(),
            code.into(),
            since.into(),
            until,
            row_note,
        ]);
    }
    let notes = vec![format!("memberships.csv: since = the date printed in the source, else the year, else empty (founding member or no date known). The United Kingdom's EU 'until' date is parsed in code from the source note. Members that are not countries are left out of the memberships: {}.", non_countries.join("; "))];
    // Cross-check with the flags that countries.csv derives from the same lists.
    for (group, members) in &list.flags {
        let listed = current.get(group).cloned().unwrap_or_default();
        if &listed != members {
            return Err(Error::DataFile {
                file: "countries/memberships.csv".into(),
                message: format!("{group}: current members {listed:?} differ from the countries.csv flags {members:?}"),
            });
        }
    }
    Ok(GroupRows {
        groups,
        memberships,
        notes,
    })
}
