//! The ranks-with-intervals chart of an index's uncertainty run: economies in order of their
//! median rank (then nominal rank, then name), the run's settings in the subtitle and footer.
//! Built from plain rows, so the index module above needs nothing from here but this builder.

use super::*;
use crate::chart::{IntervalItem, IntervalSpec};

/// One economy's ranks over the runs.
#[derive(Debug, Clone, PartialEq)]
pub struct IntervalRow {
    pub name: String,
    pub code: String,
    pub nominal: Option<f64>,
    pub median: f64,
    pub p5: f64,
    pub p95: f64,
}

/// What the chart shows.
#[derive(Debug, Clone)]
pub struct IntervalQuery {
    /// The index's title.
    pub index_title: String,
    pub rows: Vec<IntervalRow>,
    /// The first N by median rank.
    pub top: Option<usize>,
    /// Runs and seed, in words ("1,000 runs, seed 20261201").
    pub run: String,
    /// Footer lines: alternatives, sources, and the note that the numbers are innodex's.
    pub footer: Vec<String>,
    /// Codes drawn in bold.
    pub highlight: Vec<String>,
    pub options: ChartOptions,
}

/// The order economies are listed in, by the chart and by the index's uncertainty table:
/// median rank, then nominal rank (none last), then name; each side is (median, nominal, name).
pub fn interval_order(
    a: (f64, Option<f64>, &str),
    b: (f64, Option<f64>, &str),
) -> std::cmp::Ordering {
    let nominal = |n: Option<f64>| n.unwrap_or(f64::INFINITY);
    a.0.total_cmp(&b.0)
        .then(nominal(a.1).total_cmp(&nominal(b.1)))
        .then(a.2.cmp(b.2))
}

/// Builds the chart spec.
pub fn intervals(q: &IntervalQuery) -> Result<Figure> {
    if q.rows.is_empty() {
        return Err(Error::Findings(
            "no economy has an index score in any run: nothing to chart".into(),
        ));
    }
    let mut rows = q.rows.clone();
    rows.sort_by(|a, b| {
        interval_order(
            (a.median, a.nominal, &a.name),
            (b.median, b.nominal, &b.name),
        )
    });
    let total = rows.len();
    if let Some(n) = q.top {
        rows.truncate(n);
    }
    let items: Vec<IntervalItem> = rows
        .iter()
        .map(|r| IntervalItem {
            label: match r.nominal {
                Some(n) => format!("{} ({})", r.name, crate::report::format_raw(n)),
                None => r.name.clone(),
            },
            code: r.code.clone(),
            nominal: r.nominal,
            median: r.median,
            low: r.p5,
            high: r.p95,
            highlight: q.highlight.contains(&r.code),
        })
        .collect();
    let shown = items.len();
    let title = format!("{}: rank uncertainty", q.index_title);
    let subtitle = if shown < total {
        format!(
            "Top {shown} of {total} by median rank; {}; nominal rank in brackets",
            q.run
        )
    } else {
        format!(
            "{total} economies by median rank; {}; nominal rank in brackets",
            q.run
        )
    };
    let spec = IntervalSpec {
        items,
        axis_title: "Rank (1 = best)".into(),
    };
    Ok(finish(
        &q.options,
        title,
        Some(subtitle),
        q.footer.clone(),
        ChartKind::Intervals(spec),
        shown,
    ))
}
