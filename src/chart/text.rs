//! Text that fits: widths measured with the embedded font, labels wrapped at spaces (Hangul and
//! other wide scripts between any two characters) and shortened with "…" when they would
//! still not fit — never clipped by the edge of the picture.

use std::sync::OnceLock;

use ab_glyph::{Font, FontRef, ScaleFont};

use super::style::FONT_BYTES;

/// The embedded face, parsed once (a test checks that it parses).
fn font() -> Option<&'static FontRef<'static>> {
    static FONT: OnceLock<Option<FontRef<'static>>> = OnceLock::new();
    FONT.get_or_init(|| FontRef::try_from_slice(FONT_BYTES).ok())
        .as_ref()
}

/// Width of `text` at `size` px: advances plus kerning, as the chart backends lay it out.
pub fn width(text: &str, size: u32) -> f64 {
    let Some(font) = font() else {
        // Unreachable with the embedded font; a generous estimate keeps layouts inside bounds.
        return text.chars().count() as f64 * f64::from(size);
    };
    let scaled = font.as_scaled(size as f32);
    let mut total = 0.0;
    let mut previous = None;
    for c in text.chars() {
        let id = scaled.glyph_id(c);
        if let Some(p) = previous {
            total += scaled.kern(p, id);
        }
        total += scaled.h_advance(id);
        previous = Some(id);
    }
    f64::from(total)
}

/// `text` cut to fit `max_px` at `size`, ending in "…" when cut.
pub fn shorten(text: &str, size: u32, max_px: f64) -> String {
    if width(text, size) <= max_px {
        return text.to_string();
    }
    let mut out = String::new();
    for c in text.chars() {
        let candidate = format!("{out}{c}…");
        if width(&candidate, size) > max_px {
            break;
        }
        out.push(c);
    }
    format!("{}…", out.trim_end())
}

/// `text` in lines no wider than `max_px` at `size`, at most `max_lines` of them, the last
/// shortened with "…" if the text runs on. Lines break at spaces; a word too wide for a line,
/// and text in wide scripts (Hangul, CJK), break between characters.
pub fn wrap(text: &str, size: u32, max_px: f64, max_lines: usize) -> Vec<String> {
    let mut lines: Vec<String> = Vec::new();
    let mut current = String::new();
    for piece in pieces(text) {
        let joined = if current.is_empty() {
            piece.trim_start().to_string()
        } else {
            format!("{current}{piece}")
        };
        if width(&joined, size) <= max_px {
            current = joined;
            continue;
        }
        if !current.is_empty() {
            lines.push(std::mem::take(&mut current));
        }
        // Start the piece on a fresh line, splitting it by character if it is still too wide.
        for c in piece.trim_start().chars() {
            let longer = format!("{current}{c}");
            if width(&longer, size) > max_px && !current.is_empty() {
                lines.push(std::mem::replace(&mut current, c.to_string()));
            } else {
                current = longer;
            }
        }
    }
    if !current.is_empty() || lines.is_empty() {
        lines.push(current);
    }
    if lines.len() > max_lines {
        let rest = lines[max_lines - 1..].join(" ");
        lines.truncate(max_lines - 1);
        lines.push(shorten(&format!("{rest}…"), size, max_px));
    }
    lines
}

/// Break opportunities: a space starts a new piece (kept at its front); each wide character is
/// a piece of its own.
fn pieces(text: &str) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for c in text.chars() {
        let wide = unicode_width::UnicodeWidthChar::width(c) == Some(2);
        let after_wide = out
            .last()
            .and_then(|p| p.chars().last())
            .is_some_and(|last| unicode_width::UnicodeWidthChar::width(last) == Some(2));
        if c == ' ' || wide || after_wide || out.is_empty() {
            out.push(c.to_string());
        } else if let Some(last) = out.last_mut() {
            last.push(c);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn widths_grow_with_text_and_size() {
        assert!(font().is_some(), "the embedded font parses");
        assert!(width("Hyundai", 14) > width("SK", 14));
        assert!(width("Hyundai", 20) > width("Hyundai", 14));
        assert_eq!(width("", 14), 0.0);
    }

    #[test]
    fn long_labels_wrap_at_spaces_and_never_exceed_the_width() {
        let lines = wrap("Missed: 10 PF sustained fp64 by Oct 2021", 14, 150.0, 3);
        assert!(lines.len() > 1, "{lines:?}");
        assert!(lines.iter().all(|l| width(l, 14) <= 150.0), "{lines:?}");
        assert_eq!(lines.join(" "), "Missed: 10 PF sustained fp64 by Oct 2021");
    }

    #[test]
    fn hangul_wraps_between_characters() {
        let label = "국가인공지능컴퓨팅센터해남솔라시도데이터센터";
        let lines = wrap(label, 14, 100.0, 5);
        assert!(lines.len() > 1, "{lines:?}");
        assert!(lines.iter().all(|l| width(l, 14) <= 100.0), "{lines:?}");
        assert_eq!(lines.concat(), label);
    }

    #[test]
    fn overflow_ends_in_an_ellipsis() {
        let lines = wrap(&"word ".repeat(60), 14, 120.0, 2);
        assert_eq!(lines.len(), 2);
        assert!(
            lines[1].ends_with('…') && width(&lines[1], 14) <= 120.0,
            "{lines:?}"
        );
        let short = shorten("A very long site name indeed", 13, 80.0);
        assert!(short.ends_with('…') && width(&short, 13) <= 80.0, "{short}");
        assert_eq!(shorten("Short", 13, 80.0), "Short");
    }
}
