//! The events layer: events outside the window faded (dots, or a density grid when there are many),
//! then the window's events grouped into markers: shapes with a count badge, and pies with a count.
//! The markers it groups are left in the scene for the arrows layer.

use crate::commands::Command;
use crate::map::MapInput;
use crate::map::layer::{MapLayer, Scene};
use crate::map::markers::badges::clear_badges;
use crate::map::markers::by_cell::{CellCache, Grid};
use crate::map::markers::by_place::EDGE_MARGIN;
use crate::map::markers::widget::{
    Look, MarkerWidget, highlight, marker_commands, marker_key, put_marker,
};
use crate::map::markers::{AGGREGATE_THRESHOLD, MarkerKind, markers_for, paint};
use crate::map::projection::Projector;
use crate::model::dataset::Columns;
use crate::palette;
use eframe::egui::{Painter, Pos2, Rect, Response, Ui, Vec2};
use geo::Geometry;
use std::collections::HashMap;

/// Radius of a faded event's dot, in points.
const FADED_DOT: f32 = 4.0;
/// Opacity of faded dots.
const FADED_ALPHA: f32 = 0.3;
/// Side of a cell of the faded density grid, in points.
const DENSITY_CELL: f32 = 6.0;

/// Draws many faded events as a light density grid instead of one dot each.
fn faded_density(painter: &Painter, projector: &Projector, input: &MapInput<'_>) {
    let columns = input.data.columns();
    let grid = Grid::over(projector.rect().shrink(EDGE_MARGIN), DENSITY_CELL);
    let mut counts = vec![0u32; grid.nx * grid.ny];
    for &i in &input.visible.faded {
        if columns.kind.get(i) != Some(&Columns::POINT) {
            continue;
        }
        let [lon, lat] = columns.lon_lat[i];
        if let Some(c) = grid.cell_of(projector.project(f64::from(lon), f64::from(lat))) {
            counts[c] += 1;
        }
    }
    let max = counts.iter().copied().max().unwrap_or(1).max(1) as f32;
    for (c, &n) in counts.iter().enumerate().filter(|(_, n)| **n > 0) {
        let t = (1.0 + n as f32).ln() / (1.0 + max).ln();
        let color = palette::FADED_DENSITY.gamma_multiply(0.12 + 0.35 * t);
        let cell = Rect::from_center_size(grid.centre(c), Vec2::splat(DENSITY_CELL));
        painter.rect_filled(cell, 0.0, color);
    }
}

/// Draws the events outside the window, faded.
fn faded(painter: &Painter, projector: &Projector, input: &MapInput<'_>) {
    if input.visible.faded.len() > AGGREGATE_THRESHOLD {
        return faded_density(painter, projector, input);
    }
    let inner = projector.rect().shrink(EDGE_MARGIN);
    for e in input
        .visible
        .faded
        .iter()
        .filter_map(|&i| input.data.view(i))
    {
        let p = projector.project(e.lon, e.lat);
        if !e.off_map && inner.contains(p) {
            let c = palette::category_color(e.category).gamma_multiply(FADED_ALPHA);
            painter.circle_filled(p, FADED_DOT, c);
        }
    }
}

/// Screen points of a geometry's lines (polygons: their outer rings).
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

/// Outlines the shape a marker's events are placed on.
fn paint_shape(
    painter: &Painter,
    projector: &Projector,
    geometry: &Geometry<f64>,
    color: eframe::egui::Color32,
    highlight: (bool, bool),
) {
    let outline = match geometry {
        Geometry::Polygon(_) | Geometry::MultiPolygon(_) => paint::Outline::Area,
        _ => paint::Outline::Line,
    };
    let lines = screen_lines(geometry, projector);
    paint::shape_lines(painter, lines, color, outline, highlight);
}

/// The events as a map layer.
pub struct EventsLayer<'m> {
    /// The large-data cell index, kept in the map's memory.
    pub cells: &'m mut CellCache,
}

impl MapLayer for EventsLayer<'_> {
    fn ui(
        &mut self,
        ui: &mut Ui,
        _: &Response,
        projector: &Projector,
        scene: &mut Scene<'_>,
    ) -> Vec<Command> {
        let input = scene.input;
        let painter = ui.painter_at(projector.rect());
        faded(&painter, projector, input);
        let mut set = markers_for(input, projector, self.cells);
        // a badge that must move keeps off the dots of the places the map names
        let dots: Vec<Pos2> = (scene.labels.iter())
            .filter(|l| l.beside_point)
            .map(|l| l.at)
            .collect();
        clear_badges(&mut set.markers, input.data, projector, &dots);
        let mut commands = Vec::new();
        let mut seen: HashMap<(u8, String), usize> = HashMap::new();
        for marker in &set.markers {
            let (selected, hovered) = highlight(marker, &set, input);
            let look = match &marker.kind {
                MarkerKind::Shape { .. } => {
                    let geometry = input.data.view(marker.example).and_then(|e| e.shape);
                    let color = marker
                        .categories
                        .dominant()
                        .map_or(palette::BORDER, palette::category_color);
                    if let Some(g) = geometry {
                        paint_shape(&painter, projector, g, color, (selected, hovered));
                    }
                    if !projector.rect().contains(marker.anchor) {
                        continue;
                    }
                    Look::Badge
                }
                _ => Look::Point,
            };
            let widget =
                MarkerWidget::new(marker, marker.label(input.data), look, selected, hovered);
            scene.occupied.push(widget.rect());
            let key = marker_key(marker);
            let nth = seen.entry(key.clone()).or_default();
            *nth += 1;
            let response = put_marker(ui, ("marker", key, *nth), widget);
            commands.extend(marker_commands(response, marker, &set, input));
        }
        scene.markers = set;
        commands
    }
}
