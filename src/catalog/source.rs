//! Where datasets come from: the copy compiled into the binary, or a user's folder (`--data DIR`).

use crate::error::{Error, Result};
use include_dir::{include_dir, Dir};
use std::path::PathBuf;

static EMBEDDED: Dir<'static> = include_dir!("$CARGO_MANIFEST_DIR/datasets");

/// Datasets whose files this process has read, for the manifest of `innodex run`.
static READ: std::sync::Mutex<std::collections::BTreeSet<String>> =
    std::sync::Mutex::new(std::collections::BTreeSet::new());

/// The ids of the datasets read so far, and forget them (the next call starts afresh).
pub fn take_datasets_read() -> Vec<String> {
    match READ.lock() {
        Ok(mut set) => std::mem::take(&mut *set).into_iter().collect(),
        Err(_) => Vec::new(),
    }
}

/// A datasets folder: `<id>/dataset.toml` plus CSV files.
#[derive(Debug, Clone)]
pub enum DataSource {
    /// The curated datasets compiled into the binary.
    Embedded,
    /// A folder on disk with the same layout.
    Dir(PathBuf),
}

impl DataSource {
    /// The ids (folder names) of the datasets present, sorted.
    pub fn dataset_ids(&self) -> Result<Vec<String>> {
        let mut ids: Vec<String> = match self {
            DataSource::Embedded => EMBEDDED
                .dirs()
                .filter(|d| d.get_file(d.path().join("dataset.toml")).is_some())
                .filter_map(|d| d.path().file_name()?.to_str().map(str::to_string))
                .collect(),
            DataSource::Dir(root) => {
                let entries = std::fs::read_dir(root).map_err(|e| Error::io(root, e))?;
                let mut ids = Vec::new();
                for entry in entries {
                    let entry = entry.map_err(|e| Error::io(root, e))?;
                    // Hidden folders are temporary work of import/curate, not datasets.
                    if entry.path().join("dataset.toml").is_file() {
                        if let Some(name) =
                            entry.file_name().to_str().filter(|n| !n.starts_with('.'))
                        {
                            ids.push(name.to_string());
                        }
                    }
                }
                ids
            }
        };
        ids.sort();
        Ok(ids)
    }

    /// How a file is named in messages: `datasets/gii/score.csv` or the real path.
    pub fn display_path(&self, dataset: &str, file: &str) -> String {
        match self {
            DataSource::Embedded => format!("<embedded>/datasets/{dataset}/{file}"),
            DataSource::Dir(root) => root.join(dataset).join(file).display().to_string(),
        }
    }

    /// Whether a file exists in a dataset.
    pub fn exists(&self, dataset: &str, file: &str) -> bool {
        match self {
            DataSource::Embedded => EMBEDDED.get_file(format!("{dataset}/{file}")).is_some(),
            DataSource::Dir(root) => root.join(dataset).join(file).is_file(),
        }
    }

    /// A file's size in bytes, if it exists.
    pub fn size(&self, dataset: &str, file: &str) -> Option<u64> {
        match self {
            DataSource::Embedded => EMBEDDED
                .get_file(format!("{dataset}/{file}"))
                .map(|f| f.contents().len() as u64),
            DataSource::Dir(root) => std::fs::metadata(root.join(dataset).join(file))
                .ok()
                .filter(|m| m.is_file())
                .map(|m| m.len()),
        }
    }

    /// The raw bytes of a file in a dataset.
    pub fn read(&self, dataset: &str, file: &str) -> Result<Vec<u8>> {
        if file != "dataset.toml" && file != super::coverage::COVERAGE_FILE {
            if let Ok(mut set) = READ.lock() {
                set.insert(dataset.to_string());
            }
        }
        match self {
            DataSource::Embedded => EMBEDDED
                .get_file(format!("{dataset}/{file}"))
                .map(|f| f.contents().to_vec())
                .ok_or_else(|| Error::DataFile {
                    file: self.display_path(dataset, file),
                    message: "no such file in the embedded datasets".into(),
                }),
            DataSource::Dir(root) => {
                let path = root.join(dataset).join(file);
                std::fs::read(&path).map_err(|e| Error::io(path, e))
            }
        }
    }

    /// A file's text; invalid UTF-8 is an error that names the file and byte offset.
    pub fn read_text(&self, dataset: &str, file: &str) -> Result<String> {
        let bytes = self.read(dataset, file)?;
        if bytes.starts_with(&[0xFF, 0xFE]) || bytes.starts_with(&[0xFE, 0xFF]) {
            return Err(Error::DataFile {
                file: self.display_path(dataset, file),
                message:
                    "is UTF-16 text (it starts with a UTF-16 byte-order mark); save it as UTF-8"
                        .into(),
            });
        }
        if let Some(at) = bytes.iter().position(|b| *b == 0) {
            // A NUL is invisible in messages ("value '3.13' is not a number"): name it here.
            let before = bytes.get(..at).unwrap_or_default();
            let line = before.iter().filter(|b| **b == b'\n').count() as u64 + 1;
            let line_start = before
                .iter()
                .rposition(|b| *b == b'\n')
                .map_or(0, |p| p + 1);
            return Err(Error::Data {
                file: self.display_path(dataset, file),
                line,
                column: (at - line_start) as u64 + 1,
                message:
                    "contains a NUL byte (binary data, or UTF-16 text); save the file as UTF-8 text"
                        .into(),
            });
        }
        String::from_utf8(bytes).map_err(|e| Error::DataFile {
            file: self.display_path(dataset, file),
            message: format!(
                "not valid UTF-8 (first bad byte at offset {}); save the file as UTF-8",
                e.utf8_error().valid_up_to()
            ),
        })
    }

    /// Every file of a dataset as (name, bytes), sorted by name (for content hashes).
    pub fn dataset_files(&self, dataset: &str) -> Result<Vec<(String, Vec<u8>)>> {
        let mut files = match self {
            DataSource::Embedded => EMBEDDED
                .get_dir(dataset)
                .map(|d| {
                    d.files()
                        .filter_map(|f| {
                            Some((
                                f.path().file_name()?.to_str()?.to_string(),
                                f.contents().to_vec(),
                            ))
                        })
                        .collect::<Vec<_>>()
                })
                .unwrap_or_default(),
            DataSource::Dir(root) => {
                let dir = root.join(dataset);
                let mut v = Vec::new();
                for entry in std::fs::read_dir(&dir).map_err(|e| Error::io(&dir, e))? {
                    let path = entry.map_err(|e| Error::io(&dir, e))?.path();
                    if path.is_file() {
                        let bytes = std::fs::read(&path).map_err(|e| Error::io(&path, e))?;
                        if let Some(name) = path.file_name().and_then(|n| n.to_str()) {
                            v.push((name.to_string(), bytes));
                        }
                    }
                }
                v
            }
        };
        files.sort();
        Ok(files)
    }

    /// A short description for notes: "embedded datasets" or the folder.
    pub fn describe(&self) -> String {
        match self {
            DataSource::Embedded => "embedded datasets".into(),
            DataSource::Dir(root) => format!("datasets in {}", root.display()),
        }
    }
}
