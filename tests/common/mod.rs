//! Helpers shared by the integration test binaries: running the real binary, and SVG snapshots.

#![allow(dead_code)] // each test binary uses a subset

use std::path::Path;
use std::process::Command;

/// Runs `innodex` from the package root: (exit code, stdout, stderr).
pub fn innodex(args: &[&str]) -> (i32, String, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_innodex"))
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .args(args)
        .output()
        .expect("run innodex");
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

/// Compares `actual` with `tests/snapshots/NAME`; `UPDATE_SNAPSHOTS=1` writes it instead.
/// A difference fails with the first differing line.
pub fn assert_snapshot(name: &str, actual: &str) {
    let snap = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/snapshots")
        .join(name);
    if std::env::var("UPDATE_SNAPSHOTS").as_deref() == Ok("1") {
        std::fs::create_dir_all(snap.parent().expect("parent")).expect("mkdir");
        std::fs::write(&snap, actual).expect("write snapshot");
        return;
    }
    let expected = std::fs::read_to_string(&snap).unwrap_or_else(|_| {
        panic!(
            "missing snapshot {}; run with UPDATE_SNAPSHOTS=1 to create it",
            snap.display()
        )
    });
    if expected != actual {
        let line = expected
            .lines()
            .zip(actual.lines())
            .position(|(a, b)| a != b)
            .unwrap_or(expected.lines().count().min(actual.lines().count()));
        panic!(
            "{} differs at line {}:\n  expected: {}\n  actual:   {}\nIf the change is intended, rerun with UPDATE_SNAPSHOTS=1.",
            snap.display(),
            line + 1,
            expected.lines().nth(line).unwrap_or("<end>"),
            actual.lines().nth(line).unwrap_or("<end>"),
        );
    }
}
