//! The map: a stack of layers (world, basemap, situation, area filter, places, events, arrows,
//! labels) over a projection, with its controls. UI only: it reads state and emits [`Command`]s; its lasting state is a [`MapMemory`]
//! the caller owns.

pub mod area_select;
pub mod arrows;
pub mod edge;
pub mod geo_paint;
pub mod group_list;
pub mod labels;
pub mod layer;
pub mod layers;
pub mod markers;
mod memory;
pub mod overlay;
pub mod projection;

pub use memory::MapMemory;

use crate::commands::Command;
use crate::filters::{AreaCatalog, Filters, Visible};
use crate::model::{Dataset, MapView, Situation};
use crate::time_control::TimeControl;
use eframe::egui::{self, Response, Sense, Ui};
use layer::{MapLayer, Scene};
use layers::areas::AreasLayer;
use layers::arrows::ArrowsLayer;
use layers::basemap::BasemapLayer;
use layers::events::EventsLayer;
use layers::labels::LabelsLayer;
use layers::places::PlacesLayer;
use layers::situation::{SituationLayer, situation_day};
use layers::tracks::TracksLayer;
use layers::world::WorldLayer;
use projection::Projector;

/// How fast the scroll wheel zooms: the zoom factor is `exp(scroll / ZOOM_SCROLL_POINTS)`.
const ZOOM_SCROLL_POINTS: f64 = 200.0;
/// Zoom changes smaller than this are ignored.
const ZOOM_EPSILON: f64 = 1e-4;

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
    /// The time control (for fading in cumulative mode, and the caption).
    pub time: &'a TimeControl,
    /// The filters (for the legend's toggles and the area filter).
    pub filters: &'a Filters,
    /// The areas a click can filter to.
    pub areas: &'a AreaCatalog,
    /// Who held what, when.
    pub situation: &'a Situation,
    /// Whether a click sets the place of a proposal under review.
    pub picking_place: bool,
}

/// The view after this frame's drag, scroll and pinch, if they changed it.
fn navigated(ui: &Ui, response: &Response, view: MapView) -> Option<MapView> {
    let mut next = view;
    if response.dragged() {
        let d = response.drag_delta();
        next.pan(f64::from(d.x), f64::from(d.y));
    }
    if let Some(pointer) = response.hover_pos() {
        let (scroll, pinch) = ui.input(|i| (i.smooth_scroll_delta.y, i.zoom_delta()));
        let factor = f64::from(pinch) * (f64::from(scroll) / ZOOM_SCROLL_POINTS).exp();
        if (factor - 1.0).abs() > ZOOM_EPSILON {
            let offset = pointer - response.rect.center();
            next.zoom_at(factor, (f64::from(offset.x), f64::from(offset.y)));
        }
    }
    (next != view).then_some(next)
}

/// The view this frame draws with, and the command that makes the caller keep it.
fn frame_view(ui: &Ui, response: &Response, memory: &MapMemory) -> (MapView, Option<Command>) {
    let rect = response.rect;
    if memory.fit_pending || response.double_clicked() {
        let view = MapView::fit_region(rect.width(), rect.height());
        return (view, Some(Command::SetMapView(view)));
    }
    let drawing_box = memory.box_drag.active() || ui.input(|i| i.modifiers.shift);
    if drawing_box && response.dragged() {
        return (memory.view, None);
    }
    match navigated(ui, response, memory.view) {
        Some(view) => (view, Some(Command::SetMapView(view))),
        None => (memory.view, None),
    }
}

/// Whether egui will throw this pass's drawing away (a panel asked for another pass to settle its
/// layout, as every panel does the first time it is shown) and the pass holds no input the layers
/// would answer. Its layers are then skipped: their work would be lost, and a dataset's first frame
/// would group its markers twice.
fn thrown_away(ui: &Ui) -> bool {
    ui.ctx().will_discard() && ui.input(|i| i.events.is_empty())
}

