//! The index spec (`FILE.toml`): parsed with spans, so every error names the spec file, the line
//! and column, and the key. Checks the tree (one root, every parent known, no cycle), the weights
//! (explicit ones sum to 1) and each choice's name; the indicators themselves are checked
//! against the catalog by [`super::data`].

use super::methods::{Aggregation, Imputation, Normalisation, Transform};
use crate::analysis::period::Period;
use crate::catalog::dates::PartialDate;
use crate::error::{Error, Result};
use serde::Deserialize;
use std::collections::BTreeMap;
use toml::Spanned;

/// Where a key sits in the spec file (1-based).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Loc {
    pub line: u64,
    pub column: u64,
}

/// The spec file's name and text, for located errors.
#[derive(Debug, Clone, Default)]
pub struct SpecFile {
    pub name: String,
    pub text: String,
}

impl SpecFile {
    pub fn loc(&self, span: std::ops::Range<usize>) -> Loc {
        let before = &self.text[..span.start.min(self.text.len())];
        Loc {
            line: before.matches('\n').count() as u64 + 1,
            column: before.rsplit('\n').next().map_or(0, |l| l.chars().count()) as u64 + 1,
        }
    }
    /// An error at `loc` about `key` of `what` ("aggregate 'input'").
    pub fn error(&self, loc: Loc, what: &str, key: &str, message: &str) -> Error {
        Error::Data {
            file: self.name.clone(),
            line: loc.line,
            column: loc.column,
            message: format!("{what}, key `{key}`: {message}"),
        }
    }
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawSpec {
    title: String,
    #[serde(default)]
    description: String,
    #[serde(default)]
    period: RawPeriod,
    #[serde(default)]
    universe: RawUniverse,
    compare: Option<Spanned<String>>,
    #[serde(rename = "indicator", default)]
    indicators: Vec<RawIndicator>,
    #[serde(rename = "aggregate", default)]
    aggregates: Vec<RawAggregate>,
    uncertainty: Option<RawUncertainty>,
}

#[derive(Debug, Deserialize, Default)]
#[serde(deny_unknown_fields)]
struct RawPeriod {
    year: Option<i32>,
    max_age: Option<Spanned<i64>>,
    as_of: Option<Spanned<String>>,
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
struct RawIndicator {
    id: Spanned<String>,
    name: Option<String>,
    source: Spanned<String>,
    parent: Spanned<String>,
    direction: Option<Spanned<String>>,
    transform: Option<Spanned<String>>,
    normalisation: Option<Spanned<String>>,
    target: Option<f64>,
    goalposts: Option<Spanned<Vec<f64>>>,
    imputation: Option<Spanned<String>>,
    imputation_group: Option<String>,
    max_age: Option<i64>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawAggregate {
    id: Spanned<String>,
    name: Option<String>,
    parent: Option<Spanned<String>>,
    aggregation: Option<Spanned<String>>,
    weights: Option<Spanned<toml::Value>>,
    coverage: Option<Spanned<f64>>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawUncertainty {
    runs: Spanned<i64>,
    seed: i64,
    weights: Option<Spanned<f64>>,
    #[serde(default)]
    normalisations: Vec<Spanned<String>>,
    #[serde(default)]
    aggregations: Vec<Spanned<String>>,
    #[serde(default)]
    drop_one: bool,
}

/// What an indicator node does.
#[derive(Debug, Clone)]
pub struct IndicatorNode {
    pub source: String,
    pub source_at: Loc,
    /// `None`: the dataset's declared direction.
    pub higher_is_better: Option<bool>,
    pub transform: Transform,
    pub transform_at: Loc,
    pub normalisation: Normalisation,
    pub normalisation_at: Loc,
    pub imputation: Imputation,
    pub imputation_at: Loc,
}

/// What an aggregate node does.
#[derive(Debug, Clone)]
pub struct AggregateNode {
    pub aggregation: Aggregation,
    pub aggregation_at: Loc,
    /// Minimum share of components present (default 2/3).
    pub coverage: f64,
}

#[derive(Debug, Clone)]
pub enum NodeKind {
    Indicator(IndicatorNode),
    Aggregate(AggregateNode),
}

/// One component of the tree.
#[derive(Debug, Clone)]
pub struct Node {
    pub id: String,
    pub name: String,
    pub kind: NodeKind,
    pub parent: Option<usize>,
    pub children: Vec<usize>,
    /// The weight within the parent (explicit, or equal: 1 / number of siblings).
    pub weight: f64,
    pub at: Loc,
}

impl Node {
    pub fn indicator(&self) -> Option<&IndicatorNode> {
        match &self.kind {
            NodeKind::Indicator(i) => Some(i),
            NodeKind::Aggregate(_) => None,
        }
    }
    pub fn aggregate(&self) -> Option<&AggregateNode> {
        match &self.kind {
            NodeKind::Aggregate(a) => Some(a),
            NodeKind::Indicator(_) => None,
        }
    }
}

/// The uncertainty run, as named alternatives.
#[derive(Debug, Clone)]
pub struct Uncertainty {
    pub runs: usize,
    pub seed: u64,
    /// Each weight multiplied by a uniform draw in [1 − x, 1 + x].
    pub weights: Option<f64>,
    pub normalisations: Vec<Normalisation>,
    pub aggregations: Vec<Aggregation>,
    pub aggregations_at: Loc,
    pub normalisations_at: Loc,
    pub drop_one: bool,
}

/// A checked spec.
#[derive(Debug, Clone)]
pub struct Spec {
    pub file: SpecFile,
    pub title: String,
    pub description: String,
    pub period: Period,
    pub universe: RawUniverse,
    pub compare: Option<(String, Loc)>,
    /// Nodes in file order: indicators first, then aggregates.
    pub nodes: Vec<Node>,
    pub root: usize,
    pub uncertainty: Option<Uncertainty>,
}

impl Spec {
    pub fn indicators(&self) -> impl Iterator<Item = (usize, &Node, &IndicatorNode)> {
        self.nodes
            .iter()
            .enumerate()
            .filter_map(|(i, n)| n.indicator().map(|d| (i, n, d)))
    }
    /// Aggregate nodes, root first then depth-first in file order.
    pub fn tree_order(&self) -> Vec<usize> {
        let mut out = Vec::new();
        let mut stack = vec![self.root];
        while let Some(n) = stack.pop() {
            out.push(n);
            stack.extend(self.nodes[n].children.iter().rev());
        }
        out
    }
    pub fn depth(&self, mut n: usize) -> usize {
        let mut d = 0;
        while let Some(p) = self.nodes[n].parent {
            d += 1;
            n = p;
        }
        d
    }
}

/// Parses and checks a spec; `name` is how errors name the file.
pub fn parse(name: &str, text: &str) -> Result<Spec> {
    let raw: RawSpec =
        toml::from_str(text).map_err(|e| crate::catalog::toml_error(name, text, &e))?;
    let file = SpecFile {
        name: name.to_string(),
        text: text.to_string(),
    };
    let period = period_of(&file, &raw.period)?;
    let mut nodes: Vec<Node> = Vec::new();
    let mut ids: BTreeMap<String, usize> = BTreeMap::new();
    let mut add = |file: &SpecFile, id: &Spanned<String>, node: Node| -> Result<()> {
        let at = file.loc(id.span());
        let ok = !id.get_ref().is_empty()
            && id
                .get_ref()
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-');
        if !ok {
            return Err(file.error(
                at,
                "a component",
                "id",
                &format!(
                    "'{}' is not an id: use letters, digits, '_' or '-'",
                    id.get_ref()
                ),
            ));
        }
        if ids.insert(id.get_ref().clone(), nodes.len()).is_some() {
            return Err(file.error(
                at,
                &format!("component '{}'", id.get_ref()),
                "id",
                "this id is used twice; give each indicator and aggregate its own id",
            ));
        }
        nodes.push(node);
        Ok(())
    };
    for ri in &raw.indicators {
        let what = format!("[[indicator]] '{}'", ri.id.get_ref());
        let node = indicator_of(&file, &what, ri)?;
        add(&file, &ri.id, node)?;
    }
    for ra in &raw.aggregates {
        let what = format!("[[aggregate]] '{}'", ra.id.get_ref());
        let aggregation = match &ra.aggregation {
            Some(s) => Aggregation::parse(s.get_ref())
                .map_err(|m| file.error(file.loc(s.span()), &what, "aggregation", &m))?,
            None => Aggregation::Arithmetic,
        };
        let coverage = match &ra.coverage {
            Some(c) if !(0.0..=1.0).contains(c.get_ref()) || *c.get_ref() == 0.0 => {
                return Err(file.error(file.loc(c.span()), &what, "coverage",
                    "give the minimum share of components present, above 0 and at most 1 (default 0.667)"));
            }
            Some(c) => *c.get_ref(),
            None => 2.0 / 3.0,
        };
        let node = Node {
            id: ra.id.get_ref().clone(),
            name: ra.name.clone().unwrap_or_else(|| ra.id.get_ref().clone()),
            kind: NodeKind::Aggregate(AggregateNode {
                aggregation,
                aggregation_at: ra
                    .aggregation
                    .as_ref()
                    .map_or(file.loc(ra.id.span()), |s| file.loc(s.span())),
                coverage,
            }),
            parent: None,
            children: vec![],
            weight: 1.0,
            at: file.loc(ra.id.span()),
        };
        add(&file, &ra.id, node)?;
    }
    // Parents.
    let n_ind = raw.indicators.len();
    let parents: Vec<(usize, Option<&Spanned<String>>, String)> = raw
        .indicators
        .iter()
        .enumerate()
        .map(|(i, r)| {
            (
                i,
                Some(&r.parent),
                format!("[[indicator]] '{}'", r.id.get_ref()),
            )
        })
        .chain(raw.aggregates.iter().enumerate().map(|(i, r)| {
            (
                n_ind + i,
                r.parent.as_ref(),
                format!("[[aggregate]] '{}'", r.id.get_ref()),
            )
        }))
        .collect();
    let mut roots = Vec::new();
    for (i, parent, what) in parents {
        let Some(p) = parent else {
            roots.push(i);
            continue;
        };
        let at = file.loc(p.span());
        let j = *ids.get(p.get_ref()).ok_or_else(|| {
            let known: Vec<&str> = raw
                .aggregates
                .iter()
                .map(|a| a.id.get_ref().as_str())
                .collect();
            let e = Error::unknown(
                "aggregate",
                p.get_ref(),
                known,
                "a parent must be an [[aggregate]] id",
            );
            file.error(at, &what, "parent", &e.raw_message())
        })?;
        if nodes[j].aggregate().is_none() {
            return Err(file.error(
                at,
                &what,
                "parent",
                &format!(
                    "'{}' is an indicator; a parent must be an [[aggregate]]",
                    p.get_ref()
                ),
            ));
        }
        nodes[i].parent = Some(j);
        nodes[j].children.push(i);
    }
    let root = match roots.as_slice() {
        [r] => *r,
        [] => return Err(Error::DataFile { file: name.into(), message:
            "no [[aggregate]] without a `parent`: the index itself is the one aggregate with no parent".into() }),
        [_, second, ..] => return Err(file.error(nodes[*second].at, &format!("[[aggregate]] '{}'", nodes[*second].id), "parent",
            &format!("a second aggregate without a parent (the first is '{}'); only the index itself has none", nodes[roots[0]].id))),
    };
    // Cycles: every node must reach the root.
    for i in 0..nodes.len() {
        let (mut n, mut steps) = (i, 0);
        while let Some(p) = nodes[n].parent {
            n = p;
            steps += 1;
            if steps > nodes.len() {
                return Err(file.error(
                    nodes[i].at,
                    &format!("component '{}'", nodes[i].id),
                    "parent",
                    "the parents form a cycle; each chain of parents must end at the index",
                ));
            }
        }
    }
    for (k, ra) in raw.aggregates.iter().enumerate() {
        let a = n_ind + k;
        let what = format!("[[aggregate]] '{}'", ra.id.get_ref());
        if nodes[a].children.is_empty() {
            return Err(file.error(
                nodes[a].at,
                &what,
                "id",
                "no component names this aggregate as its `parent`",
            ));
        }
        let children = nodes[a].children.clone();
        let weights = weights_of(&file, &what, ra.weights.as_ref(), &children, &nodes)?;
        for (c, w) in children.iter().zip(weights) {
            nodes[*c].weight = w;
        }
    }
    let uncertainty = raw
        .uncertainty
        .as_ref()
        .map(|u| uncertainty_of(&file, u))
        .transpose()?;
    Ok(Spec {
        title: raw.title,
        description: raw.description,
        period,
        universe: raw.universe,
        compare: raw
            .compare
            .as_ref()
            .map(|c| (c.get_ref().clone(), file.loc(c.span()))),
        nodes,
        root,
        uncertainty,
        file,
    })
}

fn period_of(file: &SpecFile, p: &RawPeriod) -> Result<Period> {
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
    })
}

fn indicator_of(file: &SpecFile, what: &str, ri: &RawIndicator) -> Result<Node> {
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
        }),
        parent: None,
        children: vec![],
        weight: 1.0,
        at: file.loc(ri.id.span()),
    })
}

/// Explicit weights (a table keyed by the children's ids, summing to 1) or equal ones.
fn weights_of(
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

fn uncertainty_of(file: &SpecFile, u: &RawUncertainty) -> Result<Uncertainty> {
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
    let first = |v: &[Spanned<String>]| v.first().map_or(Loc::default(), |s| file.loc(s.span()));
    Ok(Uncertainty {
        runs: *u.runs.get_ref() as usize,
        seed: u.seed as u64,
        weights,
        normalisations,
        aggregations,
        aggregations_at: first(&u.aggregations),
        normalisations_at: first(&u.normalisations),
        drop_one: u.drop_one,
    })
}
