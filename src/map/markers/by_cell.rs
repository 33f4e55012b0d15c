//! The grouping strategy for many events: the window's events are counted per screen cell (and
//! per place for those outside the view) from the dataset's compact columns, never reading whole
//! events; the cells then group like places. What is drawn scales with the screen, not with the
//! number of events.

use super::cell_index::CellIndex;
use super::group::{EdgePlace, Mark, group_marks, merge_edges};
use super::{CellLookup, Marker, MarkerKind, MarkerSet, Members};
use crate::map::MapInput;
use crate::map::edge::edge_toward;
use crate::map::projection::Projector;
use crate::model::dataset::Columns;
use crate::model::{CategoryCounts, Dataset};
use eframe::egui::{Pos2, Rect, vec2};
use std::collections::BTreeMap;
use std::sync::Arc;

/// Screen cells (and the grouping distance) of the aggregated map, in points: wider than
/// [`super::GROUP_RADIUS`] since aggregated markers are larger.
pub const CLUSTER_CELL: f32 = 34.0;

/// Heavy-hitter slots per cell for its dominant place (Misra–Gries).
const SLOTS: usize = 4;

/// Events counted in one screen cell.
#[derive(Clone, Copy, Debug, Default)]
pub(super) struct Cell {
    pub(super) count: u32,
    pub(super) categories: CategoryCounts,
    /// (place key, weight) candidates for the cell's busiest place.
    pub(super) slots: [(u32, u32); SLOTS],
    pub(super) first_key: u32,
    pub(super) first_event: u32,
    pub(super) mixed: bool,
}

impl Cell {
    pub(super) fn add(&mut self, event: u32, key: u32, category: u8) {
        if self.count == 0 {
            self.first_key = key;
            self.first_event = event;
        } else if key != self.first_key {
            self.mixed = true;
        }
        self.count += 1;
        self.categories.add_index(category);
        if let Some(slot) = self.slots.iter_mut().find(|s| s.1 > 0 && s.0 == key) {
            slot.1 += 1;
        } else if let Some(slot) = self.slots.iter_mut().find(|s| s.1 == 0) {
            *slot = (key, 1);
        } else {
            for slot in &mut self.slots {
                slot.1 -= 1;
            }
        }
    }

    /// Adds `count` events of one place at once, the first of them at position `first_event`.
    pub(super) fn add_place(
        &mut self,
        (first_event, key): (u32, u32),
        count: u32,
        categories: &CategoryCounts,
    ) {
        if self.count == 0 {
            (self.first_key, self.first_event) = (key, first_event);
        } else {
            self.mixed |= key != self.first_key;
            if first_event < self.first_event {
                (self.first_key, self.first_event) = (key, first_event);
            }
        }
        self.count += count;
        self.categories.merge(categories);
        // the slots keep the heaviest places seen, with their whole weight
        if let Some(slot) = self.slots.iter_mut().find(|s| s.1 > 0 && s.0 == key) {
            slot.1 += count;
        } else if let Some(lightest) = self.slots.iter_mut().min_by_key(|s| s.1)
            && lightest.1 < count
        {
            *lightest = (key, count);
        }
    }

    pub(super) fn dominant(&self) -> u32 {
        self.slots
            .iter()
            .filter(|s| s.1 > 0)
            .max_by_key(|s| s.1)
            .map_or(self.first_key, |s| s.0)
    }
}

/// A screen grid that events are counted in.
#[derive(Clone, Copy, Debug)]
pub struct Grid {
    origin: Pos2,
    size: f32,
    /// Cells across.
    pub nx: usize,
    /// Cells down.
    pub ny: usize,
}

impl Grid {
    /// A grid of square cells of `size` points over `rect`.
    pub fn over(rect: Rect, size: f32) -> Grid {
        Grid {
            origin: rect.min,
            size,
            nx: (rect.width() / size).ceil().max(1.0) as usize,
            ny: (rect.height() / size).ceil().max(1.0) as usize,
        }
    }

    /// The cell holding a screen position.
    pub fn cell_of(&self, p: Pos2) -> Option<usize> {
        let x = ((p.x - self.origin.x) / self.size).floor();
        let y = ((p.y - self.origin.y) / self.size).floor();
        (x >= 0.0 && y >= 0.0 && (x as usize) < self.nx && (y as usize) < self.ny)
            .then(|| y as usize * self.nx + x as usize)
    }

    /// The centre of a cell.
    pub fn centre(&self, cell: usize) -> Pos2 {
        let (x, y) = ((cell % self.nx) as f32, (cell / self.nx) as f32);
        self.origin + self.size * vec2(x + 0.5, y + 0.5)
    }
}

