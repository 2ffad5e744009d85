//! The `rank` command's report: the ranking's rows with their rank basis, and notes that say
//! the period, universe, rank rules, vintages and caveats.

use super::period::Period;
use super::rank::{
    basis_label, compute, display_name, name_list, plural, RankBasis, RankQuery, Ranked, Ranking,
    Ties,
};
use crate::catalog::Catalog;
use crate::error::{Error, Result};
use crate::report::{Cell, Report};
use std::collections::BTreeSet;

/// Ranks and writes the result as a report (the `rank` command).
pub fn rank_report(catalog: &Catalog, query: &RankQuery) -> Result<Report> {
    let ranking = compute(catalog, query)?;
    let countries = catalog.countries()?;
    let ind = &ranking.indicator;
    let dataset = catalog.dataset(&ind.dataset)?;
    if ranking.rows.is_empty() {
        let mut msg = format!(
            "no country has a value for {} ({}) among {}",
            ind.id,
            query.period.describe(ind),
            ranking.universe_desc
        );
        if !ranking.no_value.is_empty() {
            msg.push_str(&format!(
                "; without a value: {}",
                name_list(countries, &ranking.no_value)
            ));
        }
        msg.push_str(&format!(
            "; `innodex indicators {}` shows the years it covers",
            ind.id
        ));
        return Err(Error::Findings(msg));
    }
    let earlier = match query.compare_year {
        Some(y0) => {
            let mut q0 = query.clone();
            q0.period = Period::at_year(y0, query.period.as_of.clone());
            q0.compare_year = None;
            Some(compute(catalog, &q0)?)
        }
        None => None,
    };
    let d = ind.meta.decimals;
    let rank_decimals = if query.ties == Ties::Average { 1 } else { 0 };
    let mut report = Report::new(format!("{} — {}", ind.meta.title, ind.id))
        .number_column("rank", rank_decimals)
        .text_column("rank_basis")
        .text_column("iso3")
        .optional()
        .text_column("country")
        .number_column("value", d)
        .text_column("unit")
        .optional()
        .number_column("year", 0)
        .number_column("published_rank", 0);
    if query.universe.within.is_some() {
        report = report.text_column("group");
    }
    report = report
        .text_column("published")
        .text_column("vintage")
        .text_column("source")
        .detail();
    if let Some(y0) = query.compare_year {
        report = report
            .number_column(&format!("rank_{y0}"), rank_decimals)
            .number_column(&format!("value_{y0}"), d)
            .number_column("rank_change", rank_decimals)
            .number_column("value_change", d);
    }
    let rank_valued = crate::analysis::profile::is_rank_type(ind);
    let attribution = catalog.attribution_template(ind)?;
    let limit = query.top.unwrap_or(usize::MAX);
    // Per group: how many shown, and the rank of the last one shown (ties at the cut-off stay).
    let mut shown_per_group: std::collections::HashMap<Option<String>, (usize, f64)> =
        Default::default();
    let mut tied_beyond_top = Vec::new();
    for r in &ranking.rows {
        let (count, last_rank) = shown_per_group
            .entry(r.group.clone())
            .or_insert((0, f64::NAN));
        if *count >= limit {
            if r.rank == *last_rank {
                tied_beyond_top.push(r.iso3.clone());
            } else {
                continue;
            }
        }
        *count += 1;
        *last_rank = r.rank;
        let rank_decimals = if r.basis == RankBasis::Published {
            0
        } else {
            rank_decimals
        };
        let mut row = vec![
            Cell::num(r.rank, rank_decimals),
            Cell::text(basis_label(r.basis, &ranking.universe_short)),
            Cell::text(&r.iso3),
            Cell::text(&r.name),
            Cell::num(r.value, d),
            Cell::text(&ind.meta.unit),
            Cell::plain(r.year as i64),
            r.published_rank
                .map_or(Cell::Empty, |p| Cell::plain(p as i64)),
        ];
        if query.universe.within.is_some() {
            row.push(Cell::text(r.group.clone().unwrap_or_default()));
        }
        row.push(Cell::text(r.published.clone().unwrap_or_default()));
        row.push(Cell::text(r.vintage.clone().unwrap_or_default()));
        // Every CSV row carries its source with the year or edition it comes from.
        row.push(Cell::text(
            attribution.replace("{year}", &r.year.to_string()),
        ));
        if let Some(e) = &earlier {
            let old = e.rows.iter().find(|o| o.iso3 == r.iso3);
            row.push(Cell::opt_num(old.map(|o| o.rank), rank_decimals));
            row.push(Cell::opt_num(old.map(|o| o.value), d));
            // Positive: moved up (a smaller rank number). For a rank-type indicator the value is
            // the source's own published rank, so the change is taken from it, not from a
            // re-rank of the countries shown.
            let change = |o: &Ranked| match (o.published_rank, r.published_rank) {
                (Some(a), Some(b)) => f64::from(a) - f64::from(b),
                _ => o.rank - r.rank,
            };
            row.push(Cell::opt_num(old.map(change), rank_decimals));
            // Rounded to 12 decimals: a difference of two decimals must not print float noise.
            row.push(Cell::opt_num(
                old.map(|o| ((r.value - o.value) * 1e12).round() / 1e12),
                d,
            ));
        }
        report.push_row(row);
    }
    add_notes(&mut report, catalog, &ranking, query)?;
    if !tied_beyond_top.is_empty() {
        report.note(format!(
            "--top {}: also shown because tied at the cut-off: {}.",
            limit,
            name_list(countries, &tied_beyond_top)
        ));
    }
    if let (Some(y0), Some(e)) = (query.compare_year, &earlier) {
        let missing: Vec<String> = ranking
            .rows
            .iter()
            .filter(|r| !e.rows.iter().any(|o| o.iso3 == r.iso3))
            .map(|r| r.iso3.clone())
            .collect();
        if !missing.is_empty() {
            report.note(format!(
                "No value in {y0}: {}.",
                name_list(countries, &missing)
            ));
        }
        if rank_valued {
            report.note(format!("The values are the source's published ranks: rank_change = published rank in {y0} minus now (positive: moved up); value_change = now minus {y0} (negative: moved up)."));
        }
        if !ind.meta.caveats.is_empty() {
            report.note(format!("rank_change and value_change compare {y0} with the current period (positive rank_change: moved up); read the caveats above before reporting a change."));
        }
    }
    report.note(format!(
        "Source: {} ({}); licence: {}.",
        dataset.publisher, dataset.title, dataset.licence
    ));
    Ok(report)
}

fn add_notes(
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
    report.note(format!("Period: {}.", query.period.describe(ind)));
    let mut universe = format!(
        "{} ranked; universe: {}.",
        plural(ranking.rows.len(), "country", "countries"),
        ranking.universe_desc
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
            .map(|(c, y)| format!("{} ({c}, value of {y})", display_name(countries, c)))
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
                    display_name(countries, &r.iso3),
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
            .map(|(c, y)| format!("{} ({c}, last in {y})", display_name(countries, c)))
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
                display_name(countries, &g.iso3),
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
            .map(|(c, y)| format!("{} ({c}, {y})", display_name(countries, c)))
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
            query.ties.describe()
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
        .map(|r| basis_label(r.basis, &ranking.universe_short))
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
            ranking.universe_short
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
