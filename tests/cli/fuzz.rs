//! Property tests (proptest, stable Rust) over the dataset folder loader and checks, the
//! observation CSV loader and the query file parser: random mutations of valid files and random
//! bytes must give a result or an error — never a panic or a hang — and an accepted observation
//! file without quotes keeps every row.
//!
//! Short run in `cargo test` (100 cases each). Long run, e.g.:
//! `PROPTEST_CASES=200000 cargo test --offline --test cli fuzz:: -- --test-threads 3`
//! A watchdog aborts the process when one case takes longer than 20 s (a hang).

use super::{copy_dir, fixture_dir};
use innodex::catalog::folder_check::parse_meta_checked;
use innodex::catalog::load::CsvTable;
use innodex::catalog::metadata::OBS_REQUIRED;
use innodex::catalog::source::decode_text;
use innodex::catalog::{check, Catalog, Countries, DataSource};
use proptest::prelude::*;
use proptest::test_runner::Config;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};

const TOML: &str = "id = \"t\"\ntitle = \"Test\"\npublisher = \"p\"\nlicence = \"CC0-1.0\"\nretrieved = \"2026-11-28\"\nnotes = [\"n\"]\n\n[[indicator]]\nid = \"v\"\ntitle = \"Value\"\nunit = \"u\"\nhigher_is_better = true\nyear_kind = \"data\"\ndecimals = 2\nfile = \"v.csv\"\n\n[indicator.publication]\nyear_offset = 1\nmonth = 6\nbasis = \"b\"\n";
const CSV: &str = "iso3,year,value,published_rank,published,note\nKOR,2021,4.5,1,2022-01-05,a\nDEU,2021,3.25,2,2022-01,\"b, c\"\nJPN,2021,,3,,\nDEU,2020,3.1,,,\n";
const QUERY: &str = "title = \"q\"\ndescription = \"d\"\n\n[[step]]\nargs = [\"rank\", \"t.v\", \"--year\", \"2021\"]\noutput = \"a.csv\"\n\n[[step]]\nargs = [\"chart\", \"bar\", \"t.v\"]\noutput = \"b.png\"\n";

/// Pieces that tend to break parsers, inserted by the mutations.
const TOKENS: &[&str] = &[
    "\"",
    "'",
    "[",
    "]]",
    "[[indicator]]\n",
    "=",
    "\n",
    "\r",
    "\r\n",
    ",",
    "..",
    "/",
    "\\",
    "#",
    "\u{1b}",
    "\u{0}",
    "\u{feff}",
    "1e400",
    "-1",
    "NaN",
    "0",
    "13",
    "month = 0\n",
    "file = \"../x.csv\"\n",
    "file = \"/etc/passwd\"\n",
    "id = \"v\"\n",
    "\"\"\"",
    "{",
    "}",
    "XXX",
    "9999999999999999999999",
    "\u{202e}",
    "é",
    "\u{2212}",
    "run",
    "curate",
    "-o",
    "--data",
    "manifest.json",
    "[[step]]\n",
];

#[derive(Debug, Clone)]
enum Mutation {
    Insert(usize, usize),
    Delete(usize, usize),
    Bytes(usize, Vec<u8>),
    Duplicate(usize, usize),
}

fn mutation() -> impl Strategy<Value = Mutation> {
    prop_oneof![
        (any::<usize>(), 0..TOKENS.len()).prop_map(|(p, t)| Mutation::Insert(p, t)),
        (any::<usize>(), 0usize..40).prop_map(|(p, n)| Mutation::Delete(p, n)),
        (any::<usize>(), proptest::collection::vec(any::<u8>(), 1..6))
            .prop_map(|(p, b)| Mutation::Bytes(p, b)),
        (any::<usize>(), 0usize..60).prop_map(|(p, n)| Mutation::Duplicate(p, n)),
    ]
}

fn mutate(base: &str, mutations: &[Mutation]) -> Vec<u8> {
    let mut v = base.as_bytes().to_vec();
    for m in mutations {
        let at = |p: usize, len: usize| if len == 0 { 0 } else { p % (len + 1) };
        match m {
            Mutation::Insert(p, t) => {
                let i = at(*p, v.len());
                v.splice(i..i, TOKENS[*t].bytes());
            }
            Mutation::Delete(p, n) => {
                let i = at(*p, v.len());
                let end = (i + n).min(v.len());
                v.drain(i..end);
            }
            Mutation::Bytes(p, b) => {
                let i = at(*p, v.len());
                v.splice(i..i, b.iter().copied());
            }
            Mutation::Duplicate(p, n) => {
                let i = at(*p, v.len());
                let end = (i + n).min(v.len());
                let piece = v[i..end].to_vec();
                v.splice(end..end, piece);
            }
        }
    }
    v
}

fn config() -> Config {
    let cases = std::env::var("PROPTEST_CASES")
        .ok()
        .and_then(|c| c.parse().ok())
        .unwrap_or(100);
    Config {
        cases,
        failure_persistence: None,
        ..Config::default()
    }
}

/// Aborts the process when no case has finished for 20 s (a hang); stops when dropped.
struct Watchdog {
    start: Instant,
    last: Arc<AtomicU64>,
    done: Arc<AtomicBool>,
}

