//! The committed `datasets/` folder (and the map geometry) must be exactly what
//! `innodex::curate::run` builds from `sources/`, and `sources/` a copy of the shared collection.
//! The facts checked in the curated data are in `curated_facts.rs`.
#![allow(clippy::print_stderr)] // reports what was skipped or regenerated

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use crate::{copy_dir, root};

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
    assert!(
        sources.is_dir(),
        "{} is missing: the repository's sources/ folder is part of the clone",
        sources.display()
    );
    let tmp = tempfile::tempdir().expect("tempdir");
    let out = tmp.path().join("datasets");
    let summary = innodex::curate::run(&sources, &out).expect("curation succeeds");
    assert!(!summary.datasets.is_empty());

    let committed = root().join("datasets");
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
        "datasets/ is out of date with sources/ (rerun `cargo run -- curate`, or `cargo test --test cli curated_datasets::regenerate -- --ignored`):\n{}",
        problems.join("\n")
    );
}

/// The embedded map geometry (`assets/geo/ne_110m.bin`) is what `curate` derives from
/// `sources/natural_earth/` (join rules of its SOURCES.md, see src/curate/geo.rs).
#[test]
fn the_map_geometry_matches_a_fresh_curation() {
    let sources = innodex::curate::default_sources_dir();
    let catalog = innodex::catalog::Catalog::embedded().expect("catalog");
    let countries = catalog.countries().expect("countries");
    let fresh = innodex::curate::geo::asset_bytes(&sources, &|c| countries.knows(c))
        .expect("the geometry builds");
    let committed =
        std::fs::read(root().join(innodex::geo::ASSET_PATH)).expect("the committed asset");
    assert!(
        fresh == committed,
        "{} is out of date with sources/natural_earth (rerun `cargo run -- curate`)",
        innodex::geo::ASSET_PATH
    );
    assert!(
        committed == innodex::geo::ASSET,
        "the binary embeds another asset"
    );
    // Deflating pays: the asset is smaller than its body (and far smaller than the GeoJSON).
    assert!(committed.len() < 40_000, "{} bytes", committed.len());
}

/// Rewrites `<manifest>/datasets` from the sources. Run on purpose only.
#[test]
#[ignore]
fn regenerate() {
    let sources = innodex::curate::default_sources_dir();
    let out = root().join("datasets");
    let summary = innodex::curate::run(&sources, &out).expect("curation succeeds");
    let catalog = innodex::catalog::Catalog::embedded().expect("catalog");
    let countries = catalog.countries().expect("countries");
    let geo = root().join(innodex::geo::ASSET_PATH);
    innodex::curate::geo::write_asset(&sources, &|c| countries.knows(c), &geo).expect("geometry");
    for d in &summary.datasets {
        for f in &d.files {
            eprintln!("{}/{}: {} rows", d.id, f.file, f.rows);
        }
    }
}

/// Files of `sources/` that are not part of the shared collection.
const OWN_FILES: [&str; 1] = ["README.md"];
/// Folders of the shared collection not (yet) brought into `sources/` (none: `natural_earth/`
/// came in with the map's geometry, issue 14).
const LEFT_OUT: [&str; 0] = [];

/// `sources/` must equal `../shared/sources/` byte for byte (where the machine has it), so that a
/// new or changed file there is brought in deliberately.
#[test]
fn sources_equal_the_shared_collection() {
    let ours = innodex::curate::default_sources_dir();
    let shared = root().join("../shared/sources");
    if !shared.is_dir() {
        eprintln!(
            "skipped: {} not found (a clone without the shared collection beside it); only sources/ is checked by the curation test",
            shared.display()
        );
        return;
    }
    let left_out = |p: &PathBuf| LEFT_OUT.iter().any(|d| p.starts_with(d));
    let theirs: BTreeSet<PathBuf> = files_under(&shared)
        .into_iter()
        .filter(|p| !left_out(p))
        .collect();
    let mine: BTreeSet<PathBuf> = files_under(&ours)
        .into_iter()
        .filter(|p| !OWN_FILES.iter().any(|f| p == Path::new(f)))
        .collect();
    let mut problems = Vec::new();
    for f in theirs.difference(&mine) {
        problems.push(format!(
            "only in ../shared/sources: {} (copy it into sources/)",
            f.display()
        ));
    }
    for f in mine.difference(&theirs) {
        problems.push(format!("only in sources/: {}", f.display()));
    }
    for f in theirs.intersection(&mine) {
        let a = std::fs::read(shared.join(f)).expect("shared file");
        let b = std::fs::read(ours.join(f)).expect("our file");
        if a != b {
            problems.push(format!(
                "differs: {} (copy it again from ../shared/sources)",
                f.display()
            ));
        }
    }
    assert!(
        problems.is_empty(),
        "sources/ is not a copy of ../shared/sources:\n{}",
        problems.join("\n")
    );
    assert!(theirs.len() > 20, "{} shared files", theirs.len());
}

#[test]
fn an_unresolvable_name_fails_the_run_and_leaves_out_untouched() {
    let sources = innodex::curate::default_sources_dir();
    let tmp = tempfile::tempdir().expect("tempdir");
    let src = tmp.path().join("sources");
    copy_dir(&sources, &src);
    // Appends a row to a copied source file and returns its line number.
    let append = |rel: &str, row: &str| {
        let path = src.join(rel);
        let mut text = std::fs::read_to_string(&path).expect("source");
        text.push_str(row);
        std::fs::write(&path, &text).expect("write");
        text.lines().count()
    };
    let lines = append(
        "wipo_gii/gii_rankings.csv",
        "2020,Atlantis,200,1.0,200,1.0,200,1.0,,x\n",
    ) - 1;
    let pillar = append(
        "wipo_gii/gii_pillars.csv",
        "2020,Narnia,,pillar,1,1.,Institutions,50.0,3,,gii_website_analysis_export,\n",
    );
    let eis = append(
        "european_innovation_scoreboard/eis2021_composite_scores.csv",
        "2021,Utopia,UT,XUT,false,2021,Linkages,dimension,0.5,Composite indicators,EIS2021_Database.xlsx\n",
    );
    let out = tmp.path().join("datasets");
    std::fs::create_dir_all(out.join("gii")).expect("mkdir");
    std::fs::write(out.join("gii/dataset.toml"), "old").expect("write");

    let err = innodex::curate::run(&src, &out).expect_err("Atlantis is unknown");
    let message = err.to_string();
    assert!(
        message.contains(&format!(
            "wipo_gii/gii_rankings.csv:{}: unknown economy name 'Atlantis'",
            lines + 1
        )),
        "{message}"
    );
    // Every unresolved name of the run is reported, each with its file and line.
    assert!(
        message.contains(&format!(
            "wipo_gii/gii_pillars.csv:{pillar}: unknown economy name 'Narnia'"
        )),
        "{message}"
    );
    assert!(
        message.contains(&format!(
            "european_innovation_scoreboard/eis2021_composite_scores.csv:{eis}: unknown code 'XUT' (name 'Utopia')"
        )),
        "{message}"
    );
    assert_eq!(
        std::fs::read_to_string(out.join("gii/dataset.toml")).expect("kept"),
        "old"
    );
    assert_eq!(files_under(&out).len(), 1, "nothing else written");
}
