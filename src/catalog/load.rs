//! The only CSV reader for datasets: observation files and the countries reference tables.
//!
//! Every problem names the file, the line and the column (1-based) and says what to fix.

use super::dates::PartialDate;
use super::metadata::{OBS_FLAGS, OBS_OPTIONAL, OBS_REQUIRED};
use super::source::DataSource;
use crate::error::{Error, Result};
use foldhash::{HashMap, HashMapExt};

/// One published figure: a country's value for a year, from one publication.
#[derive(Debug, Clone, PartialEq)]
pub struct Observation {
    pub iso3: String,
    pub year: i32,
    /// `None` where the source published only a rank.
    pub value: Option<f64>,
    pub published_rank: Option<u32>,
    pub published: Option<PartialDate>,
    pub source_name: Option<String>,
    pub note: Option<String>,
    /// The dataset vintage the row belongs to (a declared `[[vintage]]` id), if the file has one.
    pub vintage: Option<String>,
    /// Source flags (tokens of [`super::metadata::OBS_FLAGS`]), e.g. `low_data`.
    pub flags: Vec<String>,
}

/// A parsed CSV file: its header and records with their line numbers.
pub struct CsvTable {
    pub file: String,
    pub headers: Vec<String>,
    index: HashMap<String, usize>,
    pub rows: Vec<(u64, csv::StringRecord)>,
}

impl CsvTable {
    /// Parses CSV text; ragged rows, bad quoting and a missing `required` column are errors.
    pub fn parse(file: &str, text: &str, required: &[&str]) -> Result<Self> {
        let text = text.strip_prefix('\u{feff}').unwrap_or(text);
        let mut reader = csv::ReaderBuilder::new()
            .has_headers(true)
            .flexible(false)
            .from_reader(text.as_bytes());
        let headers: Vec<String> = reader
            .headers()
            .map_err(|e| csv_error(file, &e))?
            .iter()
            .map(|h| h.trim().to_string())
            .collect();
        let index = header_index(file, &headers, required)?;
        let rows = read_records(file, text, &mut reader)?;
        Ok(CsvTable {
            file: file.into(),
            headers,
            index,
            rows,
        })
    }

    /// A table from records split at build time (see `build.rs`), checked like [`Self::parse`].
    fn prepared(
        file: &str,
        header: &[&str],
        records: &[(u64, &[&str])],
        required: &[&str],
    ) -> Result<Self> {
        let headers: Vec<String> = header.iter().map(|h| h.to_string()).collect();
        let index = header_index(file, &headers, required)?;
        let rows = records
            .iter()
            .map(|(line, fields)| {
                let bytes = fields.iter().map(|f| f.len()).sum();
                let mut record = csv::StringRecord::with_capacity(bytes, fields.len());
                for f in fields.iter() {
                    record.push_field(f);
                }
                (*line, record)
            })
            .collect();
        Ok(CsvTable {
            file: file.into(),
            headers,
            index,
            rows,
        })
    }

    /// The 1-based column number of a header, if present.
    pub fn column(&self, name: &str) -> Option<usize> {
        // Dataset files have a handful of columns: a scan beats hashing the name.
        if self.headers.len() <= 12 {
            return self.headers.iter().position(|h| h == name);
        }
        self.index.get(name).copied()
    }

    /// A field of a record by header name; empty when the column is absent.
    pub fn get<'r>(&self, record: &'r csv::StringRecord, name: &str) -> &'r str {
        self.column(name)
            .and_then(|i| record.get(i))
            .map(str::trim)
            .unwrap_or("")
    }

    /// An error at a record's field.
    pub fn error(&self, line: u64, name: &str, message: impl Into<String>) -> Error {
        Error::Data {
            file: self.file.clone(),
            line,
            column: self.column(name).map(|c| c as u64 + 1).unwrap_or(0),
            message: message.into(),
        }
    }
}

pub use super::lines::record_line;

