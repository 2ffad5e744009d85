//! The checks of a dataset folder that go beyond parsing `dataset.toml` into its struct, shared
//! by the loader ([`super::read_meta`], [`super::Catalog::open`]) and `validate`: declared files
//! are plain names inside the folder, indicator ids are unique (also across datasets as full
//! ids), publication months are 1–12. Every problem names `dataset.toml:line:column`.
//!
//! Also: where `innodex curate --out` may write.

use super::metadata::DatasetMeta;
use super::source::DataSource;
use super::toml_error;
use crate::error::{Error, Result};
use serde::Deserialize;
use std::collections::HashMap;
use std::path::{Component, Path};
use toml::Spanned;

/// Where things stand in `dataset.toml` (a second, lenient reading of the same text).
#[derive(Deserialize, Default)]
struct MetaSpans {
    #[serde(default, rename = "indicator")]
    indicators: Vec<IndicatorSpans>,
}

#[derive(Deserialize, Default)]
struct IndicatorSpans {
    id: Option<Spanned<toml::Value>>,
    file: Option<Spanned<toml::Value>>,
    publication: Option<PublicationSpans>,
}

#[derive(Deserialize, Default)]
struct PublicationSpans {
    month: Option<Spanned<toml::Value>>,
}

/// Line and column (1-based) of a byte offset.
fn line_col(text: &str, offset: usize) -> (u64, u64) {
    let before = text.get(..offset.min(text.len())).unwrap_or(text);
    let line = before.matches('\n').count() as u64 + 1;
    let column = before.rsplit('\n').next().map_or(0, |l| l.chars().count()) as u64 + 1;
    (line, column)
}

/// A parsed `dataset.toml` and the places of its indicators' keys.
pub struct MetaText {
    pub meta: DatasetMeta,
    pub file: String,
    text: String,
    /// Parsed a second time only when a message needs a place (most loads need none).
    spans: std::cell::OnceCell<MetaSpans>,
}

impl MetaText {
    fn at(&self, span: Option<std::ops::Range<usize>>, message: String) -> Error {
        let (line, column) = span.map_or((0, 0), |s| line_col(&self.text, s.start));
        if line == 0 {
            return Error::DataFile {
                file: self.file.clone(),
                message,
            };
        }
        Error::Data {
            file: self.file.clone(),
            line,
            column,
            message,
        }
    }

    fn indicator_span(&self, i: usize, key: &str) -> Option<std::ops::Range<usize>> {
        let spans = self
            .spans
            .get_or_init(|| toml::from_str(&self.text).unwrap_or_default());
        let ind = spans.indicators.get(i)?;
        match key {
            "file" => ind.file.as_ref().map(Spanned::span),
            "month" => ind.publication.as_ref()?.month.as_ref().map(Spanned::span),
            _ => ind.id.as_ref().map(Spanned::span),
        }
    }

    /// The `file:line:column` of indicator `i`'s id, for messages that point at two places.
    pub fn place_of_indicator(&self, i: usize) -> String {
        match self.indicator_span(i, "id") {
            Some(s) => {
                let (l, c) = line_col(&self.text, s.start);
                format!("{}:{l}:{c}", self.file)
            }
            None => self.file.clone(),
        }
    }
}

/// Reads and parses one `dataset.toml`: an error when it cannot be read or parsed or its `id`
/// is not the folder's name; otherwise the metadata and every further problem found.
pub fn read_meta_checked(source: &DataSource, id: &str) -> Result<(MetaText, Vec<Error>)> {
    let text = source.read_text(id, "dataset.toml")?;
    let file = source.display_path(id, "dataset.toml");
    parse_meta_checked(source, id, file, text)
}

/// [`read_meta_checked`] on text already read; `file` names it in messages.
pub fn parse_meta_checked(
    source: &DataSource,
    id: &str,
    file: String,
    text: String,
) -> Result<(MetaText, Vec<Error>)> {
    // An embedded dataset.toml is read from the JSON build.rs made of it (a test checks the two
    // read as the same metadata); every check below still runs on it, and a message that needs
    // a place still finds it in the text.
    let embedded = match source {
        DataSource::Embedded => super::embedded_meta(id),
        DataSource::Dir(_) => None,
    };
    let meta: DatasetMeta = match embedded {
        Some(meta) => meta,
        None => toml::from_str(&text).map_err(|e| toml_error(&file, &text, &e))?,
    };
    let mt = MetaText {
        meta,
        file,
        text,
        spans: std::cell::OnceCell::new(),
    };
    if mt.meta.id != id {
        return Err(Error::DataFile {
            file: mt.file.clone(),
            message: format!(
                "id = \"{}\" but the folder is named '{id}'; make them equal",
                mt.meta.id
            ),
        });
    }
    let mut problems = meta_problems(source, &mt);
    // The declared meaning (kinds, releases, vintages) checked as the loader uses it.
    if let Err(e) = mt.meta.check(&mt.file, &mt.text) {
        problems.push(e);
    }
    Ok((mt, problems))
}

