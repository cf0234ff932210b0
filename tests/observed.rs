//! Observations and reference classes against hand arithmetic: observed.csv, conditioning with
//! a posterior worked out by hand (within 4 standard errors, three seeds), the kept count, the
//! error when too few samples agree, `--prior`, bad observations, and a reference class's
//! quantiles.

mod common;
use common::{gpuplan, repo};

use std::path::Path;
use std::sync::atomic::AtomicU64;

use gpuplan::analysis::Outcome;
use gpuplan::analysis::mc::{self, Mc, Options};
use gpuplan::export;
use gpuplan::load::Checked;
use gpuplan::uncertain::dist::Shape;
use gpuplan::uncertain::refclass;

fn checked(text: &str) -> Checked {
    Checked::from_source(Path::new("o.toml"), text).unwrap_or_else(|e| panic!("{e}"))
}

fn run(c: &Checked, seed: u64, samples: u64, prior: bool) -> Result<Mc, String> {
    mc::run(
        &c.scenario,
        &c.uncertainty,
        Options {
            samples,
            seed,
            threads: 2,
            prior,
        },
        &AtomicU64::new(0),
    )
    .map_err(|e| e.to_string())
}

/// 2026; 100 chips of 1 kW delivered in January to a site of 1 MW (PUE 1) opening in `online`,
/// installing 20 a month, commissioning 0; a target of all 100 by `by`; and `observed`.
fn scenario(online: &str, by: &str, observed: &str) -> String {
    format!(
        "[scenario]\nname = \"o\"\nstart = \"2026-01\"\nend = \"2026-12\"\n\
         [[chip]]\nname = \"X\"\nit_kw = 1\ncooling = \"air\"\n\
         [[recipient]]\nname = \"R\"\n[[recipient]]\nname = \"Q\"\n\
         [[allocation]]\nrecipient = \"R\"\nchip = \"X\"\ncount = 100\ndeliveries = {{ start = \"2026-01\", months = 1 }}\n\
         [[site]]\nname = \"S\"\npue = 1.0\ncooling = \"air\"\ninstall_per_month = 20\nphases = [{{ online = {online}, it_mw = 1 }}]\n\
         [[target]]\nname = \"All\"\nmetric = \"chips_online\"\nvalue = 100\nby = \"{by}\"\n{observed}"
    )
}

/// The site installs 20 a month from its opening month: by 2026-03, 60 when it opened in
/// January, 40 in February, 20 in March. An observation of 40 installed in 2026-03 (±10%)
/// differs by 20 (−50%) from a January opening's 60 and agrees with February's.
#[test]
fn observed_csv_against_hand_arithmetic() {
    let observed = "[[observed]]\nmonth = \"2026-03\"\nmetric = \"installed\"\nvalue = 40\nsource = \"a count\"\n\
                    [[observed]]\nmonth = \"2026-02\"\nmetric = \"delivered\"\nvalue = 100\nrecipients = [\"R\"]\ntolerance = 0\nsource = \"arrivals\"\n\
                    [[observed]]\nmonth = \"2026-02\"\nmetric = \"online\"\nvalue = 5\nrecipients = [\"Q\"]\nsource = \"none yet\"\n";
    let c = checked(&scenario("\"2026-01\"", "2026-12", observed));
    let outcome = Outcome::of(c.scenario);
    let csv = export::csv::observed(&outcome.report).csv();
    assert_eq!(
        csv,
        "month,metric,scope,observed,model,difference,within_tolerance\n\
         2026-03,installed,all,40,60,20,false\n\
         2026-02,delivered,R,100,100,0,true\n\
         2026-02,online,Q,5,0,-5,false\n"
    );
}

