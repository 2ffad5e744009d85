//! The statistical audit of a built index: coverage per indicator and economy, correlations
//! within each aggregate and with the aggregate itself (flagging negative and redundant pairs),
//! Cronbach's alpha per aggregate and the variance share of the first principal component.

use super::Built;
use crate::analysis::stats::pearson;

/// Pairs correlated above this are flagged as possibly redundant (the JRC's rule of thumb).
pub const REDUNDANT: f64 = 0.92;

/// One finding of the audit.
#[derive(Debug, Clone, PartialEq)]
pub struct Finding {
    pub section: &'static str,
    pub level: String,
    pub item: String,
    pub with: String,
    pub value: Option<f64>,
    pub n: usize,
    pub flag: String,
}

/// Rows of the components of `node` with a score for every component (complete cases).
fn complete_cases(built: &Built, children: &[usize]) -> Vec<Vec<f64>> {
    let s = &built.nominal.score;
    (0..built.data.economies.len())
        .filter_map(|e| {
            children
                .iter()
                .map(|&c| s[c][e])
                .collect::<Option<Vec<f64>>>()
        })
        .collect()
}

fn variance(v: &[f64]) -> f64 {
    let n = v.len() as f64;
    let m = v.iter().sum::<f64>() / n;
    v.iter().map(|x| (x - m).powi(2)).sum::<f64>() / (n - 1.0)
}

/// The components' columns of complete-case `rows`; `None` with fewer than 2 components or
/// 3 economies (too few for alpha or a principal component).
fn component_columns(rows: &[Vec<f64>]) -> Option<Vec<Vec<f64>>> {
    let k = rows.first()?.len();
    if k < 2 || rows.len() < 3 {
        return None;
    }
    Some(
        (0..k)
            .map(|j| rows.iter().map(|r| r[j]).collect())
            .collect(),
    )
}

/// Cronbach's alpha: k / (k − 1) × (1 − Σ var(component) / var(sum)), on complete cases.
pub fn cronbach_alpha(rows: &[Vec<f64>]) -> Option<f64> {
    let cols = component_columns(rows)?;
    let k = cols.len();
    let sum_var: f64 = cols.iter().map(|c| variance(c)).sum();
    let totals: Vec<f64> = rows.iter().map(|r| r.iter().sum()).collect();
    let total_var = variance(&totals);
    (total_var > 0.0).then(|| k as f64 / (k as f64 - 1.0) * (1.0 - sum_var / total_var))
}

/// The share of variance of the first principal component of the components' correlation
/// matrix: its largest eigenvalue / k (power iteration).
pub fn first_component_share(rows: &[Vec<f64>]) -> Option<f64> {
    let cols = component_columns(rows)?;
    let k = cols.len();
    let mut m = vec![vec![0.0; k]; k];
    for i in 0..k {
        for j in 0..k {
            m[i][j] = if i == j {
                1.0
            } else {
                pearson(&cols[i], &cols[j]).map_or(0.0, |p| p.r)
            };
        }
    }
    let mut v = vec![1.0 / (k as f64).sqrt(); k];
    let mut lambda = 0.0;
    for _ in 0..500 {
        let w: Vec<f64> = (0..k)
            .map(|i| (0..k).map(|j| m[i][j] * v[j]).sum())
            .collect();
        let norm = w.iter().map(|x| x * x).sum::<f64>().sqrt();
        if norm == 0.0 {
            return None;
        }
        let next: Vec<f64> = w.iter().map(|x| x / norm).collect();
        let done = next.iter().zip(&v).all(|(a, b)| (a - b).abs() < 1e-12);
        v = next;
        lambda = norm;
        if done {
            break;
        }
    }
    Some(lambda / k as f64)
}

