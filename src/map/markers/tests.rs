//! The two grouping strategies on small datasets: groups, counts, anchors and members.

use super::by_cell::CellCache;
use super::{Marker, MarkerKind, MarkerSet, markers_for};
use crate::filters::{Filters, Visible};
use crate::map::MapInput;
use crate::map::projection::Projector;
use crate::model::{Category, Dataset, Event, EventDate, MapView, Precision};
use crate::time_control::TimeControl;
use chrono::NaiveDate;
use eframe::egui::{Rect, pos2, vec2};

/// (id, place, lon, lat, day of 2022, off the map)
type Spec<'a> = (&'a str, &'a str, f64, f64, u32, bool);

fn dataset(specs: &[Spec<'_>]) -> Dataset {
    let events: Vec<Event> = specs
        .iter()
        .map(|&(id, place, lon, lat, day, off_map)| {
            let d = NaiveDate::from_yo_opt(2022, day).unwrap();
            let mut e = Event::at(id, id, EventDate::new(d, d, Precision::Day), lon, lat);
            e.place = place.to_owned();
            e.place_name = place.to_uppercase();
            e.off_map = off_map;
            e.category = if day % 2 == 0 {
                Category::Military
            } else {
                Category::Diplomacy
            };
            e
        })
        .collect();
    Dataset::new(events, vec![])
}

fn rect() -> Rect {
    Rect::from_min_size(pos2(0.0, 0.0), vec2(800.0, 600.0))
}

fn projector() -> Projector {
    Projector::new(MapView::fit_region(800.0, 600.0), rect())
}

/// What the map reads besides the data, with the time window over all of it.
pub(super) struct WholeWindow {
    time: TimeControl,
    /// The events shown: all of them.
    pub(super) visible: Visible,
    filters: Filters,
    areas: crate::filters::AreaCatalog,
    situation: crate::model::Situation,
}

impl WholeWindow {
    pub(super) fn of(data: &Dataset) -> WholeWindow {
        let time = TimeControl::for_dataset(data);
        WholeWindow {
            visible: Visible::compute(data, &time, None, None),
            time,
            filters: Filters::default(),
            areas: crate::filters::AreaCatalog::default(),
            situation: crate::model::Situation::default(),
        }
    }

    /// The map's input for `data`, nothing selected or hovered.
    pub(super) fn input<'a>(&'a self, data: &'a Dataset) -> MapInput<'a> {
        MapInput {
            data,
            visible: &self.visible,
            selected: None,
            hovered: None,
            time: &self.time,
            filters: &self.filters,
            areas: &self.areas,
            situation: &self.situation,
            picking_place: false,
        }
    }
}

fn group(data: &Dataset, cache: &mut CellCache) -> (MarkerSet, Visible) {
    let whole = WholeWindow::of(data);
    let set = markers_for(&whole.input(data), &projector(), cache);
    (set, whole.visible)
}

fn named<'a>(markers: &'a [Marker], place: &str) -> &'a Marker {
    markers
        .iter()
        .find(|m| m.place_name == place)
        .unwrap_or_else(|| panic!("no marker at {place}"))
}

#[test]
fn small_data_groups_by_place_and_overlap_and_sends_the_rest_to_the_edge() {
    let data = dataset(&[
        ("b1", "baku", 49.892, 40.377, 1, false),
        ("b2", "baku", 49.892, 40.377, 2, false),
        ("k1", "khankendi", 46.752, 39.815, 3, false),
        ("k2", "khankendi", 46.752, 39.815, 5, false),
        ("s1", "shusha", 46.751, 39.761, 4, false),
        ("w1", "washington", -77.04, 38.9, 6, true),
    ]);
    let (set, visible) = group(&data, &mut CellCache::default());
    assert_eq!(set.markers.len(), 2, "{:?}", set.markers);
    let baku = named(&set.markers, "BAKU");
    assert_eq!((baku.count, baku.same_place), (2, true));
    assert_eq!(baku.anchor, projector().project(49.892, 40.377));
    assert_eq!(baku.categories.get(Category::Military), 1);
    assert_eq!(baku.label(&data), "2 events at BAKU");
    let karabakh = named(&set.markers, "KHANKENDI");
    assert_eq!((karabakh.count, karabakh.same_place), (3, false));
    assert_eq!(
        karabakh.anchor,
        projector().project(46.752, 39.815),
        "at the busier place"
    );
    assert_eq!(karabakh.label(&data), "3 events near KHANKENDI");
    let members = set.members(karabakh, &data, &visible.in_window, 10);
    let ids: Vec<&str> = members.iter().filter_map(|&i| data.id(i)).collect();
    assert_eq!(ids, ["k1", "s1", "k2"], "in time order");
    assert_eq!(set.edges.len(), 1);
    let edge = &set.edges[0];
    assert!(matches!(edge.kind, MarkerKind::Edge { .. }));
    assert_eq!(edge.count, 1);
    assert!(
        edge.anchor.x < 100.0,
        "Washington's arrow points west: {:?}",
        edge.anchor
    );
    assert_eq!(edge.label(&data), "w1 (off map, WASHINGTON)");
}

