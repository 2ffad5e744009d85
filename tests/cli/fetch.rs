//! `innodex fetch` against a local server that replays recorded responses in each service's
//! format (`tests/fixtures/fetch/`, figures copied from `sources/` by `make_fixtures.py`): the
//! World Bank's paged JSON and its error shape, OECD SDMX-CSV with labels, an OWID chart's CSV
//! and metadata; plus 429, 500, a truncated body and a slow response. No test needs the
//! internet.

use super::{root, run};
use std::collections::{HashMap, VecDeque};
use std::io::{Read, Write};
use std::net::{TcpListener, TcpStream};
use std::path::Path;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

/// One recorded reply.
#[derive(Clone)]
struct Reply {
    status: u16,
    headers: Vec<(String, String)>,
    body: Vec<u8>,
    /// Wait this long before answering.
    delay: Duration,
    /// Send only this many body bytes (the Content-Length still announces the whole body).
    cut_at: Option<usize>,
}

fn ok(body: Vec<u8>) -> Reply {
    Reply {
        status: 200,
        headers: vec![],
        body,
        delay: Duration::ZERO,
        cut_at: None,
    }
}

fn status(code: u16, body: &str) -> Reply {
    Reply {
        status: code,
        ..ok(body.as_bytes().to_vec())
    }
}

fn fixture(name: &str) -> Vec<u8> {
    std::fs::read(root().join("tests/fixtures/fetch").join(name)).expect("fixture")
}

type Routes = Arc<Mutex<HashMap<String, VecDeque<Reply>>>>;

/// A replaying server on 127.0.0.1: each request target gets its queue's next reply (the last
/// one repeats); unknown targets get 404. Every target asked for is logged.
struct Server {
    port: u16,
    routes: Routes,
    hits: Arc<Mutex<Vec<String>>>,
}

impl Server {
    fn start() -> Server {
        let listener = TcpListener::bind("127.0.0.1:0").expect("bind");
        let port = listener.local_addr().expect("addr").port();
        let routes: Routes = Arc::default();
        let hits: Arc<Mutex<Vec<String>>> = Arc::default();
        let (r, h) = (routes.clone(), hits.clone());
        std::thread::spawn(move || {
            for stream in listener.incoming().flatten() {
                let (r, h) = (r.clone(), h.clone());
                std::thread::spawn(move || answer(stream, &r, &h));
            }
        });
        Server { port, routes, hits }
    }

    fn base(&self, prefix: &str) -> String {
        format!("http://127.0.0.1:{}{prefix}", self.port)
    }

    fn route(&self, target: &str, replies: Vec<Reply>) {
        self.routes
            .lock()
            .expect("routes")
            .insert(target.to_string(), replies.into());
    }

    fn hits(&self) -> Vec<String> {
        self.hits.lock().expect("hits").clone()
    }
}

fn answer(mut stream: TcpStream, routes: &Routes, hits: &Mutex<Vec<String>>) {
    let mut head = Vec::new();
    let mut byte = [0u8; 1];
    while !head.ends_with(b"\r\n\r\n") {
        match stream.read(&mut byte) {
            Ok(1) => head.push(byte[0]),
            _ => return,
        }
    }
    let text = String::from_utf8_lossy(&head);
    let target = text.split_whitespace().nth(1).unwrap_or("").to_string();
    hits.lock().expect("hits").push(target.clone());
    let reply = {
        let mut r = routes.lock().expect("routes");
        match r.get_mut(&target) {
            Some(q) if q.len() > 1 => q.pop_front(),
            Some(q) => q.front().cloned(),
            None => None,
        }
    }
    .unwrap_or_else(|| status(404, "no such route"));
    std::thread::sleep(reply.delay);
    let mut out = format!(
        "HTTP/1.1 {} X\r\nContent-Length: {}\r\nConnection: close\r\n",
        reply.status,
        reply.body.len()
    );
    for (k, v) in &reply.headers {
        out.push_str(&format!("{k}: {v}\r\n"));
    }
    out.push_str("\r\n");
    let body = &reply.body[..reply.cut_at.unwrap_or(reply.body.len())];
    let _ = stream.write_all(out.as_bytes());
    let _ = stream.write_all(body);
    let _ = stream.flush();
}

const WB_RD: &str = "/v2/country/all/indicator/GB.XPD.RSDV.GD.ZS?format=json&per_page=10";

