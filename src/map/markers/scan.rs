//! Counting the window's events into screen cells, as the map does while its view moves (the cell
//! index belongs to a still view). The events of a place that lies at one position are counted per
//! place, and the place is put in its cell once; other events are put in their cells one by one. A
//! large window is counted in two halves on two threads, and the later half's counts are merged
//! into the earlier's.

use super::by_cell::{Cell, CellMapper, Counts, Slot, slot_of};
use crate::map::MapInput;
use crate::model::CategoryCounts;
use crate::model::dataset::Columns;

/// Windows of at least this many events are counted on two threads: below it, starting a thread
/// costs more than it saves.
pub const SPLIT_MIN: usize = 100_000;

/// The counts of the window's events (any filters), on two threads when there are many.
pub(super) fn count_scan(input: &MapInput<'_>, mapper: &CellMapper) -> Counts {
    count_split(input, mapper, SPLIT_MIN)
}

/// The counts of the window's events, on two threads from `split_min` events.
fn count_split(input: &MapInput<'_>, mapper: &CellMapper, split_min: usize) -> Counts {
    let window = &input.visible.in_window;
    let cells = mapper.nx * mapper.ny;
    if window.len() < split_min.max(2) {
        return count(input, mapper, cells, window.iter());
    }
    // the halves: the listed events and the run's first half, then the rest of the run; or, for a
    // window made of its list (a filtered one), the list's two halves
    let (listed, run) = (&window.earlier, window.run.clone());
    let (first_list, later_list, run_cut) = if run.len() >= listed.len() {
        (&listed[..], &listed[..0], run.start + run.len() / 2)
    } else {
        let (a, b) = listed.split_at(listed.len() / 2);
        (a, b, run.start)
    };
    let first = || first_list.iter().copied().chain(run.start..run_cut);
    let later = || later_list.iter().copied().chain(run_cut..run.end);
    std::thread::scope(|scope| {
        let counted_later = scope.spawn(|| count(input, mapper, cells, later()));
        let mut counts = count(input, mapper, cells, first());
        match counted_later.join() {
            Ok(later_counts) => merge(&mut counts, later_counts),
            Err(_) => merge(&mut counts, count(input, mapper, cells, later())),
        }
        counts
    })
}

/// Counts events (ascending positions) into `cells` screen cells. The events of a place whose
/// events all lie at one position are only counted per place, and each such place is then put in
/// its cell once; the others are put in their cells one by one.
fn count(
    input: &MapInput<'_>,
    mapper: &CellMapper,
    cells: usize,
    events: impl Iterator<Item = usize>,
) -> Counts {
    let columns = input.data.columns();
    let mut counts = Counts::new(cells);
    let mut by_place = ByPlace::new(columns.place_example.len());
    for i in events {
        let key = columns.place_key[i];
        if columns.is_fixed_place(key) {
            by_place.add(key, i, columns.category[i]);
        } else {
            counts.add(input.data, slot_of(columns, mapper, i), i);
        }
    }
    by_place.put(&mut counts, columns, mapper);
    counts
}

/// Events counted per place key.
struct ByPlace {
    count: Vec<u32>,
    first: Vec<u32>,
    categories: Vec<CategoryCounts>,
}

impl ByPlace {
    fn new(places: usize) -> ByPlace {
        ByPlace {
            count: vec![0; places],
            first: vec![0; places],
            categories: vec![CategoryCounts::default(); places],
        }
    }

    #[inline]
    fn add(&mut self, key: u32, event: usize, category: u8) {
        let k = key as usize;
        if let (Some(n), Some(first), Some(categories)) = (
            self.count.get_mut(k),
            self.first.get_mut(k),
            self.categories.get_mut(k),
        ) {
            if *n == 0 {
                *first = event as u32;
            }
            *n += 1;
            categories.add_index(category);
        }
    }

    /// Puts each counted place in its cell, or at the edge, in the order of its first event.
    fn put(&self, counts: &mut Counts, columns: &Columns, mapper: &CellMapper) {
        let mut places: Vec<u32> = (0..self.count.len() as u32)
            .filter(|&k| self.count[k as usize] > 0)
            .collect();
        places.sort_unstable_by_key(|&k| self.first[k as usize]);
        for key in places {
            let k = key as usize;
            let (n, categories) = (self.count[k], &self.categories[k]);
            // every event of the place sits where its first does
            match slot_of(columns, mapper, self.first[k] as usize) {
                Slot::Cell(c) => counts.cells[c].add_place((self.first[k], key), n, categories),
                Slot::Edge(_) => {
                    let edge = counts.edge(key);
                    edge.count += n as usize;
                    edge.categories.merge(categories);
                }
                Slot::Shape => {}
            }
        }
    }
}

