//! Tests of the font subsetter and the SVG embedding: the subset's glyphs are read back with
//! ttf-parser (an independent reader) and must draw exactly as the full font's do.

use super::*;
use crate::chart::font_subset::subset;
use std::fmt::Write;

/// Records a glyph outline as text, so two outlines compare with `==`.
#[derive(Default)]
struct Pen(String);

impl ttf_parser::OutlineBuilder for Pen {
    fn move_to(&mut self, x: f32, y: f32) {
        let _ = write!(self.0, "M{x},{y} ");
    }
    fn line_to(&mut self, x: f32, y: f32) {
        let _ = write!(self.0, "L{x},{y} ");
    }
    fn quad_to(&mut self, x1: f32, y1: f32, x: f32, y: f32) {
        let _ = write!(self.0, "Q{x1},{y1},{x},{y} ");
    }
    fn curve_to(&mut self, x1: f32, y1: f32, x2: f32, y2: f32, x: f32, y: f32) {
        let _ = write!(self.0, "C{x1},{y1},{x2},{y2},{x},{y} ");
    }
    fn close(&mut self) {
        self.0.push('Z');
    }
}

fn outline(face: &ttf_parser::Face, c: char) -> (String, Option<u16>) {
    let g = face.glyph_index(c).expect("glyph");
    let mut pen = Pen::default();
    face.outline_glyph(g, &mut pen);
    (pen.0, face.glyph_hor_advance(g))
}

#[test]
fn base64_matches_the_rfc_4648_test_vectors() {
    for (input, expected) in [
        ("", ""),
        ("f", "Zg=="),
        ("fo", "Zm8="),
        ("foo", "Zm9v"),
        ("foob", "Zm9vYg=="),
        ("fooba", "Zm9vYmE="),
        ("foobar", "Zm9vYmFy"),
    ] {
        assert_eq!(base64(input.as_bytes()), expected);
    }
}

#[test]
fn the_dejavu_crate_ships_truetype_outlines() {
    for font in [dejavu::sans::regular(), dejavu::sans::bold()] {
        assert_eq!(&font[..4], &[0, 1, 0, 0], "sfnt version 1.0 = TrueType");
        let face = ttf_parser::Face::parse(font, 0).expect("parses");
        assert!(face.tables().glyf.is_some(), "has a glyf table");
    }
}

#[test]
fn a_subset_draws_its_characters_exactly_as_the_full_font() {
    // Composite glyphs (ü, é, Å are built from a base letter and an accent in DejaVu), digits,
    // punctuation, a dash and a space.
    let text = "Türkiye, Côte d'Ivoire – Åland: 1,220 robots (2024) ≤ 3.5% é";
    let chars: BTreeSet<char> = text.chars().collect();
    for full in [dejavu::sans::regular(), dejavu::sans::bold()] {
        let bytes = subset(full, &chars).expect("subset");
        assert!(
            bytes.len() * 20 < full.len(),
            "{} bytes is not a small subset of {}",
            bytes.len(),
            full.len()
        );
        let original = ttf_parser::Face::parse(full, 0).expect("full font");
        let small = ttf_parser::Face::parse(&bytes, 0).expect("the subset parses");
        for &c in &chars {
            assert_eq!(outline(&small, c), outline(&original, c), "glyph of {c:?}");
        }
        // Characters that were not asked for are not in it.
        for c in ['Z', 'q', '€'] {
            assert_eq!(
                small.glyph_index(c),
                None,
                "{c:?} should not be in the subset"
            );
        }
        // The names a browser and a reader need stay (family, licence); web addresses go.
        let names: Vec<(u16, String)> = small
            .names()
            .into_iter()
            .filter_map(|n| Some((n.name_id, n.to_string()?)))
            .collect();
        assert!(names.contains(&(1, "DejaVu Sans".to_string())), "{names:?}");
        assert!(names
            .iter()
            .any(|(id, t)| *id == 13 && t.contains("Bitstream")));
        assert!(names.iter().all(|(_, t)| !t.contains("http")), "{names:?}");
        // Same input, same bytes.
        assert_eq!(subset(full, &chars).expect("again"), bytes);
    }
}

#[test]
fn text_chars_splits_regular_and_bold_and_decodes_entities() {
    let svg = "<svg><text x=\"1\" font-weight=\"bold\">R&amp;D</text><text x=\"2\">\nA&apos;b&#233;&#x2013;</text></svg>";
    let (regular, bold) = text_chars(svg);
    assert_eq!(bold, "R&D".chars().collect());
    assert_eq!(regular, "\nA'bé–".chars().collect());
}

#[test]
fn embed_adds_one_style_with_data_urls_after_the_svg_tag() {
    let svg = "<svg width=\"10\" xmlns=\"http://www.w3.org/2000/svg\">\n<text font-weight=\"bold\">Hi</text><text>ok</text></svg>";
    let out = embed(svg).expect("embeds");
    let style_at = out.find("<defs><style>").expect("a style element");
    assert!(style_at > out.find("<svg").expect("svg"));
    assert_eq!(out.matches("@font-face").count(), 2, "regular and bold");
    assert_eq!(out.matches("url(data:font/ttf;base64,").count(), 2);
    assert!(out.ends_with("<text>ok</text></svg>"));
    // Text-free SVG stays as it is.
    assert_eq!(embed("<svg></svg>").expect("no text"), "<svg></svg>");
}

#[test]
fn the_embedded_family_is_the_one_chart_text_asks_for_first() {
    let first = crate::chart::draw::FAMILY.split(',').next().map(str::trim);
    assert_eq!(first, Some(EMBEDDED_FAMILY));
}
