//! Benchmark of `innodex import` on WDI-bulk-shaped files against python-polars reading and
//! unpivoting the same file to non-null long rows: whole processes, run alternately, medians,
//! ratios and each process's peak RSS (from `wait4`). Then `indicators` and `rank` on the
//! imported dataset.
//!
//! Make the inputs (numpy needed) and run:
//! ```text
//! python3 ../shared/bench/make_wdi_bulk.py --out /tmp/WDICSV.csv
//! python3 ../shared/bench/make_wdi_bulk.py --out /tmp/WDI_small.csv --indicators 150
//! cargo build --release && cargo bench --bench import
//! ```
//! Environment: `IMPORT_BENCH_FILES` (comma-separated, default `/tmp/WDI_small.csv,/tmp/WDICSV.csv`),
//! `IMPORT_BENCH_RUNS` (default 3), `INNODEX_BIN`, `PYTHON` (default `python3`, needs `polars`).
//! Under `cargo test --all-targets` this program is run without `--bench` and returns at once.
#![allow(clippy::print_stdout, clippy::print_stderr)] // reports what was measured

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

/// One whole-process run: wall time, peak RSS in bytes, stdout.
struct Run {
    time: Duration,
    rss: u64,
    stdout: String,
}

fn run(program: &Path, args: &[String]) -> Result<Run, String> {
    let start = Instant::now();
    let child = Command::new(program)
        .args(args)
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .map_err(|e| format!("{}: {e}", program.display()))?;
    let pid = child.id() as libc::pid_t;
    let out = child.wait_with_output_rusage(pid)?;
    let time = start.elapsed();
    if out.0 != 0 {
        return Err(format!(
            "{} {args:?} exited {}: {}",
            program.display(),
            out.0,
            out.2
        ));
    }
    Ok(Run {
        time,
        rss: out.3,
        stdout: out.1,
    })
}

trait WaitRusage {
    /// (exit code, stdout, stderr, peak RSS bytes)
    fn wait_with_output_rusage(
        self,
        pid: libc::pid_t,
    ) -> Result<(i32, String, String, u64), String>;
}

impl WaitRusage for std::process::Child {
    fn wait_with_output_rusage(
        mut self,
        pid: libc::pid_t,
    ) -> Result<(i32, String, String, u64), String> {
        use std::io::Read;
        let mut so = self.stdout.take().ok_or("no stdout")?;
        let mut se = self.stderr.take().ok_or("no stderr")?;
        let err_reader = std::thread::spawn(move || {
            let mut s = String::new();
            let _ = se.read_to_string(&mut s);
            s
        });
        let mut stdout = String::new();
        let _ = so.read_to_string(&mut stdout);
        let stderr = err_reader.join().unwrap_or_default();
        let mut status = 0;
        // SAFETY: rusage is plain data, filled by the kernel; pid is our own child.
        let mut usage: libc::rusage = unsafe { std::mem::zeroed() };
        let rc = unsafe { libc::wait4(pid, &mut status, 0, &mut usage) };
        if rc != pid {
            return Err("wait4 failed".into());
        }
        let code = if libc::WIFEXITED(status) {
            libc::WEXITSTATUS(status)
        } else {
            -1
        };
        Ok((code, stdout, stderr, usage.ru_maxrss as u64 * 1024))
    }
}

fn median(mut v: Vec<f64>) -> f64 {
    v.sort_by(|a, b| a.total_cmp(b));
    let n = v.len();
    if n % 2 == 1 {
        v[n / 2]
    } else {
        (v[n / 2 - 1] + v[n / 2]) / 2.0
    }
}

fn default_bin() -> PathBuf {
    if let Some(b) = std::env::var_os("INNODEX_BIN") {
        return b.into();
    }
    let target =
        std::env::var_os("CARGO_TARGET_DIR").map_or_else(|| PathBuf::from("target"), PathBuf::from);
    target.join("release/innodex")
}

/// Observations written, from the imported dataset's coverage.csv: the sum over its indicator
/// rows (the `*` row is the whole dataset's total and is not added again).
fn observations(dataset: &Path) -> u64 {
    let text = std::fs::read_to_string(dataset.join("coverage.csv")).unwrap_or_default();
    text.lines()
        .skip(1)
        .filter(|l| !l.starts_with("*,"))
        .filter_map(|l| l.split(',').nth(3)?.parse::<u64>().ok())
        .sum()
}

fn mb(b: u64) -> f64 {
    b as f64 / 1e6
}

