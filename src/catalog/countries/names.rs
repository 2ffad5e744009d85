//! The name side of the countries reference: the index of names, aliases and ambiguous
//! spellings (built on first use for the embedded reference), and the resolver every flag that
//! takes a country uses. Spellings are compared folded (`super::spelling`).

use super::spelling::{fold, repair_mojibake};
use super::{Countries, MatchKind, Resolution, ALIASES_FILE, AMBIGUOUS_FILE, COUNTRIES_DATASET};
use crate::catalog::load::read_table;
use crate::catalog::source::DataSource;
use crate::error::{Error, Result};
use foldhash::HashMap;

/// Names, aliases and ambiguous spellings, folded.
#[derive(Debug, Clone, Default)]
pub(super) struct NameIndex {
    /// Folded name → (code, where the spelling comes from).
    names: HashMap<String, (String, String)>,
    ambiguous: HashMap<String, (Vec<String>, String)>,
}

impl Countries {
    /// Reads the aliases and ambiguous names and folds every canonical name.
    pub(super) fn load_names(&self, source: &DataSource) -> Result<NameIndex> {
        let ds = COUNTRIES_DATASET;
        let mut ix = NameIndex::default();
        let t = read_table(source, ds, ALIASES_FILE.0, ALIASES_FILE.1)?;
        for (line, r) in &t.rows {
            let code = t.get(r, "code").to_string();
            if !self.countries.contains_key(&code) && !self.aggregates.contains_key(&code) {
                return Err(t.error(
                    *line,
                    "code",
                    format!("alias points to unknown code '{code}'"),
                ));
            }
            let key = fold(t.get(r, "alias"));
            if let Some((other, _)) = ix.names.get(&key) {
                if *other != code {
                    return Err(t.error(*line, "alias", format!("'{}' already names {other}; an alias may name one code only (list it in ambiguous.csv)", t.get(r, "alias"))));
                }
                continue;
            }
            ix.names.insert(key, (code, t.get(r, "source").to_string()));
        }

        let t = read_table(source, ds, AMBIGUOUS_FILE.0, AMBIGUOUS_FILE.1)?;
        for (_, r) in &t.rows {
            let candidates = t
                .get(r, "candidates")
                .split(';')
                .map(|s| s.trim().to_string())
                .collect();
            ix.ambiguous.insert(
                fold(t.get(r, "name")),
                (candidates, t.get(r, "note").into()),
            );
        }

        // Canonical names and codes resolve too.
        for country in self.countries.values() {
            for n in [&country.name, &country.official_name] {
                if !n.is_empty() {
                    ix.names
                        .entry(fold(n))
                        .or_insert((country.iso3.clone(), String::new()));
                }
            }
        }
        for agg in self.aggregates.values() {
            ix.names
                .entry(fold(&agg.name))
                .or_insert((agg.code.clone(), String::new()));
        }
        Ok(ix)
    }

    /// Reads and checks the aliases and ambiguous names now (for `validate`), whatever the
    /// source.
    pub fn check_names(&self) -> Result<()> {
        self.load_names(&self.source_of_names()).map(|_| ())
    }

    /// Where the name tables come from: the folder they were loaded from, else the embedded
    /// reference.
    fn source_of_names(&self) -> DataSource {
        self.origin.clone().unwrap_or(DataSource::Embedded)
    }

    /// The name index (see the `names` field).
    fn index(&self) -> &NameIndex {
        self.names.get_or_init(|| {
            // Only the embedded reference is indexed lazily; its aliases are checked by the
            // test suite, so this read cannot fail. Were it ever to, names would still resolve
            // by their canonical spelling and codes by themselves.
            let embedded = DataSource::Embedded;
            self.load_names(&embedded).unwrap_or_else(|_| {
                let mut ix = NameIndex::default();
                for country in self.countries.values() {
                    ix.names
                        .insert(fold(&country.name), (country.iso3.clone(), String::new()));
                }
                ix
            })
        })
    }

    /// Before the embedded reference's name index is built, a code or canonical name's code
    /// without reading the aliases (a test checks the full index gives every canonical name
    /// the same code, and none is ambiguous).
    fn canonical_code(&self, input: &str) -> Option<String> {
        if self.origin.is_some() || self.names.get().is_some() {
            return None;
        }
        let trimmed = input.trim();
        let upper = trimmed.to_uppercase();
        if self.knows(&upper) {
            return Some(upper);
        }
        self.canonical_names().get(&fold(trimmed)).cloned()
    }

    /// Folded canonical names of the embedded reference (countries' names and official names,
    /// then aggregates' names; the first code a spelling names keeps it, as in the index) and
    /// their codes, the ambiguous spellings left out.
    fn canonical_names(&self) -> &foldhash::HashMap<String, String> {
        self.canonical.get_or_init(|| {
            let mut names = foldhash::HashMap::default();
            for country in self.countries.values() {
                for n in [&country.name, &country.official_name] {
                    if !n.is_empty() {
                        names.entry(fold(n)).or_insert_with(|| country.iso3.clone());
                    }
                }
            }
            for agg in self.aggregates.values() {
                names
                    .entry(fold(&agg.name))
                    .or_insert_with(|| agg.code.clone());
            }
            // An ambiguous spelling is the index's to answer ("Congo"); so is everything, should
            // the small table of them not read.
            let ds = COUNTRIES_DATASET;
            match read_table(
                &DataSource::Embedded,
                ds,
                AMBIGUOUS_FILE.0,
                AMBIGUOUS_FILE.1,
            ) {
                Ok(t) => {
                    for (_, r) in &t.rows {
                        names.remove(&fold(t.get(r, "name")));
                    }
                }
                Err(_) => names.clear(),
            }
            names
        })
    }

