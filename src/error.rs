//! The one error type of the library, grouped by what the user must do, and its exit codes.
//!
//! Exit codes: 0 success; 1 data, validation or I/O failure; 2 usage errors, unknown ids and names.

use std::path::PathBuf;

/// Everything that can stop a command.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// A file could not be read or written.
    #[error("{path}: {source}")]
    Io {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
    /// A data file is malformed at a known place.
    #[error("{file}:{line}:{column}: {message}")]
    Data {
        file: String,
        line: u64,
        column: u64,
        message: String,
    },
    /// A data problem without a single place (a whole file or folder).
    #[error("{file}: {message}")]
    DataFile { file: String, message: String },
    /// An indicator, dataset, group or country the catalog does not know.
    #[error("{message}")]
    Unknown { message: String },
    /// Options that do not fit together or a value that cannot be parsed.
    #[error("{0}")]
    Usage(String),
    /// A check (validate, resolve) found problems; the report has already been written.
    #[error("{0}")]
    Findings(String),
    /// A computation failed inside the data engine.
    #[error("computation failed: {0}")]
    Compute(String),
    /// Rendering a chart failed.
    #[error("chart: {0}")]
    Chart(String),
}

impl Error {
    /// The process exit code for this error.
    pub fn exit_code(&self) -> i32 {
        match self {
            Error::Unknown { .. } | Error::Usage(_) => 2,
            _ => 1,
        }
    }

    /// An I/O error with the path it concerns.
    pub fn io(path: impl Into<PathBuf>, source: std::io::Error) -> Self {
        Error::Io {
            path: path.into(),
            source,
        }
    }

    /// An unknown name, with the closest known candidates as a "did you mean".
    pub fn unknown<'a>(
        what: &str,
        name: &str,
        known: impl IntoIterator<Item = &'a str>,
        hint: &str,
    ) -> Self {
        let suggestions = crate::catalog::suggest(name, known, 3);
        let mut message = format!("unknown {what} '{name}'");
        if !suggestions.is_empty() {
            message.push_str(&format!("; did you mean {}?", quote_list(&suggestions)));
        }
        if !hint.is_empty() {
            message.push_str(&format!(" ({hint})"));
        }
        Error::Unknown { message }
    }
}

impl From<polars::prelude::PolarsError> for Error {
    fn from(e: polars::prelude::PolarsError) -> Self {
        Error::Compute(e.to_string())
    }
}

fn quote_list(items: &[String]) -> String {
    items
        .iter()
        .map(|s| format!("'{s}'"))
        .collect::<Vec<_>>()
        .join(" or ")
}

/// The library's result type.
pub type Result<T> = std::result::Result<T, Error>;
