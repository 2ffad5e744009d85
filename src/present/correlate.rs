//! The `correlate` reports: how strongly two indicators go together across countries.
//!
//! The statistics report has one row per statistic with the columns
//! `statistic,value,ci_low,ci_high,p_value,n` (a spreadsheet can read it as it is); the
//! countries used (with the years of both values) and those left out are named in the notes.
//! `--pairs` writes the paired data instead: one row per country, left-out countries included
//! with their reason in a `status` column.

use super::pairs::{left_out_reason, non_positive_note, non_positive_reason, pairing_notes};
use super::sources::{source_note, years_text};
use crate::analysis::correlate::{correlate, CorrelateQuery};
use crate::analysis::pairs::{pair, split_non_positive, LeftOutReason, Pairing};
use crate::catalog::Catalog;
use crate::error::{Error, Result};
use crate::report::{Cell, Report};

fn tag(log: bool, id: &str) -> String {
    if log {
        format!("log10({id})")
    } else {
        id.to_string()
    }
}

/// The statistics report (see the module doc).
pub fn correlate_report(catalog: &Catalog, query: &CorrelateQuery) -> Result<Report> {
    let c = correlate(catalog, query)?;
    let (pairing, kept, excluded) = (&c.pairing, &c.used, &c.excluded);
    let (x, y) = (&pairing.x, &pairing.y);
    let Some(st) = c.statistics else {
        let mut msg = format!(
            "cannot correlate {} and {}: {} usable pairs (at least 3 with varying values are needed)",
            x.id,
            y.id,
            kept.len()
        );
        if !pairing.left_out.is_empty() {
            msg.push_str(&format!("; left out: {}", left_out_text(pairing)));
        }
        return Err(Error::Findings(msg));
    };
    let (r, rho, tau, ls) = (st.pearson, st.spearman, st.kendall, st.fit);
    let (lx, ly) = (tag(query.log_x, &x.id), tag(query.log_y, &y.id));
    let mut report = Report::new(format!("Correlation of {lx} and {ly}"))
        .text_column("statistic")
        .number_column("value", 3)
        .number_column("ci_low", 3)
        .number_column("ci_high", 3)
        .number_column("p_value", 4)
        .number_column("n", 0);
    let n = kept.len() as i64;
    let row = |name: &str, v: f64, ci: Option<(f64, f64)>, p: Option<f64>| {
        vec![
            Cell::text(name),
            Cell::num(v, if name == "n" { 0 } else { 3 }),
            Cell::opt_num(ci.map(|c| c.0), 3),
            Cell::opt_num(ci.map(|c| c.1), 3),
            Cell::opt_num(p, 4),
            Cell::int(n),
        ]
    };
    report.push_row(row("n", n as f64, None, None));
    report.push_row(row(
        "pearson_r",
        r.r,
        Some((r.ci_low, r.ci_high)),
        Some(r.p_value),
    ));
    report.push_row(row("spearman_rho", rho.r, None, Some(rho.p_value)));
    report.push_row(row("kendall_tau_b", tau.tau, None, Some(tau.p_value)));
    report.push_row(row("slope", ls.slope, None, None));
    report.push_row(row("intercept", ls.intercept, None, None));
    report.push_row(row("r_squared", ls.r2, None, None));

    report.note(format!(
        "X: {} ({}), {}; Y: {} ({}), {}.",
        x.meta.title, x.id, x.meta.unit, y.meta.title, y.id, y.meta.unit
    ));
    report.note(format!(
        "Statistics on {lx} and {ly}. pearson_r: 95% CI by Fisher's z, p from t with n−2 df; spearman_rho: Pearson on average ranks (p approximate); kendall_tau_b: tie-corrected, p by normal approximation; slope/intercept/r_squared: least squares {ly} = intercept + slope·{lx}."
    ));
    for n in pairing_notes(pairing, &query.pairs) {
        report.note(n);
    }
    report.note(format!(
        "Universe: {}.",
        super::universe::describe(&pairing.universe, catalog.countries()?)
    ));
    let used: Vec<String> = kept
        .iter()
        .map(|p| format!("{} ({}, {}/{})", p.name, p.iso3, p.x_year, p.y_year))
        .collect();
    report.note(format!(
        "{} countries used (X year/Y year): {}.",
        kept.len(),
        used.join(", ")
    ));
    if let Some(note) = non_positive_note(pairing, excluded) {
        report.note(note);
    }
    if !pairing.left_out.is_empty() {
        report.note(format!(
            "{} left out: {}.",
            pairing.left_out.len(),
            left_out_text(pairing)
        ));
    }
    report.note("--pairs writes the paired values, one row per country.".to_string());
    add_sources(&mut report, catalog, pairing)?;
    Ok(report)
}

