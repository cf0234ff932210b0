//! Reads a scenario file — and every file it `extends` — into the raw structs ([`raw`]),
//! turning TOML and type errors into [`Diagnostic`]s with file, line, column and a did-you-mean
//! for misspelt keys and values. The format itself is declared once, in [`format`].
//!
//! The path: each file is parsed in one pass into a spanned [`tree`] ([`syntax`]), what-if
//! files are merged over their bases ([`merge`]), and the raw structs are read from the merged
//! tree (`read`, driven by [`format`]). Spans live in one offset space across files
//! ([`source`]), so an error in any file points into that file.

pub mod diff;
pub mod emit;
pub mod file;
pub mod format;
pub mod limits;
pub mod merge;
pub mod raw;
mod read;
pub mod schema;
pub mod source;
pub mod syntax;
pub mod tree;

use std::ops::Range;
use std::path::{Path, PathBuf};

use crate::error::{Diagnostic, ScenarioError};
use merge::{Notes, Removal};
use raw::RawFile;
use source::SourceMap;
use tree::{Entry, Item, Value};

/// The key that names a base scenario.
pub const EXTENDS: &str = "extends";

/// The most files one `extends` chain may hold, the scenario itself included.
pub const MAX_CHAIN: usize = 64;

/// A scenario with everything it extends merged in, the files it came from, and every problem
/// found on the way (reported together with validation's, so a user sees all at once).
#[derive(Debug, Clone)]
pub struct Loaded {
    /// The merged document.
    pub tree: Item,
    /// The files read, for diagnostics.
    pub sources: SourceMap,
    /// Syntax and merge problems; the scenario is invalid unless this is empty.
    pub problems: Vec<Diagnostic>,
    /// Spans of values the syntax pass replaced (already reported; read as absent), in order.
    pub poisoned: Vec<Range<usize>>,
    /// Elements dropped with `remove = true`.
    pub removed: Vec<Removal>,
    /// Things allowed but probably not meant.
    pub warnings: Vec<Diagnostic>,
    /// New what-if elements named like a base element: a warning when the scenario is valid,
    /// and the first thing said at the element when it is not (its missing keys follow).
    pub near_misses: Vec<NearMissNote>,
}

/// A [`merge::NearMiss`] as the user sees it.
#[derive(Debug, Clone)]
pub struct NearMissNote {
    /// At the element's header: reported before the element's own problems.
    pub at_element: Diagnostic,
    /// At its name, saying what the file does as written: a warning.
    pub at_name: Diagnostic,
}

impl Loaded {
    /// Reads the raw structs out of the merged document, with every type, key and shape
    /// problem found (on top of [`Loaded::problems`]).
    pub fn raw(&self) -> (RawFile, Vec<Diagnostic>) {
        read::read(&self.tree, &self.sources, &self.poisoned)
    }
}

/// Reads `path` and everything it extends. `Err` only when a file cannot be read or parsed at
/// all; recoverable problems are in [`Loaded::problems`].
pub fn load(path: &Path) -> Result<Loaded, ScenarioError> {
    let text = file::read(path).map_err(|why| match why {
        file::Unreadable::Refused(message) => {
            Diagnostic::whole_file(path, format!("cannot read the scenario: {message}"))
        }
        file::Unreadable::NotUtf8 { before, message } => {
            Diagnostic::at(path, &before, before.len()..before.len(), message)
        }
    })?;
    load_text(path, text)
}

/// Like [`load`] with the text of `path` given (its bases are read from disk, relative to it).
pub fn load_text(path: &Path, text: String) -> Result<Loaded, ScenarioError> {
    let mut chain = Chain {
        sources: SourceMap::default(),
        files: vec![(identity(path), path.to_path_buf())],
        problems: Vec::new(),
        poisoned: Vec::new(),
        notes: Notes::default(),
    };
    let tree = chain.read(path, text);
    let Chain {
        sources,
        mut problems,
        mut poisoned,
        notes,
        ..
    } = chain;
    poisoned.sort_by_key(|span| span.start);
    let diagnose = |list: Vec<merge::Problem>| -> Vec<Diagnostic> {
        list.into_iter()
            .map(|(span, message)| sources.diagnostic(span, message))
            .collect()
    };
    problems.extend(diagnose(notes.problems));
    let warnings = diagnose(notes.warnings);
    let near_misses = notes
        .near_misses
        .into_iter()
        .map(|near| NearMissNote {
            at_element: sources.diagnostic(near.element, near.message.clone()),
            at_name: sources.diagnostic(
                near.name,
                format!("{} As written, this adds a new {}", near.message, near.kind),
            ),
        })
        .collect();
    match tree {
        Some(tree) => Ok(Loaded {
            tree,
            sources,
            problems,
            poisoned,
            removed: notes.removed,
            warnings,
            near_misses,
        }),
        None => Err(sources.error(problems)),
    }
}

