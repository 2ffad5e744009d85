//! The `wdi` dataset: World Bank World Development Indicators (R&D, researchers, GDP, population, …).

use super::{
    check_number, obs_file, parse_year, read_source, Col, Dataset, Obs, Resolver, RETRIEVED,
};
use crate::catalog::metadata::{DatasetMeta, IndicatorKind, IndicatorMeta, ListCoverage, YearKind};
use crate::error::Result;
use std::collections::HashMap;
use std::path::Path;

/// (id, source file, WB code, title, unit, decimals, vintage as printed in the file).
const SERIES: [(&str, &str, &str, &str, &str, u8, &str); 6] = [
    (
        "rd_pct_gdp",
        "rd_expenditure_pct_gdp.csv",
        "GB.XPD.RSDV.GD.ZS",
        "Research and development expenditure (% of GDP)",
        "% of GDP",
        2,
        "WDI Last Updated 2026-07-13",
    ),
    (
        "researchers_per_million",
        "researchers_per_million.csv",
        "SP.POP.SCIE.RD.P6",
        "Researchers in R&D (per million people)",
        "researchers per million people",
        0,
        "WDI Last Updated 2026-07-13",
    ),
    (
        "gdp_usd",
        "gdp_current_usd.csv",
        "NY.GDP.MKTP.CD",
        "GDP (current US$)",
        "current US$",
        0,
        "WDI Last Updated 2024-10-24",
    ),
    (
        "gdp_per_capita_usd",
        "gdp_per_capita_current_usd.csv",
        "NY.GDP.PCAP.CD",
        "GDP per capita (current US$)",
        "current US$ per person",
        0,
        "WDI Last Updated 2026-07-13",
    ),
    (
        "population",
        "population_total.csv",
        "SP.POP.TOTL",
        "Population, total",
        "people",
        0,
        "WDI vintage unknown (datahub.io refresh of 2026-03-06, data to 2024)",
    ),
    (
        "hightech_exports_pct",
        "hightech_exports_pct_manufactured.csv",
        "TX.VAL.TECH.MF.ZS",
        "High-technology exports (% of manufactured exports)",
        "% of manufactured exports",
        1,
        "WDI Last Updated 2022-12-22",
    ),
];

