//! The methods an index is built with, as pure functions on plain numbers: transformations
//! (log, winsorising by the JRC skewness/kurtosis rule), normalisations, aggregations. Each is
//! checked against hand-computed values in `methods/tests.rs`.

/// A transformation applied to the raw values before normalising.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Transform {
    None,
    /// Natural logarithm; every value must be above 0.
    Log,
    /// The JRC rule: while |skewness| > 2 and kurtosis > 3.5, the most extreme value on the side
    /// of the skew is set to the next one, at most `max` values.
    Winsorise {
        max: usize,
    },
}

impl Transform {
    pub fn parse(s: &str) -> Result<Self, String> {
        Ok(match s {
            "none" => Transform::None,
            "log" => Transform::Log,
            "winsorise" | "winsorize" => Transform::Winsorise { max: 5 },
            other => {
                return Err(unknown_choice(
                    "transform",
                    other,
                    &["none", "log", "winsorise"],
                ))
            }
        })
    }
    pub fn label(&self) -> String {
        match self {
            Transform::None => "none".into(),
            Transform::Log => "natural log".into(),
            Transform::Winsorise { max } => format!("winsorised (JRC rule, at most {max} values)"),
        }
    }
}

/// How values become comparable scores (higher always better after normalising).
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Normalisation {
    /// The values as they are (already scores on one scale).
    None,
    /// 100 × (x − min) / (max − min).
    MinMax,
    /// (x − mean) / standard deviation (sample, n − 1).
    ZScore,
    /// The rank from the bottom (1 = lowest score), equal values sharing the average rank.
    Rank,
    /// 100 × (rank from the bottom − 1) / (n − 1).
    Percentile,
    /// 100 × (x − min) / (target − min), at most 100.
    Target(f64),
    /// 100 × x / best (the frontier); values must be above 0.
    Frontier,
    /// 100 × (x − low) / (high − low), clamped to 0–100.
    Goalposts(f64, f64),
}

impl Normalisation {
    pub fn parse(
        s: &str,
        target: Option<f64>,
        goalposts: Option<(f64, f64)>,
    ) -> Result<Self, String> {
        Ok(match s {
            "none" => Normalisation::None,
            "minmax" => Normalisation::MinMax,
            "zscore" => Normalisation::ZScore,
            "rank" => Normalisation::Rank,
            "percentile" => Normalisation::Percentile,
            "frontier" => Normalisation::Frontier,
            "target" => Normalisation::Target(target.ok_or(
                "normalisation \"target\" needs `target = VALUE` (in the indicator's unit)",
            )?),
            "goalposts" => {
                let (lo, hi) = goalposts
                    .ok_or("normalisation \"goalposts\" needs `goalposts = [LOW, HIGH]`")?;
                Normalisation::Goalposts(lo, hi)
            }
            other => {
                return Err(unknown_choice(
                    "normalisation",
                    other,
                    &[
                        "none",
                        "minmax",
                        "zscore",
                        "rank",
                        "percentile",
                        "target",
                        "frontier",
                        "goalposts",
                    ],
                ))
            }
        })
    }
    pub fn label(&self) -> String {
        match self {
            Normalisation::None => "none (values as published)".into(),
            Normalisation::MinMax => "min-max 0–100".into(),
            Normalisation::ZScore => "z-score".into(),
            Normalisation::Rank => "rank (1 = lowest)".into(),
            Normalisation::Percentile => "percentile 0–100".into(),
            Normalisation::Target(t) => {
                format!("distance to target {}", crate::report::format_raw(*t))
            }
            Normalisation::Frontier => "distance to frontier (% of best)".into(),
            Normalisation::Goalposts(a, b) => format!(
                "goalposts {}–{}",
                crate::report::format_raw(*a),
                crate::report::format_raw(*b)
            ),
        }
    }
    pub fn short(&self) -> &'static str {
        match self {
            Normalisation::None => "none",
            Normalisation::MinMax => "minmax",
            Normalisation::ZScore => "zscore",
            Normalisation::Rank => "rank",
            Normalisation::Percentile => "percentile",
            Normalisation::Target(_) => "target",
            Normalisation::Frontier => "frontier",
            Normalisation::Goalposts(..) => "goalposts",
        }
    }
}

