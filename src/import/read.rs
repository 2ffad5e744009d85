//! Reads the records of a file into the [`Extractor`]: regular records through Polars' CSV
//! reader ([`super::parse`]; a chunk Polars cannot type is read again as text and parsed cell
//! by cell), the others — ragged, oddly quoted, with a line break in a field — one by one with
//! the `csv` crate, so each keeps its exact line. The scanner and Polars run one chunk ahead of
//! the extraction.

use super::extract::Extractor;
use super::number::{parse_value, Cell};
use super::parse::{col_name, Frame, FrameSpec, Parsed};
use super::scan::{Chunk, Scanner};
use crate::error::{Error, Result};
use polars::prelude::*;
use std::io::Read;

/// Regular records handed to Polars at a time.
pub const CHUNK_BYTES: usize = 8 << 20;

/// The header: the first non-blank record, parsed by the `csv` crate and trimmed.
pub fn header<R: Read>(file: &str, scanner: &mut Scanner<R>) -> Result<Vec<String>> {
    let empty = || Error::DataFile {
        file: file.into(),
        message: "the file is empty (no header line); export the table again as CSV".into(),
    };
    let (bytes, _) = scanner.header()?.ok_or_else(empty)?;
    let rec = records(&bytes).into_iter().next().ok_or_else(empty)?;
    let headers: Vec<String> = rec.iter().map(|h| h.trim().to_string()).collect();
    if headers.iter().all(String::is_empty) {
        return Err(empty());
    }
    Ok(headers)
}

/// Every record the `csv` crate sees in `bytes` (normally one).
fn records(bytes: &[u8]) -> Vec<csv::StringRecord> {
    let mut r = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .from_reader(bytes);
    let mut out = vec![];
    let mut rec = csv::StringRecord::new();
    // The text is valid UTF-8 and the record complete, so reading cannot fail; stop if it does.
    while let Ok(true) = r.read_record(&mut rec) {
        out.push(rec.clone());
    }
    out
}

/// Reads every remaining record; `progress` gets the rows read after each chunk.
///
/// Three stages overlap: the scanner thread finds the next chunk's records and has Polars
/// read them (on Polars' own threads) while this thread extracts the rows of the chunk before.
pub fn read_rows<R: Read + Send>(
    scanner: Scanner<R>,
    ex: &mut Extractor,
    chunk_bytes: usize,
    mut progress: Option<&mut dyn FnMut(u64)>,
) -> Result<()> {
    let fields = ex.headers.len();
    let spec = FrameSpec::new(ex);
    let polars = !ex.record_reader_only;
    let mut scanner = scanner;
    std::thread::scope(|scope| {
        let (tx, rx) = std::sync::mpsc::sync_channel::<Result<(Chunk, Option<Parsed>)>>(1);
        // Chunks read go back to the scanner to be filled again.
        let (back, returned) = std::sync::mpsc::sync_channel::<Chunk>(2);
        let spec = &spec;
        let producer = scope.spawn(move || loop {
            let reuse = returned.try_recv().unwrap_or_default();
            let next = scanner.chunk_into(reuse, fields, chunk_bytes);
            let stop = !matches!(next, Ok(Some(_)));
            let item = match next {
                Ok(Some(c)) => {
                    let parsed =
                        (polars && !c.lines.is_empty()).then(|| spec.parse(&c.bytes, spec.modes()));
                    Ok((c, parsed))
                }
                Ok(None) => break,
                Err(e) => Err(e),
            };
            if tx.send(item).is_err() || stop {
                break;
            }
        });
        let mut result = Ok(());
        for chunk in rx {
            match chunk {
                Ok((c, parsed)) => {
                    chunk_rows(ex, spec, &c, parsed);
                    spec.set_modes(ex);
                    if let Some(p) = progress.as_mut() {
                        p(ex.rows_read);
                    }
                    let _ = back.try_send(c);
                }
                Err(e) => {
                    result = Err(e);
                    break;
                }
            }
        }
        match producer.join() {
            Ok(()) => result,
            // Never a silently shorter file: a reading thread that stopped is an error.
            Err(_) => Err(Error::Compute(
                "the thread reading the file stopped before its end; nothing was written".into(),
            )),
        }
    })
}

