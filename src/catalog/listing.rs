//! Reports on what data there is — datasets, indicators, countries, groups, name resolution and
//! validation — for the catalog commands of the CLI.

use crate::catalog::check::{check_read, read_folder};
use crate::catalog::countries::{Countries, Resolution, COUNTRIES_DATASET};
use crate::catalog::coverage::{CoverageRow, WHOLE_DATASET};
use crate::catalog::source::DatasetRead;
use crate::catalog::Catalog;
use crate::error::{Error, Result};
use crate::report::{Cell, Report};
use chrono::Datelike;
use chrono::NaiveDate;

/// "2013–2025" from a coverage row's years.
fn span(row: &CoverageRow) -> String {
    match (row.first_year, row.last_year) {
        (Some(a), Some(b)) if a == b => a.to_string(),
        (Some(a), Some(b)) => format!("{a}–{b}"),
        _ => String::new(),
    }
}

/// Each dataset's coverage rows, by dataset id.
fn coverage_of(
    catalog: &Catalog,
    countries: &Countries,
    dataset: &str,
) -> Result<Vec<CoverageRow>> {
    let meta = catalog.dataset(dataset)?;
    let rows = catalog.memoised(format!("coverage {dataset}"), || {
        catalog.coverage(meta, countries)
    })?;
    Ok((*rows).clone())
}

/// `innodex datasets`
pub fn datasets(catalog: &Catalog) -> Result<Report> {
    let countries = catalog.countries()?;
    let mut r = Report::new("Datasets")
        .text_column("id")
        .text_column("title")
        .text_column("publisher")
        .text_column("licence")
        .number_column("indicators", 0)
        .number_column("countries", 0)
        .text_column("years");
    for d in &catalog.datasets {
        let rows = coverage_of(catalog, countries, &d.id)?;
        let whole = rows.iter().find(|r| r.indicator == WHOLE_DATASET);
        let n_countries = match whole {
            Some(w) if d.id == COUNTRIES_DATASET && w.countries == 0 => countries.countries.len(),
            Some(w) => w.countries as usize,
            None => 0,
        };
        let span = whole.map(|w| match (w.first_year, w.last_year) {
            (Some(a), Some(b)) => format!("{a}–{b}"),
            _ => String::new(),
        });
        let span = span.unwrap_or_default();
        r.push_row(vec![
            Cell::text(&d.id),
            Cell::text(&d.title),
            Cell::text(&d.publisher),
            Cell::text(&d.licence),
            Cell::int(d.indicators.len() as i64),
            Cell::int(n_countries as i64),
            Cell::text(span),
        ]);
    }
    r.note(format!(
        "From the {}. `innodex indicators DATASET` lists a dataset's indicators.",
        catalog.source.describe()
    ));
    Ok(r)
}

/// `innodex indicators [TEXT]`
pub fn indicators(catalog: &Catalog, filter: Option<&str>) -> Result<Report> {
    let countries = catalog.countries()?;
    let needle = filter.map(str::to_lowercase);
    let mut r = Report::new("Indicators")
        .text_column("id")
        .text_column("title")
        .text_column("unit")
        .text_column("direction")
        .text_column("year")
        .text_column("years")
        .number_column("countries", 0);
    for ind in catalog.indicators() {
        if let Some(n) = &needle {
            let hay = format!("{} {} {}", ind.id, ind.meta.title, ind.meta.unit).to_lowercase();
            if !hay.contains(n.as_str()) {
                continue;
            }
        }
        let rows = coverage_of(catalog, countries, &ind.dataset)?;
        let row = rows.iter().find(|r| r.indicator == ind.meta.id);
        let (span, n) = row.map_or((String::new(), 0), |r| (span(r), r.countries));
        r.push_row(vec![
            Cell::text(&ind.id),
            Cell::text(&ind.meta.title),
            Cell::text(&ind.meta.unit),
            Cell::text(if ind.meta.higher_is_better {
                "higher is better"
            } else {
                "lower is better"
            }),
            Cell::text(ind.meta.year_kind.label()),
            Cell::text(span),
            Cell::int(n as i64),
        ]);
    }
    if r.rows.is_empty() {
        let ids: Vec<String> = catalog.indicators().into_iter().map(|i| i.id).collect();
        return Err(Error::unknown(
            "indicator text",
            filter.unwrap_or(""),
            ids.iter().map(String::as_str),
            "no indicator id, title or unit contains it",
        ));
    }
    r.note("countries: economies with at least one value (aggregates not counted).");
    Ok(r)
}

