//! Tests of the wording: phrases, ordinals and attributions; the strengths report; the notes
//! of a pairing (on the fixture datasets, whose answers are worked out by hand).

use super::pairs::pairing_notes;
use super::sources::drop_year;
use super::standing::{label, ordinal, value_phrase};
use super::strengths::strengths_report;
use crate::analysis::fixtures::{pair_query as q, profile_query as query, reasons};
use crate::analysis::pairs::{pair, LeftOutReason};
use crate::analysis::standing::percentile;
use crate::catalog::fixture_catalog as fixtures;
use crate::report::Cell;

#[test]
fn labels_phrases_and_attribution() {
    assert_eq!(
        drop_year("Source: WIPO, GII (edition {year})"),
        "Source: WIPO, GII"
    );
    assert_eq!(drop_year("Source: X ({year}); more"), "Source: X; more");
    let c = fixtures();
    let ind = c.indicator("demo.rd").expect("ind");
    assert_eq!(value_phrase(&ind, 3.3), "3.30% of GDP");
    assert_eq!(label(&ind, "Demo"), "R&D spending");
    let mut gii = ind.clone();
    gii.meta.title = "Global Innovation Index rank".into();
    assert_eq!(
        label(&gii, "WIPO Global Innovation Index"),
        "WIPO Global Innovation Index rank"
    );
    gii.meta.unit = "million USD, constant 2015 prices and PPPs".into();
    gii.meta.decimals = 0;
    assert_eq!(
        value_phrase(&gii, 171839.9),
        "USD 171.8 billion in constant 2015 prices and PPPs"
    );
}

#[test]
fn strengths_use_percentile_ranks() {
    let c = fixtures();
    let q = query("JPN", &[], Some(2021));
    let r = strengths_report(&c, &q, 1).expect("strengths");
    // index_rank: 2nd of 3 → 50; rd: 2nd of 4 → 66.7 (both ranks ≤ 3: strengths).
    let pct: Vec<String> = r.rows.iter().map(|row| row[1].raw()).collect();
    assert_eq!(pct, vec!["66.66666666666667", "50"]);
    assert!(r.rows.iter().all(|row| row[0] == Cell::text("strength")));
}

#[test]
fn ordinals_and_percentiles() {
    let o: Vec<String> = [1.0, 2.0, 3.0, 4.0, 11.0, 12.0, 13.0, 21.0, 22.0, 103.0]
        .iter()
        .map(|&r| ordinal(r))
        .collect();
    assert_eq!(
        o,
        ["1st", "2nd", "3rd", "4th", "11th", "12th", "13th", "21st", "22nd", "103rd"]
    );
    assert_eq!(percentile(1.0, 5), 100.0);
    assert_eq!(percentile(5.0, 5), 0.0);
    assert_eq!(percentile(2.0, 5), 75.0);
    assert_eq!(percentile(1.0, 1), 100.0);
}

#[test]
fn latest_pairs_state_the_gap_and_max_gap_drops_named_pairs() {
    let p = pair(&fixtures(), &q("demo.rd", "demo3.patents")).expect("pair");
    // Latest rd: DEU 2021, FIN 2023, JPN 2021, KOR 2021, SGP 2020, TUR 2019.
    // Latest patents: DEU 2021, FIN 2021, JPN 2020, KOR 2021, SGP 2020, NGA 2020, TUR 2021.
    let fin = p.pairs.iter().find(|q| q.iso3 == "FIN").expect("FIN");
    assert_eq!((fin.x_year, fin.y_year), (2023, 2021));
    assert_eq!(p.max_gap(), 2);
    let notes = pairing_notes(&p, &q("demo.rd", "demo3.patents"));
    assert!(notes.iter().any(|n| n.contains("largest gap 2 years")
        && n.contains("FIN 2023/2021")
        && n.contains("TUR 2019/2021")));
    let mut query = q("demo.rd", "demo3.patents");
    query.max_gap = Some(1);
    let p = pair(&fixtures(), &query).expect("pair");
    assert!(p.pairs.iter().all(|q| q.iso3 != "FIN" && q.iso3 != "TUR"));
    assert!(reasons(&p).contains(&(
        "FIN".into(),
        LeftOutReason::GapTooLarge {
            x_year: 2023,
            y_year: 2021
        }
    )));
    assert!(pairing_notes(&p, &query)
        .iter()
        .any(|n| n.starts_with("--max-gap 1: 2 pairs")));
}

#[test]
fn compare_names_a_cell_that_fell_back_to_another_alternative() {
    // JPN has demo.rd; NGA only demo3.patents (2020: 1, 6th of the 6 values of 2020).
    let q = crate::analysis::compare::CompareQuery {
        countries: vec!["JPN".into(), "NGA".into()],
        indicators: vec!["demo.rd|demo3.patents".into()],
        ..Default::default()
    };
    let r = super::compare::compare_report(&fixtures(), &q, super::compare::Layout::Tidy)
        .expect("compare");
    let shown: Vec<Vec<String>> = r
        .rows
        .iter()
        .map(|row| row.iter().map(Cell::raw).collect())
        .collect();
    assert_eq!(shown[0][0..3], ["demo.rd", "JPN", "Japan"]);
    assert_eq!(
        shown[1][0..8],
        [
            "demo3.patents",
            "NGA",
            "Nigeria",
            "1",
            "per million people",
            "2020",
            "6",
            "6"
        ]
    );
    assert_eq!(shown[1][11], "no demo.rd value: not covered by the source");
    assert!(
        r.notes.iter().any(|n| n.starts_with("demo.rd: ")
            && n.contains(
                "Nigeria: demo3.patents (Patent applications, unit: per million people) instead"
            )),
        "{:?}",
        r.notes
    );
}
