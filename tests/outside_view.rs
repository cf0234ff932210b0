//! The outside view (docs/reliability.md: How good is the outside view?): delays may be negative, a
//! reference class keeps its early cases, slips can be scaled to a plan's lead, and
//! `gpuplan backtest` scores the classes on their own cases.

mod common;

use common::{gpuplan, run};

use std::path::Path;

use gpuplan::analysis::backtest::{self, Form, Verdict};
use gpuplan::load::Checked;
use gpuplan::uncertain::dist::{Domain, Shape, Truncated};
use gpuplan::uncertain::keys::Kind;
use gpuplan::uncertain::refclass;
use gpuplan::uncertain::stream::{stream, uniform};

/// 2027; 1,000 chips of 1 kW delivered in January; one site of 10 MW whose one phase comes
/// online in June, commissioning 1 month; `extra` goes in the site's table; a grid region
/// `G` with `grid` if given.
fn one_site(extra: &str, grid: &str) -> String {
    format!(
        "[scenario]\nname = \"e\"\nstart = \"2027-01\"\nend = \"2028-12\"\ncommissioning_months = 1\n\
         [[chip]]\nname = \"X\"\nit_kw = 1\ncooling = \"air\"\n\
         [[recipient]]\nname = \"R\"\n\
         [[allocation]]\nrecipient = \"R\"\nchip = \"X\"\ncount = 1000\ndeliveries = {{ start = \"2027-01\", months = 1 }}\n\
         [[region]]\nname = \"G\"\n{grid}\n\
         [[site]]\nname = \"S\"\nregion = \"G\"\npue = 1.0\ncooling = \"air\"\n{extra}\nphases = [{{ online = \"2027-06\", it_mw = 10 }}]\n"
    )
}

/// The first month any chip is online.
fn first_online(text: &str) -> String {
    let (scenario, sim) = run(text);
    let t = (0..sim.months)
        .find(|&t| (0..scenario.allocations.len()).any(|a| sim.online[sim.at(a, t)] > 0))
        .expect("some chips come online");
    scenario.month(t).to_string()
}

/// Installed in June and online a month later as planned; 3 months early, the phase opens in
/// March and the chips are online in April. With the phase there from January (5 months
/// early) and the region's grid from June, the grid holds them to June; with the grid 3 months
/// early they are installed in March and online in April. A phase moved before the start
/// counts from the start.
#[test]
fn a_site_or_grid_three_months_early_opens_three_months_earlier() {
    assert_eq!(first_online(&one_site("", "")), "2027-07");
    assert_eq!(first_online(&one_site("delay_months = -3", "")), "2027-04");
    let grid = "grid = [{ from = \"2027-06\", mw = 20 }]";
    let open = "delay_months = -5";
    assert_eq!(first_online(&one_site(open, grid)), "2027-07");
    assert_eq!(
        first_online(&one_site(open, &format!("{grid}\ndelay_months = -3"))),
        "2027-04"
    );
    // June − 9 months is before January: the phase is there from the start.
    assert_eq!(first_online(&one_site("delay_months = -9", "")), "2027-02");
}

/// Delays hold −12,000 to 12,000 months; a delay outside is an error at its line, in plain
/// numbers and in ranges (a range's share outside is truncated and reported, as for any key);
/// `seek` searches a delay on both sides of zero.
#[test]
fn delays_are_bounded_both_ways() {
    let text = one_site("delay_months = -12001", "");
    let error = Checked::from_source(Path::new("e.toml"), &text)
        .unwrap_err()
        .to_string();
    assert!(
        error.contains(
            "`delay_months` must be from -12000 to 12000 months (got -12001; negative is earlier)"
        ),
        "{error}"
    );
    assert!(error.contains("e.toml:"), "{error}");
    // seek searches a delay from minus to plus the horizon's length (24 months) by default.
    let plain =
        Checked::from_source(Path::new("e.toml"), &one_site("delay_months = 2", "")).unwrap();
    let delay = plain.variables.find("site \"S\".delay_months").unwrap();
    assert_eq!(
        gpuplan::analysis::seek::default_range(&plain.scenario, delay),
        Some((-24.0, 24.0))
    );
    let ranged = one_site("delay_months = { min = -6, max = 6 }", "");
    let checked = Checked::from_source(Path::new("e.toml"), &ranged).unwrap();
    let input = &checked.uncertainty.inputs[0];
    assert_eq!(input.dist.truncated_share(), 0.0);
    // Uniform on [−6, 6]: a draw is early from −0.5 down, 5.5 of its 12 months.
    assert!((input.early_share().unwrap() - 5.5 / 12.0).abs() < 1e-12);
}

