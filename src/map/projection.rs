//! Between geographic and screen coordinates: an equirectangular projection true to scale at 40°N.

use crate::model::MapView;
use crate::model::map_view::LON_FACTOR;
use eframe::egui::{Pos2, Rect, pos2};

/// Projects with a view into a screen rectangle.
#[derive(Clone, Copy, Debug)]
pub struct Projector {
    view: MapView,
    rect: Rect,
}

impl Projector {
    /// A projector for a view drawn into `rect`.
    pub fn new(view: MapView, rect: Rect) -> Projector {
        Projector { view, rect }
    }

    /// The screen rectangle.
    pub fn rect(&self) -> Rect {
        self.rect
    }

    /// Screen position of a longitude/latitude.
    pub fn project(&self, lon: f64, lat: f64) -> Pos2 {
        let c = self.rect.center();
        let x = f64::from(c.x) + (lon - self.view.lon) * self.view.scale * LON_FACTOR;
        let y = f64::from(c.y) - (lat - self.view.lat) * self.view.scale;
        pos2(x as f32, y as f32)
    }

    /// Longitude/latitude of a screen position.
    pub fn unproject(&self, pos: Pos2) -> (f64, f64) {
        let offset = pos - self.rect.center();
        self.view
            .at_offset(f64::from(offset.x), f64::from(offset.y))
    }

    /// The view it projects with.
    pub fn view(&self) -> MapView {
        self.view
    }
}

/// A "nice" scale-bar length in km for at most `max_km`.
pub fn nice_km(max_km: f64) -> f64 {
    let mut best = 1.0;
    for exp in -1..5 {
        for m in [1.0, 2.0, 5.0] {
            let v = m * 10f64.powi(exp);
            if v <= max_km {
                best = v;
            }
        }
    }
    best
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rect() -> Rect {
        Rect::from_min_size(pos2(0.0, 0.0), eframe::egui::vec2(800.0, 600.0))
    }

    #[test]
    fn project_round_trips() {
        let p = Projector::new(MapView::default(), rect());
        let s = p.project(46.2919, 38.08);
        let (lon, lat) = p.unproject(s);
        assert!((lon - 46.2919).abs() < 1e-4 && (lat - 38.08).abs() < 1e-4);
        assert_eq!(p.project(46.0, 39.5), pos2(400.0, 300.0));
    }

    #[test]
    fn fit_region_contains_tabriz_and_tbilisi() {
        let v = MapView::fit_region(800.0, 600.0);
        let p = Projector::new(v, rect());
        for (lon, lat) in [(46.2919, 38.08), (44.8337, 41.6941), (49.892, 40.3777)] {
            assert!(rect().contains(p.project(lon, lat)));
        }
    }

    #[test]
    fn nice_scale_lengths() {
        assert_eq!(nice_km(130.0), 100.0);
        assert_eq!(nice_km(60.0), 50.0);
        assert_eq!(nice_km(2.5), 2.0);
    }
}
