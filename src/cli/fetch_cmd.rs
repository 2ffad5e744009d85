//! `innodex fetch worldbank|oecd|owid`: the CLI glue around [`crate::fetch`] — options in, a
//! report of the vintage written out, a progress line on a terminal only.

use crate::catalog::Catalog;
use crate::error::{Error, Result};
use crate::fetch::{self, oecd::OecdQuery, worldbank::WorldBankQuery, FetchOptions, FetchReport};
use crate::fetch::{HttpSettings, Progress, Request};
use crate::report::{Cell, Report};
use std::io::{IsTerminal, Write};
use std::path::PathBuf;
use std::time::Duration;

const EXAMPLES: &str = "Examples (need the network):
  innodex fetch worldbank GB.XPD.RSDV.GD.ZS --dataset wb_rd --data my-datasets/
  innodex fetch oecd OECD.STI.STP,DSD_MSTI@DF_MSTI JPN+KOR.A.G.PT_B1GQ.. --dataset msti --data my/
  innodex fetch owid research-spending-gdp --dataset owid_rd --data my-datasets/
  innodex fetch worldbank GB.XPD.RSDV.GD.ZS --dataset wb_rd --data my-datasets/ --refresh";

/// `innodex fetch SERVICE …`
#[derive(Debug, Clone, clap::Args)]
#[command(after_help = EXAMPLES)]
pub struct FetchArgs {
    #[command(subcommand)]
    pub service: Service,
}

/// The services.
#[derive(Debug, Clone, clap::Subcommand)]
pub enum Service {
    /// World Bank Indicators API v2 (JSON, every page), e.g. GB.XPD.RSDV.GD.ZS.
    #[command(after_help = "Examples (need the network):
  innodex fetch worldbank GB.XPD.RSDV.GD.ZS --dataset wb_rd --data my-datasets/
  innodex fetch worldbank GB.XPD.RSDV.GD.ZS SP.POP.SCIE.RD.P6 --dataset wb --data my/
  innodex fetch worldbank SP.POP.SCIE.RD.P6 --years 2000:2024 --dataset wb_res --data my/")]
    Worldbank {
        /// World Bank series codes.
        #[arg(required = true)]
        series: Vec<String>,
        /// The `source` parameter: a World Bank database id (2 = World Development Indicators).
        #[arg(long)]
        source: Option<String>,
        /// Observations per page (the API's `per_page`).
        #[arg(long, default_value_t = 1000, value_parser = clap::value_parser!(u32).range(1..=32_000))]
        per_page: u32,
        #[command(flatten)]
        common: CommonArgs,
    },
    /// OECD Data Explorer SDMX API (CSV with labels): DATAFLOW and KEY as in its Developer API box.
    #[command(after_help = "Examples (need the network):
  innodex fetch oecd OECD.STI.STP,DSD_MSTI@DF_MSTI JPN+KOR.A.G.PT_B1GQ.. --dataset msti --data my/")]
    Oecd {
        /// AGENCY,DATAFLOW[,VERSION], e.g. OECD.STI.STP,DSD_MSTI@DF_MSTI.
        dataflow: String,
        /// Series key: dimension codes separated by '.', alternatives by '+'.
        key: String,
        #[command(flatten)]
        common: CommonArgs,
    },
    /// Our World in Data chart (its CSV and .metadata.json), by the chart's slug.
    #[command(after_help = "Examples (need the network):
  innodex fetch owid research-spending-gdp --dataset owid_rd --data my-datasets/")]
    Owid {
        /// The chart's slug: https://ourworldindata.org/grapher/SLUG.
        slug: String,
        #[command(flatten)]
        common: CommonArgs,
    },
}

/// Options every service takes.
#[derive(Debug, Clone, clap::Args)]
pub struct CommonArgs {
    /// The dataset id: the folder written under --data DIR, and the prefix of indicator ids.
    #[arg(long)]
    pub dataset: String,
    /// The dataset exists: add a vintage if the data changed, else leave it as it is.
    #[arg(long)]
    pub refresh: bool,
    /// Years START:END (World Bank `date=`, OECD `startPeriod`/`endPeriod`, OWID `time=`).
    #[arg(long, value_name = "START:END")]
    pub years: Option<String>,
    /// The service's address instead of the public one (a mirror, a proxy, a test server).
    #[arg(long, value_name = "URL")]
    pub base_url: Option<String>,
    /// Seconds to wait for a whole response.
    #[arg(long, default_value_t = 60.0, value_name = "SECONDS")]
    pub timeout: f64,
    /// Further attempts on 429, 5xx, a dropped connection or a cut-off body.
    #[arg(long, default_value_t = 3, value_name = "N")]
    pub retries: u32,
    /// First wait between attempts in milliseconds, doubled each time (a server's Retry-After wins).
    #[arg(long, default_value_t = 2000, value_name = "MS", hide = true)]
    pub backoff_ms: u64,
}

fn check_years(y: &str) -> Result<()> {
    let (a, b) = y.split_once(':').unwrap_or((y, y));
    let year = |s: &str| s.is_empty() || (s.len() == 4 && s.chars().all(|c| c.is_ascii_digit()));
    if year(a) && year(b) && !(a.is_empty() && b.is_empty()) {
        Ok(())
    } else {
        Err(Error::Usage(format!(
            "--years '{y}': give START:END, e.g. 2000:2024 (either side may be left out)"
        )))
    }
}

