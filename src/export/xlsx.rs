//! `gpuplan.xlsx`: the CSV files of a run as one workbook, a sheet per file, for readers who
//! open results in a spreadsheet (Korean Excel reads UTF-8 CSV as mojibake; a workbook holds
//! Hangul as it is). Numbers are numbers and everything else, months included, is text; the
//! header row is bold and frozen; columns are as wide as their contents. The document's date is
//! fixed, so the same run gives the same bytes.

use rust_xlsxwriter::{DocProperties, ExcelDateTime, Format, Workbook};
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
    /// A table's text is not UTF-8 (gpuplan writes only UTF-8).
    #[error("{file} is not UTF-8")]
    NotUtf8 {
        /// The table's file name.
        file: String,
    },
    /// The workbook writer failed.
    #[error(transparent)]
    Writer(#[from] rust_xlsxwriter::XlsxError),
}

/// The most rows a sheet holds (Excel's limit), header included.
const MAX_ROWS: usize = 1_048_576;

/// Columns of names: text even when every name looks like a number.
const TEXT_COLUMNS: &[&str] = &[
    "recipient",
    "chip",
    "site",
    "region",
    "target",
    "name",
    "input",
    "key",
    "month",
    "by",
    "achieved",
    "source",
    "observation",
];

/// The workbook of the `.csv` files among `files` (name, contents), in their order.
pub fn workbook<N: AsRef<str>, C: AsRef<[u8]>>(files: &[(N, C)]) -> Result<Vec<u8>, XlsxError> {
    let mut book = Workbook::new();
    let date = ExcelDateTime::from_ymd(2000, 1, 1)?;
    book.set_properties(
        &DocProperties::new()
            .set_creation_datetime(&date)
            .set_author("gpuplan"),
    );
    let bold = Format::new().set_bold();
    for (name, contents) in files {
        let Some(stem) = name.as_ref().strip_suffix(".csv") else {
            continue;
        };
        let text = std::str::from_utf8(contents.as_ref()).map_err(|_| XlsxError::NotUtf8 {
            file: name.as_ref().to_string(),
        })?;
        let rows = parse(text);
        if rows.len() > MAX_ROWS {
            return Err(XlsxError::TooManyRows {
                file: name.as_ref().to_string(),
                rows: rows.len(),
            });
        }
        let sheet = book.add_worksheet();
        // Sheet names: at most 31 characters; the CSV stems are short and distinct.
        sheet.set_name(stem.chars().take(31).collect::<String>())?;
        let numeric = numeric_columns(&rows);
        let mut widths = vec![8usize; rows.first().map_or(0, Vec::len)];
        for (r, row) in rows.iter().enumerate() {
            for (c, field) in row.iter().enumerate() {
                let (row_at, col_at) = (r as u32, c as u16);
                if r == 0 {
                    sheet.write_string_with_format(row_at, col_at, field, &bold)?;
                } else if numeric.get(c).copied().unwrap_or(false) && !field.is_empty() {
                    sheet.write_number(row_at, col_at, field.parse::<f64>().unwrap_or(0.0))?;
                } else if !field.is_empty() {
                    sheet.write_string(row_at, col_at, field)?;
                }
                if let Some(width) = widths.get_mut(c) {
                    *width = (*width).max(field.width() + 2).min(60);
                }
            }
        }
        for (c, width) in widths.iter().enumerate() {
            sheet.set_column_width(c as u16, *width as f64)?;
        }
        sheet.set_freeze_panes(1, 0)?;
    }
    Ok(book.save_to_buffer()?)
}

/// Which columns hold numbers: every non-empty value below the header parses as one, and the
/// header is not one of [`TEXT_COLUMNS`].
fn numeric_columns(rows: &[Vec<String>]) -> Vec<bool> {
    let Some(header) = rows.first() else {
        return Vec::new();
    };
    header
        .iter()
        .enumerate()
        .map(|(c, name)| {
            !TEXT_COLUMNS.contains(&name.as_str())
                && rows[1..]
                    .iter()
                    .any(|row| row.get(c).is_some_and(|f| !f.is_empty()))
                && rows[1..].iter().all(|row| {
                    row.get(c)
                        .is_none_or(|f| f.is_empty() || f.parse::<f64>().is_ok_and(f64::is_finite))
                })
        })
        .collect()
}

/// The rows of RFC 4180 CSV text: quoted fields may hold commas, doubled quotes and line breaks.
pub fn parse(text: &str) -> Vec<Vec<String>> {
    let mut rows = Vec::new();
    let mut row = Vec::new();
    let mut field = String::new();
    let mut quoted = false;
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match (quoted, c) {
            (true, '"') if chars.peek() == Some(&'"') => {
                chars.next();
                field.push('"');
            }
            (true, '"') => quoted = false,
            (true, c) => field.push(c),
            (false, '"') if field.is_empty() => quoted = true,
            (false, ',') => row.push(std::mem::take(&mut field)),
            (false, '\n') => {
                row.push(std::mem::take(&mut field));
                rows.push(std::mem::take(&mut row));
            }
            (false, '\r') => {}
            (false, c) => field.push(c),
        }
    }
    if !field.is_empty() || !row.is_empty() {
        row.push(field);
        rows.push(row);
    }
    rows
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn csv_fields_follow_rfc_4180() {
        let rows = parse("a,b\n\"x, \"\"y\"\"\",2\n\"line\nbreak\",\n");
        assert_eq!(
            rows,
            [
                vec!["a".to_string(), "b".into()],
                vec!["x, \"y\"".into(), "2".into()],
                vec!["line\nbreak".into(), String::new()],
            ]
        );
    }

    #[test]
    fn numbers_are_told_from_months_and_names() {
        let rows = parse("month,recipient,online,note\n2026-01,2026,5,\n2026-02,정부,7.5,x\n");
        assert_eq!(numeric_columns(&rows), [false, false, true, false]);
    }
}
