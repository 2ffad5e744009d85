//! The index's reports: scores and ranks per level (with a published index beside them when the
//! spec names one), `--explain COUNTRY`, and the notes every one of them carries.

use super::spec::NodeKind;
use super::Built;
use crate::analysis::rank::{compute, RankQuery};
use crate::catalog::Catalog;
use crate::error::{Error, Result};
use crate::report::{format_raw, Cell, Report};

/// The note every index report carries.
pub const OURS: &str = "Every score, rank, coverage share, imputed value and interval here is computed by innodex from the source values under the spec's rules; none is a figure the sources published (only raw values and any `published_*` column are the source's).";

fn opt(v: Option<f64>, d: u8) -> Cell {
    v.map_or(Cell::Missing, |v| Cell::num(v, d))
}

fn rank_cell(v: Option<f64>) -> Cell {
    v.map_or(Cell::Empty, |r| Cell::plain(r as i64))
}

/// Notes shared by every index report: the spec, the period, universe and method of each part.
pub fn method_notes(built: &Built) -> Vec<String> {
    let spec = &built.spec;
    let mut notes = vec![OURS.to_string()];
    let mut head = format!("Spec: {} ({}).", spec.title, spec.file.name);
    if !spec.description.trim().is_empty() {
        head.push(' ');
        head.push_str(spec.description.trim());
    }
    notes.push(head);
    notes.push(format!("Universe: {}.", built.data.universe));
    for d in &built.data.indicators {
        let n = &spec.nodes[d.node];
        let NodeKind::Indicator(ind) = &n.kind else {
            continue;
        };
        let imputed = d.values.iter().filter(|v| v.imputed.is_some()).count();
        let source = match &ind.per {
            Some((per, _)) => format!(
                "{} per {per}{} (each ratio of one year's values)",
                d.indicator.id,
                if ind.per_scale == 1.0 {
                    String::new()
                } else {
                    format!(" × {}", crate::report::format_display(ind.per_scale, 0))
                }
            ),
            None => d.indicator.id.clone(),
        };
        let mut s = format!(
            "Indicator '{}' = {} ({}; {}), {}; transform {}; normalisation {}; imputation {}",
            n.name,
            source,
            d.unit,
            if d.higher {
                "higher is better"
            } else {
                "lower is better"
            },
            d.period,
            ind.transform.label(),
            ind.normalisation.label(),
            ind.imputation.label()
        );
        if imputed > 0 {
            s.push_str(&format!(" ({imputed} imputed)"));
        }
        if d.winsorised > 0 {
            s.push_str(&format!(" ({} values winsorised)", d.winsorised));
        }
        s.push('.');
        if !d.left_out.is_empty() {
            s.push_str(&format!(
                " Left out by the period: {}.",
                d.left_out.join(", ")
            ));
        }
        if d.indicator.meta.list == crate::catalog::metadata::ListCoverage::Partial {
            s.push_str(&format!(
                " {} is a partial list (the source's top list): an economy without a value is not known to be low; its score rests on its other indicators.",
                d.indicator.id
            ));
        }
        notes.push(s);
    }
    for a in spec.tree_order() {
        let n = &spec.nodes[a];
        let NodeKind::Aggregate(agg) = &n.kind else {
            continue;
        };
        let w: Vec<String> = n
            .children
            .iter()
            .map(|&c| {
                format!(
                    "{} {}",
                    spec.nodes[c].id,
                    format_raw((spec.nodes[c].weight * 1e6).round() / 1e6)
                )
            })
            .collect();
        notes.push(format!(
            "Aggregate '{}' ({}): {} mean of {}; weights {}, renormalised over the components present; a score needs at least {} % of its components.",
            n.name, n.id, agg.aggregation.label(), n.children.len(), w.join(", "),
            format_raw((agg.coverage * 1000.0).round() / 10.0)
        ));
    }
    notes.push("Ranks are positions by score among the economies with one (1 = highest; equal scores share the best rank), computed by innodex.".into());
    if !built.data.no_value.is_empty() {
        notes.push(format!(
            "Universe members with no value of any indicator: {}.",
            built.data.no_value.join(", ")
        ));
    }
    notes
}

