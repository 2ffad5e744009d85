//! Time-series line charts (labels at the line ends) and slope charts (two years,
//! values or ranks, labels on both sides).

use plotters::prelude::*;

use super::draw::{
    draw_frame, fmt_value, frame_layout, measure, nice_step, padded_domain, sizes, Align, Canvas,
    Frame, KeyItem, Scale, AXIS, MUTED, PALETTE, TEXT, TEXT_SOFT,
};
use super::labels::spread_1d;
use super::scatter::{draw_xy_axes, xy_plot_rect, TICKS};
use super::{
    check_values, omitted_note, ChartSpec, LineSpec, RenderReport, SlopeMeasure, SlopeSpec,
};
use crate::error::{Error, Result};

/// Distinct colours for up to seven series; beyond that only highlighted series get
/// colours and the rest are grey.
fn series_colours(highlight: &[bool]) -> Vec<RGBColor> {
    if highlight.len() <= PALETTE.len() {
        return (0..highlight.len()).map(|i| PALETTE[i]).collect();
    }
    let mut next = 0;
    highlight
        .iter()
        .map(|&h| {
            if h {
                next += 1;
                PALETTE[(next - 1) % PALETTE.len()]
            } else {
                MUTED
            }
        })
        .collect()
}

/// The key row entries saying what highlighting means: none when nothing is highlighted; the
/// highlighted colours and the grey of the others when the others are grey; otherwise (every
/// series coloured) that highlighted ones have bold labels.
fn highlight_key(highlight: &[bool], colours: &[RGBColor], name: Option<&str>) -> Vec<KeyItem> {
    if !highlight.iter().any(|&h| h) {
        return Vec::new();
    }
    let name = name.unwrap_or("Highlighted").to_string();
    if colours.contains(&MUTED) {
        let mut shown: Vec<RGBColor> = Vec::new();
        for (&h, &c) in highlight.iter().zip(colours) {
            if h && !shown.contains(&c) {
                shown.push(c);
            }
        }
        vec![
            KeyItem::Dots(shown, name),
            KeyItem::Dot(MUTED, "Others".into()),
        ]
    } else if highlight.iter().all(|&h| h) {
        Vec::new()
    } else {
        vec![KeyItem::Text(format!("Bold labels: {name}"))]
    }
}

/// Lays out a frame, then reserves a footer line for the "labels omitted" note when
/// `dropped` (which depends on the frame) is non-zero. Returns the frame and footer.
fn frame_with_note(
    c_w: f64,
    c_h: f64,
    k: f64,
    spec: &ChartSpec,
    key: bool,
    dropped: &dyn Fn(&Frame) -> usize,
) -> (Frame, Vec<String>, usize) {
    let mut footer = spec.footer_lines.clone();
    let (frame, _) = frame_layout(c_w, c_h, k, spec.subtitle.is_some(), key, &footer);
    let n = dropped(&frame);
    if n == 0 {
        return (frame, footer, 0);
    }
    footer.push(String::new());
    let (frame, _) = frame_layout(c_w, c_h, k, spec.subtitle.is_some(), key, &footer);
    let n = dropped(&frame);
    if n > 0 {
        if let Some(last) = footer.last_mut() {
            *last = omitted_note(n);
        }
    }
    (frame, footer, n)
}

