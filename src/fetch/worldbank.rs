//! World Bank Indicators API v2 (`/v2/country/all/indicator/SERIES?format=json`): every page of
//! each series, checked against the API's own `page`/`pages`/`total`; its error shape
//! `[{"message":[{"id","key","value"}]}]` said with the URL; the indicator's name, unit, source
//! organisation and the database's `lastupdated` date; rows turned into a long CSV for the
//! import path.

use super::http::{fetch_error, Client, Progress};
use super::{Download, IndicatorLabel};
use crate::error::Result;
use serde_json::Value;

/// The public API; `--base-url` replaces it.
pub const DEFAULT_BASE: &str = "https://api.worldbank.org/v2";

/// What to ask the World Bank for.
#[derive(Debug, Clone)]
pub struct WorldBankQuery {
    pub series: Vec<String>,
    /// `date=` (e.g. `2000:2024`).
    pub years: Option<String>,
    /// `source=` (a World Bank database id; 2 = WDI).
    pub source: Option<String>,
    pub per_page: u32,
}

/// The page header: `{page, pages, per_page, total, sourceid, lastupdated}`.
pub(super) struct Header {
    page: u64,
    pub(super) pages: u64,
    total: u64,
    last_updated: Option<String>,
}

/// The body as JSON, or the API's error said with the URL.
pub(super) fn parse(url: &str, body: &[u8]) -> Result<Value> {
    let v: Value = serde_json::from_slice(body).map_err(|e| {
        fetch_error(
            url,
            &format!("HTTP 200, but not World Bank API JSON ({e}); a cut-off download? nothing was written"),
        )
    })?;
    if let Some(msgs) = v
        .get(0)
        .and_then(|h| h.get("message"))
        .and_then(Value::as_array)
    {
        let said: Vec<String> = msgs
            .iter()
            .map(|m| {
                let s = |k: &str| m.get(k).map(scalar).unwrap_or_default();
                format!("error {} ({}): {}", s("id"), s("key"), s("value"))
            })
            .collect();
        return Err(fetch_error(
            url,
            &format!(
                "the World Bank API answered with {}; check the series code and the options",
                said.join("; ")
            ),
        ));
    }
    Ok(v)
}

/// A JSON scalar as text (numbers as printed, strings without quotes).
pub(super) fn scalar(v: &Value) -> String {
    match v {
        Value::String(s) => s.clone(),
        Value::Null => String::new(),
        other => other.to_string(),
    }
}

pub(super) fn header(url: &str, v: &Value) -> Result<Header> {
    let h = v
        .get(0)
        .filter(|h| h.is_object())
        .ok_or_else(|| fetch_error(url, "HTTP 200, but the JSON has no page header"))?;
    let num = |k: &str| -> u64 {
        match h.get(k) {
            Some(Value::Number(n)) => n.as_u64().unwrap_or(0),
            Some(Value::String(s)) => s.parse().unwrap_or(0),
            _ => 0,
        }
    };
    Ok(Header {
        page: num("page"),
        pages: num("pages"),
        total: num("total"),
        last_updated: h
            .get("lastupdated")
            .and_then(Value::as_str)
            .map(str::to_string),
    })
}

fn url_for(base: &str, series: &str, q: &WorldBankQuery, page: u64) -> String {
    let mut url = format!(
        "{}/country/all/indicator/{}?format=json&per_page={}&page={page}",
        base.trim_end_matches('/'),
        super::encode(series),
        q.per_page
    );
    if let Some(d) = &q.years {
        url.push_str(&format!("&date={}", super::encode(d)));
    }
    if let Some(s) = &q.source {
        url.push_str(&format!("&source={}", super::encode(s)));
    }
    url
}

