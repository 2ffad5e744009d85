//! Reports of the uncertainty run, the sensitivity table and the audit, and the figure of
//! ranks with intervals.

use super::audit::{audit, Finding};
use super::report::method_notes;
use super::uncertainty::{monte_carlo, sensitivity, Interval, MonteCarlo};
use super::Built;
use crate::error::Result;
use crate::figures::{self, ChartOptions, Figure, IntervalQuery, IntervalRow};
use crate::report::{format_raw, Cell, Report};

fn run_words(mc: &MonteCarlo) -> String {
    format!(
        "{} runs, seed {}",
        crate::report::format_display(mc.runs as f64, 0),
        mc.seed
    )
}

fn mc_notes(built: &Built, mc: &MonteCarlo) -> Vec<String> {
    let mut notes = method_notes(built);
    notes.push(format!(
        "Uncertainty: {}; the same seed gives the same runs. Alternatives: {}.",
        run_words(mc),
        mc.alternatives.join("; ")
    ));
    notes.push("median, p5 and p95 are the 50th, 5th and 95th percentiles of the economy's index rank over the runs in which it had a score (nearest-rank rule: the value at position ⌈p·n⌉ of the sorted ranks).".into());
    let outside: Vec<String> = mc
        .intervals
        .iter()
        .filter(|i| i.nominal.is_some_and(|n| n < i.p5 || n > i.p95))
        .map(|i| built.data.economies[i.economy].1.clone())
        .collect();
    notes.push(if outside.is_empty() {
        "Every nominal rank lies inside its economy's 5th–95th percentile interval.".into()
    } else {
        format!(
            "Nominal rank outside the 5th–95th percentile interval: {}.",
            outside.join(", ")
        )
    });
    notes
}

/// Median rank and 5th–95th percentile interval per economy.
pub fn uncertainty_report(built: &Built) -> Result<Report> {
    let mc = monte_carlo(built)?;
    let mut r = Report::new(format!(
        "{}: rank uncertainty ({})",
        built.spec.title,
        run_words(&mc)
    ))
    .text_column("iso3")
    .text_column("country")
    .number_column("nominal_rank", 0)
    .number_column("median_rank", 0)
    .number_column("p5_rank", 0)
    .number_column("p95_rank", 0)
    .number_column("width", 0)
    .text_column("nominal_inside")
    .number_column("runs_ranked", 0);
    let mut rows = mc.intervals.clone();
    let key = |i: &Interval| {
        (
            i.median,
            i.nominal,
            built.data.economies[i.economy].1.as_str(),
        )
    };
    rows.sort_by(|a, b| figures::interval_order(key(a), key(b)));
    for i in &rows {
        let (code, name) = &built.data.economies[i.economy];
        r.push_row(vec![
            Cell::text(code),
            Cell::text(name),
            i.nominal.map_or(Cell::Empty, |n| Cell::num(n, 0)),
            Cell::num(i.median, 0),
            Cell::num(i.p5, 0),
            Cell::num(i.p95, 0),
            Cell::num(i.p95 - i.p5, 0),
            Cell::text(match i.nominal {
                Some(n) if n >= i.p5 && n <= i.p95 => "yes",
                Some(_) => "no",
                None => "no nominal score",
            }),
            Cell::int(i.ranked_in as i64),
        ]);
    }
    r.notes = mc_notes(built, &mc);
    Ok(r)
}

