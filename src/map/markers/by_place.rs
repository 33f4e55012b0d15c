//! The grouping strategy for a readable number of events: each in-window event is placed, events
//! at one place or overlapping on screen share a marker, events on a region or line share its
//! shape, and events outside the view become arrows at the edge.

use super::group::{EdgePlace, Mark, group_marks, merge_edges};
use super::{GROUP_RADIUS, Marker, MarkerKind, MarkerSet, Members};
use crate::map::MapInput;
use crate::map::edge::edge_toward;
use crate::map::projection::Projector;
use crate::model::{CategoryCounts, Dataset, EventView};
use crate::time_control::Mode;
use eframe::egui::Pos2;
use geo::{Geometry, InteriorPoint};
use std::collections::BTreeMap;

/// Events closer than this to the map's edge (points) are drawn as arrows instead.
pub const EDGE_MARGIN: f32 = 8.0;

/// Opacity of an event: 1 in window mode; fading with age in cumulative mode.
pub fn alpha_of(event: &EventView<'_>, input: &MapInput<'_>) -> f32 {
    if input.time.mode != Mode::Cumulative {
        return 1.0;
    }
    let (a, b) = input.time.query_range();
    let end = event.date.days().map_or(b, |d| d.1.min(b));
    let span = (b - a).max(1) as f32;
    let age = (b - end).max(0) as f32 / span;
    (1.0 - 0.8 * age).clamp(0.2, 1.0)
}

/// Where a shape's badge sits: the interior point of an area, the middle vertex of a line.
pub fn anchor_of(geometry: &Geometry<f64>) -> Option<(f64, f64)> {
    match geometry {
        Geometry::Polygon(_) | Geometry::MultiPolygon(_) => {
            geometry.interior_point().map(|p| (p.x(), p.y()))
        }
        Geometry::LineString(ls) => ls.0.get(ls.0.len() / 2).map(|c| (c.x, c.y)),
        Geometry::MultiLineString(m) => {
            let longest = m.0.iter().max_by_key(|l| l.0.len())?;
            longest.0.get(longest.0.len() / 2).map(|c| (c.x, c.y))
        }
        Geometry::Point(p) => Some((p.x(), p.y())),
        _ => None,
    }
}

fn counts_of(data: &Dataset, events: &[usize]) -> CategoryCounts {
    let mut counts = CategoryCounts::default();
    for e in events.iter().filter_map(|&i| data.view(i)) {
        counts.add(e.category, 1);
    }
    counts
}

/// Where each in-window event goes.
#[derive(Default)]
struct Sorted<'a> {
    shapes: BTreeMap<String, Vec<usize>>,
    marks: Vec<Mark<&'a str>>,
    off_screen: BTreeMap<&'a str, Vec<usize>>,
}

fn sort_events<'a>(input: &MapInput<'a>, projector: &Projector) -> Sorted<'a> {
    let inner = projector.rect().shrink(EDGE_MARGIN);
    let mut sorted = Sorted::default();
    for i in input.visible.in_window.iter() {
        // unplaced events (no location in the source) are listed, never on the map
        let Some(e) = input.data.view(i).filter(|e| e.is_placed()) else {
            continue;
        };
        if input.data.track(i).is_some() {
            continue; // the tracks layer draws events that move
        }
        if let Some(key) = super::shape_key(input.data, i) {
            sorted.shapes.entry(key).or_default().push(i);
            continue;
        }
        let p = projector.project(e.lon, e.lat);
        if e.off_map || !inner.contains(p) {
            sorted.off_screen.entry(e.place).or_default().push(i);
        } else {
            sorted.marks.push(Mark {
                item: i,
                pos: p,
                place: (!e.place.is_empty()).then_some(e.place),
                weight: 1,
            });
        }
    }
    sorted
}

pub(super) fn shape_marker_of(
    input: &MapInput<'_>,
    projector: &Projector,
    events: Vec<usize>,
) -> Option<Marker> {
    let first = input.data.view(*events.first()?)?;
    let (lon, lat) = anchor_of(first.shape?)?;
    Some(Marker {
        kind: MarkerKind::Shape {
            name: first.shape_name.unwrap_or_default().to_owned(),
        },
        anchor: projector.project(lon, lat),
        count: events.len(),
        categories: counts_of(input.data, &events),
        example: events[0],
        place_name: first.place_name.to_owned(),
        same_place: true,
        alpha: 1.0,
        members: Members::Listed(events),
    })
}

/// The marker of a shape's in-window events counted from the cell index: they are listed only when
/// asked for.
pub(super) fn counted_shape_marker(
    input: &MapInput<'_>,
    projector: &Projector,
    key: String,
    counted: super::by_cell::ShapeCount,
) -> Option<Marker> {
    let first = input.data.view(counted.first_event)?;
    let (lon, lat) = anchor_of(first.shape?)?;
    Some(Marker {
        kind: MarkerKind::Shape {
            name: first.shape_name.unwrap_or_default().to_owned(),
        },
        anchor: projector.project(lon, lat),
        count: counted.count,
        categories: counted.categories,
        example: counted.first_event,
        place_name: first.place_name.to_owned(),
        same_place: true,
        alpha: 1.0,
        members: Members::Shape(key),
    })
}

fn point_marker(input: &MapInput<'_>, mut events: Vec<usize>, pos: Pos2) -> Option<Marker> {
    let data = input.data;
    let first = data.view(*events.first()?)?;
    let views = || events.iter().filter_map(|&i| data.view(i));
    let same_place = views().all(|e| e.place_name == first.place_name);
    let alpha = views().map(|e| alpha_of(&e, input)).fold(0.0f32, f32::max);
    let example = events[0];
    let categories = counts_of(data, &events);
    events.sort_unstable();
    Some(Marker {
        kind: MarkerKind::Point,
        anchor: pos,
        count: events.len(),
        categories,
        example,
        place_name: first.place_name.to_owned(),
        same_place,
        alpha,
        members: Members::Listed(events),
    })
}

fn edge_place(
    input: &MapInput<'_>,
    projector: &Projector,
    events: Vec<usize>,
) -> Option<EdgePlace> {
    let first = input.data.view(*events.first()?)?;
    let (anchor, dir) = edge_toward(projector.rect(), projector.project(first.lon, first.lat));
    Some(EdgePlace {
        anchor,
        dir,
        count: events.len(),
        categories: counts_of(input.data, &events),
        example: events[0],
        key: 0,
        name: first.place_name.to_owned(),
        events,
    })
}

/// The markers for the window's events, each event listed in its marker.
pub fn markers(input: &MapInput<'_>, projector: &Projector) -> MarkerSet {
    let sorted = sort_events(input, projector);
    let mut markers: Vec<Marker> = sorted
        .shapes
        .into_values()
        .filter_map(|events| shape_marker_of(input, projector, events))
        .collect();
    markers.extend(
        group_marks(&sorted.marks, GROUP_RADIUS)
            .into_iter()
            .filter_map(|g| point_marker(input, g.items, g.pos)),
    );
    let edges = sorted
        .off_screen
        .into_values()
        .filter_map(|events| edge_place(input, projector, events))
        .collect();
    MarkerSet {
        markers,
        edges: merge_edges(edges, true),
        cells: None,
    }
}
