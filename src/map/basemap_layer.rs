//! The basemap drawn with egui: triangulated country and water fills, borders, the marked regions
//! (Nakhchivan outlined, Karabakh hatched), the Lachin corridor and the Aras.

use super::projection::{MapView, Projector};
use crate::io::{Basemap, ShapeKind};
use crate::palette;
use eframe::egui::{Color32, Mesh, Pos2, Rect, Shape, Stroke, epaint::Vertex};
use geo::{
    BooleanOps, Coord, Geometry, InteriorPoint, LineString, MultiLineString, MultiPolygon, Polygon,
    TriangulateEarcut,
};
use std::sync::Arc;

/// A triangulated fill in degrees.
#[derive(Clone, Debug)]
struct Fill {
    color: Color32,
    vertices: Vec<[f64; 2]>,
    indices: Vec<u32>,
}

/// How a line is drawn.
#[derive(Clone, Copy, Debug, PartialEq)]
enum LineStyle {
    Solid(f32, Color32),
    Dashed(f32, Color32),
}

/// A set of lines in degrees with one style.
#[derive(Clone, Debug)]
struct Lines {
    style: LineStyle,
    lines: Vec<Vec<[f64; 2]>>,
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
}

/// The prepared basemap, with the last frame's projected shapes cached.
#[derive(Default)]
pub struct BasemapLayer {
    fills: Vec<Fill>,
    lines: Vec<Lines>,
    /// Labels for countries, regions, the corridor and water.
    pub labels: Vec<MapLabel>,
    cache: Option<(MapView, Rect, Vec<Shape>)>,
}

fn polygons(geometry: &Geometry<f64>) -> Vec<Polygon<f64>> {
    match geometry {
        Geometry::Polygon(p) => vec![p.clone()],
        Geometry::MultiPolygon(mp) => mp.0.clone(),
        _ => Vec::new(),
    }
}

fn line_strings(geometry: &Geometry<f64>) -> Vec<Vec<[f64; 2]>> {
    let ring = |ls: &LineString<f64>| ls.coords().map(|c| [c.x, c.y]).collect::<Vec<_>>();
    match geometry {
        Geometry::LineString(ls) => vec![ring(ls)],
        Geometry::MultiLineString(mls) => mls.0.iter().map(ring).collect(),
        Geometry::Polygon(p) => std::iter::once(p.exterior())
            .chain(p.interiors())
            .map(ring)
            .collect(),
        Geometry::MultiPolygon(mp) => {
            mp.0.iter()
                .flat_map(|p| std::iter::once(p.exterior()).chain(p.interiors()))
                .map(ring)
                .collect()
        }
        _ => Vec::new(),
    }
}

fn fill_of(polygons: &[Polygon<f64>], color: Color32) -> Fill {
    let mut fill = Fill {
        color,
        vertices: Vec::new(),
        indices: Vec::new(),
    };
    for polygon in polygons {
        let raw = polygon.earcut_triangles_raw();
        let base = fill.vertices.len() as u32;
        fill.vertices.extend(raw.vertices.iter().copied());
        fill.indices
            .extend(raw.triangle_indices.iter().map(|&i| base + i as u32));
    }
    fill
}

/// Diagonal hatch lines clipped to the polygons, spaced `step` degrees apart.
fn hatch(polygons: &[Polygon<f64>], step: f64) -> Vec<Vec<[f64; 2]>> {
    let mp = MultiPolygon(polygons.to_vec());
    let Some(bounds) = geo::BoundingRect::bounding_rect(&mp) else {
        return Vec::new();
    };
    let (w, h) = (bounds.width(), bounds.height());
    let mut raw = Vec::new();
    let mut offset = -h;
    while offset < w {
        let x0 = bounds.min().x + offset;
        raw.push(LineString::from(vec![
            Coord {
                x: x0,
                y: bounds.min().y,
            },
            Coord {
                x: x0 + h,
                y: bounds.max().y,
            },
        ]));
        offset += step;
    }
    let clipped = mp.clip(&MultiLineString(raw), false);
    clipped
        .0
        .iter()
        .map(|ls| ls.coords().map(|c| [c.x, c.y]).collect())
        .collect()
}

fn label_point(polygons: &[Polygon<f64>]) -> Option<(f64, f64)> {
    let largest = polygons.iter().max_by(|a, b| {
        use geo::Area;
        a.unsigned_area().total_cmp(&b.unsigned_area())
    })?;
    let p = largest.interior_point()?;
    Some((p.x(), p.y()))
}

