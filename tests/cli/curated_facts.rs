//! Facts the briefings rely on, checked in the committed `datasets/` through the library's
//! loaders against the raw files in `sources/` (read here independently of the curation code):
//! group sizes, every GII pillar rank, WDI top tens, both high-tech export vintages, GERD 2021,
//! the EIS Innovation Leaders.

use crate::root;

/// Facts the briefings rely on, read from the committed datasets through the library's loaders.
#[test]
fn committed_datasets_load_and_hold_the_checked_facts() {
    use innodex::catalog::{Catalog, DataSource};
    let root = root().join("datasets");
    let catalog = Catalog::open(DataSource::Dir(root)).expect("opens");
    let countries = catalog.countries().expect("countries");
    let current = |g: &str| {
        let group = countries.group(g).expect("group");
        group.members.iter().filter(|m| m.until.is_none()).count()
    };
    assert_eq!(current("NATO"), 32);
    assert_eq!(current("OECD"), 38);
    assert_eq!(current("G7"), 7);
    assert_eq!(current("EU"), 27);
    let eu = countries.group("EU").expect("EU");
    let date = |s: &str| chrono::NaiveDate::parse_from_str(s, "%Y-%m-%d").expect("date");
    assert!(eu.member_on("GBR", date("2020-01-30")));
    assert!(!eu.member_on("GBR", date("2020-02-01")));
    assert!(matches!(
        countries.resolve("Congo"),
        innodex::catalog::countries::Resolution::Ambiguous { .. }
    ));
    for indicator in catalog.indicators() {
        let obs = catalog
            .observations(&indicator)
            .expect("observations parse");
        assert!(!obs.is_empty(), "{} has rows", indicator.id);
        for o in &obs {
            assert!(
                countries.knows(&o.iso3),
                "{}: unknown code {}",
                indicator.id,
                o.iso3
            );
        }
    }
    let ifr = catalog.indicator("ifr.robot_density").expect("ifr");
    let obs = catalog.observations(&ifr).expect("ifr rows");
    assert_eq!(obs.len(), 196, "200 source rows minus 4 merged");
    for (iso3, value, rank) in [("SGP", 918.0, 1), ("KOR", 868.0, 2), ("JPN", 364.0, 3)] {
        assert!(
            obs.iter().any(|o| o.iso3 == iso3
                && o.year == 2019
                && o.published.as_ref().map(|p| p.text.as_str()) == Some("2021-01-27")
                && o.value == Some(value)
                && o.published_rank == Some(rank)),
            "{iso3} 2019"
        );
    }
    let gii = catalog.indicator("gii.score").expect("gii");
    assert_eq!(catalog.observations(&gii).expect("gii rows").len(), 1734);
    let bii = catalog.indicator("bii.score").expect("bii");
    assert_eq!(catalog.observations(&bii).expect("bii rows").len(), 330);
}

/// Reads a raw source CSV from `sources/` independently of the curation code.
fn source_rows(rel: &str) -> Vec<std::collections::HashMap<String, String>> {
    let path = innodex::curate::default_sources_dir().join(rel);
    let mut reader = csv::Reader::from_path(&path).expect("source file");
    let headers = reader.headers().expect("header").clone();
    reader
        .records()
        .map(|r| {
            let r = r.expect("record");
            headers
                .iter()
                .zip(r.iter())
                .map(|(h, v)| (h.to_string(), v.to_string()))
                .collect()
        })
        .collect()
}

fn committed() -> innodex::catalog::Catalog {
    let root = root().join("datasets");
    innodex::catalog::Catalog::open(innodex::catalog::DataSource::Dir(root)).expect("opens")
}

