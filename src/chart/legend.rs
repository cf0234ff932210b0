//! The legend panel drawn beside (never over) the plot: one row per series or target.

use plotters::coord::Shift;
use plotters::prelude::*;

use super::style::{FONT, INK, LEGEND_SIZE, MET, MISSED};

/// How a legend row shows its series.
#[derive(Debug, Clone)]
pub enum Swatch {
    /// A filled block (stacked areas).
    Area(RGBColor),
    /// A line; dashed when `true`.
    Line(RGBColor, bool),
    /// A target marker; met when `true`.
    Target(bool),
}

/// One legend row.
#[derive(Debug, Clone)]
pub struct Entry {
    /// What to draw.
    pub swatch: Swatch,
    /// Text beside it.
    pub label: String,
}

impl Entry {
    /// A row.
    pub fn new(swatch: Swatch, label: impl Into<String>) -> Entry {
        Entry {
            swatch,
            label: label.into(),
        }
    }
}

const ROW: i32 = 24;
const LINE: i32 = 17;
const MAX_CHARS: usize = 38;
const MAX_LINES: usize = 3;

/// Draws `entries` top to bottom in `area`, with an optional footnote under them.
pub fn draw<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    entries: &[Entry],
    note: Option<&str>,
) -> Result<(), DrawingAreaErrorKind<DB::ErrorType>> {
    let text = TextStyle::from((FONT, LEGEND_SIZE).into_font()).color(&INK);
    let mut y = 40;
    for entry in entries {
        let (x0, x1, mid) = (8, 36, y + 8);
        match entry.swatch {
            Swatch::Area(color) => {
                area.draw(&Rectangle::new([(x0, y), (x1, y + 16)], color.filled()))?
            }
            Swatch::Line(color, dashed) => {
                if dashed {
                    for x in (x0..x1).step_by(8) {
                        area.draw(&PathElement::new(
                            vec![(x, mid), ((x + 4).min(x1), mid)],
                            color.stroke_width(3),
                        ))?;
                    }
                } else {
                    area.draw(&PathElement::new(
                        vec![(x0, mid), (x1, mid)],
                        color.stroke_width(3),
                    ))?;
                }
            }
            Swatch::Target(met) => marker(area, (22, mid), met)?,
        }
        let lines = wrap(&entry.label);
        for (i, line) in lines.iter().enumerate() {
            area.draw(&Text::new(
                line.as_str(),
                (44, y + 1 + LINE * i as i32),
                text.clone(),
            ))?;
        }
        y += ROW + LINE * (lines.len() as i32 - 1);
    }
    if let Some(note) = note {
        for line in wrap(note) {
            area.draw(&Text::new(line, (8, y + 8), text.clone()))?;
            y += LINE;
        }
    }
    Ok(())
}

/// A target marker at pixel `at`: a filled circle when met, a cross when missed.
pub fn marker<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    at: (i32, i32),
    met: bool,
) -> Result<(), DrawingAreaErrorKind<DB::ErrorType>> {
    if met {
        area.draw(&Circle::new(at, 7, MET.filled()))?;
        area.draw(&Circle::new(at, 7, INK.stroke_width(1)))
    } else {
        let (x, y) = at;
        area.draw(&PathElement::new(
            vec![(x - 7, y - 7), (x + 7, y + 7)],
            MISSED.stroke_width(3),
        ))?;
        area.draw(&PathElement::new(
            vec![(x - 7, y + 7), (x + 7, y - 7)],
            MISSED.stroke_width(3),
        ))
    }
}

/// Splits a label into lines of at most `MAX_CHARS` characters at spaces (mid-word only when a
/// word is longer than a line); past `MAX_LINES` lines the rest is cut with "…".
fn wrap(label: &str) -> Vec<String> {
    let mut lines: Vec<String> = Vec::new();
    let mut current = String::new();
    for word in label.split(' ') {
        let fits =
            current.chars().count() + usize::from(!current.is_empty()) + word.chars().count()
                <= MAX_CHARS;
        if !fits && !current.is_empty() {
            lines.push(std::mem::take(&mut current));
        }
        if !current.is_empty() {
            current.push(' ');
        }
        current.push_str(word);
        while current.chars().count() > MAX_CHARS {
            let head: String = current.chars().take(MAX_CHARS).collect();
            current = current.chars().skip(MAX_CHARS).collect();
            lines.push(head);
        }
    }
    lines.push(current);
    if lines.len() > MAX_LINES {
        lines.truncate(MAX_LINES);
        let last = &mut lines[MAX_LINES - 1];
        *last = last.chars().take(MAX_CHARS - 1).chain(['…']).collect();
    }
    lines
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn long_labels_wrap_at_spaces() {
        assert_eq!(
            wrap("Met: Government 15k online by 2028"),
            ["Met: Government 15k online by 2028"]
        );
        assert_eq!(
            wrap("Missed: 10 PF sustained fp64 by Oct 2021"),
            ["Missed: 10 PF sustained fp64 by Oct", "2021"]
        );
        let long = "x".repeat(200);
        let lines = wrap(&long);
        assert_eq!(lines.len(), MAX_LINES);
        assert!(lines[2].ends_with('…') && lines.iter().all(|l| l.chars().count() <= MAX_CHARS));
    }
}
