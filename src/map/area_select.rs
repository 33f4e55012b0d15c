//! Asking the timeline about a place from the map: a click with the command modifier (Ctrl, or
//! Cmd on a Mac) toggles the area under the pointer in the area filter, the context menu lists the
//! areas there, a shift-drag draws a box, and a plain click on the empty sea clears the filter.

use super::MapInput;
use super::layers::situation::situation_day;
use super::projection::Projector;
use crate::commands::Command;
use crate::filters::AreaFilter;
use crate::filters::area::NamedArea;
use crate::io::ShapeKind;
use crate::palette;
use eframe::egui::{Rect, Response, Stroke, StrokeKind, Ui};

/// Where a box being drawn started, in longitude/latitude.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct BoxDrag {
    start: Option<(f64, f64)>,
}

impl BoxDrag {
    /// Whether a box is being drawn (the map must not pan meanwhile).
    pub fn active(&self) -> bool {
        self.start.is_some()
    }
}

/// A click on the map: with the command modifier it toggles the area there; a plain click clears
/// the selection, and on the sea also the area filter.
pub fn click(
    ui: &Ui,
    response: &Response,
    projector: &Projector,
    input: &MapInput<'_>,
) -> Vec<Command> {
    let mut commands = Vec::new();
    let Some(pos) = response
        .interact_pointer_pos()
        .filter(|_| response.clicked())
    else {
        return commands;
    };
    let (lon, lat) = projector.unproject(pos);
    if input.picking_place {
        commands.push(Command::PlaceForReview { lon, lat });
        return commands;
    }
    if ui.input(|i| i.modifiers.command) {
        commands.push(Command::FilterAreaAt { lon, lat });
        return commands;
    }
    commands.push(Command::CloseGroup);
    commands.push(Command::Select(None));
    let day = situation_day(input.time);
    if !input.filters.areas.is_empty() && input.areas.at(lon, lat, day).is_empty() {
        commands.push(Command::ClearAreas);
    }
    commands
}

/// The context menu of the map: filter to an area under the pointer, or clear the area filter.
pub fn context_menu(
    response: &Response,
    projector: &Projector,
    input: &MapInput<'_>,
    menu_at: &mut Option<(f64, f64)>,
) -> Vec<Command> {
    let mut commands = Vec::new();
    if response.secondary_clicked()
        && let Some(pos) = response.interact_pointer_pos()
    {
        *menu_at = Some(projector.unproject(pos));
    }
    let Some((lon, lat)) = *menu_at else {
        return commands;
    };
    response.context_menu(|ui| {
        for area in areas_at(input, lon, lat) {
            let named = AreaFilter::Named(area.name.clone());
            let (text, command) = match input.filters.areas.iter().position(|a| *a == named) {
                Some(k) => (
                    format!("Stop filtering to {}", area.name),
                    Command::RemoveArea(k),
                ),
                None => (
                    format!("Filter to events in {}", area.name),
                    Command::AddArea(named),
                ),
            };
            if ui.button(text).clicked() {
                commands.push(command);
                ui.close();
            }
        }
        if !input.filters.areas.is_empty() && ui.button("Clear the area filter").clicked() {
            commands.push(Command::ClearAreas);
            ui.close();
        }
    });
    commands
}

/// The areas the context menu offers at a point: those a click would pick, then the bands along
/// the lines there (the corridor's only while the basemap draws the corridor).
fn areas_at<'a>(input: &MapInput<'a>, lon: f64, lat: f64) -> Vec<&'a NamedArea> {
    let day = situation_day(input.time);
    let drawn =
        |a: &&NamedArea| a.line != Some(ShapeKind::Corridor) || input.situation.any_area_on(day);
    let bands = input.areas.along(lon, lat).into_iter().filter(drawn);
    input
        .areas
        .at(lon, lat, day)
        .into_iter()
        .chain(bands)
        .collect()
}

/// A shift-drag draws a box; when it is let go the box joins the area filter.
pub fn box_drag(
    ui: &Ui,
    response: &Response,
    projector: &Projector,
    drag: &mut BoxDrag,
) -> Option<Command> {
    let shift = ui.input(|i| i.modifiers.shift);
    if response.drag_started() && shift {
        let origin = ui.input(|i| i.pointer.press_origin());
        drag.start = origin.map(|p| projector.unproject(p));
    }
    let start = drag.start?;
    let pointer = response
        .interact_pointer_pos()
        .or_else(|| ui.input(|i| i.pointer.latest_pos()))?;
    let end = projector.unproject(pointer);
    let rect = Rect::from_two_pos(projector.project(start.0, start.1), pointer);
    paint_box(ui, rect);
    if response.drag_stopped() {
        drag.start = None;
        let big_enough = rect.width() > 3.0 && rect.height() > 3.0;
        return big_enough.then(|| Command::AddArea(AreaFilter::boxed(start, end)));
    }
    None
}

fn paint_box(ui: &Ui, rect: Rect) {
    let painter = ui.painter();
    painter.rect_filled(rect, 0.0, palette::AREA_FILTER.gamma_multiply(0.12));
    painter.rect_stroke(
        rect,
        0.0,
        Stroke::new(2.0, palette::AREA_FILTER),
        StrokeKind::Middle,
    );
}
