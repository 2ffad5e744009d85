//! OECD Data Explorer SDMX REST API (`/public/rest/data/AGENCY,DATAFLOW,VERSION/KEY`), as
//! SDMX-CSV with labels (`format=csvfilewithlabels`: each code column followed by its label):
//! the CSV goes to the import path as it came (SDMX layout); the dataflow's name and each
//! series' measure and unit labels become titles and units. The client keeps to the OECD's
//! published rate limit ([`super::http::oecd_limits`]).

use super::http::{fetch_error, Client, Progress};
use super::{Download, IndicatorLabel};
use crate::error::{Error, Result};

/// The public API; `--base-url` replaces it.
pub const DEFAULT_BASE: &str = "https://sdmx.oecd.org/public/rest";

/// What to ask the OECD for.
#[derive(Debug, Clone)]
pub struct OecdQuery {
    /// `OECD.STI.STP,DSD_MSTI@DF_MSTI` (optionally `,1.3`), or the SDMX-CSV spelling
    /// `OECD.STI.STP:DSD_MSTI@DF_MSTI(1.3)`.
    pub dataflow: String,
    /// The series key, dimensions separated by `.`, alternatives by `+` (e.g.
    /// `JPN+KOR.A.G.PT_B1GQ..`); empty = everything.
    pub key: String,
    /// `START:END` years → `startPeriod`/`endPeriod`.
    pub years: Option<String>,
}

/// The REST spelling of a dataflow reference: `AGENCY,ID,VERSION`.
pub fn dataflow_ref(flow: &str) -> Result<String> {
    let flow = flow.trim();
    let bad = || {
        Error::Usage(format!(
            "dataflow '{flow}': give AGENCY,DATAFLOW[,VERSION], e.g. OECD.STI.STP,DSD_MSTI@DF_MSTI (the Data Explorer's Developer API box shows it)"
        ))
    };
    let (agency, rest) = match flow.split_once(':') {
        Some((a, r)) => (a, r),
        None => match flow.split_once(',') {
            Some((a, r)) => (a, r),
            None => return Err(bad()),
        },
    };
    let (id, version) = match rest.split_once('(') {
        Some((id, v)) => (id, v.trim_end_matches(')')),
        None => rest.split_once(',').unwrap_or((rest, "")),
    };
    let ok = |s: &str| {
        s.chars()
            .all(|c| c.is_ascii_alphanumeric() || "._@-".contains(c))
    };
    if agency.is_empty() || id.is_empty() || !ok(agency) || !ok(id) || !ok(version) {
        return Err(bad());
    }
    Ok(format!("{agency},{id},{version}"))
}

fn url_for(base: &str, q: &OecdQuery) -> Result<String> {
    let key = q.key.trim();
    if !key
        .chars()
        .all(|c| c.is_ascii_alphanumeric() || "._+-@".contains(c))
    {
        return Err(Error::Usage(format!(
            "key '{key}': dimension codes separated by '.', alternatives by '+' (e.g. JPN+KOR.A.G.PT_B1GQ..)"
        )));
    }
    let mut url = format!(
        "{}/data/{}/{}?format=csvfilewithlabels",
        base.trim_end_matches('/'),
        dataflow_ref(&q.dataflow)?,
        key
    );
    if let Some(y) = &q.years {
        let (a, b) = y.split_once(':').unwrap_or((y, ""));
        if !a.is_empty() {
            url.push_str(&format!("&startPeriod={}", super::encode(a)));
        }
        if !b.is_empty() {
            url.push_str(&format!("&endPeriod={}", super::encode(b)));
        }
    }
    Ok(url)
}

/// Downloads the data; titles and units from the label columns.
pub fn download(
    client: &mut Client,
    base: &str,
    q: &OecdQuery,
    progress: &mut dyn FnMut(Progress),
) -> Result<Download> {
    let url = url_for(base, q)?;
    let got = client.get(&url, progress)?;
    let (structure, labels) = labels(&url, &got.body)?;
    Ok(Download {
        file_name: "oecd.csv".into(),
        body: got.body,
        urls: vec![url],
        // The data response carries no update date; the vintage is dated by the retrieval.
        last_updated: None,
        dataset_title: if structure.is_empty() {
            format!("OECD {}", q.dataflow)
        } else {
            format!("OECD: {structure}")
        },
        publisher: "OECD".into(),
        licence: "CC BY 4.0 (OECD Terms and Conditions and Open by Default policy, for data published from 2024-07-01; earlier releases on similar terms)".into(),
        attribution: if structure.is_empty() {
            "Source: OECD".into()
        } else {
            format!("Source: OECD, {structure}")
        },
        labels,
        service: "OECD Data Explorer SDMX API",
        regions: None,
    })
}

