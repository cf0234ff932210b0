//! The newer commands keep every promise the first ones do (docs/reliability.md: Limits and safety): each
//! that samples refuses a run too large for memory up front, and none aborts under a memory
//! limit; names XML cannot hold are refused; a base that is not a scenario is not echoed;
//! threads are bounded by the work; `new` writes nothing when it fails; `report` never writes
//! over the scenario it reads.

mod common;
use common::{gpuplan, repo};

use std::fs;
use std::path::Path;
use std::process::Command;

const UNCERTAIN: &str = "scenarios/korea-260k-uncertain.toml";

/// The (exit code, stderr) of `gpuplan ARGS` run under `ulimit -v` of 8,000,000 KB.
fn limited(args: &[&str], dir: &Path) -> (i32, String) {
    let mut script = String::from("ulimit -v 8000000; exec \"$0\"");
    for i in 1..=args.len() {
        script.push_str(&format!(" \"${{{i}}}\""));
    }
    let out = Command::new("sh")
        .arg("-c")
        .arg(script)
        .arg(assert_cmd::cargo::cargo_bin("gpuplan"))
        .args(args)
        .current_dir(dir)
        .output()
        .unwrap();
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

/// A 100-year horizon, 200 recipients with 100 chips each, 50 targets and one ranged PUE: a
/// plain `report` (10,000 samples) would need about 12 GB of Monte Carlo tables.
fn huge_scenario() -> String {
    let mut t =
        String::from("[scenario]\nname = \"big\"\nstart = \"2000-01\"\nend = \"2099-12\"\n");
    for r in 0..200 {
        t.push_str(&format!(
            "[[recipient]]\nname = \"R{r}\"\n[[allocation]]\nrecipient = \"R{r}\"\nchip = \"B200\"\ncount = 100\ndeliveries = {{ start = \"2000-01\", months = 10 }}\n"
        ));
    }
    t.push_str("[[site]]\nname = \"S\"\npue = \"1.2 to 1.4\"\ncooling = \"air\"\nphases = [ { online = \"2000-01\", it_mw = 100 } ]\n");
    for k in 0..50 {
        t.push_str(&format!(
            "[[target]]\nname = \"T{k}\"\nmetric = \"chips_online\"\nvalue = 100\nby = \"2090-01\"\nrecipients = [\"R{k}\"]\n"
        ));
    }
    t
}

/// Regression: `report`, `sweep --samples` and `seek --probability` skipped the memory check
/// and aborted (exit 134) on a failed allocation. Each now refuses with `mc`'s message, exit 1,
/// nothing written — also under `ulimit -v 8000000`, where a run the 8 GiB limit allows but the
/// system will not give memory for ends in a clean error, never an abort.
#[test]
fn every_command_that_samples_refuses_a_run_too_large_for_memory() {
    let dir = tempfile::tempdir().unwrap();
    let big = dir.path().join("big.toml");
    fs::write(&big, huge_scenario()).unwrap();
    let uncertain = repo(UNCERTAIN).display().to_string();
    let cases: [Vec<&str>; 5] = [
        vec!["report", big.to_str().unwrap(), "--out", "r.html"],
        vec![
            "report",
            &uncertain,
            "--samples",
            "10000000",
            "--out",
            "r.html",
        ],
        vec![
            "sweep",
            &uncertain,
            "--vary",
            "site \"LG U+ Paju\".install_per_month=1000..5000:3",
            "--samples",
            "3000000",
            "--out",
            "sweep",
        ],
        vec![
            "seek",
            &uncertain,
            "--target",
            "All 260k online by 2030",
            "--vary",
            "site \"LG U+ Paju\".install_per_month",
            "--probability",
            "0.5",
            "--samples",
            "10000000",
            "--out",
            "seek",
        ],
        vec!["mc", &uncertain, "--samples", "10000000", "--out", "mc"],
    ];
    for args in &cases {
        let (code, stderr) = limited(args, dir.path());
        assert_eq!(code, 1, "{args:?}: {stderr}");
        assert!(
            stderr.contains("would need about") && stderr.contains("use --samples"),
            "{args:?}: {stderr}"
        );
    }
    // Under the 8 GiB limit but over what `ulimit -v` leaves: a clean error, not an abort.
    let (code, stderr) = limited(
        &[
            "report",
            big.to_str().unwrap(),
            "--samples",
            "6997",
            "--out",
            "r.html",
        ],
        dir.path(),
    );
    assert_eq!(code, 1, "{stderr}");
    assert!(
        stderr.contains("the system refused the memory this run's tables need"),
        "{stderr}"
    );
    let written: Vec<String> = fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    assert_eq!(written, ["big.toml"], "nothing written");
}

/// Names holding non-characters (U+FFFE, U+FFFF, U+FDD0–FDEF), which no SVG or XML file can
/// hold, are refused at their lines like control characters; and should one reach a chart,
/// its SVG shows it as the replacement character.
#[test]
fn non_characters_in_names_are_refused() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("n.toml");
    fs::write(
        &path,
        "[scenario]\nname = \"x\u{FFFE}\"\nstart = \"2026-01\"\nend = \"2026-06\"\n\
         [[region]]\nname = \"G\u{FFFF}\"\n[[region]]\nname = \"H\u{FDD0}\"\n",
    )
    .unwrap();
    let out = gpuplan().arg("check").arg(&path).output().unwrap();
    assert_eq!(out.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&out.stderr);
    for expected in [
        "n.toml:2:8: scenario name contains the non-character U+FFFE",
        "n.toml:6:8: region name contains the non-character U+FFFF",
        "n.toml:8:8: region name contains the non-character U+FDD0",
    ] {
        assert!(stderr.contains(expected), "{expected}\n{stderr}");
    }
    assert!(
        !stderr.contains('\u{FFFE}'),
        "the raw character reached stderr"
    );
    assert_eq!(
        gpuplan::console::printable("a\u{FFFE}b\u{FFFF}c\u{FDEF}"),
        "a\u{FFFD}b\u{FFFD}c\u{FFFD}"
    );
}

