//! The map for large data: once more events are in the window than can be read, they are counted
//! per screen cell from the dataset's compact columns and drawn as clusters (a pie with a count),
//! with arrows for what lies outside the view, and faded events as a density grid.

use super::MapInput;
use super::arrows::paint_arrow;
use super::edge::edge_anchor;
use super::events_layer::{GROUP_RADIUS, marker_radius, pie, ring, shape_ui};
use super::grouping::{Group, Mark, group_marks};
use super::labels::short_count;
use super::projection::Projector;
use crate::commands::Command;
use crate::model::dataset::Columns;
use crate::model::{Category, Dataset};
use crate::palette;
use eframe::egui::{self, Align2, Color32, FontId, Painter, Pos2, Rect, Sense, Stroke, Vec2, vec2};
use std::collections::BTreeMap;
use std::sync::Arc;
/// More events in the window than this are aggregated on screen: counted per screen cell from the
/// dataset's compact columns, the cells then grouped like places. No per-event shapes or lists.
pub const AGGREGATE_THRESHOLD: usize = 2000;

/// Screen cells (and the grouping distance) of the aggregated map, in points: wider than
/// [`GROUP_RADIUS`] since aggregated markers are larger.
const CLUSTER_CELL: f32 = 34.0;

/// Heavy-hitter slots per cell for its dominant place (Misra–Gries).
const SLOTS: usize = 4;

/// Events counted in one screen cell.
#[derive(Clone, Copy, Default)]
struct Cell {
    count: u32,
    categories: [u32; 8],
    /// (place key, weight) candidates for the cell's busiest place.
    slots: [(u32, u32); SLOTS],
    first_key: u32,
    first_event: u32,
    mixed: bool,
}

impl Cell {
    fn add(&mut self, event: u32, key: u32, category: u8) {
        if self.count == 0 {
            self.first_key = key;
            self.first_event = event;
        } else if key != self.first_key {
            self.mixed = true;
        }
        self.count += 1;
        self.categories[usize::from(category) & 7] += 1;
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

    fn dominant(&self) -> u32 {
        self.slots
            .iter()
            .filter(|s| s.1 > 0)
            .max_by_key(|s| s.1)
            .map_or(self.first_key, |s| s.0)
    }
}

/// The screen grid cells are counted in.
struct Grid {
    origin: Pos2,
    size: f32,
    nx: usize,
    ny: usize,
}

impl Grid {
    fn over(rect: Rect, size: f32) -> Grid {
        Grid {
            origin: rect.min,
            size,
            nx: (rect.width() / size).ceil().max(1.0) as usize,
            ny: (rect.height() / size).ceil().max(1.0) as usize,
        }
    }

    fn cell_of(&self, p: Pos2) -> Option<usize> {
        let x = ((p.x - self.origin.x) / self.size).floor();
        let y = ((p.y - self.origin.y) / self.size).floor();
        (x >= 0.0 && y >= 0.0 && (x as usize) < self.nx && (y as usize) < self.ny)
            .then(|| y as usize * self.nx + x as usize)
    }