/// The projection as an f32 affine map, straight to grid coordinates: the per-event inner loop.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct CellMapper {
    pub(super) ax: f32,
    pub(super) bx: f32,
    pub(super) ay: f32,
    pub(super) by: f32,
    pub(super) nx: usize,
    pub(super) ny: usize,
}

impl CellMapper {
    /// The mapper from longitude/latitude to the cells of `grid` under `projector`.
    pub fn new(projector: &Projector, grid: &Grid) -> CellMapper {
        let p0 = projector.project(0.0, 0.0);
        let p1 = projector.project(1.0, 1.0);
        CellMapper {
            ax: (p1.x - p0.x) / grid.size,
            bx: (p0.x - grid.origin.x) / grid.size,
            ay: (p1.y - p0.y) / grid.size,
            by: (p0.y - grid.origin.y) / grid.size,
            nx: grid.nx,
            ny: grid.ny,
        }
    }

    /// The cell of a longitude/latitude, if it is on the grid.
    #[inline]
    pub fn cell(&self, lon_lat: [f32; 2]) -> Option<usize> {
        let x = self.ax * lon_lat[0] + self.bx;
        let y = self.ay * lon_lat[1] + self.by;
        (x >= 0.0 && y >= 0.0 && (x as usize) < self.nx && (y as usize) < self.ny)
            .then(|| y as usize * self.nx + x as usize)
    }

    /// The affine coefficients, to tell whether a cached index still fits the view.
    pub(super) fn key(&self) -> [f32; 4] {
        [self.ax, self.bx, self.ay, self.by]
    }
}

/// Where an in-window event goes on the aggregated map.
#[derive(Clone, Copy, Debug, PartialEq)]
pub(super) enum Slot {
    /// Counted in a screen cell.
    Cell(usize),
    /// An arrow at the edge (off the map, or outside the view), keyed by place.
    Edge(u32),
    /// Drawn as its own shape.
    Shape,
}

pub(super) fn slot_of(columns: &Columns, mapper: &CellMapper, i: usize) -> Slot {
    match columns.kind.get(i).copied() {
        Some(Columns::POINT) => mapper
            .cell(columns.lon_lat[i])
            .map_or_else(|| Slot::Edge(columns.place_key[i]), Slot::Cell),
        Some(Columns::OFF_MAP) => Slot::Edge(columns.place_key[i]),
        _ => Slot::Shape,
    }
}

/// A cheap hasher for small integer keys (place keys), instead of SipHash in a per-event loop.
#[derive(Default)]
pub(super) struct KeyHasher(u64);

impl std::hash::Hasher for KeyHasher {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.0 = (self.0.rotate_left(5) ^ u64::from(b)).wrapping_mul(0x517C_C1B7_2722_0A95);
        }
    }
    fn write_u32(&mut self, n: u32) {
        self.0 = u64::from(n).wrapping_mul(0x9E37_79B9_7F4A_7C15);
    }
}

/// A hash map keyed by small integers.
pub(super) type KeyMap<V> =
    std::collections::HashMap<u32, V, std::hash::BuildHasherDefault<KeyHasher>>;

/// The in-window events of one place drawn at the edge, counted.
#[derive(Clone, Copy, Debug)]
pub(super) struct EdgeCount {
    pub(super) key: u32,
    pub(super) count: usize,
    pub(super) categories: CategoryCounts,
}

/// The in-window events drawn as one shape, counted.
#[derive(Clone, Copy, Debug, Default)]
pub(super) struct ShapeCount {
    pub(super) count: usize,
    pub(super) categories: CategoryCounts,
    /// The first of them in time order.
    pub(super) first_event: usize,
}

impl ShapeCount {
    /// Adds one event (in time order).
    pub(super) fn add(&mut self, event: usize, category: u8) {
        if self.count == 0 {
            self.first_event = event;
        }
        self.count += 1;
        self.categories.add_index(category);
    }
}

/// Events counted per screen cell, per place at the edge, and the shapes by name: listed when
/// counted one by one, counted when counted from the cell index.
pub(super) struct Counts {
    pub(super) cells: Vec<Cell>,
    pub(super) edges: Vec<EdgeCount>,
    edge_index: KeyMap<usize>,
    pub(super) shapes: BTreeMap<String, Vec<usize>>,
    pub(super) shape_counts: BTreeMap<String, ShapeCount>,
}

