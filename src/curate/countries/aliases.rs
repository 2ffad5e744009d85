//! The aliases: the alias lists (`country_aliases.csv`, the ODbL world-countries file) joined
//! with the aggregates' extra names into `aliases.csv`, and the spellings that name two codes
//! (or are ambiguous by rule) into `ambiguous.csv`.

use crate::catalog::countries::fold;
use crate::curate::read_source;
use crate::error::Result;
use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

/// One alias as read: (alias, code, source, where).
pub(super) type AliasRow = (String, String, String, String);

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

/// Reads the alias lists after `alias_rows` (the aggregates' extra names); returns every alias and
/// the notes.
pub(super) fn read_alias_lists(
    sources: &Path,
    mut alias_rows: Vec<AliasRow>,
) -> Result<(Vec<AliasRow>, Vec<String>)> {
    let mut notes = Vec::new();
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
    Ok((alias_rows, notes))
}

/// Leaves out the aliases whose code is neither a country nor an aggregate; returns the note.
pub(super) fn drop_unknown_codes(
    alias_rows: &mut Vec<AliasRow>,
    countries: &BTreeMap<String, Vec<String>>,
    aggregate_name: &BTreeMap<String, String>,
) -> Option<String> {
    // Unknown codes (historical entities, WDI's "Not classified") cannot be resolution targets.
    let mut dropped = Vec::new();
    alias_rows.retain(|(alias, code, source, at)| {
        let known = countries.contains_key(code) || aggregate_name.contains_key(code);
        if !known {
            dropped.push(format!("'{alias}' → {code} ({source}; {at})"));
        }
        known
    });
    (!dropped.is_empty()).then(|| format!("Aliases left out because their code is neither a current ISO 3166-1 / World Bank economy nor a declared aggregate: {}.", dropped.join("; ")))
}

/// The aliases and ambiguous names of the dataset, each sorted by folded spelling then code.
pub(super) struct JoinedNames {
    pub(super) aliases: Vec<Vec<String>>,
    pub(super) ambiguous: Vec<Vec<String>>,
    pub(super) notes: Vec<String>,
}

/// Joins the aliases on their folded spelling: a spelling that names one code (the canonical
/// names of countries and aggregates included) is an alias, one that names two is ambiguous.
pub(super) fn join_aliases(
    alias_rows: &[AliasRow],
    countries: &BTreeMap<String, Vec<String>>,
    aggregate_name: &BTreeMap<String, String>,
) -> JoinedNames {
    let mut notes = Vec::new();
    // Group spellings by fold; canonical names take part in the conflict check.
    let mut by_fold: BTreeMap<String, (String, BTreeMap<String, BTreeSet<String>>)> =
        BTreeMap::new();
    for (alias, code, source, _) in alias_rows {
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
    for (code, name) in aggregate_name {
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

    let sort_key = |r: &Vec<String>| (fold(&r[0]), r[1].clone());
    aliases.sort_by_key(sort_key);
    ambiguous.sort_by_key(sort_key);
    JoinedNames {
        aliases,
        ambiguous,
        notes,
    }
}
