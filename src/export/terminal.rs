//! The readable summary `gpuplan run` prints: recipients, targets (and what relaxing every
//! constraint would do for a missed one), why late, peak power, PFLOPS at the end.

use crate::lang::{fill, text};
use std::fmt::Write;

use super::sheet::{Cell, Sheet};
use super::table::{Align, Table};
use crate::analysis::{Feasibility, Outcome, Relaxation, Report};
use crate::model::Scenario;
use crate::present::format::{month_or_never, quantity, thousands};
use crate::units::{Metric, YearMonth};

/// MW for people: one decimal, or three below 10 MW so small systems don't read as zero.
fn mw(x: f64) -> String {
    quantity(x, if x < 10.0 { 3 } else { 1 })
}

/// What a relaxation lifts, in words: "the grid in Capital area", "IT power at LG U+ Paju".
pub fn relaxation_words(relaxation: Relaxation, scenario: &Scenario) -> String {
    match relaxation {
        Relaxation::None => text("relax.none").into(),
        Relaxation::Supply => text("relax.supply").into(),
        Relaxation::Grid(r) => fill("relax.grid", &[("region", &scenario.regions[r].name)]),
        Relaxation::SitePower(s) => fill("relax.site_power", &[("site", &scenario.sites[s].name)]),
        Relaxation::InstallRate(s) => {
            fill("relax.install_rate", &[("site", &scenario.sites[s].name)])
        }
        Relaxation::All => text("relax.all").into(),
    }
}

/// The scenario's horizon and chips in one line: "2025-10 to 2032-12 (87 months): 260,000
/// chips allocated, 260,000 delivered, 260,000 online at the end".
pub fn overview(report: &Report) -> String {
    let allocated: u64 = report.recipients.iter().map(|r| r.allocated).sum();
    fill(
        "run.overview",
        &[
            ("start", &report.start.to_string()),
            ("end", &report.end.to_string()),
            ("months", &report.months.to_string()),
            ("allocated", &thousands(allocated)),
            ("delivered", &thousands(report.at_end.delivered)),
            ("online", &thousands(report.at_end.online)),
        ],
    )
}

/// Each recipient's chips and milestones: the table the terminal and the report show.
pub fn recipients(report: &Report) -> Sheet<'_> {
    let header = [
        "recipients.recipient",
        "recipients.allocated",
        "recipients.online_at_end",
        "recipients.online_50",
        "recipients.online_90",
        "recipients.online_100",
        "recipients.waiting",
    ]
    .map(text);
    Sheet::new(header, move |each| {
        for r in &report.recipients {
            each(&[
                Cell::Text(&r.name),
                Cell::Count(r.allocated),
                Cell::Count(r.online_at_end),
                Cell::Reached(r.online_50pct),
                Cell::Reached(r.online_90pct),
                Cell::Reached(r.online_100pct),
                Cell::Count(r.chip_months_waiting),
            ]);
        }
    })
}

/// The summary as text.
pub fn summary(outcome: &Outcome) -> String {
    let report = &outcome.report;
    let mut out = String::new();
    let _ = writeln!(out, "{}", report.scenario);
    let _ = writeln!(out, "{}\n", overview(report));
    out.push_str(&super::table::render_sheet(&recipients(report)));
    if !report.targets.is_empty() {
        out.push('\n');
        out.push_str(&targets_table(report));
    }
    out.push_str(&missed_targets(report));
    out.push_str(&observed(report));
    let reasons = why_late(outcome);
    if !reasons.is_empty() {
        let _ = writeln!(out, "\n{}", text("run.why_late"));
        for reason in reasons {
            let _ = writeln!(out, "  {reason}");
        }
    }
    out.push_str(&power_and_pflops(report));
    if let Some(money) = &report.economics {
        out.push_str(&super::economics::summary(money));
    }
    out
}

