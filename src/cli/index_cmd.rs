//! `innodex index SPEC`: clap arguments → the composite-index library ([`crate::index`]) → a
//! report (scores, `--explain`, `--uncertainty`, `--sensitivity`, `--audit`) or, with
//! `--uncertainty -o FILE.png|.svg`, the chart of ranks with intervals.

use super::args::GlobalArgs;
use super::Outcome;
use crate::catalog::Catalog;
use crate::error::{Error, Result};
use crate::figures::ChartOptions;
use crate::index::{self, report, run_reports};
use crate::report::{Cell, Report};

const EXAMPLES: &str = "Examples:
  innodex index --list
  innodex index gii_rebuild --year 2021 --format csv
  innodex index emerging_tech --explain Korea
  innodex index emerging_tech --uncertainty -o etr-uncertainty.png";

/// `innodex index`
#[derive(Debug, Clone, clap::Args)]
#[command(after_help = EXAMPLES)]
pub struct IndexArgs {
    /// A spec file (FILE.toml) or the name of a shipped spec (`innodex index --list`).
    #[arg(required_unless_present = "list")]
    pub spec: Option<String>,
    /// List the shipped specs.
    #[arg(long, conflicts_with_all = ["explain", "uncertainty", "sensitivity", "audit"])]
    pub list: bool,
    /// Use this year (edition for GII) instead of the spec's [period] year.
    #[arg(long, value_name = "YEAR")]
    pub year: Option<i32>,
    /// Show how one country's score is built, component by component.
    #[arg(long, value_name = "COUNTRY", conflicts_with_all = ["uncertainty", "sensitivity", "audit"])]
    pub explain: Option<String>,
    /// Run the spec's [uncertainty] Monte Carlo: median rank and 5th–95th percentile interval
    /// per economy (with -o FILE.png or .svg: the chart of ranks with intervals).
    #[arg(long, conflicts_with_all = ["sensitivity", "audit"])]
    pub uncertainty: bool,
    /// Change one choice of the spec at a time and show how far the ranks move.
    #[arg(long, conflicts_with = "audit")]
    pub sensitivity: bool,
    /// Coverage, correlations (flagged), Cronbach's alpha, first principal component.
    #[arg(long)]
    pub audit: bool,
    /// Chart only the first N economies by median rank.
    #[arg(long, value_name = "N", value_parser = super::args::parse_positive)]
    pub top: Option<usize>,
    /// Draw these countries in bold on the chart (comma-separated).
    #[arg(long, value_name = "LIST")]
    pub highlight: Option<String>,
    /// Chart size in pixels, WxH.
    #[arg(long, value_name = "WxH", default_value = "1600x900", value_parser = super::args::parse_size)]
    pub size: (u32, u32),
}

fn chart_wanted(g: &GlobalArgs) -> bool {
    g.output
        .as_ref()
        .and_then(|p| p.extension())
        .and_then(|e| e.to_str())
        .is_some_and(|e| e.eq_ignore_ascii_case("png") || e.eq_ignore_ascii_case("svg"))
}

/// Runs `index` and returns its outcome.
pub fn run(args: &IndexArgs, g: &GlobalArgs, catalog: &Catalog) -> Result<Outcome> {
    if args.list {
        let mut r = Report::new("Shipped index specs")
            .text_column("name")
            .text_column("title");
        for (name, title) in index::shipped() {
            r.push_row(vec![Cell::text(name), Cell::text(title)]);
        }
        r.note("Run one with `innodex index NAME`; copy its text from the repository's indices/ folder to start your own FILE.toml.");
        return Ok(Outcome::Report(r, None));
    }
    let name = args.spec.as_deref().ok_or_else(|| {
        Error::Usage("give a spec: FILE.toml or a shipped name (`innodex index --list`)".into())
    })?;
    let mut spec = index::read_spec(name)?;
    spec.period.today = g.today;
    if let Some(y) = args.year {
        spec.period.year = Some(y);
    }
    let built = index::build(catalog, spec)?;
    if chart_wanted(g) {
        if !args.uncertainty {
            return Err(Error::Usage("-o FILE.png/.svg draws the chart of the uncertainty run: add --uncertainty (reports go to .csv, .json, .md, .txt or .xlsx)".into()));
        }
        let highlight = match &args.highlight {
            Some(list) => catalog.countries()?.resolve_list(list)?,
            None => vec![],
        };
        let options = ChartOptions {
            size: args.size,
            ..Default::default()
        };
        return Ok(Outcome::Chart(run_reports::uncertainty_figure(
            catalog, &built, args.top, highlight, options,
        )?));
    }
    if args.top.is_some() || args.highlight.is_some() {
        return Err(Error::Usage(
            "--top and --highlight shape the chart: add --uncertainty -o FILE.png (or .svg)".into(),
        ));
    }
    let report = if let Some(country) = &args.explain {
        let countries = catalog.countries()?;
        let code = countries.resolve_code(country)?;
        report::explain_report(&built, &code, &countries.display_name(&code))?
    } else if args.uncertainty {
        run_reports::uncertainty_report(&built)?
    } else if args.sensitivity {
        run_reports::sensitivity_report(&built)?
    } else if args.audit {
        run_reports::audit_report(&built)?
    } else {
        report::scores_report(catalog, &built)?
    };
    Ok(Outcome::Report(report, None))
}
