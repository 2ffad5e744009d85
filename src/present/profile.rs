//! The profile as people read it: the quick-facts box, the profile report and its notes.

use super::period::label as period_label;
use super::sources::attribution;
use super::standing::{
    label, missing, ordinal, rank_cells, standing_phrase, ties_rule, value_cell, value_phrase,
    year_phrase,
};
use crate::analysis::profile::{compute, Profile, ProfileQuery, ProfileRow};
use crate::catalog::{Catalog, Indicator};
use crate::error::Result;
use crate::report::{Cell, Report};
use std::collections::BTreeSet;

/// One quick-facts sentence for a row; `source` is its attribution line.
pub fn fact(row: &ProfileRow, dataset_title: &str, group: Option<&str>, source: &str) -> String {
    let ind = &row.indicator;
    let label = label(ind, dataset_title);
    let s = match &row.standing {
        Err(m) => return format!("**{label}:** no data ({})", missing(m, ind)),
        Ok(s) => s,
    };
    let tied = if s.tied { " (tied)" } else { "" };
    let mut text = match s.value {
        None => format!(
            "**{label}:** {} ({}; value not published)",
            standing_phrase(s, tied),
            year_phrase(ind, s.year)
        ),
        Some(_) if row.is_rank_type() => format!(
            "**{label}:** {}{tied} of {} ({})",
            ordinal(s.rank),
            s.of,
            year_phrase(ind, s.year)
        ),
        Some(v) => format!(
            "**{label}:** {} ({}), {}",
            value_phrase(ind, v),
            year_phrase(ind, s.year),
            standing_phrase(s, tied)
        ),
    };
    if let (Some(g), Some(gs)) = (group, &row.group) {
        if gs.at_least.is_none() {
            text.push_str(&format!("; {} of {} in {g}", ordinal(gs.rank), gs.of));
        }
    }
    text.push_str(&format!(" — {source}"));
    text
}

/// A short remark for the row's `note` column (the notes below the table explain it in full).
fn row_note(row: &ProfileRow) -> String {
    let mut parts = Vec::new();
    if let Some((ind, _)) = row.fallback_from.first() {
        parts.push(format!(
            "{} (no {} value)",
            price_basis(&row.indicator),
            short_basis(ind)
        ));
    }
    if let Err(m) = &row.standing {
        parts.push(missing(m, &row.indicator));
    }
    parts.join("; ")
}

/// "current-PPP" from "million USD, current PPPs"; the id otherwise.
fn short_basis(ind: &Indicator) -> String {
    match ind.meta.unit.split_once(", ") {
        Some((_, b)) => b.trim_end_matches('s').replace(' ', "-"),
        None => ind.id.clone(),
    }
}

/// "constant 2015 prices and PPPs" from a money unit, else the unit.
fn price_basis(ind: &Indicator) -> String {
    let u = &ind.meta.unit;
    u.split_once(", ").map_or(u.clone(), |(_, b)| b.to_string())
}

