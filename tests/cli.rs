//! The binary as a user runs it: files written, exit codes, messages, determinism.

mod common;
use common::{gpuplan, listing, repo};

use std::fs;

use unicode_width::UnicodeWidthStr;

const FILES: [(&str, &str); 13] = [
    (
        "timeline.csv",
        "month,recipient,chip,requested,delivered,waiting,installing,online",
    ),
    (
        "sites.csv",
        "month,site,region,capacity_it_mw,used_it_mw,facility_mw",
    ),
    ("regions.csv", "month,region,grid_mw,facility_mw"),
    (
        "targets.csv",
        "target,metric,precision,value,by,achieved,value_at_deadline,met",
    ),
    (
        "constraints.csv",
        "month,recipient,chip,backorder,waiting,binding",
    ),
    ("placements.csv", "month,recipient,chip,site,installed"),
    (
        "relief.csv",
        "recipient,relaxed,chip_months_waiting,relief,online_100pct",
    ),
    (
        "feasibility.csv",
        "target,achieved,met,achieved_all_relaxed,met_all_relaxed,earliest_possible,met_possible",
    ),
    ("summary.json", "{"),
    (
        "observed.csv",
        "month,metric,scope,observed,model,difference,within_tolerance",
    ),
    (
        "energy.csv",
        "month,recipient,chips_online,facility_mw_drawn,energy_mwh,electricity_cost,co2_t",
    ),
    ("capex.csv", "month,subject,kind,amount,cumulative"),
    (
        "economics.csv",
        "year,energy_gwh,share_of_national,electricity_cost,co2_kt,capex_chips,capex_buildings,partial",
    ),
];

#[test]
fn run_writes_every_file_with_the_specified_header() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("korea");
    let assert = gpuplan()
        .args([
            "run",
            repo("scenarios/korea-260k.toml").to_str().unwrap(),
            "--out",
            out.to_str().unwrap(),
        ])
        .assert()
        .success();
    let stdout = String::from_utf8(assert.get_output().stdout.clone()).unwrap();
    for needle in [
        "Korea 260k Blackwell",
        "Government",
        "Chip-months waiting",
        "Peak facility power",
        "bf16",
        "All 260k online by 2030",
    ] {
        assert!(stdout.contains(needle), "missing {needle:?} in\n{stdout}");
    }
    for (name, header) in FILES {
        let text = fs::read_to_string(out.join(name)).unwrap();
        assert_eq!(text.lines().next(), Some(header), "{name}");
    }
    // 87 months x 9 pairs, plus the header.
    assert_eq!(
        fs::read_to_string(out.join("timeline.csv"))
            .unwrap()
            .lines()
            .count(),
        87 * 9 + 1
    );
    let leftovers: Vec<_> = fs::read_dir(&out)
        .unwrap()
        .filter_map(std::result::Result::ok)
        .filter(|e| e.file_name().to_string_lossy().ends_with(".tmp"))
        .collect();
    assert!(leftovers.is_empty());
}

#[test]
fn summary_json_has_the_specified_fields() {
    let dir = tempfile::tempdir().unwrap();
    gpuplan()
        .args([
            "run",
            repo("scenarios/korea-260k.toml").to_str().unwrap(),
            "--out",
        ])
        .arg(dir.path())
        .assert()
        .success();
    let json: serde_json::Value =
        serde_json::from_str(&fs::read_to_string(dir.path().join("summary.json")).unwrap())
            .unwrap();
    let recipients = json["recipients"].as_array().unwrap();
    assert_eq!(recipients.len(), 5);
    for key in [
        "online_50pct",
        "online_90pct",
        "online_100pct",
        "chip_months_waiting",
    ] {
        assert!(recipients.iter().all(|r| r.get(key).is_some()), "{key}");
    }
    assert!(json["peak_facility_mw"].as_f64().unwrap() > 0.0);
}

#[test]
fn same_input_gives_byte_identical_files() {
    let dir = tempfile::tempdir().unwrap();
    for scenario in ["korea-260k", "taiwan-nchc-2018", "k-cloud-phase1"] {
        let path = repo(&format!("scenarios/{scenario}.toml"));
        let (a, b) = (
            dir.path().join(format!("{scenario}-a")),
            dir.path().join(format!("{scenario}-b")),
        );
        gpuplan()
            .arg("run")
            .arg(&path)
            .arg("--out")
            .arg(&a)
            .assert()
            .success();
        gpuplan()
            .arg("run")
            .arg(&path)
            .arg("--out")
            .arg(&b)
            .assert()
            .success();
        for (name, _) in FILES {
            // observed.csv is written only for a scenario with [[observed]] entries.
            assert_eq!(
                fs::read(a.join(name)).ok(),
                fs::read(b.join(name)).ok(),
                "{scenario}/{name}"
            );
        }
    }
}

