//! The record scanner: splits UTF-8 CSV bytes into records with their exact first line,
//! counting `\n`, `\r\n` and a lone `\r` each as one line break, and sorts them into chunks.
//!
//! A chunk holds *regular* records (the header's number of fields, quotes only around whole
//! fields, no line break inside a field), copied one per `\n`-terminated line so that Polars
//! can parse them as they are, and *other* records (ragged, oddly quoted, with an embedded
//! line break), kept as bytes for the `csv` crate to read one by one. Blank lines and rows of
//! empty fields are counted and dropped. The scanner never holds more than one chunk plus the
//! read-ahead in memory; a quote that is never closed is an error naming the line it opened on.

use crate::error::{Error, Result};
use std::io::Read;

mod record;
pub use record::count_breaks;
use record::{open_quote_position, shape, Shape};

/// Bytes read from the source per call.
pub const READ_BLOCK: usize = 4 << 20;

/// A record that Polars must not parse.
#[derive(Debug, Clone)]
pub struct Other {
    pub line: u64,
    pub bytes: Vec<u8>,
}

/// Records between two points of the file.
#[derive(Debug, Default)]
pub struct Chunk {
    /// Regular records, each followed by one `\n`.
    pub bytes: Vec<u8>,
    /// First line of each regular record.
    pub lines: Vec<u64>,
    /// Where each regular record starts in `bytes`.
    pub starts: Vec<usize>,
    pub others: Vec<Other>,
    /// Records whose fields are all empty (`,,,`): counted as rows, nothing to read.
    pub empty_rows: u64,
}

/// Streams records out of a reader.
pub struct Scanner<R: Read> {
    src: R,
    buf: Vec<u8>,
    pos: usize,
    eof: bool,
    /// Line the next record starts on.
    line: u64,
    file: String,
    block: usize,
}

impl<R: Read> Scanner<R> {
    pub fn new(file: &str, src: R, block: usize) -> Self {
        Scanner {
            src,
            buf: Vec::new(),
            pos: 0,
            eof: false,
            line: 1,
            file: file.to_string(),
            block,
        }
    }

    /// Reads more bytes, keeping the unconsumed tail; false at end of input.
    fn fill(&mut self) -> Result<bool> {
        if self.eof {
            return Ok(false);
        }
        if self.pos > 0 {
            self.buf.drain(..self.pos);
            self.pos = 0;
        }
        let old = self.buf.len();
        loop {
            match (&mut self.src)
                .take(self.block as u64)
                .read_to_end(&mut self.buf)
            {
                Ok(_) => break,
                Err(e) if e.kind() == std::io::ErrorKind::Interrupted => {}
                Err(e) => return Err(Error::io(&self.file, e)),
            }
        }
        let got = self.buf.len() - old;
        if got < self.block {
            self.eof = true;
        }
        Ok(got > 0)
    }

    /// The next record's bytes (without line break) and its first line; `None` at the end.
    /// Blank lines are skipped (they still count as lines).
    fn next_shape(&mut self) -> Result<Option<(Shape, u64)>> {
        loop {
            if self.pos >= self.buf.len() && !self.fill()? {
                return Ok(None);
            }
            match shape(&self.buf[self.pos..], self.eof) {
                Some(s) => return Ok(Some((s, self.line))),
                None if self.eof => {
                    return Err(self.unterminated());
                }
                None => {
                    if !self.fill()? {
                        // Input ended inside the record: look again knowing it is the end.
                        self.eof = true;
                    }
                }
            }
        }
    }

    fn unterminated(&self) -> Error {
        // Find where the open quote is: re-scan the record with positions.
        let rec = &self.buf[self.pos..];
        let (line, column) = open_quote_position(rec, self.line);
        Error::Data {
            file: self.file.clone(),
            line,
            column,
            message: "a quote opened here is never closed, so the rest of the file would be one field; close the quote (or double it as \"\" inside a quoted field)".into(),
        }
    }

    /// The header record's bytes and line.
    pub fn header(&mut self) -> Result<Option<(Vec<u8>, u64)>> {
        while let Some((s, line)) = self.next_shape()? {
            let bytes = self.buf[self.pos..self.pos + s.len].to_vec();
            self.advance(&s);
            if s.content {
                return Ok(Some((bytes, line)));
            }
        }
        Ok(None)
    }

    fn advance(&mut self, s: &Shape) {
        self.pos += s.consumed;
        self.line += s.breaks;
    }

    /// The next chunk of about `target` bytes in new buffers (tests).
    #[cfg(test)]
    pub fn chunk(&mut self, fields: usize, target: usize) -> Result<Option<Chunk>> {
        self.chunk_into(Chunk::default(), fields, target)
    }

    /// The next chunk of about `target` bytes; `None` at the end. It is read into the buffers
    /// of a chunk already read (cleared first, their memory kept: each chunk of a large file
    /// would otherwise be fresh memory to fault in).
    pub fn chunk_into(
        &mut self,
        mut c: Chunk,
        fields: usize,
        target: usize,
    ) -> Result<Option<Chunk>> {
        c.bytes.clear();
        c.lines.clear();
        c.starts.clear();
        c.others.clear();
        c.empty_rows = 0;
        c.bytes.reserve(target + target / 8);
        let mut any = false;
        while c.bytes.len() < target {
            let Some((s, line)) = self.next_shape()? else {
                break;
            };
            any = true;
            let rec = &self.buf[self.pos..self.pos + s.len];
            if !s.content {
                if s.len > 0 {
                    c.empty_rows += 1;
                }
            } else {
                if s.regular && s.visible && s.fields == fields {
                    c.starts.push(c.bytes.len());
                    c.lines.push(line);
                    c.bytes.extend_from_slice(rec);
                    c.bytes.push(b'\n');
                } else {
                    c.others.push(Other {
                        line,
                        bytes: rec.to_vec(),
                    });
                }
            }
            self.advance(&s);
        }
        Ok(any.then_some(c))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn scan(text: &str) -> Result<(u64, Vec<(u64, bool)>)> {
        let mut s = Scanner::new("t.csv", text.as_bytes(), 3);
        let (_, hl) = s.header()?.expect("header");
        let mut out = vec![];
        while let Some(c) = s.chunk(2, 1 << 20)? {
            out.extend(c.lines.iter().map(|l| (*l, true)));
            out.extend(c.others.iter().map(|o| (o.line, false)));
        }
        out.sort();
        Ok((hl, out))
    }

    #[test]
    fn lines_count_every_kind_of_break_and_blank_line() {
        for eol in ["\n", "\r\n", "\r"] {
            let text = ["a,b", "1,2", "", "", "3,4", "\"x", "y\",5", "6,7,8", ""].join(eol);
            let (hl, recs) = scan(&text).expect("scans");
            assert_eq!(hl, 1);
            assert_eq!(
                recs,
                vec![(2, true), (5, true), (6, false), (8, false)],
                "{eol:?}"
            );
        }
    }

    #[test]
    fn unterminated_quote_names_the_line_it_opened_on() {
        let text = "a,b\n1,2\n3,\"oops\n4,5\n6,7\n";
        let err = scan(text).expect_err("open quote");
        assert_eq!(err.to_string().split(": ").next(), Some("t.csv:3:3"));
    }

    #[test]
    fn quotes_after_text_and_text_after_quotes_are_not_regular() {
        let (_, recs) = scan("a,b\nx\"y,1\n\"x\"y,2\n\"x\"\"y\",3\n").expect("scans");
        assert_eq!(recs, vec![(2, false), (3, false), (4, true)]);
    }
}
