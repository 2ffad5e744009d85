//! The checks of one observation file's rows, shared by `validate` (every problem) and the
//! located reader of the store (the first): line breaks in fields, values, unknown codes,
//! undeclared vintages and repeated keys.

use crate::catalog::countries::Countries;
use crate::catalog::load::{check_observation_header, parse_row, CsvTable, Observation};
use crate::error::Error;
use std::collections::HashMap;

/// Every check of one observation file, in file order: the header, a line break inside a field
/// (a stray quote swallowing the lines after it), each row's values, unknown codes, repeats, and
/// a header with no rows. The loader stops at the first problem (`stop_at_first`); `validate`
/// lists them all. Returns the rows that parsed and the problems.
pub fn observation_file(
    table: &CsvTable,
    countries: &Countries,
    vintages: &[&str],
    stop_at_first: bool,
) -> (Vec<Observation>, Vec<Error>) {
    let mut problems = Vec::new();
    if let Err(e) = check_observation_header(table) {
        return (Vec::new(), vec![e]);
    }
    if table.rows.is_empty() {
        problems.push(Error::DataFile {
            file: table.file.clone(),
            message: "a header but no rows; add the indicator's observations or remove it from dataset.toml".into(),
        });
        return (Vec::new(), problems);
    }
    let mut keys = RowKeys::new();
    let mut observations = Vec::with_capacity(table.rows.len());
    for (line, rec) in &table.rows {
        if stop_at_first && !problems.is_empty() {
            break;
        }
        if let Some(e) = field_problem(table, *line, rec) {
            problems.push(e);
            continue;
        }
        let obs = match parse_row(table, *line, rec) {
            Ok(o) => o,
            Err(e) => {
                problems.push(e);
                continue;
            }
        };
        problems.extend(row_problems(
            table,
            *line,
            &obs,
            Some(countries),
            vintages,
            &mut keys,
        ));
        observations.push(obs);
    }
    if stop_at_first {
        problems.truncate(1);
    }
    (observations, problems)
}

/// A field with a line break in an observation file: a quote opened and not closed takes the
/// following lines into one field, so rows would silently vanish.
pub fn field_problem(table: &CsvTable, line: u64, rec: &csv::StringRecord) -> Option<Error> {
    let (i, field) = rec
        .iter()
        .enumerate()
        .find(|(_, f)| f.contains('\n') || f.contains('\r'))?;
    let lines = field.matches('\n').count();
    Some(Error::Data {
        file: table.file.clone(),
        line,
        column: i as u64 + 1,
        message: format!(
            "column '{}' holds a line break ({lines} line(s) run into this field): a quote (\") is opened and not closed; close it or remove it",
            table.headers.get(i).map_or("?", String::as_str)
        ),
    })
}

/// The first row seen for each country, year, publication and vintage: its line.
pub type RowKeys = HashMap<(String, i32, String, String), u64>;

