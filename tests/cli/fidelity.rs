//! What an analyst can paste: the source's published figure is the authority, partial lists are
//! never presented as full rankings, `--as-of` uses real release dates where the sources record
//! them, and notes reach the reader whatever the format (issue: never contradict the source).

use crate::*;
use std::io::Read;

#[test]
fn robot_density_of_a_partial_list_is_never_nth_of_n() {
    // IFR publishes top lists; innodex holds what the press reported. India's 2021 value has no
    // published rank, so no rank is given, and the text says why.
    let md = ok(run(&["profile", "India", "--format", "markdown"])).stdout;
    let line = md
        .lines()
        .find(|l| l.contains("Robot density"))
        .expect("robot density line");
    assert!(!line.contains(" of 5"), "{line}");
    assert!(
        line.contains("innodex holds only part of the source's list"),
        "{line}"
    );
}

#[test]
fn japan_as_of_the_report_date_keeps_the_seed_box_with_its_release() {
    let md = ok(run(&[
        "profile",
        "Japan",
        "--as-of",
        "2021-08-18",
        "--format",
        "markdown",
    ]))
    .stdout;
    // The seed's quick facts: GII 16th, robot density 3rd with 364, Bloomberg 12th.
    assert!(md.contains("rank:** 16th of 131 (2020 edition)"), "{md}");
    assert!(
        md.contains("364 robots per 10,000 employees in manufacturing (2019 data), 3rd in the source's release of 2021-01-27, which ranked at least 24"),
        "{md}"
    );
    assert!(md.contains("12th of 60 (2021 edition)"), "{md}");
}

#[test]
fn bloomberg_2021_counts_from_its_real_release_date() {
    // Bloomberg 2021 appeared on 2021-02-03 (in the sources): two weeks later it is the edition.
    let t = csv_of(run(&[
        "rank",
        "bii.rank",
        "--as-of",
        "2021-02-15",
        "--top",
        "1",
        "--format",
        "csv",
    ]));
    assert_eq!(
        t.cols(&["iso3", "year", "rank"]),
        vec![vec!["KOR".to_string(), "2021".into(), "1".into()]]
    );
    // The day before, the 2020 edition (Germany first).
    let t = csv_of(run(&[
        "rank",
        "bii.rank",
        "--as-of",
        "2021-02-02",
        "--top",
        "1",
        "--format",
        "csv",
    ]));
    assert_eq!(t.cols(&["year"]), vec![vec!["2020".to_string()]]);
}

#[test]
fn csv_on_stdout_sends_the_notes_to_stderr() {
    // Piped CSV: the members without a value must not vanish with the table's footer.
    let out = ok(run_fixture(&[
        "rank", "demo.rd", "--year", "2021", "--group", "ASIA", "--format", "csv",
    ]));
    assert!(out.stdout.starts_with("rank,rank_basis,"), "{}", out.stdout);
    assert!(!out.stdout.contains("note:"), "{}", out.stdout);
    assert!(
        out.stderr
            .lines()
            .any(|l| l.starts_with("note: ") && l.contains("ranked")),
        "{}",
        out.stderr
    );
    // -q keeps stderr quiet.
    let quiet = ok(run_fixture(&[
        "-q", "rank", "demo.rd", "--year", "2021", "--format", "csv",
    ]));
    assert_eq!(quiet.stderr, "");
}

#[test]
fn csv_to_a_file_keeps_the_notes_beside_it_and_says_where() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("r.csv");
    let out = ok(run_fixture(&[
        "rank",
        "demo.rd",
        "--year",
        "2021",
        "-o",
        path.to_str().expect("path"),
    ]));
    let notes = std::fs::read_to_string(dir.path().join("r.notes.txt")).expect("notes file");
    assert!(notes.contains("Period: data year 2021."), "{notes}");
    assert!(out.stderr.contains("r.notes.txt"), "{}", out.stderr);
}

