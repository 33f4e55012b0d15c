//! Count badges of shapes kept clear of the point markers and of each other: a badge sits at its
//! shape's interior point or the middle of its line, unless a pie or another badge covers its
//! middle there; then it moves along the line, or within the area, to the nearest clear spot off
//! the places' dots. A shape too small on screen to hold a clear spot keeps its badge where it
//! was: moved off its shape, a badge would read as another's, and take the room its neighbours'
//! names need.

use super::paint::BADGE_SIZE;
use super::{Marker, MarkerKind, marker_radius};
use crate::map::projection::Projector;
use crate::model::Dataset;
use eframe::egui::{Pos2, Rect, Vec2, pos2};
use geo::{Contains, Geometry};

/// Room kept between a badge and what it moves off, in points.
const CLEARANCE: f32 = 2.0;
/// The side of the square a badge keeps off round a key place's dot, in points.
const DOT_CLEARANCE: f32 = 12.0;
/// Distances from the first spot, in points, at which a badge inside an area may stand.
const RINGS: [f32; 4] = [14.0, 24.0, 36.0, 50.0];
/// Directions tried on each ring.
const DIRECTIONS: usize = 12;

/// The rectangle a point marker covers.
fn point_rect(m: &Marker) -> Rect {
    let r = marker_radius(m.count) + CLEARANCE;
    Rect::from_center_size(m.anchor, Vec2::splat(2.0 * r))
}

/// The rectangle a badge centred at `at` covers.
fn badge_rect(at: Pos2) -> Rect {
    Rect::from_center_size(at, BADGE_SIZE + Vec2::splat(CLEARANCE))
}

/// Moves each shape's badge off the point markers, the badges placed before it and the `dots` of
/// the places whose names must stay legible, to the nearest spot on its line or inside its area
/// (and on the map); a badge with no such spot stays.
pub fn clear_badges(markers: &mut [Marker], data: &Dataset, projector: &Projector, dots: &[Pos2]) {
    let mut taken: Vec<Rect> = markers
        .iter()
        .filter(|m| matches!(m.kind, MarkerKind::Point))
        .map(point_rect)
        .collect();
    // a dot a marker already covers has nothing left to keep clear
    let dots: Vec<Rect> = (dots.iter())
        .filter(|d| !taken.iter().any(|t| t.contains(**d)))
        .map(|d| Rect::from_center_size(*d, Vec2::splat(DOT_CLEARANCE)))
        .collect();
    let inner = projector.rect().shrink(BADGE_SIZE.x / 2.0);
    for m in markers
        .iter_mut()
        .filter(|m| matches!(m.kind, MarkerKind::Shape { .. }))
    {
        let covered = |at: Pos2| taken.iter().any(|t| t.intersects(badge_rect(at)));
        // a badge whose count shows stays, though a marker's rim may touch it; one whose middle
        // is under a marker moves, and keeps off the dots too
        if taken.iter().any(|t| t.contains(m.anchor)) {
            let clear = |at: Pos2| {
                let r = badge_rect(at);
                inner.contains(at) && !covered(at) && !dots.iter().any(|d| d.intersects(r))
            };
            let geometry = data.view(m.example).and_then(|e| e.shape);
            if let Some(spot) = geometry.and_then(|g| nearest_clear(g, m.anchor, projector, clear))
            {
                m.anchor = spot;
            }
        }
        taken.push(badge_rect(m.anchor));
    }
}

/// The spot on `geometry` nearest `from` that is `clear`: a vertex of a line, or a point of an
/// area on rings round `from`.
fn nearest_clear(
    geometry: &Geometry<f64>,
    from: Pos2,
    projector: &Projector,
    clear: impl Fn(Pos2) -> bool,
) -> Option<Pos2> {
    let mut spots: Vec<Pos2> = match geometry {
        Geometry::LineString(l) => l.0.iter().map(|c| projector.project(c.x, c.y)).collect(),
        Geometry::MultiLineString(m) => {
            m.0.iter()
                .flat_map(|l| l.0.iter())
                .map(|c| projector.project(c.x, c.y))
                .collect()
        }
        Geometry::Polygon(_) | Geometry::MultiPolygon(_) => ring_spots(from)
            .into_iter()
            .filter(|p| {
                let (lon, lat) = projector.unproject(*p);
                geometry.contains(&geo::Point::new(lon, lat))
            })
            .collect(),
        _ => Vec::new(),
    };
    spots.sort_by(|a, b| a.distance_sq(from).total_cmp(&b.distance_sq(from)));
    spots.into_iter().find(|p| clear(*p))
}

/// Points on rings round `from`.
fn ring_spots(from: Pos2) -> Vec<Pos2> {
    RINGS
        .iter()
        .flat_map(|r| {
            (0..DIRECTIONS).map(move |k| {
                let a = std::f32::consts::TAU * k as f32 / DIRECTIONS as f32;
                pos2(from.x + r * a.cos(), from.y + r * a.sin())
            })
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rings_go_outward() {
        let spots = ring_spots(pos2(100.0, 100.0));
        assert_eq!(spots.len(), RINGS.len() * DIRECTIONS);
        assert!((spots[0].distance(pos2(100.0, 100.0)) - RINGS[0]).abs() < 0.01);
        let last = spots[spots.len() - 1];
        assert!((last.distance(pos2(100.0, 100.0)) - RINGS[3]).abs() < 0.01);
    }
}
