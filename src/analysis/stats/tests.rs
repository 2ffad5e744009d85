//! Tests of the statistics against independently computed reference values.
//!
//! Reference values were computed with Python 3.11 using only the standard library
//! (script kept in the comments below): `statistics.correlation` for r,
//! `statistics.linear_regression` for the fit, `math.atanh/tanh` for the Fisher interval,
//! the closed-form Student t distribution of Abramowitz & Stegun 26.7.3/26.7.4 for p
//! (checked against table critical values: t = 2.228, df = 10 gives p = 0.0500),
//! average ranks and an O(n²) Kendall count coded by hand, and `math.erfc` for the
//! normal-approximation p of Kendall's tau.
use super::*;

const R_TOL: f64 = 1e-9;
const P_TOL: f64 = 1e-6;

fn close(a: f64, b: f64, tol: f64) -> bool {
    (a - b).abs() <= tol
}

/// Anscombe's quartet, set I (Anscombe 1973): published r = 0.816, y = 3.00 + 0.500 x.
const ANSCOMBE_X: [f64; 11] = [10., 8., 13., 9., 11., 14., 6., 4., 12., 7., 5.];
const ANSCOMBE_Y: [f64; 11] = [
    8.04, 6.95, 7.58, 8.81, 8.33, 9.96, 7.24, 4.26, 10.84, 4.82, 5.68,
];

/// A small data set with moderate correlation and no ties.
const MOD_X: [f64; 10] = [4.0, 2.5, 7.1, 3.3, 5.8, 6.0, 1.2, 8.4, 4.9, 3.7];
const MOD_Y: [f64; 10] = [3.1, 2.0, 4.4, 4.0, 2.9, 5.2, 1.8, 4.1, 3.3, 2.2];

/// A data set with ties in both variables.
const TIE_X: [f64; 10] = [1., 2., 2., 3., 4., 5., 5., 5., 6., 7.];
const TIE_Y: [f64; 10] = [2., 1., 4., 3., 3., 6., 5., 7., 7., 9.];

#[test]
fn pearson_anscombe_matches_reference() {
    let p = pearson(&ANSCOMBE_X, &ANSCOMBE_Y).expect("defined");
    assert_eq!(p.n, 11);
    assert!(close(p.r, 0.81642051634484, R_TOL), "r = {}", p.r);
    assert!(close(p.ci_low, 0.424391208911755, R_TOL), "{}", p.ci_low);
    assert!(close(p.ci_high, 0.9506932543122851, R_TOL), "{}", p.ci_high);
    assert!(
        close(p.p_value, 0.0021696288730785884, P_TOL),
        "{}",
        p.p_value
    );
}

#[test]
fn pearson_moderate_matches_reference() {
    let p = pearson(&MOD_X, &MOD_Y).expect("defined");
    assert!(close(p.r, 0.7264494092001271, R_TOL), "r = {}", p.r);
    assert!(close(p.ci_low, 0.17844013355876553, R_TOL));
    assert!(close(p.ci_high, 0.9304813205639413, R_TOL));
    assert!(
        close(p.p_value, 0.017336964108845998, P_TOL),
        "{}",
        p.p_value
    );
}

#[test]
fn pearson_is_symmetric_and_sign_aware() {
    let a = pearson(&MOD_X, &MOD_Y).expect("defined");
    let b = pearson(&MOD_Y, &MOD_X).expect("defined");
    assert!(close(a.r, b.r, 1e-15));
    let neg: Vec<f64> = MOD_Y.iter().map(|v| -v).collect();
    let c = pearson(&MOD_X, &neg).expect("defined");
    assert!(close(c.r, -a.r, 1e-15));
    assert!(close(c.p_value, a.p_value, 1e-12));
    assert!(close(c.ci_low, -a.ci_high, 1e-12));
}

#[test]
fn perfect_correlation_has_zero_p_and_degenerate_interval() {
    let x = [1.0, 2.0, 3.0, 4.0];
    let y = [2.0, 4.0, 6.0, 8.0];
    let p = pearson(&x, &y).expect("defined");
    assert!(close(p.r, 1.0, 1e-12));
    assert_eq!(p.p_value, 0.0);
    assert_eq!((p.ci_low, p.ci_high), (p.r, p.r));
}

#[test]
fn n_equal_three_gives_full_interval() {
    let p = pearson(&[1.0, 2.0, 3.0], &[1.0, 3.0, 2.0]).expect("defined");
    // r = 0.5 by hand: sxy = 1, sxx = syy = 2.
    assert!(close(p.r, 0.5, R_TOL));
    assert_eq!((p.ci_low, p.ci_high), (-1.0, 1.0));
    // df = 1: t = 0.5 * sqrt(1 / 0.75) = 0.57735; p = 1 - 2 atan(t) / pi = 1 - 2 (pi/6) / pi = 2/3.
    assert!(close(p.p_value, 2.0 / 3.0, P_TOL), "{}", p.p_value);
}

