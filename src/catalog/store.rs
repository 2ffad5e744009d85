//! The observation store: each indicator's observations as one typed Polars frame, read once per
//! process and shared by every computation.
//!
//! Reading takes two paths with one outcome. The fast path is Polars' own CSV reader with a
//! declared schema, followed by whole-column checks (codes known, years in range, finite values,
//! ranks from 1, dates that parse, no duplicate keys). Whenever the fast path or its checks find
//! anything wrong, the file is read again by the row-by-row reader of [`super::load`], which
//! names the file, line and column of the first problem; should that reader find nothing wrong,
//! its rows become the frame. So a user always gets `rd.csv:15:3: "abc" is not a number`, and a
//! clean file never pays for line tracking.

use super::countries::Countries;
use super::dates::PartialDate;
use super::frame_layout::{Kind, FRAME_COLUMNS};
use super::load::Observation;
use super::metadata::{OBS_OPTIONAL, OBS_REQUIRED};
use super::source::DataSource;
use crate::error::Result;
use foldhash::HashSet;
use polars::prelude::*;

/// Frame column names (the observation file's header names).
pub mod cols {
    pub const ISO3: &str = "iso3";
    pub const YEAR: &str = "year";
    pub const VALUE: &str = "value";
    pub const PUBLISHED_RANK: &str = "published_rank";
    pub const PUBLISHED: &str = "published";
    pub const SOURCE_NAME: &str = "source_name";
    pub const NOTE: &str = "note";
    pub const VINTAGE: &str = "vintage";
    pub const FLAG: &str = "flag";
}

/// The years an observation may carry.
pub const YEARS: std::ops::RangeInclusive<i32> = 1800..=2200;

/// The frame's column types.
fn dtype(kind: Kind) -> DataType {
    match kind {
        Kind::Text => DataType::String,
        Kind::I32 => DataType::Int32,
        Kind::U32 => DataType::UInt32,
        Kind::F64 => DataType::Float64,
    }
}

fn dtype_of(name: &str) -> Option<DataType> {
    FRAME_COLUMNS
        .iter()
        .find(|(n, _)| *n == name)
        .map(|(_, k)| dtype(*k))
}

mod checks;
mod prepared;
use checks::{checks_pass, prepared_checks_pass};

/// Reads one observation file into a frame (see the module doc for the two paths).
/// `countries` is `None` only for the countries dataset itself.
pub fn read_frame(
    source: &DataSource,
    dataset: &str,
    file: &str,
    countries: Option<&Countries>,
    vintages: &[&str],
) -> Result<DataFrame> {
    if matches!(source, DataSource::Embedded) {
        // Columns split at build time; equal to what the CSV reader makes (a test checks).
        if let Some(df) = prepared::frame(dataset, file) {
            return Ok(df);
        }
    }
    let bytes = source.read(dataset, file)?;
    // The embedded datasets were checked row by row when they were built and are checked again
    // by the test suite (`validate` on the embedded data); a command need not repeat it.
    let trusted = matches!(source, DataSource::Embedded);
    if let Some(df) = fast_read(&bytes, countries, vintages, trusted) {
        return Ok(df);
    }
    let obs = slow_read(source, dataset, file, countries, vintages)?;
    frame_from_observations(&obs)
}

/// For `validate`: the number of rows when the file passes every check on the fast path
/// (then the located reader would find nothing), `None` when it must be read row by row.
/// An embedded file's cells are checked in their prepared columns (equal to what the CSV
/// reader makes of the text, a test checks), its header and line ends on the text itself.
pub fn rows_if_clean(
    source: &DataSource,
    dataset: &str,
    file: &str,
    countries: &Countries,
    vintages: &[&str],
) -> Option<usize> {
    let bytes = source.read(dataset, file).ok()?;
    if matches!(source, DataSource::Embedded) {
        if let Some(prepared) = prepared::to_check(dataset, file) {
            let names = header_names(without_bom(&bytes))?;
            let vintage_nulls = prepared
                .texts
                .iter()
                .find(|(n, _)| *n == cols::VINTAGE)
                .map(|(_, d)| d.validity.as_ref().map_or(0, |v| v.unset_bits()));
            let pass = vintages_filled(&names, vintage_nulls)
                && prepared_checks_pass(&prepared, Some(countries), vintages);
            return pass.then(|| prepared.df.height());
        }
    }
    fast_read(&bytes, Some(countries), vintages, false).map(|df| df.height())
}

