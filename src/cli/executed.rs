//! A command executed with the record of what it read: the catalog it opens (once, on first
//! use) and the datasets its result was computed from, for the manifest of `innodex run`.

use super::{dispatch, open_catalog, Cli, Command, GlobalArgs, Outcome};
use crate::catalog::source::DatasetRead;
use crate::catalog::Catalog;
use crate::error::Result;
use std::collections::BTreeSet;

/// The catalog a command reads, opened on first use and kept, so that what it read can be
/// told afterwards ([`Executed::datasets`]).
pub(super) struct CatalogOnce<'a> {
    global: &'a GlobalArgs,
    cell: std::cell::OnceCell<Catalog>,
}

impl CatalogOnce<'_> {
    /// The catalog, opened now if this is the first call.
    pub(super) fn get(&self) -> Result<&Catalog> {
        if let Some(c) = self.cell.get() {
            return Ok(c);
        }
        let opened = open_catalog(self.global)?;
        Ok(self.cell.get_or_init(|| opened))
    }
}

/// A command's result and the datasets its numbers came from.
pub struct Executed {
    pub outcome: Outcome,
    /// Every dataset whose data the command read (observations, the countries reference),
    /// with the source it was read from.
    pub datasets: BTreeSet<DatasetRead>,
}

/// [`super::execute`], telling also which datasets the result was computed from.
pub fn execute_recorded(cli: &Cli) -> Result<Executed> {
    let catalog = CatalogOnce {
        global: &cli.global,
        cell: std::cell::OnceCell::new(),
    };
    let mut datasets = BTreeSet::new();
    let outcome = dispatch(cli, &catalog, &mut datasets)?;
    if let Some(c) = catalog.cell.get() {
        datasets.extend(c.datasets_read());
    }
    Ok(Executed { outcome, datasets })
}

impl Command {
    /// Whether the command runs on Polars' thread pool rather than the main thread. A command
    /// that computes on observation frames does: each Polars operation called from outside the
    /// pool hands its work to a pool thread and waits, a dozen waits per command, while from a
    /// pool thread it runs where it is called; the standings of several indicators are
    /// computed on both threads ([`crate::analysis::each_in_order`]). The listings start no
    /// thread at all, `import` runs threads of its own, and the rest compute nothing.
    pub fn runs_on_the_pool(&self) -> bool {
        match self {
            Command::Validate
            | Command::Rank(_)
            | Command::Profile(_)
            | Command::Compare(_)
            | Command::Peers(_)
            | Command::Run { .. }
            | Command::Correlate { .. }
            | Command::Chart { .. }
            | Command::Index(_) => true,
            Command::Datasets
            | Command::Indicators { .. }
            | Command::Countries { .. }
            | Command::Groups
            | Command::Resolve { .. }
            | Command::Queries
            | Command::Import(_)
            | Command::Fetch(_)
            | Command::Completions { .. }
            | Command::Man { .. }
            | Command::Curate { .. } => false,
        }
    }
}
