//! The detailed areas (`assets/areas.geojson`): every country and region of the
//! regional basemap again, with Natural Earth's polygons unsimplified, so that
//! the app can test whether a point lies in an area against the border itself
//! rather than against its generalised drawing.

use geo::{Contains, MultiPolygon, Point};

use crate::check;
use crate::geom::{self, Snapper, finish_mp, km_point_line};
use crate::geonames::Gazetteer;
use crate::natural_earth as ne;
use crate::output::{Feature, Geometry};
use crate::regional::{self, COUNTRY_CHECKS, Countries, NeInputs, Regional};
use crate::topo::Simplified;
use crate::towns::{self, TownRef};

/// Most positions the detailed areas may hold: about 1.5 MB of GeoJSON.
pub const MAX_VERTICES: usize = 80_000;

/// Extra distance (km) allowed between a simplified and a detailed border on
/// top of the Douglas–Peucker tolerance: both are rounded to 4 decimals
/// (at most about 8 m each).
const ROUNDING_KM: f64 = 0.02;

/// Towns that must lie in the detailed Nakhchivan.
const NAKHCHIVAN_TOWNS: [TownRef; 2] = [towns::NAKHCHIVAN, towns::ORDUBAD];

/// `note` of a detailed country.
const COUNTRY_NOTE: &str = "Natural Earth 1:10m Admin-0 polygon, unsimplified (every vertex of \
world-atlas@2.0.2's arcs), clipped to the regional extent; for point-in-area tests";
/// `note` of the detailed Nakhchivan.
const NAKHCHIVAN_NOTE: &str = "the polygon of Azerbaijan holding Nakhchivan city, unsimplified \
(every vertex of world-atlas@2.0.2's Natural Earth 1:10m arcs); for point-in-area tests";
/// `note` of the detailed former oblast.
const OBLAST_NOTE: &str = "outline of the former Nagorno-Karabakh Autonomous Oblast in 1991 \
(Natural Earth 'Former USSR oblast in 1991' line, its pieces joined, unsimplified); for \
point-in-area tests; not an international boundary";

/// Basemap kinds that have a detailed twin.
const AREA_KINDS: [&str; 2] = ["country", "region"];

/// The detailed twin of every country and region of the basemap, in the
/// basemap's order, checked.
pub fn build(
    c: &Countries,
    regional: &Regional,
    g: &Gazetteer,
    ne_in: &NeInputs,
) -> Result<Vec<Feature>, String> {
    let simp = Simplified::unsimplified(&c.topo, &c.arcs());
    let snapper = Snapper::new(simp.kept_coords());
    let wanted: Vec<&Feature> = regional
        .features
        .iter()
        .filter(|f| AREA_KINDS.contains(&f.kind))
        .collect();
    let mut countries = Vec::new();
    for f in wanted.iter().filter(|f| f.kind == "country") {
        let (mp, _) = simp.polygons(&c.find(&f.name)?.polygons)?;
        let (mp, _) = finish_mp(&geom::clip_to_extent(&mp, &snapper));
        countries.push(Feature::new(
            &f.name,
            "country",
            Some(COUNTRY_NOTE),
            Geometry::Polygons(mp),
        ));
    }
    let azerbaijan = polygons_of(&countries, "Azerbaijan")?.clone();
    let mut features = Vec::new();
    for f in &wanted {
        let detailed = match (f.kind, f.name.as_str()) {
            ("country", name) => Some(polygons_of(&countries, name)?.clone()),
            ("region", "Nakhchivan") => Some(regional::nakhchivan_of(&azerbaijan, g)?),
            ("region", "Nagorno-Karabakh") => Some(finish_mp(&oblast(ne_in)?).0),
            _ => None,
        };
        let mp = detailed
            .ok_or_else(|| format!("no detailed polygon is built for {} ({})", f.name, f.kind))?;
        features.push(Feature::new(
            &f.name,
            f.kind,
            Some(note_of(f.kind, &f.name)),
            Geometry::Polygons(mp),
        ));
    }
    check_areas(regional, &features, g)?;
    Ok(features)
}

/// The 1991 oblast outline, unsimplified.
fn oblast(ne_in: &NeInputs) -> Result<MultiPolygon<f64>, String> {
    Ok(MultiPolygon::new(vec![ne::oblast_outline(&ne_in.lines)?]))
}

