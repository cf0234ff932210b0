//! Helpers shared by the integration tests.
#![allow(dead_code)]

use std::path::{Path, PathBuf};

use assert_cmd::Command;
use gpuplan::model::Scenario;
use gpuplan::sim::{self, Simulation};

/// Validates scenario text, panicking with the diagnostics if it is invalid.
pub fn scenario(text: &str) -> Scenario {
    Scenario::from_source(Path::new("test.toml"), text).unwrap_or_else(|e| panic!("{e}"))
}

/// Validates and simulates scenario text.
pub fn run(text: &str) -> (Scenario, Simulation) {
    let scenario = scenario(text);
    let simulation = sim::simulate(&scenario);
    (scenario, simulation)
}

/// The validation error for scenario text, as the user sees it.
pub fn error(text: &str) -> String {
    match Scenario::from_source(Path::new("test.toml"), text) {
        Ok(_) => panic!("expected the scenario to be rejected"),
        Err(e) => e.to_string(),
    }
}

/// Index of the allocation of `chip` to `recipient`.
pub fn allocation(scenario: &Scenario, recipient: &str, chip: &str) -> usize {
    scenario
        .allocations
        .iter()
        .position(|a| {
            scenario.recipients[a.recipient].name == recipient
                && scenario.chips[a.chip].name == chip
        })
        .unwrap_or_else(|| panic!("no allocation {recipient}/{chip}"))
}

/// One entity's monthly series from a flat per-entity array.
pub fn series<T: Copy>(sim: &Simulation, values: &[T], entity: usize) -> Vec<T> {
    (0..sim.months).map(|t| values[sim.at(entity, t)]).collect()
}

/// One site's monthly series, in kW.
pub fn site_series(scenario: &Scenario, sim: &Simulation, values: &[f64], site: &str) -> Vec<f64> {
    let s = scenario
        .sites
        .iter()
        .position(|x| x.name == site)
        .unwrap_or_else(|| panic!("no site {site}"));
    series(sim, values, s)
}

/// The gpuplan binary, for tests through the command line.
pub fn gpuplan() -> Command {
    Command::cargo_bin("gpuplan").expect("the binary is built for integration tests")
}

/// A path inside the repository.
pub fn repo(path: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join(path)
}

/// The file names in a folder, sorted.
pub fn listing(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().into_string().unwrap())
        .collect();
    names.sort();
    names
}

/// The browser: $`GPUPLAN_CHROMIUM`, else the first of the usual names on the PATH.
pub fn browser() -> PathBuf {
    if let Some(path) = std::env::var_os("GPUPLAN_CHROMIUM") {
        return PathBuf::from(path);
    }
    for name in ["chromium", "chromium-browser", "google-chrome"] {
        if let Ok(out) = std::process::Command::new("sh")
            .args(["-c", &format!("command -v {name}")])
            .output()
            && out.status.success()
        {
            return PathBuf::from(String::from_utf8_lossy(&out.stdout).trim());
        }
    }
    panic!("no Chromium found: install Debian's chromium (.ci/run does) or set GPUPLAN_CHROMIUM");
}

/// Writes the report of korea-260k-uncertain (2,000 samples) to `page`, in `lang`; its text.
pub fn uncertain_report(page: &Path, lang: &str) -> String {
    gpuplan()
        .args(["--lang", lang, "report"])
        .arg(repo("scenarios/korea-260k-uncertain.toml"))
        .args(["--samples", "2000", "--out"])
        .arg(page)
        .assert()
        .success();
    std::fs::read_to_string(page).unwrap()
}
