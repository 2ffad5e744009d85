//! Map classes: break points by quantiles, equal intervals or given by the user, optionally
//! centred on a value (a diverging scale); each class includes its lower bound. Break points
//! are rounded to the indicator's decimals, so the legend's ranges are the rule applied.

use crate::error::{Error, Result};

/// How class break points are chosen.
#[derive(Debug, Clone, PartialEq)]
pub enum ClassRule {
    /// N classes of about equal counts.
    Quantile(usize),
    /// N classes of equal width between the lowest and highest value.
    Equal(usize),
    /// These break points (strictly increasing).
    Breaks(Vec<f64>),
}

/// The breaks of a map and how they were chosen.
#[derive(Debug, Clone, PartialEq)]
pub struct Classes {
    /// Strictly increasing; class i holds `breaks[i-1]` up to, not including, `breaks[i]`.
    pub breaks: Vec<f64>,
    /// With a centre: how many classes lie below it.
    pub below_centre: Option<usize>,
    /// The stated rule, for the footer.
    pub rule: String,
}

impl Classes {
    pub fn count(&self) -> usize {
        self.breaks.len() + 1
    }
    /// The class of a value.
    pub fn of(&self, v: f64) -> usize {
        self.breaks.iter().take_while(|b| **b <= v).count()
    }
}

fn round_to(v: f64, decimals: u8) -> f64 {
    let f = 10f64.powi(i32::from(decimals));
    (v * f).round() / f
}

/// Type-7 quantile (linear between order statistics) of sorted values.
pub fn quantile(sorted: &[f64], p: f64) -> f64 {
    let h = p * (sorted.len() - 1) as f64;
    let (lo, hi) = (h.floor() as usize, h.ceil() as usize);
    sorted[lo] + (h - lo as f64) * (sorted[hi] - sorted[lo])
}

/// Interior break points splitting `sorted` (not empty) into `n` classes over `[lo, hi]`.
fn interior(sorted: &[f64], n: usize, quantiles: bool, lo: f64, hi: f64) -> Vec<f64> {
    (1..n)
        .map(|i| {
            let p = i as f64 / n as f64;
            if quantiles {
                quantile(sorted, p)
            } else {
                lo + p * (hi - lo)
            }
        })
        .collect()
}

fn quantile_name(n: usize) -> String {
    match n {
        2 => "halves (medians)".into(),
        3 => "terciles".into(),
        4 => "quartiles".into(),
        5 => "quintiles".into(),
        _ => format!("{n} quantile classes"),
    }
}

/// Breaks for `values` (not empty) under `rule`, centred on `centre` when given; `decimals` is
/// the indicator's, `fmt` formats a number as the legend does.
pub fn classes(
    values: &[f64],
    rule: &ClassRule,
    centre: Option<f64>,
    decimals: u8,
    fmt: &dyn Fn(f64) -> String,
) -> Result<Classes> {
    let mut sorted: Vec<f64> = values.to_vec();
    sorted.sort_by(f64::total_cmp);
    let (min, max) = (sorted[0], sorted[sorted.len() - 1]);
    let n_values = sorted.len();
    let mut breaks: Vec<f64>;
    let mut rule_text: String;
    match rule {
        ClassRule::Breaks(b) => {
            if b.is_empty() || b.len() > 7 {
                return Err(Error::Usage(
                    "--breaks takes 1 to 7 numbers (2 to 8 classes)".into(),
                ));
            }
            if b.iter().any(|v| !v.is_finite()) || b.windows(2).any(|w| w[0] >= w[1]) {
                return Err(Error::Usage(format!(
                    "--breaks {}: the numbers must be finite and strictly increasing",
                    b.iter()
                        .map(|v| v.to_string())
                        .collect::<Vec<_>>()
                        .join(",")
                )));
            }
            if let Some(c) = centre {
                if !b.contains(&c) {
                    return Err(Error::Usage(format!(
                        "--centre {c} must be one of the --breaks"
                    )));
                }
            }
            breaks = b.clone();
            rule_text = format!(
                "break points set with --breaks ({})",
                breaks
                    .iter()
                    .map(|v| fmt(*v))
                    .collect::<Vec<_>>()
                    .join(", ")
            );
        }
        ClassRule::Quantile(n) | ClassRule::Equal(n) => {
            let quantiles = matches!(rule, ClassRule::Quantile(_));
            let n = *n;
            breaks = match centre {
                None => interior(&sorted, n, quantiles, min, max),
                Some(c) => {
                    let below: Vec<f64> = sorted.iter().copied().filter(|v| *v < c).collect();
                    let above: Vec<f64> = sorted.iter().copied().filter(|v| *v >= c).collect();
                    let (nb, na) = (n / 2, n - n / 2);
                    let mut b = Vec::new();
                    if !below.is_empty() && nb > 0 {
                        b.extend(interior(&below, nb, quantiles, min, c));
                    }
                    b.push(c);
                    if !above.is_empty() {
                        b.extend(interior(&above, na, quantiles, c, max));
                    }
                    b
                }
            };
            breaks = breaks.into_iter().map(|v| round_to(v, decimals)).collect();
            breaks.dedup();
            // A break at or below the lowest value would leave the first class empty.
            if centre.is_none() {
                breaks.retain(|b| *b > min);
            }
            rule_text = if quantiles {
                format!(
                    "{} of the {n_values} values shown{}",
                    quantile_name(n),
                    if centre.is_some() {
                        " on each side of the centre"
                    } else {
                        ""
                    }
                )
            } else {
                format!(
                    "{n} equal intervals between the lowest ({}) and highest ({}) value{}",
                    fmt(min),
                    fmt(max),
                    if centre.is_some() {
                        ", split at the centre"
                    } else {
                        ""
                    }
                )
            };
            rule_text.push_str(&format!(", break points rounded to {decimals} decimals"));
            if breaks.len() + 1 < n {
                rule_text.push_str(&format!(
                    " ({} classes: equal values share a class)",
                    breaks.len() + 1
                ));
            }
        }
    }
    let below_centre = centre.map(|c| breaks.iter().take_while(|b| **b < c).count() + 1);
    if let Some(c) = centre {
        rule_text.push_str(&format!(
            "; diverging around {} (orange below, purple above)",
            fmt(c)
        ));
    }
    rule_text.push_str("; a class includes its lower bound");
    Ok(Classes {
        breaks,
        below_centre,
        rule: rule_text,
    })
}

