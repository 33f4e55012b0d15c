//! Label thinning: place labels in priority order and skip any that would overlap.

use eframe::egui::Rect;

/// Keeps the candidates (given in priority order) whose rectangles overlap no kept one and no
/// `blocked` rectangle; returns their indices.
pub fn thin_labels(candidates: &[Rect], blocked: &[Rect]) -> Vec<usize> {
    let mut kept: Vec<Rect> = Vec::new();
    let mut out = Vec::new();
    for (i, r) in candidates.iter().enumerate() {
        if kept.iter().chain(blocked).any(|k| k.intersects(*r)) {
            continue;
        }
        kept.push(*r);
        out.push(i);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use eframe::egui::{pos2, vec2};

    #[test]
    fn overlapping_labels_are_dropped_in_priority_order() {
        let r = |x: f32, y: f32| Rect::from_min_size(pos2(x, y), vec2(50.0, 12.0));
        let kept = thin_labels(&[r(0.0, 0.0), r(20.0, 5.0), r(100.0, 0.0)], &[]);
        assert_eq!(kept, vec![0, 2]);
        let kept = thin_labels(&[r(0.0, 0.0), r(100.0, 0.0)], &[r(110.0, 2.0)]);
        assert_eq!(kept, vec![0]);
    }
}
