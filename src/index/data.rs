//! The index's raw data: each indicator's values through the standings engine
//! ([`crate::analysis::rank::compute`]: period, universe with groups judged at each value's
//! year, aggregates left out), then imputation (group mean, or the latest earlier value within a
//! max age, each again through the engine) and the transformation.

use super::methods::{winsorise, Imputation, Transform};
use super::spec::{IndicatorNode, NodeKind, Spec};
use crate::analysis::period::Period;
use crate::analysis::rank::{compute, RankQuery, Ranking};
use crate::analysis::universe::Universe;
use crate::catalog::{Catalog, Indicator};
use crate::error::{Error, Result};
use std::collections::{BTreeMap, BTreeSet};

/// One economy's value of one indicator.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Value {
    pub raw: Option<f64>,
    pub year: Option<i32>,
    /// How the value was imputed ("mean of 3 EAS values", "2019 value").
    pub imputed: Option<String>,
}

/// One indicator of the index, with a value per economy.
#[derive(Debug, Clone)]
pub struct IndicatorData {
    pub node: usize,
    pub indicator: Indicator,
    pub higher: bool,
    pub values: Vec<Value>,
    /// After the transformation (None where no value).
    pub transformed: Vec<Option<f64>>,
    /// Values changed by winsorising.
    pub winsorised: usize,
    /// The engine's period description ("edition 2025").
    pub period: String,
    /// The unit of the values used (a ratio's unit when the spec divides by `per`).
    pub unit: String,
    /// Economies the period left out, in words ("KWT (last edition 2019)", "AUS (2018, too old)").
    pub left_out: Vec<String>,
}

/// Everything the index is computed from.
#[derive(Debug, Clone)]
pub struct Data {
    /// (code, display name), sorted by name.
    pub economies: Vec<(String, String)>,
    pub indicators: Vec<IndicatorData>,
    pub universe: String,
    /// Named universe members with no value of any indicator.
    pub no_value: Vec<String>,
}

impl Data {
    /// The data of the indicator at spec node `node`.
    pub fn of_node(&self, node: usize) -> Option<&IndicatorData> {
        self.indicators.iter().find(|d| d.node == node)
    }
    pub fn economy(&self, code: &str) -> Option<usize> {
        self.economies.iter().position(|(c, _)| c == code)
    }
}

/// The universe of the spec, resolved against the catalog's countries.
pub fn universe_of(catalog: &Catalog, spec: &Spec) -> Result<Universe> {
    let countries = catalog.countries()?;
    let mut codes = Vec::new();
    for c in &spec.universe.countries {
        codes.extend(
            countries
                .resolve_list(c)
                .map_err(|e| located(spec, "[universe]", "countries", e))?,
        );
    }
    Universe {
        groups: spec.universe.groups.clone(),
        countries: codes,
        include_aggregates: spec.universe.include_aggregates,
        within: None,
    }
    .resolve(countries)
    .map_err(|e| located(spec, "[universe]", "groups", e))
}

pub(super) fn located(spec: &Spec, what: &str, key: &str, e: Error) -> Error {
    let needle = format!("{key} =");
    let loc = spec
        .file
        .text
        .find(&needle)
        .map_or(super::spec::Loc { line: 1, column: 1 }, |at| {
            spec.file.loc(at..at)
        });
    spec.file.error(loc, what, key, &e.raw_message())
}