/// Draws the map into the available space; returns the commands the user gave.
pub fn map_ui(ui: &mut Ui, memory: &mut MapMemory, input: &MapInput<'_>) -> Vec<Command> {
    let rect = ui.available_rect_before_wrap();
    let response = ui.allocate_rect(rect, Sense::click_and_drag());
    response.widget_info(|| egui::WidgetInfo::labeled(egui::Role::Group, true, "Map"));
    memory.rect = rect;
    let (view, view_command) = frame_view(ui, &response, memory);
    let mut commands: Vec<Command> = view_command.into_iter().collect();
    let projector = Projector::new(view, rect);
    commands.extend(area_select::click(ui, &response, &projector, input));
    commands.extend(area_select::context_menu(
        &response,
        &projector,
        input,
        &mut memory.menu_at,
    ));
    let mut scene = Scene::new(input);
    scene.add_panel(overlay::controls_rect(rect));
    // the legends are painted over the layers: what a layer places keeps clear of them
    scene.add_panel(overlay::legend_rect(rect));
    let legend = overlay::situation_legend_rect(rect, input.situation, situation_day(input.time));
    if legend.is_positive() {
        scene.add_panel(legend);
    }
    let caption = overlay::caption_lines(input.time, input.situation);
    let key_points: Vec<egui::Pos2> = memory
        .cities
        .key_points()
        .map(|(lon, lat)| projector.project(lon, lat))
        .collect();
    let avoid = overlay::caption_obstacles(rect, input.time, input.situation, &key_points);
    for line in overlay::caption_rects(&ui.painter_at(rect), rect, &caption, &avoid) {
        scene.add_panel(line);
    }
    let MapMemory {
        world,
        basemap,
        situation,
        situation_drawn,
        cities,
        cells,
        placed_labels,
        ..
    } = memory;
    let layers: [&mut dyn MapLayer; 9] = [
        &mut WorldLayer { prepared: world },
        &mut BasemapLayer { prepared: basemap },
        &mut SituationLayer {
            prepared: situation,
            drawn: situation_drawn,
        },
        &mut AreasLayer,
        &mut PlacesLayer { cities },
        &mut EventsLayer { cells },
        &mut TracksLayer,
        &mut ArrowsLayer,
        &mut LabelsLayer {
            placed: placed_labels,
        },
    ];
    if !thrown_away(ui) {
        for layer in layers {
            commands.extend(layer.ui(ui, &response, &projector, &mut scene));
        }
    }
    memory.occupied = scene.occupied;
    commands.extend(area_select::box_drag(
        ui,
        &response,
        &projector,
        &mut memory.box_drag,
    ));
    commands.extend(overlays_ui(
        ui,
        &response,
        &projector,
        input,
        (&avoid, memory.for_publication),
    ));
    if let Some((events, pos)) = memory.group.clone() {
        group_list::group_list_ui(ui, input.data, &events, pos, &mut commands);
    }
    commands
}

/// The controls and captions over the layers.
fn overlays_ui(
    ui: &mut Ui,
    response: &Response,
    projector: &Projector,
    input: &MapInput<'_>,
    (avoid, for_publication): (&[egui::Rect], bool),
) -> Vec<Command> {
    let rect = projector.rect();
    let painter = ui.painter_at(rect);
    let mut commands = Vec::new();
    if !for_publication {
        commands.extend(overlay::controls_ui(ui, rect));
    }
    commands.extend(overlay::legend_ui(ui, rect, input.filters));
    overlay::scale_bar(&painter, rect, &projector.view());
    let day = situation_day(input.time);
    overlay::caption_ui(
        ui,
        rect,
        &overlay::caption_lines(input.time, input.situation),
        avoid,
    );
    overlay::situation_legend_ui(ui, rect, input.situation, day);
    if let Some(pointer) = response.hover_pos().filter(|_| !for_publication) {
        overlay::cursor_position(&painter, rect, projector.unproject(pointer));
    }
    commands
}
