//! The committed `datasets/` folder must be exactly what `innodex::curate::run` builds from the sources.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

fn files_under(root: &Path) -> BTreeSet<PathBuf> {
    let mut out = BTreeSet::new();
    let mut stack = vec![root.to_path_buf()];
    while let Some(dir) = stack.pop() {
        for entry in std::fs::read_dir(&dir).expect("readable folder") {
            let path = entry.expect("entry").path();
            if path.is_dir() {
                stack.push(path);
            } else {
                out.insert(path.strip_prefix(root).expect("under root").to_path_buf());
            }
        }
    }
    out
}

#[test]
fn committed_datasets_match_a_fresh_curation() {
    let sources = innodex::curate::default_sources_dir();
    if !sources.is_dir() {
        eprintln!("skipped: {} not found", sources.display());
        return;
    }
    let tmp = tempfile::tempdir().expect("tempdir");
    let out = tmp.path().join("datasets");
    let summary = innodex::curate::run(&sources, &out).expect("curation succeeds");
    assert!(!summary.datasets.is_empty());

    let committed = Path::new(env!("CARGO_MANIFEST_DIR")).join("datasets");
    let fresh = files_under(&out);
    let old = files_under(&committed);
    let mut problems = Vec::new();
    for f in fresh.difference(&old) {
        problems.push(format!("missing from datasets/: {}", f.display()));
    }
    for f in old.difference(&fresh) {
        problems.push(format!(
            "extra in datasets/ (not produced): {}",
            f.display()
        ));
    }
    for f in fresh.intersection(&old) {
        let a = std::fs::read(out.join(f)).expect("fresh file");
        let b = std::fs::read(committed.join(f)).expect("committed file");
        if a != b {
            problems.push(format!("differs: {}", f.display()));
        }
    }
    assert!(
        problems.is_empty(),
        "datasets/ is out of date with the sources (rerun `cargo test --test curated_datasets -- --ignored regenerate`):\n{}",
        problems.join("\n")
    );
}

/// Rewrites `<manifest>/datasets` from the sources. Run on purpose only.
#[test]
#[ignore]
fn regenerate() {
    let sources = innodex::curate::default_sources_dir();
    let out = Path::new(env!("CARGO_MANIFEST_DIR")).join("datasets");
    let summary = innodex::curate::run(&sources, &out).expect("curation succeeds");
    for d in &summary.datasets {
        for f in &d.files {
            eprintln!("{}/{}: {} rows", d.id, f.file, f.rows);
        }
    }
}
