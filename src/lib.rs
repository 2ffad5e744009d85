//! innodex: rank, compare and chart countries on science-and-technology indicators.
//!
//! Data flows one way:
//!
//! - [`catalog`] reads datasets (embedded or `--data DIR`): `dataset.toml` metadata, tidy
//!   observation CSV files, the countries reference with aliases and dated group memberships;
//!   [`catalog::listing`] reports what there is.
//! - [`analysis`] computes on observations with Polars: [`analysis::period`] (year, latest,
//!   max-age, as-of), [`analysis::universe`] (groups, countries, aggregates),
//!   [`analysis::rank`], [`analysis::stats`], [`analysis::pairs`] (two indicators per country),
//!   [`analysis::correlate`], [`analysis::profile`] and [`analysis::compare`] (quick facts, side
//!   by side, peers), [`analysis::figures`] (catalog + query → [`chart::ChartSpec`]).
//!   Results leave as plain structs.
//! - [`report::Report`] is a finished, table-shaped result; [`output`] writes it as a table, CSV,
//!   JSON, Markdown or XLSX. [`chart`] renders a [`chart::ChartSpec`] to PNG or SVG.
//! - [`cli`] is glue: clap arguments → a query → the library → the output layer.
//! - [`curate`] rebuilds `datasets/` from the public source files; [`import`] turns a user's CSV
//!   into a dataset folder; [`queries`] holds saved analyses and the run manifest.
//! - [`error::Error`] is the one error type; its exit codes are 0, 1 (data, I/O) and 2 (usage).

pub mod analysis;
pub mod catalog;
pub mod chart;
pub mod cli;
pub mod curate;
pub mod error;
pub mod import;
pub mod output;
pub mod queries;
pub mod report;

pub use error::{Error, Result};
