//! `gpuplan check`: validate only, and say so in one line.

use std::io::Write;
use std::path::Path;

use anyhow::Result;

use crate::lang::{self, fill};

/// Validates the scenario at `path`.
pub fn run(path: &Path, stdout: &mut dyn Write) -> Result<()> {
    let checked = super::load_mid_value(path)?;
    let model = &checked.scenario;
    let warned = match checked.warnings.len() {
        0 => String::new(),
        n => fill("check.warned", &[("warnings", &count(n, "warning"))]),
    };
    let line = fill(
        "check.ok",
        &[
            ("warned", &warned),
            ("file", &path.display().to_string()),
            ("start", &model.start.to_string()),
            ("end", &model.end().to_string()),
            ("allocations", &count(model.allocations.len(), "allocation")),
            ("sites", &count(model.sites.len(), "site")),
            ("targets", &count(model.targets.len(), "target")),
        ],
    );
    writeln!(stdout, "{line}")?;
    Ok(())
}

/// "1 site", "2 sites" (messages `check.NOUN` and `check.NOUNs`).
fn count(n: usize, noun: &str) -> String {
    lang::count(n, &format!("check.{noun}"), &format!("check.{noun}s"))
}