impl Watchdog {
    fn new(name: &'static str) -> Self {
        let start = Instant::now();
        let last = Arc::new(AtomicU64::new(0));
        let done = Arc::new(AtomicBool::new(false));
        let (l, d) = (last.clone(), done.clone());
        std::thread::spawn(move || {
            while !d.load(Ordering::SeqCst) {
                std::thread::sleep(Duration::from_millis(500));
                let now = start.elapsed().as_millis() as u64;
                if now.saturating_sub(l.load(Ordering::SeqCst)) > 20_000
                    && !d.load(Ordering::SeqCst)
                {
                    let _ = writeln!(
                        std::io::stderr(),
                        "fuzz {name}: one case ran longer than 20 s: a hang"
                    );
                    std::process::abort();
                }
            }
        });
        Watchdog { start, last, done }
    }

    fn tick(&self) {
        self.last
            .fetch_max(self.start.elapsed().as_millis() as u64, Ordering::SeqCst);
    }
}

impl Drop for Watchdog {
    fn drop(&mut self) {
        self.done.store(true, Ordering::SeqCst);
    }
}

/// A data folder: the fixture countries and dataset `t`.
fn folder() -> (tempfile::TempDir, PathBuf) {
    let tmp = tempfile::tempdir().expect("tempdir");
    let data = tmp.path().join("d");
    copy_dir(&fixture_dir().join("countries"), &data.join("countries"));
    std::fs::create_dir_all(data.join("t")).expect("mkdir");
    std::fs::write(data.join("t/dataset.toml"), TOML).expect("write");
    std::fs::write(data.join("t/v.csv"), CSV).expect("write");
    (tmp, data)
}

/// Opens the folder, loads every indicator, and runs validate: must not panic.
fn load_everything(data: &Path) -> Option<usize> {
    let source = DataSource::Dir(data.to_path_buf());
    let catalog = Catalog::open(source.clone()).ok()?;
    let countries = catalog.countries().ok()?;
    let _ = check::check(&source, countries);
    let mut n = None;
    for ind in catalog.indicators() {
        if let Ok(obs) = catalog.observations(&ind) {
            n = Some(obs.len());
        }
    }
    n
}

/// Every this many cases, the whole folder path too (open, validate, load), not only the
/// in-memory parsers and checks.
const FULL_EVERY: u64 = 25;

fn countries() -> Countries {
    Countries::load(&DataSource::Dir(fixture_dir())).expect("fixture countries")
}

#[test]
fn fuzz_dataset_toml_parser_and_checks() {
    let (_tmp, data) = folder();
    let dog = Watchdog::new("dataset.toml");
    let n = AtomicU64::new(0);
    proptest!(config(), |(ms in proptest::collection::vec(mutation(), 0..6))| {
        let bytes = mutate(TOML, &ms);
        if let Ok(text) = decode_text("t/dataset.toml", bytes.clone()) {
            let _ = parse_meta_checked(&DataSource::Embedded, "t", "t/dataset.toml".into(), text);
        }
        if n.fetch_add(1, Ordering::Relaxed).is_multiple_of(FULL_EVERY) {
            std::fs::write(data.join("t/dataset.toml"), &bytes).expect("write");
            let _ = load_everything(&data);
        }
        dog.tick();
    });
}

/// Non-blank lines after the header of quote-free text: the rows an accepted file must keep.
fn plain_rows(text: &[u8]) -> Option<usize> {
    let s = std::str::from_utf8(text).ok()?;
    if s.contains('"') {
        return None;
    }
    let s = s
        .trim_start_matches('\u{feff}')
        .replace("\r\n", "\n")
        .replace('\r', "\n");
    Some(
        s.lines()
            .filter(|l| !l.is_empty())
            .count()
            .saturating_sub(1),
    )
}

#[test]
fn fuzz_observation_csv_loader() {
    let (_tmp, data) = folder();
    let reference = countries();
    let dog = Watchdog::new("observations");
    let n = AtomicU64::new(0);
    proptest!(config(), |(ms in proptest::collection::vec(mutation(), 0..8))| {
        let bytes = mutate(CSV, &ms);
        let rows = plain_rows(&bytes);
        if let Ok(text) = decode_text("t/v.csv", bytes.clone()) {
            if let Ok(table) = CsvTable::parse("t/v.csv", &text, &OBS_REQUIRED) {
                let (obs, problems) = check::observation_file(&table, &reference, &[], false);
                if let (true, Some(rows)) = (problems.is_empty(), rows) {
                    prop_assert_eq!(obs.len(), rows, "rows lost from {:?}", text);
                }
            }
        }
        if n.fetch_add(1, Ordering::Relaxed).is_multiple_of(FULL_EVERY) {
            std::fs::write(data.join("t/v.csv"), &bytes).expect("write");
            // Through the catalog: an accepted file keeps every row.
            if let (Some(loaded), Some(rows)) = (load_everything(&data), rows) {
                prop_assert_eq!(loaded, rows, "rows lost from {:?}", String::from_utf8_lossy(&bytes));
            }
        }
        dog.tick();
    });
}

#[test]
fn fuzz_query_file_parser() {
    let dog = Watchdog::new("queries");
    proptest!(config(), |(ms in proptest::collection::vec(mutation(), 0..6))| {
        let text = String::from_utf8_lossy(&mutate(QUERY, &ms)).into_owned();
        if let Ok(query) = innodex::queries::parse("q", "q.toml", &text) {
            // An accepted query never runs queries nor writes outside the output folder.
            for step in &query.file.steps {
                prop_assert!(innodex::queries::check_output_name(&step.output).is_ok());
                prop_assert!(!step.output.contains('/') && step.output != "manifest.json");
                prop_assert!(innodex::cli::check_step_args(&step.args).is_ok());
            }
        }
        dog.tick();
    });
}