    fn centre(&self, cell: usize) -> Pos2 {
        let (x, y) = ((cell % self.nx) as f32, (cell / self.nx) as f32);
        self.origin + self.size * vec2(x + 0.5, y + 0.5)
    }
}

fn project_column(projector: &Projector, lon_lat: [f32; 2]) -> Pos2 {
    projector.project(f64::from(lon_lat[0]), f64::from(lon_lat[1]))
}

/// The projection as an f32 affine map, straight to grid coordinates: the per-event inner loop.
#[derive(Clone, Copy)]
struct CellMapper {
    ax: f32,
    bx: f32,
    ay: f32,
    by: f32,
    nx: usize,
    ny: usize,
}

impl CellMapper {
    fn new(projector: &Projector, grid: &Grid) -> CellMapper {
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

    #[inline]
    fn cell(&self, lon_lat: [f32; 2]) -> Option<usize> {
        let x = self.ax * lon_lat[0] + self.bx;
        let y = self.ay * lon_lat[1] + self.by;
        (x >= 0.0 && y >= 0.0 && (x as usize) < self.nx && (y as usize) < self.ny)
            .then(|| y as usize * self.nx + x as usize)
    }
}

/// Draws many faded events as a light density grid instead of one dot each.
pub(super) fn faded_density(
    painter: &Painter,
    projector: &Projector,
    data: &Dataset,
    faded: &[usize],
) {
    let columns = data.columns();
    let grid = Grid::over(projector.rect().shrink(8.0), 6.0);
    let mut counts = vec![0u32; grid.nx * grid.ny];
    for &i in faded {
        if columns.kind.get(i) != Some(&Columns::POINT) {
            continue;
        }
        if let Some(c) = grid.cell_of(project_column(projector, columns.lon_lat[i])) {
            counts[c] += 1;
        }
    }
    let max = counts.iter().copied().max().unwrap_or(1).max(1) as f32;
    for (c, &n) in counts.iter().enumerate() {
        if n > 0 {
            let t = (1.0 + n as f32).ln() / (1.0 + max).ln();
            let color = Color32::from_gray(90).gamma_multiply(0.12 + 0.35 * t);
            painter.rect_filled(
                Rect::from_center_size(grid.centre(c), Vec2::splat(6.0)),
                0.0,
                color,
            );
        }
    }
}

/// Where an in-window event goes on the aggregated map.
#[derive(Clone, Copy, PartialEq)]
enum Slot {
    /// Counted in a screen cell.
    Cell(usize),
    /// An arrow at the edge (off the map, or outside the view), keyed by place.
    Edge(u32),
    /// Drawn as its own shape.
    Shape,
}

fn slot_of(columns: &Columns, mapper: &CellMapper, i: usize) -> Slot {
    match columns.kind.get(i).copied() {
        Some(Columns::POINT) => mapper
            .cell(columns.lon_lat[i])
            .map_or(Slot::Edge(columns.place_key[i]), Slot::Cell),
        Some(Columns::OFF_MAP) => Slot::Edge(columns.place_key[i]),
        _ => Slot::Shape,
    }
}

/// Counts of the in-window events of one place drawn at the edge.
#[derive(Clone, Copy)]
struct EdgePlace {
    key: u32,
    count: usize,
    categories: [u32; 8],
}

/// A cheap hasher for small integer keys (place keys), instead of SipHash in a per-event loop.
#[derive(Default)]
struct KeyHasher(u64);

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

type KeyMap<V> = std::collections::HashMap<u32, V, std::hash::BuildHasherDefault<KeyHasher>>;

/// What the aggregated map needs to find a cluster's events again (tooltip, click).
struct Clusters<'a> {
    input: &'a MapInput<'a>,
    projector: &'a Projector,
    mapper: CellMapper,
    /// For each cell, the index of the cluster it joined.
    cell_group: Vec<u32>,
    /// For each edge place key, the index of the edge arrow it joined.
    edge_group: KeyMap<u32>,
}

impl Clusters<'_> {
    /// The in-window events of cluster `group` (cells) or arrow `arrow` (places), in time order.
    fn members(&self, group: Option<u32>, arrow: Option<u32>, limit: usize) -> Vec<usize> {
        let columns = self.input.data.columns();
        self.input
            .visible
            .in_window
            .iter()
            .copied()
            .filter(|&i| match slot_of(columns, &self.mapper, i) {
                Slot::Cell(c) => Some(self.cell_group[c]) == group,
                Slot::Edge(key) => arrow.is_some() && self.edge_group.get(&key).copied() == arrow,
                Slot::Shape => false,
            })
            .take(limit)
            .collect()
    }
}

/// Hover, tooltip and click for an aggregated marker whose events are found only when needed.
#[allow(clippy::too_many_arguments)]
fn interact_cluster(
    ui: &mut egui::Ui,
    clusters: &Clusters<'_>,
    rect: Rect,
    id: egui::Id,
    (group, arrow): (Option<u32>, Option<u32>),
    n: usize,
    example: usize,
    label: String,
    commands: &mut Vec<Command>,
) {
    let data = clusters.input.data;
    let response = ui.interact(rect, id, Sense::click());
    response.widget_info(|| egui::WidgetInfo::labeled(egui::Role::Button, true, &label));
    if response.hovered() {
        commands.push(Command::Hover(Some(example)));
    }
    if response.clicked() {
        let events = clusters.members(group, arrow, n);
        if let [only] = events[..] {
            commands.push(Command::CloseGroup);
            commands.push(Command::Select(Some(only)));
        } else {
            let p = rect.center();
            commands.push(Command::OpenGroup(events, [p.x, p.y]));
        }
    }
    response.on_hover_ui(|ui| {
        let first = clusters.members(group, arrow, 8);
        for &i in &first {
            if let Some(e) = data.view(i) {
                ui.label(format!("{} — {}", e.date.short(), e.title));
            }
        }
        if n > first.len() {
            ui.weak(format!("… and {} more (click to list)", n - first.len()));
        }
    });
}

