//! Label placement on a crowded, realistic scatter: 40 countries whose values cluster the way
//! R&D intensity against robot density does (a dense cloud low left, a few leaders far out).
//! Checked geometrically over every placed label.

use super::*;

/// Width of a label in pixels at 18 px DejaVu Sans, close enough for layout: 0.55 em a letter.
fn text_w(s: &str) -> f64 {
    0.55 * 18.0 * s.chars().count() as f64
}

const NAMES: [&str; 40] = [
    "Korea",
    "Singapore",
    "China",
    "Germany",
    "Japan",
    "Sweden",
    "Denmark",
    "Switzerland",
    "United States",
    "Belgium",
    "Austria",
    "Netherlands",
    "Slovenia",
    "Italy",
    "Taiwan",
    "Canada",
    "France",
    "Finland",
    "Spain",
    "Czechia",
    "Israel",
    "Norway",
    "Slovakia",
    "Portugal",
    "United Kingdom",
    "Australia",
    "Hungary",
    "Poland",
    "Mexico",
    "Türkiye",
    "Estonia",
    "Ireland",
    "Greece",
    "New Zealand",
    "Chile",
    "Colombia",
    "Argentina",
    "Brazil",
    "India",
    "South Africa",
];

/// Pixel positions in a 1200 x 600 plot: a tight cluster of 28 points, a looser ring, 4 leaders.
fn crowded() -> Vec<(f64, f64)> {
    let mut s: u64 = 2024;
    let mut next = || {
        s = s
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        (s >> 33) as f64 / (1u64 << 31) as f64
    };
    (0..40)
        .map(|i| match i {
            0..=3 => (900.0 + 250.0 * next(), 80.0 + 120.0 * next()),
            4..=11 => (450.0 + 300.0 * next(), 200.0 + 200.0 * next()),
            // The cloud: 28 points within 160 x 90 pixels.
            _ => (250.0 + 160.0 * next(), 380.0 + 90.0 * next()),
        })
        .collect()
}

/// The two promises, over every placed label: never nearer another point of `pts` than its
/// own; a leader line exactly when it sits away from the spots touching its marker, running
/// straight from the marker's edge to the label.
fn check_nearest_and_leaders(p: &Placement, pts: &[(f64, f64)], radius: f64) {
    for label in &p.placed {
        let (ax, ay) = pts[label.id];
        let own = label.rect.distance(ax, ay);
        for (j, &(x, y)) in pts.iter().enumerate() {
            if j != label.id {
                let other = label.rect.distance(x, y);
                assert!(
                    other > own,
                    "{} is {other:.1} px from point {j} but {own:.1} px from its own",
                    label.text
                );
            }
        }
        let adjacent = first_ring_distance(radius) + 0.5;
        match label.leader {
            None => assert!(
                own <= adjacent,
                "{} sits {own:.1} px from its point with no leader line",
                label.text
            ),
            Some((start, end)) => {
                assert!(
                    own > adjacent,
                    "{} has a leader but sits by its point",
                    label.text
                );
                let from_centre = ((start.0 - ax).powi(2) + (start.1 - ay).powi(2)).sqrt();
                assert!(
                    (from_centre - (radius + 1.0)).abs() < 0.01,
                    "leader starts at the marker edge"
                );
                assert!(
                    label.rect.distance(end.0, end.1) < 1e-9,
                    "leader ends on the label"
                );
                let len = ((end.0 - start.0).powi(2) + (end.1 - start.1).powi(2)).sqrt();
                assert!(
                    (len - (own - radius - 1.0)).abs() < 0.01,
                    "leader goes straight to it"
                );
            }
        }
    }
}

fn requests(pts: &[(f64, f64)], radius: f64) -> Vec<LabelRequest> {
    pts.iter()
        .enumerate()
        .map(|(i, &(x, y))| LabelRequest {
            id: i,
            anchor: (x, y),
            radius,
            texts: vec![(NAMES[i].to_string(), (text_w(NAMES[i]), 18.0))],
        })
        .collect()
}

