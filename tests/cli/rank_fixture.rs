//! `rank` on the hand-made fixture (`tests/fixtures/datasets`): every expected answer below is
//! worked out by hand from `demo/rd.csv`, `demo/index_rank.csv` and `countries/memberships.csv`.
//!
//! demo.rd (higher is better; year Y public by the end of June Y+1):
//!
//! | iso3 | 2019 | 2020 | 2021 | 2023 |
//! |------|------|------|------|------|
//! | DEU  | 3.17 | 3.13 | 3.30 |      |
//! | FIN  | 2.80 | 2.91 | 2.99 | 3.10 |
//! | JPN  | 3.20 | 3.27 | 3.30 |      |
//! | KOR  | 4.63 | 4.80 | 4.91 |      |
//! | OED  |      | 2.68 |      |      |  (aggregate)
//! | SGP  | 1.89 | 2.16 |      |      |
//! | TUR  | 1.06 |      |      |      |
//!
//! NATO: DEU 1955, TUR 1952, FIN 2023-04-04. ASIA: JPN KOR SGP. EUROPE: DEU FIN TUR.

use crate::*;

/// (rank, iso3, value, year) of every row.
fn ranked(args: &[&str]) -> Vec<(f64, String, f64, i32)> {
    let mut all = vec!["rank"];
    all.extend_from_slice(args);
    all.extend(["--format", "csv"]);
    let t = csv_of(run_fixture(&all));
    t.cols(&["rank", "iso3", "value", "year"])
        .into_iter()
        .map(|r| {
            (
                r[0].parse().expect("rank"),
                r[1].clone(),
                r[2].parse().expect("value"),
                r[3].parse().expect("year"),
            )
        })
        .collect()
}

fn rows(want: &[(f64, &str, f64, i32)]) -> Vec<(f64, String, f64, i32)> {
    want.iter()
        .map(|(r, c, v, y)| (*r, c.to_string(), *v, *y))
        .collect()
}

fn notes(args: &[&str]) -> Vec<String> {
    let mut all = vec!["rank"];
    all.extend_from_slice(args);
    all.extend(["--format", "json"]);
    json_of(run_fixture(&all)).1
}

/// The note that contains `marker`, or a panic listing all notes.
fn note_with(notes: &[String], marker: &str) -> String {
    notes
        .iter()
        .find(|n| n.contains(marker))
        .unwrap_or_else(|| panic!("no note contains {marker:?}: {notes:#?}"))
        .clone()
}

/// Latest values (the default period): KOR 4.91, DEU = JPN 3.30 (2021), FIN 3.10 (2023),
/// SGP 2.16 (2020), TUR 1.06 (2019); OED is an aggregate and left out.
const LATEST: &[(f64, &str, f64, i32)] = &[
    (1.0, "KOR", 4.91, 2021),
    (2.0, "DEU", 3.30, 2021),
    (2.0, "JPN", 3.30, 2021),
    (4.0, "FIN", 3.10, 2023),
    (5.0, "SGP", 2.16, 2020),
    (6.0, "TUR", 1.06, 2019),
];

#[test]
fn csv_header_starts_with_the_documented_columns() {
    let out = ok(run_fixture(&["rank", "demo.rd", "--format", "csv"]));
    let header = out.stdout.lines().next().expect("header");
    assert!(
        header.starts_with("rank,rank_basis,iso3,country,value,unit,year,published_rank"),
        "{header}"
    );
}

#[test]
fn default_period_is_each_countrys_latest_value_without_aggregates() {
    assert_eq!(ranked(&["demo.rd"]), rows(LATEST));
    assert_eq!(ranked(&["demo.rd", "--latest"]), rows(LATEST));
    let n = notes(&["demo.rd"]);
    assert!(note_with(&n, "--include-aggregates keeps them").contains("OECD members (OED)"));
    assert!(note_with(&n, "oldest value").contains("2019 (TUR)"));
}

