//! Tests of the rank core: the four tie rules and ranks restarting within each `--within` group.

use super::*;

fn rows(vals: &[(&str, f64)]) -> Vec<(String, f64, String)> {
    vals.iter()
        .map(|(n, v)| (n.to_string(), *v, String::new()))
        .collect()
}

#[test]
fn each_tie_rule_gives_its_textbook_ranks() {
    // Values 9, 7, 7, 5: highest first.
    let r = rows(&[
        ("Delta", 7.0),
        ("Alpha", 9.0),
        ("Charlie", 5.0),
        ("Bravo", 7.0),
    ]);
    assert_eq!(
        assign_ranks(&r, Ties::Min, true, false).expect("min"),
        vec![2.0, 1.0, 4.0, 2.0]
    );
    assert_eq!(
        assign_ranks(&r, Ties::Dense, true, false).expect("dense"),
        vec![2.0, 1.0, 3.0, 2.0]
    );
    assert_eq!(
        assign_ranks(&r, Ties::Average, true, false).expect("avg"),
        vec![2.5, 1.0, 4.0, 2.5]
    );
    // Ordinal: Bravo before Delta by name.
    assert_eq!(
        assign_ranks(&r, Ties::Ordinal, true, false).expect("ord"),
        vec![3.0, 1.0, 4.0, 2.0]
    );
    // Lowest first (rank-type indicators).
    assert_eq!(
        assign_ranks(&r, Ties::Ordinal, false, false).expect("ord asc"),
        vec![3.0, 4.0, 1.0, 2.0]
    );
    assert_eq!(
        assign_ranks(&r, Ties::Min, false, false).expect("min asc"),
        vec![2.0, 4.0, 1.0, 2.0]
    );
}

#[test]
fn ranks_restart_within_each_group() {
    let r = vec![
        ("A".to_string(), 1.0, "x".to_string()),
        ("B".to_string(), 2.0, "x".to_string()),
        ("C".to_string(), 3.0, "y".to_string()),
        ("D".to_string(), 0.5, "y".to_string()),
    ];
    assert_eq!(
        assign_ranks(&r, Ties::Min, true, true).expect("within"),
        vec![2.0, 1.0, 1.0, 2.0]
    );
}

#[test]
fn max_age_counts_back_from_the_date_passed_in_not_the_clock() {
    // The fixture's demo.rd: newest values DEU/JPN/KOR 2021, FIN 2023, SGP 2020, TUR 2019.
    let catalog = crate::catalog::fixture_catalog();
    let on = |y: i32, m: u32| {
        let q = RankQuery {
            indicator: "demo.rd".into(),
            period: Period {
                max_age: Some(1),
                today: chrono::NaiveDate::from_ymd_opt(y, m, 1).expect("date"),
                ..Default::default()
            },
            ..Default::default()
        };
        let r = compute(&catalog, &q).expect("rank");
        let mut codes: Vec<String> = r.rows.iter().map(|r| r.iso3.clone()).collect();
        codes.sort();
        (r.reference_year, codes, r.selection.too_old)
    };
    // On 2021-06-01: values of 2020 or later.
    let (reference, codes, too_old) = on(2021, 6);
    assert_eq!(reference, 2021);
    assert_eq!(codes, ["DEU", "FIN", "JPN", "KOR", "SGP"]);
    assert_eq!(too_old, [("TUR".to_string(), 2019)]);
    // On 2024-01-01: only FIN's 2023 value is recent enough.
    let (reference, codes, _) = on(2024, 1);
    assert_eq!(reference, 2024);
    assert_eq!(codes, ["FIN"]);
}