/// Column positions by header name; a repeated or missing required column is an error.
fn header_index(
    file: &str,
    headers: &[String],
    required: &[&str],
) -> Result<HashMap<String, usize>> {
    let mut index = HashMap::new();
    for (i, h) in headers.iter().enumerate() {
        if index.insert(h.clone(), i).is_some() {
            return Err(Error::Data {
                file: file.into(),
                line: 1,
                column: i as u64 + 1,
                message: format!("column '{h}' appears twice in the header; rename one"),
            });
        }
    }
    for r in required {
        if !index.contains_key(*r) {
            return Err(Error::Data {
                file: file.into(),
                line: 1,
                column: headers.len() as u64 + 1,
                message: format!(
                    "required column '{r}' is missing (header has: {}); add it",
                    headers.join(", ")
                ),
            });
        }
    }
    Ok(index)
}

/// Every remaining record of a reader with the line it starts on; errors name file and line.
pub fn read_records(
    file: &str,
    text: &str,
    reader: &mut csv::Reader<&[u8]>,
) -> Result<Vec<(u64, csv::StringRecord)>> {
    let mut rows = Vec::new();
    for record in reader.records() {
        let record = record.map_err(|e| {
            // The error's position is before the blank lines the reader skipped: count them.
            let mut err = csv_error(file, &e);
            if let (Error::Data { line, .. }, Some(p)) = (&mut err, e.position()) {
                *line = record_line(text.as_bytes(), p);
            }
            err
        })?;
        let line = record
            .position()
            .map(|p| record_line(text.as_bytes(), p))
            .unwrap_or(0);
        rows.push((line, record));
    }
    Ok(rows)
}

/// A csv crate error as a file:line:column error that says what to fix.
pub fn csv_error(file: &str, e: &csv::Error) -> Error {
    let (line, column) = match e.position() {
        Some(p) => (p.line(), 1),
        None => (0, 0),
    };
    let message = match e.kind() {
        csv::ErrorKind::UnequalLengths {
            expected_len, len, ..
        } => format!(
            "this row has {len} fields but the header has {expected_len}; fix the row's commas or quote the field that contains a comma"
        ),
        csv::ErrorKind::Utf8 { .. } => "not valid UTF-8; save the file as UTF-8".to_string(),
        _ => e.to_string(),
    };
    Error::Data {
        file: file.into(),
        line,
        column,
        message,
    }
}

/// Reads a dataset CSV file from the source into a table.
pub fn read_table(
    source: &DataSource,
    dataset: &str,
    file: &str,
    required: &[&str],
) -> Result<CsvTable> {
    if matches!(source, DataSource::Embedded) {
        if let Some((_, _, header, records)) = prepared_table(dataset, file) {
            // Read all the same, so the file counts as read wherever reads are recorded.
            source.read(dataset, file)?;
            return CsvTable::prepared(
                &source.display_path(dataset, file),
                header,
                records,
                required,
            );
        }
    }
    let text = source.read_text(dataset, file)?;
    CsvTable::parse(&source.display_path(dataset, file), &text, required)
}

/// One embedded file split into records at build time: (dataset, file, header, records).
pub type PreparedTable = (
    &'static str,
    &'static str,
    &'static [&'static str],
    &'static [(u64, &'static [&'static str])],
);

mod prepared {
    use super::PreparedTable;
    include!(concat!(env!("OUT_DIR"), "/embedded_tables.rs"));
}

/// The build-time records of an embedded file, where `build.rs` prepared them.
fn prepared_table(dataset: &str, file: &str) -> Option<&'static PreparedTable> {
    prepared::EMBEDDED_TABLES
        .iter()
        .find(|(d, f, _, _)| *d == dataset && *f == file)
}

