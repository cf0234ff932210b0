//! `gpuplan mc` as a user runs it: its files and headers, byte-identical results whatever the
//! thread count, usage errors, and the mid-value case every other command runs.

mod common;
use common::{gpuplan, listing, repo};

use std::fs;
use std::path::{Path, PathBuf};

const UNCERTAIN: &str = "scenarios/korea-260k-uncertain.toml";

/// Runs `gpuplan mc` on the uncertain Korea scenario; returns stdout. Its stderr must not
/// claim the inputs were set to their medians: mc samples them.
fn mc(out: &Path, extra: &[&str]) -> String {
    let mut args = vec![
        "mc".to_string(),
        repo(UNCERTAIN).display().to_string(),
        "--out".into(),
        out.display().to_string(),
    ];
    args.extend(extra.iter().map(std::string::ToString::to_string));
    let assert = gpuplan().args(&args).assert().success();
    let stderr = String::from_utf8_lossy(&assert.get_output().stderr);
    assert!(!stderr.contains("medians"), "{stderr}");
    String::from_utf8(assert.get_output().stdout.clone()).unwrap()
}

#[test]
fn files_and_headers() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("mc");
    let stdout = mc(&out, &["--samples", "1000", "--samples-csv"]);
    for (file, header) in [
        (
            "mc_targets.csv",
            "target,metric,precision,value,by,p_met,p_met_stderr,achieved_p10,achieved_p50,achieved_p90,never_share,value_at_deadline_p10,value_at_deadline_p50,value_at_deadline_p90,mid_achieved,mid_met",
        ),
        ("mc_recipients.csv", "recipient,quantity,p10,p50,p90,mean"),
        (
            "mc_bands.csv",
            "month,series,p5,p10,p25,p50,p75,p90,p95,mean",
        ),
        (
            "mc_inputs.csv",
            "input,distribution,p5,p50,p95,mean,truncated_share",
        ),
        (
            "mc_importance.csv",
            "target,input,spearman,p_met_lowest_decile,p_met_highest_decile\nGovernment GB300 15k online by 2028,metro grid slip,",
        ),
        ("mc_summary.json", "{"),
        ("samples.csv", "sample,metro grid slip,delivery months,"),
    ] {
        let text = fs::read_to_string(out.join(file)).unwrap();
        assert!(
            text.starts_with(header),
            "{file}: {}",
            text.lines().next().unwrap_or("")
        );
    }
    // Only the samples consistent with the base case's two observations are kept, and
    // samples.csv lists them by their numbers.
    let record = fs::read_to_string(out.join("mc_summary.json")).unwrap();
    let kept: usize = record
        .split("\"kept\": ")
        .nth(1)
        .and_then(|rest| rest.split(',').next())
        .and_then(|n| n.trim().parse().ok())
        .unwrap();
    assert!(kept > 0 && kept < 1000, "{kept}");
    let samples = fs::read_to_string(out.join("samples.csv")).unwrap();
    assert_eq!(samples.lines().count(), 1 + kept);
    let numbers: Vec<u64> = samples
        .lines()
        .skip(1)
        .map(|l| l.split(',').next().unwrap().parse().unwrap())
        .collect();
    assert!(numbers.windows(2).all(|w| w[0] < w[1]) && numbers[kept - 1] < 1000);
    assert!(stdout.contains(&format!("Kept {kept} of them")), "{stdout}");
    let bands = fs::read_to_string(out.join("mc_bands.csv")).unwrap();
    // 87 months × (chips online, 5 recipients, facility MW, bf16 PFLOPS, 5 regions' facility
    // MW, the sites with no region, the chips of the 2 government targets, and energy, its
    // cost and capex).
    assert_eq!(bands.lines().count(), 1 + 87 * 19);
    for series in [
        "2030-12,chips_online:Samsung,",
        "2030-12,facility_mw:Capital area,",
        "2030-12,facility_mw_without_region,",
        "2030-12,chips_online_scope:Government GB300 15k online by 2028,",
        "2030-12,energy_gwh_year,",
        "2030-12,capex_cumulative,",
    ] {
        assert!(bands.contains(series), "{series}");
    }
    for needle in [
        "\"seed\": 1",
        "\"samples\": 1000",
        "\"sha256\": \"",
        "Xoshiro256++",
    ] {
        assert!(record.contains(needle), "{needle}");
    }
    for needle in [
        "Monte Carlo: 1,000 samples, seed 1, 50 uncertain inputs",
        "All 260k online by 2030",
        "100% online P10",
    ] {
        assert!(stdout.contains(needle), "{needle}\n{stdout}");
    }
}

