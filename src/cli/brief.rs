//! The briefing document of a run (`index.html`, or `run --brief FILE.html`): the results held
//! in memory — each step's report or chart specification — gathered per query into an
//! [`output::html::Brief`](crate::output::html::Brief), with every chart rendered to SVG
//! in memory and its data as a table, the datasets' provenance read from their metadata.

use crate::catalog::source::DatasetRead;
use crate::catalog::{read_meta, DataSource};
use crate::chart::{ChartKind, ChartSpec, SlopeMeasure};
use crate::cli::queries::{dataset_digest, Query};
use crate::error::Result;
use crate::output::html::{self, Brief, Content, DatasetProvenance, Item, Provenance, Section};
use crate::report::{Cell, Report};
use std::collections::BTreeSet;

/// What one step produced, kept for the document.
pub(super) enum StepResult {
    Table(Report),
    Chart(ChartSpec),
    /// A step that wrote its own files (none of the shipped ones).
    Nothing,
}

pub(super) struct StepRecord {
    pub query: String,
    pub output: String,
    pub command: String,
    pub result: StepResult,
}

/// The document's bytes.
pub(super) fn document(
    selected: &[Query],
    steps: &[StepRecord],
    used: &BTreeSet<DatasetRead>,
    source: &DataSource,
    outputs: Vec<(String, usize, String)>,
) -> Result<Vec<u8>> {
    let mut sections = Vec::new();
    for q in selected {
        let mut items: Vec<(String, Item)> = Vec::new();
        for s in steps.iter().filter(|s| s.query == q.name) {
            // One item per distinct result: a report written as CSV and Markdown, or a chart
            // as PNG and SVG, is shown once with both files.
            let key = match &s.result {
                StepResult::Table(r) => format!("{}\0{r:?}", s.command),
                StepResult::Chart(c) => format!("{}\0{c:?}", s.command),
                StepResult::Nothing => continue,
            };
            if let Some((_, item)) = items.iter_mut().find(|(k, _)| *k == key) {
                item.outputs.push(s.output.clone());
                continue;
            }
            let content = match &s.result {
                StepResult::Table(r) => Content::Table(r.clone()),
                StepResult::Chart(spec) => chart_content(spec)?,
                StepResult::Nothing => continue,
            };
            items.push((
                key,
                Item {
                    outputs: vec![s.output.clone()],
                    command: s.command.clone(),
                    content,
                },
            ));
        }
        sections.push(Section {
            name: q.name.clone(),
            title: q.file.title.clone(),
            description: q.file.description.clone(),
            items: items.into_iter().map(|(_, i)| i).collect(),
        });
    }
    let mut datasets = Vec::new();
    for d in used {
        let from = d.source();
        let meta = read_meta(&from, &d.id)?;
        datasets.push(DatasetProvenance {
            id: d.id.clone(),
            title: meta.title,
            publisher: meta.publisher,
            licence: meta.licence,
            retrieved: meta.retrieved,
            vintages: meta
                .vintages
                .into_iter()
                .map(|v| (v.id, v.published, v.title))
                .collect(),
            sha256: dataset_digest(&from, &d.id)?,
        });
    }
    let dates: BTreeSet<&str> = datasets.iter().map(|d| d.retrieved.as_str()).collect();
    let data_date = match (dates.first(), dates.last()) {
        (Some(a), Some(b)) if a == b => a.to_string(),
        (Some(a), Some(b)) => format!("{a} to {b}"),
        _ => "no dataset read".to_string(),
    };
    let title = match selected {
        [one] => one.file.title.clone(),
        _ => "Briefing pack".to_string(),
    };
    let brief = Brief {
        title,
        data_date,
        data_source: format!("from the {}", source.describe()),
        sections,
        provenance: Provenance {
            innodex_version: env!("CARGO_PKG_VERSION").to_string(),
            datasets,
            outputs,
        },
    };
    html::render(&brief, &|chars| {
        crate::chart::svg_font::font_face_css(chars, chars)
    })
}

/// A chart rendered to SVG in memory, with its footer and its data as a table.
fn chart_content(spec: &ChartSpec) -> Result<Content> {
    let (svg, drawn) = crate::chart::render_svg_text(spec)?;
    let mut footer = spec.footer_lines.clone();
    if drawn.labels_omitted > 0 {
        footer.push(crate::chart::omitted_note(drawn.labels_omitted));
    }
    Ok(Content::Chart {
        svg,
        title: spec.title.clone(),
        subtitle: spec.subtitle.clone(),
        footer,
        data: chart_data(spec),
    })
}