/// Every published pillar and sub-pillar rank of every GII edition, as WIPO printed it (brackets
/// removed), is the curated rank — in the rank indicator's value and in the score indicator's
/// published_rank — and nothing else is.
#[test]
fn gii_pillar_ranks_equal_the_source_for_every_edition_and_pillar() {
    use innodex::catalog::metadata::IndicatorKind;
    use std::collections::BTreeMap;
    let catalog = committed();
    // (source code, edition, economy as printed or repaired) → rank, from the source files.
    let mut expected: BTreeMap<(String, i32, String), u32> = BTreeMap::new();
    for rel in ["wipo_gii/gii_pillars.csv", "wipo_gii/gii_subpillars.csv"] {
        for r in source_rows(rel) {
            let rank = r["rank"].trim_start_matches('[').trim_end_matches(']');
            let Ok(rank) = rank.parse::<u32>() else {
                continue; // n/a or empty: no published rank
            };
            if rank == 0 {
                continue; // 2020's "[0]": no rank 0 exists (the source note says so)
            }
            let name = innodex::catalog::countries::repair_mojibake(&r["economy"])
                .unwrap_or_else(|| r["economy"].clone());
            let key = (
                r["code"].clone(),
                r["edition"].parse().expect("edition"),
                name,
            );
            assert!(expected.insert(key, rank).is_none(), "one rank per cell");
        }
    }
    assert!(expected.len() > 48_000, "{} source ranks", expected.len());
    let mut checked = 0;
    let mut pillars = BTreeMap::new();
    for ind in catalog
        .indicators()
        .into_iter()
        .filter(|i| i.dataset == "gii")
    {
        let Some(code) = ind
            .meta
            .source_code
            .as_deref()
            .and_then(|s| s.rsplit(' ').next())
            .filter(|_| {
                ind.meta
                    .source_code
                    .as_deref()
                    .is_some_and(|s| s.starts_with("GII "))
            })
        else {
            continue;
        };
        *pillars.entry(code.to_string()).or_insert(0) += 1;
        let mut got: BTreeMap<(String, i32, String), u32> = BTreeMap::new();
        for o in catalog.observations(&ind).expect("rows") {
            let rank = match ind.meta.kind {
                IndicatorKind::Rank => o.value.map(|v| v as u32),
                _ => o.published_rank,
            };
            if let Some(rank) = rank {
                got.insert(
                    (
                        code.to_string(),
                        o.year,
                        o.source_name.clone().expect("name"),
                    ),
                    rank,
                );
            }
        }
        let want: BTreeMap<_, _> = expected
            .iter()
            .filter(|(k, _)| k.0 == code)
            .map(|(k, v)| (k.clone(), *v))
            .collect();
        assert_eq!(got.len(), want.len(), "{}: number of ranks", ind.id);
        for (k, v) in &want {
            assert_eq!(got.get(k), Some(v), "{} {:?}", ind.id, k);
            checked += 1;
        }
    }
    assert_eq!(pillars.len(), 28, "7 pillars + 21 sub-pillars");
    assert!(
        pillars.values().all(|n| *n == 2),
        "a score and a rank indicator each"
    );
    assert_eq!(checked, 2 * expected.len());
}

/// The top 10 economies (aggregates and empty values left out) of a World Bank WDI series for a
/// year, read straight from its raw file in `sources/world_bank_wdi/`.
pub fn wdi_source_top10(file: &str, year: &str) -> Vec<(String, f64)> {
    let mut rows: Vec<(String, f64)> = source_rows(&format!("world_bank_wdi/{file}"))
        .into_iter()
        .filter(|r| r["year"] == year && r["is_aggregate"] == "false" && !r["value"].is_empty())
        .map(|r| {
            (
                r["country_code"].clone(),
                r["value"].parse().expect("number"),
            )
        })
        .collect();
    rows.sort_by(|a, b| b.1.total_cmp(&a.1));
    rows.truncate(10);
    rows
}

