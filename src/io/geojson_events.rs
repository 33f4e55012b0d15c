//! The GeoJSON events loader under its earlier name; see [`super::geojson`].

pub use super::geojson::parse_geojson_events;
