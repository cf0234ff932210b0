//! What a name may be. Names (recipients, chips, sites, regions, targets, factors) end up in
//! terminals, CSV files opened by spreadsheets, SVG and HTML: they must be printable text that
//! no reader takes for a command — no control characters, no bidirectional overrides, no
//! leading or trailing spaces, no spreadsheet formula, and short enough for a label.

/// The most characters a name may have.
pub const MAX_CHARS: usize = 200;

/// What is wrong with `name` as the name of a `kind`, if anything.
pub fn problem(name: &str, kind: &str) -> Option<String> {
    if name.trim().is_empty() {
        return Some(format!("{kind} name must not be empty"));
    }
    if let Some(c) = name.chars().find(|&c| c.is_control()) {
        return Some(format!(
            "{kind} name contains the control character {}: names are printable text",
            code(c)
        ));
    }
    if let Some(c) = name.chars().find(|&c| crate::console::is_noncharacter(c)) {
        return Some(format!(
            "{kind} name contains the non-character {}, which is not text (and which SVG and XML cannot hold)",
            code(c)
        ));
    }
    if let Some(c) = name.chars().find(|&c| crate::console::is_unsafe(c)) {
        return Some(format!(
            "{kind} name contains the bidirectional control {}, which reorders the text around it",
            code(c)
        ));
    }
    if name.starts_with(char::is_whitespace) || name.ends_with(char::is_whitespace) {
        return Some(format!(
            "{kind} name `{name}` starts or ends with a space: remove it"
        ));
    }
    if let Some(first) = name.chars().next().filter(|c| "=+-@".contains(*c)) {
        return Some(format!(
            "{kind} name `{name}` starts with `{first}`, which a spreadsheet reads as a formula"
        ));
    }
    let chars = name.chars().count();
    if chars > MAX_CHARS {
        return Some(format!(
            "{kind} name is {chars} characters long; at most {MAX_CHARS}"
        ));
    }
    None
}

/// The most names compared by edit distance and words for [`near_name`]; beyond it only
/// names equal but for case, spacing and punctuation are found (a hash lookup), so a file of
/// many elements is checked in time proportional to its size.
const NEAR_NAME_CANDIDATES: usize = 1000;

/// The name among `names` that `name` most likely meant, if any: one that differs only in case,
/// spacing or punctuation ("Capital Area" for "Capital area"), by a small edit of its letters
/// ("Capitol area"), or by words left out or added ("Samsung Gumi" for "Samsung SDS Gumi AI
/// DC"). Never one whose numbers differ ("Phase 2" does not mean "Phase 1"): elements told
/// apart by a number are usually meant to be distinct.
pub fn near_name<'a>(name: &str, names: &[&'a str]) -> Option<&'a str> {
    let key = squashed(name);
    if let Some(&same) = names.iter().find(|n| squashed(n) == key) {
        return Some(same);
    }
    if names.len() > NEAR_NAME_CANDIDATES {
        return None;
    }
    let digits = numbers(name);
    let words = words(name);
    let typo_limit = (key.chars().count() / 6).max(1);
    let mut best: Option<(usize, &str)> = None;
    for &candidate in names {
        if numbers(candidate) != digits {
            continue;
        }
        let distance = strsim::levenshtein(&key, &squashed(candidate));
        let rank = if distance <= typo_limit {
            distance
        } else {
            let theirs = self::words(candidate);
            let subset = |a: &[String], b: &[String]| a.iter().all(|w| b.contains(w));
            if words.is_empty()
                || theirs.is_empty()
                || !(subset(&words, &theirs) || subset(&theirs, &words))
            {
                continue;
            }
            typo_limit + 1
        };
        if best.is_none_or(|(r, _)| rank < r) {
            best = Some((rank, candidate));
        }
    }
    best.map(|(_, candidate)| candidate)
}

