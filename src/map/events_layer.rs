//! Event markers: grouped circles (a pie of categories with a count), shapes for events placed on a
//! region or line, faded dots, and arrows at the edge toward events off the map.

use super::MapInput;
use super::arrows::paint_arrow;
use super::clusters::{AGGREGATE_THRESHOLD, aggregate_ui, faded_density};
use super::edge::edge_anchor;
use super::grouping::{Group, Mark, group_marks};
use super::projection::Projector;
use crate::commands::Command;
use crate::model::{Category, Dataset, EventView};
use crate::palette;
use crate::time_control::Mode;
use eframe::egui::{
    self, Align2, Color32, FontId, Mesh, Painter, Pos2, Rect, Sense, Shape, Stroke, Vec2, vec2,
};
use geo::{Geometry, InteriorPoint};
use std::collections::BTreeMap;

/// Markers closer than this (points) group together.
pub const GROUP_RADIUS: f32 = 22.0;

/// Opacity of an event: 1 in window mode; fading with age in cumulative mode.
pub(super) fn alpha_of(event: &EventView<'_>, input: &MapInput<'_>) -> f32 {
    if input.time.mode != Mode::Cumulative {
        return 1.0;
    }
    let (a, b) = input.time.query_range();
    let end = event.date.days().map_or(b, |d| d.1.min(b));
    let span = (b - a).max(1) as f32;
    let age = (b - end).max(0) as f32 / span;
    (1.0 - 0.8 * age).clamp(0.2, 1.0)
}

pub(super) fn marker_radius(n: usize) -> f32 {
    7.0 + 2.4 * (n as f32).ln().max(0.0)
}

/// Category counts of a set of events, largest first.
pub(super) fn category_counts(data: &Dataset, events: &[usize]) -> Vec<(Category, usize)> {
    let mut counts = [0usize; 8];
    for &i in events {
        if let Some(e) = data.view(i) {
            counts[e.category.index()] += 1;
        }
    }
    let mut out: Vec<(Category, usize)> = Category::ALL
        .into_iter()
        .map(|c| (c, counts[c.index()]))
        .filter(|(_, n)| *n > 0)
        .collect();
    out.sort_by_key(|s| std::cmp::Reverse(s.1));
    out
}

/// A filled pie of category shares.
pub(super) fn pie(centre: Pos2, radius: f32, shares: &[(Category, usize)], alpha: f32) -> Shape {
    let total: usize = shares.iter().map(|s| s.1).sum();
    let mut mesh = Mesh::default();
    let mut angle = -std::f32::consts::FRAC_PI_2;
    for &(category, n) in shares {
        let sweep = std::f32::consts::TAU * n as f32 / total.max(1) as f32;
        let color = palette::category_color(category).gamma_multiply(alpha);
        let steps = ((sweep / 0.2).ceil() as usize).max(1);
        let base = mesh.vertices.len() as u32;
        mesh.colored_vertex(centre, color);
        for k in 0..=steps {
            let a = angle + sweep * k as f32 / steps as f32;
            mesh.colored_vertex(centre + radius * vec2(a.cos(), a.sin()), color);
        }
        for k in 0..steps as u32 {
            mesh.add_triangle(base, base + 1 + k, base + 2 + k);
        }
        angle += sweep;
    }
    Shape::mesh(mesh)
}

pub(super) fn label_for(data: &Dataset, events: &[usize], suffix: &str) -> String {
    let first = events.first().and_then(|&i| data.view(i));
    match (events.len(), first) {
        (1, Some(e)) => e.title.to_owned(),
        (n, Some(e)) => {
            let same_place = events
                .iter()
                .filter_map(|&i| data.view(i))
                .all(|x| x.place_name == e.place_name);
            let prep = if same_place { "at" } else { "near" };
            format!("{n} events {prep} {}{suffix}", e.place_name)
        }
        _ => String::new(),
    }
}

