//! The timeline: a calendar axis (egui_plot), events at their dates in category lanes (spans as
//! bars), a density histogram when marks would be unreadable, and the time window that the user
//! drags or types. Events passing the filters are drawn strongly, the rest faintly, so the time
//! profile of what is filtered stands out. UI only: it emits [`Command`]s.

pub mod axis;
pub mod controls;

mod changes;
mod density;
mod lanes;
mod window;

use crate::commands::Command;
use crate::filters::Visible;
use crate::model::{Dataset, DayNum};
use crate::time_control::TimeControl;
use eframe::egui::{self, Pos2};
use egui_plot::{Plot, PlotBounds, PlotPoint, PlotTransform};

/// What the timeline needs to draw a frame.
pub struct TimelineInput<'a> {
    /// The data.
    pub data: &'a Dataset,
    /// What is visible (and which events pass the filters).
    pub visible: &'a Visible,
    /// The time control.
    pub time: &'a TimeControl,
    /// The selection.
    pub selected: Option<usize>,
    /// The hovered event.
    pub hovered: Option<usize>,
    /// The days the map of control changes.
    pub changes: &'a [crate::model::MapChange],
}

/// The timeline's own state.
#[derive(Default)]
pub struct TimelineState {
    /// The drag in progress, if any.
    drag: Option<window::Drag>,
    /// Plot bounds to apply next frame (to bring the selection into view).
    pub focus: Option<(f64, f64)>,
    /// The typed dates.
    pub controls: controls::ControlsState,
    /// Bring the time window into view if it left the visible range.
    pub follow_window: bool,
    last_bounds: Option<(f64, f64)>,
}

impl TimelineState {
    /// The days the timeline showed in its last frame, first and last (fractional), if it was
    /// drawn.
    pub fn shown(&self) -> Option<(f64, f64)> {
        self.last_bounds
    }
}

/// More marks than this in view are drawn as a density histogram.
pub const HISTOGRAM_THRESHOLD: usize = 4000;
/// Fraction of the data's span left empty on each side by default.
const SIDE_PAD: f64 = 0.03;
/// The plot's lanes reach from a little below the last lane to a little above the first.
const LANE_MARGIN: (f64, f64) = (0.7, 0.3);

/// The y range of the lanes: the categories, and the map changes on top.
fn lane_bounds() -> (f64, f64) {
    (-LANE_MARGIN.0, lanes::CHANGES_LANE + 1.0 - LANE_MARGIN.1)
}

/// The timeline's range showing the days `first` to `last` whole, with a little room on each
/// side for the lanes' names.
///
/// ```
/// use caucasus_atlas::timeline::whole_span;
/// // a thousand days, and 3 % of them on each side
/// let (a, b) = whole_span((0, 1000));
/// assert!((a + 30.0).abs() < 1e-9 && (b - 1031.0).abs() < 1e-9, "{a} {b}");
/// ```
pub fn whole_span((first, last): (DayNum, DayNum)) -> (f64, f64) {
    let pad = f64::from((last - first).max(30)) * SIDE_PAD;
    (f64::from(first) - pad, f64::from(last + 1) + pad)
}

/// Draws the controls and the plot.
pub fn timeline_ui(
    ui: &mut egui::Ui,
    state: &mut TimelineState,
    input: &TimelineInput<'_>,
) -> Vec<Command> {
    let mut commands = Vec::new();
    controls::controls_ui(ui, &mut state.controls, input, &mut commands);
    let (first, last) = input.data.time_extent().unwrap_or(input.time.extent);
    let (left, right) = whole_span((first, last));
    let (y0, y1) = lane_bounds();
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
        .default_x_bounds(left, right)
        .default_y_bounds(y0, y1)
        .x_grid_spacer(axis::spacer)
        .x_axis_formatter(|mark, _| axis::format_mark(mark));
    follow_window(state, input.time);
    let focus = state.focus.take();
    let response = plot.show(ui, |plot_ui| {
        if let Some((a, b)) = focus {
            plot_ui.set_plot_bounds(PlotBounds::from_min_max([a, y0], [b, y1]));
        }
        plot_ui.set_plot_bounds_y(y0..=y1);
    });
    let transform = response.transform;
    state.last_bounds = Some((transform.bounds().min()[0], transform.bounds().max()[0]));
    let plot_response = response.response;
    plot_response.widget_info(|| egui::WidgetInfo::labeled(egui::Role::Group, true, "Timeline"));
    let painter = ui.painter_at(*transform.frame());
    window::paint(&painter, &transform, input.time);
    let marks = lanes::paint(&painter, &transform, input);
    let changes = changes::paint(&painter, &transform, input.changes);
    if marks.is_some() {
        lanes::paint_lane_names(&painter, &transform);
    }
    let marks = marks.unwrap_or_default();
    commands.extend(lanes::pointer(ui, &plot_response, input, &marks));
    commands.extend(changes::pointer(ui, &plot_response, input, &changes));
    commands.extend(window::interact(
        ui,
        state,
        &plot_response,
        &transform,
        input.time,
    ));
    commands
}

/// Asks for the plot to move when the window has left its visible range.
fn follow_window(state: &mut TimelineState, time: &TimeControl) {
    if !std::mem::take(&mut state.follow_window) {
        return;
    }
    let Some((lo, hi)) = state.last_bounds else {
        return;
    };
    let (a, b) = time.query_range();
    let (a, b) = (f64::from(a), f64::from(b + 1));
    if a < lo || b > hi {
        let width = (hi - lo).max(b - a + 2.0);
        let centre = (a + b) / 2.0;
        state.focus = Some((centre - width / 2.0, centre + width / 2.0));
    }
}

fn x_of(transform: &PlotTransform, day: f64) -> f32 {
    transform.position_from_point(&PlotPoint::new(day, 0.0)).x
}

fn y_of(transform: &PlotTransform, lane: f64) -> f32 {
    transform.position_from_point(&PlotPoint::new(0.0, lane)).y
}

fn day_at(transform: &PlotTransform, p: Pos2) -> f64 {
    transform.value_from_position(p).x
}

/// The whole day a plot position falls in.
fn whole_day(x: f64) -> DayNum {
    x.floor() as DayNum
}
