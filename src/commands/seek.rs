//! `gpuplan seek`: the value of one key that makes a target met (or met with a probability),
//! as a sentence and `seek.csv`.

use std::io::Write;
use std::path::{Path, PathBuf};

use anyhow::{Result, bail};

use super::progress::with_progress;
use super::{default_dir_for, find_target, load_checked, load_mid_value, sampled_inputs};
use crate::analysis::mc::Options;
use crate::analysis::seek::{self, Goal};
use crate::analysis::trial::Mode;
use crate::export;
use crate::lang::fill;
use crate::load::Checked;
use crate::present::format::thousands;
use crate::uncertain::paths::Variable;

/// What `gpuplan seek` was asked for.
pub struct Args {
    /// The target's name.
    pub target: String,
    /// The key's path.
    pub vary: String,
    /// The range, as written.
    pub from: Option<String>,
    /// The other end.
    pub to: Option<String>,
    /// Met with at least this probability (over samples).
    pub probability: Option<f64>,
    /// Samples, seed, threads for a probability seek.
    pub options: Options,
    /// Output folder.
    pub out: Option<PathBuf>,
}

/// Seeks on the scenario at `path`.
pub fn run(path: &Path, args: &Args, stdout: &mut dyn Write) -> Result<()> {
    // A probability seek samples the ranges; a plain one runs the mid-value case and says so.
    let checked = if args.probability.is_some() {
        load_checked(path)?
    } else {
        load_mid_value(path)?
    };
    let scenario = &checked.scenario;
    let target = find_target(scenario, &args.target)?;
    let variable = checked.variables.find(&args.vary)?;
    let uncertainty = match args.probability {
        Some(_) => {
            let sampled = sampled_inputs(&checked, &[variable], "--probability")?;
            super::fits_in_memory(scenario, &sampled, args.options, false)?;
            sampled
        }
        None => checked.uncertainty.clone(),
    };
    let (from, to) = range(&checked, variable, args)?;
    let goal = Goal {
        target,
        variable,
        from,
        to,
        probability: args.probability,
        ranged: checked
            .uncertainty
            .inputs
            .iter()
            .any(|input| input.uses.iter().any(|u| u.slot == variable.slot)),
    };
    let result = match args.probability {
        None => seek::seek(scenario, &goal, Mode::Once),
        Some(_) => with_progress(None, |progress| {
            seek::seek(
                scenario,
                &goal,
                Mode::Samples {
                    uncertainty: &uncertainty,
                    options: args.options,
                    progress,
                },
            )
        }),
    }?;
    let samples = fill(
        "seek.samples",
        &[
            ("n", &thousands(args.options.samples)),
            ("seed", &args.options.seed.to_string()),
        ],
    );
    let answer = export::seek::answer(
        scenario,
        &goal,
        &result,
        args.probability.is_some().then_some(samples.as_str()),
    );
    let dir = args
        .out
        .clone()
        .unwrap_or_else(|| default_dir_for(path, "seek"));
    let files = [(
        "seek.csv".to_string(),
        export::seek::csv(scenario, &goal, &result).into_bytes(),
    )];
    Ok(export::write::publish(&dir, &files, stdout, |stdout| {
        stdout.write_all(answer.as_bytes())?;
        let wrote = fill(
            "seek.wrote",
            &[
                ("n", &result.trials.len().to_string()),
                ("dir", &dir.display().to_string()),
            ],
        );
        writeln!(stdout, "\n{wrote}")
    })?)
}

/// The range to search: as given, or the key's default range.
fn range(checked: &Checked, variable: &Variable, args: &Args) -> Result<(f64, f64)> {
    let parse = |flag: &str, text: &str| {
        variable
            .parse(text)
            .map_err(|e| anyhow::anyhow!("--{flag}: {e}"))
    };
    let default = seek::default_range(&checked.scenario, variable);
    let (from, to) = match (&args.from, &args.to, default) {
        (Some(a), Some(b), _) => (parse("from", a)?, parse("to", b)?),
        (Some(a), None, Some((_, hi))) => (parse("from", a)?, hi),
        (None, Some(b), Some((lo, _))) => (lo, parse("to", b)?),
        (None, None, Some(range)) => range,
        _ => bail!(
            "`{}` has no current value to search around: give --from and --to",
            variable.path
        ),
    };
    if from == to {
        bail!("--from and --to are the same value: give a range to search");
    }
    Ok((from, to))
}
