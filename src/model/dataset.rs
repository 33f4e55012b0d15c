//! The dataset: events in time order with a time index, and the gazetteer.

use super::date::DayNum;
use super::event::Event;
use super::place::Place;
use super::rows::RowStore;
use super::text_match::{StoreMatch, TextMatcher};
use super::time_index::TimeIndex;
use super::track::Track;
use super::view::EventView;
use std::borrow::Cow;
use std::collections::{HashMap, HashSet};
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};

mod columns;
mod keys;
mod sources;
mod window;

pub use columns::Columns;
use keys::{id_order_of, permute, sorted_keys, track_positions};
use sources::Sources;
pub use window::Window;

static NEXT_UID: AtomicU64 = AtomicU64::new(1);

/// Positions whose slot has this source are whole events; others are rows of store `source - 1`.
const RICH: u32 = 0;
/// Bits of a slot that hold the index within its source.
const INDEX_BITS: u32 = 28;
const INDEX_MASK: u32 = (1 << INDEX_BITS) - 1;
/// At most this many row stores sit in one dataset (their rows beyond become whole events).
const MAX_STORES: usize = 15;

/// What a dataset is made of: whole events and stores of compact rows.
#[derive(Clone, Debug, Default)]
pub struct Records {
    /// Whole events (bundled data, GeoJSON, small tables).
    pub events: Vec<Event>,
    /// Large tables held as compact rows.
    pub stores: Vec<Arc<RowStore>>,
}

impl Records {
    /// Number of events.
    pub fn len(&self) -> usize {
        self.events.len() + self.stores.iter().map(|s| s.len()).sum::<usize>()
    }

    /// Whether there are no events.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
}

impl From<Vec<Event>> for Records {
    fn from(events: Vec<Event>) -> Records {
        Records {
            events,
            stores: Vec::new(),
        }
    }
}

impl From<RowStore> for Records {
    fn from(store: RowStore) -> Records {
        Records {
            events: Vec::new(),
            stores: vec![Arc::new(store)],
        }
    }
}

/// Events sorted by time (undated last), their time index, and the places they refer to.
///
/// Events are held either whole or as rows of a [`RowStore`]; [`Dataset::view`] gives the fields
/// the views need for either without allocating, [`Dataset::event`] the whole record.
#[derive(Clone, Debug, Default)]
pub struct Dataset {
    /// Whole events, in position order among themselves.
    rich: Vec<Event>,
    stores: Vec<Arc<RowStore>>,
    /// For each position, its source (top bits) and index there.
    slot: Vec<u32>,
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
    /// Positions of the events that carry a track, ascending.
    tracks: Vec<u32>,
}

impl Dataset {
    /// Builds a dataset, sorting events by (start, end, id) with undated events last.
    pub fn new(records: impl Into<Records>, mut places: Vec<Place>) -> Dataset {
        let Records {
            events: mut rich,
            mut stores,
        } = records.into();
        for extra in stores.split_off(stores.len().min(MAX_STORES)) {
            rich.extend((0..extra.len()).map(|j| extra.event(j)));
        }
        let mut place_ids: HashMap<String, usize> = places
            .iter()
            .enumerate()
            .map(|(i, p)| (p.id.clone(), i))
            .collect();
        for p in stores.iter().flat_map(|s| s.places()) {
            if !place_ids.contains_key(&p.id) {
                place_ids.insert(p.id.clone(), places.len());
                places.push(p.clone());
            }
        }
        let keys = sorted_keys(&rich, &stores);
        let dated = keys.partition_point(|k| k.0 != DayNum::MAX);
        let spans: Vec<(DayNum, DayNum)> = keys[..dated].iter().map(|k| (k.0, k.1)).collect();
        let mut slot: Vec<u32> = keys.iter().map(|k| k.3).collect();
        // the id order starts from the sorted keys' id prefixes, read in position order, rather
        // than from the ids themselves, which sit in file order (a cache miss each)
        // made in the keys' own memory (same size and alignment), so no new pages are touched
        let by_id: Vec<(u128, u32)> = keys
            .into_iter()
            .enumerate()
            .map(|(i, k)| (k.2, i as u32))
            .collect();
        // whole events move into position order once; their slots follow
        let mut order: Vec<u32> = slot
            .iter()
            .copied()
            .filter(|s| s >> INDEX_BITS == RICH)
            .collect();
        permute(&mut rich, &mut order);
        let mut next_rich = 0u32;
        for s in &mut slot {
            if *s >> INDEX_BITS == RICH {
                *s = next_rich;
                next_rich += 1;
            }
        }
        let tracks = track_positions(&rich, &slot);
        let starts = spans.iter().map(|s| s.0).collect();
        let extent = spans
            .first()
            .map(|f| (f.0, spans.iter().map(|s| s.1).max().unwrap_or(f.1)));
        let src = Sources {
            rich: &rich,
            stores: &stores,
        };
        // the three derived structures are independent: build them side by side
        let (columns, id_order, index) = std::thread::scope(|scope| {
            let columns = scope.spawn(|| Columns::of(&src, &slot));
            let index = scope.spawn(|| TimeIndex::new(&spans));
            let id_order = id_order_of(&src, &slot, by_id);
            let columns = columns.join().unwrap_or_else(|_| Columns::of(&src, &slot));
            let index = index.join().unwrap_or_else(|_| TimeIndex::new(&spans));
            (columns, id_order, index)
        });
        Dataset {
            index,
            rich,
            stores,
            slot,
            dated,
            starts,
            extent,
            columns,
            uid: NEXT_UID.fetch_add(1, Ordering::Relaxed),
            places,
            place_ids,
            id_order,
            tracks,
        }
    }

