//! innodex: rank, compare and chart countries on science-and-technology indicators.
//!
//! Data flows one way (checked by `cargo test --test cli architecture`: no cycle among these
//! modules, the engine never reaches [`present`] or [`figures`], [`chart`] nothing above it):
//!
//! - [`catalog`] reads datasets (embedded or `--data DIR`): `dataset.toml` metadata with the
//!   declared meaning of each indicator (kind, complete or partial list, releases, vintages),
//!   each indicator's observations as one Polars frame read once ([`catalog::store`]), the
//!   countries reference with aliases and dated group memberships; [`catalog::coverage`] and
//!   [`catalog::listing`] report what there is.
//! - [`analysis`] is the engine: it computes on the frames and returns typed results, never a
//!   sentence — [`analysis::period`] (year, latest edition or value, max-age, as-of with real
//!   release dates, vintages; the current date comes in on the [`analysis::period::Period`]),
//!   [`analysis::universe`], [`analysis::rank`] (the standings: published ranks first,
//!   `rank_basis`), [`analysis::standing`] (a country's place or the typed reason it has none),
//!   [`analysis::indicator_spec`] (`a|b` alternatives, one rule), [`analysis::profile`],
//!   [`analysis::strengths`], [`analysis::compare`], [`analysis::gii_section`],
//!   [`analysis::pairs`], [`analysis::correlate`] and [`analysis::stats`].
//! - [`present`] words the engine's results and lays them out as [`report::Report`]s (one
//!   report per command: [`present::rank`], [`present::profile`], [`present::compare`], …);
//!   [`figures`] turns catalog + query into a [`chart::ChartSpec`], fit lines included.
//! - [`report::Report`] is a finished, table-shaped result with typed cells; [`output`] writes it
//!   as a table, CSV, JSON, Markdown or XLSX, notes included on every path, and
//!   [`output::html`] writes the briefing document. [`chart`] renders a [`chart::ChartSpec`] to
//!   PNG or SVG (the SVG with its font embedded, [`chart::svg_font`]) and imports nothing above
//!   it.
//! - [`cli`] is glue (and reads today's date once, when the arguments are parsed): clap
//!   arguments → a query → the library ([`cli::execute`] returns an
//!   [`cli::Outcome`]) → one place that writes it; [`queries`] (saved analyses, run in-process,
//!   with the pack's index and manifest) lives under it.
//! - [`geo`] holds the embedded country geometry (Natural Earth 1:110m joined to ISO3), the
//!   Equal Earth projection and map extents; it imports only [`error`]. [`figures`]
//!   projects it into a [`chart::MapSpec`] for `chart map`.
//! - [`index`] builds composite indices from a spec (values through [`analysis::rank`]), with
//!   Monte Carlo uncertainty, sensitivity and an audit; its reports are [`report::Report`]s.
//! - [`curate`] rebuilds `datasets/` from `sources/` (and the geometry asset); [`import`] turns a user's CSV into a
//!   dataset folder; [`fetch`] (the only module on the network) downloads from the World Bank,
//!   OECD and OWID APIs through the import path, each download a dated vintage.
//! - [`error::Error`] is the one error type; its exit codes are 0, 1 (data, I/O) and 2 (usage).
//!   [`suggest`] ("did you mean") and [`wording`] depend on nothing else.

pub mod analysis;
pub mod catalog;
pub mod chart;
pub mod cli;
pub mod curate;
pub mod error;
pub mod fetch;
pub mod figures;
pub mod geo;
pub mod import;
pub mod index;
pub mod output;
pub mod present;
pub mod report;
pub mod suggest;
pub mod wording;

pub use cli::queries;
pub use error::{Error, Result};
