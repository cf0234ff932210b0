//! `gpuplan new FILE`: a commented template scenario to start from. It runs as it is (a test
//! holds it to that), and never replaces an existing file.

use std::fs;
use std::io::Write;
use std::path::Path;

use anyhow::{Context, Result, bail};

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
    // Written whole under a temporary name, then linked to its name: the link fails if the
    // name was taken meanwhile, and no reader ever sees half a template.
    let mut temp = tempfile_in(folder).with_context(|| format!("cannot write {shown}"))?;
    temp.1.write_all(TEMPLATE.as_bytes())?;
    temp.1.sync_all()?;
    let linked = fs::hard_link(&temp.0, file);
    let _ = fs::remove_file(&temp.0);
    match linked {
        Ok(()) => {}
        Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => {
            bail!(
                "{shown} already exists; gpuplan new does not replace files — choose another name"
            )
        }
        Err(e) => return Err(e).with_context(|| format!("cannot write {shown}")),
    }
    writeln!(
        stdout,
        "Wrote {shown}: a commented example that runs as it is. Next: gpuplan run {shown}"
    )?;
    Ok(())
}

/// A new file with an unpredictable name in `folder`.
fn tempfile_in(folder: &Path) -> std::io::Result<(std::path::PathBuf, fs::File)> {
    use std::hash::{BuildHasher, Hasher};
    let random = std::collections::hash_map::RandomState::new();
    for attempt in 0u32..100 {
        let mut hasher = random.build_hasher();
        hasher.write_u32(attempt);
        let path = folder.join(format!(".gpuplan-new.{:016x}.tmp", hasher.finish()));
        match fs::OpenOptions::new()
            .write(true)
            .create_new(true)
            .open(&path)
        {
            Ok(file) => return Ok((path, file)),
            Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => continue,
            Err(e) => return Err(e),
        }
    }
    Err(std::io::Error::other(
        "no free temporary name after 100 tries",
    ))
}
