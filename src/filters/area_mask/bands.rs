//! An area cut into the grid's rows and cells, so that each event near a border is tested against
//! the few edges around it rather than the whole area.
//!
//! A ring is cut to a band (a row of cells, or a column) by keeping, in ring order, every edge
//! that reaches into the band, whole. A stretch of the ring left out never touches the band, so it
//! lies beyond one side of it, and the straight join that replaces it stays on that side too. A
//! ray from a point in the band, running along the band, therefore crosses exactly the edges it
//! crossed before: the point is inside, outside or on the border of the cut ring exactly as of
//! the whole ring, with no new vertex and no rounding. Cutting a row's rings again to a cell's
//! column gives the same for every point of the cell.

use crate::model::spatial::{CellRange, SpatialGrid};
use geo::{Coord, LineString, Polygon};

/// How far beyond its cell a band reaches, in degrees, so that an event a rounding error outside
/// its cell still lies inside the band its cell is tested with.
pub const BAND_MARGIN: f64 = 1e-7;

/// One ring's edges that reach into one row's band, in ring order.
struct Piece {
    polygon: usize,
    ring: usize,
    coords: Vec<Coord<f64>>,
}

/// An area's polygons cut to each row of a range of cells, and the cells its border crosses.
pub struct Bands {
    /// Per row of the range, south to north: the polygons cut to the row's band.
    rows: Vec<Vec<Polygon<f64>>>,
    /// Per cell of the range, row by row: whether an edge passes through it (or within the
    /// margin of it).
    border: Vec<bool>,
    range: CellRange,
}

/// Appends the edge `a`–`b` to a cut ring, joining it to the last kept edge.
fn push_edge(coords: &mut Vec<Coord<f64>>, a: Coord<f64>, b: Coord<f64>) {
    if coords.last() != Some(&a) {
        coords.push(a);
    }
    coords.push(b);
}

/// The longitudes the segment `a`–`b` covers between the latitudes `lo` and `hi`.
fn x_extent_within(a: Coord<f64>, b: Coord<f64>, lo: f64, hi: f64) -> (f64, f64) {
    if a.y == b.y {
        return (a.x.min(b.x), a.x.max(b.x));
    }
    let at = |y: f64| {
        let t = ((y - a.y) / (b.y - a.y)).clamp(0.0, 1.0);
        a.x + t * (b.x - a.x)
    };
    let (x0, x1) = (at(lo), at(hi));
    (x0.min(x1), x0.max(x1))
}

impl Bands {
    /// Cuts `polygons` to the rows of `range`, a range of `grid`'s cells covering them.
    pub fn new(polygons: &[Polygon<f64>], grid: &SpatialGrid, range: &CellRange) -> Bands {
        let (xs, ys) = range.clone();
        let mut pieces: Vec<Vec<Piece>> = (0..ys.len()).map(|_| Vec::new()).collect();
        let mut border = vec![false; xs.len() * ys.len()];
        let rings = polygons.iter().enumerate().flat_map(|(k, p)| {
            std::iter::once(p.exterior())
                .chain(p.interiors())
                .enumerate()
                .map(move |(j, ring)| (k, j, ring))
        });
        for (polygon, ring, line_string) in rings {
            for line in line_string.lines() {
                let (a, b) = (line.start, line.end);
                let (low, high) = (a.y.min(b.y) - BAND_MARGIN, a.y.max(b.y) + BAND_MARGIN);
                let (_, rows) = grid.cells_touching([a.x, low], [a.x, high]);
                for y in rows.start.max(ys.start)..rows.end.min(ys.end) {
                    let row = &mut pieces[y - ys.start];
                    match row.last_mut() {
                        Some(p) if (p.polygon, p.ring) == (polygon, ring) => {
                            push_edge(&mut p.coords, a, b);
                        }
                        _ => row.push(Piece {
                            polygon,
                            ring,
                            coords: vec![a, b],
                        }),
                    }
                    let (min, max) = grid.cell_bounds(xs.start, y);
                    let (x0, x1) =
                        x_extent_within(a, b, min[1] - BAND_MARGIN, max[1] + BAND_MARGIN);
                    let (cols, _) =
                        grid.cells_touching([x0 - BAND_MARGIN, min[1]], [x1 + BAND_MARGIN, min[1]]);
                    let offset = (y - ys.start) * xs.len();
                    for x in cols.start.max(xs.start)..cols.end.min(xs.end) {
                        border[offset + x - xs.start] = true;
                    }
                }
            }
        }
        let rows = pieces.into_iter().map(assemble).collect();
        Bands {
            rows,
            border,
            range: range.clone(),
        }
    }

    /// The polygons cut to row `y` (a row of the range).
    pub fn row(&self, y: usize) -> &[Polygon<f64>] {
        y.checked_sub(self.range.1.start)
            .and_then(|r| self.rows.get(r))
            .map_or(&[], Vec::as_slice)
    }

    /// Whether the area's border passes through cell (`x`, `y`) of the range.
    pub fn is_border(&self, x: usize, y: usize) -> bool {
        let (xs, ys) = &self.range;
        if !xs.contains(&x) || !ys.contains(&y) {
            return false;
        }
        self.border[(y - ys.start) * xs.len() + (x - xs.start)]
    }
}

