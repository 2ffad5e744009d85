//! `innodex import` end to end: each fixture imported into a temporary folder and read back
//! through the catalog, with values, counts and finding line numbers checked by hand.

use innodex::catalog::{Catalog, Countries, DataSource};
use innodex::import::{import, FindingKind, ImportOptions, ImportReport, Layout, TextEncoding};
use std::path::{Path, PathBuf};

fn fixtures() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/import")
}

fn countries() -> Countries {
    Countries::load(&DataSource::Dir(fixtures())).expect("fixture countries load")
}

fn options(file: &str, id: &str, dir: &Path) -> ImportOptions {
    let mut o = ImportOptions::new(fixtures().join(file), id, dir);
    o.retrieved = Some("2024-07-01".into());
    o.higher_is_better = Some(true);
    o
}

/// All observations of an indicator as (iso3, year, value), read through the catalog.
fn load(dir: &Path, indicator: &str) -> Vec<(String, i32, f64)> {
    let catalog = Catalog::open(DataSource::Dir(dir.to_path_buf())).expect("catalog opens");
    let ind = catalog.indicator(indicator).expect("indicator exists");
    catalog
        .observations(&ind)
        .expect("observations parse")
        .into_iter()
        .map(|o| (o.iso3, o.year, o.value.expect("value present")))
        .collect()
}

fn obs(rows: &[(&str, i32, f64)]) -> Vec<(String, i32, f64)> {
    rows.iter()
        .map(|(c, y, v)| (c.to_string(), *y, *v))
        .collect()
}

fn lines_of(report: &ImportReport, kind: FindingKind) -> Vec<Vec<u64>> {
    report
        .findings
        .iter()
        .filter(|f| f.kind == kind)
        .map(|f| f.lines.clone())
        .collect()
}

#[test]
fn databank_wide_two_series() {
    let tmp = tempfile::tempdir().expect("tmp");
    let r = import(
        &options("wide_databank.csv", "wdi", tmp.path()),
        &countries(),
    )
    .expect("import");
    assert_eq!(r.layout, Layout::Wide);
    assert_eq!(r.rows_read, 9);
    assert_eq!(r.observations_written, 14);
    assert_eq!(r.missing, 7);
    assert_eq!(r.aggregates, 2);
    assert_eq!((r.unmatched, r.duplicates, r.rejected), (0, 0, 0));
    assert_eq!(lines_of(&r, FindingKind::Aggregate), vec![vec![8]]);
    // The DataBank footer (after two blank lines) is named, not rejected.
    let footer: Vec<&Vec<u64>> = r
        .findings
        .iter()
        .filter(|f| f.message.contains("footer"))
        .map(|f| &f.lines)
        .collect();
    assert_eq!(footer, vec![&vec![11, 12]]);
    assert_eq!(
        load(tmp.path(), "wdi.gb_xpd_rsdv_gd_zs"),
        obs(&[
            ("DEU", 2019, 3.17),
            ("DEU", 2020, 3.13),
            ("JPN", 2019, 3.2),
            ("JPN", 2020, 3.27),
            ("KOR", 2019, 4.63),
            ("KOR", 2020, 4.8),
            ("KOR", 2021, 4.93),
            ("WLD", 2019, 2.2),
            ("WLD", 2020, 2.63),
        ])
    );
    assert_eq!(
        load(tmp.path(), "wdi.sp_pop_scie_rd_p6"),
        obs(&[
            ("DEU", 2019, 5393.1),
            ("JPN", 2019, 5331.2),
            ("JPN", 2020, 5454.7),
            ("KOR", 2019, 8408.4),
            ("KOR", 2020, 8714.1),
        ])
    );
    let catalog = Catalog::open(DataSource::Dir(tmp.path().into())).expect("opens");
    let ind = catalog.indicator("wdi.sp_pop_scie_rd_p6").expect("exists");
    assert_eq!(ind.meta.title, "Researchers in R&D (per million people)");
    assert_eq!(ind.meta.source_code.as_deref(), Some("SP.POP.SCIE.RD.P6"));
    assert_eq!(ind.meta.decimals, 1);
    assert!(!tmp.path().join("wdi/unmatched.csv").exists());
}