/// The top 10 countries of a curated indicator for a year (aggregates excluded).
fn curated_top10(id: &str, year: i32) -> Vec<(String, f64)> {
    let catalog = committed();
    let countries = catalog.countries().expect("countries");
    let ind = catalog.indicator(id).expect("indicator");
    let mut rows: Vec<(String, f64)> = catalog
        .observations(&ind)
        .expect("rows")
        .into_iter()
        .filter(|o| o.year == year && !countries.is_aggregate(&o.iso3))
        .map(|o| (o.iso3, o.value.expect("value")))
        .collect();
    rows.sort_by(|a, b| b.1.total_cmp(&a.1));
    rows.truncate(10);
    rows
}

#[test]
fn wdi_articles_and_patents_top_ten_for_2020_equal_the_source() {
    for (id, file) in [
        ("wdi.scientific_articles", "scientific_journal_articles.csv"),
        (
            "wdi.patent_applications_residents",
            "patent_applications_residents.csv",
        ),
    ] {
        let want = wdi_source_top10(file, "2020");
        assert_eq!(want.len(), 10, "{file}");
        assert_eq!(curated_top10(id, 2020), want, "{id}");
    }
    // The World Bank's own ordering, as a reader of the source would state it.
    let articles = wdi_source_top10("scientific_journal_articles.csv", "2020");
    assert_eq!(articles[0].0, "CHN");
    assert_eq!(articles[1].0, "USA");
}

/// Both high-tech export vintages are in one indicator, every source row once, each row naming
/// its vintage; the declared vintages carry the dates SOURCES.md records.
#[test]
fn hightech_exports_hold_both_vintages() {
    let catalog = committed();
    let ind = catalog
        .indicator("wdi.hightech_exports_pct")
        .expect("indicator");
    let obs = catalog.observations(&ind).expect("rows");
    let countries = catalog.countries().expect("countries");
    for (vintage, file) in [
        ("2022-12", "hightech_exports_pct_manufactured.csv"),
        ("2025-04", "hightech_exports_pct_manufactured_2025-04.csv"),
    ] {
        let source = source_rows(&format!("world_bank_wdi/{file}"));
        let held: Vec<_> = obs
            .iter()
            .filter(|o| o.vintage.as_deref() == Some(vintage))
            .collect();
        assert_eq!(held.len(), source.len(), "{vintage}");
        for r in &source {
            let value: f64 = r["value"].parse().expect("number");
            let year: i32 = r["year"].parse().expect("year");
            assert!(countries.knows(&r["country_code"]), "{}", r["country_code"]);
            assert!(
                held.iter().any(|o| o.iso3 == r["country_code"]
                    && o.year == year
                    && o.value == Some(value)),
                "{vintage}: {} {year}",
                r["country_code"]
            );
        }
    }
    let wdi = catalog.dataset("wdi").expect("wdi");
    let dates: Vec<(&str, &str)> = wdi
        .vintages
        .iter()
        .map(|v| (v.id.as_str(), v.published.as_str()))
        .collect();
    assert_eq!(
        dates,
        vec![("2022-12", "2022-12-22"), ("2025-04", "2025-04-15")]
    );
    // Singapore 2015 was revised between the vintages.
    let sgp: Vec<_> = obs
        .iter()
        .filter(|o| o.iso3 == "SGP" && o.year == 2015)
        .collect();
    assert_eq!(sgp.len(), 2);
    assert_ne!(sgp[0].value, sgp[1].value);
}

