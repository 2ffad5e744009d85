//! `compare` (indicators × countries, each value with its year and rank) and `peers` (the
//! countries ranked nearest above and below one country). Ranks come from [`rank::compute`].

use super::period::Period;
use super::profile::{
    attribution, attribution_years, of_cell, period_label, place, rank_cell, value_cell,
    why_missing, Missing, Standing,
};
use super::rank::RankBasis;
use super::rank::{self, display_name, RankQuery, Ties};
use crate::catalog::{Catalog, Indicator};
use crate::error::{Error, Result};
use crate::report::{Cell, Report};

/// What to compare.
#[derive(Debug, Clone, Default)]
pub struct CompareQuery {
    /// ISO3 codes, in the order to show.
    pub countries: Vec<String>,
    /// Indicator specs as in [`super::profile::ProfileQuery`]; for `a|b` the first alternative
    /// with a value for any of the countries is used for all of them (one price basis per row).
    pub indicators: Vec<String>,
    pub period: Period,
    pub ties: Ties,
}

/// How the report is laid out.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Layout {
    /// One row per indicator × country with value, year, rank, of (for CSV and JSON).
    Tidy,
    /// Indicators down, countries across; cells "364 (2019, #3/16)".
    Matrix,
    /// Countries down, indicators across.
    Transposed,
}

/// One indicator's standings for every country.
struct CompareRow {
    indicator: Indicator,
    cells: Vec<std::result::Result<Standing, Missing>>,
    source: String,
}

fn compute(catalog: &Catalog, q: &CompareQuery) -> Result<Vec<CompareRow>> {
    let mut out = Vec::new();
    for spec in &q.indicators {
        let alternatives: Vec<&str> = spec.split('|').map(str::trim).collect();
        let mut chosen: Option<(Indicator, Vec<std::result::Result<Standing, Missing>>)> = None;
        for id in &alternatives {
            let mut indicator = None;
            let mut cells = Vec::new();
            for c in &q.countries {
                let p = place(catalog, id, &q.period, q.ties, None, c)?;
                cells.push(p.standing);
                indicator = Some(p.indicator);
            }
            let Some(indicator) = indicator else { break };
            let any = cells.iter().any(|c| c.is_ok());
            if any || chosen.is_none() {
                chosen = Some((indicator, cells));
            }
            if any {
                break;
            }
        }
        let Some((indicator, cells)) = chosen else {
            continue;
        };
        let years: Vec<i32> = cells
            .iter()
            .filter_map(|c| c.as_ref().ok().map(|s| s.year))
            .collect();
        out.push(CompareRow {
            source: attribution_years(catalog, &indicator, &years)?,
            indicator,
            cells,
        });
    }
    Ok(out)
}

/// "364 (2019, #3/16)"; for published ranks "16/131 (2020 ed.)"; "no data" when missing.
fn cell_text(ind: &Indicator, c: &std::result::Result<Standing, Missing>) -> String {
    match c {
        Err(_) => "no data".into(),
        Ok(s) => {
            let v = s.value.map_or("rank only".to_string(), |v| {
                crate::report::format_display(v, ind.meta.decimals)
            });
            let tie = if s.tied { "=" } else { "" };
            if super::profile::is_rank_type(ind) && Some(s.rank) == s.published_rank.map(f64::from)
            {
                format!("{v}/{} ({} ed.)", s.of, s.year)
            } else if let Some(n) = s.at_least {
                match s.basis {
                    RankBasis::Published => format!("{v} ({}, #{tie}{}/≥{n})", s.year, s.rank),
                    _ => format!("{v} ({}, partial list)", s.year),
                }
            } else {
                format!("{v} ({}, #{tie}{}/{})", s.year, s.rank, s.of)
            }
        }
    }
}

/// A group's members at the end of `year`, sorted.
pub fn members_in(
    countries: &crate::catalog::Countries,
    group: &str,
    year: i32,
) -> Result<Vec<String>> {
    let g = countries.group(group)?;
    Ok(g.all_members()
        .into_iter()
        .filter(|m| g.member_in_year(m, year))
        .collect())
}

