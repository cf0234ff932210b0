//! `compare.csv` (long format) and the side-by-side terminal table of `gpuplan compare`.

use std::fmt::Write;

use super::format::csv_field;
use super::table::{Align, Table};
use crate::analysis::compare::Row;

/// `compare.csv`: `scenario,subject,metric,value`, one row per case and question.
pub fn csv(labels: &[String], rows: &[Row]) -> String {
    let mut out = String::from("scenario,subject,metric,value\n");
    for (c, label) in labels.iter().enumerate() {
        for row in rows {
            let _ = writeln!(
                out,
                "{},{},{},{}",
                csv_field(label),
                csv_field(&row.subject),
                row.metric,
                csv_field(&row.cells[c].csv())
            );
        }
    }
    out
}

/// The table: one column per case, the baseline first, others with their difference from it.
pub fn table(labels: &[String], names: &[String], rows: &[Row]) -> String {
    let mut out = String::from("Scenarios (the first is the baseline):\n");
    for (label, name) in labels.iter().zip(names) {
        let _ = writeln!(out, "  {label}: {name}");
    }
    out.push('\n');
    let mut columns = vec![("Subject", Align::Left), ("Metric", Align::Left)];
    columns.extend(labels.iter().map(|l| (l.as_str(), Align::Right)));
    let mut table = Table::new(&columns);
    for row in rows {
        let mut cells = vec![row.subject.clone(), row.metric.clone()];
        for (c, cell) in row.cells.iter().enumerate() {
            let mut text = cell.display();
            if c > 0
                && let Some(delta) = cell.difference(row.cells[0])
            {
                text.push_str(&format!(" ({delta})"));
            }
            cells.push(text);
        }
        table.row(cells);
    }
    out.push_str(&table.render());
    out
}
