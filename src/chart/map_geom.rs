//! Pixel geometry for maps: rings clipped to the map's rectangle (Sutherland–Hodgman), hatch
//! lines inside a set of rings (even–odd, so holes stay clear), SVG path data.

use super::labels::Rect;

pub type Ring = Vec<(f64, f64)>;

fn clip_edge(
    pts: &[(f64, f64)],
    inside: impl Fn((f64, f64)) -> bool,
    cross: impl Fn((f64, f64), (f64, f64)) -> (f64, f64),
) -> Ring {
    let mut out = Vec::with_capacity(pts.len() + 4);
    for i in 0..pts.len() {
        let a = pts[i];
        let b = pts[(i + 1) % pts.len()];
        let (ia, ib) = (inside(a), inside(b));
        if ia {
            out.push(a);
        }
        if ia != ib {
            out.push(cross(a, b));
        }
    }
    out
}

/// The part of a closed ring inside `r` (may be empty); concave rings come back with edges
/// along the rectangle, which fill correctly.
pub fn clip_ring(ring: &[(f64, f64)], r: Rect) -> Ring {
    let at_x = |x: f64| {
        move |a: (f64, f64), b: (f64, f64)| (x, a.1 + (x - a.0) / (b.0 - a.0) * (b.1 - a.1))
    };
    let at_y = |y: f64| {
        move |a: (f64, f64), b: (f64, f64)| (a.0 + (y - a.1) / (b.1 - a.1) * (b.0 - a.0), y)
    };
    let p = clip_edge(ring, |p| p.0 >= r.x0, at_x(r.x0));
    let p = clip_edge(&p, |p| p.0 <= r.x1, at_x(r.x1));
    let p = clip_edge(&p, |p| p.1 >= r.y0, at_y(r.y0));
    let p = clip_edge(&p, |p| p.1 <= r.y1, at_y(r.y1));
    if p.len() < 3 {
        Vec::new()
    } else {
        p
    }
}

/// Signed area (shoelace).
pub fn area(ring: &[(f64, f64)]) -> f64 {
    let n = ring.len();
    (0..n)
        .map(|i| {
            let (a, b) = (ring[i], ring[(i + 1) % n]);
            a.0 * b.1 - b.0 * a.1
        })
        .sum::<f64>()
        / 2.0
}

/// Bounding box of rings.
pub fn bounds(rings: &[Ring]) -> Option<Rect> {
    let mut pts = rings.iter().flatten();
    let first = pts.next()?;
    let mut r = Rect::new(first.0, first.1, first.0, first.1);
    for p in pts {
        r.x0 = r.x0.min(p.0);
        r.y0 = r.y0.min(p.1);
        r.x1 = r.x1.max(p.0);
        r.y1 = r.y1.max(p.1);
    }
    Some(r)
}

/// Diagonal hatch segments (45°, rising to the right) `spacing` pixels apart inside `rings`
/// under the even–odd rule.
pub fn hatch(rings: &[Ring], spacing: f64) -> Vec<((f64, f64), (f64, f64))> {
    let s2 = std::f64::consts::SQRT_2;
    // Rotated frame: u along the hatch lines, v across them.
    let rot = |(x, y): (f64, f64)| ((x - y) / s2, (x + y) / s2);
    let back = |(u, v): (f64, f64)| ((u + v) / s2, (v - u) / s2);
    let rr: Vec<Vec<(f64, f64)>> = rings
        .iter()
        .map(|r| r.iter().map(|&p| rot(p)).collect())
        .collect();
    let (mut lo, mut hi) = (f64::INFINITY, f64::NEG_INFINITY);
    for p in rr.iter().flatten() {
        lo = lo.min(p.1);
        hi = hi.max(p.1);
    }
    let mut out = Vec::new();
    if lo >= hi || lo.is_nan() || hi.is_nan() || spacing <= 0.0 {
        return out;
    }
    let mut v = (lo / spacing).ceil() * spacing;
    while v < hi {
        let mut us: Vec<f64> = Vec::new();
        for ring in &rr {
            for i in 0..ring.len() {
                let (a, b) = (ring[i], ring[(i + 1) % ring.len()]);
                if (a.1 <= v) != (b.1 <= v) {
                    us.push(a.0 + (v - a.1) / (b.1 - a.1) * (b.0 - a.0));
                }
            }
        }
        us.sort_by(f64::total_cmp);
        for pair in us.chunks_exact(2) {
            out.push((back((pair[0], v)), back((pair[1], v))));
        }
        v += spacing;
    }
    out
}

/// SVG path data for rings ("M x y L … Z" per ring, one decimal).
pub fn svg_path(rings: &[Ring]) -> String {
    let mut d = String::new();
    for r in rings {
        for (i, p) in r.iter().enumerate() {
            d.push_str(if i == 0 { "M" } else { "L" });
            d.push_str(&format!("{:.1} {:.1}", p.0, p.1));
        }
        d.push('Z');
    }
    d
}

/// Text safe inside SVG markup.
pub fn xml_escape(s: &str) -> String {
    let s = crate::output::text::visible(s);
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

/// Liang–Barsky: the part of segment a–b inside r.
pub fn clip_segment(a: (f64, f64), b: (f64, f64), r: Rect) -> Option<((f64, f64), (f64, f64))> {
    let (dx, dy) = (b.0 - a.0, b.1 - a.1);
    let (mut t0, mut t1) = (0.0f64, 1.0f64);
    for (p, q) in [
        (-dx, a.0 - r.x0),
        (dx, r.x1 - a.0),
        (-dy, a.1 - r.y0),
        (dy, r.y1 - a.1),
    ] {
        if p == 0.0 {
            if q < 0.0 {
                return None;
            }
        } else {
            let t = q / p;
            if p < 0.0 {
                t0 = t0.max(t);
            } else {
                t1 = t1.min(t);
            }
        }
    }
    (t0 <= t1).then_some((
        (a.0 + t0 * dx, a.1 + t0 * dy),
        (a.0 + t1 * dx, a.1 + t1 * dy),
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn clipping_keeps_the_inside_of_the_rectangle() {
        let sq = vec![(-5.0, -5.0), (5.0, -5.0), (5.0, 5.0), (-5.0, 5.0)];
        let c = clip_ring(&sq, Rect::new(0.0, 0.0, 10.0, 10.0));
        assert!((area(&c).abs() - 25.0).abs() < 1e-9);
        assert!(clip_ring(&sq, Rect::new(20.0, 20.0, 30.0, 30.0)).is_empty());
    }

    #[test]
    fn hatching_skips_holes() {
        let outer = vec![(0.0, 0.0), (100.0, 0.0), (100.0, 100.0), (0.0, 100.0)];
        let hole = vec![(40.0, 40.0), (60.0, 40.0), (60.0, 60.0), (40.0, 60.0)];
        let segs = hatch(&[outer, hole], 5.0);
        assert!(!segs.is_empty());
        for (a, b) in &segs {
            // Every segment lies along a 45° line, and its midpoint is not in the hole.
            assert!(
                ((b.0 - a.0) - (b.1 - a.1)).abs() < 1e-6
                    || ((b.0 - a.0) + (b.1 - a.1)).abs() < 1e-6
            );
            let m = ((a.0 + b.0) / 2.0, (a.1 + b.1) / 2.0);
            assert!(
                !(m.0 > 40.5 && m.0 < 59.5 && m.1 > 40.5 && m.1 < 59.5),
                "{a:?} {b:?}"
            );
        }
    }
}
