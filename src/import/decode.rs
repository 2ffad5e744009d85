//! Bytes of a downloaded file to text: UTF-8 (BOM stripped), or Windows-1252 when plausible.

use crate::error::{Error, Result};

/// How the input file's bytes were decoded.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TextEncoding {
    Utf8,
    /// UTF-8 with a byte-order mark (removed).
    Utf8Bom,
    /// Not valid UTF-8; every byte is a Windows-1252 character, so it was read as such.
    Windows1252 {
        /// Byte offset of the first byte that is not valid UTF-8.
        first_non_utf8: usize,
    },
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

/// Decodes a file's bytes; `file` names it in errors.
pub fn decode(file: &str, bytes: Vec<u8>) -> Result<(String, TextEncoding)> {
    if bytes.starts_with(&[0xff, 0xfe]) || bytes.starts_with(&[0xfe, 0xff]) {
        return Err(Error::DataFile {
            file: file.into(),
            message: "the file is UTF-16 (byte-order mark at offset 0); save it as CSV UTF-8"
                .into(),
        });
    }
    let (bytes, bom) = match bytes.strip_prefix(&[0xef, 0xbb, 0xbf]) {
        Some(rest) => (rest.to_vec(), true),
        None => (bytes, false),
    };
    let err = match String::from_utf8(bytes) {
        Ok(text) => {
            let enc = if bom {
                TextEncoding::Utf8Bom
            } else {
                TextEncoding::Utf8
            };
            return Ok((text, enc));
        }
        Err(e) => e,
    };
    let offset = err.utf8_error().valid_up_to() + if bom { 3 } else { 0 };
    let bytes = err.into_bytes();
    let mut text = String::with_capacity(bytes.len() + bytes.len() / 8);
    for (i, &b) in bytes.iter().enumerate() {
        let c = match b {
            0x00 => None,
            0x80..=0x9f => CP1252_HIGH[usize::from(b - 0x80)],
            _ => Some(char::from(b)),
        };
        match c {
            Some(c) => text.push(c),
            None => {
                return Err(Error::DataFile {
                    file: file.into(),
                    message: format!(
                        "not valid UTF-8 (first bad byte at offset {offset}) and not Windows-1252/Latin-1 either (byte 0x{b:02X} at offset {}); save the file as CSV UTF-8",
                        i + if bom { 3 } else { 0 }
                    ),
                })
            }
        }
    }
    Ok((
        text,
        TextEncoding::Windows1252 {
            first_non_utf8: offset,
        },
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn utf8_bom_and_latin1() {
        let (t, e) = decode("f", b"\xef\xbb\xbfa,b".to_vec()).expect("utf8");
        assert_eq!((t.as_str(), e), ("a,b", TextEncoding::Utf8Bom));
        let (t, e) = decode("f", b"T\xfcrkiye \x80".to_vec()).expect("latin1");
        assert_eq!(t, "Türkiye €");
        assert_eq!(e, TextEncoding::Windows1252 { first_non_utf8: 1 });
        let err = decode("f", b"ab\xff\x81".to_vec()).expect_err("undefined byte");
        assert!(err.to_string().contains("offset 3"), "{err}");
        assert!(err.to_string().contains("offset 2"), "{err}");
    }
}