/// Lower-case letters and digits only.
fn squashed(name: &str) -> String {
    name.chars()
        .filter(|c| c.is_alphanumeric())
        .flat_map(char::to_lowercase)
        .collect()
}

/// The lower-case words (runs of letters and digits).
fn words(name: &str) -> Vec<String> {
    name.split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
        .collect()
}

/// The runs of digits, in order.
fn numbers(name: &str) -> Vec<&str> {
    name.split(|c: char| !c.is_ascii_digit())
        .filter(|w| !w.is_empty())
        .collect()
}

fn code(c: char) -> String {
    format!("U+{:04X}", u32::from(c))
}

/// `items` with each kept at its first appearance only, in order.
pub fn unique_in_order<T: Eq + std::hash::Hash + Clone>(
    items: impl IntoIterator<Item = T>,
) -> Vec<T> {
    let mut seen = std::collections::HashSet::new();
    items
        .into_iter()
        .filter(|item| seen.insert(item.clone()))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unique_in_order_keeps_first_appearances() {
        assert_eq!(unique_in_order([3, 1, 3, 2, 1]), [3, 1, 2]);
        assert!(unique_in_order(Vec::<u8>::new()).is_empty());
    }

    #[test]
    fn near_names_are_case_spacing_small_edits_and_words_left_out() {
        let names = [
            "Capital area",
            "Samsung SDS Gumi AI DC",
            "Phase 1 hall",
            "LG U+ Paju",
        ];
        assert_eq!(near_name("Capital Area", &names), Some("Capital area"));
        assert_eq!(near_name("capital-area", &names), Some("Capital area"));
        assert_eq!(near_name("Capitol area", &names), Some("Capital area"));
        assert_eq!(
            near_name("Samsung Gumi", &names),
            Some("Samsung SDS Gumi AI DC")
        );
        assert_eq!(near_name("LG U+ Paju campus", &names), Some("LG U+ Paju"));
        assert_eq!(near_name("Phase 2 hall", &names), None, "numbers differ");
        assert_eq!(near_name("Honam", &names), None);
        assert_eq!(near_name("LG U+ Pyeongchon", &names), None);
    }

    #[test]
    fn every_class_of_bad_name_is_refused() {
        for good in [
            "Naver",
            "삼성전자",
            "SK hynix (Ulsan)",
            "A-1",
            "x=y",
            "50% share",
        ] {
            assert_eq!(problem(good, "site"), None, "{good}");
        }
        let cases = [
            ("", "site name must not be empty"),
            ("  ", "site name must not be empty"),
            ("a\0b", "control character U+0000"),
            ("a\u{1b}[31m", "control character U+001B"),
            ("a\rb", "control character U+000D"),
            ("a\nb", "control character U+000A"),
            ("a\tb", "control character U+0009"),
            ("a\u{85}b", "control character U+0085"),
            ("a\u{202E}b", "bidirectional control U+202E"),
            ("a\u{2067}b", "bidirectional control U+2067"),
            ("a\u{FFFE}b", "non-character U+FFFE"),
            ("a\u{FFFF}", "non-character U+FFFF"),
            ("\u{FDD0}x", "non-character U+FDD0"),
            ("x\u{FDEF}", "non-character U+FDEF"),
            ("x\u{1FFFF}", "non-character U+1FFFF"),
            (" Naver", "starts or ends with a space"),
            ("Naver\u{3000}", "starts or ends with a space"),
            ("=1+1", "starts with `=`"),
            ("+82", "starts with `+`"),
            ("-x", "starts with `-`"),
            ("@SUM(A1)", "starts with `@`"),
        ];
        for (name, expected) in cases {
            let found = problem(name, "site").unwrap_or_default();
            assert!(found.contains(expected), "{name:?}: {found}");
        }
        assert_eq!(problem(&"가".repeat(200), "site"), None);
        assert_eq!(
            problem(&"가".repeat(201), "site").unwrap(),
            "site name is 201 characters long; at most 200"
        );
    }
}
