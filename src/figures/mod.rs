//! Chart builders: catalog + query in, a finished [`ChartSpec`] out (titles, axis titles with
//! units, and a footer built from the metadata: sources and licences with the years used, the
//! period, n, and every country left out). The renderer in [`crate::chart`] never sees the
//! catalog; this module never draws.

use crate::analysis::pairs::{pair, split_non_positive, LeftOutReason, PairQuery};
use crate::analysis::period::{select, Period};
use crate::analysis::rank::{assign_ranks, compute, display_name, RankQuery, Ties};
use crate::analysis::universe::Universe;
use crate::catalog::{Catalog, Countries, Indicator};
use crate::chart::{
    Axis, BarItem, BarSpec, ChartKind, ChartSpec, LabelMode, LineSeries, LineSpec, ScatterPoint,
    ScatterSpec, SlopeItem, SlopeMeasure, SlopeSpec, DEFAULT_SIZE,
};
use crate::error::{Error, Result};
use crate::present::pairs::{left_out_reason, non_positive_note};
use crate::present::sources::{source_note, years_text};
use std::collections::BTreeSet;

/// Options every chart takes.
#[derive(Debug, Clone)]
pub struct ChartOptions {
    pub title: Option<String>,
    pub subtitle: Option<String>,
    pub size: (u32, u32),
    /// Each entry a group id or a comma-separated list of countries; one legend entry each.
    pub highlight: Vec<String>,
}

impl Default for ChartOptions {
    fn default() -> Self {
        ChartOptions {
            title: None,
            subtitle: None,
            size: DEFAULT_SIZE,
            highlight: Vec::new(),
        }
    }
}

/// A built chart and how many countries it shows.
#[derive(Debug, Clone)]
pub struct Figure {
    pub spec: ChartSpec,
    pub n: usize,
}

/// Longest axis title that fits beside a 16:9 plot without crowding.
const AXIS_TITLE_MAX: usize = 56;

/// "R&D spending (% of GDP)"; the title alone when it names the unit; the unit alone
/// (capitalised, e.g. "Robots per 10,000 employees in manufacturing") when both are too long.
pub fn axis_title(ind: &Indicator, log: bool) -> String {
    let (title, unit) = (&ind.meta.title, &ind.meta.unit);
    let full = format!("{title} ({unit})");
    let mut t = if title.contains(unit.as_str()) {
        title.clone()
    } else if full.chars().count() <= AXIS_TITLE_MAX || unit.chars().count() < 12 {
        full
    } else {
        let mut c = unit.chars();
        c.next()
            .map(|f| f.to_uppercase().chain(c).collect())
            .unwrap_or_default()
    };
    if log {
        // The short form keeps a long unit beside a shorter plot (legend and footer take room).
        if t.chars().count() + 11 <= 44 {
            t.push_str(", log scale");
        } else {
            t.push_str(" (log)");
        }
    }
    t
}

/// One highlight: its legend label and how to test membership.
struct Highlight {
    label: String,
    group: Option<String>,
    codes: Vec<String>,
}

fn resolve_highlights(countries: &Countries, items: &[String]) -> Result<Vec<Highlight>> {
    let mut out = Vec::new();
    for item in items {
        if !item.contains(',') {
            if let Ok(g) = countries.group(item) {
                out.push(Highlight {
                    label: g.id.clone(),
                    group: Some(g.id.clone()),
                    codes: vec![],
                });
                continue;
            }
            if countries.resolve_code(item).is_err() {
                // Neither a group nor a country: the group error has the "did you mean".
                countries.group(item)?;
            }
        }
        let codes = countries.resolve_list(item)?;
        out.push(Highlight {
            label: codes.join(", "),
            group: None,
            codes,
        });
    }
    Ok(out)
}

/// The key text of highlighted series: the highlights' labels.
fn highlight_key(hs: &[Highlight]) -> Option<String> {
    (!hs.is_empty()).then(|| {
        hs.iter()
            .map(|h| h.label.as_str())
            .collect::<Vec<_>>()
            .join("; ")
    })
}

