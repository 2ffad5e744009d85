//! `chart` and `correlate`: clap arguments → library queries → a report or a rendered chart.

use super::args::{parse_labels, ChartOptArgs, GlobalArgs, PairArgs, PeriodArgs, UniverseArgs};
use crate::catalog::Catalog;
use crate::chart::{self, LabelMode};
use crate::error::{Error, Result};
use crate::figures::{self, ChartOptions, Figure};
use chrono::NaiveDate;
use clap::Subcommand;

/// `innodex chart KIND`
#[derive(Debug, Subcommand)]
pub enum ChartCommand {
    /// One point per country with values of both X and Y (see `correlate` for the numbers).
    #[command(after_help = super::examples::CHART_SCATTER)]
    Scatter {
        #[command(flatten)]
        pair: PairArgs,
        /// Which points get labels: all, none, N (the N most extreme), or a country list.
        #[arg(long, default_value = "all", value_parser = parse_labels)]
        label: LabelMode,
        /// Draw the least-squares line with its equation, r² and n.
        #[arg(long)]
        fit: bool,
        #[command(flatten)]
        opts: ChartOptArgs,
    },
    /// Horizontal ranked bars with value labels.
    #[command(after_help = super::examples::CHART_BAR)]
    Bar {
        indicator: String,
        #[command(flatten)]
        period: PeriodArgs,
        #[command(flatten)]
        universe: UniverseArgs,
        /// Show only the first N.
        #[arg(long, value_name = "N", value_parser = super::args::parse_positive)]
        top: Option<usize>,
        #[command(flatten)]
        opts: ChartOptArgs,
    },
    /// Time series, one line per country (--as-of limits which publications count).
    #[command(after_help = super::examples::CHART_LINE)]
    Line {
        indicator: String,
        /// Countries (names, codes or aliases, comma-separated).
        #[arg(long, value_name = "LIST", required = true)]
        countries: Vec<String>,
        #[arg(long, value_name = "Y0")]
        from: Option<i32>,
        #[arg(long, value_name = "Y1")]
        to: Option<i32>,
        /// Use only what had been published on or before DATE.
        #[arg(long, value_name = "DATE")]
        as_of: Option<String>,
        #[command(flatten)]
        opts: ChartOptArgs,
    },
    /// Value (or --rank) change between two years or editions, with the comparability caveat.
    #[command(after_help = super::examples::CHART_SLOPE)]
    Slope {
        indicator: String,
        #[arg(long, value_name = "Y0")]
        from: i32,
        #[arg(long, value_name = "Y1")]
        to: i32,
        /// Compare ranks among the countries with values in both years.
        #[arg(long)]
        rank: bool,
        /// Use only what had been published on or before DATE.
        #[arg(long, value_name = "DATE")]
        as_of: Option<String>,
        #[command(flatten)]
        universe: UniverseArgs,
        #[command(flatten)]
        opts: ChartOptArgs,
    },
    /// A choropleth world or regional map: each economy filled by the class of the value `rank`
    /// shows for it (same period rules, universe and notes); no data hatched and counted.
    #[command(after_help = MAP_EXAMPLES)]
    Map {
        indicator: String,
        #[command(flatten)]
        period: PeriodArgs,
        #[command(flatten)]
        universe: UniverseArgs,
        /// Fit the map to a continent (Europe, Asia, Africa, the Americas, North America, Latin
        /// America, Oceania, World) or a group's members (NATO, OECD, EU, a World Bank region; see
        /// `innodex groups`). It sets the extent only: --group sets the universe.
        #[arg(long, value_name = "REGION")]
        region: Option<String>,
        /// How class break points are chosen (each class includes its lower bound).
        #[arg(long, value_enum, default_value = "quantile")]
        classes: ClassesArg,
        /// Number of classes for --classes quantile or equal.
        #[arg(long = "n-classes", value_name = "N", default_value_t = 5, value_parser = clap::value_parser!(u8).range(2..=7))]
        n_classes: u8,
        /// Break points A,B,C (increasing); overrides --classes.
        #[arg(long, value_name = "A,B,C", value_parser = parse_breaks, allow_hyphen_values = true)]
        breaks: Option<Breaks>,
        /// Centre of a diverging scale (e.g. 0 for a change): a break point, orange classes
        /// below it, purple above.
        #[arg(
            long,
            alias = "center",
            value_name = "VALUE",
            allow_negative_numbers = true
        )]
        centre: Option<f64>,
        #[command(flatten)]
        opts: ChartOptArgs,
    },
}

const MAP_EXAMPLES: &str = "Examples:
  innodex chart map ifr.robot_density -o robots.png
  innodex chart map msti.gerd_pct_gdp --region Europe -o rd-europe.svg
  innodex chart map gii.score --group OECD --classes equal --n-classes 4 -o gii-oecd.png
  innodex chart map ifr.robot_density --breaks 100,200,400 --highlight JPN,KOR,SGP -o robots.svg";

/// `--classes` values.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum ClassesArg {
    /// Classes of about equal counts.
    Quantile,
    /// Classes of equal width between the lowest and highest value.
    Equal,
}