/// Whether a parsed file has any top-level key a scenario (or a what-if file) has.
fn looks_like_scenario(root: &Item) -> bool {
    match &root.value {
        Value::Table(entries) => entries.iter().any(|e| {
            e.key == EXTENDS || format::keys_of(format::Table::Top).contains(&e.key.as_str())
        }),
        _ => false,
    }
}

/// A file's identity for cycle detection: its canonical path where it exists.
fn identity(path: &Path) -> PathBuf {
    std::fs::canonicalize(path)
        .or_else(|_| std::path::absolute(path))
        .unwrap_or_else(|_| path.to_path_buf())
}

/// The state of reading a what-if file and its bases.
struct Chain {
    sources: SourceMap,
    /// The files being read, outermost first: (identity, path as named).
    files: Vec<(PathBuf, PathBuf)>,
    problems: Vec<Diagnostic>,
    poisoned: Vec<Range<usize>>,
    notes: Notes,
}

impl Chain {
    /// Parses one file, then, if it extends another, that one (recursively), merging this file
    /// over it. `None` when a file cannot be used at all (the reason is in `problems`).
    fn read(&mut self, path: &Path, text: String) -> Option<Item> {
        let mut root = self.parse(path, text)?;
        let extends = match &mut root.value {
            Value::Table(entries) => entries
                .iter()
                .position(|e| e.key == EXTENDS)
                .map(|i| entries.remove(i)),
            _ => None,
        };
        let Some(extends) = extends else {
            return Some(root);
        };
        let (id, base_path, base_text) = self.base(path, &extends)?;
        self.files.push((id, base_path.clone()));
        let mut merged = self.read(&base_path, base_text)?;
        self.files.pop();
        merge::merge(&mut merged, root, &mut self.notes);
        Some(merged)
    }

    /// Parses one file into the shared offset space, reporting its syntax problems; a base
    /// (a file `extends` names) that is not TOML or not a scenario is refused without showing
    /// its text.
    fn parse(&mut self, path: &Path, text: String) -> Option<Item> {
        let base = self.sources.add(path, text);
        let parsed = {
            let file = &self.sources.files()[self.sources.files().len() - 1];
            syntax::parse(&file.text)
        };
        let shift = |span: Range<usize>| span.start + base..span.end + base;
        // A base is any file `extends` names, `/etc/passwd` included: when it is not TOML,
        // say where, but never show its text.
        let is_base = self.files.len() > 1;
        if is_base && let Some((span, _)) = parsed.problems.first() {
            let mut diagnostic = self.sources.diagnostic(
                shift(span.clone()),
                match parsed.problems.len() {
                    1 => "this file, named by `extends`, is not valid TOML: its problem is \
                          here (its text is not shown)"
                        .to_string(),
                    n => format!(
                        "this file, named by `extends`, is not valid TOML: the first of its {n} \
                         problems is here (its text is not shown)"
                    ),
                },
            );
            diagnostic.excerpt = None;
            self.problems.push(diagnostic);
            return None;
        }
        for (span, message) in parsed.problems {
            let diagnostic = self.sources.diagnostic(shift(span), message);
            self.problems.push(diagnostic);
        }
        self.poisoned.extend(parsed.poisoned.into_iter().map(shift));
        let mut root = parsed.root?;
        root.shift(base);
        // A base that parses as TOML but holds nothing a scenario has (a `.env` file: `PASS =
        // "…"`) is not a scenario: say so by position only, never echoing its keys.
        if is_base && !looks_like_scenario(&root) {
            let mut diagnostic = self.sources.diagnostic(
                base..base,
                "this file, named by `extends`, is not a gpuplan scenario: it has no [scenario] table \
                 and none of the keys a scenario has (its text is not shown)",
            );
            diagnostic.excerpt = None;
            self.problems.push(diagnostic);
            return None;
        }
        Some(root)
    }

