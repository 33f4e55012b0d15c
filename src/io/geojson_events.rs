//! GeoJSON FeatureCollections of events.

use super::bundled::Loaded;
use super::problem::Problem;
use crate::model::{Event, Place};

/// Parses a GeoJSON FeatureCollection of events.
pub fn parse_geojson_events(
    file: &str,
    _text: &str,
    _gazetteer: &[Place],
) -> (Vec<Place>, Loaded<Event>) {
    let mut loaded = Loaded::default();
    loaded
        .problems
        .push(Problem::whole(file, "GeoJSON events are not supported yet"));
    (Vec::new(), loaded)
}
