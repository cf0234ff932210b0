//! `gpuplan diff`: what differs between two merged scenarios, key by key.

use std::io::Write;
use std::path::Path;

use anyhow::Result;

use crate::input;
use crate::model::Scenario;

/// Prints the differences from scenario `a` to scenario `b` (both checked to be valid).
pub fn run(a: &Path, b: &Path, stdout: &mut dyn Write) -> Result<()> {
    let (left, right) = (input::load(a)?, input::load(b)?);
    Scenario::from_loaded(&left)?;
    Scenario::from_loaded(&right)?;
    let lines = input::diff::diff(&left.tree, &right.tree);
    writeln!(stdout, "--- {}\n+++ {}", a.display(), b.display())?;
    if lines.is_empty() {
        writeln!(stdout, "{}", crate::lang::text("diff.none"))?;
    }
    for line in lines {
        writeln!(stdout, "{line}")?;
    }
    Ok(())
}
