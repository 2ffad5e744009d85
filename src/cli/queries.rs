//! Saved analyses: `queries/*.toml`, each a titled, documented list of innodex command lines
//! with their output files. The arguments are parsed by the same parser as the command line,
//! so a query and the CLI cannot drift apart.

use crate::catalog::source::DatasetRead;
use crate::catalog::{read_meta, toml_error, DataSource};
use crate::error::{Error, Result};
use include_dir::{include_dir, Dir};
use serde::Deserialize;
use std::path::{Path, PathBuf};

static EMBEDDED: Dir<'static> = include_dir!("$CARGO_MANIFEST_DIR/queries");

/// Lower-case hex SHA-256 of some bytes.
pub fn sha256_hex(bytes: &[u8]) -> String {
    use sha2::{Digest, Sha256};
    Sha256::digest(bytes)
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

/// A content hash of a whole dataset: SHA-256 over its files' names and SHA-256s, in name order.
pub fn dataset_digest(source: &DataSource, id: &str) -> Result<String> {
    let listing: String = source
        .dataset_files(id)?
        .iter()
        .map(|(name, bytes)| format!("{name}\0{}", sha256_hex(bytes)))
        .collect();
    Ok(sha256_hex(listing.as_bytes()))
}

/// The bytes of `manifest.json`: innodex's version, the data source, the queries run (with
/// their outputs' hashes, built by the caller) and every dataset used with a content hash and
/// the source it was read from (a `--data` folder, or the embedded copy it fell back to).
pub fn manifest(
    source: &DataSource,
    queries: Vec<serde_json::Value>,
    datasets_used: &std::collections::BTreeSet<DatasetRead>,
) -> Result<Vec<u8>> {
    let mut datasets = Vec::new();
    for used in datasets_used {
        let from = used.source();
        let meta = read_meta(&from, &used.id)?;
        datasets.push(serde_json::json!({
            "id": used.id,
            "title": meta.title,
            "retrieved": meta.retrieved,
            "data": from.describe(),
            "sha256": dataset_digest(&from, &used.id)?,
        }));
    }
    let manifest = serde_json::json!({
        "innodex_version": env!("CARGO_PKG_VERSION"),
        "data": source.describe(),
        "queries": queries,
        "datasets": datasets,
    });
    let mut bytes =
        serde_json::to_vec_pretty(&manifest).map_err(|e| Error::Compute(e.to_string()))?;
    bytes.push(b'\n');
    Ok(bytes)
}

/// One query file.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct QueryFile {
    pub title: String,
    pub description: String,
    #[serde(rename = "step")]
    pub steps: Vec<Step>,
}

/// One command of a query and the file it writes (relative to the output folder).
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Step {
    /// The arguments after `innodex`, e.g. `["rank", "gii.score", "--year", "2021"]`.
    pub args: Vec<String>,
    /// Output file name; its extension picks the format (.csv .json .md .xlsx .png .svg).
    pub output: String,
}

/// A loaded query with its name and where it came from.
#[derive(Debug, Clone)]
pub struct Query {
    pub name: String,
    pub origin: String,
    pub file: QueryFile,
}

/// Parses a query file's text; `origin` names it in messages.
pub fn parse(name: &str, origin: &str, text: &str) -> Result<Query> {
    let file: QueryFile = toml::from_str(text).map_err(|e| toml_error(origin, text, &e))?;
    if file.steps.is_empty() {
        return Err(Error::DataFile {
            file: origin.into(),
            message: "a query needs at least one [[step]]".into(),
        });
    }
    for (i, step) in file.steps.iter().enumerate() {
        let bad = |m: &str| Error::DataFile {
            file: origin.into(),
            message: format!("step {}: {m}", i + 1),
        };
        // The arguments go through the command-line parser itself, so a subcommand or an option
        // is recognised wherever it stands (`--format csv run q.toml` is a `run`).
        crate::cli::check_step_args(&step.args).map_err(|m| bad(&m))?;
        check_output_name(&step.output).map_err(|m| bad(&m))?;
        if let Some(j) = file.steps[..i]
            .iter()
            .position(|s| s.output.eq_ignore_ascii_case(&step.output))
        {
            return Err(bad(&format!(
                "output '{}' is already written by step {}; give each step its own file",
                step.output,
                j + 1
            )));
        }
    }
    Ok(Query {
        name: name.into(),
        origin: origin.into(),
        file,
    })
}

