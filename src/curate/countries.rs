//! The `countries` dataset: countries, aggregates, aliases, ambiguous names, groups, memberships.
//!
//! Source: `countries/` (ISO 3166-1 via pycountry, World Bank CLASS FY25, membership lists,
//! alias lists incl. the ODbL world-countries file). Written exactly in the layout
//! `catalog::countries::Countries::load` reads.

use super::{read_source, CsvOut, Dataset, RETRIEVED};
use crate::catalog::countries::fold;
use crate::catalog::countries::{
    AGGREGATES_FILE, ALIASES_FILE, AMBIGUOUS_FILE, COUNTRIES_FILE, GROUPS_FILE, MEMBERSHIPS_FILE,
};
use crate::catalog::metadata::DatasetMeta;
use crate::error::{Error, Result};
use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

mod wb_income;
use wb_income::{income_memberships, WB_HISTORY_FILE, WB_INCOME_NOTE};

const ODBL_SOURCE: &str = "world-countries 5.1.0 (ODbL-1.0)";

/// Names that are ambiguous by rule, whatever the alias lists say.
///
/// "Congo": ISO 3166-1's short name of COG (Republic of the Congo) is "Congo", and the alias
/// lists map it to COG only, but analysts and the press also write "Congo" for the Democratic
/// Republic of the Congo (COD). Resolving it silently to COG could put a DRC figure on the wrong
/// country, so it is removed from the aliases and must be given as a code or a longer name.
const AMBIGUOUS_BY_RULE: [(&str, &[&str], &str); 1] = [(
    "Congo",
    &["COG", "COD"],
    "ISO 3166-1 short name of COG (Republic of the Congo), but also used for the Democratic Republic of the Congo (COD); give the code or 'Republic of the Congo' / 'DR Congo'",
)];

/// world-countries codes that differ from the codes used here.
///
/// world-countries 5.1.0 codes Kosovo `UNK`; the World Bank (and this project) use `XKX`.
const ODBL_CODE_RULES: [(&str, &str); 1] = [("UNK", "XKX")];

/// Groups taken from `memberships.csv`: source group id → (id, name, kind, note).
const MEMBERSHIP_GROUPS: [(&str, &str, &str, &str, &str); 6] = [
    ("NATO", "NATO", "North Atlantic Treaty Organization", "alliance", "32 members; accession dates as printed in the sources (founders: treaty signing 1949-04-04; Albania and Croatia: year 2009 only)"),
    ("OECD", "OECD", "Organisation for Economic Co-operation and Development", "organisation", "38 members; membership dates as printed in the sources"),
    ("EU", "EU", "European Union", "organisation", "27 members + the United Kingdom (member 1973 to 2020-01-31); founders coded 1958 (European Communities)"),
    ("G7", "G7", "Group of Seven", "forum", "the seven members; the EU participates but is not counted (not a country, left out)"),
    ("G20", "G20", "Group of Twenty", "forum", "19 countries; the EU and the African Union are members but not countries (left out)"),
    ("NATO_PARTNERS_ACROSS_THE_GLOBE", "NATO-PARTNERS", "NATO partners across the globe", "partnership", "nato.int list (last updated 2024-03-07); no start dates; Afghanistan's cooperation suspended since 2021 per one secondary page"),
];

const WB_NOTE: &str = "World Bank FY2025 classification (July 2024), applied to every year";
/// The World Bank regions and income groups made groups (ids are WB aggregate codes).
const WB_REGIONS: [&str; 7] = ["EAS", "ECS", "LCN", "MEA", "NAC", "SAS", "SSF"];
const WB_INCOMES: [&str; 4] = ["LIC", "LMC", "UMC", "HIC"];

