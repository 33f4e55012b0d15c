//! Markers as egui widgets: allocate their rectangle, interact, describe themselves to AccessKit,
//! paint with the style's visuals, and return a `Response`. One interaction for every kind:
//! hover shows the first events, a click selects a single event or lists a group.

use super::paint;
use super::{Marker, MarkerKind, MarkerSet, marker_radius};
use crate::commands::Command;
use crate::map::MapInput;
use crate::map::arrows::ArrowLayout;
use crate::palette;
use eframe::egui::{self, Color32, Rect, Response, Sense, Ui, UiBuilder, Vec2, Widget};

/// Events listed in a marker's tooltip before "… and N more".
const TOOLTIP_EVENTS: usize = 8;
/// Extra room around a point marker's disc that still reacts to the pointer, in points.
const POINT_HIT_MARGIN: f32 = 4.0;

/// How a marker widget looks.
#[derive(Clone, Debug)]
pub enum Look {
    /// A pie with a count.
    Point,
    /// A count badge in the colour of the main category (the shape's lines are painted apart).
    Badge,
    /// An arrow at the edge with its laid-out label.
    Arrow(ArrowLayout),
}

/// A marker drawn and answering as a widget.
pub struct MarkerWidget<'a> {
    marker: &'a Marker,
    label: String,
    look: Look,
    selected: bool,
    hovered: bool,
}

impl<'a> MarkerWidget<'a> {
    /// A widget for `marker` with its accessible label, highlighted when it holds the selected or
    /// hovered event.
    pub fn new(
        marker: &'a Marker,
        label: String,
        look: Look,
        selected: bool,
        hovered: bool,
    ) -> Self {
        MarkerWidget {
            marker,
            label,
            look,
            selected,
            hovered,
        }
    }

    /// The rectangle the widget takes on screen.
    pub fn rect(&self) -> Rect {
        match &self.look {
            Look::Point => {
                let r = marker_radius(self.marker.count);
                Rect::from_center_size(self.marker.anchor, Vec2::splat(2.0 * r + POINT_HIT_MARGIN))
            }
            Look::Badge => Rect::from_center_size(self.marker.anchor, paint::BADGE_SIZE),
            Look::Arrow(layout) => layout.hit,
        }
    }

    fn color(&self) -> Color32 {
        self.marker
            .categories
            .dominant()
            .map_or(Color32::GRAY, palette::category_color)
    }
}

impl Widget for MarkerWidget<'_> {
    fn ui(self, ui: &mut Ui) -> Response {
        let rect = self.rect();
        let (rect, response) = ui.allocate_exact_size(rect.size(), Sense::click());
        let label = self.label.clone();
        response.widget_info(|| egui::WidgetInfo::labeled(egui::Role::Button, true, &label));
        if ui.is_rect_visible(rect) {
            let hovered = self.hovered || response.hovered();
            let painter = ui.painter();
            let m = self.marker;
            match &self.look {
                Look::Point => {
                    let r = marker_radius(m.count);
                    paint::point(
                        painter,
                        m.anchor,
                        r,
                        &m.categories.shares(),
                        m.count,
                        m.alpha,
                    );
                    paint::ring(painter, m.anchor, r, self.selected, hovered);
                }
                Look::Badge => paint::badge(painter, rect, self.color(), m.count, self.selected),
                Look::Arrow(layout) => layout.paint(painter, self.color(), self.selected),
            }
        }
        response
    }
}

/// Places a marker widget at its rectangle under a stable id, so it keeps its hover state while
/// other markers come and go.
pub fn put_marker(
    ui: &mut Ui,
    id_salt: impl std::hash::Hash + std::fmt::Debug,
    widget: MarkerWidget<'_>,
) -> Response {
    let rect = widget.rect();
    ui.scope_builder(UiBuilder::new().id_salt(id_salt).max_rect(rect), |ui| {
        ui.add(widget)
    })
    .inner
}

/// What the user asked for through a marker: hover highlights its first event and shows the
/// first few in a tooltip; a click selects a single event or opens the list of a group.
pub fn marker_commands(
    response: Response,
    marker: &Marker,
    set: &MarkerSet,
    input: &MapInput<'_>,
) -> Vec<Command> {
    let mut commands = Vec::new();
    let (data, window) = (input.data, &input.visible.in_window);
    if response.hovered() {
        commands.push(Command::Hover(Some(marker.example)));
    }
    if response.clicked() {
        if marker.count == 1 {
            commands.push(Command::CloseGroup);
            commands.push(Command::Select(Some(marker.example)));
        } else {
            let p = response.rect.center();
            let events = set.members(marker, data, window, usize::MAX);
            commands.push(Command::OpenGroup(events, [p.x, p.y]));
        }
    }
    response.on_hover_ui(|ui| {
        let first = set.members(marker, data, window, TOOLTIP_EVENTS);
        for e in first.iter().filter_map(|&i| data.view(i)) {
            ui.label(format!("{} — {}", e.date.short(), e.title));
        }
        if marker.count > first.len() {
            ui.weak(format!(
                "… and {} more (click to list)",
                crate::model::counted::grouped(marker.count - first.len())
            ));
        }
    });
    commands
}

/// Whether the selected and hovered events are among a marker's events.
pub fn highlight(marker: &Marker, set: &MarkerSet, input: &MapInput<'_>) -> (bool, bool) {
    let holds = |event: Option<usize>| {
        event.is_some_and(|i| {
            input.visible.in_window.contains(i) && set.holds(marker, input.data, i)
        })
    };
    (holds(input.selected), holds(input.hovered))
}

/// The key a marker's widget id is made from: its kind and the place of its first event.
pub fn marker_key(marker: &Marker) -> (u8, String) {
    let kind = match marker.kind {
        MarkerKind::Point => 0,
        MarkerKind::Shape { .. } => 1,
        MarkerKind::Edge { .. } => 2,
    };
    (kind, marker.place_name.clone())
}