#[test]
fn large_data_counts_the_same_from_the_window_and_from_the_cell_index() {
    let places = [
        ("baku", 49.892, 40.377),
        ("tabriz", 46.2919, 38.08),
        ("yerevan", 44.5136, 40.1811),
        ("moscow", 37.6, 55.75),
    ];
    let ids: Vec<String> = (0..3000).map(|k| format!("e{k:05}")).collect();
    let specs: Vec<Spec<'_>> = ids
        .iter()
        .enumerate()
        .map(|(k, id)| {
            let (place, lon, lat) = places[k % places.len()];
            (
                id.as_str(),
                place,
                lon,
                lat,
                1 + (k % 360) as u32,
                place == "moscow",
            )
        })
        .collect();
    let data = dataset(&specs);
    let mut cache = CellCache::default();
    // the first frame scans the window; once the view has held still the index answers
    let (scanned, visible) = group(&data, &mut cache);
    let (indexed, _) = group(&data, &mut cache);
    let summary = |set: &MarkerSet| {
        let mut s: Vec<(String, usize, [i32; 2])> = set
            .markers
            .iter()
            .chain(&set.edges)
            .map(|m| {
                (
                    m.place_name.clone(),
                    m.count,
                    [m.anchor.x as i32, m.anchor.y as i32],
                )
            })
            .collect();
        s.sort();
        s
    };
    assert_eq!(summary(&scanned), summary(&indexed));
    let total: usize = indexed
        .markers
        .iter()
        .chain(&indexed.edges)
        .map(|m| m.count)
        .sum();
    assert_eq!(total, 3000);
    let baku = named(&indexed.markers, "BAKU");
    assert_eq!(baku.count, 750);
    assert_eq!(baku.categories.total(), 750);
    assert_eq!(set_members(&indexed, baku, &data, &visible).len(), 750);
    let moscow = named(&indexed.edges, "MOSCOW");
    assert_eq!(moscow.count, 750);
    assert_eq!(set_members(&indexed, moscow, &data, &visible).len(), 750);
}

fn set_members(set: &MarkerSet, m: &Marker, data: &Dataset, visible: &Visible) -> Vec<usize> {
    set.members(m, data, &visible.in_window, usize::MAX)
}

#[test]
fn large_data_counts_shapes_the_same_from_the_window_and_from_the_cell_index() {
    // 3000 events: every third drawn as one of two region shapes, the rest at Baku
    let square = |lon: f64, lat: f64| {
        geo::Geometry::Polygon(geo::Polygon::new(
            geo::LineString::from(vec![
                (lon, lat),
                (lon + 0.5, lat),
                (lon + 0.5, lat + 0.5),
                (lon, lat + 0.5),
                (lon, lat),
            ]),
            vec![],
        ))
    };
    let events: Vec<Event> = (0..3000u32)
        .map(|k| {
            let d = NaiveDate::from_yo_opt(2022, 1 + k % 360).unwrap();
            let id = format!("s{k:05}");
            let mut e = Event::at(&id, &id, EventDate::new(d, d, Precision::Day), 49.89, 40.38);
            e.place = "baku".to_owned();
            e.place_name = "BAKU".to_owned();
            if k % 3 == 0 {
                let (name, lon) = if k % 2 == 0 {
                    ("Karabakh", 46.5)
                } else {
                    ("Nakhchivan", 45.2)
                };
                e.shape = Some(square(lon, 39.4).into());
                e.shape_name = Some(name.to_owned());
                e.place = name.to_lowercase();
                e.place_name = name.to_uppercase();
            }
            e
        })
        .collect();
    let data = Dataset::new(events, vec![]);
    let mut cache = CellCache::default();
    let (scanned, visible) = group(&data, &mut cache);
    let (indexed, _) = group(&data, &mut cache);
    let shapes = |set: &MarkerSet| {
        let mut s: Vec<(String, usize, usize, [i32; 2])> = set
            .markers
            .iter()
            .filter(|m| matches!(m.kind, MarkerKind::Shape { .. }))
            .map(|m| {
                let anchor = [m.anchor.x as i32, m.anchor.y as i32];
                (m.place_name.clone(), m.count, m.example, anchor)
            })
            .collect();
        s.sort();
        s
    };
    assert_eq!(shapes(&scanned), shapes(&indexed));
    let karabakh = named(&indexed.markers, "KARABAKH");
    assert_eq!(karabakh.count, 500);
    assert_eq!(karabakh.categories.total(), 500);
    assert!(matches!(karabakh.members, super::Members::Shape(_)));
    let members = set_members(&indexed, karabakh, &data, &visible);
    assert_eq!(members.len(), 500);
    assert!(
        members
            .iter()
            .all(|&i| data.view(i).unwrap().place_name == "KARABAKH")
    );
    assert_eq!(named(&indexed.markers, "NAKHCHIVAN").count, 500);
}
