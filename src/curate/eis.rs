//! The `eis` dataset: European Innovation Scoreboard 2021 — the Summary Innovation Index and its
//! 12 dimensions, EU27 + 38 European economies, scoreboard years 2014–2021, all from the 2021
//! edition (`european_innovation_scoreboard/eis2021_composite_scores.csv`).
//!
//! Values are the raw composite scores (0–1) as stored in the Commission's workbook. The report's
//! EU = 100 relative scores are not in the source file and are not computed here.

use super::{
    check_number, english_date, obs_file, parse_year, read_source, sources_md_phrase, Col, Dataset,
    Obs, Resolver,
};
use crate::catalog::metadata::{
    DatasetMeta, IndicatorKind, IndicatorMeta, ListCoverage, Release, YearKind,
};
use crate::error::{Error, Result};
use std::collections::BTreeMap;
use std::path::Path;

const FOLDER: &str = "european_innovation_scoreboard";
const FILE: &str = "european_innovation_scoreboard/eis2021_composite_scores.csv";

/// (short id, composite name as printed, level as printed).
const SERIES: [(&str, &str, &str); 13] = [
    (
        "summary_innovation_index",
        "Summary Innovation Index",
        "summary index",
    ),
    ("human_resources", "Human resources", "dimension"),
    ("research_systems", "Research systems", "dimension"),
    ("digitalisation", "Digitalisation", "dimension"),
    ("finance_support", "Finance and support", "dimension"),
    ("firm_investments", "Firm investments", "dimension"),
    (
        "information_technologies",
        "Information technologies",
        "dimension",
    ),
    ("innovators", "Innovators", "dimension"),
    ("linkages", "Linkages", "dimension"),
    ("intellectual_assets", "Intellectual assets", "dimension"),
    ("employment_impacts", "Employment impacts", "dimension"),
    ("sales_impacts", "Sales impacts", "dimension"),
    (
        "environmental_sustainability",
        "Environmental sustainability",
        "dimension",
    ),
];

/// The 2021 edition's publication day, from SOURCES.md ("EIS edition = 2021 (published 21 June 2021)").
fn release(sources: &Path) -> Result<Release> {
    let marker = "EIS edition = 2021 (published ";
    let (at, text) = sources_md_phrase(sources, FOLDER, marker, 20)?;
    let date = english_date(&text).ok_or_else(|| Error::DataFile {
        file: at.clone(),
        message: format!("'{text}' is not a date like '21 June 2021'"),
    })?;
    Ok(Release {
        year: 2021,
        date,
        basis: format!(
            "{at}: 'EIS edition = 2021 (published {})'",
            text.split(')').next().unwrap_or_default()
        ),
    })
}