/// The same seed and sample count give the same bytes in every file, whatever `--threads`.
#[test]
fn results_do_not_depend_on_the_thread_count() {
    let dir = tempfile::tempdir().unwrap();
    let runs: Vec<PathBuf> = ["1", "2", "3"]
        .iter()
        .map(|threads| {
            let out = dir.path().join(format!("t{threads}"));
            mc(
                &out,
                &[
                    "--samples",
                    "700",
                    "--threads",
                    threads,
                    "--samples-csv",
                    "--charts",
                ],
            );
            out
        })
        .collect();
    let names = listing(&runs[0]);
    assert!(names.contains(&"mc_online.png".to_string()), "{names:?}");
    for other in &runs[1..] {
        assert_eq!(listing(other), names);
        for name in &names {
            assert!(
                fs::read(runs[0].join(name)).unwrap() == fs::read(other.join(name)).unwrap(),
                "{name} differs between 1 and more threads"
            );
        }
    }
}

#[test]
fn sample_and_thread_counts_out_of_range_are_usage_errors() {
    for args in [
        ["--samples", "0"],
        ["--samples", "10000001"],
        ["--threads", "0"],
    ] {
        gpuplan()
            .arg("mc")
            .arg(repo(UNCERTAIN))
            .args(args)
            .assert()
            .code(2);
    }
}

/// A run that would not fit in memory is refused before it starts, with the count that fits.
/// A korea-260k-uncertain sample keeps 50 inputs + 3 × 3 targets + 4 × 5 recipients + 2
/// observations = 81 scalars of 8 bytes and 19 series × 87 months of 4 bytes (648 + 6,612:
/// chips online, 5 recipients, facility MW, bf16 PFLOPS, 5 regions' facility MW, the sites with
/// no region, the 2 targets limited to the government, and the 3 energy and money bands of its
/// [economics]), and the importance figures work on 2 × 3 target columns and, on 2 threads,
/// 3 × 2 input columns of 8 bytes (96): 7,356 bytes; 8 GiB holds 8,589,934,592 / 7,356 =
/// 1,167,745.
#[test]
fn a_run_too_large_for_memory_is_refused_up_front() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("big");
    let assert = gpuplan()
        .arg("mc")
        .arg(repo(UNCERTAIN))
        .args(["--samples", "10000000", "--threads", "2", "--out"])
        .arg(&out)
        .assert()
        .code(1);
    let stderr = String::from_utf8_lossy(&assert.get_output().stderr);
    for needle in [
        "7,356 bytes a sample",
        "--samples 1167745 or fewer",
        "73.6 GB",
    ] {
        assert!(stderr.contains(needle), "{needle}: {stderr}");
    }
    assert!(!out.exists(), "nothing written");
}

/// Every deterministic command runs the mid-value case and says so: `run` on the uncertain
/// scenario writes exactly what `run` writes for the same file with each median written as a
/// plain value (what `show` prints).
#[test]
fn the_mid_value_case_is_the_file_with_medians_written_in() {
    let dir = tempfile::tempdir().unwrap();
    let shown = gpuplan()
        .arg("show")
        .arg(repo(UNCERTAIN))
        .assert()
        .success();
    let medians = String::from_utf8(shown.get_output().stdout.clone()).unwrap();
    assert!(
        medians.starts_with("# 50 uncertain inputs set to their medians (the mid-value case)"),
        "{}",
        medians.lines().next().unwrap_or("")
    );
    let body: String = medians.lines().skip(1).collect::<Vec<_>>().join("\n");
    // No range form is left (an observation's source text may say " to ").
    let ranges = body.lines().filter(|l| {
        !l.starts_with("source")
            && (l.contains(" to ")
                || l.contains("likely")
                || l.contains("factor =")
                || l.contains("reference ="))
    });
    assert_eq!(ranges.count(), 0, "ranges left in");
    let plain = dir.path().join("plain.toml");
    fs::write(&plain, &medians).unwrap();
    let run = |scenario: &Path, out: &str| {
        let assert = gpuplan()
            .arg("run")
            .arg(scenario)
            .arg("--out")
            .arg(dir.path().join(out))
            .assert()
            .success();
        String::from_utf8(assert.get_output().stderr.clone()).unwrap()
    };
    let note = run(&repo(UNCERTAIN), "uncertain");
    assert!(
        note.contains("50 uncertain inputs set to their medians (the mid-value case)"),
        "{note}"
    );
    assert!(
        run(&plain, "plain").is_empty(),
        "a plain file has nothing to say"
    );
    for file in [
        "timeline.csv",
        "sites.csv",
        "regions.csv",
        "targets.csv",
        "constraints.csv",
        "placements.csv",
        "relief.csv",
    ] {
        assert_eq!(
            fs::read_to_string(dir.path().join("uncertain").join(file)).unwrap(),
            fs::read_to_string(dir.path().join("plain").join(file)).unwrap(),
            "{file}"
        );
    }
}

