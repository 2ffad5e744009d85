//! The document's parts on a hand-made brief: labels, alignment, escaping, self-containment.

use super::*;
use crate::report::Cell;

fn ranked(basis: &str) -> Report {
    let mut r = Report::new("GII score")
        .number_column("rank", 0)
        .text_column("rank_basis")
        .text_column("country")
        .number_column("value", 1)
        .number_column("year", 0)
        .number_column("published_rank", 0);
    r.push_row(vec![
        Cell::int(1),
        Cell::text(basis),
        Cell::text("Sweden <S&E>"),
        Cell::num(62.578, 1),
        Cell::plain(2025),
        Cell::int(2),
    ]);
    r.push_row(vec![
        Cell::int(2),
        Cell::text(basis),
        Cell::text("Japan"),
        Cell::Missing,
        Cell::plain(2025),
        Cell::int(12),
    ]);
    r.note("Period: GII 2025 edition.");
    r
}

fn brief(items: Vec<Item>) -> Brief {
    Brief {
        title: "Briefing pack".into(),
        data_date: "2026-11-28".into(),
        data_source: "from the embedded datasets".into(),
        sections: vec![Section {
            name: "top ten".into(),
            title: "Top ten".into(),
            description: "Who leads?".into(),
            items,
        }],
        provenance: Provenance {
            innodex_version: "0.1.0".into(),
            datasets: vec![],
            outputs: vec![("a.csv".into(), 1234, "ab".repeat(32))],
        },
    }
}

fn table_item(r: Report) -> Item {
    Item {
        outputs: vec!["a.csv".into(), "a.md".into()],
        command: "innodex rank gii.score".into(),
        content: Content::Table(r),
    }
}

fn html_of(b: &Brief) -> String {
    let bytes = render(b, &|chars| Ok(format!("/* {} chars */\n", chars.len()))).expect("renders");
    String::from_utf8(bytes).expect("UTF-8")
}

#[test]
fn rank_columns_say_their_basis_and_numbers_are_right_aligned() {
    let within = html_of(&brief(vec![table_item(ranked("within OECD"))]));
    assert!(within.contains(
        "<th scope=\"col\" class=\"num\">Rank<span class=\"basis\">within OECD, not the published rank</span></th>"
    ));
    assert!(within.contains("Published rank<span class=\"basis\">as the source printed it</span>"));
    // The basis is in the header, so the column repeating it on every row is left out...
    assert!(!within.contains("<td>within OECD</td>"));
    let published = html_of(&brief(vec![table_item(ranked("published"))]));
    assert!(published.contains(">Rank<span class=\"basis\">published by the source</span></th>"));
    // ...but kept where the rows differ.
    let mut mixed = ranked("published");
    mixed.rows[1][1] = Cell::text("within OECD");
    let mixed = html_of(&brief(vec![table_item(mixed)]));
    assert!(mixed.contains("Rank<span class=\"basis\">basis in the Rank basis column</span>"));
    assert!(mixed.contains("<td>within OECD</td>"));
    // The value, year and rank cells are right-aligned; the country is the row header.
    assert!(within.contains("<td class=\"num\">62.6</td><td class=\"num\">2025</td>"));
    assert!(within.contains("<th scope=\"row\">Sweden &lt;S&amp;E&gt;</th>"));
    assert!(within.contains("<td class=\"num missing\">no data</td>"));
    assert!(within.contains("<li>Period: GII 2025 edition.</li>"));
    // A column with nothing in any row is left out.
    let mut empty = ranked("published");
    empty = empty.text_column("vintage");
    for row in &mut empty.rows {
        row.push(Cell::text(""));
    }
    assert!(html_of(&brief(vec![table_item(ranked("published"))])).contains(">Published rank<"));
    assert!(!html_of(&brief(vec![table_item(empty)])).contains(">Vintage<"));
    assert!(within.contains("<h3 id=\"item-1-h\">a.csv, a.md</h3>"));
    assert!(within.contains("<a href=\"#q-top-ten\">Top ten</a>"));
}

#[test]
fn a_chart_is_inline_svg_with_a_text_alternative_and_its_data_one_click_away() {
    let mut data = Report::new("Data of the chart: GII").text_column("bar");
    data.push_row(vec![Cell::text("1. Sweden")]);
    let chart = Item {
        outputs: vec!["g.png".into()],
        command: "innodex chart bar gii.score".into(),
        content: Content::Chart {
            svg: "<svg width=\"1600\" height=\"900\" viewBox=\"0 0 1600 900\" xmlns=\"http://www.w3.org/2000/svg\">\n<text>GII</text>\n</svg>\n".into(),
            title: "GII score".into(),
            subtitle: Some("OECD members".into()),
            footer: vec!["Source: WIPO".into()],
            data,
        },
    };
    let html = html_of(&brief(vec![chart]));
    assert!(html.contains("<svg width=\"1600\" height=\"900\" viewBox=\"0 0 1600 900\" role=\"img\" aria-labelledby=\"item-1-t item-1-d\"><title id=\"item-1-t\">GII score</title>"));
    assert!(html.contains("<span class=\"source\">Source: WIPO</span>"));
    assert!(html.contains("<details class=\"chart-data\">\n<summary>"));
    assert!(html.contains("<td>1. Sweden</td>"));
    for forbidden in ["http://", "https://", "file:", "<script", "<link", "src=\""] {
        assert!(!html.contains(forbidden), "{forbidden} in the document");
    }
}

#[test]
fn the_font_covers_every_character_and_the_same_brief_gives_the_same_bytes() {
    let b = brief(vec![table_item(ranked("published"))]);
    let seen = std::cell::RefCell::new(BTreeSet::new());
    let out = render(&b, &|chars| {
        seen.borrow_mut().extend(chars.iter().copied());
        Ok(String::new())
    })
    .expect("renders");
    let text = String::from_utf8(out.clone()).expect("UTF-8");
    let chars = seen.into_inner();
    // Every character of the visible text, the escaped ones included.
    for c in "Sweden <S&E> · 62.6 Published rank".chars() {
        assert!(chars.contains(&c), "{c:?} not given to the font subsetter");
    }
    assert!(text.starts_with("<!DOCTYPE html>\n<html lang=\"en\">"));
    assert_eq!(render(&b, &|_| Ok(String::new())).expect("again"), out);
}

#[test]
fn quick_facts_labels_are_strong_and_unpaired_markers_stay_text() {
    assert_eq!(
        strong_spans("**GII rank:** 16th of 131 <2020>"),
        "<strong>GII rank:</strong> 16th of 131 &lt;2020&gt;"
    );
    assert_eq!(strong_spans("a ** b"), "a ** b");
}
