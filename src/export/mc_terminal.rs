//! What `gpuplan mc` prints: each target's probability of being met (with its 95% interval)
//! and the spread of the month it is achieved beside the mid-value result, each recipient's
//! spread of the month all its chips are online, and the run's seed, samples and time.

use std::fmt::Write;
use std::time::Duration;

use super::table::{Align, Table};
use crate::analysis::Report;
use crate::analysis::mc::{Mc, month};
use crate::model::Scenario;
use crate::present::format::{amount, probability, probability_interval, quantity, thousands};

/// The targets over the samples: P(met) with its interval, the months achieved, and the
/// mid-value case.
fn targets_table(scenario: &Scenario, mid: &Report, mc: &Mc) -> String {
    let shown = |index: f64| month(scenario, index).map_or("never".to_string(), |m| m.to_string());
    let mut table = Table::new(&[
        ("Target", Align::Left),
        ("P(met)", Align::Right),
        ("Achieved P10", Align::Right),
        ("P50", Align::Right),
        ("P90", Align::Right),
        ("Mid-value case", Align::Left),
    ]);
    for ((target, s), m) in scenario.targets.iter().zip(&mc.targets).zip(&mid.targets) {
        let verdict = if m.met { "met" } else { "missed" };
        table.row(vec![
            target.name.clone(),
            probability_interval(s.p_met, s.p_met_stderr, mc.kept),
            shown(s.achieved[0]),
            shown(s.achieved[1]),
            shown(s.achieved[2]),
            format!(
                "{} ({verdict})",
                m.achieved.map_or("never".to_string(), |m| m.to_string())
            ),
        ]);
    }
    table.render()
}

/// The summary as text.
pub fn summary(
    scenario: &Scenario,
    mid: &Report,
    mc: &Mc,
    by: &[crate::units::YearMonth],
    threads: usize,
    took: Duration,
) -> String {
    let mut out = String::new();
    let _ = writeln!(out, "{}", scenario.name);
    let _ = writeln!(
        out,
        "Monte Carlo: {} samples, seed {}, {} uncertain input{}; {:.2} s on {} thread{}",
        thousands(mc.samples),
        mc.seed,
        mc.inputs.len(),
        if mc.inputs.len() == 1 { "" } else { "s" },
        took.as_secs_f64(),
        threads,
        if threads == 1 { "" } else { "s" }
    );
    let observations = scenario.observations.len();
    let plural = if observations == 1 { "" } else { "s" };
    if mc.conditioned {
        let _ = writeln!(
            out,
            "Kept {} of them ({:.1}%), those consistent with the {observations} observation{plural}; every figure below is over the kept samples",
            thousands(mc.kept),
            mc.kept as f64 / mc.samples as f64 * 100.0
        );
    } else if observations > 0 {
        let _ = writeln!(
            out,
            "The {observations} observation{plural} ignored (--prior): every sample kept"
        );
    }
    out.push('\n');
    let shown = |index: f64| month(scenario, index).map_or("never".to_string(), |m| m.to_string());
    if !scenario.targets.is_empty() {
        out.push_str(&targets_table(scenario, mid, mc));
        out.push('\n');
    }
    let by_headers: Vec<String> = by.iter().map(|m| format!("All online by {m}")).collect();
    let mut columns = vec![
        ("Recipient", Align::Left),
        ("100% online P10", Align::Right),
        ("P50", Align::Right),
        ("P90", Align::Right),
        ("Mid-value case", Align::Right),
    ];
    columns.extend(by_headers.iter().map(|h| (h.as_str(), Align::Right)));
    let mut table = Table::new(&columns);
    for (r, ((recipient, s), m)) in scenario
        .recipients
        .iter()
        .zip(&mc.recipients)
        .zip(&mid.recipients)
        .enumerate()
    {
        let p = s.milestones[2];
        let mut row = vec![
            recipient.name.clone(),
            shown(p[0]),
            shown(p[1]),
            shown(p[2]),
            m.online_100pct
                .map_or("never".to_string(), |m| m.to_string()),
        ];
        row.extend(by.iter().map(|&month| {
            let t = usize::try_from(scenario.index_of(month)).unwrap_or(0);
            probability(mc.p_full_by(r, t), mc.kept)
        }));
        table.row(row);
    }
    out.push_str(&table.render());
    out.push_str(&money(scenario, mc));
    out
}

/// The energy and money bands as P10 / P50 / P90, when the scenario has `[economics]`.
fn money(scenario: &Scenario, mc: &Mc) -> String {
    let picks = crate::analysis::mc::economics::picks(scenario, mc);
    if picks.is_empty() {
        return String::new();
    }
    let currency = scenario
        .economics
        .as_ref()
        .map_or("", |e| e.currency.as_str());
    let mut out = String::from("\nEnergy and money (P10 / P50 / P90):\n");
    for pick in picks {
        let [_, p10, _, p50, _, p90, _] = pick.band.percentiles;
        let line = match pick.series {
            "energy_gwh_year" => format!(
                "  energy in the year to {}: {} / {} / {} GWh",
                pick.month,
                quantity(p10, 0),
                quantity(p50, 0),
                quantity(p90, 0)
            ),
            "electricity_cost_year" => format!(
                "  electricity in the year to {}: {} / {} / {} {currency}",
                pick.month,
                amount(p10),
                amount(p50),
                amount(p90)
            ),
            _ => format!(
                "  capital spent by {}: {} / {} / {} {currency}",
                pick.month,
                amount(p10),
                amount(p50),
                amount(p90)
            ),
        };
        out.push_str(&line);
        out.push('\n');
    }
    out
}