/// A factor with a plain value is a constant: `show` writes it into the keys that name it.
#[test]
fn show_writes_constant_factors_into_their_keys() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("constant.toml");
    fs::write(
        &path,
        "[scenario]\nname = \"c\"\nstart = \"2026-01\"\nend = \"2026-06\"\n\
         [[factor]]\nname = \"slip\"\nvalue = 3\n\
         [[region]]\nname = \"G\"\ndelay_months = { factor = \"slip\" }\n",
    )
    .unwrap();
    let shown = gpuplan().arg("show").arg(&path).assert().success();
    let text = String::from_utf8(shown.get_output().stdout.clone()).unwrap();
    assert!(
        text.contains("delay_months = 3\n") && !text.contains("factor"),
        "{text}"
    );
}

/// The committed Monte Carlo charts (charts/korea-260k-uncertain-mc/) are what the code draws now.
#[test]
fn committed_mc_charts_are_up_to_date() {
    let dir = tempfile::tempdir().unwrap();
    mc(dir.path(), &["--charts"]);
    for chart in ["mc_online", "mc_power", "mc_targets"] {
        for ext in ["png", "svg"] {
            let file = format!("{chart}.{ext}");
            let drawn = fs::read(dir.path().join(&file)).unwrap();
            let committed = fs::read(repo(&format!("charts/korea-260k-uncertain-mc/{file}")))
                .unwrap_or_default();
            assert!(
                drawn == committed,
                "charts/korea-260k-uncertain-mc/{file} is stale: run charts/regenerate.sh and commit the result"
            );
        }
    }
}

/// The text of every `<text>` of an SVG, in order, joined by spaces (a wrapped legend row
/// reads as one), entities decoded as a reader sees them.
fn svg_words(svg: &str) -> String {
    let mut words = Vec::new();
    let mut rest = svg;
    while let Some(start) = rest.find("<text") {
        let body = &rest[start..];
        let open = body.find('>').unwrap() + 1;
        let close = body.find("</text>").unwrap();
        words.push(
            body[open..close]
                .trim()
                .replace("&apos;", "'")
                .replace("&amp;", "&"),
        );
        rest = &body[close..];
    }
    words.join(" ")
}

