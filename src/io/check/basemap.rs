//! Checking a basemap: every feature has a name, a known kind and a valid geometry in range.

use crate::io::basemap::{Basemap, ShapeKind};
use crate::io::json_locate::{JsonLocator, Step};
use crate::io::problem::Problem;
use serde_json::Value;

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