/// The targets: goal, deadline, month achieved, value at the deadline, met or missed.
fn targets_table(report: &Report) -> String {
    let mut table = Table::new(&[
        (text("targets.target"), Align::Left),
        (text("targets.goal"), Align::Right),
        (text("targets.by"), Align::Right),
        (text("targets.achieved"), Align::Right),
        (text("targets.at_deadline"), Align::Right),
        (text("targets.result"), Align::Left),
    ]);
    for t in &report.targets {
        let (goal, at_deadline) = match t.metric {
            Metric::ChipsOnline => (
                fill("targets.chips", &[("n", &quantity(t.value, 0))]),
                fill("targets.chips", &[("n", &quantity(t.value_at_deadline, 0))]),
            ),
            Metric::Pflops => {
                let unit = format!("PF {}", t.precision.map_or("", |p| p.as_str()));
                (
                    format!("{} {unit}", quantity(t.value, 2)),
                    format!("{} {unit}", quantity(t.value_at_deadline, 2)),
                )
            }
        };
        let result = text(if t.met {
            "targets.met"
        } else {
            "targets.missed"
        });
        table.row(vec![
            t.name.clone(),
            goal,
            t.by.to_string(),
            month_or_never(t.achieved),
            at_deadline,
            result.to_string(),
        ]);
    }
    table.render()
}

/// Peak and final power, and PFLOPS online at the end.
fn power_and_pflops(report: &Report) -> String {
    let mut out = String::new();
    let peak = mw(report.peak_facility_mw.0);
    let _ = write!(out, "\n{}", fill("power.peak", &[("mw", &peak)]));
    if let Some(peak) = report.peak_facility_month {
        let _ = write!(
            out,
            " {}",
            fill("power.first", &[("month", &peak.to_string())])
        );
    }
    let (it, facility) = (mw(report.at_end.it_mw.0), mw(report.at_end.facility_mw.0));
    let _ = writeln!(
        out,
        "{}",
        fill("power.at_end", &[("it", &it), ("facility", &facility)])
    );
    if report.pflops_at_end.is_empty() {
        let _ = writeln!(out, "{}", text("pflops.none"));
    } else {
        let _ = writeln!(out, "{}", text("pflops.heading"));
        for p in &report.pflops_at_end {
            let _ = write!(
                out,
                "  {:<5} {:>14}",
                p.precision.as_str(),
                quantity(p.pflops, 2)
            );
            if p.chips_without_figure > 0 {
                let n = thousands(p.chips_without_figure);
                let without = fill(
                    "pflops.without",
                    &[("n", &n), ("precision", p.precision.as_str())],
                );
                let _ = write!(out, "  {without}");
            }
            out.push('\n');
        }
    }
    out
}

/// For each missed target: whether the run with every constraint relaxed meets it (a what-if),
/// and if not, the earliest month any relaxation allows (a bound, never a simulated month).
fn missed_targets(report: &Report) -> String {
    let mut out = String::new();
    for (target, relaxed) in report.targets.iter().zip(&report.feasibility) {
        if target.met {
            continue;
        }
        if out.is_empty() {
            let _ = writeln!(out, "\n{}", text("targets.missed_head"));
        }
        let _ = writeln!(
            out,
            "  {}: {}",
            target.name,
            feasibility_words(relaxed, report.end)
        );
    }
    out
}

/// What relaxing constraints can do for a missed target, in words every one of which the model
/// guarantees: the all-relaxed run's result when it meets the target, else the bound.
pub fn feasibility_words(relaxed: &Feasibility, end: YearMonth) -> String {
    match (relaxed.met_all_relaxed, relaxed.earliest_possible) {
        (true, achieved) => fill(
            "feasible.relaxed_met",
            &[("month", &month_or_never(achieved))],
        ),
        (false, Some(earliest)) if relaxed.met_possible => {
            fill("feasible.placement", &[("earliest", &earliest.to_string())])
        }
        (false, Some(earliest)) => {
            fill("feasible.earliest", &[("earliest", &earliest.to_string())])
        }
        (false, None) => fill("feasible.never", &[("end", &end.to_string())]),
    }
}

