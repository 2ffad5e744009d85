//! The `wdi` dataset: World Bank World Development Indicators (R&D, researchers, GDP, population, …).

use super::{
    check_number, obs_file, parse_year, read_source, Col, Dataset, Obs, Resolver, RETRIEVED,
};
use crate::catalog::metadata::{
    DatasetMeta, IndicatorKind, IndicatorMeta, ListCoverage, Vintage, YearKind,
};
use crate::error::Result;
use std::collections::HashMap;
use std::path::Path;

/// One WDI series: id, source file(s), World Bank code, title, unit, decimals, vintage note.
struct Series {
    id: &'static str,
    /// The source files and the vintage id each one's rows carry ("" = no vintage column).
    files: &'static [(&'static str, &'static str)],
    code: &'static str,
    title: &'static str,
    unit: &'static str,
    decimals: u8,
    vintage: &'static str,
    /// A total that grows with the economy (see `IndicatorMeta::size_measure`).
    size: bool,
}

const SERIES: [Series; 8] = [
    Series {
        id: "rd_pct_gdp",
        files: &[("rd_expenditure_pct_gdp.csv", "")],
        code: "GB.XPD.RSDV.GD.ZS",
        title: "Research and development expenditure (% of GDP)",
        unit: "% of GDP",
        decimals: 2,
        vintage: "WDI Last Updated 2026-07-13",
        size: false,
    },
    Series {
        id: "researchers_per_million",
        files: &[("researchers_per_million.csv", "")],
        code: "SP.POP.SCIE.RD.P6",
        title: "Researchers in R&D (per million people)",
        unit: "researchers per million people",
        decimals: 0,
        vintage: "WDI Last Updated 2026-07-13",
        size: false,
    },
    Series {
        id: "gdp_usd",
        files: &[("gdp_current_usd.csv", "")],
        code: "NY.GDP.MKTP.CD",
        title: "GDP (current US$)",
        unit: "current US$",
        decimals: 0,
        vintage: "WDI Last Updated 2024-10-24",
        size: true,
    },
    Series {
        id: "gdp_per_capita_usd",
        files: &[("gdp_per_capita_current_usd.csv", "")],
        code: "NY.GDP.PCAP.CD",
        title: "GDP per capita (current US$)",
        unit: "current US$ per person",
        decimals: 0,
        vintage: "WDI Last Updated 2026-07-13",
        size: false,
    },
    Series {
        id: "population",
        files: &[("population_total.csv", "")],
        code: "SP.POP.TOTL",
        title: "Population, total",
        unit: "people",
        decimals: 0,
        vintage: "WDI vintage unknown (datahub.io refresh of 2026-03-06, data to 2024)",
        size: true,
    },
    Series {
        id: "hightech_exports_pct",
        files: &[
            ("hightech_exports_pct_manufactured.csv", HIGHTECH_OLD),
            ("hightech_exports_pct_manufactured_2025-04.csv", HIGHTECH_NEW),
        ],
        code: "TX.VAL.TECH.MF.ZS",
        title: "High-technology exports (% of manufactured exports)",
        unit: "% of manufactured exports",
        decimals: 1,
        vintage: "two vintages, WDI Last Updated 2022-12-22 (vintage 2022-12) and 2025-04-15 (vintage 2025-04); every row names its vintage",
        size: false,
    },
    Series {
        id: "scientific_articles",
        files: &[("scientific_journal_articles.csv", "")],
        code: "IP.JRN.ARTC.SC",
        title: "Scientific and technical journal articles",
        unit: "articles (fractional counts)",
        decimals: 0,
        vintage: "WDI Last Updated 2025-04-15",
        size: true,
    },
    Series {
        id: "patent_applications_residents",
        files: &[("patent_applications_residents.csv", "")],
        code: "IP.PAT.RESD",
        title: "Patent applications, residents",
        unit: "patent applications",
        decimals: 0,
        vintage: "WDI Last Updated 2026-01-28",
        size: true,
    },
];

/// The vintage ids of the two high-tech export files.
const HIGHTECH_OLD: &str = "2022-12";
const HIGHTECH_NEW: &str = "2025-04";

/// The dataset's vintages (only `hightech_exports_pct` has two; the dates are the "Last Updated
/// Date" world_bank_wdi/SOURCES.md records for each file).
fn vintages() -> Vec<Vintage> {
    vec![
        Vintage {
            id: HIGHTECH_OLD.into(),
            published: "2022-12-22".into(),
            title: "World Bank WDI, Last Updated 2022-12-22 (hightech_exports_pct_manufactured.csv, data to 2021)".into(),
            basis: "world_bank_wdi/SOURCES.md, table 'Files': WDI \"Last Updated Date\" printed in the file 2022-12-22".into(),
        },
        Vintage {
            id: HIGHTECH_NEW.into(),
            published: "2025-04-15".into(),
            title: "World Bank WDI, Last Updated 2025-04-15 (hightech_exports_pct_manufactured_2025-04.csv, data to 2024)".into(),
            basis: "world_bank_wdi/SOURCES.md, 'Addition 2026-12-01': WDI \"Last Updated Date\" printed 2025-04-15".into(),
        },
    ]
}

