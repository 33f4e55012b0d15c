//! The labels layer: the names the layers below asked for, placed in order of importance so that
//! none overlaps another or a marker. A city's name moves beside its dot (right, left, above,
//! below) rather than under a marker; an area's name shifts a little; Armenia and Azerbaijan are
//! always named.

use crate::commands::Command;
use crate::map::layer::{LabelCandidate, LabelRank, MapLayer, Scene};
use crate::map::projection::Projector;
use crate::palette;
use eframe::egui::{Align2, Pos2, Rect, Response, Ui, Vec2, pos2, vec2};

/// Gap between a city's dot and its name, in points.
const DOT_GAP: f32 = 5.0;
/// Labels keep this far inside the map's edge, in points.
const EDGE_INSET: f32 = 2.0;
/// Padding of a label's halo, in points.
const HALO_PAD: f32 = 1.0;

/// A label where it was drawn.
#[derive(Clone, Debug, PartialEq)]
pub struct PlacedLabel {
    /// The text.
    pub text: String,
    /// Its rectangle on screen (with its halo).
    pub rect: Rect,
    /// Its rank.
    pub rank: LabelRank,
}

/// The rectangles a label may take beside `anchor` (a dot, or the marker covering it), best first:
/// right, left, above, below, then the corners.
fn around(anchor: Rect, size: Vec2) -> Vec<Rect> {
    let (w, h) = (size.x, size.y);
    let (c, gap) = (anchor.center(), DOT_GAP);
    vec![
        Rect::from_min_size(pos2(anchor.right() + gap, c.y - h / 2.0), size),
        Rect::from_min_size(pos2(anchor.left() - gap - w, c.y - h / 2.0), size),
        Rect::from_min_size(pos2(c.x - w / 2.0, anchor.top() - gap - h), size),
        Rect::from_min_size(pos2(c.x - w / 2.0, anchor.bottom() + gap), size),
        Rect::from_min_size(pos2(anchor.right() + gap, anchor.top() - h), size),
        Rect::from_min_size(pos2(anchor.right() + gap, anchor.bottom()), size),
        Rect::from_min_size(pos2(anchor.left() - gap - w, anchor.top() - h), size),
        Rect::from_min_size(pos2(anchor.left() - gap - w, anchor.bottom()), size),
    ]
}

/// The rectangles a label may take, best first. A point's name goes beside its dot, or beside
/// the markers covering the dot, so that no marker hides it.
fn spots(at: Pos2, size: Vec2, beside_point: bool, occupied: &[Rect]) -> Vec<Rect> {
    if beside_point {
        let dot = Rect::from_center_size(at, Vec2::ZERO);
        let covering = occupied
            .iter()
            .filter(|r| r.expand(DOT_GAP).contains(at))
            .fold(dot, |acc, r| acc.union(*r));
        let mut options = around(dot, size);
        if covering != dot {
            options.extend(around(covering, size));
        }
        return options;
    }
    let centred = Rect::from_center_size(at, size);
    let shifts = [
        (0.0, 0.0),
        (0.0, -1.2),
        (0.0, 1.2),
        (-0.6, 0.0),
        (0.6, 0.0),
        (0.0, -2.4),
        (0.0, 2.4),
    ];
    shifts
        .iter()
        .map(|(dx, dy)| centred.translate(vec2(dx * size.x, dy * size.y)))
        .collect()
}

/// Places labels of the given sizes in order, clear of `occupied` and of each other, inside
/// `bounds`; returns each placed label's index and rectangle. Key countries always get a place
/// (their first spot inside the map when every spot is taken).
pub fn layout_labels(
    candidates: &[(LabelCandidate, Vec2)],
    occupied: &[Rect],
    bounds: Rect,
) -> Vec<(usize, Rect)> {
    let inner = bounds.shrink(EDGE_INSET);
    let mut order: Vec<usize> = (0..candidates.len()).collect();
    order.sort_by_key(|&k| (candidates[k].0.rank, candidates[k].0.order));
    let mut placed: Vec<(usize, Rect)> = Vec::new();
    for k in order {
        let (c, size) = &candidates[k];
        let options: Vec<Rect> = spots(
            c.at,
            *size + Vec2::splat(2.0 * HALO_PAD),
            c.beside_point,
            occupied,
        )
        .into_iter()
        .filter(|r| inner.contains_rect(*r))
        .collect();
        let free = options.iter().copied().find(|r| {
            !occupied.iter().any(|o| o.intersects(*r))
                && !placed.iter().any(|(_, p)| p.intersects(*r))
        });
        let forced = (c.rank == LabelRank::KeyCountry)
            .then(|| options.first().copied())
            .flatten();
        if let Some(rect) = free.or(forced) {
            placed.push((k, rect));
        }
    }
    placed
}

