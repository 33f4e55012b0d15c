//! The timeline: a calendar axis (egui_plot), events at their dates in category lanes (spans as
//! bars), a density histogram when marks would be unreadable, and the time window that the user
//! drags or types. UI only: it emits [`Command`]s.

pub mod axis;
pub mod controls;

mod density;

use crate::commands::Command;
use crate::filters::{Filters, Visible};
use crate::model::{Category, Dataset, DayNum};
use crate::palette;
use crate::time_control::TimeControl;
use eframe::egui::{self, Color32, Pos2, Rect, Stroke, pos2, vec2};
use egui_plot::{Plot, PlotBounds, PlotPoint, PlotTransform};

/// What the timeline needs to draw a frame.
pub struct TimelineInput<'a> {
    /// The data.
    pub data: &'a Dataset,
    /// What is visible.
    pub visible: &'a Visible,
    /// The time control.
    pub time: &'a TimeControl,
    /// The filters.
    pub filters: &'a Filters,
    /// The selection.
    pub selected: Option<usize>,
    /// The hovered event.
    pub hovered: Option<usize>,
}

/// What a drag on the timeline is doing.
#[derive(Clone, Copy, Debug, PartialEq)]
enum Drag {
    From,
    To,
    Move { grab: f64 },
    NewSpan { anchor: f64 },
}

/// The timeline's own state.
#[derive(Default)]
pub struct TimelineState {
    drag: Option<Drag>,
    /// Plot bounds to apply next frame (to bring the selection into view).
    pub focus: Option<(f64, f64)>,
    /// The typed dates.
    pub controls: controls::ControlsState,
    /// Bring the time window into view if it left the visible range.
    pub follow_window: bool,
    last_bounds: Option<(f64, f64)>,
}

/// More marks than this in view are drawn as a density histogram.
pub const HISTOGRAM_THRESHOLD: usize = 4000;

fn lane_of(category: Category) -> f64 {
    (Category::ALL.len() - 1 - category.index()) as f64
}

/// Draws the controls and the plot.
pub fn timeline_ui(
    ui: &mut egui::Ui,
    state: &mut TimelineState,
    input: &TimelineInput<'_>,
) -> Vec<Command> {
    let mut commands = Vec::new();
    controls::controls_ui(ui, &mut state.controls, input, &mut commands);
    let (first, last) = input.data.time_extent().unwrap_or((0, 1));
    let pad = f64::from((last - first).max(30)) * 0.03;
    let plot = Plot::new("timeline")
        .height(ui.available_height().max(60.0))
        .show_y(false)
        .show_x(false)
        .show_axes([true, false])
        .show_grid([true, false])
        .allow_drag(false)
        .allow_boxed_zoom(false)
        .allow_double_click_reset(false)
        .allow_zoom([true, false])
        .allow_scroll([true, false])
        .default_x_bounds(f64::from(first) - pad, f64::from(last + 1) + pad)
        .default_y_bounds(-0.7, Category::ALL.len() as f64 - 0.3)
        .x_grid_spacer(axis::spacer)
        .x_axis_formatter(|mark, _| axis::format_mark(mark));
    if std::mem::take(&mut state.follow_window)
        && let Some((lo, hi)) = state.last_bounds
    {
        let (a, b) = input.time.query_range();
        let (a, b) = (f64::from(a), f64::from(b + 1));
        if a < lo || b > hi {
            let width = (hi - lo).max(b - a + 2.0);
            let centre = (a + b) / 2.0;
            state.focus = Some((centre - width / 2.0, centre + width / 2.0));
        }
    }
    let focus = state.focus.take();
    let response = plot.show(ui, |plot_ui| {
        if let Some((a, b)) = focus {
            plot_ui.set_plot_bounds(PlotBounds::from_min_max(
                [a, -0.7],
                [b, Category::ALL.len() as f64 - 0.3],
            ));
        }
        plot_ui.set_plot_bounds_y(-0.7..=Category::ALL.len() as f64 - 0.3);
    });
    let transform = response.transform;
    state.last_bounds = Some((transform.bounds().min()[0], transform.bounds().max()[0]));
    let plot_response = response.response;
    plot_response.widget_info(|| egui::WidgetInfo::labeled(egui::Role::Group, true, "Timeline"));
    let painter = ui.painter_at(*transform.frame());
    paint_window(&painter, &transform, input.time);
    let marks = paint_events(&painter, &transform, input);
    handle_pointer(
        ui,
        state,
        &plot_response,
        &transform,
        input,
        &marks,
        &mut commands,
    );
    commands
}