/// The first highlight `iso3` belongs to (groups judged at `year`).
fn highlight_of(hs: &[Highlight], countries: &Countries, iso3: &str, year: i32) -> Option<String> {
    hs.iter()
        .find(|h| {
            h.codes.iter().any(|c| c == iso3)
                || h.group.as_ref().is_some_and(|g| {
                    countries
                        .groups
                        .get(g)
                        .is_some_and(|g| g.member_in_year(iso3, year))
                })
        })
        .map(|h| h.label.clone())
}

fn finish(
    opts: &ChartOptions,
    title: String,
    subtitle: Option<String>,
    footer: Vec<String>,
    kind: ChartKind,
    n: usize,
) -> Figure {
    Figure {
        spec: ChartSpec {
            title: opts.title.clone().unwrap_or(title),
            subtitle: opts.subtitle.clone().or(subtitle),
            footer_lines: footer,
            size: opts.size,
            kind,
        },
        n,
    }
}

/// A short name for titles: the indicator title without a parenthesised tail.
fn short_title(ind: &Indicator) -> String {
    ind.meta
        .title
        .split(" (")
        .next()
        .unwrap_or(&ind.meta.title)
        .to_string()
}

/// "ARG, AUS, BRA" for footers: codes are short enough to name everyone.
fn codes(list: &[&str]) -> String {
    list.join(", ")
}

/// A scatter of two indicators.
#[derive(Debug, Clone)]
pub struct ScatterQuery {
    pub pairs: PairQuery,
    pub log_x: bool,
    pub log_y: bool,
    pub fit: bool,
    /// `LabelMode::List` holds names or codes as typed; they are resolved here.
    pub labels: LabelMode,
    pub options: ChartOptions,
}

/// The least-squares fit of a scatter's points in displayed coordinates (log10 on log axes);
/// None when undefined (n < 3, a constant variable, a non-positive value on a log axis). The
/// figures layer computes it so the renderer imports nothing above it.
pub fn fit_least_squares(s: &ScatterSpec) -> Option<crate::chart::FitLine> {
    let tx = |v: f64| if s.x_axis.log { v.log10() } else { v };
    let ty = |v: f64| if s.y_axis.log { v.log10() } else { v };
    let xs: Vec<f64> = s.points.iter().map(|p| tx(p.x)).collect();
    let ys: Vec<f64> = s.points.iter().map(|p| ty(p.y)).collect();
    let f = crate::analysis::stats::least_squares(&xs, &ys)?;
    Some(crate::chart::FitLine {
        slope: f.slope,
        intercept: f.intercept,
        r2: f.r2,
        n: f.n,
    })
}

