//! The tracks layer: events that move (a line with a time at each vertex) drawn up to the slider's
//! moment, the rest of the way faint, with a head at the interpolated position that glides while
//! playback runs. Hovering the head names the event; a click selects it.

use crate::commands::Command;
use crate::map::layer::{MapLayer, Scene};
use crate::map::projection::Projector;
use crate::palette;
use eframe::egui::{self, Pos2, Rect, Response, Sense, Shape, Stroke, Ui, Vec2};

/// Width of the part of a track already travelled.
const TRAVELLED: f32 = 3.0;
/// Width of the part still to come.
const AHEAD: f32 = 1.5;
/// Radius of a track's head.
const HEAD: f32 = 6.0;

/// The tracks as a map layer.
pub struct TracksLayer;

impl MapLayer for TracksLayer {
    fn ui(
        &mut self,
        ui: &mut Ui,
        _: &Response,
        projector: &Projector,
        scene: &mut Scene<'_>,
    ) -> Vec<Command> {
        let input = scene.input;
        let moment = input.time.moment();
        let painter = ui.painter_at(projector.rect());
        let mut commands = Vec::new();
        let project = |p: [f64; 2]| projector.project(p[0], p[1]);
        for (i, track) in input.data.tracks() {
            if !input.visible.in_window.contains(i) {
                continue;
            }
            let Some(e) = input.data.view(i) else {
                continue;
            };
            let color = palette::category_color(e.category);
            let all: Vec<Pos2> = track
                .points()
                .iter()
                .map(|p| project([p.lon, p.lat]))
                .collect();
            painter.add(Shape::dashed_line(
                &all,
                Stroke::new(AHEAD, color.gamma_multiply(0.45)),
                5.0,
                4.0,
            ));
            let progress = track.progress_at_day(moment);
            let mut travelled: Vec<Pos2> = progress
                .passed
                .iter()
                .map(|p| project([p.lon, p.lat]))
                .collect();
            let Some(head) = progress.head.map(project) else {
                continue;
            };
            travelled.push(head);
            painter.add(Shape::line(travelled, Stroke::new(TRAVELLED, color)));
            let selected = input.selected == Some(i);
            let rect = Rect::from_center_size(head, Vec2::splat(2.0 * HEAD + 4.0));
            let response = ui.interact(rect, ui.scope_id().with(("track", i)), Sense::click());
            let label = format!("{} (moving, {})", e.title, e.date.short());
            response.widget_info(|| egui::WidgetInfo::labeled(egui::Role::Button, true, &label));
            let rim = if selected || response.hovered() {
                palette::SELECTED
            } else {
                palette::MARKER_RIM
            };
            painter.circle(head, HEAD, color, Stroke::new(2.0, rim));
            scene.occupied.push(rect);
            if response.hovered() {
                commands.push(Command::Hover(Some(i)));
            }
            if response.clicked() {
                commands.push(Command::Select(Some(i)));
            }
            response.on_hover_text(label);
        }
        commands
    }
}
