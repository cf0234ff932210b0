//! A copy of the embedded TrueType font that draws only the characters a page or a chart uses,
//! small enough to travel inside it (the whole `NanumGothic` is 4.7 MB with 19,000 glyphs; a
//! chart needs a few dozen of them, a report a few hundred).
//!
//! The glyphs kept are numbered anew from 0 (`.notdef`), in their old order, so every table
//! that counts or indexes glyphs is rewritten to match: the outlines (`glyf`, `loca`, with
//! composite glyphs' parts renumbered), the metrics (`hmtx`, `hhea`), `maxp`, a new character
//! map (`cmap`, format 4) and `post` without glyph names. The tables only an editor uses
//! (Visual TrueType sources, kerning) are left out. What remains is a well-formed font that
//! browsers' font checkers accept.

use std::collections::{BTreeMap, BTreeSet};

use ab_glyph::{Font, FontRef};

/// Tables kept, in tag order (a font's table directory is sorted by tag).
const KEEP: [&[u8; 4]; 14] = [
    b"OS/2", b"cmap", b"cvt ", b"fpgm", b"gasp", b"glyf", b"head", b"hhea", b"hmtx", b"loca",
    b"maxp", b"name", b"post", b"prep",
];

/// `glyf` and (long) `loca` of the `kept` glyphs, in the new order, composite glyphs' parts
/// renumbered by `new_id`.
fn outlines<'f>(
    kept: &BTreeSet<u16>,
    new_id: &BTreeMap<u16, u16>,
    outline: &dyn Fn(u16) -> Option<&'f [u8]>,
) -> Option<(Vec<u8>, Vec<u8>)> {
    let mut glyf = Vec::new();
    let mut loca = Vec::with_capacity((kept.len() + 1) * 4);
    for &g in kept {
        loca.extend_from_slice(&(glyf.len() as u32).to_be_bytes());
        let mut glyph = outline(g)?.to_vec();
        for (at, part) in components(&glyph) {
            let renumbered = *new_id.get(&part)?;
            glyph[at..at + 2].copy_from_slice(&renumbered.to_be_bytes());
        }
        glyf.extend_from_slice(&glyph);
        while !glyf.len().is_multiple_of(4) {
            glyf.push(0);
        }
    }
    loca.extend_from_slice(&(glyf.len() as u32).to_be_bytes());
    Some((glyf, loca))
}

/// `hmtx` of the `kept` glyphs: a full metric (advance, left side bearing) for each.
fn metrics(kept: &BTreeSet<u16>, hhea: &[u8], hmtx: &[u8]) -> Option<Vec<u8>> {
    let long = u16_at(hhea, 34)? as usize;
    let mut out = Vec::with_capacity(kept.len() * 4);
    for &g in kept {
        let g = g as usize;
        let advance = u16_at(hmtx, 4 * g.min(long.saturating_sub(1)))?;
        let bearing = if g < long {
            u16_at(hmtx, 4 * g + 2)?
        } else {
            u16_at(hmtx, 4 * long + 2 * (g - long))?
        };
        out.extend_from_slice(&advance.to_be_bytes());
        out.extend_from_slice(&bearing.to_be_bytes());
    }
    Some(out)
}