/// Legend labels of the classes: "under 200", "200 to under 400", "800 or more".
pub fn labels(c: &Classes, fmt: &dyn Fn(f64) -> String) -> Vec<String> {
    let b = &c.breaks;
    if b.is_empty() {
        return vec!["all values".into()];
    }
    (0..c.count())
        .map(|i| {
            if i == 0 {
                format!("under {}", fmt(b[0]))
            } else if i == b.len() {
                format!("{} or more", fmt(b[i - 1]))
            } else {
                format!("{} to under {}", fmt(b[i - 1]), fmt(b[i]))
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fmt(v: f64) -> String {
        crate::report::format_display(v, 0)
    }

    #[test]
    fn quintiles_of_ten_values_put_two_in_each_class() {
        let v: Vec<f64> = (1..=10).map(|i| f64::from(i) * 10.0).collect();
        // Type-7 quantiles of 10..100 at 0.2, 0.4, 0.6, 0.8: 28, 46, 64, 82.
        let c = classes(&v, &ClassRule::Quantile(5), None, 0, &fmt).expect("classes");
        assert_eq!(c.breaks, vec![28.0, 46.0, 64.0, 82.0]);
        let mut counts = [0; 5];
        v.iter().for_each(|x| counts[c.of(*x)] += 1);
        assert_eq!(counts, [2, 2, 2, 2, 2]);
        assert_eq!(labels(&c, &fmt)[0], "under 28");
        assert_eq!(labels(&c, &fmt)[4], "82 or more");
        assert!(
            c.rule.starts_with("quintiles of the 10 values shown"),
            "{}",
            c.rule
        );
    }

    #[test]
    fn equal_intervals_and_given_breaks() {
        let v = [0.0, 1.0, 2.0, 10.0];
        let c = classes(&v, &ClassRule::Equal(4), None, 1, &fmt).expect("classes");
        assert_eq!(c.breaks, vec![2.5, 5.0, 7.5]);
        assert_eq!((c.of(0.0), c.of(2.5), c.of(10.0)), (0, 1, 3));
        let c = classes(&v, &ClassRule::Breaks(vec![1.0, 5.0]), None, 0, &fmt).expect("classes");
        assert_eq!(labels(&c, &fmt), ["under 1", "1 to under 5", "5 or more"]);
        assert!(classes(&v, &ClassRule::Breaks(vec![5.0, 1.0]), None, 0, &fmt).is_err());
        assert!(classes(&v, &ClassRule::Breaks(vec![1.0, 5.0]), Some(2.0), 0, &fmt).is_err());
    }

    #[test]
    fn a_centre_is_a_break_with_classes_on_both_sides() {
        let v = [-4.0, -2.0, -1.0, 1.0, 3.0, 6.0];
        let c = classes(&v, &ClassRule::Equal(4), Some(0.0), 0, &fmt).expect("classes");
        // Below: -4..0 in 2 → -2; above: 0..6 in 2 → 3.
        assert_eq!(c.breaks, vec![-2.0, 0.0, 3.0]);
        assert_eq!(c.below_centre, Some(2));
        assert_eq!(c.of(-0.5), 1);
        assert_eq!(c.of(0.0), 2);
    }
}
