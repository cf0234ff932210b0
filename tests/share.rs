//! Passing results on and getting started (README: Sharing): `new`, `completions`.

mod common;

use std::fs;

use common::{gpuplan, listing};

#[test]
fn new_writes_a_template_that_runs_and_never_overwrites() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("mine.toml");
    gpuplan().arg("new").arg(&file).assert().success();
    assert_eq!(
        fs::read_to_string(&file).unwrap(),
        gpuplan::commands::new::TEMPLATE
    );
    // It runs as it is, without a warning, and its targets are met.
    let out = dir.path().join("out");
    let run = gpuplan()
        .arg("run")
        .arg(&file)
        .arg("--out")
        .arg(&out)
        .assert()
        .success();
    assert!(run.get_output().stderr.is_empty(), "{:?}", run.get_output());
    let targets = fs::read_to_string(out.join("targets.csv")).unwrap();
    assert_eq!(targets.lines().count(), 3, "{targets}");
    assert!(
        targets.lines().skip(1).all(|l| l.ends_with(",true")),
        "{targets}"
    );
    // A second `new` onto the same name is refused and changes nothing.
    fs::write(&file, "mine").unwrap();
    let refused = gpuplan().arg("new").arg(&file).assert().code(1);
    let stderr = String::from_utf8(refused.get_output().stderr.clone()).unwrap();
    assert!(stderr.contains("already exists"), "{stderr}");
    assert_eq!(fs::read_to_string(&file).unwrap(), "mine");
    assert_eq!(
        listing(dir.path()),
        ["mine.toml", "out"],
        "no temporary file is left"
    );
}

#[test]
fn completions_for_every_shell() {
    for shell in ["bash", "zsh", "fish", "powershell", "elvish"] {
        let out = gpuplan().args(["completions", shell]).assert().success();
        let script = String::from_utf8(out.get_output().stdout.clone()).unwrap();
        for word in ["gpuplan", "refclass", "tornado", "--samples"] {
            assert!(script.contains(word), "{shell}: no {word}");
        }
    }
    gpuplan().args(["completions", "tcsh"]).assert().code(2);
}
