//! The promises that hold against hostile or unlucky input (docs/reliability.md: Limits and safety):
//! bounded, regular input files; output sets that appear whole or not at all, whatever kills
//! the run; names that are printable text; no panic when stdout or stderr fails; validation
//! in time linear in the number of names.

mod common;

use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use common::{gpuplan, listing, repo};

const META: &str = "[scenario]\nname = \"x\"\nstart = \"2026-01\"\nend = \"2026-06\"\n";

fn binary() -> PathBuf {
    assert_cmd::cargo::cargo_bin("gpuplan")
}

/// `gpuplan check PATH`: (exit code, stderr).
fn check(path: &Path) -> (i32, String) {
    let out = gpuplan().arg("check").arg(path).output().unwrap();
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

/// A chain of `n` files, each extending the next; returns the first.
fn chain(dir: &Path, n: usize) -> PathBuf {
    for i in 0..n {
        let text = if i + 1 < n {
            format!("extends = \"c{}.toml\"\n", i + 1)
        } else {
            META.to_string()
        };
        fs::write(dir.join(format!("c{i}.toml")), text).unwrap();
    }
    dir.join("c0.toml")
}

#[test]
fn extends_chains_hold_at_most_64_files() {
    let dir = tempfile::tempdir().unwrap();
    assert_eq!(check(&chain(dir.path(), 64)).0, 0);
    let dir = tempfile::tempdir().unwrap();
    let (code, stderr) = check(&chain(dir.path(), 65));
    assert_eq!(code, 1, "{stderr}");
    assert!(
        stderr.contains("the `extends` chain that starts at")
            && stderr.contains("c0.toml holds more than 64 files"),
        "{stderr}"
    );
    // Far longer chains end the same way, not by overflowing the stack.
    let dir = tempfile::tempdir().unwrap();
    assert_eq!(check(&chain(dir.path(), 3000)).0, 1);
}

#[test]
fn special_and_oversized_files_are_refused_at_once() {
    let dir = tempfile::tempdir().unwrap();
    let fifo = dir.path().join("fifo.toml");
    assert!(
        Command::new("mkfifo")
            .arg(&fifo)
            .status()
            .unwrap()
            .success()
    );
    let big = dir.path().join("big.toml");
    fs::File::create(&big)
        .unwrap()
        .set_len(16 * 1024 * 1024 + 1)
        .unwrap();
    let cases = [
        (fifo.clone(), "is a FIFO (named pipe), not a scenario file"),
        (
            PathBuf::from("/dev/zero"),
            "is a device, not a scenario file",
        ),
        (dir.path().to_path_buf(), "is a folder, not a scenario file"),
        (big, "is larger than 16 MiB"),
    ];
    for (path, expected) in &cases {
        let started = Instant::now();
        let (code, stderr) = check(path);
        assert_eq!(code, 1, "{stderr}");
        assert!(stderr.contains(expected), "{stderr}");
        assert!(
            started.elapsed() < Duration::from_secs(10),
            "{path:?} was waited on"
        );
        let what_if = dir.path().join("what-if.toml");
        fs::write(
            &what_if,
            format!("extends = {:?}\n", path.to_str().unwrap()),
        )
        .unwrap();
        let (code, stderr) = check(&what_if);
        assert_eq!(code, 1, "{stderr}");
        assert!(
            stderr.contains("what-if.toml:1:11: cannot read the base scenario")
                && stderr.contains(expected),
            "{stderr}"
        );
    }
}

/// A base that is not TOML is reported by position only: its text is never shown.
#[test]
fn a_base_that_is_not_toml_is_not_echoed() {
    let dir = tempfile::tempdir().unwrap();
    let secret = dir.path().join("secret");
    fs::write(&secret, "root:x:0:0:root:/root:/bin/bash\nTOKEN=hunter2\n").unwrap();
    let what_if = dir.path().join("w.toml");
    fs::write(&what_if, "extends = \"secret\"\n").unwrap();
    let (code, stderr) = check(&what_if);
    assert_eq!(code, 1);
    assert!(
        stderr.contains("secret:1:")
            && stderr.contains("this file, named by `extends`, is not valid TOML"),
        "{stderr}"
    );
    assert!(
        !stderr.contains("root:x") && !stderr.contains("hunter2"),
        "{stderr}"
    );
    fs::write(&what_if, "extends = \"/proc/self/environ\"\n").unwrap();
    let (code, stderr) = check(&what_if);
    assert_eq!(code, 1);
    assert!(stderr.contains("is a kernel file"), "{stderr}");
}

#[test]
fn invalid_utf8_is_reported_at_its_line_and_column() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("latin1.toml");
    fs::write(&path, b"[scenario]\nname = \"Caf\xe9\"\n").unwrap();
    let (code, stderr) = check(&path);
    assert_eq!(code, 1);
    assert!(
        stderr.contains("latin1.toml:2:12: the file is not UTF-8 text (byte 0xE9 here)"),
        "{stderr}"
    );
    let what_if = dir.path().join("w.toml");
    fs::write(&what_if, "extends = \"latin1.toml\"\n").unwrap();
    let (_, stderr) = check(&what_if);
    assert!(
        stderr.contains("latin1.toml:2:12: the file is not UTF-8"),
        "{stderr}"
    );
}