impl BasemapLayer {
    /// Prepares a basemap: triangulates fills, clips hatching, places labels.
    pub fn new(map: &Basemap) -> BasemapLayer {
        let mut layer = BasemapLayer::default();
        let mut water = Vec::new();
        let mut outlines = Vec::new();
        let mut overlays = Vec::new();
        for shape in &map.shapes {
            let polys = polygons(&shape.geometry);
            let label = |text: &str| {
                label_point(&polys).map(|(lon, lat)| MapLabel {
                    text: text.to_owned(),
                    lon,
                    lat,
                    kind: shape.kind,
                })
            };
            match shape.kind {
                ShapeKind::Country => {
                    layer
                        .fills
                        .push(fill_of(&polys, palette::country_fill(&shape.name)));
                    outlines.extend(line_strings(&shape.geometry));
                    layer.labels.extend(label(&shape.name.to_uppercase()));
                }
                ShapeKind::Water => {
                    water.push(fill_of(&polys, palette::WATER));
                    layer.labels.extend(label(&shape.name));
                }
                ShapeKind::Region => {
                    let karabakh = shape.name.contains("Karabakh");
                    let color = if karabakh {
                        Color32::from_rgb(150, 70, 60)
                    } else {
                        Color32::from_rgb(60, 90, 140)
                    };
                    if karabakh {
                        overlays.push(Lines {
                            style: LineStyle::Solid(0.8, color.gamma_multiply(0.55)),
                            lines: hatch(&polys, 0.045),
                        });
                    }
                    overlays.push(Lines {
                        style: LineStyle::Dashed(1.6, color),
                        lines: line_strings(&shape.geometry),
                    });
                    let text = if karabakh {
                        format!("{} (approx.)", shape.name)
                    } else {
                        shape.name.clone()
                    };
                    layer.labels.extend(label(&text));
                }
                ShapeKind::Corridor => {
                    let lines = line_strings(&shape.geometry);
                    if let Some(mid) = lines.first().and_then(|l| l.get(l.len() / 2)) {
                        layer.labels.push(MapLabel {
                            text: shape.name.clone(),
                            lon: mid[0],
                            lat: mid[1],
                            kind: shape.kind,
                        });
                    }
                    overlays.push(Lines {
                        style: LineStyle::Solid(3.0, Color32::from_rgb(120, 40, 120)),
                        lines,
                    });
                }
                ShapeKind::River => overlays.insert(
                    0,
                    Lines {
                        style: LineStyle::Solid(1.6, Color32::from_rgb(70, 130, 200)),
                        lines: line_strings(&shape.geometry),
                    },
                ),
                ShapeKind::Border => {}
            }
        }
        layer.fills.extend(water);
        layer.lines.push(Lines {
            style: LineStyle::Solid(1.0, palette::BORDER),
            lines: outlines,
        });
        layer.lines.extend(overlays);
        layer
    }

    /// Number of fill vertices (for tests and benchmarks).
    pub fn vertex_count(&self) -> usize {
        self.fills.iter().map(|f| f.vertices.len()).sum()
    }

    /// The shapes to paint for a view; rebuilt only when the view or rectangle changes.
    pub fn shapes(&mut self, projector: &Projector, view: MapView) -> Vec<Shape> {
        let rect = projector.rect();
        if let Some((v, r, shapes)) = &self.cache
            && *v == view
            && *r == rect
        {
            return shapes.clone();
        }
        let shapes = self.build(projector);
        self.cache = Some((view, rect, shapes.clone()));
        shapes
    }

    fn build(&self, projector: &Projector) -> Vec<Shape> {
        let mut shapes = Vec::new();
        let project = |p: &[f64; 2]| projector.project(p[0], p[1]);
        for fill in &self.fills {
            let mesh = Mesh {
                vertices: fill
                    .vertices
                    .iter()
                    .map(|v| Vertex {
                        pos: project(v),
                        uv: eframe::egui::epaint::WHITE_UV,
                        color: fill.color,
                    })
                    .collect(),
                indices: fill.indices.clone(),
                ..Mesh::default()
            };
            shapes.push(Shape::Mesh(Arc::new(mesh)));
        }
        let visible = projector.rect().expand(50.0);
        for set in &self.lines {
            for line in &set.lines {
                let points: Vec<Pos2> = line.iter().map(project).collect();
                if !points.iter().any(|p| visible.contains(*p)) && points.len() < 3 {
                    continue;
                }
                match set.style {
                    LineStyle::Solid(w, c) => shapes.push(Shape::line(points, Stroke::new(w, c))),
                    LineStyle::Dashed(w, c) => {
                        shapes.extend(Shape::dashed_line(&points, Stroke::new(w, c), 6.0, 4.0));
                    }
                }
            }
        }
        shapes
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::io::bundle::bundled_basemap;
    use eframe::egui::{pos2, vec2};

    #[test]
    fn bundled_basemap_prepares_fills_and_labels() {
        let mut layer = BasemapLayer::new(&bundled_basemap());
        assert!(layer.vertex_count() > 1000, "{}", layer.vertex_count());
        let names: Vec<&str> = layer.labels.iter().map(|l| l.text.as_str()).collect();
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
        let shapes = layer.shapes(&Projector::new(view, rect), view);
        assert!(shapes.len() > 10);
        // every triangle index points at a vertex
        for fill in &layer.fills {
            assert!(
                fill.indices
                    .iter()
                    .all(|&i| (i as usize) < fill.vertices.len())
            );
            assert_eq!(fill.indices.len() % 3, 0);
        }
    }

    #[test]
    fn hatching_stays_inside_the_polygon() {
        let square = Polygon::new(
            LineString::from(vec![
                (0.0, 0.0),
                (1.0, 0.0),
                (1.0, 1.0),
                (0.0, 1.0),
                (0.0, 0.0),
            ]),
            vec![],
        );
        let lines = hatch(&[square], 0.1);
        assert!(lines.len() >= 15, "{}", lines.len());
        for p in lines.iter().flatten() {
            assert!((-1e-9..=1.0 + 1e-9).contains(&p[0]) && (-1e-9..=1.0 + 1e-9).contains(&p[1]));
        }
    }
}
