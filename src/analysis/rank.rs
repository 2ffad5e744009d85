//! The standings of one indicator: selection by period, the universe (named members judged at
//! one reference year), ranks by the four tie rules or the source's published ranks, and the
//! countries left out with their reasons. Typed results only; `present::rank` words
//! them.

use super::period::{select, Period, Selected, Selection};
use super::universe::Universe;
use crate::catalog::metadata::{IndicatorKind, ListCoverage};
use crate::catalog::{Catalog, Countries, Indicator};
use crate::error::Result;

use polars::prelude::*;
use std::collections::BTreeSet;

/// How equal values share ranks.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Ties {
    /// 1, 2, 2, 4 (competition ranking, as indices publish).
    #[default]
    Min,
    /// 1, 2, 2, 3.
    Dense,
    /// 1, 2, 3, 4, equal values ordered by country name.
    Ordinal,
    /// 1, 2.5, 2.5, 4.
    Average,
}

impl Ties {
    fn method(self) -> RankMethod {
        match self {
            Ties::Min => RankMethod::Min,
            Ties::Dense => RankMethod::Dense,
            Ties::Ordinal => RankMethod::Ordinal,
            Ties::Average => RankMethod::Average,
        }
    }
}

/// What to rank and how.
#[derive(Debug, Clone, Default)]
pub struct RankQuery {
    pub indicator: String,
    pub period: Period,
    pub universe: Universe,
    pub ties: Ties,
    /// Overrides the indicator's direction: `Some(true)` ranks the highest value first.
    pub highest_first: Option<bool>,
    pub top: Option<usize>,
    pub compare_year: Option<i32>,
}

/// One ranked country.
#[derive(Debug, Clone, PartialEq)]
pub struct Ranked {
    pub iso3: String,
    pub name: String,
    pub value: f64,
    pub year: i32,
    pub published_rank: Option<u32>,
    pub published: Option<String>,
    pub rank: f64,
    /// What `rank` is: the source's published rank, or one computed within a subset.
    pub basis: RankBasis,
    /// The `--within` group, when ranking inside groups.
    pub group: Option<String>,
    pub vintage: Option<String>,
    pub flag: Option<String>,
}

/// What a rank is. The source's published rank is the authority; a computed rank says what it
/// was computed within.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RankBasis {
    /// The source's own published rank (ties on rounded scores never override it).
    Published,
    /// Computed within a subset (a group, listed countries, a `--within` group), in the order
    /// of the published ranks where the source publishes them.
    Within,
    /// Computed from the values over every country with one (the source publishes no rank).
    Computed,
    /// A position among the values innodex holds of a partial list (not the source's rank).
    Held,
}

/// A computed ranking and what was left out of it.
#[derive(Debug, Clone)]
pub struct Ranking {
    pub indicator: Indicator,
    pub rows: Vec<Ranked>,
    pub highest_first: bool,
    /// Named universe members without a value in the period (codes).
    pub no_value: Vec<String>,
    pub selection: Selection,
    /// Aggregates that had a value but were left out.
    pub aggregates_left_out: Vec<String>,
    /// Members of the universe's groups (at the reference year) whose value is from a year
    /// before they were members: (code, year of the value).
    pub not_member_then: Vec<(String, i32)>,
    /// The universe ranked over (group ids checked and normalised).
    pub universe: Universe,
    /// The reference year: named members are judged at it.
    pub reference_year: i32,
}

