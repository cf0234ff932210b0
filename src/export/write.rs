//! Writes a run's files all or nothing: everything is rendered in memory first, each file goes
//! to a temporary name and is renamed into place, so a reader never sees a half-written file.

use std::fs;
use std::io::Write;
use std::path::Path;

use anyhow::{Context, Result};

/// Writes `files` (name, contents) into `dir`, creating it if needed.
pub fn write_all<N: AsRef<str>, C: AsRef<[u8]>>(dir: &Path, files: &[(N, C)]) -> Result<()> {
    fs::create_dir_all(dir)
        .with_context(|| format!("cannot create the output folder {}", dir.display()))?;
    let mut staged = Vec::with_capacity(files.len());
    for (name, contents) in files {
        let name = name.as_ref();
        let temp = dir.join(format!(".{name}.tmp"));
        let written = fs::File::create(&temp).and_then(|mut file| {
            file.write_all(contents.as_ref())?;
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
    Ok(())
}

fn cleanup(staged: &[(std::path::PathBuf, std::path::PathBuf)]) {
    for (temp, _) in staged {
        let _ = fs::remove_file(temp);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn writes_every_file_and_leaves_no_temporaries() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("nested/out");
        write_all(&out, &[("a.csv", "x\n"), ("b.json", "{}\n")]).unwrap();
        assert_eq!(fs::read_to_string(out.join("a.csv")).unwrap(), "x\n");
        let mut names: Vec<String> = fs::read_dir(&out)
            .unwrap()
            .map(|e| e.unwrap().file_name().into_string().unwrap())
            .collect();
        names.sort();
        assert_eq!(names, ["a.csv", "b.json"]);
    }
}
