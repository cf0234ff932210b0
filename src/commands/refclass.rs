//! `gpuplan refclass [NAME]`: the reference classes of project slips shipped with the tool, or
//! one class's cases with their sources.

use std::io::Write;

use anyhow::{Result, bail};

use crate::export;
use crate::uncertain::refclass;

/// Prints every class, or the cases of `name`.
pub fn run(name: Option<&str>, stdout: &mut dyn Write) -> Result<()> {
    let text = match name {
        None => export::refclass::list(),
        Some(name) => match export::refclass::class(name) {
            Some(text) => text,
            None => bail!(
                "unknown reference class `{name}` (the classes: {})",
                refclass::names()
            ),
        },
    };
    stdout.write_all(text.as_bytes())?;
    Ok(())
}
