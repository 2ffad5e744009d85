//! The `ifr` dataset: IFR robot density (robots per 10,000 manufacturing employees), per publication.

use super::{
    check_number, check_rank, obs_file, parse_year, read_source, Col, Dataset, Obs, Resolver,
    RETRIEVED,
};
use crate::catalog::dates::PartialDate;
use crate::catalog::load::CsvTable;
use crate::catalog::metadata::{DatasetMeta, IndicatorKind, IndicatorMeta, ListCoverage, YearKind};
use crate::error::{Error, Result};
use std::collections::BTreeMap;
use std::path::Path;

const FILE: &str = "ifr_robot_density/ifr_robot_density.csv";

/// The code IFR's combined Belgium + Luxembourg figure is filed under (declared in aggregates.csv).
pub(crate) const BEL_LUX: &str = "BEL+LUX";

/// IFR reports Belgium and Luxembourg as one unit, under any of these printed names — including
/// plain "Belgium". In this file they all mean the combined figure, so they map to `BEL+LUX`,
/// never to BEL (which elsewhere is Belgium alone).
pub(crate) const IFR_BELGIUM_LUXEMBOURG: [&str; 4] = [
    "Belgium",
    "Belgium (and Luxembourg)",
    "Belgium and Luxembourg",
    "Belgium/Luxemburg",
];

/// Spellings in the IFR file that the countries alias lists do not cover (countries/SOURCES.md
/// collected the IFR spellings before the 2024-data rows were appended): printed name → code.
pub(crate) const IFR_SPELLINGS: [(&str, &str); 1] = [("Rep. of Korea", "KOR")];

/// One source row, resolved.
struct Row {
    line: u64,
    obs: Obs,
}

/// Observation rows from the parsed source table: names resolved (Belgium rule applied),
/// rank-only and value rows of the same (iso3, data year, published) merged.
pub(crate) fn rows(t: &CsvTable, res: &mut Resolver) -> Result<Vec<Obs>> {
    let mut by_key: BTreeMap<(String, i32, String), Vec<Row>> = BTreeMap::new();
    for (line, r) in &t.rows {
        let line = *line;
        let year = parse_year(t, line, "data_year", t.get(r, "data_year"))?;
        let country = t.get(r, "country");
        let code = if IFR_BELGIUM_LUXEMBOURG.contains(&country) {
            BEL_LUX.to_string()
        } else if let Some((_, code)) = IFR_SPELLINGS.iter().find(|(n, _)| *n == country) {
            code.to_string()
        } else {
            match res.name(country, &t.file, line) {
                Some(resolved) => resolved.code,
                None => continue,
            }
        };
        let published = t.get(r, "published");
        PartialDate::parse(published).map_err(|m| t.error(line, "published", m))?;
        let value = t.get(r, "robots_per_10k_employees");
        let rank = t.get(r, "rank");
        if !value.is_empty() {
            check_number(t, line, "robots_per_10k_employees", value)?;
        }
        if !rank.is_empty() {
            check_rank(t, line, "rank", rank)?;
        }
        if value.is_empty() && rank.is_empty() {
            return Err(t.error(
                line,
                "robots_per_10k_employees",
                "row has neither a density nor a rank",
            ));
        }
        let mut note = Vec::new();
        if IFR_BELGIUM_LUXEMBOURG.contains(&country) {
            note.push(format!(
                "'{country}' = IFR's combined Belgium and Luxembourg figure (filed as {BEL_LUX})"
            ));
        }
        for (label, col) in [
            ("", "note"),
            ("release: ", "ifr_release"),
            ("source: ", "source_url"),
        ] {
            let text = t.get(r, col);
            if !text.is_empty() {
                note.push(format!("{label}{text}"));
            }
        }
        by_key
            .entry((code.clone(), year, published.to_string()))
            .or_default()
            .push(Row {
                line,
                obs: Obs {
                    iso3: code,
                    year,
                    value: value.to_string(),
                    published_rank: rank.to_string(),
                    published: published.to_string(),
                    source_name: country.to_string(),
                    note: note.join(" | "),
                    ..Obs::default()
                },
            });
    }
    let mut out = Vec::new();
    for ((code, year, published), group) in by_key {
        if group.len() == 1 {
            out.extend(group.into_iter().map(|r| r.obs));
            continue;
        }
        out.push(merge(&t.file, &code, year, &published, group)?);
    }
    Ok(out)
}

