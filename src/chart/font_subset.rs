//! A TrueType subsetter for web embedding: keeps only the glyphs some characters need (and the
//! glyphs their composites are built from), renumbered, with a fresh `cmap` for exactly those
//! characters, so a chart or document can carry its font as a few kilobytes.
//!
//! Why not a crate: `subsetter` (typst) makes subsets for PDF only — it removes the `cmap`
//! table, without which a browser cannot map characters to glyphs. What is kept: the tables a
//! browser's font sanitiser needs (`head hhea maxp OS/2 name post cmap hmtx loca glyf`) and the
//! hinting tables (`cvt fpgm prep gasp`, copied whole so glyph instructions stay valid).
//! Dropped: layout (`GSUB GPOS GDEF kern`; plotters measures text without kerning, so the
//! browser lays it out as it was measured), `hdmx LTSH VDMX MATH FFTM DSIG`, glyph names
//! (`post` format 3). The output is deterministic.

use std::collections::{BTreeMap, BTreeSet};

/// Big-endian readers that fail instead of panicking on a truncated font.
fn u16_at(b: &[u8], at: usize) -> Result<u16, String> {
    b.get(at..at + 2)
        .map(|s| u16::from_be_bytes([s[0], s[1]]))
        .ok_or_else(|| format!("font data ends before byte {}", at + 2))
}

fn u32_at(b: &[u8], at: usize) -> Result<u32, String> {
    b.get(at..at + 4)
        .map(|s| u32::from_be_bytes([s[0], s[1], s[2], s[3]]))
        .ok_or_else(|| format!("font data ends before byte {}", at + 4))
}

/// The font's tables by tag.
fn tables(font: &[u8]) -> Result<BTreeMap<[u8; 4], &[u8]>, String> {
    if u32_at(font, 0)? != 0x0001_0000 {
        return Err("not a TrueType font (sfnt version is not 1.0)".into());
    }
    let n = u16_at(font, 4)? as usize;
    let mut out = BTreeMap::new();
    for i in 0..n {
        let rec = 12 + 16 * i;
        let tag: [u8; 4] = font
            .get(rec..rec + 4)
            .and_then(|t| t.try_into().ok())
            .ok_or("font table directory is truncated")?;
        let offset = u32_at(font, rec + 8)? as usize;
        let len = u32_at(font, rec + 12)? as usize;
        let data = font
            .get(offset..offset + len)
            .ok_or_else(|| format!("font table {} lies outside the file", tag_text(&tag)))?;
        out.insert(tag, data);
    }
    Ok(out)
}

fn tag_text(tag: &[u8; 4]) -> String {
    String::from_utf8_lossy(tag).into_owned()
}

/// Composite-glyph flags (OpenType `glyf`).
const ARG_WORDS: u16 = 0x0001;
const HAS_SCALE: u16 = 0x0008;
const MORE: u16 = 0x0020;
const HAS_XY_SCALE: u16 = 0x0040;
const HAS_2X2: u16 = 0x0080;

/// The byte offsets (within the glyph) of a composite glyph's component glyph ids.
fn component_offsets(glyph: &[u8]) -> Result<Vec<usize>, String> {
    let mut out = Vec::new();
    if glyph.len() < 10 || (u16_at(glyph, 0)? as i16) >= 0 {
        return Ok(out);
    }
    let mut at = 10;
    loop {
        let flags = u16_at(glyph, at)?;
        out.push(at + 2);
        at += 4 + if flags & ARG_WORDS != 0 { 4 } else { 2 };
        at += if flags & HAS_SCALE != 0 {
            2
        } else if flags & HAS_XY_SCALE != 0 {
            4
        } else if flags & HAS_2X2 != 0 {
            8
        } else {
            0
        };
        if flags & MORE == 0 {
            return Ok(out);
        }
    }
}

/// Sum of big-endian u32 words, the last padded with zeros (the OpenType table checksum).
fn checksum(data: &[u8]) -> u32 {
    data.chunks(4).fold(0u32, |sum, c| {
        let mut w = [0u8; 4];
        w[..c.len()].copy_from_slice(c);
        sum.wrapping_add(u32::from_be_bytes(w))
    })
}

