//! CLI tests for `profile`, `compare` and `peers`: the real binary on the fixture datasets, and
//! one check of the Japan as-of profile on the embedded data.

use crate::{ok, run, run_fixture};

/// `innodex --data tests/fixtures/datasets ARGS`, which must succeed: its stdout.
fn fixture(args: &[&str]) -> String {
    ok(run_fixture(args)).stdout
}

#[test]
fn profile_csv_has_value_year_rank_of_group_and_source() {
    let out = fixture(&[
        "profile",
        "Japan",
        "--indicators",
        "demo.rd,demo.index_rank",
        "--year",
        "2021",
        "--group",
        "ASIA",
        "--format",
        "csv",
    ]);
    assert_eq!(
        out,
        "indicator,title,value,unit,year,year_kind,rank,of,ranked_at_least,published_rank,group,group_rank,group_of,source,published,note\n\
         demo.rd,R&D spending,3.3,% of GDP,2021,data year,2,4,,,ASIA,2,2,Source: tests (2021),,\n\
         demo.index_rank,Index rank,2,rank,2021,edition,2,3,,2,ASIA,2,2,Source: tests (2021),2021-09-20,\n"
    );
}

#[test]
fn profile_of_a_country_without_values_says_why_and_keeps_the_rows() {
    let out = fixture(&[
        "profile",
        "SGP",
        "--indicators",
        "demo.rd,demo.index_rank",
        "--year",
        "2021",
        "--format",
        "csv",
    ]);
    let lines: Vec<&str> = out.lines().collect();
    assert_eq!(lines.len(), 3, "{out}");
    assert_eq!(
        lines[1],
        "demo.rd,R&D spending,,% of GDP,,data year,,,,,Source: tests,,no value for the period (latest data year 2020)"
    );
    assert_eq!(
        lines[2],
        "demo.index_rank,Index rank,,rank,,edition,,,,,Source: tests,,\"published rank only: 4 (2021), no value\""
    );
    let md = fixture(&[
        "profile",
        "TUR",
        "--indicators",
        "demo.rd,demo.index_rank",
        "--format",
        "markdown",
    ]);
    assert!(
        md.starts_with("**Türkiye — quick facts (latest values)**\n\n"),
        "{md}"
    );
    assert!(
        md.contains(
            "- **R&D spending:** 1.06% of GDP (2019 data), 6th of 6 — Source: tests (2019)\n"
        ),
        "{md}"
    );
    assert!(
        md.contains("- **Index rank:** no data (not covered by the source)\n"),
        "{md}"
    );
}

#[test]
fn profile_table_shows_no_data_never_zero() {
    let out = fixture(&[
        "profile",
        "SGP",
        "--indicators",
        "demo.rd",
        "--year",
        "2021",
        "--format",
        "table",
    ]);
    assert!(out.contains("no data"), "{out}");
    assert!(!out.contains(" 0 "), "{out}");
}

#[test]
fn profile_falls_back_to_the_next_alternative_and_says_so() {
    let out = fixture(&[
        "profile",
        "SGP",
        "--indicators",
        "demo.index_rank|demo.rd",
        "--year",
        "2020",
        "--format",
        "csv",
    ]);
    assert!(
        out.contains("demo.rd,R&D spending,2.16,% of GDP,2020,data year,5,5,"),
        "{out}"
    );
}

/// KOR leads every 2021 indicator it has: index rank 1 of 3, R&D 4.91 (1 of 4), patents 52 of
/// DEU 42, FIN 33, TUR 8 (1 of 4): all at the 100th percentile.
#[test]
fn strengths_list_percentile_ranks() {
    let out = fixture(&[
        "profile",
        "KOR",
        "--strengths",
        "--year",
        "2021",
        "--n",
        "1",
        "--format",
        "csv",
    ]);
    assert_eq!(
        out,
        "assessment,percentile,indicator,value,unit,year,rank,of,source\n\
         strength,100,demo.index_rank,1,rank,2021,1,3,Source: tests (2021)\n\
         strength,100,demo.rd,4.91,% of GDP,2021,1,4,Source: tests (2021)\n\
         strength,100,demo3.patents,52,per million people,2021,1,4,Source: pairing tests (2021)\n"
    );
}

#[test]
fn compare_is_tidy_in_csv_and_a_matrix_in_tables() {
    let csv = fixture(&[
        "compare",
        "JPN",
        "SGP",
        "--indicators",
        "demo.rd",
        "--year",
        "2021",
        "--format",
        "csv",
    ]);
    assert_eq!(
        csv,
        "indicator,iso3,country,value,unit,year,rank,of,ranked_at_least,published_rank,source,note\n\
         demo.rd,JPN,Japan,3.3,% of GDP,2021,2,4,,,Source: tests (2021),\n\
         demo.rd,SGP,Singapore,,% of GDP,,,,,,Source: tests,no data: no value for the period (latest data year 2020)\n"
    );
    let md = fixture(&[
        "compare",
        "JPN",
        "--group",
        "ASIA",
        "--indicators",
        "demo.rd,demo.index_rank",
        "--year",
        "2021",
        "--format",
        "markdown",
    ]);
    assert!(
        md.contains("| indicator | Japan | South Korea | Singapore |"),
        "{md}"
    );
    assert!(
        md.contains("| demo.rd | 3.30 (2021, #=2/4) | 4.91 (2021, #1/4) | no data |"),
        "{md}"
    );
    assert!(
        md.contains("| demo.index_rank | 2/3 (2021 ed.) | 1/3 (2021 ed.) | no data |"),
        "{md}"
    );
}