/// What is wrong with a parsed row in its file: a code `countries` does not know (when given), a
/// vintage the dataset does not declare (`vintages`; a file with a `vintage` column needs one on
/// every row) and a repeat of an earlier row's country, year, publication and vintage. Shared by
/// `validate` and the loader, so no command silently ranks an unknown code or picks one of two
/// values.
pub fn row_problems(
    table: &CsvTable,
    line: u64,
    obs: &Observation,
    countries: Option<&Countries>,
    vintages: &[&str],
    keys: &mut RowKeys,
) -> Vec<Error> {
    let mut problems = Vec::new();
    match &obs.vintage {
        Some(v) if !vintages.contains(&v.as_str()) => {
            let declared = if vintages.is_empty() {
                "the dataset declares no [[vintage]]".to_string()
            } else {
                format!("declared: {}", vintages.join(", "))
            };
            problems.push(table.error(
                line,
                "vintage",
                format!("vintage '{v}' is not declared in dataset.toml ({declared}); add a [[vintage]] or fix the id"),
            ));
        }
        None if table.column("vintage").is_some() => problems.push(table.error(
            line,
            "vintage",
            "empty vintage; every row of a file with a vintage column names a declared [[vintage]]",
        )),
        _ => {}
    }
    if let Some(countries) = countries {
        if !countries.knows(&obs.iso3) {
            let hint = match countries.resolve(&obs.iso3) {
                crate::catalog::countries::Resolution::Matched { code, .. } => {
                    format!("; did you mean {code}?")
                }
                _ => "; use an ISO 3166-1 alpha-3 code or a code from countries/aggregates.csv"
                    .into(),
            };
            problems.push(table.error(
                line,
                "iso3",
                format!("unknown country code '{}'{hint}", obs.iso3),
            ));
        }
    }
    let published = obs
        .published
        .as_ref()
        .map(|p| p.text.clone())
        .unwrap_or_default();
    let vintage = obs.vintage.clone().unwrap_or_default();
    let key = (
        obs.iso3.clone(),
        obs.year,
        published.clone(),
        vintage.clone(),
    );
    if let Some(first) = keys.get(&key) {
        let mut what = if published.is_empty() {
            String::new()
        } else {
            format!(" published {published}")
        };
        if !vintage.is_empty() {
            what.push_str(&format!(" vintage {vintage}"));
        }
        problems.push(table.error(
            line,
            "iso3",
            format!(
                "duplicate: {} {}{what} already has a value on line {first}; keep one row per country, year, publication and vintage",
                obs.iso3, obs.year
            ),
        ));
    } else {
        keys.insert(key, line);
    }
    problems
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::catalog::metadata::OBS_REQUIRED;

    fn problems(text: &str, vintages: &[&str]) -> Vec<String> {
        let table = CsvTable::parse("t.csv", text, &OBS_REQUIRED).expect("parses");
        let mut keys = RowKeys::new();
        let mut out = Vec::new();
        for (line, rec) in &table.rows {
            match parse_row(&table, *line, rec) {
                Ok(obs) => out.extend(
                    row_problems(&table, *line, &obs, None, vintages, &mut keys)
                        .into_iter()
                        .map(|e| e.to_string()),
                ),
                Err(e) => out.push(e.to_string()),
            }
        }
        out
    }

    #[test]
    fn one_row_per_vintage_and_only_declared_vintages() {
        let v = ["2022-12", "2025-04"];
        let ok = "iso3,year,value,vintage\nSGP,2015,52.21,2022-12\nSGP,2015,52.22,2025-04\n";
        assert_eq!(problems(ok, &v), Vec::<String>::new());
        let dup = "iso3,year,value,vintage\nSGP,2015,52.21,2022-12\nSGP,2015,52.22,2022-12\n";
        let p = problems(dup, &v);
        assert_eq!(p.len(), 1, "{p:?}");
        assert!(
            p[0].starts_with("t.csv:3:1:")
                && p[0].contains("vintage 2022-12 already has a value on line 2"),
            "{}",
            p[0]
        );
        let unknown = "iso3,year,value,vintage\nSGP,2015,52.21,2024-10\nSGP,2016,50,\n";
        let p = problems(unknown, &v);
        assert_eq!(p.len(), 2, "{p:?}");
        assert!(
            p[0].starts_with("t.csv:2:4:") && p[0].contains("vintage '2024-10' is not declared"),
            "{}",
            p[0]
        );
        assert!(
            p[1].starts_with("t.csv:3:4:") && p[1].contains("empty vintage"),
            "{}",
            p[1]
        );
    }

    #[test]
    fn flags_are_known_tokens() {
        let ok = "iso3,year,value,flag\nBEN,2019,19.9,low_data;bracketed_rank\nAGO,2019,1,\n";
        assert_eq!(problems(ok, &[]), Vec::<String>::new());
        let bad = "iso3,year,value,flag\nBEN,2019,19.9,lowdata\n";
        let p = problems(bad, &[]);
        assert!(
            p[0].starts_with("t.csv:2:4:") && p[0].contains("unknown flag 'lowdata'"),
            "{p:?}"
        );
    }
}
