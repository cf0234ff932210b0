//! `gpuplan chart`: draw a scenario's charts into its output folder.

use std::io::Write;
use std::path::Path;

use anyhow::Result;

use super::{default_dir, load};
use crate::analysis::Outcome;
use crate::chart::{self, Format};
use crate::export;

/// Draws the charts of the scenario at `path` in `format`, into `out` (default `out/<stem>/`).
pub fn run(path: &Path, out: Option<&Path>, format: Format, stdout: &mut dyn Write) -> Result<()> {
    let outcome = Outcome::of(load(path)?);
    super::warn_outcome(&outcome);
    let files = chart::render((&outcome).into(), format)?;
    let dir = out.map_or_else(|| default_dir(path), Path::to_path_buf);
    Ok(export::write::publish(&dir, &files, stdout, |stdout| {
        writeln!(
            stdout,
            "{}",
            crate::lang::fill(
                "wrote.charts",
                &[
                    ("n", &files.len().to_string()),
                    ("dir", &dir.display().to_string())
                ]
            )
        )
    })?)
}
