//! Every worked example in every subcommand's `--help`, and every innodex command in the
//! README's ```sh blocks, runs on the embedded data and exits 0 — the help and the README stay
//! true by test.
//!
//! The convention (README, "Examples in --help"): a subcommand's after_help has a line
//! `Examples:` followed by indented lines, each `  innodex …` (one command, shell quoting
//! allowed, no pipes or redirections) or `  # comment`; a blank line ends the block. Lines under
//! `Examples (need the network):` are checked the same way and must parse, but are not run.
//! The examples of one subcommand run in order in one fresh empty folder, so an example may use a
//! file an earlier one wrote; the README's commands run in order in one folder of their own.
//! Subcommands are found by walking the clap tree, so new ones are covered without a list here,
//! and a visible subcommand without examples fails the test.

#![allow(clippy::print_stdout)] // reports how many commands ran and how many were skipped

use super::{run_in, Out};
use clap::CommandFactory;

const RUN_HEADING: &str = "Examples:";
const NETWORK_HEADING: &str = "Examples (need the network):";

/// Splits a command line into words as a POSIX shell would for a plain command: quotes and
/// backslashes, `#` starting a comment; pipes, redirections, `;`, `&`, `$` and backquotes refused.
fn shell_words(line: &str) -> Result<Vec<String>, String> {
    let mut words = Vec::new();
    let mut word: Option<String> = None;
    let mut chars = line.chars();
    while let Some(c) = chars.next() {
        match c {
            ' ' | '\t' => words.extend(word.take()),
            '#' if word.is_none() => break,
            '\'' => {
                let w = word.get_or_insert_with(String::new);
                loop {
                    match chars.next() {
                        Some('\'') => break,
                        Some(c) => w.push(c),
                        None => return Err(format!("unclosed ' in: {line}")),
                    }
                }
            }
            '"' => {
                let w = word.get_or_insert_with(String::new);
                loop {
                    match chars.next() {
                        Some('"') => break,
                        Some('\\') => w.extend(chars.next()),
                        Some(c @ ('$' | '`')) => {
                            return Err(format!("{c} inside quotes is not plain text: {line}"))
                        }
                        Some(c) => w.push(c),
                        None => return Err(format!("unclosed \" in: {line}")),
                    }
                }
            }
            '\\' => word.get_or_insert_with(String::new).extend(chars.next()),
            '|' | '&' | ';' | '<' | '>' | '(' | ')' | '$' | '`' => {
                return Err(format!(
                    "`{c}` makes this more than one plain command: {line}"
                ))
            }
            c => word.get_or_insert_with(String::new).push(c),
        }
    }
    words.extend(word);
    Ok(words)
}