fn main() {
    if !std::env::args().any(|a| a == "--bench") {
        println!(
            "benches/import: run with `cargo bench --bench import` (skipped under cargo test)"
        );
        return;
    }
    let bin = default_bin();
    let python = PathBuf::from(std::env::var("PYTHON").unwrap_or_else(|_| "python3".into()));
    let script = Path::new(env!("CARGO_MANIFEST_DIR")).join("benches/polars_unpivot.py");
    let runs: usize = std::env::var("IMPORT_BENCH_RUNS")
        .ok()
        .and_then(|r| r.parse().ok())
        .unwrap_or(3);
    let files = std::env::var("IMPORT_BENCH_FILES")
        .unwrap_or_else(|_| "/tmp/WDI_small.csv,/tmp/WDICSV.csv".into());
    println!("innodex: {}  runs: {runs}", bin.display());
    let mut per_file: Vec<(u64, f64)> = vec![];
    for file in files.split(',').filter(|f| !f.is_empty()) {
        let path = PathBuf::from(file);
        let Ok(meta) = std::fs::metadata(&path) else {
            println!("{file}: missing (see the doc comment for how to make it); skipped");
            continue;
        };
        let size = meta.len();
        let work = tempfile::tempdir().expect("temporary folder");
        let data = work.path().join("data");
        let import_args: Vec<String> = vec![
            "import".into(),
            file.into(),
            "--dataset".into(),
            "wdi".into(),
            "--data".into(),
            data.display().to_string(),
            "--replace".into(),
        ];
        let py_args = vec![script.display().to_string(), file.to_string()];
        let (mut ours, mut theirs, mut rss_o, mut rss_t) = (vec![], vec![], 0u64, 0u64);
        let (mut obs, mut rows) = (0u64, 0u64);
        for _ in 0..runs {
            match run(&bin, &import_args) {
                Ok(r) => {
                    ours.push(r.time.as_secs_f64());
                    rss_o = rss_o.max(r.rss);
                    obs = observations(&data.join("wdi"));
                }
                Err(e) => {
                    println!("innodex failed: {e}");
                    return;
                }
            }
            match run(&python, &py_args) {
                Ok(r) => {
                    theirs.push(r.time.as_secs_f64());
                    rss_t = rss_t.max(r.rss);
                    rows = r.stdout.trim().parse().unwrap_or(0);
                }
                Err(e) => println!("python-polars baseline skipped: {e}"),
            }
        }
        let (mo, mt) = (
            median(ours),
            if theirs.is_empty() {
                f64::NAN
            } else {
                median(theirs)
            },
        );
        println!("\n{file}: {:.1} MB", mb(size));
        println!(
            "  innodex import        median {mo:7.3} s   peak RSS {:7.1} MB ({:.2}x file)",
            mb(rss_o),
            rss_o as f64 / size as f64
        );
        println!(
            "  python-polars unpivot median {mt:7.3} s   peak RSS {:7.1} MB ({:.2}x file)",
            mb(rss_t),
            rss_t as f64 / size as f64
        );
        println!("  ratio innodex/python-polars: {:.2}x", mo / mt);
        println!(
            "  observations written {obs}; python-polars non-null long rows {rows}: {}",
            if obs == rows { "equal" } else { "DIFFERENT" }
        );
        per_file.push((size, mo));
        // Read commands on the imported dataset.
        let d = data.display().to_string();
        let first = std::fs::read_to_string(data.join("wdi/coverage.csv"))
            .ok()
            .and_then(|t| {
                t.lines()
                    .nth(1)
                    .and_then(|l| l.split(',').next())
                    .map(str::to_string)
            });
        let mut cmds: Vec<(String, Vec<String>)> = vec![(
            "indicators --data".into(),
            vec![
                "indicators".into(),
                "--data".into(),
                d.clone(),
                "--format".into(),
                "csv".into(),
            ],
        )];
        if let Some(id) = first {
            cmds.push((
                format!("rank wdi.{id} --data"),
                vec![
                    "rank".into(),
                    format!("wdi.{id}"),
                    "--data".into(),
                    d.clone(),
                    "--format".into(),
                    "csv".into(),
                ],
            ));
        }
        for (name, args) in cmds {
            let times: Vec<f64> = (0..runs.max(5))
                .filter_map(|_| run(&bin, &args).map_err(|e| println!("  {name}: {e}")).ok())
                .map(|r| r.time.as_secs_f64())
                .collect();
            if !times.is_empty() {
                println!("  {name:<24} median {:7.1} ms", median(times) * 1e3);
            }
        }
    }
    if per_file.len() >= 2 {
        let (s0, t0) = per_file[0];
        let (s1, t1) = per_file[per_file.len() - 1];
        println!(
            "\nsize grew {:.2}x, innodex time grew {:.2}x",
            s1 as f64 / s0 as f64,
            t1 / t0
        );
    }
}
