//! `compare` (indicators × countries, each value with its year and rank) and `peers` (the
//! countries ranked nearest above and below one country), as typed results
//! (`present::compare` lays them out). Ranks come from [`super::rank::compute`].

use super::indicator_spec::IndicatorSpec;
use super::period::Period;
use super::rank::{self, RankQuery, Ranking, Ties};
use super::standing::{why_missing, Missing, Standing};
use crate::catalog::{Catalog, Countries, Indicator};
use crate::error::Result;

/// What to compare.
#[derive(Debug, Clone, Default)]
pub struct CompareQuery {
    /// ISO3 codes, in the order to show.
    pub countries: Vec<String>,
    /// Indicator specs as in [`super::profile::ProfileQuery`]: for `a|b` each country gets the
    /// first alternative with a value for it ([`IndicatorSpec`]).
    pub indicators: Vec<String>,
    pub period: Period,
    pub ties: Ties,
}

/// One country's cell of a row: the alternative chosen for it and its standing.
#[derive(Debug, Clone)]
pub struct CompareCell {
    pub indicator: Indicator,
    pub standing: std::result::Result<Standing, Missing>,
    /// Preferred alternatives without a value for the country, with the reason.
    pub passed_over: Vec<(Indicator, Missing)>,
}

/// One indicator spec's standings for every country (cells in the query's country order).
#[derive(Debug, Clone)]
pub struct CompareRow {
    /// The row's indicator: the first alternative some country has a value of (the last when
    /// none has); a cell whose country fell back to a later one names its own.
    pub indicator: Indicator,
    pub cells: Vec<CompareCell>,
}

/// Each indicator spec's standings for each country, one row per spec.
pub fn compute(catalog: &Catalog, q: &CompareQuery) -> Result<Vec<CompareRow>> {
    let rows = super::each_in_order(&q.indicators, |spec| {
        let spec = IndicatorSpec::parse(spec);
        let mut cells = Vec::new();
        for c in &q.countries {
            let chosen = spec.place(catalog, &q.period, q.ties, None, c)?;
            cells.push(CompareCell {
                indicator: chosen.placing.indicator,
                standing: chosen.placing.standing,
                passed_over: chosen.passed_over,
            });
        }
        let position = |cell: &CompareCell| {
            spec.alternatives()
                .iter()
                .position(|a| *a == cell.indicator.id)
                .unwrap_or(usize::MAX)
        };
        let row_indicator = cells
            .iter()
            .filter(|c| c.standing.is_ok())
            .min_by_key(|c| position(c))
            .or(cells.first())
            .map(|c| c.indicator.clone());
        Ok(row_indicator.map(|indicator| CompareRow { indicator, cells }))
    })?;
    Ok(rows.into_iter().flatten().collect())
}

/// A group's members at the end of `year`, sorted.
pub fn members_in(countries: &Countries, group: &str, year: i32) -> Result<Vec<String>> {
    let g = countries.group(group)?;
    Ok(g.all_members()
        .into_iter()
        .filter(|m| g.member_in_year(m, year))
        .collect())
}

/// The standings around one country (`peers`).
#[derive(Debug, Clone)]
pub struct Peers {
    /// The ranking the country was placed in (among the values of its own publication or
    /// year where the query's period mixed them).
    pub ranking: Ranking,
    /// The period of that ranking.
    pub period: Period,
    /// The country's row in the ranking, or why it is not ranked.
    pub position: std::result::Result<usize, Missing>,
    /// The rows shown: up to `n` above and `n` below the country.
    pub shown: std::ops::Range<usize>,
}

/// `peers`: the `n` countries ranked nearest above and below `iso3`.
pub fn peers(catalog: &Catalog, query: &RankQuery, iso3: &str, n: usize) -> Result<Peers> {
    let mut ranking = rank::compute(catalog, query)?;
    let mut period = query.period.clone();
    // As in profiles: rank among the values of the country's own publication or year, not
    // each country's latest.
    if let Some(me) = ranking.rows.iter().find(|r| r.iso3 == iso3).cloned() {
        let mixed = ranking.rows.iter().any(|r| r.year != me.year);
        if period.year.is_none() && (mixed || me.published.is_some()) {
            period = period.cohort_of(me.year, me.published.as_deref());
            let q = RankQuery {
                period: period.clone(),
                ..query.clone()
            };
            ranking = rank::compute(catalog, &q)?;
        }
    }
    let Some(pos) = ranking.rows.iter().position(|r| r.iso3 == iso3) else {
        let m = why_missing(catalog, &ranking, iso3, period.as_of.as_ref())?;
        return Ok(Peers {
            ranking,
            period,
            position: Err(m),
            shown: 0..0,
        });
    };
    let lo = pos.saturating_sub(n);
    let hi = (pos + n + 1).min(ranking.rows.len());
    Ok(Peers {
        ranking,
        period,
        position: Ok(pos),
        shown: lo..hi,
    })
}
