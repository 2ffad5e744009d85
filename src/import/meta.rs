//! `dataset.toml` for an import: indicator ids from the series (SDMX: from the dimensions that
//! vary), titles, units, decimals, caveats and the dataset's provenance notes.

use super::extract::Series;
use super::{note, write, Finding, ImportOptions, Layout, ReadOutcome};
use crate::catalog::metadata::{DatasetMeta, IndicatorMeta, YearKind};
use crate::error::{Error, Result};

/// Lower-case letters and digits, other runs become one `_`.
fn slug(text: &str) -> String {
    let mut s = String::new();
    for c in text.chars() {
        if c.is_alphanumeric() {
            s.extend(c.to_lowercase());
        } else if !s.ends_with('_') {
            s.push('_');
        }
    }
    let s = s.trim_matches('_').to_string();
    if s.is_empty() {
        "value".into()
    } else {
        s
    }
}

/// `dataset.toml` for the series read, and for each indicator the index of its series.
pub fn build_meta(
    opts: &ImportOptions,
    layout: Layout,
    ex: &ReadOutcome,
    findings: &mut Vec<Finding>,
) -> Result<(DatasetMeta, Vec<usize>)> {
    let series: Vec<(usize, &Series)> = ex
        .series
        .iter()
        .enumerate()
        .filter(|(_, s)| !s.obs.is_empty())
        .collect();
    let single = series.len() == 1;
    if !single && (opts.indicator_id.is_some() || opts.indicator_title.is_some()) {
        return Err(Error::Usage(format!(
            "the file holds {} series, so an indicator id or title cannot apply to all; leave them out (ids come from the series)",
            series.len()
        )));
    }
    // SDMX: ids from the dimensions whose values differ between series.
    let varying: Vec<usize> = match series.first() {
        Some((_, first)) => (0..first.key.len())
            .filter(|&i| series.iter().any(|(_, s)| s.key.get(i) != first.key.get(i)))
            .collect(),
        None => vec![],
    };
    if opts.higher_is_better.is_none() {
        findings.push(note(
            "higher_is_better not given; assumed true (higher values rank first) — check dataset.toml".into(),
        ));
    }
    let mut indicators = vec![];
    let mut files = vec![];
    for &(index, s) in &series {
        let base = match (&opts.indicator_id, layout) {
            (Some(id), _) => slug(id),
            (None, Layout::Sdmx) => slug(
                &varying
                    .iter()
                    .filter_map(|i| s.key.get(*i).map(String::as_str))
                    .collect::<Vec<_>>()
                    .join("_"),
            ),
            (None, _) => slug(&s.key.join("_")),
        };
        let mut id = base.clone();
        let mut n = 2;
        while indicators.iter().any(|m: &IndicatorMeta| m.id == id) {
            id = format!("{base}_{n}");
            n += 1;
        }
        let mut caveats = vec![];
        let mults: Vec<&String> = s
            .unit_mults
            .iter()
            .filter(|m| !m.is_empty() && *m != "0")
            .collect();
        if !mults.is_empty() {
            let m = mults
                .iter()
                .map(|m| m.as_str())
                .collect::<Vec<_>>()
                .join(", ");
            caveats.push(format!(
                "values as published, in units of 10^{m} (SDMX UNIT_MULT); not rescaled"
            ));
            findings.push(note(format!(
                "indicator '{id}': UNIT_MULT {m}; values stored as published (not multiplied)"
            )));
        }
        let title = match (&opts.indicator_title, s.title.is_empty()) {
            (Some(t), _) => t.clone(),
            (None, false) => s.title.clone(),
            (None, true) => opts.dataset_id.clone(),
        };
        let file = format!("{id}.csv");
        let key = s.source_code.clone();
        indicators.push(IndicatorMeta {
            id,
            title,
            unit: opts
                .unit
                .clone()
                .or_else(|| s.unit.clone())
                .unwrap_or_default(),
            higher_is_better: opts.higher_is_better.unwrap_or(true),
            year_kind: opts.year_kind.unwrap_or(YearKind::Data),
            decimals: opts.decimals.unwrap_or(s.max_decimals.min(3)),
            file: file.clone(),
            caveats,
            publication: None,
            source_code: (!key.is_empty()).then_some(key),
            attribution: None,
            size_measure: false,
            // An imported series is a plain value unless the user's dataset.toml says more.
            kind: Default::default(),
            ranks: None,
            list: Default::default(),
            vintage_threshold_pct: None,
        });
        files.push(index);
    }
    let input_name = opts
        .input
        .file_name()
        .map(|n| n.to_string_lossy().to_string())
        .unwrap_or_default();
    let retrieved = match &opts.retrieved {
        Some(r) => r.clone(),
        None => write::modified_date(&opts.input)?,
    };
    let mut notes = vec![format!(
        "Imported with innodex import from {input_name} ({} layout); {} rows read, {} missing cells, {} cells rejected{}.",
        layout.name(),
        ex.rows_read,
        ex.missing,
        ex.rejected.len(),
        if ex.rejected.is_empty() { "" } else { " (listed in unmatched.csv)" }
    )];
    if ex.aggregates > 0 {
        notes.push(format!(
            "{} observations are for aggregates (World, OECD, regions), not countries.",
            ex.aggregates
        ));
    }
    let meta = DatasetMeta {
        id: opts.dataset_id.clone(),
        title: opts
            .dataset_title
            .clone()
            .unwrap_or_else(|| format!("Imported from {input_name}")),
        publisher: opts
            .publisher
            .clone()
            .unwrap_or_else(|| "not recorded".into()),
        licence: opts
            .licence
            .clone()
            .unwrap_or_else(|| "not recorded".into()),
        attribution: String::new(),
        retrieved,
        source_urls: opts.source_url.clone().into_iter().collect(),
        notes,
        indicators,
        releases: vec![],
        vintages: vec![],
    };
    Ok((meta, files))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slugs() {
        assert_eq!(slug("GB.XPD.RSDV.GD.ZS"), "gb_xpd_rsdv_gd_zs");
        assert_eq!(
            slug("Share of researchers (women)"),
            "share_of_researchers_women"
        );
        assert_eq!(slug(""), "value");
    }
}
