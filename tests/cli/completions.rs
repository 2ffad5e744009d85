//! `innodex completions`, `innodex man`, `innodex --version` and `--color`, through the real
//! binary: the bash script is sourced in a real bash and its completion function called as bash
//! would call it; expected values are read straight from the curated files in `datasets/`.

use super::{command, ok, root, run_in, Out};
use std::collections::BTreeSet;
use std::path::Path;
use std::process::Command;

/// `innodex completions bash` written to a file in `dir`.
fn bash_script(dir: &Path) -> std::path::PathBuf {
    let out = ok(run_in(dir, &["completions", "bash", "-o", "innodex.bash"]));
    assert!(out.stdout.is_empty(), "{}", out.stdout);
    dir.join("innodex.bash")
}

/// What bash's completion for `innodex` offers for `line` (the last word is completed; a
/// trailing space means an empty word): the script is sourced, COMP_WORDS/COMP_CWORD set, and the
/// function `complete -p innodex` names is called with bash's three arguments.
fn complete(line: &str) -> Vec<String> {
    let dir = tempfile::tempdir().expect("tempdir");
    let script = bash_script(dir.path());
    let bin_dir = Path::new(env!("CARGO_BIN_EXE_innodex"))
        .parent()
        .expect("binary folder");
    let program = r#"
source "$SCRIPT" || exit 90
read -r -a COMP_WORDS <<< "$LINE"
[[ "$LINE" == *" " ]] && COMP_WORDS+=("")
COMP_CWORD=$(( ${#COMP_WORDS[@]} - 1 ))
COMP_LINE="$LINE"; COMP_POINT=${#LINE}
spec=$(complete -p innodex) || exit 91
fn=$(sed -n 's/.* -F \([^ ]*\) .*/\1/p' <<< "$spec")
[[ -n "$fn" ]] || exit 92
prev=""; (( COMP_CWORD > 0 )) && prev="${COMP_WORDS[COMP_CWORD-1]}"
"$fn" innodex "${COMP_WORDS[COMP_CWORD]}" "$prev"
printf '%s\n' "${COMPREPLY[@]}"
"#;
    let out = Command::new("bash")
        .arg("--norc")
        .arg("-c")
        .arg(program)
        .env("SCRIPT", &script)
        .env("LINE", line)
        .env(
            "PATH",
            format!(
                "{}:{}",
                bin_dir.display(),
                std::env::var("PATH").unwrap_or_default()
            ),
        )
        .current_dir(dir.path())
        .output()
        .expect("bash runs");
    assert!(
        out.status.success(),
        "bash exited {:?}: {}",
        out.status.code(),
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout)
        .expect("UTF-8")
        .lines()
        .filter(|l| !l.is_empty())
        .map(String::from)
        .collect()
}

/// The full ids of a dataset's indicators, from its dataset.toml.
fn indicator_ids(dataset: &str) -> BTreeSet<String> {
    let path = root().join("datasets").join(dataset).join("dataset.toml");
    let doc: toml::Value =
        toml::from_str(&std::fs::read_to_string(path).expect("read")).expect("dataset.toml parses");
    doc["indicator"]
        .as_array()
        .expect("[[indicator]] tables")
        .iter()
        .map(|i| format!("{dataset}.{}", i["id"].as_str().expect("id")))
        .collect()
}

#[test]
fn bash_completes_gii_ids_from_the_data() {
    let got = complete("innodex rank gii.");
    assert!(got.contains(&"gii.score".to_string()), "{got:?}");
    assert!(got.iter().all(|g| g.starts_with("gii.")), "{got:?}");
    let expected = indicator_ids("gii");
    assert_eq!(expected.len(), 62, "the GII dataset declares 62 indicators");
    assert_eq!(got.into_iter().collect::<BTreeSet<_>>(), expected);
}

#[test]
fn bash_completes_countries_queries_and_falls_back_to_clap() {
    // Country codes in a list: what was typed is kept. KOR is the only ISO3 code starting KO.
    let codes: Vec<String> =
        csv::Reader::from_path(root().join("datasets/countries/countries.csv"))
            .expect("countries.csv")
            .records()
            .map(|r| r.expect("row")[0].to_string())
            .filter(|c| c.starts_with("KO"))
            .collect();
    assert_eq!(codes, ["KOR"]);
    assert_eq!(
        complete("innodex compare JPN --indicators ifr.robot_density,gii.sc"),
        ["ifr.robot_density,gii.score"]
    );
    assert_eq!(
        complete("innodex rank gii.score --countries JPN,KO"),
        ["JPN,KOR"]
    );
    // Query names come from the shipped queries/ folder.
    let mut queries: Vec<String> = std::fs::read_dir(root().join("queries"))
        .expect("queries/")
        .map(|e| e.expect("entry").path())
        .filter(|p| p.extension().is_some_and(|e| e == "toml"))
        .map(|p| p.file_stem().expect("stem").to_string_lossy().into_owned())
        .collect();
    queries.sort();
    assert_eq!(complete("innodex run "), queries);
    // Where the data has nothing to offer, clap's static completion answers.
    assert_eq!(complete("innodex ran"), ["rank"]);
    let flags = complete("innodex rank gii.score --to");
    assert_eq!(flags, ["--top"]);
}

#[test]
fn every_shell_gets_a_script_and_bash_parses_it() {
    let dir = tempfile::tempdir().expect("tempdir");
    let script = bash_script(dir.path());
    let syntax = Command::new("bash")
        .arg("-n")
        .arg(&script)
        .output()
        .expect("bash");
    assert!(
        syntax.status.success(),
        "{}",
        String::from_utf8_lossy(&syntax.stderr)
    );
    for (shell, mark) in [
        ("zsh", "#compdef innodex"),
        ("fish", "complete -c innodex"),
        ("powershell", "Register-ArgumentCompleter"),
    ] {
        let out = ok(run_in(dir.path(), &["completions", shell]));
        assert!(out.stdout.contains(mark), "{shell}: {}", out.stdout);
        // zsh and fish ask the binary for data values too (no interpreter here to run them).
        assert_eq!(
            out.stdout.contains("__complete-values"),
            shell != "powershell",
            "{shell}"
        );
    }
    let bad = run_in(dir.path(), &["completions", "tcsh"]);
    assert_eq!(bad.code, 2, "{}", bad.stderr);
}

#[test]
fn version_names_each_datasets_vintage() {
    let out = ok(run_in(&root().join("tests"), &["--version"]));
    let lines: Vec<&str> = out.stdout.lines().collect();
    assert_eq!(lines[0], format!("innodex {}", env!("CARGO_PKG_VERSION")));
    let mut seen = 0;
    for entry in std::fs::read_dir(root().join("datasets")).expect("datasets/") {
        let dir = entry.expect("entry").path();
        let Ok(text) = std::fs::read_to_string(dir.join("dataset.toml")) else {
            continue;
        };
        let doc: toml::Value = toml::from_str(&text).expect("dataset.toml parses");
        let id = doc["id"].as_str().expect("id");
        let line = lines
            .iter()
            .find(|l| l.trim_start().starts_with(&format!("{id} ")))
            .unwrap_or_else(|| panic!("no line for {id} in:\n{}", out.stdout));
        let retrieved = doc["retrieved"].as_str().expect("retrieved");
        assert!(line.ends_with(&format!("retrieved {retrieved}")), "{line}");
        if let Some(vintages) = doc.get("vintage").and_then(|v| v.as_array()) {
            let ids: Vec<&str> = vintages
                .iter()
                .map(|v| v["id"].as_str().expect("id"))
                .collect();
            assert!(
                line.contains(&format!("vintages {}", ids.join(", "))),
                "{line}"
            );
        }
        seen += 1;
    }
    assert_eq!(seen, 7, "{}", out.stdout);
    // Editions for the indices, data years for the series (README: GII 2013–2025).
    assert!(out
        .stdout
        .contains("gii        WIPO Global Innovation Index: editions 2013–2025;"));
    assert!(
        out.stdout.contains("vintages 2022-12, 2025-04"),
        "{}",
        out.stdout
    );
    // -V stays one line.
    let short = ok(run_in(&root().join("tests"), &["-V"]));
    assert_eq!(
        short.stdout,
        format!("innodex {}\n", env!("CARGO_PKG_VERSION"))
    );
}

#[test]
fn man_writes_roff_pages() {
    let dir = tempfile::tempdir().expect("tempdir");
    let out = ok(run_in(dir.path(), &["man"]));
    assert!(
        out.stdout.contains(".TH innodex 1"),
        "{}",
        &out.stdout[..200]
    );
    assert!(
        out.stdout.contains("innodex\\-rank(1)"),
        "subcommands listed"
    );
    ok(run_in(dir.path(), &["man", "-o", "innodex.1"]));
    assert_eq!(
        std::fs::read_to_string(dir.path().join("innodex.1")).expect("written"),
        out.stdout
    );
    ok(run_in(dir.path(), &["-q", "man", "--out-dir", "man"]));
    let rank = std::fs::read_to_string(dir.path().join("man/innodex-rank.1")).expect("page");
    assert!(rank.contains(".TH innodex-rank 1"), "{rank}");
    // The worked examples are in the page too.
    assert!(
        rank.contains("innodex rank gii.score \\-\\-top 10"),
        "{rank}"
    );
    assert!(dir.path().join("man/innodex-chart-slope.1").is_file());
}

/// `innodex ARGS` with `NO_COLOR` set or not (stdout is a pipe here, never a terminal).
fn run_colour(args: &[&str], no_color: Option<&str>) -> String {
    let mut cmd = command();
    cmd.args(args).env_remove("NO_COLOR");
    if let Some(v) = no_color {
        cmd.env("NO_COLOR", v);
    }
    ok(Out::of(&mut cmd)).stdout
}

#[test]
fn colour_only_when_asked_or_on_a_terminal() {
    let args = [
        "peers",
        "Japan",
        "ifr.robot_density",
        "--n",
        "1",
        "--format",
        "table",
    ];
    // A pipe is not a terminal: auto writes no escape codes, with or without NO_COLOR.
    let plain = run_colour(&args, None);
    assert!(!plain.contains('\x1b'), "{plain}");
    assert_eq!(
        run_colour(&[&args[..], &["--color", "auto"]].concat(), Some("1")),
        plain
    );
    // --color always wins even over NO_COLOR: the header bold, Japan's row (the subject) bold yellow.
    let lit = run_colour(&[&args[..], &["--color", "always"]].concat(), Some("1"));
    let japan: Vec<&str> = lit.lines().filter(|l| l.contains("JPN")).collect();
    assert_eq!(japan.len(), 1, "{lit}");
    assert!(
        japan[0].starts_with("\x1b[1;33m│ ▶") && japan[0].ends_with("\x1b[0m"),
        "{lit}"
    );
    let other: Vec<&str> = lit.lines().filter(|l| l.contains("DEU")).collect();
    assert!(!other[0].contains('\x1b'), "{lit}");
    assert!(
        lit.lines()
            .any(|l| l.starts_with("\x1b[1m│") && l.contains("rank")),
        "{lit}"
    );
    let strip = lit
        .replace("\x1b[1;33m", "")
        .replace("\x1b[1m", "")
        .replace("\x1b[0m", "");
    assert_eq!(strip, plain, "colour changes nothing but the escapes");
    // Never colour CSV, and --color never is never coloured.
    let csv = run_colour(
        &["peers", "Japan", "ifr.robot_density", "--color", "always"],
        None,
    );
    assert!(
        !csv.contains('\x1b') && csv.starts_with(",rank,iso3"),
        "{csv}"
    );
    assert_eq!(
        run_colour(&[&args[..], &["--color", "never"]].concat(), None),
        plain
    );
}

#[test]
fn saved_queries_cannot_print_completions_or_man_pages() {
    for args in [&["completions", "bash"][..], &["man"][..]] {
        let args: Vec<String> = args.iter().map(|s| s.to_string()).collect();
        let e = innodex::cli::check_step_args(&args).expect_err("refused");
        assert!(e.contains("completions or man pages"), "{e}");
    }
    assert!(innodex::cli::check_step_args(&["rank".into(), "gii.score".into()]).is_ok());
}