/// One indicator's (code, value, year) in a period, through the standings engine; with `per`,
/// the ratio to the denominator's value of the same year (also through the engine).
pub(super) fn observed(
    catalog: &Catalog,
    spec: &Spec,
    what: &str,
    ind: &IndicatorNode,
    period: &Period,
    universe: &Universe,
) -> Result<Vec<(String, f64, i32)>> {
    let r = ranking(catalog, &ind.source, period, universe)?;
    let Some((per, at)) = &ind.per else {
        return Ok(r
            .rows
            .iter()
            .map(|x| (x.iso3.clone(), x.value, x.year))
            .collect());
    };
    catalog
        .indicator(per)
        .map_err(|e| spec.file.error(*at, what, "per", &e.raw_message()))?;
    let years: BTreeSet<i32> = r.rows.iter().map(|x| x.year).collect();
    let mut denominators: BTreeMap<(String, i32), f64> = BTreeMap::new();
    for y in years {
        let d = ranking(catalog, per, &period.at_year(y), universe)?;
        denominators.extend(d.rows.iter().map(|x| ((x.iso3.clone(), x.year), x.value)));
    }
    Ok(r.rows
        .iter()
        .filter_map(|x| {
            let d = denominators
                .get(&(x.iso3.clone(), x.year))
                .filter(|d| **d != 0.0)?;
            Some((x.iso3.clone(), x.value / d * ind.per_scale, x.year))
        })
        .collect())
}

fn ranking(
    catalog: &Catalog,
    source: &str,
    period: &Period,
    universe: &Universe,
) -> Result<Ranking> {
    compute(
        catalog,
        &RankQuery {
            indicator: source.to_string(),
            period: period.clone(),
            universe: universe.clone(),
            ..Default::default()
        },
    )
}

/// Reads every indicator through the standings engine, imputes and transforms.
pub fn load(catalog: &Catalog, spec: &Spec) -> Result<Data> {
    let countries = catalog.countries()?;
    let universe = universe_of(catalog, spec)?;
    let mut rankings = Vec::new();
    for (node, n, ind) in spec.indicators() {
        let what = format!("[[indicator]] '{}'", n.id);
        let indicator = catalog.indicator(&ind.source).map_err(|e| {
            spec.file
                .error(ind.source_at, &what, "source", &e.raw_message())
        })?;
        let higher = ind
            .higher_is_better
            .unwrap_or(indicator.meta.higher_is_better);
        if matches!(ind.normalisation, super::methods::Normalisation::None) && !higher {
            return Err(spec.file.error(ind.normalisation_at, &what, "normalisation",
                &format!("{} is lower-is-better; normalisation \"none\" would count a high value in its favour — choose minmax, zscore, rank, percentile, target, frontier or goalposts", indicator.id)));
        }
        if matches!(ind.imputation, Imputation::Earlier(_)) && spec.period.year.is_none() {
            return Err(spec.file.error(ind.imputation_at, &what, "imputation",
                "\"earlier\" fills a gap with an older value, which needs [period] year = Y (the latest values are already each economy's newest)"));
        }
        let rows = observed(catalog, spec, &what, ind, &spec.period, &universe)?;
        rankings.push((node, indicator, higher, rows));
    }
    // Candidates: every economy with a value, and every named member of a restricted universe
    // (imputation may give it one).
    let reference = spec.period.reference_year(spec.period.today);
    let mut codes: BTreeSet<String> = universe
        .named_members(countries, reference)
        .into_iter()
        .collect();
    for (_, _, _, rows) in &rankings {
        codes.extend(rows.iter().map(|x| x.0.clone()));
    }
    let mut candidates: Vec<(String, String)> = codes
        .iter()
        .map(|c| (c.clone(), countries.display_name(c)))
        .collect();
    candidates.sort_by(|a, b| a.1.cmp(&b.1).then(a.0.cmp(&b.0)));
    let mut filled = Vec::new();
    for (node, indicator, higher, rows) in rankings {
        let by_code: BTreeMap<&str, (f64, i32)> =
            rows.iter().map(|x| (x.0.as_str(), (x.1, x.2))).collect();
        let mut values: Vec<Value> = candidates
            .iter()
            .map(|(c, _)| match by_code.get(c.as_str()) {
                Some((v, y)) => Value {
                    raw: Some(*v),
                    year: Some(*y),
                    imputed: None,
                },
                None => Value::default(),
            })
            .collect();
        let NodeKind::Indicator(ind) = &spec.nodes[node].kind else {
            continue;
        };
        super::impute::impute(
            catalog,
            spec,
            &universe,
            ind,
            &format!("[[indicator]] '{}'", spec.nodes[node].id),
            &candidates,
            &mut values,
        )?;
        let unit = match &ind.per {
            Some((per, _)) => format!(
                "{} per {}{}",
                indicator.meta.unit,
                if ind.per_scale == 1.0 {
                    String::new()
                } else {
                    format!("{} ", crate::report::format_display(ind.per_scale, 0))
                },
                catalog.indicator(per)?.meta.unit,
            ),
            None => indicator.meta.unit.clone(),
        };
        filled.push((node, indicator, higher, values, unit));
    }
    // Economies with no value of any indicator, even after imputation, are named, not rows.
    let keep: Vec<bool> = (0..candidates.len())
        .map(|e| filled.iter().any(|f| f.3[e].raw.is_some()))
        .collect();
    let no_value: Vec<String> = candidates
        .iter()
        .zip(&keep)
        .filter(|(_, k)| !**k)
        .map(|((c, _), _)| c.clone())
        .collect();
    let economies: Vec<(String, String)> = candidates
        .into_iter()
        .zip(&keep)
        .filter(|(_, k)| **k)
        .map(|(c, _)| c)
        .collect();
    let mut indicators = Vec::new();
    for (node, indicator, higher, values, unit) in filled {
        // The engine's own record of what the period selected and left out (memoised: the
        // same query as above).
        let selection = ranking(catalog, &indicator.id, &spec.period, &universe)?.selection;
        let mut period = crate::present::period::describe(&spec.period, &indicator);
        if let (Some(y), None) = (selection.edition, spec.period.year) {
            period.push_str(&format!(" (edition {y})"));
        }
        let member =
            |c: &str| universe.admits(countries, c, reference) || !universe.is_restricted();
        let left_out: Vec<String> = selection
            .not_in_edition
            .iter()
            .filter(|(c, _)| member(c) && !countries.is_aggregate(c))
            .map(|(c, y)| format!("{c} (last edition {y})"))
            .chain(
                selection
                    .too_old
                    .iter()
                    .filter(|(c, _)| member(c) && !countries.is_aggregate(c))
                    .map(|(c, y)| format!("{c} ({y}, too old for max_age)")),
            )
            .collect();
        let values: Vec<Value> = values
            .into_iter()
            .zip(&keep)
            .filter(|(_, k)| **k)
            .map(|(v, _)| v)
            .collect();
        let (transformed, winsorised) = transform(spec, node, &economies, &values)?;
        indicators.push(IndicatorData {
            node,
            unit,
            period,
            left_out,
            indicator,
            higher,
            values,
            transformed,
            winsorised,
        });
    }
    Ok(Data {
        economies,
        indicators,
        universe: crate::present::universe::describe(&universe, countries),
        no_value,
    })
}

