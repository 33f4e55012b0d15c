//! Geographic shapes prepared for painting: polygons triangulated into fills, lines with a style,
//! hatching clipped to areas, and their projection to screen shapes. Shared by the layers that
//! draw areas (the basemap, the situation).

use super::projection::Projector;
use eframe::egui::{Color32, Mesh, Pos2, Shape, Stroke, epaint::Vertex};
use geo::{
    BooleanOps, Coord, Geometry, InteriorPoint, LineString, MultiLineString, MultiPolygon, Polygon,
    TriangulateEarcut,
};
use std::sync::Arc;

/// A triangulated fill in degrees.
#[derive(Clone, Debug)]
pub struct Fill {
    /// Its colour.
    pub color: Color32,
    /// Longitude/latitude of each vertex.
    pub vertices: Vec<[f64; 2]>,
    /// Triangles, three vertex indices each.
    pub indices: Vec<u32>,
}

/// How a line is drawn: width and colour, solid or dashed.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum LineStyle {
    /// A solid line.
    Solid(f32, Color32),
    /// A dashed line.
    Dashed(f32, Color32),
}

/// Lines in degrees drawn with one style.
#[derive(Clone, Debug)]
pub struct Lines {
    /// How they are drawn.
    pub style: LineStyle,
    /// Each line's longitude/latitude vertices.
    pub lines: Vec<Vec<[f64; 2]>>,
}

/// Dash and gap lengths of dashed lines, in points.
const DASH: (f32, f32) = (6.0, 4.0);
/// Lines entirely this far outside the view (points) are skipped.
const LINE_CULL_MARGIN: f32 = 50.0;

/// The polygons of an areal geometry.
pub fn polygons(geometry: &Geometry<f64>) -> Vec<Polygon<f64>> {
    match geometry {
        Geometry::Polygon(p) => vec![p.clone()],
        Geometry::MultiPolygon(mp) => mp.0.clone(),
        _ => Vec::new(),
    }
}

/// The lines of a geometry: line strings as they are, polygons as their rings.
pub fn line_strings(geometry: &Geometry<f64>) -> Vec<Vec<[f64; 2]>> {
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

/// Triangulates polygons into one fill.
pub fn fill_of(polygons: &[Polygon<f64>], color: Color32) -> Fill {
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
pub fn hatch(polygons: &[Polygon<f64>], step: f64) -> Vec<Vec<[f64; 2]>> {
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

/// Where a label for an area goes: the interior point of its largest polygon.
pub fn label_point(polygons: &[Polygon<f64>]) -> Option<(f64, f64)> {
    let largest = polygons.iter().max_by(|a, b| {
        use geo::Area;
        a.unsigned_area().total_cmp(&b.unsigned_area())
    })?;
    let p = largest.interior_point()?;
    Some((p.x(), p.y()))
}

/// The fill as a screen mesh.
pub fn project_fill(fill: &Fill, projector: &Projector) -> Shape {
    let mesh = Mesh {
        vertices: fill
            .vertices
            .iter()
            .map(|v| Vertex {
                pos: projector.project(v[0], v[1]),
                uv: eframe::egui::epaint::WHITE_UV,
                color: fill.color,
            })
            .collect(),
        indices: fill.indices.clone(),
        ..Mesh::default()
    };
    Shape::Mesh(Arc::new(mesh))
}

/// The lines as screen shapes, skipping short lines far outside the view.
pub fn project_lines(set: &Lines, projector: &Projector, out: &mut Vec<Shape>) {
    let visible = projector.rect().expand(LINE_CULL_MARGIN);
    for line in &set.lines {
        let points: Vec<Pos2> = line.iter().map(|p| projector.project(p[0], p[1])).collect();
        if !points.iter().any(|p| visible.contains(*p)) && points.len() < 3 {
            continue;
        }
        match set.style {
            LineStyle::Solid(w, c) => out.push(Shape::line(points, Stroke::new(w, c))),
            LineStyle::Dashed(w, c) => {
                out.extend(Shape::dashed_line(
                    &points,
                    Stroke::new(w, c),
                    DASH.0,
                    DASH.1,
                ));
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn square() -> Polygon<f64> {
        Polygon::new(
            LineString::from(vec![
                (0.0, 0.0),
                (1.0, 0.0),
                (1.0, 1.0),
                (0.0, 1.0),
                (0.0, 0.0),
            ]),
            vec![],
        )
    }

    #[test]
    fn hatching_stays_inside_the_polygon() {
        let lines = hatch(&[square()], 0.1);
        assert!(lines.len() >= 15, "{}", lines.len());
        for p in lines.iter().flatten() {
            assert!((-1e-9..=1.0 + 1e-9).contains(&p[0]) && (-1e-9..=1.0 + 1e-9).contains(&p[1]));
        }
    }

    #[test]
    fn fills_triangulate_and_labels_sit_inside() {
        let fill = fill_of(&[square()], Color32::RED);
        assert_eq!(fill.indices.len(), 6, "two triangles");
        assert!(
            fill.indices
                .iter()
                .all(|&i| (i as usize) < fill.vertices.len())
        );
        let (x, y) = label_point(&[square()]).unwrap();
        assert!((0.0..=1.0).contains(&x) && (0.0..=1.0).contains(&y));
        assert_eq!(line_strings(&Geometry::Polygon(square()))[0].len(), 5);
    }
}