#[test]
fn ties_min_2021() {
    assert_eq!(
        ranked(&["demo.rd", "--year", "2021", "--ties", "min"]),
        rows(&[
            (1.0, "KOR", 4.91, 2021),
            (2.0, "DEU", 3.30, 2021),
            (2.0, "JPN", 3.30, 2021),
            (4.0, "FIN", 2.99, 2021),
        ])
    );
    // min is the default.
    assert_eq!(
        ranked(&["demo.rd", "--year", "2021"]),
        ranked(&["demo.rd", "--year", "2021", "--ties", "min"])
    );
}

#[test]
fn ties_dense_2021() {
    assert_eq!(
        ranked(&["demo.rd", "--year", "2021", "--ties", "dense"]),
        rows(&[
            (1.0, "KOR", 4.91, 2021),
            (2.0, "DEU", 3.30, 2021),
            (2.0, "JPN", 3.30, 2021),
            (3.0, "FIN", 2.99, 2021),
        ])
    );
}

#[test]
fn ties_ordinal_2021_breaks_the_tie_by_country_name() {
    // Germany before Japan alphabetically.
    assert_eq!(
        ranked(&["demo.rd", "--year", "2021", "--ties", "ordinal"]),
        rows(&[
            (1.0, "KOR", 4.91, 2021),
            (2.0, "DEU", 3.30, 2021),
            (3.0, "JPN", 3.30, 2021),
            (4.0, "FIN", 2.99, 2021),
        ])
    );
}

#[test]
fn ties_average_2021() {
    assert_eq!(
        ranked(&["demo.rd", "--year", "2021", "--ties", "average"]),
        rows(&[
            (1.0, "KOR", 4.91, 2021),
            (2.5, "DEU", 3.30, 2021),
            (2.5, "JPN", 3.30, 2021),
            (4.0, "FIN", 2.99, 2021),
        ])
    );
}

#[test]
fn year_2021_names_the_countries_without_a_2021_value() {
    let n = notes(&["demo.rd", "--year", "2021"]);
    let gap = note_with(&n, "4 countries ranked");
    assert!(
        gap.contains("Singapore (SGP)") && gap.contains("Türkiye (TUR)"),
        "{gap}"
    );
}

#[test]
fn group_membership_is_judged_at_the_values_year() {
    // End of 2021: NATO has DEU and TUR, not FIN (joined 2023-04-04); TUR has no 2021 value.
    assert_eq!(
        ranked(&["demo.rd", "--year", "2021", "--group", "NATO"]),
        rows(&[(1.0, "DEU", 3.30, 2021)])
    );
    let n = notes(&["demo.rd", "--year", "2021", "--group", "NATO"]);
    let missing = note_with(&n, "no value");
    assert!(missing.contains("Türkiye (TUR)"), "{missing}");
    assert!(
        !missing.contains("FIN"),
        "FIN was not NATO in 2021: {missing}"
    );
    // FIN's 2023 value is a NATO member's value.
    assert_eq!(
        ranked(&["demo.rd", "--year", "2023", "--group", "NATO"]),
        rows(&[(1.0, "FIN", 3.10, 2023)])
    );
    // Latest: each country's newest value, membership judged at that value's year.
    assert_eq!(
        ranked(&["demo.rd", "--group", "NATO"]),
        rows(&[
            (1.0, "DEU", 3.30, 2021),
            (2.0, "FIN", 3.10, 2023),
            (3.0, "TUR", 1.06, 2019),
        ])
    );
}

#[test]
fn missing_group_members_are_named() {
    // ASIA in 2021: KOR and JPN have values, SGP does not.
    assert_eq!(
        ranked(&["demo.rd", "--year", "2021", "--group", "ASIA"]),
        rows(&[(1.0, "KOR", 4.91, 2021), (2.0, "JPN", 3.30, 2021)])
    );
    let n = notes(&["demo.rd", "--year", "2021", "--group", "ASIA"]);
    assert!(note_with(&n, "2 countries ranked").contains("Singapore (SGP)"));
}