/// The `note` of a detailed area.
fn note_of(kind: &str, name: &str) -> &'static str {
    match (kind, name) {
        ("region", "Nakhchivan") => NAKHCHIVAN_NOTE,
        ("region", _) => OBLAST_NOTE,
        _ => COUNTRY_NOTE,
    }
}

/// The polygons of the feature named `name`.
fn polygons_of<'a>(features: &'a [Feature], name: &str) -> Result<&'a MultiPolygon<f64>, String> {
    features
        .iter()
        .find(|f| f.name == name)
        .and_then(|f| match &f.geometry {
            Geometry::Polygons(mp) => Some(mp),
            _ => None,
        })
        .ok_or_else(|| format!("no polygons named '{name}'"))
}

/// Every self-check of the detailed areas.
fn check_areas(regional: &Regional, detailed: &[Feature], g: &Gazetteer) -> Result<(), String> {
    check_twins(&regional.features, detailed)?;
    let total: usize = detailed.iter().map(Feature::vertices).sum();
    check(total <= MAX_VERTICES, || {
        format!("{total} vertices in the detailed areas, more than {MAX_VERTICES}")
    })?;
    for f in detailed {
        if let Some(errors) = f.validation_errors() {
            return Err(format!(
                "detailed {} ({}) is not a valid geometry: {errors}",
                f.name, f.kind
            ));
        }
    }
    let limit = deviation_limit_km(regional);
    for (name, gap) in gaps_km(&regional.features, detailed)? {
        check(gap <= limit, || {
            format!(
                "{name}: the simplified and detailed borders are up to {gap:.3} km apart, more \
                 than {limit:.3} km"
            )
        })?;
    }
    check_towns(detailed, g)
}

/// How far (km) a simplified border may lie from the detailed one: the
/// Douglas–Peucker tolerance in km (a tolerance in degrees is at most that far
/// on the ground), plus rounding.
pub fn deviation_limit_km(regional: &Regional) -> f64 {
    regional.epsilon * geom::KM_PER_DEG + ROUNDING_KM
}

/// Checks that the detailed areas are exactly the basemap's countries and
/// regions: the same names with the same kinds, in the same order.
pub fn check_twins(basemap: &[Feature], detailed: &[Feature]) -> Result<(), String> {
    let areas: Vec<(&str, &str)> = basemap
        .iter()
        .filter(|f| AREA_KINDS.contains(&f.kind))
        .map(|f| (f.name.as_str(), f.kind))
        .collect();
    let twins: Vec<(&str, &str)> = detailed.iter().map(|f| (f.name.as_str(), f.kind)).collect();
    for (name, kind) in &areas {
        check(twins.contains(&(name, kind)), || {
            format!("basemap {kind} '{name}' has no detailed twin")
        })?;
    }
    check(areas == twins, || {
        format!("the detailed areas {twins:?} are not the basemap's {areas:?}")
    })
}

/// For each detailed area, the largest distance (km) of a vertex of it or of
/// its simplified twin to the other's border.
pub fn gaps_km(basemap: &[Feature], detailed: &[Feature]) -> Result<Vec<(String, f64)>, String> {
    detailed
        .iter()
        .map(|f| {
            let simplified = polygons_of(basemap, &f.name)?;
            let full = polygons_of(detailed, &f.name)?;
            let gap = one_way_gap_km(full, simplified).max(one_way_gap_km(simplified, full));
            Ok((f.name.clone(), gap))
        })
        .collect()
}

/// The largest distance (km) of a vertex of `a` to the nearest ring of `b`.
pub fn one_way_gap_km(a: &MultiPolygon<f64>, b: &MultiPolygon<f64>) -> f64 {
    let rings: Vec<&[geo::Coord<f64>]> = b
        .iter()
        .flat_map(|p| std::iter::once(p.exterior()).chain(p.interiors()))
        .map(|r| r.0.as_slice())
        .collect();
    a.iter()
        .flat_map(|p| std::iter::once(p.exterior()).chain(p.interiors()))
        .flat_map(|r| r.coords())
        .map(|&v| {
            rings
                .iter()
                .map(|r| km_point_line(v, r))
                .fold(f64::INFINITY, f64::min)
        })
        .fold(0.0, f64::max)
}

