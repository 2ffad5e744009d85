//! `profile`: one country's standing on a set of indicators — value, year, rank among all
//! countries with data in the period ("5th of 44"), rank within a group — as typed rows
//! (`present::profile` words and lays them out).
//!
//! Every rank comes from [`super::rank::compute`] through [`place`], one query per indicator,
//! with the tie and universe rules of `innodex rank`. The country's value is found with the
//! query's period, then ranked among the values of the same publication (where rows carry one:
//! an IFR release, an NCSES table) or else the same year or edition — so "of N" counts
//! comparable values, not every country's latest figure. A country without a value gets a row
//! saying why (never a zero, never a dropped row).

use super::indicator_spec::IndicatorSpec;
use super::period::Period;
use super::rank::{display_name, RankBasis, Ties};
pub use super::standing::{is_rank_type, percentile, place, Missing, Standing};
use crate::catalog::{Catalog, Indicator};
use crate::error::Result;

/// The default headline indicators; `a|b` takes `a` where the country has a value, else `b`
/// ([`IndicatorSpec`]).
pub const HEADLINE: &[&str] = &[
    "gii.rank",
    "ifr.robot_density",
    "bii.rank",
    "msti.gerd_usd_current_ppp|msti.gerd_usd_const2015_ppp",
    "msti.gerd_pct_gdp",
];

/// What to profile.
#[derive(Debug, Clone, Default)]
pub struct ProfileQuery {
    /// ISO3 code (already resolved).
    pub country: String,
    /// Indicator specs: ids, or `a|b` alternatives ([`IndicatorSpec`]: the first with a value
    /// for the country).
    pub indicators: Vec<String>,
    pub period: Period,
    /// Also rank within this group.
    pub group: Option<String>,
    pub ties: Ties,
}

/// One indicator of a profile.
#[derive(Debug, Clone)]
pub struct ProfileRow {
    pub indicator: Indicator,
    pub standing: std::result::Result<Standing, Missing>,
    /// Rank within the query's group: `None` without a group or when not ranked in it.
    pub group: Option<Standing>,
    /// Preferred indicators passed over (no value for the country), with the reason.
    pub fallback_from: Vec<(Indicator, Missing)>,
}

impl ProfileRow {
    /// Whether the value is itself a published rank (GII, Bloomberg).
    pub fn is_rank_type(&self) -> bool {
        is_rank_type(&self.indicator)
    }
    /// Percentile rank among the economies ranked; none for a partial list (no "of N" to
    /// take it from).
    pub fn percentile(&self) -> Option<f64> {
        self.standing
            .as_ref()
            .ok()
            .filter(|s| s.at_least.is_none() && s.basis != RankBasis::Held)
            .map(|s| percentile(s.rank, s.of))
    }
}

/// A computed profile.
#[derive(Debug, Clone)]
pub struct Profile {
    pub iso3: String,
    pub name: String,
    pub rows: Vec<ProfileRow>,
}

/// Computes a profile: one row per indicator spec.
pub fn compute(catalog: &Catalog, query: &ProfileQuery) -> Result<Profile> {
    let countries = catalog.countries()?;
    let group = match &query.group {
        Some(g) => Some(countries.group(g)?.id.clone()),
        None => None,
    };
    let rows = super::each_in_order(&query.indicators, |spec| {
        let chosen = IndicatorSpec::parse(spec).place(
            catalog,
            &query.period,
            query.ties,
            group.as_deref(),
            &query.country,
        )?;
        Ok(ProfileRow {
            indicator: chosen.placing.indicator,
            group: chosen.placing.group,
            standing: chosen.placing.standing,
            fallback_from: chosen.passed_over,
        })
    })?;
    Ok(Profile {
        name: display_name(countries, &query.country),
        iso3: query.country.clone(),
        rows,
    })
}

#[cfg(test)]
mod tests;
