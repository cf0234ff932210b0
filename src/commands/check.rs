//! `gpuplan check`: validate only, and say so in one line.

use std::io::Write;
use std::path::Path;

use anyhow::Result;

use super::load;

/// Validates the scenario at `path`.
pub fn run(path: &Path, stdout: &mut dyn Write) -> Result<()> {
    let model = load(path)?;
    writeln!(
        stdout,
        "OK: {} ({} to {}, {}, {}, {})",
        path.display(),
        model.start,
        model.end(),
        count(model.allocations.len(), "allocation"),
        count(model.sites.len(), "site"),
        count(model.targets.len(), "target")
    )?;
    Ok(())
}

/// "1 site", "2 sites".
fn count(n: usize, noun: &str) -> String {
    if n == 1 {
        format!("1 {noun}")
    } else {
        format!("{n} {noun}s")
    }
}
