//! The basemap layer: triangulated country and water fills, borders, the marked regions
//! (Nakhchivan and the former oblast of Nagorno-Karabakh outlined; who held what is the situation
//! layer's), the Lachin corridor and the rivers; the names of
//! countries, waters and regions go to the labels layer. Today's geography is drawn at every date;
//! the oblast's outline and the corridor, which were made and unmade, only on the days the
//! situation has them (see [`Dated`]).

use crate::commands::Command;
use crate::io::{Basemap, ShapeKind};
use crate::map::geo_paint::{
    Fill, LineStyle, Lines, fill_of, label_point, line_strings, polygons, project_fill,
    project_lines,
};
use crate::map::layer::{LabelCandidate, LabelRank, MapLayer, Scene};
use crate::map::layers::situation::situation_day;
use crate::map::projection::Projector;
use crate::model::{MapView, Situation};
use crate::palette;
use chrono::NaiveDate;
use eframe::egui::{FontId, Rect, Response, Shape, Ui};
use std::sync::Arc;

/// Font size of river names.
const RIVER_FONT: f32 = 12.0;
/// Countries whose names are always shown.
const KEY_COUNTRIES: [&str; 2] = ["Armenia", "Azerbaijan"];

/// When a basemap shape is true: most of the basemap is today's geography, drawn at every date;
/// the former oblast of Nagorno-Karabakh and the Lachin corridor were made and unmade.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub enum Dated {
    /// At every date.
    #[default]
    Always,
    /// While Nagorno-Karabakh stood apart: 7 July 1923 to 19 September 2023.
    Karabakh,
    /// While an area of control is in force: the corridor ran through the held area, then was
    /// kept by the peacekeepers (never in Soviet times, during the wars or after 2023).
    Corridor,
}

impl Dated {
    /// Of a basemap shape.
    fn of(shape: &crate::io::Shape) -> Dated {
        match shape.kind {
            ShapeKind::Corridor => Dated::Corridor,
            ShapeKind::Region if shape.name.contains("Karabakh") => Dated::Karabakh,
            _ => Dated::Always,
        }
    }

    /// Whether it is drawn on `day`.
    pub fn shown(self, situation: &Situation, day: NaiveDate) -> bool {
        match self {
            Dated::Always => true,
            Dated::Karabakh => situation.karabakh_apart_on(day),
            Dated::Corridor => situation.any_area_on(day),
        }
    }
}

/// A label anchored in degrees.
#[derive(Clone, Debug, PartialEq)]
pub struct MapLabel {
    /// Text shown.
    pub text: String,
    /// Longitude.
    pub lon: f64,
    /// Latitude.
    pub lat: f64,
    /// Kind of the shape it names.
    pub kind: ShapeKind,
    /// A region's outline, which its name stays inside.
    pub area: Option<Arc<Vec<geo::Polygon<f64>>>>,
    /// When what it names is true.
    pub dated: Dated,
}

/// The basemap prepared for painting, with the last view's projected shapes cached.
#[derive(Default)]
pub struct PreparedBasemap {
    fills: Vec<Fill>,
    /// Lines, each with when it is drawn.
    lines: Vec<(Dated, Lines)>,
    /// Labels for countries, regions, the corridor and water.
    pub labels: Vec<MapLabel>,
    /// Each river's name and lines, labelled where they cross the view.
    rivers: Vec<(String, Vec<Vec<[f64; 2]>>)>,
    /// The last shapes painted, for their view, rectangle and the dated lines shown.
    cache: Option<(MapView, Rect, Vec<Dated>, Vec<Shape>)>,
}

/// Where a shape's fills, lines and label go while the basemap is prepared.
#[derive(Default)]
struct Parts {
    fills: Vec<Fill>,
    water: Vec<Fill>,
    outlines: Vec<Vec<[f64; 2]>>,
    overlays: Vec<(Dated, Lines)>,
    labels: Vec<MapLabel>,
    rivers: Vec<(String, Vec<Vec<[f64; 2]>>)>,
}