/// Every finding, in tree order.
pub fn audit(built: &Built) -> Vec<Finding> {
    let spec = &built.spec;
    let data = &built.data;
    let n_econ = data.economies.len();
    let mut out = Vec::new();
    for d in &data.indicators {
        let real = d
            .values
            .iter()
            .filter(|v| v.raw.is_some() && v.imputed.is_none())
            .count();
        let imputed = d.values.iter().filter(|v| v.imputed.is_some()).count();
        let mut flag = if imputed > 0 {
            format!("{imputed} imputed")
        } else {
            String::new()
        };
        if d.winsorised > 0 {
            if !flag.is_empty() {
                flag.push_str("; ");
            }
            flag.push_str(&format!("{} winsorised", d.winsorised));
        }
        out.push(Finding {
            section: "coverage of indicator",
            level: parent_name(built, d.node),
            item: spec.nodes[d.node].name.clone(),
            with: d.indicator.id.clone(),
            value: Some(real as f64 / n_econ as f64),
            n: real,
            flag,
        });
    }
    for d in &data.indicators {
        let raw: Vec<f64> = d.values.iter().filter_map(|v| v.raw).collect();
        let after: Vec<f64> = d.transformed.iter().flatten().copied().collect();
        for (section, v) in [
            ("skewness of values", &raw),
            ("skewness after transform", &after),
        ] {
            if section == "skewness after transform" && d.winsorised == 0 && raw == after {
                continue;
            }
            let sk = super::methods::skew_kurtosis(v);
            out.push(Finding {
                section,
                level: parent_name(built, d.node),
                item: spec.nodes[d.node].name.clone(),
                with: sk.map_or(String::new(), |(_, k)| format!("kurtosis {}", crate::report::format_display(k, 2))),
                value: sk.map(|(s, _)| s),
                n: v.len(),
                flag: match sk {
                    Some((s, k)) if s.abs() > 2.0 && k > 3.5 => "|skewness| > 2 and kurtosis > 3.5 (the JRC rule): consider transform = \"winsorise\" or \"log\"".into(),
                    None => "not computed (fewer than 4 values, or all equal)".into(),
                    _ => String::new(),
                },
            });
        }
    }
    let n_ind = data.indicators.len();
    for (e, (code, name)) in data.economies.iter().enumerate() {
        let present = data
            .indicators
            .iter()
            .filter(|d| d.values[e].raw.is_some())
            .count();
        if present < n_ind {
            let missing: Vec<&str> = data
                .indicators
                .iter()
                .filter(|d| d.values[e].raw.is_none())
                .map(|d| spec.nodes[d.node].name.as_str())
                .collect();
            let no_index = built.nominal.score[spec.root][e].is_none();
            out.push(Finding {
                section: "coverage of economy",
                level: String::new(),
                item: format!("{name} ({code})"),
                with: format!("missing: {}", missing.join(", ")),
                value: Some(present as f64 / n_ind as f64),
                n: present,
                flag: if no_index {
                    "no index score (below a coverage rule)".into()
                } else {
                    String::new()
                },
            });
        }
    }
    for a in spec.tree_order() {
        let Some(_) = spec.nodes[a].aggregate() else {
            continue;
        };
        let children = &spec.nodes[a].children;
        for (i, &x) in children.iter().enumerate() {
            for &y in &children[i + 1..] {
                out.push(correlation_finding(
                    built,
                    "correlation within",
                    a,
                    (x, y),
                    |r| {
                        if r < 0.0 {
                            "negative: the two pull the aggregate in opposite directions".into()
                        } else if r > REDUNDANT {
                            format!("redundant? r > {REDUNDANT}")
                        } else {
                            String::new()
                        }
                    },
                ));
            }
        }
        for &x in children {
            out.push(correlation_finding(
                built,
                "correlation with aggregate",
                a,
                (x, a),
                |r| {
                    if r < 0.0 {
                        "negative: lowers the aggregate where it is high".into()
                    } else if r < 0.3 {
                        "weak (r < 0.3): little of it shows in the aggregate".into()
                    } else {
                        String::new()
                    }
                },
            ));
            // Across levels: each component of a sub-index with the index itself.
            if a != spec.root {
                out.push(correlation_finding(
                    built,
                    "correlation with index",
                    a,
                    (x, spec.root),
                    |r| {
                        if r < 0.0 {
                            "negative: lowers the index where it is high".into()
                        } else {
                            String::new()
                        }
                    },
                ));
            }
        }
        let rows = complete_cases(built, children);
        let alpha = cronbach_alpha(&rows);
        out.push(Finding {
            section: "Cronbach's alpha",
            level: spec.nodes[a].name.clone(),
            item: format!("{} components", children.len()),
            with: String::new(),
            value: alpha,
            n: rows.len(),
            flag: match alpha {
                Some(v) if v < 0.7 => "below 0.7: the components do not measure one thing".into(),
                None => "not computed (fewer than 2 components or 3 complete economies)".into(),
                _ => String::new(),
            },
        });
        let pc = first_component_share(&rows);
        out.push(Finding {
            section: "first principal component",
            level: spec.nodes[a].name.clone(),
            item: "share of variance".into(),
            with: String::new(),
            value: pc,
            n: rows.len(),
            flag: match pc {
                None => "not computed (fewer than 2 components or 3 complete economies)".into(),
                _ => String::new(),
            },
        });
    }
    out
}

