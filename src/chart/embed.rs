//! Standalone SVG files carry their font: the characters their text uses, cut from the
//! embedded `NanumGothic` ([`super::subset`]) and placed in the file under a family name of its
//! own. So a chart's Hangul renders on a machine with no Korean font, exactly as laid out, and
//! several charts inlined in one page (the report) never replace each other's glyphs.

use super::style::{FONT, FONT_BYTES};
use super::subset::subset;

/// `svg` (as plotters writes it) with a `@font-face` of the characters its text uses, named
/// first in every `font-family`. Unchanged if the font cannot be cut.
pub fn with_font(svg: &str) -> String {
    let text = text_content(svg);
    let Some(font) = subset(FONT_BYTES, &text) else {
        return svg.to_string();
    };
    let family = format!("gpuplan-{}", &crate::encode::sha256_hex(&font)[..12]);
    let face = format!(
        "\n<defs><style>@font-face {{ font-family: \"{family}\"; src: url(data:font/ttf;base64,{}) format(\"truetype\"); }}</style></defs>",
        crate::encode::base64(&font)
    );
    // The family is named on the <svg> element itself (text inherits it), and on any text
    // that names its own.
    let mut out = svg.replace(
        &format!("font-family=\"{FONT}\""),
        &format!("font-family=\"{family}, {FONT}\""),
    );
    match out.find('>') {
        Some(open_end) => {
            out.insert_str(open_end + 1, &face);
            out
        }
        None => svg.to_string(),
    }
}

/// Every character inside the `<text>` elements of `svg`, entities decoded.
fn text_content(svg: &str) -> String {
    let mut out = String::from("&<>\"'");
    let mut rest = svg;
    while let Some(start) = rest.find("<text") {
        let after = &rest[start..];
        let Some(open) = after.find('>') else { break };
        let body = &after[open + 1..];
        let Some(close) = body.find("</text>") else {
            break;
        };
        out.push_str(&decode(&body[..close]));
        rest = &body[close..];
    }
    out
}

/// XML character references and the five named entities, decoded.
fn decode(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(amp) = rest.find('&') {
        out.push_str(&rest[..amp]);
        let tail = &rest[amp..];
        let Some(semi) = tail.find(';') else {
            out.push_str(tail);
            return out;
        };
        let entity = &tail[1..semi];
        let decoded = match entity {
            "amp" => Some('&'),
            "lt" => Some('<'),
            "gt" => Some('>'),
            "quot" => Some('"'),
            "apos" => Some('\''),
            _ => entity
                .strip_prefix("#x")
                .and_then(|h| u32::from_str_radix(h, 16).ok())
                .or_else(|| entity.strip_prefix('#').and_then(|d| d.parse().ok()))
                .and_then(char::from_u32),
        };
        if let Some(c) = decoded {
            out.push(c);
            rest = &tail[semi + 1..];
        } else {
            out.push('&');
            rest = &tail[1..];
        }
    }
    out.push_str(rest);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_font_holds_the_text_and_every_text_names_it() {
        let svg = format!(
            "<svg width=\"10\" height=\"10\">\n<text x=\"1\" font-family=\"{FONT}\">정부 &amp; SK</text>\n</svg>\n"
        );
        let out = with_font(&svg);
        assert!(
            out.contains("@font-face { font-family: \"gpuplan-"),
            "{out}"
        );
        assert!(
            out.contains(&format!(", {FONT}\">정부 &amp; SK</text>")),
            "{out}"
        );
        assert_eq!(text_content(&svg), "&<>\"'정부 & SK");
        // The family said once on the <svg> element (as compacted charts say it) is named too,
        // and the face comes after that element's tag.
        let rooted = format!(
            "<svg font-family=\"{FONT}\" width=\"10\">\n<text x=\"1\">정부</text>\n</svg>\n"
        );
        let out = with_font(&rooted);
        assert!(
            out.starts_with("<svg font-family=\"gpuplan-")
                && out.contains(&format!(
                    ", {FONT}\" width=\"10\">\n<defs><style>@font-face"
                )),
            "{out}"
        );
        assert_eq!(decode("a&#xAC00;&#65;&bogus;"), "a가A&bogus;");
    }
}