impl Parts {
    fn add(&mut self, shape: &crate::io::Shape) {
        let polys = polygons(&shape.geometry);
        let label = |text: String| {
            label_point(&polys).map(|(lon, lat)| MapLabel {
                text,
                lon,
                lat,
                kind: shape.kind,
                area: None,
                dated: Dated::Always,
            })
        };
        match shape.kind {
            ShapeKind::Country => {
                self.fills
                    .push(fill_of(&polys, palette::country_fill(&shape.name)));
                self.outlines.extend(line_strings(&shape.geometry));
                self.labels.extend(label(shape.name.to_uppercase()));
            }
            ShapeKind::Water => {
                self.water.push(fill_of(&polys, palette::WATER));
                self.labels.extend(label(shape.name.clone()));
            }
            ShapeKind::Region => self.add_region(shape, &polys),
            ShapeKind::Corridor => {
                let lines = line_strings(&shape.geometry);
                if let Some(mid) = lines.first().and_then(|l| l.get(l.len() / 2)) {
                    self.labels.push(MapLabel {
                        text: shape.name.clone(),
                        lon: mid[0],
                        lat: mid[1],
                        kind: shape.kind,
                        area: None,
                        dated: Dated::of(shape),
                    });
                }
                let style = LineStyle::Solid(3.0, palette::CORRIDOR);
                self.overlays
                    .push((Dated::of(shape), Lines { style, lines }));
            }
            ShapeKind::River => {
                let lines = line_strings(&shape.geometry);
                self.rivers.push((shape.name.clone(), lines.clone()));
                let style = LineStyle::Solid(1.6, palette::RIVER);
                self.overlays
                    .insert(0, (Dated::Always, Lines { style, lines }));
            }
            ShapeKind::Border => {}
        }
    }

    fn add_region(&mut self, shape: &crate::io::Shape, polys: &[geo::Polygon<f64>]) {
        let karabakh = shape.name.contains("Karabakh");
        let color = if karabakh {
            palette::KARABAKH
        } else {
            palette::REGION_OUTLINE
        };
        let outline = Lines {
            style: LineStyle::Dashed(1.6, color),
            lines: line_strings(&shape.geometry),
        };
        self.overlays.push((Dated::of(shape), outline));
        let approximate = shape.note.to_lowercase().contains("approx");
        let text = if approximate {
            format!("{} (approx.)", shape.name)
        } else {
            shape.name.clone()
        };
        if let Some((lon, lat)) = label_point(polys) {
            self.labels.push(MapLabel {
                text,
                lon,
                lat,
                kind: shape.kind,
                area: Some(Arc::new(polys.to_vec())),
                dated: Dated::of(shape),
            });
        }
    }
}

impl PreparedBasemap {
    /// Prepares a basemap: triangulates fills, clips hatching, places labels.
    pub fn new(map: &Basemap) -> PreparedBasemap {
        let mut parts = Parts::default();
        for shape in &map.shapes {
            parts.add(shape);
        }
        let mut fills = parts.fills;
        fills.extend(parts.water);
        let borders = Lines {
            style: LineStyle::Solid(1.0, palette::BORDER),
            lines: parts.outlines,
        };
        let mut lines = vec![(Dated::Always, borders)];
        lines.extend(parts.overlays);
        PreparedBasemap {
            fills,
            lines,
            labels: parts.labels,
            rivers: parts.rivers,
            cache: None,
        }
    }

    /// Number of fill vertices (for tests and benchmarks).
    pub fn vertex_count(&self) -> usize {
        self.fills.iter().map(|f| f.vertices.len()).sum()
    }

