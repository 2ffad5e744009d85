//! `innodex run` and `innodex queries`: saved analyses, run through the same parser as the
//! command line, and the manifest of what a run wrote.

use super::{Cli, GlobalArgs};
use crate::catalog::source::take_datasets_read;
use crate::catalog::DataSource;
use crate::error::{Error, Result};
use crate::output::write_atomic;
use crate::queries::{self, Query};
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

/// Runs the named queries (or all) into `out_dir` and writes `manifest.json` there.
pub fn run(names: &[String], all: bool, out_dir: &Path, global: &GlobalArgs) -> Result<Report> {
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
    std::fs::create_dir_all(out_dir).map_err(|e| Error::io(out_dir, e))?;
    // Every output is written into a staging folder first and moved into place only when all
    // steps succeeded: a failed run leaves the output folder as it was.
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
    take_datasets_read();
    for q in &selected {
        let mut steps = Vec::new();
        for (i, step) in q.file.steps.iter().enumerate() {
            let target = staging.path().join(&step.output);
            if let Some(parent) = target.parent() {
                std::fs::create_dir_all(parent).map_err(|e| Error::io(parent, e))?;
            }
            let mut argv: Vec<String> = vec!["innodex".into()];
            argv.extend(step.args.iter().cloned());
            argv.push("-o".into());
            argv.push(target.display().to_string());
            argv.push("--quiet".into());
            if let Some(d) = &global.data {
                argv.push("--data".into());
                argv.push(d.display().to_string());
            }
            let cli = Cli::try_parse_from(&argv).map_err(|e| {
                Error::Usage(format!(
                    "{} step {}: {}",
                    q.origin,
                    i + 1,
                    e.render().to_string().trim()
                ))
            })?;
            super::run(cli).map_err(|e| match e {
                Error::Usage(m) => Error::Usage(format!("{} step {}: {m}", q.origin, i + 1)),
                Error::Unknown { message } => Error::Unknown {
                    message: format!("{} step {}: {message}", q.origin, i + 1),
                },
                other => other,
            })?;
            let bytes = std::fs::read(&target).map_err(|e| Error::io(&target, e))?;
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
        let used = take_datasets_read();
        used_overall.extend(used.iter().cloned());
        manifest_queries.push(json!({
            "name": q.name,
            "title": q.file.title,
            "description": q.file.description,
            "steps": steps,
            "datasets": used,
        }));
    }
    let manifest = queries::manifest(&source, manifest_queries, &used_overall)?;
    for rel in &written {
        let to = out_dir.join(rel);
        if let Some(parent) = to.parent() {
            std::fs::create_dir_all(parent).map_err(|e| Error::io(parent, e))?;
        }
        std::fs::rename(staging.path().join(rel), &to).map_err(|e| Error::io(&to, e))?;
    }
    write_atomic(&out_dir.join("manifest.json"), &manifest)?;
    report.note(format!(
        "manifest.json lists every output with its SHA-256, the datasets used with a content hash, and innodex {}.",
        env!("CARGO_PKG_VERSION")
    ));
    Ok(report)
}
