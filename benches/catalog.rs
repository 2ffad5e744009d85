//! Benchmark of the catalog commands and `rank` on the embedded data: runs the release binary as a
//! whole process (start-up, loading and output included) and, side by side, a Python 3
//! standard-library script doing comparable work on the same `datasets/*.csv` files.
//!
//! Run: `cargo build --release && cargo bench --bench catalog`.
//! Environment: `INNODEX_BIN` (default `<CARGO_TARGET_DIR or target>/release/innodex`),
//! `INNODEX_BENCH_RUNS` (timed runs per command, default 15, after 2 warm-ups), `PYTHON`
//! (default `python3`; the baseline is skipped when it cannot run).
//!
//! Under `cargo test --all-targets` this program is run without `--bench` and returns at once.
#![allow(clippy::print_stdout, clippy::print_stderr)] // reports what was measured or skipped

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

const WARM_UPS: usize = 2;

/// The baseline: one Python script, one task per innodex command. It reads the same CSV files
/// with the standard library only and prints a CSV result to stdout.
const BASELINE_PY: &str = r#"
import csv, io, os, sys, tomllib

root, task, args = sys.argv[1], sys.argv[2], sys.argv[3:]
out = csv.writer(sys.stdout, lineterminator="\n")

def datasets():
    return sorted(d for d in os.listdir(root) if os.path.isfile(os.path.join(root, d, "dataset.toml")))

def meta(d):
    with open(os.path.join(root, d, "dataset.toml"), "rb") as f:
        return tomllib.load(f)

def rows(path):
    with open(path, newline="", encoding="utf-8") as f:
        yield from csv.DictReader(f)

def indicator_stats(d, ind):
    codes, years = set(), set()
    for r in rows(os.path.join(root, d, ind["file"])):
        if r.get("value"):
            codes.add(r["iso3"]); years.add(int(r["year"]))
    return codes, years

if task == "datasets":
    out.writerow(["id", "title", "indicators", "countries", "years"])
    for d in datasets():
        m = meta(d); codes, years = set(), set()
        for ind in m.get("indicator", []):
            c, y = indicator_stats(d, ind); codes |= c; years |= y
        if d == "countries":
            codes = {r["iso3"] for r in rows(os.path.join(root, d, "countries.csv"))}
        span = f"{min(years)}-{max(years)}" if years else ""
        out.writerow([d, m["title"], len(m.get("indicator", [])), len(codes), span])
elif task == "indicators":
    out.writerow(["id", "title", "unit", "years", "countries"])
    for d in datasets():
        for ind in meta(d).get("indicator", []):
            c, y = indicator_stats(d, ind)
            out.writerow([f"{d}.{ind['id']}", ind["title"], ind["unit"], f"{min(y)}-{max(y)}", len(c)])
elif task == "countries":
    group = args[0]
    members = {r["iso3"] for r in rows(os.path.join(root, "countries", "memberships.csv"))
               if r["group"] == group and not r["until"]}
    out.writerow(["iso3", "name"])
    for r in rows(os.path.join(root, "countries", "countries.csv")):
        if r["iso3"] in members:
            out.writerow([r["iso3"], r["name"]])
elif task == "groups":
    counts = {}
    for r in rows(os.path.join(root, "countries", "memberships.csv")):
        if not r["until"]:
            counts[r["group"]] = counts.get(r["group"], 0) + 1
    out.writerow(["id", "name", "members"])
    for r in rows(os.path.join(root, "countries", "groups.csv")):
        out.writerow([r["id"], r["name"], counts.get(r["id"], 0)])
elif task == "resolve":
    names = {}
    for r in rows(os.path.join(root, "countries", "countries.csv")):
        names[r["iso3"].casefold()] = r["iso3"]; names[r["name"].casefold()] = r["iso3"]
    for r in rows(os.path.join(root, "countries", "aliases.csv")):
        names[r["alias"].casefold()] = r["code"]
    out.writerow(["input", "iso3"])
    for n in args:
        key = n.casefold()
        if key not in names:
            try:
                key = n.encode("latin-1").decode("utf-8").casefold()
            except (UnicodeError, ValueError):
                pass
        out.writerow([n, names.get(key, "")])
elif task == "validate":
    known = {r["iso3"] for r in rows(os.path.join(root, "countries", "countries.csv"))}
    known |= {r["code"] for r in rows(os.path.join(root, "countries", "aggregates.csv"))}
    findings = 0
    for d in datasets():
        for ind in meta(d).get("indicator", []):
            seen = set()
            for line, r in enumerate(rows(os.path.join(root, d, ind["file"])), start=2):
                key = (r["iso3"], r["year"], r.get("published", ""))
                if key in seen or r["iso3"] not in known:
                    findings += 1
                seen.add(key)
                int(r["year"])
                if r.get("value"):
                    float(r["value"])
    out.writerow(["finding"])
    sys.exit(1 if findings else 0)
elif task == "rank":
    ind, year = args[0].split(".", 1), args[1]
    data = [(float(r["value"]), r["iso3"], r.get("published_rank", ""))
            for r in rows(os.path.join(root, ind[0], ind[1] + ".csv"))
            if r["year"] == year and r["value"]]
    data.sort(key=lambda t: -t[0])
    out.writerow(["rank", "iso3", "value", "published_rank"])
    rank = 0
    for i, (v, c, p) in enumerate(data):
        if i == 0 or v != data[i - 1][0]:
            rank = i + 1
        out.writerow([rank, c, v, p])