/// A row's pieces as polygons: each exterior with the holes that follow it. A polygon whose
/// exterior does not reach the row holds no point of it, holes or not.
fn assemble(pieces: Vec<Piece>) -> Vec<Polygon<f64>> {
    let mut polygons: Vec<(usize, Polygon<f64>)> = Vec::new();
    for piece in pieces {
        let ring = LineString::from(piece.coords);
        match polygons.last_mut() {
            Some((k, p)) if *k == piece.polygon && piece.ring > 0 => p.interiors_push(ring),
            _ if piece.ring == 0 => polygons.push((piece.polygon, Polygon::new(ring, vec![]))),
            _ => {}
        }
    }
    polygons.into_iter().map(|(_, p)| p).collect()
}

/// A ring cut to the longitudes `lo..=hi`: its edges reaching into them, in order.
fn cut_ring_to_column(ring: &LineString<f64>, lo: f64, hi: f64) -> Vec<Coord<f64>> {
    let mut coords = Vec::new();
    for line in ring.lines() {
        let (a, b) = (line.start, line.end);
        if a.x.min(b.x) <= hi && a.x.max(b.x) >= lo {
            push_edge(&mut coords, a, b);
        }
    }
    coords
}

/// A polygon cut to the longitudes `lo..=hi`; `None` when its exterior does not reach them.
pub fn cut_to_column(polygon: &Polygon<f64>, lo: f64, hi: f64) -> Option<Polygon<f64>> {
    let exterior = cut_ring_to_column(polygon.exterior(), lo, hi);
    if exterior.is_empty() {
        return None;
    }
    let holes = polygon
        .interiors()
        .iter()
        .map(|h| cut_ring_to_column(h, lo, hi))
        .filter(|h| !h.is_empty())
        .map(LineString::from)
        .collect();
    Some(Polygon::new(LineString::from(exterior), holes))
}

#[cfg(test)]
mod tests {
    use super::*;
    use geo::{Contains, Point};

    /// A U shape open to the north: its two arms reach from latitude 0 to 3.
    fn u_shape() -> Polygon<f64> {
        Polygon::new(
            LineString::from(vec![
                (0.0, 0.0),
                (3.0, 0.0),
                (3.0, 3.0),
                (2.0, 3.0),
                (2.0, 1.0),
                (1.0, 1.0),
                (1.0, 3.0),
                (0.0, 3.0),
                (0.0, 0.0),
            ]),
            vec![],
        )
    }

    #[test]
    fn a_cut_keeps_whole_edges_and_classifies_points_as_the_whole_ring() {
        let u = u_shape();
        // the column of the U's eastern arm keeps the southern edge and the arm's top, whole;
        // the joins (along longitude 3, and back west of the column) stay outside the column
        let cut = cut_to_column(&u, 2.2, 2.8).unwrap();
        let expected: Vec<Coord<f64>> =
            [(0.0, 0.0), (3.0, 0.0), (3.0, 3.0), (2.0, 3.0), (0.0, 0.0)]
                .iter()
                .map(|&(x, y)| Coord { x, y })
                .collect();
        assert_eq!(cut.exterior().0, expected);
        for (x, y) in [
            (2.5, 0.5),
            (2.5, 2.0),
            (2.2, 2.9),
            (2.8, 1.0),
            (2.5, 0.0),
            (2.5, 3.5),
        ] {
            let p = Point::new(x, y);
            assert_eq!(cut.contains(&p), u.contains(&p), "{x} {y}");
        }
        assert!(cut_to_column(&u, 4.0, 5.0).is_none());
    }

    #[test]
    fn holes_are_cut_too_and_dropped_where_they_do_not_reach() {
        let hole = LineString::from(vec![
            (0.4, 0.4),
            (0.6, 0.4),
            (0.6, 0.6),
            (0.4, 0.6),
            (0.4, 0.4),
        ]);
        let square = Polygon::new(
            LineString::from(vec![
                (0.0, 0.0),
                (1.0, 0.0),
                (1.0, 1.0),
                (0.0, 1.0),
                (0.0, 0.0),
            ]),
            vec![hole],
        );
        let through = cut_to_column(&square, 0.45, 0.55).unwrap();
        assert_eq!(through.interiors().len(), 1);
        assert!(!through.contains(&Point::new(0.5, 0.5)));
        assert!(through.contains(&Point::new(0.5, 0.2)));
        let beside = cut_to_column(&square, 0.8, 0.9).unwrap();
        assert!(beside.interiors().is_empty());
        assert!(beside.contains(&Point::new(0.85, 0.5)));
    }

    #[test]
    fn the_extent_of_a_segment_within_latitudes() {
        let (a, b) = (Coord { x: 0.0, y: 0.0 }, Coord { x: 4.0, y: 2.0 });
        assert_eq!(x_extent_within(a, b, 0.5, 1.0), (1.0, 2.0));
        assert_eq!(x_extent_within(b, a, -1.0, 5.0), (0.0, 4.0));
        let flat = Coord { x: 3.0, y: 0.0 };
        assert_eq!(x_extent_within(flat, a, -0.1, 0.1), (0.0, 3.0));
    }
}
