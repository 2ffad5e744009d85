//! Terminal tables: rounded numbers, right-aligned, fitted to the terminal width; notes below.

use crate::report::{ColumnKind, Report};
use comfy_table::{presets::UTF8_FULL_CONDENSED, CellAlignment, ContentArrangement, Table};

/// Columns worth a terminal's width: empty columns are dropped, and a text column with one
/// value on every row becomes a line above the table ("unit: % of GDP").
fn shown_columns(report: &Report) -> (Vec<usize>, Vec<String>) {
    let mut keep = Vec::new();
    let mut constant = Vec::new();
    for (i, col) in report.columns.iter().enumerate() {
        let cells: Vec<String> = report.rows.iter().map(|r| r.get(i).map(|c| c.display()).unwrap_or_default()).collect();
        if !cells.is_empty() && cells.iter().all(|c| c.is_empty()) {
            continue;
        }
        if report.rows.len() > 1 && col.kind == ColumnKind::Text && cells.iter().all(|c| *c == cells[0]) && i > 0 {
            constant.push(format!("{}: {}", col.name, cells[0]));
            continue;
        }
        keep.push(i);
    }
    (keep, constant)
}

pub fn render(report: &Report, width: Option<u16>) -> String {
    let (keep, constant) = shown_columns(report);
    let mut t = Table::new();
    t.load_preset(UTF8_FULL_CONDENSED);
    match width {
        Some(w) => {
            t.set_content_arrangement(ContentArrangement::Dynamic);
            t.set_width(w);
        }
        None => {
            t.set_content_arrangement(ContentArrangement::Disabled);
        }
    }
    t.set_header(keep.iter().map(|&i| report.columns[i].name.clone()));
    for row in &report.rows {
        t.add_row(keep.iter().map(|&i| {
            let c = comfy_table::Cell::new(row.get(i).map(|c| c.display()).unwrap_or_default());
            match report.columns[i].kind {
                ColumnKind::Number(_) => c.set_alignment(CellAlignment::Right),
                ColumnKind::Text => c,
            }
        }));
    }
    let mut out = String::new();
    if !report.title.is_empty() {
        out.push_str(&report.title);
        out.push('\n');
    }
    for line in constant {
        out.push_str(&line);
        out.push('\n');
    }
    out.push_str(&t.to_string());
    out.push('\n');
    for n in &report.notes {
        out.push_str(&wrap_note(n, width.map(usize::from).unwrap_or(usize::MAX)));
    }
    out
}

/// A note as "- text", wrapped at word boundaries to the width, continuation lines indented.
fn wrap_note(note: &str, width: usize) -> String {
    let mut out = String::new();
    let mut line = String::from("-");
    for word in note.split_whitespace() {
        if line.chars().count() + 1 + word.chars().count() > width && line.len() > 2 {
            out.push_str(&line);
            out.push('\n');
            line = String::from(" ");
        }
        line.push(' ');
        line.push_str(word);
    }
    out.push_str(&line);
    out.push('\n');
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::report::Cell;

    #[test]
    fn constant_and_empty_columns_leave_the_table() {
        let mut r = Report::new("T").text_column("country").text_column("unit").text_column("published");
        r.push_row(vec![Cell::text("Japan"), Cell::text("% of GDP"), Cell::Empty]);
        r.push_row(vec![Cell::text("Korea"), Cell::text("% of GDP"), Cell::Empty]);
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
