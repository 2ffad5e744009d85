//! Label placement in pixel space: scatter labels that avoid each other and the
//! point markers, and end-of-line labels spread vertically so they do not overlap.
//!
//! Both algorithms are greedy and deterministic: requests are handled in the order
//! given (the caller puts the most important first) and a label that finds no free
//! position is left out and counted.
//!
//! Scatter labels keep two promises a reader relies on: a label is never nearer another
//! point than its own (so it cannot be read as the neighbour's), and a label placed away from
//! its marker (further than the first ring of spots touching it) gets a leader line.

/// An axis-aligned rectangle in pixels (y grows downwards).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Rect {
    pub x0: f64,
    pub y0: f64,
    pub x1: f64,
    pub y1: f64,
}

impl Rect {
    /// A rectangle from its corners (any order).
    pub fn new(x0: f64, y0: f64, x1: f64, y1: f64) -> Self {
        Rect {
            x0: x0.min(x1),
            y0: y0.min(y1),
            x1: x0.max(x1),
            y1: y0.max(y1),
        }
    }

    /// The square around a circle of radius `r` centred at (x, y).
    pub fn around(x: f64, y: f64, r: f64) -> Self {
        Rect::new(x - r, y - r, x + r, y + r)
    }

    /// True when the interiors overlap (touching edges do not count).
    pub fn intersects(&self, o: &Rect) -> bool {
        self.x0 < o.x1 && o.x0 < self.x1 && self.y0 < o.y1 && o.y0 < self.y1
    }

    /// True when `o` lies entirely inside `self`.
    pub fn contains(&self, o: &Rect) -> bool {
        o.x0 >= self.x0 && o.x1 <= self.x1 && o.y0 >= self.y0 && o.y1 <= self.y1
    }

    /// The rectangle grown by `d` on every side.
    pub fn grow(&self, d: f64) -> Self {
        Rect::new(self.x0 - d, self.y0 - d, self.x1 + d, self.y1 + d)
    }

    /// Distance from (x, y) to the nearest point of the rectangle (0 inside it).
    pub fn distance(&self, x: f64, y: f64) -> f64 {
        let (px, py) = self.nearest_point(x, y);
        ((px - x).powi(2) + (py - y).powi(2)).sqrt()
    }

    /// The point of the rectangle closest to (x, y).
    pub fn nearest_point(&self, x: f64, y: f64) -> (f64, f64) {
        (x.clamp(self.x0, self.x1), y.clamp(self.y0, self.y1))
    }
}

/// One label to place: the marker it belongs to and its text variants, best first
/// (for example the country name, then the ISO code as a shorter fallback).
#[derive(Debug, Clone, PartialEq)]
pub struct LabelRequest {
    /// The caller's identifier (for example the index of the point).
    pub id: usize,
    /// Centre of the marker in pixels.
    pub anchor: (f64, f64),
    /// Radius of the marker in pixels.
    pub radius: f64,
    /// Text variants with their measured (width, height) in pixels, best first.
    pub texts: Vec<(String, (f64, f64))>,
}

/// A label that found a place.
#[derive(Debug, Clone, PartialEq)]
pub struct PlacedLabel {
    pub id: usize,
    pub text: String,
    /// Where the text goes (its measured box).
    pub rect: Rect,
    /// A leader line from the marker edge to the label, for labels placed further out.
    pub leader: Option<((f64, f64), (f64, f64))>,
}

/// The result of placing labels.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Placement {
    /// Placed labels, in request order.
    pub placed: Vec<PlacedLabel>,
    /// Number of requested labels that could not be placed.
    pub omitted: usize,
}

/// Gap in pixels kept between a label and a marker or another label.
const GAP: f64 = 3.0;

/// Places labels greedily. A label may not leave `bounds`, overlap a placed label,
/// or cover any rectangle in `obstacles` (pass every marker's square, plus legends).
///
/// Candidates, in order: right, left, above, below, the four diagonals, then the same
/// eight directions at two further distances with a leader line back to the marker.
/// For each distance ring all text variants are tried before moving further out, so a
/// short variant close to the point is preferred over a long one far away.
///
/// The only points a label is kept nearer to its own than to are the requests' anchors; use
/// [`place_labels_among`] when unlabelled points are drawn too.
pub fn place_labels(requests: &[LabelRequest], obstacles: &[Rect], bounds: Rect) -> Placement {
    let points: Vec<(f64, f64)> = requests.iter().map(|r| r.anchor).collect();
    place_labels_among(requests, &points, obstacles, bounds)
}

