//! Monte Carlo against probabilities worked out by hand, each within 4 standard errors
//! (sqrt(p(1 − p)/N)) and under three seeds, so that no check passes by the luck of one seed;
//! and the promises of the sampler: the mid-value case, truncation, percentiles.

use std::path::Path;
use std::sync::atomic::AtomicU64;

use gpuplan::analysis::mc::{self, Mc, NEVER, Options};
use gpuplan::load::Checked;

const SEEDS: [u64; 3] = [1, 2, 3];
const N: u64 = 20_000;

fn checked(text: &str) -> Checked {
    Checked::from_source(Path::new("mc.toml"), text).unwrap_or_else(|e| panic!("{e}"))
}

fn run(checked: &Checked, seed: u64, samples: u64) -> Mc {
    let options = Options {
        samples,
        seed,
        threads: 2,
        prior: false,
    };
    mc::run(
        &checked.scenario,
        &checked.uncertainty,
        options,
        &AtomicU64::new(0),
    )
    .unwrap_or_else(|e| panic!("{e}"))
}

/// P(met) of the first target is `p` within 4 standard errors, for every seed.
fn assert_p_met(text: &str, p: f64) {
    let checked = checked(text);
    for seed in SEEDS {
        let found = run(&checked, seed, N).targets[0].p_met;
        let se = (p * (1.0 - p) / N as f64).sqrt();
        assert!(
            (found - p).abs() < 4.0 * se,
            "seed {seed}: P(met) {found}, expected {p} ± {}",
            4.0 * se
        );
    }
}

/// A scenario of 2026: chips X of 1 MW IT each (1,000 kW), delivered in January, one site of
/// `it_mw` IT in region G, no commissioning lag, and a target of `need` chips online by `by`.
fn scenario(count: u64, site: &str, grid: &str, need: u64, by: &str, extra: &str) -> String {
    format!(
        "[scenario]\nname = \"mc\"\nstart = \"2026-01\"\nend = \"2026-12\"\n\
         [[chip]]\nname = \"X\"\nit_kw = 1000\ncooling = \"air\"\n\
         [[recipient]]\nname = \"R\"\n\
         [[allocation]]\nrecipient = \"R\"\nchip = \"X\"\ncount = {count}\ndeliveries = {{ start = \"2026-01\", months = 1 }}\n\
         [[region]]\nname = \"G\"\ngrid = [{{ from = \"2026-01\", mw = {grid} }}]\n\
         [[site]]\nname = \"S\"\nregion = \"G\"\n{site}\n\
         [[target]]\nname = \"T\"\nmetric = \"chips_online\"\nvalue = {need}\nby = \"{by}\"\n{extra}"
    )
}

/// The site opens in a month drawn uniformly from March to June: 4 equally likely months. 2
/// chips fit at once, so the target "2 by April" is met when the site opens by April: 1/2.
#[test]
fn a_uniform_month() {
    let site = "pue = 1.0\ncooling = \"air\"\nphases = [{ online = { min = \"2026-03\", max = \"2026-06\" }, it_mw = 10 }]";
    let text = scenario(2, site, "100", 2, "2026-04", "");
    assert_p_met(&text, 0.5);
    // Achieved = the opening month: P10 is March, P90 June (only 3/4 of samples open by May).
    let result = run(&checked(&text), 1, N);
    let achieved = result.targets[0].achieved;
    assert_eq!(
        (achieved[0], achieved[2]),
        (2.0, 5.0),
        "month indices from 2026-01"
    );
    assert!(achieved[1] == 3.0 || achieved[1] == 4.0, "{achieved:?}");
    // Its never-share is 0 and every month's achieved share is about i/4.
    let by_month = &result.targets[0].achieved_by_month;
    let se = (0.25f64 * 0.75 / N as f64).sqrt();
    assert!((by_month[2] - 0.25).abs() < 4.0 * se, "{by_month:?}");
    assert_eq!(by_month[5], 1.0);
}

/// The grid is lognormal with 5% below 10 MW and 5% above 40 MW: ln X ~ N(ln 20, σ) with
/// σ = ln 4 / (2 × 1.644854) = 0.421409. 30 chips of 1 MW (PUE 1) all go in when the grid
/// reaches 30 MW: P = 1 − Φ(ln 1.5 / σ) = 1 − Φ(0.962167) = 0.167983.
#[test]
fn a_lognormal_threshold() {
    let site = "pue = 1.0\ncooling = \"air\"\nphases = [{ online = \"2026-01\", it_mw = 100 }]";
    assert_p_met(
        &scenario(30, site, "\"10 to 40\"", 30, "2026-12", ""),
        0.167_983,
    );
}

/// PUE is PERT(1, 1, 2): Beta(1, 5) on [1, 2], F(x) = 1 − (2 − x)^5 for x in [1, 2]. The grid
/// gives 12 MW of facility power; 10 chips of 1 MW IT all fit when PUE ≤ 1.2:
/// P = 1 − 0.8^5 = 0.67232.
#[test]
fn a_pert_threshold() {
    let site = "pue = { min = 1.0, likely = 1.0, max = 2.0 }\ncooling = \"air\"\nphases = [{ online = \"2026-01\", it_mw = 100 }]";
    assert_p_met(&scenario(10, site, "12", 10, "2026-12", ""), 0.672_32);
}

