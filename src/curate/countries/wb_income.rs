//! World Bank income groups as dated memberships: the historical classification (OGHIST,
//! FY89 on) turned into spells of consecutive fiscal years, checked against the FY25 columns of
//! countries.csv.

use super::*;

/// Income-group letters as printed in the World Bank history (OGHIST) → group ids.
const WB_INCOME_CODES: [(&str, &str); 4] =
    [("L", "LIC"), ("LM", "LMC"), ("UM", "UMC"), ("H", "HIC")];
/// The fiscal year of the `*_fy25` columns of countries.csv: the current classification in the
/// data. The history must end with it, and agree with it for every economy.
const WB_CURRENT_FY: i32 = 2025;
pub(super) const WB_HISTORY_FILE: &str = "countries/wb_income_classification_history.csv";
pub(super) const WB_INCOME_NOTE: &str = "World Bank historical income classification (OGHIST, FY89–FY25), dated. World Bank fiscal year FYnn runs from 1 July of the year before to 30 June (FY25 = 2024-07-01 to 2025-06-30, classified on 2023 GNI per capita). Consecutive fiscal years in the group make one spell: since = 1 July before its first fiscal year, until = 1 July at the end of its last (the first day outside the group); a spell that reaches FY25, the latest classification in the data, stays open (until empty), so dates after 2025-06-30 (FY26 on, not in the data) keep the FY25 group. Yearly data are judged on 31 December of the value's year, so year Y uses FY(Y+1): 2019 uses FY20 (2019-07-01 to 2020-06-30)";

/// "FY89" → 1989, "FY05" → 2005 (two digits; the history starts at FY89).
fn fiscal_year(text: &str) -> Option<i32> {
    let digits = text.strip_prefix("FY").filter(|d| d.len() == 2)?;
    let nn: i32 = digits.parse().ok()?;
    Some(if nn >= 50 { 1900 + nn } else { 2000 + nn })
}

/// `FY25` for 2025.
fn fy_label(fy: i32) -> String {
    format!("FY{:02}", fy.rem_euclid(100))
}

/// `FY14–FY25`, or `FY16` for a single year.
fn fy_range(first: i32, last: i32) -> String {
    if first == last {
        fy_label(first)
    } else {
        format!("{}–{}", fy_label(first), fy_label(last))
    }
}

/// The group id of an income code as printed: "L", "LM", "UM", "H"; a trailing '*' (a footnote
/// mark, e.g. Yemen's "LM*" in FY89–FY90) is ignored. `None`: not an income code.
fn income_group(printed: &str) -> Option<&'static str> {
    let letters = printed.strip_suffix('*').unwrap_or(printed);
    WB_INCOME_CODES
        .iter()
        .find(|(code, _)| *code == letters)
        .map(|(_, id)| *id)
}

