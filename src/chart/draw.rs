//! Drawing helpers shared by all chart kinds: fonts, a pixel canvas over a plotters
//! drawing area, the page frame (title, subtitle, key row, footer), axis scales,
//! tick positions and number formatting.

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

/// A linear or base-10 logarithmic map from data values to pixels.
#[derive(Clone, Copy, Debug)]
pub struct Scale {
    pub d0: f64,
    pub d1: f64,
    pub p0: f64,
    pub p1: f64,
    pub log: bool,
}

impl Scale {
    fn t(&self, v: f64) -> f64 {
        if self.log {
            v.log10()
        } else {
            v
        }
    }

    /// The pixel of `v`: finite for any finite input (halves are subtracted so that spans near
    /// the largest f64 do not overflow), at most a million pixels off the page.
    pub fn px(&self, v: f64) -> f64 {
        let (a, b) = (self.t(self.d0), self.t(self.d1));
        let den = b / 2.0 - a / 2.0;
        if den == 0.0 || !den.is_finite() {
            return (self.p0 + self.p1) / 2.0;
        }
        let f = (self.t(v) / 2.0 - a / 2.0) / den;
        if f.is_nan() {
            return (self.p0 + self.p1) / 2.0;
        }
        let p = self.p0 + f.clamp(-1e4, 1e4) * (self.p1 - self.p0);
        p.clamp(-1e6, 1e6)
    }

    /// Tick values with their labels.
    pub fn tick_labels(&self, target: usize) -> Vec<(f64, String)> {
        if self.log {
            log_ticks(self.d0, self.d1)
                .into_iter()
                .map(|v| (v, fmt_magnitude(v)))
                .collect()
        } else {
            let (ticks, step) = linear_ticks(self.d0, self.d1, target);
            ticks.into_iter().map(|v| (v, fmt_tick(v, step))).collect()
        }
    }
}

/// Exponents a log axis may span: every power of ten in it is a positive, finite f64.
const LOG_MIN: f64 = -323.0;
const LOG_MAX: f64 = 308.0;

/// The domain of `values` with `pad` (a fraction of the span) added on both sides;
/// for log scales the padding is applied to the logarithms. Always finite, whatever finite
/// values come in (±1.8e308 included): the padding stops at the largest f64.
pub fn padded_domain(min: f64, max: f64, log: bool, pad: f64) -> (f64, f64) {
    let clamp = |v: f64| v.clamp(-f64::MAX, f64::MAX);
    if log {
        let (a, b) = (min.log10(), max.log10());
        let (a, b) = if b - a < 1e-9 {
            (a - 0.3, b + 0.3)
        } else {
            (a - (b - a) * pad, b + (b - a) * pad)
        };
        let (a, b) = (a.clamp(LOG_MIN, LOG_MAX), b.clamp(LOG_MIN, LOG_MAX));
        let (a, b) = if b - a < 0.1 {
            if b + 0.6 <= LOG_MAX {
                (a, b + 0.6)
            } else {
                (a - 0.6, b)
            }
        } else {
            (a, b)
        };
        (10f64.powf(a), 10f64.powf(b).min(f64::MAX))
    } else {
        // Half the span: finite even from -f64::MAX to f64::MAX.
        let half = max / 2.0 - min / 2.0;
        if half < 0.5e-12 * max.abs().max(1.0) {
            let d = (min.abs() * 0.1).max(1.0);
            (clamp(min - d), clamp(max + d))
        } else {
            let d = half * 2.0 * pad;
            (clamp(min - d), clamp(max + d))
        }
    }
}

/// A 1-2-5 step giving about `target` intervals over `span` (which may be infinite when it
/// came from a difference of huge values; the step then comes from the halves).
pub fn nice_step(span: f64, target: usize) -> f64 {
    nice_step_half(span / 2.0, target)
}

fn nice_step_half(half: f64, target: usize) -> f64 {
    let raw = half / target.max(1) as f64 * 2.0;
    if raw <= 0.0 || !raw.is_finite() {
        return 1.0;
    }
    let mag = 10f64.powf(raw.log10().floor());
    let f = raw / mag;
    let nice = if f <= 1.0 {
        1.0
    } else if f <= 2.0 {
        2.0
    } else if f <= 5.0 {
        5.0
    } else {
        10.0
    };
    (nice * mag).min(f64::MAX)
}

/// The most ticks any axis gets; more would only come from a degenerate range.
const MAX_TICKS: i64 = 60;

