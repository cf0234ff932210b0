//! `gpuplan compare`: run several scenarios and set them side by side, the first as the
//! baseline; write `compare.csv` and the overlay charts.

use std::io::Write;
use std::path::{Path, PathBuf};

use anyhow::Result;

use super::{load_mid_value, sample, stem};
use crate::analysis::compare::Cell;
use crate::analysis::mc::Options;
use crate::analysis::{Outcome, Report};
use crate::chart::{self, Format};
use crate::export;
use crate::load::Checked;

/// What `compare` was asked for.
pub struct Args {
    /// Output folder [default: out/compare-<stem>+<stem>…/].
    pub out: Option<PathBuf>,
    /// A recipient whose chips online get an overlay of their own.
    pub recipient: Option<String>,
    /// Monte Carlo of each case (`--samples`), for each target's chance.
    pub sampling: Option<Options>,
}

/// Compares the scenarios at `paths`.
pub fn run(paths: &[PathBuf], args: &Args, stdout: &mut dyn Write) -> Result<()> {
    let checked = paths
        .iter()
        .map(|p| load_mid_value(p))
        .collect::<Result<Vec<_>>>()?;
    if let Some(options) = args.sampling {
        for case in &checked {
            super::fits_in_memory(&case.scenario, &case.uncertainty, options, false)?;
        }
    }
    let outcomes: Vec<Outcome> = checked
        .iter()
        .map(|c| Outcome::of(c.scenario.clone()))
        .collect();
    let labels = labels(paths);
    let mut rows =
        crate::analysis::compare::rows(&outcomes.iter().map(|o| &o.report).collect::<Vec<_>>());
    if let Some(options) = args.sampling {
        let chances = checked
            .iter()
            .zip(&outcomes)
            .map(|(case, outcome)| chances(case, &outcome.report, options))
            .collect::<Result<Vec<_>>>()?;
        rows = crate::analysis::compare::with_chances(rows, &chances);
    }
    let recipient = args.recipient.as_deref();
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
    let dir = args
        .out
        .as_deref()
        .map_or_else(|| compare_dir(&labels), Path::to_path_buf);
    let names: Vec<String> = outcomes.iter().map(|o| o.scenario.name.clone()).collect();
    let table = export::compare::table(&labels, &names, &rows);
    Ok(export::write::publish(&dir, &files, stdout, |stdout| {
        stdout.write_all(table.as_bytes())?;
        let wrote = crate::lang::fill(
            "compare.wrote",
            &[
                ("n", &(files.len() - 1).to_string()),
                ("dir", &dir.display().to_string()),
            ],
        );
        writeln!(stdout, "\n{wrote}")
    })?)
}

/// Each target's chance over `case`'s samples. A case without ranges draws nothing: its every
/// sample is its one run (`report`), so where that run agrees with every observation each
/// target is met in all samples or in none, and nothing is run again; where it does not, the
/// samples are run and say so as `mc` does.
fn chances(case: &Checked, report: &Report, options: Options) -> Result<Vec<(String, Cell)>> {
    if case.uncertainty.is_empty() && report.observed.iter().all(|o| o.within_tolerance) {
        return Ok(report
            .targets
            .iter()
            .map(|t| {
                let cell = Cell::Chance {
                    p: if t.met { 1.0 } else { 0.0 },
                    stderr: 0.0,
                    samples: options.samples,
                };
                (t.name.clone(), cell)
            })
            .collect());
    }
    let result = sample(case, options)?;
    Ok(case
        .scenario
        .targets
        .iter()
        .zip(&result.targets)
        .map(|(target, summary)| {
            let cell = Cell::Chance {
                p: summary.p_met,
                stderr: summary.p_met_stderr,
                samples: result.kept,
            };
            (target.name.clone(), cell)
        })
        .collect())
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
