//! The Equal Earth projection (Šavrič, Patterson and Jenny 2018, an equal-area projection for
//! world maps) on the unit sphere, with a central meridian; and the cutting of rings at the
//! meridian opposite it, so no shape is drawn across the map (Russia, Fiji, Chukotka).

const A1: f64 = 1.340264;
const A2: f64 = -0.081106;
const A3: f64 = 0.000893;
const A4: f64 = 0.003796;

/// Equal Earth (x, y) on a sphere of radius 1 for longitude and latitude in degrees, longitude
/// taken relative to the central meridian already. y grows northwards.
pub fn equal_earth(lon: f64, lat: f64) -> (f64, f64) {
    let m = 3f64.sqrt() / 2.0;
    let theta = (m * lat.to_radians().sin()).asin();
    let t2 = theta * theta;
    let t6 = t2 * t2 * t2;
    let x = 2.0 * 3f64.sqrt() * lon.to_radians() * theta.cos()
        / (3.0 * (9.0 * A4 * t6 * t2 + 7.0 * A3 * t6 + 3.0 * A2 * t2 + A1));
    let y = theta * (A1 + A2 * t2 + t6 * (A3 + A4 * t2));
    (x, y)
}

/// A projection: Equal Earth centred on `lon0`.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Projection {
    pub lon0: f64,
}

/// Longitude difference folded into [-180, 180).
fn wrap(d: f64) -> f64 {
    (d + 180.0).rem_euclid(360.0) - 180.0
}

impl Projection {
    pub fn new(lon0: f64) -> Self {
        Projection { lon0 }
    }

    /// A point (degrees) projected.
    pub fn point(&self, lon: f64, lat: f64) -> (f64, f64) {
        equal_earth(wrap(lon - self.lon0), lat)
    }

    /// A polygon (outer ring, then holes; degrees) projected, cut where it crosses the meridian
    /// opposite the centre: one piece per side it reaches, each piece a list of rings (outer
    /// first). A ring that winds around a pole (Antarctica) has no consistent cut and is left
    /// out: the result is empty when it is the outer ring.
    pub fn polygon(&self, rings: &[Vec<(f64, f64)>]) -> Vec<Vec<Vec<(f64, f64)>>> {
        // Each ring's longitudes relative to lon0, unwrapped so consecutive points are close.
        let mut unwrapped: Vec<Vec<(f64, f64)>> = Vec::new();
        for (i, ring) in rings.iter().enumerate() {
            let Some(&(l0, _)) = ring.first() else {
                continue;
            };
            let mut prev = wrap(l0 - self.lon0);
            if prev == -180.0 && l0 == 180.0 {
                prev = 180.0;
            }
            let mut out = Vec::with_capacity(ring.len());
            for &(lon, lat) in ring {
                let l = prev + wrap(lon - self.lon0 - prev);
                out.push((l, lat));
                prev = l;
            }
            // Closing the ring must come back to its start, else it winds around a pole.
            let back = prev + wrap(out[0].0 - prev);
            if (back - out[0].0).abs() > 1e-9 || out.len() < 3 {
                if i == 0 {
                    return Vec::new();
                }
                continue;
            }
            unwrapped.push(out);
        }
        let Some(outer) = unwrapped.first() else {
            return Vec::new();
        };
        let lo = outer.iter().map(|p| p.0).fold(f64::INFINITY, f64::min);
        let hi = outer.iter().map(|p| p.0).fold(f64::NEG_INFINITY, f64::max);
        let mut pieces = Vec::new();
        for shift in [-720.0, -360.0, 0.0, 360.0, 720.0] {
            if hi + shift <= -180.0 || lo + shift >= 180.0 {
                continue;
            }
            let inside = lo + shift >= -180.0 && hi + shift <= 180.0;
            let mut piece = Vec::new();
            for (i, ring) in unwrapped.iter().enumerate() {
                let moved: Vec<(f64, f64)> = ring.iter().map(|&(l, p)| (l + shift, p)).collect();
                let clipped = if inside {
                    moved
                } else {
                    clip_band(&moved, -180.0, 180.0)
                };
                if clipped.len() < 3 {
                    if i == 0 {
                        break;
                    }
                    continue;
                }
                piece.push(
                    clipped
                        .iter()
                        .map(|&(l, p)| equal_earth(l.clamp(-180.0, 180.0), p))
                        .collect(),
                );
            }
            if !piece.is_empty() {
                pieces.push(piece);
            }
        }
        pieces
    }
}