#[test]
fn sdmx_dimensions_split_indicators() {
    let tmp = tempfile::tempdir().expect("tmp");
    let r = import(&options("sdmx_oecd.csv", "msti", tmp.path()), &countries()).expect("import");
    assert_eq!(r.layout, Layout::Sdmx);
    assert_eq!((r.rows_read, r.observations_written, r.missing), (8, 7, 1));
    assert_eq!((r.aggregates, r.rejected), (1, 0));
    assert_eq!(lines_of(&r, FindingKind::Aggregate), vec![vec![8]]);
    assert_eq!(
        load(tmp.path(), "msti.g_pt_b1gq"),
        obs(&[
            ("DEU", 2020, 3.13),
            ("JPN", 2020, 3.27),
            ("KOR", 2020, 4.8),
            ("KOR", 2021, 4.91),
            ("OED", 2020, 2.7),
        ])
    );
    assert_eq!(
        load(tmp.path(), "msti.t_rs_10p3emp"),
        obs(&[("JPN", 2020, 10.1), ("KOR", 2020, 16.6)])
    );
    let catalog = Catalog::open(DataSource::Dir(tmp.path().into())).expect("opens");
    let ind = catalog.indicator("msti.t_rs_10p3emp").expect("exists");
    assert_eq!(ind.meta.unit, "10P3EMP");
    assert_eq!(ind.meta.source_code.as_deref(), Some("T_RS.10P3EMP"));
}

#[test]
fn owid_value_columns_and_world_aggregate() {
    let tmp = tempfile::tempdir().expect("tmp");
    let r = import(&options("owid.csv", "owid", tmp.path()), &countries()).expect("import");
    assert_eq!(r.layout, Layout::Owid);
    assert_eq!((r.rows_read, r.observations_written, r.missing), (6, 9, 3));
    assert_eq!((r.aggregates, r.rejected), (2, 0));
    assert_eq!(lines_of(&r, FindingKind::Aggregate), vec![vec![5]]);
    assert_eq!(
        load(tmp.path(), "owid.patent_applications_per_million_people"),
        obs(&[
            ("JPN", 2019, 2418.5),
            ("JPN", 2020, 2282.1),
            ("KOR", 2020, 3498.4),
            ("NER", 2020, 0.2),
            ("NGA", 2020, 0.5),
            ("WLD", 2020, 406.3),
        ])
    );
    assert_eq!(
        load(tmp.path(), "owid.share_of_researchers_women"),
        obs(&[
            ("JPN", 2019, 16.6),
            ("KOR", 2020, 20.4),
            ("WLD", 2020, 33.3)
        ])
    );
}

#[test]
fn long_with_bom_crlf_and_thousands() {
    let tmp = tempfile::tempdir().expect("tmp");
    let mut o = options("long_bom_crlf.csv", "rd", tmp.path());
    o.indicator_id = Some("gerd".into());
    o.indicator_title = Some("GERD".into());
    let r = import(&o, &countries()).expect("import");
    assert_eq!(r.layout, Layout::Long);
    assert_eq!(r.encoding, TextEncoding::Utf8Bom);
    assert_eq!((r.rows_read, r.observations_written, r.missing), (6, 4, 2));
    assert_eq!(
        load(tmp.path(), "rd.gerd"),
        obs(&[
            ("DEU", 2019, 1234.0),
            ("JPN", 2019, 1234.5),
            ("KOR", 2019, 12345.0),
            ("SGP", 2019, 987.0),
        ])
    );
}

#[test]
fn latin1_file_is_decoded_and_said_so() {
    let tmp = tempfile::tempdir().expect("tmp");
    let r = import(&options("latin1.csv", "lat", tmp.path()), &countries()).expect("import");
    assert_eq!(r.encoding, TextEncoding::Windows1252 { line: 2, column: 2 });
    assert!(r
        .findings
        .iter()
        .any(|f| f.message.contains("decoded as Windows-1252")));
    assert_eq!(
        load(tmp.path(), "lat.value"),
        obs(&[("DEU", 2020, 3.13), ("TUR", 2020, 1.09)])
    );
}

#[test]
fn bad_rows_are_named_with_lines_and_kept_in_rejected_csv() {
    let tmp = tempfile::tempdir().expect("tmp");
    let r = import(&options("bad.csv", "bad", tmp.path()), &countries()).expect("import");
    assert_eq!((r.rows_read, r.observations_written, r.missing), (11, 2, 1));
    assert_eq!((r.unmatched, r.duplicates, r.rejected), (4, 1, 8));
    assert_eq!(
        load(tmp.path(), "bad.value"),
        obs(&[("JPN", 2019, 3.2), ("KOR", 2019, 4.6)])
    );
    assert_eq!(
        lines_of(&r, FindingKind::Unmatched),
        vec![vec![3, 9], vec![11]]
    );
    assert_eq!(lines_of(&r, FindingKind::Duplicate), vec![vec![2, 4]]);
    assert_eq!(lines_of(&r, FindingKind::NotANumber), vec![vec![5]]);
    assert_eq!(lines_of(&r, FindingKind::Ragged), vec![vec![6]]);
    assert_eq!(lines_of(&r, FindingKind::Ambiguous), vec![vec![10]]);
    assert_eq!(lines_of(&r, FindingKind::BadYear), vec![vec![12]]);
    let nan = r
        .findings
        .iter()
        .find(|f| f.kind == FindingKind::NotANumber)
        .expect("finding");
    assert_eq!(nan.column.as_deref(), Some("Value"));
    let conflict = &r
        .findings
        .iter()
        .find(|f| f.lines == vec![11])
        .expect("conflict")
        .message;
    assert!(
        conflict.contains("NER") && conflict.contains("NGA"),
        "{conflict}"
    );

    let text =
        std::fs::read_to_string(tmp.path().join("bad/unmatched.csv")).expect("unmatched.csv");
    let lines: Vec<&str> = text
        .lines()
        .skip(1)
        .map(|l| l.split(',').next().unwrap_or(""))
        .collect();
    assert_eq!(lines, vec!["3", "4", "5", "6", "9", "10", "11", "12"]);
    assert!(text.contains("duplicate of line 2"), "{text}");
}

