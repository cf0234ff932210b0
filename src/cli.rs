//! Command-line definitions and dispatch. No domain logic lives here: each command loads a
//! scenario, calls the library and hands results to an exporter.

use std::io::Write;
use std::path::{Path, PathBuf};

use anyhow::Result;
use clap::{Parser, Subcommand};

use crate::analysis::Report;
use crate::chart::{self, Format};
use crate::export::{self, format::quantity, table};
use crate::model::{Scenario, catalog};
use crate::sim;
use crate::units::Precision;

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
        /// Output folder [default: charts/<scenario file stem>/].
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
        /// Output folder for compare.csv and the overlay charts [default: out/compare/].
        #[arg(long, value_name = "DIR")]
        out: Option<PathBuf>,
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
            let model = Scenario::load(&scenario)?;
            let simulation = sim::simulate(&model);
            let report = Report::new(&model, &simulation);
            let files = chart::render(
                chart::Input {
                    scenario: &model,
                    sim: &simulation,
                    report: &report,
                },
                format,
            )?;
            let dir = out.unwrap_or_else(|| default_dir("charts", &scenario));
            export::write::write_all(&dir, &files)?;
            writeln!(stdout, "Wrote {} charts to {}", files.len(), dir.display())?;
            Ok(())
        }
        Command::Check { scenario } => {
            let model = Scenario::load(&scenario)?;
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
        Command::Compare { scenarios, out } => compare(&scenarios, out.as_deref(), stdout),
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
            stdout.write_all(chips_text().as_bytes())?;
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
    let scenario = Scenario::load(path)?;
    let simulation = sim::simulate(&scenario);
    let report = Report::new(&scenario, &simulation);
    let mut files: Vec<(String, Vec<u8>)> = export::run_files(&scenario, &simulation, &report)
        .into_iter()
        .map(|(name, text)| (name.to_string(), text.into_bytes()))
        .collect();
    if charts {
        let input = chart::Input {
            scenario: &scenario,
            sim: &simulation,
            report: &report,
        };
        files.extend(chart::render(input, Format::Both)?);
    }
    let dir = out.map_or_else(|| default_dir("out", path), Path::to_path_buf);
    export::write::write_all(&dir, &files)?;
    stdout.write_all(export::terminal::summary(&report).as_bytes())?;
    let names: Vec<&str> = files.iter().map(|(name, _)| name.as_str()).collect();
    writeln!(stdout, "\nWrote {} to {}", names.join(", "), dir.display())?;
    Ok(())
}

fn compare(paths: &[PathBuf], out: Option<&Path>, stdout: &mut dyn Write) -> Result<()> {
    let scenarios = paths
        .iter()
        .map(|p| Scenario::load(p))
        .collect::<Result<Vec<_>, _>>()?;
    let sims: Vec<_> = scenarios.iter().map(sim::simulate).collect();
    let reports: Vec<Report> = scenarios
        .iter()
        .zip(&sims)
        .map(|(s, r)| Report::new(s, r))
        .collect();
    let labels = labels(paths);
    let rows = crate::analysis::compare::rows(&reports.iter().collect::<Vec<_>>());
    let cases: Vec<chart::compare::Case> = (0..scenarios.len())
        .map(|i| chart::compare::Case {
            label: &labels[i],
            input: chart::Input {
                scenario: &scenarios[i],
                sim: &sims[i],
                report: &reports[i],
            },
        })
        .collect();
    let mut files = vec![(
        "compare.csv".to_string(),
        export::compare::csv(&labels, &rows).into_bytes(),
    )];
    files.extend(chart::render_compare(&cases, Format::Both)?);
    let dir = out.map_or_else(|| Path::new("out").join("compare"), Path::to_path_buf);
    export::write::write_all(&dir, &files)?;
    let names: Vec<String> = scenarios.iter().map(|s| s.name.clone()).collect();
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

/// "1 site", "2 sites".
fn count(n: usize, noun: &str) -> String {
    if n == 1 {
        format!("1 {noun}")
    } else {
        format!("{n} {noun}s")
    }
}

/// `<parent>/<scenario file stem>/`.
fn default_dir(parent: &str, scenario: &Path) -> PathBuf {
    let stem = scenario
        .file_stem()
        .map_or_else(|| "scenario".into(), |s| s.to_string_lossy().into_owned());
    Path::new(parent).join(stem)
}

/// The catalog as a table followed by each chip's sources and estimates.
fn chips_text() -> String {
    let mut columns = vec![
        ("Chip", table::Align::Left),
        ("TDP W", table::Align::Right),
        ("IT kW", table::Align::Right),
        ("Cooling", table::Align::Left),
    ];
    columns.extend(
        Precision::ALL
            .iter()
            .map(|p| (p.as_str(), table::Align::Right)),
    );
    let mut t = table::Table::new(&columns);
    for chip in catalog::CATALOG {
        let mut row = vec![
            chip.name.to_string(),
            chip.tdp_w.map_or("n/a".into(), |w| quantity(w, 0)),
            chip.it_kw.map_or_else(
                || {
                    if chip.tdp_w.is_some() {
                        "derived".into()
                    } else {
                        "n/a".into()
                    }
                },
                |kw| format!("{kw:.3}"),
            ),
            chip.cooling.as_str().to_string(),
        ];
        let table = chip.tflops_table();
        row.extend(Precision::ALL.iter().map(|&p| {
            table.get(p).map_or("-".into(), |v| {
                quantity(v, if v.fract() == 0.0 { 0 } else { 2 })
            })
        }));
        t.row(row);
    }
    let mut out = String::from(
        "Built-in chips: dense peak TFLOPS (TOPS for int8); IT kW is all-in per chip from system figures\n",
    );
    out.push_str("(\"derived\" = tdp_w / 1000 x server_overhead, default 1.82; \"n/a\" = not found, give it in the scenario)\n\n");
    out.push_str(&t.render());
    out.push_str("\nSources\n");
    for chip in catalog::CATALOG {
        out.push_str(&format!(
            "  {:<11} {}: {}\n",
            chip.name, chip.description, chip.source
        ));
        if !chip.estimates.is_empty() {
            out.push_str(&format!("  {:<11} estimate: {}\n", "", chip.estimates));
        }
    }
    out
}
