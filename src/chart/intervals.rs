//! Ranks with intervals: one row per economy, top to bottom in the order given; a line from the
//! low to the high end of its interval, a dot at the median, a ring at the nominal rank. Rank 1
//! is at the left.

use plotters::prelude::*;

use super::draw::{
    draw_frame, fmt_tick, linear_ticks, measure, sizes, Align, Canvas, KeyItem, Scale, AXIS, GRID,
    PALETTE, TEXT, TEXT_SOFT,
};
use super::{check_values, ChartSpec, IntervalSpec, RenderReport};
use crate::error::{Error, Result};

pub(super) fn draw<DB: DrawingBackend>(
    c: &Canvas<DB>,
    spec: &ChartSpec,
    s: &IntervalSpec,
) -> Result<RenderReport> {
    if s.items.is_empty() {
        return Err(Error::Chart("interval chart has no rows".into()));
    }
    check_values(
        "interval",
        false,
        s.items.iter().flat_map(|i| {
            [
                (i.code.as_str(), i.low),
                (i.code.as_str(), i.high),
                (i.code.as_str(), i.median),
            ]
        }),
    )?;
    if let Some(bad) = s
        .items
        .iter()
        .find(|i| !(i.low <= i.median && i.median <= i.high))
    {
        return Err(Error::Chart(format!(
            "interval of {} is not ordered (low {} ≤ median {} ≤ high {})",
            bad.code, bad.low, bad.median, bad.high
        )));
    }
    let k = c.k;
    let sz = sizes(k);
    let line_colour = PALETTE[0];
    let nominal_colour = PALETTE[1];
    let key = vec![
        KeyItem::Dot(
            line_colour,
            "median rank, with the 5th–95th percentile interval".into(),
        ),
        KeyItem::Dot(nominal_colour, "nominal rank (the spec as written)".into()),
    ];
    let frame = draw_frame(
        c,
        &spec.title,
        spec.subtitle.as_deref(),
        &key,
        &spec.footer_lines,
    )?;
    let n = s.items.len();
    let top = frame.top;
    let bottom = frame.bottom - (sz.tick * 1.3 + 10.0 * k + sz.axis_title * 1.6);
    let band = (bottom - top) / n as f64;
    let font = (band * 0.78).clamp(7.0, sz.tick);
    let label_w = s
        .items
        .iter()
        .map(|i| measure(&i.label, font, i.highlight).0)
        .fold(0.0, f64::max);
    let left = frame.left + label_w.min(0.4 * c.w) + 14.0 * k;
    let max_rank = s
        .items
        .iter()
        .map(|i| i.high.max(i.nominal.unwrap_or(1.0)))
        .fold(1.0, f64::max);
    let xs = Scale {
        d0: 1.0,
        d1: max_rank.max(2.0),
        p0: left + 8.0 * k,
        p1: frame.right - 8.0 * k,
        log: false,
    };
    // Ranks are whole numbers: ticks at whole steps only.
    let (ticks, step) = linear_ticks(1.0, xs.d1, 8);
    let (mut ticks, step) = if step < 1.0 {
        (
            (1..=xs.d1 as i64).map(|v| v as f64).collect::<Vec<f64>>(),
            1.0,
        )
    } else {
        (ticks, step)
    };
    if !ticks.contains(&1.0) {
        ticks.insert(0, 1.0);
    }
    for v in &ticks {
        let x = xs.px(*v);
        c.line(&[(x, top), (x, bottom)], &GRID, 1.0)?;
        c.line(&[(x, bottom), (x, bottom + 6.0 * k)], &AXIS, 1.0)?;
        c.text(
            &fmt_tick(*v, step),
            x,
            bottom + 8.0 * k + sz.tick * 0.6,
            sz.tick,
            false,
            &TEXT_SOFT,
            Align::Center,
        )?;
    }
    c.line(&[(xs.p0, bottom), (xs.p1, bottom)], &AXIS, 1.0)?;
    if !s.axis_title.is_empty() {
        let y = bottom + 8.0 * k + sz.tick * 1.3 + 10.0 * k + sz.axis_title * 0.6;
        c.text(
            &s.axis_title,
            (xs.p0 + xs.p1) / 2.0,
            y,
            sz.axis_title,
            false,
            &TEXT,
            Align::Center,
        )?;
    }
    let r = (band * 0.28).clamp(2.0, 7.0 * k);
    let thick = (band * 0.18).clamp(1.0, 4.0 * k);
    for (i, item) in s.items.iter().enumerate() {
        let yc = top + band * (i as f64 + 0.5);
        let colour = if item.highlight { TEXT } else { TEXT_SOFT };
        c.text(
            &item.label,
            left - 12.0 * k,
            yc,
            font,
            item.highlight,
            &colour,
            Align::Right,
        )?;
        c.line(
            &[(xs.px(item.low), yc), (xs.px(item.high), yc)],
            &line_colour,
            thick,
        )?;
        c.dot(xs.px(item.median), yc, r, &line_colour, &line_colour)?;
        if let Some(nom) = item.nominal {
            let x = xs.px(nom);
            c.area
                .draw(&Circle::new(
                    (x.round() as i32, yc.round() as i32),
                    (r * 1.7).round().max(3.0) as i32,
                    ShapeStyle::from(&nominal_colour)
                        .stroke_width((2.0 * k).round().max(1.0) as u32),
                ))
                .map_err(super::draw::chart_err)?;
        }
    }
    Ok(RenderReport::default())
}

#[cfg(test)]
mod tests {
    use crate::chart::{render, ChartKind, ChartSpec, IntervalItem, IntervalSpec};

    fn item(code: &str, nominal: Option<f64>, low: f64, median: f64, high: f64) -> IntervalItem {
        IntervalItem {
            label: code.into(),
            code: code.into(),
            nominal,
            median,
            low,
            high,
            highlight: false,
        }
    }

    #[test]
    fn renders_png_and_svg_and_refuses_unordered_intervals() {
        let dir = tempfile::tempdir().expect("tempdir");
        let spec = ChartSpec::new(
            "Ranks",
            ChartKind::Intervals(IntervalSpec {
                items: vec![
                    item("AAA", Some(1.0), 1.0, 1.0, 2.0),
                    item("BBB", None, 1.0, 2.0, 3.0),
                ],
                axis_title: "Rank".into(),
            }),
        );
        for ext in ["png", "svg"] {
            render(&spec, &dir.path().join(format!("c.{ext}"))).expect("renders");
        }
        let svg = std::fs::read_to_string(dir.path().join("c.svg")).expect("svg");
        crate::output::text::assert_well_formed_xml(&svg);
        // Whole-number ticks only (ranks 1 to 3): no "1.5".
        let texts: Vec<&str> = svg.lines().map(str::trim).collect();
        assert!(
            texts.contains(&"1") && texts.contains(&"3"),
            "ticks 1 and 3"
        );
        assert!(!texts.contains(&"1.5"), "no half ranks");
        let bad = ChartSpec::new(
            "Ranks",
            ChartKind::Intervals(IntervalSpec {
                items: vec![item("CCC", None, 3.0, 2.0, 4.0)],
                axis_title: String::new(),
            }),
        );
        let e = render(&bad, &dir.path().join("bad.png")).expect_err("unordered");
        assert!(
            e.to_string().contains("interval of CCC is not ordered"),
            "{e}"
        );
        assert!(!dir.path().join("bad.png").exists());
    }
}
