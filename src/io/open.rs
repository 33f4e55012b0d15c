//! Opening a dataset file of any supported format, chosen by extension and confirmed by content.

use super::basemap::Basemap;
use super::bundle::{bundled_places, load_events_file, read_text};
use super::bundled::{EVENTS_FORMAT, Loaded};
use super::problem::Problem;
use super::{acled, geojson_events};
use crate::model::{Dataset, Event, Place};
use std::path::Path;

/// The file formats the atlas reads.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Format {
    /// `.json`: the bundled format, or GeoJSON when its content says so.
    Json,
    /// `.geojson`: a GeoJSON FeatureCollection of events (or a basemap).
    GeoJson,
    /// `.csv`: ACLED-style rows.
    Csv,
    /// A basemap GeoJSON (only from content).
    Basemap,
}

/// The format a path's extension names.
pub fn detect_format(path: &Path) -> Result<Format, Problem> {
    let file = path.display().to_string();
    let ext = path
        .extension()
        .and_then(|e| e.to_str())
        .map(str::to_ascii_lowercase)
        .unwrap_or_default();
    match ext.as_str() {
        "json" => Ok(Format::Json),
        "geojson" => Ok(Format::GeoJson),
        "csv" => Ok(Format::Csv),
        "" => Err(Problem::whole(
            &file,
            "no file extension: expected .json, .geojson or .csv",
        )),
        other => Err(Problem::whole(
            &file,
            format!("unknown file type `.{other}`: expected .json, .geojson or .csv"),
        )),
    }
}

/// Loads events from a file of any supported format; returns the gazetteer they use and what loaded.
pub fn load_path(path: &Path, basemap: &Basemap) -> (Vec<Place>, Loaded<Event>) {
    let file = path.display().to_string();
    let failed = |p: Problem| {
        (
            Vec::new(),
            Loaded {
                records: Vec::new(),
                problems: vec![p],
            },
        )
    };
    let format = match detect_format(path) {
        Ok(f) => f,
        Err(p) => return failed(p),
    };
    if format == Format::Csv {
        return match std::fs::read(path) {
            Ok(bytes) => acled::parse_acled_csv(&file, &bytes),
            Err(e) => failed(Problem::whole(&file, format!("cannot read: {e}"))),
        };
    }
    let text = match read_text(path) {
        Ok(t) => t,
        Err(p) => return failed(p),
    };
    let head: String = text.chars().take(4096).collect();
    let looks_bundled = head.contains(EVENTS_FORMAT);
    if looks_bundled {
        let (loaded, places) = load_events_file(path, basemap);
        (places, loaded)
    } else {
        geojson_events::parse_geojson_events(&file, &text, &bundled_places())
    }
}

/// Loads a dataset strictly: any problem fails the whole load.
pub fn load_dataset_strict(path: &Path, basemap: &Basemap) -> Result<Dataset, Vec<Problem>> {
    let (places, loaded) = load_path(path, basemap);
    if loaded.problems.is_empty() {
        Ok(Dataset::new(loaded.records, places))
    } else {
        Err(loaded.problems)
    }
}

/// Loads a dataset keeping the valid records; returns it with the skipped records' problems.
pub fn load_dataset_lenient(path: &Path, basemap: &Basemap) -> (Dataset, Vec<Problem>) {
    let (places, loaded) = load_path(path, basemap);
    (Dataset::new(loaded.records, places), loaded.problems)
}