/// Reads one WDI long file into observation rows carrying `vintage`.
fn read_file(
    sources: &Path,
    src: &str,
    code: &str,
    vintage: &str,
    res: &mut Resolver,
) -> Result<Vec<Obs>> {
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
            vintage: vintage.to_string(),
            ..Obs::default()
        });
    }
    Ok(rows)
}

pub(crate) fn build(sources: &Path, res: &mut Resolver) -> Result<Dataset> {
    let mut files = Vec::new();
    let mut indicators = Vec::new();
    for series in &SERIES {
        let (id, code) = (series.id, series.code);
        let mut rows = Vec::new();
        for (src, vintage) in series.files {
            rows.extend(read_file(sources, src, code, vintage, res)?);
        }
        let has_vintage = series.files.iter().any(|(_, v)| !v.is_empty());
        let file = format!("{id}.csv");
        let cols: &[Col] = if has_vintage {
            &[Col::Vintage, Col::SourceName]
        } else {
            &[Col::SourceName]
        };
        files.push(obs_file(&file, rows, cols)?);
        let mut caveats = vec![
            format!("Vintage: {}. World Bank revises past values between vintages; use one vintage for ratios.", series.vintage),
            "Aggregates (World, regions, income groups, EUU, OED, …) keep their World Bank codes; they are not countries.".to_string(),
        ];
        match id {
            "rd_pct_gdp" => caveats.push("Compiled by the World Bank from the UNESCO Institute for Statistics; differs from OECD MSTI for some economies (UK, Korea, Israel, Türkiye) — never mix with msti.gerd_pct_gdp in one ranking. Taiwan has no rows; Bangladesh has no value.".into()),
            "gdp_usd" | "gdp_per_capita_usd" => caveats.push("GDP (2024-10 vintage, data to 2023) and GDP per capita (2026-07 vintage, data to 2025) are different vintages: do not divide GDP by GDP per capita.".into()),
            "population" => caveats.push("Exact WDI vintage unknown; population is revised between vintages (e.g. India 2022: 1,425,423,212 vs 1,417,173,173 in an earlier file).".into()),
            "hightech_exports_pct" => caveats.push("Heavily revised between the vintages: of 2,570 country-years in both, 609 identical, 1,742 within 0.01 pp, some far apart (PAN 2011: 1.450 vs 36.21; AGO 2018: 23.31 vs 3.97; IRL 2007: 32.00 vs 15.11; world_bank_wdi/SOURCES.md). Use one vintage per chart; the newer (2025-04) by default.".into()),
            "scientific_articles" => caveats.push("Compiled by the World Bank from NSF/NCSES: fractional counts of Scopus articles (values have decimals); 2023 is not in this download.".into()),
            "patent_applications_residents" => caveats.push("Filings at the national office by residents (not a country's filings worldwide, not grants); source WIPO Patent Report via the World Bank; stops at 2021 even in the 2026-01-28 download.".into()),
            _ => {}
        }
        indicators.push(IndicatorMeta {
            id: id.to_string(),
            title: series.title.to_string(),
            unit: series.unit.to_string(),
            higher_is_better: true,
            year_kind: YearKind::Data,
            decimals: series.decimals,
            file,
            caveats,
            publication: None,
            source_code: Some(code.to_string()),
            attribution: None,
            kind: IndicatorKind::Value,
            ranks: None,
            list: ListCoverage::Complete,
            // Revisions above 10 % of the value are more than rounding or late reporting (see notes).
            vintage_threshold_pct: has_vintage.then_some(10.0),
            // Totals grow with the economy: not a measure of performance (see IndicatorMeta).
            size_measure: series.size,
        });
    }
    let notes = vec![
        "World Bank bulk-download CSVs (API_<indicator>_DS2_en_csv_v2_<n>.csv) reshaped from wide to long by the collector; empty cells dropped, nothing filled; values copied as printed. Carrier repositories and blobs are listed in world_bank_wdi/SOURCES.md.".to_string(),
        "Vintages: rd_pct_gdp, researchers_per_million, gdp_per_capita_usd — WDI Last Updated 2026-07-13; gdp_usd — 2024-10-24 (data to 2023); scientific_articles — 2025-04-15 (data to 2022); patent_applications_residents — 2026-01-28 (data to 2021); population — vintage unknown (datahub.io core dataset refreshed 2026-03-06, data to 2024).".to_string(),
        "hightech_exports_pct holds two vintages side by side in one file, each row naming its vintage: 2022-12 (WDI Last Updated 2022-12-22, data 2007–2021) and 2025-04 (Last Updated 2025-04-15, data 2007–2024). vintage_threshold_pct = 10: a country-year whose two vintages differ by more than 10 % of the older value is a revision, not rounding (1,742 of the 2,570 common country-years agree within 0.01 pp; the rest are revisions, some several-fold).".to_string(),
        "scientific_articles (IP.JRN.ARTC.SC, NSF/NCSES via the World Bank) and patent_applications_residents (IP.PAT.RESD, WIPO via the World Bank) are totals that grow with the size of the economy (size_measure): --strengths leaves them out; divide by population or researchers for intensity.".to_string(),
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
                        s.code
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
            vintages: vintages(),
        },
        files,
    })
}
