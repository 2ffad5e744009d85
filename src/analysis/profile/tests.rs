//! Tests of profile rows on the fixture datasets: ties and group ranks, typed reasons for
//! missing values, `a|b` fallbacks and ranking within the same year.

use super::*;

use crate::analysis::fixtures::profile_query as query;
use crate::catalog::fixture_catalog as fixtures;

#[test]
fn ties_share_a_rank_and_groups_rank_again() {
    let c = fixtures();
    let mut q = query("JPN", &["demo.rd"], Some(2021));
    q.group = Some("asia".into());
    let p = compute(&c, &q).expect("profile");
    let s = p.rows[0].standing.clone().expect("value");
    // DEU = JPN = 3.30 in 2021: both 2nd of 4 (SGP has no 2021 value).
    assert_eq!(
        (s.value, s.year, s.rank, s.of, s.tied),
        (Some(3.3), 2021, 2.0, 4, true)
    );
    let g = p.rows[0].group.clone().expect("group rank");
    assert_eq!((g.rank, g.of), (2.0, 2));
}

#[test]
fn missing_values_say_why() {
    let c = fixtures();
    let p = compute(
        &c,
        &query("SGP", &["demo.rd", "demo.index_rank"], Some(2021)),
    )
    .expect("profile");
    assert_eq!(
        p.rows[0].standing,
        Err(Missing::NoValueInPeriod { latest: Some(2020) })
    );
    assert_eq!(
        p.rows[1].standing,
        Err(Missing::RankOnly {
            year: 2021,
            rank: 4
        })
    );
    let p = compute(&c, &query("TUR", &["demo.index_rank"], None)).expect("profile");
    assert_eq!(p.rows[0].standing, Err(Missing::NotCovered));
}

#[test]
fn alternatives_fall_back_and_latest_ranks_within_the_same_year() {
    let c = fixtures();
    let p = compute(&c, &query("SGP", &["demo.index_rank|demo.rd"], Some(2020))).expect("profile");
    assert_eq!(p.rows[0].indicator.id, "demo.rd");
    assert_eq!(p.rows[0].fallback_from[0].0.id, "demo.index_rank");
    let s = p.rows[0].standing.clone().expect("value");
    assert_eq!((s.value, s.rank, s.of), (Some(2.16), 5.0, 5));
    // Latest: TUR's newest value is 2019, ranked among the six 2019 values (not FIN 2023).
    let p = compute(&c, &query("TUR", &["demo.rd"], None)).expect("profile");
    let s = p.rows[0].standing.clone().expect("value");
    assert_eq!((s.year, s.rank, s.of), (2019, 6.0, 6));
}