/// The share of `n` draws of `dist` (the crate's own stream for `key` under `seed`) that a
/// delay rounds below 0.
fn early_draws(dist: &Truncated, seed: u64, key: &str, n: u64) -> f64 {
    let s = stream(seed, key);
    let early = (0..n)
        .filter(|&i| Kind::Whole.finish(dist.draw(uniform(s, i))) < 0.0)
        .count();
    early as f64 / n as f64
}

/// A class with one early case in four keeps its weight: the class −8, +2, +5, +9 is linear
/// between its sorted cases at p = 0, ⅓, ⅔, 1, so a draw is below −0.5 (rounded to an early
/// month) for p < ¾ × ⅓ = ¼ (−8 + ¾ × 10 = −0.5): P(early) = 1/4 exactly, where truncating
/// at 0 made it 0. A class −3, +1, +5, +9 crosses −0.5 at 2.5/4 of its first third:
/// P(early) = 2.5/12. Each checked in 20,000 draws under three seeds, within 4 standard errors.
#[test]
fn an_early_case_keeps_its_weight() {
    let delay = Domain::closed(-12_000.0, 12_000.0);
    for (cases, expected) in [
        (vec![-8.0, 2.0, 5.0, 9.0], 0.25),
        (vec![-3.0, 1.0, 5.0, 9.0], 2.5 / 12.0),
    ] {
        let dist = Truncated::new(Shape::empirical(cases.clone()), delay).unwrap();
        assert_eq!(dist.truncated_share(), 0.0);
        assert!((dist.cdf(-0.5) - expected).abs() < 1e-12, "{cases:?}");
        let n = 20_000;
        let se = (expected * (1.0 - expected) / n as f64).sqrt();
        for seed in [1, 2, 3] {
            let share = early_draws(&dist, seed, "site \"S\".delay_months", n);
            assert!(
                (share - expected).abs() < 4.0 * se,
                "{cases:?} seed {seed}: {share} against {expected} (4 SE = {})",
                4.0 * se
            );
        }
    }
}

/// `{ reference = "national-ai-compute", lead_months = 12 }`: the 21 cases with a lead above 0
/// (Perlmutter's is 0) have slips per month of lead, sorted, −9/24, −2/9, −4/37, −1/30, 3/15,
/// 4/12, 18/29, 9/14, 4/6, 5/5, 19/16, 11/9, 5/4, 9/7, 42/28, 30/20, 14/9, 16/9, 36/18, 19/9,
/// 11/3. Linear between them at p = k/20: the median is the 11th, 19/16, so 12 × 19/16 =
/// 14.25 months (the mid-value case rounds it to 14); P90 is the 19th, 36/18 = 2, so 24; P10
/// the 3rd, −4/37, so −48/37.
#[test]
fn lead_scaled_slips_are_the_relative_slips_times_the_lead() {
    let text = one_site(
        "delay_months = { reference = \"national-ai-compute\", lead_months = 12 }",
        "",
    );
    let checked =
        Checked::from_source(Path::new("e.toml"), &text).unwrap_or_else(|e| panic!("{e}"));
    let input = &checked.uncertainty.inputs[0];
    let shape = &input.dist.shape;
    for (p, expected) in [(0.5, 14.25), (0.9, 24.0), (0.1, -48.0 / 37.0)] {
        assert!(
            (shape.quantile(p) - expected).abs() < 1e-9,
            "P{}: {} against {expected}",
            p * 100.0,
            shape.quantile(p)
        );
    }
    assert_eq!(checked.scenario.sites[0].delay_months, 14);
    assert!(
        input
            .describe
            .contains("21 cases' slip per month of lead × 12 months"),
        "{}",
        input.describe
    );
    // Without lead_months: the absolute slips, median 9.
    let absolute = one_site("delay_months = { reference = \"national-ai-compute\" }", "");
    let checked = Checked::from_source(Path::new("e.toml"), &absolute).unwrap();
    assert_eq!(checked.scenario.sites[0].delay_months, 9);
}

