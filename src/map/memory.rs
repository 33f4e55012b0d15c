//! What the map keeps between frames. The caller owns it (as walkers' `MapMemory`); the map reads
//! the view from it and records its layout and caches in it, while changes of view and of the open
//! group list come back to the caller as commands.

use super::layers::basemap::PreparedBasemap;
use super::layers::labels::PlacedLabel;
use super::layers::places::CityCache;
use super::layers::situation::PreparedSituation;
use super::layers::world::PreparedWorld;
use super::markers::by_cell::CellCache;
use super::projection::Projector;
use crate::io::Basemap;
use crate::model::{MapView, Place, Situation};
use eframe::egui::{Pos2, Rect};

/// Points kept clear at the map's edge when asking whether a point is in view.
const IN_VIEW_MARGIN: f32 = 20.0;

/// The map's lasting state.
pub struct MapMemory {
    /// Centre and zoom.
    pub view: MapView,
    /// Whether the next frame fits the region (first frame, button, double-click).
    pub fit_pending: bool,
    /// An open group list: its events and where it opened.
    pub group: Option<(Vec<usize>, Pos2)>,
    /// The rectangle the map had last frame.
    pub rect: Rect,
    pub(super) world: PreparedWorld,
    pub(super) basemap: PreparedBasemap,
    pub(super) situation: PreparedSituation,
    pub(super) cities: CityCache,
    pub(super) cells: CellCache,
    /// The labels drawn last frame and where.
    pub placed_labels: Vec<PlacedLabel>,
    /// The screen rectangles markers, arrows, controls and labels took last frame.
    pub occupied: Vec<Rect>,
    /// Leave out the interactive controls (zoom buttons, the cursor's coordinates): the map is
    /// drawn for publication.
    pub for_publication: bool,
    /// The names of the situation's areas, lines and points drawn last frame.
    pub situation_drawn: Vec<String>,
    /// Where the context menu was opened, in longitude/latitude.
    pub(super) menu_at: Option<(f64, f64)>,
    /// A box being drawn with shift-drag.
    pub(super) box_drag: super::area_select::BoxDrag,
}

impl MapMemory {
    /// The memory of a map of `situation` over `basemap` and the low-detail `world`, naming the
    /// cities of `gazetteer` whatever the data, and fitting the region on its first frame.
    pub fn new(
        basemap: &Basemap,
        world: &Basemap,
        situation: &Situation,
        gazetteer: &[Place],
    ) -> MapMemory {
        MapMemory {
            view: MapView::default(),
            fit_pending: true,
            group: None,
            rect: Rect::NOTHING,
            world: PreparedWorld::new(world, basemap),
            basemap: PreparedBasemap::new(basemap),
            situation: PreparedSituation::new(situation),
            cities: CityCache::new(gazetteer),
            cells: CellCache::default(),
            placed_labels: Vec::new(),
            occupied: Vec::new(),
            for_publication: false,
            situation_drawn: Vec::new(),
            menu_at: None,
            box_drag: super::area_select::BoxDrag::default(),
        }
    }

    /// Whether a geographic point was on screen last frame.
    pub fn shows(&self, lon: f64, lat: f64) -> bool {
        self.rect.is_positive()
            && self
                .rect
                .shrink(IN_VIEW_MARGIN)
                .contains(Projector::new(self.view, self.rect).project(lon, lat))
    }

    /// The view zoomed by `factor` around the centre.
    pub fn zoomed(&self, factor: f32) -> MapView {
        let mut view = self.view;
        view.zoom_at(f64::from(factor), (0.0, 0.0));
        view
    }

    /// The view centred on a point.
    pub fn centred_on(&self, lon: f64, lat: f64) -> MapView {
        MapView {
            lon,
            lat,
            ..self.view
        }
    }
}
