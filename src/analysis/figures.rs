//! Chart builders: catalog + query in, a finished [`ChartSpec`] out (titles, axis titles with
//! units, and a footer built from the metadata: sources and licences with the years used, the
//! period, n, and every country left out). The renderer in [`crate::chart`] never sees the
//! catalog; this module never draws.

use super::pairs::{non_positive_note, pair, split_non_positive, LeftOutReason, PairQuery};
use super::period::{select, Period};
use super::rank::{assign_ranks, compute, display_name, RankQuery, Ties};
use super::universe::Universe;
use crate::catalog::{Catalog, Countries, Indicator};
use crate::chart::{
    Axis, BarItem, BarSpec, ChartKind, ChartSpec, LabelMode, LineSeries, LineSpec, ScatterPoint,
    ScatterSpec, SlopeItem, SlopeMeasure, SlopeSpec, DEFAULT_SIZE,
};
use crate::error::{Error, Result};
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

/// "2020", "2017–2021", or "" for no years.
pub fn years_text(years: &[i32]) -> String {
    match (years.iter().min(), years.iter().max()) {
        (Some(a), Some(b)) if a == b => a.to_string(),
        (Some(a), Some(b)) => format!("{a}–{b}"),
        _ => String::new(),
    }
}

/// `Source: ATTRIBUTION (YEARS). Licence: LICENCE.` for one indicator's dataset.
pub fn source_note(catalog: &Catalog, ind: &Indicator, years: &str) -> Result<String> {
    let d = catalog.dataset(&ind.dataset)?;
    let mut s = catalog.attribution_template(ind)?.replace("{year}", years);
    if !s.ends_with('.') {
        s.push('.');
    }
    Ok(format!("{s} Licence: {}.", d.licence.trim_end_matches('.')))
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
    let f = super::stats::least_squares(&xs, &ys)?;
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
            q.pairs.period.describe(&pairing.x),
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
    let rank_of = |p: &super::pairs::Pair| {
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
    let mut years_line = format!("n = {n} countries; universe: {}.", pairing.universe_desc);
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
    if let Some(note) = non_positive_note(&excluded) {
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

fn left_out_lines(left: &[super::pairs::LeftOut], x: &Indicator, y: &Indicator) -> Vec<String> {
    let mut heads: Vec<(String, Vec<&str>)> = Vec::new();
    for l in left {
        let head = match &l.reason {
            LeftOutReason::NoX { .. } => format!("no {} value", short_title(x)),
            LeftOutReason::NoY { .. } => format!("no {} value", short_title(y)),
            other => other.describe(x, y),
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

/// A ranked bar chart.
#[derive(Debug, Clone)]
pub struct BarQuery {
    pub indicator: String,
    pub period: Period,
    pub universe: Universe,
    pub top: Option<usize>,
    pub options: ChartOptions,
}

/// Builds horizontal ranked bars (via [`compute`]).
pub fn bar(catalog: &Catalog, q: &BarQuery) -> Result<Figure> {
    let countries = catalog.countries()?;
    let ranking = compute(
        catalog,
        &RankQuery {
            indicator: q.indicator.clone(),
            period: q.period.clone(),
            universe: q.universe.clone(),
            ties: Ties::Min,
            ..Default::default()
        },
    )?;
    let ind = &ranking.indicator;
    if ranking.rows.is_empty() {
        return Err(Error::Findings(format!(
            "no country has a value for {} ({}); `innodex indicators {}` shows its years",
            ind.id,
            q.period.describe(ind),
            ind.id
        )));
    }
    let hs = resolve_highlights(countries, &q.options.highlight)?;
    // As in `rank --top`: countries tied at the cut-off are shown too.
    let shown: Vec<_> = crate::analysis::rank::cut_with_ties(&ranking.rows, q.top)
        .iter()
        .collect();
    let years: Vec<i32> = shown.iter().map(|r| r.year).collect();
    // Bars are numbered by the source's published rank where it publishes one, else by the
    // rank within the universe shown, and the subtitle says which.
    let published_numbers = shown.iter().all(|r| r.published_rank.is_some());
    let items = shown
        .iter()
        .map(|r| {
            let number = match r.published_rank {
                Some(p) if published_numbers => crate::report::format_display(f64::from(p), 0),
                _ => crate::report::format_raw(r.rank),
            };
            // The renderer adds each bar's year to its value label when the years differ.
            BarItem {
                label: format!("{number}. {}", r.name),
                code: r.iso3.clone(),
                value: r.value,
                highlight: highlight_of(&hs, countries, &r.iso3, r.year).is_some(),
                year: Some(r.year),
                // Several highlights: each its own colour and key entry.
                group: if hs.len() > 1 {
                    highlight_of(&hs, countries, &r.iso3, r.year)
                } else {
                    None
                },
            }
        })
        .collect();
    let mut footer = vec![source_note(catalog, ind, &years_text(&years))?];
    let mut line = format!(
        "{} of {} countries ranked shown; {}; {} {}; universe: {}.",
        shown.len(),
        ranking.rows.len(),
        q.period.describe(ind),
        ind.meta.year_kind.label(),
        years_text(&years),
        ranking.universe_desc
    );
    let oldest = years.iter().min().copied();
    if years_text(&years).contains('–') {
        let old: Vec<&str> = shown
            .iter()
            .filter(|r| Some(r.year) == oldest)
            .map(|r| r.iso3.as_str())
            .collect();
        if let Some(o) = oldest {
            line.push_str(&format!(" Oldest values ({o}): {}.", codes(&old)));
        }
    }
    footer.push(line);
    let mut left = Vec::new();
    if !ranking.no_value.is_empty() {
        let v: Vec<&str> = ranking.no_value.iter().map(String::as_str).collect();
        left.push(format!(
            "no value in the period ({}): {}",
            v.len(),
            codes(&v)
        ));
    }
    if !ranking.selection.too_old.is_empty() {
        let v: Vec<String> = ranking
            .selection
            .too_old
            .iter()
            .map(|(c, y)| format!("{c} {y}"))
            .collect();
        left.push(format!("too old for --max-age: {}", v.join(", ")));
    }
    if !ranking.selection.rank_only.is_empty() {
        let v: Vec<String> = ranking
            .selection
            .rank_only
            .iter()
            .map(|r| format!("{} {} rank {}", r.iso3, r.year, r.rank))
            .collect();
        left.push(format!("published rank but no value: {}", v.join(", ")));
    }
    if !ranking.aggregates_left_out.is_empty() {
        let v: Vec<&str> = ranking
            .aggregates_left_out
            .iter()
            .map(String::as_str)
            .collect();
        left.push(format!("aggregates: {}", codes(&v)));
    }
    if !left.is_empty() {
        footer.push(format!("Left out — {}.", left.join("; ")));
    }
    if !hs.is_empty() {
        let labels: Vec<&str> = hs.iter().map(|h| h.label.as_str()).collect();
        footer.push(format!("Highlighted: {}.", labels.join("; ")));
    }
    let direction = if ranking.highest_first {
        "highest first"
    } else {
        "lowest first"
    };
    let title = match q.top {
        Some(n) if n < ranking.rows.len() => format!("{}: top {n}", short_title(ind)),
        _ => short_title(ind),
    };
    let among = if !q.universe.groups.is_empty() && q.universe.countries.is_empty() {
        format!("Among {} members", ranking.universe_short)
    } else if q.universe.is_restricted() || q.universe.within.is_some() {
        format!("Among {}", ranking.universe_short)
    } else {
        "All economies with a value".to_string()
    };
    let numbering = if published_numbers {
        "numbers: the source's published rank"
    } else if q.universe.is_restricted() {
        "numbers: rank within the economies shown"
    } else {
        "numbers: rank"
    };
    let subtitle = format!(
        "{among} ({} ranked); ranked {direction}; {} {}; {numbering}",
        ranking.rows.len(),
        ind.meta.year_kind.label(),
        years_text(&years)
    );
    let spec = BarSpec {
        items,
        value_axis: Axis::linear(axis_title(ind, false)),
        decimals: Some(ind.meta.decimals as usize),
        highlight_name: (hs.len() == 1).then(|| hs[0].label.clone()),
        others_name: (!hs.is_empty()).then(|| "Others".to_string()),
    };
    Ok(finish(
        &q.options,
        title,
        Some(subtitle),
        footer,
        ChartKind::Bar(spec),
        shown.len(),
    ))
}

/// Time series of some countries.
#[derive(Debug, Clone)]
pub struct LineQuery {
    pub indicator: String,
    /// Names, codes or aliases.
    pub countries: Vec<String>,
    pub from: Option<i32>,
    pub to: Option<i32>,
    /// Only `as_of` is used: which publications count.
    pub period: Period,
    pub options: ChartOptions,
}

/// Builds a line chart: every year of each country's values (as published by `--as-of`).
pub fn line(catalog: &Catalog, q: &LineQuery) -> Result<Figure> {
    let countries = catalog.countries()?;
    let ind = catalog.indicator(&q.indicator)?;
    if q.countries.is_empty() {
        return Err(Error::Usage("chart line needs --countries LIST".into()));
    }
    let mut codes_in: Vec<String> = Vec::new();
    for list in &q.countries {
        for code in countries.resolve_list(list)? {
            if !codes_in.contains(&code) {
                codes_in.push(code);
            }
        }
    }
    let hs = resolve_highlights(countries, &q.options.highlight)?;
    let obs: Vec<_> = catalog
        .observations(&ind)?
        .into_iter()
        .filter(|o| codes_in.contains(&o.iso3))
        .filter(|o| q.from.is_none_or(|f| o.year >= f) && q.to.is_none_or(|t| o.year <= t))
        .collect();
    let years: BTreeSet<i32> = obs.iter().map(|o| o.year).collect();
    let mut series: Vec<LineSeries> = codes_in
        .iter()
        .map(|c| LineSeries {
            label: display_name(countries, c),
            code: c.clone(),
            points: vec![],
            highlight: false,
        })
        .collect();
    for &yr in &years {
        let period = Period::at_year(yr, q.period.as_of.clone());
        for s in select(catalog, &ind, &period)?
            .rows
            .into_iter()
            .filter(|s| codes_in.contains(&s.iso3))
        {
            if let Some(ser) = series.iter_mut().find(|x| x.code == s.iso3) {
                ser.points.push((s.year, s.value));
                if highlight_of(&hs, countries, &s.iso3, s.year).is_some() {
                    ser.highlight = true;
                }
            }
        }
    }
    let (with, without): (Vec<LineSeries>, Vec<LineSeries>) =
        series.into_iter().partition(|s| !s.points.is_empty());
    if with.is_empty() {
        return Err(Error::Findings(format!(
            "none of {} has a value of {} in the years asked for",
            codes_in.join(", "),
            ind.id
        )));
    }
    let used: Vec<i32> = with
        .iter()
        .flat_map(|s| s.points.iter().map(|p| p.0))
        .collect();
    let mut footer = vec![source_note(catalog, &ind, &years_text(&used))?];
    let mut line = format!(
        "{} countries; {}s {}; every year with a value is drawn; a thin line bridges years without one",
        with.len(),
        ind.meta.year_kind.label(),
        years_text(&used)
    );
    if let Some(d) = &q.period.as_of {
        line.push_str(&format!("; as published by {}", d.end));
    }
    line.push('.');
    footer.push(line);
    if !without.is_empty() {
        let v: Vec<&str> = without.iter().map(|s| s.code.as_str()).collect();
        footer.push(format!("No value in these years: {}.", codes(&v)));
    }
    for c in &ind.meta.caveats {
        footer.push(format!("Caveat: {c}"));
    }
    let n = with.len();
    let title = format!("{}, {}", short_title(&ind), years_text(&used));
    let spec = LineSpec {
        series: with,
        y_axis: Axis::linear(axis_title(&ind, false)),
        decimals: Some(ind.meta.decimals as usize),
        highlight_name: highlight_key(&hs),
    };
    Ok(finish(
        &q.options,
        title,
        None,
        footer,
        ChartKind::Line(spec),
        n,
    ))
}

/// Change between two years or editions.
#[derive(Debug, Clone)]
pub struct SlopeQuery {
    pub indicator: String,
    pub from: i32,
    pub to: i32,
    /// Compare ranks (among countries with values in both years) instead of values.
    pub rank: bool,
    /// Only `as_of` is used.
    pub period: Period,
    pub universe: Universe,
    pub options: ChartOptions,
}

/// Builds a slope chart between `from` and `to`, with the comparability caveats in the footer.
pub fn slope(catalog: &Catalog, q: &SlopeQuery) -> Result<Figure> {
    let countries = catalog.countries()?;
    let ind = catalog.indicator(&q.indicator)?;
    let universe = q.universe.clone().resolve(countries)?;
    let hs = resolve_highlights(countries, &q.options.highlight)?;
    let at = |yr: i32| -> Result<Vec<(String, f64)>> {
        let p = Period::at_year(yr, q.period.as_of.clone());
        Ok(select(catalog, &ind, &p)?
            .rows
            .into_iter()
            .filter(|s| universe.admits(countries, &s.iso3, yr))
            .map(|s| (s.iso3, s.value))
            .collect())
    };
    let (a, b) = (at(q.from)?, at(q.to)?);
    let both: Vec<(String, f64, f64)> = a
        .iter()
        .filter_map(|(c, v0)| {
            b.iter()
                .find(|(d, _)| d == c)
                .map(|(_, v1)| (c.clone(), *v0, *v1))
        })
        .collect();
    if both.is_empty() {
        return Err(Error::Findings(format!(
            "no country has a value of {} in both {} and {}",
            ind.id, q.from, q.to
        )));
    }
    let only_a: Vec<&str> = a
        .iter()
        .filter(|(c, _)| !b.iter().any(|(d, _)| d == c))
        .map(|(c, _)| c.as_str())
        .collect();
    let only_b: Vec<&str> = b
        .iter()
        .filter(|(c, _)| !a.iter().any(|(d, _)| d == c))
        .map(|(c, _)| c.as_str())
        .collect();
    let (start, end): (Vec<f64>, Vec<f64>) = if q.rank {
        let hf = ind.meta.higher_is_better;
        let rows = |i: usize| -> Vec<(String, f64, String)> {
            both.iter()
                .map(|t| {
                    (
                        display_name(countries, &t.0),
                        if i == 0 { t.1 } else { t.2 },
                        String::new(),
                    )
                })
                .collect()
        };
        (
            assign_ranks(&rows(0), Ties::Min, hf, false)?,
            assign_ranks(&rows(1), Ties::Min, hf, false)?,
        )
    } else {
        (
            both.iter().map(|t| t.1).collect(),
            both.iter().map(|t| t.2).collect(),
        )
    };
    let items: Vec<SlopeItem> = both
        .iter()
        .zip(start.iter().zip(&end))
        .map(|(t, (s, e))| SlopeItem {
            label: display_name(countries, &t.0),
            code: t.0.clone(),
            start: *s,
            end: *e,
            highlight: highlight_of(&hs, countries, &t.0, q.to).is_some(),
        })
        .collect();
    let kind_label = ind.meta.year_kind.label();
    let mut footer = vec![source_note(
        catalog,
        &ind,
        &format!("{}, {}", q.from, q.to),
    )?];
    let mut line = format!(
        "{} countries with values in both {kind_label}s {} and {}; universe: {}.",
        items.len(),
        q.from,
        q.to,
        universe.describe(countries)
    );
    if q.rank {
        line.push_str(" Ranks are among these countries only (1 = best), not the published ranks.");
    }
    footer.push(line);
    let mut left = Vec::new();
    if !only_a.is_empty() {
        left.push(format!("no {} value: {}", q.to, codes(&only_a)));
    }
    if !only_b.is_empty() {
        left.push(format!("no {} value: {}", q.from, codes(&only_b)));
    }
    if !left.is_empty() {
        footer.push(format!("Left out — {}.", left.join("; ")));
    }
    if ind.meta.caveats.is_empty() {
        footer
            .push("Comparability: the dataset declares no caveat on comparing these years.".into());
    }
    for c in &ind.meta.caveats {
        footer.push(format!("Comparability: {c}"));
    }
    // A rank-type indicator's values are published ranks: draw them with 1 at the top.
    let published_ranks = !q.rank && crate::analysis::profile::is_rank_type(&ind);
    if published_ranks {
        footer.insert(
            1,
            "Values are the source's published ranks (1 = best), drawn with 1 at the top.".into(),
        );
    }
    let n = items.len();
    let what = if q.rank {
        "rank"
    } else if published_ranks {
        "published rank"
    } else {
        "value"
    };
    let title = format!("{}: {what} in {} and {}", short_title(&ind), q.from, q.to);
    let spec = SlopeSpec {
        items,
        start_year: q.from,
        end_year: q.to,
        measure: if q.rank || published_ranks {
            SlopeMeasure::Rank
        } else {
            SlopeMeasure::Value(Axis::linear(axis_title(&ind, false)))
        },
        decimals: Some(ind.meta.decimals as usize),
        highlight_name: highlight_key(&hs),
    };
    Ok(finish(
        &q.options,
        title,
        None,
        footer,
        ChartKind::Slope(spec),
        n,
    ))
}
