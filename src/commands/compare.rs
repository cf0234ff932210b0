//! `gpuplan compare`: run several scenarios and set them side by side, the first as the
//! baseline; write `compare.csv` and the overlay charts.

use std::io::Write;
use std::path::{Path, PathBuf};

use anyhow::Result;

use super::{load, stem};
use crate::analysis::Outcome;
use crate::chart::{self, Format};
use crate::export;

/// Compares the scenarios at `paths`, overlaying `recipient`'s chips online if given.
pub fn run(
    paths: &[PathBuf],
    out: Option<&Path>,
    recipient: Option<&str>,
    stdout: &mut dyn Write,
) -> Result<()> {
    let outcomes = paths
        .iter()
        .map(|p| Ok(Outcome::of(load(p)?)))
        .collect::<Result<Vec<_>>>()?;
    let labels = labels(paths);
    let rows =
        crate::analysis::compare::rows(&outcomes.iter().map(|o| &o.report).collect::<Vec<_>>());
    let cases: Vec<chart::compare::Case> = outcomes
        .iter()
        .zip(&labels)
        .map(|(o, label)| chart::compare::Case {
            label,
            input: o.into(),
        })
        .collect();
    let mut files = vec![(
        "compare.csv".to_string(),
        export::compare::csv(&labels, &rows).into_bytes(),
    )];
    if let Some(name) = recipient {
        let known: Vec<&str> = outcomes
            .iter()
            .flat_map(|o| o.scenario.recipients.iter().map(|r| r.name.as_str()))
            .fold(Vec::new(), |mut all, n| {
                if !all.contains(&n) {
                    all.push(n);
                }
                all
            });
        if !known.contains(&name) {
            anyhow::bail!(
                "--recipient: no scenario has a recipient `{name}` (they have: {})",
                known.join(", ")
            );
        }
    }
    let comparison = chart::compare::Comparison {
        cases: &cases,
        recipient,
    };
    files.extend(chart::render_compare(comparison, Format::Both)?);
    let dir = out.map_or_else(|| compare_dir(&labels), Path::to_path_buf);
    let names: Vec<String> = outcomes.iter().map(|o| o.scenario.name.clone()).collect();
    let table = export::compare::table(&labels, &names, &rows);
    Ok(export::write::publish(&dir, &files, stdout, |stdout| {
        stdout.write_all(table.as_bytes())?;
        writeln!(
            stdout,
            "\nWrote compare.csv and {} overlay charts to {}",
            files.len() - 1,
            dir.display()
        )
    })?)
}

/// Short, unique labels for compared files: their stems, numbered if two share one.
fn labels(paths: &[PathBuf]) -> Vec<String> {
    let stems: Vec<String> = paths.iter().map(|p| stem(p)).collect();
    stems
        .iter()
        .enumerate()
        .map(|(i, stem)| {
            if stems.iter().filter(|s| *s == stem).count() > 1 {
                format!("{stem}#{}", i + 1)
            } else {
                stem.clone()
            }
        })
        .collect()
}

/// `out/compare-<a>+<b>+…/`, named after the compared files; a long list keeps the first name
/// and a count, made unique by a hash of the whole list.
fn compare_dir(labels: &[String]) -> PathBuf {
    let joined = labels.join("+");
    let name = if joined.len() <= 100 {
        format!("compare-{joined}")
    } else {
        let hash = export::write::fnv1a(joined.as_bytes());
        format!(
            "compare-{}+{}-more-{:08x}",
            labels[0],
            labels.len() - 1,
            hash >> 32
        )
    };
    Path::new("out").join(name)
}
