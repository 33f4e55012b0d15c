//! Arrows at the map's edge pointing toward events outside the view, with a label that names the
//! place and the count, kept inside the map and clear of the arrows already placed.

use crate::palette;
use eframe::egui::{self, Color32, FontId, Painter, Pos2, Rect, Shape, Stroke, Vec2, vec2};

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

/// Paints an arrow at `anchor` pointing along `dir` with a labelled box; returns the area that
/// reacts to the pointer and records the label in `placed`. The label is "`name` (`count`)", or
/// just the count where that does not fit beside the labels already placed, or none (the arrow
/// alone, which still names the place on hover).
#[allow(clippy::too_many_arguments)]
pub fn paint_arrow(
    painter: &Painter,
    bounds: Rect,
    anchor: Pos2,
    dir: Vec2,
    color: Color32,
    name: &str,
    count: String,
    selected: bool,
    placed: &mut Vec<Rect>,
) -> Rect {
    let tip = anchor + dir * 14.0;
    let side = vec2(-dir.y, dir.x) * 8.0;
    painter.add(Shape::convex_polygon(
        vec![tip, anchor - dir * 4.0 + side, anchor - dir * 4.0 - side],
        color,
        Stroke::new(1.5, Color32::WHITE),
    ));
    let arrow = Rect::from_center_size(anchor, Vec2::splat(20.0));
    let texts = [format!("{name} ({count})"), count];
    let spot = texts.into_iter().find_map(|text| {
        let galley = painter.layout_no_wrap(text, FontId::proportional(12.0), Color32::BLACK);
        let ideal = Rect::from_center_size(anchor - dir * 18.0, galley.size() + vec2(8.0, 4.0));
        free_spot(ideal, bounds.shrink(2.0), dir, placed).map(|r| (r, galley))
    });
    let Some((text_rect, galley)) = spot else {
        return arrow;
    };
    placed.push(text_rect);
    painter.rect_filled(
        text_rect,
        3.0,
        Color32::from_rgba_unmultiplied(255, 255, 255, 220),
    );
    let (width, outline) = if selected {
        (2.5, palette::SELECTED)
    } else {
        (1.0, color)
    };
    painter.rect_stroke(
        text_rect,
        3.0,
        Stroke::new(width, outline),
        egui::StrokeKind::Inside,
    );
    painter.galley(
        text_rect.center() - galley.size() / 2.0,
        galley,
        Color32::BLACK,
    );
    text_rect.union(arrow)
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
