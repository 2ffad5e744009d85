//! Every normalisation, aggregation and transformation on a 5-economy fixture, against values
//! worked out by hand (the arithmetic is in the comments).

use super::*;

/// Economies A–E.
const X: [f64; 5] = [1.0, 2.0, 4.0, 5.0, 8.0];

fn close(got: &[f64], want: &[f64]) {
    assert_eq!(got.len(), want.len(), "{got:?} vs {want:?}");
    for (g, w) in got.iter().zip(want) {
        assert!((g - w).abs() < 1e-9, "{got:?} vs {want:?}");
    }
}

#[test]
fn min_max_scales_to_0_100_both_ways() {
    // min 1, max 8, span 7: 100·(x − 1)/7 = 0, 100/7, 300/7, 400/7, 100.
    let got = normalise(&X, Normalisation::MinMax, true).expect("ok");
    close(&got, &[0.0, 100.0 / 7.0, 300.0 / 7.0, 400.0 / 7.0, 100.0]);
    // Lower is better: 100·(8 − x)/7 = 100, 600/7, 400/7, 300/7, 0.
    let got = normalise(&X, Normalisation::MinMax, false).expect("ok");
    close(&got, &[100.0, 600.0 / 7.0, 400.0 / 7.0, 300.0 / 7.0, 0.0]);
}

#[test]
fn z_score_uses_the_sample_standard_deviation() {
    // mean 4; deviations −3, −2, 0, 1, 4; squares sum to 30; sample variance 30/4 = 7.5.
    let sd = 7.5f64.sqrt();
    let got = normalise(&X, Normalisation::ZScore, true).expect("ok");
    close(&got, &[-3.0 / sd, -2.0 / sd, 0.0, 1.0 / sd, 4.0 / sd]);
    // Lower is better flips the sign.
    let got = normalise(&X, Normalisation::ZScore, false).expect("ok");
    close(&got, &[3.0 / sd, 2.0 / sd, 0.0, -1.0 / sd, -4.0 / sd]);
}

#[test]
fn rank_and_percentile_count_from_the_bottom_with_average_ties() {
    close(
        &normalise(&X, Normalisation::Rank, true).expect("ok"),
        &[1.0, 2.0, 3.0, 4.0, 5.0],
    );
    // Percentile 100·(r − 1)/(n − 1) = 0, 25, 50, 75, 100.
    close(
        &normalise(&X, Normalisation::Percentile, true).expect("ok"),
        &[0.0, 25.0, 50.0, 75.0, 100.0],
    );
    // Ties share the mean of their ranks: 1, 2, 2, 5 → ranks 1, 2.5, 2.5, 4.
    close(
        &normalise(&[1.0, 2.0, 2.0, 5.0], Normalisation::Rank, true).expect("ok"),
        &[1.0, 2.5, 2.5, 4.0],
    );
    // Lower is better: the smallest value is the best, rank 5.
    close(
        &normalise(&X, Normalisation::Rank, false).expect("ok"),
        &[5.0, 4.0, 3.0, 2.0, 1.0],
    );
}

#[test]
fn distance_to_target_caps_at_100() {
    // target 6, min 1: 100·(x − 1)/5 = 0, 20, 60, 80, then 140 capped at 100.
    close(
        &normalise(&X, Normalisation::Target(6.0), true).expect("ok"),
        &[0.0, 20.0, 60.0, 80.0, 100.0],
    );
    // Lower is better, target 2: signed values −1, −2, −4, −5, −8; min −8, target −2:
    // 100·(s + 8)/6 = 116.7→100, 100, 66.67, 50, 0.
    close(
        &normalise(&X, Normalisation::Target(2.0), false).expect("ok"),
        &[100.0, 100.0, 400.0 / 6.0, 50.0, 0.0],
    );
    // A target at or below the worst value is refused.
    assert!(normalise(&X, Normalisation::Target(1.0), true).is_err());
}

#[test]
fn distance_to_frontier_is_a_share_of_the_best() {
    // best 8: 100·x/8 = 12.5, 25, 50, 62.5, 100.
    close(
        &normalise(&X, Normalisation::Frontier, true).expect("ok"),
        &[12.5, 25.0, 50.0, 62.5, 100.0],
    );
    // Lower is better, best 1: 100·1/x = 100, 50, 25, 20, 12.5.
    close(
        &normalise(&X, Normalisation::Frontier, false).expect("ok"),
        &[100.0, 50.0, 25.0, 20.0, 12.5],
    );
    // A value ≤ 0 is refused, naming its position.
    assert_eq!(
        normalise(&[3.0, 0.0], Normalisation::Frontier, true).map_err(|e| e.0),
        Err(1)
    );
}

#[test]
fn goalposts_clamp_to_0_100() {
    // goalposts 0 and 5: 100·x/5 = 20, 40, 80, 100, 160→100.
    close(
        &normalise(&X, Normalisation::Goalposts(0.0, 5.0), true).expect("ok"),
        &[20.0, 40.0, 80.0, 100.0, 100.0],
    );
    // Lower is better, 2–6: 100·(6 − x)/4 = 125→100, 100, 50, 25, −50→0.
    close(
        &normalise(&X, Normalisation::Goalposts(2.0, 6.0), false).expect("ok"),
        &[100.0, 100.0, 50.0, 25.0, 0.0],
    );
}

