//! Issue 2 "must show": datasets, indicators, resolve, countries, validate and the output options,
//! on the embedded data and the broken fixtures.

use crate::*;
use std::collections::BTreeSet;

#[test]
fn datasets_lists_the_seven_curated_datasets() {
    let t = csv_of(run(&["datasets", "--format", "csv"]));
    assert_eq!(
        t.header,
        [
            "id",
            "title",
            "publisher",
            "licence",
            "indicators",
            "countries",
            "years"
        ]
    );
    let ids: BTreeSet<String> = t.col("id").into_iter().collect();
    let want: BTreeSet<String> = ["bii", "countries", "eis", "gii", "ifr", "msti", "wdi"]
        .map(String::from)
        .into();
    assert_eq!(ids, want);
    // The indicator counts match the number of [[indicator]] tables in each dataset.toml.
    for row in t.cols(&["id", "indicators"]) {
        let toml_text =
            std::fs::read_to_string(root().join("datasets").join(&row[0]).join("dataset.toml"))
                .expect("dataset.toml");
        let doc: toml::Value = toml::from_str(&toml_text).expect("toml");
        let n = doc
            .get("indicator")
            .and_then(|v| v.as_array())
            .map_or(0, |a| a.len());
        assert_eq!(row[1], n.to_string(), "indicator count of {}", row[0]);
    }
}

#[test]
fn indicators_gii_lists_every_gii_indicator_with_its_unit_from_dataset_toml() {
    let t = csv_of(run(&["indicators", "gii", "--format", "csv"]));
    let shown: Vec<(String, String)> = t
        .cols(&["id", "unit"])
        .into_iter()
        .map(|r| (r[0].clone(), r[1].clone()))
        .collect();
    let toml_text =
        std::fs::read_to_string(root().join("datasets/gii/dataset.toml")).expect("toml");
    let doc: toml::Value = toml::from_str(&toml_text).expect("toml");
    let declared: Vec<(String, String)> = doc["indicator"]
        .as_array()
        .expect("indicators")
        .iter()
        .map(|i| {
            (
                format!("gii.{}", i["id"].as_str().expect("id")),
                i["unit"].as_str().expect("unit").to_string(),
            )
        })
        .collect();
    // Score, rank, input and output sub-indices, and the 7 pillars and 21 sub-pillars (score and
    // published rank each).
    assert_eq!(declared.len(), 6 + 2 * (7 + 21));
    assert_eq!(
        shown.iter().cloned().collect::<BTreeSet<_>>(),
        declared.into_iter().collect::<BTreeSet<_>>()
    );
    assert!(shown.contains(&("gii.score".into(), "score 0–100".into())));
}

#[test]
fn resolve_maps_aliases_and_repaired_mojibake_to_iso3() {
    let t = csv_of(run(&[
        "resolve",
        "Korea, Rep.",
        "South Korea",
        "Chinese Taipei",
        "Türkiye",
        "TÃ¼rkiye",
        "Hong Kong (China)",
        "--format",
        "csv",
    ]));
    assert_eq!(
        t.cols(&["input", "iso3"]),
        owned(&[
            &["Korea, Rep.", "KOR"],
            &["South Korea", "KOR"],
            &["Chinese Taipei", "TWN"],
            &["Türkiye", "TUR"],
            &["TÃ¼rkiye", "TUR"],
            &["Hong Kong (China)", "HKG"],
        ])
    );
    assert!(t.rows[4][t.idx("match")].contains("repaired encoding"));
}

#[test]
fn resolve_unknown_name_exits_1_and_names_it() {
    let out = run(&["resolve", "Atlantis", "--format", "csv"]);
    assert_eq!(out.code, 1);
    assert!(out.stderr.contains("'Atlantis'"), "{}", out.stderr);
    let t = Table::parse(&out.stdout);
    assert_eq!(t.col("input"), ["Atlantis"]);
    assert_eq!(t.col("iso3"), [""]);
    assert!(t.col("match")[0].starts_with("unmatched"));
}

