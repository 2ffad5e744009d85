//! The Monte Carlo run and the sensitivity table on the 5-country fixture, by hand.

use super::*;

fn built_of(text: &str) -> Built {
    build(&catalog(), spec::parse("fixture.toml", text).expect("spec")).expect("builds")
}

#[test]
fn drop_one_by_hand_in_the_monte_carlo_and_the_sensitivity_table() {
    // Coverage 0.5 (see above): nominal KOR 1, DEU 2, JPN 3 (R&D only), FIN 4.
    // Drop R&D: patents only — KOR 100, DEU 47.4, FIN 0 → 1, 2, 3; JPN has nothing to average.
    // Drop patents: R&D only — KOR 100, DEU = JPN 16.1, FIN 0 → 1, 2, 2, 4.
    let text = spec_text(
        "",
        "",
        "coverage = 0.5\n[uncertainty]\nruns = 300\nseed = 42\ndrop_one = true",
    );
    let built = built_of(&text);
    let mc = uncertainty::monte_carlo(&built).expect("runs");
    let of = |code: &str| {
        let e = built.data.economy(code).expect("economy");
        mc.intervals
            .iter()
            .find(|i| i.economy == e)
            .expect("interval")
            .clone()
    };
    let (kor, deu, fin, jpn) = (of("KOR"), of("DEU"), of("FIN"), of("JPN"));
    assert_eq!((kor.p5, kor.p95, kor.ranked_in), (1.0, 1.0, 300));
    assert_eq!((deu.p5, deu.p95), (2.0, 2.0));
    // FIN is 3rd in the runs dropping R&D (about a third), else 4th.
    assert_eq!((fin.p5, fin.median, fin.p95), (3.0, 4.0, 4.0));
    assert_eq!((jpn.p5, jpn.p95), (2.0, 3.0));
    assert!(
        jpn.ranked_in < 300 && jpn.ranked_in > 100,
        "{}",
        jpn.ranked_in
    );
    // The same seed gives the same intervals.
    assert_eq!(
        uncertainty::monte_carlo(&built).expect("runs").intervals,
        mc.intervals
    );

    // Sensitivity: dropping R&D moves FIN 4 → 3 among KOR, DEU, FIN: mean 1/3, max 1.
    // Dropping patents moves JPN 3 → 2 among four: mean 1/4.
    let table = uncertainty::sensitivity(&built).expect("table");
    let rd = table
        .iter()
        .find(|s| s.choice == "drop indicator 'rd'")
        .expect("rd row");
    assert_eq!((rd.compared, rd.moved, rd.max_abs), (3, 1, 1.0));
    assert!((rd.mean_abs - 1.0 / 3.0).abs() < 1e-12);
    assert_eq!(rd.most_moved, built.data.economy("FIN"));
    let pat = table
        .iter()
        .find(|s| s.choice == "drop indicator 'pat'")
        .expect("pat row");
    assert_eq!((pat.compared, pat.moved, pat.mean_abs), (4, 1, 0.25));
    assert_eq!(pat.most_moved, built.data.economy("JPN"));
    assert_eq!(
        table[0].choice, "drop indicator 'rd'",
        "largest mean change first"
    );
}

#[test]
fn without_alternatives_every_run_is_the_nominal_one() {
    // Weights ±0 and one normalisation (the nominal one): every run gives the nominal ranks.
    let text = spec_text(
        "",
        "",
        "[uncertainty]\nruns = 50\nseed = 1\nweights = 0.0\nnormalisations = [\"minmax\"]",
    );
    let built = built_of(&text);
    let mc = uncertainty::monte_carlo(&built).expect("runs");
    assert_eq!(mc.intervals.len(), 3, "JPN has no nominal score");
    for i in &mc.intervals {
        let n = i.nominal.expect("nominal");
        assert_eq!((i.p5, i.median, i.p95, i.ranked_in), (n, n, n, 50));
    }
    // A geometric alternative over min-max scores (FIN is 0) is refused at its key.
    let text = spec_text(
        "",
        "",
        "[uncertainty]\nruns = 5\nseed = 1\naggregations = [\"arithmetic\", \"geometric\"]",
    );
    let e = uncertainty::monte_carlo(&built_of(&text))
        .expect_err("refused")
        .to_string();
    let line = line_of(&text, "aggregations");
    assert!(e.starts_with(&format!("fixture.toml:{line}:31: [uncertainty] (the alternative for [[aggregate]] 'idx'), key `aggregations`: a geometric mean")), "{e}");
    assert!(e.ends_with("take \"geometric\" out of the alternatives, or use normalisations whose scores stay above 0 (frontier, rank, or goalposts below the lowest value)"), "{e}");
}
