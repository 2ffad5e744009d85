//! Which shape a file has (long, wide, SDMX-CSV, OWID) and which columns play which part.

use super::number::parse_year;
use super::text::{header_list, quote};
use super::ColumnNames;
use crate::error::{Error, Result};
use std::str::FromStr;

/// The shape of an input file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Layout {
    /// One row per country-year: country, year and value columns.
    Long,
    /// One column per year (`2019` or `2019 [YR2019]`), optionally a series column.
    Wide,
    /// SDMX-CSV (OECD): REF_AREA, TIME_PERIOD, OBS_VALUE and dimension columns.
    Sdmx,
    /// Our World in Data grapher CSV: Entity, Code, Year and one or more value columns.
    Owid,
}

impl Layout {
    pub fn name(self) -> &'static str {
        match self {
            Layout::Long => "long",
            Layout::Wide => "wide",
            Layout::Sdmx => "sdmx",
            Layout::Owid => "owid",
        }
    }
}

impl FromStr for Layout {
    type Err = Error;
    fn from_str(s: &str) -> Result<Self> {
        match s.to_lowercase().as_str() {
            "long" => Ok(Layout::Long),
            "wide" => Ok(Layout::Wide),
            "sdmx" | "sdmx-csv" => Ok(Layout::Sdmx),
            "owid" => Ok(Layout::Owid),
            _ => Err(Error::Usage(format!(
                "unknown layout '{s}'; use long, wide, sdmx or owid"
            ))),
        }
    }
}

/// Where the values of a row are.
#[derive(Debug, Clone)]
pub enum Values {
    /// A year column and a value column.
    Long { year: usize, value: usize },
    /// Value columns with the year in the header.
    Wide(Vec<(usize, i32)>),
    /// A year column and several value columns, one indicator each.
    Owid { year: usize, columns: Vec<usize> },
}

/// The part each column plays (0-based column indexes).
#[derive(Debug, Clone)]
pub struct Plan {
    pub layout: Layout,
    pub country: Option<usize>,
    pub code: Option<usize>,
    /// Columns whose values together tell series apart (each distinct combination: one indicator).
    pub series: Vec<usize>,
    /// A column with the series' display name, if any.
    pub series_title: Option<usize>,
    /// SDMX `UNIT_MEASURE` / `UNIT_MULT` columns, used for units and caveats.
    pub unit: Option<usize>,
    pub unit_mult: Option<usize>,
    pub values: Values,
    /// Columns left out, and why (for the report).
    pub ignored: Vec<(usize, String)>,
}

const COUNTRY: [&str; 6] = [
    "country",
    "entity",
    "economy",
    "country name",
    "country or area",
    "country_name",
];
const CODE: [&str; 7] = [
    "code",
    "iso3",
    "country code",
    "iso3 code",
    "iso_code",
    "country_code",
    "ref_area",
];
const YEAR: [&str; 4] = ["year", "time_period", "time", "period"];
const VALUE: [&str; 2] = ["value", "obs_value"];
const SERIES_CODE: [&str; 3] = ["series code", "indicator code", "indicator_code"];
const SERIES_NAME: [&str; 5] = [
    "series name",
    "indicator name",
    "series",
    "indicator",
    "indicator_name",
];
/// SDMX-CSV columns that are neither a dimension that splits series nor the area/time/value.
const SDMX_NON_DIMENSIONS: [&str; 16] = [
    "STRUCTURE",
    "STRUCTURE_ID",
    "STRUCTURE_NAME",
    "ACTION",
    "DATAFLOW",
    "OBS_STATUS",
    "OBS_STATUS_2",
    "OBS_FLAG",
    "OBS_CONF",
    "CONF_STATUS",
    "UNIT_MULT",
    "DECIMALS",
    "BASE_PER",
    "OBS_NOTE",
    "TIME_FORMAT",
    "FREQ",
];

/// Finds a column: the override (which must exist) or the first of the guesses.
fn find(
    headers: &[String],
    wanted: &Option<String>,
    guesses: &[&str],
    what: &str,
) -> Result<Option<usize>> {
    let pos = |name: &str| headers.iter().position(|h| h.eq_ignore_ascii_case(name));
    if let Some(name) = wanted {
        return pos(name.trim()).map(Some).ok_or_else(|| {
            Error::unknown(
                &format!("{what} column"),
                &quote(name),
                headers.iter().map(String::as_str),
                &format!("the header has: {}", header_list(headers)),
            )
        });
    }
    Ok(guesses.iter().find_map(|g| pos(g)))
}

fn is_sdmx(headers: &[String]) -> bool {
    ["REF_AREA", "TIME_PERIOD", "OBS_VALUE"]
        .iter()
        .all(|n| headers.iter().any(|h| h.eq_ignore_ascii_case(n)))
}

