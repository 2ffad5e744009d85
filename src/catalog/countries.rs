//! Countries, aggregates, aliases and groups with dated memberships; the name resolver.
//!
//! Reads the `countries` dataset: `countries.csv`, `aggregates.csv`, `aliases.csv`,
//! `ambiguous.csv`, `groups.csv`, `memberships.csv`. Matching is on whole names (case and
//! spacing folded), never on substrings: "Niger" is not "Nigeria".

use super::dates::PartialDate;
use super::load::read_table;
use super::source::DataSource;
use crate::error::{Error, Result};
use chrono::NaiveDate;
use foldhash::HashMap;
use std::collections::BTreeMap;

/// The id of the reference dataset.
pub const COUNTRIES_DATASET: &str = "countries";

/// The reference files and their columns, shared by the reader here and the writer in `curate`.
pub const COUNTRIES_FILE: (&str, &[&str]) = (
    "countries.csv",
    &[
        "iso3",
        "iso2",
        "name",
        "official_name",
        "wb_region",
        "wb_income",
    ],
);
pub const AGGREGATES_FILE: (&str, &[&str]) =
    ("aggregates.csv", &["code", "name", "kind", "source"]);
pub const ALIASES_FILE: (&str, &[&str]) = ("aliases.csv", &["alias", "code", "source"]);
pub const AMBIGUOUS_FILE: (&str, &[&str]) = ("ambiguous.csv", &["name", "candidates", "note"]);
pub const GROUPS_FILE: (&str, &[&str]) = ("groups.csv", &["id", "name", "kind", "note"]);
pub const MEMBERSHIPS_FILE: (&str, &[&str]) = (
    "memberships.csv",
    &["group", "iso3", "since", "until", "note"],
);

/// A country or economy with an ISO 3166-1 alpha-3 code (or a World Bank code such as XKX).
#[derive(Debug, Clone)]
pub struct Country {
    pub iso3: String,
    pub iso2: String,
    pub name: String,
    pub official_name: String,
    pub wb_region: String,
    pub wb_income: String,
}

/// A code that stands for several countries (World, OECD, a region, Belgium+Luxembourg).
#[derive(Debug, Clone)]
pub struct Aggregate {
    pub code: String,
    pub name: String,
    pub kind: String,
}

/// One spell of membership of a group.
#[derive(Debug, Clone)]
pub struct Membership {
    pub iso3: String,
    /// Empty: a founding member or no date known.
    pub since: Option<PartialDate>,
    pub until: Option<PartialDate>,
    pub note: String,
}

/// A named set of countries: an alliance, an organisation, a World Bank region or income group.
#[derive(Debug, Clone)]
pub struct Group {
    pub id: String,
    pub name: String,
    /// `alliance`, `organisation`, `wb-region`, `wb-income`, …; `--within KIND` ranks inside each.
    pub kind: String,
    pub note: String,
    pub members: Vec<Membership>,
}

impl Group {
    /// Whether `iso3` was a member on `date`.
    pub fn member_on(&self, iso3: &str, date: NaiveDate) -> bool {
        self.members.iter().any(|m| {
            m.iso3 == iso3
                && m.since.as_ref().is_none_or(|s| s.start <= date)
                && m.until.as_ref().is_none_or(|u| u.end > date)
        })
    }

    /// Whether `iso3` was a member at the end of `year` (the rule for yearly data).
    pub fn member_in_year(&self, iso3: &str, year: i32) -> bool {
        match NaiveDate::from_ymd_opt(year, 12, 31) {
            Some(d) => self.member_on(iso3, d),
            None => false,
        }
    }

    /// Members at any time, sorted, without repeats.
    pub fn all_members(&self) -> Vec<String> {
        let mut v: Vec<String> = self.members.iter().map(|m| m.iso3.clone()).collect();
        v.sort();
        v.dedup();
        v
    }
}

/// How a name was matched.
#[derive(Debug, Clone, PartialEq)]
pub enum MatchKind {
    Code,
    Name,
    Alias(String),
    Aggregate,
    /// Mis-encoded text (UTF-8 read as Latin-1) repaired before matching.
    RepairedEncoding(String),
}

impl MatchKind {
    pub fn describe(&self) -> String {
        match self {
            MatchKind::Code => "code".into(),
            MatchKind::Name => "name".into(),
            MatchKind::Alias(src) => format!("alias ({src})"),
            MatchKind::Aggregate => "aggregate".into(),
            MatchKind::RepairedEncoding(fixed) => format!("repaired encoding → '{fixed}'"),
        }
    }
}

