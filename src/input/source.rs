//! Every file a scenario was read from, laid end to end in one offset space (as compilers do),
//! so a span alone says which file and where — even after `extends` has merged values from
//! several files into one tree.

use std::ops::Range;
use std::path::{Path, PathBuf};

use crate::error::{Diagnostic, Lines, ScenarioError};

/// One file's text and where it starts in the shared offset space.
#[derive(Debug, Clone)]
pub struct SourceFile {
    /// The path as the user (or an `extends`) named it.
    pub path: PathBuf,
    /// The file's text.
    pub text: String,
    /// Offset of the file's first byte.
    pub base: usize,
    /// Where its lines start.
    lines: Lines,
}

/// The files of one scenario.
#[derive(Debug, Clone, Default)]
pub struct SourceMap {
    files: Vec<SourceFile>,
}

impl SourceMap {
    /// Adds a file and returns its base offset.
    pub fn add(&mut self, path: &Path, text: String) -> usize {
        let base = self.files.last().map_or(0, |f| f.base + f.text.len() + 1);
        self.files.push(SourceFile {
            path: path.to_path_buf(),
            lines: Lines::of(&text),
            text,
            base,
        });
        base
    }

    /// The files, in the order they were read.
    pub fn files(&self) -> &[SourceFile] {
        &self.files
    }

    /// The file holding global offset `at`.
    fn file_at(&self, at: usize) -> Option<&SourceFile> {
        self.files.iter().rev().find(|f| f.base <= at)
    }

    /// The problems as one error, in file order: the files as read (a what-if before its
    /// base), then line and column; a problem found twice is reported once.
    pub fn error(&self, mut problems: Vec<Diagnostic>) -> ScenarioError {
        problems.sort_by_key(|d| {
            (
                self.files.iter().position(|f| f.path == d.file),
                d.line,
                d.column,
            )
        });
        problems.dedup();
        ScenarioError {
            diagnostics: problems,
        }
    }

    /// A diagnostic at global span `span`.
    pub fn diagnostic(&self, span: Range<usize>, message: impl Into<String>) -> Diagnostic {
        match self.file_at(span.start) {
            Some(file) => {
                let local = span.start - file.base
                    ..span
                        .end
                        .saturating_sub(file.base)
                        .max(span.start - file.base);
                Diagnostic::at_line(&file.path, &file.text, &file.lines, local, message)
            }
            None => Diagnostic::whole_file(Path::new("<scenario>"), message),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn spans_find_their_file() {
        let mut map = SourceMap::default();
        let a = map.add(Path::new("a.toml"), "x = 1\n".into());
        let b = map.add(Path::new("b.toml"), "y = 2\nz = 3\n".into());
        assert_eq!((a, b), (0, 7));
        let d = map.diagnostic(b + 6..b + 7, "here");
        assert_eq!(
            (d.file.as_path(), d.line, d.column),
            (Path::new("b.toml"), Some(2), 1)
        );
        let d = map.diagnostic(a + 4..a + 5, "there");
        assert_eq!(
            (d.file.as_path(), d.line, d.column),
            (Path::new("a.toml"), Some(1), 5)
        );
    }
}