fn shares_of(categories: &[usize; 8]) -> Vec<(Category, usize)> {
    let mut shares: Vec<(Category, usize)> = Category::ALL
        .into_iter()
        .map(|c| (c, categories[c.index()]))
        .filter(|s| s.1 > 0)
        .collect();
    shares.sort_by_key(|s| std::cmp::Reverse(s.1));
    shares
}

/// Events counted per screen cell, per place at the edge, and the shapes by name.
type Counts<'a> = (Vec<Cell>, Vec<EdgePlace>, BTreeMap<&'a str, Vec<usize>>);

/// Adds one in-window event to the counts.
fn count_event<'a>(
    data: &'a Dataset,
    slot: Slot,
    i: usize,
    counts: &mut Counts<'a>,
    edge: &mut KeyMap<usize>,
) {
    let columns = data.columns();
    let (cells, edge_places, shapes) = counts;
    match slot {
        Slot::Cell(c) => cells[c].add(i as u32, columns.place_key[i], columns.category[i]),
        Slot::Edge(key) => {
            let k = *edge.entry(key).or_insert_with(|| {
                edge_places.push(EdgePlace {
                    key,
                    count: 0,
                    categories: [0; 8],
                });
                edge_places.len() - 1
            });
            edge_places[k].count += 1;
            edge_places[k].categories[usize::from(columns.category[i]) & 7] += 1;
        }
        Slot::Shape => {
            if let Some(name) = data.view(i).and_then(|e| e.shape_name) {
                shapes.entry(name).or_default().push(i);
            }
        }
    }
}

/// Counts by one pass over the window's events (any filters): O(k) over compact columns.
fn count_scan<'a>(input: &MapInput<'a>, mapper: &CellMapper) -> Counts<'a> {
    let columns = input.data.columns();
    let mut counts: Counts<'a> = (
        vec![Cell::default(); mapper.nx * mapper.ny],
        Vec::new(),
        BTreeMap::new(),
    );
    let mut edge = KeyMap::default();
    for &i in &input.visible.in_window {
        let slot = slot_of(columns, mapper, i);
        count_event(input.data, slot, i, &mut counts, &mut edge);
    }
    counts
}

/// Checkpoint spacing of the per-bucket category prefix counts.
const CHECK: usize = 32;

/// The dataset's dated events bucketed by screen cell (or by place, for those at the edge) for one
/// view, each bucket in time order with category checkpoints: the events of a time window per
/// bucket are then counted with two binary searches, independent of how many there are.
struct CellIndex {
    uid: u64,
    mapper: [f32; 4],
    cells: usize,
    /// Bucket `b` holds `positions[start[b]..start[b + 1]]`; buckets past `cells` are edge places.
    start: Vec<u32>,
    positions: Vec<u32>,
    /// The category of each entry of `positions` (read sequentially, not through the columns).
    categories: Vec<u8>,
    /// Category counts before every `CHECK`-th entry of each bucket, from `check_start[b]`.
    check_start: Vec<u32>,
    checks: Vec<[u32; 8]>,
    /// Per bucket: its busiest place over all time, and whether it holds several places.
    dominant: Vec<u32>,
    mixed: Vec<bool>,
    /// Place key of each edge bucket.
    edge_keys: Vec<u32>,
    /// Dated events drawn as shapes, in time order.
    shapes: Vec<u32>,
}

impl CellIndex {
    fn matches(&self, data: &Dataset, mapper: &CellMapper) -> bool {
        self.uid == data.uid()
            && self.mapper == [mapper.ax, mapper.bx, mapper.ay, mapper.by]
            && self.cells == mapper.nx * mapper.ny
    }

