//! `gpuplan tornado`: each uncertain input at its P10 and P90, the rest at their medians;
//! `tornado.csv`, a tornado chart per target and the inputs that move each target most.

use std::io::Write;
use std::path::{Path, PathBuf};

use anyhow::{Result, bail};

use super::{default_dir_for, find_target, load_checked};
use crate::analysis::tornado;
use crate::chart::{self, Format};
use crate::export;

/// Runs the tornado of the scenario at `path` for the targets named (all if none).
pub fn run(
    path: &Path,
    targets: &[String],
    out: Option<PathBuf>,
    stdout: &mut dyn Write,
) -> Result<()> {
    let checked = load_checked(path)?;
    let (scenario, uncertainty) = (&checked.scenario, &checked.uncertainty);
    if uncertainty.is_empty() {
        bail!(
            "the scenario has no uncertain inputs: write ranges where values are unknown (docs/scenario-format.md: Uncertain values)"
        );
    }
    if scenario.targets.is_empty() {
        bail!("the scenario has no targets to measure the inputs against");
    }
    let chosen: Vec<usize> = if targets.is_empty() {
        (0..scenario.targets.len()).collect()
    } else {
        let found: Vec<usize> = targets
            .iter()
            .map(|name| find_target(scenario, name))
            .collect::<Result<_, _>>()?;
        crate::names::unique_in_order(found)
    };
    let (bars, mid) = tornado::tornado(scenario, uncertainty)?;
    let mut files = vec![(
        "tornado.csv".to_string(),
        export::tornado::csv(scenario, uncertainty, &bars, &chosen).into_bytes(),
    )];
    files.extend(chart::render_tornado(
        chart::tornado::TornadoInput {
            scenario,
            uncertainty,
            bars: &bars,
            mid: &mid,
            target: 0,
        },
        &chosen,
        Format::Both,
    )?);
    let dir = out.unwrap_or_else(|| default_dir_for(path, "tornado"));
    let summary = export::tornado::summary(scenario, uncertainty, &bars, &mid, &chosen);
    let names: Vec<&str> = files.iter().map(|(name, _)| name.as_str()).collect();
    let wrote = format!("{}\n", super::wrote(&names, &dir));
    Ok(export::write::publish(&dir, &files, stdout, |stdout| {
        stdout.write_all(summary.as_bytes())?;
        stdout.write_all(wrote.as_bytes())
    })?)
}
