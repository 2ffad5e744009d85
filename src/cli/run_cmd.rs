//! `innodex run` and `innodex queries`: saved analyses, run through the same parser as the
//! command line, and the manifest of what a run wrote.

use super::{brief, Cli, Command, GlobalArgs};
use crate::catalog::DataSource;
use crate::cli::queries::{self, Query};
use crate::error::{Error, Result};
use crate::output::write_atomic;
use crate::report::{Cell, Report};
use clap::Parser;
use serde_json::json;
use std::collections::BTreeSet;
use std::path::Path;

/// `innodex queries`
pub fn list() -> Result<Report> {
    let mut r = Report::new("Saved queries")
        .text_column("name")
        .text_column("title")
        .text_column("outputs")
        .text_column("description");
    for q in queries::embedded()? {
        let outputs: Vec<&str> = q.file.steps.iter().map(|s| s.output.as_str()).collect();
        r.push_row(vec![
            Cell::text(&q.name),
            Cell::text(&q.file.title),
            Cell::text(outputs.join(" ")),
            Cell::text(&q.file.description),
        ]);
    }
    r.note("`innodex run NAME --out-dir DIR` runs one; `innodex run --all --out-dir DIR` runs all and writes manifest.json.");
    Ok(r)
}

/// Whether a query step's arguments may run: they must parse as an innodex command line, and
/// the step may neither run queries, curate or import (which write where the query says, and
/// `run` would recurse) nor set -o or --data (the step's `output` and `run --data` do).
pub fn check_step_args(args: &[String]) -> std::result::Result<(), String> {
    let argv = std::iter::once("innodex").chain(args.iter().map(String::as_str));
    let cli = Cli::try_parse_from(argv).map_err(|e| {
        let text = e.render().to_string();
        let first = text
            .lines()
            .find(|l| !l.trim().is_empty())
            .unwrap_or("")
            .trim_start_matches("error: ")
            .to_string();
        format!("args are not an innodex command line: {first}")
    })?;
    if cli.global.output.is_some() {
        return Err(
            "args must not set -o/--output; the step's `output` names the file it writes".into(),
        );
    }
    if cli.global.data.is_some() {
        return Err("args must not set --data; give it to `innodex run --data DIR`".into());
    }
    match cli.command {
        Command::Run { .. } | Command::Queries => {
            Err("a query cannot run queries (`run`/`queries`); list the commands themselves".into())
        }
        Command::Completions { .. } | Command::Man { .. } => {
            Err("a query step cannot print completions or man pages; run them on their own".into())
        }
        Command::Curate { .. } | Command::Import(_) | Command::Fetch(_) => Err(
            "a query step cannot curate or import (they write datasets), nor fetch (the network); run them on their own"
                .into(),
        ),
        _ => Ok(()),
    }
}

/// A step's error, said with its query and step, and without the internal staging folder.
fn step_error(q: &Query, step: usize, staging: &Path, out_dir: &Path, e: Error) -> Error {
    let message = e.to_string().replace(
        &staging.display().to_string(),
        &out_dir.display().to_string(),
    );
    match e.exit_code() {
        2 => Error::Usage(format!("{} step {step}: {message}", q.origin)),
        _ => Error::DataFile {
            file: q.origin.clone(),
            message: format!("step {step}: {message}"),
        },
    }
}

