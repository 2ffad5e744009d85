//! The `profile --strengths` report: the assessed indicators by percentile rank, the
//! strengths and weaknesses as facts, and notes on the rule and on what was left out.

use super::period::label as period_label;
use super::profile::fact;
use super::sources::attribution;
use super::standing::{missing, ties_rule, value_cell};
use crate::analysis::gii_section::Assessment;
use crate::analysis::profile::{Missing, ProfileQuery};
use crate::analysis::strengths::strengths;
use crate::catalog::Catalog;
use crate::error::Result;
use crate::report::{Cell, Report};

/// `--strengths`: every indicator with a value for the country, ordered by percentile rank.
pub fn strengths_report(catalog: &Catalog, query: &ProfileQuery, n: usize) -> Result<Report> {
    let st = strengths(catalog, query, n)?;
    let p = &st.profile;
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
    for a in &st.ranked {
        let row = &p.rows[a.row];
        let pct = &a.percentile;
        let Ok(s) = &row.standing else { continue };
        let assessment = match a.assessment {
            Assessment::Strength => "strength",
            Assessment::Weakness => "weakness",
            Assessment::Neither | Assessment::NotAssessed => "",
        };
        let source = attribution(catalog, &row.indicator, Some(s.year))?;
        r.push_row(vec![
            Cell::text(assessment),
            Cell::num(*pct, 0),
            Cell::text(&row.indicator.id),
            value_cell(s, &row.indicator),
            Cell::text(&row.indicator.meta.unit),
            Cell::plain(s.year as i64),
            Cell::num(s.rank, 0),
            Cell::plain(s.of as i64),
            Cell::text(&source),
        ]);
        if !assessment.is_empty() {
            let dataset = catalog.dataset(&row.indicator.dataset)?;
            r.facts.push(format!(
                "{assessment}: {}",
                fact(row, &dataset.title, None, &source).replacen("**", "", 2)
            ));
        }
    }
    r.note(format!(
        "Percentile rank = 100 × (of − rank) / (of − 1): 100 = 1st, 0 = last. Strengths: the {n} highest percentile ranks and any rank 1–3; weaknesses: the {n} lowest (ties in percentile broken by indicator id). Indicators ranking a single country are left out."
    ));
    if !st.skipped.is_empty() {
        r.note(format!(
            "Left out of the default set: totals that grow with the size of the economy, and published ranks whose score is assessed: {}. Name them with --indicators to include them.",
            st.skipped.join(", ")
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
            .then(|| format!("{} ({})", r.indicator.id, missing(m, &r.indicator)))
        })
        .collect();
    if !without.is_empty() {
        r.note(format!(
            "Not assessed, no value in the period: {}.",
            without.join("; ")
        ));
    }
    if !st.failed.is_empty() {
        let ids: Vec<&str> = st.failed.iter().map(|(id, _)| id.as_str()).collect();
        r.note(format!(
            "Not assessed, the period cannot be applied: {} (e.g. {}).",
            ids.join(", "),
            st.failed[0].1
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
        ties_rule(query.ties)
    ));
    Ok(r)
}
