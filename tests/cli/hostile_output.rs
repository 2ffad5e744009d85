//! Issue 12, output side, end to end: values at the edge of f64 and control characters in a
//! dataset's text, through the real binary. Each test is named after the defect class it pins.

use super::{fixture_dir, run};
use std::path::Path;
use std::time::{Duration, Instant};

/// A `--data` folder with the fixture countries and one dataset whose title, indicator title
/// and unit carry ESC/BEL/VT, and whose values are ±1.7976e308 (`big`), near 1e300 (`tall`).
fn hostile_data(dir: &Path) {
    let countries = fixture_dir().join("countries");
    let dest = dir.join("countries");
    std::fs::create_dir_all(&dest).expect("mkdir");
    for entry in std::fs::read_dir(&countries).expect("countries") {
        let entry = entry.expect("entry");
        std::fs::copy(entry.path(), dest.join(entry.file_name())).expect("copy");
    }
    let ds = dir.join("huge");
    std::fs::create_dir_all(&ds).expect("mkdir");
    let indicator = |id: &str, title: &str| {
        format!(
            "\n[[indicator]]\nid = \"{id}\"\ntitle = \"{title}\"\nunit = \"units\\u000B\"\n\
             higher_is_better = true\nyear_kind = \"data\"\ndecimals = 1\nfile = \"{id}.csv\"\n"
        )
    };
    let toml = format!(
        "id = \"huge\"\ntitle = \"Huge \\u001B[2J values\\u0007\"\npublisher = \"tests\"\n\
         licence = \"CC0-1.0\"\nattribution = \"Source: tests ({{year}})\"\n\
         retrieved = \"2026-11-28\"\nsource_urls = []\n{}{}",
        indicator("big", "Big \\u001B]0;owned\\u0007"),
        indicator("tall", "Tall")
    );
    std::fs::write(ds.join("dataset.toml"), toml).expect("toml");
    std::fs::write(
        ds.join("big.csv"),
        "iso3,year,value\nDEU,2021,1.7976e308\nJPN,2021,-1.7976e308\nKOR,2021,1\n",
    )
    .expect("big");
    std::fs::write(
        ds.join("tall.csv"),
        "iso3,year,value\nDEU,2021,1e300\nJPN,2021,2e300\nKOR,2021,3\n",
    )
    .expect("tall");
}

fn chart(dir: &Path, args: &[&str]) -> super::Out {
    let data = dir.to_str().expect("UTF-8");
    let mut all = vec!["--data", data, "chart"];
    all.extend_from_slice(args);
    let started = Instant::now();
    let out = run(&all);
    assert!(
        started.elapsed() < Duration::from_secs(60),
        "{args:?} took {:?}",
        started.elapsed()
    );
    out
}

#[test]
fn charts_of_values_near_f64_max_do_not_panic() {
    let dir = tempfile::tempdir().expect("tempdir");
    hostile_data(dir.path());
    let png = dir.path().join("b.png");
    let svg = dir.path().join("s.svg");
    for args in [
        vec!["bar", "huge.big", "-o", png.to_str().expect("path")],
        vec![
            "scatter",
            "huge.big",
            "huge.tall",
            "-o",
            svg.to_str().expect("path"),
        ],
    ] {
        let out = chart(dir.path(), &args);
        assert_eq!(out.code, 0, "{args:?}: {}", out.stderr);
        assert!(!out.stderr.contains("panicked"), "{}", out.stderr);
    }
    assert!(std::fs::metadata(&png).expect("png").len() > 1000);
}

#[test]
fn log_axis_near_1e300_does_not_hang() {
    let dir = tempfile::tempdir().expect("tempdir");
    hostile_data(dir.path());
    let png = dir.path().join("l.png");
    let out = chart(
        dir.path(),
        &[
            "scatter",
            "huge.tall",
            "huge.big",
            "--log-x",
            "-o",
            png.to_str().expect("path"),
        ],
    );
    assert_eq!(out.code, 0, "{}", out.stderr);
}

#[test]
fn control_characters_never_reach_a_terminal_table_or_an_svg() {
    let dir = tempfile::tempdir().expect("tempdir");
    hostile_data(dir.path());
    let data = dir.path().to_str().expect("UTF-8");
    let raw = |s: &str| s.chars().any(|c| c.is_control() && c != '\n');
    for format in ["table", "markdown"] {
        let out = run(&["--data", data, "rank", "huge.tall", "--format", format]);
        assert_eq!(out.code, 0, "{}", out.stderr);
        assert!(!raw(&out.stdout), "{format}: {:?}", out.stdout);
        assert!(!raw(&out.stderr), "{format}: {:?}", out.stderr);
    }
    let out = run(&["--data", data, "datasets", "--format", "table"]);
    assert!(!raw(&out.stdout), "{:?}", out.stdout);
    assert!(
        out.stdout.contains("Huge \\x1B[2J values\\x07"),
        "{}",
        out.stdout
    );
    let svg = dir.path().join("c.svg");
    let out = chart(
        dir.path(),
        &["bar", "huge.big", "-o", svg.to_str().expect("path")],
    );
    assert_eq!(out.code, 0, "{}", out.stderr);
    let text = std::fs::read_to_string(&svg).expect("svg");
    assert!(!text
        .chars()
        .any(|c| c.is_control() && !matches!(c, '\n' | '\t' | '\r')));
    let mut reader = quick_xml::Reader::from_str(&text);
    loop {
        match reader.read_event() {
            Ok(quick_xml::events::Event::Eof) => break,
            Ok(_) => {}
            Err(e) => panic!("ill-formed SVG at {}: {e}", reader.buffer_position()),
        }
    }
}
