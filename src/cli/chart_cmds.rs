//! `chart` and `correlate`: clap arguments → library queries → a report or a rendered chart.

use super::args::{parse_labels, ChartOptArgs, GlobalArgs, PairArgs, PeriodArgs, UniverseArgs};
use crate::analysis::figures::{self, ChartOptions, Figure};
use crate::catalog::Catalog;
use crate::chart::{self, LabelMode};
use crate::error::{Error, Result};
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
}

fn options(o: &ChartOptArgs) -> ChartOptions {
    ChartOptions {
        title: o.title.clone(),
        subtitle: o.subtitle.clone(),
        size: o.size,
        highlight: o.highlight.clone(),
    }
}

fn as_of(s: &Option<String>) -> Result<crate::analysis::period::Period> {
    PeriodArgs {
        as_of: s.clone(),
        ..Default::default()
    }
    .to_period()
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
pub fn figure(catalog: &Catalog, cmd: &ChartCommand) -> Result<Figure> {
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
            let q = pair.to_query(catalog)?;
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
                period: period.to_period()?,
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
                period: as_of(d)?,
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
                period: as_of(d)?,
                universe: universe.to_universe(countries)?,
                options: options(opts),
            },
        )?,
    };
    Ok(fig)
}
