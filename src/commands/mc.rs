//! `gpuplan mc`: Monte Carlo over a scenario's uncertain inputs — the probability of meeting
//! each target and the spread of when — with a progress bar on a terminal.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::time::Instant;

use anyhow::{Result, bail};

use super::{default_dir_for, load_checked, sample};
use crate::analysis::Outcome;
use crate::analysis::mc::Options;
use crate::chart::{self, Format};
use crate::export;
use crate::export::mc::InputFile;
use crate::load::Checked;

/// What `gpuplan mc` was asked for.
pub struct Args {
    /// Samples, seed, threads.
    pub options: Options,
    /// Output folder.
    pub out: Option<PathBuf>,
    /// Draw the fan and probability charts.
    pub charts: bool,
    /// Write every sample to `samples.csv`.
    pub samples_csv: bool,
    /// Write the CSV files as one workbook too.
    pub xlsx: bool,
    /// Months by which to give each recipient's probability of being fully online.
    pub by: Vec<crate::units::YearMonth>,
}

/// Runs Monte Carlo on the scenario at `path`.
pub fn run(path: &Path, args: &Args, stdout: &mut dyn Write) -> Result<()> {
    let checked = load_checked(path)?;
    let (start, end) = (checked.scenario.start, checked.scenario.end());
    if let Some(outside) = args.by.iter().find(|m| **m < start || **m > end) {
        bail!("--by {outside} lies outside the scenario's horizon, {start} to {end}");
    }
    fits_in_memory(&checked, args)?;
    let mid = Outcome::of(checked.scenario.clone());
    let started = Instant::now();
    let result = sample(&checked, args.options)?;
    let took = started.elapsed();
    let files: Vec<InputFile> = checked
        .sources
        .files()
        .iter()
        .map(|f| InputFile {
            path: f.path.display().to_string(),
            sha256: crate::encode::sha256_hex(f.text.as_bytes()),
        })
        .collect();
    let scenario = &checked.scenario;
    let sheets = export::mc::sheets(
        scenario,
        &checked.uncertainty,
        &mid.report,
        &result,
        &args.by,
        args.samples_csv,
    );
    let mut out: Vec<(String, Vec<u8>)> = sheets
        .iter()
        .map(|(name, sheet)| ((*name).to_string(), sheet.csv().into_bytes()))
        .collect();
    // The run record after the tables of figures (before samples.csv).
    let record = export::mc::summary(
        scenario,
        &checked.uncertainty,
        &mid.report,
        &result,
        &files,
        &args.by,
    );
    let at = out
        .iter()
        .position(|(name, _)| name == "mc_importance.csv")
        .map_or(out.len(), |i| i + 1);
    out.insert(at, ("mc_summary.json".into(), record.into_bytes()));
    if args.charts {
        out.extend(chart::render_mc(
            chart::mc::McInput {
                mid: (&mid).into(),
                mc: &result,
            },
            Format::Both,
        )?);
    }
    if args.xlsx {
        let book = export::xlsx::workbook(&sheets)?;
        out.push(("gpuplan.xlsx".into(), book));
    }
    let dir = args
        .out
        .clone()
        .unwrap_or_else(|| default_dir_for(path, "mc"));
    let text = export::mc_terminal::summary(
        scenario,
        &mid.report,
        &result,
        &args.by,
        args.options.threads,
        took,
    );
    let names: Vec<&str> = out.iter().map(|(name, _)| name.as_str()).collect();
    let wrote = format!("\n{}\n", super::wrote(&names, &dir));
    Ok(export::write::publish(&dir, &out, stdout, |stdout| {
        stdout.write_all(text.as_bytes())?;
        stdout.write_all(wrote.as_bytes())
    })?)
}

/// Refuses a run that would need more than the memory limit, saying how many samples fit.
fn fits_in_memory(checked: &Checked, args: &Args) -> Result<()> {
    super::fits_in_memory(
        &checked.scenario,
        &checked.uncertainty,
        args.options,
        args.samples_csv,
    )
}
