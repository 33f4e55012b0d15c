//! The area filter's layer: the areas the events are filtered to, outlined over the basemap.

use crate::commands::Command;
use crate::map::geo_paint::{LineStyle, Lines, line_strings, project_lines};
use crate::map::layer::{MapLayer, Scene};
use crate::map::projection::Projector;
use crate::palette;
use eframe::egui::{Response, Ui};
use geo::Geometry;

/// Width of an area's outline.
const OUTLINE: f32 = 2.5;

/// The lines of an area: a box's four sides, an area's rings.
fn outline(geometry: &Geometry<f64>) -> Vec<Vec<[f64; 2]>> {
    match geometry {
        Geometry::Rect(r) => line_strings(&Geometry::Polygon(r.to_polygon())),
        other => line_strings(other),
    }
}

/// The area filter as a map layer.
pub struct AreasLayer;

impl MapLayer for AreasLayer {
    fn ui(
        &mut self,
        ui: &mut Ui,
        _: &Response,
        projector: &Projector,
        scene: &mut Scene<'_>,
    ) -> Vec<Command> {
        let input = scene.input;
        let lines: Vec<Vec<[f64; 2]>> = input
            .filters
            .areas
            .iter()
            .filter_map(|a| input.areas.geometry_of(a))
            .flat_map(|g| outline(&g))
            .collect();
        if lines.is_empty() {
            return Vec::new();
        }
        let mut shapes = Vec::new();
        let set = Lines {
            style: LineStyle::Solid(OUTLINE, palette::AREA_FILTER),
            lines,
        };
        project_lines(&set, projector, &mut shapes);
        ui.painter_at(projector.rect()).extend(shapes);
        Vec::new()
    }
}
