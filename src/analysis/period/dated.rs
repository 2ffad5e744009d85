//! Each observation row dated once per distinct key: when it became available (for `--as-of`),
//! which vintage ranks first, and whether a publication rule (not a printed date) dated it.

use super::{days, DateBasis, Dating, Period};
use crate::catalog::store::{cols, YEARS};
use crate::error::{Error, Result};
use chrono::NaiveDate;
use foldhash::{HashMap, HashMapExt};
use polars::prelude::*;

/// Per row of the frame: the day number it became available, its vintage's sort key, and
/// whether the publication rule dated it.
pub(super) struct DatedRows {
    pub available: Vec<Option<i32>>,
    pub vkeys: Vec<i64>,
    pub by_rule: Vec<bool>,
}

/// Dates every row of `df` (an `--as-of` on an indicator with no dates is an error naming `id`).
pub(super) fn date_rows(
    df: &DataFrame,
    dating: &Dating,
    period: &Period,
    id: &str,
) -> Result<DatedRows> {
    let n = df.height();
    let years: Vec<i32> = super::values(df.column(cols::YEAR)?.i32()?);
    // Text columns as plain slices; one that is empty throughout (most files have no dates or
    // no vintages) is not walked at all.
    let text = |name: &str| -> Result<Vec<Option<&str>>> {
        let ca = df.column(name)?.str()?;
        Ok(match ca.null_count() == n {
            true => vec![None; n],
            false => ca.iter().collect(),
        })
    };
    let (published, vintages) = (text(cols::PUBLISHED)?, text(cols::VINTAGE)?);
    let as_of_date = period.as_of.as_ref().map(|d| d.end);
    let mut vkeys: Vec<i64> = Vec::with_capacity(df.height());
    let mut available: Vec<Option<i32>> = Vec::with_capacity(df.height());
    let mut by_rule: Vec<bool> = Vec::with_capacity(df.height());
    // Rows share a few (year, publication, vintage) keys: each is dated once, found by the
    // row's (publication, vintage) pair (usually the previous row's) and then by year.
    type Dated = (Option<(NaiveDate, DateBasis)>, Option<i32>, i64);
    struct Slot<'a> {
        published: Option<&'a str>,
        vintage: Option<&'a str>,
        by_year: Vec<Option<Dated>>,
    }
    let span = (YEARS.end() - YEARS.start() + 1) as usize;
    let mut slots: Vec<Slot> = Vec::new();
    let mut last = 0;
    // Past a few pairs (dates that differ by row), by a hash of the whole key.
    const MAX_SLOTS: usize = 16;
    let mut cache: HashMap<(i32, Option<&str>, Option<&str>), Dated> = HashMap::new();
    for ((&y, &p), &v) in years.iter().zip(published.iter()).zip(vintages.iter()) {
        let date = || {
            let a = dating.available(y, p, v);
            (
                a,
                a.map(|(d, _)| days(d)),
                dating.vintage_key(v, as_of_date),
            )
        };
        let same = |s: &Slot| s.published == p && s.vintage == v;
        let slot = if slots.get(last).is_some_and(same) {
            Some(last)
        } else if let Some(i) = slots.iter().position(same) {
            Some(i)
        } else if slots.len() < MAX_SLOTS {
            slots.push(Slot {
                published: p,
                vintage: v,
                by_year: vec![None; span],
            });
            Some(slots.len() - 1)
        } else {
            None
        };
        let (a, a_days, vkey) = match slot {
            Some(i) if YEARS.contains(&y) => {
                last = i;
                *slots[i].by_year[(y - YEARS.start()) as usize].get_or_insert_with(date)
            }
            _ => *cache.entry((y, p, v)).or_insert_with(date),
        };
        if a.is_none() && period.as_of.is_some() {
            return Err(Error::Usage(format!(
                "--as-of: {id} has no publication dates for {y} and no publication rule in its dataset.toml, so what was known on a date cannot be told; drop --as-of or use --year"
            )));
        }
        available.push(a_days);
        vkeys.push(vkey);
        by_rule.push(a.is_some_and(|(_, b)| b == DateBasis::MonthRule));
    }
    Ok(DatedRows {
        available,
        vkeys,
        by_rule,
    })
}
