//! The `msti` dataset: OECD R&D spending (GERD), plus current-PPP GERD from NCSES tables.

use super::msti_vintages;
use super::{
    check_number, obs_file, parse_year, read_source, times_1000, Col, Dataset, Obs, Resolver,
    RETRIEVED,
};
use crate::catalog::load::CsvTable;
use crate::catalog::metadata::{
    DatasetMeta, IndicatorKind, IndicatorMeta, ListCoverage, PublicationRule, YearKind,
};
use crate::error::Result;
use std::path::Path;

const PCT: &str = "oecd_msti/gerd_pct_gdp.csv";
const CONST: &str = "oecd_msti/gerd_million_usd_constant2015_ppp.csv";
const RD5: &str = "oecd_msti/ncses_sei2022_rd5_gerd_latest_year.csv";
const SRD1: &str = "oecd_msti/ncses_sei2024_srd1_gerd_selected_years.csv";

/// Rows of a data.oecd.org export file (codes only; the name column was added by the collector).
fn oecd_rows(t: &CsvTable, res: &mut Resolver, vintage: &str) -> Result<Vec<Obs>> {
    let mut out = Vec::new();
    for (line, r) in &t.rows {
        let line = *line;
        let code = t.get(r, "country_code");
        let year = parse_year(t, line, "year", t.get(r, "year"))?;
        let value = t.get(r, "value");
        check_number(t, line, "value", value)?;
        let Some(resolved) = res.code(code, "", &t.file, line) else {
            continue;
        };
        let agg_flag = t.get(r, "is_aggregate") == "true";
        if agg_flag != resolved.aggregate {
            res.problems.push(format!("{}:{line}: is_aggregate={agg_flag} but the countries dataset says {code} is {}an aggregate", t.file, if resolved.aggregate { "" } else { "not " }));
            continue;
        }
        let mut note = Vec::new();
        let flag = t.get(r, "flag_codes");
        if !flag.is_empty() {
            note.push(format!("OECD flag: {flag}"));
        }
        let location = t.get(r, "source_location");
        if location != code {
            note.push(format!("OECD LOCATION {location}"));
        }
        out.push(Obs {
            iso3: resolved.code,
            year,
            value: value.to_string(),
            note: note.join("; "),
            vintage: vintage.to_string(),
            ..Obs::default()
        });
    }
    Ok(out)
}

/// NCSES SEI 2022 Table RD-5: current-PPP GERD in millions, 2019 or latest year.
pub(crate) fn rd5_rows(t: &CsvTable, res: &mut Resolver) -> Result<Vec<Obs>> {
    let mut out = Vec::new();
    for (line, r) in &t.rows {
        let line = *line;
        let name = t.get(r, "country_name");
        let Some(resolved) = res.code(t.get(r, "country_code"), name, &t.file, line) else {
            continue;
        };
        let value = t.get(r, "gerd_million_usd_current_ppp");
        check_number(t, line, "gerd_million_usd_current_ppp", value)?;
        let mut note = format!("NCSES SEI 2022 Table RD-5 (OECD MSTI Sep 2021, UNESCO UIS Mar 2021), row '{}', 2019 or most recent year", t.get(r, "source_row_label"));
        if resolved.code == "ISR" {
            note.push_str("; NCSES: data for Israel are civilian R&D only");
        }
        out.push(Obs {
            iso3: resolved.code,
            year: parse_year(t, line, "data_year", t.get(r, "data_year"))?,
            value: value.to_string(),
            published: "2022".into(),
            source_name: name.to_string(),
            note,
            ..Obs::default()
        });
    }
    Ok(out)
}

