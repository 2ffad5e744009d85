//! Pairing two indicators per country, for correlations and scatter charts.
//!
//! Each indicator is selected on its own with the shared [`Period`] (so `--as-of` and
//! `--max-age` apply to both), then the two selections are joined on `iso3` with Polars. With
//! `--year Y` both values are of year Y (each in its indicator's own year kind: edition or data
//! year); by default each country's latest value of each indicator is used and the notes state
//! which years were paired and the largest gap. Every country with a value of either indicator
//! ends up either in [`Pairing::pairs`] or in [`Pairing::left_out`] with its reason.
//! `present::pairs` words the reasons and the notes.

use super::period::{select, Period, Selection};
use super::rank::display_name;
use super::universe::Universe;
use crate::catalog::{Catalog, Indicator};
use crate::error::{Error, Result};
use polars::prelude::*;

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
    /// The universe paired over (group ids checked and normalised).
    pub universe: Universe,
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
        let ref_year = query.period.reference_year(query.period.today);
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
    Ok(Pairing {
        universe,
        x,
        y,
        pairs,
        left_out,
    })
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

/// A pair that a log axis cannot show: which of its values are ≤ 0.
#[derive(Debug, Clone, PartialEq)]
pub struct NonPositive {
    pub pair: Pair,
    /// X is ≤ 0 on a log X axis.
    pub x: bool,
    /// Y is ≤ 0 on a log Y axis.
    pub y: bool,
}

/// Splits pairs for log axes: those with a value ≤ 0 on a log axis cannot be drawn or logged.
/// Returns (kept, excluded with which value is ≤ 0).
pub fn split_non_positive(
    pairing: &Pairing,
    log_x: bool,
    log_y: bool,
) -> (Vec<Pair>, Vec<NonPositive>) {
    let mut kept = Vec::new();
    let mut excluded = Vec::new();
    for p in &pairing.pairs {
        let (x, y) = (log_x && p.x <= 0.0, log_y && p.y <= 0.0);
        if x || y {
            excluded.push(NonPositive {
                pair: p.clone(),
                x,
                y,
            });
        } else {
            kept.push(p.clone());
        }
    }
    (kept, excluded)
}

#[cfg(test)]
mod tests;
