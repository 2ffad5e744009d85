//! Each service's real response format replayed: the dataset validates, ranks with the
//! recorded values, and fetches become vintages chosen by `--vintage` and `--as-of`.

use super::server::{fixture, ok, status, Server};
use super::*;

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
    // The API's region field: EUU and WLD are aggregates, as the countries reference says.
    assert!(
        out.stderr.contains("2 code(s) the World Bank's region field calls aggregates, kept and flagged as aggregates (not ranked as countries): EUU, WLD."),
        "{}",
        out.stderr
    );
    assert!(!out.stderr.contains("disagree"), "{}", out.stderr);
    assert!(s.hits().iter().any(|h| h == WB_COUNTRIES));
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
    s.route(WB_COUNTRIES, vec![ok(fixture("wb_countries.json"))]);
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