/// How components combine.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Aggregation {
    Arithmetic,
    /// Π x^w; refused where a value is ≤ 0.
    Geometric,
    /// Σw / Σ(w / x); refused where a value is ≤ 0.
    Harmonic,
}

impl Aggregation {
    pub fn parse(s: &str) -> Result<Self, String> {
        Ok(match s {
            "arithmetic" => Aggregation::Arithmetic,
            "geometric" => Aggregation::Geometric,
            "harmonic" => Aggregation::Harmonic,
            other => {
                return Err(unknown_choice(
                    "aggregation",
                    other,
                    &["arithmetic", "geometric", "harmonic"],
                ))
            }
        })
    }
    pub fn label(&self) -> &'static str {
        match self {
            Aggregation::Arithmetic => "arithmetic",
            Aggregation::Geometric => "geometric",
            Aggregation::Harmonic => "harmonic",
        }
    }
}

/// What fills a missing value.
#[derive(Debug, Clone, PartialEq)]
pub enum Imputation {
    None,
    /// The mean of the values of the economies in the same group of this kind (e.g. wb-region).
    GroupMean(String),
    /// The latest value of an earlier year, at most this many years earlier.
    Earlier(i32),
}

impl Imputation {
    pub fn parse(s: &str, group: Option<&str>, max_age: Option<i64>) -> Result<Self, String> {
        Ok(match s {
            "none" => Imputation::None,
            "group_mean" => Imputation::GroupMean(group.ok_or(
                "imputation \"group_mean\" needs `imputation_group = KIND` (wb-region, wb-income, …)")?.to_string()),
            "earlier" => match max_age {
                Some(n) if (1..=50).contains(&n) => Imputation::Earlier(n as i32),
                _ => return Err("imputation \"earlier\" needs `max_age = N` (1 to 50 years)".into()),
            },
            other => return Err(unknown_choice("imputation", other, &["none", "group_mean", "earlier"])),
        })
    }
    pub fn label(&self) -> String {
        match self {
            Imputation::None => "none".into(),
            Imputation::GroupMean(k) => format!("mean of the {k} group"),
            Imputation::Earlier(n) => format!("latest earlier value, at most {n} years older"),
        }
    }
}

fn unknown_choice(what: &str, got: &str, known: &[&str]) -> String {
    crate::error::Error::unknown(
        what,
        got,
        known.iter().copied(),
        &format!("choose one of {}", known.join(", ")),
    )
    .raw_message()
}

/// Sample skewness (adjusted Fisher–Pearson, as spreadsheets' SKEW) and excess kurtosis (as KURT).
pub fn skew_kurtosis(v: &[f64]) -> Option<(f64, f64)> {
    let n = v.len() as f64;
    if v.len() < 4 {
        return None;
    }
    let mean = v.iter().sum::<f64>() / n;
    let s2 = v.iter().map(|x| (x - mean).powi(2)).sum::<f64>() / (n - 1.0);
    if s2 <= 0.0 {
        return None;
    }
    let s = s2.sqrt();
    let m3: f64 = v.iter().map(|x| ((x - mean) / s).powi(3)).sum();
    let m4: f64 = v.iter().map(|x| ((x - mean) / s).powi(4)).sum();
    let skew = n / ((n - 1.0) * (n - 2.0)) * m3;
    let kurt = n * (n + 1.0) / ((n - 1.0) * (n - 2.0) * (n - 3.0)) * m4
        - 3.0 * (n - 1.0).powi(2) / ((n - 2.0) * (n - 3.0));
    Some((skew, kurt))
}

/// Winsorises by the JRC rule; returns the values and how many were changed.
pub fn winsorise(values: &[f64], max: usize) -> (Vec<f64>, usize) {
    let mut v = values.to_vec();
    let mut changed = 0;
    while changed < max {
        let Some((skew, kurt)) = skew_kurtosis(&v) else {
            break;
        };
        if !(skew.abs() > 2.0 && kurt > 3.5) {
            break;
        }
        let mut sorted = v.clone();
        sorted.sort_by(f64::total_cmp);
        let (extreme, next) = if skew > 0.0 {
            (sorted[sorted.len() - 1], sorted[sorted.len() - 2])
        } else {
            (sorted[0], sorted[1])
        };
        if extreme == next {
            break;
        }
        if let Some(x) = v.iter_mut().find(|x| **x == extreme) {
            *x = next;
        }
        changed += 1;
    }
    (v, changed)
}

