//! Writing a [`Report`] as a terminal table, CSV, JSON or Markdown, to stdout or a file.
//!
//! Files are written whole or not at all: a temporary file in the target folder, renamed into
//! place.

mod csv_out;
pub mod html;
mod json;
mod layout;
mod markdown;
mod notes;
mod table;
pub mod text;
mod xlsx;

use crate::error::{Error, Result};
use crate::report::Report;
use std::io::Write;
use std::path::Path;

/// An output format.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Table,
    Csv,
    Json,
    Markdown,
    /// Only to a file (`-o FILE.xlsx`).
    Xlsx,
}

impl Format {
    /// The format a file extension asks for (`.csv`, `.json`, `.md`, `.txt`).
    pub fn from_extension(path: &Path) -> Option<Format> {
        match path.extension()?.to_str()?.to_ascii_lowercase().as_str() {
            "csv" => Some(Format::Csv),
            "json" => Some(Format::Json),
            "md" | "markdown" => Some(Format::Markdown),
            "txt" => Some(Format::Table),
            "xlsx" => Some(Format::Xlsx),
            _ => None,
        }
    }
}

/// Renders a report into bytes; `width` is the terminal width for tables (None: no wrapping).
pub fn render(report: &Report, format: Format, width: Option<u16>) -> Result<Vec<u8>> {
    Ok(match format {
        Format::Table => table::render(report, width).into_bytes(),
        Format::Csv => csv_out::render(report)?,
        Format::Json => json::render(report)?,
        Format::Markdown => markdown::render(report).into_bytes(),
        Format::Xlsx => xlsx::render(report)?,
    })
}

/// The folder an output file goes into, checked first so the message names `-o`'s path rather
/// than the temporary file beside it: the folder must exist and the path must not be a folder.
pub fn output_dir(path: &Path) -> Result<&Path> {
    let dir = match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    };
    let fail = |message: String| Error::DataFile {
        file: path.display().to_string(),
        message,
    };
    if path.is_dir() {
        return Err(fail(
            "is a folder; give a file name inside it, e.g. -o DIR/result.csv".into(),
        ));
    }
    if !dir.is_dir() {
        let what = if dir.exists() {
            "is not a folder"
        } else {
            "does not exist"
        };
        return Err(fail(format!(
            "cannot write here: {} {what}; create the folder first or choose another path",
            dir.display()
        )));
    }
    Ok(dir)
}

/// Writes bytes to `path` atomically: a temporary file beside it, then a rename.
pub fn write_atomic(path: &Path, bytes: &[u8]) -> Result<()> {
    let dir = output_dir(path)?;
    let mut tmp = tempfile::Builder::new()
        .prefix(".innodex-")
        .suffix(".tmp")
        .tempfile_in(dir)
        .map_err(|e| Error::io(dir, e))?;
    tmp.write_all(bytes).map_err(|e| Error::io(path, e))?;
    tmp.as_file().sync_all().map_err(|e| Error::io(path, e))?;
    persist(tmp, path)
}

/// Moves a finished temporary file into place, readable by others like any ordinary output
/// (temporary files are created private).
pub fn persist(tmp: tempfile::NamedTempFile, path: &Path) -> Result<()> {
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(tmp.path(), std::fs::Permissions::from_mode(0o644))
            .map_err(|e| Error::io(path, e))?;
    }
    tmp.persist(path).map_err(|e| Error::io(path, e.error))?;
    Ok(())
}

/// `--color`: when terminal tables are coloured.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum ColourChoice {
    #[default]
    Auto,
    Always,
    Never,
}

/// Whether to colour a table on stdout: `always` and `never` say so; `auto` colours a terminal
/// only, and not when `NO_COLOR` is set to anything non-empty (<https://no-color.org>; the
/// explicit `--color always` overrides it).
pub fn use_colour(
    choice: ColourChoice,
    stdout_is_terminal: bool,
    no_color: Option<&std::ffi::OsStr>,
) -> bool {
    match choice {
        ColourChoice::Always => true,
        ColourChoice::Never => false,
        ColourChoice::Auto => stdout_is_terminal && no_color.is_none_or(|v| v.is_empty()),
    }
}

/// A terminal table in colour: title and header bold, rows whose `iso3` is in `highlight` bold
/// yellow.
pub fn render_coloured_table(report: &Report, width: Option<u16>, highlight: &[String]) -> Vec<u8> {
    table::render_painted(report, width, Some(highlight)).into_bytes()
}

pub use notes::{notes_for_stderr, notes_path, write_report_file, WrittenReport};
pub use text::{csv_text, neutralise_formula};

/// The width a terminal table is fitted to, decided once by the CLI: a valid `COLUMNS` (20 to
/// 1000) wins whether stdout is a terminal or a pipe; otherwise a terminal's own width (80 when
/// it cannot be read); a pipe or file without `COLUMNS` gets natural widths (None).
pub fn table_width(
    stdout_is_terminal: bool,
    columns_env: Option<&str>,
    terminal_columns: Option<u16>,
) -> Option<u16> {
    if let Some(w) = columns_env
        .and_then(|c| c.trim().parse::<u16>().ok())
        .filter(|w| (20..=1000).contains(w))
    {
        return Some(w);
    }
    stdout_is_terminal.then(|| terminal_columns.unwrap_or(80))
}

#[cfg(test)]
mod width_tests {
    use super::table_width;

    #[test]
    fn columns_is_honoured_when_piped() {
        assert_eq!(table_width(false, Some("80"), None), Some(80));
        assert_eq!(table_width(true, Some("100"), Some(200)), Some(100));
        assert_eq!(table_width(true, None, Some(132)), Some(132));
        assert_eq!(table_width(true, Some("junk"), None), Some(80));
        assert_eq!(table_width(false, Some("5"), None), None);
        assert_eq!(table_width(false, None, None), None);
    }

    #[test]
    fn colour_only_on_a_terminal_and_never_against_no_color() {
        use super::{use_colour, ColourChoice::*};
        use std::ffi::OsStr;
        assert!(use_colour(Auto, true, None));
        assert!(use_colour(Auto, true, Some(OsStr::new(""))));
        assert!(!use_colour(Auto, true, Some(OsStr::new("1"))));
        assert!(!use_colour(Auto, false, None));
        assert!(use_colour(Always, false, Some(OsStr::new("1"))));
        assert!(!use_colour(Never, true, None));
    }
}
