//! `correlate`: how strongly two indicators go together across countries — the pairing, the
//! pairs a log axis cannot use, and Pearson's r, Spearman's ρ, Kendall's τ-b and the
//! least-squares line on the rest (`present::correlate` lays them out).

use super::pairs::{pair, split_non_positive, NonPositive, Pair, PairQuery, Pairing};
use super::stats::{kendall_tau_b, least_squares, pearson, spearman};
use super::stats::{KendallTau, LeastSquares, Pearson};
use crate::catalog::Catalog;
use crate::error::Result;

/// What to correlate.
#[derive(Debug, Clone, Default)]
pub struct CorrelateQuery {
    pub pairs: PairQuery,
    /// Use log10 of X (values ≤ 0 are excluded and named).
    pub log_x: bool,
    pub log_y: bool,
}

/// The statistics of the pairs used.
#[derive(Debug, Clone, Copy)]
pub struct Statistics {
    pub pearson: Pearson,
    pub spearman: Pearson,
    pub kendall: KendallTau,
    pub fit: LeastSquares,
}

/// A correlation: the pairs used, those excluded, and the statistics (`None` when fewer than
/// 3 usable pairs with varying values).
#[derive(Debug, Clone)]
pub struct Correlation {
    pub pairing: Pairing,
    pub used: Vec<Pair>,
    pub excluded: Vec<NonPositive>,
    pub statistics: Option<Statistics>,
}

/// Pairs the two indicators and correlates the usable pairs (log10 where asked).
pub fn correlate(catalog: &Catalog, query: &CorrelateQuery) -> Result<Correlation> {
    let pairing = pair(catalog, &query.pairs)?;
    let (used, excluded) = split_non_positive(&pairing, query.log_x, query.log_y);
    let tx = |v: f64| if query.log_x { v.log10() } else { v };
    let ty = |v: f64| if query.log_y { v.log10() } else { v };
    let xs: Vec<f64> = used.iter().map(|p| tx(p.x)).collect();
    let ys: Vec<f64> = used.iter().map(|p| ty(p.y)).collect();
    let statistics = match (
        pearson(&xs, &ys),
        spearman(&xs, &ys),
        kendall_tau_b(&xs, &ys),
        least_squares(&xs, &ys),
    ) {
        (Some(pearson), Some(spearman), Some(kendall), Some(fit)) => Some(Statistics {
            pearson,
            spearman,
            kendall,
            fit,
        }),
        _ => None,
    };
    Ok(Correlation {
        pairing,
        used,
        excluded,
        statistics,
    })
}