pub(crate) fn build(sources: &Path) -> Result<Dataset> {
    let mut notes: Vec<String> = vec![
        "Country list: ISO 3166-1 as shipped in pycountry 26.2.16 (249 entries) plus the two World Bank economies without an ISO code, which keep their World Bank codes: XKX Kosovo and CHI Channel Islands (name from the World Bank FY25 list).".into(),
        "name = ISO common name where pycountry has one (e.g. 'South Korea', 'Taiwan'), else the ISO short name; official_name = ISO official name.".into(),
        "countries.csv wb_region and wb_income are the World Bank FY2025 classification (CLASS.xlsx, July 2024, GNI per capita 2023); Venezuela has no income group in the source (not classified); territories absent from CLASS have none. The region groups apply FY2025 to every year; the income groups (LIC, LMC, UMC, HIC) are dated from the World Bank history (see below), so the wb_income column is the current group only.".into(),
    ];

    // countries.csv
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
    let mut flags: BTreeMap<&str, BTreeSet<String>> = BTreeMap::new();
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

    // aggregates.csv (a code may have several rows; later names become aliases)
    let t = read_source(
        sources,
        "countries/aggregates.csv",
        &["code", "name_as_printed", "kind", "source"],
    )?;
    let mut aggregates: Vec<Vec<String>> = Vec::new();
    let mut aggregate_name: BTreeMap<String, String> = BTreeMap::new();
    // (alias, code, source, where)
    let mut alias_rows: Vec<(String, String, String, String)> = Vec::new();
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
    notes.push("aggregates.csv: codes that are not countries — 48 World Bank WDI aggregates, OECD's OECD and EU27_2020, NCSES's G20, and BEL+LUX (IFR reports Belgium and Luxembourg together; BEL+LUX is this project's label, not a source code). A code's second name (e.g. 'Belgium/Luxemburg') is also an alias.".into());

    // aliases
    let t = read_source(
        sources,
        "countries/country_aliases.csv",
        &["alias", "iso_alpha3", "sources"],
    )?;
    for (line, r) in &t.rows {
        alias_rows.push((
            t.get(r, "alias").into(),
            t.get(r, "iso_alpha3").into(),
            t.get(r, "sources").into(),
            format!("{}:{line}", t.file),
        ));
    }
    let t = read_source(
        sources,
        "countries/country_aliases_world_countries_odbl.csv",
        &["alias", "cca3", "field"],
    )?;
    let mut code_rules_used = BTreeSet::new();
    for (line, r) in &t.rows {
        let mut code = t.get(r, "cca3").to_string();
        if let Some((from, to)) = ODBL_CODE_RULES.iter().find(|(from, _)| *from == code) {
            code_rules_used.insert(format!("{from} → {to}"));
            code = to.to_string();
        }
        alias_rows.push((
            t.get(r, "alias").into(),
            code,
            ODBL_SOURCE.into(),
            format!("{}:{line}", t.file),
        ));
    }
    if !code_rules_used.is_empty() {
        notes.push(format!(
            "world-countries codes Kosovo UNK; mapped in code to the World Bank code: {}.",
            code_rules_used.into_iter().collect::<Vec<_>>().join(", ")
        ));
    }

    // Unknown codes (historical entities, WDI's "Not classified") cannot be resolution targets.
    let mut dropped = Vec::new();
    alias_rows.retain(|(alias, code, source, at)| {
        let known = countries.contains_key(code) || aggregate_name.contains_key(code);
        if !known {
            dropped.push(format!("'{alias}' → {code} ({source}; {at})"));
        }
        known
    });
    if !dropped.is_empty() {
        notes.push(format!("Aliases left out because their code is neither a current ISO 3166-1 / World Bank economy nor a declared aggregate: {}.", dropped.join("; ")));
    }

    // Group spellings by fold; canonical names take part in the conflict check.
    let mut by_fold: BTreeMap<String, (String, BTreeMap<String, BTreeSet<String>>)> =
        BTreeMap::new();
    for (alias, code, source, _) in &alias_rows {
        let entry = by_fold
            .entry(fold(alias))
            .or_insert_with(|| (alias.clone(), BTreeMap::new()));
        entry
            .1
            .entry(code.clone())
            .or_default()
            .insert(source.clone());
    }
    let mut canonical: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    for row in countries.values() {
        for n in [&row[2], &row[3]] {
            if !n.is_empty() {
                canonical.entry(fold(n)).or_default().insert(row[0].clone());
            }
        }
    }
    for (code, name) in &aggregate_name {
        canonical
            .entry(fold(name))
            .or_default()
            .insert(code.clone());
    }

    let mut ambiguous: Vec<Vec<String>> = Vec::new();
    let mut aliases: Vec<Vec<String>> = Vec::new();
    let ruled: BTreeMap<String, (&str, &[&str], &str)> =
        AMBIGUOUS_BY_RULE.iter().map(|r| (fold(r.0), *r)).collect();
    for (name, candidates, note) in AMBIGUOUS_BY_RULE {
        ambiguous.push(vec![name.into(), candidates.join(";"), note.into()]);
        notes.push(format!(
            "'{name}' is ambiguous by rule ({}): {note}. It was removed from the aliases.",
            candidates.join(" or ")
        ));
    }
    let mut conflicts = Vec::new();
    for (key, (spelling, codes)) in &by_fold {
        if ruled.contains_key(key) {
            continue;
        }
        let mut all: BTreeSet<String> = codes.keys().cloned().collect();
        if let Some(c) = canonical.get(key) {
            all.extend(c.iter().cloned());
        }
        if all.len() > 1 {
            let detail = codes
                .iter()
                .map(|(c, s)| {
                    format!(
                        "{c} in {}",
                        s.iter().cloned().collect::<Vec<_>>().join(", ")
                    )
                })
                .collect::<Vec<_>>()
                .join("; ");
            let note = format!(
                "sources disagree: {detail}; canonical names: {}",
                canonical
                    .get(key)
                    .map(|c| c.iter().cloned().collect::<Vec<_>>().join(", "))
                    .unwrap_or_default()
            );
            conflicts.push(format!(
                "'{spelling}' ({})",
                all.iter().cloned().collect::<Vec<_>>().join(" or ")
            ));
            ambiguous.push(vec![
                spelling.clone(),
                all.into_iter().collect::<Vec<_>>().join(";"),
                note,
            ]);
            continue;
        }
        for (code, srcs) in codes {
            aliases.push(vec![
                spelling.clone(),
                code.clone(),
                srcs.iter().cloned().collect::<Vec<_>>().join(";"),
            ]);
        }
    }
    if !conflicts.is_empty() {
        notes.push(format!(
            "Aliases that name two codes were moved to ambiguous.csv: {}.",
            conflicts.join(", ")
        ));
    }
    notes.push("aliases.csv: spellings from country_aliases.csv (pycountry, World Bank CLASS and WDI, country_converter, NCSES, web pages and the spellings printed in the sibling ranking files — see countries/SOURCES.md) and from world-countries 5.1.0 (source 'world-countries 5.1.0 (ODbL-1.0)'), deduplicated on the folded spelling (case and spacing); one row per spelling with every source that prints it.".into());
    notes.push("ODbL: aliases whose source names world-countries 5.1.0 come from the npm package world-countries (github.com/mledoze/countries), licensed under the Open Database License 1.0; a redistributed database that contains them must keep the ODbL attribution and share-alike terms.".into());

    // groups and memberships
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
    notes.push(format!("memberships.csv: since = the date printed in the source, else the year, else empty (founding member or no date known). The United Kingdom's EU 'until' date is parsed in code from the source note. Members that are not countries are left out of the memberships: {}.", non_countries.join("; ")));
    // Cross-check with the flags that countries.csv derives from the same lists.
    for (group, members) in &flags {
        let listed = current.get(group).cloned().unwrap_or_default();
        if &listed != members {
            return Err(Error::DataFile {
                file: "countries/memberships.csv".into(),
                message: format!("{group}: current members {listed:?} differ from the countries.csv flags {members:?}"),
            });
        }
    }

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
        (&WB_REGIONS[..], "wb-region", &region_of, WB_NOTE),
        (&WB_INCOMES[..], "wb-income", &income_of, WB_INCOME_NOTE),
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
    let income = income_memberships(sources, &countries, &fy25_income)?;
    memberships.extend(income.rows);
    notes.extend(income.notes);
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
    notes.push("NATO and partner pages, OECD, EU, G7 and G20 sources: see the URLs in countries/SOURCES.md; G7/G20 members have no since dates (founding members).".into());
    memberships.sort();

    let sort_key = |r: &Vec<String>| (fold(&r[0]), r[1].clone());
    aliases.sort_by_key(sort_key);
    ambiguous.sort_by_key(sort_key);

    let meta = DatasetMeta {
        id: "countries".into(),
        title: "Countries, aggregates, aliases and groups".into(),
        publisher: "ISO 3166 Maintenance Agency (via pycountry / Debian iso-codes); World Bank (CLASS FY25, OGHIST FY89–FY25); membership lists of NATO, OECD, EU, G7, G20; world-countries (mledoze)".into(),
        licence: "Mixed: ISO 3166-1 data as shipped in pycountry (LGPL-2.1-only); World Bank data CC BY 4.0; country_converter name variants (GPL-3); aliases from world-countries 5.1.0 ODbL-1.0 (attribution and share-alike for a redistributed database); membership facts from public pages".into(),
        attribution: "Sources: ISO 3166-1 (pycountry 26.2.16); World Bank country classification FY2025 and historical income classification FY89–FY25 (CC BY 4.0); world-countries 5.1.0 (ODbL-1.0)".into(),
        retrieved: RETRIEVED.into(),
        source_urls: vec![
            "https://pypi.org/project/pycountry/26.2.16/".into(),
            "https://datahelpdesk.worldbank.org/knowledgebase/articles/906519-world-bank-country-and-lending-groups".into(),
            "https://github.com/mledoze/countries".into(),
            "https://pypi.org/project/country-converter/1.3.2/".into(),
            "https://www.nato.int/cps/en/natohq/topics_49188.htm".into(),
            "https://www.nato.int/cps/en/natohq/topics_52044.htm".into(),
            "https://www.oecd.org/about/membersandpartners/".into(),
            "https://european-union.europa.eu/principles-countries-history/eu-countries_en".into(),
        ],
        notes,
        indicators: vec![],
        releases: vec![],
        vintages: vec![],
    };
    let csv = |name: &str, header: &[&str], rows: Vec<Vec<String>>| CsvOut {
        name: name.into(),
        header: header.iter().map(|s| s.to_string()).collect(),
        rows,
    };
    Ok(Dataset {
        meta,
        files: vec![
            csv(
                COUNTRIES_FILE.0,
                COUNTRIES_FILE.1,
                countries.into_values().collect(),
            ),
            csv(AGGREGATES_FILE.0, AGGREGATES_FILE.1, aggregates),
            csv(ALIASES_FILE.0, ALIASES_FILE.1, aliases),
            csv(AMBIGUOUS_FILE.0, AMBIGUOUS_FILE.1, ambiguous),
            csv(GROUPS_FILE.0, GROUPS_FILE.1, groups),
            csv(MEMBERSHIPS_FILE.0, MEMBERSHIPS_FILE.1, memberships),
        ],
    })
}
