//! `gpuplan sweep`: the scenario run over a grid of values of one or two keys; `sweep.csv`, the
//! sweep chart and a table of outcomes.

use std::io::Write;
use std::path::{Path, PathBuf};

use anyhow::{Result, anyhow, bail};

use super::progress::with_progress;
use super::{default_dir_for, find_target, load_checked, load_mid_value, sampled_inputs};
use crate::analysis::mc::Options;
use crate::analysis::sweep::{self, DEFAULT_STEPS, Dimension};
use crate::analysis::trial::Mode;
use crate::chart::{self, Format};
use crate::export;
use crate::load::Checked;
use crate::present::format::key_value_text;

/// Most values one key may take.
pub const MAX_STEPS: usize = 1001;

/// What `gpuplan sweep` was asked for.
pub struct Args {
    /// Each `PATH=FROM..TO[:STEPS]`, as written (one or two).
    pub vary: Vec<String>,
    /// With samples: Monte Carlo at every point (samples, seed, threads).
    pub options: Option<Options>,
    /// The target of the two-key heat map, by name (default: the first).
    pub target: Option<String>,
    /// Output folder.
    pub out: Option<PathBuf>,
}

/// Sweeps the scenario at `path`.
pub fn run(path: &Path, args: &Args, stdout: &mut dyn Write) -> Result<()> {
    let checked = if args.options.is_some() {
        load_checked(path)?
    } else {
        load_mid_value(path)?
    };
    let dimensions = args
        .vary
        .iter()
        .map(|spec| dimension(&checked, spec))
        .collect::<Result<Vec<_>>>()?;
    if dimensions.len() == 2 && dimensions[0].variable.path == dimensions[1].variable.path {
        bail!("--vary names `{}` twice", dimensions[0].variable.path);
    }
    let varied: Vec<_> = dimensions.iter().map(|d| d.variable).collect();
    let uncertainty = match args.options {
        Some(options) => {
            let sampled = sampled_inputs(&checked, &varied, "--samples")?;
            super::fits_in_memory(&checked.scenario, &sampled, options, false)?;
            sampled
        }
        None => checked.uncertainty.clone(),
    };
    let scenario = &checked.scenario;
    let target = match &args.target {
        Some(name) => find_target(scenario, name)?,
        None => 0,
    };
    let runs: usize = dimensions.iter().map(|d| d.values.len()).product();
    let points = match args.options {
        None => sweep::sweep(scenario, &dimensions, Mode::Once),
        Some(options) => with_progress(Some(options.samples * runs as u64), |progress| {
            let mode = Mode::Samples {
                uncertainty: &uncertainty,
                options,
                progress,
            };
            sweep::sweep(scenario, &dimensions, mode)
        }),
    }
    .map_err(|bad| anyhow!("{}: {}", where_it_failed(&dimensions, &bad), bad.problem))?;
    let samples = args.options.is_some();
    let mut files = vec![(
        "sweep.csv".to_string(),
        export::sweep::csv(scenario, &dimensions, &points, samples).into_bytes(),
    )];
    files.extend(chart::render_sweep(
        chart::sweep::SweepInput {
            scenario,
            dimensions: &dimensions,
            points: &points,
            samples,
            target,
        },
        Format::Both,
    )?);
    let dir = args
        .out
        .clone()
        .unwrap_or_else(|| default_dir_for(path, "sweep"));
    let table = export::sweep::table(scenario, &dimensions, &points);
    let names: Vec<&str> = files.iter().map(|(name, _)| name.as_str()).collect();
    let wrote = format!("\n{}\n", super::wrote(&names, &dir));
    Ok(export::write::publish(&dir, &files, stdout, |stdout| {
        stdout.write_all(table.as_bytes())?;
        stdout.write_all(wrote.as_bytes())
    })?)
}

/// `PATH=FROM..TO[:STEPS]` as a key and its values.
fn dimension<'a>(checked: &'a Checked, spec: &str) -> Result<Dimension<'a>> {
    let form = "--vary takes PATH=FROM..TO or PATH=FROM..TO:STEPS";
    let (path, range) = spec
        .rsplit_once('=')
        .ok_or_else(|| anyhow!("{form}, not `{spec}`"))?;
    let variable = checked.variables.find(path)?;
    let (range, steps) = match range.rsplit_once(':') {
        Some((range, steps)) => {
            let steps: usize = steps
                .trim()
                .parse()
                .map_err(|_| anyhow!("{form}: STEPS must be a whole number, not `{steps}`"))?;
            if !(2..=MAX_STEPS).contains(&steps) {
                bail!("{form}: STEPS must be from 2 to {MAX_STEPS}, not {steps}");
            }
            (range, steps)
        }
        None => (range, DEFAULT_STEPS),
    };
    let (from, to) = range
        .split_once("..")
        .ok_or_else(|| anyhow!("{form}, not `{spec}`"))?;
    let from = variable
        .parse(from)
        .map_err(|e| anyhow!("--vary {}: {e}", variable.path))?;
    let to = variable
        .parse(to)
        .map_err(|e| anyhow!("--vary {}: {e}", variable.path))?;
    if from == to {
        bail!("--vary {}: FROM and TO are the same value", variable.path);
    }
    Ok(Dimension::new(variable, from, to, steps))
}

/// "with `a` = 1 and `b` = 2": the point of a sweep that could not be run.
fn where_it_failed(dimensions: &[Dimension], bad: &sweep::BadPoint) -> String {
    let at: Vec<String> = dimensions
        .iter()
        .zip(&bad.values)
        .map(|(d, &v)| {
            format!(
                "`{}` = {}",
                d.variable.path,
                key_value_text(d.variable.kind, v, 6)
            )
        })
        .collect();
    crate::lang::fill("trial.with", &[("at", &crate::lang::and_list(&at))])
}