/// Each class of forbidden character in a name, every one reported in one pass at its line.
#[test]
fn unsafe_names_are_reported_at_their_lines() {
    let bad = [
        ("recipient", "A\u{1b}[31m", "control character U+001B"),
        ("recipient", "B\u{0}", "control character U+0000"),
        ("recipient", "C\rD", "control character U+000D"),
        ("recipient", "E\u{202E}F", "bidirectional control U+202E"),
        ("recipient", " G", "starts or ends with a space"),
        ("region", "=HYPERLINK(\"x\")", "starts with `=`"),
        ("region", "+1", "starts with `+`"),
        ("region", "-1", "starts with `-`"),
        ("region", "@x", "starts with `@`"),
    ];
    let mut text = META.to_string();
    for (kind, name, _) in &bad {
        text.push_str(&format!("[[{kind}]]\nname = {}\n", toml_string(name)));
    }
    text.push_str(&format!(
        "[[site]]\nname = \"{}\"\npue = 1.2\ncooling = \"air\"\nphases = []\n",
        "x".repeat(201)
    ));
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("names.toml");
    fs::write(&path, &text).unwrap();
    let (code, stderr) = check(&path);
    assert_eq!(code, 1);
    for (i, (kind, _, expected)) in bad.iter().enumerate() {
        let at = format!("names.toml:{}:8: {kind} name", 6 + 2 * i);
        assert!(stderr.contains(&at), "{at}\n{stderr}");
        assert!(stderr.contains(expected), "{expected}\n{stderr}");
    }
    assert!(stderr.contains("names.toml:24:8: site name is 201 characters long; at most 200"));
    assert!(stderr.contains("10 problems in the scenario"), "{stderr}");
    assert!(
        !stderr.contains('\u{1b}') && !stderr.contains('\u{202E}'),
        "raw controls reached the terminal"
    );
}

