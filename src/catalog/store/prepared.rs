//! Frames of the embedded observation files from their build-time columns
//! ([`crate::catalog::frame_layout`]): no CSV parse on the commands' path.

use super::null_column;
use crate::catalog::frame_layout::{Kind, FRAME_COLUMNS};
use polars::prelude::*;
use polars_arrow::bitmap::Bitmap;

mod table {
    include!(concat!(env!("OUT_DIR"), "/embedded_frames.rs"));
}

/// The frame of an embedded file, where `build.rs` prepared its columns, every column
/// materialised (the commands read them many times).
pub(super) fn frame(dataset: &str, file: &str) -> Option<DataFrame> {
    let mut df = decode(embedded(dataset, file)?)?;
    for (name, kind) in FRAME_COLUMNS.iter() {
        if matches!(df.column(name).ok()?, Column::Scalar(_)) {
            let rows = df.height();
            df.with_column(null_column(name, rows, &super::dtype(*kind)))
                .ok()?;
        }
    }
    Some(df)
}

/// An embedded file as `validate` checks it: see [`ToCheck`].
pub(super) fn to_check(dataset: &str, file: &str) -> Option<ToCheck<'static>> {
    decode_to_check(embedded(dataset, file)?)
}

/// The prepared bytes of an embedded file, if `build.rs` prepared it.
fn embedded(dataset: &str, file: &str) -> Option<&'static [u8]> {
    let (_, _, bytes) = table::EMBEDDED_FRAMES
        .iter()
        .find(|(d, f, _)| *d == dataset && *f == file)?;
    Some(bytes)
}

/// A prepared file before its text columns are gathered: its number columns in a frame (the
/// text columns null there), its text columns as stored, and the columns the file lacks null
/// scalars, never materialised.
pub(super) struct ToCheck<'a> {
    pub df: DataFrame,
    pub texts: Vec<(&'static str, Dictionary<'a>)>,
}

/// A text column as stored: its distinct values and one index a row, every index in range
/// (a null row's index names nothing).
pub(super) struct Dictionary<'a> {
    pub distinct: Vec<&'a str>,
    /// The distinct values end to end, as stored (one search for a character in every value).
    pub joined: &'a str,
    pub codes: Vec<u32>,
    pub validity: Option<Bitmap>,
}

/// Whether `build.rs` prepared this embedded file (for the test that compares both readings).
#[cfg(test)]
pub(super) fn prepared_files() -> impl Iterator<Item = (&'static str, &'static str)> {
    table::EMBEDDED_FRAMES.iter().map(|(d, f, _)| (*d, *f))
}

/// Reads the layout; `None` (the CSV text is read instead) if it is not what `encode` wrote.
pub(super) fn decode(bytes: &[u8]) -> Option<DataFrame> {
    decode_with(bytes, None)
}

/// Reads the layout, the text columns kept as stored; see [`ToCheck`].
pub(super) fn decode_to_check(bytes: &[u8]) -> Option<ToCheck<'_>> {
    let mut texts = Vec::new();
    let df = decode_with(bytes, Some(&mut texts))?;
    Some(ToCheck { df, texts })
}

/// Reads the layout: text columns gathered into the frame or, given `texts`, kept there as
/// stored (and null in the frame).
fn decode_with<'a>(
    bytes: &'a [u8],
    mut texts: Option<&mut Vec<(&'static str, Dictionary<'a>)>>,
) -> Option<DataFrame> {
    let mut r = Bytes { bytes, at: 0 };
    let rows = r.u32()? as usize;
    let present = r.take(1)?[0];
    let mut columns: Vec<Option<Column>> = vec![None; FRAME_COLUMNS.len()];
    for _ in 0..present {
        let i = r.take(1)?[0] as usize;
        let (name, kind) = *FRAME_COLUMNS.get(i)?;
        let validity = validity(r.take(rows.div_ceil(8))?, rows)?;
        let name: PlSmallStr = name.into();
        let column = match (kind, texts.as_deref_mut()) {
            (Kind::Text, Some(texts)) => {
                let d = dictionary(&mut r, rows, validity)?;
                // An all-null column is as absent.
                if d.validity.as_ref().is_none_or(|v| v.unset_bits() < rows) {
                    texts.push((FRAME_COLUMNS[i].0, d));
                }
                continue;
            }
            (Kind::Text, None) => text(dictionary(&mut r, rows, validity)?, name, rows)?,
            (Kind::I32, _) => {
                let v = values(r.take(4 * rows)?, i32::from_le_bytes)?;
                Int32Chunked::from_vec_validity(name, v, validity).into_column()
            }
            (Kind::U32, _) => {
                let v = values(r.take(4 * rows)?, u32::from_le_bytes)?;
                UInt32Chunked::from_vec_validity(name, v, validity).into_column()
            }
            (Kind::F64, _) => {
                let v = values(r.take(8 * rows)?, f64::from_le_bytes)?;
                Float64Chunked::from_vec_validity(name, v, validity).into_column()
            }
        };
        *columns.get_mut(i)? = Some(column);
    }
    if r.at != bytes.len() {
        return None;
    }
    let columns = columns
        .into_iter()
        .zip(FRAME_COLUMNS.iter())
        .map(|(c, (name, kind))| {
            c.unwrap_or_else(|| Column::full_null((*name).into(), rows, &super::dtype(*kind)))
        })
        .collect();
    DataFrame::new(rows, columns).ok()
}