#[test]
fn shell_words_split_like_a_shell() {
    let w = shell_words(r#"innodex resolve "Korea, Rep." 'a b' c\ d # note"#).expect("plain");
    assert_eq!(w, ["innodex", "resolve", "Korea, Rep.", "a b", "c d"]);
    assert!(shell_words("innodex rank gii.score | head").is_err());
    assert!(shell_words("innodex man > innodex.1").is_err());
    assert!(shell_words("innodex \"unclosed").is_err());
}

/// The examples of one help text: (to run, needing the network), each as words after `innodex`.
#[allow(clippy::type_complexity)]
fn examples(help: &str, what: &str) -> (Vec<Vec<String>>, Vec<Vec<String>>) {
    let (mut runnable, mut network) = (Vec::new(), Vec::new());
    let mut block: Option<&mut Vec<Vec<String>>> = None;
    for line in help.lines() {
        if line == RUN_HEADING {
            block = Some(&mut runnable);
            continue;
        }
        if line == NETWORK_HEADING {
            block = Some(&mut network);
            continue;
        }
        let Some(list) = block.as_mut() else { continue };
        if line.trim().is_empty() || !line.starts_with("  ") {
            block = None;
            continue;
        }
        let text = line.trim();
        if text.starts_with('#') {
            continue;
        }
        let words = shell_words(text).unwrap_or_else(|e| panic!("{what}: {e}"));
        assert_eq!(
            words.first().map(String::as_str),
            Some("innodex"),
            "{what}: an example line must start with `innodex` (or be a `# comment`), and fit the \
             help width (100 columns) unwrapped: {line:?}"
        );
        list.push(words[1..].to_vec());
    }
    (runnable, network)
}

/// Every visible subcommand's path (`["chart", "bar"]`), parents included, in tree order, after
/// the program itself (the empty path).
fn subcommand_paths() -> Vec<Vec<String>> {
    fn walk(cmd: &clap::Command, prefix: &[String], out: &mut Vec<Vec<String>>) {
        for sub in cmd.get_subcommands() {
            if sub.is_hide_set() || sub.get_name() == "help" {
                continue;
            }
            let mut path = prefix.to_vec();
            path.push(sub.get_name().to_string());
            out.push(path.clone());
            walk(sub, &path, out);
        }
    }
    let mut out = vec![Vec::new()];
    walk(&innodex::cli::Cli::command(), &[], &mut out);
    out
}

fn run_words(cwd: &std::path::Path, words: &[String]) -> Out {
    let args: Vec<&str> = words.iter().map(String::as_str).collect();
    run_in(cwd, &args)
}

/// Each example must parse with the real clap definition before it is run (network ones too).
fn parses(words: &[String], what: &str) {
    use clap::Parser as _;
    let argv = std::iter::once("innodex").chain(words.iter().map(String::as_str));
    if let Err(e) = innodex::cli::Cli::try_parse_from(argv) {
        panic!("{what}: `innodex {}` does not parse:\n{e}", words.join(" "));
    }
}

fn check_ran(out: &Out, what: &str, words: &[String]) {
    assert_eq!(
        out.code,
        0,
        "{what}: `innodex {}` exited {}; stderr:\n{}",
        words.join(" "),
        out.code,
        out.stderr
    );
}

/// Runs one subcommand's examples: (ran, skipped as needing the network), None if it has none.
fn run_examples_of(path: &[String]) -> Option<(usize, usize)> {
    let mut help_args: Vec<&str> = path.iter().map(String::as_str).collect();
    help_args.push("--help");
    let what = format!("innodex {}", help_args.join(" "));
    let dir = tempfile::tempdir().expect("tempdir");
    let help = run_in(dir.path(), &help_args);
    check_ran(&help, &what, path);
    let (runnable, network) = examples(&help.stdout, &what);
    if runnable.is_empty() && network.is_empty() {
        return None;
    }
    for words in network.iter().chain(&runnable) {
        parses(words, &what);
    }
    for words in &runnable {
        check_ran(&run_words(dir.path(), words), &what, words);
    }
    Some((runnable.len(), network.len()))
}

#[test]
fn every_help_example_runs() {
    use std::sync::atomic::{AtomicUsize, Ordering};
    use std::sync::Mutex;
    let paths = subcommand_paths();
    assert!(paths.len() >= 20, "the walk found only {paths:?}");
    // Two subcommands at a time (each one's examples in order in its own folder).
    let next = AtomicUsize::new(0);
    let results = Mutex::new(Vec::new());
    std::thread::scope(|s| {
        for _ in 0..2 {
            s.spawn(|| {
                while let Some(path) = paths.get(next.fetch_add(1, Ordering::SeqCst)) {
                    let r = run_examples_of(path);
                    results.lock().expect("lock").push((path.join(" "), r));
                }
            });
        }
    });
    let results = results.into_inner().expect("lock");
    assert!(
        results.iter().any(|(p, _)| p == "chart bar"),
        "nested subcommands are walked"
    );
    assert_eq!(results.len(), paths.len());
    let missing: Vec<&str> = results
        .iter()
        .filter(|(_, r)| r.is_none())
        .map(|(p, _)| p.as_str())
        .collect();
    assert!(
        missing.is_empty(),
        "no `{RUN_HEADING}` in the --help of: {}",
        missing.join(", ")
    );
    let ran: usize = results.iter().filter_map(|(_, r)| r.map(|r| r.0)).sum();
    let skipped: usize = results.iter().filter_map(|(_, r)| r.map(|r| r.1)).sum();
    println!(
        "help examples: ran {ran} commands from the --help of innodex and its {} subcommands; skipped {skipped} under `{NETWORK_HEADING}`",
        paths.len() - 1
    );
}

/// The commands of the README's ```sh blocks that run innodex, after `innodex` or
/// `cargo run [--release] --`; other lines (cargo install, cargo test) are not ours to run. A
/// block whose first line is a comment starting `# Needs the network` gives commands that are
/// parsed but not run (`true` beside them).
fn readme_commands(text: &str) -> Vec<(Vec<String>, bool)> {
    let mut out = Vec::new();
    let mut in_sh = false;
    let mut first = false;
    let mut network = false;
    let mut pending = String::new();
    for line in text.lines() {
        if !in_sh {
            in_sh = line.trim() == "```sh";
            first = in_sh;
            network = false;
            continue;
        }
        if line.trim() == "```" {
            in_sh = false;
            continue;
        }
        if std::mem::take(&mut first) && line.trim().starts_with("# Needs the network") {
            network = true;
        }
        if let Some(start) = line.strip_suffix('\\') {
            pending.push_str(start);
            continue;
        }
        let full = std::mem::take(&mut pending) + line;
        let words = shell_words(full.trim()).unwrap_or_else(|e| panic!("README: {e}"));
        let w: Vec<&str> = words.iter().map(String::as_str).collect();
        let args = match w.as_slice() {
            ["innodex", rest @ ..] => rest,
            ["cargo", "run", "--release", "--", rest @ ..] | ["cargo", "run", "--", rest @ ..] => {
                rest
            }
            _ => continue,
        };
        out.push((args.iter().map(|s| s.to_string()).collect(), network));
    }
    out
}

#[test]
fn readme_sh_blocks_run() {
    let text = std::fs::read_to_string(super::root().join("README.md")).expect("README.md");
    let commands = readme_commands(&text);
    assert!(
        commands
            .iter()
            .any(|(c, _)| c.first().map(String::as_str) == Some("run")),
        "the README's main job (`run --all`) is not among its commands: {commands:?}"
    );
    let dir = tempfile::tempdir().expect("tempdir");
    let mut ran = 0;
    for (words, network) in &commands {
        parses(words, "README.md");
        if !network {
            check_ran(&run_words(dir.path(), words), "README.md", words);
            ran += 1;
        }
    }
    println!(
        "README: ran {ran} innodex commands from its sh blocks; parsed {} that need the network",
        commands.len() - ran
    );
}

#[test]
fn the_parsers_read_the_convention() {
    let help = "Options:\n  -h\n\nExamples:\n  # first\n  innodex rank gii.score --top 3\n  \
                innodex peers JPN gii.score\n\nExamples (need the network):\n  innodex fetch wdi\n\nMore\n  innodex not-an-example\n";
    let (run, net) = examples(help, "t");
    assert_eq!(
        run,
        vec![
            vec!["rank", "gii.score", "--top", "3"],
            vec!["peers", "JPN", "gii.score"]
        ]
    );
    assert_eq!(net, vec![vec!["fetch", "wdi"]]);
    let readme = "x\n```sh\ncargo install --path .  # no\ncargo run --release -- run --all \\\n  --out-dir b/\n# c\ninnodex rank 'gii.score'\n```\ninnodex outside\n```sh\n# Needs the network\ninnodex fetch owid x --dataset d\n```\n";
    let v = |w: &[&str]| w.iter().map(|s| s.to_string()).collect::<Vec<_>>();
    assert_eq!(
        readme_commands(readme),
        vec![
            (v(&["run", "--all", "--out-dir", "b/"]), false),
            (v(&["rank", "gii.score"]), false),
            (v(&["fetch", "owid", "x", "--dataset", "d"]), true),
        ]
    );
}
