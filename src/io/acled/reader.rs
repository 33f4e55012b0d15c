//! Reading one ACLED row again, from the file or from bytes kept in memory.

use super::{Columns, Rows};
use crate::model::rows::scan_text;
use crate::model::{Event, RowReader};
use csv::ByteRecord;
use std::io::{Read, Seek, SeekFrom};
use std::path::PathBuf;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::time::SystemTime;

/// Where the rows of a parse can be read again.
#[derive(Clone, Debug)]
pub enum RowSource {
    /// The whole file, kept in memory (small files, and bytes with no file behind them).
    Memory(Arc<[u8]>),
    /// The file on disk, read again by offset; its size and time are checked before each read.
    File(PathBuf),
}

/// The file a [`RowSource::File`] was loaded from, as it was then.
#[derive(Debug)]
struct OnDisk {
    path: PathBuf,
    len: u64,
    modified: Option<SystemTime>,
    handle: Mutex<Option<std::fs::File>>,
}

#[derive(Debug)]
enum Bytes {
    Memory(Arc<[u8]>),
    File(OnDisk),
}

/// Reads rows of one ACLED file again, with the loader's own column mapping and checks.
#[derive(Debug)]
pub(super) struct AcledReader {
    name: String,
    columns: Option<Columns>,
    bytes: Bytes,
}

impl AcledReader {
    pub(super) fn new(name: &str, columns: Option<Columns>, source: RowSource) -> AcledReader {
        let bytes = match source {
            RowSource::Memory(b) => Bytes::Memory(b),
            RowSource::File(path) => {
                let meta = std::fs::metadata(&path).ok();
                Bytes::File(OnDisk {
                    len: meta.as_ref().map_or(0, |m| m.len()),
                    modified: meta.and_then(|m| m.modified().ok()),
                    path,
                    handle: Mutex::new(None),
                })
            }
        };
        AcledReader {
            name: name.to_owned(),
            columns,
            bytes,
        }
    }

    /// The index of the id column (0 when there is none).
    pub(super) fn id_column(&self) -> usize {
        self.columns.as_ref().and_then(|c| c.id).unwrap_or(0)
    }

    /// Up to `len` bytes from `offset`; fewer only at the end of the source.
    fn chunk(&self, offset: u64, len: usize) -> Result<Vec<u8>, String> {
        match &self.bytes {
            Bytes::Memory(b) => {
                let start = (offset as usize).min(b.len());
                Ok(b[start..(start + len).min(b.len())].to_vec())
            }
            Bytes::File(disk) => disk.chunk(offset, len, &self.name),
        }
    }
}

impl OnDisk {
    fn chunk(&self, offset: u64, len: usize, name: &str) -> Result<Vec<u8>, String> {
        let meta = std::fs::metadata(&self.path).map_err(|e| format!("cannot read {name}: {e}"))?;
        if meta.len() != self.len || meta.modified().ok() != self.modified {
            return Err(format!(
                "{name} changed since it was loaded (its size or time differ); open it again"
            ));
        }
        let mut handle = self
            .handle
            .lock()
            .map_err(|_| format!("cannot read {name}: the reader failed before"))?;
        if handle.is_none() {
            *handle = Some(
                std::fs::File::open(&self.path).map_err(|e| format!("cannot read {name}: {e}"))?,
            );
        }
        let file = handle
            .as_mut()
            .ok_or_else(|| format!("cannot read {name}"))?;
        file.seek(SeekFrom::Start(offset))
            .map_err(|e| format!("cannot read {name}: {e}"))?;
        let mut buf = Vec::with_capacity(len);
        file.take(len as u64)
            .read_to_end(&mut buf)
            .map_err(|e| format!("cannot read {name}: {e}"))?;
        Ok(buf)
    }
}

impl RowReader for AcledReader {
    fn read(&self, offset: u64) -> Result<Event, String> {
        let columns = self
            .columns
            .as_ref()
            .ok_or_else(|| format!("{} has no header", self.name))?;
        let mut len = 4096;
        loop {
            let chunk = self.chunk(offset, len)?;
            let mut reader = csv::ReaderBuilder::new()
                .has_headers(false)
                .flexible(true)
                .delimiter(columns.separator)
                .from_reader(chunk.as_slice());
            let mut record = ByteRecord::new();
            let found = reader
                .read_byte_record(&mut record)
                .map_err(|e| format!("{}: unreadable CSV: {e}", self.name))?;
            let consumed = reader.position().byte() as usize;
            // a record that ends before the chunk does, or a chunk cut short by the end of the
            // source, is whole; otherwise read more
            if found && (consumed < chunk.len() || chunk.len() < len) {
                if record.len() != columns.width {
                    return Err(format!("{} changed since it was loaded", self.name));
                }
                return Rows::default()
                    .event(&record, columns, 0)
                    .map_err(|(_, m)| format!("{}: {m}", self.name));
            }
            if !found || len >= 1 << 26 {
                return Err(format!("{}: no row at byte {offset}", self.name));
            }
            len *= 4;
        }
    }

