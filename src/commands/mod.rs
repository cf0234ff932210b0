//! What each command does, one file per command: load the scenario, call the library, hand
//! the results to the exporters. `cli` only parses arguments and calls these.

pub mod chart;
pub mod check;
pub mod chips;
pub mod compare;
pub mod diff;
pub mod run;
pub mod show;

use std::io::Write;
use std::path::{Path, PathBuf};

use anyhow::Result;

use crate::model::{Checked, Scenario};

/// Reads and validates a scenario, printing its warnings (if any) to stderr.
fn load(path: &Path) -> Result<Scenario> {
    let checked = Checked::load(path)?;
    let mut stderr = std::io::stderr().lock();
    for warning in &checked.warnings {
        // A closed stderr must not stop the run; the warning is lost with it.
        let _ = writeln!(stderr, "warning: {warning}\n");
    }
    Ok(checked.scenario)
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
