//! A copy of the embedded TrueType font that draws only the characters a page uses, small
//! enough to travel inside an HTML report (the whole NanumGothic is 4.7 MB; a report needs a
//! few hundred of its 19,000 glyphs).
//!
//! Glyph numbers are kept, so the character map, metrics and kerning of the font stay valid:
//! the outlines of unused glyphs are emptied, and the tables only an editor uses (Visual
//! TrueType sources, kerning) are left out. What remains is a well-formed font that browsers'
//! font checkers accept.

use std::collections::BTreeSet;

use ab_glyph::{Font, FontRef};

/// Tables kept, in tag order (a font's table directory is sorted by tag).
const KEEP: [&[u8; 4]; 14] = [
    b"OS/2", b"cmap", b"cvt ", b"fpgm", b"gasp", b"glyf", b"head", b"hhea", b"hmtx", b"loca",
    b"maxp", b"name", b"post", b"prep",
];

/// `font` (TrueType outlines) reduced to the glyphs of `text`'s characters, or `None` if the
/// font is not one this can read.
pub fn subset(font: &[u8], text: &str) -> Option<Vec<u8>> {
    let tables = directory(font)?;
    let find = |tag: &[u8; 4]| tables.iter().find(|t| &t.0 == tag).map(|t| t.1.clone());
    let head = font.get(find(b"head")?)?;
    let long_loca = u16_at(head, 50)? == 1;
    let loca = font.get(find(b"loca")?)?;
    let glyf = font.get(find(b"glyf")?)?;
    let count = u16_at(font.get(find(b"maxp")?)?, 4)? as usize;
    let offset = |g: usize| -> Option<usize> {
        if long_loca {
            u32_at(loca, g * 4).map(|o| o as usize)
        } else {
            u16_at(loca, g * 2).map(|o| o as usize * 2)
        }
    };
    let reader = FontRef::try_from_slice(font).ok()?;
    let mut wanted: BTreeSet<u16> = text.chars().map(|c| reader.glyph_id(c).0).collect();
    wanted.insert(0); // .notdef
    // Composite glyphs draw others: keep those too.
    let mut stack: Vec<u16> = wanted.iter().copied().collect();
    while let Some(g) = stack.pop() {
        let (start, end) = (offset(g as usize)?, offset(g as usize + 1)?);
        for part in components(glyf.get(start..end)?) {
            if (part as usize) < count && wanted.insert(part) {
                stack.push(part);
            }
        }
    }
    // New glyf and (long) loca: the kept outlines, empty ones elsewhere.
    let mut new_glyf = Vec::new();
    let mut new_loca = Vec::with_capacity((count + 1) * 4);
    for g in 0..count {
        new_loca.extend_from_slice(&(new_glyf.len() as u32).to_be_bytes());
        if wanted.contains(&(g as u16)) {
            new_glyf.extend_from_slice(glyf.get(offset(g)?..offset(g + 1)?)?);
            while new_glyf.len() % 4 != 0 {
                new_glyf.push(0);
            }
        }
    }
    new_loca.extend_from_slice(&(new_glyf.len() as u32).to_be_bytes());
    let mut new_head = head.to_vec();
    new_head[8..12].copy_from_slice(&[0; 4]); // checksum adjustment, set below
    new_head[50..52].copy_from_slice(&1u16.to_be_bytes()); // long loca
    let mut out_tables: Vec<(&[u8; 4], Vec<u8>)> = Vec::new();
    for tag in KEEP {
        let data = match tag {
            b"glyf" => new_glyf.clone(),
            b"loca" => new_loca.clone(),
            b"head" => new_head.clone(),
            _ => match find(tag) {
                Some(range) => font.get(range)?.to_vec(),
                None => continue,
            },
        };
        out_tables.push((tag, data));
    }
    Some(assemble(font.get(0..4)?, &out_tables))
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

/// The glyphs a composite glyph is made of (none for a simple glyph).
fn components(glyph: &[u8]) -> Vec<u16> {
    let mut parts = Vec::new();
    if glyph.len() < 10 || i16::from_be_bytes([glyph[0], glyph[1]]) >= 0 {
        return parts;
    }
    let mut at = 10;
    while let (Some(flags), Some(index)) = (u16_at(glyph, at), u16_at(glyph, at + 2)) {
        parts.push(index);
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
    let power = 1u16 << (15 - n.leading_zeros());
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
        assert!(small.len() < 400_000, "{} bytes", small.len());
        let font = FontRef::try_from_slice(&small).unwrap();
        let original = FontRef::try_from_slice(full).unwrap();
        for c in text.chars() {
            let (g, o) = (font.glyph_id(c), original.glyph_id(c));
            assert_eq!(g, o, "{c}: glyph numbers are kept");
            let outline = font.outline(g).map(|o| o.curves.len());
            assert_eq!(outline, original.outline(o).map(|o| o.curves.len()), "{c}");
        }
        // A character the text does not use has no outline left.
        assert!(font.outline(font.glyph_id('햇')).is_none());
        assert!(original.outline(original.glyph_id('햇')).is_some());
    }
}