impl Counts {
    pub(super) fn new(cells: usize) -> Counts {
        Counts {
            cells: vec![Cell::default(); cells],
            edges: Vec::new(),
            edge_index: KeyMap::default(),
            shapes: BTreeMap::new(),
            shape_counts: BTreeMap::new(),
        }
    }

    /// The counts of the shape `key`, added if new.
    pub(super) fn shape(&mut self, key: &str) -> &mut ShapeCount {
        self.shape_counts.entry(key.to_owned()).or_default()
    }

    /// The counts of the edge place `key`, added if new.
    pub(super) fn edge(&mut self, key: u32) -> &mut EdgeCount {
        let k = *self.edge_index.entry(key).or_insert_with(|| {
            self.edges.push(EdgeCount {
                key,
                count: 0,
                categories: CategoryCounts::default(),
            });
            self.edges.len() - 1
        });
        &mut self.edges[k]
    }

    /// Adds one in-window event.
    pub(super) fn add(&mut self, data: &Dataset, slot: Slot, i: usize) {
        let columns = data.columns();
        match slot {
            Slot::Cell(c) => self.cells[c].add(i as u32, columns.place_key[i], columns.category[i]),
            Slot::Edge(key) => {
                let edge = self.edge(key);
                edge.count += 1;
                edge.categories.add_index(columns.category[i]);
            }
            Slot::Shape => {
                if let Some(key) = super::shape_key(data, i) {
                    self.shapes.entry(key).or_default().push(i);
                }
            }
        }
    }
}

/// The cell index of the last still view, kept by the map's memory.
#[derive(Default)]
pub struct CellCache {
    index: Option<Arc<CellIndex>>,
    last_view: Option<(u64, [f32; 4])>,
}

impl CellCache {
    /// The cell index for this view, when the window is unfiltered and the view has held still
    /// for a frame (building it is O(N); while the view moves, the window is scanned instead).
    fn index_for(&mut self, input: &MapInput<'_>, mapper: &CellMapper) -> Option<Arc<CellIndex>> {
        if input.visible.mask.is_some() {
            return None;
        }
        let key = (input.data.uid(), mapper.key());
        let still = self.last_view.replace(key) == Some(key);
        if let Some(index) = self
            .index
            .as_ref()
            .filter(|c| c.matches(input.data, mapper))
        {
            return Some(index.clone());
        }
        if !still {
            return None;
        }
        let index = Arc::new(CellIndex::build(input.data, mapper));
        self.index = Some(index.clone());
        Some(index)
    }
}

/// One event of a place key and its position, read from the columns.
fn example_at(data: &Dataset, key: u32) -> Option<(usize, [f32; 2])> {
    let columns = data.columns();
    let i = *columns.place_example.get(key as usize)? as usize;
    Some((i, *columns.lon_lat.get(i)?))
}

/// The name of a place key's place.
fn name_at(data: &Dataset, key: u32) -> Option<&str> {
    let (i, _) = example_at(data, key)?;
    data.place_of(i).map(|p| p.1)
}

fn cell_marks(
    data: &Dataset,
    grid: &Grid,
    projector: &Projector,
    cells: &[Cell],
) -> Vec<Mark<u32>> {
    let mut marks = Vec::new();
    for (c, cell) in cells.iter().enumerate().filter(|(_, cell)| cell.count > 0) {
        let Some((_, [lon, lat])) = example_at(data, cell.dominant()) else {
            continue;
        };
        let p = projector.project(f64::from(lon), f64::from(lat));
        marks.push(Mark {
            item: c,
            // at the busiest place when it lies in the cell, else at the cell's centre
            pos: if grid.cell_of(p) == Some(c) {
                p
            } else {
                grid.centre(c)
            },
            place: Some(cell.dominant()),
            weight: cell.count as usize,
        });
    }
    marks
}

fn cluster_marker(data: &Dataset, cells: &[Cell], items: Vec<usize>, pos: Pos2) -> Marker {
    let mut categories = CategoryCounts::default();
    let (mut count, mut biggest) = (0usize, items[0]);
    let first_key = cells[items[0]].first_key;
    let mut same_place = true;
    for &c in &items {
        let cell = &cells[c];
        count += cell.count as usize;
        categories.merge(&cell.categories);
        if cell.count > cells[biggest].count {
            biggest = c;
        }
        same_place &= !cell.mixed && cell.first_key == first_key;
    }
    let big = &cells[biggest];
    Marker {
        kind: MarkerKind::Point,
        anchor: pos,
        count,
        categories,
        example: big.first_event as usize,
        place_name: name_at(data, big.dominant()).unwrap_or("").to_owned(),
        same_place,
        alpha: 1.0,
        members: Members::Cells(items.into_iter().map(|c| c as u32).collect()),
    }
}