#[test]
fn default_output_folder_is_out_slash_file_stem() {
    let dir = tempfile::tempdir().unwrap();
    fs::copy(
        repo("scenarios/taiwan-nchc-2018.toml"),
        dir.path().join("tw.toml"),
    )
    .unwrap();
    gpuplan()
        .current_dir(dir.path())
        .args(["run", "tw.toml"])
        .assert()
        .success();
    assert!(dir.path().join("out/tw/targets.csv").is_file());
}

#[test]
fn invalid_scenario_exits_1_with_position_and_writes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let bad = dir.path().join("bad.toml");
    fs::write(
        &bad,
        "[scenario]\nname = \"x\"\nstart = \"2026-01\"\nend = \"2026-12\"\nstrat = 1\n",
    )
    .unwrap();
    let out = dir.path().join("out");
    let assert = gpuplan()
        .arg("run")
        .arg(&bad)
        .arg("--out")
        .arg(&out)
        .assert()
        .code(1);
    let stderr = String::from_utf8(assert.get_output().stderr.clone()).unwrap();
    assert!(stderr.starts_with("error: "), "{stderr}");
    assert!(
        stderr.contains("bad.toml:5:1: unknown key `strat` — did you mean `start`?"),
        "{stderr}"
    );
    assert!(!out.exists(), "no output folder for an invalid scenario");
    gpuplan().arg("check").arg(&bad).assert().code(1);
}

#[test]
fn missing_file_exits_1() {
    let assert = gpuplan()
        .args(["check", "no/such/file.toml"])
        .assert()
        .code(1);
    let stderr = String::from_utf8(assert.get_output().stderr.clone()).unwrap();
    assert!(
        stderr.contains("no/such/file.toml: cannot read the scenario"),
        "{stderr}"
    );
}

#[test]
fn usage_errors_exit_2() {
    gpuplan().assert().code(2);
    gpuplan().arg("frobnicate").assert().code(2);
    gpuplan().arg("run").assert().code(2);
    gpuplan()
        .args(["run", "a.toml", "--bogus"])
        .assert()
        .code(2);
}

#[test]
fn check_prints_one_ok_line_for_each_reference_scenario() {
    for scenario in ["korea-260k", "taiwan-nchc-2018", "k-cloud-phase1"] {
        let assert = gpuplan()
            .arg("check")
            .arg(repo(&format!("scenarios/{scenario}.toml")))
            .assert()
            .success();
        let stdout = String::from_utf8(assert.get_output().stdout.clone()).unwrap();
        assert_eq!(stdout.lines().count(), 1, "{stdout}");
        assert!(stdout.starts_with("OK: "), "{stdout}");
    }
}

#[test]
fn chips_lists_the_catalog_with_sources_and_estimates() {
    let assert = gpuplan().arg("chips").assert().success();
    let stdout = String::from_utf8(assert.get_output().stdout.clone()).unwrap();
    for chip in gpuplan::catalog::CATALOG {
        assert!(
            stdout.contains(chip.name) && stdout.contains(chip.source),
            "{}",
            chip.name
        );
    }
    assert!(stdout.contains("NVIDIA DGX B200 user guide"));
    assert!(stdout.contains("estimate: all figures EST"));
}

