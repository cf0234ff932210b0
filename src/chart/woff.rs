//! The report's font as WOFF: the same TrueType tables, each compressed with zlib, which
//! every browser reads (`format("woff")`). A Korean report's font is mostly Hangul outlines;
//! compressed it takes about half the room in the page. Standalone SVG files keep TrueType,
//! which more SVG viewers read.

/// `sfnt` (a TrueType font, as [`super::subset`] writes it) wrapped as WOFF 1.0; `None` if
/// its table directory does not fit in it.
pub fn woff(sfnt: &[u8]) -> Option<Vec<u8>> {
    let read32 = |at: usize| Some(u32::from_be_bytes(sfnt.get(at..at + 4)?.try_into().ok()?));
    let tables = usize::from(u16::from_be_bytes(sfnt.get(4..6)?.try_into().ok()?));
    let directory_end = 44 + 20 * tables;
    let mut directory = Vec::with_capacity(20 * tables);
    let mut data = Vec::new();
    let mut sfnt_size = 12 + 16 * tables;
    // The entries keep the font's order, which is by tag, as WOFF asks.
    for t in 0..tables {
        let entry = 12 + 16 * t;
        let tag = sfnt.get(entry..entry + 4)?;
        let checksum = read32(entry + 4)?;
        let offset = read32(entry + 8)? as usize;
        let length = read32(entry + 12)? as usize;
        let table = sfnt.get(offset..offset.checked_add(length)?)?;
        let packed = miniz_oxide::deflate::compress_to_vec_zlib(table, 10);
        // A table that does not shrink is stored as it is.
        let stored = if packed.len() < table.len() {
            &packed[..]
        } else {
            table
        };
        directory.extend_from_slice(tag);
        directory.extend_from_slice(&((directory_end + data.len()) as u32).to_be_bytes());
        directory.extend_from_slice(&(stored.len() as u32).to_be_bytes());
        directory.extend_from_slice(&(length as u32).to_be_bytes());
        directory.extend_from_slice(&checksum.to_be_bytes());
        data.extend_from_slice(stored);
        while !data.len().is_multiple_of(4) {
            data.push(0);
        }
        sfnt_size += length.next_multiple_of(4);
    }
    let total = directory_end + data.len();
    let mut out = Vec::with_capacity(total);
    out.extend_from_slice(b"wOFF");
    out.extend_from_slice(sfnt.get(0..4)?); // the flavour: TrueType outlines
    out.extend_from_slice(&(total as u32).to_be_bytes());
    out.extend_from_slice(&(tables as u16).to_be_bytes());
    out.extend_from_slice(&[0, 0]); // reserved
    out.extend_from_slice(&(sfnt_size as u32).to_be_bytes());
    // Version 0.0; no metadata, no private data.
    out.extend_from_slice(&[0; 24]);
    out.extend_from_slice(&directory);
    out.extend_from_slice(&data);
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every table comes back whole from the WOFF: decompressed where it was compressed,
    /// at the offsets and with the checksums the directory gives.
    #[test]
    fn every_table_comes_back_from_the_woff() {
        let sfnt = crate::chart::subset::subset(crate::chart::style::FONT_BYTES, "정부 GPU 가동")
            .expect("a subset");
        let woff = woff(&sfnt).expect("a WOFF");
        let u32_at = |b: &[u8], at: usize| u32::from_be_bytes(b[at..at + 4].try_into().unwrap());
        assert_eq!(&woff[..4], b"wOFF");
        assert_eq!(u32_at(&woff, 8) as usize, woff.len());
        let tables = usize::from(u16::from_be_bytes([woff[12], woff[13]]));
        assert_eq!(tables, usize::from(u16::from_be_bytes([sfnt[4], sfnt[5]])));
        assert!(
            woff.len() < sfnt.len() * 3 / 4,
            "{} of {}",
            woff.len(),
            sfnt.len()
        );
        let mut padded = 12 + 16 * tables;
        for t in 0..tables {
            let (w, s) = (44 + 20 * t, 12 + 16 * t);
            assert_eq!(woff[w..w + 4], sfnt[s..s + 4], "tag");
            let (offset, stored, length) = (
                u32_at(&woff, w + 4) as usize,
                u32_at(&woff, w + 8) as usize,
                u32_at(&woff, w + 12) as usize,
            );
            assert_eq!(offset % 4, 0, "aligned");
            assert_eq!(u32_at(&woff, w + 16), u32_at(&sfnt, s + 4), "checksum");
            let original = &sfnt[u32_at(&sfnt, s + 8) as usize..][..length];
            let block = &woff[offset..offset + stored];
            let table = if stored < length {
                miniz_oxide::inflate::decompress_to_vec_zlib(block).unwrap()
            } else {
                block.to_vec()
            };
            assert_eq!(table, original);
            padded += length.next_multiple_of(4);
        }
        assert_eq!(u32_at(&woff, 16) as usize, padded, "totalSfntSize");
    }
}
