//! The checks the located reader makes, on a frame's whole columns.
//!
//! Each text column is read as one Arrow array of views: rows with a view already judged hold
//! the same text and are not read again, so a check meets each distinct value about once (a
//! prepared frame holds one view per distinct text). The key is proven unique by one
//! comparison a row where the rows are in key order, as the curated files are, and by a set
//! otherwise. An empty frame, or one without codes or years, does not pass.

use super::{cols, YEARS};
use crate::catalog::countries::Countries;
use crate::catalog::dates::PartialDate;
use crate::catalog::metadata::OBS_FLAGS;
use foldhash::{HashMap, HashMapExt, HashSet, HashSetExt};
use polars::prelude::*;
use polars_arrow::array::{Array, Utf8ViewArray, View};
use polars_arrow::bitmap::Bitmap;
use std::cmp::Ordering;

/// Whether the frame passes every check the located reader makes (so that reader would find
/// nothing): codes known, years in range, finite values, ranks from 1, a value or a rank on
/// every row, dates that parse, declared vintages, known flags, no line break in a field, no
/// repeated key.
pub(super) fn checks_pass(
    df: &DataFrame,
    countries: Option<&Countries>,
    vintages: &[&str],
) -> bool {
    passes(df, countries, vintages).unwrap_or(false)
}

fn passes(df: &DataFrame, countries: Option<&Countries>, vintages: &[&str]) -> PolarsResult<bool> {
    // An all-null column (one the file lacks) passes every check and is never materialised.
    let filled = |name: &str| -> PolarsResult<Option<&Column>> {
        let c = df.column(name)?;
        Ok((c.null_count() < c.len()).then_some(c))
    };
    let text = |name: &str| -> PolarsResult<Option<StringChunked>> {
        filled(name)?
            .map(|c| Ok(c.str()?.rechunk().into_owned()))
            .transpose()
    };
    let (Some(iso3), Some(year)) = (text(cols::ISO3)?, filled(cols::YEAR)?) else {
        return Ok(false);
    };
    let year = year.i32()?.rechunk();
    let (published, vintage, flag) = (
        text(cols::PUBLISHED)?,
        text(cols::VINTAGE)?,
        text(cols::FLAG)?,
    );
    let (source_name, note) = (text(cols::SOURCE_NAME)?, text(cols::NOTE)?);
    if iso3.null_count() > 0 || year.null_count() > 0 {
        return Ok(false);
    }
    let in_range = |y: Option<i32>| y.is_some_and(|y| YEARS.contains(&y));
    if !in_range(year.min()) || !in_range(year.max()) {
        return Ok(false);
    }
    let value = filled(cols::VALUE)?.map(|c| c.f64()).transpose()?;
    let rank = filled(cols::PUBLISHED_RANK)?.map(|c| c.u32()).transpose()?;
    if value.is_some_and(|v| !all_finite(v)) || rank.is_some_and(|r| r.min() == Some(0)) {
        return Ok(false);
    }
    // A value or a rank on every row.
    let bare = match (value, rank) {
        // (`is_null` of a column with no nulls would build an all-false mask.)
        (Some(v), Some(r)) => {
            v.null_count() > 0 && r.null_count() > 0 && (v.is_null() & r.is_null()).any()
        }
        (Some(v), None) => v.null_count() > 0,
        (None, Some(r)) => r.null_count() > 0,
        (None, None) => true,
    };
    if bare {
        return Ok(false);
    }
    // A line break inside a field is a quote opened and not closed: the located reader names
    // it. Each text column is judged with the checks of its own in one pass.
    let plain = |t: &str| memchr::memchr2(b'\n', b'\r', t.as_bytes()).is_none();
    let known_flag = |t: &str| OBS_FLAGS.iter().any(|(f, _)| *f == t);
    let mut dates: HashMap<String, bool> = HashMap::new();
    let runs = |column: &Option<StringChunked>, test: &mut dyn FnMut(&str) -> bool| {
        column.as_ref().is_none_or(|c| Text::of(c).each_run(test))
    };
    let all_pass = Text::of(&iso3).each_run(|c| plain(c) && countries.is_none_or(|k| k.knows(c)))
        && runs(&published, &mut |p| match dates.get(p) {
            Some(ok) => *ok,
            None => {
                let ok = plain(p) && p.trim() == p && PartialDate::parse(p).is_ok();
                dates.insert(p.to_string(), ok);
                ok
            }
        })
        && runs(&vintage, &mut |v| plain(v) && vintages.contains(&v))
        && runs(&flag, &mut |f| {
            f.split(';')
                .all(|t| known_flag(t.trim()) && !t.trim().is_empty())
        })
        && runs(&source_name, &mut |t| plain(t))
        && runs(&note, &mut |t| plain(t));
    if !all_pass {
        return Ok(false);
    }
    let years = year.downcast_as_array().values().as_slice();
    Ok(keys_unique(
        &Text::of(&iso3),
        years,
        published.as_ref().map(Text::of).as_ref(),
        vintage.as_ref().map(Text::of).as_ref(),
    ))
}

