//! `gpuplan report`: one self-contained HTML page of a scenario's run — and, when the scenario
//! has uncertain inputs, of its Monte Carlo and of the reference classes it draws from — to
//! pass on as a single file.

use std::io::Write;
use std::path::{Path, PathBuf};

use anyhow::{Result, bail};

use super::{default_dir, load_mid_value, sample};
use crate::analysis::mc::Options;
use crate::analysis::{Outcome, backtest};
use crate::chart::{self, Format};
use crate::export;
use crate::export::report::{Likelihood, OutsideView, Page};
use crate::load::Checked;
use crate::uncertain::{Uncertainty, refclass};

/// What `report` was asked for.
pub struct Args {
    /// Monte Carlo samples, seed and threads (used when the scenario has uncertain inputs).
    pub options: Options,
    /// The report file [default: out/<stem>/report.html, beside the run's files].
    pub out: Option<PathBuf>,
}

/// Writes the report of the scenario at `path`.
pub fn run(path: &Path, args: &Args, stdout: &mut dyn Write) -> Result<()> {
    let checked = load_mid_value(path)?;
    if let Some(file) = &args.out {
        refuse_a_source(&checked, file)?;
    }
    if !checked.uncertainty.is_empty() {
        super::fits_in_memory(&checked.scenario, &checked.uncertainty, args.options, false)?;
    }
    let (html, mut files) = render(&checked, args.options)?;
    let size = html.len();
    if let Some(file) = &args.out {
        write_alone(file, &html, stdout)
    } else {
        // Beside the run's files, as one set with them.
        let dir = default_dir(path);
        files.push(("report.html".into(), html.into_bytes()));
        Ok(export::write::publish(&dir, &files, stdout, |stdout| {
            writeln!(
                stdout,
                "{}",
                crate::lang::fill(
                    "wrote.report_with_run",
                    &[
                        ("file", &dir.join("report.html").display().to_string()),
                        ("kb", &size.div_ceil(1024).to_string())
                    ]
                )
            )
        })?)
    }
}

/// Named files' bytes.
type Files = Vec<(String, Vec<u8>)>;

/// The report page of `checked` (sampled with `options` when it has uncertain inputs), and the
/// run's files it goes beside.
pub fn render(checked: &Checked, options: Options) -> Result<(String, Files)> {
    let outcome = Outcome::of(checked.scenario.clone());
    super::warn_outcome(&outcome);
    let files: Vec<(String, Vec<u8>)> = export::run_files(&outcome)
        .into_iter()
        .map(|(name, text)| (name.to_string(), text.into_bytes()))
        .collect();
    let charts = chart::render((&outcome).into(), Format::SvgInPage)?;
    let result = if checked.uncertainty.is_empty() {
        None
    } else {
        Some(sample(checked, options)?)
    };
    let likelihood = match &result {
        None => None,
        Some(result) => {
            let input = chart::mc::McInput {
                mid: (&outcome).into(),
                mc: result,
            };
            let charts = chart::render_mc(input, Format::SvgInPage)?
                .into_iter()
                .map(|(name, bytes)| (name, String::from_utf8_lossy(&bytes).into_owned()))
                .collect();
            Some(Likelihood {
                targets: export::mc::targets(&checked.scenario, &outcome.report, result),
                money: crate::analysis::mc::economics::picks(&checked.scenario, result),
                charts,
                summaries: &result.targets,
                samples: result.samples,
                kept: result.kept,
                seed: result.seed,
            })
        }
    };
    let outside_view = outside_view(&checked.uncertainty)?;
    let html = export::report::render(&Page {
        outcome: &outcome,
        charts: &charts,
        likelihood,
        outside_view,
        sources: &checked.sources,
        note: crate::present::labels::medians_note(checked.uncertainty.inputs.len()),
    });
    Ok((html, files))
}

/// Refuses an `--out` that is one of the files the scenario is read from.
fn refuse_a_source(checked: &Checked, file: &Path) -> Result<()> {
    if let Some(source) = checked
        .sources
        .files()
        .iter()
        .find(|source| same_file(&source.path, file))
    {
        bail!(
            "--out {} is {}, which the scenario is read from; the report would replace it — choose another file",
            file.display(),
            source.path.display()
        );
    }
    Ok(())
}

/// Writes the report alone, as the file `--out` names.
fn write_alone(file: &Path, html: &str, stdout: &mut dyn Write) -> Result<()> {
    if file.is_dir() {
        bail!(
            "--out names a file to write, and {} is a folder",
            file.display()
        );
    }
    Ok(export::write::publish_file(
        file,
        html.as_bytes(),
        stdout,
        |stdout| {
            writeln!(
                stdout,
                "{}",
                crate::lang::fill(
                    "wrote.report",
                    &[
                        ("file", &file.display().to_string()),
                        ("kb", &html.len().div_ceil(1024).to_string())
                    ]
                )
            )
        },
    )?)
}

/// The backtest of the reference classes the scenario draws from, with their chart.
fn outside_view(uncertainty: &Uncertainty) -> Result<Option<OutsideView>> {
    let dataset = refclass::shipped();
    let backtests: Vec<_> = uncertainty
        .reference_classes()
        .into_iter()
        .filter_map(|name| dataset.class(name))
        .map(|class| backtest::class(dataset, &class.name))
        .collect();
    if backtests.is_empty() {
        return Ok(None);
    }
    let chart = chart::render_backtest(&backtests, Format::SvgInPage)?
        .into_iter()
        .map(|(_, bytes)| String::from_utf8_lossy(&bytes).into_owned())
        .collect();
    Ok(Some(OutsideView { backtests, chart }))
}

/// Whether `a` and `b` name the same existing file (through links or other spellings too).
fn same_file(a: &Path, b: &Path) -> bool {
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt;
        if let (Ok(x), Ok(y)) = (std::fs::metadata(a), std::fs::metadata(b)) {
            return x.dev() == y.dev() && x.ino() == y.ino();
        }
    }
    match (std::fs::canonicalize(a), std::fs::canonicalize(b)) {
        (Ok(x), Ok(y)) => x == y,
        _ => false,
    }
}
