//! Correlation statistics and least-squares fits on paired `f64` samples.
//!
//! All functions take two equally long slices of finite values and return `None`
//! when the input cannot give a meaningful answer: lengths differ, fewer than three
//! pairs, a non-finite value, or a variable that is constant.
//!
//! - [`pearson`]: product-moment r, 95% confidence interval by Fisher's z
//!   transformation, two-sided p-value from Student's t with n − 2 degrees of freedom.
//! - [`spearman`]: Pearson's r computed on average ranks (ties share the mean rank);
//!   the interval and p-value use the same formulas as Pearson and are approximations.
//! - [`kendall_tau_b`]: Kendall's tau-b with tie correction; the p-value uses the
//!   normal approximation with the tie-corrected variance (as in SciPy's "asymptotic" method).
//! - [`least_squares`]: ordinary least squares line y = intercept + slope·x with r².

/// The two-sided 97.5% quantile of the standard normal distribution.
const Z_975: f64 = 1.959964;

/// A correlation coefficient with its 95% confidence interval and two-sided p-value.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Pearson {
    /// The correlation coefficient, in [−1, 1].
    pub r: f64,
    /// Lower end of the 95% confidence interval (Fisher z).
    pub ci_low: f64,
    /// Upper end of the 95% confidence interval (Fisher z).
    pub ci_high: f64,
    /// Two-sided p-value for r = 0 (t distribution, n − 2 degrees of freedom).
    pub p_value: f64,
    /// Number of pairs.
    pub n: usize,
}

/// Kendall's tau-b with its two-sided p-value (normal approximation).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct KendallTau {
    /// Tau-b, in [−1, 1].
    pub tau: f64,
    /// Two-sided p-value for tau = 0 (normal approximation, tie-corrected variance).
    pub p_value: f64,
    /// Number of pairs.
    pub n: usize,
}

/// An ordinary least-squares line `y = intercept + slope * x`.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct LeastSquares {
    /// Change in y per unit of x.
    pub slope: f64,
    /// Value of y at x = 0.
    pub intercept: f64,
    /// Coefficient of determination (the squared Pearson r).
    pub r2: f64,
    /// Number of pairs.
    pub n: usize,
}

/// Sums of squares and cross-products about the means.
struct Moments {
    n: usize,
    mean_x: f64,
    mean_y: f64,
    sxx: f64,
    syy: f64,
    sxy: f64,
}

fn moments(x: &[f64], y: &[f64]) -> Option<Moments> {
    let n = x.len();
    if n != y.len() || n < 3 || x.iter().chain(y).any(|v| !v.is_finite()) {
        return None;
    }
    let nf = n as f64;
    let mean_x = x.iter().sum::<f64>() / nf;
    let mean_y = y.iter().sum::<f64>() / nf;
    let (mut sxx, mut syy, mut sxy) = (0.0, 0.0, 0.0);
    for (a, b) in x.iter().zip(y) {
        let dx = a - mean_x;
        let dy = b - mean_y;
        sxx += dx * dx;
        syy += dy * dy;
        sxy += dx * dy;
    }
    if sxx == 0.0 || syy == 0.0 || is_constant(x) || is_constant(y) {
        return None;
    }
    Some(Moments {
        n,
        mean_x,
        mean_y,
        sxx,
        syy,
        sxy,
    })
}

fn is_constant(v: &[f64]) -> bool {
    v.iter().all(|a| *a == v[0])
}

/// Pearson's product-moment correlation with Fisher-z 95% interval and t-test p-value.
pub fn pearson(x: &[f64], y: &[f64]) -> Option<Pearson> {
    let m = moments(x, y)?;
    let r = (m.sxy / (m.sxx * m.syy).sqrt()).clamp(-1.0, 1.0);
    Some(correlation_from_r(r, m.n))
}

/// Builds the interval and p-value for a correlation r from n pairs (n ≥ 3).
fn correlation_from_r(r: f64, n: usize) -> Pearson {
    let (ci_low, ci_high) = if r.abs() >= 1.0 {
        (r, r)
    } else if n <= 3 {
        (-1.0, 1.0)
    } else {
        let z = r.atanh();
        let half = Z_975 / ((n - 3) as f64).sqrt();
        ((z - half).tanh(), (z + half).tanh())
    };
    let p_value = if r.abs() >= 1.0 {
        0.0
    } else {
        let df = (n - 2) as f64;
        let t2 = r * r * df / (1.0 - r * r);
        student_t_two_sided_p(t2, df)
    };
    Pearson {
        r,
        ci_low,
        ci_high,
        p_value,
        n,
    }
}

/// Two-sided p-value of Student's t with `df` degrees of freedom, given t².
fn student_t_two_sided_p(t2: f64, df: f64) -> f64 {
    regularized_incomplete_beta(df / 2.0, 0.5, df / (df + t2)).clamp(0.0, 1.0)
}

