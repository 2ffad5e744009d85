//! Scatter plots: points by highlight group, optional least-squares line, labels
//! placed without overlap, linear or log axes. Also the shared x/y axis drawing.

use plotters::prelude::*;

use super::draw::{
    draw_frame, frame_layout, measure, padded_domain, sizes, Align, Canvas, Frame, KeyItem, Scale,
    AXIS, GRID, MUTED, PALETTE, TEXT, TEXT_SOFT,
};
use super::labels::{place_labels_among, LabelRequest, Placement, Rect};
use super::{check_values, omitted_note, ChartSpec, FitLine, LabelMode, RenderReport, ScatterSpec};
use crate::error::{Error, Result};

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

/// Three significant digits, trailing zeros kept short.
fn sig3(v: f64) -> String {
    if v == 0.0 {
        return "0".into();
    }
    let mag = v.abs().log10().floor() as i32;
    let dec = (2 - mag).clamp(0, 10) as usize;
    super::draw::group_thousands(&format!("{:.*}", dec, v))
}

fn fit_text(fit: &FitLine, log_x: bool, log_y: bool) -> String {
    let xv = if log_x { "log₁₀ x" } else { "x" };
    let yv = if log_y { "log₁₀ y" } else { "y" };
    let sign = if fit.intercept < 0.0 { "−" } else { "+" };
    format!(
        "Least-squares fit: {yv} = {} {xv} {sign} {}   r² = {:.2}   n = {}",
        sig3(fit.slope),
        sig3(fit.intercept.abs()),
        fit.r2,
        fit.n
    )
}

struct Geometry {
    frame: Frame,
    plot: Rect,
    xs: Scale,
    ys: Scale,
    x_ticks: Vec<(f64, String)>,
    y_ticks: Vec<(f64, String)>,
}

fn geometry<DB: DrawingBackend>(
    c: &Canvas<DB>,
    spec: &ChartSpec,
    s: &ScatterSpec,
    key: bool,
    footer: &[String],
    xd: (f64, f64),
    yd: (f64, f64),
) -> Geometry {
    let (frame, _) = frame_layout(c.w, c.h, c.k, spec.subtitle.is_some(), key, footer);
    let ys0 = Scale {
        d0: yd.0,
        d1: yd.1,
        p0: 0.0,
        p1: 1.0,
        log: s.y_axis.log,
    };
    let y_ticks = ys0.tick_labels(TICKS);
    let plot = xy_plot_rect(c.k, &frame, &y_ticks, !s.y_axis.title.is_empty(), 0.0);
    let xs = Scale {
        d0: xd.0,
        d1: xd.1,
        p0: plot.x0,
        p1: plot.x1,
        log: s.x_axis.log,
    };
    let ys = Scale {
        p0: plot.y1,
        p1: plot.y0,
        ..ys0
    };
    let x_ticks = xs.tick_labels(TICKS);
    Geometry {
        frame,
        plot,
        xs,
        ys,
        x_ticks,
        y_ticks,
    }
}

fn marker_radius(k: f64, highlighted: bool) -> f64 {
    if highlighted {
        8.0 * k
    } else {
        6.0 * k
    }
}

/// Which points get labels, most important first.
fn label_order(s: &ScatterSpec, g: &Geometry) -> Vec<usize> {
    let n = s.points.len();
    match &s.labels {
        LabelMode::None => Vec::new(),
        LabelMode::List(codes) => codes
            .iter()
            .filter_map(|code| s.points.iter().position(|p| &p.code == code))
            .collect(),
        LabelMode::All | LabelMode::Top(_) => {
            let cx = (g.plot.x0 + g.plot.x1) / 2.0;
            let cy = (g.plot.y0 + g.plot.y1) / 2.0;
            let pw = (g.plot.x1 - g.plot.x0).max(1.0);
            let ph = (g.plot.y1 - g.plot.y0).max(1.0);
            let mut order: Vec<(usize, bool, f64)> = (0..n)
                .map(|i| {
                    let p = &s.points[i];
                    let dx = (g.xs.px(p.x) - cx) / pw;
                    let dy = (g.ys.px(p.y) - cy) / ph;
                    (i, p.group.is_some(), dx * dx + dy * dy)
                })
                .collect();
            order.sort_by(|a, b| {
                b.1.cmp(&a.1)
                    .then(b.2.total_cmp(&a.2))
                    .then(s.points[a.0].code.cmp(&s.points[b.0].code))
            });
            let take = match s.labels {
                LabelMode::Top(k) => k.min(n),
                _ => n,
            };
            order.into_iter().take(take).map(|o| o.0).collect()
        }
    }
}

