//! The one place results are written: a command's report to stdout or -o FILE in the chosen
//! format (notes on every path), a chart to its file, messages to stderr.

use super::args::{self, FormatArg, GlobalArgs};
use super::{about, chart_cmds, execute, Cli, Command, Outcome};
use crate::error::{Error, Result};
use crate::output::{self, Format};
use crate::report::Report;
use std::io::{IsTerminal, Write};

/// Runs a parsed command line: executes it, then writes its result (the one place that does).
pub fn run(cli: Cli) -> Result<()> {
    let g = &cli.global;
    if let Some(bytes) = about::self_text(&cli)? {
        return match &g.output {
            Some(path) => output::write_atomic(path, &bytes),
            None => write_stdout(&bytes),
        };
    }
    let outcome = if cli.command.runs_on_the_pool() {
        polars_core::runtime::THREAD_POOL.install(|| execute(&cli))
    } else {
        execute(&cli)
    };
    match outcome? {
        Outcome::Report(report, failure) => {
            emit_highlighted(&report, g, &subject_codes(&cli, &report))?;
            failure.map_or(Ok(()), Err)
        }
        Outcome::Chart(fig) => chart_cmds::write(&fig, g),
        // The outputs are files; the summary goes to stderr unless asked for with -o.
        Outcome::Summary(report) => match &g.output {
            Some(_) => emit(&report, g),
            None if g.quiet => Ok(()),
            None => {
                let text = output::render(&report, Format::Table, None)?;
                let _ = std::io::stderr().write_all(&text);
                Ok(())
            }
        },
    }
}

/// The format to write: --format, else -o's extension, else table on a terminal and CSV when piped.
pub fn choose_format(global: &GlobalArgs) -> Result<Format> {
    if let Some(f) = global.format {
        return Ok(match f {
            FormatArg::Table => Format::Table,
            FormatArg::Csv => Format::Csv,
            FormatArg::Json => Format::Json,
            FormatArg::Markdown => Format::Markdown,
        });
    }
    if let Some(path) = &global.output {
        return Format::from_extension(path).ok_or_else(|| {
            Error::Usage(format!(
                "-o {}: cannot tell the format from the extension; use .csv, .json, .md, .txt or .xlsx, or give --format",
                path.display()
            ))
        });
    }
    Ok(if std::io::stdout().is_terminal() {
        Format::Table
    } else {
        Format::Csv
    })
}

/// The countries a coloured table highlights: the subject of `peers` (the row it marks with
/// `is_country`).
fn subject_codes(cli: &Cli, report: &Report) -> Vec<String> {
    let col = |name: &str| report.columns.iter().position(|c| c.name == name);
    match (&cli.command, col("iso3"), col("is_country")) {
        (Command::Peers(_), Some(iso3), Some(subject)) => report
            .rows
            .iter()
            .filter(|r| r.get(subject).is_some_and(|c| c.raw() == "true"))
            .filter_map(|r| r.get(iso3).map(|c| c.raw()))
            .collect(),
        _ => Vec::new(),
    }
}

/// Writes a report to -o FILE (atomically) or stdout; its notes reach the reader on every path
/// (CSV on stdout: on stderr; CSV to a file: in FILE.notes.txt beside it, and stderr says where).
pub fn emit(report: &Report, global: &GlobalArgs) -> Result<()> {
    emit_highlighted(report, global, &[])
}

/// [`emit`]; a table on stdout is coloured as `--color` and `NO_COLOR` say, with the rows of
/// `highlight` (ISO3 codes) highlighted.
pub fn emit_highlighted(report: &Report, global: &GlobalArgs, highlight: &[String]) -> Result<()> {
    let format = choose_format(global)?;
    let is_terminal = std::io::stdout().is_terminal();
    let width = match &global.output {
        None => output::table_width(
            is_terminal,
            std::env::var("COLUMNS").ok().as_deref(),
            comfy_table::Table::new().width(),
        ),
        Some(_) => None,
    };
    if format == Format::Xlsx && global.output.is_none() {
        return Err(Error::Usage(
            "XLSX is written to a file only: give -o FILE.xlsx".into(),
        ));
    }
    match &global.output {
        Some(path) => {
            let written = output::write_report_file(report, format, path, width)?;
            if let (Some(m), false) = (written.message, global.quiet) {
                message(&format!("innodex: {m}"));
            }
            Ok(())
        }
        None => {
            let choice = match global.color {
                args::ColorArg::Auto => output::ColourChoice::Auto,
                args::ColorArg::Always => output::ColourChoice::Always,
                args::ColorArg::Never => output::ColourChoice::Never,
            };
            let no_color = std::env::var_os("NO_COLOR");
            let bytes = if format == Format::Table
                && output::use_colour(choice, is_terminal, no_color.as_deref())
            {
                output::render_coloured_table(report, width, highlight)
            } else {
                output::render(report, format, width)?
            };
            write_stdout(&bytes)?;
            if format == Format::Csv && !global.quiet {
                let _ = std::io::stderr().write_all(output::notes_for_stderr(report).as_bytes());
            }
            Ok(())
        }
    }
}

/// A one-line message on stderr (never stdout, which holds only data).
pub(super) fn message(text: &str) {
    let _ = writeln!(std::io::stderr(), "{text}");
}

/// Writes bytes to stdout and flushes them.
fn write_stdout(bytes: &[u8]) -> Result<()> {
    let mut out = std::io::stdout().lock();
    out.write_all(bytes)
        .and_then(|_| out.flush())
        .map_err(|e| Error::io("<stdout>", e))
}
