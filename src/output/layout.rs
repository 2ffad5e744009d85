//! Laying out a text grid within a width: column widths that never go below a column's longest
//! word, word wrapping that never breaks a word, and the two ways out when even that is too
//! wide (the caller drops columns, or the grid is stacked one block per row).
//!
//! Widths are display columns (`unicode-width`), so accented names and wide characters line up.

use unicode_width::UnicodeWidthStr;

/// How a column's cells sit in their width.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Align {
    Left,
    Right,
}

/// One column of the grid: its header, alignment, and whether its cells may wrap (numbers never
/// do, though their header may).
#[derive(Debug, Clone)]
pub struct GridColumn {
    pub header: String,
    pub align: Align,
    pub wraps: bool,
}

/// Display width of a string.
pub fn width(s: &str) -> usize {
    UnicodeWidthStr::width(s)
}

/// The unbreakable pieces of a text and whether a space follows each. Lines break at spaces and
/// after a hyphen, dash, slash or underscore between two letters or digits ("2016–2021",
/// "published_rank", "LGPL-2.1"); never inside a word.
fn pieces(text: &str) -> Vec<(String, bool)> {
    let mut out = Vec::new();
    for word in text.split(' ').filter(|w| !w.is_empty()) {
        let chars: Vec<char> = word.chars().collect();
        let mut cur = String::new();
        for (i, &c) in chars.iter().enumerate() {
            cur.push(c);
            let joiner = matches!(c, '-' | '–' | '—' | '/' | '_');
            let between = i > 0
                && i + 1 < chars.len()
                && chars[i - 1].is_alphanumeric()
                && chars[i + 1].is_alphanumeric();
            if joiner && between {
                out.push((std::mem::take(&mut cur), false));
            }
        }
        if !cur.is_empty() {
            out.push((cur, true));
        }
    }
    out
}

/// The widest unbreakable piece of `text`: no column may be narrower.
pub fn longest_word(text: &str) -> usize {
    pieces(text)
        .iter()
        .map(|(p, _)| width(p))
        .max()
        .unwrap_or(0)
}

/// `text` wrapped to lines of at most `w` columns, breaking only between pieces; a piece wider
/// than `w` (only when the caller allowed a column below its longest word) stays whole.
pub fn wrap(text: &str, w: usize) -> Vec<String> {
    let mut lines = Vec::new();
    let mut line = String::new();
    let mut space_before = false;
    for (piece, space_after) in pieces(text) {
        let sep = if line.is_empty() || !space_before {
            ""
        } else {
            " "
        };
        if !line.is_empty() && width(&line) + sep.len() + width(&piece) > w {
            lines.push(std::mem::take(&mut line));
        } else {
            line.push_str(sep);
        }
        line.push_str(&piece);
        space_before = space_after;
    }
    if !line.is_empty() || lines.is_empty() {
        lines.push(line);
    }
    lines
}

/// Width of a table with these column widths: `│ a ┆ b │`.
pub fn table_width(widths: &[usize]) -> usize {
    widths.iter().sum::<usize>() + 3 * widths.len() + 1
}

/// Widths of a column: the narrowest it may be (its longest word; the whole cell for numbers),
/// the width its cells need unwrapped, and its natural width (header included).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Bounds {
    pub min: usize,
    pub cells: usize,
    pub natural: usize,
}

/// The [`Bounds`] of each column.
pub fn column_bounds(cols: &[GridColumn], rows: &[Vec<String>]) -> Vec<Bounds> {
    cols.iter()
        .enumerate()
        .map(|(i, col)| {
            let mut min = longest_word(&col.header);
            let mut cells = 0;
            for cell in rows.iter().filter_map(|r| r.get(i)) {
                let w = width(cell);
                cells = cells.max(w);
                min = min.max(if col.wraps { longest_word(cell) } else { w });
            }
            let natural = cells.max(width(&col.header)).max(1);
            Bounds {
                min,
                cells: cells.max(min),
                natural,
            }
        })
        .collect()
}

/// Column widths that fit `total` columns, or None when even the narrowest widths do not.
/// Space above the narrowest widths is shared out evenly, one column at a time, first so that
/// cells need not wrap (short columns get there first, long text shares what is left), then so
/// that headers need not.
pub fn fit_widths(bounds: &[Bounds], total: usize) -> Option<Vec<usize>> {
    let mut widths: Vec<usize> = bounds.iter().map(|b| b.min).collect();
    if table_width(&widths) > total {
        return None;
    }
    let mut spare = total - table_width(&widths);
    for target in [|b: &Bounds| b.cells, |b: &Bounds| b.natural] {
        loop {
            let mut grew = false;
            for (w, b) in widths.iter_mut().zip(bounds) {
                if spare > 0 && *w < target(b) {
                    *w += 1;
                    spare -= 1;
                    grew = true;
                }
            }
            if !grew {
                break;
            }
        }
    }
    Some(widths)
}

fn pad(text: &str, w: usize, align: Align) -> String {
    let fill = " ".repeat(w.saturating_sub(width(text)));
    match align {
        Align::Left => format!("{text}{fill}"),
        Align::Right => format!("{fill}{text}"),
    }
}

fn rule(widths: &[usize], left: &str, fill: &str, mid: &str, right: &str) -> String {
    let parts: Vec<String> = widths.iter().map(|w| fill.repeat(w + 2)).collect();
    format!("{left}{}{right}\n", parts.join(mid))
}