#[test]
fn crowded_labels_sit_nearest_their_own_point_and_moved_ones_have_leaders() {
    let pts = crowded();
    let radius = 6.0;
    let markers: Vec<Rect> = pts
        .iter()
        .map(|&(x, y)| Rect::around(x, y, radius + 1.0))
        .collect();
    let bounds = Rect::new(0.0, 0.0, 1200.0, 600.0);
    let p = place_labels_among(&requests(&pts, radius), &pts, &markers, bounds);

    assert_eq!(
        p.placed.len() + p.omitted,
        40,
        "every label placed or counted"
    );
    let placed = |i: usize| p.placed.iter().any(|l| l.id == i);
    assert!(
        (0..12).all(placed),
        "every point outside the cloud is labelled"
    );
    assert!(
        (12..40).filter(|&i| placed(i)).count() >= 8,
        "too few labels in the cloud"
    );
    check_nearest_and_leaders(&p, &pts, radius);
    for (n, label) in p.placed.iter().enumerate() {
        assert_eq!(
            label.text, NAMES[label.id],
            "the name, never a code in its place"
        );
        assert!(bounds.contains(&label.rect), "{label:?} leaves the plot");
        for (j, m) in markers.iter().enumerate() {
            assert!(
                !label.rect.intersects(m),
                "{} covers {}'s marker",
                label.text,
                NAMES[j]
            );
        }
        for other in &p.placed[n + 1..] {
            assert!(
                !label.rect.intersects(&other.rect),
                "{} overlaps {}",
                label.text,
                other.text
            );
        }
    }
}

#[test]
fn labels_pushed_off_their_marker_get_leader_lines() {
    // The crowded layout again, with a key box over the ring of spots around every leader
    // point: their labels must go further out, each with a leader line.
    let pts = crowded();
    let radius = 6.0;
    let mut obstacles: Vec<Rect> = pts
        .iter()
        .map(|&(x, y)| Rect::around(x, y, radius + 1.0))
        .collect();
    for &(x, y) in &pts[..4] {
        // A ring of small boxes 8-20 px out: every first-ring spot touches one.
        for k in 0..16 {
            let a = k as f64 * std::f64::consts::PI / 8.0;
            obstacles.push(Rect::around(x + 14.0 * a.cos(), y + 14.0 * a.sin(), 6.0));
        }
    }
    let bounds = Rect::new(0.0, 0.0, 1200.0, 600.0);
    let p = place_labels_among(&requests(&pts, radius), &pts, &obstacles, bounds);
    let far: Vec<&PlacedLabel> = p.placed.iter().filter(|l| l.id < 4).collect();
    assert!(
        !far.is_empty(),
        "the leaders' labels found a place further out"
    );
    assert!(far.iter().all(|l| l.leader.is_some()), "{far:?}");
    for l in &p.placed {
        assert!(
            obstacles.iter().all(|o| !l.rect.intersects(o)),
            "{l:?} covers an obstacle"
        );
    }
    check_nearest_and_leaders(&p, &pts, radius);
}

#[test]
fn a_label_is_not_put_beside_a_neighbours_point() {
    // Switzerland and Denmark 30 px apart on one row: Switzerland's label must not go to the
    // right, where it would sit against Denmark's point.
    let pts = [(200.0, 100.0), (230.0, 100.0)];
    let req = |i: usize, name: &str| LabelRequest {
        id: i,
        anchor: pts[i],
        radius: 6.0,
        texts: vec![(name.to_string(), (text_w(name), 18.0))],
    };
    let requests = [req(0, "Switzerland"), req(1, "Denmark")];
    let markers: Vec<Rect> = pts.iter().map(|&(x, y)| Rect::around(x, y, 7.0)).collect();
    let p = place_labels_among(&requests, &pts, &markers, Rect::new(0.0, 0.0, 400.0, 300.0));
    assert_eq!(p.omitted, 0);
    for label in &p.placed {
        let (ax, ay) = pts[label.id];
        let (ox, oy) = pts[1 - label.id];
        assert!(
            label.rect.distance(ox, oy) > label.rect.distance(ax, ay),
            "{label:?}"
        );
    }
}
