//! Axis scales and ticks that hold for any finite data (±1.8e308 and log axes near 1e300
//! included: finite domains, bounded tick counts), and the number formats of ticks and labels.

/// A linear or base-10 logarithmic map from data values to pixels.
#[derive(Clone, Copy, Debug)]
pub struct Scale {
    pub d0: f64,
    pub d1: f64,
    pub p0: f64,
    pub p1: f64,
    pub log: bool,
}

impl Scale {
    fn t(&self, v: f64) -> f64 {
        if self.log {
            v.log10()
        } else {
            v
        }
    }

    /// The pixel of `v`: finite for any finite input (halves are subtracted so that spans near
    /// the largest f64 do not overflow), at most a million pixels off the page.
    pub fn px(&self, v: f64) -> f64 {
        let (a, b) = (self.t(self.d0), self.t(self.d1));
        let den = b / 2.0 - a / 2.0;
        if den == 0.0 || !den.is_finite() {
            return (self.p0 + self.p1) / 2.0;
        }
        let f = (self.t(v) / 2.0 - a / 2.0) / den;
        if f.is_nan() {
            return (self.p0 + self.p1) / 2.0;
        }
        let p = self.p0 + f.clamp(-1e4, 1e4) * (self.p1 - self.p0);
        p.clamp(-1e6, 1e6)
    }

    /// Tick values with their labels.
    pub fn tick_labels(&self, target: usize) -> Vec<(f64, String)> {
        if self.log {
            log_ticks(self.d0, self.d1)
                .into_iter()
                .map(|v| (v, fmt_magnitude(v)))
                .collect()
        } else {
            let (ticks, step) = linear_ticks(self.d0, self.d1, target);
            ticks.into_iter().map(|v| (v, fmt_tick(v, step))).collect()
        }
    }
}

/// Exponents a log axis may span: every power of ten in it is a positive, finite f64.
const LOG_MIN: f64 = -323.0;
const LOG_MAX: f64 = 308.0;

/// The domain of `values` with `pad` (a fraction of the span) added on both sides;
/// for log scales the padding is applied to the logarithms. Always finite, whatever finite
/// values come in (±1.8e308 included): the padding stops at the largest f64.
pub fn padded_domain(min: f64, max: f64, log: bool, pad: f64) -> (f64, f64) {
    let clamp = |v: f64| v.clamp(-f64::MAX, f64::MAX);
    if log {
        let (a, b) = (min.log10(), max.log10());
        let (a, b) = if b - a < 1e-9 {
            (a - 0.3, b + 0.3)
        } else {
            (a - (b - a) * pad, b + (b - a) * pad)
        };
        let (a, b) = (a.clamp(LOG_MIN, LOG_MAX), b.clamp(LOG_MIN, LOG_MAX));
        let (a, b) = if b - a < 0.1 {
            if b + 0.6 <= LOG_MAX {
                (a, b + 0.6)
            } else {
                (a - 0.6, b)
            }
        } else {
            (a, b)
        };
        (10f64.powf(a), 10f64.powf(b).min(f64::MAX))
    } else {
        // Half the span: finite even from -f64::MAX to f64::MAX.
        let half = max / 2.0 - min / 2.0;
        if half < 0.5e-12 * max.abs().max(1.0) {
            let d = (min.abs() * 0.1).max(1.0);
            (clamp(min - d), clamp(max + d))
        } else {
            let d = half * 2.0 * pad;
            (clamp(min - d), clamp(max + d))
        }
    }
}

/// A 1-2-5 step giving about `target` intervals over `span` (which may be infinite when it
/// came from a difference of huge values; the step then comes from the halves).
pub fn nice_step(span: f64, target: usize) -> f64 {
    nice_step_half(span / 2.0, target)
}

fn nice_step_half(half: f64, target: usize) -> f64 {
    let raw = half / target.max(1) as f64 * 2.0;
    if raw <= 0.0 || !raw.is_finite() {
        return 1.0;
    }
    let mag = 10f64.powf(raw.log10().floor());
    let f = raw / mag;
    let nice = if f <= 1.0 {
        1.0
    } else if f <= 2.0 {
        2.0
    } else if f <= 5.0 {
        5.0
    } else {
        10.0
    };
    (nice * mag).min(f64::MAX)
}

/// The most ticks any axis gets; more would only come from a degenerate range.
const MAX_TICKS: i64 = 60;