/// Spearman's rank correlation: Pearson's r on average ranks (ties get the mean rank).
///
/// The interval and p-value apply the Pearson formulas to the ranks (approximate).
pub fn spearman(x: &[f64], y: &[f64]) -> Option<Pearson> {
    moments(x, y)?;
    pearson(&average_ranks(x), &average_ranks(y))
}

/// Ranks starting at 1; tied values share the mean of the ranks they span.
pub fn average_ranks(v: &[f64]) -> Vec<f64> {
    let mut order: Vec<usize> = (0..v.len()).collect();
    order.sort_by(|&a, &b| v[a].total_cmp(&v[b]));
    let mut ranks = vec![0.0; v.len()];
    let mut i = 0;
    while i < order.len() {
        let mut j = i;
        while j + 1 < order.len() && v[order[j + 1]] == v[order[i]] {
            j += 1;
        }
        // Positions i..=j (0-based) hold ranks i+1..=j+1; their mean is (i+j)/2 + 1.
        let rank = (i + j) as f64 / 2.0 + 1.0;
        for &k in &order[i..=j] {
            ranks[k] = rank;
        }
        i = j + 1;
    }
    ranks
}

/// Kendall's tau-b with tie correction and a normal-approximation p-value.
///
/// tau_b = (C − D) / sqrt((n0 − n1)(n0 − n2)) with n0 = n(n−1)/2 and n1, n2 the
/// numbers of pairs tied in x and in y. The variance of C − D under independence
/// uses the tie-corrected formula (Kendall 1970), as SciPy does.
pub fn kendall_tau_b(x: &[f64], y: &[f64]) -> Option<KendallTau> {
    let m = moments(x, y)?;
    let n = m.n;
    let mut s: i64 = 0;
    for i in 0..n {
        for j in (i + 1)..n {
            let a = sign(x[i] - x[j]);
            let b = sign(y[i] - y[j]);
            s += a * b;
        }
    }
    let tx = tie_groups(x);
    let ty = tie_groups(y);
    let nf = n as f64;
    let n0 = nf * (nf - 1.0) / 2.0;
    let n1: f64 = tx.iter().map(|&t| t * (t - 1.0) / 2.0).sum();
    let n2: f64 = ty.iter().map(|&t| t * (t - 1.0) / 2.0).sum();
    let denom = ((n0 - n1) * (n0 - n2)).sqrt();
    if denom == 0.0 {
        return None;
    }
    let s = s as f64;
    let tau = (s / denom).clamp(-1.0, 1.0);

    let v0 = nf * (nf - 1.0) * (2.0 * nf + 5.0);
    let vt: f64 = tx.iter().map(|&t| t * (t - 1.0) * (2.0 * t + 5.0)).sum();
    let vu: f64 = ty.iter().map(|&u| u * (u - 1.0) * (2.0 * u + 5.0)).sum();
    let t1: f64 = tx.iter().map(|&t| t * (t - 1.0)).sum();
    let u1: f64 = ty.iter().map(|&u| u * (u - 1.0)).sum();
    let t2: f64 = tx.iter().map(|&t| t * (t - 1.0) * (t - 2.0)).sum();
    let u2: f64 = ty.iter().map(|&u| u * (u - 1.0) * (u - 2.0)).sum();
    let var = (v0 - vt - vu) / 18.0
        + t1 * u1 / (2.0 * nf * (nf - 1.0))
        + t2 * u2 / (9.0 * nf * (nf - 1.0) * (nf - 2.0));
    let p_value = if var > 0.0 {
        let z = s.abs() / var.sqrt();
        erfc(z / std::f64::consts::SQRT_2).clamp(0.0, 1.0)
    } else {
        1.0
    };
    Some(KendallTau { tau, p_value, n })
}

fn sign(d: f64) -> i64 {
    if d > 0.0 {
        1
    } else if d < 0.0 {
        -1
    } else {
        0
    }
}

/// Sizes of the groups of tied values (only groups of two or more).
fn tie_groups(v: &[f64]) -> Vec<f64> {
    let mut sorted = v.to_vec();
    sorted.sort_by(f64::total_cmp);
    let mut groups = Vec::new();
    let mut i = 0;
    while i < sorted.len() {
        let mut j = i + 1;
        while j < sorted.len() && sorted[j] == sorted[i] {
            j += 1;
        }
        if j - i > 1 {
            groups.push((j - i) as f64);
        }
        i = j;
    }
    groups
}

/// Ordinary least squares line of y on x, with r².
pub fn least_squares(x: &[f64], y: &[f64]) -> Option<LeastSquares> {
    let m = moments(x, y)?;
    let slope = m.sxy / m.sxx;
    let intercept = m.mean_y - slope * m.mean_x;
    let r2 = ((m.sxy * m.sxy) / (m.sxx * m.syy)).clamp(0.0, 1.0);
    Some(LeastSquares {
        slope,
        intercept,
        r2,
        n: m.n,
    })
}

mod special;
use special::erfc;
pub use special::regularized_incomplete_beta;

#[cfg(test)]
mod tests;
