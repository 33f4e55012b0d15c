//! Output features and their GeoJSON (RFC 7946) serialization.

use geo::{Coord, MultiPolygon, Validation};
use geojson::{GeoJson, JsonObject};

/// Geometry of an output feature.
pub enum Geometry {
    /// One or more polygons (written as Polygon or MultiPolygon).
    Polygons(MultiPolygon<f64>),
    /// One or more lines (written as LineString or MultiLineString).
    Lines(Vec<Vec<Coord<f64>>>),
    /// One point.
    Point(Coord<f64>),
}

impl Geometry {
    /// The GeoJSON geometry value.
    pub fn geojson_value(&self) -> geojson::Value {
        match self {
            Geometry::Polygons(mp) => {
                let polys: Vec<Vec<Vec<Vec<f64>>>> = mp
                    .iter()
                    .map(|p| {
                        std::iter::once(p.exterior())
                            .chain(p.interiors())
                            .map(|r| r.coords().map(pos).collect())
                            .collect()
                    })
                    .collect();
                match <[Vec<Vec<Vec<f64>>>; 1]>::try_from(polys) {
                    Ok([one]) => geojson::Value::Polygon(one),
                    Err(many) => geojson::Value::MultiPolygon(many),
                }
            }
            Geometry::Lines(lines) => {
                let lines: Vec<Vec<Vec<f64>>> =
                    lines.iter().map(|l| l.iter().map(pos).collect()).collect();
                match <[Vec<Vec<f64>>; 1]>::try_from(lines) {
                    Ok([one]) => geojson::Value::LineString(one),
                    Err(many) => geojson::Value::MultiLineString(many),
                }
            }
            Geometry::Point(c) => geojson::Value::Point(pos(c)),
        }
    }
}

/// One output feature.
pub struct Feature {
    /// `name` property.
    pub name: String,
    /// `kind` property: country, region, corridor, border, water or river.
    pub kind: &'static str,
    /// Optional `note` property (marks approximate features, names sources).
    pub note: Option<String>,
    /// The geometry, already rounded and oriented.
    pub geometry: Geometry,
}

/// A position as GeoJSON [lon, lat].
fn pos(c: &Coord<f64>) -> Vec<f64> {
    vec![c.x, c.y]
}

impl Feature {
    /// Creates a feature.
    pub fn new(name: &str, kind: &'static str, note: Option<&str>, geometry: Geometry) -> Self {
        Feature {
            name: name.to_string(),
            kind,
            note: note.map(str::to_string),
            geometry,
        }
    }

    /// Number of positions in the geometry (closing positions included).
    pub fn vertices(&self) -> usize {
        match &self.geometry {
            Geometry::Polygons(mp) => mp
                .iter()
                .map(|p| {
                    p.exterior().0.len() + p.interiors().iter().map(|r| r.0.len()).sum::<usize>()
                })
                .sum(),
            Geometry::Lines(lines) => lines.iter().map(Vec::len).sum(),
            Geometry::Point(_) => 1,
        }
    }

    /// Validation errors of a polygonal geometry, if any.
    pub fn validation_errors(&self) -> Option<String> {
        match &self.geometry {
            Geometry::Polygons(mp) => {
                let errors = mp.validation_errors();
                (!errors.is_empty()).then(|| {
                    errors
                        .iter()
                        .map(|e| e.to_string())
                        .collect::<Vec<_>>()
                        .join("; ")
                })
            }
            Geometry::Lines(lines) => lines
                .iter()
                .any(|l| l.len() < 2)
                .then(|| "line with fewer than 2 positions".to_string()),
            Geometry::Point(_) => None,
        }
    }

    /// The GeoJSON geometry value.
    fn geojson_value(&self) -> geojson::Value {
        self.geometry.geojson_value()
    }

    /// The feature as a GeoJSON feature.
    fn to_geojson(&self) -> geojson::Feature {
        let mut props = JsonObject::new();
        props.insert("name".into(), self.name.clone().into());
        props.insert("kind".into(), self.kind.into());
        if let Some(note) = &self.note {
            props.insert("note".into(), note.as_str().into());
        }
        geojson::Feature {
            bbox: None,
            geometry: Some(geojson::Geometry::new(self.geojson_value())),
            id: None,
            properties: Some(props),
            foreign_members: None,
        }
    }
}

/// Serializes the features as a FeatureCollection with `source` and
/// `licence` foreign members, one feature per line, and checks that the
/// result parses back as GeoJSON.
pub fn feature_collection(
    features: &[Feature],
    source: &str,
    licence: &str,
) -> Result<String, String> {
    let mut text = String::from("{\"type\":\"FeatureCollection\",\n");
    text.push_str(&format!(
        "\"source\":{},\n",
        serde_json::Value::from(source)
    ));
    text.push_str(&format!(
        "\"licence\":{},\n",
        serde_json::Value::from(licence)
    ));
    text.push_str("\"features\":[\n");
    let lines: Vec<String> = features
        .iter()
        .map(|f| {
            serde_json::to_string(&f.to_geojson())
                .map_err(|e| format!("cannot serialize {}: {e}", f.name))
        })
        .collect::<Result<_, _>>()?;
    text.push_str(&lines.join(",\n"));
    text.push_str("\n]}\n");
    match text.parse::<GeoJson>() {
        Ok(GeoJson::FeatureCollection(fc)) if fc.features.len() == features.len() => Ok(text),
        Ok(_) => Err("output did not parse back as the expected FeatureCollection".into()),
        Err(e) => Err(format!("output is not valid GeoJSON: {e}")),
    }
}