pub(crate) fn build(sources: &Path, res: &mut Resolver) -> Result<Dataset> {
    let required = [
        "edition",
        "economy",
        "iso3",
        "is_aggregate",
        "year",
        "indicator",
        "level",
        "value",
    ];
    let t = read_source(sources, FILE, &required)?;
    let release = release(sources)?;
    let mut series: BTreeMap<&str, Vec<Obs>> = BTreeMap::new();
    // Cells printed ':' (Eurostat's "not available"): no row, named in the caveats.
    let mut absent: BTreeMap<&str, Vec<String>> = BTreeMap::new();
    for (line, r) in &t.rows {
        let line = *line;
        let edition = t.get(r, "edition");
        if edition != "2021" {
            return Err(t.error(line, "edition", format!("expected the 2021 edition, found '{edition}'; each EIS edition recalculates the whole series, so editions are separate datasets")));
        }
        let name = t.get(r, "indicator");
        let Some((id, _, level)) = SERIES.iter().find(|(_, n, _)| *n == name) else {
            return Err(t.error(
                line,
                "indicator",
                format!("unknown EIS composite '{name}'; add it to SERIES in src/curate/eis.rs"),
            ));
        };
        if t.get(r, "level") != *level {
            return Err(t.error(
                line,
                "level",
                format!(
                    "'{name}' is a {level}, the row says '{}'",
                    t.get(r, "level")
                ),
            ));
        }
        let economy = t.get(r, "economy");
        let Some(resolved) = res.code(t.get(r, "iso3"), economy, &t.file, line) else {
            continue;
        };
        let flag = t.get(r, "is_aggregate") == "true";
        if flag != resolved.aggregate {
            res.problems.push(format!(
                "{}:{line}: is_aggregate={flag} disagrees with the countries dataset for {}",
                t.file, resolved.code
            ));
            continue;
        }
        let value = t.get(r, "value");
        if value == ":" {
            absent
                .entry(id)
                .or_default()
                .push(format!("{economy} {}", t.get(r, "year")));
            continue;
        }
        check_number(&t, line, "value", value)?;
        series.entry(id).or_default().push(Obs {
            iso3: resolved.code,
            year: parse_year(&t, line, "year", t.get(r, "year"))?,
            value: value.to_string(),
            published: release.date.clone(),
            source_name: economy.to_string(),
            ..Obs::default()
        });
    }
    let mut files = Vec::new();
    let mut indicators = Vec::new();
    for (id, name, level) in SERIES {
        let rows = series.remove(id).unwrap_or_default();
        let file = format!("{id}.csv");
        files.push(obs_file(&file, rows, &[Col::Published, Col::SourceName])?);
        let mut caveats = vec![
            "All values are from the EIS 2021 edition (published 2021-06-21), which recalculates 2014–2021 on its revised framework; not comparable with EIS 2020 or earlier, nor with later editions.".to_string(),
            "year = the scoreboard year of the column block; the underlying indicator data are mostly one to two years older.".into(),
            "Raw composite scores (0–1). The report's performance relative to the EU (EU 2021 = 100) is not in the source file; divide by the EU27_2020 row of the same year for it.".into(),
            "European economies only (EU27, the 27 member states and 11 others); the global comparison (US, Japan, Korea, China, …) is a separate workbook, not curated.".into(),
        ];
        if let Some(cells) = absent.get(id) {
            caveats.push(format!(
                "Not available in the source (printed ':') — no row: {}.",
                cells.join(", ")
            ));
        }
        indicators.push(IndicatorMeta {
            id: id.into(),
            title: if level == "summary index" {
                format!("European Innovation Scoreboard: {name}")
            } else {
                format!("European Innovation Scoreboard dimension: {name}")
            },
            unit: "composite score 0–1 (raw, not relative to the EU)".into(),
            higher_is_better: true,
            year_kind: YearKind::Data,
            decimals: 3,
            file,
            caveats,
            publication: None,
            source_code: Some(format!("EIS 2021 {level}: {name}")),
            attribution: None,
            size_measure: false,
            kind: IndicatorKind::Score,
            ranks: None,
            list: ListCoverage::Complete,
            vintage_threshold_pct: None,
        });
    }
    let notes = vec![
        "eis2021_composite_scores.csv: sheet 'Composite indicators' of the Commission's EIS2021_Database.xlsx, archived in github.com/samahjaber/DataStewardship_DMP_CIIA (blob 1b4739046742ce015fa570e73f81eedfc952c8a0, commit 76983a59f32ec77797beba939561d5a2da04676f, CC0 carrier; SHA-256 233f7cd5…acb209 in european_innovation_scoreboard/SOURCES.md); values are cached cell values at full precision, nothing recomputed.".to_string(),
        "4,056 rows = 39 economies × 8 scoreboard years (2014–2021) × 13 composites (Summary Innovation Index and 12 dimensions).".to_string(),
        "The EU row ('European Union', EIS code EU) is the EU27 aggregate in its 2020 composition, filed under the aggregate code EU27_2020 that the source's iso3 column gives (the code msti uses for EU-27). It is an aggregate, excluded from rankings unless asked for. The bare name 'European Union' resolves to the World Bank aggregate EUU in the countries dataset, so EIS rows are keyed by the source's code, and every country's printed name is checked to resolve to the same code.".to_string(),
        "Checks in european_innovation_scoreboard/SOURCES.md: EU27 SII 2021/2014 = +12.5 % (the report's figure); Sweden, Finland, Denmark and Belgium are the only members above 125 % of the EU (139, 135, 131, 128 %) — the report's four Innovation Leaders.".to_string(),
        "Every row carries published = 2021-06-21, the edition's publication day from SOURCES.md; the same date is the 2021 [[release]].".to_string(),
        "Licence: EIS data © European Union, reuse with acknowledgement under Commission Decision 2011/833/EU; cite 'European Commission, European Innovation Scoreboard 2021 (database)'.".to_string(),
    ];
    Ok(Dataset {
        meta: DatasetMeta {
            id: "eis".into(),
            title: "European Innovation Scoreboard 2021".into(),
            publisher: "European Commission".into(),
            licence: "© European Union; reuse with acknowledgement (Commission Decision 2011/833/EU)".into(),
            attribution: "Source: European Commission, European Innovation Scoreboard 2021 (database), year {year}".into(),
            retrieved: "2026-12-01".into(),
            source_urls: vec![
                "https://github.com/samahjaber/DataStewardship_DMP_CIIA/tree/675b59ed45cbb9ab3f4f8c8b267910c5aa295e93/data/EIS".into(),
            ],
            notes,
            indicators,
            releases: vec![release],
            vintages: Vec::new(),
        },
        files,
    })
}