#[test]
fn peers_mark_the_country() {
    let out = fixture(&[
        "peers", "DEU", "demo.rd", "--n", "1", "--year", "2021", "--format", "csv",
    ]);
    assert_eq!(
        out,
        ",rank,iso3,country,value,year,is_country\n\
         ,1,KOR,South Korea,4.91,2021,false\n\
         ▶,2,DEU,Germany,3.3,2021,true\n\
         ,2,JPN,Japan,3.3,2021,false\n"
    );
}

#[test]
fn japan_as_of_2021_08_18_on_the_embedded_data() {
    let out = ok(run(&[
        "profile",
        "Japan",
        "--as-of",
        "2021-08-18",
        "--format",
        "csv",
    ]))
    .stdout;
    let rows: Vec<Vec<String>> = csv::Reader::from_reader(out.as_bytes())
        .records()
        .map(|r| r.expect("csv").iter().map(String::from).collect())
        .collect();
    let cols = |r: &Vec<String>| {
        (
            r[0].clone(),
            r[2].clone(),
            r[4].clone(),
            r[6].clone(),
            r[7].clone(),
        )
    };
    let got: Vec<_> = rows.iter().map(cols).collect();
    assert_eq!(
        got[0],
        (
            "gii.rank".into(),
            "16".into(),
            "2020".into(),
            "16".into(),
            "131".into()
        )
    );
    assert_eq!(
        got[1],
        (
            "ifr.robot_density".into(),
            "364".into(),
            "2019".into(),
            "3".into(),
            // IFR publishes a partial list: no "of N" over the part innodex holds...
            "".into()
        )
    );
    // ... but the release ranked at least 24 (its highest published rank held).
    assert_eq!(
        (rows[1][8].as_str(), rows[1][11].as_str()),
        ("24", "2021-01-27"),
        "{:?}",
        rows[1]
    );
    assert_eq!(
        got[2],
        (
            "bii.rank".into(),
            "12".into(),
            "2021".into(),
            "12".into(),
            "60".into()
        )
    );
    // No current-PPP figure had been published (NCSES 2022/2024): constant 2015 PPP, said so.
    assert_eq!(got[3].0, "msti.gerd_usd_const2015_ppp");
    assert_eq!((got[3].2.as_str(), got[3].3.as_str()), ("2019", "3"));
    assert!(got[3].1.starts_with("171839.9"), "{:?}", got[3]);
    assert!(
        rows[3][12].contains("constant 2015 prices and PPPs"),
        "{:?}",
        rows[3]
    );
    assert_eq!(got[4].0, "msti.gerd_pct_gdp");
    assert!(got[4].1.starts_with("3.21"), "{:?}", got[4]);
    assert_eq!(
        (got[4].2.as_str(), got[4].3.as_str(), got[4].4.as_str()),
        ("2019", "5", "44")
    );
}

#[test]
fn a_figure_published_after_as_of_is_said_to_be_not_yet_published() {
    // NCSES current-PPP GERD first appeared in SEI 2022 (published "2022"): on 2021-08-18 it did
    // not exist yet, which is a different reason from "no value for the period".
    let out = ok(run(&[
        "profile",
        "Japan",
        "--as-of",
        "2021-08-18",
        "--indicators",
        "msti.gerd_usd_current_ppp",
        "--format",
        "csv",
    ]))
    .stdout;
    assert!(
        out.contains("not yet published on the --as-of date"),
        "{out}"
    );
}

#[test]
fn compare_group_membership_is_judged_at_the_as_of_year() {
    // NATO had 30 members at the end of 2021 (Finland joined in 2023, Sweden in 2024).
    let out = ok(run(&[
        "compare",
        "--group",
        "NATO",
        "--as-of",
        "2021-08-18",
        "--indicators",
        "gii.rank",
        "--format",
        "csv",
    ]))
    .stdout;
    let rows: Vec<&str> = out.lines().skip(1).collect();
    assert_eq!(rows.len(), 30, "{out}");
    assert!(!out.contains(",FIN,") && !out.contains(",SWE,"), "{out}");
}

#[test]
fn strengths_leave_out_size_totals_and_duplicate_ranks() {
    // Regression: Japan's largest "strengths" were GDP and population (size, not performance),
    // and gii.rank counted the same standing as gii.score a second time.
    let out = ok(run(&["profile", "Japan", "--strengths", "--format", "csv"])).stdout;
    for id in [
        "wdi.gdp_usd",
        "wdi.population",
        "msti.gerd_usd_current_ppp",
        "gii.rank",
    ] {
        assert!(!out.contains(&format!(",{id},")), "{id} assessed:\n{out}");
    }
    assert!(out.contains(",gii.score,"), "{out}");
    let json = run(&["profile", "Japan", "--strengths", "--format", "json"]).stdout;
    assert!(
        json.contains("Left out of the default set") && json.contains("wdi.population"),
        "{json}"
    );
}
