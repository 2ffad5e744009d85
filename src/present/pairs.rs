//! Pairings in words: why a country was left out ([`left_out_reason`]), the notes on the
//! period, the years paired and the gaps ([`pairing_notes`]), and the pairs a log axis cannot
//! show ([`non_positive_note`]).

use super::period::describe;
use crate::analysis::pairs::{LeftOutReason, NonPositive, PairQuery, Pairing};
use crate::catalog::{Indicator, YearKind};
use std::collections::BTreeMap;

/// Short text for tables and footers ("no X value").
pub fn left_out_reason(reason: &LeftOutReason, x: &Indicator, y: &Indicator) -> String {
    match reason {
        LeftOutReason::NoX { y_year } => format!("no {} value (has {} {y_year})", x.id, y.id),
        LeftOutReason::NoY { x_year } => format!("no {} value (has {} {x_year})", y.id, x.id),
        LeftOutReason::Aggregate => "aggregate".into(),
        LeftOutReason::OutsideUniverse => "outside the universe".into(),
        LeftOutReason::GapTooLarge { x_year, y_year } => {
            format!("years {x_year} and {y_year} differ by more than --max-gap")
        }
        LeftOutReason::TooOld { indicator, year } => {
            format!("{indicator} value of {year} left out by --max-age")
        }
        LeftOutReason::NoValue => "no value of either indicator".into(),
    }
}

/// Why a pair cannot be shown on log axes: "msti.gerd_pct_gdp = 0 (2020) ≤ 0 on a log axis".
pub fn non_positive_reason(pairing: &Pairing, e: &NonPositive) -> String {
    let p = &e.pair;
    let mut why = Vec::new();
    if e.x {
        why.push(format!("{} = {} ({})", pairing.x.id, p.x, p.x_year));
    }
    if e.y {
        why.push(format!("{} = {} ({})", pairing.y.id, p.y, p.y_year));
    }
    format!("{} ≤ 0 on a log axis", why.join(" and "))
}

/// The note naming pairs excluded by log axes, if any.
pub fn non_positive_note(pairing: &Pairing, excluded: &[NonPositive]) -> Option<String> {
    if excluded.is_empty() {
        return None;
    }
    let list: Vec<String> = excluded
        .iter()
        .map(|e| {
            let why = non_positive_reason(pairing, e);
            format!("{} ({}: {why})", e.pair.name, e.pair.iso3)
        })
        .collect();
    Some(format!(
        "Excluded because a log scale cannot show values ≤ 0: {}.",
        list.join("; ")
    ))
}

/// "2019 (12), 2020 (14)": how many pairs use each year.
fn year_counts(years: impl Iterator<Item = i32>) -> String {
    let mut counts: BTreeMap<i32, usize> = BTreeMap::new();
    for y in years {
        *counts.entry(y).or_default() += 1;
    }
    counts
        .iter()
        .map(|(y, n)| format!("{y} ({n})"))
        .collect::<Vec<_>>()
        .join(", ")
}

/// Sentences on the period, the years paired and the gaps (for report notes and footers).
pub fn pairing_notes(p: &Pairing, query: &PairQuery) -> Vec<String> {
    let mut notes = Vec::new();
    let (x, y) = (&p.x, &p.y);
    match query.period.year {
        Some(yr) => {
            let mut s = format!("Paired values of {yr}: {} {yr} with {} {yr}", x.id, y.id);
            if x.meta.year_kind != y.meta.year_kind {
                s.push_str(&format!(
                    "; note that {} counts {}s and {} counts {}s, so the same number means different things",
                    x.id,
                    x.meta.year_kind.label(),
                    y.id,
                    y.meta.year_kind.label()
                ));
            }
            notes.push(format!("{s}."));
        }
        None => {
            let mut s = "Paired each country's latest value of each indicator".to_string();
            if query.period.max_age.is_some() || query.period.as_of.is_some() {
                s.push_str(&format!(" ({})", describe(&query.period, x)));
            }
            s.push('.');
            if x.meta.year_kind == YearKind::Edition || y.meta.year_kind == YearKind::Edition {
                s.push_str(" Edition years and data years are not the same thing.");
            }
            notes.push(s);
        }
    }
    if !p.pairs.is_empty() {
        notes.push(format!(
            "Years used: {} {} — {}; {} {} — {}.",
            x.id,
            x.meta.year_kind.label(),
            year_counts(p.pairs.iter().map(|q| q.x_year)),
            y.id,
            y.meta.year_kind.label(),
            year_counts(p.pairs.iter().map(|q| q.y_year)),
        ));
        let gap = p.max_gap();
        if gap == 0 {
            notes.push("Both values of every pair are of the same year.".into());
        } else {
            let widest: Vec<String> = p
                .pairs
                .iter()
                .filter(|q| q.gap() == gap)
                .map(|q| format!("{} {}/{}", q.iso3, q.x_year, q.y_year))
                .collect();
            let same = p.pairs.iter().filter(|q| q.gap() == 0).count();
            notes.push(format!(
                "Years differ within pairs: largest gap {gap} year{} ({}); {same} of {} pairs are of the same year.{}",
                if gap == 1 { "" } else { "s" },
                widest.join(", "),
                p.pairs.len(),
                if query.max_gap.is_none() {
                    " --max-gap N leaves out wider gaps; --year Y pairs one year."
                } else {
                    ""
                }
            ));
        }
    }
    if let Some(g) = query.max_gap {
        let dropped = p.left_out_where(|r| matches!(r, LeftOutReason::GapTooLarge { .. }));
        let list: Vec<String> = dropped
            .iter()
            .map(|l| match l.reason {
                LeftOutReason::GapTooLarge { x_year, y_year } => {
                    format!("{} ({}, {x_year}/{y_year})", l.name, l.iso3)
                }
                _ => l.name.clone(),
            })
            .collect();
        if list.is_empty() {
            notes.push(format!(
                "--max-gap {g}: no pair had years more than {g} apart."
            ));
        } else {
            notes.push(format!(
                "--max-gap {g}: {} pairs with years more than {g} apart left out: {}.",
                list.len(),
                list.join(", ")
            ));
        }
    }
    notes
}
