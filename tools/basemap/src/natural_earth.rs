//! Reading the Natural Earth extracts in `data/natural-earth/` (see the README
//! there for their provenance and known faults).

use geo::{Coord, LineString, MultiPolygon, Orient, Polygon, orient::Direction};
use geojson::{FeatureCollection, GeoJson, JsonObject};

use crate::geom::join_lines;

/// A feature's properties and geometry.
pub struct NeFeature {
    /// The original properties.
    pub props: JsonObject,
    /// The geometry in lon/lat.
    pub geometry: geo::Geometry<f64>,
}

impl NeFeature {
    /// A string property, or "".
    pub fn prop(&self, key: &str) -> &str {
        self.props.get(key).and_then(|v| v.as_str()).unwrap_or("")
    }
}

/// Reads a GeoJSON FeatureCollection.
pub fn read(path: &str) -> Result<Vec<NeFeature>, String> {
    let text = std::fs::read_to_string(path).map_err(|e| format!("cannot read {path}: {e}"))?;
    let fc = match text.parse::<GeoJson>() {
        Ok(GeoJson::FeatureCollection(fc)) => fc,
        Ok(_) => return Err(format!("{path}: expected a FeatureCollection")),
        Err(e) => return Err(format!("{path}: not GeoJSON: {e}")),
    };
    features(path, fc)
}

fn features(path: &str, fc: FeatureCollection) -> Result<Vec<NeFeature>, String> {
    fc.features
        .into_iter()
        .enumerate()
        .map(|(i, f)| {
            let g = f
                .geometry
                .ok_or_else(|| format!("{path}: feature {i} has no geometry"))?;
            let geometry = geo::Geometry::<f64>::try_from(g.value)
                .map_err(|e| format!("{path}: feature {i}: {e}"))?;
            Ok(NeFeature {
                props: f.properties.unwrap_or_default(),
                geometry,
            })
        })
        .collect()
}

/// The polygons of a geometry (empty for non-polygonal ones).
pub fn polygons(g: &geo::Geometry<f64>) -> MultiPolygon<f64> {
    match g {
        geo::Geometry::Polygon(p) => MultiPolygon::new(vec![p.clone()]),
        geo::Geometry::MultiPolygon(mp) => mp.clone(),
        _ => MultiPolygon::new(Vec::new()),
    }
}

/// The lines of a geometry (empty for non-linear ones).
pub fn lines(g: &geo::Geometry<f64>) -> Vec<Vec<Coord<f64>>> {
    match g {
        geo::Geometry::LineString(l) => vec![l.0.clone()],
        geo::Geometry::MultiLineString(m) => m.iter().map(|l| l.0.clone()).collect(),
        _ => Vec::new(),
    }
}

/// Endpoints closer than this (degrees, about 500 m) are the same point: the
/// pieces of Natural Earth's oblast line leave gaps of up to about 170 m.
const JOIN_TOLERANCE_DEG: f64 = 0.005;

/// Moves every line end onto the first end seen within the tolerance.
fn snap_ends(mut pieces: Vec<Vec<Coord<f64>>>) -> Vec<Vec<Coord<f64>>> {
    let mut seen: Vec<Coord<f64>> = Vec::new();
    let mut snap = |c: &mut Coord<f64>| {
        let near = seen
            .iter()
            .find(|s| (s.x - c.x).hypot(s.y - c.y) <= JOIN_TOLERANCE_DEG)
            .copied();
        match near {
            Some(s) => *c = s,
            None => seen.push(*c),
        }
    };
    for p in &mut pieces {
        let n = p.len();
        if n >= 2 {
            snap(&mut p[0]);
            snap(&mut p[n - 1]);
        }
    }
    pieces
}

/// All lines of the features named `name`, joined where their ends meet.
pub fn named_lines(features: &[NeFeature], name: &str) -> Vec<Vec<Coord<f64>>> {
    let pieces: Vec<Vec<Coord<f64>>> = features
        .iter()
        .filter(|f| f.prop("name") == name)
        .flat_map(|f| lines(&f.geometry))
        .collect();
    join_lines(snap_ends(pieces))
}

/// The outline of the former Nagorno-Karabakh Autonomous Oblast: Natural
/// Earth's "Former USSR oblast in 1991" pieces joined into one closed ring.
pub fn oblast_outline(features: &[NeFeature]) -> Result<Polygon<f64>, String> {
    let joined = named_lines(features, OBLAST_LINE);
    let [ring] = <[Vec<Coord<f64>>; 1]>::try_from(joined)
        .map_err(|v| format!("'{OBLAST_LINE}' joins into {} lines, not one ring", v.len()))?;
    if ring.first() != ring.last() || ring.len() < 4 {
        return Err(format!("'{OBLAST_LINE}' does not close into a ring"));
    }
    Ok(Polygon::new(LineString::from(ring), Vec::new()).orient(Direction::Default))
}

/// Natural Earth's name of the 1991 oblast outline.
pub const OBLAST_LINE: &str = "Former USSR oblast in 1991";

/// One of Azerbaijan's first-level divisions.
pub struct Rayon {
    /// Natural Earth's `adm1_code`.
    pub code: String,
    /// The name used here (corrected where Natural Earth's is wrong).
    pub name: String,
    /// The shape.
    pub area: MultiPolygon<f64>,
}

/// Natural Earth's code of the rayon whose `name` wrongly says "Lankaran".
const MISLABELLED_LACHIN: &str = "AZE-1735";

/// The rayons, with the mislabelled Lachin rayon named by its `gn_name`.
pub fn rayons(features: &[NeFeature]) -> Vec<Rayon> {
    features
        .iter()
        .map(|f| {
            let code = f.prop("adm1_code").to_string();
            let name = if code == MISLABELLED_LACHIN {
                f.prop("gn_name").to_string()
            } else {
                f.prop("name").to_string()
            };
            Rayon {
                code,
                name,
                area: polygons(&f.geometry),
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::geom::ll;

    #[test]
    fn pieces_with_small_gaps_join_into_a_ring() {
        let piece = |a: (f64, f64), b: (f64, f64)| vec![ll(a.0, a.1), ll(b.0, b.1)];
        let pieces = vec![
            piece((0.0, 0.0), (1.0, 0.0)),
            piece((1.001, 0.0), (1.0, 1.0)),
            piece((0.0, 0.0), (1.0, 1.0)),
        ];
        let joined = join_lines(snap_ends(pieces));
        assert_eq!(joined.len(), 1);
        assert_eq!(joined[0].first(), joined[0].last());
        assert_eq!(joined[0].len(), 4);
    }

    #[test]
    fn the_mislabelled_rayon_takes_its_geonames_name() {
        let text = r#"{"type":"FeatureCollection","features":[{"type":"Feature",
          "properties":{"adm1_code":"AZE-1735","name":"Lankaran","gn_name":"Lacin Rayonu"},
          "geometry":{"type":"Polygon","coordinates":[[[0,0],[1,0],[1,1],[0,0]]]}}]}"#;
        let Ok(GeoJson::FeatureCollection(fc)) = text.parse::<GeoJson>() else {
            panic!("test input")
        };
        let r = rayons(&features("t", fc).unwrap());
        assert_eq!(r[0].name, "Lacin Rayonu");
    }
}
