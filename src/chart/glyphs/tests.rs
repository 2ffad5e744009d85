//! The cached glyphs draw and measure exactly as plotters' own text does.

use super::{width, BitmapText};
use crate::chart::draw::{ensure_fonts, FAMILY};
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};

const TEXTS: &[&str] = &[
    "Korea, Rep.",
    "Türkiye",
    "Côte d’Ivoire",
    "R&D as % of GDP (2024), OECD MSTI 2026-08",
    "AV Wa To fi ffl 1,234.5 −0.7",
    "中国 Ελλάδα Россия", // glyphs DejaVu lacks (drawn as its missing-glyph box) and has
    " leading and trailing spaces ",
    "x",
];

const SIZES: &[f64] = &[9.5, 13.0, 16.25, 22.0, 31.7];

/// Draws each text both ways on two pictures of the same background and compares the bytes.
fn draw_both(at: (i32, i32), anchor: Pos, bold: bool, rgb: RGBColor) -> (Vec<u8>, Vec<u8>) {
    ensure_fonts().expect("fonts");
    let (w, h) = (420u32, 160u32);
    let mut theirs = vec![0u8; (w * h * 3) as usize];
    let mut ours = theirs.clone();
    for (buf, plotters_text) in [(&mut theirs, true), (&mut ours, false)] {
        let area = BitMapBackend::with_buffer(buf, (w, h)).into_drawing_area();
        area.fill(&WHITE).expect("fill");
        // A coloured band, so that blending over a non-white pixel is compared too.
        area.draw(&Rectangle::new(
            [(0, 60), (420, 100)],
            RGBColor(0x30, 0x90, 0xC0).filled(),
        ))
        .expect("band");
        for (i, text) in TEXTS.iter().enumerate() {
            let size = SIZES[i % SIZES.len()];
            let at = (at.0, at.1 + (i as i32 % 3) * 9);
            if plotters_text {
                let style = if bold {
                    FontStyle::Bold
                } else {
                    FontStyle::Normal
                };
                let font = FontDesc::new(FontFamily::Name(FAMILY), size, style);
                let ts = TextStyle::from(font).color(&rgb).pos(anchor);
                area.draw(&Text::new(text.to_string(), at, ts))
                    .expect("plotters text");
            } else {
                let t = BitmapText {
                    text,
                    at,
                    size,
                    bold,
                    rgb: (rgb.0, rgb.1, rgb.2),
                    anchor,
                };
                area.draw(&t).expect("cached text");
            }
        }
        area.present().expect("present");
    }
    (theirs, ours)
}

#[test]
fn cached_glyphs_draw_the_pixels_plotters_draws() {
    let hs = [HPos::Left, HPos::Center, HPos::Right];
    let vs = [VPos::Top, VPos::Center, VPos::Bottom];
    // Inside, across each edge (clipped) and in the coloured band.
    let places = [(210, 80), (-15, 20), (400, 150), (30, -4), (205, 64)];
    let mut compared = 0;
    for (n, &at) in places.iter().enumerate() {
        for (i, &h) in hs.iter().enumerate() {
            let v = vs[(i + n) % vs.len()];
            let bold = (i + n) % 2 == 1;
            let rgb = [RGBColor(0x1A, 0x1A, 0x1A), RGBColor(0xD5, 0x5E, 0x00)][n % 2];
            let (theirs, ours) = draw_both(at, Pos::new(h, v), bold, rgb);
            let white = theirs.iter().filter(|&&b| b == 0xFF).count();
            assert!(white < theirs.len(), "nothing was drawn at {at:?}");
            let first = theirs.iter().zip(&ours).position(|(a, b)| a != b);
            assert_eq!(
                first, None,
                "pixels differ at byte {first:?} for {at:?}, anchor {i}/{n}, bold={bold}"
            );
            compared += 1;
        }
    }
    assert_eq!(compared, 15);
}

#[test]
fn widths_are_plotters_widths() {
    ensure_fonts().expect("fonts");
    for text in TEXTS.iter().chain(&["", "W", "fi", "Korea, Rep. (#3)"]) {
        for &size in SIZES {
            for bold in [false, true] {
                let style = if bold {
                    FontStyle::Bold
                } else {
                    FontStyle::Normal
                };
                let font = FontDesc::new(FontFamily::Name(FAMILY), size, style);
                let (w, _) = font.box_size(text).expect("plotters measures");
                assert_eq!(
                    width(text, size, bold),
                    Some(f64::from(w)),
                    "{text:?} at {size} bold={bold}"
                );
            }
        }
    }
}