/// The validity bitmap as stored (`Some(None)` when every row has a value; `None` when the
/// bytes are not a bitmap of `rows` bits).
fn validity(bits: &[u8], rows: usize) -> Option<Option<Bitmap>> {
    let bitmap = Bitmap::try_new(bits.to_vec(), rows).ok()?;
    Some((bitmap.unset_bits() > 0).then_some(bitmap))
}

/// A text column as stored; `None` if an index is out of range.
fn dictionary<'a>(
    r: &mut Bytes<'a>,
    rows: usize,
    validity: Option<Bitmap>,
) -> Option<Dictionary<'a>> {
    let count = r.u32()? as usize;
    let ends = values(r.take(4 * (count.checked_add(1)?))?, u32::from_le_bytes)?;
    let bytes = std::str::from_utf8(r.take(*ends.last()? as usize)?).ok()?;
    let distinct = ends
        .windows(2)
        .map(|w| bytes.get(w[0] as usize..w[1] as usize))
        .collect::<Option<Vec<&str>>>()?;
    let codes = values(r.take(4 * rows)?, u32::from_le_bytes)?;
    let all_null = validity.as_ref().is_some_and(|v| v.unset_bits() == rows);
    // (The largest index, found without an early exit, in a loop the compiler vectorises.)
    if !all_null
        && codes
            .iter()
            .copied()
            .max()
            .is_some_and(|c| c as usize >= count)
    {
        return None;
    }
    Some(Dictionary {
        distinct,
        joined: bytes,
        codes,
        validity,
    })
}

/// A text column: its distinct values gathered by each row's index.
fn text(d: Dictionary, name: PlSmallStr, rows: usize) -> Option<Column> {
    if d.validity.as_ref().is_some_and(|v| v.unset_bits() == rows) {
        return Some(Column::full_null(name, rows, &DataType::String));
    }
    let dictionary = StringChunked::from_iter_values(name.clone(), d.distinct.into_iter());
    let index = IdxCa::from_vec_validity(name, d.codes, d.validity);
    Some(dictionary.take(&index).ok()?.into_column())
}

/// Fixed-width little-endian numbers, `N` bytes each.
fn values<const N: usize, T>(data: &[u8], read: impl Fn([u8; N]) -> T) -> Option<Vec<T>> {
    let chunks = data.chunks_exact(N);
    if !chunks.remainder().is_empty() {
        return None;
    }
    // (Every chunk has `N` bytes; the fallback is never taken.)
    Some(
        chunks
            .map(|b| read(b.try_into().unwrap_or([0; N])))
            .collect(),
    )
}

fn read_u32(b: &[u8]) -> Option<u32> {
    Some(u32::from_le_bytes(b.get(..4)?.try_into().ok()?))
}

/// A cursor over the prepared bytes.
struct Bytes<'a> {
    bytes: &'a [u8],
    at: usize,
}

impl<'a> Bytes<'a> {
    fn take(&mut self, n: usize) -> Option<&'a [u8]> {
        let out = self.bytes.get(self.at..self.at.checked_add(n)?)?;
        self.at += n;
        Some(out)
    }
    fn u32(&mut self) -> Option<u32> {
        read_u32(self.take(4)?)
    }
}