/// Merges rows of one (iso3, data year, published): at most one distinct value and one rank.
fn merge(file: &str, code: &str, year: i32, published: &str, group: Vec<Row>) -> Result<Obs> {
    let distinct = |f: fn(&Obs) -> &str| {
        let mut v: Vec<&str> = group
            .iter()
            .map(|r| f(&r.obs))
            .filter(|s| !s.is_empty())
            .collect();
        v.sort();
        v.dedup();
        v
    };
    let lines = group
        .iter()
        .map(|r| r.line.to_string())
        .collect::<Vec<_>>()
        .join(", ");
    let values = distinct(|o| &o.value);
    let ranks = distinct(|o| &o.published_rank);
    if values.len() > 1 || ranks.len() > 1 {
        return Err(Error::DataFile {
            file: file.into(),
            message: format!(
                "lines {lines}: {code} data year {year} published '{published}' has different figures in one publication (values {values:?}, ranks {ranks:?}); fix the source or tell the rows apart"
            ),
        });
    }
    let names = {
        let mut n: Vec<&str> = group.iter().map(|r| r.obs.source_name.as_str()).collect();
        n.dedup();
        n.join(" / ")
    };
    let parts = group
        .iter()
        .map(|r| {
            let what = match (r.obs.value.is_empty(), r.obs.published_rank.is_empty()) {
                (true, _) => format!("rank {} only", r.obs.published_rank),
                (false, true) => format!("value {}", r.obs.value),
                (false, false) => format!("value {} rank {}", r.obs.value, r.obs.published_rank),
            };
            format!(
                "line {} '{}' ({what}): {}",
                r.line, r.obs.source_name, r.obs.note
            )
        })
        .collect::<Vec<_>>()
        .join(" || ");
    Ok(Obs {
        iso3: code.into(),
        year,
        value: values.first().map(|s| s.to_string()).unwrap_or_default(),
        published_rank: ranks.first().map(|s| s.to_string()).unwrap_or_default(),
        published: published.into(),
        source_name: names,
        note: format!(
            "merged {} source rows of the same publication into one (value and rank): {parts}",
            group.len()
        ),
        ..Obs::default()
    })
}