/// Runs a fetch into `data_dir`.
/// `quiet`: no progress and no summary line on stderr.
pub fn run(
    args: &FetchArgs,
    data_dir: Option<&PathBuf>,
    catalog: &Catalog,
    quiet: bool,
) -> Result<Report> {
    let data_dir = data_dir.ok_or_else(|| {
        Error::Usage("fetch writes a dataset into your own datasets folder: give --data DIR (it is created if missing)".into())
    })?;
    let (request, common) = match &args.service {
        Service::Worldbank {
            series,
            source,
            per_page,
            common,
        } => (
            Request::WorldBank(WorldBankQuery {
                series: series.clone(),
                years: common.years.clone(),
                source: source.clone(),
                per_page: *per_page,
            }),
            common,
        ),
        Service::Oecd {
            dataflow,
            key,
            common,
        } => (
            Request::Oecd(OecdQuery {
                dataflow: dataflow.clone(),
                key: key.clone(),
                years: common.years.clone(),
            }),
            common,
        ),
        Service::Owid { slug, common } => (
            Request::Owid {
                slug: slug.clone(),
                years: common.years.clone(),
            },
            common,
        ),
    };
    if let Some(y) = &common.years {
        check_years(y)?;
    }
    if !(common.timeout.is_finite() && common.timeout > 0.0) {
        return Err(Error::Usage(format!(
            "--timeout {}: give a positive number of seconds",
            common.timeout
        )));
    }
    let opts = FetchOptions {
        request,
        dataset_id: common.dataset.clone(),
        data_dir: data_dir.clone(),
        refresh: common.refresh,
        base_url: common.base_url.clone(),
        http: HttpSettings {
            timeout: Duration::from_secs_f64(common.timeout),
            retries: common.retries,
            backoff: Duration::from_millis(common.backoff_ms),
        },
    };
    let countries = catalog.countries()?;
    let on_terminal = !quiet && std::io::stderr().is_terminal();
    let mut show = |p: Progress| {
        if !on_terminal {
            return;
        }
        let line = match p {
            Progress::Request { url, attempt } if attempt > 1 => {
                format!("fetching (attempt {attempt}) {url}")
            }
            Progress::Request { url, .. } => format!("fetching {url}"),
            Progress::Bytes { received, total } => match total {
                Some(t) if t > 0 => format!(
                    "  {} of {} kB ({}%)",
                    received / 1024,
                    t / 1024,
                    received * 100 / t
                ),
                _ => format!("  {} kB", received / 1024),
            },
            Progress::Waiting { seconds, why } => format!("  waiting {seconds:.1} s: {why}"),
        };
        let shown: String = line.chars().take(150).collect();
        let _ = write!(std::io::stderr(), "\r\x1b[K{shown}");
    };
    let result = fetch::fetch(&opts, countries, &mut show);
    if on_terminal {
        let _ = write!(std::io::stderr(), "\r\x1b[K");
    }
    let r = result?;
    if !quiet {
        let _ = writeln!(std::io::stderr(), "{}", summary_line(&r));
    }
    Ok(report(&r))
}

fn summary_line(r: &FetchReport) -> String {
    if r.added {
        format!(
            "fetched {} observations into {} as vintage {} ({} vintage(s) now; {} request(s), {} retried)",
            r.import.observations_written,
            r.dataset_dir.display(),
            r.vintage,
            r.vintages,
            r.requests,
            r.retried
        )
    } else {
        format!(
            "unchanged: the values equal vintage {} of {}; nothing written ({} request(s))",
            r.vintage,
            r.dataset_dir.display(),
            r.requests
        )
    }
}

fn report(r: &FetchReport) -> Report {
    let mut rep = Report::new(format!("Fetch into {}", r.dataset_dir.display()))
        .text_column("indicator")
        .text_column("title")
        .number_column("observations", 0)
        .text_column("vintage")
        .text_column("status");
    let id = r
        .dataset_dir
        .file_name()
        .and_then(|n| n.to_str())
        .unwrap_or("");
    for ind in &r.import.indicators {
        rep.push_row(vec![
            Cell::text(format!("{id}.{}", ind.id)),
            Cell::text(&ind.title),
            Cell::int(ind.observations as i64),
            Cell::text(&r.vintage),
            Cell::text(if r.added { "added" } else { "unchanged" }),
        ]);
    }
    for f in &r.import.findings {
        if f.kind != crate::import::FindingKind::Note {
            rep.note(crate::import::describe(f));
        }
    }
    for n in &r.notes {
        rep.note(n.clone());
    }
    rep.note(format!(
        "Retrieved {}; the API's last-updated date: {}.",
        r.retrieved,
        r.last_updated.as_deref().unwrap_or("not given")
    ));
    for u in &r.urls {
        rep.note(format!("GET {u}"));
    }
    if r.import.rejected > 0 {
        rep.note(format!(
            "{} cells not imported, listed with their reasons in {}.",
            r.import.rejected,
            r.dataset_dir.join(crate::import::REJECTED_FILE).display()
        ));
    }
    rep
}