/// Whether every value is finite: the buffers first, whole (a null's slot holds a number too),
/// then row by row only where a slot is not finite.
fn all_finite(values: &Float64Chunked) -> bool {
    values.downcast_iter().all(|a| {
        a.values().iter().all(|v| v.is_finite()) || a.iter().flatten().all(|v| v.is_finite())
    })
}

/// One text column as one array (the caller rechunked it), its views and, where it has nulls,
/// its validity.
struct Text<'a> {
    array: &'a Utf8ViewArray,
    views: &'a [View],
    validity: Option<&'a Bitmap>,
}

impl<'a> Text<'a> {
    fn of(column: &'a StringChunked) -> Self {
        let array = column.downcast_as_array();
        Text {
            array,
            views: array.views().as_slice(),
            validity: array.validity().filter(|_| array.null_count() > 0),
        }
    }

    fn is_valid(&self, row: usize) -> bool {
        self.validity.is_none_or(|v| v.get_bit(row))
    }

    /// The text of a row, `""` where null.
    fn text(&self, row: usize) -> &'a str {
        match self.is_valid(row) {
            true => self.array.value(row),
            false => "",
        }
    }

    /// How row `row - 1` orders against row `row` (a null as `""`), told from the views where
    /// they are equal.
    fn cmp_previous(&self, row: usize) -> Ordering {
        let (a, b) = (self.is_valid(row - 1), self.is_valid(row));
        if a && b && self.views[row - 1] == self.views[row] || !a && !b {
            return Ordering::Equal;
        }
        self.text(row - 1).cmp(self.text(row))
    }

    /// Whether `test` holds for every value, asked once for each distinct view: a view that
    /// passed before (the row before's, or any earlier one) is the same text, which passed.
    /// (A prepared frame holds one view per distinct text; a CSV frame one per short text and
    /// one per row of a long one, then told from the text before it.)
    fn each_run(&self, mut test: impl FnMut(&'a str) -> bool) -> bool {
        let views = self.views;
        let mut last: Option<&str> = None;
        let mut passed: HashSet<u128> = HashSet::with_capacity(64);
        let mut row = 0;
        while row < views.len() {
            let view = views[row];
            if !self.is_valid(row) {
                row += 1;
                continue;
            }
            // The run of rows with this view (a null row among them is passed over).
            let first = row;
            row = views[row..]
                .iter()
                .position(|v| *v != view)
                .map_or(views.len(), |n| row + n);
            if !passed.insert(view.as_u128()) {
                continue;
            }
            let t = self.text(first);
            if last != Some(t) {
                if !test(t) {
                    return false;
                }
                last = Some(t);
            }
        }
        true
    }
}

/// One row per country, year, publication (and vintage); an absent column is empty on every row.
fn keys_unique<'a>(
    iso3: &Text<'a>,
    years: &[i32],
    published: Option<&Text<'a>>,
    vintage: Option<&Text<'a>>,
) -> bool {
    let rows = years.len();
    let cmp = |t: Option<&Text>, r: usize| t.map_or(Ordering::Equal, |t| t.cmp_previous(r));
    // (The codes have no nulls: equal views are equal codes.)
    let codes = iso3.views;
    let in_order = (1..rows).all(|r| {
        let order = match codes[r - 1] == codes[r] {
            true => Ordering::Equal,
            false => iso3.text(r - 1).cmp(iso3.text(r)),
        };
        let order = order
            .then_with(|| years[r - 1].cmp(&years[r]))
            .then_with(|| cmp(published, r))
            .then_with(|| cmp(vintage, r));
        order == Ordering::Less
    });
    if in_order {
        return true;
    }
    let mut seen: HashSet<(&str, i32, &str, &str)> = HashSet::with_capacity(rows);
    (0..rows).all(|r| {
        let text = |t: Option<&Text<'a>>| -> &'a str { t.map_or("", |t| t.text(r)) };
        seen.insert((text(Some(iso3)), years[r], text(published), text(vintage)))
    })
}
