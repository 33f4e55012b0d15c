//! The timeline's lane of map changes: a mark on each day the map of control changes, so that
//! scrubbing across one is visible; hovering names the change and its record, a click moves the
//! window's end there.

use super::lanes::CHANGES_LANE;
use super::{TimelineInput, x_of, y_of};
use crate::commands::Command;
use crate::model::MapChange;
use crate::model::date::day_of;
use crate::palette;
use eframe::egui::{self, Pos2, Rect, Response, Shape, Stroke, pos2, vec2};
use egui_plot::PlotTransform;

/// Half the size of a change's diamond, in points.
const DIAMOND: f32 = 5.0;

/// Paints a diamond and a thin line on each change day in view; returns where each was drawn.
pub(super) fn paint(
    painter: &egui::Painter,
    transform: &PlotTransform,
    changes: &[MapChange],
) -> Vec<(usize, Rect)> {
    let frame = *transform.frame();
    let y = y_of(transform, CHANGES_LANE);
    let mut hits = Vec::new();
    for (k, change) in changes.iter().enumerate() {
        let x = x_of(transform, f64::from(day_of(change.day)));
        if !(frame.left()..=frame.right()).contains(&x) {
            continue;
        }
        let stroke = Stroke::new(1.0, palette::MAP_CHANGE.gamma_multiply(0.5));
        painter.line_segment([pos2(x, y), pos2(x, frame.bottom())], stroke);
        let p = pos2(x, y);
        let d = DIAMOND;
        let diamond = vec![
            p + vec2(0.0, -d),
            p + vec2(d, 0.0),
            p + vec2(0.0, d),
            p + vec2(-d, 0.0),
        ];
        painter.add(Shape::convex_polygon(
            diamond,
            palette::MAP_CHANGE,
            Stroke::new(1.0, palette::MARKER_RIM),
        ));
        hits.push((
            k,
            Rect::from_center_size(p, vec2(2.0 * d + 4.0, 2.0 * d + 4.0)),
        ));
    }
    hits
}

/// Hover names a change; a click ends the window on its day.
pub(super) fn pointer(
    ui: &egui::Ui,
    plot: &Response,
    input: &TimelineInput<'_>,
    hits: &[(usize, Rect)],
) -> Vec<Command> {
    let hit = |p: Pos2| hits.iter().find(|(_, r)| r.contains(p)).map(|(k, _)| *k);
    let pointer = ui
        .input(|i| i.pointer.hover_pos())
        .filter(|p| plot.rect.contains(*p));
    if let Some(change) = pointer.and_then(hit).and_then(|k| input.changes.get(k)) {
        egui::Tooltip::always_open(
            ui.ctx().clone(),
            ui.layer_id(),
            plot.id.with("change-tip"),
            egui::PopupAnchor::Pointer,
        )
        .show(|ui| {
            ui.strong(format!(
                "{} — {}",
                change.day.format("%-d %b %Y"),
                change.label
            ));
            ui.label(&change.what);
            ui.weak(format!("Source: {}", change.source));
        });
    }
    let clicked = plot
        .clicked()
        .then(|| plot.interact_pointer_pos())
        .flatten();
    match clicked.and_then(hit).and_then(|k| input.changes.get(k)) {
        Some(change) => {
            let day = day_of(change.day);
            let width = input.time.to - input.time.from;
            vec![Command::SetWindow(day - width, day)]
        }
        None => Vec::new(),
    }
}