/// Normalises values (one per economy present); `higher` is the indicator's direction.
/// Errors name the first value a method cannot take (its position in `values`).
pub fn normalise(
    values: &[f64],
    method: Normalisation,
    higher: bool,
) -> Result<Vec<f64>, (usize, String)> {
    if values.is_empty() {
        return Ok(vec![]);
    }
    // Lower-is-better values are negated for the methods defined on order or spread.
    let signed: Vec<f64> = values
        .iter()
        .map(|x| if higher { *x } else { -x })
        .collect();
    let min = signed.iter().copied().fold(f64::INFINITY, f64::min);
    let max = signed.iter().copied().fold(f64::NEG_INFINITY, f64::max);
    let n = values.len() as f64;
    Ok(match method {
        Normalisation::None => values.to_vec(),
        Normalisation::MinMax => signed
            .iter()
            .map(|x| {
                if max > min {
                    100.0 * (x - min) / (max - min)
                } else {
                    100.0
                }
            })
            .collect(),
        Normalisation::ZScore => {
            let mean = signed.iter().sum::<f64>() / n;
            let sd = (signed.iter().map(|x| (x - mean).powi(2)).sum::<f64>() / (n - 1.0)).sqrt();
            signed
                .iter()
                .map(|x| {
                    if sd > 0.0 && sd.is_finite() {
                        (x - mean) / sd
                    } else {
                        0.0
                    }
                })
                .collect()
        }
        Normalisation::Rank => crate::analysis::stats::average_ranks(&signed),
        Normalisation::Percentile => crate::analysis::stats::average_ranks(&signed)
            .iter()
            .map(|r| {
                if n > 1.0 {
                    100.0 * (r - 1.0) / (n - 1.0)
                } else {
                    100.0
                }
            })
            .collect(),
        Normalisation::Target(t) => {
            let t = if higher { t } else { -t };
            if t <= min {
                return Err((
                    0,
                    "the target is at or below the worst value; every economy would score 100"
                        .to_string(),
                ));
            }
            signed
                .iter()
                .map(|x| (100.0 * (x - min) / (t - min)).min(100.0))
                .collect()
        }
        Normalisation::Frontier => {
            if let Some(i) = values.iter().position(|x| *x <= 0.0) {
                return Err((
                    i,
                    format!(
                        "distance to the frontier needs values above 0; this one is {}",
                        values[i]
                    ),
                ));
            }
            let best = if higher { max } else { -max };
            values
                .iter()
                .map(|x| {
                    if higher {
                        100.0 * x / best
                    } else {
                        100.0 * best / x
                    }
                })
                .collect()
        }
        Normalisation::Goalposts(lo, hi) => values
            .iter()
            .map(|x| {
                let s = if higher {
                    (x - lo) / (hi - lo)
                } else {
                    (hi - x) / (hi - lo)
                };
                (100.0 * s).clamp(0.0, 100.0)
            })
            .collect(),
    })
}

/// Aggregates (score, weight) pairs with weights renormalised to sum to 1. Geometric and
/// harmonic means refuse a value ≤ 0: the error gives its position.
pub fn aggregate(parts: &[(f64, f64)], method: Aggregation) -> Result<f64, usize> {
    let total: f64 = parts.iter().map(|p| p.1).sum();
    if parts.is_empty() || total <= 0.0 {
        return Ok(f64::NAN);
    }
    if method != Aggregation::Arithmetic {
        if let Some(i) = parts.iter().position(|p| p.0 <= 0.0 && p.1 > 0.0) {
            return Err(i);
        }
    }
    Ok(match method {
        Aggregation::Arithmetic => parts.iter().map(|(x, w)| x * w).sum::<f64>() / total,
        Aggregation::Geometric => parts
            .iter()
            .map(|(x, w)| if *w > 0.0 { (w / total) * x.ln() } else { 0.0 })
            .sum::<f64>()
            .exp(),
        Aggregation::Harmonic => {
            total
                / parts
                    .iter()
                    .map(|(x, w)| if *w > 0.0 { w / x } else { 0.0 })
                    .sum::<f64>()
        }
    })
}

#[cfg(test)]
mod tests;
