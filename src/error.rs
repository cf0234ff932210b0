//! Errors about a scenario file: each one points at a file, line and column, and shows the line.
//!
//! Parsing (TOML syntax, types, unknown keys) and validation (references, ranges, dates) both
//! report through [`Diagnostic`], so a user sees every problem in the same shape.

use std::fmt;
use std::ops::Range;
use std::path::{Path, PathBuf};

/// One problem in a scenario file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnostic {
    /// The file the problem is in.
    pub file: PathBuf,
    /// 1-based line, or `None` when the problem concerns the file as a whole.
    pub line: Option<usize>,
    /// 1-based column, counted in characters.
    pub column: usize,
    /// What is wrong and, where possible, what was expected.
    pub message: String,
    /// The offending line of the file and the width of the part to underline.
    pub excerpt: Option<(String, usize)>,
}

impl Diagnostic {
    /// A problem at byte range `span` of `source`.
    pub fn at(file: &Path, source: &str, span: Range<usize>, message: impl Into<String>) -> Self {
        Self::at_line(file, source, &Lines::of(source), span, message)
    }

    /// [`Diagnostic::at`] with the source's line starts known, so that it takes time in
    /// proportion to the line, not the file (a file may hold many thousand problems).
    pub fn at_line(
        file: &Path,
        source: &str,
        lines: &Lines,
        span: Range<usize>,
        message: impl Into<String>,
    ) -> Self {
        let start = floor_char_boundary(source, span.start.min(source.len()));
        let (line, line_start) = lines.find(start);
        let line_end = source[start..]
            .find('\n')
            .map_or(source.len(), |i| start + i);
        let line_text = source[line_start..line_end].trim_end_matches('\r');
        let column = source[line_start..start].chars().count() + 1;
        let end = floor_char_boundary(source, span.end.clamp(start, line_end));
        let width = source[start..end].chars().count().max(1);
        Diagnostic {
            file: file.to_path_buf(),
            line: Some(line),
            column,
            message: message.into(),
            excerpt: Some((line_text.to_string(), width)),
        }
    }

    /// A problem with no position in the file.
    pub fn whole_file(file: &Path, message: impl Into<String>) -> Self {
        Diagnostic {
            file: file.to_path_buf(),
            line: None,
            column: 0,
            message: message.into(),
            excerpt: None,
        }
    }
}

/// Where each line of a text starts.
#[derive(Debug, Clone, Default)]
pub struct Lines(Vec<usize>);

impl Lines {
    /// The line starts of `text`.
    pub fn of(text: &str) -> Lines {
        let starts = std::iter::once(0)
            .chain(text.match_indices('\n').map(|(i, _)| i + 1))
            .collect();
        Lines(starts)
    }

    /// The 1-based line holding byte `at`, and where that line starts.
    fn find(&self, at: usize) -> (usize, usize) {
        let line = self.0.partition_point(|&start| start <= at).max(1);
        (line, self.0[line - 1])
    }
}

fn floor_char_boundary(text: &str, mut index: usize) -> usize {
    while !text.is_char_boundary(index) {
        index -= 1;
    }
    index
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let file = self.file.display();
        let Some(line) = self.line else {
            return write!(f, "{file}: {}", self.message);
        };
        write!(f, "{file}:{line}:{}: {}", self.column, self.message)?;
        if let Some((text, width)) = &self.excerpt {
            let gutter = " ".repeat(line.to_string().len());
            let (shown, indent, carets) = excerpt(text, self.column - 1, *width);
            write!(
                f,
                "\n{gutter} |\n{line} | {shown}\n{gutter} | {indent}{}",
                "^".repeat(carets.max(1))
            )?;
        }
        Ok(())
    }
}

/// The most characters of a line an excerpt shows; longer lines are cut around the column.
const EXCERPT_CHARS: usize = 100;

