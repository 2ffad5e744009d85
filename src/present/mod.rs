//! The presentation layer: words the engine's typed results ([`crate::analysis`]) and lays them
//! out as [`crate::report::Report`]s — titles, columns, cells, quick facts and notes. Nothing
//! here computes a rank or selects a value; nothing below it words a sentence.
//!
//! - [`period`], [`universe`], [`standing`], [`sources`], [`pairs`]: the wording of periods,
//!   universes, standings and missing values, attributions, and pairings.
//! - [`rank`] (with [`rank_notes`]), [`profile`], [`strengths`], [`gii_section`],
//!   [`compare`] (with `peers`) and [`correlate`]: one report per command.

pub mod compare;
pub mod correlate;
pub mod gii_section;
pub mod pairs;
pub mod period;
pub mod profile;
pub mod rank;
pub mod rank_notes;
pub mod sources;
pub mod standing;
pub mod strengths;
pub mod universe;

pub use rank::rank_report;

#[cfg(test)]
mod tests;
