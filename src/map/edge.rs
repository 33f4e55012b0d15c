//! Where a point outside the visible map sits on its edge, and which way it points.

use eframe::egui::{Pos2, Rect, Vec2, vec2};

/// How far inside the map's edge an arrow's base sits, in points.
pub const ARROW_INSET: f32 = 30.0;

/// The point on `rect` (shrunk by `margin`) where the ray from its centre toward `target` leaves
/// it, and the unit direction of that ray. `None` when `target` is inside.
pub fn edge_anchor(rect: Rect, target: Pos2, margin: f32) -> Option<(Pos2, Vec2)> {
    let inner = rect.shrink(margin);
    if inner.contains(target) {
        return None;
    }
    let c = inner.center();
    let d = target - c;
    if d.length() < f32::EPSILON {
        return None;
    }
    let tx = if d.x.abs() > f32::EPSILON {
        (inner.width() / 2.0) / d.x.abs()
    } else {
        f32::INFINITY
    };
    let ty = if d.y.abs() > f32::EPSILON {
        (inner.height() / 2.0) / d.y.abs()
    } else {
        f32::INFINITY
    };
    let t = tx.min(ty).min(1.0);
    Some((c + d * t, d.normalized()))
}

/// Where the arrow toward `target` sits and which way it points: on the edge when the target is
/// outside the view; at the target itself, pointing away from the centre, when it is inside the
/// view but off the map's region (a place flagged off-map).
pub fn edge_toward(rect: Rect, target: Pos2) -> (Pos2, Vec2) {
    edge_anchor(rect, target, ARROW_INSET).unwrap_or_else(|| {
        let d = (target - rect.center()).normalized();
        (target, if d.length() > 0.0 { d } else { vec2(0.0, -1.0) })
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use eframe::egui::{pos2, vec2};

    #[test]
    fn anchors_on_the_edge_toward_the_target() {
        let rect = Rect::from_min_size(pos2(0.0, 0.0), vec2(200.0, 100.0));
        let (p, dir) = edge_anchor(rect, pos2(-1000.0, 50.0), 10.0).unwrap();
        assert!((p - pos2(10.0, 50.0)).length() < 1e-3, "{p:?}");
        assert!((dir - vec2(-1.0, 0.0)).length() < 1e-6);
        let (p, _) = edge_anchor(rect, pos2(100.0, 500.0), 10.0).unwrap();
        assert!((p - pos2(100.0, 90.0)).length() < 1e-3, "{p:?}");
        assert!(edge_anchor(rect, pos2(50.0, 50.0), 10.0).is_none());
        let (p, dir) = edge_toward(rect, pos2(150.0, 50.0));
        assert_eq!((p, dir), (pos2(150.0, 50.0), vec2(1.0, 0.0)));
        assert_eq!(edge_toward(rect, rect.center()).1, vec2(0.0, -1.0));
    }
}
