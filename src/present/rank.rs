//! The `rank` command's report: the ranking's rows with their rank basis (the notes that say
//! the period, universe, rank rules, vintages and caveats are in [`super::rank_notes`]).

use super::rank_notes::add_notes;
use super::standing::basis_label;
use super::universe::name_list;
use crate::analysis::rank::{compute, RankBasis, RankQuery, Ranked, Ties};
use crate::catalog::Catalog;
use crate::error::{Error, Result};
use crate::report::{Cell, Report};

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
            super::period::describe(&query.period, ind),
            super::universe::describe(&ranking.universe, countries)
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
            q0.period = query.period.at_year(y0);
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
    let rank_valued = crate::analysis::standing::is_rank_type(ind);
    let attribution = catalog.attribution_template(ind)?;
    let limit = query.top.unwrap_or(usize::MAX);
    let within = super::universe::short(&ranking.universe);
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
            Cell::text(basis_label(r.basis, &within)),
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