/// The outcome of resolving one name.
#[derive(Debug, Clone, PartialEq)]
pub enum Resolution {
    Matched {
        code: String,
        how: MatchKind,
        aggregate: bool,
    },
    Ambiguous {
        candidates: Vec<String>,
        note: String,
    },
    Unmatched {
        suggestions: Vec<String>,
    },
}

/// The reference tables and the resolver.
#[derive(Debug, Clone, Default)]
pub struct Countries {
    pub countries: BTreeMap<String, Country>,
    pub aggregates: BTreeMap<String, Aggregate>,
    pub groups: BTreeMap<String, Group>,
    /// The name index, built on first use for the embedded reference (most commands take
    /// codes only, and the aliases are half the reference's bytes) and at load for a user's
    /// folder, so that a problem in its aliases is reported at once with its line.
    names: std::cell::OnceCell<NameIndex>,
    /// The user's folder the reference was loaded from (`None`: the embedded one).
    origin: Option<DataSource>,
}

/// Names, aliases and ambiguous spellings, folded.
#[derive(Debug, Clone, Default)]
struct NameIndex {
    /// Folded name → (code, where the spelling comes from).
    names: HashMap<String, (String, String)>,
    ambiguous: HashMap<String, (Vec<String>, String)>,
}

/// Folds case, accents are kept, runs of white space become one space, ends trimmed.
pub fn fold(name: &str) -> String {
    name.split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase()
        .replace('’', "'")
}

/// Repairs text that was UTF-8 decoded as Latin-1/Windows-1252 ("TÃ¼rkiye" → "Türkiye").
///
/// Returns `None` when the text is not mojibake of that kind.
pub fn repair_mojibake(text: &str) -> Option<String> {
    if !text.chars().any(|c| ('\u{80}'..='\u{ff}').contains(&c)) {
        return None;
    }
    let mut bytes = Vec::with_capacity(text.len());
    for c in text.chars() {
        let b = match c as u32 {
            0..=0xff => c as u32 as u8,
            _ => cp1252_byte(c)?,
        };
        bytes.push(b);
    }
    let fixed = String::from_utf8(bytes).ok()?;
    (fixed != text).then_some(fixed)
}

/// The Windows-1252 byte for the characters it places in 0x80–0x9F.
fn cp1252_byte(c: char) -> Option<u8> {
    const TABLE: [(char, u8); 27] = [
        ('€', 0x80),
        ('‚', 0x82),
        ('ƒ', 0x83),
        ('„', 0x84),
        ('…', 0x85),
        ('†', 0x86),
        ('‡', 0x87),
        ('ˆ', 0x88),
        ('‰', 0x89),
        ('Š', 0x8a),
        ('‹', 0x8b),
        ('Œ', 0x8c),
        ('Ž', 0x8e),
        ('‘', 0x91),
        ('’', 0x92),
        ('“', 0x93),
        ('”', 0x94),
        ('•', 0x95),
        ('–', 0x96),
        ('—', 0x97),
        ('˜', 0x98),
        ('™', 0x99),
        ('š', 0x9a),
        ('›', 0x9b),
        ('œ', 0x9c),
        ('ž', 0x9e),
        ('Ÿ', 0x9f),
    ];
    TABLE.iter().find(|(ch, _)| *ch == c).map(|(_, b)| *b)
}

