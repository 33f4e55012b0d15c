//! The dataset: events in time order with a time index, and the gazetteer.

use super::date::DayNum;
use super::event::Event;
use super::place::Place;
use super::time_index::TimeIndex;
use std::collections::HashMap;
use std::sync::atomic::{AtomicU64, Ordering};

static NEXT_UID: AtomicU64 = AtomicU64::new(1);

/// Compact per-event columns the views scan when many events are visible, so that they never
/// touch the (large) [`Event`] records in a frame.
#[derive(Clone, Debug, Default)]
pub struct Columns {
    /// Longitude and latitude, degrees.
    pub lon_lat: Vec<[f32; 2]>,
    /// Category index ([`crate::model::Category::index`]).
    pub category: Vec<u8>,
    /// How the event is drawn: [`Columns::POINT`], [`Columns::OFF_MAP`] or [`Columns::SHAPE`].
    pub kind: Vec<u8>,
    /// The event's place as a small integer: equal place ids share a key.
    pub place_key: Vec<u32>,
    /// For each place key, the position of one event at that place (for its name).
    pub place_example: Vec<u32>,
}

/// Events sorted by time (undated last), their time index, and the places they refer to.
#[derive(Clone, Debug, Default)]
pub struct Dataset {
    events: Vec<Event>,
    dated: usize,
    starts: Vec<DayNum>,
    extent: Option<(DayNum, DayNum)>,
    index: TimeIndex,
    columns: Columns,
    uid: u64,
    places: Vec<Place>,
    place_ids: HashMap<String, usize>,
    /// Event positions ordered by id (stable), for [`Dataset::index_of`] without a copy of every id.
    id_order: Vec<u32>,
}

impl Dataset {
    /// Builds a dataset, sorting events by (start, end, id) with undated events last.
    pub fn new(mut events: Vec<Event>, places: Vec<Place>) -> Dataset {
        // Sort small keys (dates, then the id's first bytes; whole ids only on ties), then move
        // each (large) event into place once.
        let mut keys: Vec<(DayNum, DayNum, u64, u32)> = events
            .iter()
            .enumerate()
            .map(|(i, e)| {
                let (s, end) = e.date.days().unwrap_or((DayNum::MAX, DayNum::MAX));
                (s, end, id_prefix(&e.id), i as u32)
            })
            .collect();
        keys.sort_unstable_by(|a, b| {
            (a.0, a.1, a.2).cmp(&(b.0, b.1, b.2)).then_with(|| {
                events[a.3 as usize]
                    .id
                    .cmp(&events[b.3 as usize].id)
                    .then(a.3.cmp(&b.3))
            })
        });
        let mut order: Vec<u32> = keys.iter().map(|k| k.3).collect();
        drop(keys);
        if order
            .iter()
            .rev()
            .enumerate()
            .all(|(i, &o)| o as usize == i)
        {
            // exports often list the newest first
            events.reverse();
        } else {
            permute(&mut events, &mut order);
        }
        drop(order);
        let dated = events.iter().filter(|e| e.date.range.is_some()).count();
        let spans: Vec<(DayNum, DayNum)> = events[..dated]
            .iter()
            .filter_map(|e| e.date.days())
            .collect();
        let starts = spans.iter().map(|s| s.0).collect();
        let extent = spans
            .first()
            .map(|f| (f.0, spans.iter().map(|s| s.1).max().unwrap_or(f.1)));
        let place_ids = places
            .iter()
            .enumerate()
            .map(|(i, p)| (p.id.clone(), i))
            .collect();
        // the three derived structures are independent: build them side by side
        let (columns, id_order, index) = std::thread::scope(|scope| {
            let columns = scope.spawn(|| Columns::of(&events));
            let index = scope.spawn(|| TimeIndex::new(&spans));
            let id_order = id_order_of(&events);
            let columns = columns.join().unwrap_or_else(|_| Columns::of(&events));
            let index = index.join().unwrap_or_else(|_| TimeIndex::new(&spans));
            (columns, id_order, index)
        });
        Dataset {
            index,
            events,
            dated,
            starts,
            extent,
            columns,
            uid: NEXT_UID.fetch_add(1, Ordering::Relaxed),
            places,
            place_ids,
            id_order,
        }
    }

