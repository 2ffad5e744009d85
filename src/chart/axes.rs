//! The x/y axes shared by scatter and line charts: the plot rectangle inside the frame, grid,
//! ticks, tick labels and axis titles.

use plotters::prelude::*;

use super::draw::{measure, sizes, Align, Canvas, Frame, Scale, AXIS, GRID, TEXT, TEXT_SOFT};
use super::labels::Rect;
use crate::error::Result;

/// Target number of tick intervals on each axis.
pub(super) const TICKS: usize = 6;

/// The plot rectangle inside a frame, leaving room for tick labels and axis titles.
pub(super) fn xy_plot_rect(
    k: f64,
    frame: &Frame,
    y_scale_ticks: &[(f64, String)],
    y_title: bool,
    right_gutter: f64,
) -> Rect {
    let s = sizes(k);
    let tick_w = y_scale_ticks
        .iter()
        .map(|(_, t)| measure(t, s.tick, false).0)
        .fold(0.0, f64::max);
    let title_w = if y_title { s.axis_title * 1.6 } else { 0.0 };
    let left = frame.left + title_w + tick_w + 12.0 * k;
    let bottom = frame.bottom - (s.tick * 1.3 + 10.0 * k + s.axis_title * 1.6);
    Rect::new(
        left,
        frame.top,
        frame.right - right_gutter.max(10.0 * k),
        bottom,
    )
}

/// Grid, axis lines, tick labels and axis titles.
#[allow(clippy::too_many_arguments)]
pub(super) fn draw_xy_axes<DB: DrawingBackend>(
    c: &Canvas<DB>,
    frame: &Frame,
    plot: Rect,
    x_ticks: &[(f64, String)],
    xs: &Scale,
    y_ticks: &[(f64, String)],
    ys: &Scale,
    x_title: &str,
    y_title: &str,
) -> Result<()> {
    let s = sizes(c.k);
    let k = c.k;
    for (v, _) in x_ticks {
        let x = xs.px(*v);
        c.line(&[(x, plot.y0), (x, plot.y1)], &GRID, 1.0)?;
    }
    for (v, _) in y_ticks {
        let y = ys.px(*v);
        c.line(&[(plot.x0, y), (plot.x1, y)], &GRID, 1.0)?;
    }
    c.line(
        &[(plot.x0, plot.y0), (plot.x0, plot.y1), (plot.x1, plot.y1)],
        &AXIS,
        1.0,
    )?;
    for (v, label) in x_ticks {
        let x = xs.px(*v);
        c.line(&[(x, plot.y1), (x, plot.y1 + 6.0 * k)], &AXIS, 1.0)?;
        c.text(
            label,
            x,
            plot.y1 + 8.0 * k + s.tick * 0.6,
            s.tick,
            false,
            &TEXT_SOFT,
            Align::Center,
        )?;
    }
    for (v, label) in y_ticks {
        let y = ys.px(*v);
        c.line(&[(plot.x0 - 6.0 * k, y), (plot.x0, y)], &AXIS, 1.0)?;
        c.text(
            label,
            plot.x0 - 9.0 * k,
            y,
            s.tick,
            false,
            &TEXT_SOFT,
            Align::Right,
        )?;
    }
    if !x_title.is_empty() {
        let y = plot.y1 + 8.0 * k + s.tick * 1.3 + 10.0 * k + s.axis_title * 0.6;
        c.text(
            x_title,
            (plot.x0 + plot.x1) / 2.0,
            y,
            s.axis_title,
            false,
            &TEXT,
            Align::Center,
        )?;
    }
    if !y_title.is_empty() {
        c.text_up(
            y_title,
            frame.left + s.axis_title * 0.55,
            (plot.y0 + plot.y1) / 2.0,
            s.axis_title,
            &TEXT,
        )?;
    }
    Ok(())
}
