//! The `gii` dataset: WIPO Global Innovation Index, editions 2013–2025 (scores and ranks).

use super::{
    check_number, check_rank, index_cols, obs_file, parse_year, read_source, Dataset, Obs,
    Resolver, RETRIEVED,
};
use crate::catalog::countries::Resolution;
use crate::catalog::load::CsvTable;
use crate::catalog::metadata::{
    DatasetMeta, IndicatorKind, IndicatorMeta, ListCoverage, PublicationRule, YearKind,
};
use crate::error::Result;
use std::path::Path;

const FILE: &str = "wipo_gii/gii_rankings.csv";

/// (indicator id, value column, rank column written as published_rank, title, unit, is rank).
const SERIES: [(&str, &str, &str, &str, &str, bool); 6] = [
    (
        "score",
        "score",
        "rank",
        "Global Innovation Index score",
        "score 0–100",
        false,
    ),
    (
        "rank",
        "rank",
        "",
        "Global Innovation Index rank",
        "rank (1 = most innovative)",
        true,
    ),
    (
        "input_score",
        "input_score",
        "input_rank",
        "Innovation Input Sub-Index score",
        "score 0–100",
        false,
    ),
    (
        "input_rank",
        "input_rank",
        "",
        "Innovation Input Sub-Index rank",
        "rank (1 = best)",
        true,
    ),
    (
        "output_score",
        "output_score",
        "output_rank",
        "Innovation Output Sub-Index score",
        "score 0–100",
        false,
    ),
    (
        "output_rank",
        "output_rank",
        "",
        "Innovation Output Sub-Index rank",
        "rank (1 = best)",
        true,
    ),
];

/// An economy of a GII source row, resolved.
pub(crate) struct Economy {
    pub code: String,
    /// The name as printed, or its repaired spelling.
    pub source_name: String,
    /// Why the code was chosen where that is not plain (a repair, an ambiguity settled).
    pub note: String,
}

/// Resolves a GII source row's economy (columns `economy` and `iso3`); `None` with a recorded
/// problem when it cannot be resolved or disagrees with the file's own ISO3 column.
pub(crate) fn resolve_economy(
    t: &CsvTable,
    r: &csv::StringRecord,
    line: u64,
    res: &mut Resolver,
) -> Option<Economy> {
    let economy = t.get(r, "economy");
    let iso3 = t.get(r, "iso3");
    // An ambiguous name ("Congo") is settled by the file's own ISO3 column where WIPO
    // gives one of the candidates; without a code it stays an error.
    if let Resolution::Ambiguous { candidates, .. } = res.countries.resolve(economy) {
        if !iso3.is_empty() && candidates.iter().any(|c| c == iso3) {
            let note = format!(
                "'{economy}' is ambiguous ({}); WIPO's iso3 column gives {iso3}",
                candidates.join(" or ")
            );
            res.settled
                .insert((t.file.clone(), economy.to_string()), note.clone());
            return Some(Economy {
                code: iso3.to_string(),
                source_name: economy.to_string(),
                note,
            });
        }
    }
    let resolved = res.name(economy, &t.file, line)?;
    // The file's own ISO3 column (2021–2025) must agree with the resolved name.
    if !iso3.is_empty() && iso3 != resolved.code {
        res.problems.push(format!(
            "{}:{line}: '{economy}' resolves to {} but the file's iso3 column says {iso3}",
            t.file, resolved.code
        ));
        return None;
    }
    let (source_name, note) = match &resolved.repaired {
        Some(fixed) => (
            fixed.clone(),
            format!("economy printed mis-encoded as '{economy}' (UTF-8 read as Latin-1); repaired to '{fixed}'"),
        ),
        None => (economy.to_string(), String::new()),
    };
    Some(Economy {
        code: resolved.code,
        source_name,
        note,
    })
}

/// Observation rows per series, from the parsed source table.
pub(crate) fn rows(t: &CsvTable, res: &mut Resolver) -> Result<Vec<Vec<Obs>>> {
    let mut out: Vec<Vec<Obs>> = vec![Vec::new(); SERIES.len()];
    for (line, r) in &t.rows {
        let line = *line;
        let Some(e) = resolve_economy(t, r, line, res) else {
            continue;
        };
        push_all(&mut out, t, r, line, &e.code, &e.source_name, &e.note)?;
    }
    Ok(out)
}

/// Adds one source row's figures to every series.
fn push_all(
    out: &mut [Vec<Obs>],
    t: &CsvTable,
    r: &csv::StringRecord,
    line: u64,
    code: &str,
    source_name: &str,
    note: &str,
) -> Result<()> {
    let year = parse_year(t, line, "edition", t.get(r, "edition"))?;
    for (i, (_, value_col, rank_col, _, _, is_rank)) in SERIES.iter().enumerate() {
        let value = t.get(r, value_col);
        if *is_rank {
            check_rank(t, line, value_col, value)?;
        } else {
            check_number(t, line, value_col, value)?;
        }
        let rank = if rank_col.is_empty() {
            ""
        } else {
            t.get(r, rank_col)
        };
        if !rank.is_empty() {
            check_rank(t, line, rank_col, rank)?;
        }
        out[i].push(Obs {
            iso3: code.to_string(),
            year,
            value: value.to_string(),
            published_rank: rank.to_string(),
            source_name: source_name.to_string(),
            note: note.to_string(),
            ..Obs::default()
        });
    }
    Ok(())
}

