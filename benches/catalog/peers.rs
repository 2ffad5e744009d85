//! The peers: finding the DuckDB CLI and a Python with polars and matplotlib (or saying how to
//! install them), and building the peer's [`Job`] for a case — the SQL file with the declared
//! indicator files filled in, or the matplotlib script.

use super::run::Job;
use super::{root, Peer};
use std::path::{Path, PathBuf};
use std::process::Command;

fn is_native(path: &Path) -> bool {
    let mut magic = [0u8; 4];
    std::fs::File::open(path)
        .and_then(|mut f| std::io::Read::read_exact(&mut f, &mut magic))
        .is_ok()
        && magic == *b"\x7fELF"
}

fn on_path(name: &str) -> Option<PathBuf> {
    std::env::split_paths(&std::env::var_os("PATH")?)
        .map(|d| d.join(name))
        .find(|p| p.is_file())
}

pub fn python() -> PathBuf {
    PathBuf::from(std::env::var_os("PYTHON").unwrap_or_else(|| "python3".into()))
}

/// Stdout of `python -c code`, when it succeeds.
pub fn python_says(code: &str) -> Option<String> {
    let out = Command::new(python()).args(["-c", code]).output().ok()?;
    out.status
        .success()
        .then(|| String::from_utf8_lossy(&out.stdout).trim().to_string())
}

/// The DuckDB CLI binary and how it was found, or how to install it.
pub fn find_duckdb() -> Result<(PathBuf, String), String> {
    if let Some(p) = std::env::var_os("DUCKDB") {
        return Ok((PathBuf::from(p), "from $DUCKDB".into()));
    }
    let launcher = on_path("duckdb");
    if let Some(p) = launcher.as_ref().filter(|p| is_native(p)) {
        return Ok((p.clone(), "on PATH".into()));
    }
    let code = "import duckdb_cli, os; print(os.path.join(os.path.dirname(duckdb_cli.__file__), 'duckdb'))";
    if let Some(p) = python_says(code).map(PathBuf::from) {
        if is_native(&p) {
            return Ok((p, "inside pip's duckdb-cli package".into()));
        }
    }
    if let Some(p) = launcher {
        return Ok((
            p,
            "on PATH — a launcher script, not the binary: its start-up is counted in DuckDB's times"
                .into(),
        ));
    }
    Err("no DuckDB CLI found: `pip install duckdb-cli` (or set DUCKDB=/path/to/duckdb)".into())
}

/// The indicator files every `dataset.toml` declares, as a DuckDB list of paths relative to the
/// repository (the countries dataset has none).
pub fn indicator_files(datasets: &Path) -> Result<String, String> {
    let mut ids: Vec<String> = std::fs::read_dir(datasets)
        .map_err(|e| format!("{}: {e}", datasets.display()))?
        .filter_map(|e| e.ok())
        .filter(|e| e.path().join("dataset.toml").is_file())
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .collect();
    ids.sort();
    let mut files = Vec::new();
    for id in ids {
        let path = datasets.join(&id).join("dataset.toml");
        let text =
            std::fs::read_to_string(&path).map_err(|e| format!("{}: {e}", path.display()))?;
        let meta: toml::Value =
            toml::from_str(&text).map_err(|e| format!("{}: {e}", path.display()))?;
        let declared = meta.get("indicator").and_then(|v| v.as_array());
        for ind in declared.into_iter().flatten() {
            if let Some(file) = ind.get("file").and_then(|f| f.as_str()) {
                files.push(format!("'datasets/{id}/{file}'"));
            }
        }
    }
    Ok(format!("[{}]", files.join(", ")))
}

/// The peer's job for a case, or why it cannot run.
pub fn peer_job(
    peer: &Peer,
    duckdb: &Result<(PathBuf, String), String>,
    mpl: &Result<(), String>,
    files: &str,
    out_dir: &Path,
) -> Result<Job, String> {
    match peer {
        Peer::Duckdb(file) => {
            let (bin, _) = duckdb.as_ref().map_err(Clone::clone)?;
            let path = root().join("benches").join("duckdb").join(file);
            let sql = std::fs::read_to_string(&path)
                .map_err(|e| format!("{}: {e}", path.display()))?
                .replace("{indicator_files}", files);
            Ok(Job {
                program: bin.clone(),
                args: [
                    "-no-init",
                    "-batch",
                    "-csv",
                    "-nullvalue",
                    "",
                    "-c",
                    sql.as_str(),
                ]
                .map(String::from)
                .to_vec(),
                dir: root(),
            })
        }
        Peer::Matplotlib(script) => {
            mpl.as_ref().map_err(Clone::clone)?;
            let script = root().join("benches").join(script);
            Ok(Job {
                program: python(),
                args: vec![
                    script.to_string_lossy().into_owned(),
                    root().join("datasets").to_string_lossy().into_owned(),
                    out_dir.join("peer.png").to_string_lossy().into_owned(),
                ],
                dir: root(),
            })
        }
    }
}
