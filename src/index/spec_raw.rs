//! The spec as written (the TOML tables, with spans) and the checks of each table on its own:
//! the period, an indicator's choices, an aggregate's weights (explicit ones sum to 1), the
//! uncertainty run. [`super::spec`] puts the tree together.

use super::methods::{Aggregation, Imputation, Normalisation, Transform};
use super::spec::{IndicatorNode, Loc, Node, NodeKind, SpecFile, Uncertainty};
use crate::analysis::period::Period;
use crate::catalog::dates::PartialDate;
use crate::error::{Error, Result};
use serde::Deserialize;
use toml::Spanned;

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawSpec {
    pub(super) title: String,
    #[serde(default)]
    pub(super) description: String,
    #[serde(default)]
    pub(super) period: RawPeriod,
    #[serde(default)]
    pub(super) universe: RawUniverse,
    pub(super) compare: Option<Spanned<String>>,
    #[serde(rename = "indicator", default)]
    pub(super) indicators: Vec<RawIndicator>,
    #[serde(rename = "aggregate", default)]
    pub(super) aggregates: Vec<RawAggregate>,
    pub(super) uncertainty: Option<RawUncertainty>,
}

#[derive(Debug, Deserialize, Default)]
#[serde(deny_unknown_fields)]
pub(super) struct RawPeriod {
    pub(super) year: Option<i32>,
    pub(super) max_age: Option<Spanned<i64>>,
    pub(super) as_of: Option<Spanned<String>>,
}