fn x_of(transform: &PlotTransform, day: f64) -> f32 {
    transform.position_from_point(&PlotPoint::new(day, 0.0)).x
}

fn y_of(transform: &PlotTransform, lane: f64) -> f32 {
    transform.position_from_point(&PlotPoint::new(0.0, lane)).y
}

fn paint_window(painter: &egui::Painter, transform: &PlotTransform, time: &TimeControl) {
    let frame = *transform.frame();
    let (a, b) = time.query_range();
    let x0 = x_of(transform, f64::from(a));
    let x1 = x_of(transform, f64::from(b + 1)).max(x0 + 2.0);
    let rect = Rect::from_x_y_ranges(x0..=x1, frame.y_range());
    painter.rect_filled(rect, 0.0, palette::WINDOW_FILL);
    let edge = Stroke::new(2.0, Color32::from_rgb(40, 90, 160));
    painter.line_segment([rect.left_top(), rect.left_bottom()], edge);
    painter.line_segment([rect.right_top(), rect.right_bottom()], edge);
    for x in [rect.left(), rect.right()] {
        let handle = Rect::from_center_size(pos2(x, frame.center().y), vec2(6.0, 22.0));
        painter.rect_filled(handle, 2.0, Color32::from_rgb(40, 90, 160));
    }
}

/// A mark drawn on the timeline, for hit-testing.
struct MarkHit {
    event: usize,
    rect: Rect,
}

fn paint_events(
    painter: &egui::Painter,
    transform: &PlotTransform,
    input: &TimelineInput<'_>,
) -> Vec<MarkHit> {
    let data = input.data;
    let bounds = transform.bounds();
    let (lo, hi) = (
        bounds.min()[0].floor() as DayNum,
        bounds.max()[0].ceil() as DayNum,
    );
    let frame = *transform.frame();
    let in_view = data.count_in_window(lo, hi);
    if in_view > HISTOGRAM_THRESHOLD {
        density::paint_histogram(painter, transform, input, lo, hi);
        return Vec::new();
    }
    let lane_h = (y_of(transform, 0.0) - y_of(transform, 1.0)).abs();
    let bar_h = (lane_h * 0.55).clamp(4.0, 16.0);
    let mask = input.filters.mask(data);
    // sorted ascending: membership by binary search, no per-frame set of the whole window
    let in_window = &input.visible.in_window;
    let mut hits = Vec::new();
    for i in data.in_window(lo, hi) {
        let Some(e) = data.view(i) else { continue };
        if mask.as_ref().is_some_and(|m| !m.contains(i)) {
            continue;
        }
        let Some((s, end)) = e.date.days() else {
            continue;
        };
        let y = y_of(transform, lane_of(e.category));
        let x0 = x_of(transform, f64::from(s));
        let x1 = x_of(transform, f64::from(end + 1));
        let (x0, x1) = if x1 - x0 < 5.0 {
            let c = (x0 + x1) / 2.0;
            (c - 2.5, c + 2.5)
        } else {
            (x0, x1)
        };
        let rect = Rect::from_x_y_ranges(x0..=x1, (y - bar_h / 2.0)..=(y + bar_h / 2.0));
        if !frame.intersects(rect) {
            continue;
        }
        let mut color = palette::category_color(e.category);
        if in_window.binary_search(&i).is_err() {
            color = color.gamma_multiply(0.3);
        }
        let multi_day = e.date.precision != crate::model::Precision::Day || end > s;
        let fill = if multi_day {
            color.gamma_multiply(0.75)
        } else {
            color
        };
        painter.rect_filled(rect, 2.0, fill);
        if Some(i) == input.selected {
            painter.rect_stroke(
                rect.expand(2.0),
                2.0,
                Stroke::new(2.5, palette::SELECTED),
                egui::StrokeKind::Outside,
            );
        } else if Some(i) == input.hovered {
            painter.rect_stroke(
                rect.expand(1.0),
                2.0,
                Stroke::new(2.0, Color32::WHITE),
                egui::StrokeKind::Outside,
            );
        }
        hits.push(MarkHit { event: i, rect });
    }
    for c in Category::ALL {
        let y = y_of(transform, lane_of(c));
        let galley = painter.layout_no_wrap(
            c.label().to_owned(),
            egui::FontId::proportional(10.0),
            Color32::from_gray(70),
        );
        let pos = pos2(frame.left() + 4.0, y - galley.size().y / 2.0);
        let bg = Rect::from_min_size(pos, galley.size()).expand(1.5);
        painter.rect_filled(bg, 2.0, Color32::from_rgba_unmultiplied(255, 255, 255, 190));
        painter.galley(pos, galley, Color32::from_gray(70));
    }
    hits
}

