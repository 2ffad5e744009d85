//! Text measured and drawn on bitmaps from glyphs rasterised once per process.
//!
//! plotters' ab_glyph text looks each character up in the font's character map, outlines and
//! rasterises its glyph every time it is drawn, and measures a string by looking every
//! character up again: two thirds of a PNG chart's time went there. This module computes the
//! same numbers from the same font with the same ab_glyph calls, keeping what repeats — the
//! glyph id of each character, each glyph's coverage at each size — so a label of 60 names
//! rasterises each letter once. A glyph is drawn at a whole-pixel offset (the advance
//! truncated, as plotters does), so its coverage does not depend on where it is drawn, and
//! the pixels are those plotters draws: the tests draw both ways and compare every byte.
//! SVG text stays plotters' (it writes `<text>` elements, not pixels).

use ab_glyph::{Font, FontRef, GlyphId, PxScaleFont, ScaleFont};
use plotters::element::{Drawable, PointCollection};
use plotters::style::text_anchor::{HPos, Pos, VPos};
use plotters_backend::{BackendColor, BackendCoord, DrawingBackend, DrawingErrorKind};
use std::collections::HashMap;
use std::sync::{Arc, Mutex, OnceLock};

/// One face of DejaVu Sans with the glyph ids and unscaled advances of the ASCII characters
/// looked up, and the kerning of the glyph pairs met so far.
struct Face {
    font: FontRef<'static>,
    ascii: [(GlyphId, f32); 128],
    kerning: Mutex<HashMap<(u16, u16), f32, foldhash::fast::RandomState>>,
}

impl Face {
    fn new(bytes: &'static [u8]) -> Option<Face> {
        let font = FontRef::try_from_slice(bytes).ok()?;
        let ascii = std::array::from_fn(|c| {
            let id = font.glyph_id(char::from(c as u8));
            (id, font.h_advance_unscaled(id))
        });
        Some(Face {
            font,
            ascii,
            kerning: Mutex::default(),
        })
    }

    fn id(&self, c: char) -> GlyphId {
        match self.ascii.get(c as usize) {
            Some(&(id, _)) => id,
            None => self.font.glyph_id(c),
        }
    }

    /// ab_glyph's `h_advance_unscaled` (the scaled advance is this times the scale factor,
    /// as `ScaleFont::h_advance` computes it).
    fn advance_unscaled(&self, c: char, id: GlyphId) -> f32 {
        match self.ascii.get(c as usize) {
            Some(&(_, a)) => a,
            None => self.font.h_advance_unscaled(id),
        }
    }

    /// ab_glyph's `kern_unscaled`, looked up once per pair.
    fn kern_unscaled(&self, first: GlyphId, second: GlyphId) -> f32 {
        let mut kerning = self
            .kerning
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        *kerning
            .entry((first.0, second.0))
            .or_insert_with(|| self.font.kern_unscaled(first, second))
    }
}

/// The regular and bold faces, the same bytes `draw::ensure_fonts` registers with plotters.
fn face(bold: bool) -> Option<&'static Face> {
    static FACES: OnceLock<Option<[Face; 2]>> = OnceLock::new();
    let faces = FACES.get_or_init(|| {
        Some([
            Face::new(dejavu::sans::regular())?,
            Face::new(dejavu::sans::bold())?,
        ])
    });
    faces.as_ref().map(|f| &f[usize::from(bold)])
}

/// A glyph's coverage at one size: the top of its pixel bounds and its pixels, in the order
/// ab_glyph's rasteriser gives them.
struct Raster {
    min_y: f32,
    pixels: Vec<(u32, u32, f32)>,
}

/// Rasters by (bold, size in pixels, glyph); `None` for a glyph with no outline (a space).
type Rasters = HashMap<(bool, u32, u16), Option<Arc<Raster>>>;

fn raster(
    font: &PxScaleFont<&FontRef<'static>>,
    bold: bool,
    size: f32,
    id: GlyphId,
) -> Option<Arc<Raster>> {
    static RASTERS: OnceLock<Mutex<Rasters>> = OnceLock::new();
    let rasters = RASTERS.get_or_init(Mutex::default);
    let key = (bold, size.to_bits(), id.0);
    let lock = || {
        rasters
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
    };
    if let Some(r) = lock().get(&key) {
        return r.clone();
    }
    let made = font.outline_glyph(id.with_scale(font.scale)).map(|q| {
        let mut pixels = Vec::new();
        q.draw(|x, y, c| pixels.push((x, y, c)));
        Arc::new(Raster {
            min_y: q.px_bounds().min.y,
            pixels,
        })
    });
    lock().entry(key).or_insert(made).clone()
}