else:
    sys.exit(f"unknown task {task}")
"#;

/// One benchmarked command: its label, innodex arguments, and the baseline task arguments.
struct Case {
    label: &'static str,
    innodex: Vec<&'static str>,
    baseline: Vec<&'static str>,
}

fn cases() -> Vec<Case> {
    let names = [
        "Korea, Rep.",
        "South Korea",
        "Chinese Taipei",
        "Türkiye",
        "TÃ¼rkiye",
        "Hong Kong (China)",
    ];
    let mut resolve = vec!["resolve"];
    resolve.extend(names);
    vec![
        Case {
            label: "datasets",
            innodex: vec!["datasets"],
            baseline: vec!["datasets"],
        },
        Case {
            label: "indicators",
            innodex: vec!["indicators"],
            baseline: vec!["indicators"],
        },
        Case {
            label: "countries --group NATO",
            innodex: vec!["countries", "--group", "NATO"],
            baseline: vec!["countries", "NATO"],
        },
        Case {
            label: "groups",
            innodex: vec!["groups"],
            baseline: vec!["groups"],
        },
        Case {
            label: "resolve (6 names)",
            innodex: resolve.clone(),
            baseline: resolve,
        },
        Case {
            label: "validate",
            innodex: vec!["validate"],
            baseline: vec!["validate"],
        },
        Case {
            label: "rank gii.score --year 2021",
            innodex: vec!["rank", "gii.score", "--year", "2021"],
            baseline: vec!["rank", "gii.score", "2021"],
        },
    ]
}

/// Runs a command `runs` times after the warm-ups; returns the sorted wall times.
fn time_runs(program: &Path, args: &[String], runs: usize) -> Result<Vec<Duration>, String> {
    let mut times = Vec::with_capacity(runs);
    for i in 0..WARM_UPS + runs {
        let start = Instant::now();
        let status = Command::new(program)
            .args(args)
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::piped())
            .output()
            .map_err(|e| format!("{}: {e}", program.display()))?;
        let elapsed = start.elapsed();
        if !status.status.success() {
            return Err(format!(
                "{} {:?} exited with {}: {}",
                program.display(),
                args,
                status.status,
                String::from_utf8_lossy(&status.stderr).trim()
            ));
        }
        if i >= WARM_UPS {
            times.push(elapsed);
        }
    }
    times.sort();
    Ok(times)
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1000.0
}

fn median(sorted: &[Duration]) -> Duration {
    let n = sorted.len();
    if n % 2 == 1 {
        sorted[n / 2]
    } else {
        (sorted[n / 2 - 1] + sorted[n / 2]) / 2
    }
}

fn default_bin() -> PathBuf {
    let target = std::env::var_os("CARGO_TARGET_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| Path::new(env!("CARGO_MANIFEST_DIR")).join("target"));
    target.join("release").join("innodex")
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
        .unwrap_or(15);
    let datasets = Path::new(env!("CARGO_MANIFEST_DIR")).join("datasets");
    let python = PathBuf::from(std::env::var_os("PYTHON").unwrap_or_else(|| "python3".into()));
    let script_file = tempfile::Builder::new()
        .prefix("innodex-baseline-")
        .suffix(".py")
        .tempfile()
        .expect("temporary file for the baseline script");
    std::fs::write(script_file.path(), BASELINE_PY).expect("write the baseline script");
    let script = script_file.path().to_string_lossy().into_owned();
    let data = datasets.to_string_lossy().into_owned();

    println!(
        "innodex: {} ({runs} runs after {WARM_UPS} warm-ups, embedded data, CSV to /dev/null)",
        bin.display()
    );
    println!(
        "baseline: {} + standard-library script over {data}",
        python.display()
    );
    println!();
    println!(
        "{:<28} {:>9} {:>9} {:>9}   {:>9} {:>9} {:>9}   {:>6}",
        "command", "median", "min", "max", "py median", "py min", "py max", "ratio"
    );
    for case in cases() {
        let mut args: Vec<String> = case.innodex.iter().map(|s| s.to_string()).collect();
        args.extend(["--format".into(), "csv".into()]);
        let ours = match time_runs(&bin, &args, runs) {
            Ok(t) => t,
            Err(e) => {
                println!("{:<28} failed: {e}", case.label);
                continue;
            }
        };
        let mut pargs = vec![script.clone(), data.clone()];
        pargs.extend(case.baseline.iter().map(|s| s.to_string()));
        let base = time_runs(&python, &pargs, runs);
        let (m, lo, hi) = (median(&ours), ours[0], ours[ours.len() - 1]);
        match base {
            Ok(b) => {
                let bm = median(&b);
                println!(
                    "{:<28} {:>7.1}ms {:>7.1}ms {:>7.1}ms   {:>7.1}ms {:>7.1}ms {:>7.1}ms   {:>6.2}",
                    case.label,
                    ms(m),
                    ms(lo),
                    ms(hi),
                    ms(bm),
                    ms(b[0]),
                    ms(b[b.len() - 1]),
                    ms(m) / ms(bm)
                );
            }
            Err(e) => println!(
                "{:<28} {:>7.1}ms {:>7.1}ms {:>7.1}ms   baseline failed: {e}",
                case.label,
                ms(m),
                ms(lo),
                ms(hi)
            ),
        }
    }
    println!();
    println!(
        "ratio = innodex median / baseline median (below 1: innodex is faster). No assertions."
    );
}
