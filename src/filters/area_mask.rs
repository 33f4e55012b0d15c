//! Which events lie inside a union of areas. Point events are found through the dataset's
//! [`SpatialGrid`]: cells wholly inside an area take all their events at once, cells wholly
//! outside are skipped, and in the few cells an area's border crosses each event is tested with
//! geo's `Contains` against the area cut to that cell (only the edges around it, see [`bands`]),
//! which answers exactly as the whole area. Events drawn as shapes count as inside when their
//! shape lies in the area as [`super::shape_overlap`] weighs it.

use super::area::area_polygons;
use super::shape_overlap::shape_in_area;
use crate::model::Dataset;
use crate::model::spatial::SpatialGrid;
use bands::{BAND_MARGIN, Bands, cut_to_column};
use geo::{Contains, Geometry, Point, Polygon};
use std::collections::HashMap;

mod bands;

/// Sets the bits of the point events inside `polygons`.
fn mark_points(data: &Dataset, grid: &SpatialGrid, polygons: &[Polygon<f64>], bits: &mut [u64]) {
    let Some(bounds) = geo::BoundingRect::bounding_rect(&geo::MultiPolygon(polygons.to_vec()))
    else {
        return;
    };
    let range = grid.cells_touching(
        [bounds.min().x, bounds.min().y],
        [bounds.max().x, bounds.max().y],
    );
    let bands = Bands::new(polygons, grid, &range);
    let columns = data.columns();
    let (xs, ys) = range;
    let mut points: Vec<[f32; 2]> = Vec::new();
    for y in ys {
        let row = bands.row(y);
        // a run of cells the border does not cross is all inside or all outside
        let mut run_inside: Option<bool> = None;
        for x in xs.clone() {
            let events = grid.events_in(x, y);
            let (min, max) = grid.cell_bounds(x, y);
            if bands.is_border(x, y) {
                run_inside = None;
                if events.is_empty() {
                    continue;
                }
                let (west, east) = (min[0] - BAND_MARGIN, max[0] + BAND_MARGIN);
                let cut: Vec<Polygon<f64>> = row
                    .iter()
                    .filter_map(|p| cut_to_column(p, west, east))
                    .collect();
                // the positions are scattered over the columns: gather them in one tight loop,
                // whose loads can all be under way at once, before the tests
                points.clear();
                points.extend(events.iter().map(|&i| columns.lon_lat[i as usize]));
                for (&i, &[lon, lat]) in events.iter().zip(&points) {
                    let p = Point::new(f64::from(lon), f64::from(lat));
                    if cut.iter().any(|c| c.contains(&p)) {
                        set(bits, i as usize);
                    }
                }
                continue;
            }
            let inside = *run_inside.get_or_insert_with(|| {
                let centre = Point::new((min[0] + max[0]) / 2.0, (min[1] + max[1]) / 2.0);
                row.iter().any(|p| p.contains(&centre))
            });
            if inside {
                for &i in events {
                    set(bits, i as usize);
                }
            }
        }
    }
}

fn set(bits: &mut [u64], i: usize) {
    if let Some(w) = bits.get_mut(i / 64) {
        *w |= 1 << (i % 64);
    }
}

/// Sets the bits of the point events inside a box, edges included.
fn mark_box(data: &Dataset, grid: &SpatialGrid, boxed: &geo::Rect<f64>, bits: &mut [u64]) {
    let (lo, hi) = (boxed.min(), boxed.max());
    let (xs, ys) = grid.cells_touching([lo.x, lo.y], [hi.x, hi.y]);
    let columns = data.columns();
    for y in ys {
        for x in xs.clone() {
            let (min, max) = grid.cell_bounds(x, y);
            let whole = lo.x <= min[0] && max[0] <= hi.x && lo.y <= min[1] && max[1] <= hi.y;
            for &i in grid.events_in(x, y) {
                let [lon, lat] = columns.lon_lat[i as usize];
                let (lon, lat) = (f64::from(lon), f64::from(lat));
                if whole || (lo.x <= lon && lon <= hi.x && lo.y <= lat && lat <= hi.y) {
                    set(bits, i as usize);
                }
            }
        }
    }
}

