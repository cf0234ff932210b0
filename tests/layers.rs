//! The dependency arrows of the library point one way (docs/development.md: Layout): input → uncertain →
//! model → load and sim → analysis → present → chart → export → commands, each stage using
//! only those before it and the shared foundations (units, numbers, names, …). Checked on the
//! source text: a `crate::STAGE` path in code (not in comments) of an earlier stage fails.

use std::fs;
use std::path::Path;

/// Each stage with its rank; a stage may use only stages of lower rank.
const STAGES: [(&str, u32); 11] = [
    ("input", 1),
    ("uncertain", 2),
    ("model", 3),
    ("load", 4),
    ("sim", 4),
    ("analysis", 5),
    ("present", 6),
    ("chart", 7),
    ("export", 8),
    ("commands", 9),
    ("cli", 10),
];

/// Library crates only the command line may use.
const COMMAND_LINE_ONLY: [&str; 2] = ["clap", "anyhow"];

fn rank(stage: &str) -> Option<u32> {
    STAGES.iter().find(|(s, _)| *s == stage).map(|&(_, r)| r)
}

/// Every `.rs` file under `dir`, with the stage it belongs to (its first path component).
fn sources(dir: &Path, out: &mut Vec<(String, String)>) {
    for entry in fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            sources(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            let relative = path.strip_prefix("src").unwrap();
            let first = relative.components().next().unwrap();
            let stage = first
                .as_os_str()
                .to_string_lossy()
                .trim_end_matches(".rs")
                .to_string();
            out.push((stage, fs::read_to_string(&path).unwrap()));
        }
    }
}

/// The code of a file: lines that are not comments.
fn code(text: &str) -> impl Iterator<Item = (usize, &str)> {
    text.lines()
        .enumerate()
        .filter(|(_, line)| !line.trim_start().starts_with("//"))
}

fn backward_uses(stage: &str, text: &str) -> Vec<String> {
    let Some(own) = rank(stage) else {
        return Vec::new();
    };
    let mut found = Vec::new();
    for (n, line) in code(text) {
        for (at, _) in line.match_indices("crate::") {
            let used: String = line[at + 7..]
                .chars()
                .take_while(|c| c.is_alphanumeric() || *c == '_')
                .collect();
            if let Some(theirs) = rank(&used)
                && used != stage
                && theirs >= own
            {
                found.push(format!("{stage} uses {used} (line {})", n + 1));
            }
        }
    }
    found
}

#[test]
fn every_stage_uses_only_earlier_stages() {
    let mut files = Vec::new();
    sources(Path::new("src"), &mut files);
    assert!(files.len() > 50, "the sources were found");
    let wrong: Vec<String> = files
        .iter()
        .flat_map(|(stage, text)| backward_uses(stage, text))
        .collect();
    assert!(wrong.is_empty(), "{wrong:#?}");
}

#[test]
fn the_check_sees_a_backward_use() {
    assert_eq!(
        backward_uses(
            "model",
            "use crate::sim::fit;\n// crate::sim in a comment\n"
        ),
        ["model uses sim (line 1)"]
    );
    assert!(backward_uses("sim", "use crate::model::Scenario;").is_empty());
    assert_eq!(
        backward_uses("sim", "crate::load::Checked"),
        ["sim uses load (line 1)"]
    );
}

#[test]
fn the_library_uses_clap_and_anyhow_only_on_the_command_line() {
    let mut files = Vec::new();
    sources(Path::new("src"), &mut files);
    let wrong: Vec<&str> = files
        .iter()
        .filter(|(stage, _)| !matches!(stage.as_str(), "commands" | "cli" | "main"))
        .filter(|(_, text)| {
            code(text).any(|(_, line)| {
                COMMAND_LINE_ONLY
                    .iter()
                    .any(|krate| line.contains(&format!("{krate}::")))
            })
        })
        .map(|(stage, _)| stage.as_str())
        .collect();
    assert!(wrong.is_empty(), "{wrong:?}");
}