#[test]
fn strict_lists_every_problem_and_writes_nothing() {
    let tmp = tempfile::tempdir().expect("tmp");
    let mut o = options("bad.csv", "bad", tmp.path());
    o.strict = true;
    let err = import(&o, &countries())
        .expect_err("strict fails")
        .to_string();
    for needle in [
        "lines 3, 9",
        "unknown country 'Atlantis'",
        "lines 2, 4",
        "line 5 (column 'Value')",
        "line 6",
        "line 10",
        "line 12",
    ] {
        assert!(err.contains(needle), "missing '{needle}' in: {err}");
    }
    assert!(!tmp.path().join("bad").exists());
}

fn snapshot(dir: &Path) -> Vec<(PathBuf, Vec<u8>)> {
    let mut files: Vec<(PathBuf, Vec<u8>)> = std::fs::read_dir(dir)
        .expect("dir")
        .map(|e| {
            let p = e.expect("entry").path();
            let bytes = std::fs::read(&p).expect("read");
            (p, bytes)
        })
        .collect();
    files.sort();
    files
}

#[test]
fn existing_dataset_is_left_alone_without_replace() {
    let tmp = tempfile::tempdir().expect("tmp");
    import(&options("owid.csv", "ds", tmp.path()), &countries()).expect("first import");
    let before = snapshot(&tmp.path().join("ds"));
    let err = import(&options("latin1.csv", "ds", tmp.path()), &countries()).expect_err("exists");
    assert_eq!(err.exit_code(), 1);
    assert!(err.to_string().contains("--replace"), "{err}");
    assert_eq!(snapshot(&tmp.path().join("ds")), before);

    let mut o = options("latin1.csv", "ds", tmp.path());
    o.replace = true;
    import(&o, &countries()).expect("replace");
    assert_eq!(load(tmp.path(), "ds.value").len(), 2);
    // Nothing but the dataset is left in the folder (no staging or old copies).
    let names: Vec<String> = std::fs::read_dir(tmp.path())
        .expect("dir")
        .map(|e| e.expect("entry").file_name().to_string_lossy().to_string())
        .collect();
    assert_eq!(names, vec!["ds"]);
}

#[test]
fn progress_is_reported() {
    let tmp = tempfile::tempdir().expect("tmp");
    let mut seen = vec![];
    let mut cb = |n: u64| seen.push(n);
    innodex::import::import_with_progress(
        &options("owid.csv", "p", tmp.path()),
        &countries(),
        Some(&mut cb),
    )
    .expect("import");
    assert_eq!(seen, vec![6]);
}

#[test]
fn sdmx_unit_multipliers_are_never_mixed_in_one_indicator() {
    let tmp = tempfile::tempdir().expect("tmp");
    let input = tmp.path().join("mult.csv");
    std::fs::write(
        &input,
        "REF_AREA,MEASURE,TIME_PERIOD,OBS_VALUE,UNIT_MULT\nJPN,RSE,2020,690,0\nKOR,RSE,2020,0.56,6\n",
    )
    .expect("write");
    let data = tmp.path().join("data");
    let mut o = options("owid.csv", "m", &data);
    o.input = input;
    let r = import(&o, &countries()).expect("import");
    let ids: Vec<&str> = r.indicators.iter().map(|i| i.id.as_str()).collect();
    assert_eq!(ids, vec!["unit_mult_0", "unit_mult_6"]);
    assert_eq!(load(&data, "m.unit_mult_6"), obs(&[("KOR", 2020, 0.56)]));
    let catalog = Catalog::open(DataSource::Dir(data)).expect("opens");
    let ind = catalog.indicator("m.unit_mult_6").expect("exists");
    assert!(
        ind.meta.caveats[0].contains("10^6"),
        "{:?}",
        ind.meta.caveats
    );
    assert_eq!(ind.meta.source_code.as_deref(), Some("RSE"));
}
