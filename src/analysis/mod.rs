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
