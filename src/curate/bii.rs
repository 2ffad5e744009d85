//! The `bii` dataset: Bloomberg Innovation Index, editions 2016–2021 (score, rank, category ranks).

use super::{
    check_number, check_rank, index_cols, obs_file, parse_year, read_source, Dataset, Obs,
    Resolver, RETRIEVED,
};
use crate::catalog::metadata::{
    DatasetMeta, IndicatorKind, IndicatorMeta, ListCoverage, PublicationRule, Release, YearKind,
};
use crate::error::Result;
use std::collections::BTreeMap;
use std::path::Path;

const FILE: &str = "bloomberg_bii/bii_rankings.csv";

/// (indicator id = source column, title, unit, higher is better, published-rank column).
const SERIES: [(&str, &str, &str, bool, &str); 9] = [
    (
        "score",
        "Bloomberg Innovation Index total score",
        "score 0–100",
        true,
        "rank",
    ),
    (
        "rank",
        "Bloomberg Innovation Index rank",
        "rank (1 = most innovative)",
        false,
        "",
    ),
    (
        "rd_intensity_rank",
        "R&D intensity (category rank)",
        "rank (1 = best)",
        false,
        "",
    ),
    (
        "manufacturing_value_added_rank",
        "Manufacturing value-added (category rank)",
        "rank (1 = best)",
        false,
        "",
    ),
    (
        "productivity_rank",
        "Productivity (category rank)",
        "rank (1 = best)",
        false,
        "",
    ),
    (
        "high_tech_density_rank",
        "High-tech density (category rank)",
        "rank (1 = best)",
        false,
        "",
    ),
    (
        "tertiary_efficiency_rank",
        "Tertiary efficiency (category rank)",
        "rank (1 = best)",
        false,
        "",
    ),
    (
        "researcher_concentration_rank",
        "Researcher concentration (category rank)",
        "rank (1 = best)",
        false,
        "",
    ),
    (
        "patent_activity_rank",
        "Patent activity (category rank)",
        "rank (1 = best)",
        false,
        "",
    ),
];

/// The editions whose real publication day the sources give: edition 2021 on 2021-02-03
/// (bloomberg_bii/SOURCES.md, the `edition` column). The other editions have no day in the
/// sources (only "January/February"), so the month rule applies to them.
fn releases(sources: &Path) -> Result<Vec<Release>> {
    let marker = "edition 2021 appeared on ";
    let (at, date) = super::sources_md_phrase(sources, "bloomberg_bii", marker, 10)?;
    crate::catalog::dates::PartialDate::parse(&date).map_err(|m| {
        crate::error::Error::DataFile {
            file: at.clone(),
            message: m,
        }
    })?;
    Ok(vec![Release {
        year: 2021,
        date: date.clone(),
        basis: format!("{at}: '{marker}{date}'; the source row of Singapore 2021 cites startupticker.ch of 2021-02-03 reporting the release"),
    }])
}