/// What is wrong with a parsed `dataset.toml`, in file order.
fn meta_problems(source: &DataSource, mt: &MetaText) -> Vec<Error> {
    let mut problems = Vec::new();
    let mut first_of: HashMap<&str, usize> = HashMap::new();
    for (i, ind) in mt.meta.indicators.iter().enumerate() {
        if let Err(m) = check_indicator_id(&ind.id) {
            problems.push(mt.at(mt.indicator_span(i, "id"), m));
        }
        if let Some(&j) = first_of.get(ind.id.as_str()) {
            problems.push(mt.at(
                mt.indicator_span(i, "id"),
                format!(
                    "indicator id '{}' is declared twice (first at {}); ids must be unique",
                    ind.id,
                    mt.place_of_indicator(j)
                ),
            ));
        } else {
            first_of.insert(&ind.id, i);
        }
        if let Err(m) = check_file_name(source, &mt.meta.id, &ind.file) {
            problems.push(mt.at(
                mt.indicator_span(i, "file"),
                format!("indicator '{}': file = \"{}\" {m}", ind.id, ind.file),
            ));
        }
        if let Some(rule) = &ind.publication {
            if !(1..=12).contains(&rule.month) {
                problems.push(mt.at(
                    mt.indicator_span(i, "month"),
                    format!(
                        "indicator '{}': publication.month = {} is not a month; give 1–12",
                        ind.id, rule.month
                    ),
                ));
            }
        }
    }
    problems
}

/// Indicator ids: letters, digits, '_', '-' and '.', starting with a letter or digit.
fn check_indicator_id(id: &str) -> std::result::Result<(), String> {
    let ok = id.chars().next().is_some_and(|c| c.is_ascii_alphanumeric())
        && id.len() <= 100
        && id
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '_' | '-' | '.'));
    if ok {
        Ok(())
    } else {
        Err(format!(
            "indicator id '{id}' must be up to 100 letters, digits, '_', '-' or '.', starting with a letter or digit"
        ))
    }
}

/// A declared file must be a plain `.csv` name inside the dataset folder: no folders, no `..`,
/// not absolute, and (on disk) not a link to somewhere outside the folder.
pub fn check_file_name(
    source: &DataSource,
    dataset: &str,
    file: &str,
) -> std::result::Result<(), String> {
    let path = Path::new(file);
    let mut components = path.components();
    let plain = matches!(
        (components.next(), components.next()),
        (Some(Component::Normal(_)), None)
    ) && !file.contains('\\')
        && !file.starts_with('.');
    if !plain {
        return Err(
            "is not a plain file name in the dataset folder (no folders, '..' or absolute paths); put the file beside dataset.toml and give its name".into(),
        );
    }
    if !file.to_ascii_lowercase().ends_with(".csv") {
        return Err("is not a .csv file; observation files are CSV".into());
    }
    source.check_inside(dataset, file)
}

/// Two indicators of different datasets with one full id (`a` + `b.c` and `a.b` + `c`): an
/// error naming both places.
pub fn full_id_collisions(source: &DataSource, datasets: &[DatasetMeta]) -> Result<()> {
    let mut seen: HashMap<String, (usize, usize)> = HashMap::new();
    for (d, meta) in datasets.iter().enumerate() {
        for (i, ind) in meta.indicators.iter().enumerate() {
            let full = format!("{}.{}", meta.id, ind.id);
            if let Some(&(d0, i0)) = seen.get(&full) {
                if d0 == d {
                    continue; // a repeat inside one dataset is reported by read_meta
                }
                let place = |d: usize, i: usize| {
                    read_meta_checked(source, &datasets[d].id)
                        .map(|(mt, _)| mt.place_of_indicator(i))
                        .unwrap_or_else(|_| source.display_path(&datasets[d].id, "dataset.toml"))
                };
                return Err(Error::DataFile {
                    file: place(d, i),
                    message: format!(
                        "indicator '{}' of dataset '{}' has the full id '{full}', as has indicator '{}' of dataset '{}' at {}; rename one",
                        ind.id,
                        meta.id,
                        datasets[d0].indicators[i0].id,
                        datasets[d0].id,
                        place(d0, i0)
                    ),
                });
            }
            seen.insert(full, (d, i));
        }
    }
    Ok(())
}

/// Where `curate --out` may write: a new folder, an empty one, or a datasets folder (every
/// entry a dataset folder or hidden), and never the sources folder or a folder around it.
pub fn check_datasets_out(out: &Path, sources: &Path) -> Result<()> {
    let refuse = |message: String| Err(Error::Usage(format!("--out {}: {message}", out.display())));
    let canon = |p: &Path| std::fs::canonicalize(p).ok();
    if let (Some(o), Some(s)) = (canon(out), canon(sources)) {
        if s.starts_with(&o) || o.starts_with(&s) {
            return refuse(format!(
                "is, contains or lies inside the sources folder {}; write the datasets elsewhere",
                sources.display()
            ));
        }
    }
    let meta = match std::fs::symlink_metadata(out) {
        Ok(m) => m,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(()),
        Err(e) => return Err(Error::io(out, e)),
    };
    if !meta.is_dir() {
        return refuse("exists and is not a folder; give a datasets folder".into());
    }
    for entry in std::fs::read_dir(out).map_err(|e| Error::io(out, e))? {
        let entry = entry.map_err(|e| Error::io(out, e))?;
        let name = entry.file_name().to_string_lossy().into_owned();
        if name.starts_with('.') {
            continue;
        }
        if !entry.path().join("dataset.toml").is_file() {
            return refuse(format!(
                "is not a datasets folder ('{name}' is not a dataset folder with a dataset.toml); give a new or empty folder, or a datasets folder"
            ));
        }
    }
    Ok(())
}
