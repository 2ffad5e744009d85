//! The index end to end on the 5-country fixture (`tests/fixtures/datasets`: DEU, FIN, JPN,
//! KOR, SGP; `demo.rd` and `demo3.patents`, year 2021), against values worked out by hand for
//! each imputation and coverage rule; spec errors name the file, line and key.
//!
//! The 2021 values: R&D DEU 3.30, FIN 2.99, JPN 3.30, KOR 4.91, SGP none (2020: 2.16);
//! patents DEU 42, FIN 33, JPN none (2020: 45), KOR 52, SGP none (2020: 12). ASIA = JPN, KOR, SGP.

use super::*;

pub(super) use crate::catalog::fixture_catalog as catalog;

/// A spec over the five countries with the two indicators and the given extra keys.
pub(super) fn spec_text(rd: &str, pat: &str, agg: &str) -> String {
    format!(
        r#"title = "Fixture index"
[period]
year = 2021
[universe]
countries = ["DEU,FIN,JPN,KOR,SGP"]

[[indicator]]
id = "rd"
source = "demo.rd"
parent = "idx"
{rd}

[[indicator]]
id = "pat"
source = "demo3.patents"
parent = "idx"
{pat}

[[aggregate]]
id = "idx"
{agg}
"#
    )
}

/// (code → (index score, rank)) of a built spec.
fn scores(text: &str) -> Vec<(String, Option<f64>, Option<f64>)> {
    let spec = spec::parse("fixture.toml", text).expect("spec parses");
    let built = build(&catalog(), spec).expect("builds");
    let root = built.spec.root;
    built
        .data
        .economies
        .iter()
        .enumerate()
        .map(|(e, (c, _))| {
            (
                c.clone(),
                built.nominal.score[root][e],
                built.nominal.rank[root][e],
            )
        })
        .collect()
}

/// One economy's index score is `want` (to 1e-9).
fn assert_score(got: &[(String, Option<f64>, Option<f64>)], code: &str, want: f64) {
    let score = got
        .iter()
        .find(|g| g.0 == code)
        .and_then(|g| g.1)
        .expect(code);
    assert!((score - want).abs() < 1e-9, "{code}: {score} vs {want}");
}

fn check(got: &[(String, Option<f64>, Option<f64>)], want: &[(&str, Option<f64>, Option<f64>)]) {
    assert_eq!(got.len(), want.len(), "{got:?}");
    for (g, w) in got.iter().zip(want) {
        assert_eq!(g.0, w.0, "{got:?}");
        match (g.1, w.1) {
            (Some(a), Some(b)) => assert!((a - b).abs() < 1e-6, "{}: {a} vs {b}", g.0),
            (a, b) => assert_eq!(a, b, "{}", g.0),
        }
        assert_eq!(g.2, w.2, "rank of {}", g.0);
    }
}

#[test]
fn no_imputation_and_the_default_coverage_of_two_thirds() {
    // R&D min-max: min 2.99, span 1.92 → DEU 0.31/1.92 = 16.1458 %, FIN 0, JPN 16.1458, KOR 100.
    // Patents: min 33, span 19 → DEU 9/19 = 47.3684 %, FIN 0, KOR 100; JPN has none.
    // Index = mean: DEU (16.1458 + 47.3684)/2 = 31.7571; JPN has 1 of 2 (0.5 < 2/3): no score.
    // SGP has no 2021 value at all: not a row. Economies sorted by name (South Korea last).
    let rd_deu = 31.0 / 1.92;
    let pat_deu = 900.0 / 19.0;
    check(
        &scores(&spec_text("", "", "")),
        &[
            ("FIN", Some(0.0), Some(3.0)),
            ("DEU", Some((rd_deu + pat_deu) / 2.0), Some(2.0)),
            ("JPN", None, None),
            ("KOR", Some(100.0), Some(1.0)),
        ],
    );
    // Coverage 0.5: JPN scores its R&D alone, 16.1458, and ranks 3rd; FIN 4th.
    check(
        &scores(&spec_text("", "", "coverage = 0.5")),
        &[
            ("FIN", Some(0.0), Some(4.0)),
            ("DEU", Some((rd_deu + pat_deu) / 2.0), Some(2.0)),
            ("JPN", Some(rd_deu), Some(3.0)),
            ("KOR", Some(100.0), Some(1.0)),
        ],
    );
}

