//! The vintages of `msti.gerd_pct_gdp` (GERD as % of GDP) and the 2026 MSTI extract.
//!
//! One indicator holds three vintages of OECD MSTI R&D intensity side by side, every row naming
//! its vintage: the data.oecd.org export (≈ MSTI March 2023), the GERD-to-GDP ratios of NCSES
//! SEI 2024 Table SRD-1 (built on MSTI September 2023) and the OECD Data Explorer extract of
//! 2026-08-10 (seven economies, to 2024). The 2026 file also gives researchers per 1,000 employed.

use super::{check_number, parse_year, read_source, Obs, Resolver};
use crate::catalog::load::CsvTable;
use crate::catalog::metadata::Vintage;
use crate::error::Result;
use std::path::Path;

pub(crate) const SRD1: &str = "oecd_msti/ncses_sei2024_srd1_gerd_selected_years.csv";
pub(crate) const MSTI_2026: &str = "oecd_msti/msti_selected_economies_2026.csv";

/// Vintage ids, oldest first.
pub(crate) const EXPORT_2023_03: &str = "2023-03";
pub(crate) const SRD1_2023_09: &str = "2023-09";
pub(crate) const EXTRACT_2026_08: &str = "2026-08";

/// The dataset's vintages, with the dates oecd_msti/SOURCES.md gives for each.
pub(crate) fn vintages() -> Vec<Vintage> {
    vec![
        Vintage {
            id: EXPORT_2023_03.into(),
            published: "2023-03".into(),
            title: "OECD MSTI, data.oecd.org export of GDEXPRD (≈ MSTI March 2023 release)".into(),
            basis: "oecd_msti/SOURCES.md: 'Vintage: downloaded on or before 2023-03-21, i.e. roughly the MSTI March 2023 release (not stated in the file)'".into(),
        },
        Vintage {
            id: SRD1_2023_09.into(),
            published: "2023-09".into(),
            title: "OECD MSTI September 2023, as tabulated in NCSES Science and Engineering Indicators 2024, Table SRD-1".into(),
            basis: "oecd_msti/SOURCES.md: SRD-1 prints its source as 'OECD Main Science and Technology Indicators, September 2023' (the OECD figures were public from that release; the NCSES table itself appeared in 2024, its day not in the sources)".into(),
        },
        Vintage {
            id: EXTRACT_2026_08.into(),
            published: "2026-08-10".into(),
            title: "OECD MSTI, OECD Data Explorer (DSD_MSTI@DF_MSTI) as served on 2026-08-10, seven economies".into(),
            basis: "oecd_msti/SOURCES.md, 'Addition 2026-12-01': read from the OECD SDMX API by a third-party pipeline on 2026-08-10 (JSON generated_at 2026-08-10T03:54:11Z)".into(),
        },
    ]
}

/// SEI 2024 Table SRD-1, GERD-to-GDP ratio rows (1990, 2000, 2010, 2021-or-latest).
pub(crate) fn srd1_ratio_rows(t: &CsvTable, res: &mut Resolver) -> Result<Vec<Obs>> {
    let mut out = Vec::new();
    for (line, r) in &t.rows {
        let line = *line;
        if t.get(r, "measure") != "GERD-to-GDP ratio" {
            continue;
        }
        let unit = t.get(r, "unit");
        if unit != "percent" {
            return Err(t.error(line, "unit", format!("expected 'percent', found '{unit}'")));
        }
        let name = t.get(r, "country_name");
        let Some(resolved) = res.code(t.get(r, "country_code"), name, &t.file, line) else {
            continue;
        };
        let value = t.get(r, "value");
        check_number(t, line, "value", value)?;
        let mut note = format!(
            "NCSES SEI 2024 Table SRD-1 (OECD MSTI Sep 2023), column {}, row '{}'",
            t.get(r, "source_column_year"),
            t.get(r, "source_row_label")
        );
        if resolved.code == "USA" {
            note.push_str("; the United States figure comes from NCSES National Patterns of R&D Resources (SRD-1's printed source for the U.S.)");
        }
        out.push(Obs {
            iso3: resolved.code,
            year: parse_year(t, line, "data_year", t.get(r, "data_year"))?,
            value: value.to_string(),
            source_name: name.to_string(),
            note,
            vintage: SRD1_2023_09.into(),
            ..Obs::default()
        });
    }
    Ok(out)
}

/// The 2026 extract's rows of one measure (`G` = GERD % of GDP, `T_RS` = researchers per 1,000
/// employed), checked against the unit code the script queried.
pub(crate) fn extract_rows(
    t: &CsvTable,
    res: &mut Resolver,
    measure: &str,
    unit_measure: &str,
    vintage: &str,
) -> Result<Vec<Obs>> {
    let mut out = Vec::new();
    for (line, r) in &t.rows {
        let line = *line;
        if t.get(r, "measure") != measure {
            continue;
        }
        let um = t.get(r, "unit_measure");
        if um != unit_measure {
            return Err(t.error(
                line,
                "unit_measure",
                format!("expected {unit_measure} for measure {measure}, found '{um}'"),
            ));
        }
        let Some(resolved) = res.code(
            t.get(r, "country_code"),
            t.get(r, "iso_short_name"),
            &t.file,
            line,
        ) else {
            continue;
        };
        let value = t.get(r, "value");
        check_number(t, line, "value", value)?;
        let mut note = format!(
            "OECD MSTI {} (SDMX {measure}/{unit_measure}), read 2026-08-10; value rounded to 4 decimals by the carrier",
            t.get(r, "source_title").trim_start_matches("OECD Main Science and Technology Indicators — ")
        );
        let source_note = t.get(r, "source_note");
        if !source_note.is_empty() {
            // The carrier's note is in Japanese; SOURCES.md translates it.
            note.push_str(&format!("; source note '{source_note}' (= the latest year includes provisional values, per oecd_msti/SOURCES.md)"));
        }
        out.push(Obs {
            iso3: resolved.code,
            year: parse_year(t, line, "year", t.get(r, "year"))?,
            value: value.to_string(),
            note,
            vintage: vintage.to_string(),
            ..Obs::default()
        });
    }
    Ok(out)
}

/// Reads the two added files: (SRD-1 ratio rows, 2026 GERD rows, 2026 researcher rows).
pub(crate) fn read(sources: &Path, res: &mut Resolver) -> Result<(Vec<Obs>, Vec<Obs>, Vec<Obs>)> {
    let srd1 = read_source(
        sources,
        SRD1,
        &[
            "country_code",
            "country_name",
            "source_row_label",
            "measure",
            "source_column_year",
            "data_year",
            "value",
            "unit",
        ],
    )?;
    let extract = read_source(
        sources,
        MSTI_2026,
        &[
            "country_code",
            "iso_short_name",
            "measure",
            "unit_measure",
            "year",
            "value",
            "source_title",
            "source_note",
            "is_aggregate",
        ],
    )?;
    let ratio = srd1_ratio_rows(&srd1, res)?;
    let gerd = extract_rows(&extract, res, "G", "PT_B1GQ", EXTRACT_2026_08)?;
    let researchers = extract_rows(&extract, res, "T_RS", "10P3EMP", "")?;
    Ok((ratio, gerd, researchers))
}
