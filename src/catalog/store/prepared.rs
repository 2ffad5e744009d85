//! Frames of the embedded observation files from their build-time columns
//! ([`crate::catalog::frame_layout`]): no CSV parse on the commands' path.

use super::null_column;
use crate::catalog::frame_layout::{Kind, FRAME_COLUMNS};
use polars::prelude::*;

mod table {
    include!(concat!(env!("OUT_DIR"), "/embedded_frames.rs"));
}

/// The frame of an embedded file, where `build.rs` prepared its columns.
pub(super) fn frame(dataset: &str, file: &str) -> Option<DataFrame> {
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
        let valid = r.take(rows)?;
        let is = |k: usize| valid[k] == 1;
        let name: PlSmallStr = name.into();
        let column = match kind {
            Kind::Text => {
                let offsets = r.take(4 * (rows + 1))?;
                let at = |k: usize| read_u32(&offsets[4 * k..]).map(|o| o as usize);
                let text = std::str::from_utf8(r.take(at(rows)?)?).ok()?;
                let mut cells: Vec<Option<&str>> = Vec::with_capacity(rows);
                for k in 0..rows {
                    cells.push(match is(k) {
                        true => Some(text.get(at(k)?..at(k + 1)?)?),
                        false => None,
                    });
                }
                Column::new(name, cells)
            }
            Kind::I32 => Column::new(name, numbers(r.take(4 * rows)?, is, read_i32)?),
            Kind::U32 => Column::new(name, numbers(r.take(4 * rows)?, is, read_u32)?),
            Kind::F64 => Column::new(name, numbers(r.take(8 * rows)?, is, read_f64)?),
        };
        *columns.get_mut(i)? = Some(column);
    }
    if r.at != bytes.len() {
        return None;
    }
    let columns = columns
        .into_iter()
        .zip(FRAME_COLUMNS.iter())
        .map(|(c, (name, kind))| c.unwrap_or_else(|| null_column(name, rows, &super::dtype(*kind))))
        .collect();
    DataFrame::new(rows, columns).ok()
}

fn numbers<T: Copy>(
    data: &[u8],
    is: impl Fn(usize) -> bool,
    read: fn(&[u8]) -> Option<T>,
) -> Option<Vec<Option<T>>> {
    let width = std::mem::size_of::<T>();
    data.chunks_exact(width)
        .enumerate()
        .map(|(k, b)| if is(k) { read(b).map(Some) } else { Some(None) })
        .collect()
}

fn read_u32(b: &[u8]) -> Option<u32> {
    Some(u32::from_le_bytes(b.get(..4)?.try_into().ok()?))
}
fn read_i32(b: &[u8]) -> Option<i32> {
    Some(i32::from_le_bytes(b.get(..4)?.try_into().ok()?))
}
fn read_f64(b: &[u8]) -> Option<f64> {
    Some(f64::from_le_bytes(b.get(..8)?.try_into().ok()?))
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
