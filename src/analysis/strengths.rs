//! `profile --strengths`: every indicator with a value for the country, ordered by percentile
//! rank, the best and worst named.

use super::profile::*;
use super::rank::display_name;
use crate::catalog::Catalog;
use crate::error::Result;
use crate::report::{Cell, Report};

/// `--strengths`: every indicator with a value for the country, ordered by percentile rank.
pub fn strengths_report(catalog: &Catalog, query: &ProfileQuery, n: usize) -> Result<Report> {
    // Default set: every indicator except totals that grow with the economy's size, and except
    // a published rank whose score is also in the dataset (the same standing counted twice).
    let all = catalog.indicators();
    let mut skipped = Vec::new();
    let specs = if query.indicators.is_empty() {
        all.iter()
            .filter(|i| {
                // Declared in dataset.toml: `kind = "rank"` with `ranks = "<score id>"`.
                let twin = i.meta.ranks.as_ref().map(|s| format!("{}.{s}", i.dataset));
                let duplicate =
                    is_rank_type(i) && twin.is_some_and(|t| all.iter().any(|o| o.id == t));
                if i.meta.size_measure || duplicate {
                    skipped.push(i.id.clone());
                }
                !i.meta.size_measure && !duplicate
            })
            .map(|i| i.id.clone())
            .collect()
    } else {
        query.indicators.clone()
    };
    // One indicator at a time: one that cannot answer the period (no publication dates for
    // --as-of) is named in the notes instead of stopping the whole assessment.
    let mut p = Profile {
        iso3: query.country.clone(),
        name: display_name(catalog.countries()?, &query.country),
        rows: vec![],
    };
    let mut failed = Vec::new();
    for spec in specs {
        let q = ProfileQuery {
            indicators: vec![spec.clone()],
            ..query.clone()
        };
        match compute(catalog, &q) {
            Ok(one) => p.rows.extend(one.rows),
            Err(e) if query.indicators.is_empty() => failed.push((spec, e.to_string())),
            Err(e) => return Err(e),
        }
    }
    let mut ranked: Vec<(&ProfileRow, f64)> = p
        .rows
        .iter()
        .filter_map(|r| Some((r, r.percentile()?)))
        .filter(|(r, _)| r.standing.as_ref().is_ok_and(|s| s.of > 1))
        .collect();
    ranked.sort_by(|a, b| {
        b.1.total_cmp(&a.1)
            .then(a.0.indicator.id.cmp(&b.0.indicator.id))
    });
    let len = ranked.len();
    let mut r = Report::new(format!(
        "{} — strengths and weaknesses ({})",
        p.name,
        period_label(&query.period)
    ))
    .text_column("assessment")
    .number_column("percentile", 0)
    .text_column("indicator")
    .number_column("value", 2)
    .text_column("unit")
    .detail()
    .number_column("year", 0)
    .number_column("rank", 0)
    .number_column("of", 0)
    .text_column("source")
    .detail();
    for (i, (row, pct)) in ranked.iter().enumerate() {
        let Ok(s) = &row.standing else { continue };
        let assessment = if i < n || s.rank <= 3.0 {
            "strength"
        } else if i + n >= len {
            "weakness"
        } else {
            ""
        };
        r.push_row(vec![
            Cell::text(assessment),
            Cell::num(*pct, 0),
            Cell::text(&row.indicator.id),
            value_cell(s, &row.indicator),
            Cell::text(&row.indicator.meta.unit),
            Cell::plain(s.year as i64),
            Cell::num(s.rank, 0),
            Cell::plain(s.of as i64),
            Cell::text(&row.source),
        ]);
        if !assessment.is_empty() {
            let dataset = catalog.dataset(&row.indicator.dataset)?;
            r.facts.push(format!(
                "{assessment}: {}",
                fact(row, &dataset.title, None).replacen("**", "", 2)
            ));
        }
    }
    r.note(format!(
        "Percentile rank = 100 × (of − rank) / (of − 1): 100 = 1st, 0 = last. Strengths: the {n} highest percentile ranks and any rank 1–3; weaknesses: the {n} lowest (ties in percentile broken by indicator id). Indicators ranking a single country are left out."
    ));
    if !skipped.is_empty() {
        r.note(format!(
            "Left out of the default set: totals that grow with the size of the economy, and published ranks whose score is assessed: {}. Name them with --indicators to include them.",
            skipped.join(", ")
        ));
    }
    let without: Vec<String> = p
        .rows
        .iter()
        .filter_map(|r| {
            let m = r.standing.as_ref().err()?;
            matches!(
                m,
                Missing::NoValueInPeriod { .. } | Missing::RankOnly { .. }
            )
            .then(|| format!("{} ({})", r.indicator.id, m.describe(&r.indicator)))
        })
        .collect();
    if !without.is_empty() {
        r.note(format!(
            "Not assessed, no value in the period: {}.",
            without.join("; ")
        ));
    }
    if !failed.is_empty() {
        let ids: Vec<&str> = failed.iter().map(|(id, _)| id.as_str()).collect();
        r.note(format!(
            "Not assessed, the period cannot be applied: {} (e.g. {}).",
            ids.join(", "),
            failed[0].1
        ));
    }
    let uncovered = p
        .rows
        .iter()
        .filter(|r| r.standing == Err(Missing::NotCovered))
        .count();
    if uncovered > 0 {
        r.note(format!(
            "{uncovered} indicators do not cover {} at all and are left out.",
            p.name
        ));
    }
    r.note(format!(
        "Period: {}; ranks among all countries with a value (aggregates left out); ties: {}.",
        period_label(&query.period),
        query.ties.describe()
    ));
    Ok(r)
}