#[test]
fn none_keeps_the_values() {
    close(&normalise(&X, Normalisation::None, true).expect("ok"), &X);
}

#[test]
fn aggregations_match_hand_values() {
    let parts = [(40.0, 0.5), (90.0, 0.25), (10.0, 0.25)];
    // 0.5·40 + 0.25·90 + 0.25·10 = 20 + 22.5 + 2.5 = 45.
    assert!((aggregate(&parts, Aggregation::Arithmetic).expect("ok") - 45.0).abs() < 1e-12);
    // 40^0.5 · 90^0.25 · 10^0.25 = √40 · 900^0.25 = √40 · √30 = √1200 = 20√3.
    let g = aggregate(&parts, Aggregation::Geometric).expect("ok");
    assert!((g - 20.0 * 3f64.sqrt()).abs() < 1e-9, "{g}");
    // 1 / (0.5/40 + 0.25/90 + 0.25/10) = 1 / (9/720 + 2/720 + 18/720) = 720/29.
    let h = aggregate(&parts, Aggregation::Harmonic).expect("ok");
    assert!((h - 720.0 / 29.0).abs() < 1e-9, "{h}");
    // Weights are renormalised over the parts present: (1·40 + 3·90)/4 = 77.5.
    assert!(
        (aggregate(&[(40.0, 1.0), (90.0, 3.0)], Aggregation::Arithmetic).expect("ok") - 77.5).abs()
            < 1e-12
    );
    // The same with geometric: 40^0.25 · 90^0.75 = exp(0.25 ln 40 + 0.75 ln 90).
    let g2 = aggregate(&[(40.0, 1.0), (90.0, 3.0)], Aggregation::Geometric).expect("ok");
    assert!((g2 - 40f64.powf(0.25) * 90f64.powf(0.75)).abs() < 1e-9);
}

#[test]
fn geometric_and_harmonic_refuse_a_value_at_or_below_zero() {
    let parts = [(40.0, 0.5), (0.0, 0.5)];
    assert_eq!(aggregate(&parts, Aggregation::Geometric), Err(1));
    assert_eq!(aggregate(&parts, Aggregation::Harmonic), Err(1));
    assert_eq!(aggregate(&[(-1.0, 1.0)], Aggregation::Geometric), Err(0));
    // Arithmetic takes them: (40 + 0)/2.
    assert_eq!(aggregate(&parts, Aggregation::Arithmetic), Ok(20.0));
}

#[test]
fn skewness_and_kurtosis_by_hand() {
    // 0, 0, 0, 0, 10: mean 2, deviations −2 (×4) and 8, sample variance (16 + 64)/4 = 20.
    // Standardised cubes: 4·(−2/√20)³ + (8/√20)³ = (−32 + 512)/20^1.5 = 480/89.443 = 5.3666;
    // skew = 5/(4·3) · 5.3666 = √5. Fourth powers: (4·16 + 4096)/400 = 10.4;
    // kurtosis = 5·6/(4·3·2) · 10.4 − 3·16/(3·2) = 13 − 8 = 5.
    let (s, k) = skew_kurtosis(&[0.0, 0.0, 0.0, 0.0, 10.0]).expect("defined");
    assert!((s - 5f64.sqrt()).abs() < 1e-9, "{s}");
    assert!((k - 5.0).abs() < 1e-9, "{k}");
    assert_eq!(skew_kurtosis(&[1.0, 1.0, 1.0, 1.0]), None);
}

#[test]
fn winsorising_follows_the_jrc_rule() {
    // Skew √5 > 2 and kurtosis 5 > 3.5: the 10 is set to the next value, 0; then all values
    // are equal and the rule no longer applies. One value changed.
    let (v, n) = winsorise(&[0.0, 0.0, 10.0, 0.0, 0.0], 5);
    assert_eq!((v, n), (vec![0.0; 5], 1));
    // 1..9 and 100: skew 3.12, kurtosis 9.80 → 100 becomes 9; then skew −0.15: stop.
    let mut x: Vec<f64> = (1..=9).map(f64::from).collect();
    x.push(100.0);
    let (v, n) = winsorise(&x, 5);
    assert_eq!(n, 1);
    assert_eq!(v[9], 9.0);
    // A symmetric set is left alone.
    assert_eq!(winsorise(&X, 5).1, 0);
    // At most `max` values change.
    assert_eq!(winsorise(&x, 0).1, 0);
}

#[test]
fn unknown_choices_suggest_the_known_ones() {
    let e = Normalisation::parse("min-max", None, None).expect_err("unknown");
    assert!(e.contains("minmax"), "{e}");
    assert!(Aggregation::parse("geometrc")
        .expect_err("unknown")
        .contains("geometric"));
    assert!(Normalisation::parse("target", None, None)
        .expect_err("needs a target")
        .contains("target ="));
    assert!(Imputation::parse("earlier", None, None)
        .expect_err("needs max_age")
        .contains("max_age"));
}
