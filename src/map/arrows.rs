//! Arrows at the map's edge pointing toward events outside the view, with a label that names the
//! place and the count, kept inside the map and clear of the arrows already placed.

use crate::palette;
use eframe::egui::{self, Color32, FontId, Galley, Painter, Pos2, Rect, Shape, Stroke, Vec2, vec2};
use std::sync::Arc;

/// Moves `r` back inside `bounds`.
pub fn keep_inside(r: Rect, bounds: Rect) -> Vec2 {
    let dx = if r.left() < bounds.left() {
        bounds.left() - r.left()
    } else if r.right() > bounds.right() {
        bounds.right() - r.right()
    } else {
        0.0
    };
    let dy = if r.top() < bounds.top() {
        bounds.top() - r.top()
    } else if r.bottom() > bounds.bottom() {
        bounds.bottom() - r.bottom()
    } else {
        0.0
    };
    vec2(dx, dy)
}

/// Where a label goes: its ideal rectangle moved inside `bounds`, then along the edge until it
/// overlaps no rectangle in `placed` (at most a dozen steps); `None` if every step overlaps.
pub fn free_spot(ideal: Rect, bounds: Rect, dir: Vec2, placed: &[Rect]) -> Option<Rect> {
    let start = ideal.translate(keep_inside(ideal, bounds));
    // along the edge: vertical steps on the left and right edges, horizontal on the top and bottom
    let step = if dir.x.abs() > dir.y.abs() {
        vec2(0.0, start.height() + 3.0)
    } else {
        vec2(start.width() + 3.0, 0.0)
    };
    for k in 0..12 {
        let sign = if k % 2 == 0 { 1.0 } else { -1.0 };
        let shift = step * sign * (k as f32 / 2.0).ceil();
        let r = start.translate(shift);
        let r = r.translate(keep_inside(r, bounds));
        if !placed.iter().any(|p| p.intersects(r)) {
            return Some(r);
        }
    }
    None
}

/// Length of an arrow from its base to its tip, in points.
const ARROW_LENGTH: f32 = 14.0;
/// Half the width of an arrow's base, in points.
const ARROW_HALF_WIDTH: f32 = 8.0;
/// How far behind its base an arrow's label is centred, in points.
const LABEL_OFFSET: f32 = 18.0;
/// The label's font size.
const LABEL_FONT: f32 = 12.0;

/// An arrow at the edge and its label, laid out: where each part goes, before painting.
#[derive(Clone, Debug)]
pub struct ArrowLayout {
    /// The arrow's three corners.
    triangle: [Pos2; 3],
    /// The label's box and text, when one fits.
    label: Option<(Rect, Arc<Galley>)>,
    /// The area that reacts to the pointer: the arrow and its label.
    pub hit: Rect,
}

impl ArrowLayout {
    /// Lays out an arrow at `anchor` pointing along `dir`, labelled "`name` (`count`)", or just
    /// the count where that does not fit beside the labels already placed, or not at all (the
    /// arrow alone, which still names the place on hover). Records the label in `placed`.
    pub fn new(
        painter: &Painter,
        bounds: Rect,
        (anchor, dir): (Pos2, Vec2),
        name: &str,
        count: String,
        placed: &mut Vec<Rect>,
    ) -> ArrowLayout {
        let tip = anchor + dir * ARROW_LENGTH;
        let side = vec2(-dir.y, dir.x) * ARROW_HALF_WIDTH;
        let triangle = [tip, anchor - dir * 4.0 + side, anchor - dir * 4.0 - side];
        let arrow = Rect::from_center_size(anchor, Vec2::splat(20.0));
        let texts = [format!("{name} ({count})"), count];
        let label = texts.into_iter().find_map(|text| {
            let font = FontId::proportional(LABEL_FONT);
            let galley = painter.layout_no_wrap(text, font, palette::OVERLAY_TEXT);
            let ideal =
                Rect::from_center_size(anchor - dir * LABEL_OFFSET, galley.size() + vec2(8.0, 4.0));
            free_spot(ideal, bounds.shrink(2.0), dir, placed).map(|r| (r, galley))
        });
        if let Some((r, _)) = &label {
            placed.push(*r);
        }
        let hit = label.as_ref().map_or(arrow, |(r, _)| r.union(arrow));
        ArrowLayout {
            triangle,
            label,
            hit,
        }
    }

    /// Paints the arrow in `color`, its label outlined in that colour (thick when selected).
    pub fn paint(&self, painter: &Painter, color: Color32, selected: bool) {
        painter.add(Shape::convex_polygon(
            self.triangle.to_vec(),
            color,
            Stroke::new(1.5, palette::MARKER_RIM),
        ));
        let Some((rect, galley)) = &self.label else {
            return;
        };
        painter.rect_filled(*rect, 3.0, palette::OVERLAY_BACKDROP);
        let (width, outline) = if selected {
            (2.5, palette::SELECTED)
        } else {
            (1.0, color)
        };
        painter.rect_stroke(
            *rect,
            3.0,
            Stroke::new(width, outline),
            egui::StrokeKind::Inside,
        );
        painter.galley(
            rect.center() - galley.size() / 2.0,
            galley.clone(),
            palette::OVERLAY_TEXT,
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use eframe::egui::pos2;

    #[test]
    fn labels_step_along_the_edge_until_free() {
        let bounds = Rect::from_min_size(pos2(0.0, 0.0), vec2(400.0, 300.0));
        let ideal = Rect::from_min_size(pos2(10.0, 100.0), vec2(80.0, 16.0));
        let first = free_spot(ideal, bounds, vec2(-1.0, 0.0), &[]).unwrap();
        assert_eq!(first, ideal);
        let second = free_spot(ideal, bounds, vec2(-1.0, 0.0), &[first]).unwrap();
        assert!(!second.intersects(first));
        assert_eq!(second.left(), first.left(), "moved along the left edge");
        let outside = Rect::from_min_size(pos2(-30.0, -5.0), vec2(80.0, 16.0));
        let inside = free_spot(outside, bounds, vec2(0.0, -1.0), &[]).unwrap();
        assert!(bounds.contains_rect(inside));
        // an edge already full of labels leaves no spot
        assert_eq!(free_spot(ideal, bounds, vec2(-1.0, 0.0), &[bounds]), None);
    }
}