    /// The shapes to paint for a view, with the dated lines `shown` (see [`Dated`]); rebuilt only
    /// when the view, the rectangle or what is shown changes.
    pub fn shapes(&mut self, projector: &Projector, shown: impl Fn(Dated) -> bool) -> Vec<Shape> {
        let (view, rect) = (projector.view(), projector.rect());
        let dated: Vec<Dated> = DATED.into_iter().filter(|d| shown(*d)).collect();
        if let Some((v, r, d, shapes)) = &self.cache
            && *v == view
            && *r == rect
            && *d == dated
        {
            return shapes.clone();
        }
        let mut shapes: Vec<Shape> = self
            .fills
            .iter()
            .map(|f| project_fill(f, projector))
            .collect();
        for (when, set) in &self.lines {
            if dated.contains(when) {
                project_lines(set, projector, &mut shapes);
            }
        }
        self.cache = Some((view, rect, dated, shapes.clone()));
        shapes
    }
}

/// Every kind of [`Dated`].
const DATED: [Dated; 3] = [Dated::Always, Dated::Karabakh, Dated::Corridor];

/// Rivers are named at the vertex in view nearest the view's centre, at least this far (points)
/// inside the map's edge.
const RIVER_LABEL_INSET: f32 = 40.0;

/// Where a river's name goes: the vertex of its lines in view nearest the view's centre.
fn river_label_at(lines: &[Vec<[f64; 2]>], projector: &Projector) -> Option<eframe::egui::Pos2> {
    let inner = projector.rect().shrink(RIVER_LABEL_INSET);
    let centre = inner.center();
    lines
        .iter()
        .flatten()
        .map(|p| projector.project(p[0], p[1]))
        .filter(|p| inner.contains(*p))
        .min_by(|a, b| a.distance_sq(centre).total_cmp(&b.distance_sq(centre)))
}

/// The label a basemap name asks for on screen.
fn candidate(label: &MapLabel, projector: &Projector, order: usize) -> LabelCandidate {
    let (rank, size, color) = match label.kind {
        ShapeKind::Country
            if KEY_COUNTRIES
                .iter()
                .any(|c| c.eq_ignore_ascii_case(&label.text)) =>
        {
            (LabelRank::KeyCountry, 15.0, palette::COUNTRY_LABEL)
        }
        ShapeKind::Country => (LabelRank::Country, 15.0, palette::COUNTRY_LABEL),
        ShapeKind::Water | ShapeKind::River => (LabelRank::Water, 13.0, palette::WATER_LABEL),
        _ => (LabelRank::Region, 12.0, palette::REGION_LABEL),
    };
    LabelCandidate {
        text: label.text.clone(),
        at: projector.project(label.lon, label.lat),
        beside_point: false,
        rank,
        order,
        font: FontId::proportional(size),
        color,
        within: label
            .area
            .as_deref()
            .map(|a| Arc::new(on_screen(a, projector))),
    }
}

/// Polygons in degrees, as they lie on screen.
fn on_screen(polygons: &[geo::Polygon<f64>], projector: &Projector) -> geo::MultiPolygon<f64> {
    use geo::MapCoords;
    let polygons = polygons.iter().map(|p| {
        p.map_coords(|c| {
            let at = projector.project(c.x, c.y);
            geo::coord! { x: f64::from(at.x), y: f64::from(at.y) }
        })
    });
    geo::MultiPolygon(polygons.collect())
}

/// The basemap as a map layer.
pub struct BasemapLayer<'m> {
    /// The prepared basemap, kept in the map's memory.
    pub prepared: &'m mut PreparedBasemap,
}

