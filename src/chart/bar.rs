//! Horizontal ranked bar charts with value labels and optional highlighted bars.

use plotters::prelude::*;

use super::draw::{
    draw_frame, fmt_tick, fmt_value, linear_ticks, measure, sizes, Align, Canvas, Scale, AXIS,
    GRID, PALETTE, TEXT, TEXT_SOFT,
};
use super::labels::Rect;
use super::{check_values, BarSpec, ChartSpec, RenderReport};
use crate::error::{Error, Result};

/// Bars that are not highlighted when some are.
const OTHER_BAR: RGBColor = RGBColor(0xA9, 0xBC, 0xCF);

pub(super) fn draw<DB: DrawingBackend>(
    c: &Canvas<DB>,
    spec: &ChartSpec,
    b: &BarSpec,
) -> Result<RenderReport> {
    if b.items.is_empty() {
        return Err(Error::Chart("bar chart has no bars".into()));
    }
    if b.value_axis.log {
        return Err(Error::Chart("bar charts do not support a log axis".into()));
    }
    check_values(
        "bar",
        false,
        b.items.iter().map(|i| (i.code.as_str(), i.value)),
    )?;
    let k = c.k;
    let s = sizes(k);
    let frame = draw_frame(
        c,
        &spec.title,
        spec.subtitle.as_deref(),
        &[],
        &spec.footer_lines,
    )?;

    let n = b.items.len();
    let top = frame.top;
    let bottom = frame.bottom - (s.tick * 1.3 + 10.0 * k + s.axis_title * 1.6);
    let band = (bottom - top) / n as f64;
    let font = (band * 0.62).clamp(9.0, s.tick);
    let any_highlight = b.items.iter().any(|i| i.highlight);

    let label_w = b
        .items
        .iter()
        .map(|i| measure(&i.label, font, i.highlight).0)
        .fold(0.0, f64::max);
    let values: Vec<String> = b
        .items
        .iter()
        .map(|i| fmt_value(i.value, b.decimals))
        .collect();
    let value_w = |neg: bool| {
        b.items
            .iter()
            .zip(&values)
            .filter(|(i, _)| (i.value < 0.0) == neg)
            .map(|(i, v)| measure(v, font, i.highlight).0 + 10.0 * k)
            .fold(0.0, f64::max)
    };
    let left = frame.left + label_w.min(0.4 * c.w) + 14.0 * k;
    let min_v = b.items.iter().map(|i| i.value).fold(0.0, f64::min);
    let mut max_v = b.items.iter().map(|i| i.value).fold(0.0, f64::max);
    if max_v == min_v {
        max_v = 1.0;
    }
    let xs = Scale {
        d0: min_v,
        d1: max_v,
        p0: left + value_w(true),
        p1: frame.right - value_w(false),
        log: false,
    };
    let (ticks, step) = linear_ticks(min_v, max_v, 6);
    for v in &ticks {
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
    if !b.value_axis.title.is_empty() {
        let y = bottom + 8.0 * k + s.tick * 1.3 + 10.0 * k + s.axis_title * 0.6;
        c.text(
            &b.value_axis.title,
            (xs.p0 + xs.p1) / 2.0,
            y,
            s.axis_title,
            false,
            &TEXT,
            Align::Center,
        )?;
    }

    let zero = xs.px(0.0);
    for (i, (item, value)) in b.items.iter().zip(&values).enumerate() {
        let yc = top + band * (i as f64 + 0.5);
        let colour = if !any_highlight {
            PALETTE[0]
        } else if item.highlight {
            PALETTE[1]
        } else {
            OTHER_BAR
        };
        let x = xs.px(item.value);
        let half = (band * 0.36).max(0.5);
        if x != zero {
            c.rect(Rect::new(zero, yc - half, x, yc + half), &colour, true)?;
        }
        let text_colour = if item.highlight { TEXT } else { TEXT_SOFT };
        c.text(
            &item.label,
            left - 12.0 * k,
            yc,
            font,
            item.highlight,
            &text_colour,
            Align::Right,
        )?;
        if item.value < 0.0 {
            c.text(
                value,
                x - 6.0 * k,
                yc,
                font,
                item.highlight,
                &text_colour,
                Align::Right,
            )?;
        } else {
            c.text(
                value,
                x + 6.0 * k,
                yc,
                font,
                item.highlight,
                &text_colour,
                Align::Left,
            )?;
        }
    }
    c.line(&[(zero, top), (zero, bottom)], &AXIS, 1.0)?;
    Ok(RenderReport::default())
}
