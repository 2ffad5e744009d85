//! Saved queries and exports: the briefing pack runs whole and reproducibly, and text a
//! spreadsheet would execute stays text in CSV and XLSX.

use std::io::Read;
use std::path::Path;

use crate::{root, run};

fn files(dir: &Path) -> Vec<(String, Vec<u8>)> {
    let mut v: Vec<(String, Vec<u8>)> = std::fs::read_dir(dir)
        .expect("read dir")
        .map(|e| {
            let p = e.expect("entry").path();
            (
                p.file_name().expect("name").to_string_lossy().into_owned(),
                std::fs::read(&p).expect("read"),
            )
        })
        .collect();
    v.sort();
    v
}

#[test]
fn briefing_pack_runs_every_query_and_is_byte_identical_twice() {
    let a = tempfile::tempdir().expect("tempdir");
    let b = tempfile::tempdir().expect("tempdir");
    for dir in [&a, &b] {
        let o = run(&[
            "run",
            "--all",
            "--out-dir",
            &dir.path().display().to_string(),
        ]);
        assert_eq!(o.code, 0, "run --all failed: {}", o.stderr);
    }
    let fa = files(a.path());
    let fb = files(b.path());
    assert_eq!(
        fa.iter().map(|f| &f.0).collect::<Vec<_>>(),
        fb.iter().map(|f| &f.0).collect::<Vec<_>>()
    );
    for ((name, x), (_, y)) in fa.iter().zip(&fb) {
        assert!(x == y, "{name} differs between two runs");
    }
    // The manifest names every output of every shipped query, with a hash, and the datasets.
    let manifest: serde_json::Value = serde_json::from_slice(
        &fa.iter()
            .find(|f| f.0 == "manifest.json")
            .expect("manifest")
            .1,
    )
    .expect("json");
    let listing = run(&["queries", "--format", "json"]).stdout;
    let listing: serde_json::Value = serde_json::from_str(&listing).expect("queries json");
    let shipped = listing["rows"].as_array().expect("rows").len();
    let queries = manifest["queries"].as_array().expect("queries");
    assert_eq!(queries.len(), shipped);
    for q in queries {
        for step in q["steps"].as_array().expect("steps") {
            let out = step["output"].as_str().expect("output");
            assert!(fa.iter().any(|f| f.0 == out), "{out} not written");
            assert_eq!(step["sha256"].as_str().expect("sha").len(), 64);
        }
        assert!(!q["datasets"].as_array().expect("datasets").is_empty());
    }
    assert!(manifest["datasets"]
        .as_array()
        .expect("datasets")
        .iter()
        .any(|d| d["id"] == "countries"));
}

#[test]
fn unknown_query_is_a_usage_error_with_a_suggestion() {
    let o = run(&["run", "top-tne"]);
    assert_eq!(o.code, 2);
    assert!(o.stderr.contains("did you mean 'top-ten'"), "{}", o.stderr);
}

fn formula_fixture() -> String {
    root().join("tests/fixtures/formula").display().to_string()
}

#[test]
fn csv_neutralises_a_formula_and_keeps_numbers_numbers() {
    let o = run(&[
        "rank",
        "demo.rd",
        "--data",
        &formula_fixture(),
        "--format",
        "csv",
    ]);
    assert_eq!(o.code, 0, "{}", o.stderr);
    let mut rows = csv::Reader::from_reader(o.stdout.as_bytes());
    let records: Vec<csv::StringRecord> = rows.records().map(|r| r.expect("record")).collect();
    // rank,rank_basis,iso3,country,value,…
    assert_eq!(&records[0][3], "'=HYPERLINK(\"http://x\",\"y\")");
    // A negative number is a number, not a neutralised formula.
    assert_eq!(&records[1][4], "-3.5");
}

#[test]
fn xlsx_holds_the_formula_as_text_and_values_as_numbers() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("rank.xlsx");
    let o = run(&[
        "rank",
        "demo.rd",
        "--data",
        &formula_fixture(),
        "-o",
        &path.display().to_string(),
    ]);
    assert_eq!(o.code, 0, "{}", o.stderr);
    let mut zip = zip::ZipArchive::new(std::fs::File::open(&path).expect("open")).expect("zip");
    let mut read = |name: &str| {
        let mut s = String::new();
        zip.by_name(name)
            .expect(name)
            .read_to_string(&mut s)
            .expect("read");
        s
    };
    let sheet = read("xl/worksheets/sheet1.xml");
    let strings = read("xl/sharedStrings.xml");
    let notes = read("xl/worksheets/sheet2.xml");
    assert!(
        !sheet.contains("<f>"),
        "a cell was written as a formula: {sheet}"
    );
    assert!(
        strings.contains("=HYPERLINK(\"http://x\",\"y\")")
            || strings.contains("=HYPERLINK(&quot;http://x&quot;,&quot;y&quot;)"),
        "{strings}"
    );
    // 4.91 and -3.5 are number cells (no t="s" type).
    assert!(
        sheet.contains("<v>4.91</v>") && sheet.contains("<v>-3.5</v>"),
        "{sheet}"
    );
    assert!(!notes.is_empty());
    let workbook = read("xl/workbook.xml");
    assert!(workbook.contains("Sources and notes"), "{workbook}");
}

#[test]
fn a_failing_step_leaves_the_output_folder_as_it_was() {
    let dir = tempfile::tempdir().expect("tempdir");
    let query = dir.path().join("q.toml");
    std::fs::write(
        &query,
        "title = 't'\ndescription = 'd'\n[[step]]\nargs = ['rank', 'gii.score', '--top', '3']\noutput = 'first.csv'\n[[step]]\nargs = ['rank', 'gii.scorr']\noutput = 'second.csv'\n",
    )
    .expect("write query");
    let out = dir.path().join("out");
    let o = run(&[
        "run",
        &query.display().to_string(),
        "--out-dir",
        &out.display().to_string(),
    ]);
    assert_eq!(o.code, 2, "{}", o.stderr);
    assert!(o.stderr.contains("step 2"), "{}", o.stderr);
    // Step 1 succeeded, but nothing of the failed run may be left: no output, no staging folder.
    let left: Vec<_> = std::fs::read_dir(&out).expect("out exists").collect();
    assert!(left.is_empty(), "left behind: {left:?}");
}