    fn build(data: &Dataset, mapper: &CellMapper) -> CellIndex {
        let columns = data.columns();
        let cells = mapper.nx * mapper.ny;
        let dated = data.dated_len();
        let mut edge: KeyMap<u32> = KeyMap::default();
        let mut edge_keys = Vec::new();
        let mut shapes = Vec::new();
        let bucket: Vec<u32> = (0..dated)
            .map(|i| match slot_of(columns, mapper, i) {
                Slot::Cell(c) => c as u32,
                Slot::Edge(key) => *edge.entry(key).or_insert_with(|| {
                    edge_keys.push(key);
                    (cells + edge_keys.len() - 1) as u32
                }),
                Slot::Shape => {
                    shapes.push(i as u32);
                    u32::MAX
                }
            })
            .collect();
        let buckets = cells + edge_keys.len();
        let mut start = vec![0u32; buckets + 1];
        for &b in &bucket {
            if b != u32::MAX {
                start[b as usize + 1] += 1;
            }
        }
        for b in 0..buckets {
            start[b + 1] += start[b];
        }
        let mut fill = start.clone();
        let mut positions = vec![0u32; start[buckets] as usize];
        for (i, &b) in bucket.iter().enumerate() {
            if b != u32::MAX {
                positions[fill[b as usize] as usize] = i as u32;
                fill[b as usize] += 1;
            }
        }
        let categories: Vec<u8> = positions
            .iter()
            .map(|&i| columns.category[i as usize])
            .collect();
        let mut check_start = Vec::with_capacity(buckets + 1);
        let mut checks = Vec::new();
        let mut dominant = Vec::with_capacity(buckets);
        let mut mixed = Vec::with_capacity(buckets);
        for b in 0..buckets {
            check_start.push(checks.len() as u32);
            let run = &positions[start[b] as usize..start[b + 1] as usize];
            let mut acc = [0u32; 8];
            let mut cell = Cell::default();
            for (k, &i) in run.iter().enumerate() {
                if k % CHECK == 0 {
                    checks.push(acc);
                }
                let i = i as usize;
                acc[usize::from(columns.category[i]) & 7] += 1;
                cell.add(i as u32, columns.place_key[i], columns.category[i]);
            }
            checks.push(acc);
            dominant.push(cell.dominant());
            mixed.push(cell.mixed);
        }
        check_start.push(checks.len() as u32);
        CellIndex {
            uid: data.uid(),
            mapper: [mapper.ax, mapper.bx, mapper.ay, mapper.by],
            cells,
            start,
            positions,
            categories,
            check_start,
            checks,
            dominant,
            mixed,
            edge_keys,
            shapes,
        }
    }

    /// Category counts of the first `k` entries of bucket `b`.
    fn categories_before(&self, b: usize, k: usize) -> [u32; 8] {
        let check = self.check_start[b] as usize + k / CHECK;
        let mut acc = self.checks[check];
        let base = self.start[b] as usize;
        for &c in &self.categories[base + k / CHECK * CHECK..base + k] {
            acc[usize::from(c) & 7] += 1;
        }
        acc
    }

    /// The counts for the window: the run of events starting inside it from the buckets, the few
    /// that start earlier one by one.
    fn count<'a>(&self, input: &MapInput<'a>, mapper: &CellMapper) -> Counts<'a> {
        let data = input.data;
        let columns = data.columns();
        let window = &input.visible.in_window;
        // in_window is the events starting before the window that reach into it, then one run
        let (a, b) = input.time.query_range();
        let run = data.starting_in(a, b);
        let earlier = window.len().saturating_sub(run.len());
        let (lo, hi) = (run.start as u32, run.end as u32);
        let mut counts: Counts<'a> = (
            vec![Cell::default(); self.cells],
            Vec::new(),
            BTreeMap::new(),
        );
        let mut edge = KeyMap::default();
        for &i in &window[..earlier] {
            count_event(data, slot_of(columns, mapper, i), i, &mut counts, &mut edge);
        }
        for bucket in 0..self.start.len() - 1 {
            let entries =
                &self.positions[self.start[bucket] as usize..self.start[bucket + 1] as usize];
            let p_lo = entries.partition_point(|&i| i < lo);
            let p_hi = entries.partition_point(|&i| i < hi);
            if p_hi == p_lo {
                continue;
            }
            let before = self.categories_before(bucket, p_lo);
            let upto = self.categories_before(bucket, p_hi);
            let mut categories = [0u32; 8];
            for c in 0..8 {
                categories[c] = upto[c] - before[c];
            }
            let n = (p_hi - p_lo) as u32;
            if bucket < self.cells {
                let cell = &mut counts.0[bucket];
                if cell.count == 0 {
                    cell.first_event = entries[p_lo];
                    cell.first_key = self.dominant[bucket];
                }
                cell.count += n;
                for (sum, m) in cell.categories.iter_mut().zip(categories) {
                    *sum += m;
                }
                cell.mixed |= self.mixed[bucket] || cell.first_key != self.dominant[bucket];
                cell.slots[0] = (self.dominant[bucket], cell.slots[0].1 + n);
            } else {
                let key = self.edge_keys[bucket - self.cells];
                let k = *edge.entry(key).or_insert_with(|| {
                    counts.1.push(EdgePlace {
                        key,
                        count: 0,
                        categories: [0; 8],
                    });
                    counts.1.len() - 1
                });
                counts.1[k].count += n as usize;
                for (sum, m) in counts.1[k].categories.iter_mut().zip(categories) {
                    *sum += m;
                }
            }
        }
        let s_lo = self.shapes.partition_point(|&i| i < lo);
        let s_hi = self.shapes.partition_point(|&i| i < hi);
        for &i in &self.shapes[s_lo..s_hi] {
            let i = i as usize;
            count_event(data, Slot::Shape, i, &mut counts, &mut edge);
        }
        counts
    }
}

