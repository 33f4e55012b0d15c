//! The map's region: the box the basemap covers.

/// A longitude/latitude box in degrees.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct GeoBounds {
    /// Western edge.
    pub min_lon: f64,
    /// Southern edge.
    pub min_lat: f64,
    /// Eastern edge.
    pub max_lon: f64,
    /// Northern edge.
    pub max_lat: f64,
}

impl GeoBounds {
    /// Whether the point lies inside (edges included).
    pub fn contains(&self, lon: f64, lat: f64) -> bool {
        (self.min_lon..=self.max_lon).contains(&lon) && (self.min_lat..=self.max_lat).contains(&lat)
    }
}

/// The South Caucasus region the basemap covers: 38–52°E, 34.5–44°N.
pub const REGION: GeoBounds = GeoBounds {
    min_lon: 38.0,
    min_lat: 34.5,
    max_lon: 52.0,
    max_lat: 44.0,
};

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn region_holds_tehran_not_washington() {
        assert!(REGION.contains(51.4215, 35.6944));
        assert!(!REGION.contains(-77.0369, 38.9072));
        assert!(!REGION.contains(4.3517, 50.8503)); // Brussels
        assert!(REGION.contains(39.7303, 43.5992)); // Sochi lies just inside the box
    }
}
