//! Which events lie inside a union of areas. Point events are found through the dataset's
//! [`SpatialGrid`]: cells wholly inside an area take all their events at once, cells wholly
//! outside are skipped, and in the few cells an area's border crosses each event is tested with
//! geo's `Contains` against the area clipped to that cell. Events drawn as shapes count as inside
//! when their shape intersects the area.

use super::area::area_polygons;
use crate::model::Dataset;
use crate::model::spatial::SpatialGrid;
use geo::{Contains, Coord, Geometry, Intersects, LineString, Point, Polygon};

/// How far beyond its cell an area is clipped, in degrees, so the clip's own edges never touch
/// an event of the cell.
const CLIP_MARGIN: f64 = 1e-7;

/// A ring clipped to a box (Sutherland–Hodgman, one side at a time). For a ring that leaves and
/// re-enters the box the result may run along the box's sides, which lie outside the cell's
/// events (see [`CLIP_MARGIN`]), so points inside are classified as by the whole ring.
fn clip_ring(ring: &LineString<f64>, min: [f64; 2], max: [f64; 2]) -> Vec<Coord<f64>> {
    let mut points: Vec<Coord<f64>> = ring.0.clone();
    if points.first() == points.last() {
        points.pop();
    }
    let sides: [(usize, f64, bool); 4] = [
        (0, min[0], true),
        (0, max[0], false),
        (1, min[1], true),
        (1, max[1], false),
    ];
    for (axis, bound, keep_above) in sides {
        let value = |c: &Coord<f64>| if axis == 0 { c.x } else { c.y };
        let inside = |c: &Coord<f64>| (value(c) >= bound) == keep_above || value(c) == bound;
        let cross = |a: &Coord<f64>, b: &Coord<f64>| {
            let t = (bound - value(a)) / (value(b) - value(a));
            Coord {
                x: a.x + t * (b.x - a.x),
                y: a.y + t * (b.y - a.y),
            }
        };
        let input = std::mem::take(&mut points);
        for (k, cur) in input.iter().enumerate() {
            let prev = &input[(k + input.len() - 1) % input.len()];
            match (inside(prev), inside(cur)) {
                (true, true) => points.push(*cur),
                (true, false) => points.push(cross(prev, cur)),
                (false, true) => {
                    points.push(cross(prev, cur));
                    points.push(*cur);
                }
                (false, false) => {}
            }
        }
        if points.is_empty() {
            break;
        }
    }
    points
}

/// A polygon clipped to a box: its exterior and holes, each clipped.
fn clip_polygon(polygon: &Polygon<f64>, min: [f64; 2], max: [f64; 2]) -> Option<Polygon<f64>> {
    let exterior = clip_ring(polygon.exterior(), min, max);
    if exterior.len() < 3 {
        return None;
    }
    let holes = polygon
        .interiors()
        .iter()
        .map(|h| clip_ring(h, min, max))
        .filter(|h| h.len() >= 3)
        .map(LineString::from)
        .collect();
    Some(Polygon::new(LineString::from(exterior), holes))
}

/// The cells of `range` an area's border passes through (conservatively: the cells of each
/// edge's bounding box), as a flag per cell of the range.
fn border_cells(
    polygons: &[Polygon<f64>],
    grid: &SpatialGrid,
    range: &crate::model::spatial::CellRange,
) -> Vec<bool> {
    let (xs, ys) = range;
    let width = xs.len();
    let mut border = vec![false; width * ys.len()];
    let rings = polygons
        .iter()
        .flat_map(|p| std::iter::once(p.exterior()).chain(p.interiors()));
    for line in rings.flat_map(|r| r.lines()) {
        let (a, b) = (line.start, line.end);
        let (cx, cy) =
            grid.cells_touching([a.x.min(b.x), a.y.min(b.y)], [a.x.max(b.x), a.y.max(b.y)]);
        for y in cy.start.max(ys.start)..cy.end.min(ys.end) {
            for x in cx.start.max(xs.start)..cx.end.min(xs.end) {
                border[(y - ys.start) * width + (x - xs.start)] = true;
            }
        }
    }
    border
}

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
    let border = border_cells(polygons, grid, &range);
    let columns = data.columns();
    let (xs, ys) = range.clone();
    for y in ys.clone() {
        // a run of cells the border does not cross is all inside or all outside
        let mut run_inside: Option<bool> = None;
        for x in xs.clone() {
            let events = grid.events_in(x, y);
            let (min, max) = grid.cell_bounds(x, y);
            if border[(y - ys.start) * xs.len() + (x - xs.start)] {
                run_inside = None;
                if events.is_empty() {
                    continue;
                }
                let pad = |c: [f64; 2], d: f64| [c[0] + d, c[1] + d];
                let clipped: Vec<Polygon<f64>> = polygons
                    .iter()
                    .filter_map(|p| clip_polygon(p, pad(min, -CLIP_MARGIN), pad(max, CLIP_MARGIN)))
                    .collect();
                for &i in events {
                    let [lon, lat] = columns.lon_lat[i as usize];
                    let p = Point::new(f64::from(lon), f64::from(lat));
                    if clipped.iter().any(|c| c.contains(&p)) {
                        set(bits, i as usize);
                    }
                }
                continue;
            }
            let inside = *run_inside.get_or_insert_with(|| {
                let centre = Point::new((min[0] + max[0]) / 2.0, (min[1] + max[1]) / 2.0);
                polygons.iter().any(|p| p.contains(&centre))
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
        for &i in grid.others() {
            let shape = data.view(i as usize).and_then(|e| e.shape);
            if shape.is_some_and(|s| s.intersects(area)) {
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
    use crate::model::{Event, EventDate};
    use proptest::prelude::*;

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
    }
}
