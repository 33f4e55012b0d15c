//! Between geographic and screen coordinates: an equirectangular projection true to scale at 40°N.

use crate::model::region::{GeoBounds, REGION};
use eframe::egui::{Pos2, Rect, pos2};

/// The horizontal scale factor: cos(40°), so distances are true near the region's middle latitude.
pub const LON_FACTOR: f64 = 0.766_044_443_118_978;
/// Closest zoom: pixels per degree of latitude.
pub const MAX_SCALE: f64 = 4000.0;
/// Farthest zoom: pixels per degree of latitude.
pub const MIN_SCALE: f64 = 8.0;
/// Kilometres per degree of latitude.
pub const KM_PER_DEGREE: f64 = 111.32;

/// Where the map looks: its centre and zoom.
#[derive(Clone, Copy, Debug, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct MapView {
    /// Longitude at the centre.
    pub lon: f64,
    /// Latitude at the centre.
    pub lat: f64,
    /// Pixels per degree of latitude.
    pub scale: f64,
}

impl Default for MapView {
    fn default() -> Self {
        MapView {
            lon: 46.0,
            lat: 39.5,
            scale: 80.0,
        }
    }
}

impl MapView {
    /// A view showing `bounds` inside a screen rectangle of `size`.
    pub fn fit(bounds: &GeoBounds, width: f32, height: f32) -> MapView {
        let w = (bounds.max_lon - bounds.min_lon) * LON_FACTOR;
        let h = bounds.max_lat - bounds.min_lat;
        let scale = (f64::from(width.max(1.0)) / w).min(f64::from(height.max(1.0)) / h);
        MapView {
            lon: (bounds.min_lon + bounds.max_lon) / 2.0,
            lat: (bounds.min_lat + bounds.max_lat) / 2.0,
            scale: scale.clamp(MIN_SCALE, MAX_SCALE),
        }
    }

    /// The view fitting the region (the core of the South Caucasus) into a rectangle.
    pub fn fit_region(width: f32, height: f32) -> MapView {
        let core = GeoBounds {
            min_lon: 39.6,
            max_lon: 52.4,
            min_lat: 34.9,
            max_lat: 43.4,
        };
        let _ = REGION;
        MapView::fit(&core, width, height)
    }

    /// Zooms by `factor` keeping the geographic point under `anchor` fixed.
    pub fn zoom_at(&mut self, factor: f64, anchor: Pos2, rect: Rect) {
        let before = Projector::new(*self, rect).unproject(anchor);
        self.scale = (self.scale * factor).clamp(MIN_SCALE, MAX_SCALE);
        let after = Projector::new(*self, rect).unproject(anchor);
        self.lon += before.0 - after.0;
        self.lat += before.1 - after.1;
        self.clamp();
    }

    /// Pans by a screen delta in points.
    pub fn pan(&mut self, dx: f32, dy: f32) {
        self.lon -= f64::from(dx) / (self.scale * LON_FACTOR);
        self.lat += f64::from(dy) / self.scale;
        self.clamp();
    }

    /// Keeps the centre on the globe.
    fn clamp(&mut self) {
        self.lon = self.lon.clamp(-180.0, 180.0);
        self.lat = self.lat.clamp(-85.0, 85.0);
        self.scale = self.scale.clamp(MIN_SCALE, MAX_SCALE);
    }

    /// Kilometres per screen point.
    pub fn km_per_point(&self) -> f64 {
        KM_PER_DEGREE / self.scale
    }
}

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
        let c = self.rect.center();
        let lon = self.view.lon + f64::from(pos.x - c.x) / (self.view.scale * LON_FACTOR);
        let lat = self.view.lat - f64::from(pos.y - c.y) / self.view.scale;
        (lon, lat)
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
    fn zoom_keeps_anchor_fixed_and_respects_limits() {
        let mut v = MapView::default();
        let anchor = pos2(600.0, 200.0);
        let geo = Projector::new(v, rect()).unproject(anchor);
        v.zoom_at(2.0, anchor, rect());
        assert!((v.scale - 160.0).abs() < 1e-9);
        let after = Projector::new(v, rect()).project(geo.0, geo.1);
        assert!((after - anchor).length() < 0.01);
        v.zoom_at(1e9, anchor, rect());
        assert_eq!(v.scale, MAX_SCALE);
        v.zoom_at(1e-9, anchor, rect());
        assert_eq!(v.scale, MIN_SCALE);
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
