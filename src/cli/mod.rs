//! The command line: clap types, one `Command` enum, and glue that turns arguments into library
//! calls and hands the result to the output layer. The only code that knows clap.

pub mod about;
pub mod args;
pub mod completion_scripts;
pub mod completions;
mod emit;
mod examples;
mod executed;
pub mod queries;

mod brief;
mod chart_cmds;
mod fetch_cmd;
mod import_cmd;
mod index_cmd;
mod profile_cmds;
mod run_cmd;

use emit::message;
pub use emit::{choose_format, emit, emit_highlighted, run};
use executed::CatalogOnce;
pub use executed::{execute_recorded, Executed};
pub use run_cmd::check_step_args;

use crate::analysis::rank::RankQuery;
use crate::catalog::source::DatasetRead;
use crate::catalog::{Catalog, DataSource};
use crate::error::{Error, Result};
use crate::present::correlate::{correlate_report, pairs_report};
use crate::present::rank::rank_report;
use crate::report::Report;
use args::{GlobalArgs, PeriodArgs, TiesArg, UniverseArgs};
use clap::{Parser, Subcommand};
use std::collections::BTreeSet;
use std::path::PathBuf;

/// Rank, compare and chart countries on science-and-technology indicators.
#[derive(Debug, Parser)]
#[command(
    name = "innodex",
    version,
    about,
    long_about = None,
    max_term_width = 100,
    after_help = examples::ROOT
)]
pub struct Cli {
    #[command(flatten)]
    pub global: GlobalArgs,
    #[command(subcommand)]
    pub command: Command,
}

/// Every subcommand; the match in [`run`] is exhaustive.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// List the datasets: id, title, publisher, licence, indicators, countries, years.
    #[command(after_help = examples::DATASETS)]
    Datasets,
    /// List indicators (id, title, unit, direction, years, countries); TEXT filters.
    #[command(after_help = examples::INDICATORS)]
    Indicators {
        /// Keep indicators whose id, title or unit contains TEXT (e.g. a dataset id).
        text: Option<String>,
    },
    /// List countries with codes and groups.
    #[command(after_help = examples::COUNTRIES)]
    Countries {
        /// Only members of this group (NATO, OECD, EU, G7, G20, NATO-PARTNERS, EAS, HIC, …).
        #[arg(long)]
        group: Option<String>,
        /// Judge membership at the end of this year [default: this year].
        #[arg(long)]
        year: Option<i32>,
    },
    /// List groups with their member counts.
    #[command(after_help = examples::GROUPS)]
    Groups,
    /// Show how names map to ISO3 codes; exit 1 if any is unmatched.
    #[command(after_help = examples::RESOLVE)]
    Resolve {
        /// Names, codes or aliases.
        #[arg(required = true)]
        names: Vec<String>,
    },
    /// Check a datasets folder (default: the embedded data, or --data DIR).
    #[command(after_help = examples::VALIDATE)]
    Validate,
    /// Rank countries on one indicator, with the rules stated in the notes.
    #[command(after_help = examples::RANK)]
    Rank(RankArgs),
    /// One country's quick facts: value, year, rank and source per headline indicator.
    #[command(after_help = examples::PROFILE)]
    Profile(profile_cmds::ProfileArgs),
    /// Countries side by side: each indicator's value with its year and rank.
    #[command(after_help = examples::COMPARE)]
    Compare(profile_cmds::CompareArgs),
    /// The countries ranked nearest above and below one country on an indicator.
    #[command(after_help = examples::PEERS)]
    Peers(profile_cmds::PeersArgs),
    /// List the saved queries (briefing analyses) shipped with innodex.
    #[command(after_help = examples::QUERIES)]
    Queries,
    /// Run saved queries and write their outputs and a manifest.json into --out-dir.
    #[command(after_help = examples::RUN)]
    Run {
        /// Query names (`innodex queries`) or query files (.toml).
        names: Vec<String>,
        /// Run every shipped query.
        #[arg(long)]
        all: bool,
        /// Folder for the outputs and manifest.json.
        #[arg(long, default_value = ".", value_name = "DIR")]
        out_dir: PathBuf,
        /// Where to write the briefing document (one self-contained HTML file)
        /// [default: DIR/index.html].
        #[arg(long, value_name = "FILE.html")]
        brief: Option<PathBuf>,
    },
    /// Turn an indicator CSV (long, wide, SDMX-CSV, OWID) into a dataset in --data DIR.
    #[command(after_help = examples::IMPORT)]
    Import(import_cmd::ImportArgs),
    /// Download an indicator from the World Bank, OECD or OWID API into --data DIR, as a dated
    /// vintage (the only command that uses the network).
    Fetch(fetch_cmd::FetchArgs),
    /// Correlate two indicators: n, Pearson r (95% CI, p), Spearman ρ, Kendall τ-b, least squares
    ///
    /// Statistics: n; Pearson r with its 95% confidence interval and p-value; Spearman ρ;
    /// Kendall τ-b; least-squares slope, intercept and r².
    ///
    /// Output: one row per statistic, columns statistic,value,ci_low,ci_high,p_value,n (paste it
    /// into a spreadsheet as it is); the countries used with the years of both values, and those
    /// left out with the reason, are in the notes (JSON `notes`, table footer). With --pairs the
    /// output is the paired data instead: iso3,country,x,x_year,y,y_year,year_gap,status, one row
    /// per country, left-out countries included with their reason.
    ///
    /// By default each country's latest value of each indicator is paired and the notes state the
    /// years and the largest gap between them; --year Y pairs values of year Y, --max-gap N drops
    /// pairs further apart.
    #[command(verbatim_doc_comment)]
    #[command(after_help = examples::CORRELATE)]
    Correlate {
        #[command(flatten)]
        pair: args::PairArgs,
        /// Write the paired values (one row per country) instead of the statistics.
        #[arg(long)]
        pairs: bool,
    },
    /// Draw a chart to -o FILE.png or -o FILE.svg: scatter, bar, line, slope, map.
    #[command(after_help = examples::CHART)]
    Chart {
        #[command(subcommand)]
        kind: chart_cmds::ChartCommand,
    },
    /// Print a shell completion script (subcommands, options, and indicator ids, country codes,
    /// groups and query names from the data).
    #[command(after_help = examples::COMPLETIONS)]
    Completions {
        /// The shell to complete for.
        #[arg(value_enum)]
        shell: completion_scripts::ShellArg,
    },
    /// Write the man page (roff) to stdout or -o FILE; --out-dir DIR writes one page per command.
    #[command(after_help = examples::MAN)]
    Man {
        /// Write innodex.1 and one page per subcommand (innodex-rank.1, …) into this folder.
        #[arg(long, value_name = "DIR", conflicts_with = "output")]
        out_dir: Option<PathBuf>,
    },
    /// Build, audit and stress-test a composite index from a spec (FILE.toml or a shipped name).
    Index(index_cmd::IndexArgs),
    /// Rebuild the curated datasets from the public source files (maintainers).
    #[command(hide = true)]
    Curate {
        /// The folder of raw source files (the repository's `sources/`).
        #[arg(long, default_value = "sources")]
        sources: PathBuf,
        /// Where to write the datasets.
        #[arg(long, default_value = "datasets")]
        out: PathBuf,
        /// Where to write the map geometry derived from SOURCES/natural_earth [default:
        /// assets/geo/ne_110m.bin when run in the repository].
        #[arg(long, value_name = "FILE")]
        geo: Option<PathBuf>,
    },
}

