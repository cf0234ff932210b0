//! Benchmarks of `gpuplan mc` on korea-260k-uncertain: the samples, their summaries and the
//! files' contents (everything but the disk writes), at 10,000 and 100,000 samples on the
//! machine's threads, conditioned on the scenario's observations and not (`--prior`).
//!
//! Run with `cargo bench --bench mc`.

use std::path::Path;
use std::sync::atomic::AtomicU64;

use gpuplan::analysis::Outcome;
use gpuplan::analysis::mc::{self, Options};
use gpuplan::export;
use gpuplan::load::Checked;

fn main() {
    divan::main();
}

fn mc_with_files(samples: u64, prior: bool) -> usize {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("scenarios/korea-260k-uncertain.toml");
    let checked = Checked::load(&path).expect("the reference scenario is valid");
    let threads = std::thread::available_parallelism().map_or(1, usize::from);
    let mid = Outcome::of(checked.scenario.clone());
    let result = mc::run(
        &checked.scenario,
        &checked.uncertainty,
        Options {
            samples,
            seed: 1,
            threads,
            prior,
        },
        &AtomicU64::new(0),
    )
    .expect("every sample is valid");
    let s = &checked.scenario;
    let tables: usize =
        export::mc::sheets(s, &checked.uncertainty, &mid.report, &result, &[], false)
            .iter()
            .map(|(_, sheet)| sheet.csv().len())
            .sum();
    tables + export::mc::summary(s, &checked.uncertainty, &mid.report, &result, &[], &[]).len()
}

/// Conditioned on the scenario's two observations (about a fifth of the samples kept).
#[divan::bench(sample_count = 10)]
fn korea_260k_uncertain_10k_samples() -> usize {
    mc_with_files(10_000, false)
}

#[divan::bench(sample_count = 5)]
fn korea_260k_uncertain_100k_samples() -> usize {
    mc_with_files(100_000, false)
}

/// The same without conditioning (`--prior`): every sample kept and summarised.
#[divan::bench(sample_count = 5)]
fn korea_260k_uncertain_100k_samples_prior() -> usize {
    mc_with_files(100_000, true)
}