/// Pearson's r between two nodes' scores over the economies that have both, and their number.
fn node_correlation(built: &Built, x: usize, y: usize) -> (Option<f64>, usize) {
    let s = &built.nominal.score;
    let (xs, ys): (Vec<f64>, Vec<f64>) = (0..built.data.economies.len())
        .filter_map(|e| Some((s[x][e]?, s[y][e]?)))
        .unzip();
    (pearson(&xs, &ys).map(|p| p.r), xs.len())
}

/// The finding for the correlation of `nodes.0` with `nodes.1`, listed under aggregate `level`;
/// `flag` says what r means in this section (nothing when r cannot be computed).
fn correlation_finding(
    built: &Built,
    section: &'static str,
    level: usize,
    (x, y): (usize, usize),
    flag: impl Fn(f64) -> String,
) -> Finding {
    let name = |node: usize| built.spec.nodes[node].name.clone();
    let (r, n) = node_correlation(built, x, y);
    Finding {
        section,
        level: name(level),
        item: name(x),
        with: name(y),
        value: r,
        n,
        flag: r.map_or_else(String::new, flag),
    }
}

fn parent_name(built: &Built, node: usize) -> String {
    built.spec.nodes[node]
        .parent
        .map_or(String::new(), |p| built.spec.nodes[p].name.clone())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn alpha_and_first_component_by_hand() {
        // x = 1, 2, 3 and y = 2x: var x = 1, var y = 4, var(x + y) = var(3, 6, 9) = 9;
        // alpha = 2/1 · (1 − 5/9) = 8/9. Perfectly correlated: eigenvalues 2 and 0, share 1.
        let rows = vec![vec![1.0, 2.0], vec![2.0, 4.0], vec![3.0, 6.0]];
        assert!((cronbach_alpha(&rows).expect("alpha") - 8.0 / 9.0).abs() < 1e-12);
        assert!((first_component_share(&rows).expect("pc") - 1.0).abs() < 1e-9);
        // x = 1, 2, 3, 4 and y = 1, −1, −1, 1: r = 0; var x = 5/3, var y = 4/3,
        // x + y = 2, 1, 2, 5 has variance 9/3 = 3: alpha = 2 · (1 − 3/3) = 0. Share 1/2.
        let rows = vec![
            vec![1.0, 1.0],
            vec![2.0, -1.0],
            vec![3.0, -1.0],
            vec![4.0, 1.0],
        ];
        assert!(cronbach_alpha(&rows).expect("alpha").abs() < 1e-12);
        assert!((first_component_share(&rows).expect("pc") - 0.5).abs() < 1e-9);
        // y = 1, 3, 2, 4: r = 4/5, eigenvalues 1 ± 0.8, share 1.8/2 = 0.9.
        let rows = vec![
            vec![1.0, 1.0],
            vec![2.0, 3.0],
            vec![3.0, 2.0],
            vec![4.0, 4.0],
        ];
        assert!((first_component_share(&rows).expect("pc") - 0.9).abs() < 1e-9);
        // One component or too few economies: not computed.
        assert_eq!(cronbach_alpha(&[vec![1.0], vec![2.0], vec![3.0]]), None);
        assert_eq!(
            first_component_share(&[vec![1.0, 2.0], vec![2.0, 1.0]]),
            None
        );
    }
}
