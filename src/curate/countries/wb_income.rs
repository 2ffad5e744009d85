//! World Bank income groups as dated memberships: the historical classification (OGHIST,
//! FY89 on) read and checked against the FY25 columns of countries.csv, turned into spells
//! ([`super::wb_spells`]) with notes on what the history leaves out.

use super::wb_spells::{
    fiscal_year, fy_label, fy_range, income_group, income_spells, spell_row, IncomeHistory,
    IncomeSpell,
};
use crate::curate::read_source;
use crate::error::{Error, Result};
use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

/// The fiscal year of the `*_fy25` columns of countries.csv: the current classification in the
/// data. The history must end with it, and agree with it for every economy.
const WB_CURRENT_FY: i32 = 2025;
pub(super) const WB_HISTORY_FILE: &str = "countries/wb_income_classification_history.csv";
pub(super) const WB_INCOME_NOTE: &str = "World Bank historical income classification (OGHIST, FY89–FY25), dated. World Bank fiscal year FYnn runs from 1 July of the year before to 30 June (FY25 = 2024-07-01 to 2025-06-30, classified on 2023 GNI per capita). Consecutive fiscal years in the group make one spell: since = 1 July before its first fiscal year, until = 1 July at the end of its last (the first day outside the group); a spell that reaches FY25, the latest classification in the data, stays open (until empty), so dates after 2025-06-30 (FY26 on, not in the data) keep the FY25 group. Yearly data are judged on 31 December of the value's year, so year Y uses FY(Y+1): 2019 uses FY20 (2019-07-01 to 2020-06-30)";

/// The income-group memberships built from the World Bank history, with the dataset notes.
pub(super) struct IncomeMemberships {
    pub(super) rows: Vec<Vec<String>>,
    pub(super) notes: Vec<String>,
}

/// The history as read: economy by economy, and what was left out.
struct History {
    /// code → its income group by fiscal year (countries of the reference only).
    by_code: BTreeMap<String, IncomeHistory>,
    /// Codes that are not in the countries reference: code → (name, fiscal years, FY25 code).
    not_countries: BTreeMap<String, (String, BTreeSet<i32>, Option<String>)>,
    /// `CODE FYnn` of the cells printed ".." (not classified).
    unclassified: Vec<String>,
}

/// Reads the World Bank income history, checks its FY25 against `fy25_income` (the FY25 groups
/// of countries.csv, code → group id) and makes one membership row per spell.
pub(super) fn income_memberships(
    sources: &Path,
    countries: &BTreeMap<String, Vec<String>>,
    fy25_income: &BTreeMap<String, &'static str>,
) -> Result<IncomeMemberships> {
    let history = read_history(sources, countries)?;
    check_fy25(&history, fy25_income)?;
    let spells = income_spells(&history.by_code);
    let rows: Vec<Vec<String>> = spells.iter().map(|s| spell_row(s, WB_CURRENT_FY)).collect();
    let notes = history_notes(&history, &spells, rows.len());
    Ok(IncomeMemberships { rows, notes })
}

/// Reads `WB_HISTORY_FILE`: every fiscal year and code checked, the latest year the current one.
fn read_history(sources: &Path, countries: &BTreeMap<String, Vec<String>>) -> Result<History> {
    let t = read_source(
        sources,
        WB_HISTORY_FILE,
        &[
            "wb_code",
            "wb_name",
            "wb_fiscal_year",
            "gni_data_year",
            "income_group_code",
        ],
    )?;
    let mut history: BTreeMap<String, IncomeHistory> = BTreeMap::new();
    // Codes that are not in the countries reference: code → (name, fiscal years, FY25 code).
    let mut not_countries: BTreeMap<String, (String, BTreeSet<i32>, Option<String>)> =
        BTreeMap::new();
    let mut unclassified: Vec<String> = Vec::new();
    let mut latest = i32::MIN;
    for (line, r) in &t.rows {
        let code = t.get(r, "wb_code");
        let fy_text = t.get(r, "wb_fiscal_year");
        let fy = fiscal_year(fy_text).ok_or_else(|| {
            t.error(
                *line,
                "wb_fiscal_year",
                format!("'{fy_text}' is not a fiscal year FYnn"),
            )
        })?;
        let gni = t.get(r, "gni_data_year");
        if gni.parse::<i32>().ok() != Some(fy - 2) {
            return Err(t.error(
                *line,
                "gni_data_year",
                format!(
                    "{fy_text} classifies on GNI of {}, not '{gni}'; check the fiscal-year rule",
                    fy - 2
                ),
            ));
        }
        if fy > WB_CURRENT_FY {
            return Err(t.error(
                *line,
                "wb_fiscal_year",
                format!(
                    "{fy_text} is newer than the FY25 columns of countries.csv; update WB_CURRENT_FY and the countries.csv columns together"
                ),
            ));
        }
        latest = latest.max(fy);
        let printed = t.get(r, "income_group_code");
        // ".." (or an empty cell) is the World Bank's "not classified" for that year.
        let group = match printed {
            ".." | "" => None,
            p => Some(income_group(p).ok_or_else(|| {
                t.error(
                    *line,
                    "income_group_code",
                    format!("unknown income group code '{p}' (expected L, LM, UM, H or '..')"),
                )
            })?),
        };
        if !countries.contains_key(code) {
            let entry = not_countries
                .entry(code.to_string())
                .or_insert_with(|| (t.get(r, "wb_name").to_string(), BTreeSet::new(), None));
            entry.1.insert(fy);
            if fy == WB_CURRENT_FY {
                entry.2 = Some(printed.to_string());
            }
            continue;
        }
        let Some(group) = group else {
            unclassified.push(format!("{code} {fy_text}"));
            continue;
        };
        let years = history.entry(code.to_string()).or_default();
        if years.insert(fy, (group, printed.to_string())).is_some() {
            return Err(t.error(
                *line,
                "wb_fiscal_year",
                format!("{code} {fy_text} appears twice"),
            ));
        }
    }
    if latest != WB_CURRENT_FY {
        return Err(Error::DataFile {
            file: WB_HISTORY_FILE.into(),
            message: format!(
                "the latest fiscal year is {}, not {} (the FY25 columns of countries.csv)",
                fy_label(latest),
                fy_label(WB_CURRENT_FY)
            ),
        });
    }
    Ok(History {
        by_code: history,
        not_countries,
        unclassified,
    })
}

