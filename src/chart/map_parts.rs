//! Parts of a map drawing: the footer (shrunk to fit), legend swatches, fills by class, and
//! one outline piece in PNG (filled, holes cleared, hatched for no data, outlined).

use plotters::prelude::*;

use super::draw::{chart_err, sizes, wrap, Align, Canvas};
use super::labels::Rect;
use super::map::{MapFill, MapSpec};
use super::map_geom::{clip_ring, clip_segment, hatch, Ring};
use super::map_palette::{hex, Rgb, NO_DATA_HATCH, OUTLINE, OUTSIDE};
use crate::error::Result;

pub(super) fn rgb(c: Rgb) -> RGBColor {
    RGBColor(c.0, c.1, c.2)
}

/// The footer, in the frame's type size or smaller (down to 12.5 px at 1600×900) so that it
/// takes at most about a quarter of the page; returns the last free row above it.
pub(super) fn draw_footer<DB: DrawingBackend>(
    c: &Canvas<DB>,
    lines: &[String],
    left: f64,
    right: f64,
) -> Result<f64> {
    let k = c.k;
    let mut size = sizes(k).footer;
    let min = 12.5 * k;
    let layout = |size: f64| -> Vec<String> {
        lines
            .iter()
            .flat_map(|l| wrap(l, size, right - left))
            .collect()
    };
    let mut wrapped = layout(size);
    while size > min && wrapped.len() as f64 * size * 1.35 > 0.24 * c.h {
        size = (size - 0.5 * k).max(min);
        wrapped = layout(size);
    }
    let line_h = size * 1.35;
    let top = c.h - 18.0 * k - line_h * wrapped.len() as f64;
    for (i, line) in wrapped.iter().enumerate() {
        let y = top + line_h * (i as f64 + 0.5);
        c.text(
            line,
            left,
            y,
            size,
            false,
            &super::draw::TEXT_SOFT,
            Align::Left,
        )?;
    }
    Ok(top - 12.0 * k)
}

pub(super) const CLASS_IDS: [&str; 8] = [
    "legend-class-0",
    "legend-class-1",
    "legend-class-2",
    "legend-class-3",
    "legend-class-4",
    "legend-class-5",
    "legend-class-6",
    "legend-class-7",
];

pub(super) fn overlaps(a: Rect, b: Rect) -> bool {
    a.x0 <= b.x1 && a.x1 >= b.x0 && a.y0 <= b.y1 && a.y1 >= b.y0
}

pub(super) fn fill_colour(m: &MapSpec, f: MapFill) -> Rgb {
    match f {
        MapFill::Class(i) => m.classes[i].colour,
        MapFill::NoData | MapFill::Outside => OUTSIDE,
    }
}

pub(super) fn fill_attr(m: &MapSpec, f: MapFill) -> String {
    match f {
        MapFill::NoData => "url(#nodata)".into(),
        other => hex(fill_colour(m, other)),
    }
}

/// An SVG rectangle with the map's outline, `fill` and, where given, an `id`.
pub(super) fn svg_outlined_rect(id: Option<&str>, r: Rect, fill: &str) -> String {
    let id = id.map_or(String::new(), |id| format!("id=\"{id}\" "));
    format!(
        "<rect {id}x=\"{:.1}\" y=\"{:.1}\" width=\"{:.1}\" height=\"{:.1}\" fill=\"{fill}\" stroke=\"{}\" stroke-width=\"1\"/>\n",
        r.x0,
        r.y0,
        r.x1 - r.x0,
        r.y1 - r.y0,
        hex(OUTLINE)
    )
}

/// A legend swatch: filled, or hatched for no data (`colour` None).
pub(super) fn swatch<DB: DrawingBackend>(
    c: &Canvas<DB>,
    r: Rect,
    colour: Option<Rgb>,
    id: &str,
    svg: &mut String,
) -> Result<()> {
    let fill = colour.map_or("url(#nodata)".to_string(), hex);
    svg.push_str(&svg_outlined_rect(Some(id), r, &fill));
    c.rect(r, &rgb(colour.unwrap_or(OUTSIDE)), true)?;
    if colour.is_none() {
        let ring = vec![(r.x0, r.y0), (r.x1, r.y0), (r.x1, r.y1), (r.x0, r.y1)];
        for (a, b) in hatch(&[ring], 6.0 * c.k.max(0.5)) {
            c.line(&[a, b], &rgb(NO_DATA_HATCH), 1.0)?;
        }
    }
    c.rect(r, &rgb(OUTLINE), false)
}

