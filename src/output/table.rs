//! Terminal tables: rounded numbers, right-aligned, fitted to a width without breaking a word;
//! notes below. Text from files is shown with its control characters made visible.
//!
//! Fitting, in order: columns get at least their longest word and share the rest of the width;
//! when even that is too wide, a column that repeats another on every row is left out, then
//! the report's optional columns from the right; when it is still too wide the table is stacked
//! one block per row. Whatever was done is said in a line under the table.

use super::layout::{self, Align, GridColumn};
use super::text::visible;
use crate::report::{ColumnKind, Report};

/// Columns worth a terminal's width: empty columns are dropped, and a text column with one
/// value on every row becomes a line above the table ("unit: % of GDP").
fn shown_columns(report: &Report) -> (Vec<usize>, Vec<String>) {
    let mut keep = Vec::new();
    let mut constant = Vec::new();
    for i in report.shown_columns() {
        let col = &report.columns[i];
        let cells: Vec<String> = report
            .rows
            .iter()
            .map(|r| r.get(i).map(|c| c.display()).unwrap_or_default())
            .collect();
        if !cells.is_empty() && cells.iter().all(|c| c.is_empty()) {
            continue;
        }
        if report.rows.len() > 1
            && col.kind == ColumnKind::Text
            && cells.iter().all(|c| *c == cells[0])
            && i > 0
        {
            constant.push(format!("{}: {}", visible(&col.name), visible(&cells[0])));
            continue;
        }
        keep.push(i);
    }
    (keep, constant)
}

/// The grid of report columns `keep`: headers and display text, made terminal-safe.
fn grid(report: &Report, keep: &[usize]) -> (Vec<GridColumn>, Vec<Vec<String>>) {
    let cols = keep
        .iter()
        .map(|&i| {
            let number = matches!(report.columns[i].kind, ColumnKind::Number(_));
            GridColumn {
                header: visible(&report.columns[i].name).into_owned(),
                align: if number { Align::Right } else { Align::Left },
                wraps: !number,
            }
        })
        .collect();
    let rows = report
        .rows
        .iter()
        .map(|r| {
            keep.iter()
                .map(|&i| {
                    r.get(i)
                        .map(|c| visible(&c.display()).into_owned())
                        .unwrap_or_default()
                })
                .collect()
        })
        .collect();
    (cols, rows)
}

/// How the table was made to fit, for the line under it.
struct Fitted {
    text: String,
    notes: Vec<String>,
}

/// Lays out columns `keep` within `width`, leaving out columns as the module doc says; with
/// `paint` (a flag per row) the grid is coloured (see [`layout::draw_table_painted`]).
fn fit(
    report: &Report,
    mut keep: Vec<usize>,
    width: Option<u16>,
    paint: Option<&[bool]>,
) -> Fitted {
    let Some(total) = width.map(usize::from) else {
        let (cols, rows) = grid(report, &keep);
        let natural: Vec<usize> = layout::column_bounds(&cols, &rows)
            .iter()
            .map(|b| b.natural)
            .collect();
        return Fitted {
            text: layout::draw_table_painted(&cols, &rows, &natural, paint),
            notes: Vec::new(),
        };
    };
    let mut notes = Vec::new();
    let fits = |keep: &[usize]| {
        let (cols, rows) = grid(report, keep);
        layout::fit_widths(&layout::column_bounds(&cols, &rows), total).is_some()
    };
    let name = |i: usize| visible(&report.columns[i].name).into_owned();
    // A column equal to an earlier shown one on every row adds nothing but width.
    let display = |i: usize| -> Vec<String> {
        report
            .rows
            .iter()
            .map(|r| r.get(i).map(|c| c.display()).unwrap_or_default())
            .collect()
    };
    let mut pos = keep.len();
    while !fits(&keep) && pos > 1 {
        pos -= 1;
        let i = keep[pos];
        if let Some(&twin) = keep[..pos].iter().find(|&&j| display(j) == display(i)) {
            keep.remove(pos);
            notes.push(format!(
                "{} is not shown: it equals {} on every row.",
                name(i),
                name(twin)
            ));
        }
    }
    let mut dropped = Vec::new();
    while !fits(&keep) {
        match keep.iter().rposition(|&i| report.columns[i].optional) {
            Some(p) => dropped.push(keep.remove(p)),
            None => break,
        }
    }
    if !dropped.is_empty() {
        dropped.reverse();
        let names: Vec<String> = dropped.into_iter().map(name).collect();
        notes.push(format!(
            "Not shown, to fit {total} columns: {} (--format csv, json or markdown shows every column).",
            names.join(", ")
        ));
    }
    let (cols, rows) = grid(report, &keep);
    let bounds = layout::column_bounds(&cols, &rows);
    match layout::fit_widths(&bounds, total) {
        Some(widths) => Fitted {
            text: layout::draw_table_painted(&cols, &rows, &widths, paint),
            notes,
        },
        None => {
            let narrowest: Vec<usize> = bounds.iter().map(|b| b.min).collect();
            notes.push(format!(
                "Shown one block per row: as a table it needs {} columns and the width is {total} \
                 (set COLUMNS wider, or use --format csv, json or markdown).",
                layout::table_width(&narrowest)
            ));
            Fitted {
                text: layout::draw_stacked(&cols, &rows, total),
                notes,
            }
        }
    }
}