/// R&D intensity 2021 among OECD members: the 2023-09 vintage (MSTI Sep 2023 via NCSES SRD-1)
/// has 34 members, Israel first and Korea second, as in the source table; every vintage is
/// declared with its date and every row names one.
#[test]
fn gerd_2021_among_oecd_members_ranks_korea_second_in_the_2023_09_vintage() {
    let catalog = committed();
    let countries = catalog.countries().expect("countries");
    let oecd = countries.group("OECD").expect("OECD");
    let ind = catalog.indicator("msti.gerd_pct_gdp").expect("indicator");
    let obs = catalog.observations(&ind).expect("rows");
    assert!(
        obs.iter().all(|o| o.vintage.is_some()),
        "every row names its vintage"
    );
    let mut v2021: Vec<(f64, String)> = obs
        .iter()
        .filter(|o| o.vintage.as_deref() == Some("2023-09") && o.year == 2021)
        .filter(|o| oecd.member_in_year(&o.iso3, 2021))
        .map(|o| (o.value.expect("value"), o.iso3.clone()))
        .collect();
    v2021.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1)));
    assert_eq!(v2021.len(), 34);
    assert_eq!((v2021[0].1.as_str(), v2021[1].1.as_str()), ("ISR", "KOR"));
    // The same from the source table, read independently.
    let mut source: Vec<(f64, String)> =
        source_rows("oecd_msti/ncses_sei2024_srd1_gerd_selected_years.csv")
            .into_iter()
            .filter(|r| r["measure"] == "GERD-to-GDP ratio" && r["data_year"] == "2021")
            .filter(|r| oecd.member_in_year(&r["country_code"], 2021))
            .map(|r| {
                (
                    r["value"].parse().expect("number"),
                    r["country_code"].clone(),
                )
            })
            .collect();
    source.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1)));
    assert_eq!(v2021, source);
    let msti = catalog.dataset("msti").expect("msti");
    let declared: Vec<(&str, &str)> = msti
        .vintages
        .iter()
        .map(|v| (v.id.as_str(), v.published.as_str()))
        .collect();
    assert_eq!(
        declared,
        vec![
            ("2023-03", "2023-03"),
            ("2023-09", "2023-09"),
            ("2026-08", "2026-08-10")
        ]
    );
    assert_eq!(ind.meta.vintage_threshold_pct, Some(5.0));
}

/// EIS 2021: the four EU members with the highest Summary Innovation Index in 2021 are the
/// report's Innovation Leaders — the only member states above 125 % of the EU, computed here
/// from the source file — and the EU row is a declared aggregate, not ranked.
#[test]
fn eis_2021_summary_index_top_four_are_the_innovation_leaders() {
    let source = source_rows("european_innovation_scoreboard/eis2021_composite_scores.csv");
    let sii = |r: &&std::collections::HashMap<String, String>| {
        r["indicator"] == "Summary Innovation Index" && r["year"] == "2021"
    };
    let eu: f64 = source
        .iter()
        .filter(sii)
        .find(|r| r["eis_code"] == "EU")
        .map(|r| r["value"].parse().expect("number"))
        .expect("EU row");
    let eu_members = committed()
        .countries()
        .expect("countries")
        .group("EU")
        .expect("EU")
        .clone();
    let mut leaders: Vec<String> = source
        .iter()
        .filter(sii)
        .filter(|r| eu_members.member_in_year(&r["iso3"], 2021))
        .filter(|r| r["value"].parse::<f64>().expect("number") > 1.25 * eu)
        .map(|r| r["iso3"].clone())
        .collect();
    leaders.sort();
    assert_eq!(leaders, ["BEL", "DNK", "FIN", "SWE"]);

    // The Innovation Leaders are a group of EU member states: among all 38 economies,
    // Switzerland (not a member) scores highest of all.
    let all = curated_top10("eis.summary_innovation_index", 2021);
    assert_eq!(all[0].0, "CHE");
    let mut top: Vec<String> = all
        .into_iter()
        .filter(|(iso3, _)| eu_members.member_in_year(iso3, 2021))
        .take(4)
        .map(|(iso3, _)| iso3)
        .collect();
    top.sort();
    assert_eq!(top, leaders);
    let catalog = committed();
    let countries = catalog.countries().expect("countries");
    assert!(countries.is_aggregate("EU27_2020"));
    let ind = catalog
        .indicator("eis.summary_innovation_index")
        .expect("sii");
    assert_eq!(
        ind.meta.kind,
        innodex::catalog::metadata::IndicatorKind::Score
    );
    let eis = catalog.dataset("eis").expect("eis");
    assert_eq!(eis.releases.len(), 1);
    assert_eq!(
        (eis.releases[0].year, eis.releases[0].date.as_str()),
        (2021, "2021-06-21")
    );
}