/// A `cmap` with one format-4 (Windows Unicode BMP) subtable mapping `map` (code → new glyph):
/// one segment per run of consecutive codes whose glyphs are also consecutive.
fn cmap_table(map: &BTreeMap<u16, u16>) -> Vec<u8> {
    let mut segs: Vec<(u16, u16, u16)> = Vec::new(); // (start, end, first glyph)
    for (&code, &gid) in map {
        match segs.last_mut() {
            Some((s, e, g)) if code == *e + 1 && gid == g.wrapping_add(code - *s) => *e = code,
            _ => segs.push((code, code, gid)),
        }
    }
    segs.push((0xFFFF, 0xFFFF, 0));
    let n = segs.len() as u16;
    let pow = 1u16 << (15 - n.leading_zeros() as u16).min(15);
    let mut sub = Vec::new();
    let length = 16 + 8 * n;
    for v in [
        4,
        length,
        0,
        2 * n,
        2 * pow,
        pow.trailing_zeros() as u16,
        2 * n - 2 * pow,
    ] {
        sub.extend_from_slice(&v.to_be_bytes());
    }
    segs.iter()
        .for_each(|s| sub.extend_from_slice(&s.1.to_be_bytes()));
    sub.extend_from_slice(&[0, 0]);
    segs.iter()
        .for_each(|s| sub.extend_from_slice(&s.0.to_be_bytes()));
    for &(start, _, gid) in &segs {
        // The final segment maps 0xFFFF to glyph 0: delta 1 (0xFFFF + 1 wraps to 0).
        let delta = if start == 0xFFFF {
            1
        } else {
            gid.wrapping_sub(start)
        };
        sub.extend_from_slice(&delta.to_be_bytes());
    }
    sub.extend(std::iter::repeat_n(0u8, 2 * n as usize));
    let mut t = vec![0, 0, 0, 1, 0, 3, 0, 1, 0, 0, 0, 12];
    t.extend(sub);
    t
}

/// A TrueType font with only the glyphs of `chars` (characters the font lacks, and those
/// outside the Basic Multilingual Plane, are left out: the browser falls back for them).
pub fn subset(font: &[u8], chars: &BTreeSet<char>) -> Result<Vec<u8>, String> {
    let face = ttf_parser::Face::parse(font, 0).map_err(|e| format!("font: {e}"))?;
    let t = tables(font)?;
    let get = |tag: &[u8; 4]| {
        t.get(tag)
            .copied()
            .ok_or_else(|| format!("font has no {} table", tag_text(tag)))
    };
    let (head, hhea, maxp, hmtx, loca, glyf) = (
        get(b"head")?,
        get(b"hhea")?,
        get(b"maxp")?,
        get(b"hmtx")?,
        get(b"loca")?,
        get(b"glyf")?,
    );
    let num_glyphs = u16_at(maxp, 4)? as usize;
    let long_loca = u16_at(head, 50)? == 1;
    let glyph_data = |gid: usize| -> Result<&[u8], String> {
        let (a, b) = if long_loca {
            (
                u32_at(loca, 4 * gid)? as usize,
                u32_at(loca, 4 * gid + 4)? as usize,
            )
        } else {
            (
                2 * u16_at(loca, 2 * gid)? as usize,
                2 * u16_at(loca, 2 * gid + 2)? as usize,
            )
        };
        glyf.get(a..b)
            .ok_or_else(|| format!("glyph {gid} lies outside the glyf table"))
    };
    // The glyphs to keep: .notdef, the characters' glyphs, and every component, transitively.
    let mut cmap_old: BTreeMap<u16, u16> = BTreeMap::new();
    for &c in chars {
        if let (Ok(code), Some(g)) = (u16::try_from(c as u32), face.glyph_index(c)) {
            cmap_old.insert(code, g.0);
        }
    }
    let mut keep: BTreeSet<u16> = std::iter::once(0)
        .chain(cmap_old.values().copied())
        .collect();
    let mut todo: Vec<u16> = keep.iter().copied().collect();
    while let Some(g) = todo.pop() {
        let data = glyph_data(g as usize)?;
        for at in component_offsets(data)? {
            let c = u16_at(data, at)?;
            if (c as usize) < num_glyphs && keep.insert(c) {
                todo.push(c);
            }
        }
    }
    let new_id: BTreeMap<u16, u16> = keep
        .iter()
        .enumerate()
        .map(|(i, &g)| (g, i as u16))
        .collect();
    // glyf and loca (long offsets), composites pointing at the new ids.
    let (mut new_glyf, mut new_loca) = (Vec::new(), Vec::new());
    for &g in &keep {
        new_loca.extend_from_slice(&(new_glyf.len() as u32).to_be_bytes());
        let mut data = glyph_data(g as usize)?.to_vec();
        for at in component_offsets(&data)? {
            let old = u16_at(&data, at)?;
            let id = new_id.get(&old).copied().unwrap_or(0);
            data[at..at + 2].copy_from_slice(&id.to_be_bytes());
        }
        new_glyf.extend_from_slice(&data);
        while new_glyf.len() % 4 != 0 {
            new_glyf.push(0);
        }
    }
    new_loca.extend_from_slice(&(new_glyf.len() as u32).to_be_bytes());
    // hmtx: a full metric for every kept glyph.
    let n_metrics = u16_at(hhea, 34)? as usize;
    let mut new_hmtx = Vec::new();
    for &g in &keep {
        let g = g as usize;
        let (adv, lsb) = if g < n_metrics {
            (u16_at(hmtx, 4 * g)?, u16_at(hmtx, 4 * g + 2)?)
        } else {
            let last = n_metrics
                .checked_sub(1)
                .ok_or("hhea has no horizontal metrics")?;
            (
                u16_at(hmtx, 4 * last)?,
                u16_at(hmtx, 4 * n_metrics + 2 * (g - n_metrics))?,
            )
        };
        new_hmtx.extend_from_slice(&adv.to_be_bytes());
        new_hmtx.extend_from_slice(&lsb.to_be_bytes());
    }
    let n_new = (keep.len() as u16).to_be_bytes();
    let mut new_maxp = maxp.to_vec();
    new_maxp[4..6].copy_from_slice(&n_new);
    let mut new_hhea = hhea.to_vec();
    new_hhea[34..36].copy_from_slice(&n_new);
    let mut new_head = head.to_vec();
    new_head[8..12].copy_from_slice(&[0; 4]);
    new_head[50..52].copy_from_slice(&1u16.to_be_bytes());
    let mut post = get(b"post")?
        .get(..32)
        .ok_or("post table is truncated")?
        .to_vec();
    post[0..4].copy_from_slice(&0x0003_0000u32.to_be_bytes());
    let cmap_new: BTreeMap<u16, u16> = cmap_old
        .iter()
        .map(|(&c, g)| (c, new_id.get(g).copied().unwrap_or(0)))
        .collect();
    let mut out: BTreeMap<[u8; 4], Vec<u8>> = BTreeMap::new();
    out.insert(*b"name", name_table(get(b"name")?)?);
    for tag in [b"OS/2", b"cvt ", b"fpgm", b"prep", b"gasp"] {
        if let Some(data) = t.get(tag) {
            out.insert(*tag, data.to_vec());
        }
    }
    out.insert(*b"cmap", cmap_table(&cmap_new));
    out.insert(*b"glyf", new_glyf);
    out.insert(*b"head", new_head);
    out.insert(*b"hhea", new_hhea);
    out.insert(*b"hmtx", new_hmtx);
    out.insert(*b"loca", new_loca);
    out.insert(*b"maxp", new_maxp);
    out.insert(*b"post", post);
    Ok(assemble(&out))
}

