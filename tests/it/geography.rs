//! The basemap and gazetteer agree with the real world.

use caucasus_atlas::io::bundle::{bundled_basemap, bundled_places};
use caucasus_atlas::io::{Basemap, ShapeKind};
use caucasus_atlas::model::Place;
use geo::{Contains, Distance, Haversine, Point};

fn place(id: &str) -> Place {
    bundled_places()
        .into_iter()
        .find(|p| p.id == id)
        .unwrap_or_else(|| panic!("{id} missing from the gazetteer"))
}

fn point(id: &str) -> Point<f64> {
    let p = place(id);
    Point::new(p.lon, p.lat)
}

fn inside(map: &Basemap, shape: &str, id: &str) -> bool {
    map.shape(shape)
        .unwrap_or_else(|| panic!("{shape} missing from the basemap"))
        .geometry
        .contains(&point(id))
}

#[test]
fn cities_lie_in_their_countries_and_regions() {
    let map = bundled_basemap();
    assert!(inside(&map, "Iran", "tabriz"));
    assert!(inside(&map, "Iran", "ardabil"));
    assert!(inside(&map, "Iran", "tehran"));
    assert!(inside(&map, "Nakhchivan", "nakhchivan"));
    assert!(inside(&map, "Azerbaijan", "nakhchivan"));
    assert!(!inside(&map, "Armenia", "nakhchivan"));
    assert!(inside(&map, "Armenia", "kapan"));
    assert!(inside(&map, "Armenia", "yerevan"));
    assert!(inside(&map, "Armenia", "goris"));
    assert!(inside(&map, "Azerbaijan", "baku"));
    assert!(inside(&map, "Georgia", "tbilisi"));
    assert!(inside(&map, "Nagorno-Karabakh", "khankendi"));
    assert!(inside(&map, "Nagorno-Karabakh", "shusha"));
    assert!(!inside(&map, "Nagorno-Karabakh", "lachin"));
    assert!(!inside(&map, "Nagorno-Karabakh", "aghdam"));
}

#[test]
fn the_lachin_corridor_passes_lachin() {
    let map = bundled_basemap();
    let corridor = map.shape("Lachin corridor").expect("corridor");
    assert_eq!(corridor.kind, ShapeKind::Corridor);
    let geo::Geometry::LineString(line) = &*corridor.geometry else {
        panic!("the corridor is a line");
    };
    let lachin = point("lachin");
    let nearest_km = line
        .points()
        .zip(line.points().skip(1))
        .map(|(a, b)| {
            // sample the segment densely: the corridor is short
            (0..=100)
                .map(|k| {
                    let t = f64::from(k) / 100.0;
                    let p = Point::new(a.x() + (b.x() - a.x()) * t, a.y() + (b.y() - a.y()) * t);
                    Haversine.distance(p, lachin) / 1000.0
                })
                .fold(f64::INFINITY, f64::min)
        })
        .fold(f64::INFINITY, f64::min);
    assert!(
        nearest_km <= 3.0,
        "corridor passes {nearest_km:.1} km from Lachin"
    );
    let end = line.points().next_back().unwrap();
    assert!(Haversine.distance(end, point("khankendi")) / 1000.0 < 5.0);
    let start = line.points().next().unwrap();
    assert!(Haversine.distance(start, point("goris")) / 1000.0 < 25.0);
}

#[test]
fn the_basemap_is_lean_and_covers_the_region() {
    let map = bundled_basemap();
    let vertices: usize = map
        .shapes
        .iter()
        .map(|s| geo::CoordsIter::coords_count(&*s.geometry))
        .sum();
    assert!(vertices <= 8000, "{vertices} vertices");
    assert!(
        vertices > 1000,
        "{vertices} vertices: too coarse to be real borders"
    );
    let water: Vec<&str> = map
        .shapes
        .iter()
        .filter(|s| s.kind == ShapeKind::Water)
        .map(|s| s.name.as_str())
        .collect();
    for lake in ["Caspian Sea", "Lake Sevan", "Lake Urmia"] {
        assert!(water.contains(&lake), "{lake} missing");
    }
    let bounds = map
        .shapes
        .iter()
        .filter_map(|s| geo::BoundingRect::bounding_rect(&*s.geometry))
        .reduce(|a, b| {
            geo::Rect::new(
                geo::coord! {x: a.min().x.min(b.min().x), y: a.min().y.min(b.min().y)},
                geo::coord! {x: a.max().x.max(b.max().x), y: a.max().y.max(b.max().y)},
            )
        })
        .unwrap();
    assert!(
        bounds.min().x <= 38.01 && bounds.max().x >= 51.99,
        "{bounds:?}"
    );
    assert!(
        bounds.min().y <= 34.51 && bounds.max().y >= 43.99,
        "{bounds:?}"
    );
    assert!(!map.source.is_empty(), "the basemap states its source");
}

#[test]
fn contested_places_carry_both_names() {
    for (id, a, b) in [
        ("khankendi", "Khankendi", "Stepanakert"),
        ("shusha", "Shusha", "Shushi"),
        ("lachin", "Lachin", "Berdzor"),
    ] {
        let p = place(id);
        assert!(p.name.contains(a) && p.name.contains(b), "{}", p.name);
    }
    let aras = place("aras");
    for n in ["Aras", "Araks", "Araz"] {
        assert!(
            aras.name.contains(n) || aras.alt_names.iter().any(|x| x == n),
            "{n}"
        );
    }
}

/// The widest longitude span of any edge of a geometry's rings.
fn widest_edge(geometry: &geo::Geometry<f64>) -> f64 {
    use geo::CoordsIter;
    let polygons: Vec<&geo::Polygon<f64>> = match geometry {
        geo::Geometry::Polygon(p) => vec![p],
        geo::Geometry::MultiPolygon(mp) => mp.0.iter().collect(),
        _ => Vec::new(),
    };
    polygons
        .iter()
        .flat_map(|p| std::iter::once(p.exterior()).chain(p.interiors()))
        .flat_map(|ring| {
            let xs: Vec<f64> = ring.coords_iter().map(|c| c.x).collect();
            xs.windows(2)
                .map(|w| (w[1] - w[0]).abs())
                .collect::<Vec<_>>()
        })
        .fold(0.0, f64::max)
}

#[test]
fn no_world_country_is_drawn_across_the_antimeridian() {
    // a ring edge from +179° to -180° would be drawn as a band across the whole map
    let world = caucasus_atlas::io::bundle::bundled_world();
    let russia = world.shape("Russia").expect("Russia in the world");
    assert!(widest_edge(&russia.geometry) < 180.0);
    for shape in &world.shapes {
        let widest = widest_edge(&shape.geometry);
        assert!(widest < 180.0, "{} has an edge {widest}° wide", shape.name);
    }
    // Chukotka, cut at 180°, is still there on both sides
    let reaches = |lon: f64| {
        use geo::CoordsIter;
        russia
            .geometry
            .coords_iter()
            .any(|c| (c.x - lon).abs() < 1e-6)
    };
    assert!(reaches(180.0) && reaches(-180.0));
}