/// `font` (TrueType outlines) reduced to the glyphs of `text`'s characters, or `None` if the
/// font is not one this can read. Characters beyond the Basic Multilingual Plane, and those
/// the font lacks, are left out.
pub fn subset(font: &[u8], text: &str) -> Option<Vec<u8>> {
    let tables = directory(font)?;
    let find = |tag: &[u8; 4]| tables.iter().find(|t| &t.0 == tag).map(|t| t.1.clone());
    let head = font.get(find(b"head")?)?;
    let long_loca = u16_at(head, 50)? == 1;
    let loca = font.get(find(b"loca")?)?;
    let glyf = font.get(find(b"glyf")?)?;
    let hhea = font.get(find(b"hhea")?)?;
    let hmtx = font.get(find(b"hmtx")?)?;
    let count = u16_at(font.get(find(b"maxp")?)?, 4)? as usize;
    let offset = |g: usize| -> Option<usize> {
        if long_loca {
            u32_at(loca, g * 4).map(|o| o as usize)
        } else {
            u16_at(loca, g * 2).map(|o| o as usize * 2)
        }
    };
    let outline = |g: u16| glyf.get(offset(g as usize)?..offset(g as usize + 1)?);
    let reader = FontRef::try_from_slice(font).ok()?;
    // Characters of the BMP the font draws, and their (old) glyphs.
    let chars: BTreeMap<u16, u16> = text
        .chars()
        .filter_map(|c| {
            let code = u16::try_from(u32::from(c)).ok().filter(|&c| c != 0xFFFF)?;
            let g = reader.glyph_id(c).0;
            (g != 0).then_some((code, g))
        })
        .collect();
    let mut kept: BTreeSet<u16> = chars.values().copied().collect();
    kept.insert(0); // .notdef
    // Composite glyphs draw others: keep those too.
    let mut stack: Vec<u16> = kept.iter().copied().collect();
    while let Some(g) = stack.pop() {
        for (_, part) in components(outline(g)?) {
            if (part as usize) < count && kept.insert(part) {
                stack.push(part);
            }
        }
    }
    let new_id: BTreeMap<u16, u16> = kept
        .iter()
        .enumerate()
        .map(|(i, &g)| (g, i as u16))
        .collect();
    let (new_glyf, new_loca) = outlines(&kept, &new_id, &outline)?;
    let new_hmtx = metrics(&kept, hhea, hmtx)?;
    let glyphs = (kept.len() as u16).to_be_bytes();
    let mut new_hhea = hhea.to_vec();
    new_hhea.get_mut(34..36)?.copy_from_slice(&glyphs);
    let mut new_maxp = font.get(find(b"maxp")?)?.to_vec();
    new_maxp.get_mut(4..6)?.copy_from_slice(&glyphs);
    let mut new_head = head.to_vec();
    new_head[8..12].copy_from_slice(&[0; 4]); // checksum adjustment, set below
    new_head[50..52].copy_from_slice(&1u16.to_be_bytes()); // long loca
    // post, version 3: the metrics of its header, no glyph names.
    let mut new_post = font.get(find(b"post")?)?.get(..32)?.to_vec();
    new_post[..4].copy_from_slice(&0x0003_0000u32.to_be_bytes());
    let new_cmap = cmap(chars.iter().map(|(&c, g)| (c, new_id[g])));
    let mut out_tables: Vec<(&[u8; 4], Vec<u8>)> = Vec::new();
    for tag in KEEP {
        let data = match tag {
            b"glyf" => new_glyf.clone(),
            b"loca" => new_loca.clone(),
            b"head" => new_head.clone(),
            b"hhea" => new_hhea.clone(),
            b"hmtx" => new_hmtx.clone(),
            b"maxp" => new_maxp.clone(),
            b"post" => new_post.clone(),
            b"cmap" => new_cmap.clone(),
            _ => match find(tag) {
                Some(range) => font.get(range)?.to_vec(),
                None => continue,
            },
        };
        out_tables.push((tag, data));
    }
    Some(assemble(font.get(0..4)?, &out_tables))
}

/// A `cmap` table with one subtable (Windows, Unicode BMP; format 4) mapping each character
/// to its glyph, one segment per character.
fn cmap(map: impl Iterator<Item = (u16, u16)>) -> Vec<u8> {
    let mut segments: Vec<(u16, u16)> = map.collect();
    segments.push((0xFFFF, 0)); // the closing segment every format 4 subtable ends with
    let n = segments.len() as u16;
    let power = 1u16 << n.ilog2();
    let mut sub: Vec<u8> = Vec::new();
    let length = 16 + 8 * segments.len();
    for v in [
        4u16,
        length as u16,
        0, // language
        n * 2,
        power * 2,
        power.trailing_zeros() as u16,
        n * 2 - power * 2,
    ] {
        sub.extend_from_slice(&v.to_be_bytes());
    }
    for &(c, _) in &segments {
        sub.extend_from_slice(&c.to_be_bytes()); // end codes
    }
    sub.extend_from_slice(&0u16.to_be_bytes()); // reserved pad
    for &(c, _) in &segments {
        sub.extend_from_slice(&c.to_be_bytes()); // start codes
    }
    for &(c, g) in &segments {
        // glyph = character + delta (mod 65536); the closing 0xFFFF maps to glyph 0.
        let delta = if c == 0xFFFF { 1 } else { g.wrapping_sub(c) };
        sub.extend_from_slice(&delta.to_be_bytes());
    }
    for _ in &segments {
        sub.extend_from_slice(&0u16.to_be_bytes()); // no range offsets
    }
    let mut out = Vec::with_capacity(12 + sub.len());
    for v in [0u16, 1, 3, 1] {
        out.extend_from_slice(&v.to_be_bytes()); // version, one subtable: platform 3, encoding 1
    }
    out.extend_from_slice(&12u32.to_be_bytes());
    out.extend_from_slice(&sub);
    out
}