#[test]
fn earlier_values_within_the_max_age() {
    // max_age 1 fills SGP R&D 2.16 (2020), JPN patents 45 and SGP patents 12 (2020).
    // R&D: min 2.16, span 2.75 → DEU 1.14/2.75 = 41.4545, FIN 0.83/2.75 = 30.1818, JPN 41.4545,
    // KOR 100, SGP 0. Patents: min 12, span 40 → DEU 75, FIN 52.5, JPN 82.5, KOR 100, SGP 0.
    // Index: DEU 58.2273, FIN 41.3409, JPN 61.9773, KOR 100, SGP 0.
    let earlier = "imputation = \"earlier\"\nmax_age = 1";
    let got = scores(&spec_text(earlier, earlier, ""));
    check(
        &got,
        &[
            ("FIN", Some((83.0 / 2.75 + 52.5) / 2.0), Some(4.0)),
            ("DEU", Some((114.0 / 2.75 + 75.0) / 2.0), Some(3.0)),
            ("JPN", Some((114.0 / 2.75 + 82.5) / 2.0), Some(2.0)),
            ("SGP", Some(0.0), Some(5.0)),
            ("KOR", Some(100.0), Some(1.0)),
        ],
    );
    // Explicit weights 0.75/0.25 on the same data: DEU 0.75·41.4545 + 0.25·75 = 49.8409.
    let got = scores(&spec_text(
        earlier,
        earlier,
        "weights = { rd = 0.75, pat = 0.25 }",
    ));
    assert_score(&got, "DEU", 0.75 * 114.0 / 2.75 + 0.25 * 75.0);
}

#[test]
fn group_mean_imputation_uses_real_values_of_the_same_group() {
    // ASIA (kind "region"): SGP R&D = mean(JPN 3.30, KOR 4.91) = 4.105; JPN and SGP patents =
    // mean(KOR 52) = 52. R&D min-max (min 2.99, span 1.92): SGP 1.115/1.92 = 58.0729.
    // Patents (min 33, span 19): JPN = KOR = SGP = 100, DEU 47.3684.
    // Index: DEU 31.7571, FIN 0, JPN (16.1458 + 100)/2 = 58.0729, KOR 100, SGP 79.0365.
    let gm = "imputation = \"group_mean\"\nimputation_group = \"region\"";
    check(
        &scores(&spec_text(gm, gm, "")),
        &[
            ("FIN", Some(0.0), Some(5.0)),
            ("DEU", Some((31.0 / 1.92 + 900.0 / 19.0) / 2.0), Some(4.0)),
            ("JPN", Some((31.0 / 1.92 + 100.0) / 2.0), Some(3.0)),
            ("SGP", Some((111.5 / 1.92 + 100.0) / 2.0), Some(2.0)),
            ("KOR", Some(100.0), Some(1.0)),
        ],
    );
}

#[test]
fn direction_lower_reverses_min_max() {
    // R&D lower-is-better: 100·(4.91 − x)/1.92 → DEU 83.8542, FIN 100, KOR 0; patents as before.
    let got = scores(&spec_text("direction = \"lower\"", "", ""));
    assert_score(&got, "DEU", (161.0 / 1.92 + 900.0 / 19.0) / 2.0);
}

fn error_of(text: &str) -> String {
    let e = match spec::parse("fixture.toml", text) {
        Err(e) => e,
        Ok(spec) => build(&catalog(), spec).expect_err("refused"),
    };
    assert!(matches!(e, Error::Data { .. }), "{e:?}");
    e.to_string()
}

/// The 1-based line of the first occurrence of `needle` in `text`.
pub(super) fn line_of(text: &str, needle: &str) -> usize {
    text.lines()
        .position(|l| l.contains(needle))
        .expect("needle")
        + 1
}

