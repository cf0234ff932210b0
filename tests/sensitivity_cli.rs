//! `seek`, `sweep` and `tornado` through the binary: their files, an answer checked by
//! running the scenario at it, and every way of naming a key wrongly.

mod common;
use common::{gpuplan, repo};

use std::fs;
use std::path::Path;

const GRID_DELAY: &str = "scenarios/korea-260k-grid-delay.toml";
const UNCERTAIN: &str = "scenarios/korea-260k-uncertain.toml";
const ALL: &str = "All 260k online by 2030";
const GRID_1: &str = "region \"Capital area\".grid[1].mw";

fn stdout(assert: &assert_cmd::assert::Assert) -> String {
    String::from_utf8(assert.get_output().stdout.clone()).unwrap()
}

fn stderr(assert: &assert_cmd::assert::Assert) -> String {
    String::from_utf8(assert.get_output().stderr.clone()).unwrap()
}

/// Whether `All 260k online by 2030` is met with the capital area's second grid step at `mw`
/// (a what-if of the grid-delay case, run by `gpuplan run`).
fn met_at(dir: &Path, mw: f64) -> bool {
    let whatif = dir.join(format!("at-{mw}.toml"));
    fs::write(
        &whatif,
        format!(
            "extends = \"{}\"\n[[region]]\nname = \"Capital area\"\ngrid = [{{ from = \"2026-01\", mw = 25 }}, {{ from = \"2028-05\", mw = {mw} }}, {{ from = \"2030-01\", mw = 200 }}, {{ from = \"2032-01\", mw = 320 }}]\n",
            repo(GRID_DELAY).display()
        ),
    )
    .unwrap();
    let out = dir.join(format!("run-{mw}"));
    gpuplan()
        .arg("run")
        .arg(&whatif)
        .arg("--out")
        .arg(&out)
        .assert()
        .success();
    let targets = fs::read_to_string(out.join("targets.csv")).unwrap();
    let row = targets.lines().find(|l| l.starts_with(ALL)).unwrap();
    row.ends_with(",true")
}

/// The answer is true of the model: at the value given the target is met, at the value it
/// names as too little it is missed.
#[test]
fn seek_answers_a_value_at_which_the_target_is_met() {
    let dir = tempfile::tempdir().unwrap();
    let assert = gpuplan()
        .arg("seek")
        .arg(repo(GRID_DELAY))
        .args(["--target", ALL, "--vary", GRID_1, "--out"])
        .arg(dir.path().join("seek"))
        .assert()
        .success();
    let text = stdout(&assert);
    let prefix = format!(
        "The facility power of the second grid step of Capital area (from 2028-05, 2029-02 after \
         the 9-month delay; `{GRID_1}`) must reach at least "
    );
    assert!(text.starts_with(&prefix), "{text}");
    let number = |s: &str| -> f64 { s.split(' ').next().unwrap().parse().unwrap() };
    let value = number(&text[prefix.len()..]);
    assert!(
        text.contains(" MW (now 80 MW) for `All 260k online by 2030` to be met; at "),
        "{text}"
    );
    let not = number(text.split("; at ").nth(1).unwrap());
    // Both statements are true of the model, and they are neighbours on the search grid
    // (0.1 MW, finer than 0.1% of the default 8 to 800 MW range), as the sentence says.
    assert!(text.contains("(searched in steps of 0.1 MW)."), "{text}");
    assert!(met_at(dir.path(), value), "met at {value}");
    assert!(!met_at(dir.path(), not), "missed at {not}");
    assert!((value - not - 0.1).abs() < 1e-9, "{not} to {value}");
    let csv = fs::read_to_string(dir.path().join("seek/seek.csv")).unwrap();
    assert!(csv.starts_with("trial,value,met,value_at_deadline,achieved\n1,8.000000,false,"));
    let trials = csv.lines().count() - 1;
    assert!(
        trials <= 60 && text.contains(&format!("{trials} trials")),
        "{text}"
    );
}

