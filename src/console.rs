//! What reaches a terminal: text from a scenario (names, lines quoted in errors) may hold
//! control characters or bidirectional overrides, which a terminal would obey — recolour,
//! move the cursor, reorder the line. Validation refuses them in names; this is the second
//! guard, applied to everything gpuplan prints: each such character is shown as `�`.

use std::borrow::Cow;
use std::io::{self, Write};

/// Whether `c` must not reach a terminal as itself: C0 and C1 control characters other than
/// newline and tab, DEL, the bidirectional embedding, override and isolate controls, and the
/// non-characters (U+FDD0–FDEF and every code point ending in FFFE or FFFF, which XML cannot
/// hold in the Basic Multilingual Plane).
pub fn is_unsafe(c: char) -> bool {
    (c.is_control() && c != '\n' && c != '\t')
        || matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}')
        || is_noncharacter(c)
}

/// Whether `c` is one of Unicode's 66 non-characters, never meant to be interchanged as text.
pub fn is_noncharacter(c: char) -> bool {
    let code = u32::from(c);
    (0xFDD0..=0xFDEF).contains(&code) || code & 0xFFFE == 0xFFFE
}

/// `text` with every [`is_unsafe`] character replaced by `�`.
pub fn printable(text: &str) -> Cow<'_, str> {
    if text.chars().any(is_unsafe) {
        Cow::Owned(
            text.chars()
                .map(|c| if is_unsafe(c) { '\u{FFFD}' } else { c })
                .collect(),
        )
    } else {
        Cow::Borrowed(text)
    }
}

/// A writer that passes text on through [`printable`].
pub struct Printable<W: Write>(pub W);

impl<W: Write> Write for Printable<W> {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        match std::str::from_utf8(buf) {
            Ok(text) => self.0.write_all(printable(text).as_bytes())?,
            // Not whole UTF-8 text: the ASCII controls can still be caught byte by byte
            // (they never occur inside a multi-byte character).
            Err(_) => {
                let bytes: Vec<u8> = buf
                    .iter()
                    .map(|&b| {
                        if b != b'\n' && b != b'\t' && (b < 0x20 || b == 0x7F) {
                            b'?'
                        } else {
                            b
                        }
                    })
                    .collect();
                self.0.write_all(&bytes)?;
            }
        }
        Ok(buf.len())
    }

    fn flush(&mut self) -> io::Result<()> {
        self.0.flush()
    }
}

/// Says `text` on stderr, through [`printable`]. A closed or full stderr is ignored: what
/// would have been said is lost with it, and the run goes on.
pub fn say(text: &str) {
    let mut stderr = io::stderr().lock();
    let _ = stderr.write_all(printable(text).as_bytes());
    let _ = stderr.flush();
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn controls_and_overrides_are_replaced() {
        assert_eq!(printable("Naver\tGPU\n"), "Naver\tGPU\n");
        assert_eq!(
            printable("a\u{1b}[31mb\r\0"),
            "a\u{FFFD}[31mb\u{FFFD}\u{FFFD}"
        );
        assert_eq!(
            printable("x\u{202E}y\u{2066}z\u{9B}"),
            "x\u{FFFD}y\u{FFFD}z\u{FFFD}"
        );
        assert_eq!(printable("삼성 (Samsung)"), "삼성 (Samsung)");
        let mut out = Printable(Vec::new());
        out.write_all(b"ok\x1b[2J\xff").unwrap();
        assert_eq!(out.0, b"ok?[2J\xff");
    }
}
