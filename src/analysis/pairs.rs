//! Pairing two indicators per country, for correlations and scatter charts.
//!
//! Each indicator is selected on its own with the shared [`Period`] (so `--as-of` and
//! `--max-age` apply to both), then the two selections are joined on `iso3` with Polars. With
//! `--year Y` both values are of year Y (each in its indicator's own year kind: edition or data
//! year); by default each country's latest value of each indicator is used and the notes state
//! which years were paired and the largest gap. Every country with a value of either indicator
//! ends up either in [`Pairing::pairs`] or in [`Pairing::left_out`] with its reason.

use super::period::{select, Period, Selection};
use super::rank::display_name;
use super::universe::Universe;
use crate::catalog::{Catalog, Countries, Indicator, YearKind};
use crate::error::{Error, Result};
use polars::prelude::*;
use std::collections::BTreeMap;

/// What to pair.
#[derive(Debug, Clone, Default)]
pub struct PairQuery {
    pub x: String,
    pub y: String,
    pub period: Period,
    pub universe: Universe,
    /// Leave out pairs whose two years differ by more than N.
    pub max_gap: Option<i32>,
}

/// One country with both values.
#[derive(Debug, Clone, PartialEq)]
pub struct Pair {
    pub iso3: String,
    pub name: String,
    pub x: f64,
    pub x_year: i32,
    pub y: f64,
    pub y_year: i32,
}

impl Pair {
    /// How many years apart the two values are.
    pub fn gap(&self) -> i32 {
        (self.x_year - self.y_year).abs()
    }
}

/// Why a country with some value is not among the pairs.
#[derive(Debug, Clone, PartialEq)]
pub enum LeftOutReason {
    /// It has a Y value (of this year) but no X value in the period.
    NoX { y_year: i32 },
    /// It has an X value (of this year) but no Y value in the period.
    NoY { x_year: i32 },
    /// An aggregate (OECD, EU27, …), left out unless `--include-aggregates`.
    Aggregate,
    /// Not in the requested groups or countries (judged at the newer of its two years).
    OutsideUniverse,
    /// Its two years differ by more than `--max-gap`.
    GapTooLarge { x_year: i32, y_year: i32 },
    /// A value was left out by `--max-age` (which indicator, the value's year).
    TooOld { indicator: String, year: i32 },
    /// A named universe member with no value of either indicator.
    NoValue,
}

impl LeftOutReason {
    /// Short text for tables and footers ("no X value").
    pub fn describe(&self, x: &Indicator, y: &Indicator) -> String {
        match self {
            LeftOutReason::NoX { y_year } => format!("no {} value (has {} {y_year})", x.id, y.id),
            LeftOutReason::NoY { x_year } => format!("no {} value (has {} {x_year})", y.id, x.id),
            LeftOutReason::Aggregate => "aggregate".into(),
            LeftOutReason::OutsideUniverse => "outside the universe".into(),
            LeftOutReason::GapTooLarge { x_year, y_year } => {
                format!("years {x_year} and {y_year} differ by more than --max-gap")
            }
            LeftOutReason::TooOld { indicator, year } => {
                format!("{indicator} value of {year} left out by --max-age")
            }
            LeftOutReason::NoValue => "no value of either indicator".into(),
        }
    }
}

/// A country left out, with its reason.
#[derive(Debug, Clone, PartialEq)]
pub struct LeftOut {
    pub iso3: String,
    pub name: String,
    pub reason: LeftOutReason,
}

/// Paired values and everything that was left out.
#[derive(Debug, Clone)]
pub struct Pairing {
    pub x: Indicator,
    pub y: Indicator,
    /// Sorted by country name.
    pub pairs: Vec<Pair>,
    /// Sorted by reason kind, then name.
    pub left_out: Vec<LeftOut>,
    /// Sentences on the period, the years paired and the gaps (for report notes and footers).
    pub notes: Vec<String>,
    pub universe_desc: String,
}

