//! The engine: computations on the catalog's observation frames — period selection, universes,
//! standings (ranks, top-N with ties, left-out countries with typed reasons), pairings and
//! statistics. Polars lives here and in `catalog`; results leave as plain Rust structs and
//! enums, never as sentences: `present` words them and `figures` draws them.

pub mod compare;
pub mod correlate;
pub mod dating;
#[cfg(test)]
pub mod fixtures;
pub mod gii_section;
pub mod indicator_spec;
pub mod pairs;
pub mod period;
pub mod profile;
pub mod rank;
pub mod standing;
pub mod stats;
pub mod strengths;
pub mod universe;

/// `f` of every item, in the items' order, computed on the current thread pool's threads (the
/// standings of several indicators at once: each reads its own frame). An error is the first
/// in the items' order, as a loop would return it.
pub fn each_in_order<T: Sync, R: Send>(
    items: &[T],
    f: impl Fn(&T) -> crate::error::Result<R> + Sync + Send,
) -> crate::error::Result<Vec<R>> {
    use rayon::prelude::*;
    let results: Vec<crate::error::Result<R>> = items.par_iter().map(f).collect();
    results.into_iter().collect()
}