/// "no msti.gerd_pct_gdp value: Japan (JPN, has 2023), …; aggregate: OECD (OED)".
pub fn left_out_text(pairing: &Pairing) -> String {
    let mut groups: Vec<(String, Vec<String>)> = Vec::new();
    for l in &pairing.left_out {
        let (head, detail) = match &l.reason {
            LeftOutReason::NoX { y_year } => (
                format!("no {} value", pairing.x.id),
                format!("{} ({}, has {} {y_year})", l.name, l.iso3, pairing.y.id),
            ),
            LeftOutReason::NoY { x_year } => (
                format!("no {} value", pairing.y.id),
                format!("{} ({}, has {} {x_year})", l.name, l.iso3, pairing.x.id),
            ),
            other => (
                left_out_reason(other, &pairing.x, &pairing.y),
                format!("{} ({})", l.name, l.iso3),
            ),
        };
        match groups.iter_mut().find(|(h, _)| *h == head) {
            Some((_, v)) => v.push(detail),
            None => groups.push((head, vec![detail])),
        }
    }
    groups
        .into_iter()
        .map(|(h, v)| format!("{h} — {}", v.join(", ")))
        .collect::<Vec<_>>()
        .join("; ")
}

fn add_sources(report: &mut Report, catalog: &Catalog, pairing: &Pairing) -> Result<()> {
    let x_years: Vec<i32> = pairing.pairs.iter().map(|p| p.x_year).collect();
    let y_years: Vec<i32> = pairing.pairs.iter().map(|p| p.y_year).collect();
    report.note(source_note(catalog, &pairing.x, &years_text(&x_years))?);
    if pairing.y.dataset != pairing.x.dataset {
        report.note(source_note(catalog, &pairing.y, &years_text(&y_years))?);
    }
    for (ind, c) in pairing
        .x
        .meta
        .caveats
        .iter()
        .map(|c| (&pairing.x, c))
        .chain(pairing.y.meta.caveats.iter().map(|c| (&pairing.y, c)))
    {
        report.note(format!("Caveat ({}): {c}", ind.id));
    }
    Ok(())
}

/// The paired data: one row per country, used or left out (`--pairs`).
pub fn pairs_report(catalog: &Catalog, query: &CorrelateQuery) -> Result<Report> {
    let pairing = pair(catalog, &query.pairs)?;
    let (_, excluded) = split_non_positive(&pairing, query.log_x, query.log_y);
    let (x, y) = (&pairing.x, &pairing.y);
    let mut report = Report::new(format!("Paired values of {} and {}", x.id, y.id))
        .text_column("iso3")
        .text_column("country")
        .number_column("x", x.meta.decimals)
        .number_column("x_year", 0)
        .number_column("y", y.meta.decimals)
        .number_column("y_year", 0)
        .number_column("year_gap", 0)
        .text_column("status");
    for p in &pairing.pairs {
        let status = excluded
            .iter()
            .find(|e| e.pair.iso3 == p.iso3)
            .map_or("used".to_string(), |e| {
                format!("excluded: {}", non_positive_reason(&pairing, e))
            });
        report.push_row(vec![
            Cell::text(&p.iso3),
            Cell::text(&p.name),
            Cell::num(p.x, x.meta.decimals),
            Cell::plain(p.x_year as i64),
            Cell::num(p.y, y.meta.decimals),
            Cell::plain(p.y_year as i64),
            Cell::plain(p.gap() as i64),
            Cell::text(status),
        ]);
    }
    for l in &pairing.left_out {
        report.push_row(vec![
            Cell::text(&l.iso3),
            Cell::text(&l.name),
            Cell::Empty,
            Cell::Empty,
            Cell::Empty,
            Cell::Empty,
            Cell::Empty,
            Cell::text(format!("left out: {}", left_out_reason(&l.reason, x, y))),
        ]);
    }
    report.note(format!(
        "x: {} ({}), {}; y: {} ({}), {}.",
        x.meta.title, x.id, x.meta.unit, y.meta.title, y.id, y.meta.unit
    ));
    for n in pairing_notes(&pairing, &query.pairs) {
        report.note(n);
    }
    report.note(format!(
        "Universe: {}.",
        super::universe::describe(&pairing.universe, catalog.countries()?)
    ));
    add_sources(&mut report, catalog, &pairing)?;
    Ok(report)
}
