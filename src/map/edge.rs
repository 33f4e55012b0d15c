//! Where a point outside the visible map sits on its edge, and which way it points.

use eframe::egui::{Pos2, Rect, Vec2};

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
    }
}
