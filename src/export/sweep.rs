//! What `gpuplan sweep` writes: `sweep.csv` (one row per point of the grid) and a table of the
//! outcomes for the terminal.

use std::fmt::Write;

use super::table::{Align, Table};
use crate::analysis::sweep::{Dimension, Point};
use crate::analysis::trial::TargetTrial;
use crate::lang::{fill, text};
use crate::model::Scenario;
use crate::present::format::{
    csv_field, decimal, key_value, key_value_text, probability, quantity,
};
use crate::units::Metric;

/// Points shown in the terminal; a larger grid is left to the file and the chart.
const SHOWN: usize = 40;

/// `sweep.csv`: one column per varied key (named by its path), then per target
/// `<target>:met,<target>:achieved,<target>:value_at_deadline` — or `<target>:p_met` over
/// samples.
pub fn csv(
    scenario: &Scenario,
    dimensions: &[Dimension],
    points: &[Point],
    samples: bool,
) -> String {
    let mut header: Vec<String> = dimensions
        .iter()
        .map(|d| csv_field(&d.variable.path))
        .collect();
    for target in &scenario.targets {
        let columns: &[&str] = if samples {
            &["p_met"]
        } else {
            &["met", "achieved", "value_at_deadline"]
        };
        header.extend(
            columns
                .iter()
                .map(|c| csv_field(&format!("{}:{c}", target.name))),
        );
    }
    let mut out = header.join(",");
    out.push('\n');
    for point in points {
        let mut cells: Vec<String> = dimensions
            .iter()
            .zip(&point.values)
            .map(|(d, &v)| key_value(d.variable.kind, v))
            .collect();
        for (trial, target) in point.targets.iter().zip(&scenario.targets) {
            match trial.p_met {
                Some(p) => cells.push(decimal(p)),
                None => cells.extend([
                    trial.met.to_string(),
                    achieved(scenario, trial),
                    // Chips are counted in whole chips; PFLOPS as decimals.
                    match target.metric {
                        Metric::ChipsOnline => {
                            format!("{}", trial.value_at_deadline.round() as u64)
                        }
                        Metric::Pflops => decimal(trial.value_at_deadline),
                    },
                ]),
            }
        }
        let _ = writeln!(out, "{}", cells.join(","));
    }
    out
}

/// The outcome of every target at every point, for the terminal (up to 40 points).
pub fn table(scenario: &Scenario, dimensions: &[Dimension], points: &[Point]) -> String {
    if points.len() > SHOWN {
        let n = quantity(points.len() as f64, 0);
        return format!("{}\n", fill("sweep.many", &[("n", &n)]));
    }
    let mut columns: Vec<(&str, Align)> = dimensions
        .iter()
        .map(|d| (d.variable.path.as_str(), Align::Right))
        .collect();
    columns.extend(
        scenario
            .targets
            .iter()
            .map(|t| (t.name.as_str(), Align::Right)),
    );
    let mut table = Table::new(&columns);
    for point in points {
        let mut cells: Vec<String> = dimensions
            .iter()
            .zip(&point.values)
            .map(|(d, &v)| key_value_text(d.variable.kind, v, 3))
            .collect();
        cells.extend(point.targets.iter().map(|trial| match trial.p_met {
            Some(p) => fill("sweep.p_met", &[("p", &probability(p, trial.samples))]),
            None if trial.met => fill("sweep.met", &[("month", &achieved(scenario, trial))]),
            None => match trial.achieved_month(scenario) {
                Some(m) => fill("sweep.missed", &[("month", &m.to_string())]),
                None => text("sweep.never").to_string(),
            },
        }));
        table.row(cells);
    }
    table.render()
}

fn achieved(scenario: &Scenario, trial: &TargetTrial) -> String {
    trial
        .achieved_month(scenario)
        .map_or(String::new(), |m| m.to_string())
}