/// The site opens in a month drawn uniformly from January to June (U = 0..5, each 1/6).
/// All 100 are online by 2026-08 when U + 4 ≤ 7 (5 months of 20 from U): U ≤ 3, so P = 4/6.
/// Observing 20 installed in 2026-03 keeps only U = 2 (March): installs by March are
/// 20 × (3 − U) for U ≤ 2, so 60, 40, 20 for U = 0, 1, 2 and 0 after — within ±10% of 20 only
/// for U = 2. Kept: about a sixth; posterior P(met) = 1 (U = 2 finishes in July, U + 4).
/// Observing instead 0 installed in 2026-04 (tolerance 0) keeps U ≥ 4 (May, June), which
/// finish in September and October: posterior P(met) = 0, and the kept share is 2/6.
#[test]
fn conditioning_gives_the_posterior_worked_out_by_hand() {
    let uniform = "{ min = \"2026-01\", max = \"2026-06\" }";
    let prior = checked(&scenario(uniform, "2026-08", ""));
    let n = 12_000;
    for seed in [1, 2, 3] {
        let p = run(&prior, seed, n, false).unwrap().targets[0].p_met;
        let se = (4.0 / 6.0 * 2.0 / 6.0 / n as f64).sqrt();
        assert!((p - 4.0 / 6.0).abs() < 4.0 * se, "seed {seed}: prior {p}");
    }
    let march = checked(&scenario(
        uniform,
        "2026-08",
        "[[observed]]\nmonth = \"2026-03\"\nmetric = \"installed\"\nvalue = 20\nsource = \"s\"\n",
    ));
    let late = checked(&scenario(
        uniform,
        "2026-08",
        "[[observed]]\nmonth = \"2026-04\"\nmetric = \"installed\"\nvalue = 0\ntolerance = 0\nsource = \"s\"\n",
    ));
    for seed in [1, 2, 3] {
        let m = run(&march, seed, n, false).unwrap();
        let share = m.kept as f64 / n as f64;
        let se = (1.0 / 6.0 * 5.0 / 6.0 / n as f64).sqrt();
        assert!(
            (share - 1.0 / 6.0).abs() < 4.0 * se,
            "seed {seed}: kept {share}"
        );
        assert_eq!(m.targets[0].p_met, 1.0);
        assert_eq!(m.targets[0].achieved, [6.0, 6.0, 6.0], "all in July");
        let l = run(&late, seed, n, false).unwrap();
        let share = l.kept as f64 / n as f64;
        let se = (2.0 / 6.0 * 4.0 / 6.0 / n as f64).sqrt();
        assert!(
            (share - 2.0 / 6.0).abs() < 4.0 * se,
            "seed {seed}: kept {share}"
        );
        assert_eq!(l.targets[0].p_met, 0.0);
        // --prior keeps every sample: the prior's answer again.
        let all = run(&late, seed, n, true).unwrap();
        assert_eq!((all.kept, all.conditioned), (n, false));
        assert_eq!(
            all.targets[0].p_met,
            run(&prior, seed, n, false).unwrap().targets[0].p_met
        );
    }
}

/// The kept samples are exactly those whose draw agrees: with the March observation every kept
/// sample's opening month is March, and the kept count equals the number of such draws in a
/// prior run of the same seed.
#[test]
fn the_kept_samples_are_the_agreeing_ones() {
    let uniform = "{ min = \"2026-01\", max = \"2026-06\" }";
    let observed =
        "[[observed]]\nmonth = \"2026-03\"\nmetric = \"installed\"\nvalue = 20\nsource = \"s\"\n";
    let c = checked(&scenario(uniform, "2026-08", observed));
    let kept = run(&c, 7, 3_000, false).unwrap();
    let all = run(&c, 7, 3_000, true).unwrap();
    let march = f64::from(gpuplan::units::YearMonth::parse("2026-03").unwrap().index());
    let width = all.layout.scalars();
    let opening = all.layout.input(0);
    let in_march: Vec<u64> = all
        .scalars
        .chunks_exact(width)
        .enumerate()
        .filter(|(_, row)| row[opening] == march)
        .map(|(i, _)| i as u64)
        .collect();
    assert_eq!(kept.kept_ids.as_deref(), Some(&in_march[..]));
    assert!(kept.inputs[0].p5 == march && kept.inputs[0].p95 == march);
}

