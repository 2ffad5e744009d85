//! Map class colours: a sequential ramp (pale yellow-green to deep blue) whose lightness falls
//! steadily, so the classes stay in order in greyscale and for colour-blind readers (order is
//! carried by lightness, not hue); a diverging one (orange below the centre, purple above, the
//! lightest next to the centre), for indicators centred on a value such as a change of 0.

/// Colours as (r, g, b).
pub type Rgb = (u8, u8, u8);

/// No data: white hatched with this grey (a texture, so it never reads as the lightest class).
pub const NO_DATA_HATCH: Rgb = (0x8E, 0x8E, 0x8E);
/// Economies outside the universe: white with an outline.
pub const OUTSIDE: Rgb = (0xFF, 0xFF, 0xFF);
/// Country outlines.
pub const OUTLINE: Rgb = (0x8A, 0x8A, 0x8A);

const SEQUENTIAL: [(f64, Rgb); 4] = [
    (0.0, (0xDC, 0xEF, 0xA4)),
    (0.3, (0x6F, 0xC3, 0xB2)),
    (0.7, (0x24, 0x7E, 0xB4)),
    (1.0, (0x14, 0x25, 0x6B)),
];
const BELOW: [Rgb; 2] = [(0xFD, 0xC9, 0x86), (0x86, 0x3A, 0x05)];
const ABOVE: [Rgb; 2] = [(0xC9, 0xC1, 0xE4), (0x35, 0x1B, 0x74)];

fn mix(a: Rgb, b: Rgb, t: f64) -> Rgb {
    let m = |x: u8, y: u8| (f64::from(x) + (f64::from(y) - f64::from(x)) * t).round() as u8;
    (m(a.0, b.0), m(a.1, b.1), m(a.2, b.2))
}

fn ramp(stops: &[(f64, Rgb)], t: f64) -> Rgb {
    let t = t.clamp(0.0, 1.0);
    for w in stops.windows(2) {
        let ((t0, a), (t1, b)) = (w[0], w[1]);
        if t <= t1 {
            return mix(a, b, (t - t0) / (t1 - t0));
        }
    }
    stops[stops.len() - 1].1
}

/// `n` sequential class colours, lightest (lowest class) first.
pub fn sequential(n: usize) -> Vec<Rgb> {
    match n {
        0 => vec![],
        1 => vec![ramp(&SEQUENTIAL, 0.5)],
        _ => (0..n)
            .map(|i| ramp(&SEQUENTIAL, i as f64 / (n - 1) as f64))
            .collect(),
    }
}

/// Diverging colours for `below` classes under the centre and `above` classes over it, in class
/// order (lowest first): the further from the centre, the darker.
pub fn diverging(below: usize, above: usize) -> Vec<Rgb> {
    let side = |k: usize, c: [Rgb; 2]| -> Vec<Rgb> {
        (0..k)
            .map(|j| {
                let t = if k == 1 {
                    0.35
                } else {
                    j as f64 / (k - 1) as f64
                };
                mix(c[0], c[1], t)
            })
            .collect()
    };
    let mut out = side(below, BELOW);
    out.reverse();
    out.extend(side(above, ABOVE));
    out
}

/// CIE L* (0 black to 100 white) of an sRGB colour: the lightness a greyscale print keeps.
pub fn lightness(c: Rgb) -> f64 {
    let lin = |v: u8| {
        let v = f64::from(v) / 255.0;
        if v <= 0.04045 {
            v / 12.92
        } else {
            ((v + 0.055) / 1.055).powf(2.4)
        }
    };
    let y = 0.2126 * lin(c.0) + 0.7152 * lin(c.1) + 0.0722 * lin(c.2);
    if y > 216.0 / 24389.0 {
        116.0 * y.cbrt() - 16.0
    } else {
        y * 24389.0 / 27.0
    }
}

/// "#RRGGBB".
pub fn hex(c: Rgb) -> String {
    format!("#{:02X}{:02X}{:02X}", c.0, c.1, c.2)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Protanopia and deuteranopia keep the blue–yellow axis and lightness; a ramp ordered by
    /// lightness with clear steps stays ordered for them and in greyscale.
    #[test]
    fn sequential_classes_step_down_in_lightness() {
        for n in 2..=7 {
            let c = sequential(n);
            assert_eq!(c.len(), n);
            for w in c.windows(2) {
                let (a, b) = (lightness(w[0]), lightness(w[1]));
                assert!(
                    a - b >= 9.0,
                    "{n} classes: {} then {}: L* {a:.1} → {b:.1}",
                    hex(w[0]),
                    hex(w[1])
                );
            }
            // The lightest class is clearly darker than white (outside the universe, the sea).
            assert!(lightness(c[0]) < 93.0);
        }
        assert_eq!(lightness((255, 255, 255)).round(), 100.0);
        assert_eq!(lightness((0, 0, 0)), 0.0);
    }

    #[test]
    fn diverging_classes_darken_away_from_the_centre() {
        let c = diverging(3, 2);
        assert_eq!(c.len(), 5);
        assert!(lightness(c[0]) < lightness(c[1]) && lightness(c[1]) < lightness(c[2]));
        assert!(lightness(c[3]) > lightness(c[4]));
        // Orange below (red above blue), purple above (blue above green).
        assert!(c[0].0 > c[0].2 && c[4].2 > c[4].1);
    }
}
