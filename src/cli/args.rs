//! Flag groups shared by several commands: output, period and universe options.

use crate::analysis::correlate::CorrelateQuery;
use crate::analysis::pairs::PairQuery;
use crate::analysis::period::Period;
use crate::analysis::rank::Ties;
use crate::analysis::universe::Universe;
use crate::catalog::dates::PartialDate;
use crate::catalog::Catalog;
use crate::catalog::Countries;
use crate::chart::LabelMode;
use crate::error::{Error, Result};
use clap::{Args, ValueEnum};
use std::path::PathBuf;

/// `--format` values.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum FormatArg {
    Table,
    Csv,
    Json,
    Markdown,
}

/// `--color` values.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum, Default)]
pub enum ColorArg {
    #[default]
    Auto,
    Always,
    Never,
}

/// Options every command takes.
#[derive(Debug, Clone, Args)]
pub struct GlobalArgs {
    /// Read datasets from this folder instead of the embedded curated data.
    #[arg(long, global = true, value_name = "DIR")]
    pub data: Option<PathBuf>,
    /// Output format [default: table on a terminal, csv when piped; or from -o's extension].
    #[arg(long, global = true, value_enum)]
    pub format: Option<FormatArg>,
    /// No informational messages on stderr (errors are still reported).
    #[arg(short = 'q', long, global = true)]
    pub quiet: bool,
    /// Write the result to FILE (format from the extension: .csv .json .md .txt .xlsx; charts .png .svg).
    #[arg(short = 'o', long, global = true, value_name = "FILE")]
    pub output: Option<PathBuf>,
    /// Colour terminal tables (bold header, the subject country highlighted): auto = on a
    /// terminal unless NO_COLOR is set.
    #[arg(long, global = true, value_enum, value_name = "WHEN", default_value_t = ColorArg::Auto)]
    pub color: ColorArg,
    /// The date the command runs (not a flag): the clock is read here, once, when the
    /// arguments are parsed, and passed down to every period ([`Period::today`]).
    #[arg(skip = crate::catalog::dates::today())]
    pub today: chrono::NaiveDate,
}

/// Which period's values to use.
#[derive(Debug, Clone, Args, Default)]
pub struct PeriodArgs {
    /// Use values of this year (edition year for GII and Bloomberg, data year otherwise).
    #[arg(long, value_name = "YEAR")]
    pub year: Option<i32>,
    /// Use each country's most recent value (the default).
    #[arg(long, conflicts_with = "year")]
    pub latest: bool,
    /// With --latest: leave out values more than N years before the reference year (the
    /// --as-of year, else this year).
    #[arg(long, value_name = "N", conflicts_with = "year")]
    pub max_age: Option<u32>,
    /// Use only what had been published on or before DATE (YYYY-MM-DD, YYYY-MM or YYYY).
    #[arg(long, value_name = "DATE")]
    pub as_of: Option<String>,
    /// Use only values of this vintage of a revised series (ids in `innodex datasets`); by
    /// default each value comes from the newest vintage published by --as-of or today.
    #[arg(long, value_name = "VINTAGE")]
    pub vintage: Option<String>,
}

impl PeriodArgs {
    /// The period these flags ask for, judged on `today`.
    pub fn to_period(&self, today: chrono::NaiveDate) -> Result<Period> {
        let as_of = match &self.as_of {
            Some(s) => {
                Some(PartialDate::parse(s).map_err(|m| Error::Usage(format!("--as-of: {m}")))?)
            }
            None => None,
        };
        Ok(Period {
            year: self.year,
            max_age: self.max_age.map(|n| n as i32),
            as_of,
            publication: None,
            vintage: self.vintage.clone(),
            today,
        })
    }
}

/// Which countries take part.
#[derive(Debug, Clone, Args, Default)]
pub struct UniverseArgs {
    /// Only members of this group, judged at each value's year (repeatable: the union).
    #[arg(long = "group", value_name = "GROUP")]
    pub groups: Vec<String>,
    /// Only these countries (names, codes or aliases, comma-separated; repeatable).
    #[arg(long, value_name = "LIST")]
    pub countries: Vec<String>,
    /// Keep aggregates (World, OECD, regions, Belgium+Luxembourg) in the universe.
    #[arg(long)]
    pub include_aggregates: bool,
    /// Rank inside each group of this kind (wb-region, wb-income, …).
    #[arg(long, value_name = "KIND")]
    pub within: Option<String>,
}

impl UniverseArgs {
    pub fn to_universe(&self, countries: &Countries) -> Result<Universe> {
        let mut codes = Vec::new();
        for list in &self.countries {
            codes.extend(resolve_list(countries, list)?);
        }
        Universe {
            groups: self.groups.clone(),
            countries: codes,
            include_aggregates: self.include_aggregates,
            within: self.within.clone(),
        }
        .resolve(countries)
    }
}

