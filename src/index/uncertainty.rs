//! Uncertainty and sensitivity, specified as named alternatives: each weight times a uniform
//! draw in [1 − x, 1 + x], one of the listed normalisations, one of the listed aggregations, one
//! indicator dropped (or none). The Monte Carlo run is seeded (SplitMix64, so the same seed gives
//! the same draws on every machine and version); the sensitivity table changes one choice at a
//! time and measures how far ranks move.

use super::model::{evaluate, Config, Scores};
use super::spec::{Spec, Uncertainty};
use super::Built;
use crate::error::{Error, Result};

/// SplitMix64 (Steele, Lea and Flood 2014): small, fast, and fully specified.
#[derive(Debug, Clone)]
pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Self {
        Rng(seed)
    }
    pub fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }
    /// Uniform in [0, 1).
    pub fn unit(&mut self) -> f64 {
        (self.next_u64() >> 11) as f64 / (1u64 << 53) as f64
    }
    /// Uniform in 0..n.
    pub fn below(&mut self, n: usize) -> usize {
        ((self.unit() * n as f64) as usize).min(n.saturating_sub(1))
    }
}

/// One economy's ranks over the runs.
#[derive(Debug, Clone, PartialEq)]
pub struct Interval {
    pub economy: usize,
    pub nominal: Option<f64>,
    pub median: f64,
    pub p5: f64,
    pub p95: f64,
    /// Runs in which the economy had an index score.
    pub ranked_in: usize,
}

/// The result of a Monte Carlo run.
#[derive(Debug, Clone)]
pub struct MonteCarlo {
    pub intervals: Vec<Interval>,
    pub runs: usize,
    pub seed: u64,
    /// The alternatives, in words.
    pub alternatives: Vec<String>,
}

/// The p-th quantile (0 < p ≤ 1) of sorted values by the nearest-rank rule: the value at
/// position ⌈p·n⌉ (1-based).
pub fn nearest_rank(sorted: &[f64], p: f64) -> f64 {
    let n = sorted.len();
    if n == 0 {
        return f64::NAN;
    }
    let k = ((p * n as f64).ceil() as usize).clamp(1, n);
    sorted[k - 1]
}

fn spec_of(built: &Built) -> Result<&Uncertainty> {
    built.spec.uncertainty.as_ref().ok_or_else(|| {
        Error::Usage(format!(
            "{} has no [uncertainty] table: add one with runs, seed and the alternatives (weights = 0.25, normalisations = [...], aggregations = [...], drop_one = true)",
            built.spec.file.name
        ))
    })
}

/// The alternatives in words.
pub fn describe(spec: &Spec, u: &Uncertainty) -> Vec<String> {
    let mut out = Vec::new();
    if let Some(x) = u.weights {
        out.push(format!(
            "each weight times a uniform draw in [{}, {}], then renormalised within its aggregate",
            fmt(1.0 - x),
            fmt(1.0 + x)
        ));
    }
    if !u.normalisations.is_empty() {
        let n: Vec<String> = u.normalisations.iter().map(|n| n.label()).collect();
        out.push(format!(
            "normalisation of every indicator drawn from: {}",
            n.join("; ")
        ));
    }
    if !u.aggregations.is_empty() {
        let a: Vec<&str> = u.aggregations.iter().map(|a| a.label()).collect();
        out.push(format!(
            "aggregation of every level drawn from: {}",
            a.join(", ")
        ));
    }
    if u.drop_one {
        out.push(format!(
            "one of the {} indicators dropped, or none, with equal chances",
            spec.indicators().count()
        ));
    }
    out
}

fn fmt(v: f64) -> String {
    crate::report::format_raw((v * 1e6).round() / 1e6)
}

/// Every combination of the listed normalisations and aggregations, checked once before the
/// runs so an impossible one (a geometric mean over a 0) is refused with its key.
fn check_combinations(built: &Built, u: &Uncertainty) -> Result<()> {
    let norms: Vec<Option<usize>> = if u.normalisations.is_empty() {
        vec![None]
    } else {
        (0..u.normalisations.len()).map(Some).collect()
    };
    let aggs: Vec<Option<usize>> = if u.aggregations.is_empty() {
        vec![None]
    } else {
        (0..u.aggregations.len()).map(Some).collect()
    };
    for n in &norms {
        for a in &aggs {
            let cfg = Config {
                normalisation: n.map(|i| u.normalisations[i]),
                aggregation: a.map(|i| u.aggregations[i]),
                normalisation_at: n.map(|i| u.normalisations_at[i]),
                aggregation_at: a.map(|i| u.aggregations_at[i]),
                root_only: true,
                ..Default::default()
            };
            evaluate(&built.spec, &built.data, &cfg)?;
        }
    }
    Ok(())
}