/// Which events lie in at least one of `areas` (boxes with their edges, other areas without their
/// border): one bit per position, and how many.
pub fn area_bits(data: &Dataset, grid: &SpatialGrid, areas: &[Geometry<f64>]) -> (Vec<u64>, usize) {
    let mut bits = vec![0u64; data.len().div_ceil(64)];
    for area in areas {
        match area {
            Geometry::Rect(boxed) => mark_box(data, grid, boxed, &mut bits),
            _ => mark_points(data, grid, &area_polygons(area), &mut bits),
        }
        // many events share one named shape ("Azerbaijan"): it is weighed once
        let mut by_name: HashMap<&str, bool> = HashMap::new();
        for &i in grid.others() {
            let Some(view) = data.view(i as usize) else {
                continue;
            };
            let Some(shape) = view.shape else {
                continue;
            };
            let inside = match view.shape_name {
                Some(name) => *by_name
                    .entry(name)
                    .or_insert_with(|| shape_in_area(shape, area)),
                None => shape_in_area(shape, area),
            };
            if inside {
                set(&mut bits, i as usize);
            }
        }
    }
    let count = bits.iter().map(|w| w.count_ones() as usize).sum();
    (bits, count)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::filters::AreaCatalog;
    use crate::io::bundle::bundled_basemap;
    use crate::model::{Event, EventDate};
    use geo::Intersects;
    use geo::{Coord, CoordsIter, LineString};
    use proptest::prelude::*;
    use std::sync::LazyLock;

    /// The detailed Azerbaijan of the window's catalogue: the mainland, the Nakhchivan exclave and
    /// the Caspian islands.
    static AZERBAIJAN: LazyLock<Geometry<f64>> = LazyLock::new(|| {
        let catalog = AreaCatalog::detailed(&bundled_basemap());
        catalog.find("Azerbaijan").unwrap().geometry.clone()
    });

    fn data(points: &[(f64, f64)]) -> Dataset {
        let events: Vec<Event> = points
            .iter()
            .enumerate()
            .map(|(k, &(lon, lat))| {
                Event::at(&format!("e{k:04}"), "e", EventDate::undated(), lon, lat)
            })
            .collect();
        Dataset::new(events, vec![])
    }

    fn brute_force(data: &Dataset, areas: &[Geometry<f64>]) -> Vec<usize> {
        (0..data.len())
            .filter(|&i| {
                let e = data.view(i).unwrap();
                let p = Point::new(f64::from(e.lon as f32), f64::from(e.lat as f32));
                areas.iter().any(|a| match a {
                    Geometry::Rect(r) => r.intersects(&p),
                    _ => area_polygons(a).iter().any(|poly| poly.contains(&p)),
                })
            })
            .collect()
    }

    fn passing(bits: &[u64], n: usize) -> Vec<usize> {
        (0..n)
            .filter(|&i| bits[i / 64] & (1 << (i % 64)) != 0)
            .collect()
    }

    /// A star-shaped polygon around a centre: concave, with many edges.
    fn star(centre: (f64, f64), radii: &[f64]) -> Geometry<f64> {
        let n = radii.len();
        let mut ring: Vec<(f64, f64)> = radii
            .iter()
            .enumerate()
            .map(|(k, r)| {
                let a = std::f64::consts::TAU * k as f64 / n as f64;
                (centre.0 + r * a.cos(), centre.1 + r * a.sin())
            })
            .collect();
        ring.push(ring[0]);
        Geometry::Polygon(Polygon::new(LineString::from(ring), vec![]))
    }

    #[test]
    fn a_box_and_a_hole_are_honoured() {
        let points = [
            (45.5, 39.2),
            (45.1, 39.9),
            (46.5, 39.5),
            (45.5, 39.5),
            (46.0, 40.0),
        ];
        let data = data(&points);
        let grid = SpatialGrid::build(data.columns());
        let boxed = Geometry::Rect(geo::Rect::new(
            Coord { x: 45.0, y: 39.0 },
            Coord { x: 46.0, y: 40.0 },
        ));
        let (bits, count) = area_bits(&data, &grid, std::slice::from_ref(&boxed));
        assert_eq!(
            count, 4,
            "the corner (46, 40) is included; (46.5, 39.5) is not"
        );
        assert_eq!(passing(&bits, data.len()), brute_force(&data, &[boxed]));
        let outer = LineString::from(vec![
            (45.0, 39.0),
            (46.0, 39.0),
            (46.0, 40.0),
            (45.0, 40.0),
            (45.0, 39.0),
        ]);
        let hole = LineString::from(vec![
            (45.4, 39.4),
            (45.6, 39.4),
            (45.6, 39.6),
            (45.4, 39.6),
            (45.4, 39.4),
        ]);
        let holed = Geometry::Polygon(Polygon::new(outer, vec![hole]));
        let (bits, count) = area_bits(&data, &grid, std::slice::from_ref(&holed));
        assert_eq!(
            count, 2,
            "the point in the hole and the one on the border are out"
        );
        assert_eq!(passing(&bits, data.len()), brute_force(&data, &[holed]));
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(64))]

        /// The grid finds exactly the events a test of every event finds.
        #[test]
        fn the_grid_agrees_with_testing_every_event(
            points in proptest::collection::vec((44.0f64..48.0, 38.0f64..41.0), 0..400),
            radii in proptest::collection::vec(0.05f64..1.2, 3..40),
            centre in (44.5f64..47.5, 38.5f64..40.5),
            second in proptest::option::of((44.0f64..48.0, 38.0f64..41.0, 44.0f64..48.0, 38.0f64..41.0)),
        ) {
            // points on the grid's lines too: round coordinates are common in real data
            let mut points = points;
            points.extend([(46.0, 39.0), (45.5, 39.55), (45.0, 39.0), (centre.0, centre.1)]);
            let data = data(&points);
            let grid = SpatialGrid::build(data.columns());
            let mut areas = vec![star(centre, &radii)];
            if let Some((a, b, c, d)) = second {
                let (w, e, s, n) = (a.min(c), a.max(c), b.min(d), b.max(d));
                areas.push(Geometry::Rect(geo::Rect::new(Coord { x: w, y: s }, Coord { x: e, y: n })));
            }
            let (bits, count) = area_bits(&data, &grid, &areas);
            let expected = brute_force(&data, &areas);
            prop_assert_eq!(count, expected.len());
            prop_assert_eq!(passing(&bits, data.len()), expected);
        }

        /// On the detailed Azerbaijan too, the grid finds exactly the events a test of every event
        /// finds: events scattered over its box, and events within about 200 m of its vertices and
        /// on its edges, where the border decides.
        #[test]
        fn the_grid_agrees_with_testing_every_event_on_the_detailed_azerbaijan(
            scattered in proptest::collection::vec((44.7f64..50.7, 38.3f64..42.0), 0..500),
            near in proptest::collection::vec(
                (any::<prop::sample::Index>(), -0.002f64..0.002, -0.002f64..0.002, 0.0f64..1.0),
                0..400,
            ),
        ) {
            let vertices: Vec<Coord<f64>> = AZERBAIJAN.coords_iter().collect();
            prop_assert!(vertices.len() > 900, "{} vertices", vertices.len());
            let mut points = scattered;
            for (index, dx, dy, along) in near {
                let k = index.index(vertices.len() - 1);
                let (a, b) = (vertices[k], vertices[k + 1]);
                // a point along the edge from this vertex (on it, when the offset is dropped)
                let on_edge = (a.x + along * (b.x - a.x), a.y + along * (b.y - a.y));
                points.push(on_edge);
                points.push((on_edge.0 + dx, on_edge.1 + dy));
                points.push((a.x + dx, a.y + dy));
            }
            let data = data(&points);
            let grid = SpatialGrid::build(data.columns());
            let areas = [AZERBAIJAN.clone()];
            let (bits, count) = area_bits(&data, &grid, &areas);
            let expected = brute_force(&data, &areas);
            prop_assert_eq!(count, expected.len());
            prop_assert_eq!(passing(&bits, data.len()), expected);
        }
    }
}