/// Interaction shared by every marker kind: hover, tooltip, click to select or list.
pub(super) fn interact_marker(
    ui: &mut egui::Ui,
    data: &Dataset,
    rect: Rect,
    events: &[usize],
    label: String,
    commands: &mut Vec<Command>,
) {
    let Some(&first) = events.first() else {
        return;
    };
    let id = ui
        .scope_id()
        .with(("marker", first, events.len(), label.as_str()));
    let response = ui.interact(rect, id, Sense::click());
    response.widget_info(|| egui::WidgetInfo::labeled(egui::Role::Button, true, &label));
    if response.hovered() {
        commands.push(Command::Hover(Some(first)));
    }
    if response.clicked() {
        if events.len() == 1 {
            commands.push(Command::CloseGroup);
            commands.push(Command::Select(Some(first)));
        } else {
            let p = rect.center();
            commands.push(Command::OpenGroup(events.to_vec(), [p.x, p.y]));
        }
    }
    response.on_hover_ui(|ui| {
        for &i in events.iter().take(8) {
            if let Some(e) = data.view(i) {
                ui.label(format!("{} — {}", e.date.short(), e.title));
            }
        }
        if events.len() > 8 {
            ui.weak(format!("… and {} more (click to list)", events.len() - 8));
        }
    });
}

pub(super) fn ring(painter: &Painter, centre: Pos2, radius: f32, selected: bool, hovered: bool) {
    if selected {
        painter.circle_stroke(centre, radius + 3.0, Stroke::new(3.0, palette::SELECTED));
    } else if hovered {
        painter.circle_stroke(centre, radius + 2.0, Stroke::new(2.5, palette::HOVERED));
        painter.circle_stroke(centre, radius + 4.0, Stroke::new(1.0, palette::SELECTED));
    }
}

/// Screen points of a geometry's lines (polygons: their rings).
fn screen_lines(geometry: &Geometry<f64>, projector: &Projector) -> Vec<Vec<Pos2>> {
    let project =
        |ls: &geo::LineString<f64>| ls.coords().map(|c| projector.project(c.x, c.y)).collect();
    match geometry {
        Geometry::LineString(ls) => vec![project(ls)],
        Geometry::MultiLineString(m) => m.0.iter().map(project).collect(),
        Geometry::Polygon(p) => vec![project(p.exterior())],
        Geometry::MultiPolygon(m) => m.0.iter().map(|p| project(p.exterior())).collect(),
        _ => Vec::new(),
    }
}

/// Where a shape's badge sits: the interior point of an area, the middle vertex of a line.
fn anchor_of(geometry: &Geometry<f64>) -> Option<(f64, f64)> {
    match geometry {
        Geometry::Polygon(_) | Geometry::MultiPolygon(_) => {
            geometry.interior_point().map(|p| (p.x(), p.y()))
        }
        _ => {
            let lines = match geometry {
                Geometry::LineString(ls) => vec![ls.clone()],
                Geometry::MultiLineString(m) => m.0.clone(),
                _ => Vec::new(),
            };
            let longest = lines.iter().max_by_key(|l| l.0.len())?;
            longest.0.get(longest.0.len() / 2).map(|c| (c.x, c.y))
        }
    }
}