/// `innodex rank`
#[derive(Debug, Clone, clap::Args)]
pub struct RankArgs {
    /// Indicator id, e.g. gii.score, ifr.robot_density, msti.gerd_pct_gdp.
    pub indicator: String,
    #[command(flatten)]
    pub period: PeriodArgs,
    #[command(flatten)]
    pub universe: UniverseArgs,
    /// How equal values share ranks.
    #[arg(long, value_enum, default_value_t = TiesArg::Min)]
    pub ties: TiesArg,
    /// Rank the lowest value first, whatever the indicator's direction.
    #[arg(long, conflicts_with = "descending")]
    pub ascending: bool,
    /// Rank the highest value first, whatever the indicator's direction.
    #[arg(long)]
    pub descending: bool,
    /// Show only the first N (per group with --within).
    #[arg(long, value_name = "N", value_parser = args::parse_positive)]
    pub top: Option<usize>,
    /// Add the rank and value in this year, and the change.
    #[arg(long, value_name = "YEAR")]
    pub compare_year: Option<i32>,
}

impl RankArgs {
    /// The library query these arguments ask for.
    pub fn to_query(&self, catalog: &Catalog, today: chrono::NaiveDate) -> Result<RankQuery> {
        Ok(RankQuery {
            indicator: self.indicator.clone(),
            period: self.period.to_period(today)?,
            universe: self.universe.to_universe(catalog.countries()?)?,
            ties: self.ties.into(),
            highest_first: if self.ascending {
                Some(false)
            } else if self.descending {
                Some(true)
            } else {
                None
            },
            top: self.top,
            compare_year: self.compare_year,
        })
    }
}

fn open_catalog(global: &GlobalArgs) -> Result<Catalog> {
    Catalog::open(data_source(global))
}

fn data_source(global: &GlobalArgs) -> DataSource {
    match &global.data {
        Some(dir) => DataSource::Dir(dir.clone()),
        None => DataSource::Embedded,
    }
}

/// What a command produced, before it is written anywhere.
pub enum Outcome {
    /// A report, and the error to exit with after writing it (unresolved names, findings).
    Report(Report, Option<Error>),
    /// A chart to render to `-o`.
    Chart(crate::figures::Figure),
    /// The command wrote its own files (`run`) and returns a summary for stderr.
    Summary(Report),
}

