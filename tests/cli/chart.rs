//! CLI tests of `correlate` and `chart` on the fixture datasets (`tests/fixtures/datasets`):
//! statistics against independently computed values, PNG size and content, an SVG snapshot
//! (insta, `tests/cli/snapshots/`), rendering without system fonts, log axes, and usage errors.

use std::path::{Path, PathBuf};

use crate::{command, fixture_dir, run_fixture, Out};

fn out_dir() -> PathBuf {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join("cli_chart");
    std::fs::create_dir_all(&dir).expect("create output dir");
    dir
}

/// statistic → (value, p_value, n) from the CSV report.
fn stats(csv: &str) -> std::collections::BTreeMap<String, (f64, Option<f64>, f64)> {
    csv.lines()
        .skip(1)
        .map(|l| {
            let f: Vec<&str> = l.split(',').collect();
            (
                f[0].to_string(),
                (
                    f[1].parse().expect("value"),
                    f[4].parse().ok(),
                    f[5].parse().expect("n"),
                ),
            )
        })
        .collect()
}

fn close(a: f64, b: f64) -> bool {
    (a - b).abs() < 1e-9
}

#[test]
fn correlate_latest_values_match_independent_computation() {
    let o = run_fixture(&["correlate", "demo.rd", "demo3.patents", "--format", "csv"]);
    assert_eq!(o.code, 0, "{}", o.stderr);
    assert!(o
        .stdout
        .starts_with("statistic,value,ci_low,ci_high,p_value,n\n"));
    let s = stats(&o.stdout);
    // Pairs (latest of each): DEU 3.30/42, FIN 3.10/33, JPN 3.30/45, KOR 4.91/52, SGP 2.16/12,
    // TUR 1.06/8. Expected values from Python 3.11's standard library:
    //   statistics.correlation(x, y)                      -> r   = 0.9286475407869261
    //   statistics.correlation(avg_ranks(x), avg_ranks(y)) -> rho = 0.9856107606091623
    //   tau-b by counting pairs: C = 14, D = 0, one tie in x (DEU = JPN):
    //   14 / sqrt(15 · 14)                                 -> tau = 0.9660917830792959
    //   statistics.linear_regression(x, y) -> slope 13.075605893015943, intercept -6.856342178745706
    assert_eq!(s["n"].0, 6.0);
    assert!(close(s["pearson_r"].0, 0.9286475407869261));
    assert!(close(s["spearman_rho"].0, 0.9856107606091623));
    assert!(close(s["kendall_tau_b"].0, 0.9660917830792959));
    assert!(close(s["slope"].0, 13.075605893015943));
    assert!(close(s["intercept"].0, -6.856342178745706));
    assert!(close(s["r_squared"].0, 0.9286475407869261_f64.powi(2)));
    assert!(s.values().all(|v| v.2 == 6.0));
}

#[test]
fn correlate_same_year_and_names_what_was_left_out() {
    let o = run_fixture(&[
        "correlate",
        "demo.rd",
        "demo3.patents",
        "--year",
        "2020",
        "--format",
        "json",
    ]);
    assert_eq!(o.code, 0, "{}", o.stderr);
    let v: serde_json::Value = serde_json::from_str(&o.stdout).expect("json");
    let rows = v["rows"].as_array().expect("rows");
    // statistics.correlation([2.91, 3.13, 3.27, 2.16, 4.80], [30, 40, 45, 12, 50]) = 0.8557947229536713
    assert_eq!(rows[0]["value"], 5.0);
    let r = rows[1]["value"].as_f64().expect("r");
    assert!(close(r, 0.8557947229536713), "{r}");
    let notes = v["notes"].to_string();
    assert!(
        notes.contains("Nigeria (NGA, has demo3.patents 2020)"),
        "{notes}"
    );
    assert!(notes.contains("aggregate — OECD members (OED)"), "{notes}");
    assert!(notes.contains("Both values of every pair are of the same year."));
}