#[test]
fn hangul_names_line_up_in_the_summary_table() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("hangul.toml");
    fs::write(
        &path,
        "[scenario]\nname = \"한글 시나리오\"\nstart = \"2026-01\"\nend = \"2026-03\"\n\
         [[recipient]]\nname = \"정부\"\n[[recipient]]\nname = \"Naver\"\n[[recipient]]\nname = \"삼성전자\"\n\
         [[allocation]]\nrecipient = \"정부\"\nchip = \"B200\"\ncount = 10\ndeliveries = { start = \"2026-01\", months = 1 }\n\
         [[site]]\nname = \"해남 국가AI컴퓨팅센터\"\npue = 1.2\ncooling = \"air\"\nphases = [{ online = \"2026-01\", it_mw = 1 }]\n",
    )
    .unwrap();
    let assert = gpuplan()
        .arg("run")
        .arg(&path)
        .arg("--out")
        .arg(dir.path().join("o"))
        .assert()
        .success();
    let stdout = String::from_utf8(assert.get_output().stdout.clone()).unwrap();
    let table: Vec<&str> = stdout
        .lines()
        .skip_while(|l| !l.starts_with("Recipient"))
        .take(4)
        .collect();
    assert_eq!(table.len(), 4, "{stdout}");
    let widths: Vec<usize> = table.iter().map(|l| l.width()).collect();
    assert!(
        widths.iter().all(|&w| w == widths[0]),
        "{widths:?}\n{}",
        table.join("\n")
    );
    let col = |line: &str, needle: &str| line[..line.find(needle).unwrap()].width();
    assert_eq!(
        col(table[1], "10"),
        col(table[0], "Allocated") + "Allocated".len() - 2
    );
    let csv = fs::read_to_string(dir.path().join("o/sites.csv")).unwrap();
    assert!(
        csv.contains("2026-01,해남 국가AI컴퓨팅센터,,1.000000,0.017875,0.021450"),
        "{csv}"
    );
}

