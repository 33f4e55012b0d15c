//! The situation layer: who held what on the slider's day. Areas of control are tinted and
//! hatched by status (held: diagonal hatching; peacekeeping: cross-hatching; the corridor: a
//! stronger tint), lines of contact are dashed, checkpoints are marked, and hovering an area tells
//! its status, since when, the record it rests on and whether it is approximate. A legend names
//! what is drawn.

use crate::commands::Command;
use crate::map::geo_paint::{
    Fill, LineStyle, Lines, fill_of, hatch, line_strings, project_fill, project_lines,
};
use crate::map::layer::{LabelCandidate, LabelRank, MapLayer, Scene};
use crate::map::projection::Projector;
use crate::model::date::date_of;
use crate::model::{ControlStatus, MapView, Situation};
use crate::palette;
use chrono::NaiveDate;
use eframe::egui::{self, Color32, FontId, Rect, Response, Shape, Stroke, Ui, pos2, vec2};
use geo::{Coord, Geometry, LineString, MultiPolygon, Polygon};

/// Spacing of hatching, in degrees.
const HATCH_STEP: f64 = 0.05;
/// Half the size of a checkpoint's diamond, in points.
const CHECKPOINT_SIZE: f32 = 5.0;

/// How an area of a status is drawn.
fn look(status: ControlStatus) -> (Color32, f32, bool) {
    match status {
        ControlStatus::ArmenianHeld => (palette::HELD, 0.16, false),
        ControlStatus::Peacekeeping => (palette::PEACEKEEPING, 0.18, true),
        ControlStatus::Corridor => (palette::CORRIDOR_AREA, 0.35, false),
    }
}

/// An area prepared for painting.
struct PreparedArea {
    fill: Fill,
    lines: Vec<Lines>,
}

/// The same polygons mirrored left to right, so hatching drawn on them runs the other way.
fn mirrored(polygons: &[Polygon<f64>]) -> Vec<Polygon<f64>> {
    let flip = |ls: &LineString<f64>| {
        LineString::from(
            ls.coords()
                .map(|c| Coord { x: -c.x, y: c.y })
                .collect::<Vec<_>>(),
        )
    };
    polygons
        .iter()
        .map(|p| Polygon::new(flip(p.exterior()), p.interiors().iter().map(flip).collect()))
        .collect()
}

fn unmirror(lines: Vec<Vec<[f64; 2]>>) -> Vec<Vec<[f64; 2]>> {
    lines
        .into_iter()
        .map(|l| l.into_iter().map(|[x, y]| [-x, y]).collect())
        .collect()
}

fn prepare_area(status: ControlStatus, area: &MultiPolygon<f64>) -> PreparedArea {
    let (color, tint, cross) = look(status);
    let polygons = area.0.clone();
    let mut hatching = hatch(&polygons, HATCH_STEP);
    if cross {
        hatching.extend(unmirror(hatch(&mirrored(&polygons), HATCH_STEP)));
    }
    let outline = line_strings(&Geometry::MultiPolygon(area.clone()));
    PreparedArea {
        fill: fill_of(&polygons, color.gamma_multiply(tint)),
        lines: vec![
            Lines {
                style: LineStyle::Solid(0.7, color.gamma_multiply(0.6)),
                lines: hatching,
            },
            Lines {
                style: LineStyle::Solid(1.6, color),
                lines: outline,
            },
        ],
    }
}

/// What cached shapes were drawn for: the view, and the areas and lines in force.
type DrawnKey = (MapView, Rect, Vec<usize>, Vec<usize>);

/// The situation prepared for painting, with the last view's shapes cached.
#[derive(Default)]
pub struct PreparedSituation {
    areas: Vec<PreparedArea>,
    lines: Vec<Lines>,
    cache: Option<(DrawnKey, Vec<Shape>)>,
}

impl PreparedSituation {
    /// Triangulates and hatches every area once.
    pub fn new(situation: &Situation) -> PreparedSituation {
        PreparedSituation {
            areas: situation
                .areas
                .iter()
                .map(|a| prepare_area(a.status, &a.area))
                .collect(),
            lines: situation
                .lines
                .iter()
                .map(|l| Lines {
                    style: LineStyle::Dashed(2.2, palette::CONTACT_LINE),
                    lines: line_strings(&Geometry::MultiLineString(l.lines.clone())),
                })
                .collect(),
            cache: None,
        }
    }

    /// The shapes of the areas and lines in force, rebuilt when the view or what is in force
    /// changes.
    fn shapes(
        &mut self,
        projector: &Projector,
        areas: Vec<usize>,
        lines: Vec<usize>,
    ) -> Vec<Shape> {
        let key = (projector.view(), projector.rect(), areas, lines);
        if let Some((k, shapes)) = &self.cache
            && *k == key
        {
            return shapes.clone();
        }
        let mut shapes = Vec::new();
        for area in key.2.iter().filter_map(|&k| self.areas.get(k)) {
            shapes.push(project_fill(&area.fill, projector));
            for set in &area.lines {
                project_lines(set, projector, &mut shapes);
            }
        }
        for set in key.3.iter().filter_map(|&k| self.lines.get(k)) {
            project_lines(set, projector, &mut shapes);
        }
        self.cache = Some((key, shapes.clone()));
        shapes
    }
}

