//! `gpuplan check`: validate only, and say so in one line.

use std::io::Write;
use std::path::Path;

use anyhow::Result;

/// Validates the scenario at `path`.
pub fn run(path: &Path, stdout: &mut dyn Write) -> Result<()> {
    let checked = super::load_mid_value(path)?;
    let model = &checked.scenario;
    let warned = match checked.warnings.len() {
        0 => String::new(),
        n => format!(" with {} (above)", count(n, "warning")),
    };
    writeln!(
        stdout,
        "OK{warned}: {} ({} to {}, {}, {}, {})",
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
