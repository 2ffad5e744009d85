//! Vintage disagreements: where another vintage of a selected country-year's value lies more
//! than the indicator's threshold away (said as one caveat by the reports).

use super::{Selected, Selection};
use crate::catalog::store::cols;
use crate::error::Result;
use foldhash::HashMap;
use polars::prelude::*;

/// Two vintages of one value that differ by more than the indicator's threshold.
#[derive(Debug, Clone, PartialEq)]
pub struct VintageGap {
    pub iso3: String,
    pub year: i32,
    pub used: (String, f64),
    pub other: (String, f64),
    pub pct: f64,
}

/// Selected values that another vintage of the same country-year puts more than
/// `threshold` percent away.
pub(super) fn vintage_gaps(
    df: &DataFrame,
    selection: &Selection,
    threshold: f64,
) -> Result<Vec<VintageGap>> {
    let iso3 = df.column(cols::ISO3)?.str()?;
    let years = df.column(cols::YEAR)?.i32()?;
    let value = df.column(cols::VALUE)?.f64()?;
    let vintage = df.column(cols::VINTAGE)?.str()?;
    let chosen: HashMap<(&str, i32), &Selected> = selection
        .rows
        .iter()
        .filter(|s| s.vintage.is_some())
        .map(|s| ((s.iso3.as_str(), s.year), s))
        .collect();
    let mut gaps = Vec::new();
    if chosen.is_empty() {
        return Ok(gaps);
    }
    let rows = iso3
        .iter()
        .zip(years.iter())
        .zip(value.iter())
        .zip(vintage.iter());
    for (((c, y), v), vin) in rows {
        let (Some(c), Some(y), Some(v), Some(vin)) = (c, y, v, vin) else {
            continue;
        };
        let Some(s) = chosen.get(&(c, y)) else {
            continue;
        };
        if s.vintage.as_deref() == Some(vin) || s.value == 0.0 {
            continue;
        }
        let pct = 100.0 * (v - s.value).abs() / s.value.abs();
        if pct > threshold {
            gaps.push(VintageGap {
                iso3: c.to_string(),
                year: y,
                used: (s.vintage.clone().unwrap_or_default(), s.value),
                other: (vin.to_string(), v),
                pct,
            });
        }
    }
    Ok(gaps)
}
