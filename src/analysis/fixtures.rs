//! Queries and readings shared by the engine's and the wording's unit tests (on the fixture
//! datasets, [`crate::catalog::fixture_catalog`]).

use super::pairs::{LeftOutReason, PairQuery, Pairing};
use super::period::Period;
use super::profile::ProfileQuery;
use super::rank::Ties;

/// A profile of `country` on `specs`, in `year` or each one's latest.
pub fn profile_query(country: &str, specs: &[&str], year: Option<i32>) -> ProfileQuery {
    ProfileQuery {
        country: country.into(),
        indicators: specs.iter().map(|s| s.to_string()).collect(),
        period: Period {
            year,
            ..Default::default()
        },
        group: None,
        ties: Ties::Min,
    }
}

/// A pairing of `x` and `y` with every other setting at its default.
pub fn pair_query(x: &str, y: &str) -> PairQuery {
    PairQuery {
        x: x.into(),
        y: y.into(),
        ..Default::default()
    }
}

/// The countries a pairing left out, with their reasons.
pub fn reasons(p: &Pairing) -> Vec<(String, LeftOutReason)> {
    p.left_out
        .iter()
        .map(|l| (l.iso3.clone(), l.reason.clone()))
        .collect()
}