fn toml_string(text: &str) -> String {
    let mut out = String::from("\"");
    for c in text.chars() {
        match c {
            '"' => out.push_str("\\\""),
            c if c.is_control() => out.push_str(&format!("\\u{:04X}", u32::from(c))),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// `sh -c SCRIPT` with the binary as $1; (exit code, stderr).
fn shell(script: &str, dir: &Path) -> (i32, String) {
    let out = Command::new("sh")
        .arg("-c")
        .arg(script)
        .arg("sh")
        .arg(binary())
        .arg(repo("scenarios/korea-260k.toml"))
        .current_dir(dir)
        .output()
        .unwrap();
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

#[test]
fn closed_or_full_stdout_and_stderr_never_panic() {
    let dir = tempfile::tempdir().unwrap();
    // A full stdout: the run fails and publishes nothing.
    let (code, stderr) = shell("\"$1\" run \"$2\" --out o > /dev/full", dir.path());
    assert_eq!(code, 1, "{stderr}");
    assert!(stderr.contains("No space left on device"), "{stderr}");
    assert!(listing(dir.path()).is_empty(), "{:?}", listing(dir.path()));
    // A reader that leaves early: success, and the set is there.
    let (code, _) = shell(
        "\"$1\" run \"$2\" --out o | head -c 10 > /dev/null",
        dir.path(),
    );
    assert_eq!(code, 0);
    assert!(dir.path().join("o/timeline.csv").exists());
    // Closed or full stderr with an error to report: exit 1, not a panic (101).
    for redirect in ["2>&-", "2>/dev/full"] {
        let (code, _) = shell(&format!("\"$1\" check no-such.toml {redirect}"), dir.path());
        assert_eq!(code, 1, "{redirect}");
        let (code, _) = shell(
            &format!("\"$1\" run \"$2\" --out o2 >/dev/null {redirect}"),
            dir.path(),
        );
        assert_eq!(
            code, 0,
            "{redirect}: a warning-free run succeeds without stderr"
        );
    }
    let (code, _) = shell("\"$1\" --help > /dev/full", dir.path());
    assert_eq!(code, 1);
    // A stdout closed before the start reads as a closed pipe: the run succeeded.
    let (code, _) = shell("\"$1\" show \"$2\" >&-", dir.path());
    assert_eq!(code, 0);
}

/// Runs of two different scenarios into one folder, each killed at a different instant: the
/// folder never holds anything but one complete set, as its manifest lists it.
#[test]
fn sigkill_at_any_instant_never_leaves_a_mixed_set() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("out");
    let scenarios = [
        repo("scenarios/korea-260k.toml"),
        repo("scenarios/taiwan-nchc-2018.toml"),
    ];
    // How long a whole run takes here, to spread the kills over it.
    let started = Instant::now();
    let status = Command::new(binary())
        .args(["run", scenarios[0].to_str().unwrap(), "--charts", "--out"])
        .arg(&out)
        .stdout(Stdio::null())
        .status()
        .unwrap();
    assert!(status.success());
    let whole = started.elapsed();
    for i in 0..40u32 {
        let mut child = Command::new(binary())
            .args([
                "run",
                scenarios[(i % 2) as usize].to_str().unwrap(),
                "--out",
            ])
            .arg(&out)
            .args(if i % 3 == 0 { vec!["--charts"] } else { vec![] })
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        std::thread::sleep(whole.mul_f64(f64::from(i) / 40.0));
        let _ = child.kill();
        let _ = child.wait();
        assert_complete(&out);
    }
}

/// Regression: a note saved into the output folder while a run is writing — after its staging
/// folder appears, before the swap — was swapped out with the old set and deleted (20 of 20).
/// The run is stopped (SIGSTOP) the moment its staging folder is seen, the note written, the
/// run continued: the note must survive every time, in the new set or with the old one.
#[test]
fn a_file_saved_while_a_run_writes_is_never_lost() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("out");
    let scenario = repo("scenarios/korea-260k.toml");
    let run = || {
        Command::new(binary())
            .args(["run", scenario.to_str().unwrap(), "--charts", "--out"])
            .arg(&out)
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap()
    };
    assert!(run().wait().unwrap().success());
    let mut caught = 0;
    for i in 0..20 {
        let note = format!("note-{i}.txt");
        let mut child = run();
        let pid = child.id().to_string();
        // Watch for the staging folder `.out.<random>.gpuplan-tmp`.
        let seen = loop {
            let staging = fs::read_dir(dir.path()).unwrap().any(|e| {
                let name = e.unwrap().file_name().to_string_lossy().into_owned();
                name.starts_with(".out.") && name.ends_with(".gpuplan-tmp")
            });
            if staging {
                break true;
            }
            if child.try_wait().unwrap().is_some() {
                break false;
            }
        };
        if seen {
            let _ = Command::new("kill").args(["-STOP", &pid]).status();
            fs::write(out.join(&note), "mine").unwrap();
            caught += 1;
            let _ = Command::new("kill").args(["-CONT", &pid]).status();
        }
        let status = child.wait().unwrap();
        if seen {
            assert_eq!(
                fs::read_to_string(out.join(&note)).ok().as_deref(),
                Some("mine"),
                "round {i}: the note was lost (run {status})"
            );
            fs::remove_file(out.join(&note)).unwrap();
        }
        // Every run either published (keeping the note) or left the folder as it was.
        let extra = listing(&out)
            .into_iter()
            .filter(|n| n.starts_with("note-"))
            .count();
        assert_eq!(extra, 0);
        assert_complete(&out);
    }
    assert!(
        caught > 0,
        "the staging folder was never seen: the test proved nothing"
    );
}

/// The folder holds exactly the files its manifest lists, each as hashed there.
fn assert_complete(out: &Path) {
    let manifest = fs::read_to_string(out.join(".gpuplan-files")).expect("a manifest");
    let mut listed: Vec<String> = manifest
        .lines()
        .filter(|l| !l.starts_with('#'))
        .map(|line| {
            let (hash, name) = line.split_once(' ').unwrap();
            let bytes = fs::read(out.join(name)).unwrap_or_else(|e| panic!("{name}: {e}"));
            assert_eq!(
                format!("{:016x}", gpuplan::export::write::fnv1a(&bytes)),
                hash,
                "{name} is from another set"
            );
            name.to_string()
        })
        .collect();
    listed.push(".gpuplan-files".into());
    listed.sort();
    assert_eq!(listing(out), listed);
}

/// Two runs into the same folder at once end with one complete set.
#[test]
fn concurrent_runs_leave_one_complete_set() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("out");
    for round in 0..6 {
        let children: Vec<_> = ["korea-260k.toml", "taiwan-nchc-2018.toml"]
            .iter()
            .map(|name| {
                Command::new(binary())
                    .arg("run")
                    .arg(repo(&format!("scenarios/{name}")))
                    .arg("--out")
                    .arg(&out)
                    .stdout(Stdio::null())
                    .stderr(Stdio::null())
                    .spawn()
                    .unwrap()
            })
            .collect();
        let codes: Vec<i32> = children
            .into_iter()
            .map(|c| c.wait_with_output().unwrap().status.code().unwrap())
            .collect();
        assert!(codes.contains(&0), "round {round}: {codes:?}");
        assert_complete(&out);
        assert_eq!(
            listing(dir.path()),
            ["out"],
            "round {round}: no temporary folder left"
        );
    }
}

/// Something in the way inside the output folder: the run fails, the previous set stays whole.
#[test]
fn an_obstacle_in_the_output_folder_leaves_the_previous_set() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("out");
    let korea = repo("scenarios/korea-260k.toml");
    gpuplan()
        .arg("run")
        .arg(&korea)
        .arg("--out")
        .arg(&out)
        .assert()
        .success();
    let before = listing(&out);
    fs::create_dir(out.join("online.png")).unwrap();
    gpuplan()
        .arg("run")
        .arg(&korea)
        .args(["--charts", "--out"])
        .arg(&out)
        .assert()
        .code(1);
    fs::remove_dir(out.join("online.png")).unwrap();
    assert_eq!(listing(&out), before);
    assert_complete(&out);
    assert_eq!(listing(dir.path()), ["out"]);
}

