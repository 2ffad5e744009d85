//! Markdown: a paste-ready pipe table with rounded numbers, notes as a list below.

use crate::report::{ColumnKind, Report};

fn escape(s: &str) -> String {
    s.replace('|', "\\|").replace('\n', " ")
}

pub fn render(report: &Report) -> String {
    let mut out = String::new();
    if !report.title.is_empty() {
        out.push_str(&format!("**{}**\n\n", escape(&report.title)));
    }
    let header: Vec<String> = report.columns.iter().map(|c| escape(&c.name)).collect();
    out.push_str(&format!("| {} |\n", header.join(" | ")));
    let align: Vec<&str> = report
        .columns
        .iter()
        .map(|c| match c.kind {
            ColumnKind::Number(_) => "---:",
            ColumnKind::Text => "---",
        })
        .collect();
    out.push_str(&format!("| {} |\n", align.join(" | ")));
    for row in &report.rows {
        let cells: Vec<String> = row.iter().map(|c| escape(&c.display())).collect();
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
