//! Regression tests for issue 12's classes of hostile input outside import files: query files
//! that escape, `curate --out`, dataset folders that read the wrong thing, slow "did you mean",
//! messages that echo input, and the loader enforcing what `validate` checks. Each test is named
//! after its class and builds its input in a temporary folder.

use super::{bin, copy_dir, fixture_dir, run, run_in, Out};
use std::path::{Path, PathBuf};

/// A copy of the fixture datasets folder (countries, demo, demo3) in a temporary folder.
pub fn fixture_copy() -> (tempfile::TempDir, PathBuf) {
    let tmp = tempfile::tempdir().expect("tempdir");
    let data = tmp.path().join("data");
    copy_dir(&fixture_dir(), &data);
    (tmp, data)
}

/// Replaces text in a file (which must contain it).
pub fn edit(path: &Path, from: &str, to: &str) {
    let text = std::fs::read_to_string(path).expect("read");
    assert!(text.contains(from), "{} lacks {from:?}", path.display());
    std::fs::write(path, text.replacen(from, to, 1)).expect("write");
}

fn data_run(data: &Path, args: &[&str]) -> Out {
    let mut all = vec!["--data", data.to_str().expect("UTF-8")];
    all.extend_from_slice(args);
    run(&all)
}

/// Every file and folder under `dir`, relative, sorted.
pub fn tree(dir: &Path) -> Vec<String> {
    let mut out = Vec::new();
    fn walk(base: &Path, dir: &Path, out: &mut Vec<String>) {
        if let Ok(rd) = std::fs::read_dir(dir) {
            for e in rd.flatten() {
                let p = e.path();
                out.push(p.strip_prefix(base).expect("prefix").display().to_string());
                if p.is_dir() {
                    walk(base, &p, out);
                }
            }
        }
    }
    walk(dir, dir, &mut out);
    out.sort();
    out
}

fn query(args: &str, output: &str) -> String {
    format!(
        "title = \"t\"\ndescription = \"d\"\n\n[[step]]\nargs = {args}\noutput = \"{output}\"\n"
    )
}

