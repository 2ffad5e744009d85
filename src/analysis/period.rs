//! Which value of each country a command uses: `--year`, `--latest`, `--max-age`, `--as-of`,
//! `--vintage`. The selection runs on the catalog's observation frame.
//!
//! - **When a row became public**: its own `published` date; else the date of its vintage; else
//!   the real release date of its edition or year (`[[release]]` in `dataset.toml`); else the
//!   indicator's month rule (an assumption, and the selection says it used one).
//! - **Editions one at a time**: for an index (`year_kind = "edition"`) without `--year`, the
//!   latest edition published by the date is selected; an economy absent from it is listed with
//!   its last edition, never ranked among the others on an old score.
//! - **Latest value** for data-year series: per country the newest year, and in it the latest
//!   publication (a revision or newer vintage replaces the first figure). A published rank with
//!   no value that is newer than the country's last value is its standing (kept in `rank_only`).
//! - **`--max-age N`** keeps values at most N years before the reference year (the `--year`,
//!   else the `--as-of` year, else today's year) — never counted from one country's newest value.

use crate::catalog::dates::PartialDate;
use crate::catalog::store::cols;
use crate::catalog::{Catalog, Indicator};
use crate::error::{Error, Result};
use chrono::{Datelike, NaiveDate};
use polars::prelude::*;
use std::collections::BTreeSet;

/// The period options shared by every command.
#[derive(Debug, Clone, Default)]
pub struct Period {
    /// The indicator's own year (edition year for indices, data year otherwise).
    pub year: Option<i32>,
    /// Leave out values more than N years before the reference year.
    pub max_age: Option<i32>,
    /// Use only what had been published by this date.
    pub as_of: Option<PartialDate>,
    /// Only values of this publication (as printed in the rows' `published` column).
    pub publication: Option<String>,
    /// Only values of this vintage (an id declared in `dataset.toml`).
    pub vintage: Option<String>,
    /// The date the command runs: the reference year when there is neither `--year` nor
    /// `--as-of`, and the date an `--as-of` is checked against. The cli reads the clock once
    /// and passes it here, so the engine never does and tests can pin it (the default,
    /// 1970-01-01, is only for periods whose `year` is set).
    pub today: NaiveDate,
}

impl Period {
    /// The values of one year (edition or data year), as published by this period's `as_of`.
    pub fn at_year(&self, year: i32) -> Period {
        Period {
            year: Some(year),
            as_of: self.as_of.clone(),
            today: self.today,
            ..Default::default()
        }
    }

    /// The set of values a chosen value is best ranked against: the other values of the same
    /// publication where rows carry their publication (an IFR release, an NCSES table), else the
    /// values of the same year or edition.
    pub fn cohort_of(&self, year: i32, published: Option<&str>) -> Period {
        match published {
            Some(p) => Period {
                publication: Some(p.to_string()),
                as_of: self.as_of.clone(),
                today: self.today,
                ..Default::default()
            },
            None => self.at_year(year),
        }
    }

    /// The one reference year of a period: `--year`, else the `--as-of` year, else today's.
    /// Group membership of named members and `--max-age` are judged at it.
    pub fn reference_year(&self, today: NaiveDate) -> i32 {
        self.year
            .or(self.as_of.as_ref().map(|d| d.year()))
            .unwrap_or(today.year())
    }
}

/// One country's chosen value.
#[derive(Debug, Clone, PartialEq)]
pub struct Selected {
    pub iso3: String,
    pub year: i32,
    pub value: f64,
    pub published_rank: Option<u32>,
    /// The publication the value comes from, as printed (`2021-01-27`, `2021-12`).
    pub published: Option<String>,
    pub note: Option<String>,
    pub vintage: Option<String>,
    pub flag: Option<String>,
}

/// A published rank with no value: (code, year, rank, publication as printed).
#[derive(Debug, Clone, PartialEq)]
pub struct RankOnly {
    pub iso3: String,
    pub year: i32,
    pub rank: u32,
    pub published: Option<String>,
}

/// The outcome of applying a period to an indicator's observations.
#[derive(Debug, Clone, Default)]
pub struct Selection {
    pub rows: Vec<Selected>,
    /// Countries whose value was left out by `--max-age`, with the year of that value.
    pub too_old: Vec<(String, i32)>,
    /// Countries whose standing is a published rank without a value.
    pub rank_only: Vec<RankOnly>,
    /// For an index without `--year`: the edition selected.
    pub edition: Option<i32>,
    /// Economies absent from the selected edition: (code, its last edition so far).
    pub not_in_edition: Vec<(String, i32)>,
    /// Some `--as-of` decision used the indicator's month rule, not a real release date.
    pub used_month_rule: bool,
    /// Vintages the selected values come from.
    pub vintages: BTreeSet<String>,
    /// Selected values where another vintage disagrees beyond the threshold.
    pub vintage_gaps: Vec<VintageGap>,
    /// Values shown as of a date from a vintage published after it: (code, year, vintage).
    pub later_vintage: Vec<(String, i32, String)>,
}