/// Draws every event layer; returns the rectangles markers cover (labels avoid them).
pub fn events_ui(
    ui: &mut egui::Ui,
    painter: &Painter,
    projector: &Projector,
    input: &MapInput<'_>,
    commands: &mut Vec<Command>,
) -> Vec<Rect> {
    let data = input.data;
    let rect = projector.rect();
    let inner = rect.shrink(8.0);
    if input.visible.faded.len() > AGGREGATE_THRESHOLD {
        faded_density(painter, projector, data, &input.visible.faded);
    } else {
        for &i in &input.visible.faded {
            if let Some(e) = data.view(i).filter(|e| !e.off_map) {
                let p = projector.project(e.lon, e.lat);
                if inner.contains(p) {
                    let c = palette::category_color(e.category).gamma_multiply(0.3);
                    painter.circle_filled(p, 4.0, c);
                }
            }
        }
    }
    if input.visible.in_window.len() > AGGREGATE_THRESHOLD {
        return aggregate_ui(ui, painter, projector, input, commands);
    }
    let mut shapes: BTreeMap<&str, Vec<usize>> = BTreeMap::new();
    let mut marks = Vec::new();
    let mut off_screen: BTreeMap<&str, Vec<usize>> = BTreeMap::new();
    for &i in &input.visible.in_window {
        let Some(e) = data.view(i).filter(EventView::is_placed) else {
            continue;
        };
        if let (Some(_), Some(name)) = (&e.shape, &e.shape_name) {
            shapes.entry(*name).or_default().push(i);
            continue;
        }
        let p = projector.project(e.lon, e.lat);
        if e.off_map || !inner.contains(p) {
            off_screen.entry(e.place).or_default().push(i);
        } else {
            marks.push(Mark {
                event: i,
                pos: p,
                place: e.place,
            });
        }
    }
    let mut covered = Vec::new();
    for events in shapes.values() {
        covered.extend(shape_ui(ui, painter, projector, input, events, commands));
    }
    for group in group_marks(&marks, GROUP_RADIUS) {
        covered.push(group_ui(ui, painter, input, &group, commands));
    }
    let mut placed = vec![super::overlay::controls_rect(projector.rect())];
    for events in off_screen.values() {
        arrow_ui(ui, painter, projector, input, events, &mut placed, commands);
    }
    covered
}

fn group_ui(
    ui: &mut egui::Ui,
    painter: &Painter,
    input: &MapInput<'_>,
    group: &Group,
    commands: &mut Vec<Command>,
) -> Rect {
    let data = input.data;
    let n = group.events.len();
    let r = marker_radius(n);
    let alpha = group
        .events
        .iter()
        .filter_map(|&i| data.view(i))
        .map(|e| alpha_of(&e, input))
        .fold(0.0f32, f32::max);
    let shares = category_counts(data, &group.events);
    painter.add(pie(group.pos, r, &shares, alpha));
    painter.circle_stroke(
        group.pos,
        r,
        Stroke::new(1.5, Color32::WHITE.gamma_multiply(alpha)),
    );
    if n > 1 {
        painter.circle_filled(group.pos, r * 0.62, Color32::WHITE.gamma_multiply(alpha));
        painter.text(
            group.pos,
            Align2::CENTER_CENTER,
            n.to_string(),
            FontId::proportional(11.0),
            Color32::BLACK,
        );
    }
    let selected = input.selected.is_some_and(|s| group.events.contains(&s));
    let hovered = input.hovered.is_some_and(|h| group.events.contains(&h));
    ring(painter, group.pos, r, selected, hovered);
    let rect = Rect::from_center_size(group.pos, Vec2::splat(2.0 * r + 4.0));
    interact_marker(
        ui,
        data,
        rect,
        &group.events,
        label_for(data, &group.events, ""),
        commands,
    );
    rect
}

pub(super) fn shape_ui(
    ui: &mut egui::Ui,
    painter: &Painter,
    projector: &Projector,
    input: &MapInput<'_>,
    events: &[usize],
    commands: &mut Vec<Command>,
) -> Option<Rect> {
    let data = input.data;
    let first = data.view(*events.first()?)?;
    let geometry = first.shape.as_ref()?;
    let shares = category_counts(data, events);
    let color = palette::category_color(shares.first()?.0);
    let selected = input.selected.is_some_and(|s| events.contains(&s));
    let hovered = input.hovered.is_some_and(|h| events.contains(&h));
    let width = if selected || hovered { 6.0 } else { 4.0 };
    for line in screen_lines(geometry, projector) {
        if selected {
            painter.add(Shape::line(
                line.clone(),
                Stroke::new(width + 3.0, palette::SELECTED),
            ));
        }
        painter.add(Shape::line(
            line,
            Stroke::new(width, color.gamma_multiply(0.85)),
        ));
    }
    let (lon, lat) = anchor_of(geometry)?;
    let p = projector.project(lon, lat);
    let rect = Rect::from_center_size(p, vec2(24.0, 18.0));
    if !projector.rect().contains(p) {
        return None;
    }
    painter.rect_filled(rect, 3.0, color);
    painter.rect_stroke(
        rect,
        3.0,
        Stroke::new(
            if selected { 3.0 } else { 1.5 },
            if selected {
                palette::SELECTED
            } else {
                Color32::WHITE
            },
        ),
        egui::StrokeKind::Outside,
    );
    painter.text(
        p,
        Align2::CENTER_CENTER,
        events.len().to_string(),
        FontId::proportional(11.0),
        Color32::WHITE,
    );
    let name = first.shape_name.unwrap_or_default();
    let label = if events.len() == 1 {
        first.title.to_owned()
    } else {
        format!("{} events on {name}", events.len())
    };
    interact_marker(ui, data, rect, events, label, commands);
    Some(rect)
}

