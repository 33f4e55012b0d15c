//! GeoJSON events (RFC 7946): what [`super::export::events_collection`] writes, and the common
//! shapes of third-party event GeoJSON — a FeatureCollection, a bare Feature or a bare geometry;
//! time under many keys ([`time_keys`]); Leaflet.TimeDimension tracks (a LineString with one time
//! per vertex); ACLED-like properties; places given only by coordinates.
//!
//! The file is read in chunks and each feature parsed on its own, typed and borrowed by serde_json
//! ([`raw`]), never as a whole `serde_json::Value` tree; large files are read by two threads
//! ([`split`]). Points become compact rows whose free text (summary, source, notes) is read again
//! from the file by offset when the event is shown ([`reader`]); lines, regions, tracks and claimed
//! or unverified events are kept whole. A feature with a problem is skipped and the problem reported
//! at the line and column of the offending value; the other features load.

mod builder;
mod clock;
mod convert;
mod fields;
mod geometry;
mod input;
mod intern;
mod keys;
mod load;
mod positions;
mod raw;
mod raw_geometry;
mod reader;
mod source;
mod split;
pub mod time_keys;
mod undated;
mod walk;

pub use geometry::GEOMETRY_TYPES;
pub use load::GeoJsonLoad;
pub use source::{Disk, Memory, ReadAt};
use split::Tuning;

use super::bundled::Loaded;
use super::open::LoadOptions;
use super::problem::Problem;
use crate::model::{Event, Place};
use std::path::Path;
use std::sync::Arc;

/// Files up to this size keep their bytes in memory for reading features again; larger ones are
/// read again from disk.
pub const KEEP_IN_MEMORY_MAX: usize = 32 << 20;

/// Loads a GeoJSON file from disk, reading it in chunks (it is never held whole in memory).
/// `file` names it in messages; places are resolved against `gazetteer`.
pub fn load_file(
    path: &Path,
    file: &str,
    gazetteer: &[Place],
    options: &LoadOptions,
) -> GeoJsonLoad {
    let disk = match Disk::open(path, file) {
        Ok(d) => Arc::new(d),
        Err(e) => {
            return GeoJsonLoad {
                problems: vec![Problem::whole(file, format!("cannot read: {e}"))],
                ..GeoJsonLoad::default()
            };
        }
    };
    load::load(
        file,
        &*disk,
        disk.clone(),
        gazetteer,
        options,
        Tuning::default(),
    )
}

/// Loads GeoJSON from bytes in memory. When `path` is the file they came from and they are large,
/// features are read again from that file when shown; otherwise the bytes are kept.
pub fn load_bytes(
    file: &str,
    bytes: &[u8],
    path: Option<&Path>,
    gazetteer: &[Place],
    options: &LoadOptions,
) -> GeoJsonLoad {
    let on_disk = path
        .filter(|_| bytes.len() > KEEP_IN_MEMORY_MAX)
        .and_then(|p| Disk::open(p, file).ok())
        .filter(|d| d.len() == bytes.len() as u64);
    match on_disk {
        Some(disk) => {
            // parse the bytes at hand without copying them
            let borrowed = Borrowed(bytes);
            load::load(
                file,
                &borrowed,
                Arc::new(disk),
                gazetteer,
                options,
                Tuning::default(),
            )
        }
        None => {
            let memory = Arc::new(Memory(Arc::from(bytes)));
            load::load(
                file,
                &*memory,
                memory.clone(),
                gazetteer,
                options,
                Tuning::default(),
            )
        }
    }
}

/// Whether the first feature of a GeoJSON file has a `kind` property, as the basemap's features
/// do (`check` tells basemaps from events this way). Reads only up to that feature.
pub fn looks_like_basemap(path: &Path) -> bool {
    struct First(Option<bool>);
    impl walk::Sink for First {
        fn feature(&mut self, value: &raw::FeatureValue<'_>, _: &walk::FeatureAt<'_>) {
            let has_kind = match value {
                raw::FeatureValue(Some(f)) => match &f.properties {
                    raw::Slot::Is(p) => p.by_name("kind").is_some(),
                    _ => false,
                },
                raw::FeatureValue(None) => false,
            };
            self.0 = Some(has_kind);
        }
        fn problem(&mut self, _: u64, _: String) {}
        fn go_on(&mut self, _: u64) -> bool {
            self.0.is_none()
        }
    }
    let Ok(disk) = Disk::open(path, "") else {
        return false;
    };
    let mut first = First(None);
    walk::Walker::new(&disk, 0, 1 << 16, &mut first).document();
    first.0 == Some(true)
}

/// Bytes borrowed for the length of a load.
#[derive(Debug)]
struct Borrowed<'a>(&'a [u8]);

impl ReadAt for Borrowed<'_> {
    fn read_at(&self, offset: u64, buf: &mut [u8]) -> std::io::Result<usize> {
        Ok(source::read_slice_at(self.0, offset, buf))
    }

    fn len(&self) -> u64 {
        self.0.len() as u64
    }
}

/// Parses GeoJSON text into whole events in file order, with the places they use (gazetteer
/// ones first used first, ad-hoc ones likewise) and the problems of the skipped features.
pub fn parse_geojson_events(
    file: &str,
    text: &str,
    gazetteer: &[Place],
) -> (Vec<Place>, Loaded<Event>) {
    let load = load_bytes(
        file,
        text.as_bytes(),
        None,
        gazetteer,
        &LoadOptions::default(),
    );
    let records = in_file_order(load.records, &load.whole_offsets);
    (
        load.places,
        Loaded {
            records,
            problems: load.problems,
        },
    )
}

/// The events of a load as whole events, in file order (`offsets` are the whole events').
fn in_file_order(records: crate::model::Records, offsets: &[u64]) -> Vec<Event> {
    let mut all: Vec<(u64, Event)> = Vec::with_capacity(records.len());
    for store in &records.stores {
        all.extend((0..store.len()).map(|j| (store.rows().offset[j], store.event(j))));
    }
    all.extend(offsets.iter().copied().zip(records.events));
    all.sort_by_key(|(offset, _)| *offset);
    all.into_iter().map(|(_, e)| e).collect()
}

#[cfg(test)]
mod tests;
#[cfg(test)]
mod tests_cases;
#[cfg(test)]
mod tests_props;
