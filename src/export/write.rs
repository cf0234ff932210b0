//! Writes a command's files into its output folder: everything is rendered in memory first,
//! each file goes to a temporary name and is renamed into place, so a reader never sees a
//! half-written file.
//!
//! A folder holds one command's files at a time. gpuplan lists what it wrote in a manifest,
//! [`MANIFEST`], with a hash of each file; the next write into the folder removes the files of
//! that list it does not write again — if they are still exactly as gpuplan wrote them. Files
//! gpuplan did not write, or that were changed since, are never touched.

use std::fs;
use std::io::Write;
use std::path::{Path, PathBuf};

use anyhow::{Context, Result};

/// The manifest of gpuplan's files in an output folder.
pub const MANIFEST: &str = ".gpuplan-files";

/// Writes `files` (name, contents) into `dir`, creating it if needed, and removes the files an
/// earlier write left there that this one does not replace (see the module notes).
pub fn write_all<N: AsRef<str>, C: AsRef<[u8]>>(dir: &Path, files: &[(N, C)]) -> Result<()> {
    fs::create_dir_all(dir)
        .with_context(|| format!("cannot create the output folder {}", dir.display()))?;
    let earlier = read_manifest(dir);
    let mut manifest = String::from(
        "# Files gpuplan wrote here (hash, name). The next run into this folder removes those it\n# does not write again, if they are unchanged. Other files are never touched.\n",
    );
    for (name, contents) in files {
        manifest.push_str(&format!(
            "{:016x} {}\n",
            fnv1a(contents.as_ref()),
            name.as_ref()
        ));
    }
    let mut staged = Vec::with_capacity(files.len() + 1);
    let all = files
        .iter()
        .map(|(name, contents)| (name.as_ref(), contents.as_ref()))
        .chain([(MANIFEST, manifest.as_bytes())]);
    for (name, contents) in all {
        let temp = dir.join(format!(".{name}.tmp"));
        let written = fs::File::create(&temp).and_then(|mut file| {
            file.write_all(contents)?;
            file.sync_all()
        });
        if let Err(error) = written {
            cleanup(&staged);
            let _ = fs::remove_file(&temp);
            return Err(error).with_context(|| format!("cannot write {}", temp.display()));
        }
        staged.push((temp, dir.join(name)));
    }
    for (temp, target) in &staged {
        fs::rename(temp, target)
            .with_context(|| format!("cannot move {} into place", target.display()))?;
    }
    for (hash, name) in earlier {
        if files.iter().any(|(new, _)| new.as_ref() == name) {
            continue;
        }
        let path = dir.join(&name);
        if fs::read(&path).is_ok_and(|bytes| fnv1a(&bytes) == hash) {
            fs::remove_file(&path)
                .with_context(|| format!("cannot remove the stale file {}", path.display()))?;
        }
    }
    Ok(())
}

/// The (hash, name) pairs of the folder's manifest; none if it has none or it is unreadable.
/// Names that could leave the folder are ignored.
fn read_manifest(dir: &Path) -> Vec<(u64, String)> {
    let Ok(text) = fs::read_to_string(dir.join(MANIFEST)) else {
        return Vec::new();
    };
    text.lines()
        .filter(|line| !line.starts_with('#'))
        .filter_map(|line| {
            let (hash, name) = line.split_once(' ')?;
            let simple = !name.is_empty()
                && !name.contains(['/', '\\'])
                && name != "."
                && name != ".."
                && name != MANIFEST;
            simple
                .then(|| u64::from_str_radix(hash, 16).ok())
                .flatten()
                .map(|hash| (hash, name.to_string()))
        })
        .collect()
}

/// FNV-1a, 64-bit: a small, stable hash to tell whether a file is still as gpuplan wrote it.
pub fn fnv1a(bytes: &[u8]) -> u64 {
    bytes.iter().fold(0xcbf2_9ce4_8422_2325, |hash, &b| {
        (hash ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3)
    })
}

fn cleanup(staged: &[(PathBuf, PathBuf)]) {
    for (temp, _) in staged {
        let _ = fs::remove_file(temp);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn names(dir: &Path) -> Vec<String> {
        let mut names: Vec<String> = fs::read_dir(dir)
            .unwrap()
            .map(|e| e.unwrap().file_name().into_string().unwrap())
            .collect();
        names.sort();
        names
    }

    #[test]
    fn writes_every_file_and_leaves_no_temporaries() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("nested/out");
        write_all(&out, &[("a.csv", "x\n"), ("b.json", "{}\n")]).unwrap();
        assert_eq!(fs::read_to_string(out.join("a.csv")).unwrap(), "x\n");
        assert_eq!(names(&out), [MANIFEST, "a.csv", "b.json"]);
    }

    #[test]
    fn stale_files_go_and_files_gpuplan_did_not_write_stay() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("out");
        fs::create_dir(&out).unwrap();
        fs::write(out.join("notes.txt"), "mine").unwrap();
        write_all(
            &out,
            &[("a.csv", "1"), ("chart.png", "png"), ("edited.csv", "e")],
        )
        .unwrap();
        // The user edits one of gpuplan's files: it is theirs now.
        fs::write(out.join("edited.csv"), "changed by hand").unwrap();
        write_all(&out, &[("a.csv", "2")]).unwrap();
        assert_eq!(names(&out), [MANIFEST, "a.csv", "edited.csv", "notes.txt"]);
        assert_eq!(fs::read_to_string(out.join("a.csv")).unwrap(), "2");
        // A manifest naming something outside the folder is not followed.
        fs::write(dir.path().join("outside.txt"), "x").unwrap();
        let planted = format!("{:016x} ../outside.txt\n", fnv1a(b"x"));
        fs::write(out.join(MANIFEST), planted).unwrap();
        write_all(&out, &[("a.csv", "3")]).unwrap();
        assert!(dir.path().join("outside.txt").exists());
    }
}