#[test]
fn a_rank_within_a_group_is_labelled_and_keeps_the_published_rank_beside_it() {
    let t = csv_of(run(&[
        "rank",
        "gii.score",
        "--year",
        "2025",
        "--group",
        "G7",
        "--format",
        "csv",
    ]));
    let rows = t.cols(&["iso3", "rank", "rank_basis", "published_rank"]);
    // G7 by WIPO's 2025 ranks (datasets/gii/score.csv): USA 3, GBR 6, DEU 11, JPN 12, FRA 13,
    // CAN 17, ITA 28.
    let first_two: Vec<Vec<String>> = rows.iter().take(2).cloned().collect();
    assert_eq!(
        first_two,
        vec![
            vec![
                "USA".to_string(),
                "1".into(),
                "within G7".into(),
                "3".into()
            ],
            vec![
                "GBR".to_string(),
                "2".into(),
                "within G7".into(),
                "6".into()
            ],
        ]
    );
    let jpn = rows.iter().find(|r| r[0] == "JPN").expect("JPN");
    assert_eq!((jpn[1].as_str(), jpn[3].as_str()), ("4", "12"));
}

#[test]
fn compare_xlsx_is_tidy_with_number_cells() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("c.xlsx");
    ok(run(&[
        "compare",
        "JPN",
        "KOR",
        "--as-of",
        "2021-08-18",
        "-o",
        path.to_str().expect("path"),
    ]));
    let mut zip = zip::ZipArchive::new(std::fs::File::open(&path).expect("open")).expect("zip");
    let mut sheet = String::new();
    zip.by_name("xl/worksheets/sheet1.xml")
        .expect("sheet")
        .read_to_string(&mut sheet)
        .expect("read");
    let mut strings = String::new();
    zip.by_name("xl/sharedStrings.xml")
        .expect("strings")
        .read_to_string(&mut strings)
        .expect("read");
    // Japan's robot density 364 and rank 3 are numbers; no "364 (2019, #3/14)" text cell.
    assert!(sheet.contains("<v>364</v>"), "{sheet}");
    assert!(!strings.contains("(2019, #"), "{strings}");
    assert!(strings.contains("ifr.robot_density"), "{strings}");
}

#[test]
fn the_briefing_pack_index_names_every_output_with_its_notes() {
    let dir = tempfile::tempdir().expect("tempdir");
    let out = dir.path().join("brief");
    ok(run(&[
        "run",
        "--all",
        "--out-dir",
        out.to_str().expect("path"),
    ]));
    let index = std::fs::read_to_string(out.join("README.md")).expect("index");
    let manifest: serde_json::Value = serde_json::from_str(
        &std::fs::read_to_string(out.join("manifest.json")).expect("manifest"),
    )
    .expect("json");
    let mut n = 0;
    for q in manifest["queries"].as_array().expect("queries") {
        for step in q["steps"].as_array().expect("steps") {
            let file = step["output"].as_str().expect("output");
            assert!(
                index.contains(&format!("### [{file}]({file})")),
                "{file} missing from the index"
            );
            n += 1;
        }
    }
    assert!(n >= 20, "{n} outputs");
    // A CSV's notes are in the index too (the NATO ranking's universe and published ranks).
    let nato = index
        .split("### [gii-nato-and-partners.csv]")
        .nth(1)
        .expect("nato section");
    assert!(
        nato.contains("rank is computed within NATO or NATO-PARTNERS"),
        "{nato}"
    );
}

#[test]
fn chart_country_lists_accept_names_with_a_comma() {
    let dir = tempfile::tempdir().expect("tempdir");
    let x = dir.path().join("x.png");
    let y = dir.path().join("y.png");
    ok(run(&[
        "chart",
        "scatter",
        "msti.gerd_pct_gdp",
        "ifr.robot_density",
        "--highlight",
        "Korea, Rep.,Japan",
        "-o",
        x.to_str().expect("path"),
    ]));
    let out = ok(run(&[
        "chart",
        "line",
        "msti.gerd_pct_gdp",
        "--countries",
        "Korea, Rep.,JPN",
        "-o",
        y.to_str().expect("path"),
    ]));
    assert!(out.stderr.contains("(2 countries"), "{}", out.stderr);
    assert!(x.is_file() && y.is_file());
}