/// The universe as written: group ids and country names, resolved by [`super::data`].
#[derive(Debug, Deserialize, Default, Clone)]
#[serde(deny_unknown_fields)]
pub struct RawUniverse {
    #[serde(default)]
    pub groups: Vec<String>,
    #[serde(default)]
    pub countries: Vec<String>,
    #[serde(default)]
    pub include_aggregates: bool,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawIndicator {
    pub(super) id: Spanned<String>,
    pub(super) name: Option<String>,
    pub(super) source: Spanned<String>,
    pub(super) parent: Spanned<String>,
    pub(super) direction: Option<Spanned<String>>,
    pub(super) transform: Option<Spanned<String>>,
    pub(super) normalisation: Option<Spanned<String>>,
    pub(super) target: Option<f64>,
    pub(super) goalposts: Option<Spanned<Vec<f64>>>,
    pub(super) imputation: Option<Spanned<String>>,
    pub(super) imputation_group: Option<String>,
    pub(super) max_age: Option<i64>,
    pub(super) per: Option<Spanned<String>>,
    pub(super) per_scale: Option<Spanned<f64>>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawAggregate {
    pub(super) id: Spanned<String>,
    pub(super) name: Option<String>,
    pub(super) parent: Option<Spanned<String>>,
    pub(super) aggregation: Option<Spanned<String>>,
    pub(super) weights: Option<Spanned<toml::Value>>,
    pub(super) coverage: Option<Spanned<f64>>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawUncertainty {
    pub(super) runs: Spanned<i64>,
    pub(super) seed: i64,
    pub(super) weights: Option<Spanned<f64>>,
    #[serde(default)]
    pub(super) normalisations: Vec<Spanned<String>>,
    #[serde(default)]
    pub(super) aggregations: Vec<Spanned<String>>,
    #[serde(default)]
    pub(super) drop_one: bool,
}

pub(super) fn period_of(file: &SpecFile, p: &RawPeriod) -> Result<Period> {
    let as_of = match &p.as_of {
        Some(s) => Some(
            PartialDate::parse(s.get_ref())
                .map_err(|m| file.error(file.loc(s.span()), "[period]", "as_of", &m))?,
        ),
        None => None,
    };
    let max_age = match &p.max_age {
        Some(n) if *n.get_ref() < 0 => {
            return Err(file.error(
                file.loc(n.span()),
                "[period]",
                "max_age",
                "give a number of years, 0 or more",
            ))
        }
        Some(n) => Some(*n.get_ref() as i32),
        None => None,
    };
    Ok(Period {
        year: p.year,
        max_age,
        as_of,
        publication: None,
        vintage: None,
        // The cli sets the date the command runs (`innodex index` passes its own).
        today: Default::default(),
    })
}

pub(super) fn indicator_of(file: &SpecFile, what: &str, ri: &RawIndicator) -> Result<Node> {
    let at_or =
        |s: Option<std::ops::Range<usize>>| s.map_or(file.loc(ri.id.span()), |s| file.loc(s));
    let higher_is_better = match &ri.direction {
        None => None,
        Some(d) => match d.get_ref().as_str() {
            "higher" => Some(true),
            "lower" => Some(false),
            other => {
                return Err(file.error(
                    file.loc(d.span()),
                    what,
                    "direction",
                    &format!(
                "'{other}' is not a direction: write \"higher\" (higher is better) or \"lower\""),
                ))
            }
        },
    };
    let transform = match &ri.transform {
        Some(t) => Transform::parse(t.get_ref())
            .map_err(|m| file.error(file.loc(t.span()), what, "transform", &m))?,
        None => Transform::None,
    };
    let goalposts = match &ri.goalposts {
        Some(g) => match g.get_ref().as_slice() {
            [lo, hi] if lo < hi => Some((*lo, *hi)),
            _ => return Err(file.error(
                file.loc(g.span()),
                what,
                "goalposts",
                "give two numbers, the low and the high goalpost, low first: goalposts = [0, 100]",
            )),
        },
        None => None,
    };
    let normalisation = match &ri.normalisation {
        Some(s) => Normalisation::parse(s.get_ref(), ri.target, goalposts)
            .map_err(|m| file.error(file.loc(s.span()), what, "normalisation", &m))?,
        None => Normalisation::MinMax,
    };
    let imputation = match &ri.imputation {
        Some(s) => Imputation::parse(s.get_ref(), ri.imputation_group.as_deref(), ri.max_age)
            .map_err(|m| file.error(file.loc(s.span()), what, "imputation", &m))?,
        None => Imputation::None,
    };
    let per_scale = match &ri.per_scale {
        Some(k) if !(k.get_ref().is_finite() && *k.get_ref() > 0.0) => {
            return Err(file.error(
                file.loc(k.span()),
                what,
                "per_scale",
                "give a number above 0 (1000000 for per million)",
            ))
        }
        Some(_) if ri.per.is_none() => {
            return Err(file.error(
                file.loc(ri.per_scale.as_ref().map_or(0..0, |k| k.span())),
                what,
                "per_scale",
                "per_scale scales a ratio: add `per = DENOMINATOR` (e.g. \"wdi.population\")",
            ))
        }
        Some(k) => *k.get_ref(),
        None => 1.0,
    };
    Ok(Node {
        id: ri.id.get_ref().clone(),
        name: ri.name.clone().unwrap_or_else(|| ri.id.get_ref().clone()),
        kind: NodeKind::Indicator(IndicatorNode {
            source: ri.source.get_ref().clone(),
            source_at: file.loc(ri.source.span()),
            higher_is_better,
            transform,
            transform_at: at_or(ri.transform.as_ref().map(|s| s.span())),
            normalisation,
            normalisation_at: at_or(ri.normalisation.as_ref().map(|s| s.span())),
            imputation,
            imputation_at: at_or(ri.imputation.as_ref().map(|s| s.span())),
            per: ri
                .per
                .as_ref()
                .map(|p| (p.get_ref().clone(), file.loc(p.span()))),
            per_scale,
        }),
        parent: None,
        children: vec![],
        weight: 1.0,
        at: file.loc(ri.id.span()),
    })
}

/// Explicit weights (a table keyed by the children's ids, summing to 1) or equal ones.
pub(super) fn weights_of(
    file: &SpecFile,
    what: &str,
    raw: Option<&Spanned<toml::Value>>,
    children: &[usize],
    nodes: &[Node],
) -> Result<Vec<f64>> {
    let equal = vec![1.0 / children.len() as f64; children.len()];
    let Some(raw) = raw else { return Ok(equal) };
    let at = file.loc(raw.span());
    let err = |m: &str| file.error(at, what, "weights", m);
    match raw.get_ref() {
        toml::Value::String(s) if s == "equal" => Ok(equal),
        toml::Value::Table(t) => {
            let names: Vec<&str> = children.iter().map(|&c| nodes[c].id.as_str()).collect();
            for k in t.keys() {
                if !names.contains(&k.as_str()) {
                    let e = Error::unknown("component", k, names.iter().copied(), "weights are keyed by the ids of this aggregate's components");
                    return Err(err(&e.raw_message()));
                }
            }
            let mut out = Vec::new();
            for name in &names {
                let w = match t.get(*name) {
                    Some(toml::Value::Float(f)) => *f,
                    Some(toml::Value::Integer(i)) => *i as f64,
                    Some(_) => return Err(err(&format!("the weight of '{name}' is not a number"))),
                    None => return Err(err(&format!("no weight for '{name}': give every component a weight, or write weights = \"equal\""))),
                };
                if !(w.is_finite() && w >= 0.0) {
                    return Err(err(&format!("the weight of '{name}' is {w}; weights are 0 or more")));
                }
                out.push(w);
            }
            let sum: f64 = out.iter().sum();
            if (sum - 1.0).abs() > 1e-6 {
                return Err(err(&format!(
                    "the weights sum to {}, not 1; correct them so they sum to 1, or write weights = \"equal\"",
                    crate::report::format_raw((sum * 1e9).round() / 1e9))));
            }
            Ok(out)
        }
        _ => Err(err("write weights = \"equal\" or a table of the components' weights: weights = { a = 0.5, b = 0.5 }")),
    }
}

pub(super) fn uncertainty_of(file: &SpecFile, u: &RawUncertainty) -> Result<Uncertainty> {
    let what = "[uncertainty]";
    if !(1..=100_000).contains(u.runs.get_ref()) {
        return Err(file.error(
            file.loc(u.runs.span()),
            what,
            "runs",
            "give a number of runs from 1 to 100000",
        ));
    }
    let weights = match &u.weights {
        Some(w) if !(0.0..1.0).contains(w.get_ref()) => {
            return Err(file.error(
                file.loc(w.span()),
                what,
                "weights",
                "give the relative change of each weight as a share below 1 (0.25 for ±25 %)",
            ))
        }
        Some(w) => Some(*w.get_ref()),
        None => None,
    };
    let mut normalisations = Vec::new();
    for s in &u.normalisations {
        normalisations.push(
            Normalisation::parse(s.get_ref(), None, None)
                .map_err(|m| file.error(file.loc(s.span()), what, "normalisations", &m))?,
        );
    }
    let mut aggregations = Vec::new();
    for s in &u.aggregations {
        aggregations.push(
            Aggregation::parse(s.get_ref())
                .map_err(|m| file.error(file.loc(s.span()), what, "aggregations", &m))?,
        );
    }
    let locs = |v: &[Spanned<String>]| v.iter().map(|s| file.loc(s.span())).collect::<Vec<Loc>>();
    Ok(Uncertainty {
        runs: *u.runs.get_ref() as usize,
        seed: u.seed as u64,
        weights,
        normalisations,
        aggregations,
        aggregations_at: locs(&u.aggregations),
        normalisations_at: locs(&u.normalisations),
        drop_one: u.drop_one,
    })
}
