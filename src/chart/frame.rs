//! The page frame every chart shares: white page, title, subtitle, key row and footer, the
//! text sizes of each role, word wrapping, and the room left for the plot.

use super::canvas::Canvas;
use super::draw::{chart_err, measure, Align, TEXT, TEXT_SOFT};
use super::labels::Rect;
use crate::error::Result;
use plotters::prelude::*;

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
    let words: Vec<&str> = text.split_whitespace().collect();
    let mut lines = Vec::new();
    let mut start = 0;
    while start < words.len() {
        // The most words from `start` that fit (the first one always): a line only widens as
        // words are added, so a binary search stops where filling word by word would, with a
        // few measurements instead of one per word.
        let fits = |end: usize| measure(&words[start..end].join(" "), size, false).0 <= max_w;
        let (mut lo, mut hi) = (start + 1, words.len());
        while lo < hi {
            let mid = (lo + hi).div_ceil(2);
            if fits(mid) {
                lo = mid;
            } else {
                hi = mid - 1;
            }
        }
        lines.push(words[start..lo].join(" "));
        start = lo;
    }
    if lines.is_empty() {
        lines.push(String::new());
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
