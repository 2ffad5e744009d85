//! A [`Report`] as an HTML table: a caption, header cells with readable labels (a rank column
//! says whether it is the source's published rank or a rank within a group), numbers
//! right-aligned in their own cells, the country as each row's header.

use super::esc;
use crate::report::{Cell, Report};
use std::fmt::Write;

/// What a column's header says: its name made readable and, for a rank, what kind of rank it
/// is (shown under the name).
pub(super) fn header_label(report: &Report, col: usize) -> (String, Option<String>) {
    let name = report.columns[col].name.as_str();
    let basis = rank_basis(report);
    let of_basis = || {
        basis.as_ref().map(|b| match b.as_str() {
            "published" => "published by the source".to_string(),
            b if b.starts_with("within") => format!("{b}, not the published rank"),
            b => b.to_string(),
        })
    };
    match name {
        "rank" if has_column(report, "rank_basis") => (
            "Rank".into(),
            of_basis().or_else(|| Some("basis in the Rank basis column".into())),
        ),
        "rank" if has_column(report, "published_rank") => (
            "Rank".into(),
            Some("the source's where it publishes one, else among all with a value".into()),
        ),
        "rank_basis" => ("Rank basis".into(), None),
        "published_rank" => (
            "Published rank".into(),
            Some("as the source printed it".into()),
        ),
        "iso3" => ("ISO3".into(), None),
        "ci_low" => ("CI low".into(), Some("95% confidence interval".into())),
        "ci_high" => ("CI high".into(), Some("95% confidence interval".into())),
        "p_value" => ("p-value".into(), None),
        _ => match name.strip_prefix("rank_") {
            Some(year) if year.chars().all(|c| c.is_ascii_digit()) => {
                (format!("Rank {year}"), of_basis())
            }
            _ => (readable(name), None),
        },
    }
}

/// Whether a column is left out of the HTML table: `rank_basis` when every row has the same
/// basis, which the rank column's header then says, and a column with nothing in any row.
pub(super) fn hidden(report: &Report, col: usize) -> bool {
    let all_empty = !report.rows.is_empty()
        && report.rows.iter().all(|r| {
            matches!(&r[col], Cell::Empty) || matches!(&r[col], Cell::Text(t) if t.is_empty())
        });
    all_empty || (report.columns[col].name == "rank_basis" && rank_basis(report).is_some())
}

fn has_column(report: &Report, name: &str) -> bool {
    report.columns.iter().any(|c| c.name == name)
}

/// The one rank basis every row shares (`published`, `within OECD`, …), if there is one.
fn rank_basis(report: &Report) -> Option<String> {
    let i = report.columns.iter().position(|c| c.name == "rank_basis")?;
    let mut values = report.rows.iter().map(|r| r[i].display());
    let first = values.next()?;
    values.all(|v| v == first).then_some(first)
}

/// `value_change` → "Value change"; a name with spaces (an axis title) is kept as it is.
fn readable(name: &str) -> String {
    let spaced = name.replace('_', " ");
    let mut chars = spaced.chars();
    match chars.next() {
        Some(c) => c.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

fn is_number(cell: &Cell) -> bool {
    matches!(cell, Cell::Number(..) | Cell::Int(_) | Cell::Plain(_))
}

/// Writes the table; `id` makes its caption's id unique in the document.
pub(super) fn write_table(w: &mut String, report: &Report, id: &str) {
    let shown: Vec<usize> = report
        .shown_columns()
        .into_iter()
        .filter(|&c| !hidden(report, c))
        .collect();
    let numeric: Vec<bool> = shown
        .iter()
        .map(|&c| {
            matches!(report.columns[c].kind, crate::report::ColumnKind::Number(_))
                || (!report.rows.is_empty()
                    && report
                        .rows
                        .iter()
                        .all(|r| is_number(&r[c]) || matches!(r[c], Cell::Empty | Cell::Missing)))
        })
        .collect();
    let row_header = shown
        .iter()
        .position(|&c| report.columns[c].name == "country");
    let _ = write!(
        w,
        "<div class=\"table-wrap\">\n<table id=\"{id}\">\n<caption>{}</caption>\n<thead><tr>",
        esc(&report.title)
    );
    for (k, &c) in shown.iter().enumerate() {
        let class = if numeric[k] { " class=\"num\"" } else { "" };
        let (label, detail) = header_label(report, c);
        let detail = detail
            .map(|d| format!("<span class=\"basis\">{}</span>", esc(&d)))
            .unwrap_or_default();
        let _ = write!(w, "<th scope=\"col\"{class}>{}{detail}</th>", esc(&label));
    }
    w.push_str("</tr></thead>\n<tbody>\n");
    for row in &report.rows {
        w.push_str("<tr>");
        for (k, &c) in shown.iter().enumerate() {
            let cell = &row[c];
            let mut classes = Vec::new();
            if numeric[k] || is_number(cell) {
                classes.push("num");
            }
            if matches!(cell, Cell::Missing) {
                classes.push("missing");
            }
            let class = if classes.is_empty() {
                String::new()
            } else {
                format!(" class=\"{}\"", classes.join(" "))
            };
            let tag = if Some(k) == row_header { "th" } else { "td" };
            let scope = if tag == "th" { " scope=\"row\"" } else { "" };
            let _ = write!(w, "<{tag}{scope}{class}>{}</{tag}>", esc(&cell.display()));
        }
        w.push_str("</tr>\n");
    }
    if report.rows.is_empty() {
        let _ = writeln!(
            w,
            "<tr><td colspan=\"{}\">No rows.</td></tr>",
            shown.len().max(1)
        );
    }
    w.push_str("</tbody>\n</table>\n</div>\n");
}
