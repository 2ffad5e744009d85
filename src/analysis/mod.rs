//! Computations on observations: period selection, universes, ranks, statistics. Polars lives
//! here and in `catalog`; results leave as plain Rust structs.

pub mod compare;
pub mod correlate;
pub mod dating;
pub mod figures;
pub mod gii_section;
pub mod pairs;
pub mod period;
pub mod profile;
pub mod profile_report;
pub mod rank;
pub mod rank_report;
pub mod stats;
pub mod strengths;
pub mod universe;
