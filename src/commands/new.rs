//! `gpuplan new FILE`: a commented template scenario to start from. It runs as it is (a test
//! holds it to that), and never replaces an existing file.

use std::fs;
use std::io::Write;
use std::path::Path;

use anyhow::{Context, Result, bail};

use crate::export::write;

/// The template, every key commented.
pub const TEMPLATE: &str = include_str!("template.toml");

/// Writes the template to `file`, refusing to replace anything already there.
pub fn run(file: &Path, stdout: &mut dyn Write) -> Result<()> {
    let shown = file.display();
    if fs::symlink_metadata(file).is_ok() {
        bail!("{shown} already exists; gpuplan new does not replace files — choose another name");
    }
    let folder = match file.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    };
    // Written whole in a new folder beside it, then linked to its name once the message is
    // printed: the link fails if the name was taken meanwhile, no reader ever sees half a
    // template, and a failed stdout (other than a reader closing it) leaves nothing behind.
    let temp = write::new_folder(folder, "new").with_context(|| format!("cannot write {shown}"))?;
    let staged = temp.join("template.toml");
    let result = write::write_new(&staged, TEMPLATE.as_bytes())
        .with_context(|| format!("cannot write {shown}"))
        .and_then(|()| {
            let printed = writeln!(
                stdout,
                "{}",
                crate::lang::fill("new.wrote", &[("file", &shown.to_string())])
            )
            .and_then(|()| stdout.flush());
            let closed = match printed {
                Ok(()) => None,
                Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => Some(e),
                Err(e) => return Err(e.into()),
            };
            match fs::hard_link(&staged, file) {
                Ok(()) => Ok(closed),
                Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => bail!(
                    "{shown} already exists; gpuplan new does not replace files — choose another name"
                ),
                Err(e) => Err(e).with_context(|| format!("cannot write {shown}")),
            }
        });
    let _ = fs::remove_dir_all(&temp);
    match result? {
        Some(closed) => Err(closed.into()),
        None => Ok(()),
    }
}