/// FY25 in the history must be the FY25 classification of countries.csv, economy by economy.
fn check_fy25(history: &History, fy25_income: &BTreeMap<String, &'static str>) -> Result<()> {
    let (not_countries, history) = (&history.not_countries, &history.by_code);
    let mut disagreements = Vec::new();
    let codes: BTreeSet<&String> = fy25_income.keys().chain(history.keys()).collect();
    for code in codes {
        let listed = fy25_income.get(code).copied();
        let dated = history
            .get(code)
            .and_then(|h| h.get(&WB_CURRENT_FY))
            .map(|(g, _)| *g);
        if listed != dated {
            disagreements.push(format!(
                "{code}: countries.csv {}, history {}",
                listed.unwrap_or("no group"),
                dated.unwrap_or("no group")
            ));
        }
    }
    for (code, (name, _, fy25)) in not_countries {
        if let Some(p) = fy25 {
            disagreements.push(format!(
                "{code} ({name}): not in countries.csv, history '{p}'"
            ));
        }
    }
    if !disagreements.is_empty() {
        return Err(Error::DataFile {
            file: WB_HISTORY_FILE.into(),
            message: format!(
                "{} income groups disagree with the FY25 income groups of countries.csv for {} economies (neither is preferred; fix the sources): {}",
                fy_label(WB_CURRENT_FY),
                disagreements.len(),
                disagreements.join("; ")
            ),
        });
    }
    Ok(())
}

/// The dataset notes on the income memberships: how many, and what the history leaves out
/// (codes not in the reference, gaps, ended spells, footnote marks, unclassified cells).
fn history_notes(history: &History, spells: &[IncomeSpell], rows: usize) -> Vec<String> {
    let (not_countries, unclassified) = (&history.not_countries, &history.unclassified);
    let history = &history.by_code;
    let mut notes = vec![format!(
        "memberships.csv, income groups (LIC, LMC, UMC, HIC): from {WB_HISTORY_FILE}, {} spells for {} economies. {WB_INCOME_NOTE}. The history's FY25 equals the FY25 income group of countries.csv for every economy (checked; the curation fails on any difference).",
        rows,
        history.len()
    )];
    let skipped: Vec<String> = not_countries
        .iter()
        .map(|(code, (name, years, _))| {
            let (first, last) = (
                years.first().copied().unwrap_or_default(),
                years.last().copied().unwrap_or_default(),
            );
            format!("{code} '{name}' ({})", fy_range(first, last))
        })
        .collect();
    if !skipped.is_empty() {
        notes.push(format!(
            "Income history: codes that are not in the countries reference (former economies and the like) are left out: {}.",
            skipped.join("; ")
        ));
    }
    let mut gaps = Vec::new();
    for (code, years) in history {
        let fys: Vec<i32> = years.keys().copied().collect();
        for pair in fys.windows(2) {
            if pair[1] > pair[0] + 1 {
                gaps.push(format!("{code} {}", fy_range(pair[0] + 1, pair[1] - 1)));
            }
        }
    }
    if !gaps.is_empty() {
        notes.push(format!(
            "Income history: fiscal years absent from the history between an economy's first and last year (no group then; the spell ends before and a new one starts after): {}.",
            gaps.join(", ")
        ));
    }
    let ended: Vec<String> = history
        .iter()
        .filter_map(|(code, years)| {
            let last = *years.keys().next_back()?;
            (last < WB_CURRENT_FY).then(|| format!("{code} (last {})", fy_label(last)))
        })
        .collect();
    if !ended.is_empty() {
        notes.push(format!(
            "Income history: economies without a group in {} have no open spell: {}.",
            fy_label(WB_CURRENT_FY),
            ended.join(", ")
        ));
    }
    let marked: Vec<String> = spells
        .iter()
        .flat_map(|s| {
            s.marked
                .iter()
                .map(move |(fy, p)| format!("{} {} '{p}'", s.iso3, fy_label(*fy)))
        })
        .collect();
    if !marked.is_empty() {
        notes.push(format!(
            "Income history: codes printed with a footnote mark, whose footnote is not in the source file, are read by their letters without the mark: {}.",
            marked.join(", ")
        ));
    }
    if !unclassified.is_empty() {
        notes.push(format!(
            "Income history: '..' (not classified) cells give no group: {}.",
            unclassified.join(", ")
        ));
    }
    notes
}
