//! What `gpuplan refclass` prints: the reference classes with the spread of their slips, or
//! one class's cases with every field the dataset records.

use std::fmt::Write;

use super::table::{Align, Table};
use crate::lang::{fill, text};
use crate::uncertain::dist::Shape;
use crate::uncertain::refclass::{self, Case};

/// The P10, P50 and P90 of `values` (linear between the sorted values), if any.
fn spread(values: Vec<f64>) -> Option<[f64; 3]> {
    if values.is_empty() {
        return None;
    }
    let shape = Shape::empirical(values);
    Some([0.1, 0.5, 0.9].map(|p| shape.quantile(p)))
}

/// Months late as written in tables: "+9", "-2", "0", "+4.5".
pub fn months(x: f64) -> String {
    let text = format!("{x:.1}");
    let text = text.trim_end_matches('0').trim_end_matches('.');
    match text {
        "-0" => "0".to_string(),
        _ if x > 0.0 => format!("+{text}"),
        _ => text.to_string(),
    }
}

/// A ratio of slip to lead as written: "0.75".
fn ratio(x: f64) -> String {
    let text = format!("{x:.2}");
    if text == "-0.00" { "0.00".into() } else { text }
}

/// Every class: its cases, the spread of their slips and what it holds.
pub fn list() -> String {
    let mut table = Table::new(&[
        (text("bt.class"), Align::Left),
        (text("bt.cases"), Align::Right),
        ("P10", Align::Right),
        ("P50", Align::Right),
        ("P90", Align::Right),
        (text("rc.slip_lead"), Align::Right),
        (text("rc.what"), Align::Left),
    ]);
    for class in &refclass::shipped().classes {
        let cases = refclass::cases(&class.name);
        let provisional = cases.iter().filter(|c| c.provisional).count();
        let [p10, p50, p90] = spread(refclass::slips(&class.name))
            .map(|s| s.map(months))
            .unwrap_or_default();
        let relative = refclass::relative_slips(&class.name);
        let relative = spread(relative).map_or("-".into(), |s| ratio(s[1]));
        table.row(vec![
            class.name.clone(),
            format!("{}{}", cases.len(), provisional_note(provisional)),
            p10,
            p50,
            p90,
            relative,
            class.description.clone(),
        ]);
    }
    format!(
        "{}\n{}\n{}\n\n{}",
        text("rc.intro1"),
        text("rc.intro2"),
        text("rc.intro3"),
        table.render()
    )
}

/// " (2 provisional)" after a count of cases, or nothing.
fn provisional_note(provisional: usize) -> String {
    if provisional > 0 {
        fill("rc.provisional", &[("n", &provisional.to_string())])
    } else {
        String::new()
    }
}

/// A month field, or "-" where the dataset has none.
fn month(field: &Option<String>) -> String {
    field.clone().unwrap_or_else(|| "-".into())
}

/// One case, every field: a heading line and indented fields.
fn details(case: &Case, out: &mut String) {
    let _ = writeln!(
        out,
        "\n{}{}",
        case.name,
        if case.provisional {
            text("rc.provisional_case")
        } else {
            ""
        }
    );
    let mut field = |key: &str, value: &str| {
        let _ = writeln!(out, "  {key:<11} {value}");
    };
    if case.project() != case.name {
        field("project", case.project());
    }
    field("kind", &case.kind);
    field("classes", &case.classes.join(", "));
    field("plan", &case.plan);
    field("stated", &month(&case.stated));
    field("planned", &month(&case.planned));
    field("actual", &month(&case.actual));
    field("event", &case.event);
    let in_months = |n: String| fill("rc.months", &[("n", &n)]);
    field("slip", &in_months(months(f64::from(case.slip))));
    field(
        "lead",
        &case.lead.map_or(text("rc.lead_unknown").into(), |lead| {
            in_months(lead.to_string())
        }),
    );
    field("source", &case.source);
    field("confidence", &case.confidence);
    if let Some(note) = &case.note {
        field("note", note);
    }
}

/// One class's cases with every field, or `None` for an unknown name.
pub fn class(name: &str) -> Option<String> {
    let class = refclass::class(name)?;
    let cases = refclass::cases(&class.name);
    let mut out = String::new();
    let _ = writeln!(out, "{}: {}", class.name, class.description);
    if let Some(note) = &class.note {
        let _ = writeln!(out, "{note}");
    }
    let provisional = cases.iter().filter(|c| c.provisional).count();
    // Waits (no plan dates) are months waited, not months late.
    let what = text(if cases.iter().all(|c| c.planned.is_none()) {
        "rc.waited"
    } else {
        "rc.late"
    });
    if let Some([p10, p50, p90]) = spread(refclass::slips(&class.name)) {
        let spread = fill(
            "rc.spread",
            &[
                ("n", &cases.len().to_string()),
                ("provisional", &provisional_note(provisional)),
                ("what", what),
                ("p10", &months(p10)),
                ("p50", &months(p50)),
                ("p90", &months(p90)),
            ],
        );
        let _ = writeln!(out, "{spread}");
    }
    let relative = refclass::relative_slips(&class.name);
    let with_lead = relative.len();
    match spread(relative) {
        Some([p10, p50, p90]) => {
            let per_lead = fill(
                "rc.per_lead",
                &[
                    ("n", &with_lead.to_string()),
                    ("p10", &ratio(p10)),
                    ("p50", &ratio(p50)),
                    ("p90", &ratio(p90)),
                ],
            );
            let _ = writeln!(out, "{per_lead}");
        }
        None => {
            let _ = writeln!(out, "{}", text("rc.no_lead"));
        }
    }
    let mut table = Table::new(&[
        (text("rc.case"), Align::Left),
        (text("rc.stated"), Align::Left),
        (text("rc.planned"), Align::Left),
        (text("rc.actual"), Align::Left),
        (text("rc.slip"), Align::Right),
        (text("rc.lead"), Align::Right),
        (text("rc.confidence"), Align::Left),
    ]);
    for case in &cases {
        table.row(vec![
            format!("{}{}", case.name, if case.provisional { " *" } else { "" }),
            month(&case.stated),
            month(&case.planned),
            month(&case.actual),
            months(f64::from(case.slip)),
            case.lead.map_or("-".into(), |l| l.to_string()),
            case.confidence.clone(),
        ]);
    }
    out.push('\n');
    out.push_str(&table.render());
    if provisional > 0 {
        let _ = writeln!(out, "{}", text("rc.star"));
    }
    for case in cases {
        details(case, &mut out);
    }
    Some(out)
}