/// Decides the layout (unless forced) and the columns' parts from the header. In the OWID
/// layout every other column is a value column; one with no number at all is dropped after the
/// read as an annotation column. `file` names the input in errors.
pub fn plan(
    file: &str,
    headers: &[String],
    forced: Option<Layout>,
    names: &ColumnNames,
) -> Result<Plan> {
    let country = find(headers, &names.country, &COUNTRY, "country")?;
    let code = find(headers, &names.code, &CODE, "country code")?;
    let year = find(headers, &names.year, &YEAR, "year")?;
    let value = find(headers, &names.value, &VALUE, "value")?;
    let year_columns: Vec<(usize, i32)> = headers
        .iter()
        .enumerate()
        .filter_map(|(i, h)| parse_year(h).map(|y| (i, y)))
        .collect();
    let layout = match forced {
        Some(l) => l,
        None if is_sdmx(headers) => Layout::Sdmx,
        None if !year_columns.is_empty() => Layout::Wide,
        None if value.is_some() => Layout::Long,
        None => Layout::Owid,
    };
    let header_list = header_list(headers);
    let header_error = |message: String| Error::Data {
        file: file.into(),
        line: 1,
        column: 1,
        message,
    };
    if country.is_none() && code.is_none() {
        return Err(header_error(format!(
            "no country column found (looked for Country, Entity, Economy, Country Name, Code, ISO3, Country Code, REF_AREA); the header has: {header_list}; name it with --country-column or --code-column"
        )));
    }
    let (series_code, series_name) = if let Some(s) = &names.series {
        (find(headers, &Some(s.clone()), &[], "series")?, None)
    } else {
        (
            find(headers, &None, &SERIES_CODE, "series")?,
            find(headers, &None, &SERIES_NAME, "series")?,
        )
    };
    let mut plan = Plan {
        layout,
        country,
        code,
        series: series_code.or(series_name).into_iter().collect(),
        series_title: series_name.or(series_code),
        unit: None,
        unit_mult: None,
        values: Values::Wide(vec![]),
        ignored: vec![],
    };
    let need_year = || {
        year.ok_or_else(|| header_error(format!(
            "no year column found (looked for Year, TIME_PERIOD, Time, Period); the header has: {header_list}; name it with --year-column"
        )))
    };
    let need_value = || {
        value.ok_or_else(|| header_error(format!(
            "no value column found (looked for Value, OBS_VALUE); the header has: {header_list}; name it with --value-column"
        )))
    };
    plan.values = match layout {
        Layout::Long => Values::Long {
            year: need_year()?,
            value: need_value()?,
        },
        Layout::Wide => {
            if year_columns.is_empty() {
                return Err(header_error(format!(
                    "no year columns (like 2019 or 2019 [YR2019]) in the header: {header_list}"
                )));
            }
            Values::Wide(year_columns.clone())
        }
        Layout::Sdmx => {
            let pos = |n: &str| headers.iter().position(|h| h.eq_ignore_ascii_case(n));
            let year = need_year()?;
            let value = need_value()?;
            plan.unit = pos("UNIT_MEASURE");
            plan.unit_mult = pos("UNIT_MULT");
            plan.series_title = None;
            // Dimension ids are upper case; label columns ("Reference area") and attributes are not
            // dimensions.
            plan.series = (0..headers.len())
                .filter(|&i| {
                    let h = &headers[i];
                    ![Some(year), Some(value), country, code].contains(&Some(i))
                        && !SDMX_NON_DIMENSIONS.contains(&h.to_uppercase().as_str())
                        && h.chars()
                            .all(|c| c.is_ascii_uppercase() || c.is_ascii_digit() || c == '_')
                })
                .collect();
            // Values with different multipliers (10^0, 10^3) are not comparable: separate series.
            plan.series.extend(plan.unit_mult);
            Values::Long { year, value }
        }
        Layout::Owid => {
            let year = need_year()?;
            let taken = [country, code, Some(year), series_code, series_name];
            let mut columns = vec![];
            for i in (0..headers.len()).filter(|i| !taken.contains(&Some(*i))) {
                if names.value.is_some() && Some(i) != value {
                    plan.ignored
                        .push((i, "not the value column asked for".to_string()));
                    continue;
                }
                columns.push(i);
            }
            if columns.is_empty() {
                return Err(header_error(format!(
                    "no value columns besides the country and year columns; the header has: {header_list}"
                )));
            }
            plan.series = vec![];
            plan.series_title = None;
            Values::Owid { year, columns }
        }
    };
    let mut used: Vec<usize> = [plan.country, plan.code, plan.series_title, plan.unit]
        .into_iter()
        .flatten()
        .chain(plan.series.iter().copied())
        .collect();
    match &plan.values {
        Values::Long { year, value } => used.extend([*year, *value]),
        Values::Wide(cols) => used.extend(cols.iter().map(|(i, _)| *i)),
        Values::Owid { year, columns } => {
            used.push(*year);
            used.extend(columns);
        }
    }
    for i in 0..headers.len() {
        if !used.contains(&i) && !plan.ignored.iter().any(|(j, _)| *j == i) {
            plan.ignored.push((i, "not used".to_string()));
        }
    }
    plan.ignored.sort();
    Ok(plan)
}
