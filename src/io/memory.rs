//! Memory while loading: mapped files whose parsed pages are given back, and freed heap pages
//! returned to the system after a large load.

/// Returns the heap's free pages to the system.
///
/// Loading a large file allocates and frees far more than the dataset keeps (the file's bytes,
/// sort keys, growing columns). glibc keeps freed heap pages mapped, so without this the process
/// would hold on to the load's peak. Elsewhere this does nothing.
pub fn release_free_memory() {
    #[cfg(all(target_os = "linux", target_env = "gnu"))]
    {
        // SAFETY: malloc_trim only walks glibc's own free lists; it takes no pointers from us and
        // is safe to call at any time from any thread.
        unsafe {
            libc::malloc_trim(0);
        }
    }
}

/// Freed memory up to this size stays with the heap rather than going back to the system.
const KEPT_FREE: i32 = 64 << 20;
/// Blocks up to this size come from the heap rather than from a mapping of their own.
const HEAP_BLOCK_MAX: i32 = 32 << 20;

/// Keeps freed heap memory for the next frame rather than returning it to the system at once.
///
/// Without a graphics card, Mesa's software rasteriser allocates and frees several megabytes of
/// scene data every frame (12 MB a frame at 100,000 events on screen). glibc's default returns
/// the freed top of the heap to the system at each free, so every frame grew the heap again and
/// faulted its pages back in one by one, each zeroed by the kernel: a third of the window's
/// thread went to page faults. Mapped blocks are kept below [`HEAP_BLOCK_MAX`] for the same
/// reason (setting one threshold turns off glibc's own adjustment of both). After a load,
/// [`release_free_memory`] still gives everything free back. Returns whether the allocator took
/// both settings; elsewhere this does nothing and returns false.
pub fn keep_freed_memory() -> bool {
    #[cfg(all(target_os = "linux", target_env = "gnu"))]
    {
        // SAFETY: mallopt only sets glibc's allocator parameters; it takes no pointers and may be
        // called at any time.
        unsafe {
            libc::mallopt(libc::M_TRIM_THRESHOLD, KEPT_FREE) == 1
                && libc::mallopt(libc::M_MMAP_THRESHOLD, HEAP_BLOCK_MAX) == 1
        }
    }
    #[cfg(not(all(target_os = "linux", target_env = "gnu")))]
    {
        false
    }
}

/// Files at least this large are mapped into memory rather than read into it.
const MAP_MIN: u64 = 16 << 20;

/// The bytes of a file being loaded: mapped when large (so that the pages a parser has passed can
/// be given back, see [`Input::release`]), read whole when small.
///
/// Like any memory map, a mapped file that another program truncates while it is being loaded
/// makes the process fail: the atlas only maps files it is opening for a load, and never writes
/// to them.
#[derive(Debug)]
pub enum FileBytes {
    /// The file mapped read-only.
    Mapped(memmap2::Mmap),
    /// The file's content in memory.
    Read(Vec<u8>),
}

impl FileBytes {
    /// Opens a file for loading.
    pub fn open(path: &std::path::Path) -> std::io::Result<FileBytes> {
        let file = std::fs::File::open(path)?;
        if let Some(mapped) = FileBytes::map_large(&file) {
            return Ok(mapped);
        }
        let mut bytes = Vec::new();
        std::io::Read::read_to_end(&mut &file, &mut bytes)?;
        Ok(FileBytes::Read(bytes))
    }

    /// Maps a file when it is large, and reads nothing otherwise: a small file, and a pipe that
    /// can be read only once, are left to the caller to read.
    pub fn map_large(file: &std::fs::File) -> Option<FileBytes> {
        let len = file.metadata().ok()?.len();
        if len < MAP_MIN || usize::try_from(len).is_err() {
            return None;
        }
        // SAFETY: the map is read-only and private to this load; see the type's note on files
        // that change while mapped.
        let map = unsafe { memmap2::Mmap::map(file) }.ok()?;
        #[cfg(unix)]
        let _ = map.advise(memmap2::Advice::Sequential);
        Some(FileBytes::Mapped(map))
    }

    /// The bytes to parse.
    pub fn input(&self) -> Input<'_> {
        match self {
            FileBytes::Mapped(map) => Input {
                bytes: map,
                map: Some(map),
            },
            FileBytes::Read(bytes) => Input::from(bytes.as_slice()),
        }
    }
}

/// Bytes parsed front to back. When they lie in a mapped file, the parser gives back the pages it
/// has passed, so that a large file never sits in memory whole.
#[derive(Clone, Copy, Debug)]
pub struct Input<'a> {
    bytes: &'a [u8],
    map: Option<&'a memmap2::Mmap>,
}

impl<'a> From<&'a [u8]> for Input<'a> {
    fn from(bytes: &'a [u8]) -> Input<'a> {
        Input { bytes, map: None }
    }
}

impl<'a> Input<'a> {
    /// The bytes.
    pub fn bytes(&self) -> &'a [u8] {
        self.bytes
    }

    /// The input without its first `n` bytes (a byte-order mark).
    pub fn skip(self, n: usize) -> Input<'a> {
        Input {
            bytes: self.bytes.get(n..).unwrap_or_default(),
            map: self.map,
        }
    }

    /// Gives back the memory of the pages wholly inside `range` of these bytes, when they are a
    /// mapped file. The bytes stay readable: a page read again comes back from the file.
    pub fn release(&self, range: std::ops::Range<usize>) {
        #[cfg(unix)]
        if let Some(map) = self.map {
            let page = PAGE;
            let base = self.bytes.as_ptr() as usize - map.as_ptr() as usize;
            let start = (base + range.start.min(self.bytes.len())).next_multiple_of(page);
            let end = (base + range.end.min(self.bytes.len())) / page * page;
            if end > start {
                // SAFETY: the map is read-only and backed by the file, so a dropped page is read
                // again from the file with the same content; no reference sees it change.
                let _ = unsafe {
                    map.unchecked_advise_range(
                        memmap2::UncheckedAdvice::DontNeed,
                        start,
                        end - start,
                    )
                };
            }
        }
    }
}

/// The size of a memory page (4 KiB on the machines the atlas runs on; a larger page only makes
/// [`Input::release`] give back less).
const PAGE: usize = 4096;

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    #[test]
    #[cfg(all(target_os = "linux", target_env = "gnu"))]
    fn the_allocator_takes_both_settings() {
        // mallopt answers 0 for a parameter or value it does not take, which would otherwise go
        // unnoticed: the viewer would just paint slower
        assert!(keep_freed_memory());
    }

    #[test]
    fn released_pages_read_the_same() {
        let dir = tempfile::Builder::new()
            .prefix("atlas-map-")
            .tempdir()
            .unwrap();
        let path = dir.path().join("big.csv");
        let content: Vec<u8> = (0..(MAP_MIN as usize + 12_345))
            .map(|i| (i % 251) as u8)
            .collect();
        std::fs::write(&path, &content).unwrap();
        let file = FileBytes::open(&path).unwrap();
        assert!(matches!(file, FileBytes::Mapped(_)));
        let input = file.input().skip(3);
        assert_eq!(input.bytes(), &content[3..]);
        input.release(0..input.bytes().len() / 2);
        input.release(10..usize::MAX);
        assert_eq!(input.bytes(), &content[3..]);
        drop(file);
        std::fs::write(&path, b"small").unwrap();
        let small = FileBytes::open(&path).unwrap();
        assert!(matches!(&small, FileBytes::Read(b) if b == b"small"));
        small.input().release(0..5);
        assert_eq!(small.input().bytes(), b"small");
        drop(small);
        dir.close().unwrap();
    }
}
