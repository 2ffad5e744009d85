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
use std::collections::BTreeMap;

mod names;
mod spelling;
use names::NameIndex;
pub use spelling::{fold, repair_mojibake};

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

/// What a code is: in the aggregates table or not, and its name.
#[derive(Debug, Clone)]
struct CodeEntry {
    aggregate: bool,
    name: String,
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
    names: std::sync::OnceLock<NameIndex>,
    /// The user's folder the reference was loaded from (`None`: the embedded one).
    origin: Option<DataSource>,
    /// Every country and aggregate code with its name and whether it is an aggregate, hashed
    /// on first use (a ranking asks of each row, `validate` of each code in each file; the
    /// tables are not changed after loading).
    by_code: std::sync::OnceLock<foldhash::HashMap<String, CodeEntry>>,
    /// The canonical names, folded, with their codes: the embedded reference resolves a
    /// canonical name without reading its aliases (see `names::resolve_exact`).
    canonical: std::sync::OnceLock<foldhash::HashMap<String, String>>,
}

impl Countries {
    /// Loads the reference tables from the `countries` dataset.
    pub fn load(source: &DataSource) -> Result<Self> {
        let ds = COUNTRIES_DATASET;
        let mut c = Countries::default();

        let t = read_table(source, ds, COUNTRIES_FILE.0, COUNTRIES_FILE.1)?;
        let col_iso2 = t.column("iso2");
        let col_iso3 = t.column("iso3");
        let col_name = t.column("name");
        let col_official_name = t.column("official_name");
        let col_wb_income = t.column("wb_income");
        let col_wb_region = t.column("wb_region");
        for (line, r) in &t.rows {
            let iso3 = t.field(r, col_iso3).to_string();
            if iso3.is_empty() {
                return Err(t.error(*line, "iso3", "empty code"));
            }
            let country = Country {
                iso3: iso3.clone(),
                iso2: t.field(r, col_iso2).into(),
                name: t.field(r, col_name).into(),
                official_name: t.field(r, col_official_name).into(),
                wb_region: t.field(r, col_wb_region).into(),
                wb_income: t.field(r, col_wb_income).into(),
            };
            if c.countries.insert(iso3.clone(), country).is_some() {
                return Err(t.error(*line, "iso3", format!("code {iso3} appears twice")));
            }
        }

        // `source` is provenance only: not required.
        let t = read_table(source, ds, AGGREGATES_FILE.0, &AGGREGATES_FILE.1[..3])?;
        let col_code = t.column("code");
        let col_kind = t.column("kind");
        let col_name = t.column("name");
        for (line, r) in &t.rows {
            let code = t.field(r, col_code).to_string();
            if c.countries.contains_key(&code) {
                return Err(t.error(
                    *line,
                    "code",
                    format!("{code} is a country code, not an aggregate"),
                ));
            }
            c.aggregates.entry(code.clone()).or_insert(Aggregate {
                code: code.clone(),
                name: t.field(r, col_name).into(),
                kind: t.field(r, col_kind).into(),
            });
        }

        let t = read_table(source, ds, GROUPS_FILE.0, GROUPS_FILE.1)?;
        let col_id = t.column("id");
        let col_kind = t.column("kind");
        let col_name = t.column("name");
        let col_note = t.column("note");
        for (_, r) in &t.rows {
            let id = t.field(r, col_id).to_string();
            c.groups.insert(
                id.clone(),
                Group {
                    id,
                    name: t.field(r, col_name).into(),
                    kind: t.field(r, col_kind).into(),
                    note: t.field(r, col_note).into(),
                    members: vec![],
                },
            );
        }
        let t = read_table(source, ds, MEMBERSHIPS_FILE.0, MEMBERSHIPS_FILE.1)?;
        let col_group = t.column("group");
        let col_iso3 = t.column("iso3");
        let col_note = t.column("note");
        let (col_since, col_until) = (t.column("since"), t.column("until"));
        for (line, r) in &t.rows {
            let date = |col: &str, at: Option<usize>| -> Result<Option<PartialDate>> {
                let s = t.field(r, at);
                if s.is_empty() {
                    Ok(None)
                } else {
                    PartialDate::parse(s)
                        .map(Some)
                        .map_err(|m| t.error(*line, col, m))
                }
            };
            let membership = Membership {
                iso3: t.field(r, col_iso3).into(),
                since: date("since", col_since)?,
                until: date("until", col_until)?,
                note: t.field(r, col_note).into(),
            };
            if !c.countries.contains_key(&membership.iso3) {
                return Err(t.error(
                    *line,
                    "iso3",
                    format!("unknown country code '{}'", membership.iso3),
                ));
            }
            let gid = t.field(r, col_group);
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

    pub fn name(&self, code: &str) -> &str {
        // Unknown codes are reported by validate; show the code rather than nothing.
        self.entry(code).map_or("", |e| e.name.as_str())
    }

    /// A code's entry: whether the aggregates table has it, and the country's name where the
    /// countries table has it, else the aggregate's.
    fn entry(&self, code: &str) -> Option<&CodeEntry> {
        self.by_code
            .get_or_init(|| {
                let mut by_code = foldhash::HashMap::default();
                for a in self.aggregates.values() {
                    let e = CodeEntry {
                        aggregate: true,
                        name: a.name.clone(),
                    };
                    by_code.insert(a.code.clone(), e);
                }
                for c in self.countries.values() {
                    // A country's name over an aggregate's of the same code; the flag stays.
                    let e = by_code.entry(c.iso3.clone()).or_insert(CodeEntry {
                        aggregate: false,
                        name: String::new(),
                    });
                    e.name = c.name.clone();
                }
                by_code
            })
            .get(code)
    }

    pub fn is_aggregate(&self, code: &str) -> bool {
        self.entry(code).is_some_and(|e| e.aggregate)
    }

    /// A country's display name, or its code when the reference does not know it.
    pub fn display_name(&self, code: &str) -> String {
        let n = self.name(code);
        if n.is_empty() {
            code.to_string()
        } else {
            n.to_string()
        }
    }

    /// Whether `code` is a country or aggregate code of the reference.
    pub fn knows(&self, code: &str) -> bool {
        self.entry(code).is_some()
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
