//! The basemap: named country, region, corridor, border, water and river shapes.

use super::problem::Problem;
use geo::Geometry;

/// What a basemap feature is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum ShapeKind {
    /// A country, filled.
    Country,
    /// A marked region (Nakhchivan, Nagorno-Karabakh).
    Region,
    /// A corridor line (Lachin).
    Corridor,
    /// A shared border line.
    Border,
    /// A sea or lake.
    Water,
    /// A river line.
    River,
}

impl ShapeKind {
    /// Parses the `kind` property.
    pub fn parse(text: &str) -> Option<ShapeKind> {
        Some(match text {
            "country" => ShapeKind::Country,
            "region" => ShapeKind::Region,
            "corridor" => ShapeKind::Corridor,
            "border" => ShapeKind::Border,
            "water" => ShapeKind::Water,
            "river" => ShapeKind::River,
            _ => return None,
        })
    }

    /// The `kind` property's text.
    pub fn as_str(self) -> &'static str {
        match self {
            ShapeKind::Country => "country",
            ShapeKind::Region => "region",
            ShapeKind::Corridor => "corridor",
            ShapeKind::Border => "border",
            ShapeKind::Water => "water",
            ShapeKind::River => "river",
        }
    }
}

/// One named basemap shape.
#[derive(Clone, Debug, PartialEq)]
pub struct Shape {
    /// Its name ("Iran", "Lachin corridor").
    pub name: String,
    /// What it is.
    pub kind: ShapeKind,
    /// Context, such as "approximate outline".
    pub note: String,
    /// Its geometry in degrees (lon, lat).
    pub geometry: std::sync::Arc<Geometry<f64>>,
}

/// All basemap shapes in file order.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Basemap {
    /// The shapes.
    pub shapes: Vec<Shape>,
    /// The data's source and licence statement.
    pub source: String,
}

impl Basemap {
    /// The shape with this name.
    pub fn shape(&self, name: &str) -> Option<&Shape> {
        self.shapes.iter().find(|s| s.name == name)
    }

    /// Parses basemap GeoJSON text; problems name `file`.
    pub fn parse(file: &str, text: &str) -> Result<Basemap, Problem> {
        let gj: geojson::GeoJson = text
            .parse()
            .map_err(|e: geojson::Error| Problem::whole(file, format!("not GeoJSON: {e}")))?;
        let geojson::GeoJson::FeatureCollection(fc) = gj else {
            return Err(Problem::whole(file, "expected a GeoJSON FeatureCollection"));
        };
        let source = fc
            .foreign_members
            .as_ref()
            .and_then(|m| m.get("source"))
            .and_then(|v| v.as_str())
            .unwrap_or_default()
            .to_owned();
        let mut shapes = Vec::with_capacity(fc.features.len());
        for (i, feature) in fc.features.into_iter().enumerate() {
            let prop = |k: &str| {
                feature
                    .property(k)
                    .and_then(|v| v.as_str())
                    .map(str::to_owned)
            };
            let name = prop("name")
                .ok_or_else(|| Problem::whole(file, format!("feature {i} has no `name`")))?;
            let kind_text = prop("kind").unwrap_or_default();
            let kind = ShapeKind::parse(&kind_text).ok_or_else(|| {
                Problem::whole(
                    file,
                    format!("feature `{name}` has unknown kind `{kind_text}`"),
                )
            })?;
            let note = prop("note").unwrap_or_default();
            let geometry = feature
                .geometry
                .ok_or_else(|| Problem::whole(file, format!("feature `{name}` has no geometry")))?;
            let geometry = Geometry::<f64>::try_from(geometry).map_err(|e| {
                Problem::whole(file, format!("feature `{name}` has a bad geometry: {e}"))
            })?;
            shapes.push(Shape {
                name,
                kind,
                note,
                geometry: geometry.into(),
            });
        }
        Ok(Basemap { shapes, source })
    }

    /// Reads and parses a basemap file.
    pub fn load(path: &std::path::Path) -> Result<Basemap, Problem> {
        let file = path.display().to_string();
        let text = std::fs::read_to_string(path)
            .map_err(|e| Problem::whole(&file, format!("cannot read: {e}")))?;
        Basemap::parse(&file, &text)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_named_shapes() {
        let text = r#"{"type":"FeatureCollection","source":"test","features":[
          {"type":"Feature","properties":{"name":"Lachin corridor","kind":"corridor"},
           "geometry":{"type":"LineString","coordinates":[[46.4,39.6],[46.75,39.8]]}}]}"#;
        let map = Basemap::parse("b.geojson", text).unwrap();
        assert_eq!(map.source, "test");
        let shape = map.shape("Lachin corridor").unwrap();
        assert_eq!(shape.kind, ShapeKind::Corridor);
        assert!(matches!(*shape.geometry, Geometry::LineString(_)));
    }

    #[test]
    fn rejects_unknown_kinds() {
        let text = r#"{"type":"FeatureCollection","features":[
          {"type":"Feature","properties":{"name":"X","kind":"moon"},
           "geometry":{"type":"Point","coordinates":[1,2]}}]}"#;
        let err = Basemap::parse("b.geojson", text).unwrap_err();
        assert!(err.message.contains("unknown kind `moon`"), "{err}");
    }
}

#[cfg(test)]
mod properties {
    use super::*;
    use crate::io::export::{basemap_collection, to_text};
    use geo::{Coord, LineString, Polygon};
    use proptest::prelude::*;

    const KINDS: [ShapeKind; 6] = [
        ShapeKind::Country,
        ShapeKind::Region,
        ShapeKind::Corridor,
        ShapeKind::Border,
        ShapeKind::Water,
        ShapeKind::River,
    ];

    /// A named shape: an area (a ring of points round a centre) or a line.
    fn shape() -> impl Strategy<Value = Shape> {
        (
            "[A-Za-z][A-Za-z –/-]{0,20}",
            0usize..KINDS.len(),
            "[a-z ,.]{0,30}",
            proptest::collection::vec((-179.0f64..179.0, -80.0f64..80.0), 3..8),
            any::<bool>(),
        )
            .prop_map(|(name, kind, note, points, area)| {
                let coords: Vec<Coord<f64>> = points.iter().map(|&(x, y)| Coord { x, y }).collect();
                let geometry = if area {
                    let mut ring = coords.clone();
                    ring.push(coords[0]);
                    Geometry::Polygon(Polygon::new(LineString::from(ring), vec![]))
                } else {
                    Geometry::LineString(LineString::from(coords))
                };
                Shape {
                    name,
                    kind: KINDS[kind],
                    note,
                    geometry: geometry.into(),
                }
            })
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(64))]

        /// Whatever `export basemap` writes parses back to the same named shapes.
        #[test]
        fn exported_shapes_parse_back_the_same(shapes in proptest::collection::vec(shape(), 1..6)) {
            let map = Basemap { shapes, source: "made for a test".to_owned() };
            let text = to_text(&basemap_collection(&map));
            let again = Basemap::parse("b.geojson", &text).map_err(|e| TestCaseError::fail(e.to_string()))?;
            prop_assert_eq!(&again.shapes, &map.shapes);
            prop_assert_eq!(again.source, map.source);
        }
    }
}

#[cfg(test)]
mod fuzz {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(256))]

        #[test]
        fn arbitrary_text_never_panics(text in "\\PC{0,300}") {
            let _ = Basemap::parse("b.geojson", &text);
        }
    }
}
