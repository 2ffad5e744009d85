//! Writes the dataset folder atomically: built in a temporary folder inside the datasets folder,
//! then renamed into place.

use super::extract::Rejected;
use super::{exists_error, ImportOptions, IndicatorRows};
use crate::catalog::metadata::DatasetMeta;
use crate::error::{Error, Result};
use std::path::{Path, PathBuf};

/// The file listing every cell that was not written.
pub const REJECTED_FILE: &str = "unmatched.csv";

fn csv_err(path: &Path, e: csv::Error) -> Error {
    Error::io(path, std::io::Error::other(e.to_string()))
}

fn write_csv(path: &Path, header: &[&str], rows: &[Vec<String>]) -> Result<()> {
    let mut w = csv::Writer::from_path(path).map_err(|e| csv_err(path, e))?;
    w.write_record(header).map_err(|e| csv_err(path, e))?;
    for r in rows {
        w.write_record(r).map_err(|e| csv_err(path, e))?;
    }
    w.flush().map_err(|e| Error::io(path, e))
}

/// Writes `dataset.toml`, the indicator files and `unmatched.csv` (if any); returns the final paths.
pub fn write_dataset(
    opts: &ImportOptions,
    meta: &DatasetMeta,
    files: &[IndicatorRows],
    rejected: &[Rejected],
) -> Result<Vec<PathBuf>> {
    let dir = &opts.data_dir;
    std::fs::create_dir_all(dir).map_err(|e| Error::io(dir, e))?;
    let staging = tempfile::Builder::new()
        .prefix(&format!(".import-{}-", meta.id))
        .tempdir_in(dir)
        .map_err(|e| Error::io(dir, e))?;
    let mut names = vec![];
    for (file, rows) in files {
        let rows: Vec<Vec<String>> = rows
            .iter()
            .map(|(c, y, v)| vec![c.clone(), y.to_string(), v.to_string()])
            .collect();
        write_csv(
            &staging.path().join(file),
            &["iso3", "year", "value"],
            &rows,
        )?;
        names.push(file.clone());
    }
    if !rejected.is_empty() {
        let rows: Vec<Vec<String>> = rejected
            .iter()
            .map(|r| {
                vec![
                    r.line.to_string(),
                    r.series.clone(),
                    r.country.clone(),
                    r.code.clone(),
                    r.year.clone(),
                    r.value.clone(),
                    r.reason.clone(),
                    r.suggestions.clone(),
                ]
            })
            .collect();
        write_csv(
            &staging.path().join(REJECTED_FILE),
            &[
                "line",
                "series",
                "name",
                "code",
                "year",
                "value",
                "reason",
                "suggestions",
            ],
            &rows,
        )?;
        names.push(REJECTED_FILE.into());
    }
    let toml_text = toml::to_string(meta).map_err(|e| Error::DataFile {
        file: "dataset.toml".into(),
        message: e.to_string(),
    })?;
    let toml_path = staging.path().join("dataset.toml");
    std::fs::write(&toml_path, toml_text).map_err(|e| Error::io(&toml_path, e))?;
    names.insert(0, "dataset.toml".into());

    let target = dir.join(&meta.id);
    if target.exists() {
        if !opts.replace {
            return Err(exists_error(&target));
        }
        // Move the old folder aside into a temporary folder that is deleted when dropped.
        let old = tempfile::Builder::new()
            .prefix(&format!(".replaced-{}-", meta.id))
            .tempdir_in(dir)
            .map_err(|e| Error::io(dir, e))?;
        let aside = old.path().join(&meta.id);
        std::fs::rename(&target, &aside).map_err(|e| Error::io(&target, e))?;
        if let Err(e) = std::fs::rename(staging.path(), &target) {
            // Put the old folder back; the staging folder is removed when dropped.
            let _ = std::fs::rename(&aside, &target);
            return Err(Error::io(&target, e));
        }
        let _ = staging.keep();
        old.close().map_err(|e| Error::io(dir, e))?;
    } else {
        std::fs::rename(staging.path(), &target).map_err(|e| Error::io(&target, e))?;
        let _ = staging.keep();
    }
    Ok(names.iter().map(|n| target.join(n)).collect())
}

/// The file's modification date as YYYY-MM-DD (UTC).
pub fn modified_date(path: &Path) -> Result<String> {
    let modified = std::fs::metadata(path)
        .and_then(|m| m.modified())
        .map_err(|e| Error::io(path, e))?;
    let days = modified
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_secs() / 86_400)
        .unwrap_or(0);
    let date = chrono::NaiveDate::from_ymd_opt(1970, 1, 1)
        .and_then(|d| d.checked_add_days(chrono::Days::new(days)))
        .ok_or_else(|| Error::DataFile {
            file: path.display().to_string(),
            message: "modification date out of range; pass the retrieved date".into(),
        })?;
    Ok(date.format("%Y-%m-%d").to_string())
}
