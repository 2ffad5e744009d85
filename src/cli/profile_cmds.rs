//! `profile`, `compare` and `peers`: clap arguments turned into library queries; the engine
//! (`analysis::profile`, `analysis::compare`) computes the standings, `present` builds the reports.

use super::args::{PeriodArgs, TiesArg, UniverseArgs};
use crate::analysis::compare::{members_in, CompareQuery};
use crate::analysis::profile::{ProfileQuery, HEADLINE};
use crate::analysis::rank::RankQuery;
use crate::catalog::Catalog;
use crate::error::{Error, Result};
use crate::output::Format;
use crate::present::compare::{compare_report, peers_report, Layout};
use crate::present::profile::profile_report;
use crate::present::strengths::strengths_report;
use crate::report::Report;
use chrono::NaiveDate;

/// `innodex profile`
#[derive(Debug, Clone, clap::Args)]
pub struct ProfileArgs {
    /// Country name, code or alias.
    pub country: String,
    #[command(flatten)]
    pub period: PeriodArgs,
    /// Indicator ids, comma-separated; `a|b` uses b where a has no value [default: GII rank,
    /// IFR robot density, Bloomberg rank, R&D in USD (current PPP, else constant 2015 PPP), R&D %
    /// of GDP; with --strengths: every indicator].
    #[arg(long, value_name = "LIST", value_delimiter = ',')]
    pub indicators: Vec<String>,
    /// Also rank within this group (e.g. OECD, G7, EU).
    #[arg(long, value_name = "GROUP")]
    pub group: Option<String>,
    /// List the indicators on which the country stands best and worst (by percentile rank).
    #[arg(long)]
    pub strengths: bool,
    /// With --strengths: how many to call strengths and weaknesses; with --section gii: the
    /// cut-off (the country's own N-th highest and lowest percentile).
    #[arg(long, value_name = "N", default_value_t = 5)]
    pub n: usize,
    /// Show a source's detail instead of the headline box: `gii` = the GII pillars and
    /// sub-pillars of one edition, with WIPO's ranks and strengths and weaknesses.
    #[arg(long, value_enum, value_name = "SECTION")]
    pub section: Option<SectionArg>,
    /// How equal values share ranks.
    #[arg(long, value_enum, default_value_t = TiesArg::Min)]
    pub ties: TiesArg,
}

/// `profile --section` values.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum SectionArg {
    /// WIPO Global Innovation Index pillars and sub-pillars.
    Gii,
}

/// `innodex compare`
#[derive(Debug, Clone, clap::Args)]
pub struct CompareArgs {
    /// Countries: names, codes or aliases.
    pub countries: Vec<String>,
    /// Add this group's current members (repeatable).
    #[arg(long = "group", value_name = "GROUP")]
    pub groups: Vec<String>,
    /// Indicator ids, comma-separated (`a|b`: b where a has no value) [default: as profile].
    #[arg(long, value_name = "LIST", value_delimiter = ',')]
    pub indicators: Vec<String>,
    #[command(flatten)]
    pub period: PeriodArgs,
    /// Tables and Markdown: countries down, indicators across. (CSV, JSON and XLSX are always
    /// tidy: one row per indicator × country with value, year, rank, of.)
    #[arg(long)]
    pub transpose: bool,
    /// How equal values share ranks.
    #[arg(long, value_enum, default_value_t = TiesArg::Min)]
    pub ties: TiesArg,
}

/// `innodex peers`
#[derive(Debug, Clone, clap::Args)]
pub struct PeersArgs {
    /// Country name, code or alias.
    pub country: String,
    /// Indicator id.
    pub indicator: String,
    /// How many countries above and below.
    #[arg(long, value_name = "N", default_value_t = 5)]
    pub n: usize,
    #[command(flatten)]
    pub period: PeriodArgs,
    #[command(flatten)]
    pub universe: UniverseArgs,
    /// How equal values share ranks.
    #[arg(long, value_enum, default_value_t = TiesArg::Min)]
    pub ties: TiesArg,
}

fn indicator_list(given: &[String], default: &[&str]) -> Vec<String> {
    let list: Vec<String> = given
        .iter()
        .map(|s| s.trim().to_string())
        .filter(|s| !s.is_empty())
        .collect();
    if list.is_empty() {
        default.iter().map(|s| s.to_string()).collect()
    } else {
        list
    }
}

pub fn profile(catalog: &Catalog, a: &ProfileArgs, today: NaiveDate) -> Result<Report> {
    let mut q = ProfileQuery {
        country: catalog.countries()?.resolve_code(&a.country)?,
        indicators: indicator_list(&a.indicators, HEADLINE),
        period: a.period.to_period(today)?,
        group: a.group.clone(),
        ties: a.ties.into(),
    };
    if let Some(SectionArg::Gii) = a.section {
        return crate::present::gii_section::gii_section_report(
            catalog, &q.country, &q.period, a.n,
        );
    }
    if a.strengths {
        q.indicators = indicator_list(&a.indicators, &[]);
        return strengths_report(catalog, &q, a.n);
    }
    profile_report(catalog, &q)
}

pub fn compare(
    catalog: &Catalog,
    a: &CompareArgs,
    format: Format,
    today: NaiveDate,
) -> Result<Report> {
    let countries = catalog.countries()?;
    let mut codes = Vec::new();
    for name in a.countries.iter().filter(|s| !s.trim().is_empty()) {
        codes.push(countries.resolve_code(name)?);
    }
    // Members at the end of the period's year, the --as-of year, or this year.
    let period = a.period.to_period(today)?;
    let year = period.reference_year(period.today);
    for g in &a.groups {
        codes.extend(members_in(countries, g, year)?);
    }
    let mut seen = std::collections::HashSet::new();
    codes.retain(|c| seen.insert(c.clone()));
    if codes.is_empty() {
        return Err(Error::Usage(
            "compare: name at least one country or give --group".into(),
        ));
    }
    let q = CompareQuery {
        countries: codes,
        indicators: indicator_list(&a.indicators, HEADLINE),
        period,
        ties: a.ties.into(),
    };
    let layout = match (format, a.transpose) {
        // Spreadsheets and data files get one typed row per indicator × country.
        (Format::Csv | Format::Json | Format::Xlsx, _) => Layout::Tidy,
        (_, true) => Layout::Transposed,
        (_, false) => Layout::Matrix,
    };
    compare_report(catalog, &q, layout)
}

pub fn peers(catalog: &Catalog, a: &PeersArgs, today: NaiveDate) -> Result<Report> {
    let countries = catalog.countries()?;
    let iso3 = countries.resolve_code(&a.country)?;
    let q = RankQuery {
        indicator: a.indicator.clone(),
        period: a.period.to_period(today)?,
        universe: a.universe.to_universe(countries)?,
        ties: a.ties.into(),
        ..Default::default()
    };
    peers_report(catalog, &q, &iso3, a.n)
}