fn transform(
    spec: &Spec,
    node: usize,
    economies: &[(String, String)],
    values: &[Value],
) -> Result<(Vec<Option<f64>>, usize)> {
    let NodeKind::Indicator(ind) = &spec.nodes[node].kind else {
        return Ok((vec![], 0));
    };
    let present: Vec<f64> = values.iter().filter_map(|v| v.raw).collect();
    let (out, changed): (Vec<f64>, usize) = match ind.transform {
        Transform::None => (present, 0),
        Transform::Log => {
            if let Some(i) = values.iter().position(|v| v.raw.is_some_and(|x| x <= 0.0)) {
                return Err(spec.file.error(ind.transform_at, &format!("[[indicator]] '{}'", spec.nodes[node].id), "transform",
                    &format!("the log of a value ≤ 0 is undefined: {} ({}) has {}; remove the transform or choose winsorise", economies[i].1, economies[i].0, values[i].raw.unwrap_or_default())));
            }
            (present.iter().map(|x| x.ln()).collect(), 0)
        }
        Transform::Winsorise { max } => winsorise(&present, max),
    };
    let mut it = out.into_iter();
    Ok((
        values
            .iter()
            .map(|v| v.raw.and_then(|_| it.next()))
            .collect(),
        changed,
    ))
}
