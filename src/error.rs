//! The one error type of the library, grouped by what the user must do, and its exit codes.
//!
//! Exit codes: 0 success; 1 data, validation or I/O failure; 2 usage errors, unknown ids and names.

use std::path::PathBuf;

/// Everything that can stop a command.
///
/// Displayed through [`tidy`]: input quoted in a message is shortened and control characters
/// are escaped, whatever built the message.
#[derive(Debug, thiserror::Error)]
#[error("{}", tidy(&self.raw_message()))]
pub enum Error {
    /// A file could not be read or written.
    Io {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
    /// A data file is malformed at a known place.
    Data {
        file: String,
        line: u64,
        column: u64,
        message: String,
    },
    /// A data problem without a single place (a whole file or folder).
    DataFile { file: String, message: String },
    /// An indicator, dataset, group or country the catalog does not know.
    Unknown { message: String },
    /// Options that do not fit together or a value that cannot be parsed.
    Usage(String),
    /// A check (validate, resolve) found problems; the report has already been written.
    Findings(String),
    /// A computation failed inside the data engine.
    Compute(String),
    /// Rendering a chart failed.
    Chart(String),
}

impl Error {
    /// The message as built, before [`tidy`].
    pub fn raw_message(&self) -> String {
        match self {
            Error::Io { path, source } => {
                let hint = match source.kind() {
                    std::io::ErrorKind::PermissionDenied => {
                        "; innodex may not read or write it: give this user permission (chmod/chown) or use another file"
                    }
                    std::io::ErrorKind::IsADirectory => "; give a file, not a folder",
                    _ => "",
                };
                format!("{}: {source}{hint}", path.display())
            }
            Error::Data {
                file,
                line,
                column,
                message,
            } => format!("{file}:{line}:{column}: {message}"),
            Error::DataFile { file, message } => format!("{file}: {message}"),
            Error::Unknown { message } => message.clone(),
            Error::Usage(m) | Error::Findings(m) => m.clone(),
            Error::Compute(m) => format!("computation failed: {m}"),
            Error::Chart(m) => format!("chart: {m}"),
        }
    }

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
        let suggestions = crate::suggest::suggest(name, known, 3);
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

/// Longest quoted input kept in a message, in characters.
pub const QUOTE_MAX: usize = 80;
/// Longest message, in characters: beyond it the middle is left out.
pub const MESSAGE_MAX: usize = 2000;

/// A message made safe to print: control characters (and bidirectional overrides) escaped,
/// every quoted part ('…' or "…") longer than [`QUOTE_MAX`] cut with "…", and a message longer
/// than [`MESSAGE_MAX`] cut in the middle. Line breaks between lines of a message are kept.
pub fn tidy(message: &str) -> String {
    let mut out = String::with_capacity(message.len().min(MESSAGE_MAX * 2));
    let chars: Vec<char> = message.chars().collect();
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        if (c == '\'' || c == '"') && opens_quote(&chars, i) {
            if let Some(len) = chars[i + 1..].iter().position(|d| *d == c) {
                let inner = &chars[i + 1..i + 1 + len];
                out.push(c);
                for d in inner.iter().take(QUOTE_MAX) {
                    escape_into(&mut out, *d, true);
                }
                if inner.len() > QUOTE_MAX {
                    out.push('…');
                }
                out.push(c);
                i += len + 2;
                continue;
            }
        }
        escape_into(&mut out, c, false);
        i += 1;
    }
    let n = out.chars().count();
    if n > MESSAGE_MAX {
        let head: String = out.chars().take(MESSAGE_MAX * 3 / 4).collect();
        let tail: String = out.chars().skip(n - MESSAGE_MAX / 4).collect();
        out = format!(
            "{head} … ({} characters left out) … {tail}",
            n - MESSAGE_MAX
        );
    }
    out
}

/// A quote opens where it does not end a word (so "don't" is not a quote).
fn opens_quote(chars: &[char], i: usize) -> bool {
    i == 0 || !chars[i - 1].is_alphanumeric()
}

fn escape_into(out: &mut String, c: char, quoted: bool) {
    let bidi = matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}');
    match c {
        '\n' if !quoted => out.push('\n'),
        '\n' => out.push_str("\\n"),
        '\r' => out.push_str("\\r"),
        '\t' => out.push_str("\\t"),
        c if c.is_control() || bidi => out.push_str(&format!("\\u{{{:x}}}", c as u32)),
        c => out.push(c),
    }
}

/// The library's result type.
pub type Result<T> = std::result::Result<T, Error>;