#[test]
fn repeated_group_is_the_union() {
    // 2020: ASIA (KOR 4.80, JPN 3.27, SGP 2.16) ∪ NATO (DEU 3.13; TUR none; FIN not yet).
    assert_eq!(
        ranked(&["demo.rd", "--year", "2020", "--group", "ASIA", "--group", "NATO"]),
        rows(&[
            (1.0, "KOR", 4.80, 2020),
            (2.0, "JPN", 3.27, 2020),
            (3.0, "DEU", 3.13, 2020),
            (4.0, "SGP", 2.16, 2020),
        ])
    );
}

#[test]
fn max_age_counts_back_from_the_reference_year() {
    // As of 2024-12-31 (reference year 2024) the newest values public are FIN 2023 and 2021 for
    // the others; --max-age 3 keeps 2021 and later.
    let args = ["demo.rd", "--as-of", "2024-12-31", "--max-age", "3"];
    assert_eq!(
        ranked(&args),
        rows(&[
            (1.0, "KOR", 4.91, 2021),
            (2.0, "DEU", 3.30, 2021),
            (2.0, "JPN", 3.30, 2021),
            (4.0, "FIN", 3.10, 2023),
        ])
    );
    let n = notes(&args);
    let old = note_with(&n, "--max-age");
    assert!(
        old.contains("Singapore (SGP, 2020)") && old.contains("Türkiye (TUR, 2019)"),
        "{old}"
    );
    note_with(&n, "at most 3 years before 2024");
    // --max-age 2 keeps only 2022 and later: FIN alone.
    assert_eq!(
        ranked(&["demo.rd", "--as-of", "2024-12-31", "--max-age", "2"]),
        rows(&[(1.0, "FIN", 3.10, 2023)])
    );
    // --max-age with --year is refused by the parser.
    let out = run_fixture(&["rank", "demo.rd", "--year", "2021", "--max-age", "1"]);
    assert_eq!(out.code, 2);
}

/// Values as published by the end of June 2020 (2019 data only).
const DATA_2019: &[(f64, &str, f64, i32)] = &[
    (1.0, "KOR", 4.63, 2019),
    (2.0, "JPN", 3.20, 2019),
    (3.0, "DEU", 3.17, 2019),
    (4.0, "FIN", 2.80, 2019),
    (5.0, "SGP", 1.89, 2019),
    (6.0, "TUR", 1.06, 2019),
];

/// Values as published by the end of June 2021 (2020 data; TUR's newest is 2019).
const DATA_2020: &[(f64, &str, f64, i32)] = &[
    (1.0, "KOR", 4.80, 2020),
    (2.0, "JPN", 3.27, 2020),
    (3.0, "DEU", 3.13, 2020),
    (4.0, "FIN", 2.91, 2020),
    (5.0, "SGP", 2.16, 2020),
    (6.0, "TUR", 1.06, 2019),
];

#[test]
fn as_of_applies_the_june_next_year_publication_rule() {
    // 2020 data become public on 2021-06-30 (inclusive), not a day earlier.
    assert_eq!(
        ranked(&["demo.rd", "--as-of", "2021-06-29"]),
        rows(DATA_2019)
    );
    assert_eq!(
        ranked(&["demo.rd", "--as-of", "2021-06-30"]),
        rows(DATA_2020)
    );
    // 2021 data wait until 2022-06-30, so a day after the boundary changes nothing.
    assert_eq!(
        ranked(&["demo.rd", "--as-of", "2021-07-01"]),
        rows(DATA_2020)
    );
    assert_eq!(
        ranked(&["demo.rd", "--as-of", "2022-06-29"]),
        rows(DATA_2020)
    );
    // A month counts from its end: 2021-06 is 2021-06-30, 2021-05 is before the boundary.
    assert_eq!(ranked(&["demo.rd", "--as-of", "2021-06"]), rows(DATA_2020));
    assert_eq!(ranked(&["demo.rd", "--as-of", "2021-05"]), rows(DATA_2019));
    // End of June 2022: 2021 data (FIN's 2023 value is not public until 2024-06-30).
    let june_2022 = rows(&[
        (1.0, "KOR", 4.91, 2021),
        (2.0, "DEU", 3.30, 2021),
        (2.0, "JPN", 3.30, 2021),
        (4.0, "FIN", 2.99, 2021),
        (5.0, "SGP", 2.16, 2020),
        (6.0, "TUR", 1.06, 2019),
    ]);
    assert_eq!(ranked(&["demo.rd", "--as-of", "2022-06"]), june_2022);
    // A bare year counts from its end.
    assert_eq!(ranked(&["demo.rd", "--as-of", "2022"]), june_2022);
    assert_eq!(ranked(&["demo.rd", "--as-of", "2024"]), rows(LATEST));
}

