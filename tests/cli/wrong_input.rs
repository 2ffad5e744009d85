//! Wrong input everywhere: each test is named after what broke. Every failure must be a clear
//! message with the right exit code, and leave no file behind.

use std::path::{Path, PathBuf};

use crate::{copy_dir, fixture_dir, root, run, Out};

/// A copy of the fixture datasets with `demo/rd.csv` replaced by `rd`.
fn datasets_with_rd(rd: &[u8]) -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("tempdir");
    copy_dir(&fixture_dir(), dir.path());
    std::fs::write(dir.path().join("demo/rd.csv"), rd).expect("write rd.csv");
    dir
}

fn s(p: &Path) -> &str {
    p.to_str().expect("utf8 path")
}

fn assert_clean_failure(out: &Out, code: i32, needle: &str) {
    assert_eq!(
        out.code, code,
        "stdout: {}\nstderr: {}",
        out.stdout, out.stderr
    );
    assert!(
        out.stderr.contains(needle),
        "want {needle:?} in {}",
        out.stderr
    );
    assert!(!out.stderr.contains("panicked"), "{}", out.stderr);
}

#[test]
fn empty_countries_list_is_a_usage_error_not_every_country() {
    for list in ["", ",", " , "] {
        let out = run(&["rank", "gii.score", "--countries", list, "--format", "csv"]);
        assert_clean_failure(&out, 2, "no country named");
        assert!(out.stdout.is_empty(), "{}", out.stdout);
    }
}

#[test]
fn top_zero_is_a_usage_error() {
    let out = run(&["rank", "gii.score", "--top", "0", "--format", "csv"]);
    assert_clean_failure(&out, 2, "at least 1");
    let dir = tempfile::tempdir().expect("tempdir");
    let png = dir.path().join("b.png");
    let out = run(&["chart", "bar", "gii.score", "--top", "0", "-o", s(&png)]);
    assert_clean_failure(&out, 2, "at least 1");
    assert!(!png.exists());
}

#[test]
fn chart_size_out_of_range_is_a_usage_error() {
    let dir = tempfile::tempdir().expect("tempdir");
    let png = dir.path().join("b.png");
    for size in ["0x0", "100000x100000", "10x10"] {
        let out = run(&["chart", "bar", "gii.score", "--size", size, "-o", s(&png)]);
        assert_clean_failure(&out, 2, "out of range");
    }
    assert!(!png.exists());
}

#[test]
fn reversed_from_to_is_a_usage_error() {
    let dir = tempfile::tempdir().expect("tempdir");
    let png = dir.path().join("c.png");
    let out = run(&[
        "chart",
        "slope",
        "gii.score",
        "--from",
        "2025",
        "--to",
        "2020",
        "-o",
        s(&png),
    ]);
    assert_clean_failure(&out, 2, "swap them");
    let out = run(&[
        "chart",
        "line",
        "gii.score",
        "--countries",
        "JPN",
        "--from",
        "2025",
        "--to",
        "2020",
        "-o",
        s(&png),
    ]);
    assert_clean_failure(&out, 2, "swap them");
    assert!(!png.exists());
}

#[test]
fn output_into_missing_folder_names_the_folder_not_a_temp_file() {
    let dir = tempfile::tempdir().expect("tempdir");
    let missing = dir.path().join("nope");
    for (args, file) in [
        (vec!["rank", "gii.score"], "x.csv"),
        (vec!["chart", "bar", "gii.score"], "x.png"),
    ] {
        let target = missing.join(file);
        let mut a = args.clone();
        a.extend(["-o", s(&target)]);
        let out = run(&a);
        assert_clean_failure(&out, 1, "does not exist; create the folder first");
        assert!(!out.stderr.contains(".innodex-"), "{}", out.stderr);
    }
    assert!(!missing.exists());
}

#[test]
fn output_pointing_at_a_folder_says_so() {
    let dir = tempfile::tempdir().expect("tempdir");
    let out = run(&["rank", "gii.score", "--format", "csv", "-o", s(dir.path())]);
    assert_clean_failure(&out, 1, "is a folder");
    assert_eq!(std::fs::read_dir(dir.path()).expect("ls").count(), 0);
}

#[test]
fn unknown_country_code_in_data_fails_rank_instead_of_ranking_it() {
    let dir = root().join("tests/fixtures/broken-unknown-code");
    let out = run(&["rank", "demo.rd", "--data", s(&dir), "--format", "csv"]);
    assert_clean_failure(&out, 1, "demo/rd.csv:17:1: unknown country code 'XYZ'");
    assert!(out.stdout.is_empty(), "{}", out.stdout);
    let lower = datasets_with_rd(b"iso3,year,value\ndeu,2019,3.17\n");
    let out = run(&[
        "rank",
        "demo.rd",
        "--data",
        s(lower.path()),
        "--format",
        "csv",
    ]);
    assert_clean_failure(
        &out,
        1,
        "rd.csv:2:1: unknown country code 'deu'; did you mean DEU?",
    );
}

