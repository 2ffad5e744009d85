//! Drawing basics shared by all chart kinds: fonts, colours, text measurement and alignment.
//! The pixel canvas is in [`super::canvas`], the page frame (title, subtitle, key row, footer)
//! in [`super::frame`], scales, ticks and number formats in [`super::scale`] (all re-exported
//! here).

use std::sync::OnceLock;

use plotters::prelude::*;

use crate::error::{Error, Result};

/// The font family name every chart text uses; registered from the `dejavu` crate.
/// In SVG output it is written as the CSS font-family list, so viewers without
/// DejaVu Sans fall back to their sans-serif font.
pub const FAMILY: &str = "DejaVu Sans, Verdana, sans-serif";

/// Registers DejaVu Sans (regular and bold) with plotters once per process.
pub fn ensure_fonts() -> Result<()> {
    static DONE: OnceLock<std::result::Result<(), String>> = OnceLock::new();
    DONE.get_or_init(|| {
        for name in [FAMILY, "sans-serif"] {
            plotters::style::register_font(name, FontStyle::Normal, dejavu::sans::regular())
                .map_err(|_| "DejaVu Sans regular could not be loaded".to_string())?;
            plotters::style::register_font(name, FontStyle::Bold, dejavu::sans::bold())
                .map_err(|_| "DejaVu Sans bold could not be loaded".to_string())?;
        }
        Ok(())
    })
    .clone()
    .map_err(Error::Chart)
}

/// Turns any drawing error into a chart error.
pub fn chart_err<E: std::fmt::Display>(e: E) -> Error {
    Error::Chart(e.to_string())
}

/// Okabe–Ito colours (colour-blind safe), ordered for contrast on white; yellow left out.
pub const PALETTE: [RGBColor; 7] = [
    RGBColor(0x00, 0x72, 0xB2), // blue
    RGBColor(0xD5, 0x5E, 0x00), // vermillion
    RGBColor(0x00, 0x9E, 0x73), // bluish green
    RGBColor(0xCC, 0x79, 0xA7), // reddish purple
    RGBColor(0xE6, 0x9F, 0x00), // orange
    RGBColor(0x56, 0xB4, 0xE9), // sky blue
    RGBColor(0x00, 0x00, 0x00), // black
];
/// Points and lines that are not highlighted.
pub const MUTED: RGBColor = RGBColor(0xA8, 0xA8, 0xA8);
pub const GRID: RGBColor = RGBColor(0xE4, 0xE4, 0xE4);
pub const AXIS: RGBColor = RGBColor(0x80, 0x80, 0x80);
pub const TEXT: RGBColor = RGBColor(0x1A, 0x1A, 0x1A);
pub const TEXT_SOFT: RGBColor = RGBColor(0x50, 0x50, 0x50);

/// Horizontal text alignment.
#[derive(Clone, Copy, PartialEq, Eq)]
pub enum Align {
    Left,
    Center,
    Right,
}

/// Measures text in pixels: (width, height of the line box).
pub fn measure(text: &str, size: f64, bold: bool) -> (f64, f64) {
    let text = &*crate::output::text::visible(text);
    // The width plotters' font gives (the same on every backend), without its per-call
    // character lookups.
    let w = match super::glyphs::width(text, size, bold) {
        Some(w) => w,
        // Fallback estimate; only reached when the font cannot be read.
        None => 0.6 * size * text.chars().count() as f64,
    };
    (w, size)
}

pub use super::canvas::Canvas;
pub use super::frame::{draw_frame, frame_layout, sizes, wrap, Frame, KeyItem};
pub use super::scale::{
    fmt_tick, fmt_value, group_thousands, linear_ticks, nice_step, padded_domain, Scale,
};
