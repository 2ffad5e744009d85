//! The source's published rank is the authority: for every edition of the GII and the Bloomberg
//! Innovation Index, the rank `innodex rank` shows equals the rank the source published, for
//! every economy (scores rounded to one decimal tie in GII 2013–2020, and GII 2014 lacks
//! Morocco's row: neither may change a rank). The same holds for every GII pillar and
//! sub-pillar in every edition (through the library, which `rank` calls).
#![allow(clippy::print_stdout, clippy::print_stderr)] // reports what was measured or skipped

use crate::*;
use std::collections::{BTreeMap, BTreeSet};

/// One row of a curated `score.csv`.
struct SourceRow {
    iso3: String,
    value: Option<String>,
}

fn read_scores(dataset: &str) -> BTreeMap<i32, Vec<SourceRow>> {
    let mut r = csv::Reader::from_path(root().join("datasets").join(dataset).join("score.csv"))
        .expect("score.csv");
    let mut out: BTreeMap<i32, Vec<SourceRow>> = BTreeMap::new();
    for rec in r.deserialize::<BTreeMap<String, String>>() {
        let rec = rec.expect("row");
        out.entry(rec["year"].parse().expect("year"))
            .or_default()
            .push(SourceRow {
                iso3: rec["iso3"].clone(),
                value: Some(rec["value"].clone()).filter(|v| !v.is_empty()),
            });
    }
    out
}

#[derive(Default)]
struct Summary {
    economies: usize,
    exact: usize,
}

fn check_edition(
    indicator: &str,
    year: i32,
    source: &[SourceRow],
    problems: &mut Vec<String>,
) -> Summary {
    let t = csv_of(run(&[
        "rank",
        indicator,
        "--year",
        &year.to_string(),
        "--ties",
        "min",
        "--format",
        "csv",
    ]));
    // Every economy with a score is ranked; values are the file's values.
    let want: BTreeMap<&str, f64> = source
        .iter()
        .filter_map(|s| Some((s.iso3.as_str(), s.value.as_ref()?.parse().expect("number"))))
        .collect();
    let got: BTreeMap<String, (f64, f64, u32)> = t
        .cols(&["iso3", "rank", "value", "published_rank"])
        .into_iter()
        .map(|r| {
            (
                r[0].clone(),
                (
                    r[1].parse().expect("rank"),
                    r[2].parse().expect("value"),
                    r[3].parse().expect("published rank present"),
                ),
            )
        })
        .collect();
    assert_eq!(
        got.keys().map(String::as_str).collect::<BTreeSet<_>>(),
        want.keys().copied().collect::<BTreeSet<_>>(),
        "{indicator} {year}: ranked economies differ from the file"
    );
    for (c, v) in &want {
        assert_eq!(got[*c].1, *v, "{indicator} {year} {c}: value");
    }
    // The rank shown is the published rank, for every economy: ties on rounded scores and an
    // absent published rank (GII 2014: Morocco, 84) never change it.
    let mut s = Summary {
        economies: got.len(),
        ..Default::default()
    };
    for (c, &(rank, _, published)) in &got {
        if rank == published as f64 {
            s.exact += 1;
        } else {
            problems.push(format!(
                "{indicator} {year} {c}: rank {rank}, published {published}"
            ));
        }
    }
    s
}

fn reproduce(dataset: &str, expected_editions: std::ops::RangeInclusive<i32>) {
    let indicator = format!("{dataset}.score");
    let editions = read_scores(dataset);
    assert_eq!(
        editions.keys().copied().collect::<Vec<_>>(),
        expected_editions.collect::<Vec<_>>(),
        "{dataset}: editions in score.csv"
    );
    let mut problems = Vec::new();
    // One print at the end, so parallel tests do not interleave their summaries.
    let mut report = format!("{indicator} (--ties min) vs published rank, per edition:\n");
    for (year, rows) in &editions {
        let s = check_edition(&indicator, *year, rows, &mut problems);
        report.push_str(&format!(
            "  {year}: {:>3} economies, {:>3} with rank = published rank\n",
            s.economies, s.exact
        ));
        assert!(s.economies > 0);
    }
    println!("{report}");
    assert!(
        problems.is_empty(),
        "unexplained differences:\n{}",
        problems.join("\n")
    );
}

#[test]
fn gii_every_edition_reproduces_the_published_rank() {
    reproduce("gii", 2013..=2025);
}

#[test]
fn bloomberg_every_edition_reproduces_the_published_rank() {
    reproduce("bii", 2016..=2021);
}

#[test]
fn rank_without_a_period_ranks_only_the_latest_edition_with_the_published_ranks() {
    for (indicator, edition) in [("gii.score", "2025"), ("bii.score", "2021")] {
        let t = csv_of(run(&["rank", indicator, "--format", "csv"]));
        let rows = t.cols(&["year", "rank", "published_rank", "rank_basis"]);
        assert!(!rows.is_empty());
        for r in &rows {
            assert_eq!(r[0], edition, "{indicator}: {r:?}");
            assert_eq!(r[1], r[2], "{indicator}: {r:?}");
            assert_eq!(r[3], "published", "{indicator}: {r:?}");
        }
    }
    // Economies absent from the latest edition are named with their last one, not ranked.
    let out = run(&["rank", "gii.score", "--format", "json"]);
    assert!(
        out.stdout.contains("Guyana (GUY, last in 2015)"),
        "{}",
        out.stdout
    );
}

#[test]
fn gii_2019_singapore_is_eighth_as_wipo_published_not_tied_seventh() {
    let t = csv_of(run(&[
        "rank",
        "gii.score",
        "--year",
        "2019",
        "--format",
        "csv",
    ]));
    let sgp: Vec<Vec<String>> = t
        .cols(&["iso3", "rank", "value"])
        .into_iter()
        .filter(|r| r[0] == "SGP" || r[0] == "DNK")
        .collect();
    // Both 58.4 at one decimal; WIPO ranked Denmark 7th and Singapore 8th.
    assert_eq!(
        sgp,
        vec![
            vec!["DNK".to_string(), "7".into(), "58.4".into()],
            vec!["SGP".to_string(), "8".into(), "58.4".into()]
        ]
    );
}

#[test]
fn every_gii_pillar_and_sub_pillar_in_every_edition_has_the_published_rank() {
    use innodex::analysis::period::Period;
    use innodex::analysis::rank::{compute, RankBasis, RankQuery};
    use innodex::catalog::metadata::IndicatorKind;
    let catalog = innodex::catalog::Catalog::embedded().expect("catalog");
    let pillars: Vec<_> = catalog
        .indicators()
        .into_iter()
        .filter(|i| i.dataset == "gii" && i.meta.kind == IndicatorKind::Score)
        .filter(|i| !["score", "input_score", "output_score"].contains(&i.meta.id.as_str()))
        .collect();
    assert_eq!(pillars.len(), 7 + 21, "pillar and sub-pillar scores");
    let mut checked = 0;
    for ind in &pillars {
        for year in 2013..=2025 {
            let q = RankQuery {
                indicator: ind.id.clone(),
                period: Period::default().at_year(year),
                ..Default::default()
            };
            let ranking = compute(&catalog, &q).expect("ranking");
            for r in &ranking.rows {
                let published = r.published_rank.expect("published rank");
                assert_eq!(
                    (r.rank, r.basis),
                    (f64::from(published), RankBasis::Published),
                    "{} {year} {}",
                    ind.id,
                    r.iso3
                );
                checked += 1;
            }
        }
    }
    // 28 indicators × 13 editions × 126–143 economies (a few pillar values are missing).
    assert!(checked > 28 * 13 * 120, "{checked}");
}
