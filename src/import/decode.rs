//! The input file's bytes as UTF-8: checked in one streaming pass; UTF-8 (BOM skipped) is then
//! read again from the file, while UTF-16 (with or without BOM) and Windows-1252/Latin-1 are
//! converted in memory. Every problem is placed at a line and column, never a byte offset.

use super::scan::count_breaks;
use crate::error::{Error, Result};
use std::io::Read;
use std::path::{Path, PathBuf};

/// How the input file's bytes were decoded.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TextEncoding {
    Utf8,
    /// UTF-8 with a byte-order mark (skipped).
    Utf8Bom,
    /// Not valid UTF-8; every byte is a Windows-1252 character, so it was read as such.
    Windows1252 {
        /// Line and column of the first byte that is not valid UTF-8.
        line: u64,
        column: u64,
    },
    /// UTF-16, converted; `bom`: it started with a byte-order mark.
    Utf16 {
        big_endian: bool,
        bom: bool,
    },
}

/// Where the UTF-8 text comes from.
pub enum Input {
    /// The file itself, after `skip` bytes (a BOM).
    File { path: PathBuf, skip: u64 },
    /// Converted text.
    Memory(Vec<u8>),
}

impl Input {
    pub fn into_reader(self) -> Result<Box<dyn Read + Send>> {
        match self {
            Input::File { path, skip } => {
                let mut f = std::fs::File::open(&path).map_err(|e| Error::io(&path, e))?;
                std::io::Seek::seek(&mut f, std::io::SeekFrom::Start(skip))
                    .map_err(|e| Error::io(&path, e))?;
                Ok(Box::new(std::io::BufReader::with_capacity(1 << 16, f)))
            }
            Input::Memory(b) => Ok(Box::new(std::io::Cursor::new(b))),
        }
    }
}

/// Characters of Windows-1252 bytes 0x80–0x9F; `None` where the byte is undefined.
const CP1252_HIGH: [Option<char>; 32] = [
    Some('€'),
    None,
    Some('‚'),
    Some('ƒ'),
    Some('„'),
    Some('…'),
    Some('†'),
    Some('‡'),
    Some('ˆ'),
    Some('‰'),
    Some('Š'),
    Some('‹'),
    Some('Œ'),
    None,
    Some('Ž'),
    None,
    None,
    Some('‘'),
    Some('’'),
    Some('“'),
    Some('”'),
    Some('•'),
    Some('–'),
    Some('—'),
    Some('˜'),
    Some('™'),
    Some('š'),
    Some('›'),
    Some('œ'),
    None,
    Some('ž'),
    Some('Ÿ'),
];

const BLOCK: usize = 1 << 20;

/// Line and column (1-based; column in characters, decoded lossily) of byte `offset` of `b`.
pub fn position(b: &[u8], offset: usize) -> (u64, u64) {
    let before = &b[..offset.min(b.len())];
    let start = before
        .iter()
        .rposition(|&c| c == b'\n' || c == b'\r')
        .map_or(0, |p| p + 1);
    let column = String::from_utf8_lossy(&before[start..]).chars().count() as u64 + 1;
    (count_breaks(before) + 1, column)
}

fn data_error(file: &str, (line, column): (u64, u64), message: String) -> Error {
    Error::Data {
        file: file.into(),
        line,
        column,
        message,
    }
}

/// Decides how to read `path`; `file` names it in errors.
pub fn open(file: &str, path: &Path) -> Result<(Input, TextEncoding)> {
    let io = |e| Error::io(path, e);
    let mut f = std::fs::File::open(path).map_err(io)?;
    let mut block = vec![0u8; BLOCK];
    let mut carry: Vec<u8> = Vec::new();
    let mut first = true;
    let mut bom = false;
    // Bytes of the file before `carry`.
    let mut seen = 0usize;
    loop {
        let n = read_full(&mut f, &mut block).map_err(io)?;
        if first {
            first = false;
            let head = &block[..n];
            if head.starts_with(&[0xff, 0xfe]) || head.starts_with(&[0xfe, 0xff]) {
                return utf16(file, path, head.starts_with(&[0xfe, 0xff]), true);
            }
            if let Some(big_endian) = looks_utf16(head) {
                return utf16(file, path, big_endian, false);
            }
            bom = head.starts_with(&[0xef, 0xbb, 0xbf]);
        }
        if n == 0 {
            if !carry.is_empty() {
                return latin1(file, path, seen);
            }
            break;
        }
        carry.extend_from_slice(&block[..n]);
        if let Some(z) = memchr::memchr(0, &carry) {
            return Err(nul_error(file, path, seen + z));
        }
        match std::str::from_utf8(&carry) {
            Ok(_) => {
                seen += carry.len();
                carry.clear();
            }
            Err(e) if e.error_len().is_none() => {
                // A character cut at the block's end: keep its first bytes for the next block.
                let ok = e.valid_up_to();
                seen += ok;
                carry.drain(..ok);
            }
            Err(e) => return latin1(file, path, seen + e.valid_up_to()),
        }
    }
    let enc = if bom {
        TextEncoding::Utf8Bom
    } else {
        TextEncoding::Utf8
    };
    let skip = if bom { 3 } else { 0 };
    Ok((
        Input::File {
            path: path.to_path_buf(),
            skip,
        },
        enc,
    ))
}

fn read_full(f: &mut std::fs::File, buf: &mut [u8]) -> std::io::Result<usize> {
    let mut got = 0;
    while got < buf.len() {
        match f.read(&mut buf[got..]) {
            Ok(0) => break,
            Ok(n) => got += n,
            Err(e) if e.kind() == std::io::ErrorKind::Interrupted => {}
            Err(e) => return Err(e),
        }
    }
    Ok(got)
}