/// A lead of 0 or less, a class whose cases have no lead, and a lead that is not a number are
/// errors at the value.
#[test]
fn lead_months_is_checked() {
    for (value, expected) in [
        (
            "{ reference = \"ai-datacenter\", lead_months = 0 }",
            "`lead_months` is the months from when the plan was stated to its planned date: above 0 and at most 1200 (got 0)",
        ),
        (
            "{ reference = \"grid-queue\", lead_months = 12 }",
            "no case of reference class `grid-queue` has a lead, so its slips cannot be scaled to one: leave out `lead_months`",
        ),
        (
            "{ reference = \"ai-datacenter\", lead_months = \"twelve\" }",
            "`lead_months` must be a number, found",
        ),
        (
            "{ lead_months = 12 }",
            "missing key `reference` in the range of `delay_months`",
        ),
    ] {
        let text = one_site(&format!("delay_months = {value}"), "");
        let error = Checked::from_source(Path::new("e.toml"), &text)
            .unwrap_err()
            .to_string();
        assert!(error.contains(expected), "{value}:\n{error}");
        assert!(error.contains("e.toml:"), "{error}");
    }
}

/// "grid-connection" holds two projects: LG U+ Pyeongchon 2 (slip 10, no lead) and Stargate
/// Abilene (slip 0, lead 5). Each is forecast from the other alone — a sure forecast — so
/// Pyeongchon's is 0 (PIT 1, CRPS |10 − 0| = 10, "on time" 10) and Stargate's is 10 (PIT 0,
/// CRPS 10, "on time" 0). Neither interval holds them. Lead-scaled, Stargate has a lead but
/// Pyeongchon no relative slip to forecast from, so nothing is scored in that form.
#[test]
fn backtest_of_a_class_by_hand() {
    let dataset = refclass::shipped();
    let result = backtest::class(dataset, "grid-connection");
    let rows: Vec<(&str, Form, f64, bool, f64, f64)> = result
        .scores
        .iter()
        .map(|s| {
            (
                s.case.name.as_str(),
                s.form,
                s.pit,
                s.in_p10_p90,
                s.crps,
                s.crps_on_time,
            )
        })
        .collect();
    assert_eq!(
        rows,
        [
            (
                "Stargate Abilene, phase 1 (US)",
                Form::Absolute,
                0.0,
                false,
                10.0,
                0.0
            ),
            (
                "LG U+ Pyeongchon 2 (90 MW)",
                Form::Absolute,
                1.0,
                false,
                10.0,
                10.0
            ),
        ]
    );
    assert_eq!(result.verdict, Verdict::TooFew { n: 0 });
}

/// Both plans of a project are left out together: Alps's 2022 plan is forecast from the 20
/// cases of other projects (22 less its own two), Summit's from 21. Every settled case of a
/// class of 22 is scored absolute; lead-scaled, all but Perlmutter (lead 0).
#[test]
fn backtest_leaves_a_whole_project_out() {
    let dataset = refclass::shipped();
    let result = backtest::class(dataset, "national-ai-compute");
    let from = |name: &str, form: Form| {
        result
            .scores
            .iter()
            .find(|s| s.case.name.starts_with(name) && s.form == form)
            .map(|s| s.forecast.len())
    };
    assert_eq!(from("Alps (CSCS, CH), 2022", Form::Absolute), Some(20));
    assert_eq!(from("Aurora (ANL, US), 2019", Form::Absolute), Some(20));
    assert_eq!(from("Summit", Form::Absolute), Some(21));
    // Lead-scaled, from the other projects' cases with a lead (Perlmutter's is 0).
    assert_eq!(from("Summit", Form::LeadScaled), Some(20));
    assert_eq!(from("Perlmutter", Form::LeadScaled), None);
    let counted = |form: Form, provisional: bool| {
        result
            .summaries
            .iter()
            .find(|s| s.form == form && s.provisional == provisional)
            .map(|s| s.n)
    };
    assert_eq!(counted(Form::Absolute, false), Some(20));
    assert_eq!(counted(Form::Absolute, true), Some(2));
    assert_eq!(counted(Form::LeadScaled, false), Some(19));
    // A case's PIT and intervals agree: inside P25–P75 means a PIT in [0.25, 0.75].
    for score in &result.scores {
        if score.in_p25_p75 {
            assert!((0.25..=0.75).contains(&score.pit), "{score:?}");
        }
        assert!(score.in_p10_p90 || !score.in_p25_p75);
    }
}

