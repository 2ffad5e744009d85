//! Snapshots of one hand-built [`Report`] in every text format: the terminal table at 80
//! columns, Markdown, CSV and JSON (insta snapshots in `tests/cli/snapshots/`). Each was read
//! line by line when written: typed values (ranks as integers, missing as null / `no data` /
//! empty), the comma in "Korea, Republic of" quoted in CSV, the formula-like name neutralised in
//! CSV only, the control character made visible wherever text is shown, and nothing over 80
//! columns.
//!
//! A difference fails the test (under `CI=true` insta writes nothing; elsewhere it leaves a
//! `.snap.new` beside the snapshot). After an intended change: `cargo insta review`, or rerun
//! with `INSTA_UPDATE=always` and read the diff of `tests/cli/snapshots/`.

use crate::ends_in_one_newline;
use innodex::output::{self, Format};
use innodex::report::{Cell, Report};

fn report() -> Report {
    let mut r = Report::new("R&D intensity (GERD, % of GDP) — OECD members, 2021")
        .number_column("rank", 0)
        .text_column("iso3")
        .detail()
        .text_column("country")
        .number_column("value", 2)
        .number_column("year", 0)
        .number_column("published rank", 0)
        .text_column("source")
        .optional();
    // (rank, iso3, name, value, published rank)
    type Row = (i64, &'static str, &'static str, Option<f64>, Option<i64>);
    let rows: [Row; 5] = [
        (1, "ISR", "Israel", Some(5.56), Some(1)),
        (2, "KOR", "Korea, Republic of", Some(4.93), Some(2)),
        (3, "USA", "United States", Some(3.46), None),
        (4, "XXX", "=cmd|' /C calc'!A0", Some(1234.5), Some(40)),
        (5, "BEL", "Belgium\u{1b}[31m", None, None),
    ];
    for (rank, iso3, name, value, published) in rows {
        r.push_row(vec![
            Cell::int(rank),
            Cell::text(iso3),
            Cell::text(name),
            value.map_or(Cell::Missing, |v| Cell::num(v, 2)),
            Cell::plain(2021),
            published.map_or(Cell::Empty, Cell::int),
            Cell::text(if rank % 2 == 0 {
                "NCSES SRD-1 (vintage 2024)"
            } else {
                "OECD MSTI (vintage March 2023)"
            }),
        ]);
    }
    r.note("Rank within the OECD members with a 2021 value (5 of 38); 33 members have none.");
    r.note(
        "Caveat: OECD and UIS figures differ for some countries; never mix them in one ranking.",
    );
    r
}

fn text(format: Format, width: Option<u16>) -> String {
    String::from_utf8(output::render(&report(), format, width).expect("render")).expect("UTF-8")
}

/// The rendered text, which must end in exactly one newline (insta trims trailing whitespace
/// before comparing, so the ending is checked here).
fn rendered(format: Format, width: Option<u16>) -> String {
    let text = text(format, width);
    assert!(ends_in_one_newline(&text), "{format:?} ending: {text:?}");
    text
}

#[test]
fn table_at_80_columns() {
    let t = rendered(Format::Table, Some(80));
    for line in t.lines() {
        assert!(line.chars().count() <= 80, "{line}");
    }
    insta::assert_snapshot!("report_table80", t);
}

#[test]
fn markdown() {
    insta::assert_snapshot!("report_md", rendered(Format::Markdown, None));
}

#[test]
fn csv() {
    insta::assert_snapshot!("report_csv", rendered(Format::Csv, None));
}

#[test]
fn json() {
    let j = rendered(Format::Json, None);
    let v: serde_json::Value = serde_json::from_str(&j).expect("valid JSON");
    assert_eq!(v["rows"][0]["rank"], serde_json::json!(1));
    assert!(v["rows"][4]["value"].is_null());
    insta::assert_snapshot!("report_json", j);
}
