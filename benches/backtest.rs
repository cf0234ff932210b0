//! Benchmark of `gpuplan backtest`'s computation: leave-one-out over every shipped reference
//! class in both forms (the CSV and the chart are left out: they are formatting).
//!
//! Run with `cargo bench --bench backtest`.

use gpuplan::analysis::backtest;
use gpuplan::uncertain::refclass;

fn main() {
    divan::main();
}

/// Every class, both forms, every case scored.
#[divan::bench(sample_count = 50)]
fn backtest_every_class() -> usize {
    let dataset = refclass::shipped();
    backtest::all(divan::black_box(dataset))
        .iter()
        .map(|b| b.scores.len())
        .sum()
}