/// Too few agreeing samples is an error naming the observation that rejects the most.
#[test]
fn too_few_kept_samples_is_an_error_naming_the_worst_observation() {
    let uniform = "{ min = \"2026-01\", max = \"2026-06\" }";
    let observed = "[[observed]]\nmonth = \"2026-02\"\nmetric = \"delivered\"\nvalue = 100\nsource = \"fine\"\n\
                    [[observed]]\nmonth = \"2026-03\"\nmetric = \"installed\"\nvalue = 20\nsource = \"s\"\n";
    let c = checked(&scenario(uniform, "2026-08", observed));
    // About a sixth of 300 samples (≈ 50) agree: fewer than 100.
    let error = run(&c, 1, 300, false).unwrap_err();
    assert!(
        error.contains("[[observed]] number 2 (installed all 20 in 2026-03, tolerance 10%)"),
        "{error}"
    );
    assert!(
        error.contains("at least 100 are needed") && error.contains("--prior"),
        "{error}"
    );
}

/// Too few samples drawn, every one agreeing, is an error about the sample count — not one
/// blaming an observation that no sample misses.
#[test]
fn too_few_samples_all_agreeing_asks_for_more_samples() {
    let observed = "[[observed]]\nmonth = \"2026-02\"\nmetric = \"delivered\"\nvalue = 100\nsource = \"fine\"\n";
    let c = checked(&scenario("\"2026-01\"", "2026-08", observed));
    let error = run(&c, 1, 50, false).unwrap_err();
    assert!(
        error.contains("all 50 samples agree with every observation")
            && error.contains("draw at least 100"),
        "{error}"
    );
    assert!(!error.contains("[[observed]] number"), "{error}");
}

/// Observations are checked like every other value: month in the horizon, known names, no
/// negative value or tolerance, a source.
#[test]
fn bad_observations_are_reported_at_their_lines() {
    let observed = "[[observed]]\nmonth = \"2027-01\"\nmetric = \"online\"\nvalue = -1\nrecipients = [\"Nobody\"]\ntolerance = -0.5\nsource = \" \"\n\
                    [[observed]]\nmonth = \"2026-01\"\nmetric = \"ready\"\nvalue = 1\nchips = [\"Y\"]\n";
    let text = scenario("\"2026-01\"", "2026-08", observed);
    let error = Checked::from_source(Path::new("o.toml"), &text)
        .unwrap_err()
        .to_string();
    for expected in [
        "`month` 2027-01 lies outside the horizon 2026-01 to 2026-12",
        "`value` must not be negative (got -1)",
        "unknown recipient `Nobody`",
        "`tolerance` must not be negative (got -0.5)",
        "`source` must say where the figure was reported",
        "`metric`",
        "unknown chip `Y`",
        "missing key `source`",
    ] {
        assert!(error.contains(expected), "{expected}\n{error}");
    }
}

/// "ai-datacenter" holds slips of 3, 18, 11, 4, −13, 0, 4, 13 and 15 months (`gpuplan refclass
/// ai-datacenter`): sorted −13, 0, 3, 4, 4, 11, 13, 15, 18, quantile p at position 8p, linear
/// between: P10 = −13 + 0.8 × 13 = −2.6, P50 = the fifth, 4, P90 = 15 + 0.2 × 3 = 15.6; the CDF
/// inverts it (F(4) = 0.5: 4 is the fourth and fifth case, positions 3 and 4).
#[test]
fn a_reference_class_is_its_cases_interpolated() {
    let shape = Shape::empirical(refclass::slips("ai-datacenter"));
    for (p, x) in [(0.1, -2.6), (0.5, 4.0), (0.9, 15.6)] {
        assert!((shape.quantile(p) - x).abs() < 1e-12, "{p}");
        assert!((shape.cdf(x) - p).abs() < 1e-12, "{x}");
    }
    assert_eq!((shape.quantile(0.0), shape.quantile(1.0)), (-13.0, 18.0));
    // One case: that value.
    let single = Shape::empirical(vec![10.0]);
    assert_eq!(single.quantile(0.3), 10.0);
}

