//! The index spec (`FILE.toml`): parsed with spans, so every error names the spec file, the line
//! and column, and the key. Checks the tree (one root, every parent known, no cycle), the weights
//! (explicit ones sum to 1) and each choice's name; the indicators themselves are checked
//! against the catalog by [`super::data`].

use super::methods::{Aggregation, Imputation, Normalisation, Transform};
pub use super::spec_raw::RawUniverse;
use super::spec_raw::{indicator_of, period_of, uncertainty_of, weights_of, RawSpec};
use crate::analysis::period::Period;
use crate::error::{Error, Result};
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
    /// A denominator: the value is source / per × per_scale, both of the same year.
    pub per: Option<(String, Loc)>,
    pub per_scale: f64,
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
    /// Where each listed alternative is written (errors name the one that fails).
    pub aggregations_at: Vec<Loc>,
    pub normalisations_at: Vec<Loc>,
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
