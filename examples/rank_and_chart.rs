//! innodex as a library, without the CLI: open the embedded catalog, rank OECD members on R&D
//! intensity for 2019, print the top five with their years, and render a bar chart.
//!
//! Run: `cargo run --example rank_and_chart -- [OUT.png]`

#![allow(clippy::print_stdout, clippy::print_stderr)] // an example prints its result

use innodex::analysis::period::Period;
use innodex::analysis::rank::{compute, RankQuery};
use innodex::analysis::universe::Universe;
use innodex::catalog::Catalog;
use innodex::chart::{render, Axis, BarItem, BarSpec, ChartKind, ChartSpec};

fn main() -> innodex::Result<()> {
    let out = std::env::args()
        .nth(1)
        .unwrap_or_else(|| "rd-oecd-2019.png".to_string());
    let catalog = Catalog::embedded()?;
    let query = RankQuery {
        indicator: "msti.gerd_pct_gdp".into(),
        period: Period {
            year: Some(2019),
            ..Default::default()
        },
        universe: Universe {
            groups: vec!["OECD".into()],
            ..Default::default()
        },
        top: Some(15),
        ..Default::default()
    };
    let ranking = compute(&catalog, &query)?;
    for r in ranking.rows.iter().take(5) {
        println!(
            "{:>2}. {:<14} {:.2} {} ({})",
            r.rank, r.name, r.value, ranking.indicator.meta.unit, r.year
        );
    }
    let items = ranking
        .rows
        .iter()
        .take(15)
        .map(|r| BarItem {
            label: r.name.clone(),
            code: r.iso3.clone(),
            value: r.value,
            highlight: r.iso3 == "KOR",
            ..Default::default()
        })
        .collect();
    let dataset = catalog.dataset(&ranking.indicator.dataset)?;
    let mut spec = ChartSpec::new(
        "R&D spending, OECD members, 2019",
        ChartKind::Bar(BarSpec {
            items,
            value_axis: Axis::linear("GERD, % of GDP"),
            decimals: Some(2),
            ..Default::default()
        }),
    );
    spec.subtitle = Some("Top 15 of the OECD members with a 2019 value".into());
    spec.footer_lines = vec![format!(
        "Source: {} ({}), data year 2019; licence: {}",
        dataset.publisher, dataset.title, dataset.licence
    )];
    render(&spec, std::path::Path::new(&out))?;
    eprintln!("wrote {out}");
    Ok(())
}
