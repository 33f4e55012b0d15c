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
fn bucket_events(data: &Dataset, mapper: &CellMapper, cells: usize) -> (Vec<u32>, Vec<Extra>) {
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
    let fixed = |key: u32| columns.fixed_place.get(key as usize) == Some(&true);
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
    let bucket = (0..data.dated_len())
        .map(|i| {
            let key = columns.place_key[i];
            if !fixed(key) {
                return bucket_of(i);
            }
            let known = &mut place_bucket[key as usize];
            if *known == UNSEEN {
                *known = bucket_of(i);
            }
            *known
        })
        .collect();
    (bucket, extras)
}

/// A place whose bucket is not yet known.
const UNSEEN: u32 = u32::MAX - 1;

/// Sorts positions by bucket (a counting sort that keeps time order within each bucket).
fn by_bucket(bucket: &[u32], buckets: usize) -> (Vec<u32>, Vec<u32>) {
    let mut start = vec![0u32; buckets + 1];
    for &b in bucket.iter().filter(|&&b| b != u32::MAX) {
        start[b as usize + 1] += 1;
    }
    for b in 0..buckets {
        start[b + 1] += start[b];
    }
    let mut fill = start.clone();
    let mut positions = vec![0u32; start[buckets] as usize];
    for (i, &b) in bucket.iter().enumerate().filter(|(_, b)| **b != u32::MAX) {
        positions[fill[b as usize] as usize] = i as u32;
        fill[b as usize] += 1;
    }
    (start, positions)
}

impl CellIndex {
    pub(super) fn matches(&self, data: &Dataset, mapper: &CellMapper) -> bool {
        self.uid == data.uid() && self.mapper == *mapper && self.cells == mapper.nx * mapper.ny
    }

    pub(super) fn build(data: &Dataset, mapper: &CellMapper) -> CellIndex {
        let columns = data.columns();
        let cells = mapper.nx * mapper.ny;
        let (bucket, extras) = bucket_events(data, mapper, cells);
        let buckets = cells + extras.len();
        let (start, positions) = by_bucket(&bucket, buckets);
        drop(bucket);
        let fences = Fences::build(&start, &positions, data.dated_len());
        let categories: Vec<u8> = positions
            .iter()
            .map(|&i| columns.category[i as usize])
            .collect();
        let mut index = CellIndex {
            uid: data.uid(),
            mapper: *mapper,
            cells,
            start,
            positions,
            categories,
            check_start: Vec::with_capacity(buckets + 1),
            checks: Vec::new(),
            dominant: Vec::with_capacity(buckets),
            mixed: Vec::with_capacity(buckets),
            extras,
            fences,
        };
        for b in 0..buckets {
            index.summarise(data, b);
        }
        index.check_start.push(index.checks.len() as u32);
        index
    }

    /// Adds bucket `b`'s category checkpoints and its busiest place.
    fn summarise(&mut self, data: &Dataset, b: usize) {
        let columns = data.columns();
        self.check_start.push(self.checks.len() as u32);
        let run = &self.positions[self.start[b] as usize..self.start[b + 1] as usize];
        let mut acc = CategoryCounts::default();
        let mut cell = Cell::default();
        for (k, &i) in run.iter().enumerate() {
            if k % CHECK == 0 {
                self.checks.push(acc);
            }
            let i = i as usize;
            acc.add_index(columns.category[i]);
            cell.add(i as u32, columns.place_key[i], columns.category[i]);
        }
        self.checks.push(acc);
        self.dominant.push(cell.dominant());
        self.mixed.push(cell.mixed);
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