/// One economy's income groups by fiscal year: fiscal year → (group id, code as printed).
type IncomeHistory = BTreeMap<i32, (&'static str, String)>;

/// One spell of income-group membership: consecutive fiscal years in the same group.
#[derive(Debug, Clone, PartialEq)]
struct IncomeSpell {
    group: &'static str,
    iso3: String,
    first_fy: i32,
    last_fy: i32,
    /// Fiscal years whose code was printed with a mark (e.g. "LM*"): (fiscal year, as printed).
    marked: Vec<(i32, String)>,
}

/// Merges each economy's fiscal years into spells; a change of group or a fiscal year missing
/// from the history ends a spell.
fn income_spells(history: &BTreeMap<String, IncomeHistory>) -> Vec<IncomeSpell> {
    let mut spells: Vec<IncomeSpell> = Vec::new();
    for (iso3, years) in history {
        let mut open: Option<IncomeSpell> = None;
        for (&fy, (group, printed)) in years {
            let continues = open
                .as_ref()
                .is_some_and(|s| s.group == *group && s.last_fy + 1 == fy);
            if continues {
                if let Some(s) = open.as_mut() {
                    s.last_fy = fy;
                }
            } else {
                spells.extend(open.take());
                open = Some(IncomeSpell {
                    group,
                    iso3: iso3.clone(),
                    first_fy: fy,
                    last_fy: fy,
                    marked: Vec::new(),
                });
            }
            if income_group(printed).is_some() && WB_INCOME_CODES.iter().all(|(c, _)| c != printed)
            {
                if let Some(s) = open.as_mut() {
                    s.marked.push((fy, printed.clone()));
                }
            }
        }
        spells.extend(open);
    }
    spells
}

/// The memberships.csv row (group, iso3, since, until, note) of a spell: since = 1 July before
/// its first fiscal year; until = 1 July ending its last, empty when that is `current_fy`.
fn spell_row(s: &IncomeSpell, current_fy: i32) -> Vec<String> {
    let until = if s.last_fy == current_fy {
        String::new()
    } else {
        format!("{}-07-01", s.last_fy)
    };
    let mut note = format!("World Bank {}", fy_range(s.first_fy, s.last_fy));
    if s.last_fy == current_fy {
        note.push_str(" (current classification; open)");
    }
    if !s.marked.is_empty() {
        let mut by_code: BTreeMap<&str, Vec<String>> = BTreeMap::new();
        for (fy, printed) in &s.marked {
            by_code.entry(printed).or_default().push(fy_label(*fy));
        }
        let marked: Vec<String> = by_code
            .iter()
            .map(|(printed, fys)| format!("'{printed}' in {}", fys.join(", ")))
            .collect();
        note.push_str(&format!(
            "; printed {} (the footnote mark is ignored: the letters give the group)",
            marked.join(", ")
        ));
    }
    vec![
        s.group.to_string(),
        s.iso3.clone(),
        format!("{}-07-01", s.first_fy - 1),
        until,
        note,
    ]
}

/// The income-group memberships built from the World Bank history, with the dataset notes.
pub(super) struct IncomeMemberships {
    pub(super) rows: Vec<Vec<String>>,
    pub(super) notes: Vec<String>,
}

/// Reads the World Bank income history, checks its FY25 against `fy25_income` (the FY25 groups
/// of countries.csv, code → group id) and makes one membership row per spell.
pub(super) fn income_memberships(
    sources: &Path,
    countries: &BTreeMap<String, Vec<String>>,
    fy25_income: &BTreeMap<String, &'static str>,
) -> Result<IncomeMemberships> {
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

    // FY25 in the history must be the FY25 classification of countries.csv, economy by economy.
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
    for (code, (name, _, fy25)) in &not_countries {
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

    let spells = income_spells(&history);
    let rows: Vec<Vec<String>> = spells.iter().map(|s| spell_row(s, WB_CURRENT_FY)).collect();
    let mut notes = vec![format!(
        "memberships.csv, income groups (LIC, LMC, UMC, HIC): from {WB_HISTORY_FILE}, {} spells for {} economies. {WB_INCOME_NOTE}. The history's FY25 equals the FY25 income group of countries.csv for every economy (checked; the curation fails on any difference).",
        rows.len(),
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
    for (code, years) in &history {
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
    Ok(IncomeMemberships { rows, notes })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::catalog::countries::{Group, Membership};
    use crate::catalog::dates::PartialDate;

    /// A tiny history: code → [(fiscal year, code as printed)].
    fn history(rows: &[(&str, &[(i32, &str)])]) -> BTreeMap<String, IncomeHistory> {
        rows.iter()
            .map(|(code, years)| {
                let years = years
                    .iter()
                    .map(|(fy, p)| (*fy, (income_group(p).expect("income code"), p.to_string())))
                    .collect();
                (code.to_string(), years)
            })
            .collect()
    }

    fn rows(h: &BTreeMap<String, IncomeHistory>) -> Vec<Vec<String>> {
        income_spells(h)
            .iter()
            .map(|s| spell_row(s, 2025))
            .map(|r| r[..4].to_vec())
            .collect()
    }

    #[test]
    fn fiscal_years_parse_with_the_century() {
        assert_eq!(fiscal_year("FY89"), Some(1989));
        assert_eq!(fiscal_year("FY99"), Some(1999));
        assert_eq!(fiscal_year("FY00"), Some(2000));
        assert_eq!(fiscal_year("FY25"), Some(2025));
        assert_eq!(fiscal_year("FY2025"), None);
        assert_eq!(fiscal_year("25"), None);
        assert_eq!(fy_label(2005), "FY05");
        assert_eq!(income_group("LM*"), Some("LMC"));
        assert_eq!(income_group("H"), Some("HIC"));
        assert_eq!(income_group(".."), None);
        assert_eq!(income_group("X"), None);
    }

    #[test]
    fn consecutive_years_merge_into_spells_with_fiscal_year_boundaries() {
        let h = history(&[
            // UM for FY12–FY13, H from FY14 to the current FY25: the last spell stays open.
            (
                "CHL",
                &[
                    (2012, "UM"),
                    (2013, "UM"),
                    (2014, "H"),
                    (2015, "H"),
                    (2025, "H"),
                ],
            ),
            // A year back in a group is a new spell; the history ending before FY25 closes it.
            (
                "VEN",
                &[(2015, "UM"), (2016, "H"), (2017, "UM"), (2018, "UM")],
            ),
        ]);
        let want = |g: &str, c: &str, since: &str, until: &str| {
            vec![g.to_string(), c.into(), since.into(), until.into()]
        };
        assert_eq!(
            rows(&h),
            vec![
                want("UMC", "CHL", "2011-07-01", "2013-07-01"),
                // FY14–FY15, then FY16–FY24 missing: the spell ends 1 July after FY15.
                want("HIC", "CHL", "2013-07-01", "2015-07-01"),
                // FY25 alone: since 2024-07-01, open.
                want("HIC", "CHL", "2024-07-01", ""),
                want("UMC", "VEN", "2014-07-01", "2015-07-01"),
                want("HIC", "VEN", "2015-07-01", "2016-07-01"),
                want("UMC", "VEN", "2016-07-01", "2018-07-01"),
            ]
        );
    }

    #[test]
    fn an_open_spell_covers_the_whole_run_and_marks_are_noted() {
        let h = history(&[(
            "YEM",
            &[(1989, "LM*"), (1990, "LM*"), (1991, "LM"), (1992, "L")],
        )]);
        let spells = income_spells(&h);
        assert_eq!(spells.len(), 2);
        let first = spell_row(&spells[0], 2025);
        assert_eq!(first[..4], ["LMC", "YEM", "1988-07-01", "1991-07-01"]);
        assert!(first[4].contains("FY89–FY91"), "{}", first[4]);
        assert!(first[4].contains("'LM*' in FY89, FY90"), "{}", first[4]);
        // With 1992 as the current fiscal year the last spell is open.
        let last = spell_row(&spells[1], 1992);
        assert_eq!(last[..4], ["LIC", "YEM", "1991-07-01", ""]);
        assert!(last[4].contains("open"), "{}", last[4]);
    }

    #[test]
    fn year_end_rule_picks_the_fiscal_year_that_starts_in_that_year() {
        // Membership on 31 December of year Y falls in FY(Y+1): since 2013-07-01 (FY14) is in
        // for 2013, not for 2012.
        let h = history(&[("CHL", &[(2013, "UM"), (2014, "H"), (2025, "H")])]);
        let spells = income_spells(&h);
        let members: Vec<Membership> = spells
            .iter()
            .map(|s| spell_row(s, 2025))
            .filter(|r| r[0] == "HIC")
            .map(|r| Membership {
                iso3: r[1].clone(),
                since: PartialDate::parse(&r[2]).ok(),
                until: PartialDate::parse(&r[3]).ok(),
                note: r[4].clone(),
            })
            .collect();
        let hic = Group {
            id: "HIC".into(),
            name: "High income".into(),
            kind: "wb-income".into(),
            note: String::new(),
            members,
        };
        assert!(!hic.member_in_year("CHL", 2012));
        assert!(hic.member_in_year("CHL", 2013));
        // FY15–FY24 are missing from this tiny history.
        assert!(!hic.member_in_year("CHL", 2014));
        assert!(hic.member_in_year("CHL", 2024));
        assert!(hic.member_in_year("CHL", 2030));
    }
}