/// Each wrong way of naming a key or its range: a clear message, exit 1, nothing written.
#[test]
fn bad_paths_and_ranges_are_errors_that_say_why() {
    let cases: [(&str, &[&str], &str); 6] = [
        (
            GRID_DELAY,
            &["--vary", "region \"Capital area\".grid[1].mv"],
            "`region \"Capital area\".grid[1].mv` names no key of this scenario that can be varied; the closest: `region \"Capital area\".grid[1].mw`, ",
        ),
        (
            GRID_DELAY,
            &["--vary", "region \"Capital area\".grid[7].mw"],
            "`region \"Capital area\".grid[7].mw`: no such list entry; the scenario has `region \"Capital area\".grid[0].mw`, `region \"Capital area\".grid[1].mw`, `region \"Capital area\".grid[2].mw`, `region \"Capital area\".grid[3].mw`",
        ),
        (
            GRID_DELAY,
            &["--vary", "site \"LG U+ Paju\".cooling"],
            "`site \"LG U+ Paju\".cooling` is text, not a number or a month: only numbers and months can be varied",
        ),
        (
            GRID_DELAY,
            &[
                "--vary",
                "site \"LG U+ Paju\".pue",
                "--from",
                "0.5",
                "--to",
                "2",
            ],
            "--from: 0.5 is not a valid value of `site \"LG U+ Paju\".pue` (at least 1)",
        ),
        (
            GRID_DELAY,
            &[
                "--vary",
                "site \"LG U+ Paju\".phases[0].online",
                "--from",
                "2027-13",
                "--to",
                "2029-01",
            ],
            "--from: `2027-13` is not a month: write \"YYYY-MM\"",
        ),
        (
            GRID_DELAY,
            &["--vary", GRID_1, "--probability", "0.8"],
            "--probability needs uncertain inputs to sample, and this scenario has none",
        ),
    ];
    let dir = tempfile::tempdir().unwrap();
    for (scenario, args, expected) in cases {
        let out = dir.path().join("never");
        let assert = gpuplan()
            .arg("seek")
            .arg(repo(scenario))
            .args(["--target", ALL])
            .args(args)
            .arg("--out")
            .arg(&out)
            .assert()
            .code(1);
        let message = stderr(&assert);
        assert!(message.contains(expected), "{expected}\n{message}");
        assert!(!out.exists());
    }
}

/// A misspelt target is named with the closest one; a probability outside (0, 1) is a usage
/// error.
#[test]
fn a_wrong_target_or_probability_is_said() {
    let assert = gpuplan()
        .arg("seek")
        .arg(repo(GRID_DELAY))
        .args(["--target", "All 260k online by 2031", "--vary", GRID_1])
        .assert()
        .code(1);
    assert!(
        stderr(&assert).contains(
            "no target named `All 260k online by 2031` — did you mean `All 260k online by 2030`?"
        ),
        "{}",
        stderr(&assert)
    );
    // Not a probability: a usage error.
    gpuplan()
        .arg("seek")
        .arg(repo(UNCERTAIN))
        .args(["--target", ALL, "--vary", GRID_1, "--probability", "1.5"])
        .assert()
        .code(2);
}