impl Pairing {
    /// The largest difference between the two years of a pair.
    pub fn max_gap(&self) -> i32 {
        self.pairs.iter().map(Pair::gap).max().unwrap_or(0)
    }
    /// The left-out countries with a given kind of reason.
    pub fn left_out_where(&self, f: impl Fn(&LeftOutReason) -> bool) -> Vec<&LeftOut> {
        self.left_out.iter().filter(|l| f(&l.reason)).collect()
    }
}

/// Pairs two indicators over a period and universe (see the module doc).
pub fn pair(catalog: &Catalog, query: &PairQuery) -> Result<Pairing> {
    let countries = catalog.countries()?;
    let x = catalog.indicator(&query.x)?;
    let y = catalog.indicator(&query.y)?;
    if x.id == y.id {
        return Err(Error::Usage(format!(
            "X and Y are the same indicator ({}); give two different indicators",
            x.id
        )));
    }
    let universe = query.universe.clone().resolve(countries)?;
    let xs = select(catalog, &x, &query.period)?;
    let ys = select(catalog, &y, &query.period)?;
    let joined = join_selections(&xs, &ys)?;

    let mut pairs = Vec::new();
    let mut left_out = Vec::new();
    let out = |iso3: &str, reason: LeftOutReason| LeftOut {
        iso3: iso3.to_string(),
        name: display_name(countries, iso3),
        reason,
    };
    for (iso3, xv, yv) in &joined {
        let newest = xv.iter().chain(yv).map(|(_, yr)| *yr).max().unwrap_or(0);
        if countries.is_aggregate(iso3) && !universe.admits(countries, iso3, newest) {
            left_out.push(out(iso3, LeftOutReason::Aggregate));
            continue;
        }
        if !universe.admits(countries, iso3, newest) {
            left_out.push(out(iso3, LeftOutReason::OutsideUniverse));
            continue;
        }
        match (xv, yv) {
            (Some((xval, x_year)), Some((yval, y_year))) => {
                if query.max_gap.is_some_and(|g| (x_year - y_year).abs() > g) {
                    left_out.push(out(
                        iso3,
                        LeftOutReason::GapTooLarge {
                            x_year: *x_year,
                            y_year: *y_year,
                        },
                    ));
                } else {
                    pairs.push(Pair {
                        iso3: iso3.clone(),
                        name: display_name(countries, iso3),
                        x: *xval,
                        x_year: *x_year,
                        y: *yval,
                        y_year: *y_year,
                    });
                }
            }
            (Some((_, x_year)), None) => {
                left_out.push(out(iso3, LeftOutReason::NoY { x_year: *x_year }))
            }
            (None, Some((_, y_year))) => {
                left_out.push(out(iso3, LeftOutReason::NoX { y_year: *y_year }))
            }
            (None, None) => {}
        }
    }
    // Values dropped by --max-age: the country is left out because of that, not "missing".
    for (ind, sel) in [(&x, &xs), (&y, &ys)] {
        for (iso3, year) in &sel.too_old {
            if !countries.is_aggregate(iso3) && universe.admits(countries, iso3, *year) {
                left_out.retain(|l| {
                    l.iso3 != *iso3
                        || !matches!(
                            l.reason,
                            LeftOutReason::NoX { .. } | LeftOutReason::NoY { .. }
                        )
                });
                left_out.push(out(
                    iso3,
                    LeftOutReason::TooOld {
                        indicator: ind.id.clone(),
                        year: *year,
                    },
                ));
            }
        }
    }
    // Named members with no value of either indicator.
    if universe.is_restricted() {
        let ref_year = query
            .period
            .year
            .or(query.period.as_of.as_ref().map(|d| d.year()))
            .unwrap_or_else(|| chrono::Datelike::year(&crate::catalog::dates::today()));
        for m in universe.named_members(countries, ref_year) {
            if !joined.iter().any(|(c, _, _)| *c == m) && !left_out.iter().any(|l| l.iso3 == m) {
                left_out.push(out(&m, LeftOutReason::NoValue));
            }
        }
    }
    pairs.sort_by(|a, b| a.name.cmp(&b.name).then(a.iso3.cmp(&b.iso3)));
    left_out.sort_by(|a, b| {
        reason_order(&a.reason)
            .cmp(&reason_order(&b.reason))
            .then(a.name.cmp(&b.name))
            .then(a.iso3.cmp(&b.iso3))
    });
    let mut pairing = Pairing {
        universe_desc: universe.describe(countries),
        x,
        y,
        pairs,
        left_out,
        notes: Vec::new(),
    };
    pairing.notes = pairing_notes(&pairing, query, countries);
    Ok(pairing)
}