#[test]
fn resolve_matches_whole_names_only_niger_is_not_nigeria() {
    let t = csv_of(run(&["resolve", "Niger", "Nigeria", "--format", "csv"]));
    assert_eq!(t.col("iso3"), ["NER", "NGA"]);
}

#[test]
fn resolve_congo_alone_is_ambiguous_and_exits_1() {
    let out = run(&["resolve", "Congo", "--format", "csv"]);
    assert_eq!(out.code, 1);
    let t = Table::parse(&out.stdout);
    assert_eq!(t.col("iso3"), [""]);
    let m = &t.col("match")[0];
    assert!(m.starts_with("ambiguous"), "{m}");
    assert!(m.contains("COG") && m.contains("COD"), "{m}");
    assert!(out.stderr.contains("'Congo'"));
}

fn member_codes(group: &str, year: Option<&str>) -> BTreeSet<String> {
    let mut args = vec!["countries", "--group", group, "--format", "csv"];
    if let Some(y) = year {
        args.extend(["--year", y]);
    }
    let t = csv_of(run(&args));
    let codes: BTreeSet<String> = t.col("iso3").into_iter().collect();
    assert_eq!(codes.len(), t.rows.len(), "no repeated rows");
    codes
}

#[test]
fn countries_by_group_nato_32_oecd_38_g7_7() {
    assert_eq!(member_codes("NATO", None).len(), 32);
    assert_eq!(member_codes("OECD", None).len(), 38);
    let g7 = member_codes("G7", None);
    let want: BTreeSet<String> = ["CAN", "DEU", "FRA", "GBR", "ITA", "JPN", "USA"]
        .map(String::from)
        .into();
    assert_eq!(g7, want);
}

#[test]
fn countries_nato_in_2022_has_30_members_without_finland_and_sweden() {
    let nato22 = member_codes("NATO", Some("2022"));
    assert_eq!(nato22.len(), 30);
    assert!(!nato22.contains("FIN") && !nato22.contains("SWE"));
    // The same set read straight from memberships.csv (Finland 2023-04-04, Sweden 2024-03-07).
    assert_eq!(nato22, members_at_end_of("NATO", 2022));
    let now = member_codes("NATO", None);
    assert_eq!(
        now.difference(&nato22).cloned().collect::<Vec<_>>(),
        ["FIN", "SWE"]
    );
    assert_eq!(member_codes("NATO", Some("2023")).len(), 31);
}

#[test]
fn validate_passes_on_embedded_data_repo_datasets_and_the_good_fixture() {
    let out = run(&["validate", "--format", "csv"]);
    assert_eq!(out.code, 0, "{}{}", out.stdout, out.stderr);
    assert_eq!(Table::parse(&out.stdout).rows.len(), 0, "no findings");
    for dir in [root().join("datasets"), fixture_dir()] {
        let out = run(&[
            "validate",
            "--data",
            dir.to_str().expect("utf8"),
            "--format",
            "csv",
        ]);
        assert_eq!(
            out.code,
            0,
            "{}: {}{}",
            dir.display(),
            out.stdout,
            out.stderr
        );
    }
}