    fn name(&self) -> &str {
        &self.name
    }

    fn scan(
        &self,
        query_lower: &str,
        offsets: &[u64],
        cancel: &AtomicBool,
    ) -> Result<Vec<u32>, String> {
        let query = query_lower.as_bytes();
        let mut rows = Vec::new();
        match &self.bytes {
            Bytes::Memory(b) => scan_text(b, 0, query, offsets, &mut |r| rows.push(r)),
            Bytes::File(disk) => {
                // in blocks that overlap by the query's length, so no match is cut in two
                const BLOCK: usize = 8 << 20;
                let mut at = 0u64;
                while at < disk.len {
                    if cancel.load(Ordering::Relaxed) {
                        return Err("search cancelled".to_owned());
                    }
                    let block = disk.chunk(at, BLOCK + query.len(), &self.name)?;
                    scan_text(&block, at, query, offsets, &mut |r| {
                        if rows.last() != Some(&r) {
                            rows.push(r);
                        }
                    });
                    at += BLOCK as u64;
                }
            }
        }
        Ok(rows)
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::expect_used)]
mod tests {
    use super::super::parse_acled_rows;
    use super::*;

    const TEXT: &str = "event_id_cnty,event_date,location,latitude,longitude,notes\n\
        A1,2022-08-03,Lachin,39.6,46.5,\"first, quoted\"\n\
        A2,2022-08-04,Kapan,39.2,46.4,\"spans\ntwo lines\"\n\
        A3,2022-08-05,Tovuz,40.9,45.6,last without newline";

    #[test]
    fn rows_are_read_again_from_a_file() {
        let dir = tempfile::Builder::new()
            .prefix("atlas-reader-")
            .tempdir()
            .unwrap();
        let path = dir.path().join("rows.csv");
        std::fs::write(&path, TEXT).unwrap();
        let bytes = std::fs::read(&path).unwrap();
        let (store, problems) = parse_acled_rows("rows.csv", &bytes, RowSource::File(path.clone()));
        assert!(problems.is_empty(), "{problems:?}");
        assert_eq!(store.len(), 3);
        assert_eq!(store.event(1).source.quote, "spans\ntwo lines");
        assert_eq!(store.event(2).source.quote, "last without newline");
        assert_eq!(store.event(0).source.quote, "first, quoted");
        assert_eq!(store.rows().line[..], [2, 3, 5]);
        assert_eq!(
            store.scan("two lines", &AtomicBool::new(false)).unwrap(),
            [1]
        );
        assert_eq!(store.scan("quoted", &AtomicBool::new(false)).unwrap(), [0]);
        assert_eq!(store.scan("kapan", &AtomicBool::new(false)).unwrap(), [1]);
        assert_eq!(
            store.scan("2022-08", &AtomicBool::new(false)).unwrap(),
            [0, 1, 2]
        );
        // a changed file is noticed, and what is in memory stays
        std::fs::write(&path, TEXT.replace("Lachin", "Lachin/Berdzor")).unwrap();
        let e = store.event(1);
        assert_eq!(e.id, "A2");
        assert_eq!(e.title, "Event in Kapan");
        assert!(
            e.notes.contains("changed since it was loaded"),
            "{}",
            e.notes
        );
        dir.close().unwrap();
    }

    #[test]
    fn long_rows_are_read_whole() {
        let notes = "x".repeat(20_000);
        let text = format!(
            "event_id_cnty,event_date,latitude,longitude,notes\nL1,2022-01-01,40,45,\"{notes}\"\n"
        );
        let bytes: Arc<[u8]> = Arc::from(text.as_bytes());
        let (store, problems) =
            parse_acled_rows("long.csv", &bytes, RowSource::Memory(bytes.clone()));
        assert!(problems.is_empty());
        assert_eq!(store.event(0).source.quote.len(), 20_000);
    }
}
