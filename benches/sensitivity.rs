//! Benchmarks of the analyses that vary a key: a deterministic seek and a 21 × 21 sweep of
//! korea-260k-grid-delay, and a probability seek of korea-260k-uncertain with 10,000 samples
//! per trial.
//!
//! Run with `cargo bench --bench sensitivity`.

use std::path::Path;
use std::sync::atomic::AtomicU64;

use gpuplan::analysis::mc::Options;
use gpuplan::analysis::seek::{self, Goal};
use gpuplan::analysis::sweep::{self, Dimension};
use gpuplan::analysis::trial::Mode;
use gpuplan::load::Checked;

fn main() {
    divan::main();
}

fn load(name: &str) -> Checked {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join(format!("scenarios/{name}.toml"));
    Checked::load(&path).expect("a reference scenario is valid")
}

const GRID: &str = "region \"Capital area\".grid[1].mw";

/// Seeks the capital-area grid for all 260k by 2030 over 8 to 800 MW (the default range).
#[divan::bench(sample_count = 20)]
fn seek_grid_for_all_260k(bencher: divan::Bencher) {
    let checked = load("korea-260k-grid-delay");
    let variable = checked.variables.find(GRID).expect("a key of the scenario");
    let (from, to) = seek::default_range(&checked.scenario, variable).expect("a current value");
    bencher.bench(|| {
        let goal = Goal {
            target: 2,
            variable,
            from,
            to,
            probability: None,
            ranged: false,
        };
        seek::seek(&checked.scenario, &goal, Mode::Once).expect("valid trials")
    });
}

/// 21 × 21 runs: the second grid step from 50 to 250 MW by the capital-area delay, 0 to 20.
#[divan::bench(sample_count = 10)]
fn sweep_21_by_21(bencher: divan::Bencher) {
    let checked = load("korea-260k-grid-delay");
    let grid = checked.variables.find(GRID).expect("a key");
    let delay = checked
        .variables
        .find("region \"Capital area\".delay_months")
        .expect("a key");
    bencher.bench(|| {
        let dimensions = [
            Dimension::new(grid, 50.0, 250.0, 21),
            Dimension::new(delay, 0.0, 20.0, 21),
        ];
        sweep::sweep(&checked.scenario, &dimensions, Mode::Once).expect("valid points")
    });
}

/// The latest Haenam opening for the government's 15k by 2028 with at least 80% probability,
/// 10,000 samples per trial on the machine's threads.
#[divan::bench(sample_count = 3)]
fn probability_seek_10k_samples(bencher: divan::Bencher) {
    let checked = load("korea-260k-uncertain");
    let variable = checked
        .variables
        .find("site \"National AI Computing Center (Haenam)\".phases[0].online")
        .expect("a key");
    let (from, to) = seek::default_range(&checked.scenario, variable).expect("the horizon");
    let threads = std::thread::available_parallelism().map_or(1, usize::from);
    bencher.bench(|| {
        let goal = Goal {
            target: 0,
            variable,
            from,
            to,
            probability: Some(0.8),
            ranged: false,
        };
        let progress = AtomicU64::new(0);
        let mode = Mode::Samples {
            uncertainty: &checked.uncertainty,
            options: Options {
                samples: 10_000,
                seed: 1,
                threads,
                prior: false,
            },
            progress: &progress,
        };
        seek::seek(&checked.scenario, &goal, mode).expect("valid trials")
    });
}
