//! The dataset's dated events bucketed by screen cell (or by place, for those at the edge) for one
//! view, each bucket in time order with category checkpoints: the events of a time window per
//! bucket are then counted with two short searches between fences, independent of how many there
//! are.

use super::by_cell::{Cell, CellMapper, Counts, KeyMap, Slot, slot_of};
use super::fences::Fences;
use crate::map::MapInput;
use crate::model::{CategoryCounts, Dataset};
use std::collections::HashMap;

/// Checkpoint spacing of the per-bucket category prefix counts.
const CHECK: usize = 32;

/// Events bucketed by cell for one view of one dataset.
pub(super) struct CellIndex {
    uid: u64,
    mapper: CellMapper,
    cells: usize,
    /// Bucket `b` holds `positions[start[b]..start[b + 1]]`; buckets past `cells` are edge places.
    start: Vec<u32>,
    positions: Vec<u32>,
    /// The category of each entry of `positions` (read sequentially, not through the columns).
    categories: Vec<u8>,
    /// Category counts before every `CHECK`-th entry of each bucket, from `check_start[b]`.
    check_start: Vec<u32>,
    checks: Vec<CategoryCounts>,
    /// Per bucket: its busiest place over all time, and whether it holds several places.
    dominant: Vec<u32>,
    mixed: Vec<bool>,
    /// What each bucket past the screen cells holds.
    extras: Vec<Extra>,
    /// Where a window's bounds fall in each bucket.
    fences: Fences,
}

/// What a bucket past the screen cells holds.
enum Extra {
    /// The events of one place drawn at the edge (its place key).
    Edge(u32),
    /// The events drawn as one shape (its [`super::shape_key`]).
    Shape(String),
}

/// Each dated event's bucket (`u32::MAX` for none: an event that moves), and what each bucket past
/// the screen cells holds.
fn bucket_events(data: &Dataset, mapper: &CellMapper, cells: usize) -> Bucketed {
    let columns = data.columns();
    let mut edge: KeyMap<u32> = KeyMap::default();
    let mut shape: HashMap<String, u32> = HashMap::new();
    let mut extras = Vec::new();
    let add = |extras: &mut Vec<Extra>, extra: Extra| {
        extras.push(extra);
        (cells + extras.len() - 1) as u32
    };
    // a place whose events all lie at one position has one bucket, found for its first event
    let mut place_bucket = vec![UNSEEN; columns.place_example.len()];
    let mut bucket_of = |i: usize| match slot_of(columns, mapper, i) {
        Slot::Cell(c) => c as u32,
        Slot::Edge(key) => *edge
            .entry(key)
            .or_insert_with(|| add(&mut extras, Extra::Edge(key))),
        Slot::Shape => match super::shape_key(data, i) {
            Some(key) => match shape.get(&key) {
                Some(&b) => b,
                None => {
                    let b = add(&mut extras, Extra::Shape(key.clone()));
                    shape.insert(key, b);
                    b
                }
            },
            None => u32::MAX,
        },
    };
    let mut place_count = vec![0u32; place_bucket.len()];
    let mut loose = Vec::new();
    let bucket = (0..data.dated_len())
        .map(|i| {
            let key = columns.place_key[i];
            if !columns.is_fixed_place(key) {
                loose.push(i as u32);
                return bucket_of(i);
            }
            let k = key as usize;
            place_count[k] += 1;
            if place_bucket[k] == UNSEEN {
                place_bucket[k] = bucket_of(i);
            }
            place_bucket[k]
        })
        .collect();
    Bucketed {
        bucket,
        extras,
        place_bucket,
        place_count,
        loose,
    }
}

/// Each dated event's bucket, what the buckets past the screen cells hold, and for each place
/// whose events lie at one position its bucket ([`UNSEEN`] for the others) and its dated events;
/// the events of the other places, ascending.
struct Bucketed {
    bucket: Vec<u32>,
    extras: Vec<Extra>,
    place_bucket: Vec<u32>,
    place_count: Vec<u32>,
    loose: Vec<u32>,
}

/// A place whose bucket is not yet known.
const UNSEEN: u32 = u32::MAX - 1;

/// Per bucket, its places over all time: the places whose events lie at one position whole, with
/// their counts, and the others' events one by one. Only the busiest place and whether there are
/// several are read.
fn busiest_places(data: &Dataset, bucketed: &Bucketed, buckets: usize) -> Vec<Cell> {
    let columns = data.columns();
    let mut places = vec![Cell::default(); buckets];
    for &i in &bucketed.loose {
        let (i, b) = (i as usize, bucketed.bucket[i as usize]);
        if let Some(cell) = places.get_mut(b as usize) {
            cell.add(i as u32, columns.place_key[i], columns.category[i]);
        }
    }
    let whole = bucketed.place_bucket.iter().zip(&bucketed.place_count);
    for (key, (&b, &count)) in whole.enumerate() {
        if let Some(cell) = places.get_mut(b as usize).filter(|_| count > 0) {
            cell.add_place((0, key as u32), count, &CategoryCounts::default());
        }
    }
    places
}