/// Sutherland–Hodgman: the part of a closed ring with `lo <= x <= hi`.
fn clip_band(ring: &[(f64, f64)], lo: f64, hi: f64) -> Vec<(f64, f64)> {
    let half = |pts: &[(f64, f64)], keep: &dyn Fn(f64) -> bool, edge: f64| {
        let mut out = Vec::with_capacity(pts.len() + 4);
        for i in 0..pts.len() {
            let a = pts[i];
            let b = pts[(i + 1) % pts.len()];
            let (ia, ib) = (keep(a.0), keep(b.0));
            if ia {
                out.push(a);
            }
            if ia != ib {
                let t = (edge - a.0) / (b.0 - a.0);
                out.push((edge, a.1 + t * (b.1 - a.1)));
            }
        }
        out
    };
    let west = half(ring, &|x| x >= lo, lo);
    half(&west, &|x| x <= hi, hi)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// PROJ's own test file (test/gie/builtins.gie, lines 656 and 659) gives Equal Earth on a
    /// sphere of radius 6,378,137 m: (180°, 0°) → x 17,263,256.84 m and (180°, 45°) →
    /// (14,795,421.79 m, 5,486,671.72 m), to 1 cm.
    #[test]
    fn equal_earth_matches_the_reference_points_of_proj() {
        let r = 6_378_137.0;
        let (x, y) = equal_earth(180.0, 0.0);
        assert!((x * r - 17_263_256.84).abs() < 0.01, "{}", x * r);
        assert!(y.abs() < 1e-12);
        let (x, y) = equal_earth(180.0, 45.0);
        assert!((x * r - 14_795_421.79).abs() < 0.01, "{}", x * r);
        assert!((y * r - 5_486_671.72).abs() < 0.01, "{}", y * r);
        // Symmetric in both axes.
        let (x2, y2) = equal_earth(-180.0, -45.0);
        assert_eq!((x2, y2), (-x, -y));
    }

    /// Equal area: a 10°×10° cell has the same projected area at every longitude, and the
    /// projected area of a band between two parallels is the sphere's (2π·Δsin φ), here summed
    /// as thin trapezoids.
    #[test]
    fn equal_earth_preserves_area() {
        let cell = |lon: f64, lat: f64| {
            let ring = [
                (lon, lat),
                (lon + 10.0, lat),
                (lon + 10.0, lat + 10.0),
                (lon, lat + 10.0),
            ];
            let mut pts = Vec::new();
            for w in 0..4 {
                let (a, b) = (ring[w], ring[(w + 1) % 4]);
                for s in 0..200 {
                    let t = s as f64 / 200.0;
                    pts.push(equal_earth(a.0 + t * (b.0 - a.0), a.1 + t * (b.1 - a.1)));
                }
            }
            let n = pts.len();
            (0..n)
                .map(|i| pts[i].0 * pts[(i + 1) % n].1 - pts[(i + 1) % n].0 * pts[i].1)
                .sum::<f64>()
                / 2.0
        };
        let sphere = |lat: f64| {
            (10f64).to_radians() * ((lat + 10.0).to_radians().sin() - lat.to_radians().sin())
        };
        for lat in [0.0, 30.0, 60.0, -80.0] {
            let a = cell(20.0, lat);
            assert!((a - cell(150.0, lat)).abs() < 1e-9);
            assert!(
                (a / sphere(lat) - 1.0).abs() < 2e-4,
                "lat {lat}: {a} vs {}",
                sphere(lat)
            );
        }
    }

    #[test]
    fn rings_are_cut_at_the_meridian_opposite_the_centre() {
        // A square straddling 180° (170°E to 170°W) on a map centred at 0° is split into two
        // pieces, one at each edge; centred at 180° it stays whole.
        let square = vec![vec![
            (170.0, -10.0),
            (-170.0, -10.0),
            (-170.0, 10.0),
            (170.0, 10.0),
        ]];
        let split = Projection::new(0.0).polygon(&square);
        assert_eq!(split.len(), 2);
        let edge = equal_earth(180.0, 10.0).0;
        for piece in &split {
            let xs: Vec<f64> = piece[0].iter().map(|p| p.0).collect();
            let (lo, hi) = (
                xs.iter().cloned().fold(f64::INFINITY, f64::min),
                xs.iter().cloned().fold(f64::NEG_INFINITY, f64::max),
            );
            // Each piece is narrow (10°), hugging one edge: no stripe across the map.
            assert!(hi - lo < 0.2, "{lo}..{hi}");
            assert!((hi - edge).abs() < 1e-6 || (lo + edge).abs() < 1e-6);
        }
        let whole = Projection::new(180.0).polygon(&square);
        assert_eq!(whole.len(), 1);
        // A ring around the pole has no cut: left out.
        let polar: Vec<(f64, f64)> = (0..36).map(|i| (-180.0 + 10.0 * i as f64, -80.0)).collect();
        assert!(Projection::new(0.0).polygon(&[polar]).is_empty());
    }
}
