//! One marker model for the map, whatever the size of the data: groups of events with a count,
//! category shares and an anchor, made by one of two grouping strategies ([`by_place`] for a
//! readable number of events, [`by_cell`] for many), drawn by one painter and answering the
//! pointer through one interaction ([`widget`]).

pub mod badges;
pub mod by_cell;
pub mod by_place;
mod cell_index;
mod fences;
pub mod group;
pub mod paint;
mod scan;
pub mod widget;

#[cfg(test)]
mod tests;

use super::projection::Projector;
use crate::model::counted::counted;
use crate::model::{CategoryCounts, Dataset};
use by_cell::CellMapper;
use eframe::egui::{Pos2, Vec2};

/// Markers closer than this (points) group together.
pub const GROUP_RADIUS: f32 = 22.0;

/// More events in the window than this are grouped by screen cell from the dataset's compact
/// columns, without reading each event.
pub const AGGREGATE_THRESHOLD: usize = 2000;

/// How a marker is drawn.
#[derive(Clone, Debug, PartialEq)]
pub enum MarkerKind {
    /// A pie of category shares with a count, at a point.
    Point,
    /// The region or line its events are placed on, with a count badge at `anchor`.
    Shape {
        /// The basemap name of the shape.
        name: String,
    },
    /// An arrow at the map's edge toward events outside the view or off the map.
    Edge {
        /// The direction the arrow points.
        dir: Vec2,
        /// How many places the arrow stands for besides the first.
        more_places: usize,
    },
}

/// Which events a marker stands for.
#[derive(Clone, Debug, PartialEq)]
pub enum Members {
    /// Every event, listed (in time order).
    Listed(Vec<usize>),
    /// The in-window events counted in these screen cells; listed only when asked for.
    Cells(Vec<u32>),
    /// The in-window events drawn at the edge for these place keys; listed only when asked for.
    EdgePlaces(Vec<u32>),
    /// The in-window events drawn as the shape of this [`shape_key`]; listed only when asked for.
    Shape(String),
}

/// A group of events drawn as one marker.
#[derive(Clone, Debug, PartialEq)]
pub struct Marker {
    /// How it is drawn.
    pub kind: MarkerKind,
    /// Where: the pie's centre, the badge's centre, or the arrow's base on the edge.
    pub anchor: Pos2,
    /// How many events it stands for.
    pub count: usize,
    /// Their categories.
    pub categories: CategoryCounts,
    /// One of its events: its place names the marker, and a single-event marker selects it.
    pub example: usize,
    /// The name of the place it is at (or of its busiest place).
    pub place_name: String,
    /// Whether all its events share one place.
    pub same_place: bool,
    /// Opacity (cumulative mode fades older events).
    pub alpha: f32,
    /// Which events it stands for.
    pub members: Members,
}

impl Marker {
    /// The accessible label and hover title: the event's title for one event, else a count and
    /// the place ("12 events at Baku", "40 events near Tabriz", "3 events on Nakhchivan").
    pub fn label(&self, data: &Dataset) -> String {
        let title = || data.view(self.example).map(|e| e.title.to_owned());
        let off_map = data.view(self.example).is_some_and(|e| e.off_map);
        match (&self.kind, self.count) {
            (MarkerKind::Edge { .. }, 1) => {
                let where_ = if off_map {
                    "off map"
                } else {
                    "outside the view"
                };
                format!(
                    "{} ({where_}, {})",
                    title().unwrap_or_default(),
                    self.place_name
                )
            }
            (_, 1) => title().unwrap_or_default(),
            (MarkerKind::Shape { name }, n) => format!("{} on {name}", counted(n, "event")),
            (MarkerKind::Edge { more_places, .. }, n) => {
                let where_ = if off_map {
                    "off map"
                } else {
                    "outside the view"
                };
                match more_places {
                    0 => format!("{} at {} ({where_})", counted(n, "event"), self.place_name),
                    m => format!(
                        "{} at {} and {} more ({where_})",
                        counted(n, "event"),
                        self.place_name,
                        counted(*m, "place")
                    ),
                }
            }
            (MarkerKind::Point, n) => {
                let prep = if self.same_place { "at" } else { "near" };
                format!("{} {prep} {}", counted(n, "event"), self.place_name)
            }
        }
    }
}

/// The markers of one frame, with what is needed to list the events of a grouped marker.
#[derive(Clone, Debug, Default)]
pub struct MarkerSet {
    /// Points and shapes, drawn by the events layer.
    pub markers: Vec<Marker>,
    /// Arrows at the edge, drawn by the arrows layer.
    pub edges: Vec<Marker>,
    /// For markers made from screen cells: how events map to cells and edge places.
    cells: Option<CellLookup>,
}

/// How the by-cell strategy assigned events, so a marker's events can be found again.
#[derive(Clone, Debug)]
struct CellLookup {
    mapper: CellMapper,
}

impl MarkerSet {
    /// The events of a marker in time order, at most `limit` of them. Listed markers answer at
    /// once; grouped ones scan the window's events (only on hover or click).
    pub fn members(
        &self,
        marker: &Marker,
        data: &Dataset,
        in_window: &crate::model::Window,
        limit: usize,
    ) -> Vec<usize> {
        match (&marker.members, &self.cells) {
            (Members::Listed(events), _) => events.iter().copied().take(limit).collect(),
            (members, Some(lookup)) => in_window
                .iter()
                .filter(|&i| lookup.holds(members, data, i))
                .take(limit)
                .collect(),
            (_, None) => Vec::new(),
        }
    }

    /// Whether a marker stands for the event at position `i` (which must be in the window).
    pub fn holds(&self, marker: &Marker, data: &Dataset, i: usize) -> bool {
        match (&marker.members, &self.cells) {
            (Members::Listed(events), _) => events.contains(&i),
            (members, Some(lookup)) => lookup.holds(members, data, i),
            (_, None) => false,
        }
    }
}

impl CellLookup {
    fn holds(&self, members: &Members, data: &Dataset, i: usize) -> bool {
        match (members, by_cell::slot_of(data.columns(), &self.mapper, i)) {
            (Members::Cells(cells), by_cell::Slot::Cell(c)) => cells.contains(&(c as u32)),
            (Members::EdgePlaces(keys), by_cell::Slot::Edge(k)) => keys.contains(&k),
            (Members::Shape(key), by_cell::Slot::Shape) => {
                shape_key(data, i).is_some_and(|k| k == *key)
            }
            _ => false,
        }
    }
}

/// Groups the window's events into markers with the strategy their number calls for.
pub fn markers_for(
    input: &super::MapInput<'_>,
    projector: &Projector,
    cells: &mut by_cell::CellCache,
) -> MarkerSet {
    if input.visible.in_window.len() > AGGREGATE_THRESHOLD {
        by_cell::markers(input, projector, cells)
    } else {
        by_place::markers(input, projector)
    }
}

/// What groups an event drawn as a shape with others: its basemap shape's name, or its own id for
/// a shape of its own (a line or polygon from an imported file). `None` for an event drawn at a
/// point, and for an event that moves (the tracks layer draws those).
pub fn shape_key(data: &Dataset, i: usize) -> Option<String> {
    let e = data.view(i)?;
    e.shape?;
    if data.track(i).is_some() {
        return None;
    }
    Some(match e.shape_name {
        Some(name) => name.to_owned(),
        None => format!("#{}", e.id),
    })
}

/// The radius of a point marker for `n` events.
pub fn marker_radius(n: usize) -> f32 {
    7.0 + 2.4 * (n as f32).ln().max(0.0)
}