/// The extensions a step's output may have (reports and charts).
pub const OUTPUT_EXTENSIONS: [&str; 7] = ["csv", "json", "md", "txt", "xlsx", "png", "svg"];

/// A step's `output` must be a plain, visible file name in the output folder, with a known
/// extension, and not the manifest (which `run` writes itself).
pub fn check_output_name(output: &str) -> std::result::Result<(), String> {
    let fix = "give a plain file name such as \"gerd.csv\"";
    if output.trim().is_empty() {
        return Err(format!("output is empty; {fix}"));
    }
    if output.chars().count() > 200 {
        return Err(format!("output name is longer than 200 characters; {fix}"));
    }
    if output.chars().any(char::is_control) {
        return Err(format!("output name contains a control character; {fix}"));
    }
    if output.contains('/') || output.contains('\\') || Path::new(output).is_absolute() {
        return Err(format!(
            "output '{output}' is a path; outputs are written into --out-dir only: {fix}"
        ));
    }
    if output.starts_with('.') {
        return Err(format!(
            "output '{output}' is a hidden name ('.', '..' or a leading dot); {fix}"
        ));
    }
    if output.eq_ignore_ascii_case("manifest.json") {
        return Err(
            "output 'manifest.json' is the manifest `innodex run` writes itself; name the output differently"
                .into(),
        );
    }
    let ext = Path::new(output)
        .extension()
        .and_then(|e| e.to_str())
        .map(str::to_ascii_lowercase)
        .unwrap_or_default();
    if !OUTPUT_EXTENSIONS.contains(&ext.as_str()) {
        return Err(format!(
            "output '{output}' has no known extension; use one of .{} (the extension picks the format)",
            OUTPUT_EXTENSIONS.join(" .")
        ));
    }
    Ok(())
}

/// The queries shipped with innodex (compiled in), sorted by name.
pub fn embedded() -> Result<Vec<Query>> {
    let mut out = Vec::new();
    for f in EMBEDDED.files() {
        let path = f.path();
        if path.extension().and_then(|e| e.to_str()) != Some("toml") {
            continue;
        }
        let name = path
            .file_stem()
            .and_then(|s| s.to_str())
            .unwrap_or_default()
            .to_string();
        let origin = format!("<embedded>/queries/{}", path.display());
        let text = f.contents_utf8().ok_or_else(|| Error::DataFile {
            file: origin.clone(),
            message: "not UTF-8".into(),
        })?;
        out.push(parse(&name, &origin, text)?);
    }
    out.sort_by(|a, b| a.name.cmp(&b.name));
    Ok(out)
}

/// A query by file path (anything ending in .toml or containing a slash) or by shipped name.
pub fn find(name_or_file: &str) -> Result<Query> {
    let path = PathBuf::from(name_or_file);
    if name_or_file.ends_with(".toml") || name_or_file.contains('/') {
        let text = std::fs::read_to_string(&path).map_err(|e| Error::io(&path, e))?;
        let name = path
            .file_stem()
            .and_then(|s| s.to_str())
            .unwrap_or("query")
            .to_string();
        return parse(&name, &path.display().to_string(), &text);
    }
    let all = embedded()?;
    if let Some(q) = all.iter().find(|q| q.name == name_or_file) {
        return Ok(q.clone());
    }
    Err(Error::unknown(
        "query",
        name_or_file,
        all.iter().map(|q| q.name.as_str()),
        "`innodex queries` lists them",
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn steps_may_not_redirect_output_or_escape_the_folder() {
        let ok =
            "title='t'\ndescription='d'\n[[step]]\nargs=['rank','gii.score']\noutput='a.csv'\n";
        assert!(parse("q", "q.toml", ok).is_ok());
        for bad in [
            ok.replace("'gii.score'", "'gii.score','-o','x.csv'"),
            ok.replace("'a.csv'", "'../a.csv'"),
            ok.replace("'rank'", "'run'"),
            ok.replace("title=", "titel="),
        ] {
            assert!(parse("q", "q.toml", &bad).is_err(), "accepted: {bad}");
        }
    }

    #[test]
    fn every_shipped_query_parses() {
        let all = embedded().expect("queries parse");
        assert!(!all.is_empty());
    }
}