/// The day the map shows: the end of the window (the cursor in cumulative mode).
pub fn situation_day(time: &crate::time_control::TimeControl) -> NaiveDate {
    date_of(time.query_range().1)
}

/// The situation as a map layer.
pub struct SituationLayer<'m> {
    /// The prepared areas and lines, kept in the map's memory.
    pub prepared: &'m mut PreparedSituation,
    /// The names of what it drew, kept in the map's memory.
    pub drawn: &'m mut Vec<String>,
}

impl MapLayer for SituationLayer<'_> {
    fn ui(
        &mut self,
        ui: &mut Ui,
        response: &Response,
        projector: &Projector,
        scene: &mut Scene<'_>,
    ) -> Vec<Command> {
        let situation = scene.input.situation;
        let day = situation_day(scene.input.time);
        let in_force = |valid: &crate::model::Validity| valid.contains(day);
        let areas: Vec<usize> = (0..situation.areas.len())
            .filter(|&k| in_force(&situation.areas[k].record.valid))
            .collect();
        let lines: Vec<usize> = (0..situation.lines.len())
            .filter(|&k| in_force(&situation.lines[k].record.valid))
            .collect();
        let painter = ui.painter_at(projector.rect());
        self.drawn.clear();
        let names = |k: &usize| situation.areas[*k].record.name.clone();
        self.drawn.extend(areas.iter().map(names));
        let names = |k: &usize| situation.lines[*k].record.name.clone();
        self.drawn.extend(lines.iter().map(names));
        painter.extend(self.prepared.shapes(projector, areas, lines));
        for point in situation
            .points
            .iter()
            .filter(|p| in_force(&p.record.valid))
        {
            let p = projector.project(point.point.x(), point.point.y());
            paint_checkpoint(&painter, p);
            scene.labels.push(LabelCandidate {
                text: point.record.name.clone(),
                at: p,
                beside_point: true,
                rank: LabelRank::Region,
                order: 0,
                font: FontId::proportional(11.5),
                color: palette::CITY_LABEL,
                within: None,
            });
        }
        if let Some(pointer) = response.hover_pos() {
            let (lon, lat) = projector.unproject(pointer);
            if let Some(area) = situation.area_at(lon, lat, day) {
                let lines = area.hover_lines();
                response.clone().on_hover_ui_at_pointer(|ui| {
                    for (k, line) in lines.iter().enumerate() {
                        match k {
                            0 => ui.strong(line),
                            _ => ui.label(line),
                        };
                    }
                });
            }
        }
        scene.add_panel(super::super::overlay::situation_legend_rect(
            projector.rect(),
            situation,
            day,
        ));
        Vec::new()
    }
}

/// A checkpoint: a small dark diamond with a white rim.
pub fn paint_checkpoint(painter: &egui::Painter, p: egui::Pos2) {
    let s = CHECKPOINT_SIZE;
    let diamond = vec![
        p + vec2(0.0, -s),
        p + vec2(s, 0.0),
        p + vec2(0.0, s),
        p + vec2(-s, 0.0),
    ];
    painter.add(Shape::convex_polygon(
        diamond,
        palette::CHECKPOINT,
        Stroke::new(1.2, palette::MARKER_RIM),
    ));
}

/// A swatch of a status as the map draws it, for the legend.
pub fn paint_swatch(painter: &egui::Painter, rect: Rect, status: ControlStatus) {
    let (color, tint, cross) = look(status);
    painter.rect_filled(rect, 0.0, color.gamma_multiply(tint));
    let stroke = Stroke::new(0.8, color.gamma_multiply(0.7));
    let step = 4.0;
    let mut x = rect.left() - rect.height();
    while x < rect.right() {
        let a = pos2(x, rect.bottom());
        let b = pos2(x + rect.height(), rect.top());
        painter.with_clip_rect(rect).line_segment([a, b], stroke);
        if cross {
            let c = pos2(x, rect.top());
            let d = pos2(x + rect.height(), rect.bottom());
            painter.with_clip_rect(rect).line_segment([c, d], stroke);
        }
        x += step;
    }
    painter.rect_stroke(rect, 0.0, Stroke::new(1.2, color), egui::StrokeKind::Inside);
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::io::bundle::bundled_situation;

    #[test]
    fn every_area_and_line_is_prepared_and_hatched() {
        let situation = bundled_situation();
        let prepared = PreparedSituation::new(&situation);
        assert_eq!(prepared.areas.len(), situation.areas.len());
        assert!(prepared.areas.len() >= 6);
        for (area, record) in prepared.areas.iter().zip(&situation.areas) {
            assert!(!area.fill.indices.is_empty(), "{}", record.record.name);
            assert!(
                !area.lines[0].lines.is_empty(),
                "hatching of {}",
                record.record.name
            );
        }
        assert_eq!(prepared.lines.len(), situation.lines.len());
    }

    #[test]
    fn the_day_shown_is_the_end_of_the_window() {
        let mut time = crate::time_control::TimeControl::new((700_000, 740_000));
        time.set_window(734_000, 734_100);
        assert_eq!(situation_day(&time), date_of(734_100));
    }
}
