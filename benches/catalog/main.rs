//! Benchmark of the read commands and two charts on the embedded data, side by side with a peer
//! answering the same question from the CSV files in `datasets/`: the DuckDB CLI running one SQL
//! file per command (`benches/duckdb/*.sql`, each saying in a comment what it computes), and for
//! the charts python-polars + matplotlib (`benches/*_matplotlib.py`). Both run as whole
//! processes (start-up, loading and output included), alternately (innodex, peer, innodex, peer
//! …) after warm-ups, so a change of machine load hits both alike. Output goes to a pipe that is
//! thrown away (innodex then writes CSV, as DuckDB is told to), the chart to a temporary folder.
//! Two charts are timed: the scatter of the seed report's question and a bar chart of 60
//! labelled bars (`benches/bar_matplotlib.py` its peer).
//!
//! Run: `cargo bench --offline --bench catalog` (builds the release binary too).
//!
//! Environment:
//! - `INNODEX_BIN`: the binary to time [default: the `innodex` cargo built beside this program,
//!   `<target>/release/innodex`, from the same sources].
//! - `INNODEX_BENCH_RUNS`: timed runs of each side per command [default 21], after 3 warm-ups.
//! - `INNODEX_BENCH_ONLY`: run only the commands whose label contains this text (e.g. `rank`).
//! - `INNODEX_BENCH_SHOW=1`: print both sides' output once per command, to check that they
//!   answer the same question.
//! - `DUCKDB`: the DuckDB CLI binary [default: `duckdb` on PATH if it is a native binary, else
//!   the binary inside pip's `duckdb-cli` package — `pip install duckdb-cli`; the `duckdb` that
//!   pip puts on PATH is a Python launcher that would add its own start-up to DuckDB's times].
//! - `PYTHON`: the Python with polars and matplotlib [default `python3`;
//!   `pip install polars matplotlib`].
//!
//! Targets (issue 10): each read command ≤ 13 ms median and ≥ 5× faster than DuckDB; the chart
//! ≤ 30 ms. A missing peer is reported with how to install it; innodex is still timed.
//! Under `cargo test --all-targets` this program is run without `--bench` and returns at once.
#![allow(clippy::print_stdout, clippy::print_stderr)] // reports what was measured or skipped

mod peers;
mod run;

use peers::{find_duckdb, indicator_files, peer_job, python, python_says};
use run::{alternate, Job, WARM_UPS};
use std::path::PathBuf;
use std::process::Command;

const DEFAULT_RUNS: usize = 21;