    /// Adds another dataset's events and places beside these (a layer); ids already present are kept
    /// from `self` and the duplicates from `other` are returned.
    pub fn merged_with(&self, other: &Dataset) -> (Dataset, Vec<String>) {
        let mut events = self.events.clone();
        let mut skipped = Vec::new();
        for e in &other.events {
            if self.index_of(&e.id).is_some() {
                skipped.push(e.id.clone());
            } else {
                events.push(e.clone());
            }
        }
        let mut places = self.places.clone();
        for p in &other.places {
            if !self.place_ids.contains_key(&p.id) {
                places.push(p.clone());
            }
        }
        (Dataset::new(events, places), skipped)
    }

    /// All events, dated ones in time order, then the undated ones.
    pub fn events(&self) -> &[Event] {
        &self.events
    }

    /// Number of events.
    pub fn len(&self) -> usize {
        self.events.len()
    }

    /// Whether there are no events.
    pub fn is_empty(&self) -> bool {
        self.events.is_empty()
    }

    /// The event at a position of [`Dataset::events`].
    pub fn event(&self, index: usize) -> Option<&Event> {
        self.events.get(index)
    }

    /// The position of the event with this id.
    pub fn index_of(&self, id: &str) -> Option<usize> {
        // the last of equal ids, as a map built in order would keep
        let end = self
            .id_order
            .partition_point(|&i| self.events[i as usize].id.as_str() <= id);
        let i = *self.id_order.get(end.checked_sub(1)?)? as usize;
        (self.events[i].id == id).then_some(i)
    }

    /// Number of dated events (they come first in [`Dataset::events`]).
    pub fn dated_len(&self) -> usize {
        self.dated
    }

    /// Positions of the undated events.
    pub fn undated(&self) -> std::ops::Range<usize> {
        self.dated..self.events.len()
    }

    /// The first start day and last end day of the dated events.
    pub fn time_extent(&self) -> Option<(DayNum, DayNum)> {
        self.extent
    }

    /// Positions of the events whose date range overlaps the inclusive days [a, b], in time order.
    ///
    /// Those starting inside [a, b] form one run of positions; only the few that start earlier and
    /// reach into the window come from the time index. O(G log n + k) with a small constant.
    pub fn in_window(&self, a: DayNum, b: DayNum) -> Vec<usize> {
        let mut out = Vec::new();
        self.extend_in_window(a, b, &mut out);
        out
    }

    /// Appends the positions of [`Dataset::in_window`] to `out`.
    pub fn extend_in_window(&self, a: DayNum, b: DayNum, out: &mut Vec<usize>) {
        if b < a {
            return;
        }
        let lo = self.starts.partition_point(|&s| s < a);
        let hi = self.starts.partition_point(|&s| s <= b);
        let before = out.len();
        self.index.for_each_overlapping(a, a, |i| {
            if (i as usize) < lo {
                out.push(i as usize);
            }
        });
        out[before..].sort_unstable();
        out.extend(lo..hi.max(lo));
    }

    /// Positions of the dated events starting inside [a, b]: one run, since events are in time order.
    pub fn starting_in(&self, a: DayNum, b: DayNum) -> std::ops::Range<usize> {
        if b < a {
            return 0..0;
        }
        let lo = self.starts.partition_point(|&s| s < a);
        let hi = self.starts.partition_point(|&s| s <= b);
        lo..hi.max(lo)
    }

    /// The compact per-event columns (same positions as [`Dataset::events`]).
    pub fn columns(&self) -> &Columns {
        &self.columns
    }

    /// An id unique to this dataset's contents (clones share it), for caches keyed on the data.
    pub fn uid(&self) -> u64 {
        self.uid
    }

    /// Calls `f` with each event position overlapping [a, b], in no set order.
    pub fn for_each_in_window(&self, a: DayNum, b: DayNum, mut f: impl FnMut(usize)) {
        self.index.for_each_overlapping(a, b, |i| f(i as usize));
    }