impl MapLayer for BasemapLayer<'_> {
    fn ui(
        &mut self,
        ui: &mut Ui,
        _: &Response,
        projector: &Projector,
        scene: &mut Scene<'_>,
    ) -> Vec<Command> {
        let painter = ui.painter_at(projector.rect());
        let (situation, day) = (scene.input.situation, situation_day(scene.input.time));
        let shown = |d: Dated| d.shown(situation, day);
        painter.extend(self.prepared.shapes(projector, shown));
        for (order, label) in self.prepared.labels.iter().enumerate() {
            if shown(label.dated) {
                scene.labels.push(candidate(label, projector, order));
            }
        }
        for (order, (name, lines)) in self.prepared.rivers.iter().enumerate() {
            if let Some(at) = river_label_at(lines, projector) {
                scene.labels.push(LabelCandidate {
                    text: name.clone(),
                    at,
                    beside_point: false,
                    rank: LabelRank::Water,
                    order: 500 + order,
                    font: FontId::proportional(RIVER_FONT),
                    color: palette::WATER_LABEL,
                    within: None,
                });
            }
        }
        Vec::new()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::io::bundle::bundled_basemap;
    use eframe::egui::{pos2, vec2};

    #[test]
    fn bundled_basemap_prepares_fills_and_labels() {
        let mut prepared = PreparedBasemap::new(&bundled_basemap());
        assert!(
            prepared.vertex_count() > 1000,
            "{}",
            prepared.vertex_count()
        );
        let names: Vec<&str> = prepared.labels.iter().map(|l| l.text.as_str()).collect();
        for expected in [
            "IRAN",
            "ARMENIA",
            "Nakhchivan",
            "Lachin corridor",
            "Caspian Sea",
        ] {
            assert!(
                names.contains(&expected),
                "{expected} missing from {names:?}"
            );
        }
        assert!(names.iter().any(|n| n.starts_with("Nagorno-Karabakh")));
        let rect = Rect::from_min_size(pos2(0.0, 0.0), vec2(800.0, 600.0));
        let view = MapView::fit_region(800.0, 600.0);
        let shapes = prepared.shapes(&Projector::new(view, rect), |_| true);
        assert!(shapes.len() > 10);
        for fill in &prepared.fills {
            assert!(
                fill.indices
                    .iter()
                    .all(|&i| (i as usize) < fill.vertices.len())
            );
            assert_eq!(fill.indices.len() % 3, 0);
        }
    }

    #[test]
    fn the_oblast_and_the_corridor_are_drawn_only_while_they_were_true() {
        let situation = crate::io::bundle::bundled_situation();
        let d = |y, m, d| NaiveDate::from_ymd_opt(y, m, d).unwrap();
        let on = |dated: Dated, day| dated.shown(&situation, day);
        // before the oblast, nothing; in Soviet times the oblast, no corridor
        assert!(!on(Dated::Karabakh, d(1920, 12, 31)) && !on(Dated::Corridor, d(1920, 12, 31)));
        assert!(on(Dated::Karabakh, d(1950, 1, 1)) && !on(Dated::Corridor, d(1950, 1, 1)));
        // the held area and the peacekeepers' corridor
        assert!(on(Dated::Corridor, d(1996, 1, 1)) && on(Dated::Corridor, d(2022, 1, 1)));
        // during the 44-day war no area, so no corridor; after September 2023 neither
        assert!(!on(Dated::Corridor, d(2020, 10, 15)));
        assert!(!on(Dated::Karabakh, d(2024, 6, 1)) && !on(Dated::Corridor, d(2024, 6, 1)));
        assert!(on(Dated::Always, d(1900, 1, 1)));
        // the painted lines follow: fewer shapes in 1920 than in 1996
        let mut prepared = PreparedBasemap::new(&bundled_basemap());
        let rect = Rect::from_min_size(pos2(0.0, 0.0), vec2(800.0, 600.0));
        let projector = Projector::new(MapView::fit_region(800.0, 600.0), rect);
        let then = prepared.shapes(&projector, |x| on(x, d(1920, 1, 1))).len();
        let later = prepared.shapes(&projector, |x| on(x, d(1996, 1, 1))).len();
        assert!(then < later, "{then} against {later}");
    }

    #[test]
    fn armenia_and_azerbaijan_rank_first() {
        let prepared = PreparedBasemap::new(&bundled_basemap());
        let rect = Rect::from_min_size(pos2(0.0, 0.0), vec2(800.0, 600.0));
        let projector = Projector::new(MapView::fit_region(800.0, 600.0), rect);
        let mut key: Vec<String> = prepared
            .labels
            .iter()
            .map(|l| candidate(l, &projector, 0))
            .filter(|c| c.rank == LabelRank::KeyCountry)
            .map(|c| c.text)
            .collect();
        key.sort();
        assert_eq!(key, ["ARMENIA", "AZERBAIJAN"]);
    }
}
