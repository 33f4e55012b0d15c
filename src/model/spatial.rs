//! A grid over longitude and latitude holding the dataset's point events, built from the compact
//! columns: the events near an area are then found cell by cell instead of one by one.

use super::dataset::Columns;

/// Finest cell side, in degrees (about 5 km).
const FINEST_CELL: f64 = 0.05;
/// Most cells a grid has; coarser cells cover data that spans the world.
const MAX_CELLS: f64 = (1u32 << 20) as f64;

/// Point events bucketed by grid cell; events without a point (shapes, unplaced) kept apart.
#[derive(Clone, Debug, Default)]
pub struct SpatialGrid {
    origin: [f64; 2],
    cell: f64,
    nx: usize,
    ny: usize,
    /// Cell `c` holds `positions[start[c]..start[c + 1]]` (row-major, rows south to north).
    start: Vec<u32>,
    positions: Vec<u32>,
    /// Events that are not points (drawn as shapes, or without a place).
    others: Vec<u32>,
}

/// Cell coordinates `(column, row)` and their ranges.
pub type CellRange = (std::ops::Range<usize>, std::ops::Range<usize>);

impl SpatialGrid {
    /// Buckets every event of `columns` that is a point (on the map or off it).
    pub fn build(columns: &Columns) -> SpatialGrid {
        let is_point = |k: u8| k == Columns::POINT || k == Columns::OFF_MAP;
        let points = || {
            columns
                .lon_lat
                .iter()
                .zip(&columns.kind)
                .filter(|(_, k)| is_point(**k))
                .map(|(p, _)| [f64::from(p[0]), f64::from(p[1])])
        };
        let (mut lo, mut hi) = ([f64::INFINITY; 2], [f64::NEG_INFINITY; 2]);
        for p in points().filter(|p| p[0].is_finite() && p[1].is_finite()) {
            lo = [lo[0].min(p[0]), lo[1].min(p[1])];
            hi = [hi[0].max(p[0]), hi[1].max(p[1])];
        }
        if lo[0] > hi[0] {
            lo = [0.0; 2];
            hi = [0.0; 2];
        }
        let (w, h) = (hi[0] - lo[0] + FINEST_CELL, hi[1] - lo[1] + FINEST_CELL);
        let cell = FINEST_CELL.max((w * h / MAX_CELLS).sqrt());
        let mut grid = SpatialGrid {
            origin: lo,
            cell,
            nx: (w / cell).ceil().max(1.0) as usize,
            ny: (h / cell).ceil().max(1.0) as usize,
            ..SpatialGrid::default()
        };
        grid.fill(columns, is_point);
        grid
    }

    /// Sorts the events into their cells (a counting sort keeping position order per cell).
    fn fill(&mut self, columns: &Columns, is_point: impl Fn(u8) -> bool) {
        let cells = self.nx * self.ny;
        let cell_of: Vec<u32> = columns
            .lon_lat
            .iter()
            .zip(&columns.kind)
            .map(|(p, &k)| match is_point(k) {
                true => self
                    .cell_of(f64::from(p[0]), f64::from(p[1]))
                    .map_or(u32::MAX, |c| c as u32),
                false => u32::MAX,
            })
            .collect();
        let mut start = vec![0u32; cells + 1];
        for &c in cell_of.iter().filter(|&&c| c != u32::MAX) {
            start[c as usize + 1] += 1;
        }
        for c in 0..cells {
            start[c + 1] += start[c];
        }
        let mut fill = start.clone();
        let mut positions = vec![0u32; start[cells] as usize];
        for (i, &c) in cell_of.iter().enumerate() {
            if c == u32::MAX {
                self.others.push(i as u32);
            } else {
                positions[fill[c as usize] as usize] = i as u32;
                fill[c as usize] += 1;
            }
        }
        self.start = start;
        self.positions = positions;
    }

    /// The cell index of a point, if it lies on the grid.
    pub fn cell_of(&self, lon: f64, lat: f64) -> Option<usize> {
        let (x, y) = self.coordinates(lon, lat)?;
        Some(y * self.nx + x)
    }

