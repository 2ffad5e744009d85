//! Notes on every path: a report's notes reach the user whatever the format and destination.
//!
//! Table, Markdown, JSON and XLSX carry their notes inside the output. CSV cannot, so:
//! - CSV on stdout: [`notes_for_stderr`] gives plain `note: …` lines for stderr;
//! - CSV to `-o FILE.csv`: [`write_report_file`] writes the notes beside it as
//!   `FILE.notes.txt` (see [`notes_path`]) and returns the one stderr line that says where.

use std::path::{Path, PathBuf};

use super::{render, text::visible, write_atomic, Format};
use crate::error::Result;
use crate::report::Report;

/// The first line of every notes file; a file that starts with it is innodex's own and may be
/// removed when the report written beside it has no notes any more.
const HEADER: &str = "# Notes for ";

/// The report's notes as `note: …` lines, one per note, control characters made visible; empty
/// when there are none. For stderr when the data goes to stdout as CSV (unless `-q`).
pub fn notes_for_stderr(report: &Report) -> String {
    report
        .notes
        .iter()
        .map(|n| format!("note: {}\n", visible(n)))
        .collect()
}

/// Where the notes of `path` go: the same folder and stem with `.notes.txt`
/// (`out/gii-2025.csv` → `out/gii-2025.notes.txt`).
pub fn notes_path(path: &Path) -> PathBuf {
    let stem = path
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_else(|| "output".into());
    path.with_file_name(format!("{stem}.notes.txt"))
}

/// True when `format` has no place for notes inside the file.
pub fn drops_notes(format: Format) -> bool {
    format == Format::Csv
}

/// What [`write_report_file`] wrote.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WrittenReport {
    /// The notes file written beside the output, if any.
    pub notes_file: Option<PathBuf>,
    /// One line for stderr saying where the notes are (None when the output holds them or there
    /// are none).
    pub message: Option<String>,
}

/// The text of a notes file: a header naming the output, the title, then one `- note` a line.
fn notes_text(report: &Report, output: &Path) -> String {
    let name = output
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let mut out = format!("{HEADER}{} (written by innodex)\n", visible(&name));
    if !report.title.is_empty() {
        out.push_str(&format!("\n{}\n", visible(&report.title)));
    }
    out.push('\n');
    for n in &report.notes {
        out.push_str(&format!("- {}\n", visible(n)));
    }
    out
}

/// Renders `report` as `format` and writes it to `path` atomically; when the format cannot hold
/// notes (CSV) and the report has some, writes them to [`notes_path`] too (atomically, before the
/// output, so a reader who sees the new output finds its notes) and returns the stderr line.
/// When the report has no notes, a notes file left beside `path` by an earlier run (recognised by
/// its first line) is removed so it cannot be mistaken for this output's.
pub fn write_report_file(
    report: &Report,
    format: Format,
    path: &Path,
    width: Option<u16>,
) -> Result<WrittenReport> {
    let bytes = render(report, format, width)?;
    let mut written = WrittenReport {
        notes_file: None,
        message: None,
    };
    if drops_notes(format) {
        let np = notes_path(path);
        if report.notes.is_empty() {
            let ours = std::fs::read_to_string(&np).is_ok_and(|t| t.starts_with(HEADER));
            if ours {
                std::fs::remove_file(&np).map_err(|e| crate::error::Error::io(&np, e))?;
            }
        } else {
            write_atomic(&np, notes_text(report, path).as_bytes())?;
            let n = report.notes.len();
            written.message = Some(format!(
                "{} {} on {} written to {}",
                n,
                if n == 1 { "note" } else { "notes" },
                path.display(),
                np.display()
            ));
            written.notes_file = Some(np);
        }
    }
    write_atomic(path, &bytes)?;
    Ok(written)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::report::Cell;

    fn report(notes: &[&str]) -> Report {
        let mut r = Report::new("R&D intensity, 2021")
            .text_column("country")
            .number_column("value", 2);
        r.push_row(vec![Cell::text("Israel"), Cell::num(5.56, 2)]);
        for n in notes {
            r.note(*n);
        }
        r
    }

    #[test]
    fn stderr_lines_are_plain_and_safe() {
        let r = report(&["37 members have no value", "bell\u{7} here"]);
        assert_eq!(
            notes_for_stderr(&r),
            "note: 37 members have no value\nnote: bell\\x07 here\n"
        );
        assert_eq!(notes_for_stderr(&report(&[])), "");
    }

    #[test]
    fn notes_path_sits_beside_the_file() {
        assert_eq!(
            notes_path(Path::new("out/gii-2025.csv")),
            PathBuf::from("out/gii-2025.notes.txt")
        );
        assert_eq!(notes_path(Path::new("x")), PathBuf::from("x.notes.txt"));
    }

    #[test]
    fn csv_file_gets_notes_beside_it_and_other_formats_do_not() {
        let dir = tempfile::tempdir().expect("tempdir");
        let csv = dir.path().join("rd.csv");
        let r = report(&["37 members have no value"]);
        let w = write_report_file(&r, Format::Csv, &csv, None).expect("write");
        let np = dir.path().join("rd.notes.txt");
        assert_eq!(w.notes_file.as_deref(), Some(np.as_path()));
        let msg = w.message.expect("message");
        assert!(
            msg.contains("rd.notes.txt") && msg.starts_with("1 note on"),
            "{msg}"
        );
        assert_eq!(
            std::fs::read_to_string(&csv).expect("csv"),
            "country,value\nIsrael,5.56\n"
        );
        assert_eq!(
            std::fs::read_to_string(&np).expect("notes"),
            "# Notes for rd.csv (written by innodex)\n\nR&D intensity, 2021\n\n- 37 members have no value\n"
        );
        // Rewritten without notes: our stale notes file goes; a user's own file stays.
        let w = write_report_file(&report(&[]), Format::Csv, &csv, None).expect("write");
        assert_eq!(
            w,
            WrittenReport {
                notes_file: None,
                message: None
            }
        );
        assert!(!np.exists());
        std::fs::write(&np, "my own notes").expect("write own");
        write_report_file(&report(&[]), Format::Csv, &csv, None).expect("write");
        assert_eq!(std::fs::read_to_string(&np).expect("own"), "my own notes");
        // JSON keeps its notes inside: nothing beside it.
        let json = dir.path().join("rd.json");
        let w = write_report_file(&r, Format::Json, &json, None).expect("json");
        assert_eq!(w.notes_file, None);
        assert_eq!(std::fs::read_to_string(&np).expect("own"), "my own notes");
        assert!(std::fs::read_to_string(&json)
            .expect("json")
            .contains("37 members"));
    }
}