#[test]
fn sweep_writes_its_file_and_chart() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("sweep");
    let assert = gpuplan()
        .arg("sweep")
        .arg(repo(GRID_DELAY))
        .args(["--vary", &format!("{GRID_1}=50..250:5"), "--out"])
        .arg(&out)
        .assert()
        .success();
    let csv = fs::read_to_string(out.join("sweep.csv")).unwrap();
    let mut lines = csv.lines();
    assert!(lines.next().unwrap().starts_with(
        "\"region \"\"Capital area\"\".grid[1].mw\",Government GB300 15k online by 2028:met,"
    ));
    let values: Vec<&str> = lines.map(|l| l.split(',').next().unwrap()).collect();
    assert_eq!(
        values,
        [
            "50.000000",
            "100.000000",
            "150.000000",
            "200.000000",
            "250.000000"
        ]
    );
    assert!(out.join("sweep.png").is_file() && out.join("sweep.svg").is_file());
    assert!(stdout(&assert).contains("All 260k online by 2030"));
    // Two keys make a heat map; a third is a usage error; a malformed range says how to write it.
    let two = "region \"Capital area\".delay_months=0..12:4".to_string();
    gpuplan()
        .arg("sweep")
        .arg(repo(GRID_DELAY))
        .args([
            "--vary",
            &format!("{GRID_1}=50..250:3"),
            "--vary",
            &two,
            "--target",
            ALL,
            "--out",
        ])
        .arg(dir.path().join("two"))
        .assert()
        .success();
    let rows = fs::read_to_string(dir.path().join("two/sweep.csv")).unwrap();
    assert_eq!(rows.lines().count(), 1 + 3 * 4);
    let svg = fs::read_to_string(dir.path().join("two/sweep.svg")).unwrap();
    assert!(svg.contains("when All 260k online by 2030 is achieved"));
    gpuplan()
        .arg("sweep")
        .arg(repo(GRID_DELAY))
        .args([
            "--vary",
            &format!("{GRID_1}=50..250"),
            "--vary",
            &two,
            "--vary",
            &two,
        ])
        .assert()
        .code(2);
    let assert = gpuplan()
        .arg("sweep")
        .arg(repo(GRID_DELAY))
        .args(["--vary", &format!("{GRID_1}=50-250")])
        .assert()
        .code(1);
    assert!(stderr(&assert).contains("--vary takes PATH=FROM..TO or PATH=FROM..TO:STEPS"));
}

#[test]
fn tornado_writes_a_chart_per_target_and_needs_ranges() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("tornado");
    let assert = gpuplan()
        .arg("tornado")
        .arg(repo(UNCERTAIN))
        .args(["--target", ALL, "--out"])
        .arg(&out)
        .assert()
        .success();
    let csv = fs::read_to_string(out.join("tornado.csv")).unwrap();
    assert!(csv.starts_with(
        "target,input,low,high,value_at_deadline_low,value_at_deadline_high,achieved_low,achieved_high,swing\n"
    ));
    // One row per input, for the one target asked for, by swing.
    assert_eq!(csv.lines().count(), 1 + 50);
    let swings: Vec<f64> = csv
        .lines()
        .skip(1)
        .map(|l| l.rsplit(',').next().unwrap().parse().unwrap())
        .collect();
    assert!(swings.windows(2).all(|w| w[0] >= w[1]));
    assert!(out.join("tornado_3.png").is_file() && !out.join("tornado_1.png").exists());
    assert!(stdout(&assert).contains("Hyundai Saemangeum AI DC: delay months: -3 → "));
    let assert = gpuplan()
        .arg("tornado")
        .arg(repo(GRID_DELAY))
        .assert()
        .code(1);
    assert!(stderr(&assert).contains("the scenario has no uncertain inputs"));
}

/// The sweep chart over one key names it in words with its unit, draws each deadline over
/// the data (a target achieved exactly at its deadline still shows its dashes), and sweep.csv
/// writes chip counts as whole chips.
#[test]
fn sweep_charts_and_files_say_what_the_numbers_say() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("sweep");
    gpuplan()
        .arg("sweep")
        .arg(repo(GRID_DELAY))
        .args(["--vary", &format!("{GRID_1}=50..250"), "--out"])
        .arg(&out)
        .assert()
        .success();
    let svg = fs::read_to_string(out.join("sweep.svg")).unwrap();
    assert!(
        svg.contains("Capital area: second grid step, MW"),
        "the axis in words"
    );
    // The first target's line is #1B9E77, its deadline the darker #12694F: the dashes come
    // after the line in the file, so they are drawn over it.
    let line = svg.find("stroke=\"#1B9E77\"").unwrap();
    let deadline = svg.find("stroke=\"#12694F\"").unwrap();
    assert!(line < deadline, "the deadline is drawn above the data");
    let csv = fs::read_to_string(out.join("sweep.csv")).unwrap();
    let row = csv.lines().nth(1).unwrap();
    assert!(
        row.starts_with("50.000000,true,2028-12,15552,true,2029-03,50000,false,"),
        "{row}"
    );
}

