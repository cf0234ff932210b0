//! Everything a run writes: CSV and JSON files ([`csv`], [`json`]) and the terminal summary
//! ([`terminal`]). Exporters read the simulation and its [`Report`]; they never recompute.

pub mod backtest;
pub mod catalog;
pub mod compare;
pub mod csv;
pub mod html;
pub mod json;
pub mod mc;
pub mod mc_terminal;
pub mod refclass;
pub mod report;
pub mod seek;
pub mod sweep;
pub mod table;
pub mod terminal;
pub mod tornado;
pub mod write;
pub mod xlsx;

use crate::analysis::Outcome;

/// The files of a run, in the order they are written: (file name, contents).
pub fn run_files(outcome: &Outcome) -> Vec<(&'static str, String)> {
    let Outcome {
        scenario,
        sim,
        relief,
        report,
    } = outcome;
    let mut files = vec![
        ("timeline.csv", csv::timeline(scenario, sim)),
        ("sites.csv", csv::sites(scenario, sim)),
        ("regions.csv", csv::regions(scenario, sim)),
        ("targets.csv", csv::targets(report)),
        ("constraints.csv", csv::constraints(scenario, sim)),
        ("placements.csv", csv::placements(scenario, sim)),
        ("relief.csv", csv::relief(scenario, relief)),
        ("feasibility.csv", csv::feasibility(report)),
        ("summary.json", json::summary(report)),
    ];
    if !report.observed.is_empty() {
        files.push(("observed.csv", csv::observed(report)));
    }
    files
}