fn handle_pointer(
    ui: &egui::Ui,
    state: &mut TimelineState,
    response: &egui::Response,
    transform: &PlotTransform,
    input: &TimelineInput<'_>,
    marks: &[MarkHit],
    commands: &mut Vec<Command>,
) {
    let day_at = |p: Pos2| transform.value_from_position(p).x;
    let (a, b) = input.time.query_range();
    let x_from = x_of(transform, f64::from(a));
    let x_to = x_of(transform, f64::from(b + 1));
    let hit = |p: Pos2| {
        marks
            .iter()
            .rev()
            .find(|m| m.rect.expand(2.0).contains(p))
            .map(|m| m.event)
    };
    if let Some(p) = response.hover_pos() {
        if let Some(i) = hit(p) {
            commands.push(Command::Hover(Some(i)));
            if let Some(e) = input.data.view(i) {
                egui::Tooltip::always_open(
                    ui.ctx().clone(),
                    ui.layer_id(),
                    response.id.with("tip"),
                    egui::PopupAnchor::Pointer,
                )
                .show(|ui| {
                    ui.label(format!("{} — {}", e.date.short(), e.title));
                });
            }
        } else if (p.x - x_from).abs() < 6.0 || (p.x - x_to).abs() < 6.0 {
            ui.ctx().set_cursor_icon(egui::CursorIcon::ResizeHorizontal);
        }
    }
    if response.clicked()
        && let Some(p) = response.interact_pointer_pos()
        && let Some(i) = hit(p)
    {
        commands.push(Command::Select(Some(i)));
    }
    if response.drag_started()
        && let Some(p) = response.interact_pointer_pos()
    {
        let d = day_at(p);
        state.drag = Some(if (p.x - x_from).abs() < 6.0 {
            Drag::From
        } else if (p.x - x_to).abs() < 6.0 {
            Drag::To
        } else if p.x > x_from && p.x < x_to {
            Drag::Move {
                grab: d - f64::from(a),
            }
        } else {
            Drag::NewSpan { anchor: d }
        });
    }
    if response.dragged()
        && let (Some(drag), Some(p)) = (state.drag, response.interact_pointer_pos())
    {
        let d = day_at(p);
        let day = |x: f64| x.floor() as DayNum;
        let window = match drag {
            Drag::From => (day(d).min(b), b),
            Drag::To => (a, day(d).max(a)),
            Drag::Move { grab } => {
                let from = day(d - grab);
                (from, from + (b - a))
            }
            Drag::NewSpan { anchor } => (day(anchor.min(d)), day(anchor.max(d))),
        };
        commands.push(Command::SetWindow(window.0, window.1));
    }
    if response.drag_stopped() {
        state.drag = None;
    }
}
