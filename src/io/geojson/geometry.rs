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

/// A feature's geometry member: `None` when absent or null.
pub fn geometry_of(slot: &Slot<RawGeometry>) -> Result<Option<Geometry<f64>>, Fail> {
    let mut path = vec![Step::from("geometry")];
    match slot {
        Slot::Absent | Slot::Null => Ok(None),
        Slot::Wrong => Err((path, "a geometry must be a JSON object or null".to_owned())),
        Slot::Is(g) => parse(g, &mut path).map(Some),
    }
}

/// Converts one geometry object. Recursion only follows GeometryCollections, whose depth
/// serde_json's recursion limit bounds.
pub fn parse(g: &RawGeometry, path: &mut Vec<Step>) -> Result<Geometry<f64>, Fail> {
    let Some(Val::Str(kind)) = &g.kind else {
        return Err((path.clone(), "a geometry needs a `type`".to_owned()));
    };
    if kind == "GeometryCollection" {
        let Slot::Is(items) = &g.geometries else {
            return Err((
                path.clone(),
                "a GeometryCollection needs `geometries`".to_owned(),
            ));
        };
        path.push("geometries".into());
        let mut parts = Vec::with_capacity(items.len());
        for (i, item) in items.iter().enumerate() {
            path.push(Step::Index(i));
            let part = match item {
                Slot::Is(g) => parse(g, path)?,
                _ => {
                    return Err((
                        path.clone(),
                        "a geometry must be a JSON object or null".to_owned(),
                    ));
                }
            };
            parts.push(part);
            path.pop();
        }
        path.pop();
        return Ok(Geometry::GeometryCollection(GeometryCollection(parts)));
    }
    let Some(coords) = &g.coordinates else {
        return Err((path.clone(), format!("a {kind} needs `coordinates`")));
    };
    path.push("coordinates".into());
    let geometry = match kind.as_ref() {
        "Point" => Geometry::Point(Point(position(coords, path)?)),
        "MultiPoint" => Geometry::MultiPoint(MultiPoint(array(coords, path, |c, p| {
            position(c, p).map(Point)
        })?)),
        "LineString" => Geometry::LineString(line(coords, path, 2)?),
        "MultiLineString" => {
            Geometry::MultiLineString(MultiLineString(array(coords, path, |c, p| line(c, p, 2))?))
        }
        "Polygon" => Geometry::Polygon(polygon(coords, path)?),
        "MultiPolygon" => Geometry::MultiPolygon(MultiPolygon(array(coords, path, polygon)?)),
        other => {
            path.pop();
            path.push("type".into());
            return Err((path.clone(), format!("unknown geometry type `{other}`")));
        }
    };
    path.pop();
    Ok(geometry)
}

/// The elements of an array of coordinates, or `None` when `c` is not an array.
fn elements(c: &Coords) -> Option<Vec<Coords>> {
    match c {
        Coords::List(items) => Some(items.clone()),
        Coords::Pos(first, n) => Some(
            (0..*n)
                .map(|i| Coords::Num(first.get(i).copied().unwrap_or(0.0)))
                .collect(),
        ),
        Coords::Num(_) | Coords::Other => None,
    }
}

fn array<T>(
    c: &Coords,
    path: &mut Vec<Step>,
    parse: impl Fn(&Coords, &mut Vec<Step>) -> Result<T, Fail>,
) -> Result<Vec<T>, Fail> {
    let items: &[Coords] = match c {
        Coords::List(items) => items,
        Coords::Pos(..) => {
            // numbers where positions belong: the first one is the problem
            let first = elements(c).unwrap_or_default();
            return match first.first() {
                Some(item) => {
                    path.push(Step::Index(0));
                    let e = parse(item, path).err();
                    path.pop();
                    match e {
                        Some(e) => Err(e),
                        None => Err((path.clone(), "expected an array of coordinates".to_owned())),
                    }
                }
                None => Ok(Vec::new()),
            };
        }
        Coords::Num(_) | Coords::Other => {
            return Err((path.clone(), "expected an array of coordinates".to_owned()));
        }
    };
    let mut out = Vec::with_capacity(items.len());
    for (i, item) in items.iter().enumerate() {
        path.push(Step::Index(i));
        out.push(parse(item, path)?);
        path.pop();
    }
    Ok(out)
}

/// A `[lon, lat]` position (further values such as altitude are ignored).
fn position(c: &Coords, path: &[Step]) -> Result<Coord<f64>, Fail> {
    let at = |i: usize| {
        let mut p = path.to_vec();
        p.push(Step::Index(i));
        p
    };
    let (lon, lat) = match c {
        Coords::Pos([lon, lat], n) if *n >= 2 => (*lon, *lat),
        Coords::List(items) if items.len() >= 2 => {
            let number = |i: usize| match items[i] {
                Coords::Num(v) => Ok(v),
                _ => Err((at(i), "a coordinate must be a number".to_owned())),
            };
            (number(0)?, number(1)?)
        }
        _ => {
            return Err((
                path.to_vec(),
                "a position must be [longitude, latitude]".to_owned(),
            ));
        }
    };
    if let Err(m) = validate_coordinates(lat, 0.0) {
        return Err((at(1), m));
    }
    if let Err(m) = validate_coordinates(0.0, lon) {
        return Err((at(0), m));
    }
    Ok(Coord { x: lon, y: lat })
}

fn line(c: &Coords, path: &mut Vec<Step>, min: usize) -> Result<LineString<f64>, Fail> {
    let coords = array(c, path, |c, p| position(c, p))?;
    if coords.len() < min {
        return Err((
            path.clone(),
            format!("needs at least {min} positions, found {}", coords.len()),
        ));
    }
    Ok(LineString(coords))
}

fn polygon(c: &Coords, path: &mut Vec<Step>) -> Result<Polygon<f64>, Fail> {
    let mut rings = array(c, path, |c, p| line(c, p, 4))?.into_iter();
    let Some(exterior) = rings.next() else {
        return Err((path.clone(), "a polygon needs at least one ring".to_owned()));
    };
    Ok(Polygon::new(exterior, rings.collect()))
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::expect_used)]
mod tests {
    use super::*;

    fn read(json: &str) -> Result<Geometry<f64>, Fail> {
        let g: RawGeometry = serde_json::from_str(json).unwrap();
        parse(&g, &mut vec![Step::from("geometry")])
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