/// The `name` records a subset keeps: the Windows (platform 3) names, copyright and licence
/// (the Bitstream Vera licence asks that its notice travel with every copy) and the family,
/// style, version and PostScript names; the vendor and licence web addresses are left out.
const NAME_IDS: [u16; 10] = [0, 1, 2, 3, 4, 5, 6, 13, 16, 17];

fn name_table(name: &[u8]) -> Result<Vec<u8>, String> {
    let count = u16_at(name, 2)? as usize;
    let storage = u16_at(name, 4)? as usize;
    let mut records = Vec::new();
    let mut strings = Vec::new();
    for i in 0..count {
        let r = 6 + 12 * i;
        let (platform, id) = (u16_at(name, r)?, u16_at(name, r + 6)?);
        if platform != 3 || !NAME_IDS.contains(&id) {
            continue;
        }
        let (len, off) = (
            u16_at(name, r + 8)? as usize,
            u16_at(name, r + 10)? as usize,
        );
        let text = name
            .get(storage + off..storage + off + len)
            .ok_or("a name record lies outside the name table")?;
        records.extend_from_slice(&name[r..r + 8]);
        records.extend_from_slice(&(len as u16).to_be_bytes());
        records.extend_from_slice(&(strings.len() as u16).to_be_bytes());
        strings.extend_from_slice(text);
    }
    let n = records.len() / 12;
    let mut t = Vec::new();
    for v in [0u16, n as u16, (6 + 12 * n) as u16] {
        t.extend_from_slice(&v.to_be_bytes());
    }
    t.extend(records);
    t.extend(strings);
    Ok(t)
}

/// The font file: table directory (sorted by tag), 4-byte aligned tables, and the head
/// table's checkSumAdjustment.
fn assemble(tables: &BTreeMap<[u8; 4], Vec<u8>>) -> Vec<u8> {
    let n = tables.len() as u16;
    let pow = 1u16 << (15 - n.leading_zeros() as u16).min(15);
    let mut font = Vec::new();
    for v in [
        1u16,
        0,
        n,
        16 * pow,
        pow.trailing_zeros() as u16,
        16 * n - 16 * pow,
    ] {
        font.extend_from_slice(&v.to_be_bytes());
    }
    let mut offset = 12 + 16 * tables.len();
    let mut body = Vec::new();
    let mut head_at = None;
    for (tag, data) in tables {
        font.extend_from_slice(tag);
        font.extend_from_slice(&checksum(data).to_be_bytes());
        font.extend_from_slice(&(offset as u32).to_be_bytes());
        font.extend_from_slice(&(data.len() as u32).to_be_bytes());
        if tag == b"head" {
            head_at = Some(offset);
        }
        body.extend_from_slice(data);
        while body.len() % 4 != 0 {
            body.push(0);
        }
        offset = 12 + 16 * tables.len() + body.len();
    }
    font.extend(body);
    if let Some(at) = head_at {
        let adjust = 0xB1B0_AFBAu32.wrapping_sub(checksum(&font));
        font[at + 8..at + 12].copy_from_slice(&adjust.to_be_bytes());
    }
    font
}
