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
mod obs;
mod read;
mod resolver;
mod wdi;

use crate::catalog::countries::Countries;
use crate::catalog::coverage::COVERAGE_FILE;
use crate::catalog::metadata::DatasetMeta;
use crate::catalog::source::DataSource;
use crate::error::{Error, Result};
pub(crate) use obs::{index_cols, obs_file, Col, Obs};
pub(crate) use read::{
    check_number, check_rank, english_date, parse_year, read_source, sources_md_phrase, times_1000,
};
pub(crate) use resolver::Resolver;
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
