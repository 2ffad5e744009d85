//! Horizontal ranked bar charts: caller-worded bar labels, value labels (with the year when the
//! bars' years differ), highlighted bars by group with a key.

use plotters::prelude::*;

use super::draw::{
    fmt_value, linear_ticks, measure, sizes, Align, Canvas, KeyItem, Scale, AXIS, PALETTE,
};
use super::labels::Rect;
use super::rows::{
    draw_row_label, draw_rows_frame, draw_value_axis, label_column, row_text_colour,
};
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
    let (colours, key) = colours_and_key(b);
    let (frame, rows) = draw_rows_frame(c, spec, &key, b.items.len())?;
    // At most the tick size; 9 px at least unless the ticks themselves are smaller.
    let font = (rows.band * 0.62).clamp(s.tick.min(9.0), s.tick);
    let strong = |i: &super::BarItem| i.highlight || i.group.is_some();
    let left = label_column(
        c,
        &frame,
        b.items.iter().map(|i| (i.label.as_str(), strong(i))),
        font,
    );
    let mut years: Vec<i32> = b.items.iter().filter_map(|i| i.year).collect();
    years.sort_unstable();
    years.dedup();
    let values: Vec<String> = b
        .items
        .iter()
        .map(|i| match i.year {
            Some(y) if years.len() > 1 => format!("{} ({y})", fmt_value(i.value, b.decimals)),
            _ => fmt_value(i.value, b.decimals),
        })
        .collect();
    let value_w = |neg: bool| {
        b.items
            .iter()
            .zip(&values)
            .filter(|(i, _)| (i.value < 0.0) == neg)
            .map(|(i, v)| measure(v, font, strong(i)).0 + 10.0 * k)
            .fold(0.0, f64::max)
    };
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
    draw_value_axis(c, &rows, &xs, &ticks, step, &b.value_axis.title)?;

    let zero = xs.px(0.0);
    for (i, (item, value)) in b.items.iter().zip(&values).enumerate() {
        let yc = rows.centre(i);
        let colour = colours[i];
        let x = xs.px(item.value);
        let half = (rows.band * 0.36).max(0.5);
        if x != zero {
            c.rect(Rect::new(zero, yc - half, x, yc + half), &colour, true)?;
        }
        let bold = strong(item);
        let text_colour = row_text_colour(bold);
        draw_row_label(c, &item.label, left, yc, font, bold)?;
        // The value outside the bar's end: left of a negative bar, right of a positive one.
        let (value_x, align) = if item.value < 0.0 {
            (x - 6.0 * k, Align::Right)
        } else {
            (x + 6.0 * k, Align::Left)
        };
        c.text(value, value_x, yc, font, bold, &text_colour, align)?;
    }
    c.line(&[(zero, rows.top), (zero, rows.bottom)], &AXIS, 1.0)?;
    Ok(RenderReport::default())
}

/// Each bar's colour and the key row: no key and one colour when nothing is highlighted;
/// otherwise a colour per highlight group (ungrouped highlights first, as
/// [`super::BarSpec::highlight_name`]), then the others.
fn colours_and_key(b: &BarSpec) -> (Vec<RGBColor>, Vec<KeyItem>) {
    let mut groups: Vec<String> = Vec::new();
    let highlight = b
        .highlight_name
        .clone()
        .unwrap_or_else(|| "Highlighted".into());
    let name_of = |i: &super::BarItem| -> Option<String> {
        i.group
            .clone()
            .or_else(|| i.highlight.then(|| highlight.clone()))
    };
    for item in &b.items {
        if let Some(g) = name_of(item) {
            if !groups.contains(&g) {
                groups.push(g);
            }
        }
    }
    if groups.is_empty() {
        return (vec![PALETTE[0]; b.items.len()], Vec::new());
    }
    let colour_of = |g: usize| PALETTE[(g + 1) % PALETTE.len()];
    let colours = b
        .items
        .iter()
        .map(|i| match name_of(i) {
            Some(g) => groups
                .iter()
                .position(|x| *x == g)
                .map_or(OTHER_BAR, colour_of),
            None => OTHER_BAR,
        })
        .collect();
    let mut key: Vec<KeyItem> = groups
        .iter()
        .enumerate()
        .map(|(g, name)| KeyItem::Square(colour_of(g), name.clone()))
        .collect();
    if b.items.iter().any(|i| name_of(i).is_none()) {
        let others = b.others_name.clone().unwrap_or_else(|| "Others".into());
        key.push(KeyItem::Square(OTHER_BAR, others));
    }
    (colours, key)
}
