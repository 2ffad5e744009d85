//! GII pillars (7) and sub-pillars (21) as indicators of the `gii` dataset: a score indicator
//! (kind = score, the published rank beside each value) and a rank indicator (kind = rank) per
//! pillar, editions 2013–2025, from `wipo_gii/gii_pillars.csv` and `gii_subpillars.csv`.
//!
//! Per-row source marks become `flag` tokens: WIPO's DMC = 1 → `low_data`; a rank printed in
//! square brackets → `bracketed_rank` (the brackets are removed from the number). A cell with
//! neither score nor rank is no row, and the indicator's caveats name every such cell.

use super::gii::resolve_economy;
use super::{
    check_number, check_rank, obs_file, parse_year, read_source, Col, CsvOut, Obs, Resolver,
};
use crate::catalog::metadata::{
    IndicatorKind, IndicatorMeta, ListCoverage, PublicationRule, YearKind,
};
use crate::error::{Error, Result};
use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

pub(crate) const PILLARS: &str = "wipo_gii/gii_pillars.csv";
pub(crate) const SUBPILLARS: &str = "wipo_gii/gii_subpillars.csv";

/// WIPO's pillar and sub-pillar numbers and this project's short ids (titles come from the
/// source: the name printed in the latest edition).
pub(crate) const IDS: [(&str, &str); 28] = [
    ("1", "institutions"),
    ("2", "human_capital_research"),
    ("3", "infrastructure"),
    ("4", "market_sophistication"),
    ("5", "business_sophistication"),
    ("6", "knowledge_technology_outputs"),
    ("7", "creative_outputs"),
    ("1.1", "institutional_environment"),
    ("1.2", "regulatory_environment"),
    ("1.3", "business_environment"),
    ("2.1", "education"),
    ("2.2", "tertiary_education"),
    ("2.3", "research_development"),
    ("3.1", "ict"),
    ("3.2", "general_infrastructure"),
    ("3.3", "ecological_sustainability"),
    ("4.1", "credit"),
    ("4.2", "investment"),
    ("4.3", "trade_market_scale"),
    ("5.1", "knowledge_workers"),
    ("5.2", "innovation_linkages"),
    ("5.3", "knowledge_absorption"),
    ("6.1", "knowledge_creation"),
    ("6.2", "knowledge_impact"),
    ("6.3", "knowledge_diffusion"),
    ("7.1", "intangible_assets"),
    ("7.2", "creative_goods_services"),
    ("7.3", "online_creativity"),
];

/// What one pillar collected from the source.
#[derive(Default)]
struct Pillar {
    scores: Vec<Obs>,
    ranks: Vec<Obs>,
    /// Names printed per edition (they change with the framework).
    names: BTreeMap<i32, String>,
    /// Cells with neither a score nor a rank: "economy edition (why)".
    absent: Vec<String>,
    low_data: usize,
    bracketed: usize,
}

/// A printed rank: the number, whether it was bracketed; `None` for n/a, empty and WIPO's
/// bracketed `[0]` of 2020 (no rank 0 exists; the source note says to treat it as missing).
fn parse_rank(
    t: &crate::catalog::load::CsvTable,
    line: u64,
    text: &str,
) -> Result<(Option<String>, bool)> {
    let (inner, bracketed) = match text.strip_prefix('[').and_then(|s| s.strip_suffix(']')) {
        Some(inner) => (inner, true),
        None => (text, false),
    };
    if inner.is_empty() || inner == "n/a" || inner == "0" {
        return Ok((None, bracketed));
    }
    check_rank(t, line, "rank", inner)?;
    Ok((Some(inner.to_string()), bracketed))
}

