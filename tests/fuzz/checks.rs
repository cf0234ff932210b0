//! What the fuzz targets check, shared with `tests/fuzz_regressions.rs`, which replays every
//! input under `tests/fuzz/regressions/` on the stable toolchain. Each function takes any bytes,
//! must not panic on them, and panics only when gpuplan breaks one of its promises.

use std::path::Path;
use std::sync::atomic::AtomicU64;

use gpuplan::analysis::{Outcome, mc};
use gpuplan::chart::{self, Format};
use gpuplan::commands::show;
use gpuplan::export;
use gpuplan::input;
use gpuplan::load::Checked;

/// Scenarios larger than this (months × rows) are skipped: they are valid, only slow to fuzz.
const MAX_CELLS: usize = 20_000;

/// The scenario in `data`, if it is UTF-8, reads no other file, and is valid. Invalid text must
/// give an error that can be printed.
fn valid(data: &[u8]) -> Option<(input::Loaded, Checked)> {
    let text = std::str::from_utf8(data).ok()?;
    // `extends` reads other files: the fuzzer stays inside the text it was given.
    if text.contains(input::EXTENDS) {
        return None;
    }
    let path = Path::new("fuzz.toml");
    let loaded = match input::load_text(path, text.to_string()) {
        Ok(loaded) => loaded,
        Err(error) => {
            assert!(!error.to_string().is_empty());
            return None;
        }
    };
    match Checked::from_loaded(&loaded) {
        Ok(checked) => {
            let s = &checked.scenario;
            let months = s.months;
            let rows = s.allocations.len() + s.sites.len() + s.regions.len() + 1;
            (months.saturating_mul(rows) <= MAX_CELLS).then_some((loaded, checked))
        }
        Err(error) => {
            assert!(!error.to_string().is_empty());
            None
        }
    }
}

/// Whether `data` is a scenario the checks below run the model on (not skipped as invalid,
/// reading other files, or too large to fuzz quickly).
pub fn reaches_the_model(data: &[u8]) -> bool {
    valid(data).is_some()
}

/// Scenario text → load → validate → simulate → export: chips are conserved, the exports are
/// deterministic, and `show` prints a scenario that reads back to the same model.
pub fn scenario(data: &[u8]) {
    let Some((loaded, checked)) = valid(data) else {
        return;
    };
    let scenario = checked.scenario.clone();
    let outcome = Outcome::of(scenario.clone());
    let sim = &outcome.sim;
    for (a, allocation) in scenario.allocations.iter().enumerate() {
        for t in 0..sim.months {
            let i = sim.at(a, t);
            assert_eq!(
                sim.delivered[i],
                sim.waiting[i] + sim.installing[i] + sim.online[i]
            );
            assert_eq!(sim.requested[i], sim.delivered[i] + sim.backorder[i]);
            assert!(sim.requested[i] <= allocation.count);
        }
    }
    let files = export::run_files(&outcome);
    assert_eq!(
        files,
        export::run_files(&outcome),
        "exports are deterministic"
    );
    assert_eq!(
        sim,
        &gpuplan::sim::simulate(&scenario),
        "runs are deterministic"
    );
    for (name, text) in &files {
        if name.ends_with(".csv") {
            assert_rectangular(name, text);
        }
    }
    let _ = export::terminal::summary(&outcome);
    // Relief skips relaxations that cannot change the run: the same as simulating them all.
    let relief = &outcome.relief;
    assert_eq!(
        relief.runs,
        gpuplan::analysis::variation::run_each(&scenario, &relief.relaxations),
        "pruned relief differs from every relaxation simulated"
    );
    // No relaxation achieves a target before its earliest possible month.
    for (k, bound) in outcome.report.feasibility.iter().enumerate() {
        for run in &relief.runs {
            if let Some(achieved) = run.targets[k].achieved {
                assert!(
                    bound.earliest_possible.is_some_and(|e| achieved >= e),
                    "target {k} achieved in {achieved}, before its bound {:?}",
                    bound.earliest_possible
                );
            }
        }
    }
    let text = show::shown(loaded, &checked);
    let again = Checked::from_source(Path::new("shown.toml"), &text).unwrap_or_else(|e| {
        panic!("`show` printed a scenario that does not read back: {e}\n{text}")
    });
    assert_eq!(
        again.scenario, scenario,
        "`show` changed the model:\n{text}"
    );
}

/// Charts of a valid scenario, in both formats: drawn without panicking, the same every time.
pub fn charts(data: &[u8]) {
    let Some((_, checked)) = valid(data) else {
        return;
    };
    let outcome = Outcome::of(checked.scenario);
    let first = chart::render((&outcome).into(), Format::Both).expect("charts render");
    let svg = chart::render((&outcome).into(), Format::Svg).expect("charts render");
    for (name, bytes) in &svg {
        assert!(
            first.iter().any(|(n, b)| n == name && b == bytes),
            "{name} differs"
        );
        // XML 1.0 cannot hold control characters other than tab, newline and return.
        let text = std::str::from_utf8(bytes).expect("SVG is UTF-8");
        assert!(
            !text
                .chars()
                .any(|c| c.is_control() && !"\t\n\r".contains(c)),
            "{name} holds a control character"
        );
    }
}

