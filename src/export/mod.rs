//! Everything the commands write: tables ([`sheet`]) that become CSV files ([`csv`], [`mc`]),
//! sheets of the workbook ([`xlsx`]) and tables of the report ([`report`]) and terminal
//! ([`table`]); JSON records ([`json`]); the terminal summaries; and writing a set of files
//! as one ([`write`]). Exporters format result structs — a run's simulation and its
//! [`crate::analysis::Report`], a Monte Carlo run's [`crate::analysis::mc::Mc`], … — and never
//! recompute or read another exporter's text.

pub mod backtest;
pub mod catalog;
pub mod compare;
pub mod csv;
pub mod economics;
pub mod html;
pub mod json;
pub mod mc;
pub mod mc_terminal;
pub mod refclass;
pub mod report;
pub mod seek;
pub mod sheet;
pub mod sweep;
pub mod table;
pub mod terminal;
pub mod tornado;
pub mod write;
pub mod xlsx;

use crate::analysis::Outcome;
use sheet::Sheet;

/// The tables of a run, in the order their files are written: (file name, table).
pub fn run_sheets(outcome: &Outcome) -> Vec<(&'static str, Sheet<'_>)> {
    let Outcome {
        scenario,
        sim,
        relief,
        report,
    } = outcome;
    let mut sheets = vec![
        ("timeline.csv", csv::timeline(scenario, sim)),
        ("sites.csv", csv::sites(scenario, sim)),
        ("regions.csv", csv::regions(scenario, sim)),
        ("targets.csv", csv::targets(report)),
        ("constraints.csv", csv::constraints(scenario, sim)),
        ("placements.csv", csv::placements(scenario, sim)),
        ("relief.csv", csv::relief(scenario, relief)),
        ("feasibility.csv", csv::feasibility(report)),
    ];
    if !report.observed.is_empty() {
        sheets.push(("observed.csv", csv::observed(report)));
    }
    if let Some(money) = &report.economics {
        sheets.push(("energy.csv", economics::energy(scenario, money)));
        sheets.push(("capex.csv", economics::capex(money)));
        sheets.push(("economics.csv", economics::years(money)));
    }
    sheets
}

/// The files of a run, in the order they are written: (file name, contents) — the tables as
/// CSV, with `summary.json` after `feasibility.csv`.
pub fn run_files(outcome: &Outcome) -> Vec<(&'static str, String)> {
    let mut files: Vec<(&'static str, String)> = run_sheets(outcome)
        .iter()
        .map(|(name, sheet)| (*name, sheet.csv()))
        .collect();
    let json = files
        .iter()
        .position(|(name, _)| *name == "feasibility.csv")
        .map_or(files.len(), |i| i + 1);
    files.insert(json, ("summary.json", json::summary(&outcome.report)));
    files
}