    fn sources(&self) -> Sources<'_> {
        Sources {
            rich: &self.rich,
            stores: &self.stores,
        }
    }

    /// Adds another dataset's events and places beside these (a layer); ids already present are kept
    /// from `self` and the duplicates from `other` are returned.
    pub fn merged_with(&self, other: &Dataset) -> (Dataset, Vec<String>) {
        // the ids both hold, looked up from the smaller side (a layer of a million rows over the
        // bundled events asks sixty questions, not a million)
        let shared: HashSet<&str> = if self.len() <= other.len() {
            (0..self.len())
                .filter_map(|i| self.id(i))
                .filter(|id| other.index_of(id).is_some())
                .collect()
        } else {
            (0..other.len())
                .filter_map(|i| other.id(i))
                .filter(|id| self.index_of(id).is_some())
                .collect()
        };
        let mut events = self.rich.clone();
        let mut skipped = Vec::new();
        for e in &other.rich {
            if shared.contains(e.id.as_str()) {
                skipped.push(e.id.clone());
            } else {
                events.push(e.clone());
            }
        }
        let mut stores = self.stores.clone();
        for store in &other.stores {
            let skip: Vec<bool> = if shared.is_empty() {
                Vec::new()
            } else {
                (0..store.len())
                    .map(|j| shared.contains(store.id(j)))
                    .collect()
            };
            if skip.iter().any(|&s| s) {
                skipped.extend(
                    (0..store.len())
                        .filter(|&j| skip[j])
                        .map(|j| store.id(j).to_owned()),
                );
                stores.push(Arc::new(store.without(&skip)));
            } else {
                stores.push(store.clone());
            }
        }
        let mut places = self.places.clone();
        for p in &other.places {
            if !self.place_ids.contains_key(&p.id) {
                places.push(p.clone());
            }
        }
        (Dataset::new(Records { events, stores }, places), skipped)
    }

    /// How many events name each actor. A table's rows are counted by actor list, so the rows
    /// themselves are not read one by one.
    pub fn actor_counts(&self) -> HashMap<&str, usize> {
        let mut counts: HashMap<&str, usize> = HashMap::new();
        for e in &self.rich {
            for a in &e.actors {
                *counts.entry(a.as_str()).or_default() += 1;
            }
        }
        for store in &self.stores {
            let (_, _, lists) = store.tables();
            let mut per_list = vec![0usize; lists.len()];
            for &k in &store.rows().actors {
                if let Some(n) = per_list.get_mut(k as usize) {
                    *n += 1;
                }
            }
            for (list, n) in lists.iter().zip(per_list).filter(|(_, n)| *n > 0) {
                for a in list {
                    *counts.entry(a.as_str()).or_default() += n;
                }
            }
        }
        counts
    }

    /// Number of events.
    pub fn len(&self) -> usize {
        self.slot.len()
    }

    /// Whether there are no events.
    pub fn is_empty(&self) -> bool {
        self.slot.is_empty()
    }

    /// The fields the views draw of the event at a position (dated events in time order first,
    /// then the undated ones). Never reads a file or allocates.
    pub fn view(&self, index: usize) -> Option<EventView<'_>> {
        self.slot.get(index).map(|&s| self.sources().view(s))
    }

    /// All views, in position order.
    pub fn views(&self) -> impl Iterator<Item = EventView<'_>> + '_ {
        self.slot.iter().map(|&s| self.sources().view(s))
    }

    /// The whole event at a position, with its summary, source quote and notes. For compact rows
    /// this reads the row again from its file.
    pub fn event(&self, index: usize) -> Option<Cow<'_, Event>> {
        let s = *self.slot.get(index)?;
        let (source, i) = ((s >> INDEX_BITS) as usize, (s & INDEX_MASK) as usize);
        Some(match source.checked_sub(1) {
            None => Cow::Borrowed(self.rich.get(i)?),
            Some(k) => Cow::Owned(self.stores.get(k)?.event(i)),
        })
    }

    /// All whole events, in position order (compact rows are read again from their files).
    pub fn events(&self) -> impl Iterator<Item = Cow<'_, Event>> + '_ {
        (0..self.len()).filter_map(|i| self.event(i))
    }

    /// A query prepared for matching many events of this dataset: for whole events the title,
    /// summary, place, quote, id and actors; for compact rows the fields kept in memory (title,
    /// place, id, type label and actors) and, when `file_hits` gives a search of the rows' files
    /// for this query (one bit per position, see [`Dataset::row_hit_bits`]), any text of the row.
    pub fn text_matcher<'a>(
        &'a self,
        query_lower: &str,
        file_hits: Option<&'a [u64]>,
    ) -> TextMatcher<'a> {
        TextMatcher {
            data: self,
            query: query_lower.to_owned(),
            stores: self
                .stores
                .iter()
                .map(|s| StoreMatch::new(s, query_lower))
                .collect(),
            file_hits,
        }
    }

    /// [`TextMatcher::matches`] for a non-empty query.
    pub(super) fn matches_prepared(&self, index: usize, m: &TextMatcher<'_>) -> bool {
        let Some(&s) = self.slot.get(index) else {
            return false;
        };
        let (source, i) = ((s >> INDEX_BITS) as usize, (s & INDEX_MASK) as usize);
        match source.checked_sub(1) {
            None => self.rich.get(i).is_some_and(|e| e.matches_text(&m.query)),
            Some(k) => {
                m.file_hit(index)
                    || match (self.stores.get(k), m.stores.get(k)) {
                        (Some(store), Some(sm)) => sm.matches(store, i, &m.query),
                        _ => false,
                    }
            }
        }
    }

    /// The positions of the whole events (ascending), and for each row store the position of each
    /// of its rows.
    pub fn positions_by_source(&self) -> (Vec<u32>, Vec<Vec<u32>>) {
        let mut rich = Vec::with_capacity(self.rich.len());
        let mut stores: Vec<Vec<u32>> = self.stores.iter().map(|s| vec![0; s.len()]).collect();
        for (i, &s) in self.slot.iter().enumerate() {
            let j = (s & INDEX_MASK) as usize;
            match ((s >> INDEX_BITS) as usize).checked_sub(1) {
                None => rich.push(i as u32),
                Some(k) => {
                    if let Some(p) = stores.get_mut(k).and_then(|v| v.get_mut(j)) {
                        *p = i as u32;
                    }
                }
            }
        }
        (rich, stores)
    }

    /// The stores of compact rows, whose notes stay in their files.
    pub fn row_stores(&self) -> &[Arc<RowStore>] {
        &self.stores
    }

    /// Turns what a search of the rows' files found (for each store of [`Dataset::row_stores`],
    /// its matching rows in ascending order) into one bit per position.
    pub fn row_hit_bits(&self, rows: &[Vec<u32>]) -> Vec<u64> {
        let per_store: Vec<Vec<u64>> = self
            .stores
            .iter()
            .zip(rows)
            .map(|(store, found)| {
                let mut bits = vec![0u64; store.len().div_ceil(64)];
                for &j in found {
                    if let Some(w) = bits.get_mut(j as usize / 64) {
                        *w |= 1 << (j % 64);
                    }
                }
                bits
            })
            .collect();
        let mut hits = vec![0u64; self.len().div_ceil(64)];
        for (i, &s) in self.slot.iter().enumerate() {
            let Some(k) = ((s >> INDEX_BITS) as usize).checked_sub(1) else {
                continue;
            };
            let j = (s & INDEX_MASK) as usize;
            if per_store
                .get(k)
                .and_then(|b| b.get(j / 64))
                .is_some_and(|w| w & (1 << (j % 64)) != 0)
            {
                hits[i / 64] |= 1 << (i % 64);
            }
        }
        hits
    }

    /// For an event held as a compact row: its file and line there.
    pub fn origin(&self, index: usize) -> Option<(&str, u32)> {
        let s = *self.slot.get(index)?;
        let k = ((s >> INDEX_BITS) as usize).checked_sub(1)?;
        Some(self.stores.get(k)?.origin((s & INDEX_MASK) as usize))
    }

    /// The place id and name of the event at a position (cheaper than a whole view).
    pub fn place_of(&self, index: usize) -> Option<(&str, &str)> {
        let s = *self.slot.get(index)?;
        let i = (s & INDEX_MASK) as usize;
        match ((s >> INDEX_BITS) as usize).checked_sub(1) {
            None => self
                .rich
                .get(i)
                .map(|e| (e.place.as_str(), e.place_name.as_str())),
            Some(k) => {
                let store = self.stores.get(k)?;
                let p = store.places().get(*store.rows().place.get(i)? as usize)?;
                Some((p.id.as_str(), p.name.as_str()))
            }
        }
    }

    /// The events that carry a track (a line with a time at each vertex), as their positions with
    /// the track, in position order. A map draws each one that overlaps the time window up to the
    /// slider's time ([`Track::progress`]).
    pub fn tracks(&self) -> impl Iterator<Item = (usize, &Track)> + '_ {
        self.tracks
            .iter()
            .filter_map(|&i| Some((i as usize, self.track(i as usize)?)))
    }

    /// The track of the event at a position, if it has one.
    pub fn track(&self, index: usize) -> Option<&Track> {
        let s = *self.slot.get(index)?;
        if s >> INDEX_BITS != RICH {
            return None;
        }
        self.rich.get((s & INDEX_MASK) as usize)?.track.as_ref()
    }

    /// The id of the event at a position.
    pub fn id(&self, index: usize) -> Option<&str> {
        self.slot.get(index).map(|&s| self.sources().id(s))
    }

    /// The position of the event with this id.
    pub fn index_of(&self, id: &str) -> Option<usize> {
        // the last of equal ids, as a map built in order would keep
        let src = self.sources();
        let end = self
            .id_order
            .partition_point(|&i| src.id(self.slot[i as usize]) <= id);
        let i = *self.id_order.get(end.checked_sub(1)?)? as usize;
        (src.id(self.slot[i]) == id).then_some(i)
    }

    /// Number of dated events (they come first in [`Dataset::events`]).
    pub fn dated_len(&self) -> usize {
        self.dated
    }

    /// The first day of each dated event, by position.
    pub fn starts(&self) -> &[DayNum] {
        &self.starts
    }

    /// Positions of the undated events.
    pub fn undated(&self) -> std::ops::Range<usize> {
        self.dated..self.slot.len()
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
        let window = self.window(a, b);
        out.reserve(window.len());
        out.extend_from_slice(&window.earlier);
        out.extend(window.run);
    }

    /// The events overlapping the inclusive days [a, b] without listing the run of those that
    /// start inside it: at ten million events a year's window holds over half a million, which
    /// [`Dataset::in_window`] writes out on every call.
    pub fn window(&self, a: DayNum, b: DayNum) -> Window {
        if b < a {
            return Window::default();
        }
        let run = self.starting_in(a, b);
        let mut earlier = Vec::new();
        self.index.for_each_overlapping(a, a, |i| {
            if (i as usize) < run.start {
                earlier.push(i as usize);
            }
        });
        earlier.sort_unstable();
        Window { earlier, run }
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

/// A sort key: first and last day (undated: `DayNum::MAX`), the id's first bytes, and the slot.
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
        let ids: Vec<&str> = data.views().map(|e| e.id).collect();
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
                let window = data.window(a, b);
                assert_eq!(window.iter().collect::<Vec<_>>(), expected);
                assert_eq!(window.len(), expected.len());
                assert!(expected.iter().all(|&i| window.contains(i)));
                assert_eq!(
                    (0..data.len()).filter(|&i| window.contains(i)).count(),
                    expected.len()
                );
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
        for (i, e) in data.events().enumerate() {
            assert_eq!(data.index_of(&e.id), Some(i));
        }
        assert_eq!(data.index_of("nope"), None);
        assert_eq!(data.columns().place_key.len(), data.len());
    }

    #[test]
    fn ids_alike_in_their_first_sixteen_bytes_sort_and_look_up_whole() {
        // same day, ids that differ only after 16 bytes, given out of order
        let ids = [
            "2022-08-03-lachin-clash-c",
            "2022-08-03-lachin-clash-a",
            "2022-08-03-lachin-clash-b",
            "2022-08-03-lachin",
        ];
        let events: Vec<Event> = ids.iter().map(|id| ev(id, 2022, 8, 3, 1)).collect();
        let data = Dataset::new(events, vec![]);
        let order: Vec<&str> = data.views().map(|e| e.id).collect();
        assert_eq!(
            order,
            [
                "2022-08-03-lachin",
                "2022-08-03-lachin-clash-a",
                "2022-08-03-lachin-clash-b",
                "2022-08-03-lachin-clash-c"
            ]
        );
        for (i, id) in order.iter().enumerate() {
            assert_eq!(data.index_of(id), Some(i));
        }
        assert_eq!(data.index_of("2022-08-03-lachin-clash-d"), None);
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

    #[test]
    fn rows_and_whole_events_sort_together_and_match_text() {
        let rows = crate::model::rows::tests::store(3, day(2022, 8, 2));
        let mut whole = ev("w", 2022, 8, 3, 1);
        whole.source.quote = "quoted words".to_owned();
        let data = Dataset::new(
            Records {
                events: vec![whole],
                stores: vec![Arc::new(rows)],
            },
            vec![],
        );
        let ids: Vec<&str> = data.views().map(|v| v.id).collect();
        assert_eq!(ids, ["r0", "r1", "w", "r2"]);
        assert_eq!(data.index_of("r2"), Some(3));
        assert_eq!(data.origin(3), Some(("fixed.csv", 4)));
        assert_eq!(data.origin(2), None);
        assert_eq!(
            data.places().len(),
            1,
            "the rows' places join the dataset's"
        );
        let baku = data.text_matcher("baku", None);
        assert!([0, 1, 3].iter().all(|&i| baku.matches(i)));
        assert!(!baku.matches(2));
        assert!(data.text_matcher("quoted", None).matches(2));
        let notes = data.text_matcher("notes of row 2", None);
        assert!((0..4).all(|i| !notes.matches(i)), "notes stay in the file");
        let hits = data.row_hit_bits(&[vec![2]]);
        let notes = data.text_matcher("notes of row 2", Some(&hits));
        assert_eq!(
            (0..4).filter(|&i| notes.matches(i)).collect::<Vec<_>>(),
            [3]
        );
        assert_eq!(data.event(3).unwrap().source.quote, "notes of row 2");
    }

    #[test]
    fn actor_counts_add_rows_by_list_to_whole_events() {
        let rows = crate::model::rows::tests::store(3, day(2022, 8, 2));
        let mut whole = ev("w", 2022, 8, 3, 1);
        whole.actors = vec!["A".to_owned(), "B".to_owned()];
        let data = Dataset::new(
            Records {
                events: vec![whole],
                stores: vec![Arc::new(rows)],
            },
            vec![],
        );
        // the same count as reading every event's actors
        let mut expected: HashMap<&str, usize> = HashMap::new();
        for v in data.views() {
            for a in v.actors {
                *expected.entry(a.as_str()).or_default() += 1;
            }
        }
        assert_eq!(data.actor_counts(), expected);
        assert_eq!(data.actor_counts().get("A"), Some(&1));
        assert!(expected.len() > 2, "the rows name actors too");
    }

    #[test]
    fn merging_a_large_layer_skips_only_the_shared_ids() {
        let small = Dataset::new(vec![ev("a", 2020, 1, 1, 1), ev("b", 2020, 1, 2, 1)], vec![]);
        let large = Dataset::new(
            (0..50)
                .map(|k| ev(if k == 7 { "b" } else { "x" }, 2021, 1, 1 + k % 28, 1))
                .enumerate()
                .map(|(k, mut e)| {
                    if e.id == "x" {
                        e.id = format!("x{k}");
                    }
                    e
                })
                .collect::<Vec<_>>(),
            vec![],
        );
        let (merged, skipped) = small.merged_with(&large);
        assert_eq!(skipped, ["b"]);
        assert_eq!(merged.len(), 51);
        let (back, skipped) = large.merged_with(&small);
        assert_eq!(skipped, ["b"]);
        assert_eq!(back.len(), 51);
        assert!(back.index_of("a").is_some());
    }
}
