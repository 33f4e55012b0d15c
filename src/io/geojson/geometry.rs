//! GeoJSON geometry as read by [`super::raw`] into geo's types, checking every position.

use super::raw::{Coords, Geometry as RawGeometry, Slot, Val};
use super::time_keys::Fail;
use crate::io::json_locate::Step;
use crate::model::place::validate_coordinates;
use geo::{
    Coord, Geometry, GeometryCollection, LineString, MultiLineString, MultiPoint, MultiPolygon,
    Point, Polygon,
};

/// The geometry types a document may consist of alone.
pub const GEOMETRY_TYPES: [&str; 7] = [
    "Point",
    "MultiPoint",
    "LineString",
    "MultiLineString",
    "Polygon",
    "MultiPolygon",
    "GeometryCollection",
];

/// Where a value is below the feature, as a chain on the stack: made into a path only for a
/// problem, so reading a valid geometry allocates nothing for it.
#[derive(Clone, Copy, Debug)]
pub enum Trail<'p> {
    /// The feature itself.
    Root,
    /// A member of the value above.
    Key(&'static str, &'p Trail<'p>),
    /// An element of the array above.
    Index(usize, &'p Trail<'p>),
}

impl<'p> Trail<'p> {
    /// A member of this value.
    pub fn key(&'p self, key: &'static str) -> Trail<'p> {
        Trail::Key(key, self)
    }

    /// An element of this array.
    pub fn index(&'p self, i: usize) -> Trail<'p> {
        Trail::Index(i, self)
    }

    /// The path from the feature.
    pub fn path(&self) -> Vec<Step> {
        let mut steps = Vec::new();
        let mut at = self;
        loop {
            match at {
                Trail::Root => break,
                Trail::Key(k, up) => {
                    steps.push(Step::from(*k));
                    at = up;
                }
                Trail::Index(i, up) => {
                    steps.push(Step::Index(*i));
                    at = up;
                }
            }
        }
        steps.reverse();
        steps
    }

    /// A problem here.
    fn fail(&self, message: impl Into<String>) -> Fail {
        (self.path(), message.into())
    }
}

/// A feature's geometry member: `None` when absent or null.
pub fn geometry_of(slot: &Slot<RawGeometry>) -> Result<Option<Geometry<f64>>, Fail> {
    let root = Trail::Root;
    let at = root.key("geometry");
    match slot {
        Slot::Absent | Slot::Null => Ok(None),
        Slot::Wrong => Err(at.fail("a geometry must be a JSON object or null")),
        Slot::Is(g) => parse(g, &at).map(Some),
    }
}

/// Converts one geometry object. Recursion only follows GeometryCollections, whose depth
/// serde_json's recursion limit bounds.
pub fn parse(g: &RawGeometry, at: &Trail) -> Result<Geometry<f64>, Fail> {
    let Some(Val::Str(kind)) = &g.kind else {
        return Err(at.fail("a geometry needs a `type`"));
    };
    if kind == "GeometryCollection" {
        let Slot::Is(items) = &g.geometries else {
            return Err(at.fail("a GeometryCollection needs `geometries`"));
        };
        let list = at.key("geometries");
        let mut parts = Vec::with_capacity(items.len());
        for (i, item) in items.iter().enumerate() {
            let here = list.index(i);
            parts.push(match item {
                Slot::Is(g) => parse(g, &here)?,
                _ => return Err(here.fail("a geometry must be a JSON object or null")),
            });
        }
        return Ok(Geometry::GeometryCollection(GeometryCollection(parts)));
    }
    let Some(coords) = &g.coordinates else {
        return Err(at.fail(format!("a {kind} needs `coordinates`")));
    };
    let c = at.key("coordinates");
    Ok(match kind.as_ref() {
        "Point" => Geometry::Point(Point(position(coords, &c)?)),
        "MultiPoint" => Geometry::MultiPoint(MultiPoint(array(coords, &c, |c, p| {
            position(c, p).map(Point)
        })?)),
        "LineString" => Geometry::LineString(line(coords, &c, 2)?),
        "MultiLineString" => {
            Geometry::MultiLineString(MultiLineString(array(coords, &c, |c, p| line(c, p, 2))?))
        }
        "Polygon" => Geometry::Polygon(polygon(coords, &c)?),
        "MultiPolygon" => Geometry::MultiPolygon(MultiPolygon(array(coords, &c, polygon)?)),
        other => {
            return Err(at
                .key("type")
                .fail(format!("unknown geometry type `{other}`")));
        }
    })
}

fn array<T>(
    c: &Coords,
    at: &Trail,
    parse: impl Fn(&Coords, &Trail) -> Result<T, Fail>,
) -> Result<Vec<T>, Fail> {
    let items: &[Coords] = match c {
        Coords::List(items) => items,
        // numbers where positions belong: the first one is the problem
        Coords::Pos(first, n) if *n > 0 => {
            let here = at.index(0);
            return Err(parse(&Coords::Num(first[0]), &here)
                .err()
                .unwrap_or_else(|| at.fail("expected an array of coordinates")));
        }
        Coords::Pos(..) => return Ok(Vec::new()),
        Coords::Num(_) | Coords::Other => return Err(at.fail("expected an array of coordinates")),
    };
    let mut out = Vec::with_capacity(items.len());
    for (i, item) in items.iter().enumerate() {
        out.push(parse(item, &at.index(i))?);
    }
    Ok(out)
}

