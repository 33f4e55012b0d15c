//! The map: basemap, cities, event markers grouped when they overlap, arrows toward off-map events,
//! and its controls. UI only: it reads state and emits [`Command`]s.

pub mod arrows;
pub mod basemap_layer;
pub mod clusters;
pub mod edge;
pub mod events_layer;
pub mod grouping;
pub mod labels;
pub mod overlay;
pub mod places_layer;
pub mod projection;

use crate::commands::Command;
use crate::filters::{Filters, Visible};
use crate::io::Basemap;
use crate::model::{Dataset, Place};
use crate::time_control::TimeControl;
use basemap_layer::BasemapLayer;
use eframe::egui::{self, Color32, Pos2, Rect, Sense};
use projection::{MapView, Projector};

/// What the map needs to know to draw a frame.
pub struct MapInput<'a> {
    /// The data.
    pub data: &'a Dataset,
    /// What is visible.
    pub visible: &'a Visible,
    /// The selection.
    pub selected: Option<usize>,
    /// The hovered event.
    pub hovered: Option<usize>,
    /// The time control (for fading in cumulative mode).
    pub time: &'a TimeControl,
    /// The filters (for the legend's toggles).
    pub filters: &'a Filters,
}

/// The map's own state: where it looks, the prepared basemap, the open group list.
pub struct MapState {
    /// Centre and zoom.
    pub view: MapView,
    /// Whether the next frame fits the region (first frame, button, double-click).
    pub fit_pending: bool,
    /// An open group list: its events and where it opened.
    pub group: Option<(Vec<usize>, Pos2)>,
    /// The rectangle the map had last frame.
    pub rect: Rect,
    layer: BasemapLayer,
    cities: Vec<Place>,
}

impl MapState {
    /// Prepares the map for a basemap and a dataset's places.
    pub fn new(basemap: &Basemap, data: &Dataset) -> MapState {
        MapState {
            view: MapView::default(),
            fit_pending: true,
            group: None,
            rect: Rect::NOTHING,
            layer: BasemapLayer::new(basemap),
            cities: places_layer::reference_cities(data),
        }
    }

    /// Takes the cities to label from a new dataset.
    pub fn set_places(&mut self, data: &Dataset) {
        self.cities = places_layer::reference_cities(data);
    }

    /// Whether a geographic point is on screen.
    pub fn shows(&self, lon: f64, lat: f64) -> bool {
        self.rect.is_positive()
            && self
                .rect
                .shrink(20.0)
                .contains(Projector::new(self.view, self.rect).project(lon, lat))
    }

    /// Centres the map on a point.
    pub fn centre_on(&mut self, lon: f64, lat: f64) {
        self.view.lon = lon;
        self.view.lat = lat;
    }

    /// Zooms around the centre.
    pub fn zoom(&mut self, factor: f32) {
        let rect = self.rect;
        self.view.zoom_at(f64::from(factor), rect.center(), rect);
    }
}

/// Draws the map into the available space; returns the commands the user gave.
pub fn map_ui(ui: &mut egui::Ui, state: &mut MapState, input: &MapInput<'_>) -> Vec<Command> {
    let mut commands = Vec::new();
    let rect = ui.available_rect_before_wrap();
    let response = ui.allocate_rect(rect, Sense::click_and_drag());
    response.widget_info(|| egui::WidgetInfo::labeled(egui::Role::Group, true, "Map"));
    state.rect = rect;
    if state.fit_pending || response.double_clicked() {
        state.view = MapView::fit_region(rect.width(), rect.height());
        state.fit_pending = false;
    }
    if response.dragged() {
        let d = response.drag_delta();
        state.view.pan(d.x, d.y);
    }
    if let Some(pointer) = response.hover_pos() {
        let (scroll, pinch) = ui.input(|i| (i.smooth_scroll_delta.y, i.zoom_delta()));
        let factor = f64::from(pinch) * (f64::from(scroll) / 200.0).exp();
        if (factor - 1.0).abs() > 1e-4 {
            state.view.zoom_at(factor, pointer, rect);
        }
    }
    if response.clicked() {
        commands.push(Command::CloseGroup);
        commands.push(Command::Select(None));
    }
    let projector = Projector::new(state.view, rect);
    let painter = ui.painter_at(rect);
    painter.rect_filled(rect, 0.0, Color32::from_rgb(238, 238, 232));
    painter.extend(state.layer.shapes(&projector, state.view));
    let marker_rects = events_layer::events_ui(ui, &painter, &projector, input, &mut commands);
    places_layer::labels_ui(
        &painter,
        &projector,
        &state.layer,
        &state.cities,
        &marker_rects,
    );
    overlay::controls_ui(ui, rect, &mut commands);
    overlay::legend_ui(ui, rect, input.filters, &mut commands);
    overlay::scale_bar(&painter, rect, &state.view);
    overlay::window_caption(&painter, rect, input.time);
    if let Some(pointer) = response.hover_pos() {
        overlay::cursor_position(&painter, rect, projector.unproject(pointer));
    }
    if let Some((events, pos)) = state.group.clone() {
        events_layer::group_list_ui(ui, input.data, &events, pos, &mut commands);
    }
    commands
}