/// Multiples of a nice step inside [d0, d1]; returns the ticks and the step.
pub fn linear_ticks(d0: f64, d1: f64, target: usize) -> (Vec<f64>, f64) {
    if !(d0.is_finite() && d1.is_finite()) || d1 < d0 {
        return (Vec::new(), 1.0);
    }
    let step = nice_step_half(d1 / 2.0 - d0 / 2.0, target);
    let first = (d0 / step - 1e-9).ceil();
    let last = (d1 / step + 1e-9).floor();
    if !(first.is_finite() && last.is_finite()) || last - first > MAX_TICKS as f64 {
        return (Vec::new(), step);
    }
    let ticks = (first as i64..=last as i64)
        .map(|i| i as f64 * step)
        .filter(|v| v.is_finite())
        .map(|v| if v == 0.0 { 0.0 } else { v })
        .collect();
    (ticks, step)
}

/// Ticks for a log axis: powers of ten, adding 2 and 5 (or 1..9) for short ranges.
pub fn log_ticks(d0: f64, d1: f64) -> Vec<f64> {
    let (a, b) = (d0.log10(), d1.log10());
    if !(a.is_finite() && b.is_finite()) || b < a {
        return Vec::new();
    }
    let (a, b) = (
        a.clamp(LOG_MIN - 1.0, LOG_MAX + 1.0),
        b.clamp(LOG_MIN - 1.0, LOG_MAX + 1.0),
    );
    let span = b - a;
    let mults: &[f64] = if span < 0.8 {
        &[1.0, 1.5, 2.0, 3.0, 4.0, 5.0, 6.0, 7.0, 8.0, 9.0]
    } else if span < 3.0 {
        &[1.0, 2.0, 5.0]
    } else {
        &[1.0]
    };
    // About eight decades labelled at most, however many the axis spans.
    let every = if span > 8.0 {
        (span / 8.0).ceil() as i32
    } else {
        1
    };
    let mut out = Vec::new();
    let lo = a.floor() as i32;
    let hi = b.ceil() as i32;
    for e in lo..=hi {
        if (e - lo) % every != 0 {
            continue;
        }
        for m in mults {
            let v = m * 10f64.powi(e);
            if v >= d0 * (1.0 - 1e-9) && v <= d1 * (1.0 + 1e-9) {
                out.push(v);
            }
        }
    }
    out
}

/// Inserts thousands separators into the integer part of a formatted number.
pub fn group_thousands(s: &str) -> String {
    let (sign, rest) = match s.strip_prefix('-') {
        Some(r) => ("-", r),
        None => ("", s),
    };
    let (int, frac) = match rest.find('.') {
        Some(i) => (&rest[..i], &rest[i..]),
        None => (rest, ""),
    };
    let mut grouped = String::new();
    for (i, ch) in int.chars().enumerate() {
        if i > 0 && (int.len() - i) % 3 == 0 {
            grouped.push(',');
        }
        grouped.push(ch);
    }
    format!("{sign}{grouped}{frac}")
}

fn fixed(v: f64, decimals: usize) -> String {
    let s = format!("{:.*}", decimals, v);
    // Avoid "-0" and "-0.0".
    if s.trim_start_matches('-')
        .chars()
        .all(|c| c == '0' || c == '.')
    {
        s.trim_start_matches('-').to_string()
    } else {
        s
    }
}

/// Formats a tick value given the tick step (enough decimals to tell ticks apart).
pub fn fmt_tick(v: f64, step: f64) -> String {
    if step >= 1e14 || v.abs() >= 1e15 {
        return sci(v, step);
    }
    for (unit, suffix) in [(1e12, "T"), (1e9, "B"), (1e6, "M")] {
        if step >= unit / 10.0 {
            let dec = decimals_for(step / unit);
            return format!("{}{suffix}", group_thousands(&fixed(v / unit, dec)));
        }
    }
    group_thousands(&fixed(v, decimals_for(step)))
}

fn decimals_for(step: f64) -> usize {
    if step >= 1.0 {
        0
    } else {
        ((-step.log10()) - 1e-9).ceil().clamp(0.0, 8.0) as usize
    }
}

/// Formats a single magnitude such as a log-axis tick (1, 20, 0.05, 3M).
pub fn fmt_magnitude(v: f64) -> String {
    let a = v.abs();
    if a >= 1e15 || (a > 0.0 && a < 1e-9) {
        return sci(v, a);
    }
    for (unit, suffix) in [(1e12, "T"), (1e9, "B"), (1e6, "M")] {
        if a >= unit {
            return format!("{}{suffix}", trim_zeros(&fixed(v / unit, 2)));
        }
    }
    if a >= 1.0 || a == 0.0 {
        group_thousands(&trim_zeros(&fixed(v, 2)))
    } else {
        let dec = ((-a.log10()).ceil() as usize + 1).min(10);
        trim_zeros(&fixed(v, dec))
    }
}

