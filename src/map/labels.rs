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

/// A count as drawn on the map: exact below a thousand, then to two or three significant figures
/// ("1.2k", "12k", "1.3M"), so labels stay short and change less often while the window moves.
pub fn short_count(n: usize) -> String {
    match n {
        0..1000 => n.to_string(),
        1000..9950 => format!("{:.1}k", n as f64 / 1000.0),
        9950..999_500 => format!("{:.0}k", n as f64 / 1000.0),
        _ => format!("{:.1}M", n as f64 / 1e6),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_are_shortened() {
        assert_eq!(short_count(7), "7");
        assert_eq!(short_count(999), "999");
        assert_eq!(short_count(1000), "1.0k");
        assert_eq!(short_count(1234), "1.2k");
        assert_eq!(short_count(9949), "9.9k");
        assert_eq!(short_count(9950), "10k");
        assert_eq!(short_count(66_509), "67k");
        assert_eq!(short_count(999_499), "999k");
        assert_eq!(short_count(999_500), "1.0M");
        assert_eq!(short_count(1_000_000), "1.0M");
    }
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