/// Each broken fixture differs from `tests/fixtures/datasets` in one place (see `diff -r`); the
/// finding must name that file, line and column.
#[test]
fn validate_names_file_line_and_column_of_each_broken_fixture() {
    let cases = [
        // demo/dataset.toml line 16 is `decimal = 2` (should be `decimals`).
        ("broken-bad-toml-key", "demo/dataset.toml:16:1:", "decimal"),
        // demo/rd.csv line 15 repeats KOR 2021 (first on line 14).
        ("broken-duplicate", "demo/rd.csv:15:1:", "line 14"),
        // demo/rd.csv header `iso3,value` lacks `year`; the place is after the last column.
        ("broken-missing-column", "demo/rd.csv:1:3:", "'year'"),
        // demo/rd.csv line 10 is `JPN,2020,abc`: value in column 3.
        ("broken-non-numeric", "demo/rd.csv:10:3:", "'abc'"),
        // demo/rd.csv line 17 is `XYZ,2020,2.16`: code in column 1.
        ("broken-unknown-code", "demo/rd.csv:17:1:", "'XYZ'"),
    ];
    for (folder, place, what) in cases {
        let dir = root().join("tests/fixtures").join(folder);
        let out = run(&[
            "validate",
            "--data",
            dir.to_str().expect("utf8"),
            "--format",
            "csv",
        ]);
        assert_eq!(out.code, 1, "{folder}: {}{}", out.stdout, out.stderr);
        let t = Table::parse(&out.stdout);
        let findings = t.col("finding");
        assert_eq!(
            findings.len(),
            1,
            "{folder}: one defect, one finding: {findings:?}"
        );
        let want = format!("{}/{place}", dir.display());
        assert!(
            findings[0].starts_with(&want),
            "{folder}: {:?} does not start with {want}",
            findings[0]
        );
        assert!(findings[0].contains(what), "{folder}: {}", findings[0]);
        assert!(out.stderr.contains("validation failed"), "{}", out.stderr);
    }
}

#[test]
fn json_output_parses_and_carries_notes() {
    let (rows, notes) = json_of(run(&["countries", "--group", "G7", "--format", "json"]));
    assert_eq!(rows.len(), 7);
    assert!(rows.iter().any(|r| r["iso3"] == "JPN"));
    assert!(!notes.is_empty());
    let (rows, notes) = json_of(run(&[
        "rank",
        "gii.score",
        "--year",
        "2021",
        "--format",
        "json",
    ]));
    assert_eq!(rows[0]["iso3"], "CHE");
    // Every rank is WIPO's published rank, and the notes say so.
    assert!(
        notes
            .iter()
            .any(|n| n.starts_with("rank is the source's published rank")),
        "{notes:?}"
    );
}

#[test]
fn output_file_takes_its_format_from_the_extension() {
    let dir = tempfile::tempdir().expect("tempdir");
    let csv_path = dir.path().join("out.csv");
    let out = ok(run(&["groups", "-o", csv_path.to_str().expect("utf8")]));
    assert_eq!(out.stdout, "", "nothing on stdout when writing a file");
    let text = std::fs::read_to_string(&csv_path).expect("file written");
    let t = Table::parse(&text);
    assert_eq!(t.header[0], "id");
    assert!(t.col("id").contains(&"NATO".to_string()));

    let json_path = dir.path().join("out.json");
    ok(run(&["groups", "-o", json_path.to_str().expect("utf8")]));
    let doc: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&json_path).expect("file")).expect("json");
    assert!(doc["notes"].is_array() && doc["rows"].is_array());

    let md_path = dir.path().join("out.md");
    ok(run(&["groups", "-o", md_path.to_str().expect("utf8")]));
    let md = std::fs::read_to_string(&md_path).expect("file");
    assert!(md.contains("| id | name |"), "{md}");
}

#[test]
fn output_file_with_unknown_extension_is_a_usage_error() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("x.foo");
    let out = run(&["groups", "-o", path.to_str().expect("utf8")]);
    assert_eq!(out.code, 2);
    assert!(out.stderr.contains("x.foo"), "{}", out.stderr);
    assert!(!path.exists());
}