#[test]
fn query_files_that_escape_are_refused_at_parse_time() {
    let cases: &[(&str, &str, &str)] = &[
        (
            r#"["--format", "csv", "run", "q.toml"]"#,
            "a.csv",
            "cannot run queries",
        ),
        (r#"["run", "--all"]"#, "a.csv", "cannot run queries"),
        (r#"["-q", "queries"]"#, "a.csv", "cannot run queries"),
        (
            r#"["curate", "--out", "../x"]"#,
            "a.csv",
            "cannot curate or import",
        ),
        (
            r#"["import", "x.csv", "--dataset", "x"]"#,
            "a.csv",
            "cannot curate or import",
        ),
        (
            r#"["rank", "demo.rd", "-o", "../x.csv"]"#,
            "a.csv",
            "must not set -o",
        ),
        (
            r#"["rank", "demo.rd", "--output=x.csv"]"#,
            "a.csv",
            "must not set -o",
        ),
        (
            r#"["rank", "demo.rd", "-ox.csv"]"#,
            "a.csv",
            "must not set -o",
        ),
        (
            r#"["rank", "demo.rd", "--data", "/"]"#,
            "a.csv",
            "must not set --data",
        ),
        (
            r#"["rank", "demo.rd", "--out-dir", "/tmp"]"#,
            "a.csv",
            "not an innodex command line",
        ),
        (r#"["rank", "demo.rd"]"#, "manifest.json", "manifest.json"),
        (r#"["rank", "demo.rd"]"#, "MANIFEST.JSON", "manifest.json"),
        (r#"["rank", "demo.rd"]"#, "../a.csv", "is a path"),
        (r#"["rank", "demo.rd"]"#, "sub/a.csv", "is a path"),
        (r#"["rank", "demo.rd"]"#, "/tmp/a.csv", "is a path"),
        (r#"["rank", "demo.rd"]"#, ".hidden.csv", "hidden name"),
        (r#"["rank", "demo.rd"]"#, "a.exe", "no known extension"),
        (r#"["rank", "demo.rd"]"#, "", "output is empty"),
        (r#"[]"#, "a.csv", "not an innodex command line"),
    ];
    let (tmp, data) = fixture_copy();
    for (args, output, says) in cases {
        let q = tmp.path().join("q.toml");
        std::fs::write(&q, query(args, output)).expect("write query");
        let before = tree(tmp.path());
        let out = run_in(
            tmp.path(),
            &[
                "--data",
                data.to_str().expect("UTF-8"),
                "run",
                "q.toml",
                "--out-dir",
                "out",
            ],
        );
        assert_eq!(out.code, 1, "{args} -> {output}: {}", out.stderr);
        assert!(
            out.stderr.contains("q.toml: step 1: ") && out.stderr.contains(says),
            "{args} -> {output}: {}",
            out.stderr
        );
        // Refused before anything is written: no out folder, no staging folder.
        assert_eq!(tree(tmp.path()), before, "{args} wrote something");
    }
    // Two steps with one output (also differing in case only).
    let two = format!(
        "{}\n[[step]]\nargs = [\"rank\", \"demo.rd\"]\noutput = \"A.csv\"\n",
        query(r#"["rank", "demo.rd"]"#, "a.csv")
    );
    std::fs::write(tmp.path().join("q.toml"), two).expect("write");
    let out = run_in(tmp.path(), &["run", "q.toml", "--out-dir", "out"]);
    assert_eq!(out.code, 1);
    assert!(
        out.stderr
            .contains("q.toml: step 2: output 'A.csv' is already written by step 1"),
        "{}",
        out.stderr
    );
}

#[test]
fn query_files_that_escape_run_data_without_countries_uses_embedded_countries() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let data = tmp.path().join("data");
    copy_dir(&fixture_dir().join("demo"), &data.join("demo"));
    std::fs::write(
        tmp.path().join("q.toml"),
        query(r#"["rank", "demo.rd", "--year", "2021"]"#, "r.csv"),
    )
    .expect("write");
    let out = run_in(
        tmp.path(),
        &["--data", "data", "run", "q.toml", "--out-dir", "out", "-q"],
    );
    assert_eq!(out.code, 0, "{}", out.stderr);
    let csv = std::fs::read_to_string(tmp.path().join("out/r.csv")).expect("r.csv");
    let t = super::Table::parse(&csv);
    // demo/rd.csv, 2021 (by hand): KOR 4.91, DEU = JPN 3.30, FIN 2.99; names from the embedded
    // countries reference.
    assert_eq!(
        t.cols(&["rank", "iso3", "country", "value"]),
        super::owned(&[
            &["1", "KOR", "South Korea", "4.91"],
            &["2", "DEU", "Germany", "3.3"],
            &["2", "JPN", "Japan", "3.3"],
            &["4", "FIN", "Finland", "2.99"],
        ])
    );
    let manifest: serde_json::Value = serde_json::from_slice(
        &std::fs::read(tmp.path().join("out/manifest.json")).expect("manifest"),
    )
    .expect("json");
    let datasets = manifest["datasets"].as_array().expect("datasets");
    let countries = datasets
        .iter()
        .find(|d| d["id"] == "countries")
        .expect("countries listed");
    assert_eq!(countries["data"], "embedded datasets");
    let demo = datasets.iter().find(|d| d["id"] == "demo").expect("demo");
    assert!(demo["data"]
        .as_str()
        .expect("data")
        .starts_with("datasets in "));
}

#[test]
fn query_files_that_escape_step_errors_name_query_and_step_not_staging() {
    let (tmp, data) = fixture_copy();
    let text = format!(
        "{}\n[[step]]\nargs = [\"rank\", \"demo.nosuch\"]\noutput = \"b.csv\"\n",
        query(r#"["rank", "demo.rd"]"#, "a.csv")
    );
    std::fs::write(tmp.path().join("q.toml"), text).expect("write");
    let out = run_in(
        tmp.path(),
        &[
            "--data",
            data.to_str().expect("UTF-8"),
            "run",
            "q.toml",
            "--out-dir",
            "out",
        ],
    );
    assert_eq!(out.code, 2, "{}", out.stderr);
    assert!(
        out.stderr
            .starts_with("innodex: error: q.toml step 2: unknown indicator 'demo.nosuch'"),
        "{}",
        out.stderr
    );
    assert!(!out.stderr.contains(".innodex-run-"), "{}", out.stderr);
    // The failed run left the output folder empty: no outputs, no staging folder.
    assert_eq!(tree(&tmp.path().join("out")), Vec::<String>::new());
    // A data error inside a step (a step's chart to a bad size) says query and step too.
    std::fs::write(
        tmp.path().join("q.toml"),
        query(r#"["rank", "demo.rd", "--year", "1700"]"#, "a.csv"),
    )
    .expect("write");
    let out = run_in(
        tmp.path(),
        &[
            "--data",
            data.to_str().expect("UTF-8"),
            "run",
            "q.toml",
            "--out-dir",
            "out",
        ],
    );
    assert_ne!(out.code, 0);
    assert!(out.stderr.contains("q.toml"), "{}", out.stderr);
    assert!(out.stderr.contains("step 1"), "{}", out.stderr);
    assert!(!out.stderr.contains(".innodex-run-"), "{}", out.stderr);
}

#[test]
fn curate_out_writes_only_where_asked() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let sources = tmp.path().join("sources");
    std::fs::create_dir_all(sources.join("wipo_gii")).expect("mkdir");
    let home = tmp.path().join("home");
    std::fs::create_dir_all(&home).expect("mkdir");
    std::fs::write(home.join("notes.txt"), "mine").expect("write");
    let s = sources.to_str().expect("UTF-8");
    for (out_dir, says) in [
        (home.clone(), "is not a datasets folder ('notes.txt'"),
        (sources.clone(), "the sources folder"),
        (sources.join("wipo_gii"), "the sources folder"),
        (tmp.path().to_path_buf(), "the sources folder"),
        (home.join("notes.txt"), "is not a folder"),
    ] {
        let before = tree(tmp.path());
        let out = run(&[
            "curate",
            "--sources",
            s,
            "--out",
            out_dir.to_str().expect("UTF-8"),
        ]);
        assert_eq!(out.code, 2, "{}: {}", out_dir.display(), out.stderr);
        assert!(out.stderr.contains(says), "{}", out.stderr);
        assert_eq!(tree(tmp.path()), before, "wrote into {}", out_dir.display());
    }
}

#[test]
fn dataset_files_stay_inside_the_folder() {
    let outside = tempfile::tempdir().expect("tempdir");
    let x = outside.path().join("x.csv");
    std::fs::write(&x, "iso3,year,value\nTUR,2021,99\n").expect("write");
    let abs = x.to_str().expect("UTF-8").to_string();
    for (file, says) in [
        ("../../x.csv", "is not a plain file name"),
        (abs.as_str(), "is not a plain file name"),
        ("sub/rd.csv", "is not a plain file name"),
        ("./rd.csv", "is not a plain file name"),
        ("link.csv", "is a symbolic link to"),
    ] {
        let (_tmp, data) = fixture_copy();
        let toml = data.join("demo/dataset.toml");
        edit(&toml, "file = \"rd.csv\"", &format!("file = \"{file}\""));
        std::os::unix::fs::symlink(&x, data.join("demo/link.csv")).expect("symlink");
        for args in [&["rank", "demo.rd"][..], &["validate"][..]] {
            let out = data_run(&data, args);
            assert_eq!(out.code, 1, "{file}: {}", out.stderr);
            let place = format!("{}:17:8: indicator 'rd': file = ", toml.display());
            assert!(
                out.stderr.contains(&place) || out.stdout.contains(&place),
                "{file} {args:?}: {}{}",
                out.stdout,
                out.stderr
            );
            assert!(
                out.stderr.contains(says) || out.stdout.contains(says),
                "{}",
                out.stderr
            );
            assert!(!out.stdout.contains("TUR"), "read the outside file");
        }
    }
}

#[test]
fn duplicate_full_ids_name_both_places() {
    let (_tmp, data) = fixture_copy();
    let toml = data.join("demo/dataset.toml");
    edit(&toml, "id = \"index_rank\"", "id = \"rd\"");
    let out = data_run(&data, &["rank", "demo.rd"]);
    assert_eq!(out.code, 1);
    let t = toml.display();
    assert!(
        out.stderr.contains(&format!(
            "{t}:26:6: indicator id 'rd' is declared twice (first at {t}:11:6)"
        )),
        "{}",
        out.stderr
    );
    // `demo` + `x.rd` and `demo.x` + `rd`: both are demo.x.rd.
    let (_tmp, data) = fixture_copy();
    let toml = data.join("demo/dataset.toml");
    edit(&toml, "id = \"index_rank\"", "id = \"x.rd\"");
    copy_dir(&data.join("demo"), &data.join("demo.x"));
    let toml_x = data.join("demo.x/dataset.toml");
    edit(&toml_x, "id = \"demo\"", "id = \"demo.x\"");
    edit(&toml_x, "id = \"x.rd\"", "id = \"other\"");
    let out = data_run(&data, &["rank", "demo.x.rd"]);
    assert_eq!(out.code, 1, "{}", out.stderr);
    assert!(
        out.stderr.contains(&format!("{}:11:6: indicator 'rd' of dataset 'demo.x' has the full id 'demo.x.rd', as has indicator 'x.rd' of dataset 'demo' at {}:26:6", toml_x.display(), toml.display())),
        "{}",
        out.stderr
    );
}

#[test]
fn countries_folder_does_not_skip_code_checks() {
    let (_tmp, data) = fixture_copy();
    // A user's `countries` folder without countries.csv, declaring an indicator.
    let c = data.join("countries");
    std::fs::remove_dir_all(&c).expect("rm");
    std::fs::create_dir_all(&c).expect("mkdir");
    std::fs::write(
        c.join("dataset.toml"),
        "id = \"countries\"\ntitle = \"t\"\npublisher = \"p\"\nlicence = \"l\"\nretrieved = \"2026-01-01\"\n\n[[indicator]]\nid = \"v\"\ntitle = \"t\"\nunit = \"u\"\nhigher_is_better = true\nyear_kind = \"data\"\ndecimals = 0\nfile = \"v.csv\"\n",
    )
    .expect("write");
    std::fs::write(
        c.join("v.csv"),
        "iso3,year,value\nKOR,2021,1\nXXX,2021,100\n",
    )
    .expect("write");
    for args in [&["rank", "countries.v"][..], &["validate"][..]] {
        let out = data_run(&data, args);
        assert_eq!(out.code, 1, "{args:?}: {}{}", out.stdout, out.stderr);
        let all = format!("{}{}", out.stdout, out.stderr);
        assert!(
            all.contains("v.csv:3:1: unknown country code 'XXX'"),
            "{all}"
        );
    }
}

#[test]
fn publication_month_checked_by_loader() {
    for month in ["0", "13"] {
        let (_tmp, data) = fixture_copy();
        let toml = data.join("demo/dataset.toml");
        edit(&toml, "month = 6", &format!("month = {month}"));
        let out = data_run(&data, &["rank", "demo.rd", "--as-of", "2022-01-01"]);
        assert_eq!(out.code, 1);
        assert!(
            out.stderr.contains(&format!(
                "{}:22:9: indicator 'rd': publication.month = {month} is not a month; give 1–12",
                toml.display()
            )),
            "{}",
            out.stderr
        );
    }
}

#[test]
fn dataset_toml_that_is_a_folder_is_an_error() {
    let (_tmp, data) = fixture_copy();
    std::fs::create_dir_all(data.join("other/dataset.toml")).expect("mkdir");
    for args in [&["validate"][..], &["datasets"][..]] {
        let out = data_run(&data, args);
        assert_eq!(out.code, 1, "{args:?}");
        let all = format!("{}{}", out.stdout, out.stderr);
        assert!(
            all.contains(&format!(
                "{}: is not a file (a folder?)",
                data.join("other/dataset.toml").display()
            )),
            "{all}"
        );
        assert!(!all.contains("0 findings"), "{all}");
    }
}

/// Runs the binary as user `nobody` (the tests run as root, who may read anything).
fn run_as_nobody(args: &[&str]) -> Out {
    Out::of(
        std::process::Command::new("setpriv")
            .args(["--reuid=65534", "--regid=65534", "--clear-groups"])
            .arg(bin())
            .args(args)
            .env_remove("COLUMNS")
            .current_dir("/"),
    )
}

#[test]
fn unreadable_files_give_a_clear_error() {
    use std::os::unix::fs::PermissionsExt;
    let (tmp, data) = fixture_copy();
    std::fs::set_permissions(tmp.path(), std::fs::Permissions::from_mode(0o755)).expect("chmod");
    let rd = data.join("demo/rd.csv");
    std::fs::set_permissions(&rd, std::fs::Permissions::from_mode(0o000)).expect("chmod");
    let d = data.to_str().expect("UTF-8");
    let out = run_as_nobody(&["--data", d, "rank", "demo.rd"]);
    assert_eq!(out.code, 1, "{}", out.stderr);
    assert!(
        out.stderr.contains(&format!(
            "{}: Permission denied (os error 13); innodex may not read or write it",
            rd.display()
        )),
        "{}",
        out.stderr
    );
    // An unreadable dataset.toml, and an unreadable dataset folder, are errors too — not skipped.
    std::fs::set_permissions(&rd, std::fs::Permissions::from_mode(0o644)).expect("chmod");
    let toml = data.join("demo3/dataset.toml");
    std::fs::set_permissions(&toml, std::fs::Permissions::from_mode(0o000)).expect("chmod");
    let out = run_as_nobody(&["--data", d, "validate"]);
    assert_eq!(out.code, 1);
    assert!(
        out.stdout
            .contains(&format!("{}: Permission denied", toml.display()))
            || out
                .stderr
                .contains(&format!("{}: Permission denied", toml.display())),
        "{}{}",
        out.stdout,
        out.stderr
    );
    std::fs::set_permissions(data.join("demo3"), std::fs::Permissions::from_mode(0o000))
        .expect("chmod");
    let out = run_as_nobody(&["--data", d, "datasets"]);
    assert_eq!(out.code, 1);
    assert!(out.stderr.contains("Permission denied"), "{}", out.stderr);
    std::fs::set_permissions(data.join("demo3"), std::fs::Permissions::from_mode(0o755))
        .expect("chmod");
}

#[test]
fn did_you_mean_is_fast_on_huge_names() {
    let huge = "gii.scor".repeat(125_000); // 1 MB
    let start = std::time::Instant::now();
    let s = innodex::catalog::suggest(&huge, ["gii.score", "gii.rank"], 3);
    assert!(s.is_empty());
    assert!(start.elapsed().as_millis() < 500, "{:?}", start.elapsed());
    // The cap is on length only: a 200-character name is still compared.
    let long = format!("gii.scor{}", "e".repeat(192));
    assert_eq!(long.chars().count(), 200);
    let start = std::time::Instant::now();
    // About as many known strings as the embedded aliases and ids together.
    let known: Vec<String> = (0..1000)
        .map(|i| format!("dataset.indicator_{i}"))
        .collect();
    let _ = innodex::catalog::suggest(&long, known.iter().map(String::as_str), 3);
    assert!(start.elapsed().as_millis() < 2000, "{:?}", start.elapsed());
    // Through the binary, with the largest argument Linux takes (128 KiB).
    let arg = "x".repeat(128 * 1024 - 1);
    let start = std::time::Instant::now();
    let out = run(&["rank", &arg]);
    assert_eq!(out.code, 2);
    assert!(start.elapsed().as_secs() < 10);
}

#[test]
fn messages_echoing_input_are_shortened() {
    let arg = format!("gii.{}", "y".repeat(100_000));
    let out = run(&["rank", &arg]);
    assert_eq!(out.code, 2);
    let expected = format!(
        "innodex: error: unknown indicator 'gii.{}…' (`innodex indicators` lists them)\n",
        "y".repeat(76)
    );
    assert_eq!(out.stderr, expected);
    // Control characters are escaped, never written raw to the terminal.
    let out = run(&["rank", "gii.\u{1b}[2J\u{7}x"]);
    assert_eq!(
        out.stderr,
        "innodex: error: unknown indicator 'gii.\\u{1b}[2J\\u{7}x' (`innodex indicators` lists them)\n"
    );
    // A 10 MB header in a dataset file: the message stays short.
    let (_tmp, data) = fixture_copy();
    let header: Vec<String> = (0..500_000).map(|i| format!("c{i}")).collect();
    std::fs::write(
        data.join("demo/rd.csv"),
        format!("{}\n1\n", header.join(",")),
    )
    .expect("write");
    let out = data_run(&data, &["rank", "demo.rd"]);
    assert_eq!(out.code, 1);
    assert!(out.stderr.len() < 3000, "{} bytes", out.stderr.len());
    assert!(
        out.stderr.contains("required column 'iso3' is missing"),
        "{}",
        &out.stderr[..200]
    );
    assert!(out.stderr.contains("characters left out"));
}

#[test]
fn loader_enforces_everything_validate_checks() {
    let cases: &[(&str, &str, &str)] = &[
        ("iso3,year,value\n", "rd.csv: a header but no rows", "header only"),
        (
            "iso3,year,value\nKOR,2021,1\nKOR,2021,2\n",
            "rd.csv:3:1: duplicate: KOR 2021 already has a value on line 2",
            "duplicate",
        ),
        (
            "iso3,year,value,note\nJPN,2020,10.5,ok\nKOR,2020,12,\"oops\nDEU,2020,7,ok\nFRA,2020,4,ok\n",
            "rd.csv:3:4: column 'note' holds a line break (3 line(s) run into this field)",
            "unterminated quote",
        ),
        ("iso3,year,value\nXXX,2021,1\n", "rd.csv:2:1: unknown country code 'XXX'", "unknown code"),
    ];
    for (csv, says, what) in cases {
        let (_tmp, data) = fixture_copy();
        std::fs::write(data.join("demo/rd.csv"), csv).expect("write");
        for args in [&["rank", "demo.rd"][..], &["validate"][..]] {
            let out = data_run(&data, args);
            assert_eq!(out.code, 1, "{what} {args:?}: {}", out.stdout);
            let all = format!("{}{}", out.stdout, out.stderr);
            assert!(all.contains(says), "{what} {args:?}: {all}");
        }
    }
}
