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