pub(super) fn draw_line<DB: DrawingBackend>(
    c: &Canvas<DB>,
    spec: &ChartSpec,
    l: &LineSpec,
) -> Result<RenderReport> {
    let series: Vec<_> = l
        .series
        .iter()
        .filter(|s| !s.points.is_empty())
        .map(|s| {
            let mut pts = s.points.clone();
            pts.sort_by_key(|p| p.0);
            (s, pts)
        })
        .collect();
    if series.is_empty() {
        return Err(Error::Chart("line chart has no data points".into()));
    }
    for (s, pts) in &series {
        check_values(
            "y",
            l.y_axis.log,
            pts.iter().map(|p| (s.code.as_str(), p.1)),
        )?;
    }
    let k = c.k;
    let sz = sizes(k);
    let colours = series_colours(&series.iter().map(|(s, _)| s.highlight).collect::<Vec<_>>());

    let all = series.iter().flat_map(|(_, p)| p.iter());
    let (mut y_min, mut y_max, mut t_min, mut t_max) =
        (f64::INFINITY, f64::NEG_INFINITY, i32::MAX, i32::MIN);
    for &(t, v) in all {
        y_min = y_min.min(v);
        y_max = y_max.max(v);
        t_min = t_min.min(t);
        t_max = t_max.max(t);
    }
    let yd = padded_domain(y_min, y_max, l.y_axis.log, 0.06);
    let span = (t_max as f64 - t_min as f64).max(1.0);
    let xd = (t_min as f64 - span * 0.02, t_max as f64 + span * 0.02);

    // End labels: "Name value", in the right gutter.
    let texts: Vec<String> = series
        .iter()
        .map(|(s, p)| {
            let (t, last) = p.last().copied().unwrap_or((t_max, 0.0));
            // A series that ends before the others says which year its last value is from.
            if t < t_max {
                format!("{} {} ({t})", s.label, fmt_value(last, l.decimals))
            } else {
                format!("{} {}", s.label, fmt_value(last, l.decimals))
            }
        })
        .collect();
    let gutter = texts
        .iter()
        .zip(&series)
        .map(|(t, (s, _))| measure(t, sz.label, s.highlight).0)
        .fold(0.0, f64::max)
        .min(0.35 * c.w)
        + 24.0 * k;

    let y_ticks_of = |frame: &Frame| {
        let plot0 = Scale {
            d0: yd.0,
            d1: yd.1,
            p0: 0.0,
            p1: 1.0,
            log: l.y_axis.log,
        };
        let ticks = plot0.tick_labels(TICKS);
        let plot = xy_plot_rect(k, frame, &ticks, !l.y_axis.title.is_empty(), gutter);
        let ys = Scale {
            p0: plot.y1,
            p1: plot.y0,
            ..plot0
        };
        (plot, ys, ticks)
    };
    let gap = sz.label * 1.15;
    let desired_of = |ys: &Scale| -> Vec<(usize, f64, f64)> {
        series
            .iter()
            .enumerate()
            .map(|(i, (s, p))| {
                let last = p.last().map(|q| q.1).unwrap_or(0.0);
                let pri = if s.highlight { 1e6 } else { 0.0 } - i as f64;
                (i, ys.px(last), pri)
            })
            .collect()
    };
    let dropped = |frame: &Frame| {
        let (plot, ys, _) = y_ticks_of(frame);
        spread_1d(
            &desired_of(&ys),
            gap,
            plot.y0 + gap / 2.0,
            plot.y1 - gap / 2.0,
        )
        .1
    };
    let highlights: Vec<bool> = series.iter().map(|(s, _)| s.highlight).collect();
    let key = highlight_key(&highlights, &colours, l.highlight_name.as_deref());
    let (_, footer, _) = frame_with_note(c.w, c.h, k, spec, !key.is_empty(), &dropped);
    let frame = draw_frame(c, &spec.title, spec.subtitle.as_deref(), &key, &footer)?;
    let (plot, ys, y_ticks) = y_ticks_of(&frame);
    let xs = Scale {
        d0: xd.0,
        d1: xd.1,
        p0: plot.x0,
        p1: plot.x1,
        log: false,
    };
    // Year ticks by stepping, never by walking every year of a range.
    let step = nice_step(span, 8).clamp(1.0, 1e9).round() as i64;
    let mut x_ticks: Vec<(f64, String)> = Vec::new();
    let mut y = (t_min as i64).div_euclid(step) * step;
    if y < t_min as i64 {
        y += step;
    }
    while y <= t_max as i64 && x_ticks.len() < 60 {
        x_ticks.push((y as f64, y.to_string()));
        y += step;
    }
    draw_xy_axes(
        c,
        &frame,
        plot,
        &x_ticks,
        &xs,
        &y_ticks,
        &ys,
        "",
        &l.y_axis.title,
    )?;

    // Grey series first so coloured ones stay on top.
    let order: Vec<usize> = (0..series.len())
        .filter(|&i| colours[i] == MUTED)
        .chain((0..series.len()).filter(|&i| colours[i] != MUTED))
        .collect();
    for &i in &order {
        let (s, pts) = &series[i];
        let muted = colours[i] == MUTED && !s.highlight;
        let width = if muted { 2.0 * k } else { 3.5 * k };
        let path: Vec<(f64, f64)> = pts
            .iter()
            .map(|&(t, v)| (xs.px(t as f64), ys.px(v)))
            .collect();
        // Consecutive years are joined by the full line; a span over missing years gets a
        // hairline, so a gap is visible and never looks like observed data.
        for (seg, years) in path.windows(2).zip(pts.windows(2)) {
            let w = if years[1].0 - years[0].0 == 1 {
                width
            } else {
                1.0 * k
            };
            c.line(seg, &colours[i], w)?;
        }
        if pts.len() <= 40 {
            for &(x, y) in &path {
                c.dot(
                    x,
                    y,
                    if muted { 2.5 * k } else { 4.0 * k },
                    &colours[i],
                    &colours[i],
                )?;
            }
        }
    }
    let (placed, dropped_n) = spread_1d(
        &desired_of(&ys),
        gap,
        plot.y0 + gap / 2.0,
        plot.y1 - gap / 2.0,
    );
    let lx = plot.x1 + 14.0 * k;
    for (i, y) in placed {
        let (s, pts) = &series[i];
        if let Some(&(t, v)) = pts.last() {
            let (px, py) = (xs.px(t as f64), ys.px(v));
            if (py - y).abs() > 1.0 || t < t_max {
                c.line(&[(px + 5.0 * k, py), (lx - 4.0 * k, y)], &colours[i], 1.0)?;
            }
        }
        let colour = if s.highlight || colours[i] != MUTED {
            TEXT
        } else {
            TEXT_SOFT
        };
        c.text(
            &texts[i],
            lx,
            y,
            sz.label,
            s.highlight,
            &colour,
            Align::Left,
        )?;
    }
    Ok(RenderReport {
        labels_omitted: dropped_n,
    })
}

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
