//! `gpuplan show`: the scenario as the simulator runs it, every `extends` merged, as TOML.

use std::io::Write;
use std::path::Path;

use anyhow::Result;

use crate::input;
use crate::model::Scenario;

/// Prints the merged scenario at `path` (after checking that it is valid).
pub fn run(path: &Path, stdout: &mut dyn Write) -> Result<()> {
    let loaded = input::load(path)?;
    Scenario::from_loaded(&loaded)?;
    stdout.write_all(input::emit::to_toml(&loaded.tree).as_bytes())?;
    Ok(())
}
