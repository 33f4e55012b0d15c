//! Where a GeoJSON file's bytes are read from, by offset: memory, or the file on disk (whose size
//! and time are remembered, so that a later read notices when it has changed).

use std::fmt;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::SystemTime;

/// Bytes readable at any offset, from any thread.
pub trait ReadAt: Send + Sync + fmt::Debug {
    /// Reads up to `buf.len()` bytes at `offset`; fewer only at the end.
    fn read_at(&self, offset: u64, buf: &mut [u8]) -> std::io::Result<usize>;
    /// The length in bytes.
    fn len(&self) -> u64;
    /// Whether there are no bytes.
    fn is_empty(&self) -> bool {
        self.len() == 0
    }
    /// Why the bytes can no longer be read as they were loaded, if so.
    fn changed(&self) -> Option<String> {
        None
    }
}

/// Copies the bytes of `bytes` from `offset` into `buf` (as many as fit, none past the end) and
/// says how many.
pub(super) fn read_slice_at(bytes: &[u8], offset: u64, buf: &mut [u8]) -> usize {
    let start = usize::try_from(offset)
        .unwrap_or(usize::MAX)
        .min(bytes.len());
    let n = buf.len().min(bytes.len() - start);
    buf[..n].copy_from_slice(&bytes[start..start + n]);
    n
}

/// Bytes held in memory.
#[derive(Clone, Debug)]
pub struct Memory(pub Arc<[u8]>);

impl ReadAt for Memory {
    fn read_at(&self, offset: u64, buf: &mut [u8]) -> std::io::Result<usize> {
        Ok(read_slice_at(&self.0, offset, buf))
    }

    fn len(&self) -> u64 {
        self.0.len() as u64
    }
}

/// A file on disk, as it was when opened.
pub struct Disk {
    path: PathBuf,
    name: String,
    len: u64,
    modified: Option<SystemTime>,
    file: std::fs::File,
}

impl fmt::Debug for Disk {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Disk")
            .field("path", &self.path)
            .field("len", &self.len)
            .finish()
    }
}

impl Disk {
    /// Opens a file, remembering its size and time; `name` is how messages call it.
    pub fn open(path: &Path, name: &str) -> std::io::Result<Disk> {
        let file = std::fs::File::open(path)?;
        let meta = file.metadata()?;
        Ok(Disk {
            path: path.to_path_buf(),
            name: name.to_owned(),
            len: meta.len(),
            modified: meta.modified().ok(),
            file,
        })
    }
}

impl ReadAt for Disk {
    fn read_at(&self, offset: u64, buf: &mut [u8]) -> std::io::Result<usize> {
        let mut done = 0;
        while done < buf.len() {
            let n = read_once(&self.file, offset + done as u64, &mut buf[done..])?;
            if n == 0 {
                break;
            }
            done += n;
        }
        Ok(done)
    }

    fn len(&self) -> u64 {
        self.len
    }

    fn changed(&self) -> Option<String> {
        let name = &self.name;
        match std::fs::metadata(&self.path) {
            Err(e) => Some(format!("cannot read {name}: {e}")),
            Ok(m) if m.len() != self.len || m.modified().ok() != self.modified => Some(format!(
                "{name} changed since it was loaded (its size or time differ); open it again"
            )),
            Ok(_) => None,
        }
    }
}

/// One positional read (without moving a shared cursor, so threads may read side by side),
/// retried when interrupted.
fn read_once(file: &std::fs::File, offset: u64, buf: &mut [u8]) -> std::io::Result<usize> {
    loop {
        #[cfg(unix)]
        let r = std::os::unix::fs::FileExt::read_at(file, buf, offset);
        #[cfg(windows)]
        let r = std::os::windows::fs::FileExt::seek_read(file, buf, offset);
        #[cfg(not(any(unix, windows)))]
        let r = {
            use std::io::{Read, Seek, SeekFrom};
            let mut f = file;
            f.seek(SeekFrom::Start(offset)).and_then(|_| f.read(buf))
        };
        match r {
            Err(e) if e.kind() == std::io::ErrorKind::Interrupted => {}
            other => return other,
        }
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::expect_used)]
mod tests {
    use super::*;

    #[test]
    fn memory_and_disk_read_the_same_and_disk_notices_changes() {
        let bytes = b"{\"type\": \"FeatureCollection\"}".to_vec();
        let dir = tempfile::Builder::new()
            .prefix("atlas-geo-source-")
            .tempdir()
            .unwrap();
        let path = dir.path().join("s.geojson");
        std::fs::write(&path, &bytes).unwrap();
        let disk = Disk::open(&path, "s.geojson").unwrap();
        let memory = Memory(Arc::from(bytes.as_slice()));
        for source in [&disk as &dyn ReadAt, &memory] {
            let mut buf = [0u8; 8];
            assert_eq!(source.read_at(9, &mut buf).unwrap(), 8);
            assert_eq!(&buf, b"\"Feature");
            assert_eq!(source.read_at(25, &mut buf).unwrap(), 4);
            assert_eq!(source.read_at(99, &mut buf).unwrap(), 0);
            assert_eq!(source.len(), 29);
            assert_eq!(source.changed(), None);
        }
        std::fs::write(&path, b"{}").unwrap();
        assert!(
            disk.changed()
                .unwrap()
                .contains("changed since it was loaded")
        );
        drop(disk);
        dir.close().unwrap();
    }
}