/// The gap between a label and its own marker on the first ring of spots.
pub fn first_ring_distance(radius: f64) -> f64 {
    radius + GAP
}

/// As [`place_labels`], keeping each label strictly nearer its own anchor than every point in
/// `points` (every marker drawn, labelled or not) that is not at its anchor.
pub fn place_labels_among(
    requests: &[LabelRequest],
    points: &[(f64, f64)],
    obstacles: &[Rect],
    bounds: Rect,
) -> Placement {
    let mut placement = Placement::default();
    let mut taken: Vec<Rect> = Vec::new();
    for req in requests {
        match place_one(req, points, obstacles, &taken, bounds) {
            Some(label) => {
                taken.push(label.rect.grow(GAP / 2.0));
                placement.placed.push(label);
            }
            None => placement.omitted += 1,
        }
    }
    placement
}

/// True when no point of `points` other than those at `anchor` is as near `rect` as `anchor`.
fn nearest_to_own(rect: &Rect, anchor: (f64, f64), points: &[(f64, f64)]) -> bool {
    let own = rect.distance(anchor.0, anchor.1);
    points.iter().all(|&(x, y)| {
        let same = (x - anchor.0).abs() < SAME_SPOT && (y - anchor.1).abs() < SAME_SPOT;
        same || rect.distance(x, y) > own + NEAREST_MARGIN
    })
}

/// How much further than its own point any other point must be from a label (pixels).
const NEAREST_MARGIN: f64 = 0.5;
/// Points closer than this (pixels, on each axis) are drawn as one spot: a label cannot be
/// nearer one than the other.
const SAME_SPOT: f64 = 1.5;

fn place_one(
    req: &LabelRequest,
    points: &[(f64, f64)],
    obstacles: &[Rect],
    taken: &[Rect],
    bounds: Rect,
) -> Option<PlacedLabel> {
    let (ax, ay) = req.anchor;
    for (ring, factor) in [1.0, 2.6, 4.4, 6.5, 9.0].iter().enumerate() {
        for (text, (w, h)) in &req.texts {
            let d = (req.radius + GAP) * factor + if ring > 0 { 6.0 } else { 0.0 };
            let diag = d * std::f64::consts::FRAC_1_SQRT_2;
            // Top-left corners of the candidate boxes.
            let mut candidates = vec![
                (ax + d, ay - h / 2.0),         // right
                (ax - d - w, ay - h / 2.0),     // left
                (ax - w / 2.0, ay - d - h),     // above
                (ax - w / 2.0, ay + d),         // below
                (ax + diag, ay - diag - h),     // above right
                (ax - diag - w, ay - diag - h), // above left
                (ax + diag, ay + diag),         // below right
                (ax - diag - w, ay + diag),     // below left
            ];
            // Slid along the marker, still touching the same ring: above and below with the
            // point under the label's start or end, beside it a little higher or lower.
            for t in [0.15, 0.85] {
                candidates.push((ax - w * t, ay - d - h));
                candidates.push((ax - w * t, ay + d));
            }
            for t in [0.1, 0.9] {
                candidates.push((ax + d, ay - h * t));
                candidates.push((ax - d - w, ay - h * t));
            }
            for (x, y) in candidates {
                let rect = Rect::new(x, y, x + w, y + h);
                if !bounds.contains(&rect) {
                    continue;
                }
                let padded = rect.grow(GAP / 2.0);
                if taken.iter().any(|t| t.intersects(&padded)) {
                    continue;
                }
                if obstacles.iter().any(|o| o.intersects(&padded)) {
                    continue;
                }
                if !nearest_to_own(&rect, req.anchor, points) {
                    continue;
                }
                let leader = (ring > 0).then(|| {
                    let (px, py) = rect.nearest_point(ax, ay);
                    let (dx, dy) = (px - ax, py - ay);
                    let len = (dx * dx + dy * dy).sqrt().max(1e-9);
                    let start = (
                        ax + dx / len * (req.radius + 1.0),
                        ay + dy / len * (req.radius + 1.0),
                    );
                    (start, (px, py))
                });
                return Some(PlacedLabel {
                    id: req.id,
                    text: text.clone(),
                    rect,
                    leader,
                });
            }
        }
    }
    None
}