/// Multiples of a nice step inside [d0, d1]; returns the ticks and the step.
pub fn linear_ticks(d0: f64, d1: f64, target: usize) -> (Vec<f64>, f64) {
    if !(d0.is_finite() && d1.is_finite()) || d1 < d0 {
        return (Vec::new(), 1.0);
    }
    let step = nice_step_half(d1 / 2.0 - d0 / 2.0, target);
    let first = (d0 / step - 1e-9).ceil();
    let last = (d1 / step + 1e-9).floor();
    if !(first.is_finite() && last.is_finite()) || last - first > MAX_TICKS as f64 {
        return (Vec::new(), step);
    }
    let ticks = (first as i64..=last as i64)
        .map(|i| i as f64 * step)
        .filter(|v| v.is_finite())
        .map(|v| if v == 0.0 { 0.0 } else { v })
        .collect();
    (ticks, step)
}

/// Ticks for a log axis: powers of ten, adding 2 and 5 (or 1..9) for short ranges.
pub fn log_ticks(d0: f64, d1: f64) -> Vec<f64> {
    let (a, b) = (d0.log10(), d1.log10());
    if !(a.is_finite() && b.is_finite()) || b < a {
        return Vec::new();
    }
    let (a, b) = (
        a.clamp(LOG_MIN - 1.0, LOG_MAX + 1.0),
        b.clamp(LOG_MIN - 1.0, LOG_MAX + 1.0),
    );
    let span = b - a;
    let mults: &[f64] = if span < 0.8 {
        &[1.0, 1.5, 2.0, 3.0, 4.0, 5.0, 6.0, 7.0, 8.0, 9.0]
    } else if span < 3.0 {
        &[1.0, 2.0, 5.0]
    } else {
        &[1.0]
    };
    // About eight decades labelled at most, however many the axis spans.
    let every = if span > 8.0 {
        (span / 8.0).ceil() as i32
    } else {
        1
    };
    let mut out = Vec::new();
    let lo = a.floor() as i32;
    let hi = b.ceil() as i32;
    for e in lo..=hi {
        if (e - lo) % every != 0 {
            continue;
        }
        for m in mults {
            let v = m * 10f64.powi(e);
            if v >= d0 * (1.0 - 1e-9) && v <= d1 * (1.0 + 1e-9) {
                out.push(v);
            }
        }
    }
    out
}

/// Inserts thousands separators into the integer part of a formatted number.
pub fn group_thousands(s: &str) -> String {
    let (sign, rest) = match s.strip_prefix('-') {
        Some(r) => ("-", r),
        None => ("", s),
    };
    let (int, frac) = match rest.find('.') {
        Some(i) => (&rest[..i], &rest[i..]),
        None => (rest, ""),
    };
    let mut grouped = String::new();
    for (i, ch) in int.chars().enumerate() {
        if i > 0 && (int.len() - i) % 3 == 0 {
            grouped.push(',');
        }
        grouped.push(ch);
    }
    format!("{sign}{grouped}{frac}")
}

fn fixed(v: f64, decimals: usize) -> String {
    let s = format!("{:.*}", decimals, v);
    // Avoid "-0" and "-0.0".
    if s.trim_start_matches('-')
        .chars()
        .all(|c| c == '0' || c == '.')
    {
        s.trim_start_matches('-').to_string()
    } else {
        s
    }
}

/// Formats a tick value given the tick step (enough decimals to tell ticks apart).
pub fn fmt_tick(v: f64, step: f64) -> String {
    if step >= 1e14 || v.abs() >= 1e15 {
        return sci(v, step);
    }
    for (unit, suffix) in [(1e12, "T"), (1e9, "B"), (1e6, "M")] {
        if step >= unit / 10.0 {
            let dec = decimals_for(step / unit);
            return format!("{}{suffix}", group_thousands(&fixed(v / unit, dec)));
        }
    }
    group_thousands(&fixed(v, decimals_for(step)))
}

fn decimals_for(step: f64) -> usize {
    if step >= 1.0 {
        0
    } else {
        ((-step.log10()) - 1e-9).ceil().clamp(0.0, 8.0) as usize
    }
}

/// Formats a single magnitude such as a log-axis tick (1, 20, 0.05, 3M).
pub fn fmt_magnitude(v: f64) -> String {
    let a = v.abs();
    if a >= 1e15 || (a > 0.0 && a < 1e-9) {
        return sci(v, a);
    }
    for (unit, suffix) in [(1e12, "T"), (1e9, "B"), (1e6, "M")] {
        if a >= unit {
            return format!("{}{suffix}", trim_zeros(&fixed(v / unit, 2)));
        }
    }
    if a >= 1.0 || a == 0.0 {
        group_thousands(&trim_zeros(&fixed(v, 2)))
    } else {
        let dec = ((-a.log10()).ceil() as usize + 1).min(10);
        trim_zeros(&fixed(v, dec))
    }
}

/// Scientific notation with enough digits to show `precision` (`1.8e308`, `-2.5e20`).
fn sci(v: f64, precision: f64) -> String {
    if v == 0.0 {
        return "0".into();
    }
    let digits = (v.abs().log10().floor() - precision.abs().log10().floor()).clamp(0.0, 6.0);
    let s = format!("{:.*e}", digits as usize, v);
    match s.split_once('e') {
        Some((m, e)) => format!("{}e{e}", trim_zeros(m)),
        None => s,
    }
}

