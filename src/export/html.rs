//! Small pieces of HTML for the report: escaping, tables from CSV text, data URLs.

use std::fmt::Write;

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

/// An HTML table of CSV text: the header row relabelled by `label`, numbers right-aligned.
pub fn table_of_csv(csv: &str, label: impl Fn(&str) -> String) -> String {
    let rows = super::xlsx::parse(csv);
    let Some((header, body)) = rows.split_first() else {
        return String::new();
    };
    let mut out = String::from("<div class=\"scroll\"><table>\n<thead><tr>");
    for name in header {
        let _ = write!(out, "<th>{}</th>", escape(&label(name)));
    }
    out.push_str("</tr></thead>\n<tbody>\n");
    for row in body {
        out.push_str("<tr>");
        for field in row {
            let numeric = !field.is_empty() && field.parse::<f64>().is_ok();
            let class = if numeric { " class=\"n\"" } else { "" };
            let shown = if numeric {
                readable(field)
            } else {
                escape(field)
            };
            let _ = write!(out, "<td{class}>{shown}</td>");
        }
        out.push_str("</tr>\n");
    }
    out.push_str("</tbody></table></div>\n");
    out
}

/// A number from a CSV file as people read it: thousands separators, no trailing zeros
/// (`11750.000000` → `11,750`, `0.250` → `0.25`).
fn readable(number: &str) -> String {
    let trimmed = if number.contains('.') {
        number.trim_end_matches('0').trim_end_matches('.')
    } else {
        number
    };
    let (sign, digits) = trimmed
        .strip_prefix('-')
        .map_or(("", trimmed), |rest| ("-", rest));
    let (whole, fraction) = digits.split_once('.').unwrap_or((digits, ""));
    let whole = whole
        .parse::<u64>()
        .map_or_else(|_| whole.to_string(), crate::numbers::thousands);
    if fraction.is_empty() {
        format!("{sign}{whole}")
    } else {
        format!("{sign}{whole}.{fraction}")
    }
}

/// A CSV column name in words: `value_at_deadline` → `value at deadline`.
pub fn words(name: &str) -> String {
    name.replace('_', " ")
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
    fn numbers_read_as_people_write_them() {
        for (raw, shown) in [
            ("11750.000000", "11,750"),
            ("0.250", "0.25"),
            ("-1234567.5", "-1,234,567.5"),
            ("3000", "3,000"),
            ("0", "0"),
        ] {
            assert_eq!(readable(raw), shown);
        }
    }

    #[test]
    fn csv_becomes_a_table_with_escaped_cells() {
        let table = table_of_csv("name,chips_online\n\"<A>, B\",12000\n", words);
        assert!(table.contains("<th>chips online</th>"));
        assert!(table.contains("<td>&lt;A&gt;, B</td><td class=\"n\">12,000</td>"));
    }
}