/// Adds to `counts` those of the events after them.
pub(super) fn merge(counts: &mut Counts, later: Counts) {
    for (cell, after) in counts.cells.iter_mut().zip(&later.cells) {
        merge_cell(cell, after);
    }
    for e in &later.edges {
        let edge = counts.edge(e.key);
        edge.count += e.count;
        edge.categories.merge(&e.categories);
    }
    for (key, events) in later.shapes {
        counts.shapes.entry(key).or_default().extend(events);
    }
    for (key, after) in later.shape_counts {
        let shape = counts.shape(&key);
        if shape.count == 0 {
            shape.first_event = after.first_event;
        }
        shape.count += after.count;
        shape.categories.merge(&after.categories);
    }
}

/// Adds to a cell's counts those of its later events.
fn merge_cell(cell: &mut Cell, later: &Cell) {
    if later.count == 0 {
        return;
    }
    if cell.count == 0 {
        *cell = *later;
        return;
    }
    cell.mixed |= later.mixed || later.first_key != cell.first_key;
    cell.count += later.count;
    cell.categories.merge(&later.categories);
    cell.slots = merge_slots(&cell.slots, &later.slots);
}

/// Two Misra–Gries summaries of the busiest place as one: weights of the same place add up; when
/// more places remain than slots, the weight of the first left out is taken from every one, as a
/// summary of all the events would have done.
fn merge_slots<const N: usize>(a: &[(u32, u32); N], b: &[(u32, u32); N]) -> [(u32, u32); N] {
    let mut all: Vec<(u32, u32)> = a.iter().copied().filter(|s| s.1 > 0).collect();
    for &(key, weight) in b.iter().filter(|s| s.1 > 0) {
        match all.iter_mut().find(|s| s.0 == key) {
            Some(s) => s.1 += weight,
            None => all.push((key, weight)),
        }
    }
    // heaviest first; among equals, the place seen first
    all.sort_by_key(|s| std::cmp::Reverse(s.1));
    let cut = all.get(N).map_or(0, |s| s.1);
    let mut out = [(0, 0); N];
    for (slot, s) in out.iter_mut().zip(all.iter().filter(|s| s.1 > cut)) {
        *slot = (s.0, s.1 - cut);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    /// A cell counted from (place key, category) events in order.
    fn cell_of(events: &[(u32, u8)], first: u32) -> Cell {
        let mut cell = Cell::default();
        for (k, &(key, category)) in events.iter().enumerate() {
            cell.add(first + k as u32, key, category);
        }
        cell
    }

    #[test]
    fn merged_summaries_keep_a_place_with_most_of_the_events() {
        // place 9 holds most events, spread over both halves; the others are one-offs
        let a = [(1, 1), (9, 3), (2, 1), (0, 0)];
        let b = [(9, 4), (3, 1), (4, 1), (5, 1)];
        let merged = merge_slots(&a, &b);
        assert_eq!(merged[0], (9, 6), "{merged:?}");
        assert!(merged[1..].iter().all(|s| s.1 == 0), "{merged:?}");
    }

    #[test]
    fn a_later_cell_fills_an_empty_one_and_an_empty_one_changes_nothing() {
        let later = cell_of(&[(3, 1), (3, 2)], 10);
        let mut empty = Cell::default();
        merge_cell(&mut empty, &later);
        assert_eq!(
            (empty.count, empty.first_event, empty.first_key),
            (2, 10, 3)
        );
        let before = cell_of(&[(5, 0)], 0);
        let mut cell = before;
        merge_cell(&mut cell, &Cell::default());
        assert_eq!((cell.count, cell.first_event, cell.mixed), (1, 0, false));
    }

    /// Events at a few places, one of which (`shifting`) has its events at two positions, some
    /// off the map, and some sharing a screen cell; on days 1 to 360 of 2022.
    fn events(spec: &[(usize, u32, bool)]) -> crate::model::Dataset {
        use crate::model::{Category, Event, EventDate, Precision};
        let places = [
            ("baku", 49.892, 40.377),
            ("tabriz", 46.2919, 38.08),
            ("yerevan", 44.5136, 40.1811),
            ("moscow", 37.6, 55.75),
            ("shifting", 45.0, 41.0),
            // a few kilometres from Baku: in Baku's screen cell
            ("near-baku", 49.90, 40.38),
            // in the shifting place's first cell
            ("near-shifting", 45.01, 41.0),
        ];
        let events: Vec<Event> = spec
            .iter()
            .enumerate()
            .map(|(k, &(p, day, moved))| {
                let (place, mut lon, lat) = places[p % places.len()];
                if place == "shifting" && moved {
                    lon += 3.0;
                }
                let d = chrono::NaiveDate::from_yo_opt(2022, 1 + day % 360).unwrap();
                let mut e = Event::at(
                    &format!("e{k}"),
                    "t",
                    EventDate::new(d, d, Precision::Day),
                    lon,
                    lat,
                );
                e.place = place.to_owned();
                e.place_name = place.to_owned();
                e.off_map = place == "moscow";
                e.category = Category::ALL[k % Category::ALL.len()];
                e
            })
            .collect();
        crate::model::Dataset::new(events, vec![])
    }

    /// Counts of `data`'s events in one pass, event by event, as the map counted before places.
    fn one_by_one(input: &MapInput<'_>, mapper: &CellMapper) -> Counts {
        let columns = input.data.columns();
        let mut counts = Counts::new(mapper.nx * mapper.ny);
        for i in input.visible.in_window.iter() {
            counts.add(input.data, slot_of(columns, mapper, i), i);
        }
        counts
    }

    /// The screen cells of an 800×600 map fitted to the region.
    fn mapper() -> CellMapper {
        use crate::map::markers::by_cell::Grid;
        use crate::map::projection::Projector;
        use crate::model::MapView;
        use eframe::egui::{Rect, pos2, vec2};
        let rect = Rect::from_min_size(pos2(0.0, 0.0), vec2(800.0, 600.0));
        let projector = Projector::new(MapView::fit_region(800.0, 600.0), rect);
        CellMapper::new(&projector, &Grid::over(rect, 34.0))
    }

    /// A cell's count, categories, first event and place, and whether it holds several.
    type CellSummary = (u32, CategoryCounts, u32, u32, bool);

    /// Each cell's summary, and each edge place's count.
    fn summary(c: &Counts) -> (Vec<CellSummary>, Vec<(u32, usize)>) {
        let cells = c
            .cells
            .iter()
            .map(|x| (x.count, x.categories, x.first_event, x.first_key, x.mixed))
            .collect();
        let mut edges: Vec<(u32, usize)> = c.edges.iter().map(|e| (e.key, e.count)).collect();
        edges.sort_unstable();
        (cells, edges)
    }

    /// The counts by place and on two threads against one pass event by event.
    fn check_counts(data: &crate::model::Dataset, split_min: usize) -> Result<(), TestCaseError> {
        let whole = crate::map::markers::tests::WholeWindow::of(data);
        let input = whole.input(data);
        let mapper = mapper();
        prop_assert_eq!(whole.visible.in_window.len(), data.len());
        let (got, want) = (
            count_split(&input, &mapper, split_min),
            one_by_one(&input, &mapper),
        );
        // the same window listed, as a filtered window is
        let mut listed = whole.visible.clone();
        let positions = whole.visible.in_window.iter().collect();
        listed.in_window = crate::model::dataset::Window::listed(positions);
        let listed_input = MapInput {
            visible: &listed,
            ..whole.input(data)
        };
        let got_listed = count_split(&listed_input, &mapper, split_min);
        prop_assert_eq!(summary(&got_listed), summary(&got));
        for (g, w) in got.cells.iter().zip(&want.cells) {
            prop_assert_eq!(g.count, w.count);
            prop_assert_eq!(g.categories, w.categories);
            if w.count > 0 {
                prop_assert_eq!(
                    (g.first_event, g.first_key, g.mixed),
                    (w.first_event, w.first_key, w.mixed)
                );
                // the busiest place is exact by place: it is the summary's whenever that one is sure
                if !w.mixed {
                    prop_assert_eq!(g.dominant(), w.dominant());
                }
            }
        }
        let edges = |c: &Counts| {
            let mut e: Vec<(u32, usize)> = c.edges.iter().map(|e| (e.key, e.count)).collect();
            e.sort_unstable();
            e
        };
        prop_assert_eq!(edges(&got), edges(&want));
        Ok(())
    }

    /// The cell index's busiest place and "several places" per screen cell, against exact counts.
    fn check_index(data: &crate::model::Dataset) -> Result<(), TestCaseError> {
        let mapper = mapper();
        let index = crate::map::markers::cell_index::CellIndex::build(data, &mapper);
        let columns = data.columns();
        let mut per_cell: std::collections::BTreeMap<usize, Vec<(u32, u32)>> = Default::default();
        for i in 0..data.dated_len() {
            if let Slot::Cell(c) = slot_of(columns, &mapper, i) {
                let places = per_cell.entry(c).or_default();
                let key = columns.place_key[i];
                match places.iter_mut().find(|p| p.0 == key) {
                    Some(p) => p.1 += 1,
                    None => places.push((key, 1)),
                }
            }
        }
        for (c, places) in per_cell {
            let (busiest, several) = index.places_of(c);
            prop_assert_eq!(several, places.len() > 1);
            let top = places.iter().map(|p| p.1).max().unwrap_or(0);
            let tops: Vec<u32> = places.iter().filter(|p| p.1 == top).map(|p| p.0).collect();
            // a place with more than half of the cell's events is found whatever the method
            let total: u32 = places.iter().map(|p| p.1).sum();
            if 2 * top > total {
                prop_assert_eq!(busiest, tops[0]);
            }
            // and when every place is counted whole, the busiest is exact
            if places.iter().all(|p| columns.fixed_place[p.0 as usize]) {
                prop_assert!(tops.contains(&busiest), "{busiest} not among {tops:?}");
            }
        }
        Ok(())
    }

    #[test]
    fn a_place_at_two_positions_is_counted_event_by_event() {
        // the shifting place's events lie in two cells
        let spec: Vec<(usize, u32, bool)> = (0..40).map(|k| (4, k, k % 2 == 0)).collect();
        let data = events(&spec);
        assert!(!data.columns().fixed_place[0]);
        check_counts(&data, usize::MAX).unwrap();
        let still: Vec<(usize, u32, bool)> = (0..40).map(|k| (0, k, false)).collect();
        assert!(events(&still).columns().fixed_place[0]);
    }

    proptest! {
        /// Counting by place, in one part or two, gives what counting event by event gives.
        #[test]
        fn counting_by_place_and_in_halves_matches_one_by_one(
            spec in proptest::collection::vec((0usize..7, 0u32..360, any::<bool>()), 1..300),
            split in prop_oneof![Just(2usize), Just(usize::MAX)],
        ) {
            check_counts(&events(&spec), split)?;
        }

        /// The cell index finds each cell's busiest place and whether it holds several.
        #[test]
        fn the_cell_index_knows_each_cells_places(
            spec in proptest::collection::vec((0usize..7, 0u32..360, any::<bool>()), 1..300),
        ) {
            check_index(&events(&spec))?;
        }

        /// Counting in two halves gives what one pass gives: the count, the categories, the first
        /// event and place, whether places are mixed, and a busiest place that holds more than
        /// half of the events whenever one does.
        #[test]
        fn two_halves_count_as_one_pass(
            events in proptest::collection::vec((0u32..6, 0u8..8), 1..200),
            cut in 0usize..200,
        ) {
            let cut = cut.min(events.len());
            let whole = cell_of(&events, 0);
            let mut merged = cell_of(&events[..cut], 0);
            merge_cell(&mut merged, &cell_of(&events[cut..], cut as u32));
            prop_assert_eq!(merged.count, whole.count);
            prop_assert_eq!(merged.categories, whole.categories);
            prop_assert_eq!(merged.first_event, whole.first_event);
            prop_assert_eq!(merged.first_key, whole.first_key);
            prop_assert_eq!(merged.mixed, whole.mixed);
            let majority = (0..6).find(|&k| {
                2 * events.iter().filter(|e| e.0 == k).count() > events.len()
            });
            if let Some(k) = majority {
                prop_assert_eq!(merged.dominant(), k);
                prop_assert_eq!(whole.dominant(), k);
            }
        }
    }
}
