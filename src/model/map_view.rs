//! Where the map looks: a centre and a zoom, with the projection's arithmetic in plain numbers (no
//! UI types), so the saved session and copied views can hold it.

use super::region::GeoBounds;

/// The horizontal scale factor: cos(40°), so distances are true near the region's middle latitude.
pub const LON_FACTOR: f64 = 0.766_044_443_118_978;
/// Closest zoom: pixels per degree of latitude.
pub const MAX_SCALE: f64 = 4000.0;
/// Farthest zoom: pixels per degree of latitude (the whole world fits a small window).
pub const MIN_SCALE: f64 = 2.0;
/// Kilometres per degree of latitude.
pub const KM_PER_DEGREE: f64 = 111.32;

/// The core of the South Caucasus that "Fit" shows: Tbilisi to Tehran, Batumi to Baku.
pub const CORE: GeoBounds = GeoBounds {
    min_lon: 39.6,
    max_lon: 52.4,
    min_lat: 34.9,
    max_lat: 43.4,
};

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
    /// A view showing `bounds` inside a screen rectangle of `width` × `height` points.
    ///
    /// ```
    /// use caucasus_atlas::model::map_view::{CORE, MapView};
    /// let view = MapView::fit(&CORE, 800.0, 600.0);
    /// assert_eq!((view.lon, view.lat), (46.0, 39.15));
    /// assert!((view.scale - 600.0 / 8.5).abs() < 1e-9);
    /// ```
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

    /// The view fitting the core of the region into a rectangle.
    pub fn fit_region(width: f32, height: f32) -> MapView {
        MapView::fit(&CORE, width, height)
    }

    /// The longitude and latitude at an offset from the centre, in points (y downwards).
    pub fn at_offset(&self, dx: f64, dy: f64) -> (f64, f64) {
        (
            self.lon + dx / (self.scale * LON_FACTOR),
            self.lat - dy / self.scale,
        )
    }

    /// Zooms by `factor` keeping the point at `offset` (points from the centre) fixed on screen.
    ///
    /// ```
    /// use caucasus_atlas::model::MapView;
    /// let mut view = MapView::default();
    /// let before = view.at_offset(200.0, -100.0);
    /// view.zoom_at(2.0, (200.0, -100.0));
    /// let after = view.at_offset(200.0, -100.0);
    /// assert!((before.0 - after.0).abs() < 1e-9 && (before.1 - after.1).abs() < 1e-9);
    /// assert_eq!(view.scale, 160.0);
    /// ```
    pub fn zoom_at(&mut self, factor: f64, offset: (f64, f64)) {
        let before = self.at_offset(offset.0, offset.1);
        self.scale = (self.scale * factor).clamp(MIN_SCALE, MAX_SCALE);
        let after = self.at_offset(offset.0, offset.1);
        self.lon += before.0 - after.0;
        self.lat += before.1 - after.1;
        self.clamp();
    }

    /// Pans by a screen delta in points.
    pub fn pan(&mut self, dx: f64, dy: f64) {
        self.lon -= dx / (self.scale * LON_FACTOR);
        self.lat += dy / self.scale;
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn zoom_respects_limits_and_pan_moves_the_centre() {
        let mut v = MapView::default();
        v.zoom_at(1e9, (10.0, 10.0));
        assert_eq!(v.scale, MAX_SCALE);
        v.zoom_at(1e-9, (10.0, 10.0));
        assert_eq!(v.scale, MIN_SCALE);
        let mut v = MapView::default();
        v.pan(80.0 * LON_FACTOR, -80.0);
        assert!((v.lon - 45.0).abs() < 1e-9 && (v.lat - 38.5).abs() < 1e-9);
        assert!((v.km_per_point() - KM_PER_DEGREE / 80.0).abs() < 1e-12);
    }
}
