//! One record's bytes: its shape (length, fields, whether Polars may parse it, line breaks)
//! and, for a quote never closed, where that quote opened.

/// What one record looked like.
pub(super) struct Shape {
    /// Byte length of the record without its line break.
    pub(super) len: usize,
    /// Bytes consumed including the line break.
    pub(super) consumed: usize,
    pub(super) fields: usize,
    pub(super) regular: bool,
    /// Any character in any field.
    pub(super) content: bool,
    /// Any visible ASCII character in any field (else the row may be blank to `trim`, and the
    /// `csv`-crate reader decides).
    pub(super) visible: bool,
    /// Line breaks inside the record (quoted) plus its terminator.
    pub(super) breaks: u64,
}

/// The shape of the record at the start of `b`, or `None` if it may continue past `b`
/// (`eof`: nothing follows `b`, so the record ends with it unless a quote is open).
pub(super) fn shape(b: &[u8], eof: bool) -> Option<Shape> {
    let mut i = 0;
    let mut fields = 1;
    let mut regular = true;
    let mut content = false;
    let mut visible = false;
    let mut breaks = 0u64;
    let mut field_start = true;
    loop {
        if i >= b.len() {
            if !eof {
                return None;
            }
            return Some(Shape {
                len: i,
                consumed: i,
                fields,
                regular,
                content,
                visible,
                breaks,
            });
        }
        match b[i] {
            b'"' if field_start => {
                // Quoted field: up to the closing quote, "" being an escaped quote.
                let mut j = i + 1;
                loop {
                    let k = j + memchr::memchr(b'"', &b[j..])?;
                    let inside = &b[j..k];
                    if inside.iter().any(|&c| c == b'\n' || c == b'\r') {
                        regular = false;
                        breaks += count_breaks(inside);
                    }
                    content |= k > j;
                    visible |= inside.iter().any(u8::is_ascii_graphic);
                    if b.get(k + 1) == Some(&b'"') {
                        content = true;
                        visible = true;
                        j = k + 2;
                        continue;
                    }
                    if k + 1 >= b.len() && !eof {
                        return None;
                    }
                    i = k + 1;
                    break;
                }
                field_start = false;
                if !matches!(b.get(i), None | Some(b',' | b'\n' | b'\r')) {
                    // Text after the closing quote: the csv crate keeps it, Polars may not.
                    regular = false;
                }
            }
            b',' => {
                fields += 1;
                field_start = true;
                i += 1;
            }
            b'\n' | b'\r' => {
                let mut end = i + 1;
                if b[i] == b'\r' {
                    if end >= b.len() && !eof {
                        return None;
                    }
                    if b.get(end) == Some(&b'\n') {
                        end += 1;
                    }
                }
                return Some(Shape {
                    len: i,
                    consumed: end,
                    fields,
                    regular,
                    content,
                    visible,
                    breaks: breaks + 1,
                });
            }
            c => {
                if c == b'"' {
                    regular = false;
                }
                content = true;
                visible |= c.is_ascii_graphic();
                field_start = false;
                i += 1;
            }
        }
    }
}

/// Line breaks in `b`: `\r\n`, `\n` and a lone `\r` count one each.
pub fn count_breaks(b: &[u8]) -> u64 {
    let mut n = 0;
    let mut i = 0;
    while i < b.len() {
        match b[i] {
            b'\n' => n += 1,
            b'\r' => {
                n += 1;
                if b.get(i + 1) == Some(&b'\n') {
                    i += 1;
                }
            }
            _ => {}
        }
        i += 1;
    }
    n
}

/// Line and column (1-based, in characters) of the quote that is never closed in `rec`, a
/// record starting on `line`.
pub(super) fn open_quote_position(rec: &[u8], line: u64) -> (u64, u64) {
    let mut i = 0;
    let mut field_start = true;
    let mut open = 0;
    while i < rec.len() {
        match rec[i] {
            b'"' if field_start => {
                open = i;
                match closing_quote(rec, i + 1) {
                    Some(k) => i = k + 1,
                    None => break,
                }
                field_start = false;
            }
            b',' => {
                field_start = true;
                i += 1;
            }
            _ => {
                field_start = false;
                i += 1;
            }
        }
    }
    let before = &rec[..open];
    let breaks = count_breaks(before);
    let line_start = before
        .iter()
        .rposition(|&c| c == b'\n' || c == b'\r')
        .map_or(0, |p| p + 1);
    let column = String::from_utf8_lossy(&before[line_start..])
        .chars()
        .count() as u64
        + 1;
    (line + breaks, column)
}

fn closing_quote(b: &[u8], mut j: usize) -> Option<usize> {
    loop {
        let k = j + memchr::memchr(b'"', &b[j..])?;
        if b.get(k + 1) == Some(&b'"') {
            j = k + 2;
        } else {
            return Some(k);
        }
    }
}
