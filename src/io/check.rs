//! `caucasus-atlas check`: validates data files and lists every problem with its position.

use super::basemap::{Basemap, ShapeKind};
use super::bundle::{bundled_basemap, bundled_places, index_places, read_text};
use super::bundled::{EVENTS_FORMAT, PLACES_FORMAT, parse_events, parse_json, parse_places};
use super::json_locate::{JsonLocator, Step};
use super::open::{Format, LoadOptions, detect_format, load_path};
use super::problem::Problem;
use crate::model::Place;
use serde_json::Value;
use std::path::{Path, PathBuf};

/// Checks every file in `paths`; returns all problems (empty when clean). Never panics on input.
pub fn check_paths(paths: &[PathBuf]) -> Vec<Problem> {
    let mut problems = Vec::new();
    for path in paths {
        problems.extend(check_path(path, paths));
    }
    problems
}

/// Checks one file; `all` are the other paths named, to find a gazetteer or basemap among them.
fn check_path(path: &Path, all: &[PathBuf]) -> Vec<Problem> {
    let file = path.display().to_string();
    if path.is_dir() {
        return vec![Problem::whole(&file, "is a directory, not a data file")];
    }
    let format = match detect_format(path) {
        Ok(f) => f,
        Err(p) => return vec![p],
    };
    if format == Format::GeoJson && !super::geojson::looks_like_basemap(path) {
        // events: read in chunks by the loader, never whole
        return load_path(path, &bundled_basemap(), &LoadOptions::default())
            .1
            .problems;
    }
    let text = match read_text(path) {
        Ok(t) => t,
        Err(p) => return vec![p],
    };
    match format {
        Format::Csv => {
            load_path(path, &bundled_basemap(), &LoadOptions::default())
                .1
                .problems
        }
        Format::GeoJson => check_feature_collection(path, &file, &text, &Value::Null),
        Format::Json => {
            let doc = match parse_json(&file, &text) {
                Ok(d) => d,
                Err(p) => return vec![p],
            };
            match doc.get("format").and_then(Value::as_str) {
                Some(PLACES_FORMAT) => parse_places(&file, &text).problems,
                Some(EVENTS_FORMAT) => check_events(path, &file, &text, &doc, all),
                _ if doc
                    .get("type")
                    .and_then(Value::as_str)
                    .is_some_and(is_geojson_type) =>
                {
                    check_feature_collection(path, &file, &text, &doc)
                }
                _ => vec![Problem::whole(
                    &file,
                    format!(
                        "unrecognised JSON: expected \"format\": \"{EVENTS_FORMAT}\" or \"{PLACES_FORMAT}\", or GeoJSON (a FeatureCollection, a Feature or a geometry)"
                    ),
                )],
            }
        }
    }
}

/// Whether a `type` names a GeoJSON document: a FeatureCollection, a Feature or a geometry.
fn is_geojson_type(t: &str) -> bool {
    t == "FeatureCollection" || t == "Feature" || super::geojson::GEOMETRY_TYPES.contains(&t)
}

/// A GeoJSON file: a basemap when its features carry `kind`, else events.
fn check_feature_collection(path: &Path, file: &str, text: &str, doc: &Value) -> Vec<Problem> {
    let parsed;
    let doc = if doc.is_null() {
        parsed = match parse_json(file, text) {
            Ok(d) => d,
            Err(p) => return vec![p],
        };
        &parsed
    } else {
        doc
    };
    let is_basemap = doc
        .get("features")
        .and_then(Value::as_array)
        .and_then(|f| f.first())
        .and_then(|f| f.get("properties"))
        .and_then(|p| p.get("kind"))
        .is_some();
    if is_basemap {
        check_basemap(file, text, doc)
    } else {
        load_path(path, &bundled_basemap(), &LoadOptions::default())
            .1
            .problems
    }
}