fn draw_row(out: &mut String, cells: &[Vec<String>], widths: &[usize], cols: &[GridColumn]) {
    let height = cells.iter().map(Vec::len).max().unwrap_or(1);
    for line in 0..height {
        let parts: Vec<String> = cells
            .iter()
            .zip(widths)
            .zip(cols)
            .map(|((c, &w), col)| pad(c.get(line).map_or("", String::as_str), w, col.align))
            .collect();
        out.push_str(&format!("│ {} │\n", parts.join(" ┆ ")));
    }
}

/// Bold, for a table's title and header.
pub const BOLD: &str = "1";
/// Bold yellow, for highlighted rows.
pub const HIGHLIGHT: &str = "1;33";

/// Each line of `text` between the ANSI codes for `style` and a reset (None: unchanged), so a
/// pager showing any one line still resets the colour.
pub fn paint(text: &str, style: Option<&str>) -> String {
    match style {
        None => text.to_string(),
        Some(code) => text
            .lines()
            .map(|l| format!("\x1b[{code}m{l}\x1b[0m\n"))
            .collect(),
    }
}

/// Draws the grid with these widths (from [`fit_widths`], or the natural widths when there is no
/// width limit). Rows that wrap onto several lines get a dotted line between rows.
/// With `highlight` (one flag per row) in colour: the header bold, flagged rows bold yellow. Widths are worked out on the plain text, so colour never moves a column.
pub fn draw_table_painted(
    cols: &[GridColumn],
    rows: &[Vec<String>],
    widths: &[usize],
    highlight: Option<&[bool]>,
) -> String {
    let wrapped: Vec<Vec<Vec<String>>> = rows
        .iter()
        .map(|r| {
            r.iter()
                .zip(widths)
                .zip(cols)
                .map(|((c, &w), col)| {
                    if col.wraps {
                        wrap(c, w)
                    } else {
                        vec![c.clone()]
                    }
                })
                .collect()
        })
        .collect();
    let header: Vec<Vec<String>> = cols
        .iter()
        .zip(widths)
        .map(|(c, &w)| wrap(&c.header, w))
        .collect();
    let tall = wrapped.iter().any(|r| r.iter().any(|c| c.len() > 1));
    let mut out = rule(widths, "┌", "─", "┬", "┐");
    let mut line = String::new();
    draw_row(&mut line, &header, widths, cols);
    out.push_str(&paint(&line, highlight.map(|_| BOLD)));
    out.push_str(&rule(widths, "╞", "═", "╪", "╡"));
    for (i, row) in wrapped.iter().enumerate() {
        if tall && i > 0 {
            out.push_str(&rule(widths, "├", "╌", "┼", "┤"));
        }
        let mut line = String::new();
        draw_row(&mut line, row, widths, cols);
        let lit = highlight.is_some_and(|h| h.get(i) == Some(&true));
        out.push_str(&paint(&line, lit.then_some(HIGHLIGHT)));
    }
    out.push_str(&rule(widths, "└", "─", "┴", "┘"));
    out
}

/// The grid as one block per row ("header  value" lines, values wrapped to `total`), blocks
/// separated by a blank line: what a table too wide for any column widths becomes.
pub fn draw_stacked(cols: &[GridColumn], rows: &[Vec<String>], total: usize) -> String {
    let label_w = cols.iter().map(|c| width(&c.header)).max().unwrap_or(0);
    let value_w = total.saturating_sub(label_w + 2).max(10);
    let mut out = String::new();
    for (i, row) in rows.iter().enumerate() {
        if i > 0 {
            out.push('\n');
        }
        for (col, cell) in cols.iter().zip(row) {
            for (j, line) in wrap(cell, value_w).iter().enumerate() {
                let label = if j == 0 { col.header.as_str() } else { "" };
                let text = format!("{}  {line}", pad(label, label_w, Align::Left));
                out.push_str(text.trim_end());
                out.push('\n');
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_break_at_spaces_and_joiners_only() {
        assert_eq!(
            wrap("Bloomberg Innovation Index", 10),
            ["Bloomberg", "Innovation", "Index"]
        );
        assert_eq!(wrap("published_rank", 10), ["published_", "rank"]);
        assert_eq!(wrap("2016–2021", 6), ["2016–", "2021"]);
        assert_eq!(wrap("-1.5", 2), ["-1.5"]);
        assert_eq!(wrap("Bloomberg", 4), ["Bloomberg"]);
        assert_eq!(wrap("", 5), [""]);
        assert_eq!(longest_word("CC BY-NC-ND 3.0 IGO"), 3);
        assert_eq!(longest_word("Côte d’Ivoire"), 8);
    }

    #[test]
    fn widths_never_go_below_the_longest_word() {
        let b = |min, cells, natural| Bounds {
            min,
            cells,
            natural,
        };
        let bounds = [b(4, 4, 4), b(11, 13, 13), b(9, 120, 120), b(1, 1, 12)];
        let w = fit_widths(&bounds, 80).expect("fits");
        assert_eq!(table_width(&w), 80);
        assert_eq!(w[0], 4);
        assert_eq!(w[1], 13, "short text reaches its natural width first");
        assert_eq!(w[3], 1, "cells unwrapped before headers");
        assert!(fit_widths(&bounds, 30).is_none());
        assert_eq!(fit_widths(&[b(3, 4, 5)], 80), Some(vec![5]));
    }
}