fn trim_zeros(s: &str) -> String {
    if s.contains('.') {
        s.trim_end_matches('0').trim_end_matches('.').to_string()
    } else {
        s.to_string()
    }
}

/// Formats a data value for a label: fixed decimals if given, else about three
/// significant digits (at least the integer part), with thousands separators.
pub fn fmt_value(v: f64, decimals: Option<usize>) -> String {
    if v.abs() >= 1e15 {
        return sci(v, v.abs() / 100.0);
    }
    let dec = decimals.unwrap_or_else(|| {
        let a = v.abs();
        if a >= 100.0 || a == 0.0 {
            0
        } else if a >= 10.0 {
            1
        } else if a >= 1.0 {
            2
        } else {
            ((-a.log10()).floor() as usize + 3).min(10)
        }
    });
    group_thousands(&fixed(v, dec))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ticks_and_formats() {
        assert_eq!(
            linear_ticks(0.0, 10.0, 5).0,
            vec![0.0, 2.0, 4.0, 6.0, 8.0, 10.0]
        );
        assert_eq!(fmt_tick(2500.0, 500.0), "2,500");
        assert_eq!(fmt_tick(0.25, 0.05), "0.25");
        assert_eq!(fmt_tick(-0.0, 0.5), "0.0");
        assert_eq!(fmt_tick(3_000_000.0, 1_000_000.0), "3M");
        assert_eq!(fmt_magnitude(0.05), "0.05");
        assert_eq!(fmt_magnitude(1000.0), "1,000");
        assert_eq!(fmt_magnitude(2e9), "2B");
        assert_eq!(log_ticks(0.9, 1100.0), vec![1.0, 10.0, 100.0, 1000.0]);
        assert_eq!(log_ticks(1.5, 60.0), vec![2.0, 5.0, 10.0, 20.0, 50.0]);
        assert_eq!(fmt_value(1234.6, None), "1,235");
        assert_eq!(fmt_value(4.567, None), "4.57");
        assert_eq!(fmt_value(0.012345, None), "0.0123");
        assert_eq!(fmt_value(2.0, Some(1)), "2.0");
        assert_eq!(group_thousands("-1234567.5"), "-1,234,567.5");
        assert_eq!(fmt_value(1.7e308, None), "1.7e308");
        assert_eq!(fmt_tick(-1.5e308, 5e307), "-1.5e308");
        assert_eq!(fmt_magnitude(1e300), "1e300");
    }

    #[test]
    fn extreme_ranges_give_finite_domains_and_few_ticks() {
        for (lo, hi) in [
            (-f64::MAX, f64::MAX),
            (f64::MAX, f64::MAX),
            (-f64::MAX, -f64::MAX),
            (0.0, f64::MAX),
            (1.0, 1.0 + 1e-15),
        ] {
            let (d0, d1) = padded_domain(lo, hi, false, 0.05);
            assert!(
                d0.is_finite() && d1.is_finite() && d0 < d1,
                "{lo} {hi}: {d0} {d1}"
            );
            let (ticks, step) = linear_ticks(d0, d1, 6);
            assert!(step.is_finite() && step > 0.0);
            assert!(
                !ticks.is_empty() && ticks.len() <= 60,
                "{lo} {hi}: {}",
                ticks.len()
            );
            let s = Scale {
                d0,
                d1,
                p0: 0.0,
                p1: 1000.0,
                log: false,
            };
            for v in [lo, hi] {
                let p = s.px(v);
                assert!((-1.0..=1001.0).contains(&p), "{v} -> {p}");
            }
        }
        for (lo, hi) in [
            (1e300, 1e300),
            (1e-300, 1e308),
            (f64::MIN_POSITIVE, f64::MAX),
            (5e-324, 5e-324),
        ] {
            let (d0, d1) = padded_domain(lo, hi, true, 0.05);
            assert!(
                d0 > 0.0 && d1.is_finite() && d0 < d1,
                "{lo} {hi}: {d0} {d1}"
            );
            let ticks = log_ticks(d0, d1);
            assert!(ticks.len() <= 60, "{lo} {hi}: {} ticks", ticks.len());
            let s = Scale {
                d0,
                d1,
                p0: 0.0,
                p1: 1000.0,
                log: true,
            };
            assert!(s.px(lo).is_finite() && s.px(hi).is_finite());
        }
        assert_eq!(linear_ticks(0.0, f64::INFINITY, 6).0, Vec::<f64>::new());
        assert!(log_ticks(1.0, f64::INFINITY).is_empty());
    }
}