#[test]
fn correlate_pairs_lists_every_country() {
    let o = run_fixture(&[
        "correlate",
        "demo.rd",
        "demo3.patents",
        "--pairs",
        "--max-gap",
        "1",
        "--format",
        "csv",
    ]);
    assert_eq!(o.code, 0, "{}", o.stderr);
    let out = o.stdout;
    assert!(out.starts_with("iso3,country,x,x_year,y,y_year,year_gap,status\n"));
    assert!(out.contains("JPN,Japan,3.3,2021,45,2020,1,used"), "{out}");
    assert!(out
        .contains("FIN,Finland,,,,,,left out: years 2023 and 2021 differ by more than --max-gap"));
    assert!(out.contains("NGA,Nigeria,,,,,,left out: no demo.rd value (has demo3.patents 2020)"));
}

#[test]
fn log_axis_reports_non_positive_values() {
    let o = run_fixture(&[
        "correlate",
        "demo.rd",
        "demo3.growth",
        "--year",
        "2020",
        "--log-y",
        "--format",
        "json",
    ]);
    assert_eq!(o.code, 0, "{}", o.stderr);
    let v: serde_json::Value = serde_json::from_str(&o.stdout).expect("json");
    assert_eq!(v["rows"][0]["value"], 4.0);
    let notes = v["notes"].to_string();
    assert!(
        notes.contains("Finland (FIN: demo3.growth = -0.5 (2020) ≤ 0 on a log axis)"),
        "{notes}"
    );
    let path = out_dir().join("log_growth.svg");
    let o = run_fixture(&[
        "chart",
        "scatter",
        "demo.rd",
        "demo3.growth",
        "--year",
        "2020",
        "--log-y",
        "-o",
        path.to_str().expect("path"),
    ]);
    assert_eq!(o.code, 0, "{}", o.stderr);
    let svg = std::fs::read_to_string(&path).expect("svg");
    assert!(
        svg.contains("Finland (FIN"),
        "the footer names the excluded point"
    );
}

fn decode(path: &Path) -> image::RgbImage {
    image::open(path).expect("decode png").to_rgb8()
}

#[test]
fn scatter_png_has_the_requested_size_and_is_not_blank() {
    let path = out_dir().join("scatter.png");
    let o = run_fixture(&[
        "chart",
        "scatter",
        "demo.rd",
        "demo3.patents",
        "--size",
        "1200x700",
        "--fit",
        "--highlight",
        "NATO",
        "--highlight",
        "JPN,KOR",
        "-o",
        path.to_str().expect("path"),
    ]);
    assert_eq!(o.code, 0, "{}", o.stderr);
    assert!(o.stdout.is_empty());
    assert!(o.stderr.contains("(6 countries"), "{}", o.stderr);
    let img = decode(&path);
    assert_eq!(img.dimensions(), (1200, 700));
    let colours: std::collections::BTreeSet<[u8; 3]> = img.pixels().map(|p| p.0).collect();
    assert!(colours.len() > 50, "looks blank");
}

#[test]
fn same_inputs_give_the_same_bytes() {
    for ext in ["png", "svg"] {
        let a = out_dir().join(format!("same_a.{ext}"));
        let b = out_dir().join(format!("same_b.{ext}"));
        for p in [&a, &b] {
            let o = run_fixture(&["chart", "bar", "demo.rd", "-o", p.to_str().expect("path")]);
            assert_eq!(o.code, 0, "{}", o.stderr);
        }
        assert_eq!(std::fs::read(&a).expect("a"), std::fs::read(&b).expect("b"));
    }
}

