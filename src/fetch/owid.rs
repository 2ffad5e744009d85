//! Our World in Data chart API: `grapher/SLUG.csv` (Entity, Code, Year, one column per
//! indicator; OWID layout of the import path) and `grapher/SLUG.metadata.json` (the chart's
//! title and citation, each column's titles, unit, citation and `lastUpdated` date).

use super::http::{fetch_error, Client, Progress};
use super::{Download, IndicatorLabel};
use crate::error::{Error, Result};
use serde_json::Value;

/// The public chart API; `--base-url` replaces it.
pub const DEFAULT_BASE: &str = "https://ourworldindata.org/grapher";

/// The query both files are asked with: the full series, long column names.
const PARAMS: &str = "v=1&csvType=full&useColumnShortNames=false";

/// A chart slug: lower-case letters, digits and '-'.
pub fn check_slug(slug: &str) -> Result<()> {
    let ok = !slug.is_empty()
        && slug
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-');
    if ok {
        Ok(())
    } else {
        Err(Error::Usage(format!(
            "chart slug '{slug}': the last part of the chart's address, e.g. research-spending-gdp for https://ourworldindata.org/grapher/research-spending-gdp"
        )))
    }
}

/// Downloads the metadata, then the CSV.
pub fn download(
    client: &mut Client,
    base: &str,
    slug: &str,
    years: Option<&str>,
    progress: &mut dyn FnMut(Progress),
) -> Result<Download> {
    check_slug(slug)?;
    let base = base.trim_end_matches('/');
    let meta_url = format!("{base}/{slug}.metadata.json?{PARAMS}");
    let got = client.get(&meta_url, progress)?;
    let meta: Value = serde_json::from_slice(&got.body).map_err(|e| {
        fetch_error(
            &meta_url,
            &format!("HTTP 200, but not the chart's metadata JSON ({e}); nothing was written"),
        )
    })?;
    let mut csv_url = format!("{base}/{slug}.csv?{PARAMS}");
    if let Some(y) = years {
        csv_url.push_str(&format!("&time={}", super::encode(&y.replace(':', ".."))));
    }
    let data = client.get(&csv_url, progress)?;
    let text = |v: Option<&Value>| {
        v.and_then(Value::as_str)
            .map(|s| s.trim().to_string())
            .unwrap_or_default()
    };
    let chart = meta.get("chart");
    let chart_title = text(chart.and_then(|c| c.get("title")));
    let citation = text(chart.and_then(|c| c.get("citation")));
    let mut labels = vec![];
    let mut last_updated: Option<String> = None;
    let mut citations = vec![];
    if let Some(cols) = meta.get("columns").and_then(Value::as_object) {
        for (name, c) in cols {
            let title = [text(c.get("titleLong")), text(c.get("titleShort"))]
                .into_iter()
                .find(|t| !t.is_empty())
                .unwrap_or_else(|| name.clone());
            if let Some(d) = c.get("lastUpdated").and_then(Value::as_str) {
                let d: String = d.chars().take(10).collect();
                last_updated = Some(last_updated.map_or(d.clone(), |l: String| l.max(d)));
            }
            let cite = text(c.get("citationShort"));
            if !cite.is_empty() && !citations.contains(&cite) {
                citations.push(cite);
            }
            labels.push(IndicatorLabel {
                codes: vec![name.clone()],
                title,
                unit: text(c.get("unit")),
            });
        }
    }
    if labels.is_empty() {
        return Err(fetch_error(
            &meta_url,
            "HTTP 200, but the metadata lists no columns; is this a chart's .metadata.json?",
        ));
    }
    let attribution = if citations.is_empty() {
        format!("Our World in Data ({slug})")
    } else {
        citations.join("; ")
    };
    Ok(Download {
        file_name: format!("{slug}.csv"),
        body: data.body,
        urls: vec![meta_url, csv_url],
        last_updated,
        dataset_title: if chart_title.is_empty() {
            format!("Our World in Data: {slug}")
        } else {
            format!("Our World in Data: {chart_title}")
        },
        publisher: if citation.is_empty() {
            "Our World in Data".into()
        } else {
            format!("Our World in Data ({citation})")
        },
        licence: "CC BY 4.0 (Our World in Data charts and data; the original source's terms apply to third-party data)".into(),
        attribution,
        labels,
        service: "Our World in Data chart API",
        regions: None,
    })
}
