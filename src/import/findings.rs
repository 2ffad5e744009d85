//! What an import noticed: findings by kind (cells left out, aggregates kept, repairs, notes),
//! with the input lines they concern, and how they are said.

use super::text;

/// What a finding is about.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum FindingKind {
    /// A country name or code not in the reference (cells in `unmatched.csv`).
    Unmatched,
    /// A name that may mean several countries (cells in `unmatched.csv`).
    Ambiguous,
    /// A second value for the same indicator, country and year (in `unmatched.csv`).
    Duplicate,
    /// A value that is not a number (in `unmatched.csv`).
    NotANumber,
    /// A year that is not an annual year (in `unmatched.csv`).
    BadYear,
    /// A row with the wrong number of fields (in `unmatched.csv`).
    Ragged,
    /// An aggregate (World, OECD, a region): kept with its code and flagged.
    Aggregate,
    /// A mis-encoded name that was repaired before matching.
    Repaired,
    /// Information: encoding, ignored columns, assumed settings, footer lines.
    Note,
}

impl FindingKind {
    /// Whether cells were left out because of it (an error under `strict`).
    pub fn rejects(self) -> bool {
        !matches!(
            self,
            FindingKind::Aggregate | FindingKind::Repaired | FindingKind::Note
        )
    }
}

/// One thing the import noticed, with the input lines (1-based, header = line 1) it concerns.
#[derive(Debug, Clone, PartialEq)]
pub struct Finding {
    pub kind: FindingKind,
    pub lines: Vec<u64>,
    /// The input column (header name), where one cell is concerned.
    pub column: Option<String>,
    pub message: String,
}

/// At most 20 findings, one a line, then how many more.
pub(super) fn list_findings(findings: &[&Finding]) -> String {
    let mut out: Vec<String> = findings.iter().take(20).map(|f| describe(f)).collect();
    if findings.len() > 20 {
        out.push(format!("… and {} more", findings.len() - 20));
    }
    out.join("\n  ")
}

pub(super) fn note(message: String) -> Finding {
    Finding {
        kind: FindingKind::Note,
        lines: vec![],
        column: None,
        message,
    }
}

/// `line 4, 9 (column '2019 [YR2019]'): message`.
pub fn describe(f: &Finding) -> String {
    let mut s = String::new();
    if !f.lines.is_empty() {
        let lines: Vec<String> = f.lines.iter().take(10).map(u64::to_string).collect();
        let plural = if f.lines.len() > 1 { "lines" } else { "line" };
        s.push_str(&format!("{plural} {}", lines.join(", ")));
        if f.lines.len() > 10 {
            s.push_str(&format!(" … ({} lines)", f.lines.len()));
        }
    }
    if let Some(c) = &f.column {
        s.push_str(&format!(" (column '{}')", text::quote(c)));
    }
    if !s.is_empty() {
        s.push_str(": ");
    }
    s.push_str(&f.message);
    s
}
