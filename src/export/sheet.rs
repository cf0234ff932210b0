//! One table of results as typed cells: the row model that every format writes — CSV
//! ([`Sheet::csv`]), the workbook ([`super::xlsx`]), the report's HTML ([`super::html`]) and
//! the terminal ([`super::table`]) — so no format reads another's text. Rows are made on
//! demand, one at a time, so a ten-million-row timeline is never held as cells.

use std::fmt::Write;

use crate::present::format::{csv_field, decimal, quantity};
use crate::uncertain::keys::Kind;
use crate::units::YearMonth;

/// One cell, as the value it is; each format decides how to write it.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Cell<'a> {
    /// Text: a name, a key, words.
    Text(&'a str),
    /// A count of chips or chip-months.
    Count(u64),
    /// A whole number that may be negative (a key's value, a relief).
    Whole(i128),
    /// A figure written with six decimals (MW to the watt, PFLOPS to the GFLOPS, a share).
    Decimal(f64),
    /// A figure written as short as it reads exactly (`0.1`, `12000`).
    Number(f64),
    /// A probability or a share: six decimals in files, a percentage for people.
    Share(f64),
    /// A month; empty when there is none.
    Month(Option<YearMonth>),
    /// A month; `never` when there is none.
    Reached(Option<YearMonth>),
    /// `true` or `false`.
    Flag(bool),
    /// Nothing.
    Empty,
}

impl Cell<'_> {
    /// A key's value as its kind holds it: a month, a whole number or a decimal.
    pub fn key(kind: Kind, x: f64) -> Cell<'static> {
        match kind {
            Kind::Month => Cell::Month(YearMonth::from_index(x.floor() as i64)),
            Kind::Whole => Cell::Whole(x.round() as i128),
            Kind::Number => Cell::Decimal(x),
        }
    }

    /// A target's value: whole chips (rounded), or PFLOPS as a decimal.
    pub fn target_value(chips: bool, x: f64) -> Cell<'static> {
        if chips {
            Cell::Count(x.round() as u64)
        } else {
            Cell::Decimal(x)
        }
    }

    /// Whether the cell holds a number (right-aligned, a number in a workbook).
    pub fn is_number(&self) -> bool {
        matches!(
            self,
            Cell::Count(_) | Cell::Whole(_) | Cell::Decimal(_) | Cell::Number(_) | Cell::Share(_)
        )
    }

    /// The number, if the cell holds one, as the CSV file has it (a decimal rounded to its six
    /// places, never -0), so a workbook and the CSV agree to the digit.
    pub fn number(&self) -> Option<f64> {
        match *self {
            Cell::Count(n) => Some(n as f64),
            Cell::Whole(n) => Some(n as f64),
            Cell::Decimal(x) | Cell::Share(x) => decimal(x).parse().ok(),
            Cell::Number(x) => Some(x),
            _ => None,
        }
    }

    /// The cell as a CSV file writes it (text unquoted; see [`Cell::write_csv`]).
    pub fn text(&self) -> String {
        match *self {
            Cell::Text(text) => text.to_string(),
            Cell::Count(n) => n.to_string(),
            Cell::Whole(n) => n.to_string(),
            Cell::Decimal(x) | Cell::Share(x) => decimal(x),
            Cell::Number(x) => format!("{x}"),
            Cell::Month(m) => m.map_or(String::new(), |m| m.to_string()),
            Cell::Reached(m) => m.map_or_else(|| "never".to_string(), |m| m.to_string()),
            Cell::Flag(b) => b.to_string(),
            Cell::Empty => String::new(),
        }
    }

    /// The cell for people: numbers with thousands separators and no trailing zeros
    /// (`11750.000000` → `11,750`, `0.250000` → `0.25`), everything else as in the files.
    pub fn readable(&self) -> String {
        match *self {
            Cell::Count(n) => crate::numbers::thousands(n),
            Cell::Whole(n) => quantity(n as f64, 0),
            Cell::Decimal(x) | Cell::Number(x) | Cell::Share(x) => {
                let text = quantity(x, 6);
                if text.contains('.') {
                    text.trim_end_matches('0').trim_end_matches('.').to_string()
                } else {
                    text
                }
            }
            _ => self.text(),
        }
    }

    /// Appends the cell as a CSV field.
    fn write_csv(&self, out: &mut String) {
        match *self {
            Cell::Text(text) => out.push_str(&csv_field(text)),
            Cell::Count(n) => {
                let _ = write!(out, "{n}");
            }
            _ => out.push_str(&self.text()),
        }
    }
}

/// A table: its column names and a way to make its rows, in order.
pub struct Sheet<'a> {
    header: Vec<String>,
    rows: Box<RowMaker<'a>>,
}

/// What makes a sheet's rows: it hands each, in order, to the function it is given.
type RowMaker<'a> = dyn Fn(&mut dyn FnMut(&[Cell<'_>])) + 'a;

impl<'a> Sheet<'a> {
    /// A sheet with these columns whose rows `rows` hands, one by one, to the function it is
    /// given.
    pub fn new<S: Into<String>>(
        header: impl IntoIterator<Item = S>,
        rows: impl Fn(&mut dyn FnMut(&[Cell<'_>])) + 'a,
    ) -> Self {
        Sheet {
            header: header.into_iter().map(Into::into).collect(),
            rows: Box::new(rows),
        }
    }

    /// The column names.
    pub fn header(&self) -> &[String] {
        &self.header
    }

    /// Calls `each` with every row, in order.
    pub fn each_row(&self, each: &mut dyn FnMut(&[Cell<'_>])) {
        (self.rows)(each);
    }

    /// The sheet as a CSV file: the header, then a line per row, `\n`-terminated.
    pub fn csv(&self) -> String {
        let mut out = String::new();
        for (c, name) in self.header.iter().enumerate() {
            if c > 0 {
                out.push(',');
            }
            out.push_str(&csv_field(name));
        }
        out.push('\n');
        self.each_row(&mut |row| {
            for (c, cell) in row.iter().enumerate() {
                if c > 0 {
                    out.push(',');
                }
                cell.write_csv(&mut out);
            }
            out.push('\n');
        });
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_kind_of_cell_is_written_as_the_files_write_it() {
        let month = YearMonth::new(2028, 3);
        let sheet = Sheet::new(["a", "b,c"], move |each| {
            each(&[
                Cell::Text("Gak, Sejong"),
                Cell::Count(12_000),
                Cell::Decimal(-0.0),
                Cell::Number(0.1),
                Cell::Month(month),
                Cell::Month(None),
                Cell::Reached(None),
                Cell::Flag(true),
                Cell::Empty,
            ]);
        });
        assert_eq!(
            sheet.csv(),
            "a,\"b,c\"\n\"Gak, Sejong\",12000,0.000000,0.1,2028-03,,never,true,\n"
        );
    }

    #[test]
    fn people_read_numbers_with_separators_and_no_trailing_zeros() {
        for (cell, shown) in [
            (Cell::Decimal(11_750.0), "11,750"),
            (Cell::Decimal(0.25), "0.25"),
            (Cell::Decimal(-1_234_567.5), "-1,234,567.5"),
            (Cell::Count(3000), "3,000"),
            (Cell::Number(0.0), "0"),
            (Cell::Text("1234"), "1234"),
        ] {
            assert_eq!(cell.readable(), shown);
        }
    }
}
