//! Ranks with intervals: one row per economy, top to bottom in the order given; a line from the
//! low to the high end of its interval, a dot at the median, a ring at the nominal rank. Rank 1
//! is at the left.

use plotters::prelude::*;

use super::draw::{linear_ticks, sizes, Canvas, KeyItem, Scale, PALETTE};
use super::rows::{draw_row_label, draw_rows_frame, draw_value_axis, label_column};
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
    let (frame, rows) = draw_rows_frame(c, spec, &key, s.items.len())?;
    let band = rows.band;
    let font = (band * 0.78).clamp(sz.tick.min(7.0), sz.tick);
    let left = label_column(
        c,
        &frame,
        s.items.iter().map(|i| (i.label.as_str(), i.highlight)),
        font,
    );
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
    draw_value_axis(c, &rows, &xs, &ticks, step, &s.axis_title)?;
    let r = (band * 0.28).clamp((7.0 * k).min(2.0), 7.0 * k);
    let thick = (band * 0.18).clamp(1.0, 4.0 * k);
    for (i, item) in s.items.iter().enumerate() {
        let yc = rows.centre(i);
        draw_row_label(c, &item.label, left, yc, font, item.highlight)?;
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
