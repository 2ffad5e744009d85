//! End-to-end tests of the `innodex` binary: each test runs the real program as a process and
//! checks exit code, stdout and stderr against answers worked out independently — by hand on the
//! tiny fixtures in `tests/fixtures/`, or from the curated CSV files and the sources' published
//! ranks for the embedded data.
//!
//! The runner and the output readers are in `tests/common/mod.rs` (re-exported here, so a module
//! writes `use crate::{run, ok};`); snapshots are insta's, in `tests/cli/snapshots/`.

#[path = "../common/mod.rs"]
mod common;
pub use common::*;

mod architecture;
mod brief;
mod catalog;
mod chart;
mod chart_render;
mod completions;
mod corpus;
mod curated_datasets;
mod curated_facts;
mod fetch;
mod fidelity;
mod fuzz;
mod help_examples;
mod hostile;
mod hostile_output;
mod import_cli;
mod import_corpus;
mod import_hostile;
mod import_lib;
mod import_props;
mod index;
mod kill;
mod map;
mod map_regions;
mod more_data;
mod profile;
mod published_ranks;
mod rank_fixture;
mod rank_real;
mod report_snapshots;
mod saved_queries;
mod wrong_input;