/// `gpuplan backtest` writes backtest.csv with the pinned header, the chart, and prints a
/// table and a verdict per class; the same twice; one class alone; an unknown class is an
/// error naming the classes, with nothing written.
#[test]
fn backtest_command() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("bt");
    let first = gpuplan()
        .args(["backtest", "--out"])
        .arg(&out)
        .assert()
        .success();
    let text = String::from_utf8(first.get_output().stdout.clone()).unwrap();
    for class in &dataset_classes() {
        assert!(text.contains(&format!("  {class}: ")), "{class}\n{text}");
    }
    assert!(text.contains("P10–P90"), "{text}");
    let csv = std::fs::read_to_string(out.join("backtest.csv")).unwrap();
    assert!(csv.starts_with(
        "class,case,form,stated,planned,actual,slip,lead,pit,in_p10_p90,in_p25_p75,crps,crps_on_time\n"
    ));
    assert!(csv.contains(
        "grid-connection,LG U+ Pyeongchon 2 (90 MW),absolute,,,,10,,1.000000,false,false,10.000000,10.000000\n"
    ));
    assert!(
        csv.contains("\nnational-ai-compute,KISTI Supercomputer No. 6 (provisional),absolute,")
    );
    let bytes = |dir: &Path| {
        [
            "backtest.csv",
            "backtest_coverage.png",
            "backtest_coverage.svg",
        ]
        .map(|f| std::fs::read(dir.join(f)).unwrap())
    };
    let again = dir.path().join("again");
    gpuplan()
        .args(["backtest", "--out"])
        .arg(&again)
        .assert()
        .success();
    assert!(
        bytes(&out) == bytes(&again),
        "backtest output differs between runs"
    );

    let one = dir.path().join("one");
    gpuplan()
        .args(["backtest", "ai-datacenter", "--out"])
        .arg(&one)
        .assert()
        .success();
    let csv = std::fs::read_to_string(one.join("backtest.csv")).unwrap();
    assert!(csv.lines().skip(1).all(|l| l.starts_with("ai-datacenter,")));
    // 9 cases: each absolute, and lead-scaled (every one has a lead).
    assert_eq!(csv.lines().count(), 1 + 18);

    let none = dir.path().join("none");
    let failed = gpuplan()
        .args(["backtest", "datacentres", "--out"])
        .arg(&none)
        .assert()
        .code(1);
    let error = String::from_utf8(failed.get_output().stderr.clone()).unwrap();
    assert!(
        error.contains("unknown reference class `datacentres` (the classes: `national-ai-compute`"),
        "{error}"
    );
    assert!(!none.exists());
}

/// The committed backtest (charts/backtest/) is what the code writes now.
#[test]
fn committed_backtest_is_up_to_date() {
    let dir = tempfile::tempdir().unwrap();
    gpuplan()
        .args(["backtest", "--out"])
        .arg(dir.path())
        .assert()
        .success();
    for file in [
        "backtest.csv",
        "backtest_coverage.png",
        "backtest_coverage.svg",
    ] {
        let drawn = std::fs::read(dir.path().join(file)).unwrap();
        let committed =
            std::fs::read(common::repo(&format!("charts/backtest/{file}"))).unwrap_or_default();
        assert!(
            drawn == committed,
            "charts/backtest/{file} is stale: run charts/regenerate.sh and commit the result"
        );
    }
}

fn dataset_classes() -> Vec<String> {
    refclass::shipped()
        .classes
        .iter()
        .map(|c| c.name.clone())
        .collect()
}

/// `gpuplan refclass NAME` shows every field of every case: months, event, slip, lead, kind,
/// source, confidence, provisional and notes.
#[test]
fn refclass_shows_every_field() {
    for class in dataset_classes() {
        let shown = gpuplan().args(["refclass", &class]).assert().success();
        let text = String::from_utf8(shown.get_output().stdout.clone()).unwrap();
        for case in refclass::cases(&class) {
            let block = text
                .split("\n\n")
                .find(|b| b.starts_with(&case.name))
                .unwrap_or_else(|| panic!("{}: no block\n{text}", case.name));
            let mut fields = vec![
                case.kind.as_str(),
                case.plan.as_str(),
                case.event.as_str(),
                case.source.as_str(),
                case.confidence.as_str(),
            ];
            fields.extend(
                [&case.stated, &case.planned, &case.actual, &case.note]
                    .into_iter()
                    .flatten()
                    .map(String::as_str),
            );
            for field in fields {
                assert!(block.contains(field), "{}: {field}\n{block}", case.name);
            }
            let slip = format!(
                "  slip        {}",
                gpuplan::export::refclass::months(f64::from(case.slip))
            );
            assert!(block.contains(&slip), "{block}");
            if let Some(lead) = case.lead {
                assert!(
                    block.contains(&format!("  lead        {lead} months")),
                    "{block}"
                );
            }
            assert_eq!(block.contains("(provisional"), case.provisional, "{block}");
        }
    }
}
