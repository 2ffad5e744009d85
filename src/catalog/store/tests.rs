//! Tests of the observation store: both read paths, the prepared frames, damaged input.

use super::*;

fn fast(text: &str) -> Option<DataFrame> {
    fast_read(text.as_bytes(), None, &[], false)
}

#[test]
fn a_clean_file_is_read_by_polars_with_every_column() {
    let df =
        fast("iso3,year,value,published_rank\nKOR,2019,868,2\nAUT,2019,,14\n").expect("fast path");
    assert_eq!(df.height(), 2);
    assert_eq!(df.width(), FRAME_COLUMNS.len());
    let obs = observations_of(&df).expect("rows");
    assert_eq!(obs[0].value, Some(868.0));
    assert_eq!((obs[1].value, obs[1].published_rank), (None, Some(14)));
    assert_eq!(obs[1].vintage, None);
    assert!(obs[1].flags.is_empty());
}

#[test]
fn anything_doubtful_goes_to_the_located_reader() {
    for bad in [
        "iso3,year,value\nKOR,2019,abc\n",
        "iso3,year,value\nKOR,1700,1\n",
        "iso3,year,value\nKOR,2019,1\nKOR,2019,2\n",
        "iso3,year,value\nKOR,2019,\n",
        "iso3,year,value,published_rank\nKOR,2019,1,0\n",
        "iso3,year,value,published\nKOR,2019,1,2021-13\n",
        "iso3,year,value,rank\nKOR,2019,1,2\n",
        "iso3,year\nKOR,2019\n",
        "iso3,year,value\r\nKOR,2019,1\r\n",
        "iso3,year,value\nKOR,2019,1,9\n",
        "iso3,year,value\n",
        "iso3,year,value,note\nKOR,2019,1,\"two\nlines\"\n",
    ] {
        assert!(fast(bad).is_none(), "fast path accepted {bad:?}");
    }
}

#[test]
fn every_prepared_embedded_file_is_the_frame_polars_reads_from_its_text() {
    let files: Vec<_> = prepared::prepared_files().collect();
    let csvs = crate::catalog::Catalog::open(DataSource::Embedded)
        .expect("catalog")
        .indicators()
        .len();
    assert!(
        files.len() >= csvs,
        "{} prepared, {csvs} indicators",
        files.len()
    );
    for (dataset, file) in files {
        let bytes = DataSource::Embedded.read(dataset, file).expect("file");
        // `validate` reads only the header line of a prepared file's text.
        assert!(!bytes.contains(&b'\r'), "{dataset}/{file} has a CR");
        let csv = fast_read(&bytes, None, &[], true).expect("Polars reads it");
        let prepared = prepared::frame(dataset, file).expect("decodes");
        assert_eq!(csv.schema(), prepared.schema(), "{dataset}/{file}");
        assert!(csv.equals_missing(&prepared), "{dataset}/{file}");
    }
}

#[test]
fn a_damaged_prepared_frame_is_not_used() {
    let header = ["iso3", "year", "value"].map(String::from);
    let rows = vec![["KOR", "2019", "868.5"].map(String::from).to_vec()];
    let bytes = crate::catalog::frame_layout::encode(&header, &rows).expect("encodes");
    let df = prepared::decode(&bytes).expect("decodes");
    assert_eq!(
        df.column(cols::VALUE)
            .expect("value")
            .f64()
            .expect("f64")
            .get(0),
        Some(868.5)
    );
    assert!(prepared::decode(&bytes[..bytes.len() - 1]).is_none());
    let mut longer = bytes.clone();
    longer.push(0);
    assert!(prepared::decode(&longer).is_none());
    let ragged = vec![vec!["KOR".to_string(), "2019".to_string()]];
    assert!(crate::catalog::frame_layout::encode(&header, &ragged).is_none());
    let bad = vec![["KOR", "2019", "abc"].map(String::from).to_vec()];
    assert!(crate::catalog::frame_layout::encode(&header, &bad).is_none());
}

#[test]
fn both_paths_give_the_same_frame() {
    let text = "iso3,year,value,published,note\nKOR,2019,868,2021-01-27,a\nJPN,2019,364,,\n";
    let df = fast(text).expect("fast");
    let table = crate::catalog::load::CsvTable::parse("t.csv", text, &OBS_REQUIRED).expect("table");
    let obs = crate::catalog::load::parse_observations(&table).expect("rows");
    let slow = frame_from_observations(&obs).expect("frame");
    assert!(df.equals_missing(&slow), "{df}\n{slow}");
}

#[test]
fn a_repeated_key_is_found_in_any_row_order() {
    // In key order the rows are proven unique row by row; out of order, by a set.
    assert!(fast("iso3,year,value\nJPN,2019,2\nKOR,2019,1\nKOR,2020,3\n").is_some());
    assert!(fast("iso3,year,value\nKOR,2019,1\nJPN,2019,2\nKOR,2020,3\n").is_some());
    assert!(fast("iso3,year,value\nKOR,2019,1\nJPN,2019,2\nKOR,2019,3\n").is_none());
    let editions = "iso3,year,value,published\nKOR,2019,1,2019-07-24\nKOR,2019,2,2020-09-02\n";
    assert!(fast(editions).is_some());
    let again = format!("{editions}KOR,2019,3,2019-07-24\n");
    assert!(fast(&again).is_none());
}

