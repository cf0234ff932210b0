//! What `gpuplan refclass` prints: the reference classes with the spread of their slips, or
//! one class's cases with their sources.

use std::fmt::Write;

use super::table::{Align, Table};
use crate::uncertain::dist::Shape;
use crate::uncertain::refclass::{self, CLASSES};

/// The P10, P50 and P90 of a class's slips (linear between the sorted cases).
fn spread(name: &str) -> [f64; 3] {
    let shape = Shape::empirical(refclass::slips(name));
    [0.1, 0.5, 0.9].map(|p| shape.quantile(p))
}

fn months(x: f64) -> String {
    let text = format!("{:.1}", x);
    let text = text.trim_end_matches('0').trim_end_matches('.');
    if x > 0.0 {
        format!("+{text}")
    } else {
        text.to_string()
    }
}

/// Every class: its cases, the spread of their slips and what it holds.
pub fn list() -> String {
    let mut table = Table::new(&[
        ("Class", Align::Left),
        ("Cases", Align::Right),
        ("P10", Align::Right),
        ("P50", Align::Right),
        ("P90", Align::Right),
        ("What", Align::Left),
    ]);
    for class in CLASSES {
        let [p10, p50, p90] = spread(class.name);
        table.row(vec![
            class.name.to_string(),
            refclass::cases(class.name).len().to_string(),
            months(p10),
            months(p50),
            months(p90),
            class.description.to_string(),
        ]);
    }
    format!(
        "Reference classes: months late against plan (negative = early), quantiles linear between the sorted cases.\nUse one in a delay: delay_months = {{ reference = \"ai-datacenter\" }}; `gpuplan refclass NAME` lists its cases.\n\n{}",
        table.render()
    )
}

/// One class's cases with their sources, or `None` for an unknown name.
pub fn class(name: &str) -> Option<String> {
    let class = refclass::class(name)?;
    let mut out = String::new();
    let _ = writeln!(out, "{}: {}", class.name, class.description);
    let [p10, p50, p90] = spread(class.name);
    let _ = writeln!(
        out,
        "Months late: P10 {}, P50 {}, P90 {} (provisional: the outcome is still a forecast)\n",
        months(p10),
        months(p50),
        months(p90)
    );
    let mut table = Table::new(&[
        ("Project", Align::Left),
        ("Planned", Align::Left),
        ("Actual", Align::Left),
        ("Slip", Align::Right),
        ("Source", Align::Left),
    ]);
    for case in refclass::cases(class.name) {
        table.row(vec![
            case.project.to_string(),
            case.planned.to_string(),
            case.actual.to_string(),
            format!(
                "{}{}",
                months(case.slip),
                if case.provisional {
                    " (provisional)"
                } else {
                    ""
                }
            ),
            case.source.to_string(),
        ]);
    }
    out.push_str(&table.render());
    Some(out)
}