/// NCSES SEI 2024 Table SRD-1, current-PPP GERD rows: billions as printed, ×1000 → millions.
pub(crate) fn srd1_rows(t: &CsvTable, res: &mut Resolver) -> Result<Vec<Obs>> {
    let mut out = Vec::new();
    for (line, r) in &t.rows {
        let line = *line;
        if t.get(r, "measure") != "GERD" || t.get(r, "price_basis") != "Current PPP dollars" {
            continue;
        }
        let unit = t.get(r, "unit");
        if unit != "billions of US dollars (PPP)" {
            return Err(t.error(
                line,
                "unit",
                format!("expected 'billions of US dollars (PPP)', found '{unit}'"),
            ));
        }
        let name = t.get(r, "country_name");
        let Some(resolved) = res.code(t.get(r, "country_code"), name, &t.file, line) else {
            continue;
        };
        let printed = t.get(r, "value");
        check_number(t, line, "value", printed)?;
        // Unit conversion, exact on the decimal string: billions → millions.
        let value = times_1000(printed)
            .ok_or_else(|| t.error(line, "value", format!("'{printed}' cannot be converted")))?;
        out.push(Obs {
            iso3: resolved.code,
            year: parse_year(t, line, "data_year", t.get(r, "data_year"))?,
            value,
            published: "2024".into(),
            source_name: name.to_string(),
            note: format!(
                "NCSES SEI 2024 Table SRD-1 (OECD MSTI Sep 2023): printed {printed} billion current PPP $, ×1000 = millions (computed); column {}, row '{}'",
                t.get(r, "source_column_year"),
                t.get(r, "source_row_label")
            ),
            ..Obs::default()
        });
    }
    Ok(out)
}

