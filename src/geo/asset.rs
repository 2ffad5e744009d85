//! The byte format of the embedded map geometry: one entry per ISO3 code (outline polygons
//! and/or a point), coordinates in degrees quantised to 1/1000°, delta- and varint-coded, then
//! deflated. Written by `curate` (src/curate/geo.rs), read once per process by [`super::world`].

use crate::error::{Error, Result};

/// Degrees are stored as integers of this many units per degree (1/1000° ≈ 111 m at the
/// equator, far below what 1:110m outlines resolve).
pub const UNITS_PER_DEGREE: f64 = 1000.0;
/// The first bytes of an asset (before the deflated body).
pub const MAGIC: &[u8] = b"innodex-geo 1\n";

/// A polygon: the outer ring first, then its holes; rings are implicitly closed
/// (the first point is not repeated). Points are (longitude, latitude) in degrees.
#[derive(Debug, Clone, PartialEq)]
pub struct Polygon {
    pub rings: Vec<Vec<(f64, f64)>>,
}

/// Where a point comes from: Natural Earth's tiny-countries layer, or a capital city from the
/// populated-places layer (for economies with neither an outline nor a tiny-country point).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PointKind {
    Tiny,
    Capital,
}

/// One economy's geometry.
#[derive(Debug, Clone, PartialEq)]
pub struct Shape {
    pub code: String,
    pub polygons: Vec<Polygon>,
    /// A point, for economies without a polygon at 1:110m.
    pub point: Option<(f64, f64, PointKind)>,
}

fn q(v: f64) -> i64 {
    (v * UNITS_PER_DEGREE).round() as i64
}

fn put_varint(out: &mut Vec<u8>, mut v: u64) {
    loop {
        let byte = (v & 0x7F) as u8;
        v >>= 7;
        if v == 0 {
            out.push(byte);
            return;
        }
        out.push(byte | 0x80);
    }
}

fn put_signed(out: &mut Vec<u8>, v: i64) {
    put_varint(out, ((v << 1) ^ (v >> 63)) as u64);
}

/// Quantises a ring and drops points equal to the one before (and a closing repeat).
pub fn quantise_ring(ring: &[(f64, f64)]) -> Vec<(i64, i64)> {
    let mut out: Vec<(i64, i64)> = Vec::with_capacity(ring.len());
    for &(lon, lat) in ring {
        let p = (q(lon), q(lat));
        if out.last() != Some(&p) {
            out.push(p);
        }
    }
    if out.len() > 1 && out.first() == out.last() {
        out.pop();
    }
    out
}

/// The uncompressed body of an asset (shapes sorted by code by the caller).
pub fn encode_body(shapes: &[Shape]) -> Vec<u8> {
    let mut out = Vec::new();
    put_varint(&mut out, shapes.len() as u64);
    for s in shapes {
        out.extend_from_slice(s.code.as_bytes());
        let flags = match s.point {
            None => 0u8,
            Some((_, _, PointKind::Tiny)) => 1,
            Some((_, _, PointKind::Capital)) => 3,
        };
        out.push(flags);
        put_varint(&mut out, s.polygons.len() as u64);
        for p in &s.polygons {
            let rings: Vec<Vec<(i64, i64)>> = p
                .rings
                .iter()
                .map(|r| quantise_ring(r))
                .filter(|r| r.len() >= 3)
                .collect();
            put_varint(&mut out, rings.len() as u64);
            for r in rings {
                put_varint(&mut out, r.len() as u64);
                let mut prev = (0i64, 0i64);
                for pt in r {
                    put_signed(&mut out, pt.0 - prev.0);
                    put_signed(&mut out, pt.1 - prev.1);
                    prev = pt;
                }
            }
        }
        if let Some((lon, lat, _)) = s.point {
            put_signed(&mut out, q(lon));
            put_signed(&mut out, q(lat));
        }
    }
    out
}

/// The asset's bytes: the magic line, then the deflated body (level 9; the same input always
/// gives the same bytes).
pub fn encode(shapes: &[Shape]) -> Vec<u8> {
    let mut out = MAGIC.to_vec();
    out.extend(miniz_oxide::deflate::compress_to_vec(
        &encode_body(shapes),
        9,
    ));
    out
}

struct Reader<'a> {
    bytes: &'a [u8],
    at: usize,
}

