//! The timeline's lanes: each event a mark at its dates in its category's lane (spans as bars),
//! strong when it passes the filters and lies in the window, faint otherwise; with the lanes'
//! names, hover tooltips and click to select.

use super::{HISTOGRAM_THRESHOLD, TimelineInput, density, x_of, y_of};
use crate::commands::Command;
use crate::model::{Category, DayNum, Precision};
use crate::palette;
use eframe::egui::{self, FontId, Pos2, Rect, Response, Stroke, StrokeKind, pos2};
use egui_plot::PlotTransform;

/// A mark drawn on the timeline, for hit-testing.
pub(super) struct MarkHit {
    event: usize,
    rect: Rect,
}

/// Narrowest mark, in points (a day at a coarse zoom).
const MIN_MARK: f32 = 5.0;
/// Opacity of marks outside the window or filtered out.
const FAINT: f32 = 0.3;
/// Opacity of the fill of spans longer than a day.
const SPAN_FILL: f32 = 0.75;
/// Font size of the lanes' names.
const LANE_FONT: f32 = 10.0;

/// The lane (plot y) of the map's changes, above the categories.
pub(super) const CHANGES_LANE: f64 = Category::COUNT as f64;

/// The lane (plot y) of a category: the legend's first category on top.
pub(super) fn lane_of(category: Category) -> f64 {
    (Category::COUNT - 1 - category.index()) as f64
}

/// Paints the events in view (or their histogram when there are too many); returns where each
/// mark was drawn, `None` for a histogram, which has no lanes. The lanes' names are painted last,
/// over everything ([`paint_lane_names`]).
pub(super) fn paint(
    painter: &egui::Painter,
    transform: &PlotTransform,
    input: &TimelineInput<'_>,
) -> Option<Vec<MarkHit>> {
    let data = input.data;
    let bounds = transform.bounds();
    let (lo, hi) = (
        bounds.min()[0].floor() as DayNum,
        bounds.max()[0].ceil() as DayNum,
    );
    if data.count_in_window(lo, hi) > HISTOGRAM_THRESHOLD {
        density::paint_histogram(painter, transform, input, lo, hi);
        return None;
    }
    let mut hits = Vec::new();
    for i in data.in_window(lo, hi) {
        if let Some(rect) = paint_mark(painter, transform, input, i) {
            hits.push(MarkHit { event: i, rect });
        }
    }
    Some(hits)
}

/// Paints one event's mark; returns its rectangle if it is on screen.
fn paint_mark(
    painter: &egui::Painter,
    transform: &PlotTransform,
    input: &TimelineInput<'_>,
    i: usize,
) -> Option<Rect> {
    let e = input.data.view(i)?;
    let (s, end) = e.date.days()?;
    let lane_h = (y_of(transform, 0.0) - y_of(transform, 1.0)).abs();
    let bar_h = (lane_h * 0.55).clamp(4.0, 16.0);
    let y = y_of(transform, lane_of(e.category));
    let x0 = x_of(transform, f64::from(s));
    let x1 = x_of(transform, f64::from(end + 1));
    let (x0, x1) = if x1 - x0 < MIN_MARK {
        let c = (x0 + x1) / 2.0;
        (c - MIN_MARK / 2.0, c + MIN_MARK / 2.0)
    } else {
        (x0, x1)
    };
    let rect = Rect::from_x_y_ranges(x0..=x1, (y - bar_h / 2.0)..=(y + bar_h / 2.0));
    if !transform.frame().intersects(rect) {
        return None;
    }
    let strong = input.visible.passes(i) && input.visible.in_window.contains(i);
    let mut color = palette::category_color(e.category);
    if !strong {
        color = color.gamma_multiply(FAINT);
    }
    if e.date.precision != Precision::Day || end > s {
        color = color.gamma_multiply(SPAN_FILL);
    }
    painter.rect_filled(rect, 2.0, color);
    if Some(i) == input.selected {
        let stroke = Stroke::new(2.5, palette::SELECTED);
        painter.rect_stroke(rect.expand(2.0), 2.0, stroke, StrokeKind::Outside);
    } else if Some(i) == input.hovered {
        let stroke = Stroke::new(2.0, palette::HOVERED);
        painter.rect_stroke(rect.expand(1.0), 2.0, stroke, StrokeKind::Outside);
    }
    Some(rect)
}

/// The lanes' names at the left edge, on a light backdrop, over the marks, the map changes'
/// diamonds and the window's edge, so that none hides a name.
pub(super) fn paint_lane_names(painter: &egui::Painter, transform: &PlotTransform) {
    let frame = *transform.frame();
    let lanes = Category::ALL
        .into_iter()
        .map(|c| (c.label(), lane_of(c)))
        .chain([("Map changes", CHANGES_LANE)]);
    for (name, lane) in lanes {
        let y = y_of(transform, lane);
        let galley = painter.layout_no_wrap(
            name.to_owned(),
            FontId::proportional(LANE_FONT),
            palette::LANE_LABEL,
        );
        let pos = pos2(frame.left() + 4.0, y - galley.size().y / 2.0);
        let bg = Rect::from_min_size(pos, galley.size()).expand(1.5);
        painter.rect_filled(bg, 2.0, palette::LANE_LABEL_BACKDROP);
        painter.galley(pos, galley, palette::LANE_LABEL);
    }
}

/// Hover shows a mark's event and highlights it everywhere; a click selects it.
pub(super) fn pointer(
    ui: &egui::Ui,
    plot: &Response,
    input: &TimelineInput<'_>,
    marks: &[MarkHit],
) -> Vec<Command> {
    let mut commands = Vec::new();
    let hit = |p: Pos2| {
        marks
            .iter()
            .rev()
            .find(|m| m.rect.expand(2.0).contains(p))
            .map(|m| m.event)
    };
    let pointer = ui
        .input(|i| i.pointer.hover_pos())
        .filter(|p| plot.rect.contains(*p));
    if let Some(i) = pointer.and_then(hit) {
        commands.push(Command::Hover(Some(i)));
        if let Some(e) = input.data.view(i) {
            egui::Tooltip::always_open(
                ui.ctx().clone(),
                ui.layer_id(),
                plot.id.with("tip"),
                egui::PopupAnchor::Pointer,
            )
            .show(|ui| {
                ui.label(format!("{} — {}", e.date.short(), e.title));
            });
        }
    }
    if plot.clicked()
        && let Some(i) = plot.interact_pointer_pos().and_then(hit)
    {
        commands.push(Command::Select(Some(i)));
    }
    commands
}