/// The width plotters' ab_glyph font gives `text` at `size` (advances and kerning, summed in
/// f32, truncated to whole pixels); `None` if the font could not be read.
pub fn width(text: &str, size: f64, bold: bool) -> Option<f64> {
    let face = face(bold)?;
    Some(f64::from((advance(face, size, text) as i32).unsigned_abs()))
}

/// The sum of the advances and kerning of `text`, as plotters' `estimate_layout` adds them
/// (each scaled value the product `ScaleFont::h_advance` and `ScaleFont::kern` compute).
fn advance(face: &Face, size: f64, text: &str) -> f32 {
    let factor = face.font.as_scaled(size as f32).h_scale_factor();
    let mut x = 0f32;
    let mut prev = None;
    for c in text.chars() {
        let id = face.id(c);
        x += factor * face.advance_unscaled(c, id);
        if let Some(p) = prev {
            x += factor * face.kern_unscaled(p, id);
        }
        prev = Some(id);
    }
    x
}

/// One line of text for a bitmap backend, drawn as plotters' `Text` draws it with the same
/// font, size, colour and anchor (no rotation).
pub struct BitmapText<'a> {
    pub text: &'a str,
    pub at: BackendCoord,
    pub size: f64,
    pub bold: bool,
    pub rgb: (u8, u8, u8),
    pub anchor: Pos,
}

impl<'b> PointCollection<'b, BackendCoord> for &'b BitmapText<'_> {
    type Point = &'b BackendCoord;
    type IntoIter = std::iter::Once<&'b BackendCoord>;
    fn point_iter(self) -> Self::IntoIter {
        std::iter::once(&self.at)
    }
}

impl<DB: DrawingBackend> Drawable<DB> for BitmapText<'_> {
    fn draw<I: Iterator<Item = BackendCoord>>(
        &self,
        mut points: I,
        backend: &mut DB,
        _: (u32, u32),
    ) -> Result<(), DrawingErrorKind<DB::ErrorType>> {
        let Some(pos) = points.next() else {
            return Ok(());
        };
        let Some(face) = face(self.bold) else {
            return Err(DrawingErrorKind::FontError(
                "DejaVu Sans could not be read".into(),
            ));
        };
        // The layout box and anchor offsets of plotters' `draw_text`.
        let width = advance(face, self.size, self.text) as i32;
        let height = (self.size / 1.24) as i32;
        let dx = match self.anchor.h_pos {
            HPos::Left => 0,
            HPos::Right => -width,
            HPos::Center => -width / 2,
        };
        let dy = match self.anchor.v_pos {
            VPos::Top => 0,
            VPos::Center => -height / 2,
            VPos::Bottom => -height,
        };
        let (w, h) = backend.get_size();
        let (w, h) = (w as i32, h as i32);
        // The glyph loop of plotters' ab_glyph `draw`.
        let size = self.size as f32;
        let font = face.font.as_scaled(size);
        let factor = font.h_scale_factor();
        let mut x_shift = 0f32;
        let mut prev: Option<GlyphId> = None;
        for c in self.text.chars() {
            let id = face.id(c);
            if let Some(p) = prev {
                x_shift += factor * face.kern_unscaled(p, id);
            }
            prev = Some(id);
            if let Some(r) = raster(&font, self.bold, size, id) {
                let y_shift = (size / 2.0 + r.min_y) as i32;
                let x0 = x_shift as i32;
                for &(x, y, c) in &r.pixels {
                    let px = pos.0 + x as i32 + x0 + dx;
                    let py = pos.1 + y as i32 + y_shift + dy;
                    if px >= 0 && px < w && py >= 0 && py < h {
                        let color = BackendColor {
                            alpha: f64::from(c),
                            rgb: self.rgb,
                        };
                        backend.draw_pixel((px, py), color)?;
                    }
                }
            }
            x_shift += factor * face.advance_unscaled(c, id);
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests;
