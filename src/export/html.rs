//! Small pieces of HTML for the report: escaping, and tables of result sheets.

use std::fmt::Write;

use super::sheet::{Cell, Sheet};
use crate::present::labels;

/// `text` safe inside HTML text and attribute values; control and bidirectional characters
/// (refused in names, but possible in descriptions) shown as `�`.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in crate::console::printable(text).chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

/// The CSS rule that embeds `NanumGothic` for a page whose text is `text`: cut to the glyphs
/// of its characters (and those markup escapes), as WOFF in a data URL.
pub fn font_face(text: &str) -> String {
    let font =
        crate::chart::subset::subset(crate::chart::style::FONT_BYTES, &format!("&<>\"'{text}"))
            .and_then(|font| crate::chart::woff::woff(&font))
            .unwrap_or_default();
    format!(
        "@font-face {{ font-family: \"NanumGothic\"; src: url(data:font/woff;base64,{}) format(\"woff\"); }}",
        crate::encode::base64(&font)
    )
}

/// An HTML table of `sheet`: the header row relabelled by `label`, numbers right-aligned and
/// written as people read them (shares as percentages, flags as yes or no, the files' codes
/// in words).
pub fn table(sheet: &Sheet<'_>, label: impl Fn(&str) -> String) -> String {
    let mut out = String::from("<div class=\"scroll\"><table>\n<thead><tr>");
    for name in sheet.header() {
        let _ = write!(out, "<th>{}</th>", escape(&label(name)));
    }
    out.push_str("</tr></thead>\n<tbody>\n");
    sheet.each_row(&mut |row| {
        out.push_str("<tr>");
        for cell in row {
            match *cell {
                Cell::Share(x) => {
                    let _ = write!(out, "<td class=\"n\">{}</td>", percent(x));
                }
                Cell::Flag(b) => {
                    let word = crate::lang::text(if b { "report.yes" } else { "report.no" });
                    let _ = write!(out, "<td>{}</td>", escape(word));
                }
                Cell::Text(text) => {
                    let _ = write!(out, "<td>{}</td>", escape(labels::code(text)));
                }
                _ if cell.is_number() => {
                    let _ = write!(out, "<td class=\"n\">{}</td>", cell.readable());
                }
                _ => {
                    let _ = write!(out, "<td>{}</td>", escape(&cell.text()));
                }
            }
        }
        out.push_str("</tr>\n");
    });
    out.push_str("</tbody></table></div>\n");
    out
}

/// A CSV column name as a table's heading ([`labels::column`]).
pub fn words(name: &str) -> String {
    labels::column(name).into_owned()
}

/// A share as a percentage: one decimal, two below 1%.
fn percent(x: f64) -> String {
    if x != 0.0 && x.abs() < 0.01 {
        format!("{:.2}%", x * 100.0)
    } else {
        format!("{:.1}%", x * 100.0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_markup_and_controls() {
        assert_eq!(
            escape("<b>\"Q&A\"</b> 'x'\u{1b}"),
            "&lt;b&gt;&quot;Q&amp;A&quot;&lt;/b&gt; &#39;x&#39;\u{FFFD}"
        );
    }

    #[test]
    fn a_sheet_becomes_a_table_with_escaped_cells() {
        use super::super::sheet::Cell;
        let sheet = Sheet::new(["name", "chips_online"], |each| {
            each(&[Cell::Text("<A>, B"), Cell::Count(12_000)]);
        });
        let table = table(&sheet, words);
        assert!(table.contains("<th>Chips online</th>"));
        assert!(table.contains("<td>&lt;A&gt;, B</td><td class=\"n\">12,000</td>"));
    }
}
