//! `innodex import`: the CLI glue around [`crate::import`] — options in, a findings report out,
//! progress on a terminal only.

use crate::catalog::Catalog;
use crate::catalog::YearKind;
use crate::error::{Error, Result};
use crate::import::{self, ColumnNames, ImportOptions, ImportReport, Layout};
use crate::report::{Cell, Report};
use std::io::{IsTerminal, Write};
use std::path::PathBuf;

/// `innodex import FILE --dataset ID --data DIR`
#[derive(Debug, Clone, clap::Args)]
pub struct ImportArgs {
    /// The CSV file to import (long, wide/DataBank, OECD SDMX-CSV or OWID layout).
    pub file: PathBuf,
    /// The dataset id: the folder written under --data DIR, and the prefix of indicator ids.
    #[arg(long)]
    pub dataset: String,
    /// Indicator id (single-series files only) [default: from the file].
    #[arg(long)]
    pub indicator: Option<String>,
    /// Indicator title.
    #[arg(long)]
    pub title: Option<String>,
    /// Unit of the values, e.g. "% of GDP".
    #[arg(long)]
    pub unit: Option<String>,
    /// Lower values are better (ranks put them first) [default: higher is better].
    #[arg(long)]
    pub lower_is_better: bool,
    /// Decimals shown in tables [default: as in the file, at most 3].
    #[arg(long)]
    pub decimals: Option<u8>,
    /// The year column holds index editions, not data years.
    #[arg(long)]
    pub edition_years: bool,
    /// Force a layout: long, wide, sdmx, owid [default: detected from the header].
    #[arg(long)]
    pub layout: Option<String>,
    /// Name of the country-name column.
    #[arg(long)]
    pub country_column: Option<String>,
    /// Name of the country-code column.
    #[arg(long)]
    pub code_column: Option<String>,
    /// Name of the year column.
    #[arg(long)]
    pub year_column: Option<String>,
    /// Name of the value column.
    #[arg(long)]
    pub value_column: Option<String>,
    /// Name of the series column (several indicators in one file).
    #[arg(long)]
    pub series_column: Option<String>,
    /// Publisher, for dataset.toml.
    #[arg(long)]
    pub publisher: Option<String>,
    /// Licence, for dataset.toml.
    #[arg(long)]
    pub licence: Option<String>,
    /// Where the file came from, for dataset.toml.
    #[arg(long)]
    pub source_url: Option<String>,
    /// Fail, writing nothing, on any unmatched name or bad cell.
    #[arg(long)]
    pub strict: bool,
    /// Replace an existing dataset folder of the same id.
    #[arg(long)]
    pub replace: bool,
}

/// Runs an import into `data_dir`; the report lists every finding with its lines.
pub fn run(args: &ImportArgs, data_dir: Option<&PathBuf>, catalog: &Catalog) -> Result<Report> {
    let data_dir = data_dir.ok_or_else(|| {
        Error::Usage("import writes a dataset into your own datasets folder: give --data DIR (it is created if missing)".into())
    })?;
    let layout = args
        .layout
        .as_deref()
        .map(|l| {
            l.parse::<Layout>()
                .map_err(|e| Error::Usage(format!("--layout: {e}")))
        })
        .transpose()?;
    let mut opts = ImportOptions::new(&args.file, &args.dataset, data_dir);
    opts.indicator_id = args.indicator.clone();
    opts.indicator_title = args.title.clone();
    opts.unit = args.unit.clone();
    opts.higher_is_better = args.lower_is_better.then_some(false);
    opts.decimals = args.decimals;
    opts.year_kind = args.edition_years.then_some(YearKind::Edition);
    opts.publisher = args.publisher.clone();
    opts.licence = args.licence.clone();
    opts.source_url = args.source_url.clone();
    opts.layout = layout;
    opts.columns = ColumnNames {
        country: args.country_column.clone(),
        code: args.code_column.clone(),
        year: args.year_column.clone(),
        value: args.value_column.clone(),
        series: args.series_column.clone(),
    };
    opts.strict = args.strict;
    opts.replace = args.replace;

    let countries = catalog.countries()?;
    let on_terminal = std::io::stderr().is_terminal();
    let mut show = |rows: u64| {
        let _ = write!(std::io::stderr(), "\rimporting: {rows} rows read");
    };
    let result = if on_terminal {
        import::import_with_progress(&opts, countries, Some(&mut show))
    } else {
        import::import(&opts, countries)
    };
    if on_terminal {
        let _ = writeln!(std::io::stderr());
    }
    let report = result?;
    let _ = writeln!(std::io::stderr(), "{}", summary_line(&report));
    Ok(findings_report(&report))
}

fn summary_line(r: &ImportReport) -> String {
    let mut s = format!(
        "imported {} observations in {} indicator(s) into {} ({} layout)",
        r.observations_written,
        r.indicators.len(),
        r.dataset_dir.display(),
        r.layout.name()
    );
    if r.rejected > 0 {
        s.push_str(&format!(
            "; {} cells not imported ({} unmatched names, {} duplicates), listed with their lines in {}",
            r.rejected,
            r.unmatched,
            r.duplicates,
            r.dataset_dir.join("unmatched.csv").display()
        ));
    }
    s
}

fn findings_report(r: &ImportReport) -> Report {
    let mut rep = Report::new(format!("Import into {}", r.dataset_dir.display()))
        .text_column("kind")
        .text_column("lines")
        .text_column("finding");
    for f in &r.findings {
        let lines: Vec<String> = f.lines.iter().map(u64::to_string).collect();
        rep.push_row(vec![
            Cell::text(format!("{:?}", f.kind)),
            Cell::text(lines.join(" ")),
            Cell::text(import::describe(f)),
        ]);
    }
    for ind in &r.indicators {
        rep.note(format!(
            "{}.{}: {} observations ({})",
            r.dataset_dir
                .file_name()
                .and_then(|n| n.to_str())
                .unwrap_or(""),
            ind.id,
            ind.observations,
            ind.title
        ));
    }
    rep.note(format!(
        "{} data rows read; {} observations written; {} missing-value cells (not written, never zero); {} aggregate observations kept and flagged; {} cells not imported.",
        r.rows_read, r.observations_written, r.missing, r.aggregates, r.rejected
    ));
    rep.note(format!("Encoding: {:?}. Check the new dataset.toml (unit, direction, licence) and run `innodex validate --data DIR`.", r.encoding));
    rep
}