fn reason_order(r: &LeftOutReason) -> u8 {
    match r {
        LeftOutReason::NoX { .. } => 0,
        LeftOutReason::NoY { .. } => 1,
        LeftOutReason::NoValue => 2,
        LeftOutReason::TooOld { .. } => 3,
        LeftOutReason::GapTooLarge { .. } => 4,
        LeftOutReason::OutsideUniverse => 5,
        LeftOutReason::Aggregate => 6,
    }
}

type Side = Option<(f64, i32)>;

/// A full join of the two selections on `iso3`, sorted by code.
fn join_selections(xs: &Selection, ys: &Selection) -> Result<Vec<(String, Side, Side)>> {
    let frame = |s: &Selection, v: &str, yr: &str| -> Result<LazyFrame> {
        Ok(df!(
            "iso3" => s.rows.iter().map(|r| r.iso3.as_str()).collect::<Vec<_>>(),
            v => s.rows.iter().map(|r| r.value).collect::<Vec<f64>>(),
            yr => s.rows.iter().map(|r| r.year).collect::<Vec<i32>>(),
        )?
        .lazy())
    };
    let df = frame(xs, "x", "x_year")?
        .join(
            frame(ys, "y", "y_year")?,
            [col("iso3")],
            [col("iso3")],
            JoinArgs::new(JoinType::Full).with_coalesce(JoinCoalesce::CoalesceColumns),
        )
        .sort(["iso3"], SortMultipleOptions::default())
        .collect()?;
    let iso3 = df.column("iso3")?.str()?.clone();
    let xv = df.column("x")?.f64()?.clone();
    let xy = df.column("x_year")?.i32()?.clone();
    let yv = df.column("y")?.f64()?.clone();
    let yy = df.column("y_year")?.i32()?.clone();
    let mut out = Vec::with_capacity(df.height());
    for i in 0..df.height() {
        let Some(code) = iso3.get(i) else { continue };
        let x = xv.get(i).zip(xy.get(i));
        let y = yv.get(i).zip(yy.get(i));
        out.push((code.to_string(), x, y));
    }
    Ok(out)
}

/// "2019 (12), 2020 (14)": how many pairs use each year.
fn year_counts(years: impl Iterator<Item = i32>) -> String {
    let mut counts: BTreeMap<i32, usize> = BTreeMap::new();
    for y in years {
        *counts.entry(y).or_default() += 1;
    }
    counts
        .iter()
        .map(|(y, n)| format!("{y} ({n})"))
        .collect::<Vec<_>>()
        .join(", ")
}