/// The dataflow's name and, per (MEASURE, UNIT_MEASURE) pair, a title and unit from the label
/// columns. A body that is not SDMX-CSV is an error naming the URL.
fn labels(url: &str, body: &[u8]) -> Result<(String, Vec<IndicatorLabel>)> {
    let mut r = csv::ReaderBuilder::new()
        .flexible(true)
        .from_reader(body.strip_prefix(b"\xef\xbb\xbf").unwrap_or(body));
    let headers: Vec<String> = r
        .headers()
        .map_err(|e| fetch_error(url, &format!("HTTP 200, but not CSV: {e}")))?
        .iter()
        .map(str::to_string)
        .collect();
    let pos = |n: &str| headers.iter().position(|h| h.eq_ignore_ascii_case(n));
    if pos("REF_AREA").is_none() || pos("OBS_VALUE").is_none() || pos("TIME_PERIOD").is_none() {
        let start: String = String::from_utf8_lossy(&body[..body.len().min(200)])
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" ");
        return Err(fetch_error(
            url,
            &format!(
                "HTTP 200, but not SDMX-CSV (no REF_AREA, TIME_PERIOD and OBS_VALUE columns); it starts: '{}'",
                crate::import::text::quote(&start)
            ),
        ));
    }
    // The label column is the one right after the code column, when its header is not an id.
    let label_of = |i: Option<usize>| {
        i.and_then(|i| headers.get(i + 1).map(|h| (i, i + 1, h.clone())))
            .filter(|(_, _, h)| h.chars().any(|c| c.is_ascii_lowercase()))
            .map(|(c, l, _)| (c, l))
    };
    let measure = label_of(pos("MEASURE"));
    let unit = label_of(pos("UNIT_MEASURE"));
    let structure_name = pos("STRUCTURE_NAME");
    let mut name = String::new();
    let mut out: Vec<IndicatorLabel> = vec![];
    for rec in r.records() {
        let rec =
            rec.map_err(|e| fetch_error(url, &format!("HTTP 200, but the CSV is broken: {e}")))?;
        let get = |i: usize| rec.get(i).unwrap_or("").trim().to_string();
        if name.is_empty() {
            if let Some(i) = structure_name {
                name = get(i);
            }
        }
        let (Some((mc, ml)), Some((uc, ul))) = (measure, unit) else {
            continue;
        };
        let codes = vec![get(mc), get(uc)];
        if codes.iter().any(String::is_empty) || out.iter().any(|l| l.codes == codes) {
            continue;
        }
        let title = match (name.is_empty(), get(ml)) {
            (_, m) if m.is_empty() => String::new(),
            (true, m) => m,
            (false, m) => format!("{m} ({name})"),
        };
        out.push(IndicatorLabel {
            codes,
            title,
            unit: get(ul),
        });
    }
    Ok((name, out))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dataflow_spellings() {
        assert_eq!(
            dataflow_ref("OECD.STI.STP,DSD_MSTI@DF_MSTI").expect("comma"),
            "OECD.STI.STP,DSD_MSTI@DF_MSTI,"
        );
        assert_eq!(
            dataflow_ref("OECD.STI.STP:DSD_MSTI@DF_MSTI(1.3)").expect("sdmx-csv"),
            "OECD.STI.STP,DSD_MSTI@DF_MSTI,1.3"
        );
        assert!(dataflow_ref("DSD_MSTI").is_err());
        assert!(dataflow_ref("A,B/../x").is_err());
    }

    #[test]
    fn labels_from_a_csv_with_labels() {
        let body = b"STRUCTURE,STRUCTURE_ID,STRUCTURE_NAME,ACTION,REF_AREA,Reference area,MEASURE,Measure,UNIT_MEASURE,Unit of measure,TIME_PERIOD,Time period,OBS_VALUE,Observation value\nDATAFLOW,X,Main Science and Technology Indicators,I,JPN,Japan,G,Gross domestic expenditure on R&D (GERD),PT_B1GQ,Percentage of GDP,2020,,3.27,\n";
        let (name, l) = labels("u", body).expect("labels");
        assert_eq!(name, "Main Science and Technology Indicators");
        assert_eq!(l.len(), 1);
        assert_eq!(l[0].codes, vec!["G", "PT_B1GQ"]);
        assert_eq!(l[0].unit, "Percentage of GDP");
        assert_eq!(
            l[0].title,
            "Gross domestic expenditure on R&D (GERD) (Main Science and Technology Indicators)"
        );
        let e = labels("http://h/x", b"<html>rate limited</html>").expect_err("not csv");
        assert!(e.to_string().contains("GET http://h/x"), "{e}");
    }
}