/// The cell index for this view, when the window is unfiltered and the view has held still for a
/// frame (building it is O(N); while the view moves, the window is scanned instead).
fn cell_index(ui: &egui::Ui, input: &MapInput<'_>, mapper: &CellMapper) -> Option<Arc<CellIndex>> {
    if !input.filters.is_empty() {
        return None;
    }
    let id = egui::Id::unique("atlas-cell-index");
    let key = (
        input.data.uid(),
        [mapper.ax, mapper.bx, mapper.ay, mapper.by],
    );
    let (cached, still) = ui.ctx().data_mut(|d| {
        let cached = d.get_temp::<Arc<CellIndex>>(id);
        let last = d.get_temp::<(u64, [f32; 4])>(id.with("last-view"));
        d.insert_temp(id.with("last-view"), key);
        (cached, last == Some(key))
    });
    if let Some(index) = cached.filter(|c| c.matches(input.data, mapper)) {
        return Some(index);
    }
    if !still {
        return None;
    }
    let index = Arc::new(CellIndex::build(input.data, mapper));
    ui.ctx().data_mut(|d| d.insert_temp(id, index.clone()));
    Some(index)
}

/// Draws the window's events aggregated on screen. One pass over compact columns counts them per
/// screen cell (and per place for arrows at the edge); everything drawn then scales with the screen,
/// not with the number of events.
pub(super) fn aggregate_ui(
    ui: &mut egui::Ui,
    painter: &Painter,
    projector: &Projector,
    input: &MapInput<'_>,
    commands: &mut Vec<Command>,
) -> Vec<Rect> {
    let data = input.data;
    let columns = data.columns();
    let inner = projector.rect().shrink(8.0);
    let grid = Grid::over(inner, CLUSTER_CELL);
    let mapper = CellMapper::new(projector, &grid);
    let (cells, mut edge_places, shapes) = match cell_index(ui, input, &mapper) {
        Some(index) => index.count(input, &mapper),
        None => count_scan(input, &mapper),
    };
    // one event's place and position for each place key, from the columns (no whole view)
    let example = |key: u32| {
        let i = *columns.place_example.get(key as usize)? as usize;
        let [lon, lat] = *columns.lon_lat.get(i)?;
        let (place, place_name) = data.place_of(i)?;
        Some(Example {
            lon: f64::from(lon),
            lat: f64::from(lat),
            place,
            place_name,
        })
    };
    let mut marks = Vec::new();
    for (c, cell) in cells.iter().enumerate() {
        if cell.count == 0 {
            continue;
        }
        let Some(e) = example(cell.dominant()) else {
            continue;
        };
        let p = projector.project(e.lon, e.lat);
        marks.push(Mark {
            event: c,
            pos: if grid.cell_of(p) == Some(c) {
                p
            } else {
                grid.centre(c)
            },
            place: e.place,
        });
    }
    let groups = group_marks(&marks, CLUSTER_CELL);
    let arrows = cluster_edge(projector, &mut edge_places, &example);
    let mut clusters = Clusters {
        input,
        projector,
        mapper,
        cell_group: vec![u32::MAX; cells.len()],
        edge_group: KeyMap::default(),
    };
    for (g, group) in groups.iter().enumerate() {
        for &c in &group.events {
            clusters.cell_group[c] = g as u32;
        }
    }
    for (a, arrow) in arrows.iter().enumerate() {
        for place in &edge_places[arrow.places.clone()] {
            clusters.edge_group.insert(place.key, a as u32);
        }
    }
    let slot_of_event = |i: Option<usize>| {
        let i = i?;
        input.visible.in_window.binary_search(&i).ok()?;
        Some(slot_of(columns, &clusters.mapper, i))
    };
    let (selected, hovered) = (slot_of_event(input.selected), slot_of_event(input.hovered));
    let mut covered = Vec::new();
    for events in shapes.values() {
        covered.extend(shape_ui(ui, painter, projector, input, events, commands));
    }
    for (g, group) in groups.iter().enumerate() {
        let mut n = 0usize;
        let mut categories = [0usize; 8];
        let mut biggest = (0u32, 0usize);
        let mut same_place = true;
        let first_key = cells[group.events[0]].first_key;
        for &c in &group.events {
            let cell = &cells[c];
            n += cell.count as usize;
            for (k, &m) in cell.categories.iter().enumerate() {
                categories[k] += m as usize;
            }
            if cell.count > biggest.0 {
                biggest = (cell.count, c);
            }
            same_place &= !cell.mixed && cell.first_key == first_key;
        }
        let r = marker_radius(n);
        painter.add(pie(group.pos, r, &shares_of(&categories), 1.0));
        painter.circle_stroke(group.pos, r, Stroke::new(1.5, Color32::WHITE));
        if n > 1 {
            painter.circle_filled(group.pos, r * 0.62, Color32::WHITE);
            painter.text(
                group.pos,
                Align2::CENTER_CENTER,
                short_count(n),
                FontId::proportional(11.0),
                Color32::BLACK,
            );
        }
        let member = |s: Option<Slot>| matches!(s, Some(Slot::Cell(c)) if clusters.cell_group[c] == g as u32);
        ring(painter, group.pos, r, member(selected), member(hovered));
        let rect = Rect::from_center_size(group.pos, Vec2::splat(2.0 * r + 4.0));
        covered.push(rect);
        let big = &cells[biggest.1];
        let first = big.first_event as usize;
        let label = if n == 1 {
            data.view(first)
                .map(|e| e.title.to_owned())
                .unwrap_or_default()
        } else {
            let name = example(big.dominant()).map_or("", |e| e.place_name);
            let prep = if same_place { "at" } else { "near" };
            format!("{n} events {prep} {name}")
        };
        let id = ui.scope_id().with(("cluster", marks_key(&marks, group)));
        interact_cluster(
            ui,
            &clusters,
            rect,
            id,
            (Some(g as u32), None),
            n,
            first,
            label,
            commands,
        );
    }
    let mut placed = vec![super::overlay::controls_rect(projector.rect())];
    for (a, arrow) in arrows.iter().enumerate() {
        let member = |s: Option<Slot>| matches!(s, Some(Slot::Edge(k)) if clusters.edge_group.get(&k) == Some(&(a as u32)));
        edge_arrow_ui(
            ui,
            painter,
            &clusters,
            &edge_places,
            arrow,
            a as u32,
            member(selected),
            &mut placed,
            commands,
        );
    }
    covered
}

