//! What each command does, one file per command: load the scenario, call the library, hand
//! the results to the exporters. `cli` only parses arguments and calls these.

pub mod chart;
pub mod check;
pub mod chips;
pub mod compare;
pub mod diff;
pub mod mc;
pub mod new;
mod progress;
pub mod refclass;
pub mod report;
pub mod run;
pub mod schema;
pub mod seek;
pub mod show;
pub mod sweep;
pub mod tornado;

use std::path::{Path, PathBuf};

use anyhow::Result;

use crate::model::{Checked, Scenario};

/// Reads and validates a scenario for a deterministic command, printing its warnings (if any)
/// to stderr and saying so when its uncertain inputs are set to their medians.
fn load(path: &Path) -> Result<Scenario> {
    Ok(load_mid_value(path)?.scenario)
}

/// [`load_checked`], saying so when the scenario's uncertain inputs are set to their medians.
fn load_mid_value(path: &Path) -> Result<Checked> {
    let checked = load_checked(path)?;
    if let Some(note) = checked.uncertainty.note() {
        crate::console::say(&format!("note: {}: {note}\n", path.display()));
    }
    Ok(checked)
}

/// The index of the target named `name`, or an error listing the scenario's targets.
fn find_target(scenario: &Scenario, name: &str) -> Result<usize> {
    if let Some(k) = scenario.targets.iter().position(|t| t.name == name) {
        return Ok(k);
    }
    let names: Vec<&str> = scenario.targets.iter().map(|t| t.name.as_str()).collect();
    if names.is_empty() {
        anyhow::bail!("the scenario has no targets");
    }
    let hint = crate::error::did_you_mean(name, names.iter().copied())
        .map_or_else(String::new, |n| format!(" — did you mean `{n}`?"));
    anyhow::bail!(
        "no target named `{name}`{hint} (the targets: {})",
        names
            .iter()
            .map(|n| format!("`{n}`"))
            .collect::<Vec<_>>()
            .join(", ")
    )
}

/// Prints, to stderr, the warnings a run's outcome gives (chips stranded beside a hall with
/// room), after the scenario's own.
fn warn_outcome(outcome: &crate::analysis::Outcome) {
    for stranded in &outcome.report.stranded {
        crate::console::say(&format!(
            "warning: {}\n\n",
            stranded.warning(outcome.scenario.end())
        ));
    }
}

/// `out/<scenario file stem>-<suffix>/`.
fn default_dir_for(scenario: &Path, suffix: &str) -> PathBuf {
    Path::new("out").join(format!("{}-{suffix}", stem(scenario)))
}

/// Reads and validates a scenario, printing its warnings (if any) to stderr.
fn load_checked(path: &Path) -> Result<Checked> {
    let checked = Checked::load(path)?;
    for warning in &checked.warnings {
        crate::console::say(&format!("warning: {warning}\n\n"));
    }
    Ok(checked)
}

/// Monte Carlo over `checked`'s uncertain inputs, with a progress bar on a terminal.
fn sample(
    checked: &Checked,
    options: crate::analysis::mc::Options,
) -> Result<crate::analysis::mc::Mc> {
    Ok(progress::with_progress(
        Some(options.samples),
        |progress| {
            crate::analysis::mc::run(&checked.scenario, &checked.uncertainty, options, progress)
        },
    )?)
}

/// `out/<scenario file stem>/`.
fn default_dir(scenario: &Path) -> PathBuf {
    Path::new("out").join(stem(scenario))
}

/// A file's stem, for folder names and labels.
fn stem(path: &Path) -> String {
    path.file_stem()
        .map_or_else(|| "scenario".into(), |s| s.to_string_lossy().into_owned())
}

/// Varying a key over samples needs ranges to sample, and a key that is not one of them (its
/// value would be drawn, not set). `flag` names the option that asked for samples.
fn sampled_key_allowed(
    checked: &Checked,
    variable: &crate::uncertain::paths::Variable,
    flag: &str,
) -> Result<()> {
    if checked.uncertainty.is_empty() {
        anyhow::bail!("{flag} needs uncertain inputs to sample, and this scenario has none");
    }
    if let Some(input) = checked
        .uncertainty
        .inputs
        .iter()
        .find(|input| input.uses.iter().any(|u| u.slot == variable.slot))
    {
        let what = if input.factor {
            format!("takes the factor `{}`", input.key)
        } else {
            format!("is uncertain ({})", input.describe)
        };
        anyhow::bail!(
            "`{}` {what}: with {flag}, vary a key that holds one value",
            variable.path
        );
    }
    Ok(())
}
