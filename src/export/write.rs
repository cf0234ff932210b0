//! Publishes a command's files as one set: they appear in the output folder together or not
//! at all, and a set is never mixed with another run's.
//!
//! The set is written into a new folder beside the target, with an unpredictable name
//! (`mkdir` fails rather than follow anything planted there), then swapped in: on Linux with
//! one atomic exchange of the two folders, elsewhere by moving the old set aside first. At
//! every instant the target holds the previous complete set, the new one, or (elsewhere, for a
//! moment) nothing. A failure before the swap removes the new folder; a run killed outright
//! may leave a hidden `.NAME.*.gpuplan-tmp` folder beside the target, never a mixed set.
//!
//! Because the whole folder is replaced, gpuplan writes only into a folder that is new,
//! empty, or holds exactly the set gpuplan wrote there last, as its manifest ([`MANIFEST`],
//! with a hash of each file) says. Anything else — a file of someone else's, one of gpuplan's
//! changed by hand, a link — is an obstacle that is reported, and nothing is touched.
//!
//! Longer than most files: each guarantee above is a step of its own (the check, the staging,
//! the exchange, keeping what another program saved meanwhile), and its tests follow.

use std::collections::HashMap;
use std::fs;
use std::io::{self, Write};
use std::path::{Path, PathBuf};

/// Why a set of files (or one file) was not written.
#[derive(Debug, thiserror::Error)]
pub enum WriteError {
    /// A file-system operation failed: what was being done, and the system's reason.
    #[error("{doing}")]
    Io {
        /// What was being done, for people ("cannot write timeline.csv for out").
        doing: String,
        /// The system's reason.
        #[source]
        source: io::Error,
    },
    /// The target may not be replaced as asked, or another program's files got in the way;
    /// what is there was left as it was (the message says where the files are).
    #[error("{0}")]
    Refused(String),
    /// Printing the report failed (other than a closed stdout): the files were not published.
    #[error(transparent)]
    Print(io::Error),
    /// The reader closed stdout (as `| head` does): the files were published all the same.
    #[error(transparent)]
    StdoutClosed(io::Error),
}

/// What this module's functions return.
pub type Result<T> = std::result::Result<T, WriteError>;

/// Says what was being done when an I/O operation failed.
trait Doing<T> {
    fn doing(self, what: impl FnOnce() -> String) -> Result<T>;
}

impl<T> Doing<T> for io::Result<T> {
    fn doing(self, what: impl FnOnce() -> String) -> Result<T> {
        self.map_err(|source| WriteError::Io {
            doing: what(),
            source,
        })
    }
}

/// Refuses with `message`.
fn refuse<T>(message: String) -> Result<T> {
    Err(WriteError::Refused(message))
}

/// The manifest of gpuplan's files in an output folder.
pub const MANIFEST: &str = ".gpuplan-files";

/// Writes `files` (name, contents) to `dir` as one set, once `report` has printed to `stdout`.
/// If printing fails the set is not published — except when the reader closed stdout (as
/// `| head` does), which is no failure of the run.
pub fn publish<N: AsRef<str>, C: AsRef<[u8]>>(
    dir: &Path,
    files: &[(N, C)],
    stdout: &mut dyn Write,
    report: impl FnOnce(&mut dyn Write) -> io::Result<()>,
) -> Result<()> {
    let staged = stage(dir, files)?;
    match report(stdout).and_then(|()| stdout.flush()) {
        Ok(()) => staged.commit(),
        Err(e) if e.kind() == io::ErrorKind::BrokenPipe => {
            staged.commit()?;
            Err(WriteError::StdoutClosed(e))
        }
        Err(e) => Err(WriteError::Print(e)),
    }
}

/// Writes one file, `path`, once `report` has printed: the whole file appears at once (written
/// under a new name beside it, then renamed over it), replacing what was there. As with
/// [`publish`], a failure to print other than a closed stdout leaves `path` as it was.
pub fn publish_file(
    path: &Path,
    contents: &[u8],
    stdout: &mut dyn Write,
    report: impl FnOnce(&mut dyn Write) -> io::Result<()>,
) -> Result<()> {
    let shown = path.display();
    let Some((parent, name)) = split(path) else {
        return refuse(format!("{shown} names no file"));
    };
    fs::create_dir_all(&parent).doing(|| format!("cannot create {}", parent.display()))?;
    let folder = new_folder(&parent, &name).doing(|| format!("cannot write {shown}"))?;
    let temp = folder.join(&name);
    let written = write_new(&temp, contents)
        .doing(|| format!("cannot write {shown}"))
        .and_then(|()| match report(stdout).and_then(|()| stdout.flush()) {
            Ok(()) => Ok(None),
            Err(e) if e.kind() == io::ErrorKind::BrokenPipe => Ok(Some(e)),
            Err(e) => Err(WriteError::Print(e)),
        })
        .and_then(|closed| {
            fs::rename(&temp, path).doing(|| format!("cannot move {shown} into place"))?;
            Ok(closed)
        });
    let _ = fs::remove_dir_all(&folder);
    match written? {
        Some(closed) => Err(WriteError::StdoutClosed(closed)),
        None => Ok(()),
    }
}

