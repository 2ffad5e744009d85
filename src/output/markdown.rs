//! Markdown: a paste-ready pipe table with rounded numbers, notes as a list below; a report with
//! `facts` becomes a quick-facts box (title line, one bullet per fact) instead of the table.
//! Text is escaped for a pipe table (`|`, `<`) and control characters are made visible.

use super::text::visible;
use crate::report::{ColumnKind, Report};

fn escape(s: &str) -> String {
    visible(s).replace('|', "\\|").replace('<', "&lt;")
}

pub fn render(report: &Report) -> String {
    let mut out = String::new();
    if !report.title.is_empty() {
        out.push_str(&format!("**{}**\n\n", escape(&report.title)));
    }
    if !report.facts.is_empty() {
        for f in &report.facts {
            out.push_str(&format!("- {}\n", escape(f)));
        }
        if !report.notes.is_empty() {
            out.push_str("\nNotes:\n\n");
            for n in &report.notes {
                out.push_str(&format!("- {}\n", escape(n)));
            }
        }
        return out;
    }
    let shown = report.shown_columns();
    let header: Vec<String> = shown
        .iter()
        .map(|&i| escape(&report.columns[i].name))
        .collect();
    out.push_str(&format!("| {} |\n", header.join(" | ")));
    let align: Vec<&str> = shown
        .iter()
        .map(|&i| match report.columns[i].kind {
            ColumnKind::Number(_) => "---:",
            ColumnKind::Text => "---",
        })
        .collect();
    out.push_str(&format!("| {} |\n", align.join(" | ")));
    for row in &report.rows {
        let cells: Vec<String> = shown
            .iter()
            .filter_map(|&i| row.get(i))
            .map(|c| escape(&c.display()))
            .collect();
        out.push_str(&format!("| {} |\n", cells.join(" | ")));
    }
    if !report.notes.is_empty() {
        out.push('\n');
        for n in &report.notes {
            out.push_str(&format!("- {}\n", escape(n)));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::report::Cell;

    #[test]
    fn facts_replace_the_table_and_detail_columns_are_hidden() {
        let mut r = Report::new("Japan — quick facts")
            .text_column("indicator")
            .number_column("value", 0)
            .text_column("iso3")
            .detail();
        r.push_row(vec![
            Cell::text("GII rank"),
            Cell::Missing,
            Cell::text("JPN"),
        ]);
        let table = render(&r);
        assert!(table.contains("| indicator | value |\n"), "{table}");
        assert!(table.contains("| GII rank | no data |\n"), "{table}");
        r.facts.push("GII rank: 16th of 131 (2020 edition)".into());
        r.note("n");
        assert_eq!(
            render(&r),
            "**Japan — quick facts**\n\n- GII rank: 16th of 131 (2020 edition)\n\nNotes:\n\n- n\n"
        );
    }
}
