//! Computing the index under one configuration (the nominal one, or a Monte Carlo or
//! sensitivity alternative): normalise each indicator, then aggregate bottom-up with weights
//! renormalised over the components present, applying each level's coverage rule.

use super::data::Data;
use super::methods::{aggregate, normalise, Aggregation, Normalisation};
use super::spec::{Loc, NodeKind, Spec};
use crate::analysis::rank::{assign_ranks, Ties};
use crate::error::Result;

/// The choices one computation makes; `None` keeps what the spec says.
#[derive(Debug, Clone, Default)]
pub struct Config {
    pub normalisation: Option<Normalisation>,
    pub aggregation: Option<Aggregation>,
    /// Per node: its weight within its parent (None: the spec's weights).
    pub weights: Option<Vec<f64>>,
    /// An indicator node left out.
    pub dropped: Option<usize>,
    /// Where an alternative normalisation or aggregation was asked for (errors name it).
    pub normalisation_at: Option<Loc>,
    pub aggregation_at: Option<Loc>,
    /// Rank only the index itself, by [`min_ranks`] (the Monte Carlo runs).
    pub root_only: bool,
}

/// Scores per node and economy; ranks per node (aggregates and indicators).
#[derive(Debug, Clone)]
pub struct Scores {
    /// Indexed `[node][economy]`.
    pub score: Vec<Vec<Option<f64>>>,
    /// Indexed `[node][economy]`: components present / components, for aggregates.
    pub coverage: Vec<Vec<f64>>,
    pub rank: Vec<Vec<Option<f64>>>,
}

impl Scores {
    pub fn root_ranks(&self, spec: &Spec) -> &[Option<f64>] {
        &self.rank[spec.root]
    }
}

/// Computes every node's score for every economy.
pub fn evaluate(spec: &Spec, data: &Data, cfg: &Config) -> Result<Scores> {
    let n_nodes = spec.nodes.len();
    let n_econ = data.economies.len();
    let mut score = vec![vec![None; n_econ]; n_nodes];
    let mut coverage = vec![vec![1.0; n_econ]; n_nodes];
    for d in &data.indicators {
        let NodeKind::Indicator(ind) = &spec.nodes[d.node].kind else {
            continue;
        };
        let method = cfg.normalisation.unwrap_or(ind.normalisation);
        let present: Vec<(usize, f64)> = d
            .transformed
            .iter()
            .enumerate()
            .filter_map(|(i, v)| v.map(|v| (i, v)))
            .collect();
        let vals: Vec<f64> = present.iter().map(|p| p.1).collect();
        let normed = normalise(&vals, method, d.higher).map_err(|(i, m)| {
            let (loc, key) = match cfg.normalisation_at {
                Some(l) if cfg.normalisation.is_some() => (l, "normalisations"),
                _ => (ind.normalisation_at, "normalisation"),
            };
            let (code, name) = &data.economies[present[i].0];
            spec.file.error(
                loc,
                &format!("[[indicator]] '{}'", spec.nodes[d.node].id),
                key,
                &format!("{name} ({code}): {m}"),
            )
        })?;
        for ((i, _), s) in present.iter().zip(normed) {
            score[d.node][*i] = Some(s);
        }
    }
    // Aggregates, children before parents.
    let mut order = spec.tree_order();
    order.reverse();
    for &a in &order {
        let NodeKind::Aggregate(agg) = &spec.nodes[a].kind else {
            continue;
        };
        let method = cfg.aggregation.unwrap_or(agg.aggregation);
        let all = &spec.nodes[a].children;
        // A dropped indicator leaves the mean but still counts for the coverage rule, so every
        // run ranks the same economies.
        let children: Vec<usize> = all
            .iter()
            .copied()
            .filter(|c| Some(*c) != cfg.dropped)
            .collect();
        for e in 0..n_econ {
            let parts: Vec<(usize, f64, f64)> = children
                .iter()
                .filter_map(|&c| {
                    let w = cfg.weights.as_ref().map_or(spec.nodes[c].weight, |w| w[c]);
                    score[c][e].map(|s| (c, s, w))
                })
                .collect();
            let present = all.iter().filter(|&&c| score[c][e].is_some()).count();
            let share = present as f64 / all.len().max(1) as f64;
            coverage[a][e] = share;
            if parts.is_empty() || share + 1e-9 < agg.coverage {
                continue;
            }
            let pairs: Vec<(f64, f64)> = parts.iter().map(|p| (p.1, p.2)).collect();
            let v = aggregate(&pairs, method).map_err(|i| {
                let (loc, key, what) = match cfg.aggregation_at {
                    Some(l) if cfg.aggregation.is_some() => (l, "aggregations", format!("[uncertainty] (the alternative for [[aggregate]] '{}')", spec.nodes[a].id)),
                    _ => (agg.aggregation_at, "aggregation", format!("[[aggregate]] '{}'", spec.nodes[a].id)),
                };
                let (code, name) = &data.economies[e];
                let c = parts[i].0;
                spec.file.error(loc, &what, key, &format!(
                    "a {} mean needs every value above 0, but {name} ({code}) scores {} on '{}'{}; {}",
                    method.label(), crate::report::format_raw(parts[i].1), spec.nodes[c].name,
                    if parts[i].1 == 0.0 { " (min-max and percentile scores put the lowest economy at 0)" } else { "" },
                    if key == "aggregations" {
                        format!("take \"{}\" out of the alternatives, or use normalisations whose scores stay above 0 (frontier, rank, or goalposts below the lowest value)", method.label())
                    } else {
                        "use aggregation = \"arithmetic\", or a normalisation whose scores stay above 0 (frontier, rank, or goalposts below the lowest value)".to_string()
                    })
                )
            })?;
            score[a][e] = Some(v);
        }
    }
    let mut rank = vec![vec![None; n_econ]; n_nodes];
    for n in 0..n_nodes {
        if cfg.root_only && n != spec.root {
            continue;
        }
        rank[n] = if cfg.root_only {
            min_ranks(&score[n])
        } else {
            ranks_of(data, &score[n])?
        };
    }
    Ok(Scores {
        score,
        coverage,
        rank,
    })
}

/// Ranks (1 = highest score; equal scores share the best rank) among the economies with a score,
/// by the standings engine's rank core.
pub fn ranks_of(data: &Data, scores: &[Option<f64>]) -> Result<Vec<Option<f64>>> {
    let present: Vec<usize> = (0..scores.len()).filter(|&i| scores[i].is_some()).collect();
    let rows: Vec<(String, f64, String)> = present
        .iter()
        .map(|&i| {
            (
                data.economies[i].1.clone(),
                scores[i].unwrap_or(f64::NAN),
                String::new(),
            )
        })
        .collect();
    let r = assign_ranks(&rows, Ties::Min, true, false)?;
    let mut out = vec![None; scores.len()];
    for (i, r) in present.into_iter().zip(r) {
        out[i] = Some(r);
    }
    Ok(out)
}

/// The same ranks as [`ranks_of`] (1 = highest; equal scores share the best rank), by a plain
/// sort: the Monte Carlo runs rank thousands of times. Tested equal to the engine's ranks.
pub fn min_ranks(scores: &[Option<f64>]) -> Vec<Option<f64>> {
    let mut present: Vec<f64> = scores.iter().flatten().copied().collect();
    present.sort_by(|a, b| b.total_cmp(a));
    scores
        .iter()
        .map(|s| {
            s.map(|v| {
                // Economies with a strictly higher score, plus one.
                present.partition_point(|x| *x > v) as f64 + 1.0
            })
        })
        .collect()
}