/// Validating n sites takes time in proportion to n: 8 times the sites take well under the
/// 64 times a quadratic check would (the best of three runs each, to steady the clock).
#[test]
fn validation_time_is_linear_in_the_number_of_names() {
    let time = |n: usize| {
        let mut text = format!("{META}[[recipient]]\nname = \"R\"\n[[region]]\nname = \"G\"\n");
        for i in 0..n {
            text.push_str(&format!(
                "[[site]]\nname = \"S{i}\"\nregion = \"G\"\nrecipients = [\"R\"]\npue = 1.2\ncooling = \"liquid\"\nphases = [{{ online = \"2026-01\", it_mw = 1 }}]\n"
            ));
        }
        (0..3)
            .map(|_| {
                let started = Instant::now();
                gpuplan::model::Scenario::from_source(Path::new("n.toml"), &text).unwrap();
                started.elapsed()
            })
            .min()
            .unwrap()
    };
    let small = time(2_500);
    let large = time(20_000);
    let ratio = large.as_secs_f64() / small.as_secs_f64();
    assert!(
        ratio < 24.0,
        "8x the sites took {ratio:.1}x the time ({small:?} → {large:?})"
    );
}

/// A chain of factors `f0 → f1 → … → fN` named by many keys resolves in time linear in its
/// length (by hash, each factor followed once): 8 times the chain takes well under the 64
/// times a quadratic walk would. Regression: 10,000 factors and 300 sites took over 60 s.
/// Every factor of the chain counts as used (no "declared but no key uses it" for a factor
/// used only through another), and the keys' valid range reaches the factor the chain ends in.
#[test]
fn factor_chains_resolve_in_linear_time_and_count_as_used() {
    let text = |n: usize| {
        let mut text = META.to_string();
        for k in 0..n {
            if k + 1 < n {
                text.push_str(&format!(
                    "[[factor]]\nname = \"f{k}\"\nvalue = {{ factor = \"f{}\" }}\n",
                    k + 1
                ));
            } else {
                // A range reaching below 0, which commissioning does not allow: truncated at 0.
                text.push_str(&format!(
                    "[[factor]]\nname = \"f{k}\"\nvalue = {{ min = -3, max = 3 }}\n"
                ));
            }
        }
        for i in 0..300 {
            text.push_str(&format!(
                "[[site]]\nname = \"S{i}\"\npue = 1.2\ncooling = \"air\"\ncommissioning_months = {{ factor = \"f0\" }}\nphases = [{{ online = \"2026-01\", it_mw = 1 }}]\n"
            ));
        }
        text
    };
    let checked = gpuplan::load::Checked::from_source(Path::new("c.toml"), &text(1_000)).unwrap();
    assert!(checked.warnings.is_empty(), "{:?}", checked.warnings);
    let input = &checked.uncertainty.inputs[0];
    assert_eq!((input.key.as_str(), input.uses.len()), ("f999", 300));
    assert_eq!(
        input.draw(0.0),
        0.0,
        "commissioning's range (at least 0) reached the end of the chain"
    );
    let time = |n: usize| {
        let text = text(n);
        (0..3)
            .map(|_| {
                let started = Instant::now();
                gpuplan::load::Checked::from_source(Path::new("c.toml"), &text).unwrap();
                started.elapsed()
            })
            .min()
            .unwrap()
    };
    let (small, large) = (time(1_250), time(10_000));
    let ratio = large.as_secs_f64() / small.as_secs_f64();
    assert!(
        ratio < 24.0,
        "8x the chain took {ratio:.1}x the time ({small:?} → {large:?})"
    );
}

