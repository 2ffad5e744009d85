//! Tables at 80 columns on realistic reports: nothing wider than the width, no column below its
//! longest word, no word broken, and what was left out or stacked said under the table.

use super::render;
use crate::report::{Cell, Report};

/// Checks the layout rules on a rendered table: no line wider than `width`, and every word of
/// every cell outside the columns `dropped` whole on one line.
fn check(report: &Report, out: &str, width: usize, dropped: &[usize]) {
    for line in out.lines() {
        assert!(
            super::layout::width(line) <= width,
            "line wider than {width}: {line:?}\n{out}"
        );
    }
    // Every word without a break opportunity appears whole on one line.
    for row in &report.rows {
        for (_, cell) in row.iter().enumerate().filter(|(i, _)| !dropped.contains(i)) {
            let text = super::visible(&cell.display()).into_owned();
            for word in text.split(' ') {
                if word.is_empty() || word.contains(['-', '–', '/', '_']) {
                    continue;
                }
                assert!(
                    out.lines().any(|l| l.contains(word)),
                    "word {word:?} broken or lost\n{out}"
                );
            }
        }
    }
}

/// `rank gii.score --year 2025 --top 5 --compare-year 2024` as the brief lays it out.
fn rank_report() -> Report {
    let mut r = Report::new("Global Innovation Index score — gii.score")
        .number_column("rank", 0)
        .text_column("country")
        .number_column("value", 1)
        .number_column("year", 0)
        .number_column("published rank", 0)
        .number_column("change", 0)
        .text_column("source")
        .optional();
    let rows = [
        (1, "Switzerland", 66.0, 1, 0),
        (2, "Sweden", 62.6, 2, 0),
        (3, "United States", 61.7, 3, 0),
        (4, "Korea, Republic of", 60.0, 4, 2),
        (5, "Singapore", 59.9, 5, -1),
    ];
    for (rank, name, v, published, change) in rows {
        r.push_row(vec![
            Cell::int(rank),
            Cell::text(name),
            Cell::num(v, 1),
            Cell::plain(2025),
            Cell::int(published),
            Cell::int(change),
            Cell::text(format!("WIPO Global Innovation Index {}", 2025 - rank % 2)),
        ]);
    }
    r.note("Caveat: ranks and scores are not comparable between editions.");
    r
}

#[test]
fn rank_report_fits_80_without_squeezing_the_country() {
    let r = rank_report();
    let out = render(&r, Some(80));
    check(&r, &out, 80, &[]);
    // The country column is as wide as "Switzerland" at least: the name is on one line.
    assert!(out.contains("┆ Switzerland"), "{out}");
    assert!(out.contains("┆ Korea,"), "{out}");
    assert!(out.contains("- Caveat: ranks"), "{out}");
}

#[test]
fn a_table_that_cannot_fit_drops_optional_columns_and_says_so() {
    let r = rank_report();
    let out = render(&r, Some(50));
    check(&r, &out, 50, &[6]);
    assert!(!out.contains("WIPO"), "{out}");
    assert!(
        out.contains("- Not shown, to fit 50 columns: source"),
        "{out}"
    );
    assert!(out.contains("┆ Switzerland"), "{out}");
}

/// `datasets`: long publisher and licence texts beside short counts.
fn datasets_report() -> Report {
    let mut r = Report::new("Datasets")
        .text_column("id")
        .text_column("title")
        .text_column("publisher")
        .text_column("licence")
        .number_column("indicators", 0)
        .number_column("years", 0);
    let rows = [
        ("bii", "Bloomberg Innovation Index", "Bloomberg L.P.", "© Bloomberg L.P.; no reuse licence stated (factual reference with attribution); transcription CC0", 9),
        ("gii", "WIPO Global Innovation Index", "World Intellectual Property Organization (WIPO); editions to 2020 with Cornell University and INSEAD", "CC BY 4.0 (editions 2021 onward); CC BY-NC-ND 3.0 IGO (editions 2020 and earlier)", 6),
        ("wdi", "World Bank World Development Indicators", "World Bank", "CC BY 4.0", 6),
    ];
    for (id, title, publisher, licence, n) in rows {
        r.push_row(vec![
            Cell::text(id),
            Cell::text(title),
            Cell::text(publisher),
            Cell::text(licence),
            Cell::int(n),
            Cell::text("2016–2021"),
        ]);
    }
    r
}

#[test]
fn datasets_listing_never_breaks_bloomberg() {
    let r = datasets_report();
    let out = render(&r, Some(80));
    check(&r, &out, 80, &[]);
    assert!(out.contains("Bloomberg"), "{out}");
    assert!(
        !out.contains("Bloomber\n") && !out.contains("Bloo "),
        "{out}"
    );
    // At 100 columns it is a table whose columns are at least their longest word wide.
    let wide = render(&r, Some(100));
    check(&r, &wide, 100, &[]);
    assert!(wide.contains("┆ Bloomberg "), "{wide}");
    assert!(wide.contains("Intellectual"), "{wide}");
}

#[test]
fn too_wide_without_optional_columns_is_stacked_and_says_so() {
    let r = datasets_report();
    let out = render(&r, Some(60));
    check(&r, &out, 60, &[]);
    assert!(!out.contains('┆'), "{out}");
    assert!(out.contains("\nid          bii\n"), "{out}");
    assert!(out.contains("- Shown one block per row"), "{out}");
    // Every value is still there.
    assert!(out.contains("years       2016–2021"), "{out}");
}

#[test]
fn a_column_equal_to_another_leaves_a_narrow_table_with_a_note() {
    let mut r = Report::new("")
        .number_column("rank", 0)
        .text_column("country")
        .number_column("published_rank", 0)
        .text_column("note");
    r.push_row(vec![
        Cell::int(1),
        Cell::text("Japan"),
        Cell::int(1),
        Cell::text("a fairly long note that needs room to sit on one line"),
    ]);
    let out = render(&r, Some(30));
    check(&r, &out, 30, &[2]);
    assert!(
        out.contains("- published_rank is not shown:\n  it equals rank"),
        "{out}"
    );
    // With room enough nothing is dropped.
    let wide = render(&r, Some(100));
    assert!(wide.contains("published_rank"), "{wide}");
    assert!(!wide.contains("not shown"), "{wide}");
}

#[test]
fn control_characters_never_reach_the_terminal() {
    let mut r = Report::new("Title\u{1b}]0;pwned\u{7}")
        .text_column("country")
        .text_column("unit");
    r.push_row(vec![Cell::text("Ja\u{1b}[2Jpan\u{0b}"), Cell::text("u")]);
    r.note("bell\u{7}\u{9b}31m");
    for width in [None, Some(80)] {
        let out = render(&r, width);
        if let Some(w) = width {
            check(&r, &out, w.into(), &[]);
        }
        assert!(
            !out.chars()
                .any(|c| c != '\n' && super::super::text::is_unsafe_char(c)),
            "{out:?}"
        );
        assert!(out.contains("Ja\\x1B[2Jpan\\x0B"), "{out}");
        assert!(out.starts_with("Title\\x1B]0;pwned\\x07\n"), "{out}");
        assert!(out.contains("bell\\x07\\x9B31m"), "{out}");
    }
}