/// Runs the Monte Carlo analysis of the spec's `[uncertainty]`.
pub fn monte_carlo(built: &Built) -> Result<MonteCarlo> {
    let u = spec_of(built)?;
    check_combinations(built, u)?;
    let spec = &built.spec;
    let indicators: Vec<usize> = spec.indicators().map(|(i, _, _)| i).collect();
    let mut rng = Rng::new(u.seed);
    let n_econ = built.data.economies.len();
    let mut ranks: Vec<Vec<f64>> = vec![Vec::with_capacity(u.runs); n_econ];
    for _ in 0..u.runs {
        let mut cfg = Config {
            root_only: true,
            ..Default::default()
        };
        if let Some(x) = u.weights {
            cfg.weights = Some(
                spec.nodes
                    .iter()
                    .map(|n| n.weight * (1.0 + x * (2.0 * rng.unit() - 1.0)))
                    .collect(),
            );
        }
        if !u.normalisations.is_empty() {
            let i = rng.below(u.normalisations.len());
            cfg.normalisation = Some(u.normalisations[i]);
            cfg.normalisation_at = Some(u.normalisations_at[i]);
        }
        if !u.aggregations.is_empty() {
            let i = rng.below(u.aggregations.len());
            cfg.aggregation = Some(u.aggregations[i]);
            cfg.aggregation_at = Some(u.aggregations_at[i]);
        }
        if u.drop_one {
            let k = rng.below(indicators.len() + 1);
            cfg.dropped = (k > 0).then(|| indicators[k - 1]);
        }
        let scores = evaluate(spec, &built.data, &cfg)?;
        for (e, r) in scores.root_ranks(spec).iter().enumerate() {
            if let Some(r) = r {
                ranks[e].push(*r);
            }
        }
    }
    let nominal = built.nominal.root_ranks(spec);
    let intervals = ranks
        .into_iter()
        .enumerate()
        .filter(|(_, r)| !r.is_empty())
        .map(|(e, mut r)| {
            r.sort_by(f64::total_cmp);
            Interval {
                economy: e,
                nominal: nominal[e],
                median: nearest_rank(&r, 0.5),
                p5: nearest_rank(&r, 0.05),
                p95: nearest_rank(&r, 0.95),
                ranked_in: r.len(),
            }
        })
        .collect();
    Ok(MonteCarlo {
        intervals,
        runs: u.runs,
        seed: u.seed,
        alternatives: describe(spec, u),
    })
}

/// One row of the sensitivity table: a single choice changed from the nominal spec.
#[derive(Debug, Clone, PartialEq)]
pub struct Shift {
    pub choice: String,
    /// Mean absolute rank change over the economies ranked both ways.
    pub mean_abs: f64,
    pub max_abs: f64,
    /// The economy that moved most (first by name among equals).
    pub most_moved: Option<usize>,
    pub moved: usize,
    pub compared: usize,
}

fn shift(
    choice: String,
    nominal: &[Option<f64>],
    alt: &Scores,
    spec: &Spec,
    names: &[(String, String)],
) -> Shift {
    let mut sum = 0.0;
    let (mut max, mut most, mut moved, mut n): (f64, Option<usize>, usize, usize) =
        (0.0, None, 0, 0);
    for (e, (a, b)) in nominal.iter().zip(alt.root_ranks(spec)).enumerate() {
        if let (Some(a), Some(b)) = (a, b) {
            let d = (a - b).abs();
            n += 1;
            sum += d;
            if d > 0.0 {
                moved += 1;
            }
            let better = match most {
                None => d > 0.0,
                Some(m) => d > max || (d == max && names[e].1 < names[m].1),
            };
            if better {
                max = d;
                most = Some(e);
            }
        }
    }
    Shift {
        choice,
        mean_abs: if n > 0 { sum / n as f64 } else { 0.0 },
        max_abs: max,
        most_moved: most,
        moved,
        compared: n,
    }
}

/// The one-at-a-time sensitivity table, largest mean rank change first.
pub fn sensitivity(built: &Built) -> Result<Vec<Shift>> {
    let u = spec_of(built)?;
    check_combinations(built, u)?;
    let spec = &built.spec;
    let nominal = built.nominal.root_ranks(spec);
    let names = &built.data.economies;
    let base = Config {
        root_only: true,
        ..Default::default()
    };
    let mut out = Vec::new();
    for n in &u.normalisations {
        let cfg = Config {
            normalisation: Some(*n),
            ..base.clone()
        };
        out.push(shift(
            format!("normalisation: {} for every indicator", n.label()),
            nominal,
            &evaluate(spec, &built.data, &cfg)?,
            spec,
            names,
        ));
    }
    for a in &u.aggregations {
        let cfg = Config {
            aggregation: Some(*a),
            ..base.clone()
        };
        out.push(shift(
            format!("aggregation: {} at every level", a.label()),
            nominal,
            &evaluate(spec, &built.data, &cfg)?,
            spec,
            names,
        ));
    }
    if u.drop_one {
        for (i, node, _) in spec.indicators() {
            let cfg = Config {
                dropped: Some(i),
                ..base.clone()
            };
            out.push(shift(
                format!("drop indicator '{}'", node.name),
                nominal,
                &evaluate(spec, &built.data, &cfg)?,
                spec,
                names,
            ));
        }
    }
    if let Some(x) = u.weights {
        for (i, node) in spec.nodes.iter().enumerate() {
            if i == spec.root || spec.nodes[node.parent.unwrap_or(spec.root)].children.len() < 2 {
                continue;
            }
            for sign in [1.0, -1.0] {
                let mut w: Vec<f64> = spec.nodes.iter().map(|n| n.weight).collect();
                w[i] *= 1.0 + sign * x;
                let cfg = Config {
                    weights: Some(w),
                    ..base.clone()
                };
                let label = format!(
                    "weight of '{}' {}{} %",
                    node.name,
                    if sign > 0.0 { "+" } else { "−" },
                    fmt(x * 100.0)
                );
                out.push(shift(
                    label,
                    nominal,
                    &evaluate(spec, &built.data, &cfg)?,
                    spec,
                    names,
                ));
            }
        }
    }
    out.sort_by(|a, b| {
        b.mean_abs
            .total_cmp(&a.mean_abs)
            .then(b.max_abs.total_cmp(&a.max_abs))
    });
    Ok(out)
}
