//! Curation: regenerates every dataset folder under `datasets/` from the raw source files.
//!
//! One module per source folder. Each builder reads its raw CSV files with line numbers, resolves
//! every economy name through the resolver built from the freshly written `countries` dataset,
//! keeps every figure as the exact string the source prints (unit conversions are computed in
//! code and said in the notes), and returns the files to write. Unresolvable names are collected
//! over the whole run and reported together; nothing is dropped silently.
//!
//! Everything is written into a temporary folder beside `out` first; only when all datasets were
//! built are the folders renamed into place, so a failed run leaves `out` untouched.

mod bii;
mod countries;
mod eis;
pub mod geo;
mod gii;
mod gii_pillars;
mod ifr;
mod msti;
mod msti_vintages;
mod read;
mod wdi;

use crate::catalog::countries::{Countries, MatchKind, Resolution};
use crate::catalog::coverage::COVERAGE_FILE;
use crate::catalog::metadata::DatasetMeta;
use crate::catalog::source::DataSource;
use crate::error::{Error, Result};
pub(crate) use read::{
    check_number, check_rank, english_date, parse_year, read_source, sources_md_phrase, times_1000,
};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

/// The day the raw source files were collected (all six SOURCES.md files say so).
pub const RETRIEVED: &str = "2026-11-28";

/// What a run wrote, per dataset.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Summary {
    pub datasets: Vec<DatasetSummary>,
}

/// The files of one dataset folder.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct DatasetSummary {
    pub id: String,
    pub files: Vec<FileSummary>,
}

/// One written file and its data rows (header excluded; 0 for `dataset.toml`).
#[derive(Debug, Clone, PartialEq)]
pub struct FileSummary {
    pub file: String,
    pub rows: usize,
}

/// The raw sources folder of the repository: `<crate>/sources` (a byte-identical copy of the
/// public source files, kept in the repository so that a clone can rebuild `datasets/`).
pub fn default_sources_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("sources")
}

/// Builds every dataset from `sources` and replaces the dataset folders under `out`.
pub fn run(sources: &Path, out: &Path) -> Result<Summary> {
    if !sources.is_dir() {
        return Err(Error::DataFile {
            file: sources.display().to_string(),
            message: "sources folder not found; run from the repository root (it has sources/) or give --sources DIR".into(),
        });
    }
    let parent = out
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    let tmp = tempfile::Builder::new()
        .prefix(".curate-tmp-")
        .tempdir_in(parent)
        .map_err(|e| Error::io(parent, e))?;

    // 1. countries first: the resolver for everything else is loaded from what was written.
    let countries_ds = countries::build(sources)?;
    let mut written = vec![write_dataset(tmp.path(), &countries_ds, None)?];
    let reference = Countries::load(&DataSource::Dir(tmp.path().to_path_buf()))?;

    // 2. the indicator datasets; name problems are collected over all of them.
    let mut resolver = Resolver::new(&reference);
    let builders: [fn(&Path, &mut Resolver) -> Result<Dataset>; 6] = [
        gii::build,
        bii::build,
        ifr::build,
        msti::build,
        wdi::build,
        eis::build,
    ];
    let mut built = Vec::new();
    for build in builders {
        built.push(build(sources, &mut resolver)?);
    }
    if !resolver.problems.is_empty() {
        return Err(Error::Findings(format!(
            "{} economy name(s) could not be resolved to a code (add an alias to the countries sources or a visible rule in src/curate):\n{}",
            resolver.problems.len(),
            resolver.problems.join("\n")
        )));
    }
    for ds in &built {
        written.push(write_dataset(tmp.path(), ds, Some(&reference))?);
    }

    // 3. swap the folders into place.
    std::fs::create_dir_all(out).map_err(|e| Error::io(out, e))?;
    for ds in &written {
        let from = tmp.path().join(&ds.id);
        let to = out.join(&ds.id);
        if to.exists() {
            let old = tmp.path().join(format!(".old-{}", ds.id));
            std::fs::rename(&to, &old).map_err(|e| Error::io(&to, e))?;
        }
        std::fs::rename(&from, &to).map_err(|e| Error::io(&to, e))?;
    }
    Ok(Summary { datasets: written })
}

/// A dataset ready to be written.
pub(crate) struct Dataset {
    pub meta: DatasetMeta,
    pub files: Vec<CsvOut>,
}

