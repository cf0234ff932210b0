//! Benchmarks of the simulate call, the inner loop of later Monte Carlo and sensitivity runs.
//!
//! Run with `cargo bench --bench simulate`.

use std::fmt::Write;
use std::path::Path;

use gpuplan::model::Scenario;
use gpuplan::sim::simulate;

fn main() {
    divan::main();
}

#[divan::bench]
fn korea_260k(bencher: divan::Bencher) {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("scenarios/korea-260k.toml");
    let scenario = Scenario::load(&path).expect("the reference scenario is valid");
    bencher.bench(|| simulate(divan::black_box(&scenario)));
}

/// Everything `gpuplan run` computes: the simulation, one re-run per relaxation (relief), the
/// report with the earliest-possible bound, and the re-runs that say where an indirect relief
/// lands — 18 simulations for korea-260k, plus one per such recipient.
#[divan::bench]
fn korea_260k_with_relief(bencher: divan::Bencher) {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("scenarios/korea-260k.toml");
    let scenario = Scenario::load(&path).expect("the reference scenario is valid");
    bencher.bench(|| gpuplan::analysis::Outcome::of(divan::black_box(scenario.clone())));
}

#[divan::bench(sample_count = 20)]
fn generated_1000_sites_100_allocations_240_months(bencher: divan::Bencher) {
    let scenario = Scenario::from_source(Path::new("generated.toml"), &large_scenario())
        .expect("the generated scenario is valid");
    assert_eq!(
        (
            scenario.sites.len(),
            scenario.allocations.len(),
            scenario.months
        ),
        (1000, 100, 240)
    );
    bencher.bench(|| simulate(divan::black_box(&scenario)));
}

/// Everything `run` computes (simulation, relief, the bound, the report) for `n` sites of
/// which about two hundred ever fill: relief re-runs only the relaxations of constraints that
/// limited something, each on one reused engine, so the time grows about linearly with `n`.
#[divan::bench(args = [2_500, 10_000], sample_count = 5)]
fn run_many_sites(bencher: divan::Bencher, n: usize) {
    let scenario = Scenario::from_source(Path::new("sites.toml"), &many_sites(n))
        .expect("the generated scenario is valid");
    bencher.bench(|| gpuplan::analysis::Outcome::of(divan::black_box(scenario.clone())));
}

/// 5 recipients of 10,000 B200 each over 24 months; `n` half-megawatt halls open to all (every
/// other one in one 500 MW region), installing 100 chips a month, opening across 2026–2030.
fn many_sites(n: usize) -> String {
    let mut t =
        String::from("[scenario]\nname = \"many sites\"\nstart = \"2026-01\"\nend = \"2032-12\"\n");
    for r in 0..5 {
        let _ = write!(
            t,
            "[[recipient]]\nname = \"R{r}\"\n[[allocation]]\nrecipient = \"R{r}\"\nchip = \"B200\"\ncount = 10000\ndeliveries = {{ start = \"2026-01\", months = 24 }}\n"
        );
    }
    t.push_str("[[region]]\nname = \"G\"\ngrid = [ { from = \"2026-01\", mw = 500 } ]\n");
    for s in 0..n {
        let region = if s % 2 == 0 { "region = \"G\"\n" } else { "" };
        let _ = write!(
            t,
            "[[site]]\nname = \"S{s}\"\n{region}pue = 1.3\ncooling = \"air\"\ninstall_per_month = 100\nphases = [ {{ online = \"{}-0{}\", it_mw = 0.5 }} ]\n",
            2026 + s % 5,
            1 + s % 9
        );
    }
    t
}

/// 20 recipients x 5 chips = 100 allocations, 20 regions, 1,000 sites, 2026-01 to 2045-12.
/// Deterministic: sizes come from a fixed linear congruential sequence.
fn large_scenario() -> String {
    let mut seed: u64 = 42;
    let mut next = |n: u64| {
        seed = seed
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        (seed >> 33) % n
    };
    let month = |offset: u64| format!("{:04}-{:02}", 2026 + offset / 12, offset % 12 + 1);
    let mut t = String::from(
        "[scenario]\nname = \"generated\"\nstart = \"2026-01\"\nend = \"2045-12\"\ncommissioning_months = 1\n",
    );
    for r in 0..20 {
        let _ = write!(
            t,
            "[[recipient]]\nname = \"R{r}\"\npriority = {}\n",
            next(3)
        );
    }
    for r in 0..20 {
        for chip in ["B200", "GB200", "H100", "H200", "GB300"] {
            let _ = write!(
                t,
                "[[allocation]]\nrecipient = \"R{r}\"\nchip = \"{chip}\"\ncount = {}\ndeliveries = {{ start = \"{}\", months = {} }}\n",
                1000 + next(9000),
                month(next(120)),
                12 + next(48)
            );
        }
    }
    let _ = write!(
        t,
        "[supply]\ncap = [{{ from = \"2026-01\", per_month = 20000 }}, {{ from = \"2030-01\", per_month = 60000 }}]\n"
    );
    for g in 0..20 {
        let _ = write!(
            t,
            "[[region]]\nname = \"G{g}\"\ngrid = [{{ from = \"2026-01\", mw = {} }}, {{ from = \"{}\", mw = {} }}]\n",
            50 + next(100),
            month(24 + next(96)),
            200 + next(400)
        );
    }
    for s in 0..1000 {
        let recipients: Vec<String> = (0..3).map(|_| format!("\"R{}\"", next(20))).collect();
        let _ = write!(
            t,
            "[[site]]\nname = \"S{s}\"\nregion = \"G{}\"\nrecipients = [{}]\npue = 1.{}\ncooling = \"{}\"\ninstall_per_month = {}\n\
             phases = [{{ online = \"{}\", it_mw = {} }}, {{ online = \"{}\", it_mw = {} }}, {{ online = \"{}\", it_mw = {} }}]\n",
            s % 20,
            recipients.join(", "),
            15 + next(30),
            if next(2) == 0 { "air" } else { "liquid" },
            100 + next(400),
            month(next(60)),
            1 + next(5),
            month(60 + next(60)),
            1 + next(5),
            month(120 + next(100)),
            1 + next(5)
        );
    }
    t
}