#[test]
fn spec_errors_name_file_line_and_key() {
    let text = spec_text("", "", "").replace("demo.rd", "demo.rdx");
    let e = error_of(&text);
    let line = line_of(&text, "demo.rdx");
    assert!(e.starts_with(&format!("fixture.toml:{line}:10: [[indicator]] 'rd', key `source`: unknown indicator 'demo.rdx'")), "{e}");
    assert!(e.contains("did you mean 'demo.rd'"), "{e}");

    let text = spec_text("", "", "weights = { rd = 0.6, pat = 0.6 }");
    let e = error_of(&text);
    let line = line_of(&text, "weights =");
    assert!(e.starts_with(&format!("fixture.toml:{line}:11: [[aggregate]] 'idx', key `weights`: the weights sum to 1.2, not 1")), "{e}");

    // Min-max puts FIN at 0 on both: a geometric mean over it is refused.
    let text = spec_text("", "", "aggregation = \"geometric\"");
    let e = error_of(&text);
    let line = line_of(&text, "geometric");
    assert!(e.starts_with(&format!("fixture.toml:{line}:15: [[aggregate]] 'idx', key `aggregation`: a geometric mean needs every value above 0, but Finland (FIN) scores 0")), "{e}");

    let e = error_of(&spec_text("", "", "aggregation = \"mean\""));
    assert!(
        e.contains("key `aggregation`: unknown aggregation 'mean'"),
        "{e}"
    );
    let e = error_of(&spec_text(
        "normalisation = \"none\"\ndirection = \"lower\"",
        "",
        "",
    ));
    assert!(
        e.contains("key `normalisation`: demo.rd is lower-is-better"),
        "{e}"
    );
    let e = error_of(&spec_text("", "", "").replacen("parent = \"idx\"", "parent = \"idy\"", 1));
    assert!(
        e.contains("key `parent`: unknown aggregate 'idy'; did you mean 'idx'?"),
        "{e}"
    );
    let e = error_of(&spec_text("", "", "colour = 3"));
    assert!(e.contains("unknown field `colour`"), "{e}");
}

#[test]
fn min_ranks_equal_the_engine_ranks() {
    let data = data::Data {
        economies: (0..7)
            .map(|i| (format!("C{i}"), format!("Country {i}")))
            .collect(),
        indicators: vec![],
        universe: String::new(),
        no_value: vec![],
    };
    let scores = [
        Some(3.0),
        None,
        Some(5.0),
        Some(3.0),
        Some(-1.0),
        Some(5.0),
        Some(0.0),
    ];
    // 5, 5 share 1st; 3, 3 share 3rd; 0 is 5th; −1 6th.
    let want = vec![
        Some(3.0),
        None,
        Some(1.0),
        Some(3.0),
        Some(6.0),
        Some(1.0),
        Some(5.0),
    ];
    assert_eq!(model::ranks_of(&data, &scores).expect("ranks"), want);
    assert_eq!(model::min_ranks(&scores), want);
}

#[test]
fn the_seeded_generator_is_fixed() {
    // SplitMix64 from seed 0: the published first output is 0xE220A8397B1DCDAF.
    let mut r = uncertainty::Rng::new(0);
    assert_eq!(r.next_u64(), 0xE220_A839_7B1D_CDAF);
    assert_eq!(
        uncertainty::nearest_rank(&[1.0, 2.0, 3.0, 4.0, 5.0, 6.0, 7.0, 8.0, 9.0, 10.0], 0.05),
        1.0
    );
    // ⌈0.95·10⌉ = 10th; ⌈0.5·10⌉ = 5th.
    assert_eq!(
        uncertainty::nearest_rank(&[1.0, 2.0, 3.0, 4.0, 5.0, 6.0, 7.0, 8.0, 9.0, 10.0], 0.95),
        10.0
    );
    assert_eq!(
        uncertainty::nearest_rank(&[1.0, 2.0, 3.0, 4.0, 5.0, 6.0, 7.0, 8.0, 9.0, 10.0], 0.5),
        5.0
    );
}

