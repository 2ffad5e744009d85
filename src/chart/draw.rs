//! Drawing helpers shared by all chart kinds: fonts, a pixel canvas over a plotters
//! drawing area, the page frame (title, subtitle, key row, footer); scales, ticks and
//! number formats are in [`super::scale`] (re-exported here).

use std::sync::OnceLock;

use plotters::coord::Shift;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};

use super::labels::Rect;
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
    let style = if bold {
        FontStyle::Bold
    } else {
        FontStyle::Normal
    };
    let font = FontDesc::new(FontFamily::Name(FAMILY), size, style);
    let w = match font.box_size(text) {
        Ok((w, _)) => w as f64,
        // Fallback estimate; only reached when the font failed to register.
        Err(_) => 0.6 * size * text.chars().count() as f64,
    };
    (w, size)
}

/// Pixel canvas: thin wrappers over plotters elements in f64 pixel coordinates.
pub struct Canvas<'a, DB: DrawingBackend> {
    pub area: &'a DrawingArea<DB, Shift>,
    /// Width and height in pixels.
    pub w: f64,
    pub h: f64,
    /// Scale factor relative to the 1600 x 900 reference layout.
    pub k: f64,
    /// Downward shift, as a fraction of the font size, that centres capital letters on
    /// the requested y (plotters places centred text slightly high, differently per backend).
    pub v_adjust: f64,
}

fn px(v: f64) -> i32 {
    v.round() as i32
}

impl<'a, DB: DrawingBackend> Canvas<'a, DB> {
    /// A canvas over `area`; `svg` selects the vertical text correction for SVG output.
    pub fn new(area: &'a DrawingArea<DB, Shift>, svg: bool) -> Self {
        let (w, h) = area.dim_in_pixel();
        let (w, h) = (w as f64, h as f64);
        let k = (w / 1600.0).min(h / 900.0).max(0.25);
        // Bitmap (ab_glyph): cap centre sits 0.216 size above y; SVG (dy = 0.5ex): 0.074.
        let v_adjust = if svg { 0.074 } else { 0.216 };
        Canvas {
            area,
            w,
            h,
            k,
            v_adjust,
        }
    }

    /// Draws one line of text; `y` is the vertical centre of the text line.
    #[allow(clippy::too_many_arguments)]
    pub fn text(
        &self,
        s: &str,
        x: f64,
        y: f64,
        size: f64,
        bold: bool,
        color: &RGBColor,
        align: Align,
    ) -> Result<()> {
        if s.is_empty() {
            return Ok(());
        }
        // Text from files may hold control characters: never raw in an SVG (ill-formed XML)
        // or a bitmap.
        let s = &*crate::output::text::visible(s);
        let h = match align {
            Align::Left => HPos::Left,
            Align::Center => HPos::Center,
            Align::Right => HPos::Right,
        };
        let style = if bold {
            FontStyle::Bold
        } else {
            FontStyle::Normal
        };
        let font = FontDesc::new(FontFamily::Name(FAMILY), size, style);
        let ts = TextStyle::from(font)
            .color(color)
            .pos(Pos::new(h, VPos::Center));
        self.area
            .draw(&Text::new(
                s.to_string(),
                (px(x), px(y + self.v_adjust * size)),
                ts,
            ))
            .map_err(chart_err)
    }

    /// Draws text rotated a quarter turn anticlockwise (reading upwards), centred on (x, y).
    pub fn text_up(&self, s: &str, x: f64, y: f64, size: f64, color: &RGBColor) -> Result<()> {
        if s.is_empty() {
            return Ok(());
        }
        let s = &*crate::output::text::visible(s);
        let (w, _) = measure(s, size, false);
        let font = FontDesc::new(FontFamily::Name(FAMILY), size, FontStyle::Normal)
            .transform(FontTransform::Rotate270);
        let ts = TextStyle::from(font)
            .color(color)
            .pos(Pos::new(HPos::Left, VPos::Top));
        // With Rotate270 the text box's top-left maps to the bottom-left of the run.
        self.area
            .draw(&Text::new(
                s.to_string(),
                (px(x - size * 0.45), px(y + w / 2.0)),
                ts,
            ))
            .map_err(chart_err)
    }

