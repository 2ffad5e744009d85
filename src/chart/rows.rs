//! The layout shared by charts with one row per economy (ranked bars, ranks with intervals):
//! rows in bands under the page frame, the row labels right-aligned in a column at the left,
//! and the value axis (grid, ticks, tick labels, title) along the bottom.

use plotters::prelude::*;

use super::draw::{
    draw_frame, fmt_tick, measure, sizes, Align, Canvas, Frame, KeyItem, Scale, AXIS, GRID, TEXT,
    TEXT_SOFT,
};
use super::ChartSpec;
use crate::error::Result;

/// The rows' vertical geometry: `n` bands between the frame's top and the value axis.
pub(super) struct Rows {
    pub(super) top: f64,
    /// The value axis line.
    pub(super) bottom: f64,
    /// Height of one row.
    pub(super) band: f64,
}

impl Rows {
    /// `n` rows in `frame`, leaving room below for the tick labels and the axis title.
    pub(super) fn new(k: f64, frame: &Frame, n: usize) -> Self {
        let s = sizes(k);
        let bottom = frame.bottom - (s.tick * 1.3 + 10.0 * k + s.axis_title * 1.6);
        Rows {
            top: frame.top,
            bottom,
            band: (bottom - frame.top) / n as f64,
        }
    }

    /// The vertical centre of row `i` (0 at the top).
    pub(super) fn centre(&self, i: usize) -> f64 {
        self.top + self.band * (i as f64 + 0.5)
    }
}

/// Draws `spec`'s page frame with `key`, and lays out `n` rows in the room it leaves.
pub(super) fn draw_rows_frame<DB: DrawingBackend>(
    c: &Canvas<DB>,
    spec: &ChartSpec,
    key: &[KeyItem],
    n: usize,
) -> Result<(Frame, Rows)> {
    let frame = draw_frame(
        c,
        &spec.title,
        spec.subtitle.as_deref(),
        key,
        &spec.footer_lines,
    )?;
    Ok((frame, Rows::new(c.k, &frame, n)))
}

/// Where the plot starts: right of the widest row label (at most 40 % of the width);
/// `labels` gives each label and whether it is bold.
pub(super) fn label_column<'a, DB: DrawingBackend>(
    c: &Canvas<DB>,
    frame: &Frame,
    labels: impl Iterator<Item = (&'a str, bool)>,
    font: f64,
) -> f64 {
    let label_w = labels
        .map(|(label, bold)| measure(label, font, bold).0)
        .fold(0.0, f64::max);
    frame.left + label_w.min(0.4 * c.w) + 14.0 * c.k
}

/// A row's label, right-aligned before the plot that starts at `left`; bold ones darker.
pub(super) fn draw_row_label<DB: DrawingBackend>(
    c: &Canvas<DB>,
    label: &str,
    left: f64,
    y: f64,
    font: f64,
    bold: bool,
) -> Result<()> {
    c.text(
        label,
        left - 12.0 * c.k,
        y,
        font,
        bold,
        &row_text_colour(bold),
        Align::Right,
    )
}

/// The colour of a row's texts: darker for bold (highlighted) rows.
pub(super) fn row_text_colour(bold: bool) -> RGBColor {
    if bold {
        TEXT
    } else {
        TEXT_SOFT
    }
}

/// The value axis along `rows.bottom`: a grid line and tick label per tick (`step` apart), the
/// axis line, and `title` centred under the ticks when it is not empty.
pub(super) fn draw_value_axis<DB: DrawingBackend>(
    c: &Canvas<DB>,
    rows: &Rows,
    xs: &Scale,
    ticks: &[f64],
    step: f64,
    title: &str,
) -> Result<()> {
    let (k, s) = (c.k, sizes(c.k));
    let (top, bottom) = (rows.top, rows.bottom);
    for v in ticks {
        let x = xs.px(*v);
        c.line(&[(x, top), (x, bottom)], &GRID, 1.0)?;
        c.line(&[(x, bottom), (x, bottom + 6.0 * k)], &AXIS, 1.0)?;
        c.text(
            &fmt_tick(*v, step),
            x,
            bottom + 8.0 * k + s.tick * 0.6,
            s.tick,
            false,
            &TEXT_SOFT,
            Align::Center,
        )?;
    }
    c.line(&[(xs.p0, bottom), (xs.p1, bottom)], &AXIS, 1.0)?;
    if !title.is_empty() {
        let y = bottom + 8.0 * k + s.tick * 1.3 + 10.0 * k + s.axis_title * 0.6;
        c.text(
            title,
            (xs.p0 + xs.p1) / 2.0,
            y,
            s.axis_title,
            false,
            &TEXT,
            Align::Center,
        )?;
    }
    Ok(())
}
