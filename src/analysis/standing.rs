//! A country's place on one indicator: its [`Standing`] in a ranking (rank, of how many, ties,
//! a partial list's "at least"), or the typed reason it has none ([`Missing`]), and [`place`],
//! which finds the value with the query's period and ranks it among the values of the same
//! publication or year. Every rank comes from [`rank::compute`].

use super::period::Period;
use super::rank::{self, RankBasis, Ranking, Ties};
use super::universe::Universe;
use crate::catalog::metadata::ListCoverage;
use crate::catalog::{Catalog, Indicator};
use crate::error::Result;

/// Why a country has no value.
#[derive(Debug, Clone, PartialEq)]
pub enum Missing {
    /// The source has values for the country, but none in the period (`latest`: its newest year).
    NoValueInPeriod { latest: Option<i32> },
    /// The source has never had a value for the country.
    NotCovered,
    /// The source gives only a rank in the period.
    RankOnly { year: i32, rank: u32 },
    /// Every value the source has for the country was published after the `--as-of` date.
    NotYetPublished { first: chrono::NaiveDate },
    /// An index economy absent from the edition shown (`last`: its last edition so far).
    NotInEdition { edition: i32, last: i32 },
}

/// A country's place in one ranking.
#[derive(Debug, Clone, PartialEq)]
pub struct Standing {
    /// `None` where the source published only a rank (a rank-only row newer than any value).
    pub value: Option<f64>,
    pub year: i32,
    pub rank: f64,
    /// What `rank` is (published, computed within a subset, a position among values held).
    pub basis: RankBasis,
    /// Countries ranked (for a partial list: the values innodex holds from that release).
    pub of: usize,
    /// A partial list: the highest published rank in the country's release, so the source
    /// ranked at least this many (`None` for complete lists).
    pub at_least: Option<u32>,
    /// Another country shares the rank.
    pub tied: bool,
    pub published_rank: Option<u32>,
    pub published: Option<String>,
    /// Oldest and newest year among the values ranked.
    pub ranked_years: (i32, i32),
}

/// Whether an indicator's values are published ranks (declared `kind = "rank"`).
pub fn is_rank_type(ind: &Indicator) -> bool {
    ind.meta.kind == crate::catalog::metadata::IndicatorKind::Rank
}

/// Percentile rank: 100 × (of − rank) / (of − 1); 100 when only one country is ranked.
pub fn percentile(rank: f64, of: usize) -> f64 {
    if of <= 1 {
        100.0
    } else {
        100.0 * (of as f64 - rank) / (of as f64 - 1.0)
    }
}

/// The ranking of an indicator over all countries, and within `group` when given.
#[derive(Debug, Clone)]
pub struct Rankings {
    pub all: Ranking,
    pub group: Option<Ranking>,
}

/// Ranks one indicator through [`rank::compute`] (all countries, and within the group).
pub fn rank_indicator(
    catalog: &Catalog,
    id: &str,
    period: &Period,
    ties: Ties,
    group: Option<&str>,
) -> Result<Rankings> {
    let mut q = rank::RankQuery {
        indicator: id.to_string(),
        period: period.clone(),
        ties,
        ..Default::default()
    };
    let all = rank::compute(catalog, &q)?;
    let group = match group {
        Some(g) => {
            q.universe = Universe {
                groups: vec![g.to_string()],
                ..Default::default()
            };
            Some(rank::compute(catalog, &q)?)
        }
        None => None,
    };
    Ok(Rankings { all, group })
}

/// A country's place in a ranking, if it is ranked (a value, or for a partial list a published
/// rank without a value).
pub fn standing_in(ranking: &Ranking, iso3: &str) -> Option<Standing> {
    let partial = ranking.indicator.meta.list == ListCoverage::Partial;
    let years = ranking.rows.iter().map(|r| r.year);
    let ranked_years = |y: i32| {
        (
            years.clone().min().unwrap_or(y),
            years.clone().max().unwrap_or(y),
        )
    };
    // The highest rank the source published in the release: it ranked at least that many.
    let at_least = || {
        ranking
            .rows
            .iter()
            .filter_map(|r| r.published_rank)
            .chain(ranking.selection.rank_only.iter().map(|r| r.rank))
            .max()
    };
    if let Some(me) = ranking.rows.iter().find(|r| r.iso3 == iso3) {
        return Some(Standing {
            value: Some(me.value),
            year: me.year,
            rank: me.rank,
            basis: me.basis,
            of: ranking.rows.len(),
            at_least: if partial { at_least() } else { None },
            tied: ranking
                .rows
                .iter()
                .any(|r| r.iso3 != iso3 && r.rank == me.rank),
            published_rank: me.published_rank,
            published: me.published.clone(),
            ranked_years: ranked_years(me.year),
        });
    }
    let only = ranking
        .selection
        .rank_only
        .iter()
        .find(|r| r.iso3 == iso3 && partial)?;
    Some(Standing {
        value: None,
        year: only.year,
        rank: f64::from(only.rank),
        basis: RankBasis::Published,
        of: ranking.rows.len() + ranking.selection.rank_only.len(),
        at_least: at_least(),
        tied: false,
        published_rank: Some(only.rank),
        published: only.published.clone(),
        ranked_years: ranked_years(only.year),
    })
}