fn pairing_notes(p: &Pairing, query: &PairQuery, countries: &Countries) -> Vec<String> {
    let mut notes = Vec::new();
    let (x, y) = (&p.x, &p.y);
    match query.period.year {
        Some(yr) => {
            let mut s = format!("Paired values of {yr}: {} {yr} with {} {yr}", x.id, y.id);
            if x.meta.year_kind != y.meta.year_kind {
                s.push_str(&format!(
                    "; note that {} counts {}s and {} counts {}s, so the same number means different things",
                    x.id,
                    x.meta.year_kind.label(),
                    y.id,
                    y.meta.year_kind.label()
                ));
            }
            notes.push(format!("{s}."));
        }
        None => {
            let mut s = "Paired each country's latest value of each indicator".to_string();
            if query.period.max_age.is_some() || query.period.as_of.is_some() {
                s.push_str(&format!(" ({})", query.period.describe(x)));
            }
            s.push('.');
            if x.meta.year_kind == YearKind::Edition || y.meta.year_kind == YearKind::Edition {
                s.push_str(" Edition years and data years are not the same thing.");
            }
            notes.push(s);
        }
    }
    if !p.pairs.is_empty() {
        notes.push(format!(
            "Years used: {} {} — {}; {} {} — {}.",
            x.id,
            x.meta.year_kind.label(),
            year_counts(p.pairs.iter().map(|q| q.x_year)),
            y.id,
            y.meta.year_kind.label(),
            year_counts(p.pairs.iter().map(|q| q.y_year)),
        ));
        let gap = p.max_gap();
        if gap == 0 {
            notes.push("Both values of every pair are of the same year.".into());
        } else {
            let widest: Vec<String> = p
                .pairs
                .iter()
                .filter(|q| q.gap() == gap)
                .map(|q| format!("{} {}/{}", q.iso3, q.x_year, q.y_year))
                .collect();
            let same = p.pairs.iter().filter(|q| q.gap() == 0).count();
            notes.push(format!(
                "Years differ within pairs: largest gap {gap} year{} ({}); {same} of {} pairs are of the same year.{}",
                if gap == 1 { "" } else { "s" },
                widest.join(", "),
                p.pairs.len(),
                if query.max_gap.is_none() {
                    " --max-gap N leaves out wider gaps; --year Y pairs one year."
                } else {
                    ""
                }
            ));
        }
    }
    if let Some(g) = query.max_gap {
        let dropped = p.left_out_where(|r| matches!(r, LeftOutReason::GapTooLarge { .. }));
        let list: Vec<String> = dropped
            .iter()
            .map(|l| match l.reason {
                LeftOutReason::GapTooLarge { x_year, y_year } => {
                    format!("{} ({}, {x_year}/{y_year})", l.name, l.iso3)
                }
                _ => l.name.clone(),
            })
            .collect();
        if list.is_empty() {
            notes.push(format!(
                "--max-gap {g}: no pair had years more than {g} apart."
            ));
        } else {
            notes.push(format!(
                "--max-gap {g}: {} pairs with years more than {g} apart left out: {}.",
                list.len(),
                list.join(", ")
            ));
        }
    }
    let _ = countries;
    notes
}

/// Splits pairs for log axes: those with a value ≤ 0 on a log axis cannot be drawn or logged.
/// Returns (kept, excluded with the reason, e.g. "msti.gerd_pct_gdp = 0 ≤ 0 on a log axis").
pub fn split_non_positive(
    pairing: &Pairing,
    log_x: bool,
    log_y: bool,
) -> (Vec<Pair>, Vec<(Pair, String)>) {
    let mut kept = Vec::new();
    let mut excluded = Vec::new();
    for p in &pairing.pairs {
        let mut why = Vec::new();
        if log_x && p.x <= 0.0 {
            why.push(format!("{} = {} ({})", pairing.x.id, p.x, p.x_year));
        }
        if log_y && p.y <= 0.0 {
            why.push(format!("{} = {} ({})", pairing.y.id, p.y, p.y_year));
        }
        if why.is_empty() {
            kept.push(p.clone());
        } else {
            excluded.push((
                p.clone(),
                format!("{} ≤ 0 on a log axis", why.join(" and ")),
            ));
        }
    }
    (kept, excluded)
}

/// The note naming pairs excluded by log axes, if any.
pub fn non_positive_note(excluded: &[(Pair, String)]) -> Option<String> {
    if excluded.is_empty() {
        return None;
    }
    let list: Vec<String> = excluded
        .iter()
        .map(|(p, why)| format!("{} ({}: {why})", p.name, p.iso3))
        .collect();
    Some(format!(
        "Excluded because a log scale cannot show values ≤ 0: {}.",
        list.join("; ")
    ))
}

#[cfg(test)]
mod tests;