/// Assigns ranks to (name, value, group) rows: the core that every ranking goes through.
///
/// Returns one rank per input row, in input order.
pub fn assign_ranks(
    rows: &[(String, f64, String)],
    ties: Ties,
    highest_first: bool,
    within: bool,
) -> Result<Vec<f64>> {
    if rows.is_empty() {
        return Ok(vec![]);
    }
    // Ordinal ranks follow row order among equal values, so order rows by name first.
    let mut order: Vec<usize> = (0..rows.len()).collect();
    order.sort_by(|&a, &b| rows[a].0.cmp(&rows[b].0).then(a.cmp(&b)));
    let options = RankOptions {
        method: ties.method(),
        descending: false,
    };
    // Polars breaks ordinal ties by position for ascending ranks; for descending ranks the
    // negated value keeps that order, so rank ascending on the signed value.
    let sign = if highest_first { -1.0 } else { 1.0 };
    let signed: Vec<f64> = order.iter().map(|&i| sign * rows[i].1).collect();
    let ranks: Vec<f64> = if within {
        let df = df!(
            "value" => signed,
            "grp" => order.iter().map(|&i| rows[i].2.as_str()).collect::<Vec<&str>>(),
        )?;
        let rank = col("value").rank(options, None).over([col("grp")])?;
        let out = df
            .lazy()
            .select([rank.cast(DataType::Float64).alias("rank")])
            .collect()?;
        float_values(out.column("rank")?.as_materialized_series())?
    } else {
        // One ranking: the eager kernel (a lazy plan costs more than the ranking itself).
        let ranked = Series::new("value".into(), signed)
            .rank(options, None)
            .cast(&DataType::Float64)?;
        float_values(&ranked)?
    };
    let pos: Vec<u32> = order.iter().map(|&i| i as u32).collect();
    let mut result = vec![f64::NAN; rows.len()];
    for (p, r) in pos.iter().zip(ranks) {
        result[*p as usize] = r;
    }
    Ok(result)
}

/// A float column's values, NaN for nulls.
fn float_values(s: &Series) -> Result<Vec<f64>> {
    Ok(s.f64()?.iter().map(|r| r.unwrap_or(f64::NAN)).collect())
}

/// Ranks an indicator over a period and universe (each distinct query once per process).
pub fn compute(catalog: &Catalog, query: &RankQuery) -> Result<Ranking> {
    let key = format!("rank {query:?}");
    Ok((*catalog.memoised(key, || compute_once(catalog, query))?).clone())
}