/// One piece in PNG: outer ring filled, holes cleared to white, hatched when no data, outlined.
pub(super) fn fill_png<DB: DrawingBackend>(
    c: &Canvas<DB>,
    clip: Rect,
    rings: &[Ring],
    colour: Rgb,
    hatched: bool,
) -> Result<()> {
    let clipped: Vec<Ring> = rings
        .iter()
        .map(|r| clip_ring(r, clip))
        .filter(|r| !r.is_empty())
        .collect();
    if clipped.is_empty() || clip_ring(&rings[0], clip).is_empty() {
        return Ok(());
    }
    let ipt = |r: &Ring| -> Vec<(i32, i32)> {
        r.iter()
            .map(|p| (p.0.round() as i32, p.1.round() as i32))
            .collect()
    };
    c.area
        .draw(&Polygon::new(
            ipt(&clipped[0]),
            ShapeStyle::from(rgb(colour)).filled(),
        ))
        .map_err(chart_err)?;
    for hole in &clipped[1..] {
        c.area
            .draw(&Polygon::new(ipt(hole), ShapeStyle::from(WHITE).filled()))
            .map_err(chart_err)?;
    }
    if hatched {
        for (a, b) in hatch(&clipped, 6.0 * c.k.max(0.5)) {
            c.line(&[a, b], &rgb(NO_DATA_HATCH), 1.0)?;
        }
    }
    for r in rings {
        // Outlines are cut to the map too (a clipped ring's edges along the frame are not drawn
        // as borders: only the original edges, clipped, are stroked).
        let mut pts = r.clone();
        pts.push(r[0]);
        for seg in pts.windows(2) {
            if let Some((a, b)) = clip_segment(seg[0], seg[1], clip) {
                c.line(&[a, b], &rgb(OUTLINE), 1.0)?;
            }
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::super::map::{MapArea, MapClass, MapDot};
    use super::super::{render, ChartKind, ChartSpec};
    use super::*;

    fn spec(x: f64) -> ChartSpec {
        let square = |x0: f64| vec![vec![(x0, 0.0), (x0 + 1.0, 0.0), (x0 + 1.0, 1.0), (x0, 1.0)]];
        let m = MapSpec {
            areas: vec![
                MapArea {
                    code: "AAA".into(),
                    title: "A & <b>".into(),
                    pieces: vec![square(x)],
                    fill: MapFill::Class(1),
                    highlight: true,
                },
                MapArea {
                    code: "BBB".into(),
                    title: "B".into(),
                    pieces: vec![square(2.0)],
                    fill: MapFill::NoData,
                    highlight: false,
                },
            ],
            dots: vec![MapDot {
                code: "CCC".into(),
                title: "C".into(),
                x: 1.5,
                y: 0.5,
                fill: MapFill::Class(0),
                highlight: false,
            }],
            extent: (0.0, 0.0, 3.0, 1.0),
            frame: true,
            legend_title: "unit".into(),
            classes: vec![
                MapClass {
                    label: "under 1".into(),
                    colour: (1, 2, 3),
                    count: 1,
                },
                MapClass {
                    label: "1 or more".into(),
                    colour: (4, 5, 6),
                    count: 1,
                },
            ],
            no_data: ("No data".into(), 1),
            outside: None,
        };
        ChartSpec::new("t", ChartKind::Map(m))
    }

    #[test]
    fn maps_render_at_any_allowed_size_or_say_why_not() {
        let dir = tempfile::tempdir().expect("tempdir");
        for size in [(400, 300), (1600, 900), (10_000, 150), (200, 10_000)] {
            for ext in ["png", "svg"] {
                let mut s = spec(0.0);
                s.size = size;
                let path = dir.path().join(format!("m.{ext}"));
                match render(&s, &path) {
                    Ok(_) => assert!(path.is_file()),
                    Err(e) => assert!(e.to_string().contains("use a larger --size"), "{e}"),
                }
            }
        }
        let path = dir.path().join("m.svg");
        render(&spec(0.0), &path).expect("renders");
        let svg = std::fs::read_to_string(&path).expect("svg");
        crate::output::text::assert_well_formed_xml(&svg);
        assert!(
            svg.contains("<path id=\"area-AAA\" fill=\"#040506\""),
            "{svg}"
        );
        assert!(svg.contains("<path id=\"area-BBB\" fill=\"url(#nodata)\""));
        assert!(svg.contains("<circle id=\"dot-CCC\""));
        assert!(svg.contains("A &amp; &lt;b&gt;"));
        // A coordinate that is not finite is an error, never a panic or a stray shape.
        assert!(render(&spec(f64::NAN), &path).is_err());
    }
}