/// Which peer answers a case.
pub enum Peer {
    /// The DuckDB CLI running `benches/duckdb/<file>`.
    Duckdb(&'static str),
    /// A script in `benches/` (python-polars + matplotlib) drawing to a PNG.
    Matplotlib(&'static str),
}

/// One benchmarked command: its innodex arguments, its peer, its targets.
struct Case {
    args: Vec<&'static str>,
    peer: Peer,
    max_ms: f64,
    min_ratio: Option<f64>,
}

fn case(args: &[&'static str], sql: &'static str) -> Case {
    Case {
        args: args.to_vec(),
        peer: Peer::Duckdb(sql),
        max_ms: 13.0,
        min_ratio: Some(5.0),
    }
}

/// A chart: ≤ 30 ms; the peer is a matplotlib script, no ratio target.
fn chart(args: &[&'static str], script: &'static str) -> Case {
    Case {
        args: args.to_vec(),
        peer: Peer::Matplotlib(script),
        max_ms: 30.0,
        min_ratio: None,
    }
}

fn cases() -> Vec<Case> {
    vec![
        case(&["datasets"], "datasets.sql"),
        case(&["indicators"], "indicators.sql"),
        case(&["countries", "--group", "NATO"], "countries_nato.sql"),
        case(&["groups"], "groups.sql"),
        case(
            &["resolve", "Korea, Rep.", "Chinese Taipei", "Türkiye"],
            "resolve.sql",
        ),
        case(&["validate"], "validate.sql"),
        case(
            &["rank", "gii.score", "--year", "2021", "--top", "5"],
            "rank_gii_2021_top5.sql",
        ),
        case(&["profile", "Japan"], "profile_japan.sql"),
        case(&["compare", "JPN", "KOR", "SGP"], "compare_jpn_kor_sgp.sql"),
        case(
            &["peers", "Japan", "ifr.robot_density"],
            "peers_japan_robots.sql",
        ),
        case(
            &["correlate", "msti.gerd_pct_gdp", "ifr.robot_density"],
            "correlate_gerd_robots.sql",
        ),
        chart(
            &[
                "chart",
                "scatter",
                "msti.gerd_pct_gdp",
                "ifr.robot_density",
                "-o",
                "x.png",
            ],
            "scatter_matplotlib.py",
        ),
        chart(
            &[
                "chart",
                "bar",
                "gii.score",
                "--year",
                "2025",
                "--top",
                "60",
                "-o",
                "x.png",
            ],
            "bar_matplotlib.py",
        ),
    ]
}

pub fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// The 1, 5 and 15 minute load averages (Linux), to judge how busy the machine was.
fn load_average() -> String {
    std::fs::read_to_string("/proc/loadavg")
        .map(|s| s.split_whitespace().take(3).collect::<Vec<_>>().join(" "))
        .unwrap_or_else(|_| "unknown".into())
}

/// The `innodex` that cargo built beside this bench program (`target/release/innodex`, the same
/// sources: `cargo bench` builds the binary too), else `$CARGO_TARGET_DIR/release/innodex`.
fn default_bin() -> PathBuf {
    let beside = std::env::current_exe().ok().and_then(|exe| {
        let release = exe.parent()?.parent()?;
        Some(release.join("innodex")).filter(|p| p.is_file())
    });
    beside.unwrap_or_else(|| {
        std::env::var_os("CARGO_TARGET_DIR")
            .map(PathBuf::from)
            .unwrap_or_else(|| root().join("target"))
            .join("release")
            .join("innodex")
    })
}

fn main() {
    if !std::env::args().any(|a| a == "--bench") {
        println!(
            "benches/catalog: run with `cargo bench --bench catalog` (skipped under cargo test)"
        );
        return;
    }
    let bin = std::env::var_os("INNODEX_BIN")
        .map(PathBuf::from)
        .unwrap_or_else(default_bin);
    if !bin.is_file() {
        eprintln!(
            "benches/catalog: no release binary at {} — run `cargo build --release` or set INNODEX_BIN",
            bin.display()
        );
        std::process::exit(1);
    }
    let runs: usize = std::env::var("INNODEX_BENCH_RUNS")
        .ok()
        .and_then(|s| s.parse().ok())
        .filter(|&n| n > 0)
        .unwrap_or(DEFAULT_RUNS);
    let only = std::env::var("INNODEX_BENCH_ONLY").unwrap_or_default();
    let show = std::env::var_os("INNODEX_BENCH_SHOW").is_some_and(|v| v != "0");
    let out_dir = match tempfile::tempdir() {
        Ok(d) => d,
        Err(e) => {
            eprintln!("benches/catalog: no temporary folder for the charts: {e}");
            std::process::exit(1);
        }
    };
    let files = match indicator_files(&root().join("datasets")) {
        Ok(f) => f,
        Err(e) => {
            eprintln!("benches/catalog: {e}");
            std::process::exit(1);
        }
    };
    let duckdb = find_duckdb();
    let mpl = python_says("import polars, matplotlib")
        .map(|_| ())
        .ok_or_else(|| {
            format!(
                "{} cannot import polars and matplotlib: `pip install polars matplotlib` (or set PYTHON)",
                python().display()
            )
        });

    println!(
        "innodex: {} (embedded data; {runs} alternating runs per side after {WARM_UPS} warm-ups; {} CPUs)",
        bin.display(),
        std::thread::available_parallelism().map_or(0, |n| n.get())
    );
    match &duckdb {
        Ok((p, how)) => {
            let version = Command::new(p)
                .arg("-version")
                .output()
                .map(|o| String::from_utf8_lossy(&o.stdout).trim().to_string())
                .unwrap_or_default();
            println!(
                "DuckDB CLI: {} {version} ({how}); SQL in benches/duckdb/, CSVs in datasets/",
                p.display()
            )
        }
        Err(e) => println!("DuckDB: {e}"),
    }
    match &mpl {
        Ok(()) => println!(
            "chart peers: {} benches/scatter_matplotlib.py, bar_matplotlib.py (polars {}, matplotlib {})",
            python().display(),
            python_says("import polars; print(polars.__version__)").unwrap_or_default(),
            python_says("import matplotlib; print(matplotlib.__version__)").unwrap_or_default()
        ),
        Err(e) => println!("chart peer: {e}"),
    }
    println!("load average at start: {}", load_average());
    println!();
    println!(
        "{:<62} {:>8} {:>8} {:>8} {:>10} {:>7}  {:<7} {:<5}",
        "command", "median", "min", "max", "peer med.", "ratio", "≤ ms", "≥ 5×"
    );
    let mut missed = 0;
    for c in cases() {
        let label = c.args.join(" ");
        if !label.contains(&only) {
            continue;
        }
        let args = c
            .args
            .iter()
            .map(|a| match *a {
                "x.png" => out_dir.path().join("x.png").to_string_lossy().into_owned(),
                a => a.to_string(),
            })
            .collect();
        let ours = Job {
            program: bin.clone(),
            args,
            dir: root(),
        };
        let peer = peer_job(&c.peer, &duckdb, &mpl, &files, out_dir.path());
        let peer_name = match c.peer {
            Peer::Duckdb(_) => "duckdb",
            Peer::Matplotlib(_) => "py+mpl",
        };
        let shown = format!("{label} [{peer_name}]");
        let (mine, theirs) = match alternate(&ours, peer.as_ref().ok(), runs, show) {
            Ok(t) => t,
            Err(e) => {
                println!("{shown:<62} innodex failed: {e}");
                missed += 1;
                continue;
            }
        };
        let m = mine.median();
        let fast = m <= c.max_ms;
        let (peer_cell, ratio_cell, ratio_ok, note) = match (peer, theirs) {
            (Err(e), _) | (_, Some(Err(e))) => ("—".into(), "—".into(), "?", Some(e)),
            (Ok(_), Some(Ok(t))) => {
                let r = t.median() / m;
                let ok = match c.min_ratio {
                    Some(min) if r >= min => "yes",
                    Some(_) => "NO",
                    None => "n/a",
                };
                (format!("{:.1}", t.median()), format!("{r:.1}×"), ok, None)
            }
            (Ok(_), None) => ("—".into(), "—".into(), "?", None),
        };
        if !fast || ratio_ok == "NO" {
            missed += 1;
        }
        println!(
            "{shown:<62} {m:>8.1} {:>8.1} {:>8.1} {peer_cell:>10} {ratio_cell:>7}  {:<7} {ratio_ok:<5}",
            mine.min(),
            mine.max(),
            format!("{} {}", if fast { "yes" } else { "NO" }, c.max_ms),
        );
        if let Some(e) = note {
            println!("    peer not run: {e}");
        }
    }
    println!();
    println!("Times in ms (wall clock, whole process). ratio = peer median / innodex median (N× faster).");
    println!("load average at end: {}", load_average());
    println!("Targets: ≤ 13 ms (chart ≤ 30 ms) and ≥ 5× DuckDB. Commands missing a target: {missed}. No assertions.");
}