fn compute_once(catalog: &Catalog, query: &RankQuery) -> Result<Ranking> {
    let countries = catalog.countries()?;
    let indicator = catalog.indicator(&query.indicator)?;
    let universe = query.universe.clone().resolve(countries)?;
    let selection = select(catalog, &indicator, &query.period)?;
    let highest_first = query
        .highest_first
        .unwrap_or(indicator.meta.higher_is_better);
    let reference_year = query.period.reference_year(query.period.today);
    let members_now: BTreeSet<String> = universe
        .named_members(countries, reference_year)
        .into_iter()
        .collect();
    let mut kept = Vec::new();
    let mut aggregates_left_out = Vec::new();
    let mut not_member_then = Vec::new();
    for s in &selection.rows {
        if universe.admits(countries, &s.iso3, s.year) {
            kept.push(s.clone());
        } else if countries.is_aggregate(&s.iso3) && !universe.include_aggregates {
            aggregates_left_out.push(s.iso3.clone());
        } else if members_now.contains(&s.iso3) {
            // A member now whose value is from before it joined: named, never silently dropped.
            not_member_then.push((s.iso3.clone(), s.year));
        }
    }
    let within = universe.within.is_some();
    let restricted = universe.is_restricted() || within;
    let rank_valued = indicator.meta.kind == IndicatorKind::Rank;
    let partial = indicator.meta.list == ListCoverage::Partial;
    let published_of = |s: &Selected| {
        if rank_valued {
            Some(s.value as u32)
        } else {
            s.published_rank
        }
    };
    // Published ranks are one publication's: used as the rank only when every value shown is
    // from the same edition or release (ranks from two releases would contradict each other).
    let cohorts: BTreeSet<(i32, Option<&str>)> = kept
        .iter()
        .map(|s| (s.year, s.published.as_deref()))
        .collect();
    let one_publication = cohorts.len() <= 1;
    let all_published = !kept.is_empty()
        && (one_publication || rank_valued)
        && kept.iter().all(|s| published_of(s).is_some());
    // Ranked within a subset on the published order where the source publishes one, so a
    // subset never reorders what the source ranked.
    let by_published = all_published && !partial && query.highest_first.is_none();
    let rows_in: Vec<(String, f64, String)> = kept
        .iter()
        .map(|s| {
            let group = universe
                .within_group(countries, &s.iso3, s.year)
                .unwrap_or_else(|| "(no group)".into());
            let key = if by_published {
                published_of(s).map_or(f64::NAN, f64::from)
            } else {
                s.value
            };
            (display_name(countries, &s.iso3), key, group)
        })
        .collect();
    let ties = if by_published { Ties::Min } else { query.ties };
    let ranks = assign_ranks(
        &rows_in,
        ties,
        if by_published { false } else { highest_first },
        within,
    )?;
    let mut rows: Vec<Ranked> = kept
        .iter()
        .zip(rows_in)
        .zip(ranks)
        .map(|((s, (name, _, group)), computed)| {
            let published = published_of(s).filter(|_| one_publication || rank_valued);
            let (rank, basis) = match (published, restricted, partial) {
                // The direction set on the command line reorders: a computed rank.
                _ if query.highest_first.is_some() => (computed, RankBasis::Computed),
                (Some(p), false, _) => (f64::from(p), RankBasis::Published),
                (_, true, _) => (computed, RankBasis::Within),
                (None, false, true) => (computed, RankBasis::Held),
                (None, false, false) => (computed, RankBasis::Computed),
            };
            Ranked {
                iso3: s.iso3.clone(),
                name,
                value: s.value,
                year: s.year,
                published_rank: published_of(s),
                published: s.published.clone(),
                rank,
                basis,
                group: within.then_some(group),
                vintage: s.vintage.clone(),
                flag: s.flag.clone(),
            }
        })
        .collect();
    rows.sort_by(|a, b| {
        a.group
            .cmp(&b.group)
            .then(a.rank.total_cmp(&b.rank))
            .then(b.value.total_cmp(&a.value).then(a.name.cmp(&b.name)))
    });
    let have: foldhash::HashSet<&str> = selection
        .rows
        .iter()
        .map(|r| r.iso3.as_str())
        .chain(selection.too_old.iter().map(|(c, _)| c.as_str()))
        .chain(selection.rank_only.iter().map(|r| r.iso3.as_str()))
        .chain(selection.not_in_edition.iter().map(|(c, _)| c.as_str()))
        .collect();
    let no_value = if universe.is_restricted() {
        universe
            .named_members(countries, reference_year)
            .into_iter()
            .filter(|m| !have.contains(m.as_str()))
            .collect()
    } else {
        // Unrestricted: countries with data in other periods but none in this one.
        let df = catalog.frame(&indicator)?;
        let codes = df.column(crate::catalog::store::cols::ISO3)?.str()?;
        let values = df.column(crate::catalog::store::cols::VALUE)?.f64()?;
        // Each code with a value once, then judged (a frame holds many years a country).
        let mut with_value = foldhash::HashSet::default();
        for (c, v) in codes.iter().zip(values.iter()) {
            if let (Some(c), Some(_)) = (c, v) {
                with_value.insert(c);
            }
        }
        let mut v: Vec<String> = with_value
            .into_iter()
            .filter(|c| !have.contains(c) && !countries.is_aggregate(c))
            .map(str::to_string)
            .collect();
        v.sort();
        v
    };
    Ok(Ranking {
        universe,
        indicator,
        rows,
        highest_first,
        no_value,
        selection,
        aggregates_left_out,
        not_member_then,
        reference_year,
    })
}

/// The first `top` rows of a ranking sorted by rank, plus any rows tied with the last of them.
pub fn cut_with_ties(rows: &[Ranked], top: Option<usize>) -> &[Ranked] {
    let Some(n) = top else { return rows };
    if n == 0 || n >= rows.len() {
        return &rows[..n.min(rows.len())];
    }
    let last = rows[n - 1].rank;
    let end = n + rows[n..].iter().take_while(|r| r.rank == last).count();
    &rows[..end]
}

/// A country's display name, or its code when the reference does not know it.
pub fn display_name(countries: &Countries, code: &str) -> String {
    countries.display_name(code)
}

#[cfg(test)]
mod tests;