impl Countries {
    /// Loads the reference tables from the `countries` dataset.
    pub fn load(source: &DataSource) -> Result<Self> {
        let ds = COUNTRIES_DATASET;
        let mut c = Countries::default();

        let t = read_table(source, ds, COUNTRIES_FILE.0, COUNTRIES_FILE.1)?;
        for (line, r) in &t.rows {
            let iso3 = t.get(r, "iso3").to_string();
            if iso3.is_empty() {
                return Err(t.error(*line, "iso3", "empty code"));
            }
            let country = Country {
                iso3: iso3.clone(),
                iso2: t.get(r, "iso2").into(),
                name: t.get(r, "name").into(),
                official_name: t.get(r, "official_name").into(),
                wb_region: t.get(r, "wb_region").into(),
                wb_income: t.get(r, "wb_income").into(),
            };
            if c.countries.insert(iso3.clone(), country).is_some() {
                return Err(t.error(*line, "iso3", format!("code {iso3} appears twice")));
            }
        }

        // `source` is provenance only: not required.
        let t = read_table(source, ds, AGGREGATES_FILE.0, &AGGREGATES_FILE.1[..3])?;
        for (line, r) in &t.rows {
            let code = t.get(r, "code").to_string();
            if c.countries.contains_key(&code) {
                return Err(t.error(
                    *line,
                    "code",
                    format!("{code} is a country code, not an aggregate"),
                ));
            }
            c.aggregates.entry(code.clone()).or_insert(Aggregate {
                code: code.clone(),
                name: t.get(r, "name").into(),
                kind: t.get(r, "kind").into(),
            });
        }

        let t = read_table(source, ds, GROUPS_FILE.0, GROUPS_FILE.1)?;
        for (_, r) in &t.rows {
            let id = t.get(r, "id").to_string();
            c.groups.insert(
                id.clone(),
                Group {
                    id,
                    name: t.get(r, "name").into(),
                    kind: t.get(r, "kind").into(),
                    note: t.get(r, "note").into(),
                    members: vec![],
                },
            );
        }
        let t = read_table(source, ds, MEMBERSHIPS_FILE.0, MEMBERSHIPS_FILE.1)?;
        for (line, r) in &t.rows {
            let date = |col: &str| -> Result<Option<PartialDate>> {
                let s = t.get(r, col);
                if s.is_empty() {
                    Ok(None)
                } else {
                    PartialDate::parse(s)
                        .map(Some)
                        .map_err(|m| t.error(*line, col, m))
                }
            };
            let membership = Membership {
                iso3: t.get(r, "iso3").into(),
                since: date("since")?,
                until: date("until")?,
                note: t.get(r, "note").into(),
            };
            if !c.countries.contains_key(&membership.iso3) {
                return Err(t.error(
                    *line,
                    "iso3",
                    format!("unknown country code '{}'", membership.iso3),
                ));
            }
            let gid = t.get(r, "group");
            let group = c.groups.get_mut(gid).ok_or_else(|| {
                t.error(
                    *line,
                    "group",
                    format!("group '{gid}' is not in groups.csv"),
                )
            })?;
            group.members.push(membership);
        }
        if matches!(source, DataSource::Dir(_)) {
            c.origin = Some(source.clone());
            let index = c.load_names(source)?;
            let _ = c.names.set(index);
        }
        Ok(c)
    }

    /// Reads the aliases and ambiguous names and folds every canonical name.
    fn load_names(&self, source: &DataSource) -> Result<NameIndex> {
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

    /// The display name of a code (country or aggregate); the code itself if unknown.
    pub fn name(&self, code: &str) -> &str {
        if let Some(c) = self.countries.get(code) {
            &c.name
        } else if let Some(a) = self.aggregates.get(code) {
            &a.name
        } else {
            // Unknown codes are reported by validate; show the code rather than nothing.
            self.countries
                .get(code)
                .map(|c| c.name.as_str())
                .unwrap_or("")
        }
    }

    /// Whether the code is an aggregate rather than a country.
    pub fn is_aggregate(&self, code: &str) -> bool {
        self.aggregates.contains_key(code)
    }

    /// Whether the code is known at all.
    /// A country's display name, or its code when the reference does not know it.
    pub fn display_name(&self, code: &str) -> String {
        let n = self.name(code);
        if n.is_empty() {
            code.to_string()
        } else {
            n.to_string()
        }
    }

    pub fn knows(&self, code: &str) -> bool {
        self.countries.contains_key(code) || self.aggregates.contains_key(code)
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
        let suggestions = super::suggest(&fold(input), known, 3)
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

    /// A group by id, case-insensitively, or an error with a suggestion.
    pub fn group(&self, id: &str) -> Result<&Group> {
        if let Some(g) = self.groups.get(id) {
            return Ok(g);
        }
        let lower = id.to_lowercase();
        self.groups
            .values()
            .find(|g| g.id.to_lowercase() == lower || g.name.to_lowercase() == lower)
            .ok_or_else(|| {
                Error::unknown(
                    "group",
                    id,
                    self.groups.keys().map(String::as_str),
                    "`innodex groups` lists them",
                )
            })
    }

    /// Group kinds present (for `--within`).
    pub fn group_kinds(&self) -> Vec<String> {
        let mut kinds: Vec<String> = self.groups.values().map(|g| g.kind.clone()).collect();
        kinds.sort();
        kinds.dedup();
        kinds
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn mojibake_is_repaired_and_clean_text_left_alone() {
        assert_eq!(repair_mojibake("TÃ¼rkiye").as_deref(), Some("Türkiye"));
        assert_eq!(
            repair_mojibake("CÃ´te d'Ivoire").as_deref(),
            Some("Côte d'Ivoire")
        );
        assert_eq!(repair_mojibake("Türkiye"), None);
        assert_eq!(repair_mojibake("Japan"), None);
    }

    #[test]
    fn fold_ignores_case_and_spacing_only() {
        assert_eq!(fold("  Korea,   Rep. "), "korea, rep.");
        assert_ne!(fold("Niger"), fold("Nigeria"));
    }
}