/// Decimals for a data table column: about three significant digits of its largest value.
fn decimals(values: impl Iterator<Item = f64>, given: Option<usize>) -> u8 {
    if let Some(d) = given {
        return d.min(6) as u8;
    }
    let max = values.fold(0.0f64, |m, v| m.max(v.abs()));
    match max {
        m if m >= 100.0 => 0,
        m if m >= 10.0 => 1,
        m if m >= 1.0 => 2,
        _ => 3,
    }
}

/// The numbers a chart draws, one row per point, bar, year of a line, or slope.
pub(super) fn chart_data(spec: &ChartSpec) -> Report {
    let mut r = Report::new(format!("Data of the chart: {}", spec.title));
    let group = |g: &Option<String>, highlight: bool| match (g, highlight) {
        (Some(g), _) => Cell::text(g),
        (None, true) => Cell::text("highlighted"),
        (None, false) => Cell::Empty,
    };
    match &spec.kind {
        ChartKind::Scatter(s) => {
            let dx = decimals(s.points.iter().map(|p| p.x), None);
            let dy = decimals(s.points.iter().map(|p| p.y), None);
            r = r
                .text_column("country")
                .text_column("iso3")
                .number_column(&format!("x: {}", s.x_axis.title), dx)
                .number_column(&format!("y: {}", s.y_axis.title), dy)
                .text_column("highlight");
            for p in &s.points {
                r.push_row(vec![
                    Cell::text(&p.label),
                    Cell::text(&p.code),
                    Cell::num(p.x, dx),
                    Cell::num(p.y, dy),
                    group(&p.group, false),
                ]);
            }
        }
        ChartKind::Bar(b) => {
            let d = decimals(b.items.iter().map(|i| i.value), b.decimals);
            r = r
                .text_column("bar")
                .text_column("iso3")
                .number_column(&b.value_axis.title, d)
                .text_column("year")
                .text_column("highlight");
            for i in &b.items {
                r.push_row(vec![
                    Cell::text(&i.label),
                    Cell::text(&i.code),
                    Cell::num(i.value, d),
                    i.year.map_or(Cell::Empty, |y| Cell::plain(y.into())),
                    group(&i.group, i.highlight),
                ]);
            }
        }
        ChartKind::Line(l) => {
            let d = decimals(
                l.series.iter().flat_map(|s| s.points.iter().map(|p| p.1)),
                l.decimals,
            );
            r = r
                .text_column("country")
                .text_column("iso3")
                .text_column("year")
                .number_column(&l.y_axis.title, d);
            for s in &l.series {
                let mut points = s.points.clone();
                points.sort_by_key(|p| p.0);
                for (year, v) in points {
                    r.push_row(vec![
                        Cell::text(&s.label),
                        Cell::text(&s.code),
                        Cell::plain(year.into()),
                        Cell::num(v, d),
                    ]);
                }
            }
        }
        ChartKind::Slope(s) => {
            let (what, d) = match &s.measure {
                SlopeMeasure::Rank => ("rank".to_string(), 0),
                SlopeMeasure::Value(axis) => (
                    axis.title.clone(),
                    decimals(s.items.iter().flat_map(|i| [i.start, i.end]), s.decimals),
                ),
            };
            r = r
                .text_column("country")
                .text_column("iso3")
                .number_column(&format!("{what}, {}", s.start_year), d)
                .number_column(&format!("{what}, {}", s.end_year), d)
                .number_column("change", d);
            for i in &s.items {
                r.push_row(vec![
                    Cell::text(&i.label),
                    Cell::text(&i.code),
                    Cell::num(i.start, d),
                    Cell::num(i.end, d),
                    Cell::num(i.end - i.start, d),
                ]);
            }
        }
        ChartKind::Map(m) => {
            // The economies drawn, outlines and dots, with the class each is filled with; the
            // value and year as the map's own hover text gives them.
            r = r
                .text_column("iso3")
                .text_column("economy: value (year)")
                .text_column("class");
            let class = |f: &crate::chart::MapFill| match f {
                crate::chart::MapFill::Class(i) => {
                    m.classes.get(*i).map_or(String::new(), |c| c.label.clone())
                }
                crate::chart::MapFill::NoData => m.no_data.0.clone(),
                crate::chart::MapFill::Outside => m
                    .outside
                    .as_ref()
                    .map_or("outside".to_string(), |o| o.0.clone()),
            };
            let mut rows: Vec<(String, String, String)> = m
                .areas
                .iter()
                .map(|a| (a.code.clone(), a.title.clone(), class(&a.fill)))
                .chain(
                    m.dots
                        .iter()
                        .map(|d| (d.code.clone(), d.title.clone(), class(&d.fill))),
                )
                .collect();
            rows.sort();
            for (code, title, c) in rows {
                r.push_row(vec![Cell::text(&code), Cell::text(&title), Cell::text(&c)]);
            }
        }
        ChartKind::Intervals(iv) => {
            r = r
                .text_column("country")
                .text_column("iso3")
                .number_column("nominal rank", 0)
                .number_column("median rank", 1)
                .number_column("5th percentile", 1)
                .number_column("95th percentile", 1)
                .text_column("highlight");
            for i in &iv.items {
                r.push_row(vec![
                    Cell::text(&i.label),
                    Cell::text(&i.code),
                    i.nominal.map_or(Cell::Empty, |n| Cell::num(n, 0)),
                    Cell::num(i.median, 1),
                    Cell::num(i.low, 1),
                    Cell::num(i.high, 1),
                    group(&None, i.highlight),
                ]);
            }
        }
    }
    r
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::chart::{Axis, BarItem, BarSpec, SlopeItem, SlopeSpec};

    fn shown(r: &Report) -> Vec<Vec<String>> {
        r.rows
            .iter()
            .map(|row| row.iter().map(Cell::display).collect())
            .collect()
    }

    #[test]
    fn a_bar_chart_s_data_are_its_bars_in_order_with_years_and_groups() {
        let items = vec![
            BarItem {
                label: "1. Sweden".into(),
                code: "SWE".into(),
                value: 62.578,
                year: Some(2025),
                ..Default::default()
            },
            BarItem {
                label: "2. Japan".into(),
                code: "JPN".into(),
                value: 53.6,
                group: Some("NATO-PARTNERS".into()),
                ..Default::default()
            },
        ];
        let spec = ChartSpec::new(
            "GII",
            ChartKind::Bar(BarSpec {
                items,
                value_axis: Axis::linear("GII score (0–100)"),
                ..Default::default()
            }),
        );
        let r = chart_data(&spec);
        assert_eq!(r.columns[2].name, "GII score (0–100)");
        assert_eq!(
            shown(&r),
            vec![
                vec!["1. Sweden", "SWE", "62.6", "2025", ""],
                vec!["2. Japan", "JPN", "53.6", "", "NATO-PARTNERS"],
            ]
        );
    }

    #[test]
    fn a_slope_chart_s_data_have_both_ends_and_the_change() {
        let spec = ChartSpec::new(
            "GII rank",
            ChartKind::Slope(SlopeSpec {
                items: vec![SlopeItem {
                    label: "Japan".into(),
                    code: "JPN".into(),
                    start: 16.0,
                    end: 12.0,
                    highlight: false,
                }],
                start_year: 2020,
                end_year: 2025,
                ..Default::default()
            }),
        );
        let r = chart_data(&spec);
        let names: Vec<&str> = r.columns.iter().map(|c| c.name.as_str()).collect();
        assert_eq!(
            names,
            ["country", "iso3", "rank, 2020", "rank, 2025", "change"]
        );
        assert_eq!(shown(&r), vec![vec!["Japan", "JPN", "16", "12", "-4"]]);
    }

    #[test]
    fn data_tables_show_about_three_significant_digits_unless_the_chart_says() {
        assert_eq!(decimals([1220.0, 5.0].into_iter(), None), 0);
        assert_eq!(decimals([62.57].into_iter(), None), 1);
        assert_eq!(decimals([3.21, -0.5].into_iter(), None), 2);
        assert_eq!(decimals([0.0123].into_iter(), None), 3);
        assert_eq!(decimals([1220.0].into_iter(), Some(2)), 2);
    }
}