/// Downloads every page of every series; one long CSV with a row per country-year.
pub fn download(
    client: &mut Client,
    base: &str,
    q: &WorldBankQuery,
    progress: &mut dyn FnMut(Progress),
) -> Result<Download> {
    let mut csv = csv::Writer::from_writer(Vec::new());
    let write_err =
        |e: csv::Error| fetch_error(base, &format!("could not stage the download: {e}"));
    csv.write_record([
        "Country Name",
        "Country Code",
        "Series Code",
        "Series Name",
        "Year",
        "Value",
    ])
    .map_err(write_err)?;
    let mut urls = vec![];
    let mut labels = vec![];
    let mut last_updated: Option<String> = None;
    let mut source_org = vec![];
    let mut codes: std::collections::BTreeSet<String> = Default::default();
    for series in &q.series {
        let mut page = 1u64;
        let mut rows = 0u64;
        let mut series_name = String::new();
        loop {
            let url = url_for(base, series, q, page);
            let got = client.get(&url, progress)?;
            let v = parse(&url, &got.body)?;
            let h = header(&url, &v)?;
            if h.total == 0 {
                return Err(fetch_error(
                    &url,
                    &format!("the World Bank API has no values for {series} with these options (total = 0); check the code and --years"),
                ));
            }
            if h.page != page {
                return Err(fetch_error(
                    &url,
                    &format!("asked for page {page}, the API answered page {}", h.page),
                ));
            }
            let data = v.get(1).and_then(Value::as_array).ok_or_else(|| {
                fetch_error(&url, "HTTP 200, but the JSON has no array of observations")
            })?;
            for obs in data {
                let text = |path: &[&str]| {
                    let mut cur = obs;
                    for p in path {
                        match cur.get(p) {
                            Some(x) => cur = x,
                            None => return String::new(),
                        }
                    }
                    scalar(cur)
                };
                if series_name.is_empty() {
                    series_name = text(&["indicator", "value"]);
                }
                codes.insert(text(&["countryiso3code"]));
                csv.write_record([
                    text(&["country", "value"]),
                    text(&["countryiso3code"]),
                    text(&["indicator", "id"]),
                    text(&["indicator", "value"]),
                    text(&["date"]),
                    text(&["value"]),
                ])
                .map_err(write_err)?;
                rows += 1;
            }
            if let Some(d) = h.last_updated {
                last_updated = Some(last_updated.map_or(d.clone(), |l: String| l.max(d)));
            }
            urls.push(url);
            if page >= h.pages {
                if rows != h.total {
                    return Err(fetch_error(
                        urls.last().map_or(base, String::as_str),
                        &format!("the API announced {} observations of {series} over {} pages but sent {rows}; nothing was written", h.total, h.pages),
                    ));
                }
                break;
            }
            page += 1;
        }
        let (label, org) = indicator_meta(client, base, series, progress)?;
        let mut label = label;
        if label.title.is_empty() {
            label.title = series_name;
        }
        if !org.is_empty() && !source_org.contains(&org) {
            source_org.push(org);
        }
        labels.push(label);
    }
    let regions = super::aggregates::regions(client, base, progress)?;
    let api_aggregates = codes
        .iter()
        .filter(|c| regions.get(*c).is_some_and(|r| r == "Aggregates"))
        .cloned()
        .collect();
    let api_countries = codes
        .iter()
        .filter(|c| regions.get(*c).is_some_and(|r| r != "Aggregates"))
        .cloned()
        .collect();
    urls.push(super::aggregates::regions_url(base));
    let body = csv
        .into_inner()
        .map_err(|e| fetch_error(base, &format!("could not stage the download: {e}")))?;
    let mut attribution = "Source: World Bank, World Development Indicators API".to_string();
    if !source_org.is_empty() {
        attribution.push_str(&format!(" (originally: {})", source_org.join("; ")));
    }
    Ok(Download {
        file_name: "worldbank.csv".into(),
        body,
        urls,
        last_updated: last_updated.map(|d| d.chars().take(10).collect()),
        dataset_title: format!("World Bank API: {}", q.series.join(", ")),
        publisher: "World Bank".into(),
        // The World Bank's terms of use for datasets; the API carries no licence field.
        licence: "CC BY 4.0 (World Bank terms of use for datasets; a third-party series can carry its originator's terms)".into(),
        attribution,
        labels,
        service: "World Bank Indicators API v2",
        regions: Some((api_aggregates, api_countries)),
    })
}

/// `/v2/indicator/SERIES?format=json`: name, unit (the API's `unit`, else the name's last
/// parenthesis, e.g. "% of GDP") and the source organisation.
fn indicator_meta(
    client: &mut Client,
    base: &str,
    series: &str,
    progress: &mut dyn FnMut(Progress),
) -> Result<(IndicatorLabel, String)> {
    let url = format!(
        "{}/indicator/{}?format=json",
        base.trim_end_matches('/'),
        super::encode(series)
    );
    let got = client.get(&url, progress)?;
    let v = parse(&url, &got.body)?;
    let first = v
        .get(1)
        .and_then(|a| a.get(0))
        .cloned()
        .unwrap_or(Value::Null);
    let name = first.get("name").map(scalar).unwrap_or_default();
    let mut unit = first.get("unit").map(scalar).unwrap_or_default();
    if unit.trim().is_empty() {
        unit = name_unit(&name);
    }
    let org = first
        .get("sourceOrganization")
        .map(scalar)
        .unwrap_or_default()
        .trim()
        .to_string();
    Ok((
        IndicatorLabel {
            codes: vec![series.to_string()],
            title: name,
            unit,
        },
        org,
    ))
}

/// "Research and development expenditure (% of GDP)" → "% of GDP".
pub fn name_unit(name: &str) -> String {
    let t = name.trim_end();
    match (t.ends_with(')'), t.rfind('(')) {
        (true, Some(open)) => t[open + 1..t.len() - 1].trim().to_string(),
        _ => String::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn units_from_names() {
        assert_eq!(
            name_unit("Research and development expenditure (% of GDP)"),
            "% of GDP"
        );
        assert_eq!(name_unit("Population, total"), "");
    }

    #[test]
    fn the_error_shape_is_said_with_the_url() {
        let body = br#"[{"message":[{"id":"120","key":"Invalid value","value":"The provided parameter value is not valid"}]}]"#;
        let e = parse("http://x/v2/country/all/indicator/NOPE", body).expect_err("error shape");
        let t = e.to_string();
        assert!(
            t.contains("GET http://x/v2/country/all/indicator/NOPE"),
            "{t}"
        );
        assert!(
            t.contains("error 120 (Invalid value): The provided parameter value is not valid"),
            "{t}"
        );
    }
}
