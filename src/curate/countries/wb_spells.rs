//! World Bank fiscal years and income-group spells: the fiscal-year labels of the historical
//! classification (OGHIST), and consecutive fiscal years in one group merged into one dated
//! membership row.

use std::collections::BTreeMap;

/// Income-group letters as printed in the World Bank history (OGHIST) → group ids.
const WB_INCOME_CODES: [(&str, &str); 4] =
    [("L", "LIC"), ("LM", "LMC"), ("UM", "UMC"), ("H", "HIC")];

/// "FY89" → 1989, "FY05" → 2005 (two digits; the history starts at FY89).
pub(super) fn fiscal_year(text: &str) -> Option<i32> {
    let digits = text.strip_prefix("FY").filter(|d| d.len() == 2)?;
    let nn: i32 = digits.parse().ok()?;
    Some(if nn >= 50 { 1900 + nn } else { 2000 + nn })
}

/// `FY25` for 2025.
pub(super) fn fy_label(fy: i32) -> String {
    format!("FY{:02}", fy.rem_euclid(100))
}

/// `FY14–FY25`, or `FY16` for a single year.
pub(super) fn fy_range(first: i32, last: i32) -> String {
    if first == last {
        fy_label(first)
    } else {
        format!("{}–{}", fy_label(first), fy_label(last))
    }
}

/// The group id of an income code as printed: "L", "LM", "UM", "H"; a trailing '*' (a footnote
/// mark, e.g. Yemen's "LM*" in FY89–FY90) is ignored. `None`: not an income code.
pub(super) fn income_group(printed: &str) -> Option<&'static str> {
    let letters = printed.strip_suffix('*').unwrap_or(printed);
    WB_INCOME_CODES
        .iter()
        .find(|(code, _)| *code == letters)
        .map(|(_, id)| *id)
}

/// One economy's income groups by fiscal year: fiscal year → (group id, code as printed).
pub(super) type IncomeHistory = BTreeMap<i32, (&'static str, String)>;

/// One spell of income-group membership: consecutive fiscal years in the same group.
#[derive(Debug, Clone, PartialEq)]
pub(super) struct IncomeSpell {
    pub(super) group: &'static str,
    pub(super) iso3: String,
    pub(super) first_fy: i32,
    pub(super) last_fy: i32,
    /// Fiscal years whose code was printed with a mark (e.g. "LM*"): (fiscal year, as printed).
    pub(super) marked: Vec<(i32, String)>,
}

/// Merges each economy's fiscal years into spells; a change of group or a fiscal year missing
/// from the history ends a spell.
pub(super) fn income_spells(history: &BTreeMap<String, IncomeHistory>) -> Vec<IncomeSpell> {
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
pub(super) fn spell_row(s: &IncomeSpell, current_fy: i32) -> Vec<String> {
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