/// Writes `files` to `dir` as one set, with nothing to print.
pub fn write_all<N: AsRef<str>, C: AsRef<[u8]>>(dir: &Path, files: &[(N, C)]) -> Result<()> {
    stage(dir, files)?.commit()
}

/// A complete set written beside its target, not yet swapped in. Dropping it removes it.
pub struct Staged {
    temp: PathBuf,
    target: PathBuf,
    /// Folders created to hold the target, outermost first (removed again on failure).
    created: Vec<PathBuf>,
    committed: bool,
}

/// Checks that `dir` may be replaced, then writes `files` and their manifest into a new
/// folder beside it.
pub fn stage<N: AsRef<str>, C: AsRef<[u8]>>(dir: &Path, files: &[(N, C)]) -> Result<Staged> {
    let shown = dir.display();
    check_replaceable(dir)?;
    let Some((parent, name)) = split(dir) else {
        return refuse(format!("the output folder {shown} has no name"));
    };
    let created = create_parents(&parent)
        .doing(|| format!("cannot create the folder {}", parent.display()))?;
    let mut staged = Staged {
        temp: PathBuf::new(),
        target: dir.to_path_buf(),
        created,
        committed: false,
    };
    staged.temp = new_folder(&parent, &name)
        .doing(|| format!("cannot create a folder in {}", parent.display()))?;
    let mut manifest = String::from(
        "# The files gpuplan wrote here (hash, name), as one set. The next run into this folder\n# replaces the whole set, and only if these files are still exactly as written.\n",
    );
    for (name, contents) in files {
        let (name, contents) = (name.as_ref(), contents.as_ref());
        manifest.push_str(&format!("{:016x} {name}\n", fnv1a(contents)));
        write_new(&staged.temp.join(name), contents)
            .doing(|| format!("cannot write {name} for {shown}"))?;
    }
    write_new(&staged.temp.join(MANIFEST), manifest.as_bytes())
        .doing(|| format!("cannot write the manifest for {shown}"))?;
    sync_folder(&staged.temp);
    Ok(staged)
}

impl Staged {
    /// Swaps the set in; the previous set, if any, is removed — but never a file gpuplan did
    /// not write: one saved into the folder while this run was writing (after the check, before
    /// the swap) is moved into the new set, or, if the new set holds a file of its name, the
    /// previous set is put back whole and the run fails.
    pub fn commit(mut self) -> Result<()> {
        let shown = self.target.display().to_string();
        let old = swap_in(&self.temp, &self.target)
            .doing(|| format!("cannot move the new files into {shown}"))?;
        self.committed = true;
        if let Some(old) = old {
            // The previous set, now under the temporary name.
            let strays = foreign(&old).unwrap_or_default();
            if !strays.is_empty() {
                keep_strays(&old, &self.target, &strays)?;
                crate::console::say(&format!(
                    "note: kept {}, saved into {shown} while gpuplan was writing; gpuplan will not replace the folder again while it is there\n",
                    strays.join(", ")
                ));
            }
            // If it cannot all go, what is left is hidden beside the target, never in it.
            let _ = fs::remove_dir_all(old);
        }
        if let Some(parent) = self.target.parent() {
            sync_folder(parent);
        }
        Ok(())
    }
}

