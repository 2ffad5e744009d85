//! The `compare` report in its three layouts (tidy rows for CSV and JSON, a matrix, its
//! transpose) with notes on cells, period, sources and missing values, and the `peers` report.

use super::period::{describe, label as period_label};
use super::sources::{attribution, attribution_years};
use super::standing::{missing, ordinal, rank_cells, ties_rule, value_cell};
use crate::analysis::compare::{compute, peers, CompareCell, CompareQuery};
use crate::analysis::rank::{RankBasis, RankQuery};
use crate::catalog::Catalog;
use crate::error::{Error, Result};
use crate::report::{Cell, Report};

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

/// "364 (2019, #3/16)"; for published ranks "16/131 (2020 ed.)"; "no data" when missing.
fn cell_text(c: &CompareCell) -> String {
    let ind = &c.indicator;
    match &c.standing {
        Err(_) => "no data".into(),
        Ok(s) => {
            let v = s.value.map_or("rank only".to_string(), |v| {
                crate::report::format_display(v, ind.meta.decimals)
            });
            let tie = if s.tied { "=" } else { "" };
            if crate::analysis::standing::is_rank_type(ind)
                && Some(s.rank) == s.published_rank.map(f64::from)
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

/// "no msti.gerd_usd_current_ppp value: not yet published …" for a cell that fell back.
fn passed_over_text(c: &CompareCell) -> String {
    c.passed_over
        .iter()
        .map(|(ind, m)| format!("no {} value: {}", ind.id, missing(m, ind)))
        .collect::<Vec<_>>()
        .join("; ")
}

/// The comparison as a report in the given layout.
pub fn compare_report(catalog: &Catalog, q: &CompareQuery, layout: Layout) -> Result<Report> {
    let countries = catalog.countries()?;
    let rows = compute(catalog, q)?;
    let names: Vec<String> = q
        .countries
        .iter()
        .map(|c| countries.display_name(c))
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
                    let s = c.standing.as_ref().ok();
                    let ind = &c.indicator;
                    let mut note = match &c.standing {
                        Err(m) => format!("no data: {}", missing(m, ind)),
                        Ok(_) => String::new(),
                    };
                    if ind.id != row.indicator.id {
                        let fell = passed_over_text(c);
                        note = if note.is_empty() {
                            fell
                        } else {
                            format!("{fell}; {note}")
                        };
                    }
                    let mut cells = vec![
                        Cell::text(&ind.id),
                        Cell::text(code),
                        Cell::text(name),
                        s.map_or(Cell::Missing, |s| value_cell(s, ind)),
                        Cell::text(&ind.meta.unit),
                        s.map_or(Cell::Empty, |s| Cell::plain(s.year as i64)),
                    ];
                    cells.extend(rank_cells(s));
                    cells.push(Cell::text(attribution(catalog, ind, s.map(|s| s.year))?));
                    cells.push(Cell::text(note));
                    r.push_row(cells);
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
                cells.extend(row.cells.iter().map(|c| Cell::text(cell_text(c))));
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
                cells.extend(rows.iter().map(|row| Cell::text(cell_text(&row.cells[i]))));
                r.push_row(cells);
            }
        }
    }
    r.note("Cells: value (year, #rank/countries ranked); published ranks (GII, Bloomberg): rank/economies in the data (edition). Each rank is among all countries with a value for the same year or edition (aggregates left out); = marks a tie.");
    r.note(format!(
        "Period: {}; ties: {}.",
        period_label(&q.period),
        ties_rule(q.ties)
    ));
    for row in &rows {
        let own = |c: &&CompareCell| c.indicator.id == row.indicator.id;
        // Years of the row's own indicator (a fallback's years are of another series).
        let own_years: Vec<i32> = row
            .cells
            .iter()
            .filter(own)
            .filter_map(|c| c.standing.as_ref().ok().map(|s| s.year))
            .collect();
        let years: std::collections::BTreeSet<i32> = own_years.iter().copied().collect();
        let mut line = format!(
            "{}: {}, unit: {}. {}",
            row.indicator.id,
            row.indicator.meta.title,
            row.indicator.meta.unit,
            attribution_years(catalog, &row.indicator, &own_years)?
        );
        if years.len() > 1 {
            line.push_str(" Mixed years across the countries compared.");
        }
        for (n, c) in names.iter().zip(&row.cells) {
            if c.indicator.id != row.indicator.id {
                let year = c.standing.as_ref().ok().map(|s| s.year);
                line.push_str(&format!(
                    " {n}: {} ({}, unit: {}) instead — {}. {}",
                    c.indicator.id,
                    c.indicator.meta.title,
                    c.indicator.meta.unit,
                    passed_over_text(c),
                    attribution(catalog, &c.indicator, year)?
                ));
            }
            if let Err(m) = &c.standing {
                line.push_str(&format!(" {n}: no data ({}).", missing(m, &c.indicator)));
            }
        }
        r.note(line);
    }
    Ok(r)
}

/// `peers`: the `n` countries ranked nearest above and below `iso3`.
pub fn peers_report(catalog: &Catalog, query: &RankQuery, iso3: &str, n: usize) -> Result<Report> {
    let countries = catalog.countries()?;
    let p = peers(catalog, query, iso3, n)?;
    let ranking = &p.ranking;
    let ind = &ranking.indicator;
    let name = countries.display_name(iso3);
    let universe = super::universe::describe(&ranking.universe, countries);
    let pos = match &p.position {
        Ok(pos) => *pos,
        Err(m) => {
            return Err(Error::Findings(format!(
                "{name} ({iso3}) is not ranked on {} ({}, {}): {}",
                ind.id,
                describe(&p.period, ind),
                universe,
                missing(m, ind)
            )))
        }
    };
    let (lo, hi) = (p.shown.start, p.shown.end);
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
        ordinal(ranking.rows[pos].rank),
        ranking.rows.len()
    ));
    r.note(format!("Unit: {}.", ind.meta.unit));
    r.note(format!(
        "Period: {}; universe: {}; ties: {}.",
        describe(&p.period, ind),
        universe,
        ties_rule(query.ties)
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
