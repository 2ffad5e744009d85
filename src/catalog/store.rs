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
use super::metadata::{OBS_FLAGS, OBS_OPTIONAL, OBS_REQUIRED};
use super::source::DataSource;
use crate::error::Result;
use foldhash::{HashMap, HashMapExt, HashSet, HashSetExt};
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

mod prepared;

/// Reads one observation file into a frame (see the module doc for the two paths).
/// `countries` is `None` only for the countries dataset itself.
pub fn read_frame(
    source: &DataSource,
    dataset: &str,
    file: &str,
    countries: Option<&Countries>,
    vintages: &[&str],
) -> Result<DataFrame> {
    let bytes = source.read(dataset, file)?;
    if matches!(source, DataSource::Embedded) {
        // Columns split at build time; equal to what the CSV reader makes (a test checks).
        if let Some(df) = prepared::frame(dataset, file) {
            return Ok(df);
        }
    }
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
pub fn rows_if_clean(bytes: &[u8], countries: &Countries, vintages: &[&str]) -> Option<usize> {
    fast_read(bytes, Some(countries), vintages, false).map(|df| df.height())
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

/// Polars' reader and whole-column checks; `None` sends the file to the located reader.
fn fast_read(
    bytes: &[u8],
    countries: Option<&Countries>,
    vintages: &[&str],
    trusted: bool,
) -> Option<DataFrame> {
    let text = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    let header_end = text.iter().position(|b| *b == b'\n')?;
    let header = std::str::from_utf8(&text[..header_end]).ok()?;
    let header = header.strip_suffix('\r').unwrap_or(header);
    // Quoted or padded header names, unknown or repeated columns: the located reader says what.
    if header.contains('"') || header.contains(' ') || text.contains(&b'\r') {
        return None;
    }
    let names: Vec<&str> = header.split(',').collect();
    let known = |n: &&str| OBS_REQUIRED.contains(n) || OBS_OPTIONAL.contains(n);
    let unique: HashSet<&str> = names.iter().copied().collect();
    if !names.iter().all(known)
        || unique.len() != names.len()
        || !OBS_REQUIRED.iter().all(|r| unique.contains(r))
    {
        return None;
    }
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
    // A file with a vintage column names one on every row.
    if unique.contains(cols::VINTAGE) && df.column(cols::VINTAGE).ok()?.null_count() > 0 {
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

/// The checks the located reader makes, on whole columns.
fn checks_pass(df: &DataFrame, countries: Option<&Countries>, vintages: &[&str]) -> bool {
    let ok = || -> PolarsResult<bool> {
        let iso3 = df.column(cols::ISO3)?.str()?;
        let year = df.column(cols::YEAR)?.i32()?;
        let value = df.column(cols::VALUE)?.f64()?;
        let rank = df.column(cols::PUBLISHED_RANK)?.u32()?;
        let published = df.column(cols::PUBLISHED)?.str()?;
        let vintage = df.column(cols::VINTAGE)?.str()?;
        let flag = df.column(cols::FLAG)?.str()?;
        if !vintage.iter().flatten().all(|v| vintages.contains(&v)) {
            return Ok(false);
        }
        let known_flag = |t: &str| OBS_FLAGS.iter().any(|(f, _)| *f == t);
        if !flag.iter().flatten().all(|f| {
            f.split(';')
                .all(|t| known_flag(t.trim()) && !t.trim().is_empty())
        }) {
            return Ok(false);
        }
        if df.height() == 0 || iso3.null_count() > 0 || year.null_count() > 0 {
            return Ok(false);
        }
        // A line break inside a field is a quote opened and not closed: the located reader
        // names it.
        for name in [
            cols::ISO3,
            cols::PUBLISHED,
            cols::SOURCE_NAME,
            cols::NOTE,
            cols::VINTAGE,
        ] {
            if df
                .column(name)?
                .str()?
                .iter()
                .flatten()
                .any(|t| t.contains(['\n', '\r']))
            {
                return Ok(false);
            }
        }
        if !year.iter().flatten().all(|y| YEARS.contains(&y))
            || !value.iter().flatten().all(f64::is_finite)
            || !rank.iter().flatten().all(|r| r > 0)
        {
            return Ok(false);
        }
        if value
            .iter()
            .zip(rank.iter())
            .any(|(v, r)| v.is_none() && r.is_none())
        {
            return Ok(false);
        }
        let mut dates: HashMap<&str, bool> = HashMap::new();
        for p in published.iter().flatten() {
            if !*dates
                .entry(p)
                .or_insert_with(|| p.trim() == p && PartialDate::parse(p).is_ok())
            {
                return Ok(false);
            }
        }
        if let Some(countries) = countries {
            let mut seen: HashSet<&str> = HashSet::new();
            for code in iso3.iter().flatten() {
                if seen.insert(code) && !countries.knows(code) {
                    return Ok(false);
                }
            }
        }
        // One row per country, year, publication (and vintage).
        let mut keys: HashSet<(&str, i32, &str, &str)> = HashSet::with_capacity(df.height());
        for (((c, y), p), v) in iso3
            .iter()
            .zip(year.iter())
            .zip(published.iter())
            .zip(vintage.iter())
        {
            let key = (
                c.unwrap_or(""),
                y.unwrap_or(0),
                p.unwrap_or(""),
                v.unwrap_or(""),
            );
            if !keys.insert(key) {
                return Ok(false);
            }
        }
        Ok(true)
    };
    ok().unwrap_or(false)
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
mod tests {
    use super::*;

    fn fast(text: &str) -> Option<DataFrame> {
        fast_read(text.as_bytes(), None, &[], false)
    }

    #[test]
    fn a_clean_file_is_read_by_polars_with_every_column() {
        let df = fast("iso3,year,value,published_rank\nKOR,2019,868,2\nAUT,2019,,14\n")
            .expect("fast path");
        assert_eq!(df.height(), 2);
        assert_eq!(df.width(), FRAME_COLUMNS.len());
        let obs = observations_of(&df).expect("rows");
        assert_eq!(obs[0].value, Some(868.0));
        assert_eq!((obs[1].value, obs[1].published_rank), (None, Some(14)));
        assert_eq!(obs[1].vintage, None);
        assert!(obs[1].flags.is_empty());
    }

    #[test]
    fn anything_doubtful_goes_to_the_located_reader() {
        for bad in [
            "iso3,year,value\nKOR,2019,abc\n",
            "iso3,year,value\nKOR,1700,1\n",
            "iso3,year,value\nKOR,2019,1\nKOR,2019,2\n",
            "iso3,year,value\nKOR,2019,\n",
            "iso3,year,value,published_rank\nKOR,2019,1,0\n",
            "iso3,year,value,published\nKOR,2019,1,2021-13\n",
            "iso3,year,value,rank\nKOR,2019,1,2\n",
            "iso3,year\nKOR,2019\n",
            "iso3,year,value\r\nKOR,2019,1\r\n",
            "iso3,year,value\nKOR,2019,1,9\n",
            "iso3,year,value\n",
            "iso3,year,value,note\nKOR,2019,1,\"two\nlines\"\n",
        ] {
            assert!(fast(bad).is_none(), "fast path accepted {bad:?}");
        }
    }

    #[test]
    fn every_prepared_embedded_file_is_the_frame_polars_reads_from_its_text() {
        let files: Vec<_> = prepared::prepared_files().collect();
        let csvs = crate::catalog::Catalog::open(DataSource::Embedded)
            .expect("catalog")
            .indicators()
            .len();
        assert!(
            files.len() >= csvs,
            "{} prepared, {csvs} indicators",
            files.len()
        );
        for (dataset, file) in files {
            let bytes = DataSource::Embedded.read(dataset, file).expect("file");
            let csv = fast_read(&bytes, None, &[], true).expect("Polars reads it");
            let prepared = prepared::frame(dataset, file).expect("decodes");
            assert_eq!(csv.schema(), prepared.schema(), "{dataset}/{file}");
            assert!(csv.equals_missing(&prepared), "{dataset}/{file}");
        }
    }

    #[test]
    fn a_damaged_prepared_frame_is_not_used() {
        let header = ["iso3", "year", "value"].map(String::from);
        let rows = vec![["KOR", "2019", "868.5"].map(String::from).to_vec()];
        let bytes = crate::catalog::frame_layout::encode(&header, &rows).expect("encodes");
        let df = prepared::decode(&bytes).expect("decodes");
        assert_eq!(
            df.column(cols::VALUE)
                .expect("value")
                .f64()
                .expect("f64")
                .get(0),
            Some(868.5)
        );
        assert!(prepared::decode(&bytes[..bytes.len() - 1]).is_none());
        let mut longer = bytes.clone();
        longer.push(0);
        assert!(prepared::decode(&longer).is_none());
        let ragged = vec![vec!["KOR".to_string(), "2019".to_string()]];
        assert!(crate::catalog::frame_layout::encode(&header, &ragged).is_none());
        let bad = vec![["KOR", "2019", "abc"].map(String::from).to_vec()];
        assert!(crate::catalog::frame_layout::encode(&header, &bad).is_none());
    }

    #[test]
    fn both_paths_give_the_same_frame() {
        let text = "iso3,year,value,published,note\nKOR,2019,868,2021-01-27,a\nJPN,2019,364,,\n";
        let df = fast(text).expect("fast");
        let table =
            crate::catalog::load::CsvTable::parse("t.csv", text, &OBS_REQUIRED).expect("table");
        let obs = crate::catalog::load::parse_observations(&table).expect("rows");
        let slow = frame_from_observations(&obs).expect("frame");
        assert!(df.equals_missing(&slow), "{df}\n{slow}");
    }
}
