//! Slope charts: two years, values or ranks, labels on both sides spread apart.

use plotters::prelude::*;

use super::draw::{
    draw_frame, fmt_value, measure, padded_domain, sizes, Align, Canvas, Frame, KeyItem, Scale,
    AXIS, MUTED, TEXT, TEXT_SOFT,
};
use super::labels::spread_1d;
use super::series::{frame_with_note, highlight_key, series_colours};
use super::{check_values, ChartSpec, RenderReport, SlopeMeasure, SlopeSpec};
use crate::error::{Error, Result};

pub(super) fn draw_slope<DB: DrawingBackend>(
    c: &Canvas<DB>,
    spec: &ChartSpec,
    sl: &SlopeSpec,
) -> Result<RenderReport> {
    if sl.items.is_empty() {
        return Err(Error::Chart("slope chart has no items".into()));
    }
    let (log, axis_title, is_rank) = match &sl.measure {
        SlopeMeasure::Value(a) => (a.log, a.title.clone(), false),
        SlopeMeasure::Rank => (false, "Rank (1 = best)".to_string(), true),
    };
    check_values(
        "start",
        log,
        sl.items.iter().map(|i| (i.code.as_str(), i.start)),
    )?;
    check_values(
        "end",
        log,
        sl.items.iter().map(|i| (i.code.as_str(), i.end)),
    )?;
    if is_rank && sl.items.iter().any(|i| i.start < 1.0 || i.end < 1.0) {
        return Err(Error::Chart("ranks must be 1 or more".into()));
    }
    let k = c.k;
    let sz = sizes(k);
    let colours = series_colours(&sl.items.iter().map(|i| i.highlight).collect::<Vec<_>>());
    let fmt = |v: f64| {
        if is_rank {
            if v.fract() == 0.0 {
                format!("{v:.0}")
            } else {
                format!("{v:.1}")
            }
        } else {
            fmt_value(v, sl.decimals)
        }
    };
    let left_texts: Vec<String> = sl
        .items
        .iter()
        .map(|i| format!("{}  {}", i.label, fmt(i.start)))
        .collect();
    let right_texts: Vec<String> = sl
        .items
        .iter()
        .map(|i| format!("{}  {}", fmt(i.end), i.label))
        .collect();
    let width_of = |texts: &[String]| {
        texts
            .iter()
            .zip(&sl.items)
            .map(|(t, i)| measure(t, sz.label, i.highlight).0)
            .fold(0.0, f64::max)
            .min(0.3 * c.w)
            + 18.0 * k
    };
    let (lw, rw) = (width_of(&left_texts), width_of(&right_texts));

    let (vmin, vmax) = sl
        .items
        .iter()
        .flat_map(|i| [i.start, i.end])
        .fold((f64::INFINITY, f64::NEG_INFINITY), |(a, b), v| {
            (a.min(v), b.max(v))
        });
    let highlights: Vec<bool> = sl.items.iter().map(|i| i.highlight).collect();
    let mut key = vec![KeyItem::Text(axis_title)];
    key.extend(highlight_key(
        &highlights,
        &colours,
        sl.highlight_name.as_deref(),
    ));
    let header = sz.axis_title * 1.8;
    let scale_of = |frame: &Frame| {
        let (top, bottom) = (frame.top + header, frame.bottom - 8.0 * k);
        if is_rank {
            Scale {
                d0: 0.5,
                d1: vmax + 0.5,
                p0: top,
                p1: bottom,
                log: false,
            }
        } else {
            let d = padded_domain(vmin, vmax, log, 0.04);
            Scale {
                d0: d.0,
                d1: d.1,
                p0: bottom,
                p1: top,
                log,
            }
        }
    };
    let gap = sz.label * 1.15;
    let bounds = |ys: &Scale| (ys.p0.min(ys.p1) + gap / 2.0, ys.p0.max(ys.p1) - gap / 2.0);
    let desired = |ys: &Scale, end: bool| -> Vec<(usize, f64, f64)> {
        sl.items
            .iter()
            .enumerate()
            .map(|(i, it)| {
                let v = if end { it.end } else { it.start };
                (i, ys.px(v), if it.highlight { 1e6 } else { 0.0 } - i as f64)
            })
            .collect()
    };
    let dropped = |frame: &Frame| {
        let ys = scale_of(frame);
        let (lo, hi) = bounds(&ys);
        let a = spread_1d(&desired(&ys, false), gap, lo, hi).1;
        let b = spread_1d(&desired(&ys, true), gap, lo, hi).1;
        a.max(b)
    };
    let (_, footer, _) = frame_with_note(c.w, c.h, k, spec, true, &dropped);
    let frame = draw_frame(c, &spec.title, spec.subtitle.as_deref(), &key, &footer)?;
    let ys = scale_of(&frame);
    let xl = frame.left + lw;
    let xr = frame.right - rw;
    let (top, bottom) = (ys.p0.min(ys.p1), ys.p0.max(ys.p1));
    for (x, year) in [(xl, sl.start_year), (xr, sl.end_year)] {
        c.line(&[(x, top), (x, bottom)], &AXIS, 1.0)?;
        c.text(
            &year.to_string(),
            x,
            frame.top + header * 0.4,
            sz.axis_title,
            true,
            &TEXT,
            Align::Center,
        )?;
    }
    let order: Vec<usize> = (0..sl.items.len())
        .filter(|&i| colours[i] == MUTED)
        .chain((0..sl.items.len()).filter(|&i| colours[i] != MUTED))
        .collect();
    for &i in &order {
        let it = &sl.items[i];
        let muted = colours[i] == MUTED;
        let (y0, y1) = (ys.px(it.start), ys.px(it.end));
        c.line(
            &[(xl, y0), (xr, y1)],
            &colours[i],
            if muted { 2.0 * k } else { 3.5 * k },
        )?;
        let r = if muted { 4.0 * k } else { 6.0 * k };
        c.dot(xl, y0, r, &colours[i], &colours[i])?;
        c.dot(xr, y1, r, &colours[i], &colours[i])?;
    }
    let (lo, hi) = bounds(&ys);
    let mut omitted = 0;
    for end in [false, true] {
        let (placed, n) = spread_1d(&desired(&ys, end), gap, lo, hi);
        omitted = omitted.max(n);
        for (i, y) in placed {
            let it = &sl.items[i];
            let anchor_y = ys.px(if end { it.end } else { it.start });
            let colour = if it.highlight || colours[i] != MUTED {
                TEXT
            } else {
                TEXT_SOFT
            };
            let (x, align, text, lead) = if end {
                (
                    xr + 14.0 * k,
                    Align::Left,
                    &right_texts[i],
                    (xr + 7.0 * k, xr + 12.0 * k),
                )
            } else {
                (
                    xl - 14.0 * k,
                    Align::Right,
                    &left_texts[i],
                    (xl - 7.0 * k, xl - 12.0 * k),
                )
            };
            if (anchor_y - y).abs() > 1.0 {
                c.line(&[(lead.0, anchor_y), (lead.1, y)], &colours[i], 1.0)?;
            }
            c.text(text, x, y, sz.label, it.highlight, &colour, align)?;
        }
    }
    Ok(RenderReport {
        labels_omitted: omitted,
    })
}
