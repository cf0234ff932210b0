//! Parses a file's TOML in one pass with the toml crate's recovering parser, so that one pass
//! reports every mistake in a single value: `count = 20,000`, `start = 2026-01` (unquoted),
//! `cooling = liquid`, a number too large for TOML, a key given twice.
//!
//! Each bad value is reported in plain words and its span is *poisoned*: the tree keeps an
//! empty placeholder there, which later stages read as absent without reporting it again. A
//! mistake outside a value (a broken `[table]` header, a missing `=`) ends the pass.

use std::ops::Range;

use toml::de::DeTable;

use super::tree::{self, Item, Value};

/// The parser's "message" for a value it read that no scenario has (a date, a time, a whole
/// number too large).
const ODD: &str = "a value no scenario has";

/// Most values one file may have reported as unreadable; past it the file is not read on.
const MAX_RECOVERIES: usize = 200;

/// A parsed file: its tree (unless a mistake could not be recovered from), every syntax
/// problem found, and the spans of the values replaced.
pub struct Parsed {
    /// The document, with placeholders where values could not be read.
    pub root: Option<Item>,
    /// Problems (span, message), spans local to the file, in file order.
    pub problems: Vec<(Range<usize>, String)>,
    /// Spans of the replaced values, local to the file, in file order.
    pub poisoned: Vec<Range<usize>>,
}

/// Parses `text`, recovering from bad values.
pub fn parse(text: &str) -> Parsed {
    let (document, mut errors) = DeTable::parse_recoverable(text);
    errors.sort_by_key(|error| error.span().map_or(0, |span| span.start));
    let mut odd = Vec::new();
    let root = tree::from_document(document, &mut odd);
    let mut problems = Vec::new();
    let mut poisoned: Vec<Range<usize>> = Vec::new();
    let mut readable = true;
    for error in &errors {
        let at = error.span().map_or(0, |span| span.start).min(text.len());
        if error.message().starts_with("duplicate key")
            && let Some(key) = error.span()
        {
            let name = text[key.clone()].trim_matches('"');
            let message = crate::lang::fill("problem.twice", &[("name", name)]);
            problems.push((key, message));
            continue;
        }
        match bad_value(text, at) {
            Some((_, span)) if poisoned.contains(&span) => {}
            Some((key, span)) => {
                problems.push((
                    span.clone(),
                    explain(&key, &text[span.clone()], error.message()),
                ));
                poisoned.push(span);
            }
            None => {
                let span = error.span().unwrap_or(at..at);
                problems.push((span, plain(error.message())));
                readable = false;
                break;
            }
        }
    }
    for span in odd {
        if let Some((key, value)) = bad_value(text, span.start)
            && !poisoned.contains(&value)
        {
            problems.push((value.clone(), explain(&key, &text[value.clone()], ODD)));
            poisoned.push(value);
        }
    }
    problems.sort_by_key(|(span, _)| span.start);
    poisoned.sort_by_key(|span| span.start);
    if poisoned.len() > MAX_RECOVERIES {
        readable = false;
    }
    let root = readable.then(|| {
        let mut root = root;
        poison(&mut root, &poisoned);
        root
    });
    Parsed {
        root,
        problems,
        poisoned,
    }
}

/// Replaces every value that starts inside a poisoned span (sorted) by an empty placeholder
/// spanning it whole.
fn poison(item: &mut Item, poisoned: &[Range<usize>]) {
    let holder = poisoned.partition_point(|span| span.start <= item.span.start);
    if let Some(span) = holder.checked_sub(1).map(|i| &poisoned[i])
        && span.contains(&item.span.start)
    {
        item.span = span.clone();
        item.value = Value::String(String::new());
        return;
    }
    match &mut item.value {
        Value::Table(entries) => entries
            .iter_mut()
            .for_each(|entry| poison(&mut entry.item, poisoned)),
        Value::Array(items) => items.iter_mut().for_each(|item| poison(item, poisoned)),
        _ => {}
    }
}