/// The report as a terminal table within `width` columns (None: natural widths, no wrapping).
pub fn render(report: &Report, width: Option<u16>) -> String {
    render_painted(report, width, None)
}

/// [`render`], and with `highlight` (ISO3 codes) in colour: the title and header bold, the rows
/// whose `iso3` cell is one of the codes bold yellow.
pub fn render_painted(report: &Report, width: Option<u16>, highlight: Option<&[String]>) -> String {
    let iso3 = report.columns.iter().position(|c| c.name == "iso3");
    let flags: Option<Vec<bool>> = highlight.map(|codes| {
        report
            .rows
            .iter()
            .map(|r| {
                let code = iso3.and_then(|i| r.get(i)).map(|c| c.raw());
                code.is_some_and(|c| codes.contains(&c))
            })
            .collect()
    });
    let (keep, constant) = shown_columns(report);
    let fitted = fit(report, keep, width, flags.as_deref());
    let mut out = String::new();
    if !report.title.is_empty() {
        let title = format!("{}\n", visible(&report.title));
        out.push_str(&layout::paint(&title, flags.as_ref().map(|_| layout::BOLD)));
    }
    for line in constant {
        out.push_str(&line);
        out.push('\n');
    }
    out.push_str(&fitted.text);
    let line_width = width.map(usize::from).unwrap_or(usize::MAX);
    for n in fitted
        .notes
        .iter()
        .map(String::as_str)
        .chain(report.notes.iter().map(String::as_str))
    {
        out.push_str(&wrap_note(&visible(n), line_width));
    }
    out
}

/// A note as "- text", wrapped at word boundaries to the width, continuation lines indented.
fn wrap_note(note: &str, width: usize) -> String {
    let mut out = String::new();
    for (i, line) in layout::wrap(note, width.saturating_sub(2).max(10))
        .iter()
        .enumerate()
    {
        out.push_str(if i == 0 { "- " } else { "  " });
        out.push_str(line);
        out.push('\n');
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::report::Cell;

    #[test]
    fn constant_and_empty_columns_leave_the_table() {
        let mut r = Report::new("T")
            .text_column("country")
            .text_column("unit")
            .text_column("published");
        r.push_row(vec![
            Cell::text("Japan"),
            Cell::text("% of GDP"),
            Cell::Empty,
        ]);
        r.push_row(vec![
            Cell::text("Korea"),
            Cell::text("% of GDP"),
            Cell::Empty,
        ]);
        let out = render(&r, Some(80));
        assert!(out.contains("unit: % of GDP\n"), "{out}");
        assert!(!out.contains("published"), "{out}");
        assert!(out.contains("Korea"), "{out}");
    }

    #[test]
    fn table_fits_80_columns_and_rounds() {
        let mut r = Report::new("Title")
            .text_column("country")
            .number_column("value", 1);
        r.push_row(vec![Cell::text("Korea, Republic of"), Cell::num(4.6271, 1)]);
        r.note("a long note ".repeat(20));
        let out = render(&r, Some(80));
        assert!(out.contains("4.6"), "{out}");
        assert!(out.lines().next().is_some_and(|l| l == "Title"), "{out}");
        assert!(!out.contains("4.627"), "{out}");
        for line in out.lines() {
            assert!(line.chars().count() <= 80, "line too long: {line}");
        }
    }
}

#[cfg(test)]
mod colour_tests {
    use super::*;
    use crate::report::Cell;

    #[test]
    fn colour_marks_the_header_and_the_highlighted_row_only() {
        let mut r = Report::new("T")
            .text_column("iso3")
            .number_column("value", 0);
        r.push_row(vec![Cell::text("JPN"), Cell::int(1)]);
        r.push_row(vec![Cell::text("KOR"), Cell::int(2)]);
        let plain = render(&r, Some(80));
        assert!(!plain.contains('\x1b'), "{plain}");
        let lit = render_painted(&r, Some(80), Some(&["KOR".to_string()]));
        let lines: Vec<&str> = lit.lines().collect();
        assert_eq!(lines[0], "\x1b[1mT\x1b[0m");
        assert_eq!(lines[2], "\x1b[1m│ iso3 ┆ value │\x1b[0m");
        assert_eq!(lines[4], "│ JPN  ┆     1 │");
        assert_eq!(lines[5], "\x1b[1;33m│ KOR  ┆     2 │\x1b[0m");
        // Without the escapes it is the plain table, column for column.
        let stripped = lit
            .replace("\x1b[1;33m", "")
            .replace("\x1b[1m", "")
            .replace("\x1b[0m", "");
        assert_eq!(stripped, plain);
    }
}

#[cfg(test)]
#[path = "table_fit_tests.rs"]
mod fit_tests;