pub(crate) fn build(sources: &Path, res: &mut Resolver) -> Result<Dataset> {
    let required = [
        "edition",
        "economy",
        "rank",
        "score",
        "input_rank",
        "input_score",
        "output_rank",
        "output_score",
        "iso3",
        "source",
    ];
    let t = read_source(sources, FILE, &required)?;
    let series = rows(&t, res)?;
    let ranked: std::collections::BTreeSet<(i32, String)> =
        series[0].iter().map(|o| (o.year, o.iso3.clone())).collect();
    let mut files = Vec::new();
    let mut indicators = Vec::new();
    let publication = PublicationRule {
        year_offset: 0,
        month: 9,
        basis: "wipo_gii/SOURCES.md gives September for GII 2021 (edition 2021 'published Sept 2021'); September of the edition year is assumed for the other editions — conservative, i.e. no earlier than the actual release".into(),
    };
    for ((id, value_col, rank_col, title, unit, is_rank), rows) in SERIES.iter().zip(series) {
        let file = format!("{id}.csv");
        let cols = index_cols(rank_col);
        files.push(obs_file(&file, rows, &cols)?);
        let mut caveats = vec![
            "Ranks and scores are not comparable between editions: WIPO changes the indicator set, method and economy coverage every year; year-on-year changes mix performance and methodology.".to_string(),
            "Editions 2013–2020 (website export) give scores with one decimal only, so ranks recomputed from those scores may tie; 2021–2025 scores are unrounded values from WIPO's workbooks.".to_string(),
            "2014: Morocco missing (rank 84 absent; its score was not found) — no row was invented.".to_string(),
            "The year is the GII edition (publication year), not the data year of the underlying indicators.".to_string(),
        ];
        if *is_rank {
            caveats.push("The value is the rank WIPO published (1 = best).".into());
        }
        indicators.push(IndicatorMeta {
            id: id.to_string(),
            title: title.to_string(),
            unit: unit.to_string(),
            higher_is_better: !is_rank,
            year_kind: YearKind::Edition,
            decimals: if *is_rank { 0 } else { 1 },
            file,
            caveats,
            publication: Some(publication.clone()),
            source_code: None,
            attribution: None,
            size_measure: false,
            kind: if *is_rank {
                IndicatorKind::Rank
            } else {
                IndicatorKind::Score
            },
            // "rank" ranks "score", "input_rank" ranks "input_score", …
            ranks: is_rank.then(|| value_col.replace("rank", "score")),
            list: ListCoverage::Complete,
            vintage_threshold_pct: None,
        });
    }
    let (pillar_indicators, pillar_files, pillar_notes) =
        super::gii_pillars::build(sources, res, &ranked, &publication)?;
    indicators.extend(pillar_indicators);
    files.extend(pillar_files);
    let mut notes = vec![
        "Editions 2021–2025: WIPO's GII data workbooks ('Technical annex 1' xlsx) archived in github.com/tiasturias/Research_LeyIA_DataScience (commit 1a18a9e794ee8699806ded16971b0d595c8392a3), SHA-256 of each workbook listed in wipo_gii/SOURCES.md; scores unrounded as stored by WIPO.".to_string(),
        "Editions 2013–2020: CSV exports of the GII website's Analysis tool archived in github.com/samahjaber/DataStewardship_DMP_CIIA (commit 675b59ed45cbb9ab3f4f8c8b267910c5aa295e93, CC0); scores one decimal; economies not ranked that year (n/a) are absent.".to_string(),
        "Cross-checks: 2021 export vs the official xlsx (132 economies, 0 mismatches); 2017 vs an independent copy (0 mismatches); top tens and many single ranks checked against news reports (see SOURCES.md). No disagreement found for any figure kept.".to_string(),
        "Row counts: 1734 rows (142 in 2013, 142 of 143 ranked in 2014, 141, 128, 127, 126, 129, 131, 132, 132, 132, 133, 139 in 2025).".to_string(),
        "Economy names are resolved through the countries dataset; for 2021–2025 the file's own ISO3 column is checked against the resolved name (the run fails on a disagreement). source_name keeps the economy as printed.".to_string(),
        "input_score / output_score carry the sub-index rank as published_rank; score carries the overall rank.".to_string(),
        "Licence: GII 2021 onward CC BY 4.0 with acknowledgement of WIPO as the source; GII 2020 and earlier (Cornell, INSEAD, WIPO) CC BY-NC-ND 3.0 IGO; third-party data inside the GII remain subject to their owners' terms.".to_string(),
    ];
    notes.extend(res.repair_notes(FILE));
    notes.extend(pillar_notes);
    notes.push("Release dates: wipo_gii/SOURCES.md gives no launch day for any edition (only 'published Sept 2021'), so no [[release]] is declared and --as-of uses the publication rule (September of the edition year).".into());
    for ((f, name), how) in res
        .settled
        .iter()
        .filter(|((f, _), _)| f.starts_with("wipo_gii/"))
    {
        notes.push(format!("Ambiguous name settled by the file's iso3 column ({f}): {how} (rows for '{name}' carry this in their note)."));
    }
    Ok(Dataset {
        meta: DatasetMeta {
            id: "gii".into(),
            title: "WIPO Global Innovation Index".into(),
            publisher: "World Intellectual Property Organization (WIPO); editions to 2020 with Cornell University and INSEAD".into(),
            licence: "CC BY 4.0 (editions 2021 onward); CC BY-NC-ND 3.0 IGO (editions 2020 and earlier)".into(),
            attribution: "Source: WIPO, Global Innovation Index (edition {year})".into(),
            retrieved: RETRIEVED.into(),
            source_urls: vec![
                "https://www.wipo.int/edocs/pubdocs/en/wipo_pub_2000-tech1.xlsx".into(),
                "https://www.wipo.int/edocs/pubdocs/en/wipo-pub-2000-2022-tech1.xlsx".into(),
                "https://www.wipo.int/edocs/pubdocs/en/wipo-pub-2000-2023-tech1.xlsx".into(),
                "https://www.wipo.int/edocs/pubdocs/en/wipo-pub-2000-2024-tech1.xlsx".into(),
                "https://www.wipo.int/edocs/pubdocs/en/wipo-pub-2000-2025-tech1.xlsx".into(),
                "https://github.com/tiasturias/Research_LeyIA_DataScience/tree/1a18a9e794ee8699806ded16971b0d595c8392a3".into(),
                "https://github.com/samahjaber/DataStewardship_DMP_CIIA/tree/675b59ed45cbb9ab3f4f8c8b267910c5aa295e93/data/GII".into(),
            ],
            notes,
            indicators,
            // No edition's launch day is in wipo_gii/SOURCES.md (it gives "published Sept 2021"
            // only): the month rule applies to every edition, and the notes say so.
            releases: Vec::new(),
            vintages: Vec::new(),
        },
        files,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::curate::testing;

    const HEAD: &str =
        "edition,economy,rank,score,input_rank,input_score,output_rank,output_score,iso3,source\n";

    #[test]
    fn unresolvable_names_are_listed_with_file_and_line() {
        let (_d, c) = testing::countries();
        let mut res = Resolver::new(&c);
        let t = testing::table(&format!("{HEAD}2020,Singapore,8,56.6,1,70.2,15,42.9,,x\n2020,Atlantis,9,50.0,2,60.0,16,40.0,,x\n2019,Narnia,10,49.0,3,59.0,17,39.0,,x\n"));
        let series = rows(&t, &mut res).expect("rows");
        assert_eq!(series[0].len(), 1, "only Singapore is written");
        assert_eq!(res.problems.len(), 2, "{:?}", res.problems);
        assert!(
            res.problems[0].starts_with("t.csv:3: unknown economy name 'Atlantis'"),
            "{}",
            res.problems[0]
        );
        assert!(
            res.problems[1].starts_with("t.csv:4: unknown economy name 'Narnia'"),
            "{}",
            res.problems[1]
        );
    }

    #[test]
    fn mojibake_is_repaired_and_recorded() {
        let (_d, c) = testing::countries();
        let mut res = Resolver::new(&c);
        let t = testing::table(&format!("{HEAD}2023,TÃ¼rkiye,39,38.6056288173597,52,39.8561626870077,32,37.3550949477117,TUR,x\n"));
        let series = rows(&t, &mut res).expect("rows");
        assert!(res.problems.is_empty(), "{:?}", res.problems);
        let row = &series[0][0];
        assert_eq!(row.iso3, "TUR");
        assert_eq!(row.value, "38.6056288173597", "value kept as printed");
        assert_eq!(row.source_name, "Türkiye");
        assert!(row.note.contains("TÃ¼rkiye"), "{}", row.note);
        let notes = res.repair_notes("t.csv");
        assert_eq!(notes.len(), 1);
        assert!(
            notes[0].contains("'TÃ¼rkiye'") && notes[0].contains("'Türkiye'"),
            "{}",
            notes[0]
        );
    }

    #[test]
    fn iso3_column_must_agree_and_settles_ambiguous_names() {
        let (_d, c) = testing::countries();
        let mut res = Resolver::new(&c);
        let t = testing::table(&format!("{HEAD}2025,Congo,137,13.6,134,20.8,135,6.4,COG,x\n2025,Singapore,5,60.0,1,70.0,10,50.0,KOR,x\n"));
        let series = rows(&t, &mut res).expect("rows");
        assert_eq!(series[0].len(), 1);
        assert_eq!(series[0][0].iso3, "COG");
        assert_eq!(res.problems.len(), 1, "{:?}", res.problems);
        assert!(
            res.problems[0].contains("iso3 column says KOR"),
            "{}",
            res.problems[0]
        );
    }
}