    fn coordinates(&self, lon: f64, lat: f64) -> Option<(usize, usize)> {
        let x = ((lon - self.origin[0]) / self.cell).floor();
        let y = ((lat - self.origin[1]) / self.cell).floor();
        (x >= 0.0 && y >= 0.0 && (x as usize) < self.nx && (y as usize) < self.ny)
            .then_some((x as usize, y as usize))
    }

    /// The cells a longitude/latitude box touches (clamped to the grid).
    pub fn cells_touching(&self, min: [f64; 2], max: [f64; 2]) -> CellRange {
        let clamp = |v: f64, n: usize| v.floor().clamp(0.0, n as f64) as usize;
        let x0 = clamp((min[0] - self.origin[0]) / self.cell, self.nx);
        let y0 = clamp((min[1] - self.origin[1]) / self.cell, self.ny);
        let x1 = clamp((max[0] - self.origin[0]) / self.cell + 1.0, self.nx);
        let y1 = clamp((max[1] - self.origin[1]) / self.cell + 1.0, self.ny);
        (x0..x1, y0..y1)
    }

    /// A cell's corners: (west, south) and (east, north).
    pub fn cell_bounds(&self, x: usize, y: usize) -> ([f64; 2], [f64; 2]) {
        let w = self.origin[0] + x as f64 * self.cell;
        let s = self.origin[1] + y as f64 * self.cell;
        ([w, s], [w + self.cell, s + self.cell])
    }

    /// The events in a cell, in position order.
    pub fn events_in(&self, x: usize, y: usize) -> &[u32] {
        let c = y * self.nx + x;
        match (self.start.get(c), self.start.get(c + 1)) {
            (Some(&a), Some(&b)) => &self.positions[a as usize..b as usize],
            _ => &[],
        }
    }

    /// The events that are not points.
    pub fn others(&self) -> &[u32] {
        &self.others
    }

    /// The side of a cell, in degrees.
    pub fn cell_size(&self) -> f64 {
        self.cell
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn columns(points: &[[f32; 2]], kinds: &[u8]) -> Columns {
        Columns {
            lon_lat: points.to_vec(),
            kind: kinds.to_vec(),
            category: vec![0; points.len()],
            place_key: vec![0; points.len()],
            place_example: vec![],
            fixed_place: vec![],
        }
    }

    #[test]
    fn every_point_sits_in_the_cell_that_holds_it() {
        let pts = [
            [46.0, 39.0],
            [46.01, 39.01],
            [49.9, 40.4],
            [-77.0, 38.9],
            [151.2, -33.9],
            [46.0, 39.0],
        ];
        let kinds = [
            Columns::POINT,
            Columns::POINT,
            Columns::POINT,
            Columns::OFF_MAP,
            Columns::OFF_MAP,
            Columns::SHAPE,
        ];
        let grid = SpatialGrid::build(&columns(&pts, &kinds));
        assert_eq!(grid.others(), &[5]);
        let mut seen = Vec::new();
        for (i, p) in pts.iter().enumerate().take(5) {
            let c = grid.cell_of(f64::from(p[0]), f64::from(p[1])).unwrap();
            let (x, y) = (c % grid.nx, c / grid.nx);
            assert!(grid.events_in(x, y).contains(&(i as u32)));
            let (sw, ne) = grid.cell_bounds(x, y);
            assert!(sw[0] <= f64::from(p[0]) && f64::from(p[0]) < ne[0]);
            seen.extend_from_slice(grid.events_in(x, y));
        }
        seen.sort();
        seen.dedup();
        assert_eq!(seen, [0, 1, 2, 3, 4]);
        // the world-wide extent made the cells coarser than the finest
        assert!(grid.cell_size() > FINEST_CELL);
        assert!(grid.nx * grid.ny <= MAX_CELLS as usize + grid.nx + grid.ny);
        let (xs, ys) = grid.cells_touching([45.9, 38.9], [46.1, 39.1]);
        assert!(xs.contains(&(grid.cell_of(46.0, 39.0).unwrap() % grid.nx)));
        assert!(!ys.is_empty());
    }

    #[test]
    fn an_empty_dataset_has_an_empty_grid() {
        let grid = SpatialGrid::build(&columns(&[], &[]));
        assert!(grid.others().is_empty());
        assert!(grid.events_in(0, 0).is_empty());
    }
}