/// Regression: a `.env`-style base (`DB_PASS="s3cret"`) parsed as TOML and its lines were
/// printed in "unknown key" errors. A base with no [scenario] table and no key a scenario has
/// is "not a gpuplan scenario", by position only.
#[test]
fn a_base_that_is_not_a_scenario_is_not_echoed() {
    let dir = tempfile::tempdir().unwrap();
    fs::write(
        dir.path().join(".env"),
        "DB_PASS=\"s3cret\"\nAPI_KEY = \"abc123\"\n",
    )
    .unwrap();
    let what_if = dir.path().join("w.toml");
    fs::write(&what_if, "extends = \".env\"\n[scenario]\nname = \"w\"\n").unwrap();
    let out = gpuplan().arg("check").arg(&what_if).output().unwrap();
    assert_eq!(out.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains(".env:1:1: this file, named by `extends`, is not a gpuplan scenario"),
        "{stderr}"
    );
    for secret in ["s3cret", "DB_PASS", "abc123", "API_KEY"] {
        assert!(!stderr.contains(secret), "{secret} echoed: {stderr}");
    }
}

/// Threads are bounded by the work: `--threads 1024` on 200 samples starts no more threads
/// than there are blocks of samples (and four a core at most) — the results, which never
/// depend on the thread count, are those of `--threads 2`.
#[test]
fn threads_are_bounded_by_the_work() {
    use gpuplan::analysis::mc::{BLOCK, THREADS_PER_CORE, threads_for};
    let cores = std::thread::available_parallelism().map_or(1, usize::from);
    assert_eq!(
        threads_for(1024, 200),
        200usize.div_ceil(BLOCK).min(cores * THREADS_PER_CORE)
    );
    assert_eq!(threads_for(1024, 1), 1);
    assert_eq!(threads_for(1, 1_000_000), 1);
    assert!(threads_for(1024, 10_000_000) <= cores * THREADS_PER_CORE);
    let dir = tempfile::tempdir().unwrap();
    let sweep = |threads: &str, out: &str| {
        gpuplan()
            .arg("sweep")
            .arg(repo(UNCERTAIN))
            .args([
                "--vary",
                "site \"LG U+ Paju\".install_per_month=1000..5000:3",
                "--samples",
                "200",
                "--prior",
                "--threads",
                threads,
                "--out",
            ])
            .arg(dir.path().join(out))
            .assert()
            .success();
        fs::read_to_string(dir.path().join(out).join("sweep.csv")).unwrap()
    };
    assert_eq!(sweep("1024", "a"), sweep("2", "b"));
}

/// Regression: `gpuplan new b.toml > /dev/full` exited 1 but left `b.toml`. A run that fails
/// writes nothing; a reader that closes stdout early is no failure.
#[test]
fn new_writes_nothing_when_it_fails() {
    let dir = tempfile::tempdir().unwrap();
    let out = Command::new("sh")
        .arg("-c")
        .arg("\"$0\" new b.toml > /dev/full")
        .arg(assert_cmd::cargo::cargo_bin("gpuplan"))
        .current_dir(dir.path())
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("No space left on device"));
    assert!(!dir.path().join("b.toml").exists());
    assert_eq!(
        fs::read_dir(dir.path()).unwrap().count(),
        0,
        "no temporary left"
    );
    let status = Command::new("sh")
        .arg("-c")
        .arg("\"$0\" new b.toml | head -c 0")
        .arg(assert_cmd::cargo::cargo_bin("gpuplan"))
        .current_dir(dir.path())
        .status()
        .unwrap();
    assert_eq!(status.code(), Some(0));
    assert!(dir.path().join("b.toml").exists());
}

/// `report --out` naming the scenario itself, or any file it extends (by another spelling or
/// a link too), is refused and the file left as it was.
#[test]
fn report_never_writes_over_the_scenario_it_reads() {
    let dir = tempfile::tempdir().unwrap();
    let base = dir.path().join("base.toml");
    fs::copy(repo("scenarios/korea-260k.toml"), &base).unwrap();
    let what_if = dir.path().join("w.toml");
    fs::write(&what_if, "extends = \"base.toml\"\n").unwrap();
    std::os::unix::fs::symlink(&base, dir.path().join("link.html")).unwrap();
    let before = fs::read(&base).unwrap();
    for out in ["w.toml", "./base.toml", "link.html"] {
        let assert = gpuplan()
            .current_dir(dir.path())
            .args(["report", "w.toml", "--out", out])
            .assert()
            .code(1);
        let stderr = String::from_utf8_lossy(&assert.get_output().stderr).into_owned();
        assert!(
            stderr.contains("which the scenario is read from; the report would replace it"),
            "{out}: {stderr}"
        );
    }
    assert_eq!(fs::read(&base).unwrap(), before);
    assert!(fs::read_to_string(&what_if).unwrap().starts_with("extends"));
}
