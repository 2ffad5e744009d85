//! Imputation: a missing value filled by the mean of the real values of the economies in the
//! same group of a kind (judged at the value's year, else the reference year), or by the latest
//! earlier value within a max age — each earlier year read through the standings engine, with
//! the same universe and ratio rule as the year itself.

use super::data::{observed, Value};
use super::methods::Imputation;
use super::spec::{IndicatorNode, Spec};
use crate::analysis::universe::Universe;
use crate::catalog::Catalog;
use crate::error::{Error, Result};
use std::collections::BTreeMap;

pub(super) fn impute(
    catalog: &Catalog,
    spec: &Spec,
    universe: &Universe,
    ind: &IndicatorNode,
    what: &str,
    economies: &[(String, String)],
    values: &mut [Value],
) -> Result<()> {
    match &ind.imputation {
        Imputation::None => {}
        Imputation::Earlier(max_age) => {
            let Some(year) = spec.period.year else {
                return Ok(());
            };
            for back in 1..=*max_age {
                if values.iter().all(|v| v.raw.is_some()) {
                    break;
                }
                let period = spec.period.at_year(year - back);
                let rows = observed(catalog, spec, what, ind, &period, universe)?;
                for (v, (code, _)) in values.iter_mut().zip(economies) {
                    if v.raw.is_some() {
                        continue;
                    }
                    if let Some(row) = rows.iter().find(|x| &x.0 == code) {
                        *v = Value {
                            raw: Some(row.1),
                            year: Some(row.2),
                            imputed: Some(format!(
                                "{} value ({} earlier)",
                                row.2,
                                crate::wording::plural(back as usize, "year", "years")
                            )),
                        };
                    }
                }
            }
        }
        Imputation::GroupMean(kind) => {
            let countries = catalog.countries()?;
            if !countries.group_kinds().contains(kind) {
                let e = Error::unknown(
                    "group kind",
                    kind,
                    countries.group_kinds().iter().map(String::as_str),
                    "for imputation_group",
                );
                return Err(spec.file.error(
                    ind.imputation_at,
                    what,
                    "imputation_group",
                    &e.raw_message(),
                ));
            }
            let year = spec.period.reference_year(spec.period.today);
            let group_of = |code: &str, y: i32| {
                countries
                    .groups
                    .values()
                    .find(|g| &g.kind == kind && g.member_in_year(code, y))
                    .map(|g| g.id.clone())
            };
            let groups: Vec<Option<String>> = economies
                .iter()
                .zip(values.iter())
                .map(|((c, _), v)| group_of(c, v.year.unwrap_or(year)))
                .collect();
            let mut sums: BTreeMap<String, (f64, usize)> = BTreeMap::new();
            for (g, v) in groups.iter().zip(values.iter()) {
                if let (Some(g), Some(x)) = (g, v.raw) {
                    let e = sums.entry(g.clone()).or_default();
                    e.0 += x;
                    e.1 += 1;
                }
            }
            for (g, v) in groups.iter().zip(values.iter_mut()) {
                if v.raw.is_some() {
                    continue;
                }
                if let Some((s, n)) = g.as_ref().and_then(|g| sums.get(g)) {
                    v.raw = Some(s / *n as f64);
                    v.imputed = Some(format!(
                        "mean of the {} group ({})",
                        g.as_deref().unwrap_or(""),
                        crate::wording::plural(*n, "value", "values")
                    ));
                }
            }
        }
    }
    Ok(())
}
