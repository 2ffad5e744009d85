//! Choropleth maps: each economy's outline (already projected by the caller, y northwards)
//! filled with its class colour, holes kept clear, shapes clipped to the map's extent; dots for
//! economies too small for an outline; a legend with each class's range and count, "no data"
//! hatched and counted. In SVG every shape is a `<path id="area-ISO3">` (even–odd fill) or a
//! `<circle id="dot-ISO3">`, so fills can be read back.

use plotters::prelude::*;

use super::draw::{draw_frame, measure, sizes, wrap, Align, Canvas, TEXT};
use super::labels::Rect;
use super::map_geom::{area, bounds, clip_ring, svg_path, xml_escape, Ring};
use super::map_palette::{hex, Rgb, NO_DATA_HATCH, OUTLINE, OUTSIDE};
use super::map_parts::{
    draw_footer, fill_attr, fill_colour, fill_png, overlaps, rgb, svg_outlined_rect, swatch,
    CLASS_IDS,
};
use super::{ChartSpec, RenderReport};
use crate::error::{Error, Result};

/// How a shape is filled.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MapFill {
    /// Index into [`MapSpec::classes`].
    Class(usize),
    /// In the universe, no value in the period: hatched.
    NoData,
    /// Not in the universe: white.
    Outside,
}

/// One economy's outline: pieces, each a list of rings (outer first, then holes), in projected
/// units with y growing northwards.
#[derive(Debug, Clone, PartialEq)]
pub struct MapArea {
    pub code: String,
    /// Tooltip in SVG ("France: 195 (2024)").
    pub title: String,
    pub pieces: Vec<Vec<Ring>>,
    pub fill: MapFill,
    pub highlight: bool,
}

/// An economy drawn as a dot (no outline at the map's scale).
#[derive(Debug, Clone, PartialEq)]
pub struct MapDot {
    pub code: String,
    pub title: String,
    pub x: f64,
    pub y: f64,
    pub fill: MapFill,
    pub highlight: bool,
}

/// One legend class.
#[derive(Debug, Clone, PartialEq)]
pub struct MapClass {
    /// The range in the indicator's unit ("200 to under 400").
    pub label: String,
    pub colour: Rgb,
    /// Economies in the class on this map.
    pub count: usize,
}

#[derive(Debug, Clone, PartialEq, Default)]
pub struct MapSpec {
    pub areas: Vec<MapArea>,
    pub dots: Vec<MapDot>,
    /// The projected rectangle shown: (x0, y0, x1, y1), y northwards.
    pub extent: (f64, f64, f64, f64),
    /// Draw a thin frame around the map (regional maps, whose shapes are cut at the edge).
    pub frame: bool,
    /// The legend's heading (the unit).
    pub legend_title: String,
    pub classes: Vec<MapClass>,
    /// "No data" and how many economies on the map have none.
    pub no_data: (String, usize),
    /// "Outside OECD" and how many, when the universe is restricted.
    pub outside: Option<(String, usize)>,
}

/// Where projected coordinates land in pixels.
struct Fit {
    x0: f64,
    y1: f64,
    k: f64,
    ox: f64,
    oy: f64,
    rect: Rect,
}

impl Fit {
    fn px(&self, (x, y): (f64, f64)) -> (f64, f64) {
        (
            self.ox + (x - self.x0) * self.k,
            self.oy + (self.y1 - y) * self.k,
        )
    }
}

fn check(m: &MapSpec) -> Result<()> {
    let (x0, y0, x1, y1) = m.extent;
    if !(x0.is_finite() && y0.is_finite() && x1.is_finite() && y1.is_finite() && x1 > x0 && y1 > y0)
    {
        return Err(Error::Chart("map extent is empty or not finite".into()));
    }
    let bad = |f: MapFill| matches!(f, MapFill::Class(i) if i >= m.classes.len());
    for a in &m.areas {
        if bad(a.fill) {
            return Err(Error::Chart(format!(
                "map area {} has a class out of range",
                a.code
            )));
        }
        if a.pieces
            .iter()
            .flatten()
            .flatten()
            .any(|p| !(p.0.is_finite() && p.1.is_finite()))
        {
            return Err(Error::Chart(format!(
                "map area {} has a coordinate that is not finite",
                a.code
            )));
        }
    }
    for d in &m.dots {
        if bad(d.fill) || !(d.x.is_finite() && d.y.is_finite()) {
            return Err(Error::Chart(format!("map dot {} is out of range", d.code)));
        }
    }
    Ok(())
}

