//! `innodex fetch` against a local server that replays recorded responses in each service's
//! format (`tests/fixtures/fetch/`, figures copied from `sources/` by `make_fixtures.py`): the
//! World Bank's paged JSON and its error shape, OECD SDMX-CSV with labels, an OWID chart's CSV
//! and metadata; plus 429, 500, a truncated body and a slow response. No test needs the
//! internet.

mod failures;
mod server;
mod services;

use super::{root, run};
use server::{fixture, ok, Server};
use std::path::Path;

pub const WB_RD: &str = "/v2/country/all/indicator/GB.XPD.RSDV.GD.ZS?format=json&per_page=10";

pub fn wb_rd_routes(s: &Server) {
    s.route(
        &format!("{WB_RD}&page=1&date=2019:2020"),
        vec![ok(fixture("wb_rd_page1.json"))],
    );
    s.route(
        &format!("{WB_RD}&page=2&date=2019:2020"),
        vec![ok(fixture("wb_rd_page2.json"))],
    );
    s.route(
        "/v2/indicator/GB.XPD.RSDV.GD.ZS?format=json",
        vec![ok(fixture("wb_rd_indicator.json"))],
    );
    s.route(WB_COUNTRIES, vec![ok(fixture("wb_countries.json"))]);
}

/// The World Bank's country list (regions; "Aggregates" marks an aggregate).
pub const WB_COUNTRIES: &str = "/v2/country?format=json&per_page=1000";

/// `innodex fetch worldbank GB.XPD.RSDV.GD.ZS` into `data`, two pages.
pub fn fetch_wb_rd(s: &Server, data: &str, extra: &[&str]) -> super::Out {
    let base = s.base("/v2");
    let mut args = vec![
        "fetch",
        "worldbank",
        "GB.XPD.RSDV.GD.ZS",
        "--dataset",
        "wb",
        "--data",
        data,
        "--base-url",
        &base,
        "--per-page",
        "10",
        "--years",
        "2019:2020",
        "--backoff-ms",
        "10",
        "--format",
        "csv",
    ];
    args.extend_from_slice(extra);
    run(&args)
}

/// `rank` rows as (iso3, value).
pub fn ranked(data: &str, args: &[&str]) -> Vec<(String, String)> {
    let mut a = vec!["rank"];
    a.extend_from_slice(args);
    a.extend_from_slice(&["--data", data, "--format", "csv"]);
    let out = run(&a);
    assert_eq!(out.code, 0, "rank failed: {}", out.stderr);
    out.stdout
        .lines()
        .skip(1)
        .map(|l| {
            let f: Vec<&str> = l.split(',').collect();
            (f[2].to_string(), f[4].to_string())
        })
        .collect()
}

pub fn pairs(list: &[(&str, &str)]) -> Vec<(String, String)> {
    list.iter()
        .map(|(a, b)| (a.to_string(), b.to_string()))
        .collect()
}

pub fn validate(data: &str) {
    let out = run(&["validate", "--data", data, "--format", "csv"]);
    assert_eq!(out.code, 0, "validate failed: {}{}", out.stdout, out.stderr);
}

pub fn toml_of(data: &Path, id: &str) -> String {
    std::fs::read_to_string(data.join(id).join("dataset.toml")).expect("dataset.toml")
}

/// The names in the datasets folder (hidden staging folders included).
pub fn entries(dir: &Path) -> Vec<String> {
    match std::fs::read_dir(dir) {
        Ok(rd) => rd
            .flatten()
            .map(|e| e.file_name().to_string_lossy().to_string())
            .collect(),
        Err(_) => vec![],
    }
}

pub const OECD_PATH: &str =
    "/public/rest/data/OECD.STI.STP,DSD_MSTI@DF_MSTI,/CHN+DEU+FRA+GBR+JPN+KOR+USA+OECD.A.G.PT_B1GQ..?format=csvfilewithlabels";

pub fn fetch_oecd(s: &Server, data: &str, extra: &[&str]) -> super::Out {
    let base = s.base("/public/rest");
    let mut args = vec![
        "fetch",
        "oecd",
        "OECD.STI.STP,DSD_MSTI@DF_MSTI",
        "CHN+DEU+FRA+GBR+JPN+KOR+USA+OECD.A.G.PT_B1GQ..",
        "--dataset",
        "msti_live",
        "--data",
        data,
        "--base-url",
        &base,
        "--backoff-ms",
        "10",
    ];
    args.extend_from_slice(extra);
    run(&args)
}

pub const OWID_CSV: &str =
    "/grapher/research-spending-gdp.csv?v=1&csvType=full&useColumnShortNames=false";
pub const OWID_META: &str =
    "/grapher/research-spending-gdp.metadata.json?v=1&csvType=full&useColumnShortNames=false";

pub fn fetch_owid(s: &Server, data: &str, extra: &[&str]) -> super::Out {
    let base = s.base("/grapher");
    let mut args = vec![
        "fetch",
        "owid",
        "research-spending-gdp",
        "--dataset",
        "owid_rd",
        "--data",
        data,
        "--base-url",
        &base,
        "--backoff-ms",
        "10",
    ];
    args.extend_from_slice(extra);
    run(&args)
}

/// Runs a fetch that must fail: exit 1, the URL in the message, nothing left in the folder.
pub fn fails(out: &super::Out, url_part: &str, why: &str, data: &Path) {
    assert_eq!(out.code, 1, "{}", out.stderr);
    assert!(out.stderr.contains(url_part), "URL missing: {}", out.stderr);
    assert!(out.stderr.contains(why), "{why} missing: {}", out.stderr);
    assert!(entries(data).is_empty(), "left behind: {:?}", entries(data));
}