/// The committed tornado and sweep charts (see charts/regenerate.sh) are what the code draws.
#[test]
fn committed_tornado_and_sweep_charts_are_up_to_date() {
    let dir = tempfile::tempdir().unwrap();
    let runs: [(&str, &[&str], &[&str]); 3] = [
        (
            "korea-260k-uncertain-tornado",
            &["tornado", UNCERTAIN],
            &["tornado_1", "tornado_2", "tornado_3"],
        ),
        (
            "korea-260k-grid-delay-sweep",
            &[
                "sweep",
                GRID_DELAY,
                "--vary",
                "region \"Capital area\".grid[1].mw=50..250",
            ],
            &["sweep"],
        ),
        (
            "korea-260k-uncertain-sweep",
            &[
                "sweep",
                UNCERTAIN,
                "--vary",
                "region \"Capital area\".grid[2].from=2028-06..2031-12:8",
                "--vary",
                "site \"Samsung SDS Gumi AI DC\".phases[0].online=2028-01..2030-06:8",
                "--target",
                ALL,
                "--samples",
                "2000",
            ],
            &["sweep"],
        ),
    ];
    for (folder, args, charts) in runs {
        let out = dir.path().join(folder);
        gpuplan()
            .current_dir(env!("CARGO_MANIFEST_DIR"))
            .args(args)
            .arg("--out")
            .arg(&out)
            .assert()
            .success();
        for chart in charts {
            for ext in ["png", "svg"] {
                let file = format!("{chart}.{ext}");
                let committed =
                    fs::read(repo(&format!("charts/{folder}/{file}"))).unwrap_or_default();
                assert!(
                    fs::read(out.join(&file)).unwrap() == committed,
                    "charts/{folder}/{file} is stale: run charts/regenerate.sh and commit the result"
                );
            }
        }
    }
}

/// Regression: `--from 1e-300 --to 1e12` on a chip's IT kW answered "at most 0 (now 2)". Every
/// value tried now lies inside the range and among the values the key allows (above 0), the
/// answer is two neighbours of the search grid, and the current value reads as the scenario
/// has it (1.7875 kW), not rounded.
#[test]
fn seek_never_reports_a_value_the_key_does_not_allow() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("seek");
    let assert = gpuplan()
        .arg("seek")
        .arg(repo("scenarios/korea-260k.toml"))
        .args([
            "--target",
            ALL,
            "--vary",
            "chip \"B200\".it_kw",
            "--from",
            "1e-300",
            "--to",
            "1e12",
            "--out",
        ])
        .arg(&out)
        .assert()
        .success();
    let text = stdout(&assert);
    assert!(
        text.contains("can be as high as 2.682 kW (now 1.7875 kW)")
            && text.contains("at 2.683 kW it is not (searched in steps of 0.001 kW)"),
        "{text}"
    );
    let csv = fs::read_to_string(out.join("seek.csv")).unwrap();
    for row in csv.lines().skip(1) {
        let value: f64 = row.split(',').nth(1).unwrap().parse().unwrap();
        assert!(value > 0.0 && value <= 1e12, "{row}");
    }
}

/// A trial that cannot be run is said once, with the value tried: too few of a trial's
/// samples agree with the observations.
#[test]
fn a_failed_trial_names_its_value_and_says_why_once() {
    let dir = tempfile::tempdir().unwrap();
    let assert = gpuplan()
        .arg("seek")
        .arg(repo(UNCERTAIN))
        .args([
            "--target",
            ALL,
            "--vary",
            "region \"Capital area\".grid[2].from",
        ])
        .args(["--probability", "0.05", "--samples", "500", "--out"])
        .arg(dir.path().join("seek"))
        .assert()
        .code(1);
    let message = stderr(&assert);
    assert!(
        message.contains("error: with `region \"Capital area\".grid[2].from` = 2028-06: only "),
        "{message}"
    );
    assert_eq!(
        message.matches("agree with every observation").count(),
        1,
        "{message}"
    );
}
