//! Everything a run writes: CSV and JSON files ([`csv`], [`json`]) and the terminal summary
//! ([`terminal`]). Exporters read the simulation and its [`Report`]; they never recompute.

pub mod catalog;
pub mod compare;
pub mod csv;
pub mod format;
pub mod json;
pub mod table;
pub mod terminal;
pub mod write;

use crate::analysis::Report;
use crate::model::Scenario;
use crate::sim::Simulation;

/// The files of a run, in the order they are written: (file name, contents).
pub fn run_files(
    scenario: &Scenario,
    sim: &Simulation,
    report: &Report,
) -> Vec<(&'static str, String)> {
    vec![
        ("timeline.csv", csv::timeline(scenario, sim)),
        ("sites.csv", csv::sites(scenario, sim)),
        ("regions.csv", csv::regions(scenario, sim)),
        ("targets.csv", csv::targets(report)),
        ("constraints.csv", csv::constraints(scenario, sim)),
        ("summary.json", json::summary(report)),
    ]
}