/// The labels as a map layer; what it placed is kept for tests and captions.
pub struct LabelsLayer<'m> {
    /// The labels drawn last frame, in the map's memory.
    pub placed: &'m mut Vec<PlacedLabel>,
}

impl MapLayer for LabelsLayer<'_> {
    fn ui(
        &mut self,
        ui: &mut Ui,
        _: &Response,
        projector: &Projector,
        scene: &mut Scene<'_>,
    ) -> Vec<Command> {
        let painter = ui.painter_at(projector.rect());
        let candidates: Vec<(LabelCandidate, Vec2)> = std::mem::take(&mut scene.labels)
            .into_iter()
            .map(|c| {
                let size = painter
                    .layout_no_wrap(c.text.clone(), c.font.clone(), c.color)
                    .size();
                (c, size)
            })
            .collect();
        let layout = layout_labels(&candidates, &scene.occupied, projector.rect());
        self.placed.clear();
        for (k, rect) in layout {
            let c = &candidates[k].0;
            painter.rect_filled(rect, 2.0, palette::LABEL_HALO);
            painter.text(
                rect.center(),
                Align2::CENTER_CENTER,
                &c.text,
                c.font.clone(),
                c.color,
            );
            scene.occupied.push(rect);
            self.placed.push(PlacedLabel {
                text: c.text.clone(),
                rect,
                rank: c.rank,
            });
        }
        Vec::new()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use eframe::egui::{Color32, FontId, pos2};

    fn city(text: &str, x: f32, y: f32, order: usize) -> (LabelCandidate, Vec2) {
        (
            LabelCandidate {
                text: text.to_owned(),
                at: pos2(x, y),
                beside_point: true,
                rank: LabelRank::City,
                order,
                font: FontId::proportional(12.0),
                color: Color32::BLACK,
            },
            vec2(40.0, 12.0),
        )
    }

    #[test]
    fn a_city_name_moves_beside_a_marker_instead_of_under_it() {
        let bounds = Rect::from_min_size(pos2(0.0, 0.0), vec2(400.0, 300.0));
        let cities = [city("Baku", 200.0, 150.0, 0)];
        let free = layout_labels(&cities, &[], bounds);
        assert_eq!(free.len(), 1);
        assert!(free[0].1.left() > 200.0, "right of the dot by default");
        // a marker covers the right side: the name goes to the left
        let marker = Rect::from_min_size(pos2(203.0, 135.0), vec2(30.0, 30.0));
        let moved = layout_labels(&cities, &[marker], bounds);
        assert!(moved[0].1.right() < 200.0, "{:?}", moved[0].1);
        assert!(!moved[0].1.intersects(marker));
    }

    #[test]
    fn a_name_under_a_marker_moves_beside_the_marker() {
        let bounds = Rect::from_min_size(pos2(0.0, 0.0), vec2(400.0, 300.0));
        let cities = [city("Baku", 200.0, 150.0, 0)];
        // a marker centred on the dot, wider than the gap between a dot and its name
        let marker = Rect::from_center_size(pos2(200.0, 150.0), vec2(26.0, 26.0));
        let placed = layout_labels(&cities, &[marker], bounds);
        assert_eq!(placed.len(), 1, "the name is not dropped");
        assert!(!placed[0].1.intersects(marker));
        assert!(
            placed[0].1.left() >= marker.right(),
            "right of the marker: {:?}",
            placed[0].1
        );
        assert!((placed[0].1.center().y - 150.0).abs() < 1.0);
    }

    #[test]
    fn labels_never_overlap_and_importance_wins() {
        let bounds = Rect::from_min_size(pos2(0.0, 0.0), vec2(400.0, 300.0));
        let mut key = city("Yerevan", 100.0, 100.0, 5);
        key.0.rank = LabelRank::KeyPlace;
        let cities = vec![city("A", 100.0, 100.0, 0), key, city("B", 101.0, 100.0, 1)];
        let placed = layout_labels(&cities, &[], bounds);
        assert_eq!(placed[0].0, 1, "the key place is placed first");
        for (i, a) in placed.iter().enumerate() {
            for b in &placed[i + 1..] {
                assert!(!a.1.intersects(b.1), "{a:?} overlaps {b:?}");
            }
            assert!(bounds.contains_rect(a.1));
        }
    }

    #[test]
    fn key_countries_are_always_named() {
        let bounds = Rect::from_min_size(pos2(0.0, 0.0), vec2(400.0, 300.0));
        let (mut armenia, size) = city("ARMENIA", 200.0, 150.0, 0);
        armenia.rank = LabelRank::KeyCountry;
        armenia.beside_point = false;
        let everything = [bounds];
        let placed = layout_labels(&[(armenia, size)], &everything, bounds);
        assert_eq!(placed.len(), 1);
    }
}