/// Runs the named queries (or all) into `out_dir` and writes `manifest.json` there, the
/// pack's `README.md` index and the briefing document (`brief`, by default `out_dir/index.html`).
///
/// Every output is written into a hidden staging folder first and moved into place only when
/// all steps succeeded. The old `manifest.json` is removed before the first output is moved and
/// the new one written after the last, so a run killed at any moment leaves the previous
/// outputs with their manifest, or whole files and no manifest, or the new outputs with theirs.
pub fn run(
    names: &[String],
    all: bool,
    out_dir: &Path,
    brief: Option<&Path>,
    global: &GlobalArgs,
) -> Result<Report> {
    let selected: Vec<Query> = if all {
        if !names.is_empty() {
            return Err(Error::Usage("give query names or --all, not both".into()));
        }
        queries::embedded()?
    } else if names.is_empty() {
        return Err(Error::Usage(
            "name a query (`innodex queries` lists them), a query file, or --all".into(),
        ));
    } else {
        names
            .iter()
            .map(|n| queries::find(n))
            .collect::<Result<_>>()?
    };
    check_outputs_distinct(&selected)?;
    let brief_path = brief.map_or_else(|| out_dir.join(BRIEF_FILE), Path::to_path_buf);
    check_brief_path(&brief_path)?;
    std::fs::create_dir_all(out_dir).map_err(|e| Error::io(out_dir, e))?;
    crate::output::output_dir(&brief_path)?;
    let staging = tempfile::Builder::new()
        .prefix(".innodex-run-")
        .tempdir_in(out_dir)
        .map_err(|e| Error::io(out_dir, e))?;
    let mut written: Vec<String> = Vec::new();
    let source = match &global.data {
        Some(d) => DataSource::Dir(d.clone()),
        None => DataSource::Embedded,
    };
    let mut report = Report::new(format!("Queries run into {}", out_dir.display()))
        .text_column("query")
        .text_column("output")
        .number_column("bytes", 0);
    let mut manifest_queries = Vec::new();
    let mut used_overall = BTreeSet::new();
    let mut index: Vec<IndexEntry> = Vec::new();
    let mut records: Vec<brief::StepRecord> = Vec::new();
    let mut hashes: Vec<(String, usize, String)> = Vec::new();
    for q in &selected {
        let mut steps = Vec::new();
        let mut used = BTreeSet::new();
        for (i, step) in q.file.steps.iter().enumerate() {
            let fail = |e: Error| step_error(q, i + 1, staging.path(), out_dir, e);
            let target = staging.path().join(&step.output);
            let argv = std::iter::once("innodex").chain(step.args.iter().map(String::as_str));
            let mut cli = Cli::try_parse_from(argv).map_err(|e| {
                fail(Error::Usage(
                    e.render()
                        .to_string()
                        .lines()
                        .next()
                        .unwrap_or("")
                        .to_string(),
                ))
            })?;
            // The step writes its `output` into the staging folder, on `run`'s data.
            cli.global.output = Some(target.clone());
            cli.global.quiet = true;
            cli.global.data = global.data.clone();
            // In-process: the command's result, written here, its notes kept for the index.
            let mut notes_hashed = false;
            let executed = super::execute_recorded(&cli).map_err(fail)?;
            used.extend(executed.datasets);
            let (notes, result) = match executed.outcome {
                super::Outcome::Report(r, failure) => {
                    let format = super::choose_format(&cli.global).map_err(fail)?;
                    let w = crate::output::write_report_file(&r, format, &target, None)
                        .map_err(fail)?;
                    if let Some(e) = failure {
                        return Err(fail(e));
                    }
                    if let Some(p) = &w.notes_file {
                        let bytes = std::fs::read(p).map_err(|e| fail(Error::io(p, e)))?;
                        let name = p.file_name().unwrap_or_default().to_string_lossy();
                        hashes.push((name.to_string(), bytes.len(), queries::sha256_hex(&bytes)));
                        written.push(name.into_owned());
                        notes_hashed = true;
                    }
                    (r.notes.clone(), brief::StepResult::Table(r))
                }
                super::Outcome::Chart(fig) => {
                    crate::chart::render(&fig.spec, &target).map_err(fail)?;
                    (
                        fig.spec.footer_lines.clone(),
                        brief::StepResult::Chart(fig.spec),
                    )
                }
                super::Outcome::Summary(_) => (Vec::new(), brief::StepResult::Nothing),
            };
            records.push(brief::StepRecord {
                query: q.name.clone(),
                output: step.output.clone(),
                command: format!("innodex {}", step.args.join(" ")),
                result,
            });
            index.push(IndexEntry {
                query: q.name.clone(),
                output: step.output.clone(),
                command: format!("innodex {}", step.args.join(" ")),
                notes,
            });
            let bytes = std::fs::read(&target).map_err(|e| fail(Error::io(&target, e)))?;
            // The output's hash before its notes file's (written beside it, listed after it).
            let at = hashes.len() - usize::from(notes_hashed);
            let hash = (
                step.output.clone(),
                bytes.len(),
                queries::sha256_hex(&bytes),
            );
            hashes.insert(at, hash);
            written.push(step.output.clone());
            report.push_row(vec![
                Cell::text(&q.name),
                Cell::text(&step.output),
                Cell::int(bytes.len() as i64),
            ]);
            steps.push(json!({
                "command": format!("innodex {}", step.args.join(" ")),
                "output": step.output,
                "bytes": bytes.len(),
                "sha256": queries::sha256_hex(&bytes),
            }));
        }
        let ids: BTreeSet<String> = used.iter().map(|d| d.id.clone()).collect();
        used_overall.extend(used);
        manifest_queries.push(json!({
            "name": q.name,
            "title": q.file.title,
            "description": q.file.description,
            "steps": steps,
            "datasets": ids,
        }));
    }
    let manifest = queries::manifest(&source, manifest_queries, &used_overall)?;
    // The pack's human-readable index: every output with its question, command and notes.
    let index_text = pack_index(&selected, &index, &source, &brief_path, out_dir);
    std::fs::write(staging.path().join(INDEX_FILE), &index_text)
        .map_err(|e| Error::io(staging.path().join(INDEX_FILE), e))?;
    written.push(INDEX_FILE.to_string());
    hashes.push((
        INDEX_FILE.to_string(),
        index_text.len(),
        queries::sha256_hex(index_text.as_bytes()),
    ));
    // The briefing document, from the results in memory.
    let document = brief::document(&selected, &records, &used_overall, &source, hashes)?;
    let manifest_path = out_dir.join("manifest.json");
    match std::fs::remove_file(&manifest_path) {
        Err(e) if e.kind() != std::io::ErrorKind::NotFound => {
            return Err(Error::io(&manifest_path, e))
        }
        _ => {}
    }
    for rel in &written {
        let to = out_dir.join(rel);
        std::fs::rename(staging.path().join(rel), &to).map_err(|e| Error::io(&to, e))?;
    }
    write_atomic(&brief_path, &document)?;
    write_atomic(
        &manifest_path,
        &with_brief(&manifest, &brief_path, out_dir, &document)?,
    )?;
    report.note(format!(
        "{} is the briefing document (open it in a browser; print it to PDF); {INDEX_FILE} lists every output with its question, command, notes and caveats; manifest.json lists every output with its SHA-256, the datasets used with a content hash, and innodex {}.",
        brief_path.display(),
        env!("CARGO_PKG_VERSION")
    ));
    Ok(report)
}