pub(crate) fn build(sources: &Path, res: &mut Resolver) -> Result<Dataset> {
    let oecd_cols = [
        "country_code",
        "year",
        "value",
        "flag_codes",
        "is_aggregate",
        "source_location",
    ];
    let mut pct = oecd_rows(
        &read_source(sources, PCT, &oecd_cols)?,
        res,
        msti_vintages::EXPORT_2023_03,
    )?;
    let constant = oecd_rows(&read_source(sources, CONST, &oecd_cols)?, res, "")?;
    let (ratio, gerd_2026, researchers) = msti_vintages::read(sources, res)?;
    pct.extend(ratio);
    pct.extend(gerd_2026);
    let mut current = rd5_rows(
        &read_source(
            sources,
            RD5,
            &[
                "country_code",
                "country_name",
                "source_row_label",
                "data_year",
                "gerd_million_usd_current_ppp",
            ],
        )?,
        res,
    )?;
    current.extend(srd1_rows(
        &read_source(
            sources,
            SRD1,
            &[
                "country_code",
                "country_name",
                "source_row_label",
                "measure",
                "price_basis",
                "source_column_year",
                "data_year",
                "value",
                "unit",
            ],
        )?,
        res,
    )?);

    let oecd_rule = PublicationRule {
        year_offset: 2,
        month: 3,
        basis: "project's stated OECD lag: a year Y appears in MSTI about 15 months after Y ends, i.e. in the March release of Y+2 (the export itself is ≈ the March 2023 release)".into(),
    };
    let vintage = "Vintage-sensitive: United Kingdom, Korea, Israel and Türkiye differ by more than 0.2 pp between this OECD export and WDI (UIS); never mix the two sources in one ranking.".to_string();
    let files = vec![
        obs_file(
            "gerd_pct_gdp.csv",
            pct,
            &[Col::Vintage, Col::SourceName, Col::Note],
        )?,
        obs_file("gerd_usd_const2015_ppp.csv", constant, &[Col::Note])?,
        obs_file(
            "gerd_usd_current_ppp.csv",
            current,
            &[Col::Published, Col::SourceName, Col::Note],
        )?,
        obs_file(
            "researchers_per_1000_employed.csv",
            researchers,
            &[Col::Note],
        )?,
    ];
    let indicators = vec![
        IndicatorMeta {
            id: "gerd_pct_gdp".into(),
            title: "Gross domestic expenditure on R&D (GERD) as % of GDP".into(),
            unit: "% of GDP".into(),
            higher_is_better: true,
            year_kind: YearKind::Data,
            decimals: 2,
            file: "gerd_pct_gdp.csv".into(),
            caveats: vec![
                vintage.clone(),
                "Three OECD MSTI vintages in one file, every row naming its vintage: 2023-03 (data.oecd.org export, 46 locations, 1981–2021, latest year 2020 for most, 2021 only for Canada); 2023-09 (MSTI Sep 2023 via NCSES SEI 2024 SRD-1: 1990, 2000, 2010 and 2021-or-latest for 45 economies + OECD + EU-27, two decimals); 2026-08 (OECD Data Explorer 2026-08-10, seven economies — CHN, DEU, FRA, GBR, JPN, KOR, USA — to 2024, GBR to 2023).".into(),
                "All three vintages are OECD MSTI figures (OECD members and MSTI partner economies); the U.S. figure in SRD-1 is NCSES's own. Rank within one vintage: OECD revised UK 2014–2019 upward (2018: 1.71 in 2023-03, 2.68 in 2026-08) and Korea 2019–2020 downward (2020: 4.81 vs 4.52).".into(),
                "2023-09 rows of 2021-or-latest are the latest year SRD-1 had: Australia 2019, Chile 2020, Colombia 2020, Mexico 2017, Russia 2020, Singapore 2020, South Africa 2020 (year = that data year).".into(),
            ],
            publication: Some(oecd_rule.clone()),
            source_code: Some("GDEXPRD / PC_GDP; MSTI G / PT_B1GQ".into()),
            attribution: None,
            size_measure: false,
            kind: IndicatorKind::Value,
            ranks: None,
            list: ListCoverage::Complete,
            // Vintages agree within 0.05 pp (≈ 2 % of a typical 2–3 % intensity) for most
            // country-years; beyond 5 % it is a revision (Korea 2020 −6 %, UK 2018 +57 %).
            vintage_threshold_pct: Some(5.0),
        },
        IndicatorMeta {
            id: "gerd_usd_const2015_ppp".into(),
            title: "GERD in constant 2015 prices and PPPs".into(),
            unit: "million USD, constant 2015 prices and PPPs".into(),
            higher_is_better: true,
            year_kind: YearKind::Data,
            decimals: 0,
            file: "gerd_usd_const2015_ppp.csv".into(),
            caveats: vec![
                "Constant 2015 prices and PPPs — NOT current PPP dollars (the export prints only 'MLN_USD'; established by comparison with NCSES SRD-1, see notes).".into(),
                vintage.clone(),
            ],
            publication: Some(oecd_rule),
            source_code: Some("GDEXPRD / MLN_USD".into()),
            attribution: None,
            size_measure: true,
            kind: IndicatorKind::Value,
            ranks: None,
            list: ListCoverage::Complete,
            vintage_threshold_pct: None,
        },
        IndicatorMeta {
            id: "gerd_usd_current_ppp".into(),
            title: "GERD in current PPP dollars (NCSES tables)".into(),
            unit: "million USD, current PPPs".into(),
            higher_is_better: true,
            year_kind: YearKind::Data,
            decimals: 0,
            file: "gerd_usd_current_ppp.csv".into(),
            caveats: vec![
                "Only selected years: 2019-or-latest (SEI 2022 RD-5) and 1990, 2000, 2010, 2021-or-latest (SEI 2024 SRD-1). The same country-year from both tables is two publications of different OECD vintages.".into(),
                "SEI 2024 values are printed in billions with two decimals and were multiplied by 1000 in code: precision ±5 million.".into(),
                "Israel: SEI 2022 RD-5 notes that its Israel figure covers civilian R&D only.".into(),
            ],
            publication: None,
            source_code: None,
            attribution: Some(
                "Source: NCSES, Science and Engineering Indicators 2022/2024, from OECD MSTI (data year {year})".into(),
            ),
            size_measure: true,
            kind: IndicatorKind::Value,
            ranks: None,
            list: ListCoverage::Complete,
            vintage_threshold_pct: None,
        },
        IndicatorMeta {
            id: "researchers_per_1000_employed".into(),
            title: "Researchers per 1,000 total employment (OECD MSTI)".into(),
            unit: "researchers (FTE) per 1,000 employed".into(),
            higher_is_better: true,
            year_kind: YearKind::Data,
            decimals: 1,
            file: "researchers_per_1000_employed.csv".into(),
            caveats: vec![
                "Seven economies only (CHN, DEU, FRA, GBR, JPN, KOR, USA), 1990–2024; GBR only to 2017, USA to 2023 (oecd_msti/SOURCES.md). Not the World Bank's researchers per million people.".into(),
                "Values rounded to 4 decimals by the third-party carrier; OECD status flags (provisional, estimate, break) were not kept.".into(),
            ],
            publication: None,
            source_code: Some("MSTI T_RS / 10P3EMP".into()),
            attribution: Some("Source: OECD, Main Science and Technology Indicators, Data Explorer extract of 2026-08-10 (data year {year})".into()),
            size_measure: false,
            kind: IndicatorKind::Value,
            ranks: None,
            list: ListCoverage::Complete,
            vintage_threshold_pct: None,
        },
    ];
    let notes = vec![
        "gerd_pct_gdp holds three vintages of OECD MSTI R&D intensity (vintage column; [[vintage]] tables give each one's date and basis): 2023-03 = oecd_msti/gerd_pct_gdp.csv; 2023-09 = the GERD-to-GDP ratio rows of ncses_sei2024_srd1_gerd_selected_years.csv (values as printed, two decimals, row label in the note); 2026-08 = measure G / PT_B1GQ of msti_selected_economies_2026.csv (values rounded to 4 decimals by the carrier; 2024 includes provisional values). vintage_threshold_pct = 5: beyond that relative difference two vintages disagree by a revision, not rounding.".to_string(),
        "R&D intensity among OECD members for 2021: the 2023-09 vintage has 2021 values for 34 of the 38 members (Israel 5.56, Korea 4.93, …); the 2023-03 vintage only for Canada; the 2026-08 vintage only for its seven economies. Rank one vintage at a time.".to_string(),
        "researchers_per_1000_employed: measure T_RS / 10P3EMP of msti_selected_economies_2026.csv (OECD Data Explorer, read 2026-08-10 by github.com/t46/gov-sci-tech-watcher, commit 251e67f29a13c9f2df700438776bce15fd3f0407). The government-financed share of GERD (G_FG / PT_GERD) in the same file is not curated (no direction of 'better').".to_string(),
        "gerd_pct_gdp and gerd_usd_const2015_ppp: unmodified data.oecd.org download of indicator GDEXPRD (Gross domestic spending on R&D; the OECD MSTI GERD series), measures PC_GDP and MLN_USD, carried in github.com/jordancallahan/DPI852M-Group-1-Final-Project (data/tables/global_domestic_RD_spend.csv, commit 75b7412fc9fc1b0970586b6eea7021438788aedc, 2023-03-21); vintage ≈ MSTI March 2023 (not stated in the file).".to_string(),
        "Units: MLN_USD is million US dollars at constant 2015 prices and PPPs, not current PPP — the export's values equal NCSES SRD-1's 'Constant (2015) PPP dollars' column (AUS 2000 10644.77 vs 10.65 bn; AUT, BEL, CZE likewise) and differ from its current-PPP column.".to_string(),
        "Aggregates keep their OECD codes: OECD (Total OECD), EU27_2020 (EU-27); NCSES RD-5 also has G20 (G20 countries). RD-5's 'European Union' row is filed as EU27_2020 (as the collector mapped it).".to_string(),
        "gerd_usd_current_ppp: NCSES Science and Engineering Indicators 2022 Table RD-5 (millions of current PPP $, 2019 or most recent year; OECD MSTI September 2021 + UNESCO UIS March 2021; only economies with GERD ≥ $500 million; published = 2022) and SEI 2024 Table SRD-1 (current-PPP GERD rows only, billions × 1000 → millions computed in code and stated in each row note; OECD MSTI September 2023; published = 2024), extracted in github.com/bq-org/ncses_stats_explorer_placeholder (commit 1f879ab65ed260668840db406611ddc10e8455bc).".to_string(),
        "Spot checks (oecd_msti/SOURCES.md): OECD export vs SRD-1 constant GERD 99 of 108 within 1 %; GERD/GDP 105 of 109 within 0.05 pp. Largest gaps CAN 2021, ISR 2000/2010, ZAF 2010 — revisions between vintages.".to_string(),
        "Vintage-sensitive economies: the United Kingdom (OECD 1.63–1.71 % vs WDI 2.27–2.71 % in 2014–2019), Korea (WDI lower in all years), Israel 2019–2020 and Türkiye 2019–2020 differ between this OECD export and WDI GB.XPD.RSDV.GD.ZS by more than 0.2 pp; Canada 2021 too. Treat UK, KOR, ISR, TUR as vintage-sensitive and never mix sources in one ranking.".to_string(),
        "Coverage of the 2023-03 export: 46 locations (38 OECD members, ARG, CHN, ROU, RUS, SGP, TWN, ZAF, EU27_2020, OECD), 1981–2021; 2021 (except Canada) and 2022 missing; gaps are years the source does not print (nothing filled). SVK 1990–1991 only in % of GDP.".to_string(),
        "Licence: OECD Terms and Conditions / Open Access policy (CC BY 4.0 for content from 2024-07-01, similar terms before) — attribute 'OECD, Main Science and Technology Indicators'; NCSES tables are U.S. federal statistics (public domain in the U.S.).".to_string(),
    ];
    Ok(Dataset {
        meta: DatasetMeta {
            id: "msti".into(),
            title: "OECD R&D spending (GERD)".into(),
            publisher: "OECD, Main Science and Technology Indicators; NCSES (U.S. National Science Foundation), Science and Engineering Indicators".into(),
            licence: "OECD terms (CC BY 4.0-like, attribution); NCSES: U.S. public domain".into(),
            attribution: "Source: OECD, Main Science and Technology Indicators (data year {year})".into(),
            retrieved: RETRIEVED.into(),
            source_urls: vec![
                "https://data.oecd.org/rd/gross-domestic-spending-on-r-d.htm".into(),
                "https://stats.oecd.org/Index.aspx?DataSetCode=MSTI_PUB".into(),
                "https://github.com/jordancallahan/DPI852M-Group-1-Final-Project/blob/75b7412fc9fc1b0970586b6eea7021438788aedc/data/tables/global_domestic_RD_spend.csv".into(),
                "https://github.com/bq-org/ncses_stats_explorer_placeholder/tree/1f879ab65ed260668840db406611ddc10e8455bc/output/tables".into(),
                "https://github.com/t46/gov-sci-tech-watcher/blob/251e67f29a13c9f2df700438776bce15fd3f0407/data/indicators.json".into(),
            ],
            notes,
            indicators,
            releases: Vec::new(),
            vintages: msti_vintages::vintages(),
        },
        files,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::curate::testing;

    #[test]
    fn srd1_billions_become_millions_with_a_note() {
        let (_d, c) = testing::countries();
        let mut res = Resolver::new(&c);
        let t = testing::table("country_code,country_name,source_row_label,measure,price_basis,source_column_year,data_year,value,unit,source_row_id\nKOR,South Korea,South Korea,GERD,Current PPP dollars,2021a,2021,119.58,billions of US dollars (PPP),r1\nKOR,South Korea,South Korea,GERD,Constant (2015) PPP dollars,2021a,2021,108.1,billions of US dollars (PPP),r2\nOECD,Total OECD,Total OECD,GERD,Current PPP dollars,2000,2000,0.5,billions of US dollars (PPP),r3\n");
        let rows = srd1_rows(&t, &mut res).expect("rows");
        assert!(res.problems.is_empty(), "{:?}", res.problems);
        assert_eq!(rows.len(), 2, "constant-price rows are not current PPP");
        assert_eq!(rows[0].value, "119580");
        assert_eq!(rows[0].published, "2024");
        assert!(
            rows[0].note.contains("printed 119.58 billion") && rows[0].note.contains("×1000"),
            "{}",
            rows[0].note
        );
        assert_eq!(
            (rows[1].iso3.as_str(), rows[1].value.as_str()),
            ("OECD", "500")
        );
    }
}
