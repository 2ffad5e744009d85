//! The data analysts cite beyond the headline numbers, through the commands they would type:
//! GII pillars, scientific articles and patents, the European Innovation Scoreboard, and two
//! vintages of one World Bank series (answers read from the raw files in `sources/`).

use super::curated_facts::wdi_source_top10;
use crate::*;
use std::collections::BTreeSet;

#[test]
fn articles_and_patents_2020_top_ten_are_the_world_banks() {
    for (id, file) in [
        ("wdi.scientific_articles", "scientific_journal_articles.csv"),
        (
            "wdi.patent_applications_residents",
            "patent_applications_residents.csv",
        ),
    ] {
        let t = csv_of(run(&[
            "rank", id, "--year", "2020", "--top", "10", "--format", "csv",
        ]));
        let got: Vec<(String, f64)> = t
            .cols(&["iso3", "value"])
            .into_iter()
            .map(|r| (r[0].clone(), r[1].parse().expect("number")))
            .collect();
        assert_eq!(got, wdi_source_top10(file, "2020"), "{id}");
    }
}

#[test]
fn scoreboard_2021_puts_the_innovation_leaders_first_among_eu_members() {
    let t = csv_of(run(&[
        "rank",
        "eis.summary_innovation_index",
        "--year",
        "2021",
        "--group",
        "EU",
        "--top",
        "4",
        "--format",
        "csv",
    ]));
    let top: BTreeSet<String> = t.col("iso3").into_iter().collect();
    // The EIS 2021 report's Innovation Leaders: Sweden, Finland, Denmark, Belgium.
    assert_eq!(top, ["BEL", "DNK", "FIN", "SWE"].map(String::from).into());
}

#[test]
fn high_tech_exports_use_the_vintage_published_by_the_date() {
    let at = |extra: &[&str]| {
        let mut args = vec![
            "rank",
            "wdi.hightech_exports_pct",
            "--year",
            "2015",
            "--countries",
            "SGP",
            "--format",
            "json",
        ];
        args.extend_from_slice(extra);
        let out = ok(run(&args));
        let v: serde_json::Value = serde_json::from_str(&out.stdout).expect("json");
        let row = &v["rows"][0];
        (
            row["vintage"].as_str().expect("vintage").to_string(),
            v["notes"].to_string(),
        )
    };
    let (vintage, notes) = at(&["--as-of", "2025-01-01"]);
    assert_eq!(vintage, "2022-12");
    assert!(notes.contains("Vintage 2022-12"), "{notes}");
    let (vintage, notes) = at(&[]);
    assert_eq!(vintage, "2025-04");
    assert!(notes.contains("Vintage 2025-04"), "{notes}");
    // --vintage picks one explicitly.
    assert_eq!(at(&["--vintage", "2022-12"]).0, "2022-12");
}

#[test]
fn korea_gii_section_shows_wipos_pillar_ranks_and_the_rule() {
    let t = csv_of(run(&[
        "profile",
        "Korea",
        "--section",
        "gii",
        "--format",
        "csv",
    ]));
    let rows = t.cols(&["indicator", "rank", "edition", "assessment"]);
    assert_eq!(rows.len(), 7 + 21, "{rows:?}");
    // Each rank is WIPO's published rank for Korea in the 2025 edition of that item.
    for r in &rows {
        assert_eq!(r[2], "2025");
        let file = format!("{}.csv", r[0].trim_start_matches("gii."));
        let mut f = csv::Reader::from_path(root().join("datasets/gii").join(file)).expect("file");
        let published = f
            .deserialize::<std::collections::HashMap<String, String>>()
            .map(|x| x.expect("row"))
            .find(|x| x["iso3"] == "KOR" && x["year"] == "2025")
            .map(|x| x["published_rank"].clone())
            .expect("KOR 2025");
        assert_eq!(r[1], published, "{}", r[0]);
    }
    // Ranked 1st on human capital and research: always a strength.
    let hc = rows
        .iter()
        .find(|r| r[0] == "gii.human_capital_research")
        .expect("pillar 2");
    assert_eq!((hc[1].as_str(), hc[3].as_str()), ("1", "strength"));
    assert!(rows.iter().any(|r| r[3] == "weakness"));
    let json = ok(run(&[
        "profile",
        "Korea",
        "--section",
        "gii",
        "--format",
        "json",
    ]))
    .stdout;
    assert!(
        json.contains("a rule modelled on WIPO's economy profiles"),
        "{json}"
    );
}
