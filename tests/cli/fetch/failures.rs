//! What must fail, fails whole: truncated bodies, 500s, slow servers and the World Bank's
//! error shape name the URL and leave no dataset; only `fetch` reaches the network.

use super::server::{fixture, ok, status, Server};
use super::*;
use std::time::{Duration, Instant};

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
fn fetch_help_lists_its_examples_under_the_network_heading() {
    // Every fetch reaches the network, so its examples sit under the heading that the help
    // examples test parses but does not run (tests/cli/help_examples.rs).
    let out = run(&["fetch", "--help"]);
    assert_eq!(out.code, 0);
    let help = out.stdout;
    let network = help
        .split("Examples (need the network):\n")
        .nth(1)
        .expect("network heading");
    assert!(!help.contains("\nExamples:\n"), "{help}");
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
    s.route(OWID_CSV, vec![ok(text.as_bytes()[..cut].to_vec())]);
    s.route(
        OWID_META,
        vec![ok(fixture("owid_research-spending-gdp.metadata.json"))],
    );
    let dir = tempfile::tempdir().expect("tempdir");
    let out = fetch_owid(&s, &dir.path().display().to_string(), &[]);
    fails(&out, OWID_CSV, "a cut-off download?", dir.path());
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

#[test]
fn refresh_refuses_a_dataset_that_fetch_did_not_write_before_any_request() {
    let s = Server::start();
    let dir = tempfile::tempdir().expect("tempdir");
    let data = dir.path().display().to_string();
    let csv = root().join("tests/fixtures/import/owid.csv");
    let out = run(&[
        "import",
        &csv.display().to_string(),
        "--dataset",
        "owid_rd",
        "--data",
        &data,
    ]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    let before = std::fs::read(dir.path().join("owid_rd/dataset.toml")).expect("toml");
    let out = fetch_owid(&s, &data, &["--refresh"]);
    assert_eq!(out.code, 1, "{}", out.stderr);
    assert!(
        out.stderr.contains("was not written by `innodex fetch`"),
        "{}",
        out.stderr
    );
    assert!(s.hits().is_empty(), "{:?}", s.hits());
    let after = std::fs::read(dir.path().join("owid_rd/dataset.toml")).expect("toml");
    assert_eq!(before, after);
}

#[test]
fn https_goes_through_the_tls_client() {
    // The local server speaks plain HTTP, so the TLS handshake must fail — as an error naming the
    // URL, which shows that https URLs are handled by the built-in TLS client (no panic, no
    // missing crypto provider).
    let s = Server::start();
    let dir = tempfile::tempdir().expect("tempdir");
    let base = s.base("/grapher").replace("http://", "https://");
    let out = run(&[
        "fetch",
        "owid",
        "research-spending-gdp",
        "--dataset",
        "x",
        "--data",
        &dir.path().display().to_string(),
        "--base-url",
        &base,
        "--retries",
        "0",
    ]);
    fails(
        &out,
        "GET https://127.0.0.1:",
        "connection failed",
        dir.path(),
    );
}
