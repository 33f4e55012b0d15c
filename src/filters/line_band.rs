//! The ground along a line of the map (a border, a river, the corridor), so that a line can be
//! asked about as an area: "what happened along the Armenia–Azerbaijan border?".

use geo::{BoundingRect, Buffer, Geometry, MapCoords, MultiPolygon};

/// Kilometres in one degree of latitude (the mean of the meridian).
const KM_PER_DEGREE: f64 = 111.195;

/// The ground within `km` kilometres of `line`, in degrees; `None` for a geometry without extent.
///
/// The line is laid on a plane tangent at its middle latitude, in kilometres, widened there and
/// laid back. Over the region's four degrees of latitude the width is off by at most about 3 %,
/// so a band is an approximation, as its name in the catalogue says.
///
/// ```
/// use caucasus_atlas::filters::line_band::band_along;
/// use geo::{Contains, Geometry, LineString, Point};
///
/// // a line along the parallel 40° N, and a band 10 km either side of it
/// let line = Geometry::LineString(LineString::from(vec![(45.0, 40.0), (46.0, 40.0)]));
/// let band = band_along(&line, 10.0).unwrap();
/// // 0.08° of latitude is 8.9 km, 0.1° is 11.1 km
/// assert!(band.contains(&Point::new(45.5, 40.08)));
/// assert!(!band.contains(&Point::new(45.5, 40.1)));
/// ```
pub fn band_along(line: &Geometry<f64>, km: f64) -> Option<MultiPolygon<f64>> {
    let bounds = line.bounding_rect()?;
    let middle = (bounds.min().y + bounds.max().y) / 2.0;
    let across = KM_PER_DEGREE * middle.to_radians().cos();
    if !(across.is_finite() && across > 0.0 && km > 0.0) {
        return None;
    }
    let flat = line.map_coords(|c| geo::coord! { x: c.x * across, y: c.y * KM_PER_DEGREE });
    let band = flat.buffer(km);
    let band = band.map_coords(|c| geo::coord! { x: c.x / across, y: c.y / KM_PER_DEGREE });
    (!band.0.is_empty()).then_some(band)
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;
    use geo::{Contains, LineString, MultiLineString, Point};

    #[test]
    fn a_band_across_the_meridians_is_as_wide_in_kilometres_as_along_them() {
        // a line along the meridian 45° E at 41° N: a degree of longitude there is 84 km
        let line = Geometry::LineString(LineString::from(vec![(45.0, 40.5), (45.0, 41.5)]));
        let band = band_along(&line, 10.0).unwrap();
        let east = |degrees: f64| Point::new(45.0 + degrees, 41.0);
        assert!(band.contains(&east(9.5 / 84.0)));
        assert!(!band.contains(&east(10.5 / 84.0)));
        // and rounded past the line's ends
        assert!(band.contains(&Point::new(45.0, 41.5 + 9.5 / 111.2)));
        assert!(!band.contains(&Point::new(45.0, 41.5 + 10.5 / 111.2)));
    }

    #[test]
    fn every_piece_of_a_line_gets_its_band() {
        let pieces = MultiLineString::new(vec![
            LineString::from(vec![(44.0, 39.0), (44.5, 39.0)]),
            LineString::from(vec![(46.0, 39.0), (46.5, 39.0)]),
        ]);
        let band = band_along(&Geometry::MultiLineString(pieces), 5.0).unwrap();
        assert!(band.contains(&Point::new(44.25, 39.02)));
        assert!(band.contains(&Point::new(46.25, 38.98)));
        assert!(
            !band.contains(&Point::new(45.25, 39.0)),
            "the gap stays out"
        );
    }

    #[test]
    fn nothing_comes_of_an_empty_line_or_no_width() {
        let empty = Geometry::LineString(LineString::<f64>::new(vec![]));
        assert_eq!(band_along(&empty, 5.0), None);
        let line = Geometry::LineString(LineString::from(vec![(45.0, 40.0), (46.0, 40.0)]));
        assert_eq!(band_along(&line, 0.0), None);
    }
}
