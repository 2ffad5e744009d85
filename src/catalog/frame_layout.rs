//! The observation frame's columns, and the prepared form of an embedded observation file:
//! `build.rs` (which includes this file by path) splits each embedded CSV into typed columns
//! once, at build time, so that a command builds the frame from them instead of parsing CSV
//! text on every start. The store decodes them ([`super::store`]); a unit test checks that every
//! embedded file's prepared frame equals the one Polars' CSV reader makes of the same file.
//!
//! Layout (little-endian): `rows: u32`, `columns: u8`, then per column present in the file its
//! index in [`FRAME_COLUMNS`], its validity bitmap (`ceil(rows / 8)` bytes, bit `i % 8` of byte
//! `i / 8` set where row `i` has a value: Arrow's own layout), and the values: 4 or 8
//! bytes per row for numbers (0 where null); for text its distinct values in order of first
//! appearance (`count: u32`, `count + 1` `u32` offsets, the UTF-8 bytes), then a `u32` per row
//! naming its value (0 where null). A text column holds few distinct values (codes, dates,
//! vintages, notes), so the frame is built by one gather and its checks meet each value once.

/// How a column's values are stored.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    Text,
    I32,
    U32,
    F64,
}

/// Every frame has these columns in this order, whatever the file had (absent ones are null).
pub const FRAME_COLUMNS: [(&str, Kind); 9] = [
    ("iso3", Kind::Text),
    ("year", Kind::I32),
    ("value", Kind::F64),
    ("published_rank", Kind::U32),
    ("published", Kind::Text),
    ("source_name", Kind::Text),
    ("note", Kind::Text),
    ("vintage", Kind::Text),
    ("flag", Kind::Text),
];

/// A CSV file's header and records as typed columns, or `None` where the file is anything but
/// clean as Polars' reader would read it with the frame's schema (an unknown or repeated column,
/// a number that does not parse, a ragged row, no rows, a year or code missing, a vintage
/// column with an empty cell): such a file is left to the reader that names the problem.
/// An empty field is null, as Polars reads it.
#[cfg_attr(not(test), allow(dead_code))]
pub fn encode(header: &[String], records: &[Vec<String>]) -> Option<Vec<u8>> {
    let mut order = Vec::with_capacity(header.len());
    for name in header {
        let i = FRAME_COLUMNS.iter().position(|(n, _)| n == name)?;
        if order.contains(&i) {
            return None;
        }
        order.push(i);
    }
    let rows = records.len();
    if rows == 0 || records.iter().any(|r| r.len() != header.len()) {
        return None;
    }
    let mut out = Vec::new();
    out.extend_from_slice(&u32::try_from(rows).ok()?.to_le_bytes());
    out.push(u8::try_from(order.len()).ok()?);
    for (at, &i) in order.iter().enumerate() {
        let (name, kind) = FRAME_COLUMNS[i];
        let cells: Vec<&str> = records.iter().map(|r| r[at].as_str()).collect();
        let must_fill = matches!(name, "iso3" | "year" | "vintage");
        if must_fill && cells.iter().any(|c| c.is_empty()) {
            return None;
        }
        out.push(i as u8);
        let mut validity = vec![0u8; rows.div_ceil(8)];
        for (row, c) in cells.iter().enumerate() {
            if !c.is_empty() {
                validity[row / 8] |= 1 << (row % 8);
            }
        }
        out.extend_from_slice(&validity);
        match kind {
            Kind::Text => {
                let mut distinct: Vec<&str> = Vec::new();
                let mut index: std::collections::HashMap<&str, u32> =
                    std::collections::HashMap::new();
                let mut codes = Vec::with_capacity(rows);
                for c in &cells {
                    let code = match c.is_empty() {
                        true => 0,
                        false => *index.entry(c).or_insert_with(|| {
                            distinct.push(c);
                            (distinct.len() - 1) as u32
                        }),
                    };
                    codes.push(code);
                }
                out.extend_from_slice(&u32::try_from(distinct.len()).ok()?.to_le_bytes());
                let mut offset = 0u32;
                out.extend_from_slice(&offset.to_le_bytes());
                for d in &distinct {
                    offset = offset.checked_add(u32::try_from(d.len()).ok()?)?;
                    out.extend_from_slice(&offset.to_le_bytes());
                }
                for d in &distinct {
                    out.extend_from_slice(d.as_bytes());
                }
                for code in codes {
                    out.extend_from_slice(&code.to_le_bytes());
                }
            }
            Kind::I32 => {
                for c in &cells {
                    let v: i32 = if c.is_empty() { 0 } else { c.parse().ok()? };
                    out.extend_from_slice(&v.to_le_bytes());
                }
            }
            Kind::U32 => {
                for c in &cells {
                    let v: u32 = if c.is_empty() { 0 } else { c.parse().ok()? };
                    out.extend_from_slice(&v.to_le_bytes());
                }
            }
            Kind::F64 => {
                for c in &cells {
                    let v: f64 = if c.is_empty() { 0.0 } else { c.parse().ok()? };
                    out.extend_from_slice(&v.to_le_bytes());
                }
            }
        }
    }
    Some(out)
}
