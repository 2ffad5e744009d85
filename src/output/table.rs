//! Terminal tables: rounded numbers, right-aligned, fitted to the terminal width; notes below.

use crate::report::{ColumnKind, Report};
use comfy_table::{presets::UTF8_FULL_CONDENSED, CellAlignment, ContentArrangement, Table};

pub fn render(report: &Report, width: Option<u16>) -> String {
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
    let shown = report.shown_columns();
    t.set_header(shown.iter().map(|&i| report.columns[i].name.clone()));
    for row in &report.rows {
        t.add_row(
            shown
                .iter()
                .filter_map(|&i| Some((row.get(i)?, &report.columns[i])))
                .map(|(cell, col)| {
                    let c = comfy_table::Cell::new(cell.display());
                    match col.kind {
                        ColumnKind::Number(_) => c.set_alignment(CellAlignment::Right),
                        ColumnKind::Text => c,
                    }
                }),
        );
    }
    let mut out = String::new();
    if !report.title.is_empty() {
        out.push_str(&report.title);
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
    fn table_fits_80_columns_and_rounds() {
        let mut r = Report::new("Title")
            .text_column("country")
            .number_column("value", 1);
        r.push_row(vec![Cell::text("Korea, Republic of"), Cell::num(4.6271, 1)]);
        r.note("a long note ".repeat(20));
        let out = render(&r, Some(80));
        assert!(out.contains("4.6"), "{out}");
        assert!(!out.contains("4.627"), "{out}");
        for line in out.lines() {
            assert!(line.chars().count() <= 80, "line too long: {line}");
        }
    }
}