    /// How many events overlap [a, b].
    pub fn count_in_window(&self, a: DayNum, b: DayNum) -> usize {
        self.index.count_overlapping(a, b)
    }

    /// The first dated event starting strictly after `day`.
    pub fn first_starting_after(&self, day: DayNum) -> Option<usize> {
        let i = self.starts.partition_point(|&s| s <= day);
        (i < self.dated).then_some(i)
    }

    /// The last dated event starting strictly before `day`.
    pub fn last_starting_before(&self, day: DayNum) -> Option<usize> {
        self.starts.partition_point(|&s| s < day).checked_sub(1)
    }

    /// All places.
    pub fn places(&self) -> &[Place] {
        &self.places
    }

    /// The place with this id.
    pub fn place(&self, id: &str) -> Option<&Place> {
        self.place_ids.get(id).map(|&i| &self.places[i])
    }
}

/// The first eight bytes of an id as a big-endian number: orders like the id itself, up to ties.
fn id_prefix(id: &str) -> u64 {
    let mut bytes = [0u8; 8];
    let n = id.len().min(8);
    bytes[..n].copy_from_slice(&id.as_bytes()[..n]);
    u64::from_be_bytes(bytes)
}

/// Event positions ordered by id, stable among equal ids.
fn id_order_of(events: &[Event]) -> Vec<u32> {
    let mut keyed: Vec<(u64, u32)> = events
        .iter()
        .enumerate()
        .map(|(i, e)| (id_prefix(&e.id), i as u32))
        .collect();
    keyed.sort_unstable_by(|a, b| {
        a.0.cmp(&b.0).then_with(|| {
            events[a.1 as usize]
                .id
                .cmp(&events[b.1 as usize].id)
                .then(a.1.cmp(&b.1))
        })
    });
    keyed.into_iter().map(|k| k.1).collect()
}

/// Reorders `items` in place so that item `i` becomes the old `items[order[i]]` (cycle by cycle:
/// each item moves once, and no second copy of the items is made). Leaves `order` as the identity.
fn permute<T>(items: &mut [T], order: &mut [u32]) {
    for i in 0..order.len() {
        let mut j = i;
        loop {
            let k = order[j] as usize;
            order[j] = j as u32;
            if k == i || k == j {
                break;
            }
            items.swap(j, k);
            j = k;
        }
    }
}

impl Columns {
    /// A point on the map (aggregated when many are visible).
    pub const POINT: u8 = 0;
    /// A place outside the map's region (an arrow at the edge).
    pub const OFF_MAP: u8 = 1;
    /// An event drawn as its own region or line.
    pub const SHAPE: u8 = 2;