/// UTF-16 without a BOM: most even (LE: odd) bytes of the start are zero and the others not.
fn looks_utf16(head: &[u8]) -> Option<bool> {
    let h = &head[..head.len().min(2000) & !1];
    if h.len() < 4 {
        return None;
    }
    let pairs = h.len() / 2;
    let zero_hi = h.chunks(2).filter(|p| p[0] != 0 && p[1] == 0).count();
    let zero_lo = h.chunks(2).filter(|p| p[0] == 0 && p[1] != 0).count();
    if zero_hi * 10 >= pairs * 9 {
        Some(false)
    } else if zero_lo * 10 >= pairs * 9 {
        Some(true)
    } else {
        None
    }
}

fn nul_error(file: &str, path: &Path, offset: usize) -> Error {
    let prefix = read_prefix(path, offset).unwrap_or_default();
    data_error(
        file,
        position(&prefix, offset),
        "a NUL byte: this is not a text CSV (a binary file, or a spreadsheet not saved as CSV); save it as CSV UTF-8".into(),
    )
}

fn read_prefix(path: &Path, len: usize) -> std::io::Result<Vec<u8>> {
    let mut out = Vec::new();
    std::fs::File::open(path)?
        .take(len as u64)
        .read_to_end(&mut out)?;
    Ok(out)
}

fn utf16(file: &str, path: &Path, big_endian: bool, bom: bool) -> Result<(Input, TextEncoding)> {
    let bytes = std::fs::read(path).map_err(|e| Error::io(path, e))?;
    let body = if bom { &bytes[2..] } else { &bytes[..] };
    let units = body.chunks(2).map(|p| match (p, big_endian) {
        ([a, b], false) => u16::from_le_bytes([*a, *b]),
        ([a, b], true) => u16::from_be_bytes([*a, *b]),
        _ => 0xfffd,
    });
    let mut text = String::with_capacity(body.len() / 2);
    for c in char::decode_utf16(units) {
        match c {
            Ok('\0') | Err(_) => {
                let t = text.as_bytes();
                return Err(data_error(
                    file,
                    position(t, t.len()),
                    "not valid UTF-16 text (a NUL or a broken surrogate pair); save the file as CSV UTF-8".into(),
                ));
            }
            Ok(c) => text.push(c),
        }
    }
    Ok((
        Input::Memory(text.into_bytes()),
        TextEncoding::Utf16 { big_endian, bom },
    ))
}

fn latin1(file: &str, path: &Path, first_bad: usize) -> Result<(Input, TextEncoding)> {
    let bytes = std::fs::read(path).map_err(|e| Error::io(path, e))?;
    let body = bytes.strip_prefix(&[0xef, 0xbb, 0xbf]).unwrap_or(&bytes);
    let shift = bytes.len() - body.len();
    let mut text = String::with_capacity(body.len() + body.len() / 8);
    for (i, &b) in body.iter().enumerate() {
        let c = match b {
            0x00 => None,
            0x80..=0x9f => CP1252_HIGH[usize::from(b - 0x80)],
            _ => Some(char::from(b)),
        };
        match c {
            Some(c) => text.push(c),
            None => {
                return Err(data_error(
                    file,
                    position(body, i),
                    format!(
                        "byte 0x{b:02X} is neither UTF-8 nor Windows-1252/Latin-1 text (the first non-UTF-8 byte is at line {}); save the file as CSV UTF-8",
                        position(&bytes, first_bad).0
                    ),
                ))
            }
        }
    }
    let (line, column) = position(body, first_bad.saturating_sub(shift));
    Ok((
        Input::Memory(text.into_bytes()),
        TextEncoding::Windows1252 { line, column },
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn open_bytes(b: &[u8]) -> Result<(Vec<u8>, TextEncoding)> {
        let dir = tempfile::tempdir().expect("tmp");
        let p = dir.path().join("f.csv");
        std::fs::write(&p, b).expect("write");
        let (input, enc) = open("f.csv", &p)?;
        let mut out = vec![];
        input.into_reader()?.read_to_end(&mut out).expect("read");
        Ok((out, enc))
    }

    #[test]
    fn utf8_bom_utf16_and_latin1() {
        let (t, e) = open_bytes(b"\xef\xbb\xbfa,b").expect("utf8");
        assert_eq!((t.as_slice(), e), (&b"a,b"[..], TextEncoding::Utf8Bom));
        let (t, e) = open_bytes(b"x\nT\xfcrkiye \x80").expect("latin1");
        assert_eq!(String::from_utf8(t).expect("utf8"), "x\nTürkiye €");
        assert_eq!(e, TextEncoding::Windows1252 { line: 2, column: 2 });
        let err = open_bytes(b"ab\n\xff\x81").expect_err("undefined byte");
        assert!(err.to_string().starts_with("f.csv:2:2:"), "{err}");
        let le: Vec<u8> = "a,b\n".encode_utf16().flat_map(u16::to_le_bytes).collect();
        let (t, e) = open_bytes(&le).expect("utf16");
        assert_eq!(t, b"a,b\n");
        assert_eq!(
            e,
            TextEncoding::Utf16 {
                big_endian: false,
                bom: false
            }
        );
        let err = open_bytes(b"a,b\n1,\x002\n").expect_err("nul");
        assert!(err.to_string().starts_with("f.csv:2:3:"), "{err}");
    }
}