/// Moves `strays` (names in `old`, the set just swapped out) into `target`, the set just
/// swapped in. If one cannot go — the new set has a file of its name, or the move fails — the
/// previous set is swapped back whole (the new one is removed) and the run fails.
fn keep_strays(old: &Path, target: &Path, strays: &[String]) -> Result<()> {
    let mut moved: Vec<&String> = Vec::new();
    let mut failed = None;
    for name in strays {
        let (from, to) = (old.join(name), target.join(name));
        if fs::symlink_metadata(&to).is_ok() {
            failed = Some(format!("the new set has a file named {name} too"));
            break;
        }
        match fs::rename(&from, &to) {
            Ok(()) => moved.push(name),
            Err(e) => {
                failed = Some(format!("{name} could not be kept: {e}"));
                break;
            }
        }
    }
    let Some(why) = failed else {
        return Ok(());
    };
    for name in moved {
        let _ = fs::rename(target.join(name), old.join(name));
    }
    // The previous set back in place; the new one, now at `old`'s name, goes.
    let restored = exchange(old, target);
    let _ = fs::remove_dir_all(old);
    let shown = target.display();
    match restored {
        Ok(()) => refuse(format!(
            "{} saved into {shown} while gpuplan was writing ({why}): the folder is left as it was, with them, and the new files were not written — run again once they are moved",
            strays.join(", ")
        )),
        Err(e) => refuse(format!(
            "{} saved into {shown} while gpuplan was writing ({why}), and the previous files could not be put back ({e}); they are in {}",
            strays.join(", "),
            old.display()
        )),
    }
}

impl Drop for Staged {
    fn drop(&mut self) {
        if self.committed {
            return;
        }
        if !self.temp.as_os_str().is_empty() {
            let _ = fs::remove_dir_all(&self.temp);
        }
        for folder in self.created.iter().rev() {
            let _ = fs::remove_dir(folder);
        }
    }
}

/// Refuses a target that is not a folder gpuplan may replace whole (see the module notes).
fn check_replaceable(dir: &Path) -> Result<()> {
    let shown = dir.display();
    let meta = match fs::symlink_metadata(dir) {
        Ok(meta) => meta,
        Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(()),
        Err(e) => return Err(e).doing(|| format!("cannot look at {shown}")),
    };
    if meta.file_type().is_symlink() {
        return refuse(format!(
            "the output folder {shown} is a symbolic link; gpuplan does not write through links — name the folder it points to, or a new one"
        ));
    }
    if !meta.is_dir() {
        return refuse(format!(
            "the output folder {shown} exists and is not a folder"
        ));
    }
    let obstacles = foreign(dir).doing(|| format!("cannot list {shown}"))?;
    if obstacles.is_empty() {
        return Ok(());
    }
    let count = obstacles.len();
    let mut named: Vec<String> = obstacles.into_iter().take(5).collect();
    if count > named.len() {
        named.push(format!("and {} more", count - named.len()));
    }
    refuse(format!(
        "the output folder {shown} holds files gpuplan did not write there, or changed since ({}); \
         gpuplan replaces its output folder whole, so move them, or choose a new or empty folder with --out",
        named.join(", ")
    ))
}

/// The entries of `dir` that are not gpuplan's: not listed in its manifest, or changed since
/// (a different hash), or not a plain file. Sorted.
fn foreign(dir: &Path) -> io::Result<Vec<String>> {
    let listed = read_manifest(dir);
    let mut found = Vec::new();
    for entry in fs::read_dir(dir)? {
        let entry = entry?;
        let name = entry.file_name().to_string_lossy().into_owned();
        if name == MANIFEST {
            continue;
        }
        let ours = entry.file_type().is_ok_and(|t| t.is_file())
            && listed.get(&name).is_some_and(|&hash| {
                fs::read(entry.path()).is_ok_and(|bytes| fnv1a(&bytes) == hash)
            });
        if !ours {
            found.push(name);
        }
    }
    found.sort();
    Ok(found)
}

/// The manifest's (name → hash); empty if there is none. Lines that do not parse are ignored
/// (their files then count as someone else's).
fn read_manifest(dir: &Path) -> HashMap<String, u64> {
    let Ok(text) = fs::read_to_string(dir.join(MANIFEST)) else {
        return HashMap::new();
    };
    text.lines()
        .filter(|line| !line.starts_with('#'))
        .filter_map(|line| {
            let (hash, name) = line.split_once(' ')?;
            let hash = u64::from_str_radix(hash, 16).ok()?;
            Some((name.to_string(), hash))
        })
        .collect()
}

/// The folder `path` is in (`.` for a bare name) and its last component; `None` if it has none.
fn split(path: &Path) -> Option<(PathBuf, String)> {
    let name = path.file_name()?.to_string_lossy().into_owned();
    let parent = match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => PathBuf::from("."),
    };
    Some((parent, name))
}

