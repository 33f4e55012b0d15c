//! Writing a file so that a crash never leaves it half-written: the bytes go to a temporary file
//! beside it, which is flushed to disk and then renamed over the target.

use std::io::Write;
use std::path::{Path, PathBuf};

/// The temporary file written before `path` is replaced.
fn temporary_for(path: &Path) -> PathBuf {
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    path.with_file_name(format!(".{name}.{}.tmp", std::process::id()))
}

/// Writes `bytes` to `path` atomically: either the old file stays whole or the new one is there
/// whole. A file replaced keeps its permissions; a new one gets the usual ones (the process's
/// umask). The temporary file is removed when anything fails.
pub fn write_atomic(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    let tmp = temporary_for(path);
    let written = (|| {
        let mut file = std::fs::File::create(&tmp)?;
        file.write_all(bytes)?;
        file.sync_all()?;
        if let Ok(old) = std::fs::metadata(path) {
            file.set_permissions(old.permissions())?;
        }
        std::fs::rename(&tmp, path)
    })();
    if written.is_err() {
        let _ = std::fs::remove_file(&tmp);
    }
    written
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn replaces_whole_files_and_leaves_nothing_behind() {
        let scratch = tempfile::Builder::new()
            .prefix("atlas-atomic-")
            .tempdir()
            .unwrap();
        let dir = scratch.path();
        let path = dir.join("out.json");
        write_atomic(&path, b"first").unwrap();
        write_atomic(&path, b"second").unwrap();
        assert_eq!(std::fs::read(&path).unwrap(), b"second");
        let left: Vec<_> = std::fs::read_dir(dir).unwrap().collect();
        assert_eq!(left.len(), 1, "no temporary file is left");
        // a folder that does not exist: an error, and the target untouched
        assert!(write_atomic(&dir.join("missing/x.json"), b"x").is_err());
        scratch.close().unwrap();
    }

    #[cfg(unix)]
    #[test]
    fn a_replaced_file_keeps_its_permissions_and_a_new_one_gets_the_usual_ones() {
        use std::os::unix::fs::PermissionsExt;
        let scratch = tempfile::Builder::new()
            .prefix("atlas-atomic-")
            .tempdir()
            .unwrap();
        let mode = |p: &Path| std::fs::metadata(p).unwrap().permissions().mode() & 0o777;
        // what the umask gives a file created the ordinary way
        let plain = scratch.path().join("plain");
        std::fs::write(&plain, b"").unwrap();
        let new = scratch.path().join("new.csv");
        write_atomic(&new, b"a").unwrap();
        assert_eq!(mode(&new), mode(&plain));
        let shared = scratch.path().join("shared.csv");
        std::fs::write(&shared, b"old").unwrap();
        std::fs::set_permissions(&shared, std::fs::Permissions::from_mode(0o664)).unwrap();
        write_atomic(&shared, b"new").unwrap();
        assert_eq!(mode(&shared), 0o664);
        assert_eq!(std::fs::read(&shared).unwrap(), b"new");
    }
}