/// Each observation against the model ("Against what was observed"), if the scenario has any.
fn observed(report: &Report) -> String {
    if report.observed.is_empty() {
        return String::new();
    }
    let mut table = Table::new(&[
        (text("observed.month"), Align::Left),
        (text("observed.counted"), Align::Left),
        (text("observed.whose"), Align::Left),
        (text("observed.observed"), Align::Right),
        (text("observed.model"), Align::Right),
        (text("observed.difference"), Align::Right),
        ("", Align::Left),
    ]);
    for o in &report.observed {
        let difference = quantity(o.difference, 0);
        table.row(vec![
            o.month.to_string(),
            text(&format!("observed.{}", o.metric.as_str())).to_string(),
            o.scope.clone(),
            quantity(o.observed, 0),
            quantity(o.model, 0),
            if o.difference > 0.0 {
                format!("+{difference}")
            } else {
                difference
            },
            text(if o.within_tolerance {
                "observed.within"
            } else {
                "observed.outside"
            })
            .to_string(),
        ]);
    }
    format!("\n{}\n{}", text("observed.heading"), table.render())
}

/// Per recipient held back at all: its chip-months waiting (and in backorder), and the single
/// relaxation that would save the most waiting, with its share — or that none would.
/// Why each late recipient is late, one sentence each ("Naver: 984,754 chip-months
/// waiting; most relief from …"): what the terminal lists and the report shows.
pub fn why_late(outcome: &Outcome) -> Vec<String> {
    let (scenario, relief, report) = (&outcome.scenario, &outcome.relief, &outcome.report);
    let mut reasons = Vec::new();
    for (r, summary) in report.recipients.iter().enumerate() {
        if summary.chip_months_waiting == 0 && summary.chip_months_backorder == 0 {
            continue;
        }
        let mut out = fill(
            "why.waiting",
            &[
                ("name", &summary.name),
                ("n", &thousands(summary.chip_months_waiting)),
            ],
        );
        if summary.chip_months_backorder > 0 {
            let n = thousands(summary.chip_months_backorder);
            out.push_str(&fill("why.backorder", &[("n", &n)]));
        }
        let share = |chips: i128| {
            if summary.chip_months_waiting == 0 {
                String::new()
            } else {
                format!(
                    " ({:.0}%)",
                    chips as f64 / summary.chip_months_waiting as f64 * 100.0
                )
            }
        };
        let all = relief.relief(r, relief.runs.len() - 1);
        out.push_str(&match relief.most_relief(r) {
            Some((relaxation, chips)) => {
                let via = summary
                    .most_relief_via
                    .as_ref()
                    .map_or_else(String::new, |via| {
                        fill(
                            "why.indirectly",
                            &[("via", &via_words(via, text("via.them")))],
                        )
                    });
                fill(
                    "why.most_relief",
                    &[
                        ("relaxation", &relaxation_words(relaxation, scenario)),
                        ("chips", &signed(chips)),
                        ("share", &share(chips)),
                        ("via", &via),
                    ],
                )
            }
            None if all > 0 => fill(
                "why.all_only",
                &[("chips", &signed(all)), ("share", &share(all))],
            ),
            None => text("why.nothing").to_string(),
        });
        reasons.push(out);
    }
    reasons
}

/// Where a change helps by way of others, in words: "it frees room for them in LG U+ Paju",
/// "it frees room for them in the Capital area grid (at LG U+ Paju)", "more of them go to
/// LG U+ Paju". `whose` names the chips ("them", "its chips").
pub fn via_words(via: &crate::analysis::indirect::Via, whose: &str) -> String {
    use crate::analysis::indirect::Freed;
    match &via.freed {
        Freed::Site => fill("via.site", &[("whose", whose), ("site", &via.site)]),
        Freed::Grid(region) => fill(
            "via.grid",
            &[("whose", whose), ("region", region), ("site", &via.site)],
        ),
        Freed::Neither => fill("via.neither", &[("whose", whose), ("site", &via.site)]),
    }
}

/// A chip-month count for people, with a minus sign when negative.
fn signed(chips: i128) -> String {
    let text = thousands(u64::try_from(chips.unsigned_abs()).unwrap_or(u64::MAX));
    if chips < 0 { format!("-{text}") } else { text }
}