#[test]
fn limits_are_errors_at_the_element_that_passes_them() {
    let mut text = META.to_string();
    text.push_str("[[region]]\nname = \"G\"\ngrid = [");
    for i in 0..100_001 {
        text.push_str(&format!(
            "{}{{ from = \"2026-01\", mw = {i} }}",
            if i > 0 { "," } else { "" }
        ));
    }
    text.push_str("]\n");
    let error = gpuplan::model::Scenario::from_source(Path::new("l.toml"), &text)
        .unwrap_err()
        .to_string();
    assert!(
        error.contains("l.toml:7:")
            && error.contains("the scenario has 100,001 grid steps; at most 100,000 are allowed"),
        "{}",
        &error[..error.len().min(400)]
    );
    let rows = format!(
        "[scenario]\nname = \"x\"\nstart = \"2000-01\"\nend = \"2099-12\"\n{}",
        "[[allocation]]\nrecipient = \"R\"\nchip = \"B200\"\ncount = 1\n".repeat(8_400)
    );
    let error = gpuplan::model::Scenario::from_source(Path::new("r.toml"), &rows)
        .unwrap_err()
        .to_string();
    assert!(
        error.contains("r.toml:4:7: 1200 months × 8400 allocations would make timeline.csv 10,080,000 rows; at most 10,000,000"),
        "{}",
        &error[..error.len().min(400)]
    );
}

/// TOML nested past the parser's limit is an error at its line and column, not a crash.
#[test]
fn deep_nesting_is_reported_at_its_position() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("deep.toml");
    let depth = 100_000;
    fs::write(
        &path,
        format!("{META}x = {}{}\n", "[".repeat(depth), "]".repeat(depth)),
    )
    .unwrap();
    let (code, stderr) = check(&path);
    assert_eq!(code, 1);
    assert!(
        stderr.contains("deep.toml:5:5:") && stderr.contains("recursion"),
        "{}",
        &stderr[..stderr.len().min(600)]
    );
    assert!(
        stderr.len() < 2_000,
        "the excerpt is cut around the problem"
    );
}