/// The figure: ranks with intervals.
pub fn uncertainty_figure(
    catalog: &crate::catalog::Catalog,
    built: &Built,
    top: Option<usize>,
    highlight: Vec<String>,
    options: ChartOptions,
) -> Result<Figure> {
    let mc = monte_carlo(built)?;
    let rows = mc
        .intervals
        .iter()
        .map(|i| IntervalRow {
            name: built.data.economies[i.economy].1.clone(),
            code: built.data.economies[i.economy].0.clone(),
            nominal: i.nominal,
            median: i.median,
            p5: i.p5,
            p95: i.p95,
        })
        .collect();
    // One source line per dataset, with the years of every value used from it.
    let mut used: Vec<String> = Vec::new();
    let mut by_dataset: Vec<(crate::catalog::Indicator, Vec<i32>)> = Vec::new();
    let mut add = |ind: crate::catalog::Indicator, years: &[i32]| match by_dataset
        .iter_mut()
        .find(|(i, _)| i.dataset == ind.dataset)
    {
        Some((_, y)) => y.extend_from_slice(years),
        None => by_dataset.push((ind, years.to_vec())),
    };
    for d in &built.data.indicators {
        let years: Vec<i32> = d.values.iter().filter_map(|v| v.year).collect();
        used.push(format!("{} ({})", d.indicator.id, d.period));
        add(d.indicator.clone(), &years);
        if let Some(crate::index::spec::NodeKind::Indicator(ind)) =
            built.spec.nodes.get(d.node).map(|n| &n.kind)
        {
            if let Some((per, _)) = &ind.per {
                used.push(format!("divided by {per} of the same year"));
                add(catalog.indicator(per)?, &years);
            }
        }
    }
    let mut sources = Vec::new();
    for (ind, mut years) in by_dataset {
        years.sort_unstable();
        years.dedup();
        sources.push(crate::present::sources::source_note(
            catalog,
            &ind,
            &crate::present::sources::years_text(&years),
        )?);
    }
    let footer = vec![
        format!("Alternatives: {}.", mc.alternatives.join("; ")),
        format!("Data: {}. Universe: {}.", used.join(", "), built.data.universe),
        sources.join(" "),
        format!("Index, ranks and intervals computed by innodex from the spec {}; not published by any source. Interval: 5th–95th percentile of the rank over the runs.", built.spec.file.name),
    ];
    figures::intervals(&IntervalQuery {
        index_title: built.spec.title.clone(),
        rows,
        top,
        run: run_words(&mc),
        footer,
        highlight,
        options,
    })
}

/// Which single choice moves ranks most.
pub fn sensitivity_report(built: &Built) -> Result<Report> {
    let shifts = sensitivity(built)?;
    let mut r = Report::new(format!(
        "{}: sensitivity of the ranks to each choice",
        built.spec.title
    ))
    .text_column("choice")
    .number_column("mean_abs_rank_change", 2)
    .number_column("max_abs_rank_change", 0)
    .text_column("most_moved")
    .number_column("economies_moved", 0)
    .number_column("economies_compared", 0);
    for s in &shifts {
        r.push_row(vec![
            Cell::text(&s.choice),
            Cell::num(s.mean_abs, 2),
            Cell::num(s.max_abs, 0),
            s.most_moved
                .map_or(Cell::Empty, |e| Cell::text(&built.data.economies[e].1)),
            Cell::int(s.moved as i64),
            Cell::int(s.compared as i64),
        ]);
    }
    r.notes = method_notes(built);
    r.notes.push("Each row changes one choice of the spec and keeps the others; rank changes are of the index rank, over the economies ranked both ways; largest mean change first.".into());
    Ok(r)
}

/// The statistical audit.
pub fn audit_report(built: &Built) -> Result<Report> {
    let findings = audit(built);
    let mut r = Report::new(format!("{}: statistical audit", built.spec.title))
        .text_column("section")
        .text_column("level")
        .text_column("item")
        .text_column("with")
        .number_column("value", 3)
        .number_column("n", 0)
        .text_column("flag");
    for Finding {
        section,
        level,
        item,
        with,
        value,
        n,
        flag,
    } in &findings
    {
        r.push_row(vec![
            Cell::text(*section),
            Cell::text(level),
            Cell::text(item),
            Cell::text(with),
            value.map_or(Cell::Missing, |v| Cell::num(v, 3)),
            Cell::int(*n as i64),
            if flag.is_empty() {
                Cell::Empty
            } else {
                Cell::text(flag)
            },
        ]);
    }
    r.notes = method_notes(built);
    r.notes.push(format!(
        "Coverage of indicator: share of the {} economies with a real (not imputed) value. Correlations: Pearson r on the normalised scores, pairwise complete; flagged when negative or above {}. Cronbach's alpha and the first principal component's share of variance (largest eigenvalue of the correlation matrix / number of components) use the economies with every component.",
        built.data.economies.len(), format_raw(super::audit::REDUNDANT)
    ));
    Ok(r)
}