/// Spreads labels along one axis so that neighbours are at least `gap` apart, keeping
/// them within `[lo, hi]` and as close as possible to their desired positions.
///
/// `desired` holds (id, position, priority); when all labels cannot fit, those with the
/// lowest priority (then the highest id) are dropped. Returns (id, position) sorted by
/// position, and the number dropped.
pub fn spread_1d(
    desired: &[(usize, f64, f64)],
    gap: f64,
    lo: f64,
    hi: f64,
) -> (Vec<(usize, f64)>, usize) {
    let capacity = if hi > lo && gap > 0.0 {
        ((hi - lo) / gap).floor() as usize + 1
    } else {
        1
    };
    let mut items: Vec<(usize, f64, f64)> = desired.to_vec();
    let mut dropped = 0;
    if items.len() > capacity {
        items.sort_by(|a, b| b.2.total_cmp(&a.2).then(a.0.cmp(&b.0)));
        dropped = items.len() - capacity;
        items.truncate(capacity);
    }
    items.sort_by(|a, b| a.1.total_cmp(&b.1).then(a.0.cmp(&b.0)));
    let mut pos: Vec<f64> = items.iter().map(|i| i.1.clamp(lo, hi)).collect();
    // Alternate forward and backward sweeps, then re-centre clusters; a few rounds suffice.
    for _ in 0..50 {
        let before = pos.clone();
        for i in 1..pos.len() {
            if pos[i] < pos[i - 1] + gap {
                pos[i] = pos[i - 1] + gap;
            }
        }
        if let Some(last) = pos.last_mut() {
            if *last > hi {
                *last = hi;
            }
        }
        for i in (0..pos.len().saturating_sub(1)).rev() {
            if pos[i] > pos[i + 1] - gap {
                pos[i] = pos[i + 1] - gap;
            }
        }
        if let Some(first) = pos.first_mut() {
            if *first < lo {
                *first = lo;
            }
        }
        for i in 1..pos.len() {
            if pos[i] < pos[i - 1] + gap {
                pos[i] = pos[i - 1] + gap;
            }
        }
        // Pull each label back towards where it wants to be when there is room.
        for i in 0..pos.len() {
            let want = items[i].1.clamp(lo, hi);
            let min = if i > 0 { pos[i - 1] + gap } else { lo };
            let max = if i + 1 < pos.len() {
                pos[i + 1] - gap
            } else {
                hi
            };
            if min <= max {
                pos[i] = want.clamp(min, max);
            }
        }
        if pos == before {
            break;
        }
    }
    let out = items.iter().zip(pos).map(|(i, p)| (i.0, p)).collect();
    (out, dropped)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn req(id: usize, x: f64, y: f64, w: f64) -> LabelRequest {
        LabelRequest {
            id,
            anchor: (x, y),
            radius: 5.0,
            texts: vec![(format!("L{id}"), (w, 16.0))],
        }
    }

    fn markers(reqs: &[LabelRequest]) -> Vec<Rect> {
        reqs.iter()
            .map(|r| Rect::around(r.anchor.0, r.anchor.1, r.radius))
            .collect()
    }

    fn assert_valid(p: &Placement, obstacles: &[Rect], bounds: Rect) {
        for (i, a) in p.placed.iter().enumerate() {
            assert!(bounds.contains(&a.rect), "{a:?} leaves bounds");
            for o in obstacles {
                assert!(!a.rect.intersects(o), "{a:?} covers marker {o:?}");
            }
            for b in &p.placed[i + 1..] {
                assert!(!a.rect.intersects(&b.rect), "{a:?} overlaps {b:?}");
            }
        }
    }

    #[test]
    fn isolated_point_goes_right() {
        let reqs = vec![req(0, 100.0, 100.0, 40.0)];
        let bounds = Rect::new(0.0, 0.0, 400.0, 400.0);
        let p = place_labels(&reqs, &markers(&reqs), bounds);
        assert_eq!(p.omitted, 0);
        assert!(p.placed[0].rect.x0 > 105.0);
        assert!(p.placed[0].leader.is_none());
    }

    #[test]
    fn point_at_right_edge_goes_left() {
        let reqs = vec![req(0, 390.0, 100.0, 40.0)];
        let bounds = Rect::new(0.0, 0.0, 400.0, 400.0);
        let p = place_labels(&reqs, &markers(&reqs), bounds);
        assert!(p.placed[0].rect.x1 < 385.0);
    }

    #[test]
    fn dense_cluster_never_overlaps_and_counts_omissions() {
        // A 6 x 6 grid of points 12 px apart: far too dense for all labels.
        let mut reqs = Vec::new();
        for i in 0..6 {
            for j in 0..6 {
                reqs.push(req(
                    i * 6 + j,
                    150.0 + 12.0 * i as f64,
                    150.0 + 12.0 * j as f64,
                    50.0,
                ));
            }
        }
        let obstacles = markers(&reqs);
        let bounds = Rect::new(0.0, 0.0, 400.0, 400.0);
        let p = place_labels(&reqs, &obstacles, bounds);
        assert_valid(&p, &obstacles, bounds);
        assert!(p.omitted > 0);
        assert_eq!(p.placed.len() + p.omitted, reqs.len());
    }

    #[test]
    fn priority_order_wins() {
        // Two points on top of each other with room for only one label nearby: the first wins.
        let mut reqs = vec![req(7, 20.0, 20.0, 30.0), req(3, 21.0, 20.0, 30.0)];
        let bounds = Rect::new(0.0, 0.0, 70.0, 40.0);
        let p = place_labels(&reqs, &markers(&reqs), bounds);
        assert_eq!(p.placed.first().map(|l| l.id), Some(7));
        reqs.swap(0, 1);
        let p = place_labels(&reqs, &markers(&reqs), bounds);
        assert_eq!(p.placed.first().map(|l| l.id), Some(3));
    }

    #[test]
    fn falls_back_to_short_text() {
        let reqs = vec![LabelRequest {
            id: 0,
            anchor: (50.0, 20.0),
            radius: 5.0,
            texts: vec![
                ("A very long country name".into(), (300.0, 16.0)),
                ("AVL".into(), (30.0, 16.0)),
            ],
        }];
        let bounds = Rect::new(0.0, 0.0, 120.0, 40.0);
        let p = place_labels(&reqs, &markers(&reqs), bounds);
        assert_eq!(p.placed[0].text, "AVL");
    }

    #[test]
    fn random_scatter_is_valid() {
        // Deterministic pseudo-random points (linear congruential generator).
        let mut s: u64 = 12345;
        let mut next = || {
            s = s
                .wrapping_mul(6364136223846793005)
                .wrapping_add(1442695040888963407);
            (s >> 33) as f64 / (1u64 << 31) as f64
        };
        let reqs: Vec<LabelRequest> = (0..120)
            .map(|i| {
                req(
                    i,
                    20.0 + 560.0 * next(),
                    20.0 + 360.0 * next(),
                    20.0 + 60.0 * next(),
                )
            })
            .collect();
        let obstacles = markers(&reqs);
        let bounds = Rect::new(0.0, 0.0, 600.0, 400.0);
        let p = place_labels(&reqs, &obstacles, bounds);
        assert_valid(&p, &obstacles, bounds);
        assert_eq!(p.placed.len() + p.omitted, 120);
        assert!(p.placed.len() > 40, "placed only {}", p.placed.len());
    }

    #[test]
    fn spread_keeps_gap_and_bounds() {
        let desired = vec![
            (0, 100.0, 1.0),
            (1, 101.0, 1.0),
            (2, 102.0, 1.0),
            (3, 300.0, 1.0),
        ];
        let (out, dropped) = spread_1d(&desired, 20.0, 0.0, 400.0);
        assert_eq!(dropped, 0);
        for w in out.windows(2) {
            assert!(w[1].1 - w[0].1 >= 20.0 - 1e-9);
        }
        assert_eq!(out.iter().find(|o| o.0 == 3).map(|o| o.1), Some(300.0));
    }

    #[test]
    fn spread_drops_lowest_priority_when_full() {
        let desired: Vec<(usize, f64, f64)> = (0..10).map(|i| (i, 50.0, i as f64)).collect();
        let (out, dropped) = spread_1d(&desired, 20.0, 0.0, 100.0);
        assert_eq!(dropped, 4);
        assert_eq!(out.len(), 6);
        assert!(out.iter().all(|o| o.0 >= 4));
        for w in out.windows(2) {
            assert!(w[1].1 - w[0].1 >= 20.0 - 1e-9);
        }
        assert!(out.iter().all(|o| (0.0..=100.0).contains(&o.1)));
    }
}

#[cfg(test)]
#[path = "labels_crowded_tests.rs"]
mod crowded_tests;