fn place<DB: DrawingBackend>(c: &Canvas<DB>, s: &ScatterSpec, g: &Geometry) -> Placement {
    let size = sizes(c.k).label;
    let mut obstacles: Vec<Rect> = s
        .points
        .iter()
        .map(|p| {
            let r = marker_radius(c.k, p.group.is_some()) + 1.0;
            Rect::around(g.xs.px(p.x), g.ys.px(p.y), r)
        })
        .collect();
    // Keep labels off the fit line: small boxes every few pixels along it.
    if let Some(fit) = &s.fit {
        if let Some((a, b)) = fit_segment(fit, &g.xs, &g.ys) {
            let len = ((b.0 - a.0).powi(2) + (b.1 - a.1).powi(2)).sqrt();
            let steps = (len / 4.0).ceil().clamp(1.0, 4000.0) as usize;
            for i in 0..=steps {
                let t = i as f64 / steps as f64;
                let (x, y) = (a.0 + (b.0 - a.0) * t, a.1 + (b.1 - a.1) * t);
                obstacles.push(Rect::around(x, y, 1.5 * c.k));
            }
        }
    }
    let requests: Vec<LabelRequest> = label_order(s, g)
        .into_iter()
        .map(|i| {
            let p = &s.points[i];
            let bold = p.group.is_some();
            // One naming style per chart: the label only, never the code in its place.
            let texts = vec![(p.label.clone(), measure(&p.label, size, bold))];
            LabelRequest {
                id: i,
                anchor: (g.xs.px(p.x), g.ys.px(p.y)),
                radius: marker_radius(c.k, p.group.is_some()),
                texts,
            }
        })
        .collect();
    let points: Vec<(f64, f64)> = s
        .points
        .iter()
        .map(|p| (g.xs.px(p.x), g.ys.px(p.y)))
        .collect();
    place_labels_among(&requests, &points, &obstacles, g.plot.grow(-2.0))
}

