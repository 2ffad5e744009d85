//! Chart rendering: plain chart specifications in, PNG or SVG files out.
//!
//! Charts never see a DataFrame: the caller builds a [`ChartSpec`] (title, subtitle,
//! footer lines with sources and n, size, and one of five [`ChartKind`]s) and calls
//! [`render`]. Text is drawn with DejaVu Sans bundled in the binary (no system fonts,
//! no fontconfig). Output is deterministic and written atomically.

mod axes;
mod bar;
mod canvas;
mod draw;
mod font_subset;
mod frame;
mod glyphs;
mod intervals;
pub mod labels;
mod map;
mod map_geom;
pub mod map_palette;
mod map_parts;
#[cfg(test)]
mod robust_tests;
mod rows;
mod scale;
mod scatter;
mod series;
mod slope;
mod spec;
mod spread;
pub mod svg_font;

use std::io::Write;
use std::path::Path;

use plotters::coord::Shift;
use plotters::prelude::*;

use crate::error::{Error, Result};
use draw::{chart_err, ensure_fonts, Canvas};

pub use labels::{place_labels, place_labels_among, LabelRequest, PlacedLabel, Placement, Rect};
pub use map::{MapArea, MapClass, MapDot, MapFill, MapSpec};
pub use spec::{
    Axis, BarItem, BarSpec, ChartKind, ChartSpec, FitLine, IntervalItem, IntervalSpec, LabelMode,
    LineSeries, LineSpec, ScatterPoint, ScatterSpec, SlopeItem, SlopeMeasure, SlopeSpec,
    DEFAULT_SIZE,
};

/// What rendering had to leave out.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct RenderReport {
    /// Labels left out to avoid overlap. When non-zero, the chart's footer already
    /// says so ("N labels omitted to avoid overlap").
    pub labels_omitted: usize,
}