/// Two regions, each grid lognormal 90% in 10 to 40 MW (median 20), each with a hall for 20
/// chips of 1 MW. All 40 online needs both grids at 20 MW or more: with one shared factor the
/// two draws are the same, P = 1/2; drawn independently, P = 1/4.
#[test]
fn a_shared_factor_versus_two_independent_draws() {
    let two = |grid_a: &str, grid_b: &str, factor: &str| {
        format!(
            "[scenario]\nname = \"mc\"\nstart = \"2026-01\"\nend = \"2026-12\"\n\
             [[chip]]\nname = \"X\"\nit_kw = 1000\ncooling = \"air\"\n\
             [[recipient]]\nname = \"R\"\n\
             [[allocation]]\nrecipient = \"R\"\nchip = \"X\"\ncount = 40\ndeliveries = {{ start = \"2026-01\", months = 1 }}\n\
             [[region]]\nname = \"A\"\ngrid = [{{ from = \"2026-01\", mw = {grid_a} }}]\n\
             [[region]]\nname = \"B\"\ngrid = [{{ from = \"2026-01\", mw = {grid_b} }}]\n\
             [[site]]\nname = \"SA\"\nregion = \"A\"\npue = 1.0\ncooling = \"air\"\nphases = [{{ online = \"2026-01\", it_mw = 20 }}]\n\
             [[site]]\nname = \"SB\"\nregion = \"B\"\npue = 1.0\ncooling = \"air\"\nphases = [{{ online = \"2026-01\", it_mw = 20 }}]\n\
             [[target]]\nname = \"T\"\nmetric = \"chips_online\"\nvalue = 40\nby = \"2026-12\"\n{factor}"
        )
    };
    let shared = two(
        "{ factor = \"grid\" }",
        "{ factor = \"grid\" }",
        "[[factor]]\nname = \"grid\"\nvalue = \"10 to 40\"\n",
    );
    assert_p_met(&shared, 0.5);
    assert_p_met(&two("\"10 to 40\"", "\"10 to 40\"", ""), 0.25);
}

/// A PUE range reaching below 1 is truncated at 1: no sample has a PUE below 1, and the
/// truncated share is Φ((ln 1 − μ)/σ) for the lognormal 90% in 0.8 to 1.4.
#[test]
fn truncation_keeps_every_draw_valid() {
    let site =
        "pue = \"0.8 to 1.4\"\ncooling = \"air\"\nphases = [{ online = \"2026-01\", it_mw = 100 }]";
    let result = run(&checked(&scenario(1, site, "100", 1, "2026-12", "")), 1, N);
    let pue = &result.inputs[0];
    assert_eq!(pue.key, "site \"S\".pue");
    let width = result.layout.scalars();
    let least = result
        .scalars
        .chunks_exact(width)
        .map(|row| row[0])
        .fold(f64::INFINITY, f64::min);
    assert!(least >= 1.0, "a PUE of {least} was drawn");
    // μ = ln(sqrt(0.8 × 1.4)), σ = ln(1.4 / 0.8) / (2 × 1.644854): P(X < 1) = Φ(−μ/σ).
    let (mu, sigma) = (
        (0.8f64 * 1.4).sqrt().ln(),
        (1.4f64 / 0.8).ln() / (2.0 * 1.644_853_627),
    );
    let z = -mu / sigma;
    let expected = 0.5 * erfc_by_quadrature(-z / std::f64::consts::SQRT_2);
    assert!(
        (pue.truncated_share - expected).abs() < 1e-9,
        "{} vs {expected}",
        pue.truncated_share
    );
}

/// erfc computed by integrating e^(−t²) with Simpson's rule, so the test does not lean on the
/// library the code uses.
fn erfc_by_quadrature(x: f64) -> f64 {
    // erfc(x) = 2/sqrt(pi) ∫_x^∞ e^(−t²) dt, by Simpson's rule on [x, x + 12].
    let (a, b, n) = (x, x + 12.0, 200_000);
    let h = (b - a) / f64::from(n);
    let f = |t: f64| (-t * t).exp();
    let mut sum = f(a) + f(b);
    for i in 1..n {
        let t = a + f64::from(i) * h;
        sum += if i % 2 == 1 { 4.0 } else { 2.0 } * f(t);
    }
    2.0 / std::f64::consts::PI.sqrt() * sum * h / 3.0
}

/// Sample i is a function of (seed, i) only: the first 1,000 samples of a 3,000-sample run are
/// those of a 1,000-sample run.
#[test]
fn samples_do_not_depend_on_the_sample_count() {
    let site = "pue = \"1.1 to 1.5\"\ncooling = \"air\"\nphases = [{ online = { min = \"2026-02\", likely = \"2026-04\", max = \"2026-09\" }, it_mw = \"5 to 20\" }]";
    let checked = checked(&scenario(10, site, "\"8 to 30\"", 10, "2026-06", ""));
    let (short, long) = (run(&checked, 7, 1000), run(&checked, 7, 3000));
    assert_eq!(short.scalars[..], long.scalars[..short.scalars.len()]);
    assert_ne!(
        run(&checked, 8, 1000).scalars,
        short.scalars,
        "another seed, other samples"
    );
}

/// Achieved percentiles rank "never" after every month.
#[test]
fn never_ranks_after_every_month() {
    // The site opens in a month drawn uniformly over 2026-07 to 2027-06; the horizon ends in
    // 2026-12, so half the samples never reach the target.
    let site = "pue = 1.0\ncooling = \"air\"\nphases = [{ online = { min = \"2026-07\", max = \"2027-06\" }, it_mw = 10 }]";
    let result = run(&checked(&scenario(1, site, "100", 1, "2026-12", "")), 1, N);
    let target = &result.targets[0];
    assert_eq!(target.achieved[2], NEVER);
    let se = (0.25f64 / N as f64).sqrt();
    assert!(
        (target.never_share - 0.5).abs() < 4.0 * se,
        "{}",
        target.never_share
    );
}
