//! Turns the features of a walk into compact rows (points without a claim, an unverified mark or
//! a shape: the bulk of large files) and whole events (lines, regions, tracks, claims), sharing
//! one table of places, titles, labels and actor lists.

use super::convert::{IdAt, IdFallback, Lookup, Parts, PlaceRef, TrackFound, convert};
use super::intern::Interner;
use super::raw::FeatureValue;
use super::undated::Tally;
use super::walk::{FeatureAt, Sink};
use crate::io::json_locate::{JsonLocator, Step};
use crate::model::date::day_of;
use crate::model::{DayNum, Event, Place, RowColumns};
use std::collections::HashMap;

/// A problem found while loading, at a byte offset (turned into a line and column at the end).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Pending {
    /// Byte offset in the file.
    pub offset: u64,
    /// What is wrong.
    pub message: String,
}

/// Where an event whose id was made up (`feature-N`) is kept.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum MadeUp {
    /// A compact row.
    Row(u32),
    /// A whole event.
    Whole(u32),
}

/// How a place is told apart from others.
#[derive(Clone, Debug, PartialEq)]
pub enum PlaceKey {
    /// By its id.
    Named(String),
    /// An unnamed point, by its exact coordinates.
    Point(u64, u64),
}

/// What the features of a walk became.
#[derive(Debug)]
pub struct Builder<'l, 'g> {
    lookup: &'l Lookup<'g>,
    /// Compact rows, in file order.
    pub rows: RowColumns,
    /// Whole events with their offsets, in file order.
    pub whole: Vec<(u64, Event)>,
    /// The places rows and events use, in first-use order.
    pub places: Vec<Place>,
    /// Each place's key.
    pub place_keys: Vec<PlaceKey>,
    named: Interner,
    named_place: Vec<u32>,
    points: HashMap<(u64, u64), u32>,
    /// Titles and type labels.
    pub strings: Interner,
    /// Actor lists, by their joined key.
    pub actor_keys: Interner,
    /// The actor lists, numbered as their keys.
    pub actor_lists: Vec<Vec<String>>,
    key: String,
    /// Events whose id was made up, with their feature index.
    pub made_up: Vec<(MadeUp, usize)>,
    /// Problems, in the order found.
    pub problems: Vec<Pending>,
    /// Undated features and their date-like fields.
    pub undated: Tally,
    /// Lines whose time list does not match their positions.
    pub mismatched_tracks: usize,
    /// Features seen (valid or not).
    pub features: usize,
    /// Stop before the feature at this offset.
    pub stop_at: Option<u64>,
    /// The walk starts at a guessed feature: the first element must be a `Feature` object.
    pub speculative: bool,
    /// The guess was wrong.
    pub bad_start: bool,
    /// Newlines before where the walk started (rows' lines count from the file's start).
    pub line_base: u64,
}

impl<'l, 'g> Builder<'l, 'g> {
    /// An empty builder.
    pub fn new(lookup: &'l Lookup<'g>) -> Builder<'l, 'g> {
        Builder {
            lookup,
            rows: RowColumns::default(),
            whole: Vec::new(),
            places: Vec::new(),
            place_keys: Vec::new(),
            named: Interner::default(),
            named_place: Vec::new(),
            points: HashMap::new(),
            strings: Interner::default(),
            actor_keys: Interner::default(),
            actor_lists: Vec::new(),
            key: String::new(),
            made_up: Vec::new(),
            problems: Vec::new(),
            undated: Tally::default(),
            mismatched_tracks: 0,
            features: 0,
            stop_at: None,
            speculative: false,
            bad_start: false,
            line_base: 0,
        }
    }

    /// The number of a place, added with `make` when new.
    pub fn place_number(&mut self, key: PlaceKey, make: impl FnOnce() -> Place) -> u32 {
        let fresh = |places: &mut Vec<Place>, keys: &mut Vec<PlaceKey>, key: PlaceKey| {
            places.push(make());
            keys.push(key);
            (places.len() - 1) as u32
        };
        match key {
            PlaceKey::Named(id) => {
                let (k, new) = self.named.intern(&id);
                if new {
                    let at = fresh(&mut self.places, &mut self.place_keys, PlaceKey::Named(id));
                    self.named_place.push(at);
                }
                self.named_place.get(k as usize).copied().unwrap_or(0)
            }
            PlaceKey::Point(x, y) => match self.points.get(&(x, y)) {
                Some(&at) => at,
                None => {
                    let at = fresh(
                        &mut self.places,
                        &mut self.place_keys,
                        PlaceKey::Point(x, y),
                    );
                    self.points.insert((x, y), at);
                    at
                }
            },
        }
    }

    fn place_of(&mut self, place: &PlaceRef, lon: f64, lat: f64) -> u32 {
        let id = match (place.known, &place.lookup_id) {
            (Some(p), _) => Some(p.id.as_str()),
            (None, Some(id)) => Some(id.as_ref()),
            (None, None) => None,
        };
        let key = match id {
            Some(id) => match self.named.get(id) {
                Some(k) => return self.named_place.get(k as usize).copied().unwrap_or(0),
                None => PlaceKey::Named(id.to_owned()),
            },
            None => PlaceKey::Point(lon.to_bits(), lat.to_bits()),
        };
        self.place_number(key, || place.place(lon, lat))
    }

