//! Polars reads a chunk of regular records: value columns typed `Float64` (`..` and empty
//! cells null) unless they have turned out to need text, everything else as text; a chunk
//! Polars cannot type is read again all as text. The reading thread runs this one chunk ahead
//! of the rows being extracted, so the modes it used travel with the frame: the extractor
//! takes the frame only if they are still the modes of the file.

use super::extract::Extractor;
use super::layout::Values;
use crate::catalog::store::all_finite;
use polars::prelude::*;
use std::sync::atomic::{AtomicBool, Ordering};

/// What Polars is asked to read; fixed for a file but for the value columns in text mode.
pub struct FrameSpec {
    fields: usize,
    /// The columns a row needs (country, code, series, year, unit, values), in header order.
    pub needed: Vec<usize>,
    /// Per value column: its place in the header.
    value_index: Vec<usize>,
    /// Per value column: read as text (Polars could not type it in an earlier chunk).
    text_mode: Vec<AtomicBool>,
}

/// A chunk as Polars read it.
pub enum Frame {
    /// Value columns typed as `Float64`, but those in text mode.
    Typed(DataFrame),
    /// Polars could not type the chunk, so every column is text; `None` if it could not read
    /// it at all (then every record is read with the `csv` crate).
    Text(Option<DataFrame>),
}

/// A frame with the text modes it was read with.
pub struct Parsed {
    pub modes: Vec<bool>,
    pub frame: Frame,
}

pub fn col_name(i: usize) -> PlSmallStr {
    format!("c{i}").into()
}

impl FrameSpec {
    pub fn new(ex: &Extractor) -> Self {
        let p = ex.plan;
        let mut needed: Vec<usize> = [p.country, p.code, p.series_title, p.unit, p.unit_mult]
            .into_iter()
            .flatten()
            .chain(p.series.iter().copied())
            .chain(ex.cols.iter().map(|c| c.index))
            .collect();
        if let Values::Long { year, .. } | Values::Owid { year, .. } = p.values {
            needed.push(year);
        }
        needed.sort_unstable();
        needed.dedup();
        FrameSpec {
            fields: ex.headers.len(),
            needed,
            value_index: ex.cols.iter().map(|c| c.index).collect(),
            text_mode: ex
                .cols
                .iter()
                .map(|c| AtomicBool::new(c.text_mode))
                .collect(),
        }
    }

    /// The text modes now in force.
    pub fn modes(&self) -> Vec<bool> {
        self.text_mode
            .iter()
            .map(|m| m.load(Ordering::Acquire))
            .collect()
    }

    /// Records the extractor's text modes, for the chunks read from now on.
    pub fn set_modes(&self, ex: &Extractor) {
        for (m, c) in self.text_mode.iter().zip(&ex.cols) {
            m.store(c.text_mode, Ordering::Release);
        }
    }

    /// Reads `bytes` with the given text modes.
    pub fn parse(&self, bytes: &[u8], modes: Vec<bool>) -> Parsed {
        let typed: Vec<usize> = self
            .value_index
            .iter()
            .zip(&modes)
            .filter(|(_, &text)| !text)
            .map(|(&i, _)| i)
            .collect();
        let frame = match self.read(bytes, &typed) {
            Ok(df) if finite(&df, &typed) => Frame::Typed(df),
            _ => Frame::Text(self.read(bytes, &[]).ok()),
        };
        Parsed { modes, frame }
    }

    /// Polars' reading of the regular records, the columns in `typed` as `Float64`.
    fn read(&self, bytes: &[u8], typed: &[usize]) -> PolarsResult<DataFrame> {
        let schema: Schema = (0..self.fields)
            .map(|i| {
                let dt = if typed.contains(&i) {
                    DataType::Float64
                } else {
                    DataType::String
                };
                Field::new(col_name(i), dt)
            })
            .collect();
        // `..` (DataBank's missing marker) is null in a typed column; where the chunk has no
        // `..` at all, Polars is spared looking for it in every cell.
        let marker = memchr::memmem::find(bytes, b"..").is_some();
        let nulls: Vec<(PlSmallStr, PlSmallStr)> = typed
            .iter()
            .filter(|_| marker)
            .map(|&i| (col_name(i), "..".into()))
            .collect();
        CsvReadOptions::default()
            .with_has_header(false)
            .with_schema(Some(Arc::new(schema)))
            .with_projection(Some(Arc::new(self.needed.clone())))
            .with_rechunk(true)
            .with_raise_if_empty(false)
            .map_parse_options(move |o| {
                o.with_quote_char(Some(b'"'))
                    .with_null_values((!nulls.is_empty()).then(|| NullValues::Named(nulls.clone())))
            })
            .into_reader_with_file_handle(std::io::Cursor::new(bytes))
            .finish()
    }
}

/// Whether every typed value is finite (`inf`, `NaN`, `1e400` parse in Polars but are
/// rejected here with their text, so such a chunk is read again as text).
fn finite(df: &DataFrame, typed: &[usize]) -> bool {
    typed.iter().all(|&i| {
        df.column(col_name(i).as_str())
            .and_then(|c| c.f64().map(all_finite))
            .unwrap_or(false)
    })
}
