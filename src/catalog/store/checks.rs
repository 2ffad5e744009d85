//! The checks the located reader makes, on a frame's whole columns.
//!
//! A text column is read either as one Arrow array of views — rows with a view already judged
//! hold the same text and are not read again — or, for an embedded file, as stored: its
//! distinct values, each judged once, and one index a row. The key is proven unique by one
//! comparison a row where the rows are in key order, as the curated files are, and by a set
//! otherwise. An empty frame, or one without codes or years, does not pass.

use super::prepared::{Dictionary, ToCheck};
use super::{all_finite, cols, YEARS};
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
    let texts = TEXT_COLUMNS.map(|name| {
        df.column(name)
            .ok()
            .filter(|c| c.null_count() < c.len())
            .and_then(|c| c.str().ok())
            .map(|c| Source::Frame(c.rechunk().into_owned()))
    });
    passes(df, &texts, countries, vintages).unwrap_or(false)
}

/// [`checks_pass`] for an embedded file's prepared columns, its text columns as stored.
pub(super) fn prepared_checks_pass(
    prepared: &ToCheck,
    countries: Option<&Countries>,
    vintages: &[&str],
) -> bool {
    let texts = TEXT_COLUMNS.map(|name| {
        prepared
            .texts
            .iter()
            .find(|(n, _)| *n == name)
            .map(|(_, d)| Source::Stored(d))
    });
    passes(&prepared.df, &texts, countries, vintages).unwrap_or(false)
}

/// The text columns, in the order [`passes`] takes them.
const TEXT_COLUMNS: [&str; 6] = [
    cols::ISO3,
    cols::PUBLISHED,
    cols::VINTAGE,
    cols::FLAG,
    cols::SOURCE_NAME,
    cols::NOTE,
];

/// Where a text column's values are: a frame's column (rechunked) or a prepared file's.
enum Source<'a> {
    Frame(StringChunked),
    Stored(&'a Dictionary<'a>),
}

/// `texts`: the [`TEXT_COLUMNS`], `None` where the file lacks one or it is all null (such a
/// column passes every check and is never materialised); `df` holds the number columns.
fn passes(
    df: &DataFrame,
    texts: &[Option<Source>; 6],
    countries: Option<&Countries>,
    vintages: &[&str],
) -> PolarsResult<bool> {
    let filled = |name: &str| -> PolarsResult<Option<&Column>> {
        let c = df.column(name)?;
        Ok((c.null_count() < c.len()).then_some(c))
    };
    let [iso3, published, vintage, flag, source_name, note] =
        texts.each_ref().map(|t| t.as_ref().map(Text::of));
    let (Some(iso3), Some(year)) = (iso3, filled(cols::YEAR)?) else {
        return Ok(false);
    };
    let year = year.i32()?.rechunk();
    if iso3.nulls() > 0 || year.null_count() > 0 || iso3.rows() != year.len() {
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
    let line_break = |t: &str| memchr::memchr2(b'\n', b'\r', t.as_bytes()).is_some();
    // A column stored with no line break in any of its values needs no search a value.
    let no_break = |c: Option<&Text>| c.and_then(Text::joined).is_some_and(|j| !line_break(j));
    let plain_in = |c: Option<&Text>| {
        let whole = no_break(c);
        move |t: &str| whole || !line_break(t)
    };
    let plain_iso3 = plain_in(Some(&iso3));
    let plain_published = plain_in(published.as_ref());
    let plain_vintage = plain_in(vintage.as_ref());
    let plain_source = plain_in(source_name.as_ref());
    let plain_note = plain_in(note.as_ref());
    let known_flag = |t: &str| OBS_FLAGS.iter().any(|(f, _)| *f == t);
    let mut dates: HashMap<String, bool> = HashMap::new();
    let runs = |column: &Option<Text>, test: &mut dyn FnMut(&str) -> bool| {
        column.as_ref().is_none_or(|c| c.each_run(test))
    };
    let all_pass = iso3.each_run(|c| plain_iso3(c) && countries.is_none_or(|k| k.knows(c)))
        && runs(&published, &mut |p| match dates.get(p) {
            Some(ok) => *ok,
            None => {
                let ok = plain_published(p) && p.trim() == p && PartialDate::parse(p).is_ok();
                dates.insert(p.to_string(), ok);
                ok
            }
        })
        && runs(&vintage, &mut |v| plain_vintage(v) && vintages.contains(&v))
        && runs(&flag, &mut |f| {
            f.split(';')
                .all(|t| known_flag(t.trim()) && !t.trim().is_empty())
        })
        && runs(&source_name, &mut |t| plain_source(t))
        && runs(&note, &mut |t| plain_note(t));
    if !all_pass {
        return Ok(false);
    }
    let years = year.downcast_as_array().values().as_slice();
    Ok(keys_unique(
        &iso3,
        years,
        published.as_ref(),
        vintage.as_ref(),
    ))
}

/// One text column: one array of views (the caller rechunked it) or the column as stored, and
/// where it has nulls its validity.
struct Text<'a> {
    rows: Rows<'a>,
    validity: Option<&'a Bitmap>,
}

enum Rows<'a> {
    Views {
        array: &'a Utf8ViewArray,
        views: &'a [View],
    },
    Stored {
        distinct: &'a [&'a str],
        joined: &'a str,
        codes: &'a [u32],
    },
}

