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
    let mut df = frame_to_check(dataset, file)?;
    for (name, kind) in FRAME_COLUMNS.iter() {
        if matches!(df.column(name).ok()?, Column::Scalar(_)) {
            let rows = df.height();
            df.with_column(null_column(name, rows, &super::dtype(*kind)))
                .ok()?;
        }
    }
    Some(df)
}

/// The frame of an embedded file for `validate`: the columns the file lacks are null scalars,
/// never materialised.
pub(super) fn frame_to_check(dataset: &str, file: &str) -> Option<DataFrame> {
    let (_, _, bytes) = table::EMBEDDED_FRAMES
        .iter()
        .find(|(d, f, _)| *d == dataset && *f == file)?;
    decode(bytes)
}

/// Whether `build.rs` prepared this embedded file (for the test that compares both readings).
#[cfg(test)]
pub(super) fn prepared_files() -> impl Iterator<Item = (&'static str, &'static str)> {
    table::EMBEDDED_FRAMES.iter().map(|(d, f, _)| (*d, *f))
}

/// Reads the layout; `None` (the CSV text is read instead) if it is not what `encode` wrote.
pub(super) fn decode(bytes: &[u8]) -> Option<DataFrame> {
    let mut r = Bytes { bytes, at: 0 };
    let rows = r.u32()? as usize;
    let present = r.take(1)?[0];
    let mut columns: Vec<Option<Column>> = vec![None; FRAME_COLUMNS.len()];
    for _ in 0..present {
        let i = r.take(1)?[0] as usize;
        let (name, kind) = *FRAME_COLUMNS.get(i)?;
        let validity = validity(r.take(rows.div_ceil(8))?, rows)?;
        let name: PlSmallStr = name.into();
        let column = match kind {
            Kind::Text => text(&mut r, name, rows, validity)?,
            Kind::I32 => {
                let v = values(r.take(4 * rows)?, i32::from_le_bytes)?;
                Int32Chunked::from_vec_validity(name, v, validity).into_column()
            }
            Kind::U32 => {
                let v = values(r.take(4 * rows)?, u32::from_le_bytes)?;
                UInt32Chunked::from_vec_validity(name, v, validity).into_column()
            }
            Kind::F64 => {
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

/// A text column: its distinct values, gathered by each row's index (a bounds-checked gather).
fn text(r: &mut Bytes, name: PlSmallStr, rows: usize, validity: Option<Bitmap>) -> Option<Column> {
    let count = r.u32()? as usize;
    let offsets = r.take(4 * (count.checked_add(1)?))?;
    let at = |k: usize| read_u32(&offsets[4 * k..]).map(|o| o as usize);
    let bytes = std::str::from_utf8(r.take(at(count)?)?).ok()?;
    let mut distinct = Vec::with_capacity(count);
    for k in 0..count {
        distinct.push(bytes.get(at(k)?..at(k + 1)?)?);
    }
    let codes = values(r.take(4 * rows)?, u32::from_le_bytes)?;
    if validity.as_ref().is_some_and(|v| v.unset_bits() == rows) {
        return Some(Column::full_null(name, rows, &DataType::String));
    }
    let dictionary = StringChunked::from_iter_values(name.clone(), distinct.into_iter());
    let codes = codes.into_iter().map(|c| c as IdxSize).collect();
    let index = IdxCa::from_vec_validity(name, codes, validity);
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