pub(crate) fn build(sources: &Path, res: &mut Resolver) -> Result<Dataset> {
    let mut files = Vec::new();
    let mut indicators = Vec::new();
    for (id, src, code, title, unit, decimals, vintage) in SERIES {
        let rel = format!("world_bank_wdi/{src}");
        let t = read_source(
            sources,
            &rel,
            &[
                "country_code",
                "country_name",
                "indicator_code",
                "year",
                "value",
                "is_aggregate",
            ],
        )?;
        // Each (code, name) pair is checked once.
        let mut seen: HashMap<(String, String), Option<String>> = HashMap::new();
        let mut rows = Vec::new();
        for (line, r) in &t.rows {
            let line = *line;
            let ind = t.get(r, "indicator_code");
            if ind != code {
                return Err(t.error(
                    line,
                    "indicator_code",
                    format!("expected {code}, found '{ind}'"),
                ));
            }
            let wb = t.get(r, "country_code");
            let name = t.get(r, "country_name");
            let key = (wb.to_string(), name.to_string());
            let iso3 = match seen.get(&key) {
                Some(done) => done.clone(),
                None => {
                    let resolved = res.code(wb, name, &t.file, line).and_then(|resolved| {
                        let flag = t.get(r, "is_aggregate") == "true";
                        if flag != resolved.aggregate {
                            res.problems.push(format!("{}:{line}: is_aggregate={flag} disagrees with the countries dataset for {wb}", t.file));
                            return None;
                        }
                        Some(resolved.code)
                    });
                    seen.insert(key, resolved.clone());
                    resolved
                }
            };
            let Some(iso3) = iso3 else { continue };
            let value = t.get(r, "value");
            check_number(&t, line, "value", value)?;
            rows.push(Obs {
                iso3,
                year: parse_year(&t, line, "year", t.get(r, "year"))?,
                value: value.to_string(),
                source_name: name.to_string(),
                ..Obs::default()
            });
        }
        let file = format!("{id}.csv");
        files.push(obs_file(&file, rows, &[Col::SourceName])?);
        let mut caveats = vec![
            format!("Vintage: {vintage}. World Bank revises past values between vintages; use one vintage for ratios."),
            "Aggregates (World, regions, income groups, EUU, OED, …) keep their World Bank codes; they are not countries.".to_string(),
        ];
        match id {
            "rd_pct_gdp" => caveats.push("Compiled by the World Bank from the UNESCO Institute for Statistics; differs from OECD MSTI for some economies (UK, Korea, Israel, Türkiye) — never mix with msti.gerd_pct_gdp in one ranking. Taiwan has no rows; Bangladesh has no value.".into()),
            "gdp_usd" | "gdp_per_capita_usd" => caveats.push("GDP (2024-10 vintage, data to 2023) and GDP per capita (2026-07 vintage, data to 2025) are different vintages: do not divide GDP by GDP per capita.".into()),
            "population" => caveats.push("Exact WDI vintage unknown; population is revised between vintages (e.g. India 2022: 1,425,423,212 vs 1,417,173,173 in an earlier file).".into()),
            "hightech_exports_pct" => caveats.push("Older vintage (2022-12-22), data to 2021.".into()),
            _ => {}
        }
        indicators.push(IndicatorMeta {
            id: id.to_string(),
            title: title.to_string(),
            unit: unit.to_string(),
            higher_is_better: true,
            year_kind: YearKind::Data,
            decimals,
            file,
            caveats,
            publication: None,
            source_code: Some(code.to_string()),
            attribution: None,
            kind: IndicatorKind::Value,
            ranks: None,
            list: ListCoverage::Complete,
            vintage_threshold_pct: None,
            // Totals grow with the economy: not a measure of performance (see IndicatorMeta).
            size_measure: matches!(id, "gdp_usd" | "population"),
        });
    }
    let notes = vec![
        "World Bank bulk-download CSVs (API_<indicator>_DS2_en_csv_v2_<n>.csv) reshaped from wide to long by the collector; empty cells dropped, nothing filled; values copied as printed. Carrier repositories and blobs are listed in world_bank_wdi/SOURCES.md.".to_string(),
        "Vintages: rd_pct_gdp, researchers_per_million, gdp_per_capita_usd — WDI Last Updated 2026-07-13; gdp_usd — 2024-10-24 (data to 2023); hightech_exports_pct — 2022-12-22 (data to 2021); population — vintage unknown (datahub.io core dataset refreshed 2026-03-06, data to 2024).".to_string(),
        "Do not divide GDP by GDP per capita: the two files are different vintages.".to_string(),
        "No publication rule: the rows carry no release dates and the vintages above are single snapshots, so --as-of cannot apply to this dataset.".to_string(),
        "Taiwan has no rows in any WDI file (Taiwan R&D is only in msti). Bangladesh has no R&D value. R&D coverage thins after 2021 (84 economies in 2023, 30 in 2024).".to_string(),
        "Aggregate names are not resolved (they change between vintages); rows are keyed by the World Bank code. Note that the 2026-07 files print MEA as 'Middle East, North Africa, Afghanistan & Pakistan' (and MNA/TMN likewise): in those vintages the World Bank regrouped Afghanistan and Pakistan into that region, so their MEA aggregate is not the FY2025 MEA group of the countries dataset.".to_string(),
        "Names as printed in each file (source_name) change between vintages (e.g. 'Turkiye' vs 'Türkiye'); rows are keyed by the World Bank code, and each name was checked to resolve to the same code (aggregates excepted).".to_string(),
        "Spot checks (SOURCES.md): R&D % of GDP vs OECD GERD/GDP — median difference 0.005 pp over 986 country-years, 18 above 0.2 pp (UK 2014–2019, Korea, Israel, Türkiye 2019–2020, Canada 2021); GDP file equal to datasets/gdp for all 13,979 country-years.".to_string(),
        "A few very small values are printed in scientific notation by the World Bank (e.g. hightech_exports_pct '3.271118397403E-05'); they are kept exactly as printed.".to_string(),
        "Licence: World Bank datasets CC BY 4.0; third-party-sourced series (e.g. UIS for R&D) can carry the originator's terms.".to_string(),
    ];
    Ok(Dataset {
        meta: DatasetMeta {
            id: "wdi".into(),
            title: "World Bank World Development Indicators".into(),
            publisher: "World Bank".into(),
            licence: "CC BY 4.0".into(),
            attribution: "Source: World Bank, World Development Indicators ({year})".into(),
            retrieved: RETRIEVED.into(),
            source_urls: SERIES
                .iter()
                .map(|s| {
                    format!(
                        "https://api.worldbank.org/v2/en/indicator/{}?downloadformat=csv",
                        s.2
                    )
                })
                .chain([
                    "https://www.worldbank.org/en/about/legal/terms-of-use-for-datasets"
                        .to_string(),
                ])
                .collect(),
            notes,
            indicators,
            releases: Vec::new(),
            vintages: Vec::new(),
        },
        files,
    })
}
