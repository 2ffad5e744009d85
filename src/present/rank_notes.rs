//! The notes of the `rank` report: the indicator, period, universe and who was left out of it
//! and why, editions, release dates and vintages, the tie rule and direction, the years mixed,
//! what the rank column is, and the caveats.

use super::standing::{basis_label, ties_rule};
use super::universe::name_list;
use crate::analysis::rank::{RankBasis, RankQuery, Ranking};
use crate::catalog::Catalog;
use crate::error::Result;
use crate::report::Report;
use crate::wording::plural;
use std::collections::BTreeSet;

/// Adds the notes of a ranking to its report.
pub(super) fn add_notes(
    report: &mut Report,
    catalog: &Catalog,
    ranking: &Ranking,
    query: &RankQuery,
) -> Result<()> {
    let countries = catalog.countries()?;
    let ind = &ranking.indicator;
    report.note(format!(
        "{} ({}), unit: {}.",
        ind.meta.title, ind.id, ind.meta.unit
    ));
    report.note(format!(
        "Period: {}.",
        super::period::describe(&query.period, ind)
    ));
    let mut universe = format!(
        "{} ranked; universe: {}.",
        plural(ranking.rows.len(), "country", "countries"),
        super::universe::describe(&ranking.universe, countries)
    );
    if !ranking.no_value.is_empty() {
        let one = ranking.no_value.len() == 1;
        let which = match (query.universe.is_restricted(), one) {
            (true, true) => "in the universe has no value",
            (true, false) => "in the universe have no value",
            (false, true) => "with values in other periods has none in this one",
            (false, false) => "with values in other periods have none in this one",
        };
        universe.push_str(&format!(
            " {} {which}: {}.",
            ranking.no_value.len(),
            name_list(countries, &ranking.no_value)
        ));
    }
    report.note(universe);
    if !ranking.aggregates_left_out.is_empty() {
        report.note(format!(
            "{} with a value left out (--include-aggregates keeps them): {}.",
            plural(ranking.aggregates_left_out.len(), "aggregate", "aggregates"),
            name_list(countries, &ranking.aggregates_left_out)
        ));
    }
    if !ranking.not_member_then.is_empty() {
        let list: Vec<String> = ranking
            .not_member_then
            .iter()
            .map(|(c, y)| format!("{} ({c}, value of {y})", countries.display_name(c)))
            .collect();
        report.note(format!(
            "Members now but not in the year of their value, so not ranked (membership is judged at the end of each value's year): {}.",
            list.join(", ")
        ));
    }
    if !ranking.selection.rank_only.is_empty() {
        let list: Vec<String> = ranking
            .selection
            .rank_only
            .iter()
            .map(|r| {
                let from = r
                    .published
                    .as_ref()
                    .map(|p| format!(", published {p}"))
                    .unwrap_or_default();
                format!(
                    "{} ({}, {}: published rank {}{from})",
                    countries.display_name(&r.iso3),
                    r.iso3,
                    r.year,
                    r.rank
                )
            })
            .collect();
        report.note(format!(
            "Published rank but no value (newer than any value held), so not ranked by value: {}.",
            list.join(", ")
        ));
    }
    if let Some(e) = ranking.selection.edition {
        report.note(format!(
            "One edition at a time: the {e} edition (editions are not comparable); use --year for another."
        ));
    }
    if !ranking.selection.not_in_edition.is_empty() {
        let list: Vec<String> = ranking
            .selection
            .not_in_edition
            .iter()
            .filter(|(c, _)| query.universe.include_aggregates || !countries.is_aggregate(c))
            .map(|(c, y)| format!("{} ({c}, last in {y})", countries.display_name(c)))
            .collect();
        if !list.is_empty() {
            report.note(format!(
                "Not in this edition, so not ranked: {}.",
                list.join(", ")
            ));
        }
    }
    if ranking.selection.used_month_rule {
        if let Some(rule) = &ind.meta.publication {
            report.note(format!(
                "--as-of: no real release date is recorded for some values; they are taken as published by the end of month {} of year + {} ({}).",
                rule.month, rule.year_offset, rule.basis
            ));
        }
    }
    let dataset = catalog.dataset(&ind.dataset)?;
    for v in &ranking.selection.vintages {
        if let Some(d) = dataset.vintages.iter().find(|d| &d.id == v) {
            report.note(format!(
                "Vintage {}: {} (published {}).",
                d.id, d.title, d.published
            ));
        }
    }
    if let Some(as_of) = &query.period.as_of {
        let unvintaged = ranking.rows.iter().any(|r| r.vintage.is_none());
        if unvintaged && dataset.retrieved.as_str() > as_of.end.to_string().as_str() {
            report.note(format!(
                "The values are from the files retrieved {} (a later vintage than {}): a figure revised since may differ from what was published by that date.",
                dataset.retrieved, as_of.end
            ));
        }
    }
    if let (Some(as_of), false) = (
        &query.period.as_of,
        ranking.selection.later_vintage.is_empty(),
    ) {
        let vintages: BTreeSet<&str> = ranking
            .selection
            .later_vintage
            .iter()
            .map(|(_, _, v)| v.as_str())
            .collect();
        report.note(format!(
            "{} values come from a vintage published after {} ({}): no vintage of that date is held, so the figures may have been revised since.",
            ranking.selection.later_vintage.len(),
            as_of.end,
            vintages.into_iter().collect::<Vec<_>>().join(", ")
        ));
    }
    // Vintages that disagree, for the values ranked: one caveat naming each.
    let ranked: BTreeSet<&str> = ranking.rows.iter().map(|r| r.iso3.as_str()).collect();
    let gaps: Vec<String> = ranking
        .selection
        .vintage_gaps
        .iter()
        .filter(|g| ranked.contains(g.iso3.as_str()))
        .map(|g| {
            format!(
                "{} {} ({} in {} vs {} in {}, {:.0}% apart)",
                countries.display_name(&g.iso3),
                g.year,
                crate::report::format_display(g.used.1, ind.meta.decimals),
                g.used.0,
                crate::report::format_display(g.other.1, ind.meta.decimals),
                g.other.0,
                g.pct
            )
        })
        .collect();
    if !gaps.is_empty() {
        report.note(format!(
            "Caveat: vintages disagree by more than {}% for {}: {}.",
            crate::report::format_raw(ind.meta.vintage_threshold_pct.unwrap_or(0.0)),
            plural(gaps.len(), "value ranked", "values ranked"),
            gaps.join("; ")
        ));
    }
    if !ranking.selection.too_old.is_empty() {
        let list: Vec<String> = ranking
            .selection
            .too_old
            .iter()
            .filter(|(c, _)| query.universe.include_aggregates || !countries.is_aggregate(c))
            .map(|(c, y)| format!("{} ({c}, {y})", countries.display_name(c)))
            .collect();
        report.note(format!(
            "Left out by --max-age (value too old): {}.",
            list.join(", ")
        ));
    }
    let direction = if ranking.highest_first {
        "highest value ranks 1st"
    } else {
        "lowest value ranks 1st"
    };
    let overridden = if query.highest_first.is_some() {
        " (set on the command line)"
    } else {
        ""
    };
    if ranking.rows.iter().any(|r| r.basis != RankBasis::Published) {
        report.note(format!(
            "Ties: {}; {direction}{overridden}.",
            ties_rule(query.ties)
        ));
    }
    let years: BTreeSet<i32> = ranking.rows.iter().map(|r| r.year).collect();
    if let (Some(first), Some(last)) = (years.first(), years.last()) {
        if first == last {
            report.note(format!(
                "All values are for {} {first}.",
                ind.meta.year_kind.label()
            ));
        } else {
            let oldest: Vec<String> = ranking
                .rows
                .iter()
                .filter(|r| r.year == *first)
                .map(|r| r.iso3.clone())
                .collect();
            report.note(format!(
                "Values mix years {first}–{last}; the oldest value used is from {first} ({}).",
                oldest.join(", ")
            ));
        }
    }
    let bases: BTreeSet<String> = ranking
        .rows
        .iter()
        .map(|r| basis_label(r.basis, &super::universe::short(&ranking.universe)))
        .collect();
    if bases.contains("published") {
        report.note(
            "rank is the source's published rank (ties on rounded scores never override it)."
                .to_string(),
        );
    }
    if ranking.rows.iter().any(|r| r.basis == RankBasis::Within) {
        report.note(format!(
            "rank is computed within {} (rank_basis), in the source's published order where it publishes ranks; published_rank is the source's own rank among all economies it covered.",
            super::universe::short(&ranking.universe)
        ));
    }
    if ind.meta.list == crate::catalog::metadata::ListCoverage::Partial {
        report.note("Partial list: the source publishes only part of its list and innodex holds what was reported; published_rank is the source's rank in its release, and a rank marked 'among values held' is a position among the values held here, not the source's rank.".to_string());
    }
    for c in &ind.meta.caveats {
        report.note(format!("Caveat: {c}"));
    }
    Ok(())
}
