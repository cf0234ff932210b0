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
        let start = floor_char_boundary(source, span.start.min(source.len()));
        let line_start = source[..start].rfind('\n').map_or(0, |i| i + 1);
        let line_end = source[start..]
            .find('\n')
            .map_or(source.len(), |i| start + i);
        let line_text = source[line_start..line_end].trim_end_matches('\r');
        let line = source[..line_start].matches('\n').count() + 1;
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
            // Keep tabs and give wide characters (Hangul) two columns so the caret lines up.
            let indent: String = text
                .chars()
                .take(self.column - 1)
                .map(|c| {
                    if c == '\t' {
                        "\t".to_string()
                    } else {
                        " ".repeat(char_width(c))
                    }
                })
                .collect();
            let carets: usize = text
                .chars()
                .skip(self.column - 1)
                .take(*width)
                .map(char_width)
                .sum();
            write!(
                f,
                "\n{gutter} |\n{line} | {text}\n{gutter} | {indent}{}",
                "^".repeat(carets.max(1))
            )?;
        }
        Ok(())
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