/// Scores and ranks per economy and level.
pub fn scores_report(catalog: &Catalog, built: &Built) -> Result<Report> {
    let spec = &built.spec;
    let s = &built.nominal;
    let root = spec.root;
    let levels: Vec<usize> = spec
        .tree_order()
        .into_iter()
        .filter(|&n| n != root && spec.nodes[n].aggregate().is_some())
        .collect();
    let mut r = Report::new(spec.title.clone())
        .number_column("rank", 0)
        .text_column("iso3")
        .text_column("country")
        .number_column(&spec.nodes[root].id, 2);
    for &l in &levels {
        r = r
            .number_column(&spec.nodes[l].id, 2)
            .number_column(&format!("{}_rank", spec.nodes[l].id), 0)
            .optional();
    }
    r = r
        .number_column("coverage", 2)
        .text_column("imputed")
        .optional()
        .text_column("flags")
        .optional();
    let compare = match &spec.compare {
        Some((id, loc)) => {
            let q = RankQuery {
                indicator: id.clone(),
                period: spec.period.clone(),
                universe: super::data::universe_of(catalog, spec)?,
                ..Default::default()
            };
            let ranking = compute(catalog, &q).map_err(|e| {
                spec.file
                    .error(*loc, "the spec", "compare", &e.raw_message())
            })?;
            r = r
                .number_column("published_score", 2)
                .number_column("difference", 4)
                .number_column("published_rank", 0);
            Some(ranking)
        }
        None => None,
    };
    let mut order: Vec<usize> = (0..built.data.economies.len()).collect();
    let root_rank = &s.rank[root];
    order.sort_by(|&a, &b| {
        let ra = root_rank[a].unwrap_or(f64::INFINITY);
        let rb = root_rank[b].unwrap_or(f64::INFINITY);
        ra.total_cmp(&rb)
            .then(built.data.economies[a].1.cmp(&built.data.economies[b].1))
    });
    let n_ind = built.data.indicators.len();
    for e in order {
        let (code, name) = &built.data.economies[e];
        let mut row = vec![
            rank_cell(root_rank[e]),
            Cell::text(code),
            Cell::text(name),
            opt(s.score[root][e], 2),
        ];
        for &l in &levels {
            row.push(opt(s.score[l][e], 2));
            row.push(rank_cell(s.rank[l][e]));
        }
        let present = built
            .data
            .indicators
            .iter()
            .filter(|d| d.values[e].raw.is_some())
            .count();
        row.push(Cell::num(present as f64 / n_ind as f64, 2));
        let imputed: Vec<String> = built
            .data
            .indicators
            .iter()
            .filter(|d| d.values[e].imputed.is_some())
            .map(|d| spec.nodes[d.node].id.clone())
            .collect();
        row.push(if imputed.is_empty() {
            Cell::Empty
        } else {
            Cell::text(imputed.join(";"))
        });
        let below: Vec<String> = spec
            .tree_order()
            .into_iter()
            .filter(|&n| spec.nodes[n].aggregate().is_some() && s.score[n][e].is_none())
            .map(|n| format!("{} below coverage", spec.nodes[n].id))
            .collect();
        row.push(if below.is_empty() {
            Cell::Empty
        } else {
            Cell::text(below.join(";"))
        });
        if let Some(ranking) = &compare {
            match ranking.rows.iter().find(|x| &x.iso3 == code) {
                Some(x) => {
                    row.push(Cell::num(x.value, ranking.indicator.meta.decimals.max(2)));
                    row.push(opt(s.score[root][e].map(|v| v - x.value), 4));
                    row.push(match x.published_rank {
                        Some(p) => Cell::plain(i64::from(p)),
                        None => Cell::Empty,
                    });
                }
                None => row.extend([Cell::Missing, Cell::Empty, Cell::Empty]),
            }
        }
        r.push_row(row);
    }
    r.notes = method_notes(built);
    if let Some(ranking) = &compare {
        let within = s.score[root]
            .iter()
            .zip(&built.data.economies)
            .filter(|(v, (c, _))| {
                ranking
                    .rows
                    .iter()
                    .find(|x| &x.iso3 == c)
                    .zip(**v)
                    .is_some_and(|(x, v)| (v - x.value).abs() <= 0.05)
            })
            .count();
        r.notes.push(format!(
            "published_score and published_rank are {}'s own figures ({}), for comparison; difference = innodex's score − the published score. {} of {} economies are within 0.05 of it.",
            ranking.indicator.id, ranking.selection.edition.map_or_else(|| crate::present::period::describe(&spec.period, &ranking.indicator), |y| format!("edition {y}")),
            within, built.data.economies.len()
        ));
    }
    let missing: Vec<String> = built
        .data
        .economies
        .iter()
        .enumerate()
        .filter(|(e, _)| s.score[root][*e].is_none())
        .map(|(_, (c, n))| format!("{n} ({c})"))
        .collect();
    if !missing.is_empty() {
        r.notes.push(format!(
            "No index score (too few components under a coverage rule), listed last: {}.",
            missing.join(", ")
        ));
    }
    Ok(r)
}

