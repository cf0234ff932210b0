//! The words gpuplan prints, in English or Korean: one catalogue per language
//! (`lang/en.txt`, `lang/ko.txt`, a message a line as `id = text`, `{name}` where a value goes),
//! the language chosen once per process (`--lang`, or `GPUPLAN_LANG`). A test holds the two
//! catalogues to the same messages with the same placeholders. Names from a scenario are never
//! translated: they are printed as written.

use std::collections::HashMap;
use std::sync::OnceLock;
use std::sync::atomic::{AtomicU8, Ordering};

/// A language gpuplan speaks.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Lang {
    /// English (the default).
    En,
    /// Korean.
    Ko,
}

impl Lang {
    /// Every language, in catalogue order.
    pub const ALL: [Lang; 2] = [Lang::En, Lang::Ko];

    /// Its code: `en`, `ko`.
    pub fn code(self) -> &'static str {
        match self {
            Lang::En => "en",
            Lang::Ko => "ko",
        }
    }

    /// The language of `code` (`en`, `ko`, also `ko-KR`, `ko_KR.UTF-8`), if gpuplan speaks it.
    pub fn from_code(code: &str) -> Option<Lang> {
        let base = code
            .split(['-', '_', '.'])
            .next()
            .unwrap_or("")
            .to_ascii_lowercase();
        Lang::ALL.into_iter().find(|l| l.code() == base)
    }

    fn catalogue(self) -> &'static HashMap<&'static str, &'static str> {
        static EN: OnceLock<HashMap<&str, &str>> = OnceLock::new();
        static KO: OnceLock<HashMap<&str, &str>> = OnceLock::new();
        match self {
            Lang::En => EN.get_or_init(|| parse(include_str!("lang/en.txt"))),
            Lang::Ko => KO.get_or_init(|| parse(include_str!("lang/ko.txt"))),
        }
    }
}

static CURRENT: AtomicU8 = AtomicU8::new(0);

/// Chooses the language of everything printed from now on.
pub fn set(lang: Lang) {
    CURRENT.store(lang as u8, Ordering::Relaxed);
}

/// The language chosen ([`Lang::En`] unless [`set`] said otherwise).
pub fn current() -> Lang {
    match CURRENT.load(Ordering::Relaxed) {
        1 => Lang::Ko,
        _ => Lang::En,
    }
}

/// Message `id` in the current language (the id itself if no catalogue has it: a test keeps
/// that from happening).
pub fn text(id: &str) -> &'static str {
    in_lang(current(), id)
}

/// Message `id` in `lang`.
pub fn in_lang(lang: Lang, id: &str) -> &'static str {
    lang.catalogue()
        .get(id)
        .or_else(|| Lang::En.catalogue().get(id))
        .copied()
        .unwrap_or("")
}

/// Message `id` in the current language with each `{name}` replaced by its value.
pub fn fill(id: &str, values: &[(&str, &str)]) -> String {
    substitute(text(id), values)
}

/// Message `one` when `n` is 1, else message `many` with `{n}`: "1 site", "10 sites".
pub fn count(n: usize, one: &str, many: &str) -> String {
    if n == 1 {
        text(one).to_string()
    } else {
        fill(many, &[("n", &n.to_string())])
    }
}

/// `template` with each `{name}` of `values` replaced, in one pass: a value that itself holds
/// `{…}` (a scenario's name, say) is written as it is, never filled in again.
fn substitute(template: &str, values: &[(&str, &str)]) -> String {
    let mut out = String::with_capacity(template.len());
    let mut rest = template;
    while let Some(open) = rest.find('{') {
        out.push_str(&rest[..open]);
        let after = &rest[open + 1..];
        let value = after.find('}').and_then(|close| {
            let name = &after[..close];
            values
                .iter()
                .find(|(n, _)| *n == name)
                .map(|(_, v)| (*v, close))
        });
        match value {
            Some((value, close)) => {
                out.push_str(value);
                rest = &after[close + 1..];
            }
            None => {
                out.push('{');
                rest = after;
            }
        }
    }
    out.push_str(rest);
    out
}

/// "A", "A and B", "A, B and C" ("A, B 및 C").
pub fn and_list(items: &[String]) -> String {
    match items {
        [] => String::new(),
        [one] => one.clone(),
        [rest @ .., last] => fill("list.and", &[("rest", &rest.join(", ")), ("last", last)]),
    }
}

/// A catalogue's messages: `id = text` lines; blank lines and `#` comments skipped.
fn parse(catalogue: &'static str) -> HashMap<&'static str, &'static str> {
    catalogue
        .lines()
        .filter(|l| !l.trim().is_empty() && !l.starts_with('#'))
        .filter_map(|l| l.split_once(" = "))
        .map(|(id, text)| (id.trim(), text))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::BTreeSet;

    fn placeholders(text: &str) -> BTreeSet<&str> {
        text.split('{')
            .skip(1)
            .filter_map(|rest| rest.split_once('}').map(|(name, _)| name))
            // `{ reference = "CLASS" }` in a message is text, not a value to fill in.
            .filter(|name| name.chars().all(|c| c.is_ascii_alphanumeric() || c == '_'))
            .collect()
    }

    /// Every message exists in every language, with the same placeholders, and none is empty.
    #[test]
    fn the_catalogues_hold_the_same_messages() {
        let en = Lang::En.catalogue();
        let ko = Lang::Ko.catalogue();
        let only = |a: &HashMap<&'static str, &'static str>,
                    b: &HashMap<&'static str, &'static str>| {
            let mut ids: Vec<&'static str> = a
                .keys()
                .filter(|id| !b.contains_key(*id))
                .copied()
                .collect();
            ids.sort_unstable();
            ids
        };
        assert_eq!(only(en, ko), Vec::<&str>::new(), "in English only");
        assert_eq!(only(ko, en), Vec::<&str>::new(), "in Korean only");
        for (id, text) in en {
            assert!(
                !text.trim().is_empty() && !ko[id].trim().is_empty(),
                "{id} is empty"
            );
            assert_eq!(
                placeholders(text),
                placeholders(ko[id]),
                "{id}: placeholders differ"
            );
        }
        // Each line parsed: as many messages as `id = text` lines.
        for (lang, file) in [
            (Lang::En, include_str!("lang/en.txt")),
            (Lang::Ko, include_str!("lang/ko.txt")),
        ] {
            let lines = file
                .lines()
                .filter(|l| !l.trim().is_empty() && !l.starts_with('#'))
                .count();
            assert_eq!(
                lang.catalogue().len(),
                lines,
                "{}: a line is not `id = text`, or an id repeats",
                lang.code()
            );
        }
    }

    /// Values go in once: a name holding `{by}` stays as written; a brace that names no value
    /// (the catalogue's own `{ reference = "CLASS" }`) is kept.
    #[test]
    fn values_are_filled_in_once() {
        assert_eq!(
            substitute("{name} by {by}", &[("name", "Plan {by}"), ("by", "2030")]),
            "Plan {by} by 2030"
        );
        assert_eq!(
            substitute("absolute: { reference = \"CLASS\" } {n}", &[("n", "3")]),
            "absolute: { reference = \"CLASS\" } 3"
        );
    }

    #[test]
    fn codes_name_languages() {
        assert_eq!(Lang::from_code("ko_KR.UTF-8"), Some(Lang::Ko));
        assert_eq!(Lang::from_code("EN"), Some(Lang::En));
        assert_eq!(Lang::from_code("fr"), None);
    }
}
