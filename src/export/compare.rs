//! `compare.csv` (long format) and the side-by-side terminal table of `gpuplan compare`.

use std::fmt::Write;

use super::table::{Align, Table};
use crate::analysis::compare::{Cell, Row};
use crate::lang::{fill, text};
use crate::present::format::{csv_field, decimal, probability_interval, quantity, thousands};

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
                csv_field(&cell_csv(row.cells[c]))
            );
        }
    }
    out
}

/// The table: one column per case, the baseline first, others with their difference from it.
pub fn table(labels: &[String], names: &[String], rows: &[Row]) -> String {
    let mut out = format!("{}\n", text("compare.scenarios"));
    for (label, name) in labels.iter().zip(names) {
        let _ = writeln!(out, "  {label}: {name}");
    }
    out.push('\n');
    let mut columns = vec![
        (text("compare.subject"), Align::Left),
        (text("compare.metric"), Align::Left),
    ];
    columns.extend(labels.iter().map(|l| (l.as_str(), Align::Right)));
    let mut table = Table::new(&columns);
    // The standard error is in P(met)'s interval; compare.csv has it on a row of its own.
    for row in rows.iter().filter(|row| row.metric != "p_met_stderr") {
        let subject = match row.subject.as_str() {
            "all" => text("compare.all").to_string(),
            subject => subject.to_string(),
        };
        let mut cells = vec![subject, metric_words(&row.metric)];
        for (c, cell) in row.cells.iter().enumerate() {
            let mut text = display(*cell);
            if c > 0
                && let Some(delta) = difference(*cell, row.cells[0])
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

/// A cell as written in `compare.csv`: months `YYYY-MM` (empty for never), counts as
/// integers, numbers with six decimals, flags `true`/`false`, missing as empty.
pub fn cell_csv(cell: Cell) -> String {
    match cell {
        Cell::Month(m) => m.map(|m| m.to_string()).unwrap_or_default(),
        Cell::Count(n) => n.to_string(),
        Cell::Number(x) | Cell::Chance { p: x, .. } => decimal(x),
        Cell::Flag(b) => b.to_string(),
        Cell::Missing => String::new(),
    }
}

/// A cell's signed difference from `baseline`, for people: "+3 mo", "-1,200", "+12.5",
/// "met → missed".
pub fn difference(cell: Cell, baseline: Cell) -> Option<String> {
    let signed = |x: f64, text: String| {
        if x > 0.0 {
            format!("+{text}")
        } else if x < 0.0 {
            format!("-{text}")
        } else {
            "±0".into()
        }
    };
    match (baseline, cell) {
        (Cell::Month(Some(a)), Cell::Month(Some(b))) => {
            let months = b.months_since(a);
            Some(if months == 0 {
                "±0".into()
            } else {
                fill("compare.months", &[("n", &format!("{months:+}"))])
            })
        }
        (Cell::Month(Some(_)), Cell::Month(None)) => Some(text("run.never").into()),
        (Cell::Month(None), Cell::Month(Some(_))) => Some(text("compare.newly").into()),
        (Cell::Count(a), Cell::Count(b)) => {
            Some(signed(b as f64 - a as f64, thousands(a.abs_diff(b))))
        }
        // A difference that rounds to nothing at two decimals is not "-0.00".
        (Cell::Number(a), Cell::Number(b)) if b != a && (b - a).abs() < 0.005 => {
            Some(signed(b - a, "<0.01".into()))
        }
        (Cell::Number(a), Cell::Number(b)) => Some(signed(b - a, quantity((b - a).abs(), 2))),
        (Cell::Flag(a), Cell::Flag(b)) if a != b => {
            Some(format!("{} → {}", verdict(a), verdict(b)))
        }
        // In percentage points, to the one decimal the chances are shown with.
        (Cell::Chance { p: a, .. }, Cell::Chance { p: b, .. }) => {
            let points = (b - a) * 100.0;
            let points = if points.abs() < 0.05 {
                "±0".to_string()
            } else {
                format!("{points:+.1}")
            };
            Some(fill("compare.points", &[("n", &points)]))
        }
        _ => None,
    }
}

/// A cell for people.
pub fn display(cell: Cell) -> String {
    match cell {
        Cell::Month(m) => m.map_or(text("run.never").into(), |m| m.to_string()),
        Cell::Count(n) => thousands(n),
        Cell::Number(x) => quantity(x, 2),
        Cell::Flag(b) => verdict(b).into(),
        Cell::Chance { p, stderr, samples } => probability_interval(p, stderr, samples),
        Cell::Missing => "—".into(),
    }
}

fn verdict(met: bool) -> &'static str {
    text(if met { "verdict.met" } else { "verdict.missed" })
}

/// A metric's code (`compare.csv`'s `metric`) as the table shows it: the code itself in
/// English, where it matches the file; words in Korean.
fn metric_words(metric: &str) -> String {
    if let Some(precision) = metric.strip_prefix("pflops_at_end_") {
        return fill("compare.m.pflops_at_end", &[("precision", precision)]);
    }
    match text(&format!("compare.m.{metric}")) {
        "" => metric.to_string(),
        words => words.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::units::YearMonth;

    #[test]
    fn differences_are_signed_and_readable() {
        let m = |s: &str| Cell::Month(YearMonth::parse(s));
        assert_eq!(
            difference(m("2030-08"), m("2030-04")).as_deref(),
            Some("+4 mo")
        );
        assert_eq!(
            difference(m("2030-01"), m("2030-04")).as_deref(),
            Some("-3 mo")
        );
        assert_eq!(
            difference(Cell::Month(None), m("2030-04")).as_deref(),
            Some("never")
        );
        assert_eq!(
            difference(Cell::Count(800), Cell::Count(2000)).as_deref(),
            Some("-1,200")
        );
        assert_eq!(
            difference(Cell::Number(9.999), Cell::Number(10.0)).as_deref(),
            Some("-<0.01"),
            "never -0.00"
        );
        assert_eq!(
            difference(Cell::Number(10.0), Cell::Number(10.0)).as_deref(),
            Some("±0")
        );
        assert_eq!(
            difference(Cell::Number(12.5), Cell::Number(10.0)).as_deref(),
            Some("+2.50")
        );
        assert_eq!(
            difference(Cell::Flag(false), Cell::Flag(true)).as_deref(),
            Some("met → missed")
        );
        assert_eq!(difference(Cell::Flag(true), Cell::Flag(true)), None);
        assert_eq!(cell_csv(Cell::Month(None)), "");
        let chance = |p| Cell::Chance {
            p,
            stderr: 0.004,
            samples: 10_000,
        };
        assert_eq!(
            difference(chance(0.512), chance(0.48)).as_deref(),
            Some("+3.2 pp")
        );
        assert_eq!(display(chance(0.48)), "48.0% ± 0.8%");
        assert_eq!(cell_csv(chance(0.48)), "0.480000");
    }
}