/// The row-by-row reader: the first problem as a located error, or every row. It makes every
/// check `validate` makes ([`super::check::observation_file`]).
fn slow_read(
    source: &DataSource,
    dataset: &str,
    file: &str,
    countries: Option<&Countries>,
    vintages: &[&str],
) -> Result<Vec<Observation>> {
    let table = super::load::read_table(source, dataset, file, &OBS_REQUIRED)?;
    let Some(countries) = countries else {
        // The countries dataset itself: no reference to check codes against yet.
        super::load::check_observation_header(&table)?;
        let mut keys = super::check::RowKeys::new();
        let mut observations = Vec::with_capacity(table.rows.len());
        for (line, rec) in &table.rows {
            let obs = super::load::parse_row(&table, *line, rec)?;
            let problems =
                super::check::row_problems(&table, *line, &obs, None, vintages, &mut keys);
            if let Some(e) = problems.into_iter().next() {
                return Err(e);
            }
            observations.push(obs);
        }
        return Ok(observations);
    };
    let (observations, problems) =
        super::check::observation_file(&table, countries, vintages, true);
    problems.into_iter().next().map_or(Ok(observations), Err)
}

fn without_bom(bytes: &[u8]) -> &[u8] {
    bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes)
}

/// The header's names when the fast path can read the file: plain names, each a known column
/// once, the required ones present, and no CR anywhere. Quoted or padded names, unknown or
/// repeated columns and CR line ends go to the located reader, which says what is wrong.
fn clean_header(text: &[u8]) -> Option<Vec<&str>> {
    if memchr::memchr(b'\r', text).is_some() {
        return None;
    }
    header_names(text)
}

/// [`clean_header`] but for the CR: the first line alone is read. (`build.rs` prepares no file
/// with a CR, so a prepared file's text need not be searched for one.)
fn header_names(text: &[u8]) -> Option<Vec<&str>> {
    let header_end = memchr::memchr(b'\n', text)?;
    let header = std::str::from_utf8(&text[..header_end]).ok()?;
    if header.contains(['"', ' ', '\r']) {
        return None;
    }
    let names: Vec<&str> = header.split(',').collect();
    let known = |n: &&str| OBS_REQUIRED.contains(n) || OBS_OPTIONAL.contains(n);
    let unique: HashSet<&str> = names.iter().copied().collect();
    let ok = names.iter().all(known)
        && unique.len() == names.len()
        && OBS_REQUIRED.iter().all(|r| unique.contains(r));
    ok.then_some(names)
}

/// A file with a vintage column names one on every row; `nulls`: the empty cells of the
/// vintage column as read (`None`: no such column was read, as for an all-empty prepared one).
fn vintages_filled(names: &[&str], nulls: Option<usize>) -> bool {
    !names.contains(&cols::VINTAGE) || nulls == Some(0)
}

/// Whether every value is finite: the buffers first, whole (a null's slot holds a number too),
/// then row by row only where a slot is not finite. (Also `import`'s check of a typed chunk.)
pub fn all_finite(values: &Float64Chunked) -> bool {
    values.downcast_iter().all(|a| {
        a.values().iter().all(|v| v.is_finite()) || a.iter().flatten().all(|v| v.is_finite())
    })
}

/// Polars' reader and whole-column checks; `None` sends the file to the located reader.
fn fast_read(
    bytes: &[u8],
    countries: Option<&Countries>,
    vintages: &[&str],
    trusted: bool,
) -> Option<DataFrame> {
    let text = without_bom(bytes);
    let names = clean_header(text)?;
    let mut schema = Schema::default();
    for n in &names {
        schema.insert((*n).into(), dtype_of(n)?);
    }
    let df = CsvReadOptions::default()
        .with_has_header(true)
        .with_schema(Some(Arc::new(schema)))
        .with_raise_if_empty(false)
        .into_reader_with_file_handle(std::io::Cursor::new(text))
        .finish()
        .ok()?;
    if !vintages_filled(
        &names,
        df.column(cols::VINTAGE).ok().map(|c| c.null_count()),
    ) {
        return None;
    }
    let df = with_all_columns(df).ok()?;
    (trusted || checks_pass(&df, countries, vintages)).then_some(df)
}

