//! `innodex import` end to end: each layout imports, validates and ranks with the values the
//! fixture files hold (read by hand), and a bad file names every line it could not import.

/// Runs `innodex ARGS`: (exit code, stdout, stderr).
fn innodex(args: &[&str]) -> (i32, String, String) {
    let out = super::run(args);
    (out.code, out.stdout, out.stderr)
}
use std::path::Path;

fn fixture(name: &str) -> String {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/import")
        .join(name)
        .display()
        .to_string()
}

/// Imports a fixture into a fresh folder, checks validate passes, returns the folder.
fn import_ok(file: &str, extra: &[&str]) -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("tempdir");
    let d = dir.path().display().to_string();
    let mut args = vec![
        "import",
        file,
        "--dataset",
        "x",
        "--data",
        &d,
        "--format",
        "csv",
    ];
    args.extend_from_slice(extra);
    let (code, _, err) = innodex(&args);
    assert_eq!(code, 0, "import failed: {err}");
    let (code, out, err) = innodex(&["validate", "--data", &d, "--format", "csv"]);
    assert_eq!(code, 0, "validate failed: {out}{err}");
    dir
}

/// `rank` rows as (iso3, value, year).
fn ranked(dir: &Path, indicator: &str) -> Vec<(String, String, String)> {
    let d = dir.display().to_string();
    let (code, out, err) = innodex(&["rank", indicator, "--data", &d, "--format", "csv"]);
    assert_eq!(code, 0, "rank failed: {err}");
    out.lines()
        .skip(1)
        .map(|l| {
            let f: Vec<&str> = l.split(',').collect();
            // rank,rank_basis,iso3,country,value,unit,year,…
            (f[2].to_string(), f[4].to_string(), f[6].to_string())
        })
        .collect()
}

fn row(iso3: &str, value: &str, year: &str) -> (String, String, String) {
    (iso3.into(), value.into(), year.into())
}

#[test]
fn long_file_with_bom_crlf_and_thousands_separators() {
    let dir = import_ok(
        &fixture("long_bom_crlf.csv"),
        &["--indicator", "spend", "--unit", "USD"],
    );
    // United States "n/a" and Türkiye "-" are missing, not zero: they must not appear.
    assert_eq!(
        ranked(dir.path(), "x.spend"),
        vec![
            row("KOR", "12345", "2019"),
            row("JPN", "1234.5", "2019"),
            row("DEU", "1234", "2019"),
            row("SGP", "987", "2019"),
        ]
    );
}

#[test]
fn databank_wide_file_with_dots_for_missing() {
    let dir = import_ok(&fixture("wide_databank.csv"), &[]);
    // Latest values; ".." (JPN and DEU 2021) is missing, so their 2020 values are used.
    assert_eq!(
        ranked(dir.path(), "x.gb_xpd_rsdv_gd_zs"),
        vec![
            row("KOR", "4.93", "2021"),
            row("JPN", "3.27", "2020"),
            row("DEU", "3.13", "2020")
        ]
    );
    // The second series of the same file, with a thousands separator in "5,393.1".
    assert_eq!(
        ranked(dir.path(), "x.sp_pop_scie_rd_p6"),
        vec![
            row("KOR", "8714.1", "2020"),
            row("JPN", "5454.7", "2020"),
            row("DEU", "5393.1", "2019")
        ]
    );
}

#[test]
fn sdmx_csv_file() {
    let dir = import_ok(&fixture("sdmx_oecd.csv"), &[]);
    assert_eq!(
        ranked(dir.path(), "x.g_pt_b1gq"),
        vec![
            row("KOR", "4.91", "2021"),
            row("JPN", "3.27", "2020"),
            row("DEU", "3.13", "2020")
        ]
    );
}

#[test]
fn owid_file_keeps_world_as_a_flagged_aggregate() {
    let dir = import_ok(&fixture("owid.csv"), &[]);
    let d = dir.path().display().to_string();
    assert_eq!(
        ranked(dir.path(), "x.patent_applications_per_million_people"),
        vec![
            row("KOR", "3498.4", "2020"),
            row("JPN", "2282.1", "2020"),
            row("NGA", "0.5", "2020"),
            row("NER", "0.2", "2020"),
        ]
    );
    let (_, out, _) = innodex(&[
        "rank",
        "x.patent_applications_per_million_people",
        "--data",
        &d,
        "--include-aggregates",
        "--format",
        "csv",
    ]);
    assert!(out.contains("WLD,World,406.3"), "{out}");
}

#[test]
fn bad_file_names_every_line_and_loses_nothing() {
    let dir = tempfile::tempdir().expect("tempdir");
    let d = dir.path().display().to_string();
    let (code, out, err) = innodex(&[
        "import",
        &fixture("bad.csv"),
        "--dataset",
        "x",
        "--data",
        &d,
        "--format",
        "csv",
    ]);
    assert_eq!(code, 0, "{err}");
    assert!(err.contains("8 cells not imported"), "{err}");
    // Each problem with its line(s): unknown country 3 and 9, duplicate 4 (of 2), non-numeric 5,
    // ragged 6, ambiguous 10, code/name conflict 11, bad year 12.
    for (kind, lines) in [
        ("Unmatched", "3 9"),
        ("Duplicate", "2 4"),
        ("NotANumber", "5"),
        ("Ragged", "6"),
        ("Ambiguous", "10"),
        ("Unmatched", "11"),
        ("BadYear", "12"),
    ] {
        assert!(
            out.lines()
                .any(|l| l.starts_with(&format!("{kind},{lines},"))),
            "{kind} {lines} missing in:\n{out}"
        );
    }
    let unmatched =
        std::fs::read_to_string(dir.path().join("x/unmatched.csv")).expect("unmatched.csv");
    let lines: Vec<&str> = unmatched
        .lines()
        .skip(1)
        .map(|l| l.split(',').next().unwrap_or(""))
        .collect();
    assert_eq!(lines, vec!["3", "4", "5", "6", "9", "10", "11", "12"]);
    // Two good values remain: Japan 3.2 (line 2) and Korea 4.6 (line 7); Niger ".." is missing.
    let rows = ranked(dir.path(), "x.value");
    assert_eq!(
        rows,
        vec![row("KOR", "4.6", "2019"), row("JPN", "3.2", "2019")]
    );
}

#[test]
fn strict_import_fails_and_writes_nothing() {
    let dir = tempfile::tempdir().expect("tempdir");
    let d = dir.path().display().to_string();
    let (code, _, err) = innodex(&[
        "import",
        &fixture("bad.csv"),
        "--dataset",
        "x",
        "--data",
        &d,
        "--strict",
    ]);
    assert_eq!(code, 1, "{err}");
    assert!(err.contains("Atlantis"), "{err}");
    assert!(!dir.path().join("x").exists());
}

#[test]
fn import_without_data_dir_is_a_usage_error() {
    let (code, _, err) = innodex(&["import", &fixture("owid.csv"), "--dataset", "x"]);
    assert_eq!(code, 2);
    assert!(err.contains("--data DIR"), "{err}");
}
