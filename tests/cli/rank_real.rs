//! Issue 3 "must show" on the embedded data, checked against the curated CSV files read here
//! with the `csv` crate (independent of the program's loading and ranking code).

use crate::*;
use std::collections::{BTreeMap, BTreeSet};

#[test]
fn gii_2021_top_five_match_the_published_ranks() {
    let t = csv_of(run(&[
        "rank",
        "gii.score",
        "--year",
        "2021",
        "--top",
        "5",
        "--format",
        "csv",
    ]));
    assert!(t.header.starts_with(
        &[
            "rank",
            "rank_basis",
            "iso3",
            "country",
            "value",
            "unit",
            "year",
            "published_rank"
        ]
        .map(String::from)
    ));
    assert_eq!(
        t.cols(&["rank", "iso3", "published_rank", "year"]),
        owned(&[
            &["1", "CHE", "1", "2021"],
            &["2", "SWE", "2", "2021"],
            &["3", "USA", "3", "2021"],
            &["4", "GBR", "4", "2021"],
            &["5", "KOR", "5", "2021"],
        ])
    );
}

#[test]
fn ifr_robot_density_as_of_2021_08_18() {
    // What was public that day: the 2019 figures released on 2021-01-27 (2020 data came in
    // December 2021).
    let t = csv_of(run(&[
        "rank",
        "ifr.robot_density",
        "--as-of",
        "2021-08-18",
        "--top",
        "3",
        "--format",
        "csv",
    ]));
    assert_eq!(
        t.cols(&["rank", "iso3", "value", "year"]),
        owned(&[
            &["1", "SGP", "918", "2019"],
            &["2", "KOR", "868", "2019"],
            &["3", "JPN", "364", "2019"],
        ])
    );
}

/// iso3 → value of msti.gerd_pct_gdp for 2019, read from the curated CSV.
fn gerd_2019() -> BTreeMap<String, f64> {
    let mut r = csv::Reader::from_path(root().join("datasets/msti/gerd_pct_gdp.csv"))
        .expect("gerd_pct_gdp.csv");
    let mut out = BTreeMap::new();
    for rec in r.deserialize::<BTreeMap<String, String>>() {
        let rec = rec.expect("row");
        if rec["year"] == "2019" && !rec["value"].is_empty() {
            out.insert(rec["iso3"].clone(), rec["value"].parse().expect("number"));
        }
    }
    out
}

#[test]
fn msti_gerd_2019_israel_first_korea_second() {
    let t = csv_of(run(&[
        "rank",
        "msti.gerd_pct_gdp",
        "--year",
        "2019",
        "--format",
        "csv",
    ]));
    assert_eq!(
        t.cols(&["rank", "iso3"])[..2],
        owned(&[&["1", "ISR"], &["2", "KOR"]])
    );
    // Independently: no ISO3 country in the file has a 2019 value above Korea's except Israel.
    let gerd = gerd_2019();
    let kor = gerd["KOR"];
    let above: Vec<&String> = gerd
        .iter()
        .filter(|(c, v)| **v > kor && c.len() == 3 && c.chars().all(|ch| ch.is_ascii_uppercase()))
        .map(|(c, _)| c)
        .collect();
    assert_eq!(above, ["ISR"]);
}

#[test]
fn msti_gerd_2019_nato_ranks_only_members_as_of_2019() {
    let t = csv_of(run(&[
        "rank",
        "msti.gerd_pct_gdp",
        "--year",
        "2019",
        "--group",
        "NATO",
        "--format",
        "csv",
    ]));
    let shown: BTreeSet<String> = t.col("iso3").into_iter().collect();
    for c in ["FIN", "SWE", "MKD"] {
        assert!(!shown.contains(c), "{c} joined NATO after 2019");
    }
    let nato = members_at_end_of("NATO", 2019);
    assert_eq!(nato.len(), 29);
    let gerd = gerd_2019();
    let want: BTreeSet<String> = nato.into_iter().filter(|c| gerd.contains_key(c)).collect();
    assert_eq!(t.rows.len(), want.len());
    assert_eq!(shown, want);
    // Ranks restart from 1 inside the group: the best NATO member is 1st.
    assert_eq!(t.col("rank")[0], "1");
}

/// WIPO's published GII rank of a country in an edition, read from the dataset file.
fn gii_published_rank(iso3: &str, edition: i32) -> f64 {
    let mut r = csv::Reader::from_path(root().join("datasets/gii/rank.csv")).expect("gii/rank.csv");
    r.records()
        .map(|x| x.expect("record"))
        .find(|x| &x[0] == iso3 && x[1].parse::<i32>().ok() == Some(edition))
        .map(|x| x[2].parse::<f64>().expect("number"))
        .expect("rank present")
}

#[test]
fn compare_year_on_a_rank_indicator_reports_the_published_rank_change() {
    // Regression: rank_change was taken from a re-rank of the three countries shown (JPN 0,
    // SGP -1), although each improved its published GII rank between 2020 and 2025.
    let t = csv_of(ok(run(&[
        "rank",
        "gii.rank",
        "--year",
        "2025",
        "--countries",
        "JPN,KOR,SGP",
        "--compare-year",
        "2020",
        "--format",
        "csv",
    ])));
    for iso3 in ["JPN", "KOR", "SGP"] {
        let row = t
            .rows
            .iter()
            .find(|r| r[t.idx("iso3")] == iso3)
            .expect("row");
        let expected = gii_published_rank(iso3, 2020) - gii_published_rank(iso3, 2025);
        let got: f64 = row[t.idx("rank_change")].parse().expect("number");
        assert_eq!(got, expected, "{iso3}");
        assert!(got > 0.0, "{iso3} improved");
    }
}
