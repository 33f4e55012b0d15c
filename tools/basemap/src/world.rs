//! The low-detail world (`assets/world.geojson`): every country of Natural
//! Earth 1:110m and the whole Caspian Sea, drawn beneath the regional basemap
//! so that zooming out, or data from anywhere, never shows a void.

use std::collections::HashSet;

use geo::{Contains, MultiPolygon, Point, Polygon, Validation};

use crate::antimeridian::{self, MAX_EDGE_SPAN};
use crate::check;
use crate::geom::finish_mp;
use crate::output::{Feature, Geometry};
use crate::topo::{self, Simplified, Topo};

/// A point in the open water of the Caspian Sea (lon, lat).
const CASPIAN_PROBE: (f64, f64) = (50.5, 41.0);
/// Fewest countries a world map has.
const MIN_COUNTRIES: usize = 150;

/// The world features: countries in name order, then the Caspian Sea.
pub fn build(countries_path: &str, land_path: &str) -> Result<Vec<Feature>, String> {
    let ctopology = topo::read_topology(countries_path)?;
    let ctopo = Topo::decode(&ctopology)?;
    let mut countries = topo::shapes(&ctopology, "countries")?;
    countries.sort_by(|a, b| a.name.cmp(&b.name));
    let arcs: HashSet<usize> = countries
        .iter()
        .flat_map(|s| topo::arcs_used(&s.polygons))
        .collect();
    // Tolerance 0: the 1:110m data is already generalised; keep it as it is.
    let simp = Simplified::new(&ctopo, &arcs, 0.0, &HashSet::new());
    let mut features = Vec::new();
    for shape in &countries {
        let (mp, _) = simp.polygons(&shape.polygons)?;
        let (mp, cut) = antimeridian::cut_mp(&mp)?;
        let (mp, _) = finish_mp(&mp);
        if mp.0.is_empty() || shape.name.is_empty() {
            continue;
        }
        check(!cut || mp.is_valid(), || {
            format!(
                "{} is not valid after cutting at the antimeridian",
                shape.name
            )
        })?;
        features.push(Feature::new(
            &shape.name,
            "country",
            None,
            Geometry::Polygons(mp),
        ));
    }
    check(features.len() >= MIN_COUNTRIES, || {
        format!("only {} countries in the world file", features.len())
    })?;
    features.push(Feature::new(
        "Caspian Sea",
        "water",
        Some("whole sea, Natural Earth 1:110m"),
        Geometry::Polygons(caspian(land_path)?),
    ));
    check_edge_spans(&features)?;
    Ok(features)
}

/// Fails if an edge of any ring spans more than [`MAX_EDGE_SPAN`] of
/// longitude: drawn in plain lon/lat it would cross the whole map.
fn check_edge_spans(features: &[Feature]) -> Result<(), String> {
    for f in features {
        if let Geometry::Polygons(mp) = &f.geometry {
            let span = antimeridian::max_edge_span(mp);
            check(span <= MAX_EDGE_SPAN, || {
                format!("{} has an edge spanning {span}° of longitude", f.name)
            })?;
        }
    }
    Ok(())
}

/// The Caspian Sea: the hole of the 1:110m land that holds open Caspian water.
fn caspian(land_path: &str) -> Result<MultiPolygon<f64>, String> {
    let ltopology = topo::read_topology(land_path)?;
    let ltopo = Topo::decode(&ltopology)?;
    let land = topo::shapes(&ltopology, "land")?;
    let arcs: HashSet<usize> = land
        .iter()
        .flat_map(|s| topo::arcs_used(&s.polygons))
        .collect();
    let simp = Simplified::new(&ltopo, &arcs, 0.0, &HashSet::new());
    let probe = Point::new(CASPIAN_PROBE.0, CASPIAN_PROBE.1);
    for shape in &land {
        let (mp, _) = simp.polygons(&shape.polygons)?;
        for hole in mp.iter().flat_map(|p| p.interiors()) {
            let sea = Polygon::new(hole.clone(), Vec::new());
            if sea.contains(&probe) {
                let (mp, _) = finish_mp(&MultiPolygon::new(vec![sea]));
                return Ok(mp);
            }
        }
    }
    Err("no hole of the 1:110m land holds the Caspian Sea".into())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::geom::ll;

    fn country(ring: &[(f64, f64)]) -> Feature {
        let ring: Vec<_> = ring.iter().map(|&(x, y)| ll(x, y)).collect();
        let mp = MultiPolygon::new(vec![Polygon::new(ring.into(), Vec::new())]);
        Feature::new("Test", "country", None, Geometry::Polygons(mp))
    }

    #[test]
    fn an_edge_around_the_world_fails_the_check() {
        let wrapping = country(&[(179.0, 0.0), (-180.0, 0.5), (179.0, 1.0), (179.0, 0.0)]);
        let err = check_edge_spans(&[wrapping]).unwrap_err();
        assert!(err.contains("Test has an edge spanning 359"), "{err}");
        let fine = country(&[(179.0, 0.0), (180.0, 0.5), (179.0, 1.0), (179.0, 0.0)]);
        assert!(check_edge_spans(&[fine]).is_ok());
    }
}