/// Sorts positions by bucket (a counting sort that keeps time order within each bucket).
fn by_bucket(bucket: &[u32], buckets: usize, category: &[u8]) -> (Vec<u32>, Vec<u32>, Vec<u8>) {
    let mut start = vec![0u32; buckets + 1];
    for &b in bucket.iter().filter(|&&b| b != u32::MAX) {
        start[b as usize + 1] += 1;
    }
    for b in 0..buckets {
        start[b + 1] += start[b];
    }
    let mut fill = start.clone();
    let mut positions = vec![0u32; start[buckets] as usize];
    // each entry's category, written beside its position (the categories read in sequence)
    let mut categories = vec![0u8; positions.len()];
    for (i, &b) in bucket.iter().enumerate().filter(|(_, b)| **b != u32::MAX) {
        let at = fill[b as usize] as usize;
        positions[at] = i as u32;
        categories[at] = category.get(i).copied().unwrap_or_default();
        fill[b as usize] += 1;
    }
    (start, positions, categories)
}

impl CellIndex {
    pub(super) fn matches(&self, data: &Dataset, mapper: &CellMapper) -> bool {
        self.uid == data.uid() && self.mapper == *mapper && self.cells == mapper.nx * mapper.ny
    }

    pub(super) fn build(data: &Dataset, mapper: &CellMapper) -> CellIndex {
        let columns = data.columns();
        let cells = mapper.nx * mapper.ny;
        let bucketed = bucket_events(data, mapper, cells);
        let buckets = cells + bucketed.extras.len();
        let (start, positions, categories) =
            by_bucket(&bucketed.bucket, buckets, &columns.category);
        let fences = Fences::build(&start, &positions, data.dated_len());
        let places = busiest_places(data, &bucketed, buckets);
        let extras = bucketed.extras;
        let mut index = CellIndex {
            uid: data.uid(),
            mapper: *mapper,
            cells,
            start,
            positions,
            categories,
            check_start: Vec::with_capacity(buckets + 1),
            checks: Vec::new(),
            dominant: Vec::new(),
            mixed: Vec::new(),
            extras,
            fences,
        };
        for b in 0..buckets {
            index.add_checks(b);
        }
        index.dominant = places.iter().map(Cell::dominant).collect();
        index.mixed = places.iter().map(|p| p.mixed).collect();
        index.check_start.push(index.checks.len() as u32);
        index
    }

    /// Bucket `b`'s busiest place over all time, and whether it holds several.
    #[cfg(test)]
    pub(super) fn places_of(&self, b: usize) -> (u32, bool) {
        (self.dominant[b], self.mixed[b])
    }

    /// Adds bucket `b`'s category checkpoints.
    fn add_checks(&mut self, b: usize) {
        self.check_start.push(self.checks.len() as u32);
        let entries = self.start[b] as usize..self.start[b + 1] as usize;
        let mut acc = CategoryCounts::default();
        for (k, &category) in self.categories[entries].iter().enumerate() {
            if k % CHECK == 0 {
                self.checks.push(acc);
            }
            acc.add_index(category);
        }
        self.checks.push(acc);
    }

    /// Category counts of the first `k` entries of bucket `b`.
    fn categories_before(&self, b: usize, k: usize) -> CategoryCounts {
        let check = self.check_start[b] as usize + k / CHECK;
        let mut acc = self.checks[check];
        let base = self.start[b] as usize;
        for &c in &self.categories[base + k / CHECK * CHECK..base + k] {
            acc.add_index(c);
        }
        acc
    }

    /// The counts for the window: the run of events starting inside it from the buckets, the few
    /// that start earlier one by one.
    pub(super) fn count(&self, input: &MapInput<'_>, mapper: &CellMapper) -> Counts {
        let data = input.data;
        let columns = data.columns();
        // unfiltered, the window is the events starting before it that reach into it, then one run
        let window = &input.visible.in_window;
        let (lo, hi) = (window.run.start as u32, window.run.end as u32);
        let mut counts = Counts::new(self.cells);
        for &i in &window.earlier {
            match slot_of(columns, mapper, i) {
                Slot::Shape => {
                    if let Some(key) = super::shape_key(data, i) {
                        counts.shape(&key).add(i, columns.category[i]);
                    }
                }
                slot => counts.add(data, slot, i),
            }
        }
        for bucket in 0..self.start.len() - 1 {
            self.count_bucket(bucket, (lo, hi), &mut counts);
        }
        counts
    }

    /// Adds the events of one bucket whose positions lie in `lo..hi` to the counts.
    fn count_bucket(&self, bucket: usize, (lo, hi): (u32, u32), counts: &mut Counts) {
        let entries = &self.positions[self.start[bucket] as usize..self.start[bucket + 1] as usize];
        if entries.is_empty() {
            return;
        }
        let p_lo = self.fences.rank(bucket, entries, lo);
        let p_hi = self.fences.rank(bucket, entries, hi);
        if p_hi == p_lo {
            return;
        }
        let categories = self
            .categories_before(bucket, p_hi)
            .minus(&self.categories_before(bucket, p_lo));
        let n = (p_hi - p_lo) as u32;
        if bucket < self.cells {
            let cell = &mut counts.cells[bucket];
            if cell.count == 0 {
                cell.first_event = entries[p_lo];
                cell.first_key = self.dominant[bucket];
            }
            cell.count += n;
            cell.categories.merge(&categories);
            cell.mixed |= self.mixed[bucket] || cell.first_key != self.dominant[bucket];
            cell.slots[0] = (self.dominant[bucket], cell.slots[0].1 + n);
            return;
        }
        match &self.extras[bucket - self.cells] {
            Extra::Edge(key) => {
                let edge = counts.edge(*key);
                edge.count += n as usize;
                edge.categories.merge(&categories);
            }
            Extra::Shape(key) => {
                let shape = counts.shape(key);
                if shape.count == 0 {
                    shape.first_event = entries[p_lo] as usize;
                }
                shape.count += n as usize;
                shape.categories.merge(&categories);
            }
        }
    }
}
