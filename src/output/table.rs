//! Terminal tables: rounded numbers, right-aligned, fitted to the terminal width; notes below.

use crate::report::{ColumnKind, Report};
use comfy_table::{
    presets::UTF8_FULL_CONDENSED, CellAlignment, ColumnConstraint, ContentArrangement, Table, Width,
};

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
            constant.push(format!("{}: {}", col.name, cells[0]));
            continue;
        }
        keep.push(i);
    }
    (keep, constant)
}

/// The longest a text cell may be so the table fits `width` (None: no need to shorten).
fn text_cap(report: &Report, keep: &[usize], width: usize) -> Option<usize> {
    let natural = |cap: usize| -> usize {
        keep.iter()
            .map(|&i| {
                let col = &report.columns[i];
                let longest = report
                    .rows
                    .iter()
                    .map(|r| r.get(i).map_or(0, |c| c.display().chars().count()))
                    .max()
                    .unwrap_or(0);
                let cell = if col.kind == ColumnKind::Text {
                    longest.min(cap)
                } else {
                    longest
                };
                cell.max(col.name.chars().count()) + 3
            })
            .sum::<usize>()
            + 1
    };
    if natural(usize::MAX) <= width {
        return None;
    }
    let mut cap = 60;
    while cap > 28 && natural(cap) > width {
        cap -= 2;
    }
    Some(cap)
}

fn shorten(text: String, cap: Option<usize>) -> String {
    match cap {
        Some(c) if text.chars().count() > c => {
            let mut t: String = text.chars().take(c.saturating_sub(1)).collect();
            t.push('…');
            t
        }
        _ => text,
    }
}

pub fn render(report: &Report, width: Option<u16>) -> String {
    let (keep, constant) = shown_columns(report);
    let cap = width.and_then(|w| text_cap(report, &keep, w as usize));
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
            let text = row.get(i).map(|c| c.display()).unwrap_or_default();
            match report.columns[i].kind {
                ColumnKind::Number(_) => {
                    comfy_table::Cell::new(text).set_alignment(CellAlignment::Right)
                }
                ColumnKind::Text => comfy_table::Cell::new(shorten(text, cap)),
            }
        }));
    }
    // Short columns (numbers, codes, years) keep their full width; long text wraps instead.
    for (pos, &i) in keep.iter().enumerate() {
        let natural = report
            .rows
            .iter()
            .map(|r| r.get(i).map_or(0, |c| c.display().chars().count()))
            .chain(std::iter::once(report.columns[i].name.chars().count()))
            .max()
            .unwrap_or(0);
        // Numbers and short codes keep their width; so does the first column, the key a reader
        // types back (an id, a code), while it takes at most 40% of the line.
        let number = matches!(report.columns[i].kind, ColumnKind::Number(_));
        let budget = width.map_or(usize::MAX, |w| w as usize * 2 / 5);
        if (number && natural <= 16) || natural <= 12 || (pos == 0 && natural <= budget) {
            if let Some(col) = t.column_mut(pos) {
                col.set_constraint(ColumnConstraint::LowerBoundary(Width::Fixed(
                    natural as u16 + 2,
                )));
            }
        }
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
    let mut notes: Vec<&str> = report.notes.iter().map(String::as_str).collect();
    let shortened = "Long cells are shortened (…) to fit the terminal; --format csv, json or markdown shows them whole.";
    if cap.is_some()
        && report.rows.iter().any(|r| {
            r.iter()
                .any(|c| matches!(c, crate::report::Cell::Text(t) if Some(t.chars().count()) > cap))
        })
    {
        notes.push(shortened);
    }
    for n in notes {
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
