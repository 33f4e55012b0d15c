//! `caucasus-atlas check`: validates data files and lists every problem with its position.
//!
//! Loading problems are errors; the situation layer's file is read as the map reads it. An events file, bundled JSON or the atlas's own CSV, is also held to
//! the content rules of [`rules`] (dates against the source's publication, claims, shapes) and a
//! gazetteer to [`places`] (a place lies inside the basemap shape of its name); a doubtful date
//! note or date wording is a warning, which is printed but does not fail the check.

mod atlas_table;
mod basemap;
pub mod day_mentions;
mod events;
pub mod fit;
mod places;
pub mod rules;

pub use basemap::check_basemap;

use super::basemap::Basemap;
use super::bundle::{bundled_basemap, read_text};
use super::bundled::{EVENTS_FORMAT, PLACES_FORMAT, parse_json};
use super::json_kind::{JsonKind, json_kind};
use super::open::{Format, LoadOptions, detect_format, load_path};
use super::problem::{Finding, Problem};
use super::situation::{FORMAT as SITUATION_FORMAT, parse_situation};
use serde_json::Value;
use std::path::{Path, PathBuf};

/// Checks every file in `paths`; returns all findings, errors and warnings, in file order (empty
/// when clean). Never panics on input.
pub fn check_paths(paths: &[PathBuf]) -> Vec<Finding> {
    let mut findings = Vec::new();
    for path in paths {
        findings.extend(check_path(path, paths));
    }
    findings
}

/// Errors only: a list of problems as loaders report them.
fn errors(problems: Vec<Problem>) -> Vec<Finding> {
    problems.into_iter().map(Finding::error).collect()
}

/// Checks one file; `all` are the other paths named, to find a gazetteer or basemap among them.
fn check_path(path: &Path, all: &[PathBuf]) -> Vec<Finding> {
    let file = path.display().to_string();
    if path.is_dir() {
        return errors(vec![Problem::whole(
            &file,
            "is a directory, not a data file",
        )]);
    }
    let format = match detect_format(path) {
        Ok(f) => f,
        Err(p) => return errors(vec![p]),
    };
    if format == Format::Csv {
        return check_table(path, &file, all);
    }
    let streamed = format == Format::GeoJson && !super::geojson::looks_like_basemap(path);
    if matches!(
        format,
        Format::Kml | Format::Kmz | Format::Zip | Format::Spreadsheet
    ) || streamed
    {
        // KML, KMZ, archives and spreadsheets are binary-safe; GeoJSON events are read in chunks by the loader, never whole
        return errors(
            load_path(path, &bundled_basemap(), &LoadOptions::default())
                .1
                .problems,
        );
    }
    let text = match read_text(path) {
        Ok(t) => t,
        Err(p) => return errors(vec![p]),
    };
    match format {
        Format::Kml | Format::Kmz | Format::Zip | Format::Spreadsheet | Format::Csv => errors(
            load_path(path, &bundled_basemap(), &LoadOptions::default())
                .1
                .problems,
        ),
        Format::GeoJson => check_feature_collection(path, &file, &text, &Value::Null),
        Format::Json => {
            let doc = match parse_json(&file, &text) {
                Ok(d) => d,
                Err(p) => return errors(vec![p]),
            };
            match doc.get("format").and_then(Value::as_str) {
                Some(PLACES_FORMAT) => places::check_places(path, &file, &text, all),
                Some(EVENTS_FORMAT) => events::check_events(path, &file, &text, &doc, all),
                _ if doc
                    .get("type")
                    .and_then(Value::as_str)
                    .is_some_and(is_geojson_type) =>
                {
                    check_feature_collection(path, &file, &text, &doc)
                }
                _ if json_kind(&text) == JsonKind::NotAnObject
                    && super::acled::json::acled_rows(&doc).is_none() =>
                {
                    errors(vec![Problem::whole(
                        &file,
                        format!(
                            "unrecognised JSON: not an object; expected the atlas's events or gazetteer \
                         (\"format\": \"{EVENTS_FORMAT}\" or \"{PLACES_FORMAT}\"), GeoJSON (a \
                         FeatureCollection, a Feature or a geometry), TimelineJS, StoryMapJS or \
                         ACLED's API answer (\"data\")"
                        ),
                    )])
                }
                // TimelineJS, StoryMapJS, and what no loader reads: as the load reports it
                _ => errors(
                    load_path(path, &bundled_basemap(), &LoadOptions::default())
                        .1
                        .problems,
                ),
            }
        }
    }
}

/// A table: the atlas's own CSV is held to the content rules; any other (ACLED) is checked as it
/// loads, row by row, a table of any size or encoding never read whole as text.
fn check_table(path: &Path, file: &str, all: &[PathBuf]) -> Vec<Finding> {
    if !starts_as_atlas_table(path) {
        return errors(
            load_path(path, &bundled_basemap(), &LoadOptions::default())
                .1
                .problems,
        );
    }
    match std::fs::read(path) {
        Ok(bytes) => atlas_table::check_atlas_table(path, file, &bytes, all),
        Err(e) => errors(vec![Problem::whole(file, format!("cannot read: {e}"))]),
    }
}

/// Whether the file's header (in its first 64 KiB) is the atlas table's.
fn starts_as_atlas_table(path: &Path) -> bool {
    use std::io::Read;
    let mut head = Vec::new();
    std::fs::File::open(path)
        .and_then(|f| f.take(64 * 1024).read_to_end(&mut head))
        .is_ok_and(|_| super::atlas_csv::is_atlas_table(&head))
}

/// Whether a `type` names a GeoJSON document: a FeatureCollection, a Feature or a geometry.
fn is_geojson_type(t: &str) -> bool {
    t == "FeatureCollection" || t == "Feature" || super::geojson::GEOMETRY_TYPES.contains(&t)
}

/// A GeoJSON file: the situation layer's when its `format` says so, a basemap when its features
/// carry `kind`, else events.
fn check_feature_collection(path: &Path, file: &str, text: &str, doc: &Value) -> Vec<Finding> {
    let parsed;
    let doc = if doc.is_null() {
        parsed = match parse_json(file, text) {
            Ok(d) => d,
            Err(p) => return errors(vec![p]),
        };
        &parsed
    } else {
        doc
    };
    if doc.get("format").and_then(Value::as_str) == Some(SITUATION_FORMAT) {
        return match parse_situation(file, text) {
            Ok(_) => Vec::new(),
            Err(p) => errors(vec![p]),
        };
    }
    let is_basemap = doc
        .get("features")
        .and_then(Value::as_array)
        .and_then(|f| f.first())
        .and_then(|f| f.get("properties"))
        .and_then(|p| p.get("kind"))
        .is_some();
    if is_basemap {
        errors(check_basemap(file, text, doc))
    } else {
        errors(
            load_path(path, &bundled_basemap(), &LoadOptions::default())
                .1
                .problems,
        )
    }
}

/// The basemap for checking a data file: a `basemap.geojson` among the paths named, else one
/// beside the file, else the bundled one.
fn basemap_for(path: &Path, all: &[PathBuf]) -> Basemap {
    all.iter()
        .filter(|p| p.file_name().is_some_and(|n| n == "basemap.geojson"))
        .cloned()
        .chain(std::iter::once(path.with_file_name("basemap.geojson")))
        .find_map(|candidate| Basemap::load(&candidate).ok())
        .unwrap_or_else(bundled_basemap)
}