/// Draws the map; in SVG the shapes and legend swatches go to `svg` (markup inserted before
/// `</svg>` by the caller), in PNG they are drawn on the canvas.
pub(super) fn draw<DB: DrawingBackend>(
    c: &Canvas<DB>,
    spec: &ChartSpec,
    m: &MapSpec,
    svg: Option<&mut String>,
) -> Result<RenderReport> {
    check(m)?;
    let k = c.k;
    let s = sizes(k);
    let mut frame = draw_frame(c, &spec.title, spec.subtitle.as_deref(), &[], &[])?;
    frame.bottom = draw_footer(c, &spec.footer_lines, frame.left, frame.right)?;
    let mut layer = String::new();

    // Legend column on the left.
    let mut rows: Vec<(String, Option<Rgb>, &'static str)> = m
        .classes
        .iter()
        .enumerate()
        .map(|(i, cl)| {
            (
                format!("{} ({})", cl.label, cl.count),
                Some(cl.colour),
                CLASS_IDS[i.min(CLASS_IDS.len() - 1)],
            )
        })
        .collect();
    rows.reverse(); // highest class at the top
    rows.push((
        format!("{} ({})", m.no_data.0, m.no_data.1),
        None,
        "legend-nodata",
    ));
    if let Some((label, n)) = &m.outside {
        rows.push((format!("{label} ({n})"), Some(OUTSIDE), "legend-outside"));
    }
    let sw = 30.0 * k;
    let text_w = rows
        .iter()
        .map(|r| measure(&r.0, s.key, false).0)
        .fold(0.0, f64::max);
    let legend_w = (sw + 10.0 * k + text_w).clamp(150.0 * k, 0.32 * c.w);
    let title_lines = wrap(&m.legend_title, s.key, legend_w);
    let mut y = frame.top + s.key * 0.6;
    for line in &title_lines {
        c.text(line, frame.left, y, s.key, true, &TEXT, Align::Left)?;
        y += s.key * 1.3;
    }
    y += s.key * 0.4;
    let row_h = s.key * 1.6;
    let mut legend_svg = String::new();
    for (label, colour, id) in &rows {
        let r = Rect::new(
            frame.left,
            y - s.key * 0.55,
            frame.left + sw,
            y + s.key * 0.55,
        );
        swatch(c, r, *colour, id, &mut legend_svg)?;
        c.text(
            label,
            frame.left + sw + 10.0 * k,
            y,
            s.key,
            false,
            &TEXT,
            Align::Left,
        )?;
        y += row_h;
    }

    // The map, fitted into the rest of the frame.
    let room_w = frame.right - (frame.left + legend_w + 24.0 * k);
    if frame.bottom - frame.top < 60.0 * k || room_w < 60.0 * k || y - row_h > frame.bottom {
        return Err(Error::Chart(format!(
            "a {}x{} map leaves no room for the map beside its legend and above its footer; use a larger --size (e.g. 1600x900)",
            c.w, c.h
        )));
    }
    let avail = Rect::new(
        frame.left + legend_w + 24.0 * k,
        frame.top,
        frame.right,
        frame.bottom,
    );
    let (x0, y0, x1, y1) = m.extent;
    let scale = ((avail.x1 - avail.x0) / (x1 - x0)).min((avail.y1 - avail.y0) / (y1 - y0));
    let (w, h) = ((x1 - x0) * scale, (y1 - y0) * scale);
    let ox = avail.x0 + ((avail.x1 - avail.x0) - w) / 2.0;
    let oy = avail.y0 + ((avail.y1 - avail.y0) - h) / 2.0;
    let fit = Fit {
        x0,
        y1,
        k: scale,
        ox,
        oy,
        rect: Rect::new(ox, oy, ox + w, oy + h),
    };

    // Pixel pieces of every area, dropped where wholly outside; the largest shapes first so
    // enclaves (Lesotho in South Africa) are drawn over the hole left for them.
    let mut shapes: Vec<(f64, &MapArea, Vec<Vec<Ring>>)> = Vec::new();
    for a in &m.areas {
        let pieces: Vec<Vec<Ring>> = a
            .pieces
            .iter()
            .map(|rings| {
                rings
                    .iter()
                    .map(|r| r.iter().map(|&p| fit.px(p)).collect())
                    .collect::<Vec<Ring>>()
            })
            .filter(|rings: &Vec<Ring>| bounds(rings).is_some_and(|b| overlaps(b, fit.rect)))
            .collect();
        if pieces.is_empty() {
            continue;
        }
        let size = pieces.iter().map(|p| area(&p[0]).abs()).fold(0.0, f64::max);
        shapes.push((size, a, pieces));
    }
    shapes.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.code.cmp(&b.1.code)));

    let clip = fit.rect;
    if svg.is_some() {
        layer.push_str(&format!(
            "<defs><pattern id=\"nodata\" patternUnits=\"userSpaceOnUse\" width=\"{h:.1}\" height=\"{h:.1}\" patternTransform=\"rotate(45)\"><rect width=\"{h:.1}\" height=\"{h:.1}\" fill=\"#FFFFFF\"/><line x1=\"0\" y1=\"0\" x2=\"0\" y2=\"{h:.1}\" stroke=\"{}\" stroke-width=\"{:.1}\"/></pattern><clipPath id=\"map-clip\"><rect x=\"{:.1}\" y=\"{:.1}\" width=\"{:.1}\" height=\"{:.1}\"/></clipPath></defs>\n",
            hex(NO_DATA_HATCH),
            (1.2 * k).max(0.6),
            clip.x0,
            clip.y0,
            clip.x1 - clip.x0,
            clip.y1 - clip.y0,
            h = 6.0 * k.max(0.5),
        ));
        layer.push_str(&format!(
            "<g clip-path=\"url(#map-clip)\" stroke=\"{}\" stroke-width=\"{:.2}\" stroke-linejoin=\"round\">\n",
            hex(OUTLINE),
            (0.8 * k).max(0.4)
        ));
    }
    for (_, a, pieces) in &shapes {
        if svg.is_some() {
            let rings: Vec<Ring> = pieces.iter().flatten().cloned().collect();
            layer.push_str(&format!(
                "<path id=\"area-{}\" fill=\"{}\" fill-rule=\"evenodd\" d=\"{}\"><title>{}</title></path>\n",
                xml_escape(&a.code),
                fill_attr(m, a.fill),
                svg_path(&rings),
                xml_escape(&a.title)
            ));
        } else {
            for rings in pieces {
                fill_png(
                    c,
                    fit.rect,
                    rings,
                    fill_colour(m, a.fill),
                    a.fill == MapFill::NoData,
                )?;
            }
        }
    }
    // Highlighted outlines over everything else.
    for (_, _, pieces) in shapes.iter().filter(|s| s.1.highlight) {
        if svg.is_some() {
            let rings: Vec<Ring> = pieces.iter().flatten().cloned().collect();
            layer.push_str(&format!(
                "<path class=\"highlight\" fill=\"none\" stroke=\"{}\" stroke-width=\"{:.1}\" d=\"{}\"/>\n",
                hex((0x1A, 0x1A, 0x1A)),
                2.5 * k,
                svg_path(&rings)
            ));
        } else {
            for ring in pieces.iter().flatten() {
                let ring = clip_ring(ring, clip);
                if !ring.is_empty() {
                    let mut pts = ring.clone();
                    pts.push(ring[0]);
                    c.line(&pts, &TEXT, 2.5 * k)?;
                }
            }
        }
    }
    // Dots on top, those with a value larger.
    let mut dots: Vec<&MapDot> = m.dots.iter().collect();
    dots.sort_by_key(|d| {
        (
            !matches!(d.fill, MapFill::NoData | MapFill::Outside),
            d.code.clone(),
        )
    });
    for d in dots {
        let (x, y) = fit.px((d.x, d.y));
        if x < clip.x0 || x > clip.x1 || y < clip.y0 || y > clip.y1 {
            continue;
        }
        let valued = matches!(d.fill, MapFill::Class(_));
        let r = if valued { 6.0 * k } else { 3.5 * k }.max(2.0);
        let outline: Rgb = if d.highlight || valued {
            (0x1A, 0x1A, 0x1A)
        } else {
            OUTLINE
        };
        if svg.is_some() {
            let fill = fill_attr(m, d.fill);
            layer.push_str(&format!(
                "<circle id=\"dot-{}\" cx=\"{x:.1}\" cy=\"{y:.1}\" r=\"{r:.1}\" fill=\"{fill}\" stroke=\"{}\" stroke-width=\"{:.1}\"><title>{}</title></circle>\n",
                xml_escape(&d.code),
                hex(outline),
                if d.highlight { 2.5 * k } else { k.max(0.5) },
                xml_escape(&d.title)
            ));
        } else {
            let fill = fill_colour(m, d.fill);
            c.dot(x, y, r, &rgb(fill), &rgb(outline))?;
        }
    }
    if svg.is_some() {
        layer.push_str("</g>\n");
    }
    if m.frame {
        let r = fit.rect;
        c.line(
            &[
                (r.x0, r.y0),
                (r.x1, r.y0),
                (r.x1, r.y1),
                (r.x0, r.y1),
                (r.x0, r.y0),
            ],
            &rgb(OUTLINE),
            1.0,
        )?;
        // In SVG the shapes lie above what plotters drew: the frame goes on top again.
        layer.push_str(&svg_outlined_rect(None, r, "none"));
    }
    if let Some(out) = svg {
        out.push_str(&layer);
        out.push_str(&legend_svg);
    }
    Ok(RenderReport::default())
}
