//! Painting markers: a pie of category shares with a count, a shape with a count badge, and the
//! rings that show selection and hover.

use crate::map::labels::short_count;
use crate::model::Category;
use crate::palette;
use eframe::egui::{Align2, FontId, Mesh, Painter, Pos2, Rect, Shape, Stroke, StrokeKind, vec2};

/// Angle covered by one triangle of a pie slice, in radians.
const PIE_STEP: f32 = 0.2;
/// The count's font size on markers and badges.
pub const COUNT_FONT: f32 = 11.0;
/// Width of a marker's white rim.
const RIM: f32 = 1.5;

/// A filled pie of category shares.
pub fn pie(centre: Pos2, radius: f32, shares: &[(Category, u32)], alpha: f32) -> Shape {
    let total: u32 = shares.iter().map(|s| s.1).sum();
    let mut mesh = Mesh::default();
    let mut angle = -std::f32::consts::FRAC_PI_2;
    for &(category, n) in shares {
        let sweep = std::f32::consts::TAU * n as f32 / total.max(1) as f32;
        let color = palette::category_color(category).gamma_multiply(alpha);
        let steps = ((sweep / PIE_STEP).ceil() as usize).max(1);
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

/// The ring that marks a selected or hovered marker.
pub fn ring(painter: &Painter, centre: Pos2, radius: f32, selected: bool, hovered: bool) {
    if selected {
        painter.circle_stroke(centre, radius + 3.0, Stroke::new(3.0, palette::SELECTED));
    } else if hovered {
        painter.circle_stroke(centre, radius + 2.0, Stroke::new(2.5, palette::HOVERED));
        painter.circle_stroke(centre, radius + 4.0, Stroke::new(1.0, palette::SELECTED));
    }
}

/// A point marker: the pie, its rim and, for more than one event, the count on a white disc.
pub fn point(
    painter: &Painter,
    centre: Pos2,
    radius: f32,
    shares: &[(Category, u32)],
    count: usize,
    alpha: f32,
) {
    painter.add(pie(centre, radius, shares, alpha));
    painter.circle_stroke(
        centre,
        radius,
        Stroke::new(RIM, palette::MARKER_RIM.gamma_multiply(alpha)),
    );
    if count > 1 {
        painter.circle_filled(
            centre,
            radius * 0.62,
            palette::COUNT_DISC.gamma_multiply(alpha),
        );
        painter.text(
            centre,
            Align2::CENTER_CENTER,
            short_count(count),
            FontId::proportional(COUNT_FONT),
            palette::COUNT_TEXT,
        );
    }
}

/// The size of a shape's count badge.
pub const BADGE_SIZE: eframe::egui::Vec2 = vec2(24.0, 18.0);

/// The count badge of events drawn as a shape, in the colour of their main category.
pub fn badge(
    painter: &Painter,
    rect: Rect,
    color: eframe::egui::Color32,
    count: usize,
    selected: bool,
) {
    painter.rect_filled(rect, 3.0, color);
    let (width, outline) = if selected {
        (3.0, palette::SELECTED)
    } else {
        (RIM, palette::MARKER_RIM)
    };
    painter.rect_stroke(rect, 3.0, Stroke::new(width, outline), StrokeKind::Outside);
    painter.text(
        rect.center(),
        Align2::CENTER_CENTER,
        short_count(count),
        FontId::proportional(COUNT_FONT),
        palette::text_on(color),
    );
}

/// How a shape's events are outlined: lines (a border, a river) thick, areas (a country, a
/// region) thinner so that the map beneath stays readable.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Outline {
    /// The shape is a line.
    Line,
    /// The shape is an area.
    Area,
}

/// The lines of a shape its events are placed on, thicker when selected or hovered.
pub fn shape_lines(
    painter: &Painter,
    lines: Vec<Vec<Pos2>>,
    color: eframe::egui::Color32,
    outline: Outline,
    (selected, hovered): (bool, bool),
) {
    let base = match outline {
        Outline::Line => 4.0,
        Outline::Area => 2.5,
    };
    let width = if selected || hovered {
        base + 2.0
    } else {
        base
    };
    for line in lines {
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
}
