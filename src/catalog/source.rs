//! Where datasets come from: the copy compiled into the binary, or a user's folder (`--data DIR`).

use crate::error::{Error, Result};
use include_dir::{include_dir, Dir};
use std::borrow::Cow;
use std::path::PathBuf;

static EMBEDDED: Dir<'static> = include_dir!("$CARGO_MANIFEST_DIR/datasets");

/// The embedded files by `dataset/file` path, built on first use (include_dir's own lookup
/// compares path components entry by entry, a cost paid on every file a command opens).
fn embedded_file(dataset: &str, file: &str) -> Option<&'static [u8]> {
    static INDEX: std::sync::OnceLock<std::collections::HashMap<String, &'static [u8]>> =
        std::sync::OnceLock::new();
    let index = INDEX.get_or_init(|| {
        let mut map = std::collections::HashMap::new();
        for dir in EMBEDDED.dirs() {
            for f in dir.files() {
                if let Some(path) = f.path().to_str() {
                    map.insert(path.replace('\\', "/"), f.contents());
                }
            }
        }
        map
    });
    index.get(&format!("{dataset}/{file}")).copied()
}

/// One dataset whose data a command read, and from where (for the manifest of `innodex run`):
/// a `--data` folder without a `countries` dataset reads the embedded one, and the manifest
/// must hash the copy that was used. The [`Catalog`](super::Catalog) records them as it reads.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct DatasetRead {
    /// `None`: the embedded datasets.
    pub root: Option<PathBuf>,
    pub id: String,
}

impl DatasetRead {
    /// Dataset `id` read from `source`.
    pub fn new(source: &DataSource, id: &str) -> Self {
        DatasetRead {
            root: match source {
                DataSource::Embedded => None,
                DataSource::Dir(root) => Some(root.clone()),
            },
            id: id.to_string(),
        }
    }

