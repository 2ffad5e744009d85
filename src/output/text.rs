//! Text from files made safe for where it goes: control characters made visible for terminals,
//! Markdown and SVG, and formula-like cells neutralised for CSV and spreadsheets.
//!
//! Names, titles and notes come from user files; an ESC, BEL or a bidirectional override in them
//! must never reach a terminal (escape injection) or an XML file (ill-formed) as the raw character.

use std::borrow::Cow;

/// Characters that are never written raw to a terminal, Markdown or SVG: C0 controls (tab, line
/// feed and carriage return included: a cell or a label is one line), DEL, C1 controls, the
/// bidirectional embedding, override and isolate controls, line and paragraph separators, BOM
/// and the XML non-characters U+FFFE and U+FFFF.
pub fn is_unsafe_char(c: char) -> bool {
    matches!(c,
        '\u{0}'..='\u{1F}'
        | '\u{7F}'..='\u{9F}'
        | '\u{200E}' | '\u{200F}'
        | '\u{2028}'..='\u{202E}'
        | '\u{2066}'..='\u{2069}'
        | '\u{FEFF}' | '\u{FFFE}' | '\u{FFFF}')
}

/// The text with every [`is_unsafe_char`] written as a visible escape: tab, line feed and
/// carriage return become one space; others become `\x1B` (below U+0100) or `\u{202E}`.
/// Text without such characters is returned as it is, without copying.
pub fn visible(text: &str) -> Cow<'_, str> {
    if !text.chars().any(is_unsafe_char) {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        match c {
            '\t' | '\n' | '\r' => out.push(' '),
            c if is_unsafe_char(c) && (c as u32) < 0x100 => {
                out.push_str(&format!("\\x{:02X}", c as u32));
            }
            c if is_unsafe_char(c) => out.push_str(&format!("\\u{{{:X}}}", c as u32)),
            c => out.push(c),
        }
    }
    Cow::Owned(out)
}

/// Like [`visible`], but keeps line feeds (for multi-line text such as a note list). Carriage
/// returns and tabs become spaces.
pub fn visible_lines(text: &str) -> String {
    text.split('\n')
        .map(|l| visible(l).into_owned())
        .collect::<Vec<_>>()
        .join("\n")
}

/// Text a spreadsheet would run as a formula gets a leading apostrophe: text starting with
/// `=`, `+`, `-`, `@`, a tab or a carriage return (also after leading spaces, which spreadsheets
/// skip), and the full-width `＝`, `＋`, `－`, `＠` some spreadsheets treat alike.
pub fn neutralise_formula(text: &str) -> Cow<'_, str> {
    if is_formula_like(text) {
        Cow::Owned(format!("'{text}"))
    } else {
        Cow::Borrowed(text)
    }
}

/// True when a spreadsheet could read `text` as a formula (see [`neutralise_formula`]).
pub fn is_formula_like(text: &str) -> bool {
    let lead = text.trim_start_matches(' ');
    matches!(
        lead.chars().next(),
        Some('=' | '+' | '-' | '@' | '\t' | '\r' | '\n' | '＝' | '＋' | '－' | '＠')
    ) || matches!(text.chars().next(), Some('\t' | '\r'))
}

/// A CSV text field: formula-safe and without control characters other than tab, line feed
/// and carriage return (which CSV quoting carries).
pub fn csv_text(text: &str) -> Cow<'_, str> {
    let cleaned: Cow<'_, str> = if text
        .chars()
        .any(|c| is_unsafe_char(c) && !matches!(c, '\t' | '\n' | '\r'))
    {
        Cow::Owned(
            text.chars()
                .map(|c| match c {
                    '\t' | '\n' | '\r' => c.to_string(),
                    c if is_unsafe_char(c) => visible(&c.to_string()).into_owned(),
                    c => c.to_string(),
                })
                .collect(),
        )
    } else {
        Cow::Borrowed(text)
    };
    if is_formula_like(&cleaned) {
        Cow::Owned(format!("'{cleaned}"))
    } else {
        cleaned
    }
}

/// Checks `xml` with a real XML parser, and that no control character is left in it.
#[cfg(test)]
pub(crate) fn assert_well_formed_xml(xml: &str) {
    let mut reader = quick_xml::Reader::from_str(xml);
    let mut depth = 0i64;
    loop {
        match reader.read_event() {
            Ok(quick_xml::events::Event::Start(_)) => depth += 1,
            Ok(quick_xml::events::Event::End(_)) => depth -= 1,
            Ok(quick_xml::events::Event::Text(t)) => {
                let text = t.decode().expect("text decodes");
                assert!(
                    !text
                        .chars()
                        .any(|c| c.is_control() && !matches!(c, '\n' | '\t' | '\r')),
                    "control character in text {text:?}"
                );
            }
            Ok(quick_xml::events::Event::Eof) => break,
            Ok(_) => {}
            Err(e) => panic!("ill-formed XML at {}: {e}", reader.buffer_position()),
        }
    }
    assert_eq!(depth, 0, "unbalanced tags");
    assert!(
        !xml.chars()
            .any(|c| c.is_control() && !matches!(c, '\n' | '\t' | '\r')),
        "raw control character in the SVG"
    );
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn controls_become_visible_escapes() {
        assert_eq!(visible("Japan"), "Japan");
        assert!(matches!(visible("Japan"), Cow::Borrowed(_)));
        assert_eq!(visible("a\u{1b}[31mred\u{7}"), "a\\x1B[31mred\\x07");
        assert_eq!(visible("x\u{0b}y\u{85}z"), "x\\x0By\\x85z");
        assert_eq!(visible("evil\u{202E}txt"), "evil\\u{202E}txt");
        assert_eq!(visible("two\nlines\tand\rcr"), "two lines and cr");
        assert_eq!(visible_lines("a\u{1b}\nb"), "a\\x1B\nb");
        assert!(visible("\u{1b}\u{9b}\u{2066}\u{feff}")
            .chars()
            .all(|c| !is_unsafe_char(c)));
    }

    #[test]
    fn formulas_are_neutralised() {
        for bad in [
            "=cmd|' /C calc'!A0",
            "+1",
            "-2+3",
            "@SUM(A1)",
            "\t=1",
            "\r=1",
            "  =1",
            "＝1",
        ] {
            assert!(is_formula_like(bad), "{bad:?}");
            assert_eq!(neutralise_formula(bad), format!("'{bad}"));
        }
        for ok in ["Japan", "Korea, Rep.", "'quoted", "1=1", ""] {
            assert_eq!(neutralise_formula(ok), ok);
        }
        assert_eq!(csv_text("=A1\u{1b}"), "'=A1\\x1B");
        assert_eq!(csv_text("two\nlines"), "two\nlines");
    }
}
