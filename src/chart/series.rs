//! Time-series line charts (labels at the line ends), and the colours, highlight key and
//! footer-note layout they share with slope charts.

use plotters::prelude::*;

use super::axes::{draw_xy_axes, xy_plot_rect, TICKS};
use super::draw::{
    draw_frame, fmt_value, frame_layout, measure, nice_step, padded_domain, sizes, Align, Canvas,
    Frame, KeyItem, Scale, MUTED, PALETTE, TEXT, TEXT_SOFT,
};
use super::labels::spread_1d;
use super::{check_values, omitted_note, ChartSpec, LineSpec, RenderReport};
use crate::error::{Error, Result};

/// Distinct colours for up to seven series; beyond that only highlighted series get
/// colours and the rest are grey.
pub(super) fn series_colours(highlight: &[bool]) -> Vec<RGBColor> {
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
pub(super) fn highlight_key(
    highlight: &[bool],
    colours: &[RGBColor],
    name: Option<&str>,
) -> Vec<KeyItem> {
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
pub(super) fn frame_with_note(
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