/// Reads one of the two files into per-pillar rows; `economies` collects (edition, code).
fn read_level(
    sources: &Path,
    rel: &str,
    level: &str,
    res: &mut Resolver,
    pillars: &mut BTreeMap<String, Pillar>,
    economies: &mut BTreeSet<(i32, String)>,
) -> Result<()> {
    let required = [
        "edition", "economy", "iso3", "level", "code", "name", "score", "rank", "dmc", "note",
    ];
    let t = read_source(sources, rel, &required)?;
    for (line, r) in &t.rows {
        let line = *line;
        if t.get(r, "level") != level {
            return Err(t.error(
                line,
                "level",
                format!("expected '{level}', found '{}'", t.get(r, "level")),
            ));
        }
        let code = t.get(r, "code");
        if !IDS.iter().any(|(c, _)| *c == code) {
            return Err(t.error(
                line,
                "code",
                format!(
                    "unknown GII {level} code '{code}'; add it to IDS in src/curate/gii_pillars.rs"
                ),
            ));
        }
        let year = parse_year(&t, line, "edition", t.get(r, "edition"))?;
        let Some(economy) = resolve_economy(&t, r, line, res) else {
            continue;
        };
        economies.insert((year, economy.code.clone()));
        let p = pillars.entry(code.to_string()).or_default();
        p.names
            .entry(year)
            .or_insert_with(|| t.get(r, "name").to_string());
        let score = t.get(r, "score");
        let score = if score.is_empty() || score == "n/a" {
            None
        } else {
            check_number(&t, line, "score", score)?;
            Some(score.to_string())
        };
        let (rank, bracketed) = parse_rank(&t, line, t.get(r, "rank"))?;
        // WIPO's [0] / 0.0 (2020) stands for "no value": its score is no score either.
        let score = if t.get(r, "rank") == "[0]" {
            None
        } else {
            score
        };
        let low_data = t.get(r, "dmc") == "1";
        let source_note = t.get(r, "note");
        if score.is_none() && rank.is_none() {
            let why = if source_note.is_empty() {
                "no score, no rank"
            } else {
                source_note
            };
            p.absent
                .push(format!("{} {year} ({why})", economy.source_name));
            continue;
        }
        let mut flags = Vec::new();
        if low_data {
            flags.push("low_data");
            p.low_data += 1;
        }
        if bracketed {
            flags.push("bracketed_rank");
            p.bracketed += 1;
        }
        let note = [economy.note.as_str(), source_note]
            .into_iter()
            .filter(|s| !s.is_empty())
            .collect::<Vec<_>>()
            .join("; ");
        let row = Obs {
            iso3: economy.code.clone(),
            year,
            source_name: economy.source_name.clone(),
            note,
            flag: flags.join(";"),
            ..Obs::default()
        };
        p.scores.push(Obs {
            value: score.unwrap_or_default(),
            published_rank: rank.clone().unwrap_or_default(),
            ..row.clone()
        });
        if let Some(rank) = rank {
            p.ranks.push(Obs { value: rank, ..row });
        }
    }
    Ok(())
}