/// How one economy's score was built, component by component.
pub fn explain_report(built: &Built, code: &str, name: &str) -> Result<Report> {
    let spec = &built.spec;
    let e = built.data.economy(code).ok_or_else(|| {
        Error::Findings(format!(
            "{name} ({code}) has no value of any indicator of {} in its period and universe",
            spec.title
        ))
    })?;
    let s = &built.nominal;
    let mut r = Report::new(format!("{}: how the score of {name} is built", spec.title))
        .text_column("component")
        .text_column("kind")
        .text_column("source")
        .number_column("value", 3)
        .text_column("year")
        .text_column("imputed")
        .optional()
        .number_column("transformed", 3)
        .optional()
        .number_column("score", 2)
        .number_column("weight", 3)
        .number_column("contribution", 2)
        .number_column("rank", 0)
        .number_column("coverage", 2)
        .optional();
    for n in spec.tree_order() {
        let node = &spec.nodes[n];
        let indent = "  ".repeat(spec.depth(n));
        let weight = node.parent.map(|_| node.weight);
        // Contribution to the parent's arithmetic mean: w × score / Σ w of the components present.
        let contribution = node.parent.and_then(|p| {
            let agg = spec.nodes[p].aggregate()?;
            if agg.aggregation != super::methods::Aggregation::Arithmetic || s.score[p][e].is_none()
            {
                return None;
            }
            let total: f64 = spec.nodes[p]
                .children
                .iter()
                .filter(|&&c| s.score[c][e].is_some())
                .map(|&c| spec.nodes[c].weight)
                .sum();
            s.score[n][e].map(|v| node.weight * v / total)
        });
        let mut row = vec![Cell::text(format!("{indent}{}", node.name))];
        match &node.kind {
            NodeKind::Indicator(ind) => {
                let d = built.data.of_node(n);
                let v = d.map(|d| d.values[e].clone()).unwrap_or_default();
                row.push(Cell::text(format!(
                    "indicator, {}",
                    ind.normalisation.short()
                )));
                row.push(Cell::text(match &ind.per {
                    Some((per, _)) => format!("{} / {per}", ind.source),
                    None => ind.source.clone(),
                }));
                row.push(opt(v.raw, 3));
                row.push(v.year.map_or(Cell::Empty, |y| Cell::text(y.to_string())));
                row.push(v.imputed.map_or(Cell::Empty, Cell::text));
                row.push(
                    d.and_then(|d| d.transformed[e])
                        .map_or(Cell::Empty, |t| Cell::num(t, 3)),
                );
                row.push(opt(s.score[n][e], 2));
                row.push(Cell::opt_num(weight, 3));
                row.push(Cell::opt_num(contribution, 2));
                row.push(rank_cell(s.rank[n][e]));
                row.push(Cell::Empty);
            }
            NodeKind::Aggregate(agg) => {
                row.push(Cell::text(format!("{} mean", agg.aggregation.label())));
                row.extend([
                    Cell::Empty,
                    Cell::Empty,
                    Cell::Empty,
                    Cell::Empty,
                    Cell::Empty,
                ]);
                row.push(opt(s.score[n][e], 2));
                row.push(Cell::opt_num(weight, 3));
                row.push(Cell::opt_num(contribution, 2));
                row.push(rank_cell(s.rank[n][e]));
                row.push(Cell::num(s.coverage[n][e], 2));
            }
        }
        r.push_row(row);
    }
    r.notes = method_notes(built);
    r.notes.push("contribution = weight × score / the sum of the weights of the components present (arithmetic means only; the contributions add up to the aggregate's score). score is the normalised value for an indicator.".into());
    let ranked = s.rank[spec.root].iter().filter(|x| x.is_some()).count();
    // A note, not a `facts` box: Markdown would show the box instead of the breakdown.
    r.notes.insert(
        0,
        match (s.score[spec.root][e], s.rank[spec.root][e]) {
            (Some(v), Some(k)) => format!(
                "{name} — {}: {:.2}, rank {} of {ranked} (computed by innodex)",
                spec.title, v, k
            ),
            _ => format!(
                "{name} — {}: no score (too few components for a coverage rule)",
                spec.title
            ),
        },
    );
    Ok(r)
}