pub(crate) fn build(sources: &Path, res: &mut Resolver) -> Result<Dataset> {
    let t = read_source(
        sources,
        FILE,
        &[
            "data_year",
            "published",
            "country",
            "robots_per_10k_employees",
            "rank",
            "ifr_release",
            "source_url",
            "note",
        ],
    )?;
    let rows = rows(&t, res)?;
    let merged: Vec<String> = rows
        .iter()
        .filter(|o| o.note.starts_with("merged "))
        .map(|o| format!("{} {} ({})", o.iso3, o.year, o.published))
        .collect();
    let file = obs_file(
        "robot_density.csv",
        rows,
        &[Col::Rank, Col::Published, Col::SourceName, Col::Note],
    )?;
    let notes = vec![
        "Robot density as defined by the International Federation of Robotics: operational industrial robots per 10,000 persons employed in manufacturing, from IFR press releases and World Robotics editions as reported in the press (ifr.org itself was not reachable); each row's source page and release are in its note.".to_string(),
        "year = data year (end-of-year stock); published = date of the IFR publication that reported the figure, as printed (YYYY-MM-DD, YYYY-MM or YYYY). A revised figure is a later publication of the same data year: both rows are kept (e.g. China 2022: 392 published 2024-01-10, 402 published 2024-11-20; China 2023: 470 vs 142 after the denominator revision — not comparable).".to_string(),
        format!("Belgium and Luxembourg: IFR reports them as one unit. The printed names {} all map to the aggregate code {BEL_LUX} (this project's label, declared in countries/aggregates.csv) — a rule in src/curate/ifr.rs.", IFR_BELGIUM_LUXEMBOURG.iter().map(|s| format!("'{s}'")).collect::<Vec<_>>().join(", ")),
        format!("A rank-only row and a value row of the same (country, data year, publication) are merged into one row with value and rank, and the row note says so: {}. Two different values or ranks for one key stop the run.", merged.join(", ")),
        format!("IFR spellings not in the countries alias lists, mapped by a rule in src/curate/ifr.rs: {}.", IFR_SPELLINGS.iter().map(|(n, c)| format!("'{n}' → {c}")).collect::<Vec<_>>().join(", ")),
        "Rank-only rows (the source gives a rank but no density) have an empty value.".to_string(),
        "Unit conversions done by the collector and stated in the row notes: OWID per-1,000 values ×10 (2023: Switzerland, Netherlands, Canada, Slovakia; ±5 rounding); Spain 2018 '16.8 per 1,000' ×10 (units in that text unreliable).".to_string(),
        "Disagreements kept as separate publications: Korea 2019 855 (WR 2020) vs 868 (release 2021-01-27); Sweden 2019 274 vs 277. Not kept: Germany 2019 364, Korea 2019 863, Germany 2022 413, Slovakia 2017 155, Denmark 2022 value 204 (rank 12 kept). United States 2023 rank 11 (IFR wording) kept, others say 10.".to_string(),
        "No data year is complete: at best the top 10 plus a few others, except data year 2024 (22 economies of IFR's chart, third-party transcription; ranks 11–22 chart-read). The 2015 values from a weak secondary compilation are marked in their notes.".to_string(),
        "World Robotics © International Federation of Robotics (paid report); no reuse licence stated in the material read.".to_string(),
    ];
    let indicator = IndicatorMeta {
        id: "robot_density".into(),
        title: "Robot density in manufacturing".into(),
        unit: "robots per 10,000 employees in manufacturing".into(),
        higher_is_better: true,
        year_kind: YearKind::Data,
        decimals: 0,
        file: file.name.clone(),
        caveats: vec![
            "Incomplete coverage: mostly each year's top 10 plus a few others; absence means 'not found', not 'low'.".into(),
            "Revisions: the same data year can have several publications with different values; compare values from one publication.".into(),
            "Belgium and Luxembourg are one unit (BEL+LUX).".into(),
            "China 2023 onward uses a revised manufacturing-employment denominator (2023: 470 before, 142 after) — not comparable across the revision.".into(),
        ],
        publication: None,
        source_code: None,
        attribution: None,
        size_measure: false,
        kind: IndicatorKind::Value,
        ranks: None,
        // IFR's releases rank more economies than the press reported: the rows held are part
        // of each release's list.
        list: ListCoverage::Partial,
        vintage_threshold_pct: None,
    };
    Ok(Dataset {
        meta: DatasetMeta {
            id: "ifr".into(),
            title: "IFR robot density".into(),
            publisher: "International Federation of Robotics (IFR), World Robotics".into(),
            licence: "© International Federation of Robotics; no reuse licence stated (press-release figures, cited as factual reference)".into(),
            attribution: "Source: IFR, World Robotics (data year {year})".into(),
            retrieved: RETRIEVED.into(),
            source_urls: vec![
                "https://ifr.org/worldrobotics/".into(),
                "https://ismr.net/index.php/automation-race".into(),
                "https://iconnect007.com/article/143128/china-overtakes-germany-and-japan-in-robot-density/143125/ein".into(),
            ],
            notes,
            indicators: vec![indicator],
            // Every row carries the date of the release that published it.
            releases: Vec::new(),
            vintages: Vec::new(),
        },
        files: vec![file],
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::curate::testing;

    const HEAD: &str =
        "data_year,published,country,robots_per_10k_employees,rank,ifr_release,source_url,note\n";

    #[test]
    fn rank_only_and_value_rows_of_one_publication_merge() {
        let (_d, c) = testing::countries();
        let mut res = Resolver::new(&c);
        let t = testing::table(&format!("{HEAD}2019,2021-01-27,Italy,,11,R,u,rank only\n2019,2021-01-27,Italy,212,,R,u2,AXA IM\n2019,2021-01-27,Singapore,918,1,R,u,\n"));
        let rows = rows(&t, &mut res).expect("merges");
        assert!(res.problems.is_empty(), "{:?}", res.problems);
        assert_eq!(rows.len(), 2);
        let ita = rows.iter().find(|o| o.iso3 == "ITA").expect("ITA");
        assert_eq!(
            (ita.value.as_str(), ita.published_rank.as_str()),
            ("212", "11")
        );
        assert!(ita.note.starts_with("merged 2 source rows"), "{}", ita.note);
        assert!(
            ita.note.contains("line 2") && ita.note.contains("line 3"),
            "{}",
            ita.note
        );
    }

    #[test]
    fn two_values_for_one_publication_are_an_error() {
        let (_d, c) = testing::countries();
        let mut res = Resolver::new(&c);
        let t = testing::table(&format!(
            "{HEAD}2019,2021-01-27,Italy,212,,R,u,\n2019,2021-01-27,Italy,213,,R,u,\n"
        ));
        let err = rows(&t, &mut res).expect_err("conflict");
        assert!(err.to_string().contains("ITA data year 2019"), "{err}");
    }

    #[test]
    fn belgium_spellings_map_to_the_combined_code() {
        let (_d, c) = testing::countries();
        let mut res = Resolver::new(&c);
        let t = testing::table(&format!("{HEAD}2019,2021-01-27,Belgium/Luxemburg,,10,R,u,\n2019,2021-01-27,Belgium and Luxembourg,214,10,R,u,\n2016,2018-02-07,Belgium,184,9,R,u,\n2022,2024-01-10,Belgium (and Luxembourg),216,,R,u,\n"));
        let rows = rows(&t, &mut res).expect("maps");
        assert!(res.problems.is_empty(), "{:?}", res.problems);
        assert_eq!(rows.len(), 3, "the two 2019 rows merge");
        assert!(rows.iter().all(|o| o.iso3 == BEL_LUX));
        let y2019 = rows.iter().find(|o| o.year == 2019).expect("2019");
        assert_eq!(
            (y2019.value.as_str(), y2019.published_rank.as_str()),
            ("214", "10")
        );
    }
}