/// The note render adds to the footer when labels were left out.
pub fn omitted_note(n: usize) -> String {
    if n == 1 {
        "1 label omitted to avoid overlap".to_string()
    } else {
        format!("{n} labels omitted to avoid overlap")
    }
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Format {
    Png,
    Svg,
}

/// Renders `spec` to `path`: PNG or SVG chosen by the extension (case-insensitive),
/// anything else is an error. The file is written to a temporary file in the same
/// folder and renamed into place, so readers never see a half-written chart.
pub fn render(spec: &ChartSpec, path: &Path) -> Result<RenderReport> {
    let ext = path
        .extension()
        .and_then(|e| e.to_str())
        .map(|e| e.to_ascii_lowercase());
    let format = match ext.as_deref() {
        Some("png") => Format::Png,
        Some("svg") => Format::Svg,
        _ => {
            return Err(Error::Chart(format!(
                "{}: unsupported chart file type; use a .png or .svg file name",
                path.display()
            )))
        }
    };
    let (w, h) = check_size(spec)?;
    let dir = crate::output::output_dir(path)?;
    let suffix = if format == Format::Png {
        ".png"
    } else {
        ".svg"
    };
    let mut tmp = tempfile::Builder::new()
        .prefix(".innodex-chart-")
        .suffix(suffix)
        .tempfile_in(dir)
        .map_err(|e| Error::io(dir, e))?;
    let report = match format {
        Format::Png => {
            let mut pixels = vec![0u8; w as usize * h as usize * 3];
            let report = {
                let root = BitMapBackend::with_buffer(&mut pixels, (w, h)).into_drawing_area();
                let report = draw_chart(&root, spec, None)?;
                root.present().map_err(chart_err)?;
                report
            };
            write_png(tmp.as_file_mut(), &pixels, (w, h)).map_err(|e| Error::io(path, e))?;
            report
        }
        Format::Svg => {
            let (svg, report) = render_svg_text(spec)?;
            // The font the text was measured with travels with the file (a subset of it).
            let svg = svg_font::embed(&svg)?;
            let file = tmp.as_file_mut();
            file.write_all(svg.as_bytes())
                .and_then(|_| file.flush())
                .map_err(|e| Error::io(path, e))?;
            report
        }
    };
    crate::output::persist(tmp, path)?;
    Ok(report)
}

/// Encodes RGB pixels as PNG with one filter (Paeth) for every row: the adaptive choice tries
/// all five per row and was a third of a chart's time; on the bundled charts Paeth alone gives
/// files about 6 % larger (the scatter of the README: 271 KB → 287 KB), the same pixels.
fn write_png(file: &mut std::fs::File, pixels: &[u8], (w, h): (u32, u32)) -> std::io::Result<()> {
    let out = std::io::BufWriter::new(file);
    let mut encoder = png::Encoder::new(out, w, h);
    encoder.set_color(png::ColorType::Rgb);
    encoder.set_depth(png::BitDepth::Eight);
    encoder.set_filter(png::FilterType::Paeth);
    encoder.set_adaptive_filter(png::AdaptiveFilterType::NonAdaptive);
    let mut writer = encoder.write_header().map_err(std::io::Error::other)?;
    writer
        .write_image_data(pixels)
        .map_err(std::io::Error::other)?;
    writer.finish().map_err(std::io::Error::other)
}

/// The chart's size, checked, with the fonts registered.
fn check_size(spec: &ChartSpec) -> Result<(u32, u32)> {
    let (w, h) = spec.size;
    if !(200..=10_000).contains(&w) || !(150..=10_000).contains(&h) {
        return Err(Error::Chart(format!(
            "chart size {w}x{h} is out of range (200x150 to 10000x10000)"
        )));
    }
    ensure_fonts()?;
    Ok((w, h))
}

/// The chart as SVG text in memory, without the embedded font (the SVG files get it from
/// [`render`]; a document that inlines several charts embeds one font for all with
/// [`svg_font::font_face_css`]). Its text names the family [`svg_font::EMBEDDED_FAMILY`].
pub fn render_svg_text(spec: &ChartSpec) -> Result<(String, RenderReport)> {
    let size = check_size(spec)?;
    let mut svg = String::new();
    // Markup drawn outside plotters (map shapes with ids), inserted before `</svg>`.
    let mut layer = String::new();
    let report = {
        let root = SVGBackend::with_string(&mut svg, size).into_drawing_area();
        let report = draw_chart(&root, spec, Some(&mut layer))?;
        root.present().map_err(chart_err)?;
        report
    };
    if !layer.is_empty() {
        let at = svg.rfind("</svg>").unwrap_or(svg.len());
        svg.insert_str(at, &layer);
    }
    Ok((svg, report))
}

fn draw_chart<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    spec: &ChartSpec,
    svg: Option<&mut String>,
) -> Result<RenderReport> {
    let c = Canvas::new(area, svg.is_some());
    match &spec.kind {
        ChartKind::Scatter(s) => scatter::draw(&c, spec, s),
        ChartKind::Bar(b) => bar::draw(&c, spec, b),
        ChartKind::Line(l) => series::draw_line(&c, spec, l),
        ChartKind::Slope(s) => slope::draw_slope(&c, spec, s),
        ChartKind::Intervals(s) => intervals::draw(&c, spec, s),
        ChartKind::Map(m) => map::draw(&c, spec, m, svg),
    }
}

/// Checks that every value is finite and, on a log axis, positive.
fn check_values<'a>(
    what: &str,
    log: bool,
    values: impl IntoIterator<Item = (&'a str, f64)>,
) -> Result<()> {
    for (code, v) in values {
        if !v.is_finite() {
            return Err(Error::Chart(format!(
                "{what} value of {code} is not finite"
            )));
        }
        if log && v <= 0.0 {
            return Err(Error::Chart(format!(
                "{what} axis is logarithmic but {code} has value {v} (≤ 0); \
                 filter non-positive values before rendering"
            )));
        }
    }
    Ok(())
}
