//! `gpuplan.xlsx`: the CSV files of a run as one workbook, a sheet per file, for readers who
//! open results in a spreadsheet (Korean Excel reads UTF-8 CSV as mojibake; a workbook holds
//! Hangul as it is). Numbers are numbers and everything else, months included, is text; the
//! header row is bold and frozen; columns are as wide as their contents. The document's date is
//! fixed, so the same run gives the same bytes.

use crate::lang::{self, Lang};
use rust_xlsxwriter::{DocProperties, ExcelDateTime, Format, Workbook, Worksheet};

use super::sheet::Sheet;
use unicode_width::UnicodeWidthStr;

/// Why the workbook could not be made.
#[derive(Debug, thiserror::Error)]
pub enum XlsxError {
    /// A table has more rows than a sheet holds.
    #[error(
        "{file} has {rows} rows, more than a spreadsheet sheet holds ({MAX_ROWS}); leave out --xlsx or the option that adds it"
    )]
    TooManyRows {
        /// The table's file name.
        file: String,
        /// Its rows, header included.
        rows: usize,
    },
    /// The workbook writer failed.
    #[error(transparent)]
    Writer(#[from] rust_xlsxwriter::XlsxError),
}

/// The most rows a sheet holds (Excel's limit), header included.
const MAX_ROWS: usize = 1_048_576;

/// The workbook of `sheets` (file name, table), a sheet each in their order, named by the file
/// name without `.csv`.
pub fn workbook(sheets: &[(&str, Sheet<'_>)]) -> Result<Vec<u8>, XlsxError> {
    let mut book = Workbook::new();
    let date = ExcelDateTime::from_ymd(2000, 1, 1)?;
    book.set_properties(
        &DocProperties::new()
            .set_creation_datetime(&date)
            .set_author("gpuplan"),
    );
    for (name, table) in sheets {
        let stem = name.strip_suffix(".csv").unwrap_or(name);
        let sheet = book.add_worksheet();
        // Sheet names: at most 31 characters; the CSV stems (or their Korean names) are short
        // and distinct.
        sheet.set_name(sheet_name(stem).chars().take(31).collect::<String>())?;
        write_sheet(sheet, table).map_err(|error| match error {
            Overflow::Rows(rows) => XlsxError::TooManyRows {
                file: (*name).to_string(),
                rows,
            },
            Overflow::Writer(error) => XlsxError::Writer(error),
        })?;
    }
    Ok(book.save_to_buffer()?)
}

/// Why a sheet could not be written.
enum Overflow {
    /// It has more rows (header included) than a sheet holds.
    Rows(usize),
    /// The writer failed.
    Writer(rust_xlsxwriter::XlsxError),
}

impl From<rust_xlsxwriter::XlsxError> for Overflow {
    fn from(error: rust_xlsxwriter::XlsxError) -> Self {
        Overflow::Writer(error)
    }
}

/// A sheet's name: the CSV file's stem, or in Korean its Korean name.
fn sheet_name(stem: &str) -> String {
    match lang::current() {
        Lang::En => stem.to_string(),
        Lang::Ko => match lang::text(&format!("sheet.{stem}")) {
            "" => stem.to_string(),
            name => name.to_string(),
        },
    }
}

/// A column's heading: the CSV file's column name, or in Korean its heading in words.
fn heading(name: &str) -> std::borrow::Cow<'_, str> {
    match lang::current() {
        Lang::En => name.into(),
        Lang::Ko => crate::present::labels::column(name),
    }
}

/// Writes `table` into `sheet`: a bold, frozen header; numbers as numbers, the rest as text;
/// columns as wide as their contents (at most 60 characters).
fn write_sheet(sheet: &mut Worksheet, table: &Sheet<'_>) -> Result<(), Overflow> {
    let bold = Format::new().set_bold();
    let mut widths: Vec<usize> = table
        .header()
        .iter()
        .map(|h| (heading(h).width() + 2).max(8))
        .collect();
    for (c, name) in table.header().iter().enumerate() {
        sheet.write_string_with_format(0, c as u16, heading(name), &bold)?;
    }
    let mut rows = 1usize;
    let mut failed = None;
    table.each_row(&mut |row| {
        rows += 1;
        if failed.is_some() || rows > MAX_ROWS {
            return;
        }
        let r = (rows - 1) as u32;
        for (c, cell) in row.iter().enumerate() {
            let text = cell.text();
            let written = match cell.number() {
                Some(x) => sheet.write_number(r, c as u16, x).map(|_| ()),
                None if text.is_empty() => Ok(()),
                None => sheet.write_string(r, c as u16, &text).map(|_| ()),
            };
            if let Err(error) = written {
                failed = Some(error);
                return;
            }
            if let Some(width) = widths.get_mut(c) {
                *width = (*width).max(text.width() + 2).min(60);
            }
        }
    });
    if let Some(error) = failed {
        return Err(Overflow::Writer(error));
    }
    if rows > MAX_ROWS {
        return Err(Overflow::Rows(rows));
    }
    for (c, width) in widths.iter().enumerate() {
        sheet.set_column_width(c as u16, *width as f64)?;
    }
    sheet.set_freeze_panes(1, 0)?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use std::io::Cursor;

    use calamine::{Data, Reader, Xlsx};

    use super::*;
    use crate::export::sheet::Cell;
    use crate::units::YearMonth;

    #[test]
    fn numbers_are_numbers_and_names_months_and_flags_text() {
        let month = YearMonth::new(2026, 1);
        let table = Sheet::new(
            ["month", "recipient", "online", "met", "note"],
            move |each| {
                each(&[
                    Cell::Month(month),
                    Cell::Text("2026"),
                    Cell::Count(5),
                    Cell::Flag(true),
                    Cell::Empty,
                ]);
                each(&[
                    Cell::Month(None),
                    Cell::Text("정부"),
                    Cell::Decimal(7.5),
                    Cell::Flag(false),
                    Cell::Text("x"),
                ]);
            },
        );
        let bytes = workbook(&[("timeline.csv", table)]).unwrap();
        let mut book: Xlsx<_> = Xlsx::new(Cursor::new(bytes)).unwrap();
        assert_eq!(book.sheet_names(), ["timeline"]);
        let range = book.worksheet_range("timeline").unwrap();
        let cell = |r: u32, c: u32| range.get_value((r, c)).cloned().unwrap_or(Data::Empty);
        assert_eq!(cell(0, 2), Data::String("online".into()));
        assert_eq!(cell(1, 0), Data::String("2026-01".into()));
        assert_eq!(cell(1, 1), Data::String("2026".into()), "a name stays text");
        assert_eq!(cell(1, 2), Data::Float(5.0));
        assert_eq!(cell(1, 3), Data::String("true".into()));
        assert_eq!(cell(2, 0), Data::Empty);
        assert_eq!(cell(2, 2), Data::Float(7.5));
        assert_eq!(cell(2, 4), Data::String("x".into()));
    }
}