    /// Resolves one name, code or alias; see the module doc for the rules.
    pub fn resolve(&self, input: &str) -> Resolution {
        if let Some(r) = self.resolve_exact(input) {
            return r;
        }
        if let Some(fixed) = repair_mojibake(input) {
            if let Some(Resolution::Matched {
                code, aggregate, ..
            }) = self.resolve_exact(&fixed)
            {
                return Resolution::Matched {
                    code,
                    how: MatchKind::RepairedEncoding(fixed),
                    aggregate,
                };
            }
        }
        let known = self.index().names.keys().map(String::as_str);
        let suggestions = crate::catalog::suggest(&fold(input), known, 3)
            .into_iter()
            .filter_map(|k| {
                self.index()
                    .names
                    .get(&k)
                    .map(|(code, _)| format!("{} ({code})", self.display_for(code)))
            })
            .collect();
        Resolution::Unmatched { suggestions }
    }

    fn display_for(&self, code: &str) -> String {
        self.name(code).to_string()
    }

    fn resolve_exact(&self, input: &str) -> Option<Resolution> {
        let trimmed = input.trim();
        let upper = trimmed.to_uppercase();
        if self.countries.contains_key(&upper) || self.aggregates.contains_key(&upper) {
            return Some(Resolution::Matched {
                aggregate: self.is_aggregate(&upper),
                code: upper,
                how: MatchKind::Code,
            });
        }
        let key = fold(trimmed);
        if let Some((candidates, note)) = self.index().ambiguous.get(&key) {
            return Some(Resolution::Ambiguous {
                candidates: candidates.clone(),
                note: note.clone(),
            });
        }
        let (code, src) = self.index().names.get(&key)?;
        let aggregate = self.is_aggregate(code);
        let how = if aggregate {
            MatchKind::Aggregate
        } else if src.is_empty() {
            MatchKind::Name
        } else {
            MatchKind::Alias(src.clone())
        };
        Some(Resolution::Matched {
            code: code.clone(),
            how,
            aggregate,
        })
    }

    /// Resolves a comma-separated list of names, codes or aliases: the one parser for every flag
    /// that takes a country list. A name that itself contains a comma ("Korea, Rep.") is found
    /// by first trying each piece joined with the next.
    pub fn resolve_list(&self, list: &str) -> Result<Vec<String>> {
        let pieces: Vec<&str> = list.split(',').collect();
        let mut codes = Vec::new();
        let mut i = 0;
        while i < pieces.len() {
            let piece = pieces[i].trim();
            if piece.is_empty() {
                i += 1;
                continue;
            }
            // A name with a comma in it wins over its first part ("Korea, Rep." over "Korea").
            if i + 1 < pieces.len() {
                let joined = format!("{},{}", pieces[i], pieces[i + 1]);
                if let Resolution::Matched { code, .. } = self.resolve(joined.trim()) {
                    codes.push(code);
                    i += 2;
                    continue;
                }
            }
            codes.push(self.resolve_code(piece)?);
            i += 1;
        }
        if codes.is_empty() {
            // `--countries ""` must not quietly mean "every country".
            return Err(Error::Usage(format!(
                "no country named in '{list}'; give names or codes separated by commas, e.g. JPN,KOR"
            )));
        }
        Ok(codes)
    }

    /// Resolves a name to a code, or an error that says why not (for command arguments).
    pub fn resolve_code(&self, input: &str) -> Result<String> {
        if let Some(code) = self.canonical_code(input) {
            return Ok(code);
        }
        match self.resolve(input) {
            Resolution::Matched { code, .. } => Ok(code),
            Resolution::Ambiguous { candidates, note } => Err(Error::Unknown {
                message: format!(
                    "'{input}' is ambiguous: it may mean {} ({note}); give the code",
                    candidates.join(" or ")
                ),
            }),
            Resolution::Unmatched { suggestions } => {
                let mut message = format!("unknown country '{input}'");
                if !suggestions.is_empty() {
                    message.push_str(&format!("; did you mean {}?", suggestions.join(" or ")));
                }
                message.push_str(" (`innodex countries` lists codes and names)");
                Err(Error::Unknown { message })
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_canonical_name_has_the_code_the_full_index_gives_it() {
        let countries = Countries::load(&DataSource::Embedded).expect("reference");
        let fast = countries.canonical_names().clone();
        assert!(fast.len() > 200, "{}", fast.len());
        // Every canonical spelling, and a code, resolved before the index exists, then by it.
        let mut inputs: Vec<&str> = fast.keys().map(String::as_str).collect();
        inputs.extend(["jpn", " KOR "]);
        let before: Vec<_> = inputs
            .iter()
            .map(|k| countries.resolve_code(k).ok())
            .collect();
        assert!(countries.names.get().is_none(), "the index was built");
        let ix = countries.index();
        for (key, code) in inputs.iter().zip(before) {
            assert!(!ix.ambiguous.contains_key(*key), "{key} is ambiguous");
            assert_eq!(code, countries.resolve_code(key).ok(), "{key}");
            assert!(code.is_some(), "{key}");
        }
    }
}