/// Towns in their detailed countries, Nakhchivan and Ordubad in Nakhchivan,
/// the oblast's towns in it and the others out of it.
fn check_towns(detailed: &[Feature], g: &Gazetteer) -> Result<(), String> {
    for (country, t) in COUNTRY_CHECKS {
        regional::check_in(g, polygons_of(detailed, country)?, country, t)?;
    }
    let nakhchivan = polygons_of(detailed, "Nakhchivan")?;
    for t in NAKHCHIVAN_TOWNS {
        regional::check_in(g, nakhchivan, "the detailed Nakhchivan", t)?;
    }
    let oblast = polygons_of(detailed, "Nagorno-Karabakh")?;
    regional::check_within(
        oblast,
        polygons_of(detailed, "Azerbaijan")?,
        "the detailed former oblast",
    )?;
    for t in regional::OBLAST_INSIDE {
        regional::check_in(g, oblast, "the detailed former oblast", t)?;
    }
    for t in regional::OBLAST_OUTSIDE {
        let town = towns::get(g, t)?;
        check(!oblast.contains(&Point::from(town.at())), || {
            format!(
                "{} should be outside the detailed former oblast",
                town.name()
            )
        })?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use geo::{LineString, Polygon};

    fn square(x0: f64, y0: f64, side: f64) -> MultiPolygon<f64> {
        let ring = LineString::from(vec![
            (x0, y0),
            (x0 + side, y0),
            (x0 + side, y0 + side),
            (x0, y0 + side),
            (x0, y0),
        ]);
        MultiPolygon::new(vec![Polygon::new(ring, vec![])])
    }

    fn feature(name: &str, kind: &'static str, mp: MultiPolygon<f64>) -> Feature {
        Feature::new(name, kind, None, Geometry::Polygons(mp))
    }

    #[test]
    fn every_area_needs_its_twin_and_nothing_else() {
        let basemap = vec![
            feature("Armenia", "country", square(44.0, 39.0, 1.0)),
            feature("Caspian Sea", "water", square(50.0, 40.0, 1.0)),
            feature("Nakhchivan", "region", square(45.0, 39.0, 0.5)),
        ];
        let twins = vec![
            feature("Armenia", "country", square(44.0, 39.0, 1.0)),
            feature("Nakhchivan", "region", square(45.0, 39.0, 0.5)),
        ];
        assert!(check_twins(&basemap, &twins).is_ok());
        let missing = check_twins(&basemap, &twins[..1]).unwrap_err();
        assert!(
            missing.contains("region 'Nakhchivan' has no detailed twin"),
            "{missing}"
        );
        let mut extra = twins;
        extra.push(feature("Caspian Sea", "water", square(50.0, 40.0, 1.0)));
        assert!(check_twins(&basemap, &extra).is_err());
    }

    #[test]
    fn the_gap_is_measured_both_ways_in_km() {
        // a square and the same square with one corner pushed 0.01 degrees of latitude out
        let simplified = square(45.0, 40.0, 1.0);
        let ring = LineString::from(vec![
            (45.0, 40.0),
            (46.0, 40.0),
            (46.0, 41.0),
            (45.5, 41.01),
            (45.0, 41.0),
            (45.0, 40.0),
        ]);
        let detailed = MultiPolygon::new(vec![Polygon::new(ring, vec![])]);
        let out = one_way_gap_km(&detailed, &simplified);
        assert!((out - 0.01 * geom::KM_PER_DEG).abs() < 1e-3, "{out}");
        // every vertex of the square lies on the detailed border
        assert!(one_way_gap_km(&simplified, &detailed) < 1e-9);
        let basemap = vec![feature("A", "country", simplified)];
        let twins = vec![feature("A", "country", detailed)];
        let gaps = gaps_km(&basemap, &twins).unwrap();
        assert_eq!(gaps.len(), 1);
        assert!((gaps[0].1 - out).abs() < 1e-12);
    }

    #[test]
    fn every_basemap_area_has_a_note_saying_it_is_unsimplified() {
        for (kind, name) in [
            ("country", "Iran"),
            ("region", "Nakhchivan"),
            ("region", "Nagorno-Karabakh"),
        ] {
            let note = note_of(kind, name);
            assert!(note.contains("unsimplified"), "{note}");
            assert!(note.contains("point-in-area"), "{note}");
        }
        assert!(note_of("region", "Nagorno-Karabakh").contains("not an international boundary"));
    }
}
