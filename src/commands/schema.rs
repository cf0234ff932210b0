//! `gpuplan schema`: the scenario format as a JSON Schema, for TOML editors.

use std::io::Write;

use anyhow::Result;

/// Prints the schema.
pub fn run(stdout: &mut dyn Write) -> Result<()> {
    stdout.write_all(crate::input::schema::text().as_bytes())?;
    Ok(())
}
