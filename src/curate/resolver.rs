//! Economy names in the sources resolved to codes through the freshly written `countries`
//! dataset, every failure collected with its file and line (reported together at the end of
//! a run), mis-encoded spellings repaired and noted.

use crate::catalog::countries::{Countries, MatchKind, Resolution};
use std::collections::BTreeMap;

/// A resolved economy name.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Resolved {
    pub code: String,
    pub aggregate: bool,
    /// The repaired spelling where the source text was mis-encoded.
    pub repaired: Option<String>,
}

/// Resolves names through the countries dataset and collects every failure with file and line.
pub(crate) struct Resolver<'a> {
    pub countries: &'a Countries,
    /// `file:line: message` for every name that did not resolve (reported at the end of the run).
    pub problems: Vec<String>,
    /// Mis-encoded spellings repaired: as printed → repaired, per source file.
    pub repairs: BTreeMap<(String, String), String>,
    /// Ambiguous names settled by a code printed beside them: (file, name) → how.
    pub settled: BTreeMap<(String, String), String>,
}

impl<'a> Resolver<'a> {
    pub fn new(countries: &'a Countries) -> Self {
        Resolver {
            countries,
            problems: Vec::new(),
            repairs: BTreeMap::new(),
            settled: BTreeMap::new(),
        }
    }

    /// Resolves a name; `None` (and a recorded problem) when it is unknown or ambiguous.
    pub fn name(&mut self, name: &str, file: &str, line: u64) -> Option<Resolved> {
        match self.countries.resolve(name) {
            Resolution::Matched {
                code,
                how,
                aggregate,
            } => {
                let repaired = match how {
                    MatchKind::RepairedEncoding(fixed) => {
                        self.repairs
                            .insert((file.to_string(), name.to_string()), fixed.clone());
                        Some(fixed)
                    }
                    _ => None,
                };
                Some(Resolved {
                    code,
                    aggregate,
                    repaired,
                })
            }
            Resolution::Ambiguous { candidates, note } => {
                self.problems.push(format!(
                    "{file}:{line}: '{name}' is ambiguous ({}): {note}",
                    candidates.join(" or ")
                ));
                None
            }
            Resolution::Unmatched { suggestions } => {
                let hint = if suggestions.is_empty() {
                    String::new()
                } else {
                    format!("; closest: {}", suggestions.join(", "))
                };
                self.problems.push(format!(
                    "{file}:{line}: unknown economy name '{name}'{hint}"
                ));
                None
            }
        }
    }

    /// Checks a code column and the name printed beside it: the code must be known, and for a
    /// country the name must resolve to the same code. Aggregate names are not resolved: they
    /// vary between publishers and vintages (NCSES "European Union" is EU27_2020, not EUU; WDI
    /// 2026 prints "Middle East, North Africa, Afghanistan & Pakistan" for MEA).
    pub fn code(&mut self, code: &str, name: &str, file: &str, line: u64) -> Option<Resolved> {
        if !self.countries.knows(code) {
            self.problems.push(format!(
                "{file}:{line}: unknown code '{code}' (name '{name}')"
            ));
            return None;
        }
        let aggregate = self.countries.is_aggregate(code);
        if !name.is_empty() && !aggregate {
            let by_name = self.name(name, file, line)?;
            if by_name.code != code {
                self.problems.push(format!(
                    "{file}:{line}: name '{name}' resolves to {} but the code column says {code}",
                    by_name.code
                ));
                return None;
            }
        }
        Some(Resolved {
            code: code.to_string(),
            aggregate,
            repaired: None,
        })
    }

    /// The repairs recorded for one source file, as dataset notes.
    pub fn repair_notes(&self, file: &str) -> Vec<String> {
        self.repairs
            .iter()
            .filter(|((f, _), _)| f == file)
            .map(|((f, printed), fixed)| {
                format!("{f} prints the mis-encoded name '{printed}' (UTF-8 read as Latin-1 upstream); repaired in code to '{fixed}' with repair_mojibake (source_name holds the repaired spelling, the row note the printed one)")
            })
            .collect()
    }
}
