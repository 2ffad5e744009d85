//! Interruption: `innodex run --all --out-dir D` killed with SIGKILL at several moments (early,
//! late, and while outputs are being moved into place) leaves every file in D whole — the
//! previous version or the new one — and `manifest.json` either absent or describing exactly
//! the files beside it.

use std::collections::BTreeMap;
use std::path::Path;
use std::process::Child;
use std::time::{Duration, Instant};

use crate::command;

fn start_run(out_dir: &Path) -> Child {
    command()
        .args(["run", "--all", "-q", "--out-dir"])
        .arg(out_dir)
        .spawn()
        .expect("innodex starts")
}

/// The visible files of a folder with their bytes.
fn visible_files(dir: &Path) -> BTreeMap<String, Vec<u8>> {
    std::fs::read_dir(dir)
        .expect("read_dir")
        .flatten()
        .filter_map(|e| {
            let name = e.file_name().to_string_lossy().into_owned();
            (!name.starts_with('.')).then(|| (name, std::fs::read(e.path()).expect("read")))
        })
        .collect()
}

fn marker(name: &str) -> Vec<u8> {
    format!("previous {name}\n").into_bytes()
}

/// Checks the state of `dir` after a kill against the previous markers and the complete run.
fn check_state(dir: &Path, fresh: &BTreeMap<String, Vec<u8>>, when: &str) {
    let now = visible_files(dir);
    assert_eq!(
        now.get("keep.txt").map(Vec::as_slice),
        Some(&b"mine\n"[..]),
        "{when}"
    );
    let (mut old, mut new) = (0, 0);
    for (name, bytes) in &now {
        if name == "keep.txt" {
            continue;
        }
        let expected_new = fresh
            .get(name)
            .unwrap_or_else(|| panic!("{when}: unexpected file {name}"));
        if *bytes == marker(name) {
            old += 1;
        } else if bytes == expected_new {
            new += 1;
        } else {
            panic!("{when}: {name} is neither the previous nor the complete new file");
        }
    }
    let outputs = fresh.len() - 1; // without manifest.json
    match now.get("manifest.json") {
        Some(m) if *m == marker("manifest.json") => {
            assert_eq!(old, outputs + 1, "{when}: old manifest beside new outputs")
        }
        Some(_) => assert_eq!(new, outputs + 1, "{when}: new manifest beside old outputs"),
        None => assert_eq!(old + new, outputs, "{when}: an output is missing"),
    }
}

fn write_markers(dir: &Path, fresh: &BTreeMap<String, Vec<u8>>) {
    for name in fresh.keys() {
        std::fs::write(dir.join(name), marker(name)).expect("write marker");
    }
}

#[test]
fn interrupted_run_all_leaves_whole_files() {
    let tmp = tempfile::tempdir().expect("tempdir");
    // The complete outputs, from an uninterrupted run.
    let reference = tmp.path().join("reference");
    let t0 = Instant::now();
    let status = start_run(&reference).wait().expect("wait");
    assert!(status.success());
    let took = t0.elapsed();
    let fresh = visible_files(&reference);
    assert!(fresh.len() > 20 && fresh.contains_key("manifest.json"));

    let dir = tmp.path().join("d");
    std::fs::create_dir_all(&dir).expect("mkdir");
    std::fs::write(dir.join("keep.txt"), "mine\n").expect("write");
    // Killed while the queries run: every previous output intact.
    for fraction in [0.3, 0.8] {
        write_markers(&dir, &fresh);
        let mut child = start_run(&dir);
        std::thread::sleep(took.mul_f64(fraction));
        let _ = child.kill(); // SIGKILL
        let _ = child.wait();
        check_state(&dir, &fresh, &format!("killed at {fraction} of the run"));
    }
    // Killed the moment the old manifest goes (outputs are being moved into place).
    write_markers(&dir, &fresh);
    let mut child = start_run(&dir);
    let manifest = dir.join("manifest.json");
    let deadline = Instant::now() + took * 5 + Duration::from_secs(60);
    while std::fs::read(&manifest).is_ok_and(|m| m == marker("manifest.json"))
        && Instant::now() < deadline
    {
        std::thread::sleep(Duration::from_micros(200));
    }
    let _ = child.kill();
    let _ = child.wait();
    check_state(&dir, &fresh, "killed while moving outputs into place");

    // A run after the kills completes and leaves exactly the new outputs (and the user's file).
    assert!(start_run(&dir).wait().expect("wait").success());
    let mut expected = fresh.clone();
    expected.insert("keep.txt".into(), b"mine\n".to_vec());
    assert_eq!(visible_files(&dir), expected);
}
