//! Whether a place's point agrees with a basemap shape: inside an area, or close to a line.

use crate::io::basemap::{Basemap, Shape};
use crate::model::Place;
use geo::{Closest, ClosestPoint, Contains, Distance, Geometry, Haversine, Point};

/// How far (km) a place may lie from a line it stands for (a border, river or corridor): the
/// basemap's lines are simplified by up to about 0.55 km and rivers are traced along borders.
pub const LINE_TOLERANCE_KM: f64 = 3.0;

const METRES_PER_KM: f64 = 1000.0;

/// Checks a point (degrees) against a shape; returns what is wrong, naming the shape with `whose`
/// (e.g. "the shape `Iran` the event is drawn as").
pub fn point_fits(lon: f64, lat: f64, shape: &Shape, whose: &str) -> Result<(), String> {
    let point = Point::new(lon, lat);
    let at = format!("{lat}, {lon} (lat, lon)");
    match &*shape.geometry {
        Geometry::Polygon(_) | Geometry::MultiPolygon(_) | Geometry::Rect(_) => {
            if shape.geometry.contains(&point) {
                Ok(())
            } else {
                Err(format!("the point {at} lies outside {whose}"))
            }
        }
        geometry => match distance_km(geometry, point) {
            Some(km) if km <= LINE_TOLERANCE_KM => Ok(()),
            Some(km) => Err(format!(
                "the point {at} lies {km:.1} km from {whose} (at most {LINE_TOLERANCE_KM} km)"
            )),
            None => Ok(()),
        },
    }
}

/// The great-circle distance (km) from a point to the nearest point of a geometry.
fn distance_km(geometry: &Geometry<f64>, point: Point<f64>) -> Option<f64> {
    match geometry.closest_point(&point) {
        Closest::Intersection(p) | Closest::SinglePoint(p) => {
            Some(Haversine.distance(p, point) / METRES_PER_KM)
        }
        Closest::Indeterminate => None,
    }
}

/// The basemap shapes that carry the place's name or one of its other names.
pub fn shapes_named_like<'m>(place: &Place, basemap: &'m Basemap) -> Vec<&'m Shape> {
    basemap
        .shapes
        .iter()
        .filter(|s| s.name == place.name || place.alt_names.contains(&s.name))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::io::basemap::ShapeKind;
    use geo::{LineString, polygon};

    fn square() -> Shape {
        Shape {
            name: "Square".to_owned(),
            kind: ShapeKind::Region,
            note: String::new(),
            geometry: Geometry::Polygon(polygon![
                (x: 46.0, y: 39.0), (x: 47.0, y: 39.0), (x: 47.0, y: 40.0), (x: 46.0, y: 40.0)
            ])
            .into(),
        }
    }

    #[test]
    fn areas_must_contain_the_point() {
        assert_eq!(point_fits(46.5, 39.5, &square(), "the square"), Ok(()));
        assert_eq!(
            point_fits(45.5, 39.5, &square(), "the square"),
            Err("the point 39.5, 45.5 (lat, lon) lies outside the square".to_owned())
        );
    }

    #[test]
    fn lines_must_pass_close_by() {
        let line = Shape {
            name: "Border".to_owned(),
            kind: ShapeKind::Border,
            note: String::new(),
            geometry: Geometry::LineString(LineString::from(vec![(46.0, 39.0), (47.0, 39.0)]))
                .into(),
        };
        // 0.01° of latitude is about 1.1 km
        assert_eq!(point_fits(46.5, 39.01, &line, "the border"), Ok(()));
        assert_eq!(
            point_fits(46.5, 39.1, &line, "the border"),
            Err(
                "the point 39.1, 46.5 (lat, lon) lies 11.1 km from the border (at most 3 km)"
                    .to_owned()
            )
        );
    }

    #[test]
    fn shapes_are_found_by_any_name_of_the_place() {
        let map = Basemap {
            shapes: vec![square()],
            source: String::new(),
        };
        let mut place = Place::ad_hoc("sq", "The Square", "", 39.5, 46.5);
        assert!(shapes_named_like(&place, &map).is_empty());
        place.alt_names.push("Square".to_owned());
        assert_eq!(shapes_named_like(&place, &map).len(), 1);
    }
}