#[test]
fn undefined_inputs_give_none() {
    assert!(pearson(&[1.0, 2.0], &[1.0, 2.0]).is_none(), "n < 3");
    assert!(pearson(&[1.0, 2.0, 3.0], &[1.0, 2.0]).is_none(), "length");
    assert!(
        pearson(&[1.0, 1.0, 1.0], &[1.0, 2.0, 3.0]).is_none(),
        "constant x"
    );
    assert!(
        pearson(&[1.0, 2.0, 3.0], &[5.0, 5.0, 5.0]).is_none(),
        "constant y"
    );
    assert!(
        pearson(&[1.0, f64::NAN, 3.0], &[1.0, 2.0, 3.0]).is_none(),
        "NaN"
    );
    assert!(spearman(&[1.0, 1.0, 1.0], &[1.0, 2.0, 3.0]).is_none());
    assert!(kendall_tau_b(&[1.0, 2.0], &[1.0, 2.0]).is_none());
    assert!(kendall_tau_b(&[1.0, 2.0, 3.0], &[4.0, 4.0, 4.0]).is_none());
    assert!(least_squares(&[2.0, 2.0, 2.0], &[1.0, 2.0, 3.0]).is_none());
    assert!(least_squares(&[1.0, 2.0], &[1.0, 2.0]).is_none());
}

#[test]
fn average_ranks_share_ties() {
    assert_eq!(
        average_ranks(&TIE_X),
        vec![1.0, 2.5, 2.5, 4.0, 5.0, 7.0, 7.0, 7.0, 9.0, 10.0]
    );
    assert_eq!(
        average_ranks(&TIE_Y),
        vec![2.0, 1.0, 5.0, 3.5, 3.5, 7.0, 6.0, 8.5, 8.5, 10.0]
    );
}

#[test]
fn spearman_with_ties_matches_reference() {
    let s = spearman(&TIE_X, &TIE_Y).expect("defined");
    assert!(close(s.r, 0.9040637634279777, R_TOL), "r = {}", s.r);
    assert!(close(s.ci_low, 0.6370744725050231, R_TOL));
    assert!(close(s.ci_high, 0.9773567722419896, R_TOL));
    assert!(close(s.p_value, 0.0003296198654836324, P_TOL));
}

#[test]
fn spearman_without_ties_matches_reference() {
    // Without ties rho = 1 - 6 Σd² / (n(n² - 1)) = 0.793939... (Σd² = 34, n = 10).
    let s = spearman(&MOD_X, &MOD_Y).expect("defined");
    assert!(close(s.r, 1.0 - 6.0 * 34.0 / 990.0, R_TOL), "r = {}", s.r);
    assert!(close(s.r, 0.793939393939394, R_TOL));
    assert!(close(s.p_value, 0.006099923313696909, P_TOL));
}

#[test]
fn kendall_by_hand_permutation() {
    // y = 3,1,2,5,4 against x = 1..5: 7 concordant, 3 discordant pairs, tau = 4/10.
    // Variance without ties: n(n-1)(2n+5)/18 = 16.667; z = 4/4.0825; p = erfc(z/√2) = 0.327187.
    let k = kendall_tau_b(&[1., 2., 3., 4., 5.], &[3., 1., 2., 5., 4.]).expect("defined");
    assert!(close(k.tau, 0.4, R_TOL));
    assert!(
        close(k.p_value, 0.32718687779030575, P_TOL),
        "{}",
        k.p_value
    );
}

#[test]
fn kendall_with_ties_matches_reference() {
    let k = kendall_tau_b(&TIE_X, &TIE_Y).expect("defined");
    assert_eq!(k.n, 10);
    assert!(close(k.tau, 0.7859370885787426, R_TOL), "tau = {}", k.tau);
    assert!(
        close(k.p_value, 0.0024347229976007085, P_TOL),
        "{}",
        k.p_value
    );
}

#[test]
fn kendall_without_ties_matches_reference() {
    let k = kendall_tau_b(&MOD_X, &MOD_Y).expect("defined");
    assert!(close(k.tau, 0.6, R_TOL));
    assert!(close(k.p_value, 0.015737222266311003, P_TOL));
}

#[test]
fn least_squares_anscombe_matches_published_line() {
    let f = least_squares(&ANSCOMBE_X, &ANSCOMBE_Y).expect("defined");
    assert!(close(f.slope, 0.5000909090909091, R_TOL), "{}", f.slope);
    assert!(
        close(f.intercept, 3.0000909090909085, R_TOL),
        "{}",
        f.intercept
    );
    assert!(close(f.r2, 0.6665424595087752, R_TOL), "{}", f.r2);
    assert_eq!(f.n, 11);
}

#[test]
fn incomplete_beta_known_values() {
    // I_x(1, 1) = x; I_x(a, 1) = x^a; I_0.5(a, a) = 0.5.
    assert!(close(
        regularized_incomplete_beta(1.0, 1.0, 0.3),
        0.3,
        1e-12
    ));
    assert!(close(
        regularized_incomplete_beta(2.5, 1.0, 0.4),
        0.4f64.powf(2.5),
        1e-12
    ));
    assert!(close(
        regularized_incomplete_beta(7.0, 7.0, 0.5),
        0.5,
        1e-12
    ));
}

#[test]
fn erfc_known_values() {
    // erfc(1) = 0.157299207050285 (A&S table 7.1).
    assert!(close(erfc(1.0), 0.157299207050285, 1e-12));
    assert!(close(erfc(0.0), 1.0, 1e-15));
    assert!(close(erfc(3.0), 2.209049699858544e-5, 1e-15));
}
