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

fn code(c: char) -> String {
    format!("U+{:04X}", u32::from(c))
}

#[cfg(test)]
mod tests {
    use super::*;

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