/// The comparison as a report in the given layout.
pub fn compare_report(catalog: &Catalog, q: &CompareQuery, layout: Layout) -> Result<Report> {
    let countries = catalog.countries()?;
    let rows = compute(catalog, q)?;
    let names: Vec<String> = q
        .countries
        .iter()
        .map(|c| display_name(countries, c))
        .collect();
    let title = format!(
        "{} — compared ({})",
        names.join(", "),
        period_label(&q.period)
    );
    let mut r = Report::new(title);
    match layout {
        Layout::Tidy => {
            r = r
                .text_column("indicator")
                .text_column("iso3")
                .text_column("country")
                .number_column("value", 2)
                .text_column("unit")
                .number_column("year", 0)
                .number_column("rank", 0)
                .number_column("of", 0)
                .number_column("ranked_at_least", 0)
                .number_column("published_rank", 0)
                .text_column("source")
                .text_column("note");
            for row in &rows {
                for ((code, name), c) in q.countries.iter().zip(&names).zip(&row.cells) {
                    let s = c.as_ref().ok();
                    r.push_row(vec![
                        Cell::text(&row.indicator.id),
                        Cell::text(code),
                        Cell::text(name),
                        s.map_or(Cell::Missing, |s| value_cell(s, &row.indicator)),
                        Cell::text(&row.indicator.meta.unit),
                        s.map_or(Cell::Empty, |s| Cell::plain(s.year as i64)),
                        s.map_or(Cell::Empty, rank_cell),
                        s.map_or(Cell::Empty, of_cell),
                        s.and_then(|s| s.at_least)
                            .map_or(Cell::Empty, |n| Cell::plain(n as i64)),
                        s.and_then(|s| s.published_rank)
                            .map_or(Cell::Empty, |v| Cell::plain(v as i64)),
                        Cell::text(attribution(catalog, &row.indicator, s.map(|s| s.year))?),
                        Cell::text(c.as_ref().err().map_or(String::new(), |m| {
                            format!("no data: {}", m.describe(&row.indicator))
                        })),
                    ]);
                }
            }
        }
        Layout::Matrix => {
            r = r.text_column("indicator");
            for n in &names {
                r = r.text_column(n);
            }
            for row in &rows {
                let mut cells = vec![Cell::text(&row.indicator.id)];
                cells.extend(
                    row.cells
                        .iter()
                        .map(|c| Cell::text(cell_text(&row.indicator, c))),
                );
                r.push_row(cells);
            }
        }
        Layout::Transposed => {
            r = r.text_column("country");
            for row in &rows {
                r = r.text_column(&row.indicator.id);
            }
            for (i, n) in names.iter().enumerate() {
                let mut cells = vec![Cell::text(n)];
                cells.extend(
                    rows.iter()
                        .map(|row| Cell::text(cell_text(&row.indicator, &row.cells[i]))),
                );
                r.push_row(cells);
            }
        }
    }
    r.note("Cells: value (year, #rank/countries ranked); published ranks (GII, Bloomberg): rank/economies in the data (edition). Each rank is among all countries with a value for the same year or edition (aggregates left out); = marks a tie.");
    r.note(format!(
        "Period: {}; ties: {}.",
        period_label(&q.period),
        q.ties.describe()
    ));
    for row in &rows {
        let years: std::collections::BTreeSet<i32> = row
            .cells
            .iter()
            .filter_map(|c| c.as_ref().ok().map(|s| s.year))
            .collect();
        let mut line = format!(
            "{}: {}, unit: {}. {}",
            row.indicator.id, row.indicator.meta.title, row.indicator.meta.unit, row.source
        );
        if years.len() > 1 {
            line.push_str(" Mixed years across the countries compared.");
        }
        for (n, c) in names.iter().zip(&row.cells) {
            if let Err(m) = c {
                line.push_str(&format!(" {n}: no data ({}).", m.describe(&row.indicator)));
            }
        }
        r.note(line);
    }
    Ok(r)
}

/// `peers`: the `n` countries ranked nearest above and below `iso3`.
pub fn peers_report(catalog: &Catalog, query: &RankQuery, iso3: &str, n: usize) -> Result<Report> {
    let countries = catalog.countries()?;
    let mut ranking = rank::compute(catalog, query)?;
    let mut query = query.clone();
    // As in profiles: rank among the values of the country's own publication or year, not
    // each country's latest.
    if let Some(me) = ranking.rows.iter().find(|r| r.iso3 == iso3).cloned() {
        let mixed = ranking.rows.iter().any(|r| r.year != me.year);
        if query.period.year.is_none() && (mixed || me.published.is_some()) {
            query.period =
                Period::cohort_of(me.year, me.published.as_deref(), query.period.as_of.clone());
            ranking = rank::compute(catalog, &query)?;
        }
    }
    let ind = &ranking.indicator;
    let name = display_name(countries, iso3);
    let Some(pos) = ranking.rows.iter().position(|r| r.iso3 == iso3) else {
        let m = why_missing(catalog, &ranking, iso3, query.period.as_of.as_ref())?;
        return Err(Error::Findings(format!(
            "{name} ({iso3}) is not ranked on {} ({}, {}): {}",
            ind.id,
            query.period.describe(ind),
            ranking.universe_desc,
            m.describe(ind)
        )));
    };
    let lo = pos.saturating_sub(n);
    let hi = (pos + n + 1).min(ranking.rows.len());
    let mut r = Report::new(format!("{name}'s peers on {} — {}", ind.meta.title, ind.id))
        .text_column("")
        .number_column("rank", 0)
        .text_column("iso3")
        .text_column("country")
        .number_column("value", ind.meta.decimals)
        .number_column("year", 0)
        .text_column("is_country")
        .detail();
    for (i, row) in ranking.rows[lo..hi].iter().enumerate() {
        let me = lo + i == pos;
        r.push_row(vec![
            Cell::text(if me { "▶" } else { "" }),
            Cell::num(row.rank, 0),
            Cell::text(&row.iso3),
            Cell::text(&row.name),
            Cell::num(row.value, ind.meta.decimals),
            Cell::plain(row.year as i64),
            Cell::text(if me { "true" } else { "false" }),
        ]);
    }
    r.note(format!(
        "{name} ranks {} of {}; shown: up to {n} above and {n} below.",
        super::profile::ordinal(ranking.rows[pos].rank),
        ranking.rows.len()
    ));
    r.note(format!("Unit: {}.", ind.meta.unit));
    r.note(format!(
        "Period: {}; universe: {}; ties: {}.",
        query.period.describe(ind),
        ranking.universe_desc,
        query.ties.describe()
    ));
    let years: std::collections::BTreeSet<i32> =
        ranking.rows[lo..hi].iter().map(|r| r.year).collect();
    if years.len() > 1 {
        r.note("Mixed years: the values shown come from different years (see the year column).");
    }
    let shown: Vec<i32> = ranking.rows[lo..hi].iter().map(|r| r.year).collect();
    r.note(attribution_years(catalog, ind, &shown)?);
    Ok(r)
}