    fn of(events: &[Event]) -> Columns {
        let mut keys: HashMap<&str, u32> = HashMap::new();
        let mut place_example = Vec::new();
        let mut place_key = Vec::with_capacity(events.len());
        for (i, e) in events.iter().enumerate() {
            // an event without a place id is its own place
            let key = if e.place.is_empty() {
                place_example.push(i as u32);
                (place_example.len() - 1) as u32
            } else {
                *keys.entry(e.place.as_str()).or_insert_with(|| {
                    place_example.push(i as u32);
                    (place_example.len() - 1) as u32
                })
            };
            place_key.push(key);
        }
        Columns {
            lon_lat: events
                .iter()
                .map(|e| [e.lon as f32, e.lat as f32])
                .collect(),
            category: events.iter().map(|e| e.category.index() as u8).collect(),
            kind: events
                .iter()
                .map(|e| {
                    if e.shape.is_some() && e.shape_name.is_some() {
                        Columns::SHAPE
                    } else if e.off_map {
                        Columns::OFF_MAP
                    } else {
                        Columns::POINT
                    }
                })
                .collect(),
            place_key,
            place_example,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::date::{EventDate, Precision};
    use chrono::NaiveDate;

    fn ev(id: &str, y: i32, m: u32, d: u32, len: u64) -> Event {
        let s = NaiveDate::from_ymd_opt(y, m, d).unwrap();
        let e = s + chrono::Days::new(len - 1);
        Event::at(id, id, EventDate::new(s, e, Precision::Day), 46.0, 39.0)
    }

    fn day(y: i32, m: u32, d: u32) -> DayNum {
        crate::model::date::day_of(NaiveDate::from_ymd_opt(y, m, d).unwrap())
    }

    #[test]
    fn sorts_and_queries() {
        let mut undated = ev("u", 2000, 1, 1, 1);
        undated.date = EventDate::undated();
        let data = Dataset::new(
            vec![
                ev("c", 2022, 8, 3, 1),
                undated,
                ev("a", 2012, 2, 1, 29),
                ev("b", 2021, 11, 21, 1),
            ],
            vec![],
        );
        let ids: Vec<&str> = data.events().iter().map(|e| e.id.as_str()).collect();
        assert_eq!(ids, ["a", "b", "c", "u"]);
        assert_eq!(data.dated_len(), 3);
        assert_eq!(data.undated(), 3..4);
        assert_eq!(
            data.in_window(day(2012, 2, 15), day(2021, 12, 31)),
            vec![0, 1]
        );
        assert_eq!(data.count_in_window(day(2022, 1, 1), day(2022, 12, 31)), 1);
        assert_eq!(data.first_starting_after(day(2012, 2, 1)), Some(1));
        assert_eq!(data.first_starting_after(day(2022, 8, 3)), None);
        assert_eq!(data.last_starting_before(day(2022, 8, 3)), Some(1));
        assert_eq!(data.last_starting_before(day(2012, 2, 1)), None);
        assert_eq!(data.index_of("c"), Some(2));
        assert_eq!(data.time_extent(), Some((day(2012, 2, 1), day(2022, 8, 3))));
    }

    #[test]
    fn window_runs_agree_with_the_index() {
        // month-long, week-long and single-day events, given newest first
        let mut events = Vec::new();
        for k in 0..200u32 {
            let len = [1, 7, 30][(k % 3) as usize];
            let m = 1 + k % 12;
            events.push(ev(
                &format!("e{k:03}"),
                2020 + (k % 3) as i32,
                m,
                1 + k % 27,
                len,
            ));
        }
        events.reverse();
        let data = Dataset::new(events, vec![]);
        let (first, last) = data.time_extent().unwrap();
        for a in (first - 40..last + 5).step_by(17) {
            for w in [0, 1, 6, 45, 400] {
                let b = a + w;
                let mut expected = data.index.overlapping(a, b);
                expected.sort_unstable();
                let expected: Vec<usize> = expected.into_iter().map(|i| i as usize).collect();
                assert_eq!(data.in_window(a, b), expected, "window {a}..{b}");
                assert_eq!(data.count_in_window(a, b), expected.len());
                let brute: Vec<usize> = (0..data.dated_len())
                    .filter(|&i| {
                        let (s, e) = data.event(i).unwrap().date.days().unwrap();
                        s <= b && e >= a
                    })
                    .collect();
                assert_eq!(expected, brute);
            }
        }
        for (i, e) in data.events().iter().enumerate() {
            assert_eq!(data.index_of(&e.id), Some(i));
        }
        assert_eq!(data.index_of("nope"), None);
        assert_eq!(data.columns().place_key.len(), data.len());
    }

    #[test]
    fn permute_moves_each_item_into_place() {
        let mut items = vec!['a', 'b', 'c', 'd', 'e'];
        let mut order = vec![3, 0, 4, 1, 2];
        permute(&mut items, &mut order);
        assert_eq!(items, vec!['d', 'a', 'e', 'b', 'c']);
        assert_eq!(order, vec![0, 1, 2, 3, 4]);
    }

    #[test]
    fn merging_keeps_existing_ids() {
        let a = Dataset::new(vec![ev("a", 2020, 1, 1, 1)], vec![]);
        let b = Dataset::new(vec![ev("a", 2021, 1, 1, 1), ev("b", 2021, 1, 2, 1)], vec![]);
        let (m, skipped) = a.merged_with(&b);
        assert_eq!(m.len(), 2);
        assert_eq!(skipped, vec!["a".to_owned()]);
        assert_eq!(m.event(0).unwrap().date.days().unwrap().0, day(2020, 1, 1));
    }
}
