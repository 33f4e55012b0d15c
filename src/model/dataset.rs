//! The dataset: events in time order with a time index, and the gazetteer.

use super::date::DayNum;
use super::event::Event;
use super::place::Place;
use super::time_index::TimeIndex;
use std::collections::HashMap;

/// Events sorted by time (undated last), their time index, and the places they refer to.
#[derive(Clone, Debug, Default)]
pub struct Dataset {
    events: Vec<Event>,
    dated: usize,
    starts: Vec<DayNum>,
    index: TimeIndex,
    places: Vec<Place>,
    place_ids: HashMap<String, usize>,
    event_ids: HashMap<String, usize>,
}

impl Dataset {
    /// Builds a dataset, sorting events by (start, end, id) with undated events last.
    pub fn new(mut events: Vec<Event>, places: Vec<Place>) -> Dataset {
        events.sort_by(|a, b| {
            let key = |e: &Event| e.date.days().unwrap_or((DayNum::MAX, DayNum::MAX));
            key(a).cmp(&key(b)).then_with(|| a.id.cmp(&b.id))
        });
        let dated = events.iter().filter(|e| e.date.range.is_some()).count();
        let spans: Vec<(DayNum, DayNum)> = events[..dated]
            .iter()
            .filter_map(|e| e.date.days())
            .collect();
        let starts = spans.iter().map(|s| s.0).collect();
        let place_ids = places
            .iter()
            .enumerate()
            .map(|(i, p)| (p.id.clone(), i))
            .collect();
        let event_ids = events
            .iter()
            .enumerate()
            .map(|(i, e)| (e.id.clone(), i))
            .collect();
        Dataset {
            index: TimeIndex::new(&spans),
            events,
            dated,
            starts,
            places,
            place_ids,
            event_ids,
        }
    }

    /// Adds another dataset's events and places beside these (a layer); ids already present are kept
    /// from `self` and the duplicates from `other` are returned.
    pub fn merged_with(&self, other: &Dataset) -> (Dataset, Vec<String>) {
        let mut events = self.events.clone();
        let mut skipped = Vec::new();
        for e in &other.events {
            if self.event_ids.contains_key(&e.id) {
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
        self.event_ids.get(id).copied()
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
        let first = self.events.first()?.date.days()?.0;
        let last = self.events[..self.dated]
            .iter()
            .filter_map(|e| e.date.days())
            .map(|d| d.1)
            .max()?;
        Some((first, last))
    }

    /// Positions of the events whose date range overlaps the inclusive days [a, b], in time order.
    pub fn in_window(&self, a: DayNum, b: DayNum) -> Vec<usize> {
        self.index
            .overlapping(a, b)
            .into_iter()
            .map(|i| i as usize)
            .collect()
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
    fn merging_keeps_existing_ids() {
        let a = Dataset::new(vec![ev("a", 2020, 1, 1, 1)], vec![]);
        let b = Dataset::new(vec![ev("a", 2021, 1, 1, 1), ev("b", 2021, 1, 2, 1)], vec![]);
        let (m, skipped) = a.merged_with(&b);
        assert_eq!(m.len(), 2);
        assert_eq!(skipped, vec!["a".to_owned()]);
        assert_eq!(m.event(0).unwrap().date.days().unwrap().0, day(2020, 1, 1));
    }
}
