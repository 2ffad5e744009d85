//! The shared helpers of the integration tests (the binary `tests/cli/`, which includes this
//! file as its `common` module): the one way to run `innodex` ([`command`], [`run`] and its
//! variants) and to read what it printed ([`Out`], [`Table`], [`csv_of`], [`json_of`]), plus
//! fixture paths and file helpers.

use std::path::{Path, PathBuf};
use std::process::Command;

/// The path of the `innodex` binary Cargo built for these tests.
pub fn bin() -> &'static str {
    env!("CARGO_BIN_EXE_innodex")
}

/// `innodex` as a process, not yet started: the one place the binary is launched from. `COLUMNS`
/// is removed so that table widths never depend on the terminal the tests are run from. A test
/// that needs more (an environment variable, a child to kill) sets it on the returned command
/// and reads the result with [`Out::of`].
pub fn command() -> Command {
    let mut cmd = Command::new(bin());
    cmd.env_remove("COLUMNS");
    cmd
}

/// What one run of the program produced.
#[derive(Debug)]
pub struct Out {
    pub code: i32,
    pub stdout: String,
    pub stderr: String,
}

impl Out {
    /// Runs `cmd` to its end and reads what it wrote: the one way output is read. The process
    /// must exit by itself (not by a signal) and write UTF-8 on both streams.
    pub fn of(cmd: &mut Command) -> Out {
        let out = cmd.output().expect("the program starts");
        Out {
            code: out.status.code().expect("exited normally, not by a signal"),
            stdout: String::from_utf8(out.stdout).expect("stdout is UTF-8"),
            stderr: String::from_utf8(out.stderr).expect("stderr is UTF-8"),
        }
    }
}

/// The repository root (where `datasets/` and `tests/fixtures/` live).
pub fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

/// The hand-made fixture datasets folder.
pub fn fixture_dir() -> PathBuf {
    root().join("tests/fixtures/datasets")
}

/// Runs `innodex ARGS` from a fresh empty folder (so nothing depends on the working directory).
pub fn run(args: &[&str]) -> Out {
    let cwd = tempfile::tempdir().expect("tempdir");
    run_in(cwd.path(), args)
}

/// Runs `innodex ARGS` in `cwd`.
pub fn run_in(cwd: &Path, args: &[&str]) -> Out {
    let mut cmd = command();
    cmd.args(args).current_dir(cwd);
    Out::of(&mut cmd)
}

/// Runs `innodex --data tests/fixtures/datasets ARGS`.
pub fn run_fixture(args: &[&str]) -> Out {
    let dir = fixture_dir();
    let mut all = vec!["--data", dir.to_str().expect("UTF-8 path")];
    all.extend_from_slice(args);
    run(&all)
}

/// Runs and insists on exit code 0 (printing stderr when not).
pub fn ok(out: Out) -> Out {
    assert_eq!(out.code, 0, "expected success; stderr: {}", out.stderr);
    out
}

/// A parsed CSV result: the header and the rows.
pub struct Table {
    pub header: Vec<String>,
    pub rows: Vec<Vec<String>>,
}

impl Table {
    pub fn parse(text: &str) -> Table {
        let mut r = csv::Reader::from_reader(text.as_bytes());
        let header = r
            .headers()
            .expect("CSV header")
            .iter()
            .map(String::from)
            .collect();
        let rows = r
            .records()
            .map(|rec| rec.expect("CSV row").iter().map(String::from).collect())
            .collect();
        Table { header, rows }
    }

    pub fn idx(&self, column: &str) -> usize {
        self.header
            .iter()
            .position(|h| h == column)
            .unwrap_or_else(|| panic!("no column {column} in {:?}", self.header))
    }

    /// One column's values, in row order.
    pub fn col(&self, column: &str) -> Vec<String> {
        let i = self.idx(column);
        self.rows.iter().map(|r| r[i].clone()).collect()
    }

    /// The given columns of every row, in row order.
    pub fn cols(&self, columns: &[&str]) -> Vec<Vec<String>> {
        let idx: Vec<usize> = columns.iter().map(|c| self.idx(c)).collect();
        self.rows
            .iter()
            .map(|r| idx.iter().map(|&i| r[i].clone()).collect())
            .collect()
    }
}

/// Runs and parses CSV output (the command must succeed).
pub fn csv_of(out: Out) -> Table {
    Table::parse(&ok(out).stdout)
}

/// Parses JSON output and returns (rows as objects, notes).
pub fn json_of(out: Out) -> (Vec<serde_json::Value>, Vec<String>) {
    let out = ok(out);
    let doc: serde_json::Value = serde_json::from_str(&out.stdout).expect("valid JSON");
    let rows = doc["rows"].as_array().expect("rows array").clone();
    let notes = doc["notes"]
        .as_array()
        .expect("notes array")
        .iter()
        .map(|n| n.as_str().expect("note text").to_string())
        .collect();
    (rows, notes)
}

/// Turns `&[["1","KOR"], …]` into owned rows for comparison with [`Table::cols`].
pub fn owned(rows: &[&[&str]]) -> Vec<Vec<String>> {
    rows.iter()
        .map(|r| r.iter().map(|s| s.to_string()).collect())
        .collect()
}

/// The ISO3 codes of the members of `group` at the end of `year`, read straight from
/// `datasets/countries/memberships.csv` (independent of the program): `since` (a date or a year)
/// on or before the year, and `until` empty or after it.
pub fn members_at_end_of(group: &str, year: i32) -> std::collections::BTreeSet<String> {
    let mut r = csv::Reader::from_path(root().join("datasets/countries/memberships.csv"))
        .expect("memberships.csv");
    let h = r.headers().expect("header").clone();
    let col = |n: &str| h.iter().position(|c| c == n).expect("column");
    let (g, iso3, since, until) = (col("group"), col("iso3"), col("since"), col("until"));
    let year_of = |s: &str| -> Option<i32> { s.get(..4).map(|y| y.parse().expect("year")) };
    let mut out = std::collections::BTreeSet::new();
    for rec in r.records() {
        let rec = rec.expect("row");
        if &rec[g] != group {
            continue;
        }
        let started = year_of(&rec[since]).is_none_or(|y| y <= year);
        let not_ended = year_of(&rec[until]).is_none_or(|y| y > year);
        if started && not_ended {
            out.insert(rec[iso3].to_string());
        }
    }
    out
}

/// Copies the folder `from` into `to` (created), recursively.
pub fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).expect("mkdir");
    for e in std::fs::read_dir(from).expect("read_dir") {
        let e = e.expect("entry");
        let target = to.join(e.file_name());
        if e.path().is_dir() {
            copy_dir(&e.path(), &target);
        } else {
            std::fs::copy(e.path(), &target).expect("copy");
        }
    }
}

/// True when `text` ends in exactly one newline and no other trailing whitespace. insta compares
/// text snapshots with trailing whitespace trimmed; snapshot tests check the ending with this,
/// so that together they pin every byte.
pub fn ends_in_one_newline(text: &str) -> bool {
    text.strip_suffix('\n').is_some_and(|t| t == t.trim_end())
}