/// Runs a command and returns its result; nothing is written (except by `run`, `import` and
/// `curate`, whose job is writing files).
pub fn execute(cli: &Cli) -> Result<Outcome> {
    Ok(execute_recorded(cli)?.outcome)
}

/// The one `match` over commands. `read` collects the datasets read by a command that opens no
/// catalog (`validate`).
fn dispatch(cli: &Cli, catalog: &CatalogOnce, read: &mut BTreeSet<DatasetRead>) -> Result<Outcome> {
    let g = &cli.global;
    let report = |r: Report| Ok(Outcome::Report(r, None));
    match &cli.command {
        Command::Datasets => report(crate::catalog::listing::datasets(catalog.get()?)?),
        Command::Indicators { text } => report(crate::catalog::listing::indicators(
            catalog.get()?,
            text.as_deref(),
        )?),
        Command::Countries { group, year } => report(crate::catalog::listing::countries(
            catalog.get()?,
            group.as_deref(),
            *year,
            g.today,
        )?),
        Command::Groups => report(crate::catalog::listing::groups(catalog.get()?, g.today)?),
        Command::Resolve { names } => {
            let (r, failure) = crate::catalog::listing::resolve(catalog.get()?, names)?;
            Ok(Outcome::Report(r, failure))
        }
        Command::Validate => {
            let (r, failure, datasets) = crate::catalog::listing::validate(&data_source(g))?;
            read.extend(datasets);
            Ok(Outcome::Report(r, failure))
        }
        Command::Rank(args) => {
            let catalog = catalog.get()?;
            let query = args.to_query(catalog, g.today)?;
            report(rank_report(catalog, &query)?)
        }
        Command::Profile(a) => report(profile_cmds::profile(catalog.get()?, a, g.today)?),
        Command::Compare(a) => report(profile_cmds::compare(
            catalog.get()?,
            a,
            choose_format(g)?,
            g.today,
        )?),
        Command::Peers(a) => report(profile_cmds::peers(catalog.get()?, a, g.today)?),
        Command::Queries => report(run_cmd::list()?),
        Command::Run {
            names,
            all,
            out_dir,
            brief,
        } => Ok(Outcome::Summary(run_cmd::run(
            names,
            *all,
            out_dir,
            brief.as_deref(),
            g,
        )?)),
        Command::Import(args) => {
            // Names resolve against the user's countries dataset where the folder has one.
            let catalog = match &g.data {
                Some(dir) if dir.join("countries").join("countries.csv").is_file() => {
                    open_catalog(g)?
                }
                _ => Catalog::embedded()?,
            };
            report(import_cmd::run(args, g.data.as_ref(), &catalog)?)
        }
        Command::Fetch(args) => {
            // Names resolve against the user's countries dataset where the folder has one.
            let catalog = match &g.data {
                Some(dir) if dir.join("countries").join("countries.csv").is_file() => {
                    open_catalog(g)?
                }
                _ => Catalog::embedded()?,
            };
            report(fetch_cmd::run(args, g.data.as_ref(), &catalog, g.quiet)?)
        }
        Command::Correlate { pair, pairs } => {
            let catalog = catalog.get()?;
            let query = pair.to_query(catalog, g.today)?;
            report(if *pairs {
                pairs_report(catalog, &query)?
            } else {
                correlate_report(catalog, &query)?
            })
        }
        Command::Chart { kind } => {
            chart_cmds::check_output(g)?;
            Ok(Outcome::Chart(chart_cmds::figure(
                catalog.get()?,
                kind,
                g.today,
            )?))
        }
        Command::Completions { .. } | Command::Man { .. } => Err(Error::Usage(
            "completions and man write text about innodex itself; run them on their own".into(),
        )),
        Command::Index(args) => index_cmd::run(args, g, catalog.get()?),
        Command::Curate { sources, out, geo } => {
            crate::catalog::folder_check::check_datasets_out(out, sources)?;
            let geo = crate::curate::geo::target(sources, geo.as_deref())?;
            let summary = crate::curate::run(sources, out)?;
            let mut r = curate_report(&summary, out);
            r.note(crate::curate::geo::curate_step(
                sources,
                out,
                geo.as_deref(),
            )?);
            report(r)
        }
    }
}

pub use about::parse;

/// What `curate` wrote, one row per file.
fn curate_report(summary: &crate::curate::Summary, out: &std::path::Path) -> Report {
    let mut r = Report::new(format!("Datasets written to {}", out.display()))
        .text_column("dataset")
        .text_column("file")
        .number_column("rows", 0);
    for d in &summary.datasets {
        for f in &d.files {
            r.push_row(vec![
                crate::report::Cell::text(&d.id),
                crate::report::Cell::text(&f.file),
                crate::report::Cell::int(f.rows as i64),
            ]);
        }
    }
    r
}

#[cfg(test)]
mod tests {
    #[test]
    fn the_clap_definition_is_consistent() {
        // Conflicting ids, bad defaults and duplicate flags fail here rather than at run time.
        <super::Cli as clap::CommandFactory>::command().debug_assert();
    }
}
