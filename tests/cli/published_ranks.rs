//! Published-rank reproduction: for every edition of the GII and the Bloomberg Innovation Index,
//! the rank innodex computes from the scores (`--ties min`) must equal the rank the source
//! published — or the difference must be one the dataset's notes and caveats explain:
//!
//! - a published rank that is absent (GII 2014: Morocco, rank 84) shifts everyone below it by one,
//!   and a caveat must name that edition and rank;
//! - scores published at limited precision (GII 2013–2020: one decimal) tie, and the tied
//!   economies then share the best rank; a tie is accepted only if the scores are equal at the
//!   edition's precision, the published ranks of the tied group are consecutive from the computed
//!   rank, and the dataset's text states that precision.
#![allow(clippy::print_stdout, clippy::print_stderr)] // reports what was measured or skipped

use crate::*;
use std::collections::{BTreeMap, BTreeSet};

/// One row of a curated `score.csv`.
struct SourceRow {
    iso3: String,
    value: Option<String>,
    published_rank: Option<u32>,
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
                published_rank: rec["published_rank"].parse().ok(),
            });
    }
    out
}

/// The dataset's notes and the score indicator's caveats, as one list of texts.
fn explanations(dataset: &str) -> Vec<String> {
    let text = std::fs::read_to_string(root().join("datasets").join(dataset).join("dataset.toml"))
        .expect("dataset.toml");
    let doc: toml::Value = toml::from_str(&text).expect("toml");
    let strings = |v: Option<&toml::Value>| -> Vec<String> {
        v.and_then(|v| v.as_array())
            .map(|a| {
                a.iter()
                    .filter_map(|s| s.as_str().map(String::from))
                    .collect()
            })
            .unwrap_or_default()
    };
    let mut out = strings(doc.get("notes"));
    for ind in doc["indicator"].as_array().expect("indicators") {
        if ind["id"].as_str() == Some("score") {
            out.extend(strings(ind.get("caveats")));
        }
    }
    out
}

fn decimals(v: &str) -> usize {
    v.split_once('.').map_or(0, |(_, f)| f.len())
}

#[derive(Default)]
struct Summary {
    economies: usize,
    exact: usize,
    gap: usize,
    tie: usize,
}

fn check_edition(
    indicator: &str,
    year: i32,
    source: &[SourceRow],
    texts: &[String],
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
    // The edition's published precision, from the file.
    let precision = source
        .iter()
        .filter_map(|s| s.value.as_deref())
        .map(decimals)
        .max()
        .unwrap_or(0);
    let scale = 10f64.powi(precision as i32);
    let at_precision = |v: f64| (v * scale).round() as i64;
    // Published ranks that are absent from the edition.
    let present: BTreeSet<u32> = source.iter().filter_map(|s| s.published_rank).collect();
    let max = present.iter().max().copied().unwrap_or(0);
    let absent: Vec<u32> = (1..=max).filter(|r| !present.contains(r)).collect();
    for m in &absent {
        let explained = texts
            .iter()
            .any(|t| t.contains(&format!("{year}:")) && t.contains(&format!("rank {m} absent")));
        if !explained {
            problems.push(format!(
                "{indicator} {year}: published rank {m} is absent and no note explains it"
            ));
        }
    }
    let adjusted = |p: u32| p - absent.iter().filter(|&&m| m < p).count() as u32;
    let mut s = Summary {
        economies: got.len(),
        ..Default::default()
    };
    for (c, &(rank, value, published)) in &got {
        let adj = adjusted(published);
        if rank == published as f64 {
            s.exact += 1;
            continue;
        }
        if rank == adj as f64 {
            s.gap += 1;
            continue;
        }
        // A tie at the published precision?
        let group: Vec<u32> = got
            .values()
            .filter(|(_, v, _)| at_precision(*v) == at_precision(value))
            .map(|(_, _, p)| adjusted(*p))
            .collect();
        let mut sorted = group.clone();
        sorted.sort();
        let consecutive_from_rank = sorted
            .iter()
            .enumerate()
            .all(|(i, p)| *p as f64 == rank + i as f64);
        let precision_word = match precision {
            1 => "one decimal",
            2 => "two decimals",
            _ => "decimals",
        };
        let stated = texts.iter().any(|t| t.contains(precision_word));
        if group.len() >= 2 && consecutive_from_rank && stated {
            s.tie += 1;
        } else {
            problems.push(format!(
                "{indicator} {year} {c}: computed rank {rank}, published {published} (score {value}); \
                 tied group published ranks {sorted:?}, precision {precision} stated in notes: {stated}"
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
    let texts = explanations(dataset);
    let mut problems = Vec::new();
    // One print at the end, so parallel tests do not interleave their summaries.
    let mut report = format!("{indicator} (--ties min) vs published rank, per edition:\n");
    for (year, rows) in &editions {
        let s = check_edition(&indicator, *year, rows, &texts, &mut problems);
        report.push_str(&format!(
            "  {year}: {:>3} economies, {:>3} equal, {:>2} shifted by an absent published rank, {:>2} rounding ties\n",
            s.economies, s.exact, s.gap, s.tie
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