    /// The number of an actor list.
    pub fn actors_number(&mut self, actors: &[impl AsRef<str>]) -> u32 {
        self.key.clear();
        for (k, a) in actors.iter().enumerate() {
            if k > 0 {
                self.key.push('\u{1f}');
            }
            self.key.push_str(a.as_ref());
        }
        let (k, new) = self.actor_keys.intern(&self.key);
        if new {
            self.actor_lists
                .push(actors.iter().map(|a| a.as_ref().to_owned()).collect());
        }
        k
    }

    /// Adds one valid feature.
    fn add(&mut self, parts: Parts<'_, '_>, at: &FeatureAt<'_>) {
        if parts.range.is_none() {
            self.undated.add(&parts.date_like);
        }
        if parts.track == TrackFound::Mismatch {
            self.mismatched_tracks += 1;
        }
        let place = self.place_of(&parts.place, parts.lon, parts.lat);
        let made_up = parts.id_at == IdAt::MadeUp;
        if !parts.fits_a_row() {
            if made_up {
                self.made_up
                    .push((MadeUp::Whole(self.whole.len() as u32), at.index));
            }
            self.whole.push((at.offset, parts.into_event()));
            return;
        }
        if made_up {
            self.made_up
                .push((MadeUp::Row(self.rows.len() as u32), at.index));
        }
        let (start, end) = parts
            .range
            .map_or((DayNum::MAX, DayNum::MAX), |(s, e)| (day_of(s), day_of(e)));
        let title = self.strings.intern(&parts.title).0;
        let label = self.strings.intern(&parts.category_label).0;
        let actors = self.actors_number(&parts.actors);
        let r = &mut self.rows;
        r.start.push(start);
        r.end.push(end);
        r.precision.push(parts.precision);
        r.lon_lat.push([parts.lon as f32, parts.lat as f32]);
        r.category.push(parts.category);
        r.off_map.push(parts.off_map);
        r.place.push(place);
        r.title.push(title);
        r.label.push(label);
        r.actors.push(actors);
        r.ids.push_str(&parts.id);
        r.id_end.push(r.ids.len() as u32);
        r.offset.push(at.offset);
        let line = self.line_base + at.newlines + 1;
        self.rows.line.push(u32::try_from(line).unwrap_or(u32::MAX));
    }
}

/// Whether an element is an object typed `Feature` (what a guessed start must be).
fn is_typed_feature(value: &FeatureValue<'_>) -> bool {
    matches!(value, FeatureValue(Some(f)) if f.kind.as_ref().and_then(|k| k.as_str()) == Some("Feature"))
}

/// The offset of the value at `path` inside a feature's bytes.
pub fn offset_in(bytes: &[u8], base: u64, path: &[Step]) -> u64 {
    if path.is_empty() {
        return base;
    }
    match std::str::from_utf8(bytes) {
        Ok(text) => base + JsonLocator::new("", text).offset(path) as u64,
        Err(_) => base,
    }
}

impl Sink for Builder<'_, '_> {
    fn feature(&mut self, value: &FeatureValue<'_>, at: &FeatureAt<'_>) {
        if self.speculative && at.index == 0 && !is_typed_feature(value) {
            self.bad_start = true;
            return;
        }
        self.features += 1;
        match convert(value, IdFallback::Index(at.index), self.lookup) {
            Ok(parts) => self.add(parts, at),
            Err((path, message)) => self.problems.push(Pending {
                offset: offset_in(at.bytes, at.offset, &path),
                message,
            }),
        }
    }

    fn problem(&mut self, offset: u64, message: String) {
        self.problems.push(Pending { offset, message });
    }

    fn go_on(&mut self, offset: u64) -> bool {
        !self.bad_start && self.stop_at != Some(offset)
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::expect_used)]
mod tests {
    use super::super::raw::Text;
    use super::*;

    fn texts<'a>(items: &[&'a str]) -> Vec<Text<'a>> {
        items
            .iter()
            .map(|s| std::borrow::Cow::Borrowed(*s))
            .collect()
    }

    #[test]
    fn places_and_actor_lists_are_numbered_once() {
        let lookup = Lookup::new(&[], None);
        let mut b = Builder::new(&lookup);
        let make = |id: &str| {
            let id = id.to_owned();
            move || Place::ad_hoc(&id, &id, "", 40.0, 45.0)
        };
        assert_eq!(b.place_number(PlaceKey::Named("a".into()), make("a")), 0);
        assert_eq!(b.place_number(PlaceKey::Point(1, 2), make("p")), 1);
        assert_eq!(b.place_number(PlaceKey::Named("a".into()), make("x")), 0);
        assert_eq!(b.place_number(PlaceKey::Point(1, 2), make("y")), 1);
        assert_eq!(b.places.len(), 2);
        assert_eq!(b.places[0].id, "a");
        assert_eq!(b.actors_number(&texts(&["A", "B"])), 0);
        assert_eq!(b.actors_number(&texts(&["A"])), 1);
        assert_eq!(b.actors_number(&texts(&["A", "B"])), 0);
        assert_eq!(b.actors_number(&texts(&[])), 2);
        assert_eq!(b.actor_lists[0], ["A", "B"]);
    }
}
