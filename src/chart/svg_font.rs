//! DejaVu Sans embedded in SVG: the subset of the regular and bold faces that a chart's text
//! uses, as `@font-face` rules with `data:` URLs in the SVG's `<style>`, so an SVG renders with
//! the font it was measured with on a machine without DejaVu installed (and with no file or
//! network reference). [`super::render`] applies [`embed`] to every SVG it writes; the briefing
//! document uses [`font_face_css`] once for all its charts and text.

use std::collections::BTreeSet;

use super::font_subset::subset;
use crate::error::{Error, Result};

/// The family name the `@font-face` rules declare: the first name of the charts'
/// `font-family` list (`draw::FAMILY`), so the embedded face is the one used.
pub const EMBEDDED_FAMILY: &str = "DejaVu Sans";

/// The characters of an SVG's `<text>` elements: (regular, bold), entities decoded.
pub fn text_chars(svg: &str) -> (BTreeSet<char>, BTreeSet<char>) {
    let (mut regular, mut bold) = (BTreeSet::new(), BTreeSet::new());
    let mut rest = svg;
    while let Some(start) = rest.find("<text") {
        let after = &rest[start..];
        let Some(open_end) = after.find('>') else {
            break;
        };
        let tag = &after[..open_end];
        let body_and_more = &after[open_end + 1..];
        let end = body_and_more.find("</text>").unwrap_or(body_and_more.len());
        let target = if tag.contains("font-weight=\"bold\"") {
            &mut bold
        } else {
            &mut regular
        };
        target.extend(decode_entities(&body_and_more[..end]).chars());
        rest = &body_and_more[end..];
    }
    (regular, bold)
}

/// XML text with its five named entities and numeric references decoded.
fn decode_entities(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(i) = rest.find('&') {
        out.push_str(&rest[..i]);
        let tail = &rest[i..];
        let Some(semi) = tail.find(';').filter(|&s| s <= 10) else {
            out.push('&');
            rest = &tail[1..];
            continue;
        };
        let name = &tail[1..semi];
        let decoded = match name {
            "amp" => Some('&'),
            "lt" => Some('<'),
            "gt" => Some('>'),
            "quot" => Some('"'),
            "apos" => Some('\''),
            _ => name
                .strip_prefix("#x")
                .and_then(|h| u32::from_str_radix(h, 16).ok())
                .or_else(|| name.strip_prefix('#').and_then(|d| d.parse().ok()))
                .and_then(char::from_u32),
        };
        match decoded {
            Some(c) => {
                out.push(c);
                rest = &tail[semi + 1..];
            }
            None => {
                out.push('&');
                rest = &tail[1..];
            }
        }
    }
    out.push_str(rest);
    out
}

/// Base64 (standard alphabet, padded) of some bytes, for a `data:` URL.
pub fn base64(bytes: &[u8]) -> String {
    const ABC: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let mut out = String::with_capacity(bytes.len().div_ceil(3) * 4);
    for chunk in bytes.chunks(3) {
        let b = [
            chunk[0],
            chunk.get(1).copied().unwrap_or(0),
            chunk.get(2).copied().unwrap_or(0),
        ];
        let n = (u32::from(b[0]) << 16) | (u32::from(b[1]) << 8) | u32::from(b[2]);
        for (i, shift) in [18, 12, 6, 0].into_iter().enumerate() {
            if i <= chunk.len() {
                out.push(ABC[((n >> shift) & 63) as usize] as char);
            } else {
                out.push('=');
            }
        }
    }
    out
}

/// `@font-face` rules for DejaVu Sans regular (weight 400) and bold (700), each subset to the
/// given characters; a face with no characters is left out.
pub fn font_face_css(regular: &BTreeSet<char>, bold: &BTreeSet<char>) -> Result<String> {
    let mut css = String::new();
    for (chars, weight, font) in [
        (regular, 400, dejavu::sans::regular()),
        (bold, 700, dejavu::sans::bold()),
    ] {
        if chars.is_empty() {
            continue;
        }
        let data = subset(font, chars)
            .map_err(|e| Error::Chart(format!("embedding DejaVu Sans in the SVG: {e}")))?;
        css.push_str(&format!(
            "@font-face{{font-family:\"{EMBEDDED_FAMILY}\";font-style:normal;font-weight:{weight};src:url(data:font/ttf;base64,{}) format(\"truetype\");}}\n",
            base64(&data)
        ));
    }
    Ok(css)
}

/// The SVG with the font its text uses embedded: a `<defs><style>` right after the opening
/// `<svg …>` tag. An SVG without text is returned unchanged.
pub fn embed(svg: &str) -> Result<String> {
    let (regular, bold) = text_chars(svg);
    if regular.is_empty() && bold.is_empty() {
        return Ok(svg.to_string());
    }
    let open_end = svg
        .find("<svg")
        .and_then(|s| svg[s..].find('>').map(|e| s + e + 1))
        .ok_or_else(|| Error::Chart("the SVG renderer wrote no <svg> element".into()))?;
    let css = font_face_css(&regular, &bold)?;
    Ok(format!(
        "{}\n<defs><style>\n{css}</style></defs>{}",
        &svg[..open_end],
        &svg[open_end..]
    ))
}

#[cfg(test)]
mod tests;
