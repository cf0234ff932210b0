//! What each command does, one file per command: load the scenario, call the library, hand
//! the results to the exporters. `cli` only parses arguments and calls these.

pub mod backtest;
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
pub mod watch;

use std::path::{Path, PathBuf};

use anyhow::Result;

use crate::lang::fill;
use crate::load::Checked;
use crate::model::Scenario;

/// Reads and validates a scenario for a deterministic command, printing its warnings (if any)
/// to stderr and saying so when its uncertain inputs are set to their medians.
fn load(path: &Path) -> Result<Scenario> {
    Ok(load_mid_value(path)?.scenario)
}

/// [`load_checked`], saying so when the scenario's uncertain inputs are set to their medians.
fn load_mid_value(path: &Path) -> Result<Checked> {
    let checked = load_checked(path)?;
    if let Some(note) = crate::present::labels::medians_note(checked.uncertainty.inputs.len()) {
        let note = format!("{}: {note}", path.display());
        say_note(&note);
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
        say_warning(&crate::present::warnings::stranded(
            stranded,
            outcome.scenario.end(),
        ));
    }
}

/// "warning: …" on stderr, a blank line after it, in the current language.
fn say_warning(warning: &str) {
    crate::console::say(&format!(
        "{}\n\n",
        fill("say.warning", &[("message", warning)])
    ));
}

/// "note: …" on stderr, in the current language.
fn say_note(note: &str) {
    crate::console::say(&format!("{}\n", fill("say.note", &[("message", note)])));
}

/// `out/<scenario file stem>-<suffix>/`.
fn default_dir_for(scenario: &Path, suffix: &str) -> PathBuf {
    Path::new("out").join(format!("{}-{suffix}", stem(scenario)))
}

/// Reads and validates a scenario, printing its warnings (if any) to stderr.
fn load_checked(path: &Path) -> Result<Checked> {
    let checked = Checked::load(path)?;
    for warning in &checked.warnings {
        say_warning(&warning.to_string());
    }
    Ok(checked)
}

/// Refuses, before anything starts, a Monte Carlo run of `options` on `checked` whose tables
/// would pass the memory limit (`mc`, `report`, `seek --probability`, `sweep --samples`: each
/// trial of a seek or sweep holds one run's tables at a time).
fn fits_in_memory(
    scenario: &Scenario,
    uncertainty: &crate::uncertain::Uncertainty,
    options: crate::analysis::mc::Options,
    samples_csv: bool,
) -> Result<()> {
    use crate::analysis::mc;
    let layout = mc::Layout::new(scenario, uncertainty);
    let samples = usize::try_from(options.samples).unwrap_or(usize::MAX);
    let threads = mc::threads_for(options.threads, samples);
    Ok(mc::fits_in_memory(
        &layout,
        options.samples,
        threads,
        samples_csv,
    )?)
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

/// "Wrote a.csv, b.csv to DIR", in the current language.
fn wrote(names: &[impl AsRef<str>], dir: &Path) -> String {
    let names: Vec<&str> = names.iter().map(AsRef::as_ref).collect();
    crate::lang::fill(
        "wrote.files",
        &[
            ("files", &names.join(", ")),
            ("dir", &dir.display().to_string()),
        ],
    )
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

/// The uncertain inputs to sample when `variables` are varied over samples (`flag` names the
/// option that asked for samples): a varied key that holds a range is fixed at each tried
/// value instead of drawn — said in one line on stderr — and the other inputs are sampled.
/// An error when nothing is left to sample.
fn sampled_inputs(
    checked: &Checked,
    variables: &[&crate::uncertain::paths::Variable],
    flag: &str,
) -> Result<crate::uncertain::Uncertainty> {
    let mut uncertainty = checked.uncertainty.clone();
    for variable in variables {
        let Some(k) = uncertainty
            .inputs
            .iter()
            .position(|input| input.uses.iter().any(|u| u.slot == variable.slot))
        else {
            continue;
        };
        let input = &mut uncertainty.inputs[k];
        let note = if input.factor {
            input.uses.retain(|u| u.slot != variable.slot);
            let others = match input.uses.len() {
                0 => fill("note.factor_nothing", &[]),
                1 => fill("note.factor_other", &[]),
                n => fill("note.factor_others", &[("n", &n.to_string())]),
            };
            fill(
                "note.factor_fixed",
                &[
                    ("path", &variable.path),
                    ("factor", &input.key),
                    ("describe", &input.describe),
                    ("others", &others),
                ],
            )
        } else {
            fill(
                "note.range_fixed",
                &[("path", &variable.path), ("describe", &input.describe)],
            )
        };
        if input.uses.is_empty() || !input.factor {
            uncertainty.inputs.remove(k);
        }
        say_note(&note);
    }
    if uncertainty.is_empty() {
        if checked.uncertainty.is_empty() {
            anyhow::bail!("{flag} needs uncertain inputs to sample, and this scenario has none");
        }
        anyhow::bail!(
            "{flag} needs uncertain inputs to sample besides the key varied, and this scenario has no other"
        );
    }
    Ok(uncertainty)
}