#[test]
fn a_ratio_divides_by_the_denominator_of_the_same_year() {
    // patents per R&D % (a made-up ratio, for the arithmetic), × 10: DEU 42/3.30·10 = 127.27,
    // FIN 33/2.99·10 = 110.37, KOR 52/4.91·10 = 105.91; JPN has no 2021 patents.
    let text = spec_text("", "per = \"demo.rd\"\nper_scale = 10", "coverage = 0.5");
    let built = build(
        &catalog(),
        spec::parse("fixture.toml", &text).expect("spec"),
    )
    .expect("builds");
    let pat = built.data.of_node(1).expect("patents");
    let raw: Vec<Option<f64>> = pat.values.iter().map(|v| v.raw).collect();
    let want = [
        Some(330.0 / 2.99),
        Some(420.0 / 3.30),
        None,
        Some(520.0 / 4.91),
    ];
    for (g, w) in raw.iter().zip(want) {
        match (g, w) {
            (Some(a), Some(b)) => assert!((a - b).abs() < 1e-9, "{raw:?}"),
            (a, b) => assert_eq!(*a, b),
        }
    }
    assert_eq!(pat.unit, "per million people per 10 % of GDP");
    let e = error_of(&spec_text("", "per_scale = 10", ""));
    assert!(
        e.contains("key `per_scale`: per_scale scales a ratio"),
        "{e}"
    );
}

#[path = "tests_uncertainty.rs"]
mod uncertainty_tests;

#[test]
fn every_shipped_spec_with_any_one_line_removed_fails_cleanly_or_builds() {
    // Hostile edits: each line of each shipped spec deleted in turn. Never a panic; every
    // error names the spec file, and a located one a line within it.
    let catalog = Catalog::embedded().expect("embedded");
    for (name, _) in shipped() {
        let text = shipped_text(&name).expect("shipped");
        let lines: Vec<&str> = text.lines().collect();
        for i in 0..lines.len() {
            if lines[i].trim().is_empty() || lines[i].starts_with('#') {
                continue;
            }
            let edited: String = lines
                .iter()
                .enumerate()
                .filter(|(k, _)| *k != i)
                .map(|(_, l)| format!("{l}\n"))
                .collect();
            let result = spec::parse("edited.toml", &edited).and_then(|s| build(&catalog, s));
            if let Err(e) = result {
                let msg = e.to_string();
                assert!(
                    msg.starts_with("edited.toml"),
                    "{name} line {}: {msg}",
                    i + 1
                );
                if let Error::Data { line, .. } = e {
                    assert!(
                        line >= 1 && line as usize <= lines.len(),
                        "{name} line {}: {msg}",
                        i + 1
                    );
                }
            }
        }
    }
}

#[test]
fn coverage_rules_apply_at_each_level() {
    // idx = mean(sub, rd2); sub = mean(rd, pat). rd2 is R&D again, straight under the index.
    // JPN has R&D but no patents: sub needs 0.5 → JPN's sub = its R&D score 16.1458, and the
    // index = (16.1458 + 16.1458)/2; DEU: sub 31.7571, index (31.7571 + 16.1458)/2 = 23.9515.
    let two_levels = |sub_coverage: &str| {
        spec_text("", "", "coverage = 1.0")
            .replace("parent = \"idx\"", "parent = \"sub\"")
            .replace(
                "[[aggregate]]\nid = \"idx\"",
                &format!(
                    "[[indicator]]\nid = \"rd2\"\nsource = \"demo.rd\"\nparent = \"idx\"\n\n[[aggregate]]\nid = \"sub\"\nparent = \"idx\"\ncoverage = {sub_coverage}\n\n[[aggregate]]\nid = \"idx\""
                ),
            )
    };
    let rd = 31.0 / 1.92;
    let deu = ((rd + 900.0 / 19.0) / 2.0 + rd) / 2.0;
    check(
        &scores(&two_levels("0.5")),
        &[
            ("FIN", Some(0.0), Some(4.0)),
            ("DEU", Some(deu), Some(2.0)),
            ("JPN", Some(rd), Some(3.0)),
            ("KOR", Some(100.0), Some(1.0)),
        ],
    );
    // Sub-index coverage 1: JPN has no sub-index score, so the index (coverage 1) has none.
    check(
        &scores(&two_levels("1.0")),
        &[
            ("FIN", Some(0.0), Some(3.0)),
            ("DEU", Some(deu), Some(2.0)),
            ("JPN", None, None),
            ("KOR", Some(100.0), Some(1.0)),
        ],
    );
}