#[test]
fn every_run_of_a_value_is_checked_not_only_the_first() {
    let vintages = ["2022-12", "2025-04"];
    let read = |text: &str| fast_read(text.as_bytes(), None, &vintages, false);
    let good =
        "iso3,year,value,vintage\nKOR,2019,1,2022-12\nKOR,2019,2,2025-04\nKOR,2020,1,2022-12\n";
    assert!(read(good).is_some());
    // The undeclared vintage comes after runs of declared ones, and between nulls elsewhere.
    assert!(read(&format!("{good}KOR,2021,1,2024-10\n")).is_none());
    let dates = "iso3,year,value,published\nJPN,2019,1,2021-01-27\nJPN,2020,1,\nKOR,2019,1,2021-01-27\nKOR,2020,1,2021-13-27\n";
    assert!(read(dates).is_none());
    let note = "iso3,year,value,note\nJPN,2019,1,a note longer than twelve bytes\nKOR,2019,1,a note longer than twelve bytes\nKOR,2020,1,\"a note\nbroken\"\n";
    assert!(read(note).is_none());
}

#[test]
fn a_prepared_frame_is_checked_as_its_text_is() {
    let vintages = ["2022-12"];
    for text in [
        "iso3,year,value\nJPN,2019,1\nKOR,2019,2\n",
        "iso3,year,value,published_rank,flag\nJPN,2019,,3,low_data\nKOR,2019,2,,\n",
        "iso3,year,value,vintage\nJPN,2019,1,2022-12\nKOR,2019,2,2022-12\n",
        "iso3,year,value,vintage\nJPN,2019,1,2022-12\nKOR,2019,2,2024-10\n",
        "iso3,year,value,flag\nJPN,2019,1,low_data\nKOR,2019,2,lowdata\n",
        "iso3,year,value\nKOR,2019,1\nJPN,2019,2\nKOR,2019,3\n",
        "iso3,year,value,published\nJPN,2019,1,2021-01-27\nKOR,2019,1,2021-13-27\n",
        "iso3,year,value,published_rank\nJPN,2019,1,0\n",
        "iso3,year,value,published_rank\nJPN,2019,,\n",
        "iso3,year,value\nJPN,1700,1\n",
        "iso3,year,value,published\nJPN,2019,1,2021-01-27\nJPN,2019,2,2021-01-27\n",
        "iso3,year,value,published\nJPN,2019,1,2021-01-27\nJPN,2019,2,2022-01-27\n",
        "iso3,year,value,published\nJPN,2019,1,\nJPN,2019,2,2021-01-27\nKOR,2019,2,\n",
        "iso3,year,value,published\nKOR,2019,1,\nJPN,2019,2,2021-01-27\nKOR,2019,2,\n",
        "iso3,year,value,note\nJPN,2019,1,n\nKOR,2019,1, n\n",
        // Publications stored in an order that is not the text's, in key order and not.
        "iso3,year,value,published\nJPN,2019,1,2021-09-01\nKOR,2019,2,2021-03-01\n",
        "iso3,year,value,published\nJPN,2019,1,2021-09-01\nJPN,2019,2,2021-03-01\n",
        "iso3,year,value,published\nJPN,2019,1,2021-09-01\nJPN,2019,2,\n",
        "iso3,year,value,published\nJPN,2019,1,\nJPN,2019,2,\n",
        "iso3,year,value,published\nJPN,2019,1,2021-09-01\nKOR,2019,2,2021-03-01\nKOR,2019,3,2021-03-01\n",
    ] {
        let mut lines = text
            .lines()
            .map(|l| l.split(',').map(String::from).collect::<Vec<_>>());
        let header = lines.next().expect("header");
        let records: Vec<Vec<String>> = lines.collect();
        let bytes = crate::catalog::frame_layout::encode(&header, &records).expect("encodes");
        let df = prepared::decode(&bytes).expect("decodes");
        let by_text = fast_read(text.as_bytes(), None, &vintages, false).is_some();
        assert_eq!(checks_pass(&df, None, &vintages), by_text, "{text}");
        // As `validate` checks it: the text columns as stored, never gathered.
        let stored = prepared::decode_to_check(&bytes).expect("decodes");
        assert_eq!(
            prepared_checks_pass(&stored, None, &vintages),
            by_text,
            "{text}"
        );
    }
}

#[test]
fn a_line_break_in_any_stored_value_fails_the_check() {
    // Each text column of a prepared file is searched once for a line break, across all its
    // values; one value with one, in any column and any row, must still fail the file.
    let header: Vec<String> = ["iso3", "year", "value", "published", "source_name", "note"]
        .map(String::from)
        .to_vec();
    let row = |iso3: &str, note: &str, source: &str| {
        [iso3, "2019", "1", "2021-01-27", source, note]
            .map(String::from)
            .to_vec()
    };
    let clean = vec![row("JPN", "a", "Japan"), row("KOR", "b", "Korea")];
    let check = |records: &[Vec<String>]| {
        let bytes = crate::catalog::frame_layout::encode(&header, records).expect("encodes");
        let stored = prepared::decode_to_check(&bytes).expect("decodes");
        prepared_checks_pass(&stored, None, &[])
    };
    assert!(check(&clean));
    for (at, broken) in [
        (1, row("KOR", "b\nc", "Korea")),
        (0, row("JPN", "a", "Ja\rpan")),
        (1, row("KOR\n", "b", "Korea")),
    ] {
        let mut records = clean.clone();
        records[at] = broken;
        assert!(!check(&records), "{records:?}");
    }
}
