//! `innodex fetch`: today's figures from the World Bank, OECD and Our World in Data APIs, kept
//! as dated vintages of a dataset folder.
//!
//! The only module that touches the network ([`http`]). A download is staged in a hidden
//! folder inside the datasets folder and goes through the import path ([`crate::import`]: the
//! same layouts, resolver and `unmatched.csv`); its rows become one new vintage beside the
//! earlier ones (`vintage.rs`), the staged folder is validated, and only then put in place with
//! one rename (or one atomic exchange with the old folder). A failed, partial or truncated
//! download leaves the datasets folder as it was. The library never prints: progress goes to a
//! callback, everything else into the [`FetchReport`].

mod aggregates;
pub mod http;
pub mod oecd;
pub mod owid;
mod vintage;
pub mod worldbank;

use crate::catalog::countries::Countries;
use crate::catalog::metadata::Vintage;
use crate::error::{Error, Result};
use crate::import::{self, ImportOptions, ImportReport, Layout};
pub use http::{HttpSettings, Progress};
use std::path::PathBuf;

/// What a service says about one indicator: matched to an imported series when its source code
/// is `codes` joined by `.`, or contains every one of `codes` among its `.`-separated parts.
#[derive(Debug, Clone)]
pub struct IndicatorLabel {
    pub codes: Vec<String>,
    pub title: String,
    pub unit: String,
}

impl IndicatorLabel {
    fn matches(&self, source_code: &str) -> bool {
        let parts: Vec<&str> = source_code.split('.').collect();
        source_code == self.codes.join(".")
            || self.codes.iter().all(|c| parts.contains(&c.as_str()))
    }
}

/// A complete download, ready for the import path.
#[derive(Debug, Clone)]
pub struct Download {
    pub file_name: String,
    pub body: Vec<u8>,
    /// Every URL read, in order.
    pub urls: Vec<String>,
    /// The service's own last-updated date (YYYY-MM-DD), where it gives one.
    pub last_updated: Option<String>,
    pub dataset_title: String,
    pub publisher: String,
    pub licence: String,
    pub attribution: String,
    pub labels: Vec<IndicatorLabel>,
    pub service: &'static str,
    /// World Bank: the codes in the data its region field calls aggregates, and those it
    /// places in a region (economies).
    pub regions: Option<(Vec<String>, Vec<String>)>,
}

/// Which service, and what to ask it.
#[derive(Debug, Clone)]
pub enum Request {
    WorldBank(worldbank::WorldBankQuery),
    Oecd(oecd::OecdQuery),
    Owid { slug: String, years: Option<String> },
}

/// A fetch: what, into which dataset, how patiently.
#[derive(Debug, Clone)]
pub struct FetchOptions {
    pub request: Request,
    pub dataset_id: String,
    pub data_dir: PathBuf,
    /// Add a vintage to an existing fetched dataset (only if the data changed).
    pub refresh: bool,
    /// Replaces the service's public address (tests use a local server).
    pub base_url: Option<String>,
    pub http: HttpSettings,
}

/// What a fetch did.
#[derive(Debug, Clone)]
pub struct FetchReport {
    pub dataset_dir: PathBuf,
    /// The vintage written, or the one the data were found equal to.
    pub vintage: String,
    /// False when a refresh found the data unchanged (nothing written).
    pub added: bool,
    pub vintages: usize,
    pub urls: Vec<String>,
    pub requests: u32,
    pub retried: u32,
    pub last_updated: Option<String>,
    pub retrieved: String,
    pub import: ImportReport,
    /// What the service's own metadata says beside the import's findings (World Bank aggregates).
    pub notes: Vec<String>,
}

