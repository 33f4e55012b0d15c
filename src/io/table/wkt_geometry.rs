//! A table's geometry column in well-known text, as QGIS saves a layer to CSV (`WKT`), PostGIS
//! writes it (`SRID=4326;POINT(46.75 39.81)`) and Wikidata's query service gives coordinates
//! (`Point(46.75 39.81)`): longitude then latitude, in degrees of WGS 84.

use geo::{CoordsIter, Geometry};
use std::str::FromStr;

/// The SRID of longitude and latitude in degrees of WGS 84.
const WGS84: &str = "4326";

/// Reads a geometry written in WKT; the error says what is wrong with the text.
///
/// ```
/// use caucasus_atlas::io::table::read_wkt;
/// use geo::{Geometry, Point};
/// assert_eq!(read_wkt("POINT (46.75 39.81)"), Ok(Geometry::Point(Point::new(46.75, 39.81))));
/// assert_eq!(read_wkt("Point(46.75 39.81)"), Ok(Geometry::Point(Point::new(46.75, 39.81))));
/// assert_eq!(read_wkt("SRID=4326;POINT(46.75 39.81)"), Ok(Geometry::Point(Point::new(46.75, 39.81))));
/// assert!(read_wkt("SRID=3857;POINT(5204000 4836000)").unwrap_err().contains("SRID 3857"));
/// assert!(read_wkt("POINT (39.81 146.75)").unwrap_err().contains("latitude first"));
/// ```
pub fn read_wkt(text: &str) -> Result<Geometry<f64>, String> {
    let t = text.trim();
    let body = match t.split_once(';') {
        Some((srid, rest)) if srid.to_ascii_uppercase().starts_with("SRID=") => {
            let code = srid["SRID=".len()..].trim();
            if code != WGS84 {
                return Err(format!(
                    "`{t}` is in SRID {code}: only longitude and latitude in degrees of WGS 84 \
                     (SRID {WGS84}) are read; save the layer in EPSG:{WGS84}"
                ));
            }
            rest.trim()
        }
        _ => t,
    };
    let parsed = wkt::Wkt::<f64>::from_str(body)
        .map_err(|e| format!("`{t}` is not WKT (such as POINT (46.75 39.81)): {e}"))?;
    let geometry = Geometry::try_from(parsed).map_err(|e| format!("`{t}`: {e}"))?;
    if geometry.coords_count() == 0 {
        return Err(format!("`{t}` is an empty geometry"));
    }
    let outside = geometry
        .coords_iter()
        .any(|c| !(-180.0..=180.0).contains(&c.x) || !(-90.0..=90.0).contains(&c.y));
    if outside {
        return Err(format!(
            "`{t}` has a point beyond longitude -180 to 180 or latitude -90 to 90: WKT gives the \
             longitude first, and in degrees (is it latitude first, or in another projection?)"
        ));
    }
    Ok(geometry)
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    #[test]
    fn lines_and_polygons_are_read_and_broken_text_is_named() {
        let line = read_wkt("LINESTRING (46.3 39.5, 46.5 39.6, 46.75 39.81)").unwrap();
        assert_eq!(line.coords_count(), 3);
        let polygon = read_wkt("MULTIPOLYGON (((45 39, 46 39, 46 40, 45 39)))").unwrap();
        assert!(matches!(polygon, Geometry::MultiPolygon(_)));
        for bad in [
            "POINT (46.75)",
            "POINT EMPTY",
            "46.75 39.81",
            "CIRCLE (1 2)",
        ] {
            let m = read_wkt(bad).unwrap_err();
            assert!(m.starts_with(&format!("`{bad}`")), "{m}");
        }
    }
}