/// Checks an observation file's header: only known columns (a typo would otherwise lose data).
pub fn check_observation_header(table: &CsvTable) -> Result<()> {
    for h in &table.headers {
        if !OBS_REQUIRED.contains(&h.as_str()) && !OBS_OPTIONAL.contains(&h.as_str()) {
            return Err(table.error(
                1,
                h,
                format!(
                    "unknown column '{h}'; an observation file has iso3, year, value and optionally {}",
                    OBS_OPTIONAL.join(", ")
                ),
            ));
        }
    }
    Ok(())
}

/// Parses an observation file: `iso3,year,value` plus optional published rank and date.
///
/// Stops at the first bad row. Duplicates are not checked here; see [`crate::catalog::check`].
pub fn parse_observations(table: &CsvTable) -> Result<Vec<Observation>> {
    check_observation_header(table)?;
    table
        .rows
        .iter()
        .map(|(line, rec)| parse_row(table, *line, rec))
        .collect()
}

/// Parses one observation row.
pub fn parse_row(table: &CsvTable, line: u64, rec: &csv::StringRecord) -> Result<Observation> {
    let iso3 = table.get(rec, "iso3");
    if iso3.is_empty() {
        return Err(table.error(
            line,
            "iso3",
            "empty country code; give an ISO 3166-1 alpha-3 code",
        ));
    }
    let year_text = table.get(rec, "year");
    let year: i32 = year_text.parse().map_err(|_| {
        table.error(
            line,
            "year",
            format!("year '{year_text}' is not a whole number"),
        )
    })?;
    if !super::store::YEARS.contains(&year) {
        return Err(table.error(
            line,
            "year",
            format!("year {year} is out of range 1800–2200"),
        ));
    }
    let value_text = table.get(rec, "value");
    let value = if value_text.is_empty() {
        None
    } else {
        let v: f64 = value_text.parse().map_err(|_| {
            table.error(
                line,
                "value",
                format!("value '{value_text}' is not a number; use a plain decimal with a point, or leave it empty for missing"),
            )
        })?;
        if !v.is_finite() {
            return Err(table.error(
                line,
                "value",
                format!("value '{value_text}' is not a finite number"),
            ));
        }
        Some(v)
    };
    let rank_text = table.get(rec, "published_rank");
    let published_rank = if rank_text.is_empty() {
        None
    } else {
        Some(
            rank_text
                .parse::<u32>()
                .ok()
                .filter(|r| *r > 0)
                .ok_or_else(|| {
                    table.error(
                        line,
                        "published_rank",
                        format!("published rank '{rank_text}' is not a whole number from 1"),
                    )
                })?,
        )
    };
    if value.is_none() && published_rank.is_none() {
        return Err(table.error(
            line,
            "value",
            "empty value and no published rank: a row must carry one of them (drop rows that have neither)",
        ));
    }
    let pub_text = table.get(rec, "published");
    let published = if pub_text.is_empty() {
        None
    } else {
        Some(PartialDate::parse(pub_text).map_err(|m| table.error(line, "published", m))?)
    };
    let opt = |name: &str| {
        let s = table.get(rec, name);
        (!s.is_empty()).then(|| s.to_string())
    };
    let mut flags = Vec::new();
    for token in table
        .get(rec, "flag")
        .split(';')
        .map(str::trim)
        .filter(|t| !t.is_empty())
    {
        if !OBS_FLAGS.iter().any(|(f, _)| *f == token) {
            return Err(table.error(
                line,
                "flag",
                format!(
                    "unknown flag '{token}'; the flag column takes ';'-separated tokens from: {}",
                    OBS_FLAGS
                        .iter()
                        .map(|(f, _)| *f)
                        .collect::<Vec<_>>()
                        .join(", ")
                ),
            ));
        }
        flags.push(token.to_string());
    }
    Ok(Observation {
        iso3: iso3.to_string(),
        year,
        value,
        published_rank,
        published,
        source_name: opt("source_name"),
        note: opt("note"),
        vintage: opt("vintage"),
        flags,
    })
}

#[cfg(test)]
mod tests {
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
}