/// Adds the absent optional columns as nulls and puts the columns in [`FRAME_COLUMNS`] order.
fn with_all_columns(mut df: DataFrame) -> PolarsResult<DataFrame> {
    let n = df.height();
    for (name, kind) in FRAME_COLUMNS.iter() {
        // (Asked without an error: building Polars' "not found" error is costly.)
        if df.get_column_index(name).is_none() {
            // A materialised column: a scalar one would be materialised on every read.
            df.with_column(null_column(name, n, &dtype(*kind)))?;
        }
    }
    df.select(FRAME_COLUMNS.iter().map(|(n, _)| *n))
}

/// An all-null column of `n` rows (materialised: a scalar column would be materialised again on
/// every read).
fn null_column(name: &str, n: usize, dtype: &DataType) -> Column {
    Series::full_null(name.into(), n, dtype).into_column()
}

/// A frame from rows read by the located reader.
pub fn frame_from_observations(obs: &[Observation]) -> Result<DataFrame> {
    let s = |f: fn(&Observation) -> Option<&str>| obs.iter().map(f).collect::<Vec<_>>();
    let df = df!(
        cols::ISO3 => obs.iter().map(|o| o.iso3.as_str()).collect::<Vec<_>>(),
        cols::YEAR => obs.iter().map(|o| o.year).collect::<Vec<i32>>(),
        cols::VALUE => obs.iter().map(|o| o.value).collect::<Vec<Option<f64>>>(),
        cols::PUBLISHED_RANK => obs.iter().map(|o| o.published_rank).collect::<Vec<Option<u32>>>(),
        cols::PUBLISHED => s(|o| o.published.as_ref().map(|p| p.text.as_str())),
        cols::SOURCE_NAME => s(|o| o.source_name.as_deref()),
        cols::NOTE => s(|o| o.note.as_deref()),
        cols::VINTAGE => s(|o| o.vintage.as_deref()),
        cols::FLAG => obs.iter().map(|o| (!o.flags.is_empty()).then(|| o.flags.join(";"))).collect::<Vec<_>>(),
    )?;
    Ok(df)
}

/// The rows of a frame as observations (for code that walks rows rather than columns).
pub fn observations_of(df: &DataFrame) -> Result<Vec<Observation>> {
    let iso3 = df.column(cols::ISO3)?.str()?;
    let year = df.column(cols::YEAR)?.i32()?;
    let value = df.column(cols::VALUE)?.f64()?;
    let rank = df.column(cols::PUBLISHED_RANK)?.u32()?;
    let text = |name: &str| -> Result<Vec<Option<String>>> {
        Ok(df
            .column(name)?
            .str()?
            .iter()
            .map(|s| s.map(str::to_string))
            .collect())
    };
    let (published, source_name, note, vintage, flag) = (
        text(cols::PUBLISHED)?,
        text(cols::SOURCE_NAME)?,
        text(cols::NOTE)?,
        text(cols::VINTAGE)?,
        text(cols::FLAG)?,
    );
    let mut out = Vec::with_capacity(df.height());
    for i in 0..df.height() {
        out.push(Observation {
            iso3: iso3.get(i).unwrap_or_default().to_string(),
            year: year.get(i).unwrap_or_default(),
            value: value.get(i),
            published_rank: rank.get(i),
            published: published[i]
                .as_deref()
                .and_then(|p| PartialDate::parse(p).ok()),
            source_name: source_name[i].clone(),
            note: note[i].clone(),
            vintage: vintage[i].clone(),
            flags: flag[i]
                .as_deref()
                .map(|f| f.split(';').map(|t| t.trim().to_string()).collect())
                .unwrap_or_default(),
        });
    }
    Ok(out)
}

#[cfg(test)]
mod tests;
