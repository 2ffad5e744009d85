//! `profile --strengths`: every indicator with a value for the country, ordered by percentile
//! rank, the best and worst assessed (typed; `present::strengths` lays it out).
//!
//! The rule: percentile rank = 100 × (of − rank) / (of − 1); a strength is one of the `n`
//! highest percentile ranks or any rank 1–3, a weakness one of the `n` lowest (ties in
//! percentile broken by indicator id); indicators ranking a single country are left out.

use super::gii_section::Assessment;
use super::profile::{compute, is_rank_type, Profile, ProfileQuery};
use super::rank::display_name;
use crate::catalog::Catalog;
use crate::error::{Error, Result};

/// One assessed indicator: an index into [`Strengths::profile`]'s rows.
#[derive(Debug, Clone, PartialEq)]
pub struct Assessed {
    pub row: usize,
    pub percentile: f64,
    pub assessment: Assessment,
}

/// The assessment of a country's indicators.
#[derive(Debug)]
pub struct Strengths {
    pub profile: Profile,
    /// Every row with a percentile rank, best first.
    pub ranked: Vec<Assessed>,
    /// Indicators left out of the default set (size totals, ranks whose score is assessed).
    pub skipped: Vec<String>,
    /// Indicators of the default set the period cannot be applied to, with the error.
    pub failed: Vec<(String, Error)>,
}

/// Assesses the query's indicators, or by default every indicator except totals that grow
/// with the economy's size and published ranks whose score is also in the dataset.
pub fn strengths(catalog: &Catalog, query: &ProfileQuery, n: usize) -> Result<Strengths> {
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
            Err(e) if query.indicators.is_empty() => failed.push((spec, e)),
            Err(e) => return Err(e),
        }
    }
    let mut ranked: Vec<(usize, f64)> = p
        .rows
        .iter()
        .enumerate()
        .filter_map(|(i, r)| Some((i, r.percentile()?)))
        .filter(|(i, _)| p.rows[*i].standing.as_ref().is_ok_and(|s| s.of > 1))
        .collect();
    ranked.sort_by(|a, b| {
        b.1.total_cmp(&a.1)
            .then(p.rows[a.0].indicator.id.cmp(&p.rows[b.0].indicator.id))
    });
    let len = ranked.len();
    let ranked = ranked
        .into_iter()
        .enumerate()
        .map(|(i, (row, percentile))| {
            let rank = p.rows[row].standing.as_ref().map_or(f64::NAN, |s| s.rank);
            let assessment = if i < n || rank <= 3.0 {
                Assessment::Strength
            } else if i + n >= len {
                Assessment::Weakness
            } else {
                Assessment::Neither
            };
            Assessed {
                row,
                percentile,
                assessment,
            }
        })
        .collect();
    Ok(Strengths {
        profile: p,
        ranked,
        skipped,
        failed,
    })
}