pub(crate) fn build(sources: &Path, res: &mut Resolver) -> Result<Dataset> {
    let mut required = vec!["edition", "economy", "note"];
    required.extend(SERIES.iter().map(|s| s.0));
    let t = read_source(sources, FILE, &required)?;
    let mut series: Vec<Vec<Obs>> = vec![Vec::new(); SERIES.len()];
    // Cells the source leaves empty (NAN: no rank), per column.
    let mut empty: BTreeMap<&str, Vec<String>> = BTreeMap::new();
    for (line, r) in &t.rows {
        let line = *line;
        let year = parse_year(&t, line, "edition", t.get(r, "edition"))?;
        let economy = t.get(r, "economy");
        let Some(resolved) = res.name(economy, &t.file, line) else {
            continue;
        };
        let note = t.get(r, "note");
        for (i, (col, _, _, _, rank_col)) in SERIES.iter().enumerate() {
            let value = t.get(r, col);
            if value.is_empty() {
                empty
                    .entry(col)
                    .or_default()
                    .push(format!("{economy} {year}"));
                continue;
            }
            if *col == "score" {
                check_number(&t, line, col, value)?;
            } else {
                check_rank(&t, line, col, value)?;
            }
            let rank = if rank_col.is_empty() {
                ""
            } else {
                t.get(r, rank_col)
            };
            series[i].push(Obs {
                iso3: resolved.code.clone(),
                year,
                value: value.to_string(),
                published_rank: rank.to_string(),
                published: String::new(),
                source_name: economy.to_string(),
                // The source row's correction or doubt goes with every figure of that row.
                note: note.to_string(),
                ..Obs::default()
            });
        }
    }
    let publication = PublicationRule {
        year_offset: 0,
        month: 2,
        basis: "bloomberg_bii/SOURCES.md: Bloomberg publishes the index in January/February of the edition year (edition 2021 appeared on 2021-02-03); end of February assumed".into(),
    };
    let mut files = Vec::new();
    let mut indicators = Vec::new();
    for ((id, title, unit, higher, rank_col), rows) in SERIES.iter().zip(series) {
        let file = format!("{id}.csv");
        let cols = index_cols(rank_col);
        files.push(obs_file(&file, rows, &cols)?);
        let mut caveats = vec![
            "Only the published top 50 (editions 2016–2018) or top 60 (2019–2021) are in the data; a country's absence means 'not in the published list', not 'no innovation'.".to_string(),
            "The year is the edition (publication year); Bloomberg says most underlying data predate it.".to_string(),
            "Third-party transcription of Bloomberg's tables, checked against news reports; see the dataset notes for corrections and doubts.".to_string(),
        ];
        if !higher {
            caveats.push(
                "The value is the rank Bloomberg published (1 = best); equal ranks (ties) occur."
                    .into(),
            );
        }
        if let Some(cells) = empty.get(id) {
            caveats.push(format!(
                "No rank in the source (NAN) — no row: {}.",
                cells.join(", ")
            ));
        }
        indicators.push(IndicatorMeta {
            id: id.to_string(),
            title: title.to_string(),
            unit: unit.to_string(),
            higher_is_better: *higher,
            year_kind: YearKind::Edition,
            decimals: if *higher { 2 } else { 0 },
            file,
            caveats,
            publication: Some(publication.clone()),
            source_code: None,
            attribution: None,
            size_measure: false,
            kind: match *id {
                "score" => IndicatorKind::Score,
                _ => IndicatorKind::Rank,
            },
            // The overall rank ranks the total score; category ranks are published without
            // category scores, so they rank nothing held here.
            ranks: (*id == "rank").then(|| "score".to_string()),
            list: ListCoverage::Complete,
            vintage_threshold_pct: None,
        });
    }
    let notes = vec![
        "Transcribed tables data/bbi/BII2016.csv … BII2021.csv in github.com/samahjaber/DataStewardship_DMP_CIIA (commit 675b59ed45cbb9ab3f4f8c8b267910c5aa295e93, CC0); decimal comma converted to a point by the collector. Bloomberg's own articles (paywalled) were not read; figures were checked against news reports (bloomberg_bii/SOURCES.md lists them).".to_string(),
        "330 rows: 50 per edition 2016–2018, 60 per edition 2019–2021; each list complete (ranks 1..N, no duplicate economies). Editions 2013–2015 and after 2021 not collected.".to_string(),
        "Correction: 2021 Singapore score — transcription 87.79, kept 87.76 (startupticker.ch and alessandracolucci.com both print 87.76).".to_string(),
        "Correction: 2020 Slovenia R&D intensity rank — transcription 119 (impossible in a 60-economy table), kept 19 (gov.si, sloveniatimes.com).".to_string(),
        "Doubt, left as is: 2019 Finland total score 85.57 in the transcription; inventiva.co.in prints 85.70; no third source.".to_string(),
        "Doubt, left as is: 2020 R&D intensity Brazil and Portugal both 28 while 26 is absent; 2020 manufacturing value-added Australia and Brazil both 56 while 55 is absent; 2019 high-tech density Ireland and Poland both 18 while 16 is absent — possible transcription slips, not corrected (no source read). Other duplicate category ranks follow the tie pattern.".to_string(),
        "Each source row's note (correction or doubt) is copied into the note column of every figure of that row.".to_string(),
        "Category scores are not published (only category ranks); previous_rank of the source is not carried (it is the previous edition's rank, already in rank.csv).".to_string(),
        "Bloomberg Innovation Index © Bloomberg L.P.; no reuse licence stated; use as factual reference with attribution. The transcription repository is CC0, which does not change Bloomberg's rights.".to_string(),
    ];
    Ok(Dataset {
        meta: DatasetMeta {
            id: "bii".into(),
            title: "Bloomberg Innovation Index".into(),
            publisher: "Bloomberg L.P.".into(),
            licence: "© Bloomberg L.P.; no reuse licence stated (factual reference with attribution); transcription CC0".into(),
            attribution: "Source: Bloomberg Innovation Index (edition {year})".into(),
            retrieved: RETRIEVED.into(),
            source_urls: vec![
                "https://github.com/samahjaber/DataStewardship_DMP_CIIA/tree/675b59ed45cbb9ab3f4f8c8b267910c5aa295e93/data/bbi".into(),
                "https://www.startupticker.ch/en/news/february-2021/switzerland-scores-third-place-in-the-bloomberg-innovation-index".into(),
            ],
            notes,
            indicators,
            releases: releases(sources)?,
            vintages: Vec::new(),
        },
        files,
    })
}