impl Selection {
    /// The oldest year among the selected values.
    pub fn oldest_year(&self) -> Option<i32> {
        self.rows.iter().map(|r| r.year).min()
    }
    pub fn newest_year(&self) -> Option<i32> {
        self.rows.iter().map(|r| r.year).max()
    }
    pub fn get(&self, iso3: &str) -> Option<&Selected> {
        self.rows.iter().find(|r| r.iso3 == iso3)
    }
}

use super::dating::days;
pub use super::dating::{DateBasis, Dating};

/// Applies a period to an indicator (see the module doc for the rules).
pub fn select(catalog: &Catalog, ind: &Indicator, period: &Period) -> Result<Selection> {
    let dataset = catalog.dataset(&ind.dataset)?;
    if let Some(v) = &period.vintage {
        if !dataset.vintages.iter().any(|d| &d.id == v) {
            return Err(Error::unknown(
                "vintage",
                v,
                dataset.vintages.iter().map(|d| d.id.as_str()),
                &format!(
                    "the vintages of {} are listed in its dataset.toml",
                    ind.dataset
                ),
            ));
        }
    }
    let df = catalog.frame(ind)?;
    select_frame(
        &df,
        &Dating::of(ind, dataset),
        period,
        &ind.id,
        period.today,
    )
}

