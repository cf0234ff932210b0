//! Replays, on the stable toolchain, every input the fuzz targets keep for regression
//! (`tests/fuzz/regressions/TARGET/`) plus their seeds (the scenarios and test data), through
//! the same checks the fuzz targets run (`tests/fuzz/checks.rs`). `.ci/run` also replays the
//! regressions under the fuzzer itself when a nightly toolchain is present.

#[allow(dead_code)]
#[path = "fuzz/checks.rs"]
mod checks;

mod common;

use std::fs;
use std::path::PathBuf;

use common::repo;

/// The inputs of one target: its regressions, then the seed corpus.
fn inputs(target: &str) -> Vec<PathBuf> {
    let mut paths = Vec::new();
    for folder in [
        format!("tests/fuzz/regressions/{target}"),
        "scenarios".into(),
        "tests/data".into(),
    ] {
        let mut found: Vec<PathBuf> = fs::read_dir(repo(&folder))
            .unwrap()
            .map(|e| e.unwrap().path())
            .filter(|p| p.is_file())
            .collect();
        found.sort();
        paths.extend(found);
    }
    paths
}

fn replay(target: &str, check: fn(&[u8])) {
    let paths = inputs(target);
    assert!(paths.len() > 5, "{target}: {paths:?}");
    for path in paths {
        let bytes = fs::read(&path).unwrap();
        let outcome = std::panic::catch_unwind(|| check(&bytes));
        assert!(outcome.is_ok(), "{target} fails on {}", path.display());
    }
}

#[test]
fn scenario_regressions_pass() {
    replay("scenario", checks::scenario);
}

#[test]
fn chart_regressions_pass() {
    replay("charts", checks::charts);
}

#[test]
fn mc_regressions_pass() {
    replay("mc", checks::mc);
}

#[test]
fn sensitivity_regressions_pass() {
    replay("sensitivity", checks::sensitivity);
}

/// The checks really run on the seeds: a valid scenario reaches them (they are not all
/// skipped), and a broken invariant would be seen.
#[test]
fn the_seeds_reach_the_checks() {
    let text = fs::read_to_string(repo("scenarios/korea-260k.toml")).unwrap();
    assert!(checks::reaches_the_model(text.as_bytes()));
    assert!(!checks::reaches_the_model(b"[scenario\n"));
}