    /// The source the dataset was read from.
    pub fn source(&self) -> DataSource {
        match &self.root {
            Some(root) => DataSource::Dir(root.clone()),
            None => DataSource::Embedded,
        }
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
                    let name = entry.file_name().to_string_lossy().into_owned();
                    // Hidden folders are temporary work of import/curate, not datasets.
                    if name.starts_with('.') {
                        continue;
                    }
                    let toml = entry.path().join("dataset.toml");
                    match std::fs::metadata(&toml) {
                        Ok(m) if m.is_file() => {}
                        Ok(_) => {
                            return Err(Error::DataFile {
                                file: toml.display().to_string(),
                                message: "is not a file (a folder?); a dataset folder needs a dataset.toml file".into(),
                            })
                        }
                        // Not a folder, or a folder without dataset.toml: not a dataset.
                        Err(e)
                            if matches!(
                                e.kind(),
                                std::io::ErrorKind::NotFound | std::io::ErrorKind::NotADirectory
                            ) => {}
                        Err(e) => return Err(Error::io(toml, e)),
                    }
                    if !toml.is_file() {
                        continue;
                    }
                    if entry.file_name().to_str().is_none() {
                        return Err(Error::DataFile {
                            file: entry.path().display().to_string(),
                            message: "the folder name is not UTF-8; rename it".into(),
                        });
                    }
                    ids.push(name);
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
            DataSource::Embedded => embedded_file(dataset, file).is_some(),
            DataSource::Dir(root) => root.join(dataset).join(file).is_file(),
        }
    }

    /// A file's size in bytes, if it exists.
    pub fn size(&self, dataset: &str, file: &str) -> Option<u64> {
        match self {
            DataSource::Embedded => embedded_file(dataset, file).map(|f| f.len() as u64),
            DataSource::Dir(root) => std::fs::metadata(root.join(dataset).join(file))
                .ok()
                .filter(|m| m.is_file())
                .map(|m| m.len()),
        }
    }

    /// The raw bytes of a file in a dataset (borrowed from the binary for the embedded data).
    pub fn read(&self, dataset: &str, file: &str) -> Result<Cow<'static, [u8]>> {
        match self {
            DataSource::Embedded => {
                embedded_file(dataset, file)
                    .map(Cow::Borrowed)
                    .ok_or_else(|| Error::DataFile {
                        file: self.display_path(dataset, file),
                        message: "no such file in the embedded datasets".into(),
                    })
            }
            DataSource::Dir(root) => {
                self.check_inside(dataset, file)
                    .map_err(|message| Error::DataFile {
                        file: self.display_path(dataset, file),
                        message,
                    })?;
                let path = root.join(dataset).join(file);
                std::fs::read(&path)
                    .map(Cow::Owned)
                    .map_err(|e| Error::io(path, e))
            }
        }
    }

    /// Whether `file` is a plain name that stays inside the dataset folder: no folders or `..`,
    /// and on disk not a symbolic link to somewhere outside the folder.
    pub fn check_inside(&self, dataset: &str, file: &str) -> std::result::Result<(), String> {
        let mut parts = std::path::Path::new(file).components();
        let plain = matches!(
            (parts.next(), parts.next()),
            (Some(std::path::Component::Normal(_)), None)
        );
        if !plain {
            return Err("is not a plain file name inside the dataset folder".into());
        }
        let DataSource::Dir(root) = self else {
            return Ok(());
        };
        let dir = root.join(dataset);
        let path = dir.join(file);
        let is_link = std::fs::symlink_metadata(&path).is_ok_and(|m| m.file_type().is_symlink());
        if !is_link {
            return Ok(());
        }
        match (std::fs::canonicalize(&dir), std::fs::canonicalize(&path)) {
            (Ok(d), Ok(p)) if p.starts_with(&d) => Ok(()),
            (_, Ok(p)) => Err(format!(
                "is a symbolic link to {}, outside the dataset folder; copy the file into the folder instead",
                p.display()
            )),
            (_, Err(_)) => Err("is a symbolic link that leads nowhere; replace it with the file".into()),
        }
    }

    /// A file's text. A UTF-8 byte-order mark is dropped and lone CR line ends read as LF (so
    /// lines are counted right); UTF-16, NUL bytes and invalid UTF-8 are errors with their place.
    pub fn read_text(&self, dataset: &str, file: &str) -> Result<String> {
        let bytes = self.read(dataset, file)?.into_owned();
        decode_text(&self.display_path(dataset, file), bytes)
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
                        let name = path.file_name().and_then(|n| n.to_str()).unwrap_or("");
                        self.check_inside(dataset, name)
                            .map_err(|message| Error::DataFile {
                                file: path.display().to_string(),
                                message,
                            })?;
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
/// Line and column (characters, 1-based) of byte `at`; the bytes before it are valid UTF-8.
fn place(bytes: &[u8], at: usize) -> (u64, u64) {
    let before = bytes.get(..at).unwrap_or_default();
    let line = before.iter().filter(|b| **b == b'\n').count() as u64 + 1;
    let line_start = before
        .iter()
        .rposition(|b| *b == b'\n')
        .map_or(0, |p| p + 1);
    let column = String::from_utf8_lossy(before.get(line_start..).unwrap_or_default())
        .chars()
        .count() as u64
        + 1;
    (line, column)
}

/// The text of a dataset file's bytes (see [`DataSource::read_text`]); `file` names it in errors.
pub fn decode_text(file: &str, mut bytes: Vec<u8>) -> Result<String> {
    if bytes.starts_with(&[0xFF, 0xFE]) || bytes.starts_with(&[0xFE, 0xFF]) {
        return Err(Error::DataFile {
            file: file.into(),
            message: "is UTF-16 text (it starts with a UTF-16 byte-order mark); save it as UTF-8"
                .into(),
        });
    }
    if bytes.starts_with(&[0xEF, 0xBB, 0xBF]) {
        bytes.drain(..3);
    }
    // Lone CR (old Mac) line ends: read as LF, so every line number is right.
    if bytes.contains(&b'\r') {
        let mut out = Vec::with_capacity(bytes.len());
        for (i, b) in bytes.iter().enumerate() {
            if *b == b'\r' && bytes.get(i + 1) != Some(&b'\n') {
                out.push(b'\n');
            } else {
                out.push(*b);
            }
        }
        bytes = out;
    }
    if let Some(at) = memchr::memchr(0, &bytes) {
        // A NUL is invisible in messages ("value '3.13' is not a number"): name it here.
        let (line, column) = place(&bytes, at);
        return Err(Error::Data {
            file: file.into(),
            line,
            column,
            message:
                "contains a NUL byte (binary data, or UTF-16 text); save the file as UTF-8 text"
                    .into(),
        });
    }
    match String::from_utf8(bytes) {
        Ok(text) => Ok(text),
        Err(e) => {
            let at = e.utf8_error().valid_up_to();
            let bytes = e.into_bytes();
            let (line, column) = place(&bytes, at);
            Err(Error::Data {
                file: file.into(),
                line,
                column,
                message: format!(
                    "not valid UTF-8 (byte 0x{:02X}; Latin-1 or Windows-1252 text?); save the file as UTF-8",
                    bytes.get(at).copied().unwrap_or(0)
                ),
            })
        }
    }
}