/// Two queries of one run may not write one file (the second would replace the first).
fn check_outputs_distinct(selected: &[Query]) -> Result<()> {
    let mut seen: Vec<(String, &Query)> = Vec::new();
    for q in selected {
        for step in &q.file.steps {
            let key = step.output.to_lowercase();
            if let Some((_, first)) = seen.iter().find(|(k, _)| *k == key) {
                return Err(Error::Usage(format!(
                    "{} and {} both write '{}'; run them into different --out-dir folders",
                    first.origin, q.origin, step.output
                )));
            }
            seen.push((key, q));
        }
    }
    Ok(())
}

/// The briefing pack's index, written beside the outputs.
pub const INDEX_FILE: &str = "README.md";

/// The briefing document's default name in the output folder.
pub const BRIEF_FILE: &str = "index.html";

/// The manifest with the briefing document's file, size and SHA-256 added (`brief`), so the
/// document can be checked like every other output.
fn with_brief(manifest: &[u8], brief: &Path, out_dir: &Path, document: &[u8]) -> Result<Vec<u8>> {
    let bad = |e: serde_json::Error| Error::Compute(format!("manifest: {e}"));
    let mut value: serde_json::Value = serde_json::from_slice(manifest).map_err(bad)?;
    let file = brief.strip_prefix(out_dir).unwrap_or(brief);
    if let Some(map) = value.as_object_mut() {
        map.insert(
            "brief".into(),
            json!({
                "file": file.display().to_string(),
                "bytes": document.len(),
                "sha256": queries::sha256_hex(document),
            }),
        );
    }
    let mut bytes = serde_json::to_vec_pretty(&value).map_err(bad)?;
    bytes.push(b'\n');
    Ok(bytes)
}

/// `--brief FILE` must be an HTML file name (it is written as one).
fn check_brief_path(path: &Path) -> Result<()> {
    let ext = path
        .extension()
        .and_then(|e| e.to_str())
        .map(str::to_ascii_lowercase);
    if !matches!(ext.as_deref(), Some("html" | "htm")) {
        return Err(Error::Usage(format!(
            "--brief {}: the briefing document is HTML; give a file name ending in .html",
            path.display()
        )));
    }
    Ok(())
}

/// One output of a run, for the index.
struct IndexEntry {
    query: String,
    output: String,
    command: String,
    notes: Vec<String>,
}

/// The pack's index in Markdown: per query its title and question, per output the command and
/// every note (period, universe, sources, caveats), so no note is lost with a CSV or a chart.
/// The same inputs give the same bytes (no run date: the data's vintages are in the notes).
fn pack_index(
    queries: &[Query],
    entries: &[IndexEntry],
    source: &DataSource,
    brief: &Path,
    out_dir: &Path,
) -> String {
    let clean = |t: &str| crate::output::text::visible(t).replace('\n', " ");
    let mut md = format!(
        "# Briefing pack\n\nMade by innodex {} from the {}. Every output below is listed with the command that made it and its notes; `manifest.json` has each file's SHA-256 and the datasets' content hashes.\n",
        env!("CARGO_PKG_VERSION"),
        source.describe()
    );
    match brief.strip_prefix(out_dir) {
        Ok(rel) => md.push_str(&format!(
            "\nThe briefing document — every table, chart and note below in one file — is [{0}]({0}).\n",
            clean(&rel.display().to_string())
        )),
        Err(_) => md.push_str(&format!(
            "\nThe briefing document — every table, chart and note below in one file — is `{}`.\n",
            clean(&brief.display().to_string())
        )),
    }
    md.push_str("\n## Contents\n\n");
    for q in queries {
        md.push_str(&format!("- {} (`{}`)\n", clean(&q.file.title), q.name));
    }
    for q in queries {
        md.push_str(&format!(
            "\n## {}\n\n{}\n",
            clean(&q.file.title),
            clean(&q.file.description)
        ));
        for e in entries.iter().filter(|e| e.query == q.name) {
            md.push_str(&format!(
                "\n### [{}]({})\n\n`{}`\n\n",
                clean(&e.output),
                e.output,
                clean(&e.command)
            ));
            for n in &e.notes {
                md.push_str(&format!("- {}\n", clean(n)));
            }
        }
    }
    md
}
