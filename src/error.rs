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
    /// The offending part of the line, to show under the message.
    pub excerpt: Option<Excerpt>,
}

/// Up to [`EXCERPT_CHARS`] characters of the offending line around the problem, marked `…`
/// where the line was cut.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Excerpt {
    /// The text shown.
    pub text: String,
    /// Characters of `text` before the caret.
    pub caret: usize,
    /// Characters to underline from the caret.
    pub width: usize,
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
        let column = lines.chars_between(source, line_start, start) + 1;
        let half = EXCERPT_CHARS / 2;
        // At most EXCERPT_CHARS characters each side (4 bytes is the widest character).
        let from = floor_char_boundary(
            source,
            start.saturating_sub(EXCERPT_CHARS * 4).max(line_start),
        );
        let before: Vec<char> = source[from..start].chars().collect();
        let limit = floor_char_boundary(source, (start + EXCERPT_CHARS * 4).min(source.len()));
        let line_end = source[start..limit].find('\n').map(|i| start + i);
        let after_text = source[start..line_end.unwrap_or(limit)].trim_end_matches('\r');
        let after: Vec<char> = after_text.chars().take(EXCERPT_CHARS + 1).collect();
        // The whole line when it fits; else at least half the room before the problem.
        let keep = before
            .len()
            .min(EXCERPT_CHARS.saturating_sub(after.len()).max(half));
        let skip = before.len() - keep;
        let room = EXCERPT_CHARS - keep;
        let cut_before = skip > 0 || from > line_start;
        let cut_after = after.len() > room || (line_end.is_none() && limit < source.len());
        let mut text = String::new();
        if cut_before {
            text.push('…');
        }
        text.extend(&before[skip..]);
        text.extend(after.iter().take(room));
        if cut_after {
            text.push('…');
        }
        let end = floor_char_boundary(source, span.end.clamp(start, start + after_text.len()));
        let width = source[start..end].chars().count().max(1);
        Diagnostic {
            file: file.to_path_buf(),
            line: Some(line),
            column,
            message: message.into(),
            excerpt: Some(Excerpt {
                text,
                caret: before.len() - skip + usize::from(cut_before),
                width,
            }),
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

/// Where each line of a text starts, and how many characters precede regular marks in it,
/// so that a line and column are found without reading the text from its start.
#[derive(Debug, Clone, Default)]
pub struct Lines {
    starts: Vec<usize>,
    /// (byte, characters before it), at every line start and about every 4 KiB.
    marks: Vec<(usize, usize)>,
}

impl Lines {
    /// The line starts of `text`.
    pub fn of(text: &str) -> Lines {
        let mut lines = Lines {
            starts: vec![0],
            marks: vec![(0, 0)],
        };
        let mut last = 0;
        for (chars, (i, c)) in text.char_indices().enumerate() {
            if i - last >= 4096 {
                lines.marks.push((i, chars));
                last = i;
            }
            if c == '\n' {
                lines.starts.push(i + 1);
                lines.marks.push((i + 1, chars + 1));
                last = i + 1;
            }
        }
        lines
    }

    /// The 1-based line holding byte `at`, and where that line starts.
    fn find(&self, at: usize) -> (usize, usize) {
        let line = self.starts.partition_point(|&start| start <= at).max(1);
        (line, self.starts[line - 1])
    }

    /// Characters in `text[from..to]` (both character boundaries).
    fn chars_between(&self, text: &str, from: usize, to: usize) -> usize {
        self.chars_before(text, to) - self.chars_before(text, from)
    }

    fn chars_before(&self, text: &str, at: usize) -> usize {
        let k = self.marks.partition_point(|&(byte, _)| byte <= at).max(1);
        let (byte, chars) = self.marks[k - 1];
        chars + text[byte..at].chars().count()
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
        if let Some(excerpt) = &self.excerpt {
            let gutter = " ".repeat(line.to_string().len());
            let (shown, indent, carets) = excerpt.render();
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

impl Excerpt {
    /// The text with characters a terminal would obey shown as `�`; the indent that puts a
    /// caret under the problem, and how many carets underline it.
    fn render(&self) -> (String, String, usize) {
        let chars: Vec<char> = self
            .text
            .chars()
            .map(|c| {
                if crate::console::is_unsafe(c) {
                    '\u{FFFD}'
                } else {
                    c
                }
            })
            .collect();
        let caret = self.caret.min(chars.len());
        // Keep tabs and give wide characters (Hangul) two columns so the caret lines up.
        let indent = chars[..caret]
            .iter()
            .map(|&c| {
                if c == '\t' {
                    "\t".to_string()
                } else {
                    " ".repeat(char_width(c))
                }
            })
            .collect();
        let carets = chars[caret..]
            .iter()
            .take(self.width)
            .map(|&c| char_width(c))
            .sum();
        (chars.into_iter().collect(), indent, carets)
    }
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
            let n = self.diagnostics.len().to_string();
            let problems = crate::lang::fill("say.problems", &[("n", &n)]);
            write!(f, "\n\n{problems}")?;
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
                strsim::levenshtein(&word.to_lowercase(), &candidate.to_lowercase()),
                candidate,
            )
        })
        .filter(|&(distance, _)| distance <= limit)
        .min_by_key(|&(distance, _)| distance)
        .map(|(_, candidate)| candidate)
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
    }
}