/// One CSV file: header and rows of strings, written as they are.
#[derive(Debug)]
pub(crate) struct CsvOut {
    pub name: String,
    pub header: Vec<String>,
    pub rows: Vec<Vec<String>>,
}

/// Writes a dataset folder; with the countries reference, its `coverage.csv` too (computed by
/// the catalog from the files just written, as `datasets` and `indicators` would).
fn write_dataset(
    root: &Path,
    ds: &Dataset,
    countries: Option<&Countries>,
) -> Result<DatasetSummary> {
    let dir = root.join(&ds.meta.id);
    std::fs::create_dir_all(&dir).map_err(|e| Error::io(&dir, e))?;
    let mut summary = DatasetSummary {
        id: ds.meta.id.clone(),
        files: Vec::new(),
    };
    let toml_text = toml::to_string(&ds.meta).map_err(|e| Error::DataFile {
        file: dir.join("dataset.toml").display().to_string(),
        message: format!("cannot serialise metadata: {e}"),
    })?;
    let path = dir.join("dataset.toml");
    std::fs::write(&path, toml_text).map_err(|e| Error::io(&path, e))?;
    summary.files.push(FileSummary {
        file: "dataset.toml".into(),
        rows: 0,
    });
    for f in &ds.files {
        let path = dir.join(&f.name);
        let bytes = csv_bytes(f, &path)?;
        std::fs::write(&path, &bytes).map_err(|e| Error::io(&path, e))?;
        summary.files.push(FileSummary {
            file: f.name.clone(),
            rows: f.rows.len(),
        });
    }
    if let (Some(countries), false) = (countries, ds.meta.indicators.is_empty()) {
        crate::catalog::coverage::write_for_dataset(&dir, &ds.meta, countries)?;
        summary.files.push(FileSummary {
            file: COVERAGE_FILE.into(),
            rows: ds.meta.indicators.len() + 1,
        });
    }
    Ok(summary)
}

/// The CSV text of a file: header row, LF line endings, quoting only where needed.
pub(crate) fn csv_bytes(f: &CsvOut, path: &Path) -> Result<Vec<u8>> {
    let err = |e: csv::Error| Error::DataFile {
        file: path.display().to_string(),
        message: e.to_string(),
    };
    let mut w = csv::WriterBuilder::new()
        .terminator(csv::Terminator::Any(b'\n'))
        .from_writer(Vec::new());
    w.write_record(&f.header).map_err(err)?;
    for r in &f.rows {
        w.write_record(r).map_err(err)?;
    }
    w.into_inner().map_err(|e| Error::DataFile {
        file: path.display().to_string(),
        message: e.to_string(),
    })
}

/// One observation row before writing; `value` and `published_rank` are strings as printed.
#[derive(Debug, Clone, Default, PartialEq)]
pub(crate) struct Obs {
    pub iso3: String,
    pub year: i32,
    pub value: String,
    pub published_rank: String,
    pub published: String,
    pub source_name: String,
    pub note: String,
    /// `;`-separated tokens of `OBS_FLAGS`.
    pub flag: String,
    /// A declared vintage id of the dataset.
    pub vintage: String,
}

/// Optional observation columns to write.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) enum Col {
    Rank,
    Published,
    Vintage,
    SourceName,
    Flag,
    Note,
}

/// The optional columns of an index's observation file: its published rank when the series has
/// one, then the name as printed and the row note.
pub(crate) fn index_cols(rank_col: &str) -> Vec<Col> {
    if rank_col.is_empty() {
        vec![Col::SourceName, Col::Note]
    } else {
        vec![Col::Rank, Col::SourceName, Col::Note]
    }
}