/// The font's tables: (tag, byte range).
fn directory(font: &[u8]) -> Option<Vec<([u8; 4], std::ops::Range<usize>)>> {
    let n = u16_at(font, 4)? as usize;
    (0..n)
        .map(|i| {
            let at = 12 + 16 * i;
            let tag: [u8; 4] = font.get(at..at + 4)?.try_into().ok()?;
            let offset = u32_at(font, at + 8)? as usize;
            let length = u32_at(font, at + 12)? as usize;
            Some((tag, offset..offset.checked_add(length)?))
        })
        .collect()
}

/// The glyphs a composite glyph is made of, each with where its number is written (none for a
/// simple glyph).
fn components(glyph: &[u8]) -> Vec<(usize, u16)> {
    let mut parts = Vec::new();
    if glyph.len() < 10 || i16::from_be_bytes([glyph[0], glyph[1]]) >= 0 {
        return parts;
    }
    let mut at = 10;
    while let (Some(flags), Some(index)) = (u16_at(glyph, at), u16_at(glyph, at + 2)) {
        parts.push((at + 2, index));
        at += 4;
        at += if flags & 0x0001 != 0 { 4 } else { 2 }; // arguments are words / bytes
        at += if flags & 0x0008 != 0 {
            2 // one scale
        } else if flags & 0x0040 != 0 {
            4 // x and y scales
        } else if flags & 0x0080 != 0 {
            8 // a 2 × 2 matrix
        } else {
            0
        };
        if flags & 0x0020 == 0 {
            break; // no more components
        }
    }
    parts
}

/// A font file of `tables` (in tag order), with checksums and the head's adjustment set.
fn assemble(version: &[u8], tables: &[(&[u8; 4], Vec<u8>)]) -> Vec<u8> {
    let n = tables.len() as u16;
    let power = 1u16 << n.ilog2();
    let mut out = version.to_vec();
    for v in [
        n,
        power * 16,
        power.trailing_zeros() as u16,
        n * 16 - power * 16,
    ] {
        out.extend_from_slice(&v.to_be_bytes());
    }
    let mut offset = 12 + 16 * tables.len();
    let mut head_at = None;
    for (tag, data) in tables {
        out.extend_from_slice(&tag[..]);
        out.extend_from_slice(&checksum(data).to_be_bytes());
        out.extend_from_slice(&(offset as u32).to_be_bytes());
        out.extend_from_slice(&(data.len() as u32).to_be_bytes());
        if *tag == b"head" {
            head_at = Some(offset);
        }
        offset += data.len().div_ceil(4) * 4;
    }
    for (_, data) in tables {
        out.extend_from_slice(data);
        while !out.len().is_multiple_of(4) {
            out.push(0);
        }
    }
    if let Some(at) = head_at {
        let adjustment = 0xB1B0_AFBAu32.wrapping_sub(checksum(&out));
        out[at + 8..at + 12].copy_from_slice(&adjustment.to_be_bytes());
    }
    out
}

fn checksum(data: &[u8]) -> u32 {
    data.chunks(4).fold(0u32, |sum, chunk| {
        let mut word = [0u8; 4];
        word[..chunk.len()].copy_from_slice(chunk);
        sum.wrapping_add(u32::from_be_bytes(word))
    })
}

fn u16_at(data: &[u8], at: usize) -> Option<u16> {
    Some(u16::from_be_bytes(data.get(at..at + 2)?.try_into().ok()?))
}

fn u32_at(data: &[u8], at: usize) -> Option<u32> {
    Some(u32::from_be_bytes(data.get(at..at + 4)?.try_into().ok()?))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_subset_draws_the_text_and_is_small() {
        let full = super::super::style::FONT_BYTES;
        let text = "보고서 Korea 260k — 정부, 네이버 (SK) 0123456789";
        let small = subset(full, text).expect("NanumGothic subsets");
        assert!(small.len() < 40_000, "{} bytes", small.len());
        let font = FontRef::try_from_slice(&small).unwrap();
        let original = FontRef::try_from_slice(full).unwrap();
        let distinct: BTreeSet<char> = text.chars().collect();
        assert_eq!(
            font.glyph_count(),
            distinct.len() + 1,
            "the text's glyphs and .notdef"
        );
        for c in text.chars() {
            let (g, o) = (font.glyph_id(c), original.glyph_id(c));
            assert_ne!(g.0, 0, "{c} is mapped");
            let curves = |f: &FontRef, id| f.outline(id).map(|o| format!("{:?}", o.curves));
            assert_eq!(
                curves(&font, g),
                curves(&original, o),
                "{c}: the same outline"
            );
            assert_eq!(
                font.h_advance_unscaled(g),
                original.h_advance_unscaled(o),
                "{c}"
            );
        }
        // A character the text does not use is not there.
        assert_eq!(font.glyph_id('햇').0, 0);
        assert_ne!(original.glyph_id('햇').0, 0);
    }
}