/// `%XX`-escapes everything but unreserved characters and the separators SDMX and World Bank
/// queries use (`.`, `+`, `:`, `;`).
pub fn encode(s: &str) -> String {
    let mut out = String::new();
    for b in s.bytes() {
        if b.is_ascii_alphanumeric() || b"-_.~+:;".contains(&b) {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

/// Now in UTC: (YYYY-MM-DD, YYYY-MM-DDTHH:MM:SSZ).
fn now_utc() -> (String, String) {
    let secs = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_secs())
        .unwrap_or(0);
    let date = chrono::NaiveDate::from_ymd_opt(1970, 1, 1)
        .and_then(|d| d.checked_add_days(chrono::Days::new(secs / 86_400)))
        .map(|d| d.format("%Y-%m-%d").to_string())
        .unwrap_or_else(|| "1970-01-01".into());
    let t = secs % 86_400;
    let stamp = format!("{date}T{:02}:{:02}:{:02}Z", t / 3600, t / 60 % 60, t % 60);
    (date, stamp)
}

/// Fetches, imports and stores one vintage; see the module doc.
pub fn fetch(
    opts: &FetchOptions,
    countries: &Countries,
    progress: &mut dyn FnMut(Progress),
) -> Result<FetchReport> {
    import::check_dataset_id(&opts.dataset_id)?;
    let target = opts.data_dir.join(&opts.dataset_id);
    // Before any request: a folder that cannot be refreshed is said at once.
    let stored = if target.exists() {
        if !opts.refresh {
            return Err(Error::DataFile {
                file: target.display().to_string(),
                message: "already exists and was left untouched; pass --refresh to add a vintage (only if the data changed)".into(),
            });
        }
        let s = vintage::read_dataset(&target)?;
        vintage::check_fetched(&target, &s)?;
        Some(s)
    } else {
        None
    };
    let (limits, layout, default_base) = match &opts.request {
        Request::WorldBank(_) => (vec![], Layout::Long, worldbank::DEFAULT_BASE),
        Request::Oecd(_) => (http::oecd_limits(), Layout::Sdmx, oecd::DEFAULT_BASE),
        Request::Owid { .. } => (vec![], Layout::Owid, owid::DEFAULT_BASE),
    };
    let base = opts.base_url.as_deref().unwrap_or(default_base);
    let mut client = http::Client::new(opts.http.clone(), limits);
    let download = match &opts.request {
        Request::WorldBank(q) => worldbank::download(&mut client, base, q, progress)?,
        Request::Oecd(q) => oecd::download(&mut client, base, q, progress)?,
        Request::Owid { slug, years } => {
            owid::download(&mut client, base, slug, years.as_deref(), progress)?
        }
    };
    let (today, stamp) = now_utc();
    let notes = download
        .regions
        .as_ref()
        .map(|r| aggregates::region_notes(r, countries))
        .unwrap_or_default();

    std::fs::create_dir_all(&opts.data_dir).map_err(|e| Error::io(&opts.data_dir, e))?;
    let staging = tempfile::Builder::new()
        .prefix(&format!(".fetch-{}-", opts.dataset_id))
        .tempdir_in(&opts.data_dir)
        .map_err(|e| Error::io(&opts.data_dir, e))?;
    let input = staging.path().join(&download.file_name);
    std::fs::write(&input, &download.body).map_err(|e| Error::io(&input, e))?;
    let mut io = ImportOptions::new(&input, &opts.dataset_id, staging.path().join("import"));
    io.retrieved = Some(today.clone());
    io.publisher = Some(download.publisher.clone());
    io.licence = Some(download.licence.clone());
    io.dataset_title = Some(download.dataset_title.clone());
    io.source_url = download.urls.first().cloned();
    io.layout = Some(layout);
    // One SDMX series has no dimension that varies to name it by: name it by its measure and unit.
    if let (Request::Oecd(_), [only]) = (&opts.request, download.labels.as_slice()) {
        io.indicator_id = Some(only.codes.join("_"));
    }
    let report = import::import(&io, countries).map_err(|e| name_download(e, &input, &download))?;
    // An API's CSV has no ragged row: one is a body cut off where no length was announced.
    if let Some(f) = report
        .findings
        .iter()
        .find(|f| f.kind == import::FindingKind::Ragged)
    {
        return Err(http::fetch_error(
            download.urls.last().map_or("", String::as_str),
            &format!(
                "the response has a broken row ({}); a cut-off download? nothing was written",
                import::describe(f)
            ),
        ));
    }
    let imported = vintage::read_dataset(&report.dataset_dir)?;

    // The new vintage: dated by the service's last update where it gives one (not after today).
    let published = download
        .last_updated
        .clone()
        .filter(|d| chrono::NaiveDate::parse_from_str(d, "%Y-%m-%d").is_ok() && *d <= today)
        .unwrap_or_else(|| today.clone());
    let vid = vintage::free_id(stored.as_ref().map(|s| &s.meta), &published);
    let shown_urls = match download.urls.len() {
        0 => String::new(),
        1 => download.urls[0].clone(),
        n => format!("{} (and {} more requests)", download.urls[0], n - 1),
    };
    let new_vintage = Vintage {
        id: vid.clone(),
        published: published.clone(),
        title: format!(
            "{}, retrieved {stamp}{}",
            download.service,
            download
                .last_updated
                .as_ref()
                .map(|d| format!(", last updated {d}"))
                .unwrap_or_default()
        ),
        basis: format!(
            "{} GET {shown_urls}; retrieved {stamp}; the API's last-updated date: {}",
            vintage::BASIS_PREFIX,
            download
                .last_updated
                .as_deref()
                .unwrap_or("not given (dated by the retrieval)")
        ),
    };

    // The imported indicators, with the service's titles and units.
    let mut new_meta = imported.meta.clone();
    for ind in &mut new_meta.indicators {
        let code = ind.source_code.clone().unwrap_or_default();
        if let Some(l) = download.labels.iter().find(|l| l.matches(&code)) {
            if !l.title.is_empty() {
                ind.title = l.title.clone();
            }
            if !l.unit.is_empty() {
                ind.unit = l.unit.clone();
            }
        }
    }

    // The report names the indicators as they are stored: the service's titles, and on a
    // refresh the id of the stored indicator each one continues.
    let mut report = report;
    for r in &mut report.indicators {
        if let Some(ind) = new_meta.indicators.iter().find(|i| i.id == r.id) {
            r.title = ind.title.clone();
            if let Some(m) = stored
                .as_ref()
                .and_then(|s| vintage::find_match(&s.meta, ind))
            {
                r.id = m.id.clone();
            }
        }
    }

    // Unchanged since the newest stored vintage? Then nothing is written.
    if let Some(s) = &stored {
        if let Some(since) = vintage::unchanged(s, &new_meta, &imported) {
            return Ok(FetchReport {
                dataset_dir: target,
                vintage: since,
                added: false,
                vintages: s.meta.vintages.len(),
                urls: download.urls,
                requests: client.requests,
                retried: client.retried,
                last_updated: download.last_updated,
                retrieved: stamp,
                import: report,
                notes,
            });
        }
    }

    // The merged dataset: earlier vintages' rows kept, the new rows tagged with the new vintage.
    let first = stored.is_none().then(|| {
        let mut m = new_meta.clone();
        m.attribution = download.attribution.clone();
        m.notes.push(format!(
            "Fetched with innodex fetch from the {}; each fetch is a vintage (its URL, retrieval time and the API's last-updated date in `basis`), chosen with --vintage and --as-of; `fetch --refresh` adds one only when the values changed.",
            download.service
        ));
        m.indicators.clear();
        m
    });
    let merged = vintage::merge(stored.as_ref(), first, &new_meta, &imported, new_vintage);
    let (mut meta, rows, order) = merged;
    meta.retrieved = today.clone();
    meta.notes
        .extend(notes.iter().map(|n| format!("Vintage {vid}: {n}")));
    for u in &download.urls {
        if !meta.source_urls.contains(u) {
            meta.source_urls.push(u.clone());
        }
    }

    let out_root = staging.path().join("out");
    let out = out_root.join(&opts.dataset_id);
    std::fs::create_dir_all(&out).map_err(|e| Error::io(&out, e))?;
    for ind in &meta.indicators {
        let r = rows.get(&ind.id).map(Vec::as_slice).unwrap_or(&[]);
        vintage::write_rows(&out.join(&ind.file), r, &order)?;
    }
    let unmatched = report.dataset_dir.join(import::REJECTED_FILE);
    if unmatched.exists() {
        let to = out.join(import::REJECTED_FILE);
        std::fs::copy(&unmatched, &to).map_err(|e| Error::io(&to, e))?;
    }
    let toml_text = toml::to_string(&meta).map_err(|e| Error::DataFile {
        file: "dataset.toml".into(),
        message: e.to_string(),
    })?;
    let toml_path = out.join("dataset.toml");
    std::fs::write(&toml_path, toml_text).map_err(|e| Error::io(&toml_path, e))?;
    crate::catalog::coverage::write_for_dataset(&out, &meta, countries)?;
    // The staged folder must pass every check `validate` makes, against the same countries.
    let source = crate::catalog::DataSource::Dir(out_root.clone());
    let checked = crate::catalog::check::check(&source, countries);
    if !checked.findings.is_empty() {
        let shown: Vec<&str> = checked
            .findings
            .iter()
            .take(5)
            .map(|f| f.message.as_str())
            .collect();
        return Err(Error::DataFile {
            file: target.display().to_string(),
            message: format!(
                "the fetched dataset did not validate, so nothing was written: {}",
                shown.join("; ")
            ),
        });
    }
    if target.exists() {
        import::exchange(&out, &target)?;
    } else {
        std::fs::rename(&out, &target).map_err(|e| Error::io(&target, e))?;
    }
    staging.close().map_err(|e| Error::io(&opts.data_dir, e))?;
    Ok(FetchReport {
        dataset_dir: target,
        vintage: vid,
        added: true,
        vintages: meta.vintages.len(),
        urls: download.urls,
        requests: client.requests,
        retried: client.retried,
        last_updated: download.last_updated,
        retrieved: stamp,
        import: report,
        notes,
    })
}

/// An import error about the staged file, said about the download instead.
fn name_download(e: Error, staged: &std::path::Path, d: &Download) -> Error {
    let shown = d.urls.last().cloned().unwrap_or_default();
    let text = e.to_string().replace(
        &staged.display().to_string(),
        &format!("the download from {shown}"),
    );
    Error::DataFile {
        file: format!("GET {shown}"),
        message: format!("the response could not be imported: {text}"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn query_values_are_escaped_but_sdmx_separators_kept() {
        assert_eq!(encode("JPN+KOR.A.G.."), "JPN+KOR.A.G..");
        assert_eq!(encode("2000:2024"), "2000:2024");
        assert_eq!(encode("a b/&c"), "a%20b%2F%26c");
    }
}
