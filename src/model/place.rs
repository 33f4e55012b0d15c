//! Places of the gazetteer.

use serde::{Deserialize, Serialize};
use std::fmt;

/// What sort of place a gazetteer entry is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum PlaceKind {
    /// A city or town.
    City,
    /// A region (Karabakh, the Nakhchivan Autonomous Republic).
    Region,
    /// A border between two states.
    Border,
    /// A corridor or road (the Lachin corridor).
    Corridor,
    /// A country as a whole.
    Country,
    /// A river.
    River,
    /// A place outside the map's region (Washington, Brussels).
    OffMap,
}

impl PlaceKind {
    /// The name used in files.
    pub fn as_str(self) -> &'static str {
        match self {
            PlaceKind::City => "city",
            PlaceKind::Region => "region",
            PlaceKind::Border => "border",
            PlaceKind::Corridor => "corridor",
            PlaceKind::Country => "country",
            PlaceKind::River => "river",
            PlaceKind::OffMap => "off-map",
        }
    }
}

impl fmt::Display for PlaceKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A named place with WGS84 coordinates.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Place {
    /// Stable id, e.g. `khankendi`.
    pub id: String,
    /// Display name; contested places carry both names ("Khankendi / Stepanakert").
    pub name: String,
    /// Other names and spellings.
    #[serde(default)]
    pub alt_names: Vec<String>,
    /// What sort of place it is.
    pub kind: PlaceKind,
    /// The internationally recognised state it lies in.
    #[serde(default)]
    pub country: String,
    /// Latitude in degrees.
    pub lat: f64,
    /// Longitude in degrees.
    pub lon: f64,
    /// GeoNames id, when known.
    #[serde(default)]
    pub geonames_id: Option<u64>,
    /// Context (contested status, how a point was chosen).
    #[serde(default)]
    pub note: String,
}

impl Place {
    /// A place known only by a name and coordinates (from an imported dataset).
    pub fn ad_hoc(id: &str, name: &str, country: &str, lat: f64, lon: f64) -> Place {
        Place {
            id: id.to_owned(),
            name: name.to_owned(),
            alt_names: Vec::new(),
            kind: PlaceKind::City,
            country: country.to_owned(),
            lat,
            lon,
            geonames_id: None,
            note: String::new(),
        }
    }

    /// Whether the name or any alternative name matches `query` (case-insensitive substring).
    pub fn matches(&self, query: &str) -> bool {
        let q = query.to_lowercase();
        self.name.to_lowercase().contains(&q)
            || self.alt_names.iter().any(|n| n.to_lowercase().contains(&q))
    }

    /// Whether `name` is one of this place's names, whole and ignoring case: its display name,
    /// either side of a name given both ways, or an alternative name.
    ///
    /// ```
    /// use caucasus_atlas::model::Place;
    /// let mut p = Place::ad_hoc("khankendi", "Khankendi / Stepanakert", "Azerbaijan", 39.8, 46.75);
    /// p.alt_names.push("Xankəndi".to_owned());
    /// assert!(p.is_named("stepanakert"));
    /// assert!(p.is_named("XANKƏNDI"));
    /// assert!(!p.is_named("Stepan"));
    /// ```
    pub fn is_named(&self, name: &str) -> bool {
        let wanted = name.trim().to_lowercase();
        !wanted.is_empty() && self.names().any(|n| n.to_lowercase() == wanted)
    }

    /// Every name the place goes by, trimmed: each side of a name given both ways, the display
    /// name itself, then the alternative names (a name may come more than once).
    ///
    /// ```
    /// use caucasus_atlas::model::Place;
    /// let mut p = Place::ad_hoc("shusha", "Shusha / Shushi", "Azerbaijan", 39.76, 46.75);
    /// p.alt_names.push("Şuşa".to_owned());
    /// let names: Vec<&str> = p.names().collect();
    /// assert_eq!(names, ["Shusha", "Shushi", "Shusha / Shushi", "Şuşa"]);
    /// ```
    pub fn names(&self) -> impl Iterator<Item = &str> {
        self.name
            .split(" / ")
            .chain(std::iter::once(self.name.as_str()))
            .chain(self.alt_names.iter().map(String::as_str))
            .map(str::trim)
    }
}

/// Checks WGS84 coordinates; returns what is wrong.
pub fn validate_coordinates(lat: f64, lon: f64) -> Result<(), String> {
    validate_latitude(lat)?;
    validate_longitude(lon)
}

/// Checks that a latitude is a finite number of degrees within -90..90.
pub fn validate_latitude(lat: f64) -> Result<(), String> {
    if !lat.is_finite() || !(-90.0..=90.0).contains(&lat) {
        return Err(format!("latitude {lat} is outside -90..90"));
    }
    Ok(())
}

/// Checks that a longitude is a finite number of degrees within -180..180.
pub fn validate_longitude(lon: f64) -> Result<(), String> {
    if !lon.is_finite() || !(-180.0..=180.0).contains(&lon) {
        return Err(format!("longitude {lon} is outside -180..180"));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn coordinates_in_range() {
        assert!(validate_coordinates(38.08, 46.29).is_ok());
        assert!(
            validate_coordinates(91.0, 46.0)
                .unwrap_err()
                .contains("latitude 91")
        );
        assert!(
            validate_coordinates(40.0, -181.0)
                .unwrap_err()
                .contains("longitude")
        );
        assert!(validate_coordinates(f64::NAN, 0.0).is_err());
    }

    #[test]
    fn kinds_serialize_kebab() {
        let json = serde_json::to_string(&PlaceKind::OffMap).unwrap();
        assert_eq!(json, "\"off-map\"");
        assert_eq!(PlaceKind::OffMap.as_str(), "off-map");
    }

    #[test]
    fn matches_alt_names() {
        let mut p = Place::ad_hoc(
            "khankendi",
            "Khankendi / Stepanakert",
            "Azerbaijan",
            39.8,
            46.7,
        );
        p.alt_names.push("Xankəndi".to_owned());
        assert!(p.matches("stepanakert"));
        assert!(p.matches("Xankəndi"));
        assert!(!p.matches("Baku"));
    }
}
