//! Tests of pairing on the fixture datasets: years paired, left-out reasons, `--as-of` on both
//! indicators, universes and named members without values.

use super::*;
use crate::analysis::fixtures::{pair_query as q, reasons};
use crate::catalog::dates::PartialDate;
use crate::catalog::fixture_catalog as catalog;

fn summary(p: &Pairing) -> Vec<(String, f64, i32, f64, i32)> {
    p.pairs
        .iter()
        .map(|q| (q.iso3.clone(), q.x, q.x_year, q.y, q.y_year))
        .collect()
}

#[test]
fn same_year_pairs_and_names_the_missing() {
    let mut query = q("demo.rd", "demo3.patents");
    query.period.year = Some(2020);
    let p = pair(&catalog(), &query).expect("pair");
    // demo3.patents 2020: DEU 40, FIN 30, JPN 45, KOR 50, SGP 12, NGA 1; rd 2020 also has
    // OED (aggregate); NGA has no rd.
    assert_eq!(
        summary(&p),
        vec![
            ("FIN".into(), 2.91, 2020, 30.0, 2020),
            ("DEU".into(), 3.13, 2020, 40.0, 2020),
            ("JPN".into(), 3.27, 2020, 45.0, 2020),
            ("SGP".into(), 2.16, 2020, 12.0, 2020),
            ("KOR".into(), 4.80, 2020, 50.0, 2020),
        ]
    );
    assert_eq!(
        reasons(&p),
        vec![
            ("NGA".into(), LeftOutReason::NoX { y_year: 2020 }),
            ("OED".into(), LeftOutReason::Aggregate),
        ]
    );
    assert_eq!(p.max_gap(), 0);
}

#[test]
fn as_of_limits_both_indicators() {
    // rd: year Y public at the end of June Y+1; patents: Y public at the end of March Y+1.
    let mut query = q("demo.rd", "demo3.patents");
    query.period.as_of = Some(PartialDate::parse("2021-05-01").expect("date"));
    let p = pair(&catalog(), &query).expect("pair");
    let deu = p.pairs.iter().find(|q| q.iso3 == "DEU").expect("DEU");
    // rd 2020 not yet public (June 2021); patents 2020 public (March 2021).
    assert_eq!((deu.x_year, deu.y_year), (2019, 2020));
    assert!(p.pairs.iter().all(|q| q.x_year <= 2019 && q.y_year <= 2020));
}

#[test]
fn universe_and_no_value_members_are_named() {
    let mut query = q("demo.rd", "demo3.patents");
    query.period.year = Some(2020);
    query.universe.groups = vec!["NATO".into()];
    let p = pair(&catalog(), &query).expect("pair");
    // NATO in 2020: DEU, TUR (FIN joined 2023). TUR has no 2020 values at all.
    assert_eq!(
        p.pairs.iter().map(|q| q.iso3.as_str()).collect::<Vec<_>>(),
        ["DEU"]
    );
    let r = reasons(&p);
    assert!(r.contains(&("FIN".into(), LeftOutReason::OutsideUniverse)));
    assert!(r.contains(&("TUR".into(), LeftOutReason::NoValue)));
}