/// `innodex countries [--group G] [--year Y]`
/// (membership judged at the end of `year`, by default `today`'s year).
pub fn countries(
    catalog: &Catalog,
    group: Option<&str>,
    year: Option<i32>,
    today: NaiveDate,
) -> Result<Report> {
    let c = catalog.countries()?;
    let year = year.unwrap_or_else(|| today.year());
    let group = group.map(|g| c.group(g)).transpose()?;
    let mut r = Report::new(match group {
        Some(g) => format!("{} ({}) members at the end of {year}", g.name, g.id),
        None => "Countries".to_string(),
    })
    .text_column("iso3")
    .text_column("iso2")
    .text_column("name")
    .text_column("wb_region")
    .text_column("wb_income")
    .text_column("groups");
    for country in c.countries.values() {
        if let Some(g) = group {
            if !g.member_in_year(&country.iso3, year) {
                continue;
            }
        }
        let groups: Vec<&str> = c
            .groups
            .values()
            .filter(|g| !g.kind.starts_with("wb-") && g.member_in_year(&country.iso3, year))
            .map(|g| g.id.as_str())
            .collect();
        r.push_row(vec![
            Cell::text(&country.iso3),
            Cell::text(&country.iso2),
            Cell::text(&country.name),
            Cell::text(&country.wb_region),
            Cell::text(&country.wb_income),
            Cell::text(groups.join(" ")),
        ]);
    }
    if let Some(g) = group {
        r.note(format!(
            "{} members; membership judged at the end of {year} (--year changes it).",
            r.rows.len()
        ));
        if !g.note.is_empty() {
            r.note(g.note.clone());
        }
    }
    Ok(r)
}

/// `innodex groups`
/// (member counts at the end of `today`'s year).
pub fn groups(catalog: &Catalog, today: NaiveDate) -> Result<Report> {
    let c = catalog.countries()?;
    let year = today.year();
    let mut r = Report::new("Groups")
        .text_column("id")
        .text_column("name")
        .text_column("kind")
        .number_column("members", 0)
        .text_column("note");
    for g in c.groups.values() {
        let n = g
            .all_members()
            .iter()
            .filter(|m| g.member_in_year(m, year))
            .count();
        r.push_row(vec![
            Cell::text(&g.id),
            Cell::text(&g.name),
            Cell::text(&g.kind),
            Cell::int(n as i64),
            Cell::text(&g.note),
        ]);
    }
    r.note(format!(
        "members: at the end of {year}. `innodex countries --group ID` lists them."
    ));
    Ok(r)
}

/// `innodex resolve NAME...`: the report, and an error when any name is unmatched.
pub fn resolve(catalog: &Catalog, names: &[String]) -> Result<(Report, Option<Error>)> {
    let c = catalog.countries()?;
    let mut r = Report::new("Name resolution")
        .text_column("input")
        .text_column("iso3")
        .text_column("name")
        .text_column("match");
    let mut failed = Vec::new();
    for n in names {
        let (code, name, how) = match c.resolve(n) {
            Resolution::Matched {
                code,
                how,
                aggregate,
            } => {
                let kind = if aggregate {
                    format!("{} (aggregate)", how.describe())
                } else {
                    how.describe()
                };
                (code.clone(), c.display_name(&code), kind)
            }
            Resolution::Ambiguous { candidates, note } => {
                failed.push(n.clone());
                (
                    String::new(),
                    String::new(),
                    format!("ambiguous: {} ({note})", candidates.join(" or ")),
                )
            }
            Resolution::Unmatched { suggestions } => {
                failed.push(n.clone());
                let hint = if suggestions.is_empty() {
                    String::new()
                } else {
                    format!("; did you mean {}?", suggestions.join(", "))
                };
                (String::new(), String::new(), format!("unmatched{hint}"))
            }
        };
        r.push_row(vec![
            Cell::text(n),
            Cell::text(code),
            Cell::text(name),
            Cell::text(how),
        ]);
    }
    let err = (!failed.is_empty()).then(|| {
        Error::Findings(format!(
            "{} of {} names not resolved: {}",
            failed.len(),
            names.len(),
            failed
                .iter()
                .map(|f| format!("'{f}'"))
                .collect::<Vec<_>>()
                .join(", ")
        ))
    });
    Ok((r, err))
}

/// `innodex validate`: findings, an error when there are any, and the datasets whose data
/// was read (the countries reference included).
pub fn validate(catalog_source: &crate::catalog::DataSource) -> Result<Validated> {
    let countries_source = if catalog_source.exists(COUNTRIES_DATASET, "countries.csv") {
        catalog_source.clone()
    } else {
        crate::catalog::DataSource::Embedded
    };
    let countries_read = DatasetRead::new(&countries_source, COUNTRIES_DATASET);
    // The reference is loaded while the dataset.toml files are read; every table of it, the
    // aliases included (indexed lazily otherwise), is checked beside the datasets.
    let (countries, folder) = rayon::join(
        || Countries::load(&countries_source),
        || read_folder(catalog_source),
    );
    let countries = countries?;
    let (names, mut result) = rayon::join(
        || countries.check_names(),
        || check_read(catalog_source, &countries, folder),
    );
    names?;
    result.datasets_read.insert(countries_read);
    let mut r = Report::new(format!("Validation of the {}", catalog_source.describe()))
        .text_column("finding");
    for f in &result.findings {
        r.push_row(vec![Cell::text(&f.message)]);
    }
    r.note(format!(
        "{} datasets, {} indicators, {} observations checked; {} finding(s).",
        result.datasets,
        result.indicators,
        result.observations,
        result.findings.len()
    ));
    let err = (!result.findings.is_empty()).then(|| {
        Error::Findings(format!(
            "validation failed: {}",
            crate::wording::plural(result.findings.len(), "finding", "findings")
        ))
    });
    Ok((r, err, result.datasets_read))
}

/// What `validate` returns: its report, the error to exit with, and the datasets read.
pub type Validated = (
    Report,
    Option<Error>,
    std::collections::BTreeSet<DatasetRead>,
);
