//! Reads a scenario file into raw serde structs ([`raw`]), turning TOML and type errors into
//! [`Diagnostic`]s with line, column and a did-you-mean for misspelt keys and values.

pub mod raw;

use std::path::Path;

use crate::error::{Diagnostic, ScenarioError, did_you_mean};
use raw::RawFile;

/// Reads and parses `path`. Returns the raw file and its text (kept for later diagnostics).
pub fn load(path: &Path) -> Result<(RawFile, String), ScenarioError> {
    let source = std::fs::read_to_string(path)
        .map_err(|e| Diagnostic::whole_file(path, format!("cannot read the scenario: {e}")))?;
    let raw = parse(path, &source)?;
    Ok((raw, source))
}

/// Parses scenario text; `file` only names the source in errors.
pub fn parse(file: &Path, source: &str) -> Result<RawFile, ScenarioError> {
    toml::from_str(source).map_err(|e| {
        let message = explain(e.message());
        match e.span() {
            Some(span) => Diagnostic::at(file, source, span, message).into(),
            None => Diagnostic::whole_file(file, message).into(),
        }
    })
}

/// Rewrites serde's "unknown field/variant" messages into the words a scenario author uses,
/// with the closest known name as a suggestion.
fn explain(message: &str) -> String {
    let message = message.trim_end();
    if let Some(rest) = message.strip_prefix("missing field ") {
        return format!("missing key {rest}");
    }
    if let Some((found, expected)) = message.split_once(", expected ")
        && found.starts_with("invalid type")
    {
        let expected = match expected {
            "i64" | "u64" => "a whole number",
            "f64" => "a number",
            other => other,
        };
        return format!("{found}, expected {expected}");
    }
    let (kind, rest) = if let Some(rest) = message.strip_prefix("unknown field `") {
        ("key", rest)
    } else if let Some(rest) = message.strip_prefix("unknown variant `") {
        ("value", rest)
    } else {
        return message.to_string();
    };
    let Some((word, expected)) = rest.split_once('`') else {
        return message.to_string();
    };
    let candidates: Vec<&str> = expected.split('`').skip(1).step_by(2).collect();
    let mut text = format!("unknown {kind} `{word}`");
    if let Some(suggestion) = did_you_mean(word, candidates.iter().copied()) {
        text.push_str(&format!(" — did you mean `{suggestion}`?"));
    }
    if candidates.is_empty() {
        text.push_str(" (this table takes no keys)");
    } else {
        text.push_str(&format!(" (expected one of: {})", candidates.join(", ")));
    }
    text
}

#[cfg(test)]
mod tests {
    use super::*;

    fn error_of(source: &str) -> String {
        parse(Path::new("s.toml"), source).unwrap_err().to_string()
    }

    const META: &str = "[scenario]\nname = \"x\"\nstart = \"2026-01\"\nend = \"2026-12\"\n";

    #[test]
    fn unknown_key_names_line_column_and_suggestion() {
        let text = format!("{META}[[site]]\nname = \"A\"\npue_ = 1.2\n");
        let error = error_of(&text);
        assert!(
            error.starts_with("s.toml:7:1: unknown key `pue_` — did you mean `pue`?"),
            "{error}"
        );
    }

    #[test]
    fn unknown_value_suggests_the_closest_spelling() {
        let text = format!(
            "{META}[[site]]\nname = \"A\"\npue = 1.2\ncooling = \"liquidd\"\nphases = []\n"
        );
        let error = error_of(&text);
        assert!(
            error.starts_with("s.toml:8:11: unknown value `liquidd` — did you mean `liquid`?"),
            "{error}"
        );
    }

    #[test]
    fn syntax_errors_point_into_the_file() {
        let error = error_of("[scenario\nname = 1\n");
        assert!(error.starts_with("s.toml:1:"), "{error}");
    }

    #[test]
    fn deliveries_accept_a_ramp_or_a_schedule() {
        let base = format!("{META}[[allocation]]\nrecipient = \"R\"\nchip = \"B200\"\ncount = 3\n");
        let ramp = format!("{base}deliveries = {{ start = \"2026-01\", months = 2 }}\n");
        assert!(parse(Path::new("s.toml"), &ramp).is_ok());
        let list = format!("{base}deliveries = [{{ month = \"2026-01\", count = 3 }}]\n");
        assert!(parse(Path::new("s.toml"), &list).is_ok());
        let typo = format!("{base}deliveries = {{ start = \"2026-01\", month = 2 }}\n");
        let error = error_of(&typo);
        assert!(
            error.contains("unknown key `month` — did you mean `months`?"),
            "{error}"
        );
        assert!(error.starts_with("s.toml:9:"), "{error}");
    }
}