/// The World Bank income history read straight from the source file (independent of the
/// program): code → fiscal year (1989…2025) → code as printed ("L", "LM", "UM", "H", …).
/// `None` when the sources folder is not beside the repository.
fn wb_income_history(
) -> Option<std::collections::BTreeMap<String, std::collections::BTreeMap<i32, String>>> {
    let path = innodex::curate::default_sources_dir()
        .join("countries/wb_income_classification_history.csv");
    let mut r = csv::Reader::from_path(&path).ok()?;
    let mut out: std::collections::BTreeMap<String, std::collections::BTreeMap<i32, String>> =
        Default::default();
    for rec in r.deserialize::<std::collections::HashMap<String, String>>() {
        let rec = rec.expect("row");
        // FYnn is classified on the GNI of the year nn-2: the fiscal year is that year + 2.
        let fy: i32 = rec["gni_data_year"].parse::<i32>().expect("year") + 2;
        assert!(rec["wb_fiscal_year"].ends_with(&format!("{:02}", fy % 100)));
        out.entry(rec["wb_code"].clone())
            .or_default()
            .insert(fy, rec["income_group_code"].clone());
    }
    Some(out)
}

#[test]
#[allow(clippy::print_stderr)] // says why it was skipped
fn income_groups_are_dated_by_world_bank_fiscal_year() {
    let Some(history) = wb_income_history() else {
        eprintln!("skipped: the World Bank income history is not beside the repository");
        return;
    };
    // A country that moved from upper-middle to high income: Chile, UM up to FY13, H from FY14.
    let chile = &history["CHL"];
    let first_h = *chile
        .iter()
        .find(|(_, g)| g.as_str() == "H")
        .expect("Chile is high income at some point")
        .0;
    assert_eq!(chile[&(first_h - 1)], "UM");
    assert!(
        chile.range(first_h..).all(|(_, g)| g == "H"),
        "H ever since"
    );
    // Membership is judged on 31 December of year Y, which falls in FY(Y+1).
    for year in [first_h - 3, first_h - 2, first_h - 1, first_h, 2019, 2024] {
        let hic = member_codes("HIC", Some(&year.to_string()));
        let want = chile.get(&(year + 1)).map(String::as_str) == Some("H");
        assert_eq!(
            hic.contains("CHL"),
            want,
            "Chile in HIC at the end of {year}"
        );
    }
    assert_eq!(
        first_h - 1,
        2013,
        "Chile: high income from FY14 = from the year 2013"
    );

    // Every year: the HIC members equal the countries the history puts in H for FY(Y+1)
    // (codes outside the countries reference, such as the former Netherlands Antilles, left out).
    let countries: BTreeSet<String> = {
        let mut r = csv::Reader::from_path(root().join("datasets/countries/countries.csv"))
            .expect("countries.csv");
        r.records()
            .map(|rec| rec.expect("row")[0].to_string())
            .collect()
    };
    for year in [1990, 2000, 2012, 2013, 2019, 2023] {
        let want: BTreeSet<String> = history
            .iter()
            .filter(|(code, fys)| {
                countries.contains(*code) && fys.get(&(year + 1)).map(String::as_str) == Some("H")
            })
            .map(|(code, _)| code.clone())
            .collect();
        assert_eq!(
            member_codes("HIC", Some(&year.to_string())),
            want,
            "HIC {year}"
        );
    }
}

#[test]
#[allow(clippy::print_stderr)] // says why it was skipped
fn income_groups_today_are_the_fy25_classification() {
    // FY25 is the latest classification in the data, so today's groups are the FY25 lists of the
    // World Bank's FY25 group compositions.
    let path = innodex::curate::default_sources_dir()
        .join("countries/wb_class_fy25_group_compositions.csv");
    let Ok(mut r) = csv::Reader::from_path(&path) else {
        eprintln!("skipped: {} not found", path.display());
        return;
    };
    let mut fy25: std::collections::BTreeMap<String, BTreeSet<String>> = Default::default();
    for rec in r.records() {
        let rec = rec.expect("row");
        fy25.entry(rec[0].to_string())
            .or_default()
            .insert(rec[2].to_string());
    }
    for group in ["LIC", "LMC", "UMC", "HIC"] {
        assert_eq!(member_codes(group, None), fy25[group], "{group} today");
        assert_eq!(
            member_codes(group, Some("2024")),
            fy25[group],
            "{group} at the end of 2024 (FY25)"
        );
    }
    assert_eq!(fy25["HIC"].len(), 86);
}