fn arrow_ui(
    ui: &mut egui::Ui,
    painter: &Painter,
    projector: &Projector,
    input: &MapInput<'_>,
    events: &[usize],
    placed: &mut Vec<Rect>,
    commands: &mut Vec<Command>,
) {
    let data = input.data;
    let Some(first) = events.first().and_then(|&i| data.view(i)) else {
        return;
    };
    let target = projector.project(first.lon, first.lat);
    let rect = projector.rect();
    let Some((anchor, dir)) = edge_anchor(rect, target, 30.0).or_else(|| {
        // inside the view but flagged off-map: point from the centre toward it
        let d = (target - rect.center()).normalized();
        Some((target, if d.length() > 0.0 { d } else { vec2(0.0, -1.0) }))
    }) else {
        return;
    };
    let shares = category_counts(data, events);
    let color = shares
        .first()
        .map_or(Color32::GRAY, |s| palette::category_color(s.0));
    let selected = input.selected.is_some_and(|s| events.contains(&s));
    let count = events.len().to_string();
    let hit = paint_arrow(
        painter,
        rect,
        anchor,
        dir,
        color,
        first.place_name,
        count,
        selected,
        placed,
    );
    let label = if events.len() == 1 {
        format!("{} (off map, {})", first.title, first.place_name)
    } else {
        format!("{} events at {} (off map)", events.len(), first.place_name)
    };
    interact_marker(ui, data, hit, events, label, commands);
}

/// The list that opens when a group is clicked.
pub fn group_list_ui(
    ui: &mut egui::Ui,
    data: &Dataset,
    events: &[usize],
    pos: Pos2,
    commands: &mut Vec<Command>,
) {
    egui::Area::new(ui.scope_id().with("group-list"))
        .order(egui::Order::Foreground)
        .fixed_pos(pos + vec2(12.0, 12.0))
        .show(ui.ctx(), |ui| {
            egui::Frame::popup(ui.style()).show(ui, |ui| {
                ui.horizontal(|ui| {
                    ui.strong(format!("{} events here", events.len()));
                    if ui.small_button("Close").clicked() {
                        commands.push(Command::CloseGroup);
                    }
                });
                // virtualized: a cluster may hold hundreds of thousands of events
                let row_height = ui.spacing().interact_size.y;
                egui::ScrollArea::vertical().max_height(320.0).show_rows(
                    ui,
                    row_height,
                    events.len(),
                    |ui, rows| {
                        ui.set_max_width(380.0);
                        for &i in &events[rows] {
                            let Some(e) = data.view(i) else { continue };
                            let color = palette::category_color(e.category);
                            ui.horizontal(|ui| {
                                let (r, _) =
                                    ui.allocate_exact_size(vec2(10.0, 10.0), Sense::hover());
                                ui.painter().circle_filled(r.center(), 5.0, color);
                                let response = ui.selectable_label(
                                    false,
                                    format!("{} — {}", e.date.short(), e.title),
                                );
                                if response.hovered() {
                                    commands.push(Command::Hover(Some(i)));
                                }
                                if response.clicked() {
                                    commands.push(Command::Select(Some(i)));
                                }
                            });
                        }
                    },
                );
            });
        });
}
