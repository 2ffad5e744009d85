//! Tests of the dataset CSV reader: values, located errors, the build-time tables.

use super::*;

fn parse(text: &str) -> Result<Vec<Observation>> {
    parse_observations(&CsvTable::parse("t.csv", text, &OBS_REQUIRED)?)
}

#[test]
fn reads_values_ranks_and_dates() {
    let obs = parse("\u{feff}iso3,year,value,published_rank,published\nKOR,2019,868,2,2021-01-27\nAUT,2019,,14,2021-01\n")
        .expect("parses");
    assert_eq!(obs.len(), 2);
    assert_eq!(obs[0].value, Some(868.0));
    assert_eq!(obs[1].value, None);
    assert_eq!(obs[1].published_rank, Some(14));
    assert_eq!(
        obs[1].published.as_ref().map(|d| d.text.as_str()),
        Some("2021-01")
    );
}

#[test]
fn prepared_tables_are_the_files_as_parsed() {
    let countries = prepared::EMBEDDED_TABLES
        .iter()
        .filter(|t| t.0 == super::super::countries::COUNTRIES_DATASET)
        .count();
    assert_eq!(countries, 6, "build.rs prepared every countries file");
    for (dataset, file, header, records) in prepared::EMBEDDED_TABLES {
        let text = DataSource::Embedded
            .read_text(dataset, file)
            .expect("embedded file");
        let parsed = CsvTable::parse(file, &text, &[]).expect("parses");
        assert_eq!(parsed.headers, *header, "{dataset}/{file}");
        assert_eq!(parsed.rows.len(), records.len(), "{dataset}/{file}");
        for ((line, rec), (pline, fields)) in parsed.rows.iter().zip(records.iter()) {
            assert_eq!(line, pline, "{dataset}/{file}");
            assert_eq!(
                rec.iter().collect::<Vec<_>>(),
                *fields,
                "{dataset}/{file}:{line}"
            );
        }
    }
}

#[test]
fn errors_name_line_and_column() {
    let err = parse("iso3,year,value\nKOR,2019,abc\n").expect_err("bad value");
    assert_eq!(err.to_string().split(": ").next(), Some("t.csv:2:3"));
    let err = parse("iso3,year\nKOR,2019\n").expect_err("missing column");
    assert!(
        err.to_string()
            .contains("required column 'value' is missing"),
        "{err}"
    );
    let err = parse("iso3,year,value\nKOR,2019,1,2\n").expect_err("ragged");
    assert!(err.to_string().starts_with("t.csv:2:"), "{err}");
    let err =
        parse("iso3,year,value\nKOR,2019,1\n\n\nJPN,2019,x\n").expect_err("after blank lines");
    assert!(err.to_string().starts_with("t.csv:5:3:"), "{err}");
    let err = parse("iso3,year,value,rank\nKOR,2019,1,2\n").expect_err("unknown column");
    assert!(err.to_string().contains("unknown column 'rank'"), "{err}");
}
