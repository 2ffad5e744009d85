//! Tests of period selection on hand-built observations: `--as-of` with the latest revision,
//! publication rules, publication cohorts, the latest year with `--max-age` and rank-only rows.

use super::*;
use crate::catalog::metadata::{IndicatorMeta, PublicationRule, YearKind};
use crate::catalog::Observation;

fn select(obs: &[Observation], ind: &Indicator, period: &Period) -> Result<Selection> {
    let df = crate::catalog::store::frame_from_observations(obs)?;
    let dating = Dating {
        rule: ind.meta.publication.clone(),
        ..Default::default()
    };
    let today = NaiveDate::from_ymd_opt(2026, 12, 1).expect("date");
    select_frame(&df, &dating, period, &ind.id, today)
}

fn ind(rule: Option<PublicationRule>) -> Indicator {
    Indicator {
        id: "t.x".into(),
        dataset: "t".into(),
        meta: IndicatorMeta {
            id: "x".into(),
            title: "X".into(),
            unit: "u".into(),
            higher_is_better: true,
            year_kind: YearKind::Data,
            decimals: 0,
            file: "x.csv".into(),
            caveats: vec![],
            publication: rule,
            source_code: None,
            attribution: None,
            size_measure: false,
            kind: Default::default(),
            ranks: None,
            list: Default::default(),
            vintage_threshold_pct: None,
        },
    }
}

fn o(iso3: &str, year: i32, value: Option<f64>, published: Option<&str>) -> Observation {
    Observation {
        iso3: iso3.into(),
        year,
        value,
        published_rank: value.is_none().then_some(5),
        published: published.map(|p| PartialDate::parse(p).expect("date")),
        source_name: None,
        note: None,
        vintage: None,
        flags: Vec::new(),
    }
}

fn values(s: &Selection) -> Vec<(String, i32, f64)> {
    s.rows
        .iter()
        .map(|r| (r.iso3.clone(), r.year, r.value))
        .collect()
}

#[test]
fn as_of_uses_what_was_published_and_the_latest_revision() {
    // KOR 2019: 855 published 2020-09, revised to 868 on 2021-01-27; 2020 data in 2021-12.
    let obs = vec![
        o("KOR", 2019, Some(855.0), Some("2020-09")),
        o("KOR", 2019, Some(868.0), Some("2021-01-27")),
        o("KOR", 2020, Some(932.0), Some("2021-12")),
        o("SGP", 2019, Some(918.0), Some("2021-01-27")),
    ];
    let p = |d: &str| Period {
        as_of: Some(PartialDate::parse(d).expect("d")),
        ..Default::default()
    };
    let s = select(&obs, &ind(None), &p("2021-08-18")).expect("select");
    assert_eq!(
        values(&s),
        vec![("KOR".into(), 2019, 868.0), ("SGP".into(), 2019, 918.0)]
    );
    let s = select(&obs, &ind(None), &p("2020-12-31")).expect("select");
    assert_eq!(values(&s), vec![("KOR".into(), 2019, 855.0)]);
    // A month counts from its end: "2021-12" is not yet public on 2021-12-30.
    let s = select(&obs, &ind(None), &p("2021-12-30")).expect("select");
    assert_eq!(s.get("KOR").map(|r| r.year), Some(2019));
    let s = select(&obs, &ind(None), &p("2021-12")).expect("select");
    assert_eq!(s.get("KOR").map(|r| r.value), Some(932.0));
}

#[test]
fn publication_rule_applies_where_rows_have_no_date() {
    let rule = PublicationRule {
        year_offset: 2,
        month: 3,
        basis: "test".into(),
    };
    let obs = vec![
        o("JPN", 2019, Some(3.2), None),
        o("JPN", 2020, Some(3.3), None),
    ];
    let p = Period {
        as_of: Some(PartialDate::parse("2021-08-18").expect("d")),
        ..Default::default()
    };
    let s = select(&obs, &ind(Some(rule)), &p).expect("select");
    assert_eq!(values(&s), vec![("JPN".into(), 2019, 3.2)]);
    let err = select(&obs, &ind(None), &p).expect_err("no rule");
    assert_eq!(err.exit_code(), 2);
}

#[test]
fn a_publication_cohort_keeps_only_that_publication() {
    let obs = vec![
        o("KOR", 2019, Some(855.0), Some("2020-09")),
        o("KOR", 2019, Some(868.0), Some("2021-01-27")),
        o("SGP", 2019, Some(918.0), Some("2021-01-27")),
        o("SGP", 2018, Some(831.0), Some("2021-01-27")),
        o("USA", 2019, Some(228.0), Some("2020-09")),
    ];
    let s = select(
        &obs,
        &ind(None),
        &Period::default().cohort_of(2019, Some("2021-01-27")),
    )
    .expect("select");
    assert_eq!(
        values(&s),
        vec![("KOR".into(), 2019, 868.0), ("SGP".into(), 2019, 918.0)]
    );
}

#[test]
fn latest_year_max_age_and_rank_only_rows() {
    let obs = vec![
        o("AAA", 2018, Some(1.0), None),
        o("AAA", 2020, Some(2.0), None),
        o("BBB", 2015, Some(3.0), None),
        o("CCC", 2020, None, None),
    ];
    let s = select(&obs, &ind(None), &Period::default()).expect("select");
    assert_eq!(
        values(&s),
        vec![("AAA".into(), 2020, 2.0), ("BBB".into(), 2015, 3.0)]
    );
    assert_eq!(
        s.rank_only,
        vec![RankOnly {
            iso3: "CCC".into(),
            year: 2020,
            rank: 5,
            published: None
        }]
    );
    let s = select(
        &obs,
        &ind(None),
        &Period {
            max_age: Some(6),
            ..Default::default()
        },
    )
    .expect("select");
    // Counted from the reference year (today: 2026), not from the newest value.
    assert_eq!(values(&s), vec![("AAA".into(), 2020, 2.0)]);
    assert_eq!(s.too_old, vec![("BBB".into(), 2015)]);
    let s = select(
        &obs,
        &ind(None),
        &Period {
            year: Some(2018),
            ..Default::default()
        },
    )
    .expect("select");
    assert_eq!(values(&s), vec![("AAA".into(), 2018, 1.0)]);
}

#[test]
fn the_choice_does_not_depend_on_the_files_row_order() {
    let sorted = vec![
        o("AAA", 2018, Some(1.0), Some("2019-05")),
        o("AAA", 2020, Some(2.0), Some("2021-01")),
        o("AAA", 2020, Some(2.5), Some("2021-06")),
        o("BBB", 2015, Some(3.0), None),
        o("CCC", 2020, None, None),
    ];
    // AAA's rows apart, the newest publication first.
    let shuffled: Vec<Observation> = [2, 4, 0, 3, 1].iter().map(|&i| sorted[i].clone()).collect();
    let periods = [
        Period::default(),
        Period {
            max_age: Some(6),
            ..Default::default()
        },
        Period {
            year: Some(2020),
            ..Default::default()
        },
    ];
    for period in &periods {
        let a = select(&sorted, &ind(None), period).expect("sorted");
        let b = select(&shuffled, &ind(None), period).expect("shuffled");
        assert_eq!(values(&a), values(&b), "{period:?}");
        assert_eq!((&a.rank_only, &a.too_old), (&b.rank_only, &b.too_old));
    }
    // The latest publication of a year wins, wherever its row stands.
    let s = select(&shuffled, &ind(None), &periods[0]).expect("select");
    assert_eq!(s.get("AAA").map(|r| r.value), Some(2.5));
}