/// The key and the span of the value holding byte `at`, when `at` lies in the value of a
/// `key = value` on its line.
fn bad_value(text: &str, at: usize) -> Option<(String, Range<usize>)> {
    let line_start = text[..at].rfind('\n').map_or(0, |i| i + 1);
    let line_end = text[at..].find('\n').map_or(text.len(), |i| at + i);
    let eq = line_start + text[line_start..at].rfind('=')?;
    let key_start = text[line_start..eq]
        .rfind(['{', ','])
        .map_or(line_start, |i| line_start + i + 1);
    let key = text[key_start..eq].trim().trim_matches('"').to_string();
    let rest = &text[eq + 1..line_end];
    let start = eq + 1 + (rest.len() - rest.trim_start().len());
    let bytes = text.as_bytes();
    let (mut i, mut depth) = (start, 0usize);
    while i < line_end {
        match bytes[i] {
            quote @ (b'"' | b'\'') => {
                i += 1;
                while i < line_end && bytes[i] != quote {
                    i += 1;
                }
            }
            b'[' | b'{' => depth += 1,
            b']' | b'}' if depth == 0 => break,
            b']' | b'}' => depth -= 1,
            b'#' => break,
            b',' if depth == 0 && next_is_key(&text[i + 1..line_end]) => break,
            _ => {}
        }
        i += 1;
    }
    let end = start + text[start..i.min(line_end)].trim_end().len();
    (end > start && !key.is_empty()).then_some((key, start..end))
}

/// Whether `text` (after a comma) starts with `key =` or a new table or list element.
fn next_is_key(text: &str) -> bool {
    let text = text.trim_start();
    if text.starts_with(['{', '[', '"']) {
        return true;
    }
    let name_len = text
        .find(|c: char| !(c.is_ascii_alphanumeric() || c == '_' || c == '-'))
        .unwrap_or(text.len());
    name_len > 0 && text[name_len..].trim_start().starts_with('=')
}

/// The problem with `value` (as written) under `key`, in plain words.
fn explain(key: &str, value: &str, message: &str) -> String {
    let digits = |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit());
    let shown: String = value.chars().take(40).collect();
    if let Some((year, month)) = value.split_once('-')
        && year.len() == 4
        && digits(year)
        && let Some(month) = month.get(..2.min(month.len())).filter(|m| digits(m))
    {
        let month: u32 = month.parse().unwrap_or(1);
        return format!("`{key}`: months are quoted strings — write \"{year}-{month:02}\"");
    }
    let unsigned = value.trim_start_matches(['+', '-']);
    if unsigned.contains(',')
        && unsigned.split(',').enumerate().all(|(i, group)| {
            digits(group.split('.').next().unwrap_or("")) && (i == 0 || group.len() >= 3)
        })
    {
        let plain = value.replace(',', "");
        let underscored = value.replace(',', "_");
        return format!(
            "`{key} = {shown}`: numbers take no thousands commas — write {plain} or {underscored}"
        );
    }
    if digits(unsigned) {
        return format!(
            "`{key}`: {shown} is too large for a whole number (the largest is 9,223,372,036,854,775,807)"
        );
    }
    if value.starts_with(['"', '\'']) && message.contains("string") {
        return format!("`{key}`: the text {shown} has no closing quote");
    }
    if message == ODD {
        return format!(
            "`{key}`: a time or date is not a month; months are quoted strings like \"2026-01\""
        );
    }
    if message.contains("must be quoted") {
        return format!("`{key}`: text goes in quotes — write \"{shown}\"");
    }
    format!(
        "`{key} = {shown}` is not a valid value ({})",
        plain(message)
    )
}

