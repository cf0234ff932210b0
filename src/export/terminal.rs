//! The readable summary `gpuplan run` prints: recipients, targets, peak power, PFLOPS at the end.

use std::fmt::Write;

use super::format::{quantity, thousands};
use super::table::{Align, Table};
use crate::analysis::Report;
use crate::units::{Metric, YearMonth};

fn month(m: Option<YearMonth>) -> String {
    m.map_or_else(|| "never".to_string(), |m| m.to_string())
}

/// MW for people: one decimal, or three below 10 MW so small systems don't read as zero.
fn mw(x: f64) -> String {
    quantity(x, if x < 10.0 { 3 } else { 1 })
}

/// The summary as text.
pub fn summary(report: &Report) -> String {
    let mut out = String::new();
    let allocated: u64 = report.recipients.iter().map(|r| r.allocated).sum();
    let _ = writeln!(out, "{}", report.scenario);
    let _ = writeln!(
        out,
        "{} to {} ({} months): {} chips allocated, {} delivered, {} online at the end\n",
        report.start,
        report.end,
        report.months,
        thousands(allocated),
        thousands(report.at_end.delivered),
        thousands(report.at_end.online),
    );

    let mut table = Table::new(&[
        ("Recipient", Align::Left),
        ("Allocated", Align::Right),
        ("Online at end", Align::Right),
        ("50% online", Align::Right),
        ("90% online", Align::Right),
        ("100% online", Align::Right),
        ("Chip-months waiting", Align::Right),
    ]);
    for r in &report.recipients {
        table.row(vec![
            r.name.clone(),
            thousands(r.allocated),
            thousands(r.online_at_end),
            month(r.online_50pct),
            month(r.online_90pct),
            month(r.online_100pct),
            thousands(r.chip_months_waiting),
        ]);
    }
    out.push_str(&table.render());

    if !report.targets.is_empty() {
        let mut table = Table::new(&[
            ("Target", Align::Left),
            ("Goal", Align::Right),
            ("By", Align::Right),
            ("Achieved", Align::Right),
            ("At deadline", Align::Right),
            ("Result", Align::Left),
        ]);
        for t in &report.targets {
            let (goal, at_deadline) = match t.metric {
                Metric::ChipsOnline => (
                    format!("{} chips", quantity(t.value, 0)),
                    format!("{} chips", quantity(t.value_at_deadline, 0)),
                ),
                Metric::Pflops => {
                    let unit = format!("PF {}", t.precision.map_or("", |p| p.as_str()));
                    (
                        format!("{} {unit}", quantity(t.value, 2)),
                        format!("{} {unit}", quantity(t.value_at_deadline, 2)),
                    )
                }
            };
            let result = if t.met { "met" } else { "MISSED" };
            table.row(vec![
                t.name.clone(),
                goal,
                t.by.to_string(),
                month(t.achieved),
                at_deadline,
                result.to_string(),
            ]);
        }
        out.push('\n');
        out.push_str(&table.render());
    }

    let late: Vec<_> = report
        .recipients
        .iter()
        .filter(|r| r.held_back_mostly_by.is_some())
        .collect();
    if !late.is_empty() {
        let _ = writeln!(
            out,
            "\nWhy late (what held chips back most, by chip-months):"
        );
        for r in late {
            let _ = write!(
                out,
                "  {}: {} chip-months waiting",
                r.name,
                thousands(r.chip_months_waiting)
            );
            if r.chip_months_backorder > 0 {
                let _ = write!(out, ", {} in backorder", thousands(r.chip_months_backorder));
            }
            let cause = r.held_back_mostly_by.as_deref().unwrap_or_default();
            let share = r
                .held_back_share
                .map_or(String::new(), |s| format!(" ({:.0}%)", s * 100.0));
            let _ = writeln!(out, ", mostly {cause}{share}");
        }
    }

    let _ = write!(
        out,
        "\nPeak facility power: {} MW",
        mw(report.peak_facility_mw)
    );
    if let Some(peak) = report.peak_facility_month {
        let _ = write!(out, " (first in {peak})");
    }
    let _ = writeln!(
        out,
        "; at the end {} MW IT, {} MW facility",
        mw(report.at_end.it_mw),
        mw(report.at_end.facility_mw)
    );
    if report.pflops_at_end.is_empty() {
        let _ = writeln!(out, "PFLOPS online at the end: none");
    } else {
        let _ = writeln!(out, "PFLOPS online at the end (dense peak):");
        for p in &report.pflops_at_end {
            let _ = write!(
                out,
                "  {:<5} {:>14}",
                p.precision.as_str(),
                quantity(p.pflops, 2)
            );
            if p.chips_without_figure > 0 {
                let _ = write!(
                    out,
                    "  ({} online chips have no {} figure)",
                    thousands(p.chips_without_figure),
                    p.precision.as_str()
                );
            }
            out.push('\n');
        }
    }
    out
}
