//! The time window on the timeline: painted as a shaded span with handles, and dragged by its
//! edges, by its body, or drawn anew by dragging outside it. Each edge and the body has its own
//! interact rectangle and cursor; each drag mode has its own small function (after rerun's
//! `re_time_panel`).

use super::{TimelineState, day_at, whole_day, x_of};
use crate::commands::Command;
use crate::model::DayNum;
use crate::palette;
use crate::time_control::TimeControl;
use eframe::egui::{self, CursorIcon, Rect, Response, Sense, Stroke, Ui, pos2, vec2};
use egui_plot::PlotTransform;

/// What a drag on the timeline is doing.
#[derive(Clone, Copy, Debug, PartialEq)]
pub(super) enum Drag {
    /// Moving the window's first day.
    From,
    /// Moving the window's last day.
    To,
    /// Moving the whole window, held `grab` days after its start.
    Move { grab: f64 },
    /// Drawing a new window from `anchor`.
    NewSpan { anchor: f64 },
}

/// Size of the handles drawn on the window's edges, in points.
const HANDLE: egui::Vec2 = vec2(6.0, 22.0);
/// Width of the window's edge lines.
const EDGE_WIDTH: f32 = 2.0;

/// The window's span on screen: from the left of its first day to the right of its last.
fn window_rect(transform: &PlotTransform, time: &TimeControl) -> Rect {
    let frame = *transform.frame();
    let (a, b) = time.query_range();
    let x0 = x_of(transform, f64::from(a));
    let x1 = x_of(transform, f64::from(b + 1)).max(x0 + 2.0);
    Rect::from_x_y_ranges(x0..=x1, frame.y_range())
}

/// Paints the window: a shaded span, its edges and a handle on each.
pub(super) fn paint(painter: &egui::Painter, transform: &PlotTransform, time: &TimeControl) {
    let rect = window_rect(transform, time);
    painter.rect_filled(rect, 0.0, palette::WINDOW_FILL);
    let edge = Stroke::new(EDGE_WIDTH, palette::WINDOW_EDGE);
    painter.line_segment([rect.left_top(), rect.left_bottom()], edge);
    painter.line_segment([rect.right_top(), rect.right_bottom()], edge);
    for x in [rect.left(), rect.right()] {
        let handle = Rect::from_center_size(pos2(x, rect.center().y), HANDLE);
        painter.rect_filled(handle, 2.0, palette::WINDOW_EDGE);
    }
}

/// Drags of the window's edges, its body, and new spans drawn on the plot; returns the new window.
pub(super) fn interact(
    ui: &mut Ui,
    state: &mut TimelineState,
    plot: &Response,
    transform: &PlotTransform,
    time: &TimeControl,
) -> Option<Command> {
    let rect = window_rect(transform, time);
    let grab = ui.style().interaction.resize_grab_radius_side;
    let id = plot.id.with("time-window");
    let edge_rect = |x: f32| Rect::from_x_y_ranges(x - grab..=x + grab, rect.y_range());
    let left = ui
        .interact(edge_rect(rect.left()), id.with("from"), Sense::drag())
        .on_hover_and_drag_cursor(CursorIcon::ResizeHorizontal);
    left.widget_info(|| egui::WidgetInfo::labeled(egui::Role::Slider, true, "Window start"));
    let right = ui
        .interact(edge_rect(rect.right()), id.with("to"), Sense::drag())
        .on_hover_and_drag_cursor(CursorIcon::ResizeHorizontal);
    right.widget_info(|| egui::WidgetInfo::labeled(egui::Role::Slider, true, "Window end"));
    let body_rect = rect.shrink2(vec2(grab, 0.0));
    let body = ui.interact(body_rect, id.with("body"), Sense::drag());
    let cursor = if body.dragged() {
        CursorIcon::Grabbing
    } else {
        CursorIcon::Grab
    };
    let body = body.on_hover_cursor(cursor);
    let (a, b) = time.query_range();
    if left.drag_started() {
        state.drag = Some(Drag::From);
    } else if right.drag_started() {
        state.drag = Some(Drag::To);
    } else if let Some(p) = body.interact_pointer_pos().filter(|_| body.drag_started()) {
        state.drag = Some(Drag::Move {
            grab: day_at(transform, p) - f64::from(a),
        });
    } else if let Some(p) = plot.interact_pointer_pos().filter(|_| plot.drag_started()) {
        state.drag = Some(Drag::NewSpan {
            anchor: day_at(transform, p),
        });
    }
    let responses = [&left, &right, &body, plot];
    if responses.iter().all(|r| !r.dragged()) {
        state.drag = None;
        return None;
    }
    let pointer = responses.iter().find_map(|r| r.interact_pointer_pos())?;
    let day = day_at(transform, pointer);
    let (from, to) = match state.drag? {
        Drag::From => drag_from(day, b),
        Drag::To => drag_to(day, a),
        Drag::Move { grab } => drag_body(day, grab, b - a),
        Drag::NewSpan { anchor } => drag_new_span(anchor, day),
    };
    Some(Command::SetWindow(from, to))
}

/// The window with its first day moved to `day` (never past its last).
fn drag_from(day: f64, to: DayNum) -> (DayNum, DayNum) {
    (whole_day(day).min(to), to)
}

/// The window with its last day moved to `day` (never before its first).
fn drag_to(day: f64, from: DayNum) -> (DayNum, DayNum) {
    (from, whole_day(day).max(from))
}

/// The window moved so that the day it is held by lies under the pointer.
fn drag_body(day: f64, grab: f64, width: DayNum) -> (DayNum, DayNum) {
    let from = whole_day(day - grab);
    (from, from + width)
}

/// A new window between where the drag started and where it is.
fn drag_new_span(anchor: f64, day: f64) -> (DayNum, DayNum) {
    (whole_day(anchor.min(day)), whole_day(anchor.max(day)))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_drag_mode_moves_what_it_holds() {
        assert_eq!(drag_from(95.5, 120), (95, 120));
        assert_eq!(
            drag_from(130.0, 120),
            (120, 120),
            "the start never passes the end"
        );
        assert_eq!(drag_to(140.2, 100), (100, 140));
        assert_eq!(
            drag_to(90.0, 100),
            (100, 100),
            "the end never passes the start"
        );
        assert_eq!(drag_body(210.0, 10.5, 30), (199, 229), "the width is kept");
        assert_eq!(drag_new_span(50.0, 20.7), (20, 50));
        assert_eq!(drag_new_span(20.7, 50.0), (20, 50));
    }
}