#[test]
fn as_of_combines_with_year() {
    assert_eq!(
        ranked(&["demo.rd", "--year", "2020", "--as-of", "2021-06-30"]),
        rows(&DATA_2020[..5])
    );
    // 2021 data were not public on 2021-08-18: nothing to rank.
    let out = run_fixture(&["rank", "demo.rd", "--year", "2021", "--as-of", "2021-08-18"]);
    assert_eq!(out.code, 1);
    assert!(
        out.stderr.contains("no country has a value"),
        "{}",
        out.stderr
    );
}

#[test]
fn countries_list_accepts_names_and_codes() {
    assert_eq!(
        ranked(&["demo.rd", "--countries", "South Korea,JPN"]),
        rows(&[(1.0, "KOR", 4.91, 2021), (2.0, "JPN", 3.30, 2021)])
    );
    // An alias from aliases.csv ("Korea"), and TUR, which has no 2021 value: named in the notes.
    assert_eq!(
        ranked(&["demo.rd", "--year", "2021", "--countries", "Korea,TUR"]),
        rows(&[(1.0, "KOR", 4.91, 2021)])
    );
    let n = notes(&["demo.rd", "--year", "2021", "--countries", "Korea,TUR"]);
    assert!(note_with(&n, "no value").contains("Türkiye (TUR)"));
}

#[test]
fn countries_list_with_an_unknown_name_is_a_usage_error() {
    let out = run_fixture(&["rank", "demo.rd", "--countries", "Atlantis"]);
    assert_eq!(out.code, 2);
    assert!(out.stderr.contains("'Atlantis'"), "{}", out.stderr);
}

#[test]
fn within_region_ranks_inside_each_group() {
    let t = csv_of(run_fixture(&[
        "rank", "demo.rd", "--within", "region", "--format", "csv",
    ]));
    assert_eq!(
        t.cols(&["rank", "iso3", "group"]),
        owned(&[
            &["1", "KOR", "Asian test region"],
            &["2", "JPN", "Asian test region"],
            &["3", "SGP", "Asian test region"],
            &["1", "DEU", "European test region"],
            &["2", "FIN", "European test region"],
            &["3", "TUR", "European test region"],
        ])
    );
    // --top applies per group.
    let t = csv_of(run_fixture(&[
        "rank", "demo.rd", "--within", "region", "--top", "1", "--format", "csv",
    ]));
    assert_eq!(t.col("iso3"), ["KOR", "DEU"]);
}

#[test]
fn unknown_within_kind_is_a_usage_error_with_a_suggestion() {
    let out = run_fixture(&["rank", "demo.rd", "--within", "regio"]);
    assert_eq!(out.code, 2);
    assert!(
        out.stderr.contains("did you mean 'region'"),
        "{}",
        out.stderr
    );
}

#[test]
fn include_aggregates_keeps_oed() {
    assert_eq!(
        ranked(&["demo.rd", "--include-aggregates"]),
        rows(&[
            (1.0, "KOR", 4.91, 2021),
            (2.0, "DEU", 3.30, 2021),
            (2.0, "JPN", 3.30, 2021),
            (4.0, "FIN", 3.10, 2023),
            (5.0, "OED", 2.68, 2020),
            (6.0, "SGP", 2.16, 2020),
            (7.0, "TUR", 1.06, 2019),
        ])
    );
}

