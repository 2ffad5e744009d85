//! A standing in words and cells: ordinals ("3rd"), value phrases ("3.21% of GDP"), "3rd of
//! 14" or a partial list's "in the release of …, which ranked at least 24", why a country has
//! no value ([`missing`]), what a rank is ([`basis_label`]) and the tie rule ([`ties_rule`]).

use crate::analysis::rank::{RankBasis, Ties};
use crate::analysis::standing::{Missing, Standing};
use crate::catalog::{Indicator, YearKind};
use crate::report::Cell;

/// Why a country has no value, for a row or a note.
pub fn missing(m: &Missing, ind: &Indicator) -> String {
    match m {
        Missing::NoValueInPeriod { latest: Some(y) } => format!(
            "no value for the period (latest {} {y})",
            ind.meta.year_kind.label()
        ),
        Missing::NoValueInPeriod { latest: None } => "no value for the period".into(),
        Missing::NotCovered => "not covered by the source".into(),
        Missing::NotYetPublished { first } => {
            format!("not yet published on the --as-of date (first value published by {first})")
        }
        Missing::NotInEdition { edition, last } => {
            format!("not in the {edition} edition (last ranked in the {last} edition)")
        }
        Missing::RankOnly { year, rank } => {
            format!("published rank only: {rank} ({year}), no value")
        }
    }
}

/// The `rank_basis` cell: what a rank is.
pub fn basis_label(basis: RankBasis, within: &str) -> String {
    match basis {
        RankBasis::Published => "published".into(),
        RankBasis::Within => format!("within {within}"),
        RankBasis::Computed => "computed from values".into(),
        RankBasis::Held => "among values held (partial list)".into(),
    }
}

/// The tie rule, as the notes state it.
pub fn ties_rule(ties: Ties) -> &'static str {
    match ties {
        Ties::Min => "min (equal values share the best rank: 1, 2, 2, 4)",
        Ties::Dense => "dense (1, 2, 2, 3)",
        Ties::Ordinal => "ordinal (equal values ordered by country name: 1, 2, 3, 4)",
        Ties::Average => "average (1, 2.5, 2.5, 4)",
    }
}

/// "1st", "2nd", "3rd", "11th", "22nd"; fractional ranks (average ties) as "2.5th".
pub fn ordinal(rank: f64) -> String {
    if rank.fract() != 0.0 {
        return format!("{rank}th");
    }
    let n = rank as i64;
    let suffix = match (n % 10, n % 100) {
        (_, 11..=13) => "th",
        (1, _) => "st",
        (2, _) => "nd",
        (3, _) => "rd",
        _ => "th",
    };
    format!("{n}{suffix}")
}

/// "2020 edition" or "2019 data".
pub fn year_phrase(ind: &Indicator, year: i32) -> String {
    match ind.meta.year_kind {
        YearKind::Edition => format!("{year} edition"),
        YearKind::Data => format!("{year} data"),
    }
}

/// A readable label: "Global Innovation Index rank" becomes "WIPO Global Innovation Index rank"
/// when the dataset's title names the publisher.
pub fn label(ind: &Indicator, dataset_title: &str) -> String {
    let title = &ind.meta.title;
    if let Some(base) = title.strip_suffix(" rank") {
        if dataset_title.ends_with(base) && dataset_title.len() > base.len() {
            return format!("{dataset_title} rank");
        }
    }
    title.clone()
}

/// The value as a phrase: "3.21% of GDP", "USD 171.8 billion (constant 2015 prices and PPPs)".
pub fn value_phrase(ind: &Indicator, value: f64) -> String {
    let unit = &ind.meta.unit;
    let d = ind.meta.decimals;
    if let Some(rest) = unit.strip_prefix("million USD") {
        let basis = rest.trim_start_matches([',', ' ']);
        let amount = crate::report::format_display(value / 1000.0, 1);
        return if basis.is_empty() {
            format!("USD {amount} billion")
        } else {
            format!("USD {amount} billion in {basis}")
        };
    }
    let v = crate::report::format_display(value, d);
    if unit.starts_with('%') {
        format!("{v}{unit}")
    } else {
        format!("{v} {unit}")
    }
}

/// "3rd of 14", or for a partial list "3rd in the release of 2021-01-27, which ranked at least
/// 24" — never "Nth of N" over the part of a list that innodex holds.
pub fn standing_phrase(s: &Standing, tied: &str) -> String {
    let release = s
        .published
        .as_ref()
        .map(|p| format!("the source's release of {p}"))
        .unwrap_or_else(|| format!("the source's list for {}", s.year));
    match (s.at_least, s.basis) {
        (Some(n), RankBasis::Published) => format!(
            "{}{tied} in {release}, which ranked at least {n}",
            ordinal(s.rank)
        ),
        (_, RankBasis::Held) | (Some(_), _) => format!(
            "no rank: innodex holds only part of the source's list ({} values from {release})",
            s.of
        ),
        _ => format!("{}{tied} of {}", ordinal(s.rank), s.of),
    }
}

/// A standing's value cell: the number, or empty where only a rank was published.
pub fn value_cell(s: &Standing, ind: &Indicator) -> Cell {
    s.value
        .map_or(Cell::Missing, |v| Cell::num(v, ind.meta.decimals))
}

/// A standing's rank cell: empty for a position among the values held of a partial list.
fn rank_cell(s: &Standing) -> Cell {
    if s.basis == RankBasis::Held || (s.at_least.is_some() && s.basis != RankBasis::Published) {
        Cell::Empty
    } else {
        Cell::num(s.rank, 0)
    }
}

/// The rank, "of N", "at least" and published-rank cells of a standing (empty where none).
pub fn rank_cells(s: Option<&Standing>) -> [Cell; 4] {
    [
        s.map_or(Cell::Empty, rank_cell),
        s.map_or(Cell::Empty, of_cell),
        s.and_then(|s| s.at_least)
            .map_or(Cell::Empty, |n| Cell::plain(n as i64)),
        s.and_then(|s| s.published_rank)
            .map_or(Cell::Empty, |v| Cell::plain(v as i64)),
    ]
}

/// A standing's "of N" cell: empty for a partial list (see `ranked_at_least`).
fn of_cell(s: &Standing) -> Cell {
    if s.at_least.is_some() || s.basis == RankBasis::Held {
        Cell::Empty
    } else {
        Cell::plain(s.of as i64)
    }
}