/// The edge places of the counted places, unnamed: only the arrows they merge into are named
/// ([`name_arrows`]), since far more places than arrows may lie off the map.
fn edge_places(data: &Dataset, projector: &Projector, edges: &[EdgeCount]) -> Vec<EdgePlace> {
    edges
        .iter()
        .filter_map(|e| {
            let (example, [lon, lat]) = example_at(data, e.key)?;
            let target = projector.project(f64::from(lon), f64::from(lat));
            let (anchor, dir) = edge_toward(projector.rect(), target);
            Some(EdgePlace {
                anchor,
                dir,
                events: Vec::new(),
                key: e.key,
                count: e.count,
                categories: e.categories,
                example,
                name: String::new(),
            })
        })
        .collect()
}

/// Names each arrow after its busiest place (the first of its place keys).
fn name_arrows(data: &Dataset, arrows: &mut [Marker]) {
    for arrow in arrows {
        if let Members::EdgePlaces(keys) = &arrow.members
            && let Some(name) = keys.first().and_then(|&k| name_at(data, k))
        {
            arrow.place_name = name.to_owned();
        }
    }
}

/// The markers for the window's events, counted per screen cell.
pub fn markers(input: &MapInput<'_>, projector: &Projector, cache: &mut CellCache) -> MarkerSet {
    let data = input.data;
    let grid = Grid::over(
        projector.rect().shrink(super::by_place::EDGE_MARGIN),
        CLUSTER_CELL,
    );
    let mapper = CellMapper::new(projector, &grid);
    let counts = match cache.index_for(input, &mapper) {
        Some(index) => index.count(input, &mapper),
        None => super::scan::count_scan(input, &mapper),
    };
    let Counts {
        cells,
        edges,
        shapes,
        shape_counts,
        ..
    } = counts;
    let mut markers: Vec<Marker> = shapes
        .into_values()
        .filter_map(|events| super::by_place::shape_marker_of(input, projector, events))
        .collect();
    markers.extend(shape_counts.into_iter().filter_map(|(key, counted)| {
        super::by_place::counted_shape_marker(input, projector, key, counted)
    }));
    let marks = cell_marks(data, &grid, projector, &cells);
    markers.extend(
        group_marks(&marks, CLUSTER_CELL)
            .into_iter()
            .map(|g| cluster_marker(data, &cells, g.items, g.pos)),
    );
    let mut arrows = merge_edges(edge_places(data, projector, &edges), false);
    name_arrows(data, &mut arrows);
    MarkerSet {
        markers,
        edges: arrows,
        cells: Some(CellLookup { mapper }),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Category;

    #[test]
    fn cells_count_categories_and_find_their_busiest_place() {
        let mut cell = Cell::default();
        for (event, key) in [
            (0, 7),
            (1, 7),
            (2, 3),
            (3, 7),
            (4, 9),
            (5, 1),
            (6, 2),
            (7, 7),
        ] {
            cell.add(event, key, Category::Military.index() as u8);
        }
        assert_eq!(cell.count, 8);
        assert_eq!(cell.categories.get(Category::Military), 8);
        assert_eq!(cell.dominant(), 7);
        assert!(cell.mixed);
        assert_eq!(cell.first_event, 0);
    }

    #[test]
    fn the_grid_and_the_mapper_agree() {
        let rect = Rect::from_min_size(Pos2::new(10.0, 20.0), vec2(340.0, 204.0));
        let grid = Grid::over(rect, CLUSTER_CELL);
        assert_eq!((grid.nx, grid.ny), (10, 6));
        let view = crate::model::MapView {
            lon: 46.0,
            lat: 40.0,
            scale: 50.0,
        };
        let projector = Projector::new(view, rect);
        let mapper = CellMapper::new(&projector, &grid);
        for (lon, lat) in [(46.0, 40.0), (44.0, 41.0), (47.9, 38.2), (49.0, 42.0)] {
            let p = projector.project(lon, lat);
            assert_eq!(
                mapper.cell([lon as f32, lat as f32]),
                grid.cell_of(p),
                "{lon},{lat}"
            );
        }
        assert_eq!(grid.cell_of(rect.min), Some(0));
        assert_eq!(grid.centre(0), rect.min + vec2(17.0, 17.0));
        assert_eq!(mapper.cell([20.0, 40.0]), None);
    }
}