#[test]
fn ascending_and_descending_override_the_direction() {
    assert_eq!(
        ranked(&["demo.rd", "--year", "2021", "--ascending"]),
        rows(&[
            (1.0, "FIN", 2.99, 2021),
            (2.0, "DEU", 3.30, 2021),
            (2.0, "JPN", 3.30, 2021),
            (4.0, "KOR", 4.91, 2021),
        ])
    );
    let n = notes(&["demo.rd", "--year", "2021", "--ascending"]);
    assert!(note_with(&n, "Ties:").contains("lowest value ranks 1st"));
    // index_rank is lower-is-better; --descending puts the highest value (DEU 3) first.
    assert_eq!(
        ranked(&["demo.index_rank", "--descending"]),
        rows(&[
            (1.0, "DEU", 3.0, 2021),
            (2.0, "JPN", 2.0, 2021),
            (3.0, "KOR", 1.0, 2021),
        ])
    );
    let out = run_fixture(&["rank", "demo.rd", "--ascending", "--descending"]);
    assert_eq!(out.code, 2);
}

#[test]
fn top_limits_the_rows() {
    assert_eq!(ranked(&["demo.rd", "--top", "1"]), rows(&LATEST[..1]));
    // The tie at rank 2 lies inside the first three.
    assert_eq!(
        ranked(&["demo.rd", "--year", "2021", "--top", "3"]),
        rows(&[
            (1.0, "KOR", 4.91, 2021),
            (2.0, "DEU", 3.30, 2021),
            (2.0, "JPN", 3.30, 2021),
        ])
    );
    // --top does not change the universe size stated in the notes.
    let n = notes(&["demo.rd", "--top", "1"]);
    note_with(&n, "6 countries ranked");
}

#[test]
fn compare_year_adds_the_earlier_rank_value_and_change() {
    let t = csv_of(run_fixture(&[
        "rank",
        "demo.rd",
        "--year",
        "2021",
        "--compare-year",
        "2019",
        "--format",
        "csv",
    ]));
    // 2019 ranks: KOR 4.63 (1), JPN 3.20 (2), DEU 3.17 (3), FIN 2.80 (4), SGP, TUR.
    // rank_change = rank_2019 − rank (positive: moved up).
    assert_eq!(
        t.cols(&["rank", "iso3", "rank_2019", "value_2019", "rank_change"]),
        owned(&[
            &["1", "KOR", "1", "4.63", "0"],
            &["2", "DEU", "3", "3.17", "1"],
            &["2", "JPN", "2", "3.2", "0"],
            &["4", "FIN", "4", "2.8", "0"],
        ])
    );
    let changes: Vec<f64> = t
        .col("value_change")
        .iter()
        .map(|v| v.parse().expect("number"))
        .collect();
    for (got, want) in changes.iter().zip([0.28, 0.13, 0.10, 0.19]) {
        assert!((got - want).abs() < 1e-9, "{changes:?}");
    }
    let n = notes(&["demo.rd", "--year", "2021", "--compare-year", "2019"]);
    note_with(&n, "Caveat: Test caveat.");
}

#[test]
fn empty_universe_exits_1_with_a_clear_message() {
    let out = run_fixture(&["rank", "demo.rd", "--year", "2022", "--format", "csv"]);
    assert_eq!(out.code, 1);
    assert_eq!(out.stdout, "");
    assert!(
        out.stderr
            .contains("no country has a value for demo.rd (data year 2022)"),
        "{}",
        out.stderr
    );
}

#[test]
fn unknown_indicator_exits_2_with_a_suggestion() {
    let out = run_fixture(&["rank", "demo.rdd"]);
    assert_eq!(out.code, 2);
    assert!(
        out.stderr.contains("did you mean 'demo.rd'"),
        "{}",
        out.stderr
    );
    assert_eq!(out.stdout, "");
}

