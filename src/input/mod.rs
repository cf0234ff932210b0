//! Reads a scenario file — and every file it `extends` — into raw serde structs ([`raw`]),
//! turning TOML and type errors into [`Diagnostic`]s with file, line, column and a did-you-mean
//! for misspelt keys and values.
//!
//! The path: each file is parsed into a spanned [`tree`], what-if files are merged over their
//! bases ([`merge`]), and the raw structs are read from the merged tree ([`de`]). Spans live in
//! one offset space across files ([`source`]), so an error in any file points into that file.

pub mod de;
pub mod diff;
pub mod emit;
pub mod merge;
pub mod raw;
pub mod source;
pub mod tree;

use std::path::{Path, PathBuf};

use serde::Deserialize;

use crate::error::{Diagnostic, ScenarioError, did_you_mean};
use raw::RawFile;
use source::SourceMap;
use tree::{Item, Value};

/// The key that names a base scenario.
pub const EXTENDS: &str = "extends";

/// A scenario with everything it extends merged in, and the files it came from.
#[derive(Debug, Clone)]
pub struct Loaded {
    /// The merged document.
    pub tree: Item,
    /// The files read, for diagnostics.
    pub sources: SourceMap,
}

impl Loaded {
    /// Reads the raw structs out of the merged document.
    pub fn raw(&self) -> Result<RawFile, ScenarioError> {
        RawFile::deserialize(de::ItemDeserializer(&self.tree)).map_err(|e| {
            let message = explain(&e.message);
            match e.span {
                Some(span) => self.sources.diagnostic(span, message).into(),
                None => Diagnostic::whole_file(&self.sources.files()[0].path, message).into(),
            }
        })
    }
}

/// Reads `path` and everything it extends.
pub fn load(path: &Path) -> Result<Loaded, ScenarioError> {
    let text = std::fs::read_to_string(path)
        .map_err(|e| Diagnostic::whole_file(path, format!("cannot read the scenario: {e}")))?;
    load_text(path, text)
}

/// Like [`load`] with the text of `path` given (its bases are read from disk, relative to it).
pub fn load_text(path: &Path, text: String) -> Result<Loaded, ScenarioError> {
    let mut sources = SourceMap::default();
    let mut chain = vec![(identity(path), path.to_path_buf())];
    let tree = read_chain(path, text, &mut sources, &mut chain)?;
    Ok(Loaded { tree, sources })
}

/// Parses scenario text into raw structs; `file` only names the source in errors.
pub fn parse(file: &Path, source: &str) -> Result<RawFile, ScenarioError> {
    load_text(file, source.to_string())?.raw()
}

/// A file's identity for cycle detection: its canonical path where it exists.
fn identity(path: &Path) -> PathBuf {
    std::fs::canonicalize(path)
        .or_else(|_| std::path::absolute(path))
        .unwrap_or_else(|_| path.to_path_buf())
}

/// Parses one file, then, if it extends another, that one (recursively), merging this file over it.
fn read_chain(
    path: &Path,
    text: String,
    sources: &mut SourceMap,
    chain: &mut Vec<(PathBuf, PathBuf)>,
) -> Result<Item, ScenarioError> {
    let base = sources.add(path, text);
    let parsed = tree::parse(&sources.files()[sources.files().len() - 1].text);
    let mut root = parsed.map_err(|e| {
        let message = explain(e.message());
        match e.span() {
            Some(span) => sources.diagnostic(span.start + base..span.end + base, message),
            None => Diagnostic::whole_file(path, message),
        }
    })?;
    root.shift(base);
    let extends = match &mut root.value {
        Value::Table(entries) => entries
            .iter()
            .position(|e| e.key == EXTENDS)
            .map(|i| entries.remove(i)),
        _ => None,
    };
    let Some(extends) = extends else {
        if let Some(span) = merge::stray_remove(&root) {
            return Err(sources
                .diagnostic(
                    span,
                    "`remove` is allowed only in a file that `extends` another",
                )
                .into());
        }
        return Ok(root);
    };
    let Some(target) = extends.item.as_str() else {
        return Err(sources
            .diagnostic(
                extends.item.span,
                "`extends` must be the path of a scenario file, in quotes",
            )
            .into());
    };
    let base_path = path.parent().unwrap_or(Path::new("")).join(target);
    let id = identity(&base_path);
    if let Some(first) = chain.iter().position(|(seen, _)| *seen == id) {
        let cycle: Vec<String> = chain[first..]
            .iter()
            .map(|(_, shown)| shown.display().to_string())
            .chain([base_path.display().to_string()])
            .collect();
        return Err(sources
            .diagnostic(
                extends.item.span,
                format!("`extends` makes a cycle: {}", cycle.join(" → ")),
            )
            .into());
    }
    let base_text = std::fs::read_to_string(&base_path).map_err(|e| {
        sources.diagnostic(
            extends.item.span.clone(),
            format!("cannot read the base scenario {}: {e}", base_path.display()),
        )
    })?;
    chain.push((id, base_path.clone()));
    let mut merged = read_chain(&base_path, base_text, sources, chain)?;
    chain.pop();
    merge::merge(&mut merged, root).map_err(|(span, message)| sources.diagnostic(span, message))?;
    Ok(merged)
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