/// Uncertain values → Monte Carlo on a few samples: the same for one and two threads.
pub fn mc(data: &[u8]) {
    let Some((_, checked)) = valid(data) else {
        return;
    };
    let run = |threads| {
        let options = mc::Options {
            samples: 70,
            seed: 7,
            threads,
            prior: false,
        };
        mc::run(
            &checked.scenario,
            &checked.uncertainty,
            options,
            &AtomicU64::new(0),
        )
    };
    match (run(1), run(2)) {
        (Ok(one), Ok(two)) => {
            assert_eq!(one.kept, two.kept);
            assert!(one.kept <= one.samples);
            assert_eq!(one.scalars, two.scalars);
            let mid = Outcome::of(checked.scenario.clone());
            let s = &checked.scenario;
            let _ = export::mc::targets(s, &mid.report, &one);
            let _ = export::mc::bands(s, &one);
            let _ = export::mc::inputs(&one);
            let _ = export::mc::importance(s, &checked.uncertainty, &one);
        }
        (Err(one), Err(two)) => assert_eq!(one.to_string(), two.to_string()),
        _ => panic!("one and two threads disagree on whether the run succeeds"),
    }
}

/// Seek and sweep on a few trials, over the first key that can be varied, for the first
/// target: every value tried lies in the range and among the values the key allows; a
/// threshold is two neighbouring values of the grid, the one reaching the goal met and the
/// other missed when run again; a sweep runs every point once, in order, the same each time.
pub fn sensitivity(data: &[u8]) {
    use gpuplan::analysis::seek::{self, Answer, Goal};
    use gpuplan::analysis::sweep::{self, Dimension};
    use gpuplan::analysis::trial::{self, Assignment, Mode};
    let Some((_, checked)) = valid(data) else {
        return;
    };
    let scenario = &checked.scenario;
    if scenario.targets.is_empty() {
        return;
    }
    let Some(variable) = checked.variables.0.first() else {
        return;
    };
    let Some((from, to)) = seek::default_range(scenario, variable) else {
        return;
    };
    let goal = Goal {
        target: 0,
        variable,
        from,
        to,
        probability: None,
        ranged: false,
    };
    let Ok(found) = seek::seek(scenario, &goal, Mode::Once) else {
        return; // a value that breaks a rule joining several values: reported, not a panic
    };
    let (lo, hi) = found.range;
    for t in &found.trials {
        assert!(
            t.value >= from.min(to) && t.value <= from.max(to) && variable.domain.contains(t.value),
            "tried {} outside {from}..{to} or the key's values",
            t.value
        );
        assert!(t.value >= lo && t.value <= hi);
    }
    if let Answer::Threshold { value, missed, .. } = found.answer {
        assert!(((value - missed).abs() - found.step).abs() <= found.step * 1e-6 + 1e-12);
        let met = |x: f64| {
            trial::run(scenario, &Assignment(vec![(variable.slot, x)]), Mode::Once)
                .map(|t| t[0].met)
        };
        assert_eq!(met(value), Ok(true), "the threshold does not meet it");
        assert_eq!(met(missed), Ok(false), "its neighbour meets it");
    }
    let dimensions = [Dimension::new(variable, from, to, 3)];
    let points = sweep::sweep(scenario, &dimensions, Mode::Once);
    if let Ok(points) = &points {
        assert_eq!(points.len(), dimensions[0].values.len());
        let again = sweep::sweep(scenario, &dimensions, Mode::Once);
        assert_eq!(
            again.as_ref().ok(),
            Some(points),
            "sweeps are deterministic"
        );
    }
}

/// Every row of a CSV file (RFC 4180: quoted fields may hold commas, quotes doubled, line
/// breaks) has as many fields as the header.
fn assert_rectangular(name: &str, text: &str) {
    let mut rows: Vec<usize> = Vec::new();
    let (mut fields, mut quoted, mut at_start) = (1, false, true);
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match (quoted, c) {
            (true, '"') if chars.peek() == Some(&'"') => {
                chars.next();
            }
            (true, '"') => quoted = false,
            (true, _) => {}
            (false, '"') => {
                assert!(at_start, "{name}: a quote inside an unquoted field");
                quoted = true;
            }
            (false, ',') => {
                fields += 1;
                at_start = true;
                continue;
            }
            (false, '\n') => {
                rows.push(fields);
                fields = 1;
                at_start = true;
                continue;
            }
            (false, '\r') => panic!("{name}: a bare carriage return"),
            (false, _) => {}
        }
        at_start = false;
    }
    assert!(!quoted, "{name}: a quoted field is not closed");
    if let Some(&header) = rows.first() {
        assert!(
            rows.iter().all(|&n| n == header),
            "{name}: rows of unequal length"
        );
    }
}