/// Sorts rows by iso3, year, published, vintage and makes the observation file; a repeated
/// (iso3, year, published, vintage) is an error (callers merge legitimate repeats first).
pub(crate) fn obs_file(name: &str, mut rows: Vec<Obs>, cols: &[Col]) -> Result<CsvOut> {
    let key = |o: &Obs| {
        (
            o.iso3.clone(),
            o.year,
            o.published.clone(),
            o.vintage.clone(),
        )
    };
    rows.sort_by_key(key);
    for pair in rows.windows(2) {
        let (a, b) = (&pair[0], &pair[1]);
        if key(a) == key(b) {
            return Err(Error::DataFile {
                file: name.into(),
                message: format!(
                    "two rows for {} {} (published '{}', vintage '{}'): '{}' ({}) and '{}' ({}); a key may appear once",
                    a.iso3, a.year, a.published, a.vintage, a.value, a.source_name, b.value, b.source_name
                ),
            });
        }
    }
    if let Some(o) = rows
        .iter()
        .find(|o| o.value.is_empty() && o.published_rank.is_empty())
    {
        return Err(Error::DataFile {
            file: name.into(),
            message: format!("row {} {} has neither value nor rank", o.iso3, o.year),
        });
    }
    let mut header: Vec<String> = vec!["iso3".into(), "year".into(), "value".into()];
    for c in cols {
        header.push(
            match c {
                Col::Rank => "published_rank",
                Col::Published => "published",
                Col::Vintage => "vintage",
                Col::SourceName => "source_name",
                Col::Flag => "flag",
                Col::Note => "note",
            }
            .into(),
        );
    }
    let rows = rows
        .into_iter()
        .map(|o| {
            let mut r = vec![o.iso3, o.year.to_string(), o.value];
            for c in cols {
                r.push(match c {
                    Col::Rank => o.published_rank.clone(),
                    Col::Published => o.published.clone(),
                    Col::Vintage => o.vintage.clone(),
                    Col::SourceName => o.source_name.clone(),
                    Col::Flag => o.flag.clone(),
                    Col::Note => o.note.clone(),
                });
            }
            r
        })
        .collect();
    Ok(CsvOut {
        name: name.into(),
        header,
        rows,
    })
}

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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn observation_files_are_sorted_and_keys_unique() {
        let row = |iso3: &str, year: i32, value: &str| Obs {
            iso3: iso3.into(),
            year,
            value: value.into(),
            ..Obs::default()
        };
        let f = obs_file(
            "t.csv",
            vec![row("KOR", 2020, "2"), row("DEU", 2021, "1")],
            &[],
        )
        .expect("unique keys");
        assert_eq!(f.rows[0][0], "DEU");
        let err = obs_file(
            "t.csv",
            vec![row("KOR", 2020, "2"), row("KOR", 2020, "3")],
            &[],
        )
        .expect_err("repeated key");
        assert!(err.to_string().contains("two rows for KOR 2020"), "{err}");
        let bytes = csv_bytes(&f, Path::new("t.csv")).expect("writes");
        assert_eq!(
            String::from_utf8(bytes).expect("utf8"),
            "iso3,year,value\nDEU,2021,1\nKOR,2020,2\n"
        );
    }
}

/// A tiny countries dataset for unit tests of the builders.
#[cfg(test)]
pub(crate) mod testing {
    use super::*;
    use crate::catalog::load::CsvTable;

    pub(crate) fn countries() -> (tempfile::TempDir, Countries) {
        let dir = tempfile::tempdir().expect("tempdir");
        let ds = dir.path().join("countries");
        std::fs::create_dir_all(&ds).expect("mkdir");
        let files = [
            ("dataset.toml", "id = \"countries\"\ntitle = \"t\"\npublisher = \"t\"\nlicence = \"t\"\nretrieved = \"2026-11-28\"\n"),
            ("countries.csv", "iso3,iso2,name,official_name,wb_region,wb_income\nBEL,BE,Belgium,,,\nKOR,KR,South Korea,\"Korea, Republic of\",,\nSGP,SG,Singapore,,,\nTUR,TR,Türkiye,,,\nITA,IT,Italy,,,\nCOG,CG,Congo,,,\nCOD,CD,\"Congo, The Democratic Republic of the\",,,\n"),
            ("aggregates.csv", "code,name,kind,source\nBEL+LUX,Belgium and Luxembourg,IFR aggregate,t\nOECD,Total OECD,OECD aggregate,t\n"),
            ("aliases.csv", "alias,code,source\nRepublic of Korea,KOR,t\n"),
            ("ambiguous.csv", "name,candidates,note\nCongo,COG;COD,rule\n"),
            ("groups.csv", "id,name,kind,note\n"),
            ("memberships.csv", "group,iso3,since,until,note\n"),
        ];
        for (name, text) in files {
            std::fs::write(ds.join(name), text).expect("write");
        }
        let c = Countries::load(&DataSource::Dir(dir.path().to_path_buf())).expect("loads");
        (dir, c)
    }

    pub(crate) fn table(text: &str) -> CsvTable {
        CsvTable::parse("t.csv", text, &[]).expect("parses")
    }
}