    pub fn line(&self, pts: &[(f64, f64)], color: &RGBColor, width: f64) -> Result<()> {
        let pts: Vec<(i32, i32)> = pts.iter().map(|&(x, y)| (px(x), px(y))).collect();
        let style = ShapeStyle::from(color).stroke_width(width.round().max(1.0) as u32);
        self.area
            .draw(&PathElement::new(pts, style))
            .map_err(chart_err)
    }

    pub fn rect(&self, r: Rect, color: &RGBColor, filled: bool) -> Result<()> {
        let style = if filled {
            ShapeStyle::from(color).filled()
        } else {
            ShapeStyle::from(color)
        };
        self.area
            .draw(&Rectangle::new(
                [(px(r.x0), px(r.y0)), (px(r.x1), px(r.y1))],
                style,
            ))
            .map_err(chart_err)
    }

    /// A filled disc with a thin outline.
    pub fn dot(&self, x: f64, y: f64, r: f64, fill: &RGBColor, outline: &RGBColor) -> Result<()> {
        let rr = r.round().max(1.0) as i32;
        self.area
            .draw(&Circle::new(
                (px(x), px(y)),
                rr,
                ShapeStyle::from(fill).filled(),
            ))
            .map_err(chart_err)?;
        self.area
            .draw(&Circle::new(
                (px(x), px(y)),
                rr,
                ShapeStyle::from(outline).stroke_width(1),
            ))
            .map_err(chart_err)
    }
}

/// One entry of the key row under the subtitle.
#[derive(Clone, Debug)]
pub enum KeyItem {
    /// A coloured dot followed by text (legend entry).
    Dot(RGBColor, String),
    /// A coloured square followed by text (a bar colour's entry).
    Square(RGBColor, String),
    /// Several coloured dots followed by text (the colours of highlighted lines).
    Dots(Vec<RGBColor>, String),
    /// Plain text (for example the fit equation).
    Text(String),
}

/// Where the page frame leaves room for the plot.
#[derive(Clone, Copy, Debug)]
pub struct Frame {
    /// Left and right page margins.
    pub left: f64,
    pub right: f64,
    /// First free pixel row below the header.
    pub top: f64,
    /// Last free pixel row above the footer.
    pub bottom: f64,
}

/// Sizes of the shared text roles at scale factor `k`.
pub struct Sizes {
    pub title: f64,
    pub subtitle: f64,
    pub key: f64,
    pub tick: f64,
    pub axis_title: f64,
    pub label: f64,
    pub footer: f64,
}

pub fn sizes(k: f64) -> Sizes {
    Sizes {
        title: 40.0 * k,
        subtitle: 25.0 * k,
        key: 20.0 * k,
        tick: 20.0 * k,
        axis_title: 22.0 * k,
        label: 18.0 * k,
        footer: 16.0 * k,
    }
}

/// Word-wraps `text` to lines no wider than `max_w` pixels.
pub fn wrap(text: &str, size: f64, max_w: f64) -> Vec<String> {
    let mut lines = Vec::new();
    let mut cur = String::new();
    for word in text.split_whitespace() {
        let candidate = if cur.is_empty() {
            word.to_string()
        } else {
            format!("{cur} {word}")
        };
        if !cur.is_empty() && measure(&candidate, size, false).0 > max_w {
            lines.push(std::mem::take(&mut cur));
            cur = word.to_string();
        } else {
            cur = candidate;
        }
    }
    if !cur.is_empty() || lines.is_empty() {
        lines.push(cur);
    }
    lines
}