/// Chart legends print P(met) as the terminal does (one decimal, never a certainty it is
/// not), targets of some recipients or chips get a band of their own scope, and each region's
/// draw is drawn against its own grid, with the sites of no region named.
#[test]
fn mc_charts_say_what_the_numbers_say() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("mc");
    let stdout = mc(&out, &["--samples", "1000", "--charts"]);
    let online = svg_words(&fs::read_to_string(out.join("mc_online.svg")).unwrap());
    let targets = svg_words(&fs::read_to_string(out.join("mc_targets.svg")).unwrap());
    let power = svg_words(&fs::read_to_string(out.join("mc_power.svg")).unwrap());
    let kept: u64 = stdout
        .split("Kept ")
        .nth(1)
        .and_then(|s| s.split(' ').next())
        .unwrap()
        .replace(',', "")
        .parse()
        .unwrap();
    let csv = fs::read_to_string(out.join("mc_targets.csv")).unwrap();
    for row in csv.lines().skip(1) {
        let cells: Vec<&str> = row.split(',').collect();
        let (name, by, p): (&str, &str, f64) = (cells[0], cells[4], cells[5].parse().unwrap());
        let shown = gpuplan::present::format::probability(p, kept);
        assert!(
            online.contains(&format!("{name}: P(met) {shown}")),
            "{name} {shown}: {online}"
        );
        assert!(
            targets.contains(&format!("{name} (by {by}: {shown})")),
            "{targets}"
        );
        // The terminal's P(met) column starts with the same words.
        assert!(stdout.contains(&shown), "{shown}: {stdout}");
    }
    for scoped in [
        "Government GB300 15k online by 2028: its chips, median and P5–P95",
        "Government 50k online by 2030: its chips, median and P5–P95",
    ] {
        assert!(online.contains(scoped), "{scoped}: {online}");
    }
    assert!(
        !online.contains("All 260k online by 2030: its chips"),
        "{online}"
    );
    for needle in [
        "Capital area drawn: median and P5–P95",
        "Capital area grid (mid-value case)",
        "Sites with no region (no grid limit): median",
        "Each region's draw is compared with its own grid",
    ] {
        assert!(power.contains(needle), "{needle}: {power}");
    }
    assert!(!power.contains("Facility power, all sites"), "{power}");
}

/// `compare --samples N` puts each target's chance beside the single runs: for a case with
/// ranges, exactly what `mc` finds with the same samples and seed; for one without, every
/// sample is the same run, so 1 where that run meets the target and 0 where it misses — again
/// what `mc` finds, though compare does not run it.
#[test]
fn compare_with_samples_gives_each_targets_chance() {
    let dir = tempfile::tempdir().unwrap();
    let mc_dir = dir.path().join("mc");
    mc(&mc_dir, &["--samples", "1000", "--seed", "7"]);
    let cmp = dir.path().join("cmp");
    let out = gpuplan()
        .arg("compare")
        .arg(repo(UNCERTAIN))
        .arg(repo("scenarios/taiwan-nchc-2018.toml"))
        .args(["--samples", "1000", "--seed", "7", "--out"])
        .arg(&cmp)
        .assert()
        .success();
    let stdout = String::from_utf8_lossy(&out.get_output().stdout).into_owned();
    let csv = fs::read_to_string(cmp.join("compare.csv")).unwrap();
    let cell = |scenario: &str, subject: &str, metric: &str| -> String {
        csv.lines()
            .find(|l| l.starts_with(&format!("{scenario},{subject},{metric},")))
            .unwrap_or_else(|| panic!("no {scenario} {subject} {metric} in\n{csv}"))
            .rsplit(',')
            .next()
            .unwrap()
            .to_string()
    };
    // Both cases held to `mc`'s own figures: the one with ranges sampled, the one without
    // (which compare does not run again) through mc's samples of its one run.
    let taiwan = dir.path().join("taiwan-mc");
    gpuplan()
        .arg("mc")
        .arg(repo("scenarios/taiwan-nchc-2018.toml"))
        .args(["--samples", "1000", "--seed", "7", "--out"])
        .arg(&taiwan)
        .assert()
        .success();
    for (case, dir) in [
        ("korea-260k-uncertain", &mc_dir),
        ("taiwan-nchc-2018", &taiwan),
    ] {
        let mc_targets = fs::read_to_string(dir.join("mc_targets.csv")).unwrap();
        for line in mc_targets.lines().skip(1) {
            let fields: Vec<&str> = line.split(',').collect();
            let (name, p_met, stderr) = (fields[0], fields[5], fields[6]);
            assert_eq!(cell(case, name, "p_met"), p_met, "{case}: {name}");
            assert_eq!(cell(case, name, "p_met_stderr"), stderr, "{case}: {name}");
        }
    }
    // Taiwan's single run meets one sustained target and misses the other: all or none.
    assert_eq!(
        cell(
            "taiwan-nchc-2018",
            "4 PF sustained fp64 by Nov 2018",
            "p_met"
        ),
        "1.000000"
    );
    assert_eq!(
        cell(
            "taiwan-nchc-2018",
            "10 PF sustained fp64 by Oct 2021",
            "p_met"
        ),
        "0.000000"
    );
    assert!(
        stdout.contains("p_met") && stdout.contains("% ±"),
        "{stdout}"
    );
    assert!(
        !stdout.contains("p_met_stderr"),
        "the interval says it in the table"
    );
}
