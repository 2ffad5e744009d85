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

#[cfg(test)]
mod tests {
    use super::each_in_order;
    use crate::error::Error;

    #[test]
    fn each_in_order_keeps_the_order_and_returns_the_first_error_by_position() {
        let pool = rayon::ThreadPoolBuilder::new()
            .num_threads(2)
            .build()
            .expect("pool");
        // The early items take longest, so the late ones finish first.
        let slow = |i: &u64| {
            std::thread::sleep(std::time::Duration::from_millis(
                40u64.saturating_sub(*i * 5),
            ));
            *i
        };
        let items: Vec<u64> = (0..8).collect();
        let squares = pool
            .install(|| each_in_order(&items, |i| Ok(slow(i) * slow(i))))
            .expect("no error");
        assert_eq!(squares, vec![0, 1, 4, 9, 16, 25, 36, 49]);
        let failed = pool.install(|| {
            each_in_order(&items, |i| match slow(i) {
                2 | 6 => Err(Error::Compute(format!("item {i}"))),
                i => Ok(i),
            })
        });
        match failed {
            Err(Error::Compute(m)) => assert_eq!(m, "item 2"),
            other => panic!("{other:?}"),
        }
    }
}