#[test]
fn unknown_group_exits_2_with_a_suggestion() {
    let out = run_fixture(&["rank", "demo.rd", "--group", "NATOO"]);
    assert_eq!(out.code, 2);
    assert!(out.stderr.contains("did you mean 'NATO'"), "{}", out.stderr);
}

#[test]
fn bad_as_of_is_a_usage_error() {
    for bad in ["2021-13-01", "yesterday", "2021-02-30"] {
        let out = run_fixture(&["rank", "demo.rd", "--as-of", bad]);
        assert_eq!(out.code, 2, "{bad}: {}", out.stderr);
        assert!(out.stderr.contains("--as-of"), "{bad}: {}", out.stderr);
    }
}

#[test]
fn rank_only_rows_are_named_in_the_notes_not_dropped_silently() {
    // index_rank: lower is better; SGP has a published rank (4) but no value.
    let t = csv_of(run_fixture(&["rank", "demo.index_rank", "--format", "csv"]));
    assert_eq!(
        t.cols(&["rank", "iso3", "published_rank"]),
        owned(&[&["1", "KOR", "1"], &["2", "JPN", "2"], &["3", "DEU", "3"]])
    );
    let n = notes(&["demo.index_rank"]);
    assert!(note_with(&n, "no value").contains("Singapore (SGP, 2021: published rank 4"));
}

#[test]
fn top_keeps_countries_tied_at_the_cut_off_and_says_so() {
    // 2021: KOR 4.91, then DEU = JPN = 3.30 share rank 2; --top 2 must not hide Japan.
    assert_eq!(
        ranked(&["demo.rd", "--year", "2021", "--top", "2"]),
        rows(&[
            (1.0, "KOR", 4.91, 2021),
            (2.0, "DEU", 3.30, 2021),
            (2.0, "JPN", 3.30, 2021)
        ])
    );
    note_with(
        &notes(&["demo.rd", "--year", "2021", "--top", "2"]),
        "tied at the cut-off: Japan (JPN)",
    );
}

#[test]
fn countries_list_accepts_names_with_a_comma() {
    // "Korea, Rep." is one alias in the fixture; the comma inside it is not a separator.
    assert_eq!(
        ranked(&[
            "demo.rd",
            "--year",
            "2021",
            "--countries",
            "Korea, Rep.,FIN"
        ]),
        rows(&[(1.0, "KOR", 4.91, 2021), (2.0, "FIN", 2.99, 2021)])
    );
}

#[test]
fn a_member_whose_value_predates_its_membership_is_named_not_dropped() {
    // As of 2024-06-29 Finland's 2023 value (public by 2024-06-30) is not yet out, so its latest
    // is 2021 — before it joined NATO (2023-04-04). It is not ranked, and the notes say why.
    let args = ["demo.rd", "--group", "NATO", "--as-of", "2024-06-29"];
    assert_eq!(
        ranked(&args),
        rows(&[(1.0, "DEU", 3.30, 2021), (2.0, "TUR", 1.06, 2019)])
    );
    note_with(&notes(&args), "Finland (FIN, value of 2021)");
}

#[test]
fn max_age_counts_from_the_reference_year_not_from_one_countrys_newest_value() {
    // FIN's 2023 value is the newest of all; counted from the reference year 2024, --max-age 3
    // keeps the 2021 values in ASIA, and SGP's 2020 value is named as too old.
    let args = [
        "demo.rd",
        "--group",
        "ASIA",
        "--as-of",
        "2024-12-31",
        "--max-age",
        "3",
    ];
    assert_eq!(
        ranked(&args),
        rows(&[(1.0, "KOR", 4.91, 2021), (2.0, "JPN", 3.30, 2021)])
    );
    note_with(&notes(&args), "Singapore (SGP, 2020)");
}