fn wb_rd_routes(s: &Server) {
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
}

/// `innodex fetch worldbank GB.XPD.RSDV.GD.ZS` into `data`, two pages.
fn fetch_wb_rd(s: &Server, data: &str, extra: &[&str]) -> super::Out {
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
fn ranked(data: &str, args: &[&str]) -> Vec<(String, String)> {
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

fn pairs(list: &[(&str, &str)]) -> Vec<(String, String)> {
    list.iter()
        .map(|(a, b)| (a.to_string(), b.to_string()))
        .collect()
}

fn validate(data: &str) {
    let out = run(&["validate", "--data", data, "--format", "csv"]);
    assert_eq!(out.code, 0, "validate failed: {}{}", out.stdout, out.stderr);
}

fn toml_of(data: &Path, id: &str) -> String {
    std::fs::read_to_string(data.join(id).join("dataset.toml")).expect("dataset.toml")
}

/// The names in the datasets folder (hidden staging folders included).
fn entries(dir: &Path) -> Vec<String> {
    match std::fs::read_dir(dir) {
        Ok(rd) => rd
            .flatten()
            .map(|e| e.file_name().to_string_lossy().to_string())
            .collect(),
        Err(_) => vec![],
    }
}

#[test]
fn world_bank_two_pages_validate_rank_and_an_unchanged_refresh_adds_nothing() {
    let s = Server::start();
    wb_rd_routes(&s);
    let dir = tempfile::tempdir().expect("tempdir");
    let data = dir.path().display().to_string();
    let out = fetch_wb_rd(&s, &data, &[]);
    assert_eq!(out.code, 0, "fetch failed: {}", out.stderr);
    let hits = s.hits();
    assert!(hits.iter().any(|h| h.contains("&page=2&")), "{hits:?}");
    validate(&data);
    // WDI GB.XPD.RSDV.GD.ZS 2020 (sources/world_bank_wdi/rd_expenditure_pct_gdp.csv); the
    // aggregates EUU and WLD are kept but not ranked; Bangladesh's nulls are missing, not zero.
    assert_eq!(
        ranked(&data, &["wb.gb_xpd_rsdv_gd_zs", "--year", "2020"]),
        pairs(&[
            ("ISR", "5.83209"),
            ("KOR", "4.5214"),
            ("SWE", "3.50181"),
            ("USA", "3.41788"),
            ("JPN", "3.26556"),
            ("DEU", "3.0897"),
            ("GBR", "2.93993"),
        ])
    );
    let meta = toml_of(dir.path(), "wb");
    for want in [
        "title = \"Research and development expenditure (% of GDP)\"",
        "unit = \"% of GDP\"",
        "publisher = \"World Bank\"",
        "[[vintage]]",
        "id = \"2026-07-13\"",
        "published = \"2026-07-13\"",
        "the API's last-updated date: 2026-07-13",
        "/v2/country/all/indicator/GB.XPD.RSDV.GD.ZS?format=json&per_page=10&page=1",
    ] {
        assert!(meta.contains(want), "{want} missing from:\n{meta}");
    }
    assert!(meta.contains("retrieved 20"), "retrieval time: {meta}");
    // --as-of before the vintage's date: nothing had been published yet.
    let early = run(&[
        "rank",
        "wb.gb_xpd_rsdv_gd_zs",
        "--as-of",
        "2026-07-12",
        "--data",
        &data,
    ]);
    assert_eq!(early.code, 1, "{}", early.stderr);

    let files = |p: &Path| {
        let mut v: Vec<(String, Vec<u8>)> = std::fs::read_dir(p.join("wb"))
            .expect("dir")
            .flatten()
            .map(|e| {
                let n = e.file_name().to_string_lossy().to_string();
                (n, std::fs::read(e.path()).expect("read"))
            })
            .collect();
        v.sort();
        v
    };
    let before = files(dir.path());
    let again = fetch_wb_rd(&s, &data, &["--refresh"]);
    assert_eq!(again.code, 0, "refresh failed: {}", again.stderr);
    assert!(again.stderr.contains("unchanged"), "{}", again.stderr);
    assert_eq!(
        files(dir.path()),
        before,
        "an unchanged refresh writes nothing"
    );
    assert_eq!(
        entries(dir.path()),
        vec!["wb".to_string()],
        "no staging left"
    );

    // Without --refresh an existing dataset is refused before any request.
    let n = s.hits().len();
    let refused = fetch_wb_rd(&s, &data, &[]);
    assert_eq!(refused.code, 1);
    assert!(refused.stderr.contains("--refresh"), "{}", refused.stderr);
    assert_eq!(s.hits().len(), n);
}

const OECD_PATH: &str =
    "/public/rest/data/OECD.STI.STP,DSD_MSTI@DF_MSTI,/CHN+DEU+FRA+GBR+JPN+KOR+USA+OECD.A.G.PT_B1GQ..?format=csvfilewithlabels";

fn fetch_oecd(s: &Server, data: &str, extra: &[&str]) -> super::Out {
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

#[test]
fn oecd_fetch_then_a_changed_refresh_adds_a_vintage_and_vintage_picks_the_old_one() {
    let s = Server::start();
    s.route(
        OECD_PATH,
        vec![
            ok(fixture("oecd_msti_2023.csv")),
            ok(fixture("oecd_msti_2026.csv")),
        ],
    );
    let dir = tempfile::tempdir().expect("tempdir");
    let data = dir.path().display().to_string();
    let out = fetch_oecd(&s, &data, &[]);
    assert_eq!(out.code, 0, "fetch failed: {}", out.stderr);
    validate(&data);
    // OECD GERD % of GDP 2020, the ≈2023-03 export (sources/oecd_msti/gerd_pct_gdp.csv); the
    // United Kingdom has no 2020 value there; "OECD" is an aggregate.
    let old = pairs(&[
        ("KOR", "4.81450332060395"),
        ("USA", "3.45021902726299"),
        ("JPN", "3.27460209448795"),
        ("DEU", "3.12979479161721"),
        ("CHN", "2.40092996655466"),
        ("FRA", "2.34717367339705"),
    ]);
    let ind = "msti_live.g_pt_b1gq";
    assert_eq!(ranked(&data, &[ind, "--year", "2020"]), old);
    let meta = toml_of(dir.path(), "msti_live");
    assert!(meta.contains("unit = \"Percentage of GDP\""), "{meta}");
    assert!(
        meta.contains(
            "Gross domestic expenditure on R&D (GERD) (Main Science and Technology Indicators)"
        ),
        "{meta}"
    );
    assert_eq!(meta.matches("\n[[vintage]]\n").count(), 1);

    // The 2026-08 values differ (OECD revised Korea and the United Kingdom): a second vintage.
    let out = fetch_oecd(&s, &data, &["--refresh"]);
    assert_eq!(out.code, 0, "refresh failed: {}", out.stderr);
    validate(&data);
    let meta = toml_of(dir.path(), "msti_live");
    assert_eq!(meta.matches("\n[[vintage]]\n").count(), 2, "{meta}");
    // By default the newest vintage (sources/oecd_msti/msti_selected_economies_2026.csv).
    assert_eq!(
        ranked(&data, &[ind, "--year", "2020"]),
        pairs(&[
            ("KOR", "4.5214"),
            ("USA", "3.4145"),
            ("JPN", "3.2656"),
            ("DEU", "3.0887"),
            ("GBR", "2.9106"),
            ("CHN", "2.3571"),
            ("FRA", "2.2742"),
        ])
    );
    // --vintage picks the first fetch.
    let first: String = meta
        .lines()
        .skip_while(|l| *l != "[[vintage]]")
        .nth(1)
        .and_then(|l| l.strip_prefix("id = \""))
        .map(|l| l.trim_end_matches('"').to_string())
        .expect("first vintage id");
    assert_eq!(
        ranked(&data, &[ind, "--year", "2020", "--vintage", &first]),
        old
    );

    // The same values again: no third vintage.
    let out = fetch_oecd(&s, &data, &["--refresh"]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert!(out.stderr.contains("unchanged"), "{}", out.stderr);
    assert_eq!(
        toml_of(dir.path(), "msti_live")
            .matches("\n[[vintage]]\n")
            .count(),
        2
    );
    let hits = s.hits();
    assert_eq!(hits.len(), 3, "{hits:?}");
}

#[test]
fn world_bank_vintages_dated_by_last_updated_are_chosen_by_as_of() {
    let s = Server::start();
    let path = "/v2/country/all/indicator/TX.VAL.TECH.MF.ZS?format=json&per_page=1000&page=1";
    s.route(
        path,
        vec![
            ok(fixture("wb_ht_2022_page1.json")),
            ok(fixture("wb_ht_2025_page1.json")),
        ],
    );
    s.route(
        "/v2/indicator/TX.VAL.TECH.MF.ZS?format=json",
        vec![ok(fixture("wb_ht_indicator.json"))],
    );
    let dir = tempfile::tempdir().expect("tempdir");
    let data = dir.path().display().to_string();
    let base = s.base("/v2");
    let args = |refresh: bool| {
        let mut a = vec![
            "fetch",
            "worldbank",
            "TX.VAL.TECH.MF.ZS",
            "--dataset",
            "ht",
            "--data",
            &data,
            "--base-url",
            &base,
        ];
        if refresh {
            a.push("--refresh");
        }
        run(&a)
    };
    assert_eq!(args(false).code, 0);
    let out = args(true);
    assert_eq!(out.code, 0, "{}", out.stderr);
    validate(&data);
    let ind = "ht.tx_val_tech_mf_zs";
    let japan = |extra: &[&str]| {
        let mut a = vec![ind, "--year", "2020", "--countries", "JPN"];
        a.extend_from_slice(extra);
        ranked(&data, &a)
    };
    // sources/world_bank_wdi/hightech_exports_pct_manufactured.csv (Last Updated 2022-12-22)
    // and …_2025-04.csv (2025-04-15), Japan 2020.
    assert_eq!(
        japan(&["--as-of", "2023-06-30"]),
        pairs(&[("JPN", "18.6010339335184")])
    );
    assert_eq!(
        japan(&["--as-of", "2025-06-30"]),
        pairs(&[("JPN", "18.6333487896777")])
    );
    assert_eq!(japan(&[]), pairs(&[("JPN", "18.6333487896777")]));
    assert_eq!(
        japan(&["--vintage", "2022-12-22"]),
        pairs(&[("JPN", "18.6010339335184")])
    );
}

const OWID_CSV: &str =
    "/grapher/research-spending-gdp.csv?v=1&csvType=full&useColumnShortNames=false";
const OWID_META: &str =
    "/grapher/research-spending-gdp.metadata.json?v=1&csvType=full&useColumnShortNames=false";

fn fetch_owid(s: &Server, data: &str, extra: &[&str]) -> super::Out {
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

#[test]
fn owid_chart_after_a_429_then_200_retry() {
    let s = Server::start();
    let mut busy = status(429, "Too Many Requests");
    busy.headers.push(("Retry-After".into(), "0".into()));
    s.route(
        OWID_CSV,
        vec![busy, ok(fixture("owid_research-spending-gdp.csv"))],
    );
    s.route(
        OWID_META,
        vec![ok(fixture("owid_research-spending-gdp.metadata.json"))],
    );
    let dir = tempfile::tempdir().expect("tempdir");
    let data = dir.path().display().to_string();
    let out = fetch_owid(&s, &data, &[]);
    assert_eq!(out.code, 0, "fetch failed: {}", out.stderr);
    assert!(out.stderr.contains("1 retried"), "{}", out.stderr);
    assert_eq!(s.hits().iter().filter(|h| *h == OWID_CSV).count(), 2);
    validate(&data);
    let ind = "owid_rd.research_and_development_expenditure_of_gdp";
    assert_eq!(
        ranked(&data, &[ind, "--year", "2020"]),
        pairs(&[
            ("ISR", "5.83209"),
            ("KOR", "4.5214"),
            ("SWE", "3.50181"),
            ("USA", "3.41788"),
            ("JPN", "3.26556"),
            ("DEU", "3.0897"),
            ("GBR", "2.93993"),
        ])
    );
    let meta = toml_of(dir.path(), "owid_rd");
    assert!(meta.contains("unit = \"% of GDP\""), "{meta}");
    assert!(meta.contains("published = \"2026-07-13\""), "{meta}");
    // "European Union (27)" has no code in OWID's file: through the same resolver as import.
    let unmatched = dir.path().join("owid_rd").join("unmatched.csv");
    let text = std::fs::read_to_string(unmatched).expect("unmatched.csv");
    assert_eq!(text.lines().count(), 3, "{text}");
    assert!(
        text.contains("unknown country 'European Union (27)'"),
        "{text}"
    );
    // OWID's World (OWID_WRL) is kept as the aggregate WLD, flagged, and not ranked.
    assert!(
        out.stderr.contains("'World' is the aggregate WLD"),
        "{}",
        out.stderr
    );
}

/// Runs a fetch that must fail: exit 1, the URL in the message, nothing left in the folder.
fn fails(out: &super::Out, url_part: &str, why: &str, data: &Path) {
    assert_eq!(out.code, 1, "{}", out.stderr);
    assert!(out.stderr.contains(url_part), "URL missing: {}", out.stderr);
    assert!(out.stderr.contains(why), "{why} missing: {}", out.stderr);
    assert!(entries(data).is_empty(), "left behind: {:?}", entries(data));
}

#[test]
fn a_truncated_body_leaves_no_dataset() {
    let s = Server::start();
    wb_rd_routes(&s);
    let mut cut = ok(fixture("wb_rd_page2.json"));
    cut.cut_at = Some(cut.body.len() / 2);
    s.route(&format!("{WB_RD}&page=2&date=2019:2020"), vec![cut]);
    let dir = tempfile::tempdir().expect("tempdir");
    let out = fetch_wb_rd(&s, &dir.path().display().to_string(), &["--retries", "1"]);
    fails(&out, "page=2", "HTTP 200, but the body", dir.path());
}

#[test]
fn a_500_names_the_url_and_the_status_after_the_retries() {
    let s = Server::start();
    s.route(OWID_META, vec![status(500, "Internal Server Error")]);
    let dir = tempfile::tempdir().expect("tempdir");
    let out = fetch_owid(&s, &dir.path().display().to_string(), &["--retries", "2"]);
    fails(&out, OWID_META, "HTTP 500", dir.path());
    assert!(
        out.stderr.contains("gave up after 3 attempts"),
        "{}",
        out.stderr
    );
    assert_eq!(s.hits().len(), 3);
}

#[test]
fn a_slow_response_times_out_quickly_with_the_url() {
    let s = Server::start();
    let mut slow = ok(fixture("owid_research-spending-gdp.metadata.json"));
    slow.delay = Duration::from_secs(5);
    s.route(OWID_META, vec![slow]);
    let dir = tempfile::tempdir().expect("tempdir");
    let start = Instant::now();
    let out = fetch_owid(
        &s,
        &dir.path().display().to_string(),
        &["--timeout", "0.3", "--retries", "1"],
    );
    fails(&out, OWID_META, "timeout", dir.path());
    assert!(
        start.elapsed() < Duration::from_secs(4),
        "{:?}",
        start.elapsed()
    );
}

#[test]
fn the_world_bank_error_shape_names_the_url_and_the_message() {
    let s = Server::start();
    let body = br#"[{"message":[{"id":"120","key":"Invalid value","value":"The provided parameter value is not valid"}]}]"#;
    s.route(
        "/v2/country/all/indicator/NOT.A.SERIES?format=json&per_page=1000&page=1",
        vec![ok(body.to_vec())],
    );
    let dir = tempfile::tempdir().expect("tempdir");
    let base = s.base("/v2");
    let out = run(&[
        "fetch",
        "worldbank",
        "NOT.A.SERIES",
        "--dataset",
        "x",
        "--data",
        &dir.path().display().to_string(),
        "--base-url",
        &base,
    ]);
    fails(
        &out,
        "/v2/country/all/indicator/NOT.A.SERIES",
        "error 120 (Invalid value): The provided parameter value is not valid",
        dir.path(),
    );
}

#[test]
fn only_the_fetch_module_uses_the_http_client() {
    fn walk(dir: &Path, out: &mut Vec<std::path::PathBuf>) {
        for e in std::fs::read_dir(dir).expect("src").flatten() {
            let p = e.path();
            if p.is_dir() {
                walk(&p, out);
            } else if p.extension().is_some_and(|x| x == "rs") {
                out.push(p);
            }
        }
    }
    let src = root().join("src");
    let mut files = vec![];
    walk(&src, &mut files);
    let users: Vec<String> = files
        .iter()
        .filter(|f| std::fs::read_to_string(f).expect("read").contains("ureq::"))
        .map(|f| {
            f.strip_prefix(&src)
                .expect("under src")
                .display()
                .to_string()
        })
        .collect();
    assert_eq!(users, vec!["fetch/http.rs".to_string()]);
}

#[test]
fn fetch_help_has_offline_examples_and_the_network_ones_apart() {
    let out = run(&["fetch", "--help"]);
    assert_eq!(out.code, 0);
    let help = out.stdout;
    let examples = help.split("Examples:\n").nth(1).expect("Examples:");
    let (offline, network) = examples
        .split_once("Usage examples (need the network):\n")
        .expect("network heading");
    for line in offline.lines().filter(|l| l.starts_with("  innodex ")) {
        let args: Vec<&str> = line.split_whitespace().skip(1).collect();
        assert_eq!(run(&args).code, 0, "{line}");
    }
    for service in ["worldbank", "oecd", "owid"] {
        assert!(
            network.contains(&format!("innodex fetch {service} ")),
            "{help}"
        );
    }
}

#[test]
fn a_csv_cut_off_without_a_length_leaves_no_dataset() {
    // The body ends inside a row and the length matches what was sent (as when a server closes
    // the connection early without announcing a length): the ragged row gives it away.
    let s = Server::start();
    let csv = fixture("owid_research-spending-gdp.csv");
    let text = String::from_utf8(csv).expect("utf-8");
    let cut = text.find("Japan,JPN,20").expect("row") + "Japan,JPN,20".len();
    s.route(OWID_CSV, vec![ok(text[..cut].as_bytes().to_vec())]);
    s.route(
        OWID_META,
        vec![ok(fixture("owid_research-spending-gdp.metadata.json"))],
    );
    let dir = tempfile::tempdir().expect("tempdir");
    let out = fetch_owid(&s, &dir.path().display().to_string(), &[]);
    fails(&out, OWID_CSV, "a cut-off download?", dir.path());
}

#[test]
fn two_world_bank_series_in_one_fetch_each_with_its_title_and_unit() {
    let s = Server::start();
    wb_rd_routes(&s);
    s.route(
        "/v2/country/all/indicator/TX.VAL.TECH.MF.ZS?format=json&per_page=10&page=1&date=2019:2020",
        vec![ok(fixture("wb_ht_2025_page1.json"))],
    );
    s.route(
        "/v2/indicator/TX.VAL.TECH.MF.ZS?format=json",
        vec![ok(fixture("wb_ht_indicator.json"))],
    );
    let dir = tempfile::tempdir().expect("tempdir");
    let data = dir.path().display().to_string();
    let base = s.base("/v2");
    let out = run(&[
        "fetch",
        "worldbank",
        "GB.XPD.RSDV.GD.ZS",
        "TX.VAL.TECH.MF.ZS",
        "--dataset",
        "wb",
        "--data",
        &data,
        "--base-url",
        &base,
        "--per-page",
        "10",
        "--years",
        "2019:2020",
    ]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    validate(&data);
    let meta = toml_of(dir.path(), "wb");
    assert!(
        meta.contains("title = \"High-technology exports (% of manufactured exports)\""),
        "{meta}"
    );
    assert!(
        meta.contains("unit = \"% of manufactured exports\""),
        "{meta}"
    );
    // sources/world_bank_wdi/hightech_exports_pct_manufactured_2025-04.csv, 2020.
    assert_eq!(
        ranked(
            &data,
            &["wb.tx_val_tech_mf_zs", "--year", "2020", "--top", "2"]
        ),
        pairs(&[("KOR", "35.6022265413283"), ("ISR", "28.197643074759")])
    );
    assert_eq!(
        ranked(
            &data,
            &["wb.gb_xpd_rsdv_gd_zs", "--year", "2020", "--top", "1"]
        ),
        pairs(&[("ISR", "5.83209")])
    );
}

#[test]
fn a_saved_query_may_not_fetch() {
    let dir = tempfile::tempdir().expect("tempdir");
    let q = dir.path().join("q.toml");
    std::fs::write(
        &q,
        "title = \"t\"\ndescription = \"d\"\n\n[[step]]\nargs = [\"fetch\", \"owid\", \"research-spending-gdp\", \"--dataset\", \"x\"]\noutput = \"x.csv\"\n",
    )
    .expect("write");
    let out_dir = dir.path().join("out");
    let out = run(&[
        "run",
        &q.display().to_string(),
        "--out-dir",
        &out_dir.display().to_string(),
    ]);
    assert_ne!(out.code, 0);
    assert!(out.stderr.contains("nor fetch"), "{}", out.stderr);
}