impl Reader<'_> {
    fn err(&self, what: &str) -> Error {
        Error::Chart(format!(
            "embedded map geometry is damaged at byte {} ({what}); rebuild it with `innodex curate`",
            self.at
        ))
    }
    fn byte(&mut self) -> Result<u8> {
        let b = *self
            .bytes
            .get(self.at)
            .ok_or_else(|| self.err("ends early"))?;
        self.at += 1;
        Ok(b)
    }
    fn varint(&mut self) -> Result<u64> {
        let mut v = 0u64;
        for shift in (0..64).step_by(7) {
            let b = self.byte()?;
            v |= u64::from(b & 0x7F) << shift;
            if b & 0x80 == 0 {
                return Ok(v);
            }
        }
        Err(self.err("number too long"))
    }
    fn signed(&mut self) -> Result<i64> {
        let v = self.varint()?;
        Ok(((v >> 1) as i64) ^ -((v & 1) as i64))
    }
    fn count(&mut self, max: u64) -> Result<usize> {
        let n = self.varint()?;
        if n > max {
            return Err(self.err("count out of range"));
        }
        Ok(n as usize)
    }
}

/// Reads an asset written by [`encode`].
pub fn decode(bytes: &[u8]) -> Result<Vec<Shape>> {
    let body = bytes.strip_prefix(MAGIC).ok_or_else(|| {
        Error::Chart("embedded map geometry has no header; rebuild it with `innodex curate`".into())
    })?;
    let body = miniz_oxide::inflate::decompress_to_vec_with_limit(body, 64 << 20).map_err(|e| {
        Error::Chart(format!(
            "embedded map geometry does not inflate ({e:?}); rebuild it with `innodex curate`"
        ))
    })?;
    let mut r = Reader {
        bytes: &body,
        at: 0,
    };
    let deg = |v: i64| v as f64 / UNITS_PER_DEGREE;
    let n = r.count(10_000)?;
    let mut shapes = Vec::with_capacity(n);
    for _ in 0..n {
        let code: String = (0..3)
            .map(|_| r.byte().map(char::from))
            .collect::<Result<String>>()?;
        let flags = r.byte()?;
        let np = r.count(10_000)?;
        let mut polygons = Vec::with_capacity(np);
        for _ in 0..np {
            let nr = r.count(10_000)?;
            let mut rings = Vec::with_capacity(nr);
            for _ in 0..nr {
                let npts = r.count(1_000_000)?;
                let mut ring = Vec::with_capacity(npts);
                let (mut x, mut y) = (0i64, 0i64);
                for _ in 0..npts {
                    x += r.signed()?;
                    y += r.signed()?;
                    ring.push((deg(x), deg(y)));
                }
                rings.push(ring);
            }
            polygons.push(Polygon { rings });
        }
        let point = if flags & 1 == 1 {
            let lon = deg(r.signed()?);
            let lat = deg(r.signed()?);
            let kind = if flags & 2 == 2 {
                PointKind::Capital
            } else {
                PointKind::Tiny
            };
            Some((lon, lat, kind))
        } else {
            None
        };
        shapes.push(Shape {
            code,
            polygons,
            point,
        });
    }
    if r.at != body.len() {
        return Err(r.err("trailing bytes"));
    }
    Ok(shapes)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shapes_survive_a_round_trip_at_the_stored_precision() {
        let shapes = vec![
            Shape {
                code: "AAA".into(),
                polygons: vec![Polygon {
                    rings: vec![
                        vec![
                            (-10.0, -10.0),
                            (10.0, -10.0),
                            (10.0, 10.0),
                            (-10.0, 10.0),
                            (-10.0, -10.0),
                        ],
                        vec![(-1.0, -1.0), (-1.0, 1.0), (1.0004, 1.0), (1.0, -1.0)],
                    ],
                }],
                point: None,
            },
            Shape {
                code: "BBB".into(),
                polygons: vec![],
                point: Some((103.8198, 1.3521, PointKind::Tiny)),
            },
            Shape {
                code: "CCC".into(),
                polygons: vec![],
                point: Some((-179.9996, -89.5, PointKind::Capital)),
            },
        ];
        let back = decode(&encode(&shapes)).expect("decodes");
        assert_eq!(back.len(), 3);
        // The closing repeat is dropped; 1.0004 is stored as 1.000.
        assert_eq!(back[0].polygons[0].rings[0].len(), 4);
        assert_eq!(back[0].polygons[0].rings[1][2], (1.0, 1.0));
        assert_eq!(back[1].point, Some((103.82, 1.352, PointKind::Tiny)));
        assert_eq!(back[2].point, Some((-180.0, -89.5, PointKind::Capital)));
        // Damage is an error, never a panic.
        let mut bad = encode(&shapes);
        bad.truncate(bad.len() - 3);
        assert!(decode(&bad).is_err());
        assert!(decode(b"nonsense").is_err());
    }
}