/// The rows of one chunk; `parsed` is Polars' reading of its regular records, used if it was
/// read with the text modes now in force (else the chunk is read again).
fn chunk_rows(ex: &mut Extractor, spec: &FrameSpec, c: &Chunk, parsed: Option<Parsed>) {
    ex.rows_read += c.empty_rows;
    let framed = !ex.record_reader_only && !c.lines.is_empty() && {
        let modes: Vec<bool> = ex.cols.iter().map(|c| c.text_mode).collect();
        let parsed = match parsed {
            Some(p) if p.modes == modes => p,
            _ => spec.parse(&c.bytes, modes),
        };
        match &parsed.frame {
            Frame::Typed(df) => frame_rows(ex, spec, c, df, true),
            Frame::Text(Some(df)) => frame_rows(ex, spec, c, df, false),
            Frame::Text(None) => false,
        }
    };
    if !framed {
        for (i, &line) in c.lines.iter().enumerate() {
            let end = c.starts.get(i + 1).copied().unwrap_or(c.bytes.len());
            record_rows(ex, line, &c.bytes[c.starts[i]..end]);
        }
    }
    for o in &c.others {
        record_rows(ex, o.line, &o.bytes);
    }
}

/// The frame's rows; false if the frame does not match the chunk (then the caller reads the
/// records one by one).
fn frame_rows(
    ex: &mut Extractor,
    spec: &FrameSpec,
    c: &Chunk,
    df: &DataFrame,
    typed: bool,
) -> bool {
    if df.height() != c.lines.len() {
        return false;
    }
    let n = ex.headers.len();
    let mut text: Vec<Option<&StringChunked>> = vec![None; n];
    for &i in &spec.needed {
        if let Ok(col) = df.column(col_name(i).as_str()) {
            text[i] = col.str().ok();
        }
    }
    let slots = ex.cols.len();
    let mut values: Vec<Option<&Float64Chunked>> = vec![None; slots];
    for (s, v) in values.iter_mut().enumerate() {
        if typed && !ex.cols[s].text_mode {
            match df
                .column(col_name(ex.cols[s].index).as_str())
                .and_then(|c| c.f64())
            {
                Ok(ca) => *v = Some(ca),
                Err(_) => return false,
            }
        }
    }
    let arrays: Vec<_> = values
        .iter()
        .map(|v| {
            v.and_then(|ca| ca.downcast_iter().next())
                .map(|a| (a.values().as_slice(), a.validity()))
        })
        .collect();
    if values
        .iter()
        .zip(&arrays)
        .any(|(v, a)| v.is_some() && (a.is_none() || v.is_some_and(|ca| ca.chunks().len() != 1)))
    {
        return false;
    }
    let (unit, unit_mult) = (ex.plan.unit, ex.plan.unit_mult);
    let mut plain = vec![true; slots];
    for (r, &line) in c.lines.iter().enumerate() {
        let field = |i: usize| {
            text.get(i)
                .copied()
                .flatten()
                .and_then(|ca| ca.get(r))
                .unwrap_or("")
        };
        let row = ex.row(line, &field);
        let u = unit.map(field);
        let m = unit_mult.map(field);
        for s in 0..slots {
            match arrays[s] {
                Some((vals, validity)) => {
                    let v = vals[r];
                    let cell = if validity.is_none_or(|b| b.get_bit(r)) {
                        Cell::Number(v + 0.0, 0)
                    } else {
                        Cell::Missing
                    };
                    ex.value(&row, s, cell, &|| v.to_string(), u, m);
                }
                None => {
                    let t = field(ex.cols[s].index);
                    let cell = parse_value(t);
                    plain[s] &= polars_reads(t, &cell);
                    ex.value(&row, s, cell, &|| t.trim().to_string(), u, m);
                }
            }
        }
    }
    if !typed {
        // Columns Polars cannot type stay text for the rest of the file.
        for (col, ok) in ex.cols.iter_mut().zip(plain) {
            col.text_mode |= !ok;
        }
    }
    true
}

/// Whether Polars' typed read gives the same as `parse_value` for this text.
fn polars_reads(t: &str, cell: &Cell) -> bool {
    match cell {
        Cell::Missing => t.is_empty() || t == "..",
        Cell::Number(..) => t
            .bytes()
            .all(|b| b.is_ascii_digit() || matches!(b, b'.' | b'e' | b'E' | b'+' | b'-')),
        Cell::NotANumber => false,
    }
}

/// A record read with the `csv` crate: a ragged row or a row like any other.
fn record_rows(ex: &mut Extractor, line: u64, bytes: &[u8]) {
    for rec in records(bytes) {
        let fields: Vec<&str> = rec.iter().collect();
        if fields.len() != ex.headers.len() {
            ex.ragged(line, &fields);
            continue;
        }
        if fields.iter().all(|f| f.trim().is_empty()) {
            ex.rows_read += 1;
            continue;
        }
        let field = |i: usize| fields.get(i).copied().unwrap_or("");
        let row = ex.row(line, &field);
        let u = ex.plan.unit.map(field);
        let m = ex.plan.unit_mult.map(field);
        for s in 0..ex.cols.len() {
            let t = field(ex.cols[s].index);
            let cell = parse_value(t);
            ex.value(&row, s, cell, &|| t.trim().to_string(), u, m);
        }
    }
}