/// Creates `folder` and its missing ancestors; returns those it created, outermost first.
fn create_parents(folder: &Path) -> io::Result<Vec<PathBuf>> {
    let mut missing = Vec::new();
    let mut at = Some(folder);
    while let Some(path) = at {
        if path.as_os_str().is_empty() || fs::symlink_metadata(path).is_ok() {
            break;
        }
        missing.push(path.to_path_buf());
        at = path.parent();
    }
    missing.reverse();
    let mut created = Vec::new();
    for path in missing {
        match fs::create_dir(&path) {
            Ok(()) => created.push(path),
            Err(e) if e.kind() == io::ErrorKind::AlreadyExists && path.is_dir() => {}
            Err(e) => {
                for done in created.iter().rev() {
                    let _ = fs::remove_dir(done);
                }
                return Err(e);
            }
        }
    }
    Ok(created)
}

/// A new, empty folder `.NAME.<random>.gpuplan-tmp` in `parent`. `mkdir` fails on anything
/// already there, links included, so the folder is certainly ours.
pub(crate) fn new_folder(parent: &Path, name: &str) -> io::Result<PathBuf> {
    // tempfile retries `mkdir` with fresh random names; the folder is kept, not removed on
    // drop. It becomes the output folder, so it gets `mkdir`'s usual mode (0777 less the
    // umask), not tempfile's private 0700.
    let prefix = format!(".{name}.");
    let mut builder = tempfile::Builder::new();
    builder
        .prefix(&prefix)
        .suffix(".gpuplan-tmp")
        .rand_bytes(16);
    #[cfg(unix)]
    builder.permissions(std::os::unix::fs::PermissionsExt::from_mode(0o777));
    Ok(builder.tempdir_in(parent)?.keep())
}

/// Writes a file that must not exist yet, and flushes it to the disk.
pub(crate) fn write_new(path: &Path, contents: &[u8]) -> io::Result<()> {
    let mut file = fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(path)?;
    file.write_all(contents)?;
    file.sync_all()
}

/// Flushes a folder's entries to the disk, where the system allows it.
fn sync_folder(folder: &Path) {
    if let Ok(handle) = fs::File::open(folder) {
        let _ = handle.sync_all();
    }
}

/// Puts the folder `temp` at `target`. Returns where the previous set went, if there was one.
fn swap_in(temp: &Path, target: &Path) -> io::Result<Option<PathBuf>> {
    // Another run may publish into the same target at the same moment: try again on a race.
    for _ in 0..16 {
        match fs::symlink_metadata(target) {
            Err(e) if e.kind() == io::ErrorKind::NotFound => match fs::rename(temp, target) {
                Ok(()) => return Ok(None),
                Err(e) if is_occupied(&e) => {}
                Err(e) => return Err(e),
            },
            Ok(meta) if meta.is_dir() => match exchange(temp, target) {
                Ok(()) => return Ok(Some(temp.to_path_buf())),
                Err(e) if e.kind() == io::ErrorKind::NotFound => {}
                Err(e) => return Err(e),
            },
            Ok(_) => return Err(io::Error::other("it is no longer a folder")),
            Err(e) => return Err(e),
        }
    }
    Err(io::Error::other("other runs kept replacing it"))
}

/// Whether a rename failed because something now stands at the target.
fn is_occupied(error: &io::Error) -> bool {
    matches!(
        error.kind(),
        io::ErrorKind::AlreadyExists | io::ErrorKind::DirectoryNotEmpty
    )
}

/// Exchanges two folders: atomically on Linux; elsewhere (or where the file system cannot)
/// by moving `target` to `temp`'s name's sibling first.
fn exchange(temp: &Path, target: &Path) -> io::Result<()> {
    #[cfg(target_os = "linux")]
    {
        use rustix::fs::{CWD, RenameFlags, renameat_with};
        use rustix::io::Errno;
        match renameat_with(CWD, temp, CWD, target, RenameFlags::EXCHANGE) {
            Ok(()) => return Ok(()),
            // The file system or kernel cannot exchange: fall back to moving aside.
            Err(Errno::INVAL | Errno::NOSYS | Errno::OPNOTSUPP) => {}
            Err(errno) => return Err(errno.into()),
        }
    }
    let aside = temp.with_extension("old");
    fs::rename(target, &aside)?;
    fs::rename(temp, target)?;
    fs::rename(&aside, temp)
}