#[test]
fn every_chart_kind_renders_from_the_fixture() {
    let cases: [&[&str]; 4] = [
        &[
            "chart",
            "bar",
            "demo.rd",
            "--top",
            "3",
            "--highlight",
            "NATO",
        ],
        &[
            "chart",
            "line",
            "demo.rd",
            "--countries",
            "DEU,FIN,Japan",
            "--as-of",
            "2022-01",
        ],
        &[
            "chart", "slope", "demo.rd", "--from", "2019", "--to", "2021",
        ],
        &[
            "chart",
            "slope",
            "demo.index_rank",
            "--from",
            "2021",
            "--to",
            "2021",
            "--rank",
        ],
    ];
    for (i, args) in cases.iter().enumerate() {
        let path = out_dir().join(format!("kind{i}.svg"));
        let mut all: Vec<&str> = args.to_vec();
        all.extend(["-o", path.to_str().expect("path")]);
        let o = run_fixture(&all);
        assert_eq!(o.code, 0, "{args:?}: {}", o.stderr);
        let svg = std::fs::read_to_string(&path).expect("svg");
        assert!(
            svg.contains("Source: tests ("),
            "{args:?}: footer with the source"
        );
    }
    // The slope footer names countries lacking a year and carries the caveat.
    let svg = std::fs::read_to_string(out_dir().join("kind2.svg")).expect("svg");
    assert!(
        svg.contains("no 2021 value: SGP, TUR"),
        "slope names the missing"
    );
    assert!(svg.contains("Comparability: Test caveat."));
}

#[test]
fn charts_need_a_png_or_svg_output() {
    let o = run_fixture(&["chart", "bar", "demo.rd"]);
    assert_eq!(o.code, 2, "{}", o.stderr);
    assert!(o.stderr.contains("-o FILE.png"));
    let o = run_fixture(&["chart", "bar", "demo.rd", "-o", "x.pdf"]);
    assert_eq!(o.code, 2);
}

#[test]
fn chart_renders_without_system_fonts() {
    let path = out_dir().join("nofonts.png");
    let o = Out::of(
        command()
            .env("FONTCONFIG_FILE", "/nonexistent")
            .env("FONTCONFIG_PATH", "/nonexistent")
            .arg("--data")
            .arg(fixture_dir())
            .args(["chart", "scatter", "demo.rd", "demo3.patents", "-o"])
            .arg(&path),
    );
    assert_eq!(o.code, 0, "{}", o.stderr);
    let img = decode(&path);
    // The title is drawn: many dark pixels in the title band.
    let dark = (20..70)
        .flat_map(|y| (40..700).map(move |x| (x, y)))
        .filter(|&(x, y)| img.get_pixel(x, y).0.iter().all(|&c| c < 90))
        .count();
    assert!(dark > 2000, "only {dark} dark pixels in the title area");
}

#[test]
fn svg_snapshot_of_fixture_scatter() {
    let path = out_dir().join("snapshot_fixture_scatter.svg");
    let o = run_fixture(&[
        "chart",
        "scatter",
        "demo.rd",
        "demo3.patents",
        "--fit",
        "--highlight",
        "NATO",
        "--size",
        "1000x600",
        "-o",
        path.to_str().expect("path"),
    ]);
    assert_eq!(o.code, 0, "{}", o.stderr);
    let actual = std::fs::read_to_string(&path).expect("read");
    assert!(crate::ends_in_one_newline(&actual), "SVG ending");
    insta::assert_snapshot!("cli_scatter_fixture_svg", actual);
}

#[test]
fn a_bar_chart_footer_names_the_edition_once() {
    // `--year` on an edition-dated index: the period ("edition 2021") and the editions shown
    // ("edition 2021") are one phrase, written once.
    let path = out_dir().join("bar_edition.svg");
    let o = run_fixture(&[
        "chart",
        "bar",
        "demo.index_rank",
        "--year",
        "2021",
        "-o",
        path.to_str().expect("path"),
    ]);
    assert_eq!(o.code, 0, "{}", o.stderr);
    let svg = std::fs::read_to_string(&path).expect("svg");
    assert!(
        svg.contains("countries ranked shown; edition 2021; universe"),
        "{svg}"
    );
    assert!(!svg.contains("edition 2021; edition 2021"), "{svg}");
    // With more to the period than the year, the year is still not said again.
    let o = run_fixture(&[
        "chart",
        "bar",
        "demo.rd",
        "--year",
        "2021",
        "--as-of",
        "2022-12",
        "-o",
        path.to_str().expect("path"),
    ]);
    assert_eq!(o.code, 0, "{}", o.stderr);
    let svg = std::fs::read_to_string(&path).expect("svg");
    assert!(
        svg.contains("ranked shown; data year 2021, as published by 2022-12-31; universe"),
        "{svg}"
    );
}