/// Resolves a comma-separated list of names (see [`Countries::resolve_list`]).
pub fn resolve_list(countries: &Countries, list: &str) -> Result<Vec<String>> {
    countries.resolve_list(list)
}

/// `--ties` values.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum, Default)]
pub enum TiesArg {
    #[default]
    Min,
    Dense,
    Ordinal,
    Average,
}

impl From<TiesArg> for Ties {
    fn from(t: TiesArg) -> Self {
        match t {
            TiesArg::Min => Ties::Min,
            TiesArg::Dense => Ties::Dense,
            TiesArg::Ordinal => Ties::Ordinal,
            TiesArg::Average => Ties::Average,
        }
    }
}

/// The two indicators and how to pair them (correlate and chart scatter).
#[derive(Debug, Clone, Args)]
pub struct PairArgs {
    /// X indicator id (e.g. msti.gerd_pct_gdp).
    pub x: String,
    /// Y indicator id (e.g. ifr.robot_density).
    pub y: String,
    #[command(flatten)]
    pub period: PeriodArgs,
    #[command(flatten)]
    pub universe: UniverseArgs,
    /// Leave out countries whose two values are more than N years apart (named in the notes).
    #[arg(long, value_name = "N")]
    pub max_gap: Option<u32>,
    /// Use log10 of X; values ≤ 0 are excluded and named.
    #[arg(long)]
    pub log_x: bool,
    /// Use log10 of Y; values ≤ 0 are excluded and named.
    #[arg(long)]
    pub log_y: bool,
}

impl PairArgs {
    pub fn to_query(&self, catalog: &Catalog, today: chrono::NaiveDate) -> Result<CorrelateQuery> {
        Ok(CorrelateQuery {
            pairs: PairQuery {
                x: self.x.clone(),
                y: self.y.clone(),
                period: self.period.to_period(today)?,
                universe: self.universe.to_universe(catalog.countries()?)?,
                max_gap: self.max_gap.map(|n| n as i32),
            },
            log_x: self.log_x,
            log_y: self.log_y,
        })
    }
}

/// Options of every chart.
#[derive(Debug, Clone, Args)]
pub struct ChartOptArgs {
    /// Chart title [default: from the indicators].
    #[arg(long)]
    pub title: Option<String>,
    /// Subtitle [default: n and years].
    #[arg(long)]
    pub subtitle: Option<String>,
    /// Size in pixels, WxH.
    #[arg(long, value_name = "WxH", default_value = "1600x900", value_parser = parse_size)]
    pub size: (u32, u32),
    /// Highlight a group (NATO, EU, …) or a comma-separated country list; repeatable, one legend entry each.
    #[arg(long, value_name = "GROUP|LIST")]
    pub highlight: Vec<String>,
}

pub fn parse_size(s: &str) -> std::result::Result<(u32, u32), String> {
    let (w, h) = s
        .split_once(['x', 'X'])
        .ok_or("expected WxH, e.g. 1600x900")?;
    let (w, h): (u32, u32) = (
        w.trim().parse().map_err(|_| format!("bad width '{w}'"))?,
        h.trim().parse().map_err(|_| format!("bad height '{h}'"))?,
    );
    // The same bounds as the renderer, so a bad size is a usage error before any work.
    if !(200..=10_000).contains(&w) || !(150..=10_000).contains(&h) {
        return Err(format!(
            "{w}x{h} is out of range: width 200 to 10000, height 150 to 10000"
        ));
    }
    Ok((w, h))
}

/// A count that must be at least 1 (`--top`): 0 would print an empty table.
pub fn parse_positive(s: &str) -> std::result::Result<usize, String> {
    match s.trim().parse::<usize>() {
        Ok(n) if n >= 1 => Ok(n),
        Ok(_) => Err("must be at least 1 (leave the option out to show all)".into()),
        Err(_) => Err(format!("'{s}' is not a whole number")),
    }
}

/// `--from Y0 --to Y1` must run forwards (a reversed span silently drew a mirrored slope).
pub fn check_year_span(from: Option<i32>, to: Option<i32>) -> Result<()> {
    if let (Some(f), Some(t)) = (from, to) {
        if f > t {
            return Err(Error::Usage(format!(
                "--from {f} --to {t}: --from must be no later than --to; swap them"
            )));
        }
    }
    Ok(())
}

pub fn parse_labels(s: &str) -> std::result::Result<LabelMode, String> {
    Ok(match s {
        "all" => LabelMode::All,
        "none" => LabelMode::None,
        _ => match s.parse::<usize>() {
            Ok(n) => LabelMode::Top(n),
            Err(_) => LabelMode::List(s.split(',').map(|x| x.trim().to_string()).collect()),
        },
    })
}
