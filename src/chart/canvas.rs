//! The pixel canvas: thin wrappers over plotters elements (text, lines, rectangles, circles)
//! in f64 pixel coordinates, with the vertical text correction of each backend.

use super::draw::{chart_err, measure, Align, FAMILY};
use super::glyphs::BitmapText;
use super::labels::Rect;
use crate::error::Result;
use plotters::coord::Shift;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};

/// Pixel canvas: thin wrappers over plotters elements in f64 pixel coordinates.
pub struct Canvas<'a, DB: DrawingBackend> {
    pub area: &'a DrawingArea<DB, Shift>,
    /// Width and height in pixels.
    pub w: f64,
    pub h: f64,
    /// Scale factor relative to the 1600 x 900 reference layout.
    pub k: f64,
    /// Downward shift, as a fraction of the font size, that centres capital letters on
    /// the requested y (plotters places centred text slightly high, differently per backend).
    pub v_adjust: f64,
    /// SVG output: text is written as `<text>` by plotters; on bitmaps it is drawn from the
    /// glyph cache ([`super::glyphs`]).
    svg: bool,
}

fn px(v: f64) -> i32 {
    v.round() as i32
}

impl<'a, DB: DrawingBackend> Canvas<'a, DB> {
    /// A canvas over `area`; `svg` selects the vertical text correction for SVG output.
    pub fn new(area: &'a DrawingArea<DB, Shift>, svg: bool) -> Self {
        let (w, h) = area.dim_in_pixel();
        let (w, h) = (w as f64, h as f64);
        let k = (w / 1600.0).min(h / 900.0).max(0.25);
        // Bitmap (ab_glyph): cap centre sits 0.216 size above y; SVG (dy = 0.5ex): 0.074.
        let v_adjust = if svg { 0.074 } else { 0.216 };
        Canvas {
            area,
            w,
            h,
            k,
            v_adjust,
            svg,
        }
    }

    /// Draws one line of text; `y` is the vertical centre of the text line.
    #[allow(clippy::too_many_arguments)]
    pub fn text(
        &self,
        s: &str,
        x: f64,
        y: f64,
        size: f64,
        bold: bool,
        color: &RGBColor,
        align: Align,
    ) -> Result<()> {
        if s.is_empty() {
            return Ok(());
        }
        // Text from files may hold control characters: never raw in an SVG (ill-formed XML)
        // or a bitmap.
        let s = &*crate::output::text::visible(s);
        let h = match align {
            Align::Left => HPos::Left,
            Align::Center => HPos::Center,
            Align::Right => HPos::Right,
        };
        let at = (px(x), px(y + self.v_adjust * size));
        let anchor = Pos::new(h, VPos::Center);
        if !self.svg {
            let text = BitmapText {
                text: s,
                at,
                size,
                bold,
                rgb: (color.0, color.1, color.2),
                anchor,
            };
            return self.area.draw(&text).map_err(chart_err);
        }
        let style = if bold {
            FontStyle::Bold
        } else {
            FontStyle::Normal
        };
        let font = FontDesc::new(FontFamily::Name(FAMILY), size, style);
        let ts = TextStyle::from(font).color(color).pos(anchor);
        self.area
            .draw(&Text::new(s.to_string(), at, ts))
            .map_err(chart_err)
    }

    /// Draws text rotated a quarter turn anticlockwise (reading upwards), centred on (x, y).
    pub fn text_up(&self, s: &str, x: f64, y: f64, size: f64, color: &RGBColor) -> Result<()> {
        if s.is_empty() {
            return Ok(());
        }
        let s = &*crate::output::text::visible(s);
        let (w, _) = measure(s, size, false);
        let font = FontDesc::new(FontFamily::Name(FAMILY), size, FontStyle::Normal)
            .transform(FontTransform::Rotate270);
        let ts = TextStyle::from(font)
            .color(color)
            .pos(Pos::new(HPos::Left, VPos::Top));
        // With Rotate270 the text box's top-left maps to the bottom-left of the run.
        self.area
            .draw(&Text::new(
                s.to_string(),
                (px(x - size * 0.45), px(y + w / 2.0)),
                ts,
            ))
            .map_err(chart_err)
    }

    pub fn line(&self, pts: &[(f64, f64)], color: &RGBColor, width: f64) -> Result<()> {
        let pts: Vec<(i32, i32)> = pts.iter().map(|&(x, y)| (px(x), px(y))).collect();
        let style = ShapeStyle::from(color).stroke_width(width.round().max(1.0) as u32);
        self.area
            .draw(&PathElement::new(pts, style))
            .map_err(chart_err)
    }

    pub fn rect(&self, r: Rect, color: &RGBColor, filled: bool) -> Result<()> {
        let style = if filled {
            ShapeStyle::from(color).filled()
        } else {
            ShapeStyle::from(color)
        };
        self.area
            .draw(&Rectangle::new(
                [(px(r.x0), px(r.y0)), (px(r.x1), px(r.y1))],
                style,
            ))
            .map_err(chart_err)
    }

    /// A filled disc with a thin outline.
    pub fn dot(&self, x: f64, y: f64, r: f64, fill: &RGBColor, outline: &RGBColor) -> Result<()> {
        let rr = r.round().max(1.0) as i32;
        self.area
            .draw(&Circle::new(
                (px(x), px(y)),
                rr,
                ShapeStyle::from(fill).filled(),
            ))
            .map_err(chart_err)?;
        self.area
            .draw(&Circle::new(
                (px(x), px(y)),
                rr,
                ShapeStyle::from(outline).stroke_width(1),
            ))
            .map_err(chart_err)
    }
}