/// A TOML parser message without the parser's own vocabulary after "expected".
fn plain(message: &str) -> String {
    message.trim().to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The problems found in `text`, in file order (as they are reported).
    fn problems(text: &str) -> Vec<(String, String)> {
        let mut found = parse(text).problems;
        found.sort_by_key(|(span, _)| span.start);
        found
            .into_iter()
            .map(|(span, message)| (text[span].to_string(), message))
            .collect()
    }

    #[test]
    fn every_bad_value_is_reported_and_spans_stay_true() {
        let text = "count = 20,000\nstart = 2026-01\ncooling = liquid\nd = { start = 2026-7, months = 4 }\nn = 99999999999999999999\nok = 1\n";
        assert_eq!(
            problems(text),
            [
                (
                    "20,000".to_string(),
                    "`count = 20,000`: numbers take no thousands commas — write 20000 or 20_000"
                        .to_string()
                ),
                (
                    "2026-01".into(),
                    "`start`: months are quoted strings — write \"2026-01\"".into()
                ),
                (
                    "liquid".into(),
                    "`cooling`: text goes in quotes — write \"liquid\"".into()
                ),
                (
                    "2026-7".into(),
                    "`start`: months are quoted strings — write \"2026-07\"".into()
                ),
                (
                    "99999999999999999999".into(),
                    "`n`: 99999999999999999999 is too large for a whole number (the largest is 9,223,372,036,854,775,807)".into()
                ),
            ]
        );
        let parsed = parse(text);
        let root = parsed.root.unwrap();
        let ok = root.get("ok").unwrap();
        assert_eq!(&text[ok.span.clone()], "1");
        assert_eq!(parsed.poisoned.len(), 5);
    }

    #[test]
    fn a_key_given_twice_is_reported_by_name_and_reading_goes_on() {
        let text = "[s]\npue = 1\npue = 2\nn = 20,000\n";
        assert_eq!(
            problems(text),
            [
                (
                    "pue".to_string(),
                    "`pue` is given twice in this table: give each key once".to_string()
                ),
                (
                    "20,000".into(),
                    "`n = 20,000`: numbers take no thousands commas — write 20000 or 20_000".into()
                ),
            ]
        );
        let root = parse(text).root.unwrap();
        let pue = root.get("s").unwrap().get("pue").unwrap();
        assert_eq!(&text[pue.span.clone()], "1", "the first is kept");
    }

    #[test]
    fn a_time_is_not_a_month_and_later_values_are_read() {
        let text = "t = 07:30:00\nd = { n = 1, start = 2026-01-01 }\nok = 2\n";
        assert_eq!(
            problems(text),
            [
                (
                    "07:30:00".to_string(),
                    "`t`: a time or date is not a month; months are quoted strings like \"2026-01\""
                        .to_string()
                ),
                (
                    "2026-01-01".into(),
                    "`start`: months are quoted strings — write \"2026-01\"".into()
                ),
            ]
        );
        let root = parse(text).root.unwrap();
        assert_eq!(root.get("ok").unwrap().value, Value::Integer(2));
        let start = root.get("d").unwrap().get("start").unwrap();
        assert_eq!(start.value, Value::String(String::new()), "a placeholder");
    }

    #[test]
    fn more_bad_values_than_the_limit_stop_the_reading() {
        let text = (0..=MAX_RECOVERIES)
            .map(|i| format!("k{i} = 1,000"))
            .collect::<Vec<_>>()
            .join("\n");
        let parsed = parse(&text);
        assert_eq!(parsed.problems.len(), MAX_RECOVERIES + 1);
        assert!(parsed.root.is_none());
        let fewer = text.lines().skip(1).collect::<Vec<_>>().join("\n");
        assert!(parse(&fewer).root.is_some());
    }

    #[test]
    fn an_unclosed_quote_is_named() {
        assert_eq!(
            problems("name = \"Gak Sejong\nok = 1\n"),
            [(
                "\"Gak Sejong".to_string(),
                "`name`: the text \"Gak Sejong has no closing quote".to_string()
            )]
        );
    }

    #[test]
    fn a_broken_header_ends_the_pass() {
        let parsed = parse("a = 1,5\n[[site]\nb = x\n");
        assert!(parsed.root.is_none());
        assert_eq!(parsed.problems.len(), 2, "{:?}", parsed.problems);
    }
}