/// [`select`] on a frame with the columns of [`crate::catalog::store::cols`].
pub fn select_frame(
    df: &DataFrame,
    dating: &Dating,
    period: &Period,
    id: &str,
    today: NaiveDate,
) -> Result<Selection> {
    let years = df.column(cols::YEAR)?.i32()?;
    let published = df.column(cols::PUBLISHED)?.str()?;
    let vintages = df.column(cols::VINTAGE)?.str()?;
    let as_of_date = period.as_of.as_ref().map(|d| d.end);
    let DatedRows {
        available,
        vkeys,
        by_rule,
    } = dated::date_rows(df, dating, period, id)?;
    // The rows the period admits (as of a date, one vintage, one publication), as a frame of
    // the keys the choice is made on. Eager Polars: the frames are small and a lazy plan costs
    // more to optimise than to run.
    let n = df.height() as u32;
    let mut keys = DataFrame::new(
        df.height(),
        vec![
            df.column(cols::ISO3)?.clone(),
            df.column(cols::YEAR)?.clone(),
            Column::new("vkey".into(), vkeys),
            Column::new("available".into(), available),
            df.column(cols::VALUE)?
                .is_not_null()
                .into_column()
                .with_name("has_value".into()),
            Column::new("row".into(), (0..n).collect::<Vec<u32>>()),
            Column::new("by_rule".into(), by_rule),
        ],
    )?;
    let mut mask: Option<BooleanChunked> = None;
    let mut admit = |m: BooleanChunked| {
        mask = Some(match mask.take() {
            Some(prev) => &prev & &m,
            None => m,
        })
    };
    if let Some(as_of) = &period.as_of {
        admit(keys.column("available")?.i32()?.lt_eq(days(as_of.end)));
    }
    if let Some(v) = &period.vintage {
        admit(vintages.equal(v.as_str()));
    }
    if let Some(p) = &period.publication {
        admit(published.equal(p.as_str()));
    }
    if let Some(m) = mask {
        // A null comparison (no date, no vintage) does not admit the row.
        keys = keys.filter(&m.fill_null_with_values(false)?)?;
    }
    // Each country's rows together: the files are kept in code order, so a sort is needed only
    // for a folder whose file is not (a stable sort on the code alone).
    let codes: Vec<&str> = keys
        .column(cols::ISO3)?
        .str()?
        .iter()
        .map(Option::unwrap_or_default)
        .collect();
    let order: Vec<usize> = if codes.windows(2).all(|w| w[0] <= w[1]) {
        (0..codes.len()).collect()
    } else {
        let options = SortOptions::default()
            .with_maintain_order(true)
            .with_multithreaded(false);
        let by_code = keys.column(cols::ISO3)?.as_materialized_series();
        let idx = by_code.arg_sort(options);
        idx.iter().flatten().map(|i| i as usize).collect()
    };
    // Each country's rows: a slice of `order`.
    let mut bounds: Vec<(usize, usize)> = Vec::new();
    for (at, &i) in order.iter().enumerate() {
        match bounds.last_mut() {
            Some((start, end)) if codes[order[*start]] == codes[i] => *end = at + 1,
            _ => bounds.push((at, at + 1)),
        }
    }
    let runs: Vec<&[usize]> = bounds.iter().map(|&(s, e)| &order[s..e]).collect();
    // The order of preference within a country: the newest year, then the vintage to show,
    // then the latest publication (undated last); within one, a value before a bare rank, and
    // then the file's order.
    let key_years: Vec<i32> = values(keys.column(cols::YEAR)?.i32()?);
    let vkey: Vec<i64> = values(keys.column("vkey")?.i64()?);
    let available: Vec<Option<i32>> = keys.column("available")?.i32()?.iter().collect();
    let has_value: Vec<bool> = keys
        .column("has_value")?
        .bool()?
        .iter()
        .map(|b| b == Some(true))
        .collect();
    let key_rows: Vec<u32> = values(keys.column("row")?.u32()?);
    let preference = |i: &usize| {
        let i = *i;
        (
            key_years[i],
            vkey[i],
            available[i],
            has_value[i],
            std::cmp::Reverse(key_rows[i]),
        )
    };
    let code_at = |i: usize| codes[i].to_string();
    let newest_of = |run: &&[usize]| run.iter().map(|i| key_years[*i]).max().unwrap_or_default();
    let mut selection = Selection::default();
    // The latest edition by the date; the economies it does not have, with their last edition.
    let mut year = period.year;
    if dating.edition && year.is_none() && period.publication.is_none() {
        let newest = runs.iter().map(newest_of).max();
        if let Some(newest) = newest {
            for run in &runs {
                let last = newest_of(run);
                if last < newest {
                    selection.not_in_edition.push((code_at(run[0]), last));
                }
            }
        }
        selection.not_in_edition.sort();
        year = newest;
        selection.edition = newest;
    }
    let oldest_allowed = match (period.max_age, period.year, dating.edition) {
        (Some(max_age), None, false) => Some(period.reference_year(today) - max_age),
        _ => None,
    };
    let rule_rows = keys.column("by_rule")?.bool()?;
    let mut frame_rows: Vec<u32> = Vec::with_capacity(runs.len());
    for run in &runs {
        let pick = match (year, oldest_allowed) {
            (Some(y), _) => run
                .iter()
                .copied()
                .filter(|i| key_years[*i] == y)
                .max_by_key(preference),
            (None, Some(oldest)) if newest_of(run) < oldest => {
                selection.too_old.push((code_at(run[0]), newest_of(run)));
                None
            }
            _ => run.iter().copied().max_by_key(preference),
        };
        if let Some(i) = pick {
            frame_rows.push(key_rows[i]);
            selection.used_month_rule |= period.as_of.is_some() && rule_rows.get(i) == Some(true);
        }
    }
    selection.too_old.sort();
    let iso3 = df.column(cols::ISO3)?.str()?;
    let value = df.column(cols::VALUE)?.f64()?;
    let rank = df.column(cols::PUBLISHED_RANK)?.u32()?;
    let note = df.column(cols::NOTE)?.str()?;
    let flag = df.column(cols::FLAG)?.str()?;
    for r in frame_rows {
        let i = r as usize;
        let text = |c: &StringChunked| c.get(i).map(str::to_string);
        let code = iso3.get(i).unwrap_or_default().to_string();
        let y = years.get(i).unwrap_or_default();
        match value.get(i) {
            Some(v) => {
                if let Some(vin) = vintages.get(i) {
                    selection.vintages.insert(vin.to_string());
                    if dating.vintage_key(Some(vin), as_of_date) < 0 {
                        selection
                            .later_vintage
                            .push((code.clone(), y, vin.to_string()));
                    }
                }
                selection.rows.push(Selected {
                    iso3: code,
                    year: y,
                    value: v,
                    published_rank: rank.get(i),
                    published: text(published),
                    note: text(note),
                    vintage: text(vintages),
                    flag: text(flag),
                });
            }
            None => {
                if let Some(rk) = rank.get(i) {
                    selection.rank_only.push(RankOnly {
                        iso3: code,
                        year: y,
                        rank: rk,
                        published: text(published),
                    });
                }
            }
        }
    }
    if let Some(threshold) = dating.vintage_threshold_pct {
        selection.vintage_gaps = vintage_gaps(df, &selection, threshold)?;
    }
    selection.rows.sort_by(|a, b| a.iso3.cmp(&b.iso3));
    Ok(selection)
}

/// A column's values, nulls as the type's default (for columns that have none).
fn values<T>(ca: &ChunkedArray<T>) -> Vec<T::Native>
where
    T: PolarsNumericType,
{
    match ca.cont_slice() {
        Ok(slice) => slice.to_vec(),
        Err(_) => ca.iter().map(Option::unwrap_or_default).collect(),
    }
}

mod dated;
use dated::DatedRows;
mod gaps;
use gaps::vintage_gaps;
pub use gaps::VintageGap;

#[cfg(test)]
mod tests;