pub(super) fn draw<DB: DrawingBackend>(
    c: &Canvas<DB>,
    spec: &ChartSpec,
    s: &ScatterSpec,
) -> Result<RenderReport> {
    if s.points.is_empty() {
        return Err(Error::Chart("scatter plot has no points".into()));
    }
    check_values(
        "x",
        s.x_axis.log,
        s.points.iter().map(|p| (p.code.as_str(), p.x)),
    )?;
    check_values(
        "y",
        s.y_axis.log,
        s.points.iter().map(|p| (p.code.as_str(), p.y)),
    )?;

    let mut groups: Vec<&str> = Vec::new();
    for p in &s.points {
        if let Some(g) = &p.group {
            if !groups.contains(&g.as_str()) {
                groups.push(g);
            }
        }
    }
    let colour_of = |group: &Option<String>| -> RGBColor {
        match group {
            Some(g) => groups
                .iter()
                .position(|x| x == g)
                .map(|i| PALETTE[i % PALETTE.len()])
                .unwrap_or(MUTED),
            None => MUTED,
        }
    };
    let mut key: Vec<KeyItem> = groups
        .iter()
        .enumerate()
        .map(|(i, g)| KeyItem::Dot(PALETTE[i % PALETTE.len()], g.to_string()))
        .collect();
    if !groups.is_empty() && s.points.iter().any(|p| p.group.is_none()) {
        key.push(KeyItem::Dot(MUTED, "Other".into()));
    }
    if let Some(fit) = &s.fit {
        key.push(KeyItem::Text(fit_text(fit, s.x_axis.log, s.y_axis.log)));
    }

    let minmax = |f: &dyn Fn(&super::ScatterPoint) -> f64| {
        s.points
            .iter()
            .map(f)
            .fold((f64::INFINITY, f64::NEG_INFINITY), |(a, b), v| {
                (a.min(v), b.max(v))
            })
    };
    let (x0, x1) = minmax(&|p| p.x);
    let (y0, y1) = minmax(&|p| p.y);
    let xd = padded_domain(x0, x1, s.x_axis.log, 0.05);
    let yd = padded_domain(y0, y1, s.y_axis.log, 0.06);

    // Lay out, place labels; when some are left out, reserve a footer line for the
    // note and place again in the slightly smaller plot.
    let mut footer = spec.footer_lines.clone();
    let mut g = geometry(c, spec, s, !key.is_empty(), &footer, xd, yd);
    let mut placement = place(c, s, &g);
    if placement.omitted > 0 {
        footer.push(String::new());
        g = geometry(c, spec, s, !key.is_empty(), &footer, xd, yd);
        placement = place(c, s, &g);
        if placement.omitted > 0 {
            if let Some(last) = footer.last_mut() {
                *last = omitted_note(placement.omitted);
            }
        }
    }

    draw_frame(c, &spec.title, spec.subtitle.as_deref(), &key, &footer)?;
    draw_xy_axes(
        c,
        &g.frame,
        g.plot,
        &g.x_ticks,
        &g.xs,
        &g.y_ticks,
        &g.ys,
        &s.x_axis.title,
        &s.y_axis.title,
    )?;

    if let Some(fit) = &s.fit {
        draw_fit(c, fit, &g.xs, &g.ys)?;
    }

    // Grey points first, then each group in legend order, so highlights sit on top.
    let k = c.k;
    for p in s.points.iter().filter(|p| p.group.is_none()) {
        c.dot(
            g.xs.px(p.x),
            g.ys.px(p.y),
            marker_radius(k, false),
            &MUTED,
            &RGBColor(0x80, 0x80, 0x80),
        )?;
    }
    for gname in &groups {
        for p in s
            .points
            .iter()
            .filter(|p| p.group.as_deref() == Some(gname))
        {
            let colour = colour_of(&p.group);
            c.dot(
                g.xs.px(p.x),
                g.ys.px(p.y),
                marker_radius(k, true),
                &colour,
                &WHITE,
            )?;
        }
    }

    let size = sizes(k).label;
    for label in &placement.placed {
        if let Some((a, b)) = label.leader {
            c.line(&[a, b], &RGBColor(0x90, 0x90, 0x90), 1.0)?;
        }
    }
    for label in &placement.placed {
        let p = &s.points[label.id];
        let bold = p.group.is_some();
        let colour = if bold { TEXT } else { TEXT_SOFT };
        let y = (label.rect.y0 + label.rect.y1) / 2.0;
        c.text(
            &label.text,
            label.rect.x0,
            y,
            size,
            bold,
            &colour,
            Align::Left,
        )?;
    }
    Ok(RenderReport {
        labels_omitted: placement.omitted,
    })
}

/// Draws the fit line clipped to the plot (straight in displayed coordinates).
fn draw_fit<DB: DrawingBackend>(
    c: &Canvas<DB>,
    fit: &FitLine,
    xs: &Scale,
    ys: &Scale,
) -> Result<()> {
    match fit_segment(fit, xs, ys) {
        Some((p0, p1)) => c.line(&[p0, p1], &RGBColor(0x44, 0x44, 0x44), 2.0 * c.k),
        None => Ok(()),
    }
}

/// The visible part of the fit line in pixels, if any.
fn fit_segment(fit: &FitLine, xs: &Scale, ys: &Scale) -> Option<((f64, f64), (f64, f64))> {
    if !(fit.slope.is_finite() && fit.intercept.is_finite()) {
        return None;
    }
    let t = |v: f64, log: bool| if log { v.log10() } else { v };
    let inv = |v: f64, log: bool| if log { 10f64.powf(v) } else { v };
    let (mut a, mut b) = (t(xs.d0, xs.log), t(xs.d1, xs.log));
    let (lo, hi) = (t(ys.d0, ys.log), t(ys.d1, ys.log));
    if fit.slope != 0.0 {
        let xa = (lo - fit.intercept) / fit.slope;
        let xb = (hi - fit.intercept) / fit.slope;
        let (xmin, xmax) = (xa.min(xb), xa.max(xb));
        a = a.max(xmin);
        b = b.min(xmax);
    } else if fit.intercept < lo || fit.intercept > hi {
        return None;
    }
    if a >= b {
        return None;
    }
    let y = |x: f64| fit.intercept + fit.slope * x;
    let p0 = (xs.px(inv(a, xs.log)), ys.px(inv(y(a), ys.log)));
    let p1 = (xs.px(inv(b, xs.log)), ys.px(inv(y(b), ys.log)));
    Some((p0, p1))
}