/// A line as shown under a problem: at most [`EXCERPT_CHARS`] around `column` (0-based, in
/// characters), characters a terminal would obey shown as `�`; with the indent that puts a
/// caret under `column` and the number of carets to underline `width` characters.
fn excerpt(text: &str, column: usize, width: usize) -> (String, String, usize) {
    let chars: Vec<char> = text
        .chars()
        .map(|c| {
            if crate::console::is_unsafe(c) {
                '\u{FFFD}'
            } else {
                c
            }
        })
        .collect();
    let column = column.min(chars.len());
    let from = if chars.len() > EXCERPT_CHARS {
        column.saturating_sub(EXCERPT_CHARS / 2)
    } else {
        0
    };
    let to = (from + EXCERPT_CHARS).min(chars.len());
    let mut shown: String = chars[from..to].iter().collect();
    let mut indent = String::new();
    if from > 0 {
        shown.insert(0, '…');
        indent.push(' ');
    }
    if to < chars.len() {
        shown.push('…');
    }
    // Keep tabs and give wide characters (Hangul) two columns so the caret lines up.
    for &c in &chars[from..column] {
        if c == '\t' {
            indent.push('\t');
        } else {
            indent.push_str(&" ".repeat(char_width(c)));
        }
    }
    let carets = chars[column..to.max(column)]
        .iter()
        .take(width)
        .map(|&c| char_width(c))
        .sum();
    (shown, indent, carets)
}

fn char_width(c: char) -> usize {
    unicode_width::UnicodeWidthChar::width(c).unwrap_or(0)
}

/// Everything wrong with a scenario file; never empty.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ScenarioError {
    /// The problems, in file order.
    pub diagnostics: Vec<Diagnostic>,
}

impl fmt::Display for ScenarioError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (i, diagnostic) in self.diagnostics.iter().enumerate() {
            if i > 0 {
                f.write_str("\n\n")?;
            }
            write!(f, "{diagnostic}")?;
        }
        if self.diagnostics.len() > 1 {
            write!(f, "\n\n{} problems in the scenario", self.diagnostics.len())?;
        }
        Ok(())
    }
}

impl std::error::Error for ScenarioError {}

impl From<Diagnostic> for ScenarioError {
    fn from(diagnostic: Diagnostic) -> Self {
        ScenarioError {
            diagnostics: vec![diagnostic],
        }
    }
}

/// The candidate closest to `word` by edit distance, if it is close enough to be a likely typo.
pub fn did_you_mean<'a>(
    word: &str,
    candidates: impl IntoIterator<Item = &'a str>,
) -> Option<&'a str> {
    let limit = (word.chars().count() / 3).max(2);
    candidates
        .into_iter()
        .map(|candidate| {
            (
                edit_distance(&word.to_lowercase(), &candidate.to_lowercase()),
                candidate,
            )
        })
        .filter(|&(distance, _)| distance <= limit)
        .min_by_key(|&(distance, _)| distance)
        .map(|(_, candidate)| candidate)
}

/// Levenshtein distance over characters.
pub fn edit_distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut row: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut diagonal = row[0];
        row[0] = i + 1;
        for (j, &cb) in b.iter().enumerate() {
            let substitution = diagonal + usize::from(ca != cb);
            diagonal = row[j + 1];
            row[j + 1] = substitution.min(row[j] + 1).min(row[j + 1] + 1);
        }
    }
    row[b.len()]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn positions_count_lines_and_characters() {
        let source = "a = 1\n이름 = \"x\"\n";
        let offset = source.find('=').unwrap();
        let second = source[offset + 1..].find('=').unwrap() + offset + 1;
        let d = Diagnostic::at(Path::new("f.toml"), source, second..second + 1, "bad");
        assert_eq!((d.line, d.column), (Some(2), 4));
        assert_eq!(
            d.to_string(),
            "f.toml:2:4: bad\n  |\n2 | 이름 = \"x\"\n  |      ^"
        );
    }

    #[test]
    fn suggests_close_names_only() {
        let keys = ["pue", "phases", "name"];
        assert_eq!(did_you_mean("pue_", keys), Some("pue"));
        assert_eq!(did_you_mean("phase", keys), Some("phases"));
        assert_eq!(did_you_mean("colour", keys), None);
        assert_eq!(edit_distance("kitten", "sitting"), 3);
    }
}