/// Builds a scatter chart of paired values.
pub fn scatter(catalog: &Catalog, q: &ScatterQuery) -> Result<Figure> {
    let countries = catalog.countries()?;
    let pairing = pair(catalog, &q.pairs)?;
    let (kept, excluded) = split_non_positive(&pairing, q.log_x, q.log_y);
    if kept.is_empty() {
        return Err(Error::Findings(format!(
            "no country has values of both {} and {} ({}); `innodex correlate {} {} --pairs` lists what each has",
            pairing.x.id,
            pairing.y.id,
            crate::present::period::describe(&q.pairs.period, &pairing.x),
            pairing.x.id,
            pairing.y.id
        )));
    }
    let hs = resolve_highlights(countries, &q.options.highlight)?;
    let labels = match &q.labels {
        LabelMode::List(names) => LabelMode::List(
            names
                .iter()
                .map(|n| countries.resolve_code(n))
                .collect::<Result<Vec<_>>>()?,
        ),
        other => other.clone(),
    };
    // Legend entries follow the order of --highlight: points of the first highlight come first.
    let mut kept = kept;
    let rank_of = |p: &crate::analysis::pairs::Pair| {
        highlight_of(&hs, countries, &p.iso3, p.x_year.max(p.y_year))
            .and_then(|l| hs.iter().position(|h| h.label == l))
            .unwrap_or(hs.len())
    };
    kept.sort_by_key(|p| (rank_of(p), p.name.clone()));
    let points = kept
        .iter()
        .map(|p| ScatterPoint {
            label: p.name.clone(),
            code: p.iso3.clone(),
            x: p.x,
            y: p.y,
            group: highlight_of(&hs, countries, &p.iso3, p.x_year.max(p.y_year)),
        })
        .collect();
    let (x, y) = (&pairing.x, &pairing.y);
    let mut s = ScatterSpec {
        points,
        x_axis: Axis {
            title: axis_title(x, q.log_x),
            log: q.log_x,
        },
        y_axis: Axis {
            title: axis_title(y, q.log_y),
            log: q.log_y,
        },
        labels,
        fit: None,
    };
    if q.fit {
        s.fit = fit_least_squares(&s);
    }
    let x_years: Vec<i32> = kept.iter().map(|p| p.x_year).collect();
    let y_years: Vec<i32> = kept.iter().map(|p| p.y_year).collect();
    let n = kept.len();
    let period = match q.pairs.period.year {
        Some(yr) => format!("values of {yr}"),
        None => format!(
            "each country's latest values (x: {}, y: {}",
            years_text(&x_years),
            years_text(&y_years)
        ),
    };
    let mut subtitle = format!("{n} countries, {period}");
    if q.pairs.period.year.is_none() {
        match pairing.max_gap() {
            0 => subtitle.push(')'),
            g => subtitle.push_str(&format!("; a country's two values up to {g} years apart)")),
        }
    }
    let mut footer = vec![
        source_note(catalog, x, &years_text(&x_years))?,
        source_note(catalog, y, &years_text(&y_years))?,
    ];
    if y.dataset == x.dataset {
        footer.pop();
    }
    let gap = pairing.max_gap();
    let mut years_line = format!(
        "n = {n} countries; universe: {}.",
        crate::present::universe::describe(&pairing.universe, countries)
    );
    if gap > 0 {
        let widest: Vec<String> = kept
            .iter()
            .filter(|p| p.gap() == gap)
            .map(|p| format!("{} {}/{}", p.iso3, p.x_year, p.y_year))
            .collect();
        let same = kept.iter().filter(|p| p.gap() == 0).count();
        years_line.push_str(&format!(
            " Years of a country's two values differ by up to {gap} (X/Y: {}); {same} of {n} pairs are of the same year.",
            widest.join(", ")
        ));
    }
    if let Some(g) = q.pairs.max_gap {
        years_line.push_str(&format!(" Pairs more than {g} years apart left out."));
    }
    footer.push(years_line);
    footer.extend(left_out_lines(&pairing.left_out, x, y));
    if let Some(note) = non_positive_note(&pairing, &excluded) {
        footer.push(note);
    }
    if s.fit.is_some() && (q.log_x || q.log_y) {
        footer.push("Fit: least squares on the displayed (log) scales.".into());
    }
    let title = format!("{} and {}", short_title(y), short_title(x));
    Ok(finish(
        &q.options,
        title,
        Some(subtitle),
        footer,
        ChartKind::Scatter(s),
        n,
    ))
}

fn left_out_lines(
    left: &[crate::analysis::pairs::LeftOut],
    x: &Indicator,
    y: &Indicator,
) -> Vec<String> {
    let mut heads: Vec<(String, Vec<&str>)> = Vec::new();
    for l in left {
        let head = match &l.reason {
            LeftOutReason::NoX { .. } => format!("no {} value", short_title(x)),
            LeftOutReason::NoY { .. } => format!("no {} value", short_title(y)),
            other => left_out_reason(other, x, y),
        };
        let head = match &l.reason {
            LeftOutReason::GapTooLarge { .. } => "years too far apart".to_string(),
            LeftOutReason::TooOld { .. } => "too old for --max-age".to_string(),
            _ => head,
        };
        match heads.iter_mut().find(|(h, _)| *h == head) {
            Some((_, v)) => v.push(&l.iso3),
            None => heads.push((head, vec![&l.iso3])),
        }
    }
    if heads.is_empty() {
        return vec![];
    }
    let parts: Vec<String> = heads
        .iter()
        .map(|(h, v)| format!("{h} ({}): {}", v.len(), codes(v)))
        .collect();
    vec![format!("Left out — {}.", parts.join("; "))]
}

mod bar;
mod series;
pub use bar::{bar, BarQuery};
pub use series::{line, slope, LineQuery, SlopeQuery};
mod intervals;
pub use intervals::{interval_order, intervals, IntervalQuery, IntervalRow};
mod map;
pub mod map_classes;
pub use map::{map, MapQuery};
