//! `gpuplan run`: simulate, write the run's files (and charts and a workbook on request), print
//! the summary.

use std::io::Write;
use std::path::Path;

use anyhow::Result;

use super::{default_dir, load};
use crate::analysis::Outcome;
use crate::chart::{self, Format};
use crate::export;

/// Runs the scenario at `path`, writing to `out` (default `out/<stem>/`).
pub fn run(
    path: &Path,
    out: Option<&Path>,
    charts: bool,
    xlsx: bool,
    stdout: &mut dyn Write,
) -> Result<()> {
    let outcome = Outcome::of(load(path)?);
    super::warn_outcome(&outcome);
    let mut files: Vec<(String, Vec<u8>)> = export::run_files(&outcome)
        .into_iter()
        .map(|(name, text)| (name.to_string(), text.into_bytes()))
        .collect();
    if xlsx {
        let book = export::xlsx::workbook(&export::run_sheets(&outcome))?;
        files.push(("gpuplan.xlsx".into(), book));
    }
    if charts {
        files.extend(chart::render((&outcome).into(), Format::Both)?);
    }
    let dir = out.map_or_else(|| default_dir(path), Path::to_path_buf);
    let names: Vec<&str> = files.iter().map(|(name, _)| name.as_str()).collect();
    let wrote = format!("\n{}\n", super::wrote(&names, &dir));
    Ok(export::write::publish(&dir, &files, stdout, |stdout| {
        stdout.write_all(export::terminal::summary(&outcome).as_bytes())?;
        stdout.write_all(wrote.as_bytes())
    })?)
}