/// Where one of a place's events is, and the place's id and name.
struct Example<'a> {
    lon: f64,
    lat: f64,
    place: &'a str,
    place_name: &'a str,
}

/// A stable key for a cluster: the place of its first mark.
fn marks_key<'a>(marks: &[Mark<'a>], group: &Group) -> &'a str {
    group
        .events
        .first()
        .and_then(|&c| marks.iter().find(|m| m.event == c))
        .map_or("", |m| m.place)
}

/// One arrow at the edge for nearby places outside the view.
struct EdgeArrow {
    /// The places it stands for: a range of the sorted edge places.
    places: std::ops::Range<usize>,
    anchor: Pos2,
    dir: Vec2,
    count: usize,
    categories: [usize; 8],
}

/// Groups the places outside the view into arrows whose anchors lie close together on the edge.
/// Sorts `places` so that each arrow's places are one range, largest place first.
fn cluster_edge<'e>(
    projector: &Projector,
    places: &mut [EdgePlace],
    example: &impl Fn(u32) -> Option<Example<'e>>,
) -> Vec<EdgeArrow> {
    let rect = projector.rect();
    let anchor_of = |key: u32| {
        let e = example(key)?;
        let target = projector.project(e.lon, e.lat);
        edge_anchor(rect, target, 30.0).or_else(|| {
            let d = (target - rect.center()).normalized();
            Some((target, if d.length() > 0.0 { d } else { vec2(0.0, -1.0) }))
        })
    };
    places.sort_by(|a, b| b.count.cmp(&a.count).then(a.key.cmp(&b.key)));
    // greedy: each place joins the first (larger) arrow within reach
    let mut arrow_of: Vec<usize> = Vec::with_capacity(places.len());
    let mut heads: Vec<(Pos2, Vec2)> = Vec::new();
    for place in places.iter() {
        let Some((anchor, dir)) = anchor_of(place.key) else {
            arrow_of.push(usize::MAX);
            continue;
        };
        match heads
            .iter()
            .position(|h| (h.0 - anchor).length() < 2.0 * GROUP_RADIUS)
        {
            Some(h) => arrow_of.push(h),
            None => {
                arrow_of.push(heads.len());
                heads.push((anchor, dir));
            }
        }
    }
    let mut order: Vec<usize> = (0..places.len()).collect();
    order.sort_by_key(|&k| (arrow_of[k], k));
    let sorted: Vec<EdgePlace> = order.iter().map(|&k| places[k]).collect();
    places.copy_from_slice(&sorted);
    let mut arrows: Vec<EdgeArrow> = Vec::new();
    for (k, &o) in order.iter().enumerate() {
        let h = arrow_of[o];
        let Some(&(anchor, dir)) = heads.get(h) else {
            continue;
        };
        let place = &places[k];
        match arrows.last_mut() {
            Some(last) if last.anchor == anchor && last.places.end == k => {
                last.places.end = k + 1;
                last.count += place.count;
                for (c, &m) in place.categories.iter().enumerate() {
                    last.categories[c] += m as usize;
                }
            }
            _ => arrows.push(EdgeArrow {
                places: k..k + 1,
                anchor,
                dir,
                count: place.count,
                categories: place.categories.map(|m| m as usize),
            }),
        }
    }
    arrows
}

