//! The compact per-event columns a dataset keeps in position order for the views.

use super::{INDEX_BITS, INDEX_MASK, Sources};
use crate::model::view::EventView;
use std::collections::HashMap;

/// Compact per-event columns the views scan when many events are visible, so that they never
/// touch whole event records in a frame.
#[derive(Clone, Debug, Default)]
pub struct Columns {
    /// Longitude and latitude, degrees.
    pub lon_lat: Vec<[f32; 2]>,
    /// Category index ([`crate::model::Category::index`]).
    pub category: Vec<u8>,
    /// How the event is drawn: [`Columns::POINT`], [`Columns::OFF_MAP`], [`Columns::SHAPE`], or
    /// not at all ([`Columns::UNPLACED`]).
    pub kind: Vec<u8>,
    /// The event's place as a small integer: equal place ids share a key.
    pub place_key: Vec<u32>,
    /// For each place key, the position of one event at that place (for its name).
    pub place_example: Vec<u32>,
    /// For each place key, whether all its events are points (or all off the map) at one
    /// position: the map may then count them by place rather than one by one.
    pub fixed_place: Vec<bool>,
}

impl Columns {
    /// Whether the events of place `key` all lie at one position (see [`Columns::fixed_place`]).
    pub fn is_fixed_place(&self, key: u32) -> bool {
        self.fixed_place.get(key as usize) == Some(&true)
    }

    /// A point on the map (aggregated when many are visible).
    pub const POINT: u8 = 0;
    /// A place outside the map's region (an arrow at the edge).
    pub const OFF_MAP: u8 = 1;
    /// An event drawn as its own region or line.
    pub const SHAPE: u8 = 2;
    /// An event without a location: listed and on the timeline, never on the map.
    pub const UNPLACED: u8 = 3;

    pub(super) fn of(src: &Sources<'_>, slot: &[u32]) -> Columns {
        let n = slot.len();
        let mut keys: HashMap<&str, u32> = HashMap::new();
        // per store: its place numbers' keys, found once each
        let mut store_keys: Vec<Vec<u32>> = src
            .stores
            .iter()
            .map(|s| vec![u32::MAX; s.places().len()])
            .collect();
        let mut c = Columns {
            lon_lat: Vec::with_capacity(n),
            category: Vec::with_capacity(n),
            kind: Vec::with_capacity(n),
            place_key: Vec::with_capacity(n),
            place_example: Vec::new(),
            fixed_place: Vec::new(),
        };
        for (i, &s) in slot.iter().enumerate() {
            let (source, j) = ((s >> INDEX_BITS) as usize, (s & INDEX_MASK) as usize);
            let example = &mut c.place_example;
            let mut fresh = || {
                example.push(i as u32);
                (example.len() - 1) as u32
            };
            if let Some(k) = source.checked_sub(1) {
                // a compact row: straight from its columns
                let store = &src.stores[k];
                let r = store.rows();
                let p = r.place[j] as usize;
                let key = match store_keys[k].get(p) {
                    Some(&key) if key != u32::MAX => key,
                    _ => {
                        let id = store.places().get(p).map_or("", |p| p.id.as_str());
                        let key = *keys.entry(id).or_insert_with(fresh);
                        if let Some(slot) = store_keys[k].get_mut(p) {
                            *slot = key;
                        }
                        key
                    }
                };
                c.place_key.push(key);
                c.lon_lat.push(r.lon_lat[j]);
                c.category.push(r.category[j].index() as u8);
                c.kind.push(if r.off_map[j] {
                    Columns::OFF_MAP
                } else {
                    Columns::POINT
                });
                continue;
            }
            let e = EventView::of(&src.rich[j]);
            // an event without a place id is its own place
            let key = if e.place.is_empty() {
                fresh()
            } else {
                *keys.entry(e.place).or_insert_with(fresh)
            };
            c.place_key.push(key);
            c.lon_lat.push([e.lon as f32, e.lat as f32]);
            c.category.push(e.category.index() as u8);
            c.kind.push(if !e.is_placed() {
                Columns::UNPLACED
            } else if e.shape.is_some() && e.shape_name.is_some() {
                Columns::SHAPE
            } else if e.off_map {
                Columns::OFF_MAP
            } else {
                Columns::POINT
            });
        }
        c.fixed_place = fixed_places(&c);
        c
    }
}

/// For each place key, whether its events are all points, or all off the map, at one position.
fn fixed_places(c: &Columns) -> Vec<bool> {
    let mut fixed = vec![true; c.place_example.len()];
    for (i, &key) in c.place_key.iter().enumerate() {
        let k = key as usize;
        let (Some(&example), Some(f)) = (c.place_example.get(k), fixed.get_mut(k)) else {
            continue;
        };
        let e = example as usize;
        *f &= matches!(c.kind[i], Columns::POINT | Columns::OFF_MAP)
            && c.kind[i] == c.kind[e]
            && c.lon_lat[i] == c.lon_lat[e];
    }
    fixed
}