/// Checks a basemap: every feature has a name, a known kind and a valid geometry in range.
pub fn check_basemap(file: &str, text: &str, doc: &Value) -> Vec<Problem> {
    let loc = JsonLocator::new(file, text);
    let Some(features) = doc.get("features").and_then(Value::as_array) else {
        return vec![loc.problem(&[], "a FeatureCollection needs a `features` array")];
    };
    let mut problems = Vec::new();
    for (i, f) in features.iter().enumerate() {
        let at = |steps: &[&str]| {
            let mut p = vec![Step::from("features"), Step::Index(i)];
            p.extend(steps.iter().map(|s| Step::from(*s)));
            p
        };
        match f.pointer("/properties/name").and_then(Value::as_str) {
            Some(n) if !n.trim().is_empty() => {}
            _ => problems.push(loc.problem(&at(&["properties"]), "feature has no `name`")),
        }
        let kind = f.pointer("/properties/kind").and_then(Value::as_str);
        if kind.and_then(ShapeKind::parse).is_none() {
            problems.push(loc.problem(
                &at(&["properties", "kind"]),
                format!(
                    "unknown kind `{}` (country, region, corridor, border, water, river)",
                    kind.unwrap_or("")
                ),
            ));
        }
        match f.get("geometry") {
            Some(g) if !g.is_null() => {
                if let Some(m) = coordinate_problem(g.get("coordinates").unwrap_or(&Value::Null)) {
                    problems.push(loc.problem(&at(&["geometry", "coordinates"]), m));
                } else if let Err(e) = serde_json::from_value::<geojson::Geometry>(g.clone()) {
                    problems.push(loc.problem(&at(&["geometry"]), format!("bad geometry: {e}")));
                }
            }
            _ => problems.push(loc.problem(&at(&[]), "feature has no geometry")),
        }
    }
    if problems.is_empty()
        && let Err(p) = Basemap::parse(file, text)
    {
        problems.push(p);
    }
    problems
}

/// The first position outside WGS84 range in a nested coordinate array.
fn coordinate_problem(coords: &Value) -> Option<String> {
    match coords {
        Value::Array(items) if items.first().is_some_and(Value::is_number) => {
            let lon = items.first().and_then(Value::as_f64).unwrap_or(f64::NAN);
            let lat = items.get(1).and_then(Value::as_f64).unwrap_or(f64::NAN);
            crate::model::place::validate_coordinates(lat, lon).err()
        }
        Value::Array(items) => items.iter().find_map(coordinate_problem),
        _ => None,
    }
}

/// The gazetteer for checking an events file: a places file among the paths, else one beside it,
/// else the bundled one.
fn gazetteer_for(path: &Path, all: &[PathBuf]) -> Vec<Place> {
    let candidates = all
        .iter()
        .filter(|p| p.file_name().is_some_and(|n| n == "places.json"))
        .cloned()
        .chain(std::iter::once(path.with_file_name("places.json")));
    for candidate in candidates {
        if let Ok(text) = std::fs::read_to_string(&candidate) {
            let loaded = parse_places(&candidate.display().to_string(), &text);
            if !loaded.records.is_empty() {
                return loaded.records;
            }
        }
    }
    bundled_places()
}

/// The seeds folder for an events file: `../seeds` beside its folder, else `./seeds`.
fn seeds_dir(path: &Path) -> Option<PathBuf> {
    let beside = path
        .parent()
        .and_then(Path::parent)
        .map(|p| p.join("seeds"))
        .filter(|p| p.is_dir());
    beside.or_else(|| Some(PathBuf::from("seeds")).filter(|p| p.is_dir()))
}

fn check_events(path: &Path, file: &str, text: &str, doc: &Value, all: &[PathBuf]) -> Vec<Problem> {
    let places = index_places(&gazetteer_for(path, all));
    let basemap_path = path.with_file_name("basemap.geojson");
    let basemap = Basemap::load(&basemap_path).unwrap_or_else(|_| bundled_basemap());
    let mut problems = parse_events(file, text, &places, Some(&basemap)).problems;
    problems.extend(check_quotes(path, file, text, doc));
    problems.sort_by_key(|p| (p.line, p.column));
    problems
}

/// Every quote must occur verbatim in its seed when the seed is present.
fn check_quotes(path: &Path, file: &str, text: &str, doc: &Value) -> Vec<Problem> {
    let Some(dir) = seeds_dir(path) else {
        return Vec::new();
    };
    let loc = JsonLocator::new(file, text);
    let mut problems = Vec::new();
    let events = doc.get("events").and_then(Value::as_array);
    for (i, e) in events.into_iter().flatten().enumerate() {
        let document = e.pointer("/source/document").and_then(Value::as_str);
        let quote = e.pointer("/source/quote").and_then(Value::as_str);
        let (Some(document), Some(quote)) = (document, quote) else {
            continue;
        };
        let seed = dir.join(document);
        let Ok(seed_text) = std::fs::read_to_string(&seed) else {
            continue;
        };
        if !seed_text.contains(quote) {
            problems.push(loc.problem(
                &["events".into(), i.into(), "source".into(), "quote".into()],
                format!("quote is not verbatim in seeds/{document}"),
            ));
        }
    }
    problems
}
