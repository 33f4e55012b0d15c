//! The bundled content compiled into the binary, and loading an events file with its gazetteer.

use super::basemap::Basemap;
use super::bundled::{parse_events, parse_places};
use super::problem::Problem;
use super::situation::parse_situation;
use crate::model::{Dataset, Place, Situation};
use std::collections::HashMap;
use std::path::Path;

/// The bundled events (`assets/events.json`).
pub const EVENTS_JSON: &str = include_str!("../../assets/events.json");
/// The bundled gazetteer (`assets/places.json`).
pub const PLACES_JSON: &str = include_str!("../../assets/places.json");
/// The bundled basemap (`assets/basemap.geojson`).
pub const BASEMAP_GEOJSON: &str = include_str!("../../assets/basemap.geojson");
/// The bundled detailed areas (`assets/areas.geojson`): the basemap's countries and regions with
/// every vertex of their sources, for testing whether a point lies in an area.
pub const AREAS_GEOJSON: &str = include_str!("../../assets/areas.geojson");
/// The bundled low-detail world (`assets/world.geojson`), drawn beneath the basemap.
pub const WORLD_GEOJSON: &str = include_str!("../../assets/world.geojson");
/// The towns the article reader looks a name up in (`assets/towns.json`): GeoNames' cities500
/// records within the regional extent, written by `make-basemap`; never drawn.
pub const TOWNS_JSON: &str = include_str!("../../assets/towns.json");
/// The bundled situation layer (`assets/situation.geojson`): who held what, when.
pub const SITUATION_GEOJSON: &str = include_str!("../../assets/situation.geojson");

/// The seed articles the bundled events cite, by file name.
pub const SEEDS: [(&str, &str); 5] = [
    (
        "000_f4d6f3418585ed7a.txt",
        include_str!("../../seeds/000_f4d6f3418585ed7a.txt"),
    ),
    (
        "001_52c11fea4545459d.txt",
        include_str!("../../seeds/001_52c11fea4545459d.txt"),
    ),
    (
        "002_70a1e9a86c4e23c5.txt",
        include_str!("../../seeds/002_70a1e9a86c4e23c5.txt"),
    ),
    (
        "003_a158c26eda2d7fc2.txt",
        include_str!("../../seeds/003_a158c26eda2d7fc2.txt"),
    ),
    (
        "004_6fce258b43be662b.txt",
        include_str!("../../seeds/004_6fce258b43be662b.txt"),
    ),
];

/// The text of a bundled seed article.
pub fn seed_text(document: &str) -> Option<&'static str> {
    SEEDS
        .iter()
        .find(|(name, _)| *name == document)
        .map(|(_, text)| *text)
}

/// The bundled basemap; an empty one if the asset were ever unreadable.
pub fn bundled_basemap() -> Basemap {
    Basemap::parse("assets/basemap.geojson", BASEMAP_GEOJSON).unwrap_or_default()
}

/// The bundled detailed areas; an empty set if the asset were ever unreadable.
pub fn bundled_areas() -> Basemap {
    Basemap::parse("assets/areas.geojson", AREAS_GEOJSON).unwrap_or_default()
}

/// The bundled low-detail world; an empty one if the asset were ever unreadable.
pub fn bundled_world() -> Basemap {
    Basemap::parse("assets/world.geojson", WORLD_GEOJSON).unwrap_or_default()
}

/// The bundled situation layer; an empty one if the asset were ever unreadable.
pub fn bundled_situation() -> Situation {
    parse_situation("assets/situation.geojson", SITUATION_GEOJSON).unwrap_or_default()
}

/// The bundled gazetteer.
pub fn bundled_places() -> Vec<Place> {
    parse_places("assets/places.json", PLACES_JSON).records
}

/// The bundled dataset.
pub fn bundled_dataset(basemap: &Basemap) -> Dataset {
    let places = bundled_places();
    let by_id = index_places(&places);
    let events = parse_events("assets/events.json", EVENTS_JSON, &by_id, Some(basemap)).records;
    Dataset::new(events, places)
}

/// Places by id.
pub fn index_places(places: &[Place]) -> HashMap<String, Place> {
    places.iter().map(|p| (p.id.clone(), p.clone())).collect()
}

/// Reads a file as UTF-8 text, with a problem naming the file when it cannot.
pub fn read_text(path: &Path) -> Result<String, Problem> {
    let file = path.display().to_string();
    let bytes =
        std::fs::read(path).map_err(|e| Problem::whole(&file, format!("cannot read: {e}")))?;
    String::from_utf8(bytes).map_err(|e| {
        let text_before = &e.as_bytes()[..e.utf8_error().valid_up_to()];
        let line = text_before.iter().filter(|&&b| b == b'\n').count() + 1;
        let column = text_before
            .iter()
            .rev()
            .take_while(|&&b| b != b'\n')
            .count()
            + 1;
        Problem::at(&file, line, column, "not UTF-8 text (a binary file?)")
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::io::ShapeKind;

    #[test]
    fn seeds_are_bundled() {
        assert_eq!(SEEDS.len(), 5);
        assert!(
            seed_text("001_52c11fea4545459d.txt")
                .unwrap()
                .contains("Safar Abiyev")
        );
        assert!(seed_text("nope.txt").is_none());
    }

    #[test]
    fn every_area_of_the_basemap_has_its_detailed_twin() {
        let basemap = bundled_basemap();
        let areas = bundled_areas();
        assert!(areas.source.contains("unsimplified"), "{}", areas.source);
        let twins = |s: &crate::io::Shape| {
            areas
                .shapes
                .iter()
                .any(|d| d.name == s.name && d.kind == s.kind && d.note.contains("unsimplified"))
        };
        let named: Vec<&str> = basemap
            .shapes
            .iter()
            .filter(|s| matches!(s.kind, ShapeKind::Country | ShapeKind::Region))
            .inspect(|s| assert!(twins(s), "{} has no detailed twin", s.name))
            .map(|s| s.name.as_str())
            .collect();
        assert_eq!(named.len(), areas.shapes.len());
        assert!(named.contains(&"Nakhchivan") && named.contains(&"Nagorno-Karabakh"));
    }

    #[test]
    fn unreadable_and_binary_files_name_the_file() {
        let err = read_text(Path::new("/nonexistent/x.json")).unwrap_err();
        assert!(
            err.to_string()
                .starts_with("/nonexistent/x.json:1:1: cannot read")
        );
        let dir = tempfile::Builder::new()
            .prefix("atlas-bundle-test-")
            .tempdir()
            .unwrap();
        let bin = dir.path().join("bin.json");
        std::fs::write(&bin, b"{\n  \"a\": \xff\xfe }").unwrap();
        let err = read_text(&bin).unwrap_err();
        assert_eq!((err.line, err.column), (2, 8));
    }
}