/// Scientific notation with enough digits to show `precision` (`1.8e308`, `-2.5e20`).
fn sci(v: f64, precision: f64) -> String {
    if v == 0.0 {
        return "0".into();
    }
    let digits = (v.abs().log10().floor() - precision.abs().log10().floor()).clamp(0.0, 6.0);
    let s = format!("{:.*e}", digits as usize, v);
    match s.split_once('e') {
        Some((m, e)) => format!("{}e{e}", trim_zeros(m)),
        None => s,
    }
}

fn trim_zeros(s: &str) -> String {
    if s.contains('.') {
        s.trim_end_matches('0').trim_end_matches('.').to_string()
    } else {
        s.to_string()
    }
}

/// Formats a data value for a label: fixed decimals if given, else about three
/// significant digits (at least the integer part), with thousands separators.
pub fn fmt_value(v: f64, decimals: Option<usize>) -> String {
    if v.abs() >= 1e15 {
        return sci(v, v.abs() / 100.0);
    }
    let dec = decimals.unwrap_or_else(|| {
        let a = v.abs();
        if a >= 100.0 || a == 0.0 {
            0
        } else if a >= 10.0 {
            1
        } else if a >= 1.0 {
            2
        } else {
            ((-a.log10()).floor() as usize + 3).min(10)
        }
    });
    group_thousands(&fixed(v, dec))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ticks_and_formats() {
        assert_eq!(
            linear_ticks(0.0, 10.0, 5).0,
            vec![0.0, 2.0, 4.0, 6.0, 8.0, 10.0]
        );
        assert_eq!(fmt_tick(2500.0, 500.0), "2,500");
        assert_eq!(fmt_tick(0.25, 0.05), "0.25");
        assert_eq!(fmt_tick(-0.0, 0.5), "0.0");
        assert_eq!(fmt_tick(3_000_000.0, 1_000_000.0), "3M");
        assert_eq!(fmt_magnitude(0.05), "0.05");
        assert_eq!(fmt_magnitude(1000.0), "1,000");
        assert_eq!(fmt_magnitude(2e9), "2B");
        assert_eq!(log_ticks(0.9, 1100.0), vec![1.0, 10.0, 100.0, 1000.0]);
        assert_eq!(log_ticks(1.5, 60.0), vec![2.0, 5.0, 10.0, 20.0, 50.0]);
        assert_eq!(fmt_value(1234.6, None), "1,235");
        assert_eq!(fmt_value(4.567, None), "4.57");
        assert_eq!(fmt_value(0.012345, None), "0.0123");
        assert_eq!(fmt_value(2.0, Some(1)), "2.0");
        assert_eq!(group_thousands("-1234567.5"), "-1,234,567.5");
        assert_eq!(fmt_value(1.7e308, None), "1.7e308");
        assert_eq!(fmt_tick(-1.5e308, 5e307), "-1.5e308");
        assert_eq!(fmt_magnitude(1e300), "1e300");
    }

    #[test]
    fn extreme_ranges_give_finite_domains_and_few_ticks() {
        for (lo, hi) in [
            (-f64::MAX, f64::MAX),
            (f64::MAX, f64::MAX),
            (-f64::MAX, -f64::MAX),
            (0.0, f64::MAX),
            (1.0, 1.0 + 1e-15),
        ] {
            let (d0, d1) = padded_domain(lo, hi, false, 0.05);
            assert!(
                d0.is_finite() && d1.is_finite() && d0 < d1,
                "{lo} {hi}: {d0} {d1}"
            );
            let (ticks, step) = linear_ticks(d0, d1, 6);
            assert!(step.is_finite() && step > 0.0);
            assert!(
                !ticks.is_empty() && ticks.len() <= 60,
                "{lo} {hi}: {}",
                ticks.len()
            );
            let s = Scale {
                d0,
                d1,
                p0: 0.0,
                p1: 1000.0,
                log: false,
            };
            for v in [lo, hi] {
                let p = s.px(v);
                assert!((-1.0..=1001.0).contains(&p), "{v} -> {p}");
            }
        }
        for (lo, hi) in [
            (1e300, 1e300),
            (1e-300, 1e308),
            (f64::MIN_POSITIVE, f64::MAX),
            (5e-324, 5e-324),
        ] {
            let (d0, d1) = padded_domain(lo, hi, true, 0.05);
            assert!(
                d0 > 0.0 && d1.is_finite() && d0 < d1,
                "{lo} {hi}: {d0} {d1}"
            );
            let ticks = log_ticks(d0, d1);
            assert!(ticks.len() <= 60, "{lo} {hi}: {} ticks", ticks.len());
            let s = Scale {
                d0,
                d1,
                p0: 0.0,
                p1: 1000.0,
                log: true,
            };
            assert!(s.px(lo).is_finite() && s.px(hi).is_finite());
        }
        assert_eq!(linear_ticks(0.0, f64::INFINITY, 6).0, Vec::<f64>::new());
        assert!(log_ticks(1.0, f64::INFINITY).is_empty());
    }
}