/// A `[lon, lat]` position (further values such as altitude are ignored).
fn position(c: &Coords, at: &Trail) -> Result<Coord<f64>, Fail> {
    let (lon, lat) = match c {
        Coords::Pos([lon, lat], n) if *n >= 2 => (*lon, *lat),
        Coords::List(items) if items.len() >= 2 => {
            let number = |i: usize| match items[i] {
                Coords::Num(v) => Ok(v),
                _ => Err(at.index(i).fail("a coordinate must be a number")),
            };
            (number(0)?, number(1)?)
        }
        _ => return Err(at.fail("a position must be [longitude, latitude]")),
    };
    if let Err(m) = validate_coordinates(lat, 0.0) {
        return Err(at.index(1).fail(m));
    }
    if let Err(m) = validate_coordinates(0.0, lon) {
        return Err(at.index(0).fail(m));
    }
    Ok(Coord { x: lon, y: lat })
}

fn line(c: &Coords, at: &Trail, min: usize) -> Result<LineString<f64>, Fail> {
    let coords = array(c, at, position)?;
    if coords.len() < min {
        return Err(at.fail(format!(
            "needs at least {min} positions, found {}",
            coords.len()
        )));
    }
    Ok(LineString(coords))
}

fn polygon(c: &Coords, at: &Trail) -> Result<Polygon<f64>, Fail> {
    let mut rings = array(c, at, |c, p| line(c, p, 4))?.into_iter();
    let Some(exterior) = rings.next() else {
        return Err(at.fail("a polygon needs at least one ring"));
    };
    Ok(Polygon::new(exterior, rings.collect()))
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::expect_used)]
mod tests {
    use super::*;

    fn read(json: &str) -> Result<Geometry<f64>, Fail> {
        let g: RawGeometry = serde_json::from_str(json).unwrap();
        let root = Trail::Root;
        parse(&g, &root.key("geometry"))
    }

    #[test]
    fn every_type_reads() {
        assert_eq!(
            read(r#"{"type": "Point", "coordinates": [45.5, 40.25, 120]}"#).unwrap(),
            Geometry::Point(Point::new(45.5, 40.25))
        );
        let line = read(r#"{"coordinates": [[45, 40], [46, 41]], "type": "LineString"}"#).unwrap();
        assert_eq!(
            line,
            Geometry::LineString(vec![(45.0, 40.0), (46.0, 41.0)].into())
        );
        let poly = read(
            r#"{"type": "MultiPolygon", "coordinates": [[[[45, 40], [46, 40], [46, 41], [45, 40]]]]}"#,
        )
        .unwrap();
        assert!(matches!(poly, Geometry::MultiPolygon(ref m) if m.0.len() == 1));
        let gc = read(
            r#"{"type": "GeometryCollection", "geometries": [{"type": "Point", "coordinates": [1, 2]}]}"#,
        )
        .unwrap();
        assert!(matches!(gc, Geometry::GeometryCollection(ref c) if c.0.len() == 1));
    }

    #[test]
    fn problems_name_their_place() {
        let (path, m) =
            read(r#"{"type": "LineString", "coordinates": [[45, 40], [46, "x"]]}"#).unwrap_err();
        assert_eq!(m, "a coordinate must be a number");
        assert_eq!(
            path,
            vec![
                Step::from("geometry"),
                "coordinates".into(),
                1.into(),
                1.into()
            ]
        );
        let (path, m) = read(r#"{"type": "LineString", "coordinates": [45, 40]}"#).unwrap_err();
        assert_eq!(m, "a position must be [longitude, latitude]");
        assert_eq!(path.last(), Some(&Step::Index(0)));
        let (_, m) = read(r#"{"type": "Point", "coordinates": [45]}"#).unwrap_err();
        assert_eq!(m, "a position must be [longitude, latitude]");
        let (_, m) = read(r#"{"type": "Blob", "coordinates": [45, 40]}"#).unwrap_err();
        assert_eq!(m, "unknown geometry type `Blob`");
        let (_, m) =
            read(r#"{"type": "Polygon", "coordinates": [[[45, 40], [46, 40]]]}"#).unwrap_err();
        assert_eq!(m, "needs at least 4 positions, found 2");
        let (_, m) = read(r#"{"type": "GeometryCollection", "geometries": 3}"#).unwrap_err();
        assert_eq!(m, "a GeometryCollection needs `geometries`");
        let (path, m) = read(r#"{"type": "Point", "coordinates": [45, 91]}"#).unwrap_err();
        assert_eq!(m, "latitude 91 is outside -90..90");
        assert_eq!(path.last(), Some(&Step::Index(1)));
    }
}
