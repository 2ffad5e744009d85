//! End-of-line and slope labels spread along one axis: neighbours a gap apart, each as near its
//! line end as the others allow, the least important dropped when they cannot all fit.

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
