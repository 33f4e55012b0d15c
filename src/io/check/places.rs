//! Checking a gazetteer: it loads, and a place that the basemap draws under its name lies inside
//! that shape (or, for a line, close to it).

use super::fit::{point_fits, shapes_named_like};
use super::{basemap_for, errors};
use crate::io::basemap::Basemap;
use crate::io::bundled::{parse_json, parse_places};
use crate::io::json_locate::{JsonLocator, Step};
use crate::io::problem::{Finding, Problem};
use crate::model::{Place, PlaceKind};
use serde_json::Value;
use std::collections::HashMap;
use std::path::{Path, PathBuf};

/// Checks a places file; `all` are the paths named on the command line (a basemap among them is used).
pub(super) fn check_places(path: &Path, file: &str, text: &str, all: &[PathBuf]) -> Vec<Finding> {
    let loaded = parse_places(file, text);
    let mut findings = errors(loaded.problems);
    let Ok(doc) = parse_json(file, text) else {
        return findings;
    };
    let basemap = basemap_for(path, all);
    let loc = JsonLocator::new(file, text);
    findings.extend(errors(places_outside_their_shapes(
        &loc,
        &doc,
        &loaded.records,
        &basemap,
    )));
    findings.sort_by_key(|f| (f.problem.line, f.problem.column));
    findings
}

/// Every loaded place whose name the basemap draws must lie in that shape; problems point at `lat`.
pub fn places_outside_their_shapes(
    loc: &JsonLocator,
    doc: &Value,
    places: &[Place],
    basemap: &Basemap,
) -> Vec<Problem> {
    let mut index: HashMap<&str, usize> = HashMap::new();
    let raw = doc.get("places").and_then(Value::as_array);
    for (i, p) in raw.into_iter().flatten().enumerate() {
        if let Some(id) = p.get("id").and_then(Value::as_str) {
            index.entry(id).or_insert(i); // the first of duplicate ids, as the loader keeps it
        }
    }
    let mut problems = Vec::new();
    for place in places.iter().filter(|p| p.kind != PlaceKind::OffMap) {
        let Some(&i) = index.get(place.id.as_str()) else {
            continue;
        };
        for shape in shapes_named_like(place, basemap) {
            let whose = format!("the basemap shape `{}` of the same name", shape.name);
            if let Err(message) = point_fits(place.lon, place.lat, shape, &whose) {
                let path = [Step::from("places"), Step::Index(i), Step::from("lat")];
                problems.push(loc.problem(&path, message));
            }
        }
    }
    problems
}
