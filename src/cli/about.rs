//! What innodex says about itself: `--version` with each embedded dataset's vintage, `innodex
//! man` (roff pages made by clap_mangen from the same clap definition as the parser) and
//! `innodex completions`; and the process's argument parsing that puts them in place.

use super::{completion_scripts, completions, message, Cli, Command as CliCommand};
use crate::catalog::coverage::{of_dataset, WHOLE_DATASET};
use crate::catalog::{Catalog, YearKind};
use crate::error::{Error, Result};
use crate::output;
use clap::Command;

/// Parses the process's command line. `--version` names each embedded dataset's vintage, read
/// from the catalog only when the flag is there (so other commands open nothing extra).
pub fn parse() -> Cli {
    use clap::{CommandFactory, FromArgMatches};
    let mut cmd = Cli::command();
    let argv: Vec<std::ffi::OsString> = std::env::args_os().collect();
    if argv
        .get(1)
        .is_some_and(|a| a == completions::VALUES_COMMAND)
    {
        completions::values_command(&cmd, &argv[2..]);
    }
    if argv.iter().any(|a| a == "--version") {
        let text = Catalog::embedded()
            .and_then(|c| long_version(&c))
            .unwrap_or_else(|e| {
                format!(
                    "{}\n(embedded data unreadable: {e})",
                    env!("CARGO_PKG_VERSION")
                )
            });
        // Built once per process, on --version only.
        cmd = cmd.long_version(&*Box::leak(text.into_boxed_str()));
    }
    // clap's own help and errors follow --color too.
    let mut words = argv.iter().map(|a| a.to_string_lossy());
    while let Some(w) = words.next() {
        let value = match w.strip_prefix("--color") {
            Some("") => words.next().map(|v| v.into_owned()),
            Some(rest) => rest.strip_prefix('=').map(String::from),
            None => continue,
        };
        cmd = match value.as_deref() {
            Some("always") => cmd.color(clap::ColorChoice::Always),
            Some("never") => cmd.color(clap::ColorChoice::Never),
            _ => cmd,
        };
    }
    let matches = cmd.get_matches_from(argv);
    Cli::from_arg_matches(&matches).unwrap_or_else(|e| e.exit())
}

/// The commands that print text about innodex itself (completions, man pages), written to
/// -o FILE or stdout; None for every other command.
pub(super) fn self_text(cli: &Cli) -> Result<Option<Vec<u8>>> {
    use clap::CommandFactory;
    Ok(Some(match &cli.command {
        CliCommand::Completions { shell } => completion_scripts::script(&Cli::command(), *shell),
        CliCommand::Man { out_dir: None } => man_pages(&Cli::command(), false)?
            .into_iter()
            .flat_map(|(_, bytes)| bytes)
            .collect(),
        CliCommand::Man { out_dir: Some(dir) } => {
            let pages = man_pages(&Cli::command(), true)?;
            std::fs::create_dir_all(dir).map_err(|e| Error::io(dir, e))?;
            for (name, bytes) in &pages {
                output::write_atomic(&dir.join(name), bytes)?;
            }
            if !cli.global.quiet {
                message(&format!(
                    "innodex: wrote {} man pages into {}",
                    pages.len(),
                    dir.display()
                ));
            }
            Vec::new()
        }
        _ => return Ok(None),
    }))
}

/// `innodex --version`: the program's version, then one line per embedded dataset with its
/// years (editions or data years), declared vintages and retrieval date.
pub fn long_version(catalog: &Catalog) -> Result<String> {
    let countries = catalog.countries()?;
    let mut lines = vec![
        env!("CARGO_PKG_VERSION").to_string(),
        format!("Data ({}):", catalog.source.describe()),
    ];
    let width = catalog
        .datasets
        .iter()
        .map(|d| d.id.len())
        .max()
        .unwrap_or(0);
    for d in &catalog.datasets {
        let mut parts = Vec::new();
        let rows = of_dataset(&catalog.source, d, countries)?;
        if let Some(w) = rows.iter().find(|r| r.indicator == WHOLE_DATASET) {
            let editions = !d.indicators.is_empty()
                && d.indicators
                    .iter()
                    .all(|i| i.year_kind == YearKind::Edition);
            let what = if editions { "editions" } else { "data years" };
            match (w.first_year, w.last_year) {
                (Some(a), Some(b)) if a == b => parts.push(format!("{what} {a}")),
                (Some(a), Some(b)) => parts.push(format!("{what} {a}–{b}")),
                _ => {}
            }
        }
        if !d.vintages.is_empty() {
            let ids: Vec<&str> = d.vintages.iter().map(|v| v.id.as_str()).collect();
            parts.push(format!("vintages {}", ids.join(", ")));
        }
        parts.push(format!("retrieved {}", d.retrieved));
        lines.push(format!(
            "  {:width$}  {}: {}",
            d.id,
            d.title,
            parts.join("; ")
        ));
    }
    Ok(lines.join("\n"))
}

/// The man pages: `innodex.1` alone, or with `all` one page per visible subcommand as well
/// (`innodex-rank.1`, `innodex-chart-bar.1`), as (file name, roff bytes).
pub fn man_pages(root: &Command, all: bool) -> Result<Vec<(String, Vec<u8>)>> {
    let mut root = root.clone().disable_help_subcommand(true);
    root.build();
    let mut pages = Vec::new();
    page(&root, all, &mut pages)?;
    Ok(pages)
}

fn page(cmd: &Command, all: bool, pages: &mut Vec<(String, Vec<u8>)>) -> Result<()> {
    let man = clap_mangen::Man::new(cmd.clone());
    let mut bytes = Vec::new();
    man.render(&mut bytes)
        .map_err(|e| crate::error::Error::io("<man page>", e))?;
    pages.push((man.get_filename(), bytes));
    if all {
        for sub in cmd.get_subcommands().filter(|s| !s.is_hide_set()) {
            page(sub, all, pages)?;
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use clap::CommandFactory;

    #[test]
    fn man_pages_cover_every_visible_subcommand() {
        let pages = super::man_pages(&super::super::Cli::command(), true).expect("pages");
        let names: Vec<&str> = pages.iter().map(|(n, _)| n.as_str()).collect();
        assert_eq!(names[0], "innodex.1");
        for want in [
            "innodex-rank.1",
            "innodex-chart-bar.1",
            "innodex-completions.1",
        ] {
            assert!(names.contains(&want), "{names:?}");
        }
        assert!(!names
            .iter()
            .any(|n| n.contains("curate") || n.contains("__")));
        let top = String::from_utf8(pages[0].1.clone()).expect("UTF-8");
        assert!(top.contains("\n.TH innodex 1 "), "{top}");
    }
}