#[test]
fn closed_stdout_pipe_ends_quietly_with_success() {
    let (reader, writer) = std::io::pipe().unwrap();
    drop(reader);
    let dir = tempfile::tempdir().unwrap();
    let output = std::process::Command::new(assert_cmd::cargo::cargo_bin("gpuplan"))
        .arg("run")
        .arg(repo("scenarios/korea-260k.toml"))
        .arg("--out")
        .arg(dir.path())
        .stdout(writer)
        .output()
        .unwrap();
    assert!(output.status.success(), "{output:?}");
    assert!(
        output.stderr.is_empty(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
}

/// A scenario that is valid but cannot work as written: `check` and `run` succeed (exit 0) and
/// warn on stderr, each warning at its element — a liquid-cooled chip with only an air-cooled
/// site, a ramp running past `end`, a chip no site ever has room for, a target with nothing in
/// scope.
#[test]
fn what_cannot_work_is_warned_about_and_still_runs() {
    let text = "[scenario]\nname = \"w\"\nstart = \"2026-01\"\nend = \"2026-06\"\n\
        [[chip]]\nname = \"L\"\nit_kw = 1\ncooling = \"liquid\"\n\
        [[recipient]]\nname = \"A\"\n[[recipient]]\nname = \"B\"\n\
        [[allocation]]\nrecipient = \"A\"\nchip = \"L\"\ncount = 5\ndeliveries = { start = \"2026-01\", months = 1 }\n\
        [[allocation]]\nrecipient = \"B\"\nchip = \"B200\"\ncount = 12\ndeliveries = { start = \"2026-03\", months = 6 }\n\
        [[site]]\nname = \"Air hall\"\npue = 1.2\ncooling = \"air\"\nphases = [{ online = \"2026-09\", it_mw = 5 }]\n\
        [[target]]\nname = \"Nobody\"\nmetric = \"chips_online\"\nvalue = 1\nby = \"2026-06\"\nchips = [\"GB200\"]\n";
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("w.toml");
    fs::write(&path, text).unwrap();
    for command in ["check", "run"] {
        let mut args = vec![command, path.to_str().unwrap()];
        let out = dir.path().join("out");
        if command == "run" {
            args.extend(["--out", out.to_str().unwrap()]);
        }
        let assert = gpuplan().args(&args).assert().success();
        let stderr = String::from_utf8(assert.get_output().stderr.clone()).unwrap();
        let firsts: Vec<&str> = stderr
            .lines()
            .filter(|line| line.starts_with("warning: "))
            .map(|line| line.split_once(".toml:").map_or(line, |(_, rest)| rest))
            .collect();
        assert_eq!(
            firsts,
            [
                "13:1: no site accepts A's L chips (liquid-cooled): they will wait to the end",
                "18:1: the only site that accepts B's B200 chips never has room (IT power and grid) for one of them by `end` (2026-06): they will wait to the end",
                "22:14: 4 of these chips are requested after `end` (2026-06) and never arrive",
                "28:1: no allocated chip is in the scope of target `Nobody`: its value stays 0",
            ],
            "{command}: {stderr}"
        );
        assert!(stderr.starts_with("warning: "), "{stderr}");
    }
}

/// A run replaces the previous run's set whole (the charts of a `--charts` run go with it);
/// a folder holding a file gpuplan did not write, or one of its files changed by hand, is an
/// obstacle: the run fails and the folder is left exactly as it was.
#[test]
fn a_run_replaces_the_previous_set_and_refuses_a_folder_with_other_files() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("k");
    let scenario = repo("scenarios/korea-260k.toml");
    let run = |charts: bool| {
        let mut args = vec![
            "run",
            scenario.to_str().unwrap(),
            "--out",
            out.to_str().unwrap(),
        ];
        if charts {
            args.push("--charts");
        }
        gpuplan().args(&args).assert()
    };
    run(true).success();
    assert!(listing(&out).contains(&"online.png".to_string()));
    run(false).success();
    let mut expected: Vec<String> = FILES.iter().map(|(name, _)| name.to_string()).collect();
    expected.push(".gpuplan-files".into());
    expected.sort();
    assert_eq!(listing(&out), expected);
    for (name, contents) in [("my notes.txt", "keep me"), ("summary.json", "edited")] {
        let before = fs::read(out.join(name)).ok();
        fs::write(out.join(name), contents).unwrap();
        let stderr = run(true).code(1).get_output().stderr.clone();
        let stderr = String::from_utf8(stderr).unwrap();
        assert!(
            stderr.contains(&format!("did not write there, or changed since ({name})")),
            "{stderr}"
        );
        assert!(
            !out.join("online.png").exists(),
            "nothing of the refused run is there"
        );
        assert_eq!(fs::read_to_string(out.join(name)).unwrap(), contents);
        match before {
            Some(bytes) => fs::write(out.join(name), bytes).unwrap(),
            None => fs::remove_file(out.join(name)).unwrap(),
        }
    }
    assert_eq!(
        listing(dir.path()),
        ["k"],
        "no temporary folder is left beside it"
    );
}

/// `chart` and `compare` write under out/ by default — never into the committed charts/.
#[test]
fn chart_and_compare_default_to_folders_under_out() {
    let dir = tempfile::tempdir().unwrap();
    let base = repo("scenarios/korea-260k.toml");
    let slip = repo("scenarios/korea-260k-supply-slip.toml");
    gpuplan()
        .current_dir(dir.path())
        .args(["chart", base.to_str().unwrap(), "--format", "svg"])
        .assert()
        .success()
        .stdout("Wrote 7 charts to out/korea-260k\n");
    assert_eq!(listing(&dir.path().join("out/korea-260k")).len(), 8);
    gpuplan()
        .current_dir(dir.path())
        .args(["compare", base.to_str().unwrap(), slip.to_str().unwrap()])
        .assert()
        .success();
    assert!(
        dir.path()
            .join("out/compare-korea-260k+korea-260k-supply-slip/compare.csv")
            .is_file()
    );
}

/// `compare --recipient NAME` adds an overlay of that recipient's chips online; a name no
/// scenario has is an error that lists the names they do have, and writes nothing.
#[test]
fn compare_overlays_one_recipient_on_request() {
    let dir = tempfile::tempdir().unwrap();
    let (base, slip) = (
        repo("scenarios/korea-260k.toml"),
        repo("scenarios/korea-260k-supply-slip.toml"),
    );
    let out = dir.path().join("c");
    let args = |recipient: &str| {
        vec![
            "compare".to_string(),
            base.to_str().unwrap().to_string(),
            slip.to_str().unwrap().to_string(),
            "--out".into(),
            out.to_str().unwrap().to_string(),
            "--recipient".into(),
            recipient.into(),
        ]
    };
    let assert = gpuplan().args(args("Samsnug")).assert().code(1);
    let stderr = String::from_utf8(assert.get_output().stderr.clone()).unwrap();
    assert!(
        stderr.contains("no scenario has a recipient `Samsnug` (they have: Government, Samsung, SK, Hyundai, Naver)"),
        "{stderr}"
    );
    assert!(!out.exists());
    gpuplan().args(args("Samsung")).assert().success();
    let svg = fs::read_to_string(out.join("compare_recipient.svg")).unwrap();
    assert!(
        svg.contains("Compare: Samsung&apos;s chips online"),
        "{svg}"
    );
}
