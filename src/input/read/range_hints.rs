//! Errors that teach the range syntax: a range written in a form gpuplan does not read —
//! `"1.2 - 1.4"`, `"40 ~ 50"`, `{ low = 1.2, high = 1.4 }`, `"3,000 to 4,000"` — is answered
//! with the form that says it, in its own numbers (docs/scenario-format.md: Uncertain values).

use super::FORM;
use super::uncertain::Bound;
use crate::input::tree::Value as Toml;

/// The message for `value`, written in key `key`, if it is a range in a form gpuplan does not
/// read (or a number with thousands separators); `None` for anything else.
pub(super) fn hint<B: Bound + std::fmt::Display>(value: &Toml, key: &str) -> Option<String> {
    match value {
        Toml::String(text) if !text.contains(" to ") => other_separator::<B>(text)
            .map(|(a, b)| {
                format!(
                    "`{key}`: write a range as \"{a} to {b}\" (a 90% interval) or {{ min = {}, max = {} }} (every value between equally likely), not \"{text}\"",
                    a.literal(),
                    b.literal()
                )
            })
            .or_else(|| {
                let plain = unseparated(text.trim())?;
                B::well_formed(&plain).then(|| {
                    format!(
                        "`{key}`: numbers take no thousands separators or quotes: write {plain}"
                    )
                })
            }),
        Toml::Table(entries) if !entries.iter().any(|e| FORM.contains(&e.key.as_str())) => {
            let bounds: Vec<B> = entries
                .iter()
                .filter_map(|e| B::read(&e.item.value))
                .collect();
            Some(match bounds.as_slice() {
                [a, b] => format!(
                    "`{key}`: a range table is {{ min = {}, max = {} }} (every value between equally likely), {{ min, likely, max }} or {{ p5, p95 }}; or write \"{a} to {b}\" for a 90% interval (found keys {})",
                    a.literal(),
                    b.literal(),
                    keys(entries)
                ),
                _ => format!(
                    "`{key}`: a range table is {{ min = …, max = … }}, {{ min, likely, max }}, {{ p5, p95 }}, {{ choose = [...] }}, {{ factor = \"NAME\" }} or {{ reference = \"CLASS\" }} (found keys {})",
                    keys(entries)
                ),
            })
        }
        _ => None,
    }
}

/// `text` split at a separator other than " to " into two bounds that each read, if it is one.
fn other_separator<B: Bound + std::fmt::Display>(text: &str) -> Option<(B, B)> {
    // A month holds a hyphen ("2027-01"): only a spaced one separates months.
    let separators: &[&str] = if B::EXPECTED.contains("month") {
        &[" - ", "–", "—", "~", "..", "…", " or ", " and "]
    } else {
        &[
            " - ", "-", "–", "—", "~", "..", "…", " or ", " and ", " To ", " TO ",
        ]
    };
    separators.iter().find_map(|sep| {
        let (a, b) = text.split_once(sep)?;
        let clean = |x: &str| unseparated(x.trim()).unwrap_or_else(|| x.trim().to_string());
        let (a, b) = (clean(a), clean(b));
        let (Some(lo), Some(hi)) = (B::parse(&a), B::parse(&b)) else {
            return None;
        };
        (B::well_formed(&a) && B::well_formed(&b)).then_some((lo, hi))
    })
}

/// A number written with thousands separators ("3,000", "1,234,567.5") without them, if it is
/// one: commas between groups of three digits only ("1,2" is not — a decimal comma, perhaps).
pub(super) fn unseparated(text: &str) -> Option<String> {
    let (whole, fraction) = match text.split_once('.') {
        Some((w, f)) => (w, Some(f)),
        None => (text, None),
    };
    let digits = |s: &str| !s.is_empty() && s.chars().all(|c| c.is_ascii_digit());
    let mut groups = whole.split(',');
    let first = groups.next()?;
    let rest: Vec<&str> = groups.collect();
    let grouped = !rest.is_empty()
        && digits(first)
        && first.len() <= 3
        && rest.iter().all(|g| g.len() == 3 && digits(g))
        && fraction.is_none_or(digits);
    grouped.then(|| text.replace(',', ""))
}

/// The keys of a table, for messages: "`low`, `high`".
fn keys(entries: &[crate::input::tree::Entry]) -> String {
    entries
        .iter()
        .map(|e| format!("`{}`", e.key))
        .collect::<Vec<_>>()
        .join(", ")
}