    /// The base that `extends` names: its identity, path and text, or `None` (reported) when
    /// it is not a path, makes a cycle, makes the chain too long or cannot be read.
    fn base(&mut self, path: &Path, extends: &Entry) -> Option<(PathBuf, PathBuf, String)> {
        let Some(target) = extends.item.as_str() else {
            self.error(
                extends.item.span.clone(),
                "`extends` must be the path of a scenario file, in quotes",
            );
            return None;
        };
        let base_path = path.parent().unwrap_or(Path::new("")).join(target);
        let id = identity(&base_path);
        if let Some(first) = self.files.iter().position(|(seen, _)| *seen == id) {
            let cycle: Vec<String> = self.files[first..]
                .iter()
                .map(|(_, shown)| shown.display().to_string())
                .chain([base_path.display().to_string()])
                .collect();
            self.error(
                extends.item.span.clone(),
                format!("`extends` makes a cycle: {}", cycle.join(" → ")),
            );
            return None;
        }
        if self.files.len() >= MAX_CHAIN {
            self.error(
                extends.item.span.clone(),
                format!(
                    "the `extends` chain that starts at {} holds more than {MAX_CHAIN} files",
                    self.files[0].1.display()
                ),
            );
            return None;
        }
        let base_text = match file::read(&base_path) {
            Ok(text) => text,
            Err(file::Unreadable::Refused(message)) => {
                self.error(
                    extends.item.span.clone(),
                    format!(
                        "cannot read the base scenario {}: {message}",
                        base_path.display()
                    ),
                );
                return None;
            }
            Err(file::Unreadable::NotUtf8 { before, message }) => {
                let mut diagnostic =
                    Diagnostic::at(&base_path, &before, before.len()..before.len(), message);
                diagnostic.excerpt = None;
                self.problems.push(diagnostic);
                return None;
            }
        };
        Some((id, base_path, base_text))
    }

    fn error(&mut self, span: Range<usize>, message: impl Into<String>) {
        let diagnostic = self.sources.diagnostic(span, message);
        self.problems.push(diagnostic);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every problem loading and reading `source` finds, as the user sees them.
    fn problems(source: &str) -> Vec<Diagnostic> {
        let loaded = match load_text(Path::new("s.toml"), source.to_string()) {
            Ok(loaded) => loaded,
            Err(e) => return e.diagnostics,
        };
        let (_, read) = loaded.raw();
        let mut all = loaded.problems.clone();
        all.extend(read);
        all
    }

    fn error_of(source: &str) -> String {
        let loaded = load_text(Path::new("s.toml"), source.to_string());
        let sources = loaded
            .as_ref()
            .map(|l| l.sources.clone())
            .unwrap_or_default();
        sources.error(problems(source)).to_string()
    }

    const META: &str = "[scenario]\nname = \"x\"\nstart = \"2026-01\"\nend = \"2026-12\"\n";

    #[test]
    fn unknown_key_names_line_column_and_suggestion() {
        let text = format!("{META}[[site]]\nname = \"A\"\npue_ = 1.2\n");
        let error = error_of(&text);
        assert!(
            error.contains("s.toml:7:1: unknown key `pue_` — did you mean `pue`?")
                && !error.contains("missing key `pue`"),
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
            error.starts_with(
                "s.toml:8:11: unknown value `liquidd` for `cooling` — did you mean `liquid`?"
            ),
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
        assert!(problems(&ramp).is_empty());
        let list = format!("{base}deliveries = [{{ month = \"2026-01\", count = 3 }}]\n");
        assert!(problems(&list).is_empty());
        let typo = format!("{base}deliveries = {{ start = \"2026-01\", month = 2 }}\n");
        let error = error_of(&typo);
        assert!(
            error.contains("unknown key `month` — did you mean `months`?"),
            "{error}"
        );
        assert!(error.starts_with("s.toml:9:"), "{error}");
    }
}
