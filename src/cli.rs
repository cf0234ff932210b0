//! Command-line definitions and dispatch. No domain logic lives here: each command loads a
//! scenario, calls the library and hands results to an exporter.

use std::io::Write;
use std::path::{Path, PathBuf};

use anyhow::Result;
use clap::{Parser, Subcommand};

use crate::analysis::Outcome;
use crate::chart::{self, Format};
use crate::export;
use crate::model::{Checked, Scenario};

/// When will allocated AI chips actually be online, and what holds them back?
#[derive(Debug, Parser)]
#[command(name = "gpuplan", version, about, long_about = None)]
pub struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Simulate a scenario: write timeline, sites, regions, targets and summary files, print a summary.
    Run {
        /// Scenario file (TOML).
        scenario: PathBuf,
        /// Output folder [default: out/<scenario file stem>/].
        #[arg(long, value_name = "DIR")]
        out: Option<PathBuf>,
        /// Also draw every chart (PNG and SVG) into the output folder.
        #[arg(long)]
        charts: bool,
    },
    /// Draw the charts of a scenario (chips online, PFLOPS, power, waiting, sites).
    Chart {
        /// Scenario file (TOML).
        scenario: PathBuf,
        /// Output folder [default: out/<scenario file stem>/].
        #[arg(long, value_name = "DIR")]
        out: Option<PathBuf>,
        /// Which files to write.
        #[arg(long, value_enum, default_value_t = Format::Both)]
        format: Format,
    },
    /// Run several scenarios and compare them side by side, the first as the baseline.
    Compare {
        /// Scenario files (TOML), the baseline first.
        #[arg(required = true, num_args = 2..)]
        scenarios: Vec<PathBuf>,
        /// Output folder for compare.csv and the overlay charts
        /// [default: out/compare-<stem>+<stem>…/, named after the scenarios].
        #[arg(long, value_name = "DIR")]
        out: Option<PathBuf>,
        /// Also overlay this recipient's chips online (compare_recipient.png/.svg).
        #[arg(long, value_name = "NAME")]
        recipient: Option<String>,
    },
    /// Print the scenario as the simulator runs it: every `extends` merged, as TOML.
    Show {
        /// Scenario file (TOML).
        scenario: PathBuf,
    },
    /// Print what differs between two scenarios (after merging each one's `extends`), key by key.
    Diff {
        /// The scenario to compare from.
        a: PathBuf,
        /// The scenario to compare to.
        b: PathBuf,
    },
    /// Validate a scenario without running it.
    Check {
        /// Scenario file (TOML).
        scenario: PathBuf,
    },
    /// List the built-in chip catalog with its sources.
    Chips,
}

/// Parses the command line and runs the command, writing to `stdout`.
pub fn run(stdout: &mut dyn Write) -> Result<()> {
    match Cli::parse().command {
        Command::Run {
            scenario,
            out,
            charts,
        } => run_scenario(&scenario, out.as_deref(), charts, stdout),
        Command::Chart {
            scenario,
            out,
            format,
        } => {
            let outcome = Outcome::of(load(&scenario)?);
            let files = chart::render((&outcome).into(), format)?;
            let dir = out.unwrap_or_else(|| default_dir(&scenario));
            export::write::write_all(&dir, &files)?;
            writeln!(stdout, "Wrote {} charts to {}", files.len(), dir.display())?;
            Ok(())
        }
        Command::Check { scenario } => {
            let model = load(&scenario)?;
            writeln!(
                stdout,
                "OK: {} ({} to {}, {}, {}, {})",
                scenario.display(),
                model.start,
                model.end(),
                count(model.allocations.len(), "allocation"),
                count(model.sites.len(), "site"),
                count(model.targets.len(), "target")
            )?;
            Ok(())
        }
        Command::Compare {
            scenarios,
            out,
            recipient,
        } => compare(&scenarios, out.as_deref(), recipient.as_deref(), stdout),
        Command::Show { scenario } => {
            let loaded = crate::input::load(&scenario)?;
            Scenario::from_loaded(&loaded)?;
            stdout.write_all(crate::input::emit::to_toml(&loaded.tree).as_bytes())?;
            Ok(())
        }
        Command::Diff { a, b } => {
            let (left, right) = (crate::input::load(&a)?, crate::input::load(&b)?);
            Scenario::from_loaded(&left)?;
            Scenario::from_loaded(&right)?;
            let lines = crate::input::diff::diff(&left.tree, &right.tree);
            writeln!(stdout, "--- {}\n+++ {}", a.display(), b.display())?;
            if lines.is_empty() {
                writeln!(stdout, "no differences")?;
            }
            for line in lines {
                writeln!(stdout, "{line}")?;
            }
            Ok(())
        }
        Command::Chips => {
            stdout.write_all(export::catalog::text().as_bytes())?;
            Ok(())
        }
    }
}

fn run_scenario(
    path: &Path,
    out: Option<&Path>,
    charts: bool,
    stdout: &mut dyn Write,
) -> Result<()> {
    let outcome = Outcome::of(load(path)?);
    let mut files: Vec<(String, Vec<u8>)> = export::run_files(&outcome)
        .into_iter()
        .map(|(name, text)| (name.to_string(), text.into_bytes()))
        .collect();
    if charts {
        files.extend(chart::render((&outcome).into(), Format::Both)?);
    }
    let dir = out.map_or_else(|| default_dir(path), Path::to_path_buf);
    export::write::write_all(&dir, &files)?;
    stdout.write_all(export::terminal::summary(&outcome).as_bytes())?;
    let names: Vec<&str> = files.iter().map(|(name, _)| name.as_str()).collect();
    writeln!(stdout, "\nWrote {} to {}", names.join(", "), dir.display())?;
    Ok(())
}

fn compare(
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
    export::write::write_all(&dir, &files)?;
    let names: Vec<String> = outcomes.iter().map(|o| o.scenario.name.clone()).collect();
    stdout.write_all(export::compare::table(&labels, &names, &rows).as_bytes())?;
    writeln!(
        stdout,
        "\nWrote compare.csv and {} overlay charts to {}",
        files.len() - 1,
        dir.display()
    )?;
    Ok(())
}

/// Short, unique labels for compared files: their stems, numbered if two share one.
fn labels(paths: &[PathBuf]) -> Vec<String> {
    let stems: Vec<String> = paths
        .iter()
        .map(|p| {
            p.file_stem()
                .map_or_else(|| "scenario".into(), |s| s.to_string_lossy().into_owned())
        })
        .collect();
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

/// Reads and validates a scenario, printing its warnings (if any) to stderr.
fn load(path: &Path) -> Result<Scenario> {
    let checked = Checked::load(path)?;
    let mut stderr = std::io::stderr().lock();
    for warning in &checked.warnings {
        // A closed stderr must not stop the run; the warning is lost with it.
        let _ = writeln!(stderr, "warning: {warning}\n");
    }
    Ok(checked.scenario)
}

/// "1 site", "2 sites".
fn count(n: usize, noun: &str) -> String {
    if n == 1 {
        format!("1 {noun}")
    } else {
        format!("{n} {noun}s")
    }
}

/// `out/<scenario file stem>/`.
fn default_dir(scenario: &Path) -> PathBuf {
    let stem = scenario
        .file_stem()
        .map_or_else(|| "scenario".into(), |s| s.to_string_lossy().into_owned());
    Path::new("out").join(stem)
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