/// Why a country is not in a ranking; `as_of` is the period's `--as-of` date, if any.
pub fn why_missing(
    catalog: &Catalog,
    ranking: &Ranking,
    iso3: &str,
    as_of: Option<&crate::catalog::dates::PartialDate>,
) -> Result<Missing> {
    if let Some((_, last)) = ranking
        .selection
        .not_in_edition
        .iter()
        .find(|(c, _)| c == iso3)
    {
        return Ok(Missing::NotInEdition {
            edition: ranking.selection.edition.unwrap_or(*last),
            last: *last,
        });
    }
    if let Some(r) = ranking.selection.rank_only.iter().find(|r| r.iso3 == iso3) {
        return Ok(Missing::RankOnly {
            year: r.year,
            rank: r.rank,
        });
    }
    let dating = super::period::Dating::of(
        &ranking.indicator,
        catalog.dataset(&ranking.indicator.dataset)?,
    );
    let obs = catalog.observations(&ranking.indicator)?;
    let available = |o: &crate::catalog::Observation| {
        dating
            .available(
                o.year,
                o.published.as_ref().map(|p| p.text.as_str()),
                o.vintage.as_deref(),
            )
            .map(|(d, _)| d)
    };
    let valued: Vec<_> = obs
        .iter()
        .filter(|o| o.iso3 == iso3 && o.value.is_some())
        .collect();
    let public = |o: &&crate::catalog::Observation| match as_of {
        Some(d) => available(o).is_some_and(|a| a <= d.end),
        None => true,
    };
    let latest = valued
        .iter()
        .copied()
        .filter(|o| public(o))
        .map(|o| o.year)
        .max();
    Ok(match latest {
        Some(y) => Missing::NoValueInPeriod { latest: Some(y) },
        None => match valued.iter().filter_map(|o| available(o)).min() {
            Some(first) if as_of.is_some() => Missing::NotYetPublished { first },
            _ => Missing::NotCovered,
        },
    })
}

/// A country's place on one indicator: its value in the period, ranked among the countries
/// with a value for the same year (or edition), all of them and within `group`.
#[derive(Debug, Clone)]
pub struct Placing {
    pub indicator: Indicator,
    pub standing: std::result::Result<Standing, Missing>,
    pub group: Option<Standing>,
}

/// Finds the country's value with the query's period, then ranks it among the values of that
/// same year (as published by the `--as-of` date), so an edition is never ranked against older
/// editions. Both steps go through [`rank::compute`].
pub fn place(
    catalog: &Catalog,
    id: &str,
    period: &Period,
    ties: Ties,
    group: Option<&str>,
    iso3: &str,
) -> Result<Placing> {
    let mut r = rank_indicator(catalog, id, period, ties, group)?;
    let Some(first) = standing_in(&r.all, iso3) else {
        return Ok(Placing {
            standing: Err(why_missing(catalog, &r.all, iso3, period.as_of.as_ref())?),
            indicator: r.all.indicator,
            group: None,
        });
    };
    // Rank against the values of the same publication (or year): never a 2025 edition against
    // 2013's, nor a 2020 figure against a handful of countries that happen to share its year.
    let published = first.published.clone();
    let cohort = period.cohort_of(first.year, published.as_deref());
    if first.ranked_years.0 != first.ranked_years.1 || published.is_some() {
        r = rank_indicator(catalog, id, &cohort, ties, group)?;
    }
    let standing = standing_in(&r.all, iso3).ok_or_else(|| {
        crate::error::Error::Compute(format!("{iso3} lost its {id} value when re-ranked"))
    })?;
    Ok(Placing {
        group: r.group.as_ref().and_then(|g| standing_in(g, iso3)),
        indicator: r.all.indicator,
        standing: Ok(standing),
    })
}