/// `--breaks A,B,C`.
#[derive(Debug, Clone, PartialEq)]
pub struct Breaks(pub Vec<f64>);

fn parse_breaks(s: &str) -> std::result::Result<Breaks, String> {
    s.split(',')
        .map(|p| {
            let p = p.trim();
            p.parse::<f64>()
                .ok()
                .filter(|v| v.is_finite())
                .ok_or_else(|| format!("'{p}' is not a number (expected e.g. 100,200,400)"))
        })
        .collect::<std::result::Result<Vec<f64>, String>>()
        .map(Breaks)
}

fn options(o: &ChartOptArgs) -> ChartOptions {
    ChartOptions {
        title: o.title.clone(),
        subtitle: o.subtitle.clone(),
        size: o.size,
        highlight: o.highlight.clone(),
    }
}

fn as_of(s: &Option<String>, today: NaiveDate) -> Result<crate::analysis::period::Period> {
    PeriodArgs {
        as_of: s.clone(),
        ..Default::default()
    }
    .to_period(today)
}

/// `-o FILE` must be given, as .png or .svg.
pub fn check_output(g: &GlobalArgs) -> Result<&std::path::Path> {
    let path = g
        .output
        .as_ref()
        .ok_or_else(|| Error::Usage("charts need -o FILE.png or -o FILE.svg".into()))?;
    let ext = path
        .extension()
        .and_then(|e| e.to_str())
        .map(str::to_ascii_lowercase);
    if !matches!(ext.as_deref(), Some("png" | "svg")) {
        return Err(Error::Usage(format!(
            "-o {}: charts are written as .png or .svg",
            path.display()
        )));
    }
    Ok(path)
}

/// Renders a chart to `-o FILE`; one line on stderr unless quiet.
pub fn write(fig: &Figure, g: &GlobalArgs) -> Result<()> {
    let path = check_output(g)?;
    let report = chart::render(&fig.spec, path)?;
    let mut msg = format!("wrote {} ({} countries", path.display(), fig.n);
    if report.labels_omitted > 0 {
        msg.push_str(&format!(", {}", chart::omitted_note(report.labels_omitted)));
    }
    if !g.quiet {
        super::message(&format!("{msg})"));
    }
    Ok(())
}

/// Builds a chart's figure (the spec the renderer draws).
pub fn figure(catalog: &Catalog, cmd: &ChartCommand, today: NaiveDate) -> Result<Figure> {
    match cmd {
        ChartCommand::Line { from, to, .. } => super::args::check_year_span(*from, *to)?,
        ChartCommand::Slope { from, to, .. } => {
            super::args::check_year_span(Some(*from), Some(*to))?
        }
        _ => {}
    }
    let countries = catalog.countries()?;
    let fig: Figure = match cmd {
        ChartCommand::Scatter {
            pair,
            label,
            fit,
            opts,
        } => {
            let q = pair.to_query(catalog, today)?;
            figures::scatter(
                catalog,
                &figures::ScatterQuery {
                    pairs: q.pairs,
                    log_x: q.log_x,
                    log_y: q.log_y,
                    fit: *fit,
                    labels: label.clone(),
                    options: options(opts),
                },
            )?
        }
        ChartCommand::Bar {
            indicator,
            period,
            universe,
            top,
            opts,
        } => figures::bar(
            catalog,
            &figures::BarQuery {
                indicator: indicator.clone(),
                period: period.to_period(today)?,
                universe: universe.to_universe(countries)?,
                top: *top,
                options: options(opts),
            },
        )?,
        ChartCommand::Line {
            indicator,
            countries: list,
            from,
            to,
            as_of: d,
            opts,
        } => figures::line(
            catalog,
            &figures::LineQuery {
                indicator: indicator.clone(),
                countries: list.clone(),
                from: *from,
                to: *to,
                period: as_of(d, today)?,
                options: options(opts),
            },
        )?,
        ChartCommand::Slope {
            indicator,
            from,
            to,
            rank,
            as_of: d,
            universe,
            opts,
        } => figures::slope(
            catalog,
            &figures::SlopeQuery {
                indicator: indicator.clone(),
                from: *from,
                to: *to,
                rank: *rank,
                period: as_of(d, today)?,
                universe: universe.to_universe(countries)?,
                options: options(opts),
            },
        )?,
        ChartCommand::Map {
            indicator,
            period,
            universe,
            region,
            classes,
            n_classes,
            breaks,
            centre,
            opts,
        } => figures::map(
            catalog,
            &figures::MapQuery {
                indicator: indicator.clone(),
                period: period.to_period(today)?,
                universe: universe.to_universe(countries)?,
                region: region.clone(),
                rule: match (breaks, classes) {
                    (Some(b), _) => figures::map_classes::ClassRule::Breaks(b.0.clone()),
                    (None, ClassesArg::Quantile) => {
                        figures::map_classes::ClassRule::Quantile(usize::from(*n_classes))
                    }
                    (None, ClassesArg::Equal) => {
                        figures::map_classes::ClassRule::Equal(usize::from(*n_classes))
                    }
                },
                centre: *centre,
                options: options(opts),
            },
        )?,
    };
    Ok(fig)
}