/// In a delay, a reference class is not truncated: "national-ai-compute" has 22 slips (sorted
/// −9, −4, −2, −1, 3, 4, 4, 5, 5, 5, 9, 9, 11, 11, 14, 16, 18, 19, 19, 30, 36, 42), every one
/// inside the ±12,000 months a delay allows, so nothing is cut off and its median, at position
/// 0.5 × 21 = 10.5 between two 9s, is 9. A draw rounds to an early month from −0.5 down:
/// F(−0.5) = (3 + 0.5/4) / 21 = 3.125/21, −0.5 lying an eighth of the way from −1 (the fourth
/// case, position 3) to 3.
/// It may not stand in a key that is not a delay.
#[test]
fn reference_classes_in_delays() {
    let site =
        "\"2026-01\", it_mw = 1 }]\ndelay_months = { reference = \"national-ai-compute\" }\n#";
    let c = checked(&scenario(site, "2026-12", ""));
    let input = &c.uncertainty.inputs[0];
    assert_eq!(input.dist.truncated_share(), 0.0);
    assert_eq!(c.scenario.sites[0].delay_months, 9);
    let early = 3.125 / 21.0;
    assert!((input.early_share().unwrap() - early).abs() < 1e-12);
    let samples = 4_000;
    let all = run(&c, 1, samples, true).unwrap();
    assert!(all.inputs[0].p5 < 0.0, "{}", all.inputs[0].p5);
    assert!(export::mc::inputs(&all).csv().contains("; 14.9% early\","));
    let wrong = scenario(
        "\"2026-01\", it_mw = 1 }]\npue = { reference = \"all\" }\n#",
        "2026-12",
        "",
    )
    .replace("pue = 1.0\n", "");
    let error = Checked::from_source(Path::new("o.toml"), &wrong)
        .unwrap_err()
        .to_string();
    assert!(
        error.contains("a reference class gives months of delay: it goes in the `delay_months` of a site or region, or in a [[factor]] (not in `site \"S\".pue`)"),
        "{error}"
    );
    let unknown = scenario(
        "\"2026-01\", it_mw = 1 }]\ndelay_months = { reference = \"datacentres\" }\n#",
        "2026-12",
        "",
    );
    let error = Checked::from_source(Path::new("o.toml"), &unknown)
        .unwrap_err()
        .to_string();
    assert!(
        error.contains("unknown reference class `datacentres`"),
        "{error}"
    );
}

/// Through the binary: `run` prints the comparison and writes observed.csv; `mc` says how many
/// samples it kept, `--prior` that it kept them all; `refclass` lists the classes and one
/// class's cases, and rejects an unknown one.
#[test]
fn commands_report_observations_and_reference_classes() {
    let dir = tempfile::tempdir().unwrap();
    let run = gpuplan()
        .arg("run")
        .arg(repo("scenarios/korea-260k.toml"))
        .arg("--out")
        .arg(dir.path().join("run"))
        .assert()
        .success();
    let text = String::from_utf8(run.get_output().stdout.clone()).unwrap();
    assert!(text.contains("Against what was observed"), "{text}");
    assert!(
        text.contains(
            "2026-03  online     Government     4,224   4,000        -224  within tolerance"
        ),
        "{text}"
    );
    assert!(dir.path().join("run/observed.csv").is_file());
    for (prior, needle, record) in [
        (false, "Kept ", "\"conditioned_on_observations\": true"),
        (
            true,
            "The 2 observations ignored (--prior): every sample kept",
            "\"conditioned_on_observations\": false",
        ),
    ] {
        let out = dir.path().join(format!("mc-{prior}"));
        let mut cmd = gpuplan();
        cmd.arg("mc")
            .arg(repo("scenarios/korea-260k-uncertain.toml"))
            .args(["--samples", "2000", "--out"])
            .arg(&out);
        if prior {
            cmd.arg("--prior");
        }
        let assert = cmd.assert().success();
        let text = String::from_utf8(assert.get_output().stdout.clone()).unwrap();
        assert!(text.contains(needle), "{text}");
        let json = std::fs::read_to_string(out.join("mc_summary.json")).unwrap();
        assert!(json.contains(record), "{json}");
    }
    let list = gpuplan().arg("refclass").assert().success();
    let text = String::from_utf8(list.get_output().stdout.clone()).unwrap();
    assert!(
        text.contains("ai-datacenter         9 (4 provisional)   -2.6   +4  +15.6"),
        "{text}"
    );
    let one = gpuplan()
        .args(["refclass", "grid-connection"])
        .assert()
        .success();
    let text = String::from_utf8(one.get_output().stdout.clone()).unwrap();
    assert!(text.contains("LG U+ Pyeongchon 2 (90 MW)"), "{text}");
    gpuplan().args(["refclass", "nope"]).assert().code(1);
}
