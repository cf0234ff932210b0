//! Reads one scenario file — the one named on the command line or one an `extends` names — with
//! bounds: it must be a regular file (not a folder, FIFO, device or a kernel file under `/proc`
//! or `/sys`), of at most [`MAX_BYTES`], and UTF-8. A FIFO is never waited on and no read goes
//! past the cap, whatever the file claims its size is.

use std::fs::File;
use std::io::Read;
use std::path::Path;

/// The largest scenario file gpuplan reads: 16 MiB, hundreds of times the largest real one.
pub const MAX_BYTES: u64 = 16 * 1024 * 1024;

/// Why a file could not be used.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Unreadable {
    /// It could not be opened or read, or is not a file gpuplan reads; the message says why.
    Refused(String),
    /// It is not UTF-8: the valid text before the first bad byte, and what was found there.
    NotUtf8 {
        /// Everything up to the bad byte (for its line and column).
        before: String,
        /// What is wrong.
        message: String,
    },
}

/// The text of the scenario file at `path`.
pub fn read(path: &Path) -> Result<String, Unreadable> {
    let refuse = |message: String| Unreadable::Refused(message);
    if let Ok(real) = std::fs::canonicalize(path)
        && (real.starts_with("/proc") || real.starts_with("/sys"))
    {
        return Err(refuse(
            "is a kernel file (under /proc or /sys), not a scenario file".into(),
        ));
    }
    let file = open(path).map_err(|e| refuse(e.to_string()))?;
    let meta = file.metadata().map_err(|e| refuse(e.to_string()))?;
    if !meta.is_file() {
        return Err(refuse(format!(
            "is {}, not a scenario file",
            kind(meta.file_type())
        )));
    }
    if meta.len() > MAX_BYTES {
        return Err(refuse(too_big()));
    }
    let mut bytes = Vec::with_capacity(meta.len() as usize);
    file.take(MAX_BYTES + 1)
        .read_to_end(&mut bytes)
        .map_err(|e| refuse(e.to_string()))?;
    if bytes.len() as u64 > MAX_BYTES {
        return Err(refuse(too_big()));
    }
    String::from_utf8(bytes).map_err(|e| {
        let valid = e.utf8_error().valid_up_to();
        let bytes = e.into_bytes();
        Unreadable::NotUtf8 {
            before: String::from_utf8_lossy(&bytes[..valid]).into_owned(),
            message: format!(
                "the file is not UTF-8 text (byte 0x{:02X} here); save it as UTF-8",
                bytes[valid]
            ),
        }
    })
}

fn too_big() -> String {
    format!(
        "is larger than {} MiB, the most gpuplan reads",
        MAX_BYTES >> 20
    )
}

/// Opens without waiting: on a FIFO, a plain open blocks until something writes to it.
fn open(path: &Path) -> std::io::Result<File> {
    let mut options = std::fs::OpenOptions::new();
    options.read(true);
    #[cfg(unix)]
    {
        use rustix::fs::OFlags;
        use std::os::unix::fs::OpenOptionsExt;
        // The flags are small positive bits; they fit an i32.
        let flags = (OFlags::NONBLOCK | OFlags::NOCTTY).bits();
        options.custom_flags(i32::try_from(flags).unwrap_or(0));
    }
    options.open(path)
}

/// What a non-file is, in words.
fn kind(file_type: std::fs::FileType) -> &'static str {
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt;
        if file_type.is_fifo() {
            return "a FIFO (named pipe)";
        }
        if file_type.is_char_device() || file_type.is_block_device() {
            return "a device";
        }
        if file_type.is_socket() {
            return "a socket";
        }
    }
    if file_type.is_dir() {
        "a folder"
    } else {
        "not a regular file"
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn refused(path: &Path) -> String {
        match read(path) {
            Err(Unreadable::Refused(message)) => message,
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn special_files_are_refused() {
        assert_eq!(
            refused(Path::new("/dev/null")),
            "is a device, not a scenario file"
        );
        assert_eq!(
            refused(Path::new("/tmp")),
            "is a folder, not a scenario file"
        );
        assert!(refused(Path::new("/proc/self/environ")).starts_with("is a kernel file"));
    }

    #[test]
    fn the_size_cap_holds_and_utf8_is_checked() {
        let dir = tempfile::tempdir().unwrap();
        let big = dir.path().join("big.toml");
        let file = File::create(&big).unwrap();
        file.set_len(MAX_BYTES + 1).unwrap();
        assert_eq!(
            refused(&big),
            "is larger than 16 MiB, the most gpuplan reads"
        );
        file.set_len(MAX_BYTES).unwrap();
        assert_eq!(read(&big).unwrap().len() as u64, MAX_BYTES);
        let latin1 = dir.path().join("latin1.toml");
        std::fs::write(&latin1, b"a = 1\nname = \"Caf\xe9\"\n").unwrap();
        assert_eq!(
            read(&latin1),
            Err(Unreadable::NotUtf8 {
                before: "a = 1\nname = \"Caf".into(),
                message: "the file is not UTF-8 text (byte 0xE9 here); save it as UTF-8".into()
            })
        );
    }
}