/// The profile as a report: one row per indicator, a quick-facts box, notes.
pub fn profile_report(catalog: &Catalog, query: &ProfileQuery) -> Result<Report> {
    let p = compute(catalog, query)?;
    let countries = catalog.countries()?;
    let group = match &query.group {
        Some(g) => Some(countries.group(g)?.id.clone()),
        None => None,
    };
    let mut r = Report::new(format!(
        "{} — quick facts ({})",
        p.name,
        period_label(&query.period)
    ))
    .text_column("indicator")
    .detail()
    .text_column("title")
    .number_column("value", 2)
    .text_column("unit")
    .number_column("year", 0)
    .text_column("year_kind")
    .detail()
    .number_column("rank", 0)
    .number_column("of", 0)
    .number_column("ranked_at_least", 0)
    .number_column("published_rank", 0)
    .detail();
    if group.is_some() {
        r = r
            .text_column("group")
            .detail()
            .number_column("group_rank", 0)
            .number_column("group_of", 0);
    }
    r = r
        .text_column("source")
        .detail()
        .text_column("published")
        .detail()
        .text_column("note");
    let mut years = BTreeSet::new();
    for row in &p.rows {
        let ind = &row.indicator;
        let dataset = catalog.dataset(&ind.dataset)?;
        let title = label(ind, &dataset.title);
        let s = row.standing.as_ref().ok();
        let source = attribution(catalog, ind, s.map(|s| s.year))?;
        if let Some(s) = s {
            years.insert((s.year, ind.meta.year_kind.label()));
        }
        let mut cells = vec![
            Cell::text(&ind.id),
            Cell::text(title),
            s.map_or(Cell::Missing, |s| value_cell(s, ind)),
            Cell::text(&ind.meta.unit),
            s.map_or(Cell::Empty, |s| Cell::plain(s.year as i64)),
            Cell::text(ind.meta.year_kind.label()),
        ];
        cells.extend(rank_cells(s));
        if let Some(g) = &group {
            cells.push(Cell::text(g));
            cells.push(
                row.group
                    .as_ref()
                    .map_or(Cell::Empty, |g| Cell::num(g.rank, 0)),
            );
            cells.push(
                row.group
                    .as_ref()
                    .map_or(Cell::Empty, |g| Cell::plain(g.of as i64)),
            );
        }
        cells.push(Cell::text(&source));
        cells.push(Cell::text(
            s.and_then(|s| s.published.clone()).unwrap_or_default(),
        ));
        cells.push(Cell::text(row_note(row)));
        r.push_row(cells);
        r.facts
            .push(fact(row, &dataset.title, group.as_deref(), &source));
    }
    // Tables show the note column only when some row has a note; CSV and JSON always have it.
    let note_col = r.columns.len() - 1;
    if r.rows.iter().all(|row| row[note_col] == Cell::text("")) {
        r.columns[note_col].detail = true;
    }
    add_profile_notes(&mut r, catalog, &p, query, &years)?;
    Ok(r)
}

fn add_profile_notes(
    r: &mut Report,
    catalog: &Catalog,
    p: &Profile,
    query: &ProfileQuery,
    years: &BTreeSet<(i32, &str)>,
) -> Result<()> {
    r.note(format!(
        "Period: each indicator's {} (an index: its latest edition); rank = the source's published rank where it publishes one, else the place among all countries with a value in the same publication (NCSES table) or year (aggregates left out); \"of\" = how many were ranked; a partial list (IFR) gives the release's rank and how many it ranked at least, never \"of N\" over the part innodex holds; ties: {}.",
        match (&query.period.as_of, query.period.year) {
            (_, Some(y)) => format!("values for {y}"),
            (Some(d), None) => format!("latest value published by {d}"),
            (None, None) => "latest value".to_string(),
        },
        ties_rule(query.ties)
    ));
    if p.rows.iter().any(|r| r.is_rank_type()) {
        r.note("Rows of a published rank (GII, Bloomberg): the value is the source's rank in that edition and \"of\" the number of economies the edition ranked.");
    }
    if years.len() > 1 {
        let list: Vec<String> = p
            .rows
            .iter()
            .filter_map(|row| {
                let s = row.standing.as_ref().ok()?;
                Some(format!(
                    "{} {}",
                    row.indicator.id,
                    year_phrase(&row.indicator, s.year)
                ))
            })
            .collect();
        r.note(format!(
            "Mixed years: the figures come from different years ({}).",
            list.join(", ")
        ));
    }
    for row in &p.rows {
        if let Ok(s) = &row.standing {
            if s.ranked_years.0 != s.ranked_years.1 {
                r.note(format!(
                    "{}: ranked against each country's latest value, from {} to {}.",
                    row.indicator.id, s.ranked_years.0, s.ranked_years.1
                ));
            }
        }
        for (ind, m) in &row.fallback_from {
            r.note(format!(
                "Price basis: {} is in {} — {} for {}{}: {}.",
                row.indicator.id,
                price_basis(&row.indicator),
                ind.id,
                p.name,
                query
                    .period
                    .as_of
                    .as_ref()
                    .map_or(String::new(), |d| format!(" as of {d}")),
                missing(m, ind),
            ));
        }
        if let Err(m) = &row.standing {
            r.note(format!(
                "No data for {} on {}: {}.",
                p.name,
                row.indicator.id,
                missing(m, &row.indicator)
            ));
        }
    }
    let mut seen = BTreeSet::new();
    for row in &p.rows {
        if seen.insert(row.indicator.dataset.clone()) {
            let d = catalog.dataset(&row.indicator.dataset)?;
            r.note(format!(
                "{}: {}; licence: {}.",
                d.title, d.publisher, d.licence
            ));
        }
    }
    Ok(())
}