/// FNV-1a, 64-bit: a small, stable hash to tell whether a file is still as gpuplan wrote it.
pub fn fnv1a(bytes: &[u8]) -> u64 {
    bytes.iter().fold(0xcbf2_9ce4_8422_2325, |hash, &b| {
        (hash ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3)
    })
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
        write_all(&out, &[("c.csv", "y\n")]).unwrap();
        assert_eq!(names(&out), [MANIFEST, "c.csv"], "the old set went whole");
        assert_eq!(names(&dir.path().join("nested")), ["out"]);
    }

    #[test]
    fn a_folder_with_other_files_is_refused_and_left_alone() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("out");
        write_all(&out, &[("a.csv", "1"), ("edited.csv", "e")]).unwrap();
        fs::write(out.join("notes.txt"), "mine").unwrap();
        fs::write(out.join("edited.csv"), "changed by hand").unwrap();
        let error = write_all(&out, &[("a.csv", "2")]).unwrap_err().to_string();
        assert!(error.contains("(edited.csv, notes.txt)"), "{error}");
        assert_eq!(names(&out), [MANIFEST, "a.csv", "edited.csv", "notes.txt"]);
        assert_eq!(fs::read_to_string(out.join("a.csv")).unwrap(), "1");
        assert_eq!(names(dir.path()), ["out"], "no temporary folder is left");
    }

    #[test]
    fn failure_while_writing_leaves_the_previous_set_and_nothing_new() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("a/b/out");
        // A name that cannot be a file in a folder: the write fails half-way.
        let error = write_all(&out, &[("a.csv", "1"), ("no/such.csv", "2")]);
        assert!(error.is_err());
        assert_eq!(
            names(dir.path()),
            Vec::<String>::new(),
            "folders made for it go"
        );
        write_all(&out, &[("a.csv", "1")]).unwrap();
        assert!(write_all(&out, &[("a.csv", "2"), ("x/y.csv", "3")]).is_err());
        assert_eq!(names(&out), [MANIFEST, "a.csv"]);
        assert_eq!(fs::read_to_string(out.join("a.csv")).unwrap(), "1");
        assert_eq!(names(&dir.path().join("a/b")), ["out"]);
    }

    /// Regression: a file saved into the folder after the check and before the swap was
    /// swapped out with the old set and deleted. Now it is moved into the new set.
    #[test]
    fn a_file_saved_while_writing_is_kept() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("out");
        write_all(&out, &[("a.csv", "1")]).unwrap();
        let staged = stage(&out, &[("a.csv", "2"), ("b.csv", "3")]).unwrap();
        fs::write(out.join("notes.txt"), "mine").unwrap();
        staged.commit().unwrap();
        assert_eq!(names(&out), [MANIFEST, "a.csv", "b.csv", "notes.txt"]);
        assert_eq!(fs::read_to_string(out.join("notes.txt")).unwrap(), "mine");
        assert_eq!(fs::read_to_string(out.join("a.csv")).unwrap(), "2");
        assert_eq!(names(dir.path()), ["out"], "no temporary folder is left");
        // Now the folder holds a file of the user's: the next run refuses it.
        assert!(write_all(&out, &[("a.csv", "4")]).is_err());
    }

    /// A file of the new set's name, saved (or edited) while writing: the previous set is put
    /// back whole, with it, and the run fails; nothing of the user's is lost.
    #[test]
    fn a_clashing_file_saved_while_writing_restores_the_previous_set() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("out");
        write_all(&out, &[("a.csv", "1")]).unwrap();
        let staged = stage(&out, &[("a.csv", "2"), ("b.csv", "3")]).unwrap();
        fs::write(out.join("b.csv"), "mine").unwrap();
        fs::write(out.join("a.csv"), "edited").unwrap();
        let error = staged.commit().unwrap_err().to_string();
        assert!(error.contains("a.csv, b.csv saved into"), "{error}");
        assert_eq!(names(&out), [MANIFEST, "a.csv", "b.csv"]);
        assert_eq!(fs::read_to_string(out.join("a.csv")).unwrap(), "edited");
        assert_eq!(fs::read_to_string(out.join("b.csv")).unwrap(), "mine");
        assert_eq!(names(dir.path()), ["out"], "no temporary folder is left");
    }

    #[test]
    fn links_and_files_in_the_way_are_refused() {
        let dir = tempfile::tempdir().unwrap();
        let elsewhere = dir.path().join("elsewhere");
        fs::create_dir(&elsewhere).unwrap();
        let link = dir.path().join("link");
        std::os::unix::fs::symlink(&elsewhere, &link).unwrap();
        let error = write_all(&link, &[("a.csv", "1")]).unwrap_err().to_string();
        assert!(error.contains("is a symbolic link"), "{error}");
        assert!(names(&elsewhere).is_empty());
        let file = dir.path().join("file");
        fs::write(&file, "x").unwrap();
        let error = write_all(&file, &[("a.csv", "1")]).unwrap_err().to_string();
        assert!(error.contains("is not a folder"), "{error}");
        assert_eq!(names(dir.path()), ["elsewhere", "file", "link"]);
    }
}