impl<'a> Text<'a> {
    fn of(source: &'a Source<'a>) -> Self {
        match source {
            Source::Frame(column) => {
                let array = column.downcast_as_array();
                Text {
                    rows: Rows::Views {
                        array,
                        views: array.views().as_slice(),
                    },
                    validity: array.validity().filter(|_| array.null_count() > 0),
                }
            }
            Source::Stored(d) => Text {
                rows: Rows::Stored {
                    distinct: &d.distinct,
                    joined: d.joined,
                    codes: &d.codes,
                },
                validity: d.validity.as_ref().filter(|v| v.unset_bits() > 0),
            },
        }
    }

    /// A stored column's distinct values end to end.
    fn joined(&self) -> Option<&'a str> {
        match self.rows {
            Rows::Stored { joined, .. } => Some(joined),
            Rows::Views { .. } => None,
        }
    }

    fn rows(&self) -> usize {
        match self.rows {
            Rows::Views { views, .. } => views.len(),
            Rows::Stored { codes, .. } => codes.len(),
        }
    }

    fn nulls(&self) -> usize {
        self.validity.map_or(0, Bitmap::unset_bits)
    }

    fn is_valid(&self, row: usize) -> bool {
        self.validity.is_none_or(|v| v.get_bit(row))
    }

    /// The text of a row, `""` where null.
    fn text(&self, row: usize) -> &'a str {
        if !self.is_valid(row) {
            return "";
        }
        match self.rows {
            Rows::Views { array, .. } => array.value(row),
            Rows::Stored {
                distinct, codes, ..
            } => distinct.get(codes[row] as usize).copied().unwrap_or(""),
        }
    }

    /// Whether rows `row - 1` and `row` are known equal without reading their text: the same
    /// view or index, or both null.
    fn same_as_previous(&self, row: usize) -> bool {
        let (a, b) = (self.is_valid(row - 1), self.is_valid(row));
        let same = match self.rows {
            Rows::Views { views, .. } => views[row - 1] == views[row],
            Rows::Stored { codes, .. } => codes[row - 1] == codes[row],
        };
        a && b && same || !a && !b
    }

    /// For a column as stored, a number a row that orders as its text does (a null as `""`):
    /// the stored index itself where the distinct values are stored in text order and no row
    /// is null or empty, else the value's rank in text order, 0 for a null or `""`. `None`
    /// for a column of views, or a stored index out of range.
    fn sort_keys(&self) -> Option<std::borrow::Cow<'a, [u32]>> {
        let Rows::Stored {
            distinct, codes, ..
        } = self.rows
        else {
            return None;
        };
        let sorted = distinct.windows(2).all(|w| w[0] < w[1]);
        if self.validity.is_none() && sorted && distinct.first() != Some(&"") {
            return Some(std::borrow::Cow::Borrowed(codes));
        }
        let mut order: Vec<usize> = (0..distinct.len()).collect();
        order.sort_unstable_by_key(|&k| distinct[k]);
        // Each text stored once (else one text would have two ranks).
        if order.windows(2).any(|w| distinct[w[0]] == distinct[w[1]]) {
            return None;
        }
        let mut ranks = vec![0u32; distinct.len()];
        for (position, &k) in order.iter().enumerate() {
            if !distinct[k].is_empty() {
                ranks[k] = position as u32 + 1;
            }
        }
        let rank = |(row, &c): (usize, &u32)| match self.is_valid(row) {
            true => ranks.get(c as usize).copied(),
            false => Some(0),
        };
        let keys: Option<Vec<u32>> = codes.iter().enumerate().map(rank).collect();
        keys.map(std::borrow::Cow::Owned)
    }

    /// How row `row - 1` orders against row `row` (a null as `""`).
    fn cmp_previous(&self, row: usize) -> Ordering {
        if self.same_as_previous(row) {
            return Ordering::Equal;
        }
        self.text(row - 1).cmp(self.text(row))
    }

    /// Whether `test` holds for every value, asked once for each distinct value as stored, or
    /// once for each distinct view: a view that passed before (the row before's, or any
    /// earlier one) is the same text, which passed. (A CSV frame holds one view per short text
    /// and one per row of a long one, then told from the text before it.)
    fn each_run(&self, mut test: impl FnMut(&'a str) -> bool) -> bool {
        let views = match self.rows {
            Rows::Views { views, .. } => views,
            // Every stored value is some row's.
            Rows::Stored { distinct, .. } => return distinct.iter().all(|t| test(t)),
        };
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
    // Columns as stored: the order of their texts is the order of their values' sort keys,
    // compared as numbers; a column the file lacks is equal on every row.
    let keys = |t: Option<&Text<'a>>| t.map_or(Some(None), |t| t.sort_keys().map(Some));
    if let (Some(iso3), Some(published), Some(vintage)) =
        (iso3.sort_keys(), keys(published), keys(vintage))
    {
        let (c, y) = (&iso3[..], years);
        let ordered = match (published.as_deref(), vintage.as_deref()) {
            (None, None) => (1..rows).all(|r| (c[r - 1], y[r - 1]) < (c[r], y[r])),
            (Some(p), None) | (None, Some(p)) => {
                (1..rows).all(|r| (c[r - 1], y[r - 1], p[r - 1]) < (c[r], y[r], p[r]))
            }
            (Some(p), Some(v)) => (1..rows)
                .all(|r| (c[r - 1], y[r - 1], p[r - 1], v[r - 1]) < (c[r], y[r], p[r], v[r])),
        };
        if ordered {
            return true;
        }
    }
    let cmp = |t: Option<&Text>, r: usize| t.map_or(Ordering::Equal, |t| t.cmp_previous(r));
    let in_order = (1..rows).all(|r| {
        let order = iso3
            .cmp_previous(r)
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