#[test]
fn duplicate_row_in_data_fails_rank_instead_of_picking_one() {
    let dir = root().join("tests/fixtures/broken-duplicate");
    let out = run(&["rank", "demo.rd", "--data", s(&dir), "--format", "csv"]);
    assert_clean_failure(&out, 1, "demo/rd.csv:15:1: duplicate: KOR 2021");
}

#[test]
fn nul_byte_in_data_is_named_with_its_place() {
    let dir = datasets_with_rd(b"iso3,year,value\nDEU,2019,3.\x0017\n");
    let out = run(&["rank", "demo.rd", "--data", s(dir.path())]);
    assert_clean_failure(&out, 1, "rd.csv:2:12: contains a NUL byte");
}

#[test]
fn utf16_data_file_is_named_as_utf16() {
    let mut bytes = vec![0xFF, 0xFE];
    for unit in "iso3,year,value\nDEU,2019,3.17\n".encode_utf16() {
        bytes.extend(unit.to_le_bytes());
    }
    let dir = datasets_with_rd(&bytes);
    let before = std::fs::read(dir.path().join("demo/rd.csv")).expect("read");
    let out = run(&["rank", "demo.rd", "--data", s(dir.path())]);
    assert_clean_failure(&out, 1, "rd.csv: is UTF-16 text");
    let after = std::fs::read(dir.path().join("demo/rd.csv")).expect("read");
    assert_eq!(before, after, "input file modified");
}

fn query_file(dir: &Path, body: &str) -> PathBuf {
    let path = dir.join("q.toml");
    std::fs::write(&path, format!("title = \"t\"\ndescription = \"d\"\n{body}")).expect("write");
    path
}

#[test]
fn query_steps_writing_the_same_output_are_refused() {
    let dir = tempfile::tempdir().expect("tempdir");
    let q = query_file(
        dir.path(),
        "[[step]]\nargs = [\"rank\", \"gii.score\"]\noutput = \"a.csv\"\n\
         [[step]]\nargs = [\"rank\", \"gii.rank\"]\noutput = \"a.csv\"\n",
    );
    let out_dir = dir.path().join("out");
    let out = run(&["run", s(&q), "--out-dir", s(&out_dir)]);
    assert_clean_failure(
        &out,
        1,
        "step 2: output 'a.csv' is already written by step 1",
    );
    assert!(!out_dir.join("a.csv").exists());
}

#[test]
fn query_step_with_data_equals_is_refused() {
    let dir = tempfile::tempdir().expect("tempdir");
    let q = query_file(
        dir.path(),
        "[[step]]\nargs = [\"rank\", \"gii.score\", \"--data=/tmp\"]\noutput = \"a.csv\"\n",
    );
    let out = run(&["run", s(&q), "--out-dir", s(&dir.path().join("out"))]);
    assert_clean_failure(&out, 1, "args must not set --data");
}

#[test]
fn query_step_with_unknown_indicator_names_the_step() {
    let dir = tempfile::tempdir().expect("tempdir");
    let q = query_file(
        dir.path(),
        "[[step]]\nargs = [\"rank\", \"gii.scor\"]\noutput = \"a.csv\"\n",
    );
    let out = run(&["run", s(&q), "--out-dir", s(&dir.path().join("out"))]);
    assert_clean_failure(&out, 2, "step 1: unknown indicator 'gii.scor'");
}

#[test]
fn header_only_indicator_file_fails_validate() {
    let dir = tempfile::tempdir().expect("tempdir");
    let src = fixture_dir();
    for ds in ["countries", "demo"] {
        let to = dir.path().join(ds);
        std::fs::create_dir_all(&to).expect("mkdir");
        for f in std::fs::read_dir(src.join(ds)).expect("read") {
            let f = f.expect("entry").path();
            std::fs::copy(&f, to.join(f.file_name().expect("name"))).expect("copy");
        }
    }
    std::fs::write(dir.path().join("demo/rd.csv"), "iso3,year,value\n").expect("write");
    let out = run(&[
        "validate",
        "--data",
        &dir.path().display().to_string(),
        "--format",
        "csv",
    ]);
    assert_eq!(out.code, 1);
    let stdout = out.stdout;
    assert!(stdout.contains("rd.csv: a header but no rows"), "{stdout}");
}