/// The frame geometry for a page, without drawing.
pub fn frame_layout(
    w: f64,
    h: f64,
    k: f64,
    subtitle: bool,
    key: bool,
    footer: &[String],
) -> (Frame, Vec<String>) {
    let s = sizes(k);
    let margin = 40.0 * k;
    let mut y = 24.0 * k + s.title;
    if subtitle {
        y += s.subtitle * 1.45;
    }
    if key {
        y += s.key * 1.7;
    }
    let top = y + 18.0 * k;
    let wrapped: Vec<String> = footer
        .iter()
        .flat_map(|l| wrap(l, s.footer, w - 2.0 * margin))
        .collect();
    let line_h = s.footer * 1.35;
    let bottom = h - 18.0 * k - line_h * wrapped.len() as f64 - 12.0 * k;
    (
        Frame {
            left: margin,
            right: w - margin,
            top,
            bottom,
        },
        wrapped,
    )
}

/// Draws the white page, title, subtitle, key row and footer; returns the free frame.
pub fn draw_frame<DB: DrawingBackend>(
    c: &Canvas<DB>,
    title: &str,
    subtitle: Option<&str>,
    key: &[KeyItem],
    footer: &[String],
) -> Result<Frame> {
    c.area.fill(&WHITE).map_err(chart_err)?;
    let s = sizes(c.k);
    let k = c.k;
    let (frame, wrapped) = frame_layout(c.w, c.h, k, subtitle.is_some(), !key.is_empty(), footer);
    let mut y = 24.0 * k + s.title / 2.0;
    c.text(title, frame.left, y, s.title, true, &TEXT, Align::Left)?;
    y += s.title / 2.0;
    if let Some(sub) = subtitle {
        y += s.subtitle * 1.45 - s.subtitle / 2.0;
        c.text(
            sub,
            frame.left,
            y,
            s.subtitle,
            false,
            &TEXT_SOFT,
            Align::Left,
        )?;
        y += s.subtitle / 2.0;
    }
    if !key.is_empty() {
        y += s.key * 1.7 - s.key / 2.0;
        let mut x = frame.left;
        for item in key {
            match item {
                KeyItem::Dot(color, text) => {
                    let r = 7.0 * k;
                    c.dot(x + r, y, r, color, color)?;
                    x += 2.0 * r + 8.0 * k;
                    c.text(text, x, y, s.key, false, &TEXT, Align::Left)?;
                    x += measure(text, s.key, false).0 + 26.0 * k;
                }
                KeyItem::Square(color, text) => {
                    let r = 8.0 * k;
                    c.rect(Rect::new(x, y - r, x + 2.0 * r, y + r), color, true)?;
                    x += 2.0 * r + 8.0 * k;
                    c.text(text, x, y, s.key, false, &TEXT, Align::Left)?;
                    x += measure(text, s.key, false).0 + 26.0 * k;
                }
                KeyItem::Dots(colors, text) => {
                    let r = 7.0 * k;
                    for color in colors {
                        c.dot(x + r, y, r, color, color)?;
                        x += 2.0 * r + 3.0 * k;
                    }
                    x += 5.0 * k;
                    c.text(text, x, y, s.key, false, &TEXT, Align::Left)?;
                    x += measure(text, s.key, false).0 + 26.0 * k;
                }
                KeyItem::Text(text) => {
                    c.text(text, x, y, s.key, false, &TEXT_SOFT, Align::Left)?;
                    x += measure(text, s.key, false).0 + 26.0 * k;
                }
            }
        }
    }
    let line_h = s.footer * 1.35;
    let mut fy = frame.bottom + 12.0 * k + line_h / 2.0;
    for line in &wrapped {
        c.text(
            line,
            frame.left,
            fy,
            s.footer,
            false,
            &TEXT_SOFT,
            Align::Left,
        )?;
        fy += line_h;
    }
    Ok(frame)
}

pub use super::scale::{
    fmt_tick, fmt_value, group_thousands, linear_ticks, nice_step, padded_domain, Scale,
};
