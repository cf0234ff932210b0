//! Plain-text tables for the terminal whose columns line up even when names are in Hangul
//! (wide characters count as two columns).

use unicode_width::UnicodeWidthStr;

use super::sheet::{Cell, Sheet};

/// How a column's cells are aligned.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Align {
    /// Text columns.
    Left,
    /// Number columns.
    Right,
}

/// A table of text cells with a header row.
#[derive(Debug, Clone)]
pub struct Table {
    columns: Vec<(String, Align)>,
    rows: Vec<Vec<String>>,
}

impl Table {
    /// A table with these column headers.
    pub fn new(columns: &[(&str, Align)]) -> Table {
        Table {
            columns: columns.iter().map(|&(h, a)| (h.to_string(), a)).collect(),
            rows: Vec::new(),
        }
    }

    /// Adds a row; missing cells are blank.
    pub fn row(&mut self, cells: Vec<String>) {
        self.rows.push(cells);
    }

    /// The table as lines of text, two spaces between columns, no trailing spaces.
    pub fn render(&self) -> String {
        let cell = |row: &Vec<String>, c: usize| row.get(c).map_or("", String::as_str).to_string();
        let widths: Vec<usize> = (0..self.columns.len())
            .map(|c| {
                self.rows
                    .iter()
                    .map(|r| cell(r, c).width())
                    .chain([self.columns[c].0.width()])
                    .max()
                    .unwrap_or(0)
            })
            .collect();
        let line = |cells: Vec<String>| {
            let mut text = String::new();
            for (c, value) in cells.iter().enumerate() {
                let pad = " ".repeat(widths[c] - value.width());
                if c > 0 {
                    text.push_str("  ");
                }
                match self.columns[c].1 {
                    Align::Left => text.extend([value.as_str(), &pad]),
                    Align::Right => text.extend([&pad, value.as_str()]),
                }
            }
            text.trim_end().to_string() + "\n"
        };
        let mut out = line(self.columns.iter().map(|(h, _)| h.clone()).collect());
        for row in &self.rows {
            out.push_str(&line(
                (0..self.columns.len()).map(|c| cell(row, c)).collect(),
            ));
        }
        out
    }
}

/// A [`Sheet`] as a terminal table: cells as people read them, text columns aligned left and
/// the rest (numbers, months) right.
pub fn render_sheet(sheet: &Sheet<'_>) -> String {
    let mut rows: Vec<Vec<String>> = Vec::new();
    let mut text = vec![true; sheet.header().len()];
    sheet.each_row(&mut |row| {
        for (c, cell) in row.iter().enumerate() {
            if !matches!(cell, Cell::Text(_))
                && let Some(t) = text.get_mut(c)
            {
                *t = false;
            }
        }
        rows.push(row.iter().map(Cell::readable).collect());
    });
    let columns: Vec<(&str, Align)> = sheet
        .header()
        .iter()
        .zip(&text)
        .map(|(name, &t)| (name.as_str(), if t { Align::Left } else { Align::Right }))
        .collect();
    let mut table = Table::new(&columns);
    for row in rows {
        table.row(row);
    }
    table.render()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hangul_names_align_by_display_width() {
        let mut table = Table::new(&[("Recipient", Align::Left), ("Chips", Align::Right)]);
        table.row(vec!["정부".into(), "50,000".into()]);
        table.row(vec!["Naver".into(), "60,000".into()]);
        let text = table.render();
        assert_eq!(
            text,
            "Recipient   Chips\n정부       50,000\nNaver      60,000\n"
        );
        let widths: Vec<usize> = text.lines().map(UnicodeWidthStr::width).collect();
        assert!(widths.iter().all(|&w| w == widths[0]), "{widths:?}");
    }
}
