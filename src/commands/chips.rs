//! `gpuplan chips`: the built-in chip catalog with its sources.

use std::io::Write;

use anyhow::Result;

use crate::export;

/// Prints the catalog.
pub fn run(stdout: &mut dyn Write) -> Result<()> {
    stdout.write_all(export::catalog::text().as_bytes())?;
    Ok(())
}