#[allow(clippy::too_many_arguments)]
fn edge_arrow_ui(
    ui: &mut egui::Ui,
    painter: &Painter,
    clusters: &Clusters<'_>,
    places: &[EdgePlace],
    arrow: &EdgeArrow,
    index: u32,
    selected: bool,
    placed: &mut Vec<Rect>,
    commands: &mut Vec<Command>,
) {
    let data = clusters.input.data;
    let columns = data.columns();
    let Some(first) = places
        .get(arrow.places.start)
        .and_then(|p| columns.place_example.get(p.key as usize))
        .map(|&i| i as usize)
    else {
        return;
    };
    let Some(e) = data.view(first) else { return };
    let rect = clusters.projector.rect();
    let (anchor, dir) = (arrow.anchor, arrow.dir);
    let shares = shares_of(&arrow.categories);
    let color = shares
        .first()
        .map_or(Color32::GRAY, |s| palette::category_color(s.0));
    let others = arrow.places.len() - 1;
    let name = if others == 0 {
        e.place_name.to_owned()
    } else {
        format!("{} +{others}", e.place_name)
    };
    let count = short_count(arrow.count);
    let hit = paint_arrow(
        painter, rect, anchor, dir, color, &name, count, selected, placed,
    );
    let where_ = if e.off_map {
        "off map"
    } else {
        "outside the view"
    };
    let label = match (arrow.count, others) {
        (1, _) => format!("{} ({where_}, {})", e.title, e.place_name),
        (n, 0) => format!("{n} events at {} ({where_})", e.place_name),
        (n, m) => format!(
            "{n} events at {} and {m} more places ({where_})",
            e.place_name
        ),
    };
    let id = ui.scope_id().with(("edge", e.place));
    interact_cluster(
        ui,
        clusters,
        hit,
        id,
        (None, Some(index)),
        arrow.count,
        first,
        label,
        commands,
    );
}