/// The pillar and sub-pillar indicators and their files; `ranked` is the (edition, code) set of
/// `gii_rankings.csv`, which the pillar files must cover exactly.
pub(crate) fn build(
    sources: &Path,
    res: &mut Resolver,
    ranked: &BTreeSet<(i32, String)>,
    publication: &PublicationRule,
) -> Result<(Vec<IndicatorMeta>, Vec<CsvOut>, Vec<String>)> {
    let mut pillars = BTreeMap::new();
    let mut notes = Vec::new();
    for (rel, level) in [(PILLARS, "pillar"), (SUBPILLARS, "sub-pillar")] {
        let mut economies = BTreeSet::new();
        read_level(sources, rel, level, res, &mut pillars, &mut economies)?;
        if res.problems.is_empty() && &economies != ranked {
            let missing: Vec<String> = ranked
                .difference(&economies)
                .map(|(y, c)| format!("{c} {y}"))
                .collect();
            let extra: Vec<String> = economies
                .difference(ranked)
                .map(|(y, c)| format!("{c} {y}"))
                .collect();
            return Err(Error::DataFile {
                file: rel.into(),
                message: format!("the economies differ from gii_rankings.csv: missing {missing:?}, extra {extra:?}"),
            });
        }
        notes.extend(res.repair_notes(rel));
    }
    let cols = [Col::Rank, Col::SourceName, Col::Flag, Col::Note];
    let rank_cols = [Col::SourceName, Col::Flag, Col::Note];
    let (mut indicators, mut files) = (Vec::new(), Vec::new());
    for (code, id) in IDS {
        let p = pillars.remove(code).ok_or_else(|| Error::DataFile {
            file: if code.contains('.') {
                SUBPILLARS
            } else {
                PILLARS
            }
            .into(),
            message: format!("no rows for code {code}"),
        })?;
        let level = if code.contains('.') {
            "sub-pillar"
        } else {
            "pillar"
        };
        let (latest_year, latest) = p
            .names
            .iter()
            .next_back()
            .map(|(y, n)| (*y, n.clone()))
            .unwrap_or_default();
        let mut earlier: Vec<String> = Vec::new();
        for (y, n) in &p.names {
            if *n != latest {
                match earlier.last_mut() {
                    Some(last) if last.starts_with(&format!("'{n}'")) => {
                        *last = format!("'{n}' (to {y})");
                    }
                    _ => earlier.push(format!("'{n}' (to {y})")),
                }
            }
        }
        let mut caveats = vec![
            format!("GII {level} {code}, as published by WIPO in each edition (editions 2013–2025); ranks and scores are not comparable between editions (WIPO changes indicators and coverage every year)."),
            "Editions 2013–2020 come from the GII website exports (scores with one decimal); 2021–2025 from WIPO's workbooks (unrounded).".to_string(),
            format!("Flags: low_data = WIPO's data-minimum-coverage flag DMC = 1 ({} rows, editions 2021–2025 only: the exports have no such column); bracketed_rank = rank printed in square brackets in the 2019–2020 exports ({} rows; it coincides with low data coverage in WIPO's profiles, not verified).", p.low_data, p.bracketed),
        ];
        if !earlier.is_empty() {
            caveats.push(format!("Named '{latest}' in {latest_year}; earlier {}. The indicators inside the {level} change between editions too.", earlier.join(", ")));
        }
        if !p.absent.is_empty() {
            caveats.push(format!(
                "No score and no rank in the source — no row: {}.",
                p.absent.join(", ")
            ));
        }
        let meta = |rid: String, kind: IndicatorKind, title: String, unit: &str, file: String| {
            IndicatorMeta {
                id: rid,
                title,
                unit: unit.into(),
                higher_is_better: kind != IndicatorKind::Rank,
                year_kind: YearKind::Edition,
                decimals: if kind == IndicatorKind::Rank { 0 } else { 1 },
                file,
                caveats: caveats.clone(),
                publication: Some(publication.clone()),
                source_code: Some(format!("GII {level} {code}")),
                attribution: None,
                size_measure: false,
                ranks: (kind == IndicatorKind::Rank).then(|| id.to_string()),
                kind,
                list: ListCoverage::Complete,
                vintage_threshold_pct: None,
            }
        };
        let score_file = format!("{id}.csv");
        let rank_file = format!("{id}_rank.csv");
        files.push(obs_file(&score_file, p.scores, &cols)?);
        files.push(obs_file(&rank_file, p.ranks, &rank_cols)?);
        indicators.push(meta(
            id.into(),
            IndicatorKind::Score,
            format!("GII {level} {code}: {latest} (score)"),
            "score 0–100",
            score_file,
        ));
        indicators.push(meta(
            format!("{id}_rank"),
            IndicatorKind::Rank,
            format!("GII {level} {code}: {latest} (rank)"),
            "rank (1 = best)",
            rank_file,
        ));
    }
    notes.push("Pillars and sub-pillars: wipo_gii/gii_pillars.csv and gii_subpillars.csv, read from the same WIPO workbooks (2021–2025) and website exports (2013–2020) as the overall index; the economies of every edition are checked to be exactly those of gii_rankings.csv. Each pillar is a score indicator (published_rank = WIPO's pillar rank) and a rank indicator (<id>_rank).".into());
    notes.push("Pillar flags (flag column): low_data = WIPO DMC = 1 (data minimum coverage not met); bracketed_rank = rank printed as [n] in the 2019–2020 exports, kept as n. Export ranks [0] / score 0.0 (2020, Bolivia and Trinidad and Tobago, sub-pillar 2.2) are treated as missing, as the source note says.".into());
    Ok((indicators, files)).map(|(i, f)| (i, f, notes))
}
