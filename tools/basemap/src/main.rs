//! `make-basemap`: builds the Caucasus Atlas map data from public sources:
//! `assets/basemap.geojson` (the regional basemap), `assets/areas.geojson`
//! (its countries and regions unsimplified, for point-in-area tests),
//! `assets/world.geojson` (low-detail world context) and
//! `assets/situation.geojson` (who held what, when) and `assets/towns.json` (the towns the article
//! reader may look a name up in).
//!
//! Usage: `make-basemap --world-atlas=DIR --cities=FILE --data=DIR
//! --assets=DIR [--epsilon=DEGREES]`
//!
//! Borders are simplified once per TopoJSON arc (Douglas–Peucker), so
//! neighbours share exactly the same border. Every output is checked (vertex
//! budget, deviation from the original, validity, towns in their countries and
//! in the right areas on the right days) before anything is written.
#![cfg_attr(test, allow(clippy::unwrap_used, clippy::expect_used))]

mod antimeridian;
mod areas;
mod geom;
mod geonames;
mod lookup;
mod natural_earth;
mod output;
mod regional;
mod situation;
mod topo;
mod towns;
mod world;

use std::process::ExitCode;

use crate::geonames::Gazetteer;
use crate::output::Feature;
use crate::regional::{Countries, NeInputs, Regional};
use crate::situation::build::{Builder, Inputs};
use crate::situation::spec::Spec;

/// Default Douglas–Peucker tolerance, in degrees.
const DEFAULT_EPSILON_DEG: f64 = 0.005;
/// Maximum number of positions in the regional basemap.
const MAX_VERTICES: usize = 8000;
/// Maximum allowed distance (km) of an original vertex to its simplified border.
const MAX_DEVIATION_KM: f64 = 5.0;

/// Source statement of the regional basemap.
const SOURCE: &str = "Natural Earth 1:10m Admin-0 countries via world-atlas@2.0.2 (public domain), \
simplified; Natural Earth 1:10m lakes, rivers and the 1991 oblast line; GeoNames towns (CC BY 4.0) \
for the corridor line; approximate features are marked";
/// Licence statement of the regional basemap.
const LICENCE: &str = "Natural Earth data: public domain. world-atlas@2.0.2 package by Mike \
Bostock: ISC licence. GeoNames: CC BY 4.0. Constructed features (marked with a note): same terms \
as this project.";
/// Source statement of the detailed areas.
const AREAS_SOURCE: &str = "Natural Earth 1:10m Admin-0 countries via world-atlas@2.0.2 (public \
domain), unsimplified, clipped to the regional extent; Natural Earth 1:10m 1991 oblast line; the \
countries and regions of basemap.geojson with every source vertex, for point-in-area tests";
/// Source statement of the world file.
const WORLD_SOURCE: &str = "Natural Earth 1:110m Admin-0 countries and land via world-atlas@2.0.2 \
(public domain), unsimplified";

fn main() -> ExitCode {
    match run() {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("make-basemap: error: {e}");
            ExitCode::FAILURE
        }
    }
}

/// Command-line arguments.
struct Args {
    world_atlas: String,
    cities: String,
    data: String,
    assets: String,
    epsilon: f64,
}

/// Parses the command line.
fn parse_args() -> Result<Args, String> {
    let usage = "usage: make-basemap --world-atlas=DIR --cities=FILE --data=DIR --assets=DIR \
                 [--epsilon=DEGREES]";
    let (mut world_atlas, mut cities, mut data, mut assets) = (None, None, None, None);
    let mut epsilon = DEFAULT_EPSILON_DEG;
    for a in std::env::args().skip(1) {
        let (key, value) = a.split_once('=').ok_or_else(|| usage.to_string())?;
        let value = value.to_string();
        match key {
            "--world-atlas" => world_atlas = Some(value),
            "--cities" => cities = Some(value),
            "--data" => data = Some(value),
            "--assets" => assets = Some(value),
            "--epsilon" => {
                epsilon = value
                    .parse()
                    .map_err(|e| format!("bad --epsilon value '{value}': {e}"))?;
            }
            _ => return Err(usage.to_string()),
        }
    }
    match (world_atlas, cities, data, assets) {
        (Some(world_atlas), Some(cities), Some(data), Some(assets)) => Ok(Args {
            world_atlas,
            cities,
            data,
            assets,
            epsilon,
        }),
        _ => Err(usage.to_string()),
    }
}

/// Fails with `msg` unless `ok`.
pub fn check(ok: bool, msg: impl FnOnce() -> String) -> Result<(), String> {
    if ok {
        Ok(())
    } else {
        Err(format!("self-check failed: {}", msg()))
    }
}

/// Checks validity and budgets of the regional basemap.
fn check_regional(r: &Regional) -> Result<usize, String> {
    for f in &r.features {
        if let Some(errors) = f.validation_errors() {
            return Err(format!(
                "{} ({}) is not a valid geometry: {errors}",
                f.name, f.kind
            ));
        }
    }
    let total: usize = r.features.iter().map(Feature::vertices).sum();
    check(total <= MAX_VERTICES, || {
        format!("{total} vertices in total, more than {MAX_VERTICES}; raise --epsilon")
    })?;
    let dev = r.max_deviation_km;
    check(dev <= MAX_DEVIATION_KM, || {
        format!("max deviation {dev:.2} km exceeds {MAX_DEVIATION_KM} km; lower --epsilon")
    })?;
    Ok(total)
}

/// Prints the regional basemap's summary.
fn report_regional(r: &Regional, total: usize) {
    println!("epsilon: {} degrees", r.epsilon);
    println!("{:<28} {:<9} {:>8}", "feature", "kind", "vertices");
    for f in &r.features {
        println!("{:<28} {:<9} {:>8}", f.name, f.kind, f.vertices());
    }
    println!("features: {}", r.features.len());
    println!("total vertices: {total} (max {MAX_VERTICES})");
    println!(
        "max deviation: {:.3} km (max {MAX_DEVIATION_KM} km)",
        r.max_deviation_km
    );
    if r.dropped_rings > 0 {
        println!("degenerate rings dropped: {}", r.dropped_rings);
    }
}

/// Prints the detailed areas' summary.
fn report_areas(regional: &Regional, areas: &[Feature]) -> Result<(), String> {
    let total: usize = areas.iter().map(Feature::vertices).sum();
    let gaps = areas::gaps_km(&regional.features, areas)?;
    println!(
        "{:<28} {:<9} {:>8} {:>9}",
        "detailed area", "kind", "vertices", "gap km"
    );
    for (f, (_, gap)) in areas.iter().zip(&gaps) {
        println!(
            "{:<28} {:<9} {:>8} {gap:>9.3}",
            f.name,
            f.kind,
            f.vertices()
        );
    }
    println!(
        "detailed vertices: {total} (max {}); gap to the basemap at most {:.3} km",
        areas::MAX_VERTICES,
        areas::deviation_limit_km(regional)
    );
    Ok(())
}

/// Writes a file, reporting its size.
fn write(path: &str, text: &str) -> Result<(), String> {
    std::fs::write(path, text).map_err(|e| format!("cannot write {path}: {e}"))?;
    println!("wrote {path} ({} bytes)", text.len());
    Ok(())
}

/// Natural Earth's code of Lachin rayon, whose `name` wrongly says "Lankaran".
const LACHIN_RAYON: &str = "AZE-1735";

/// The rayons, checked to name Lachin rayon by its GeoNames name and to lie west of Lachin town
/// (Natural Earth's rough edges put the town itself in its Şuşa unit).
fn rayons(
    features: &[natural_earth::NeFeature],
    g: &Gazetteer,
) -> Result<Vec<natural_earth::Rayon>, String> {
    use geo::Centroid;
    let rayons = natural_earth::rayons(features);
    let lachin = towns::get(g, towns::LACHIN)?.at();
    let ok = rayons.iter().any(|r| {
        r.code == LACHIN_RAYON
            && r.name == "Lacin Rayonu"
            && r.area.centroid().is_some_and(|c| c.x() < lachin.x)
    });
    check(ok, || {
        format!("{LACHIN_RAYON} is not Lachin rayon west of Lachin town")
    })?;
    Ok(rayons)
}

fn run() -> Result<(), String> {
    let args = parse_args()?;
    let wa = |f: &str| format!("{}/{f}", args.world_atlas);
    let ne_dir = format!("{}/natural-earth", args.data);
    let ne = |f: &str| natural_earth::read(&format!("{ne_dir}/{f}"));
    let cities500 = std::fs::read_to_string(&args.cities)
        .map_err(|e| format!("cannot read {}: {e}", args.cities))?;
    let lookup_towns = lookup::towns(&cities500)?;
    let gazetteer = Gazetteer::load(
        &args.cities,
        &format!("{}/places.json", args.assets),
        &towns::ids(),
    )?;
    for w in &gazetteer.warnings {
        println!("note: {w}");
    }
    let ne_in = NeInputs {
        lakes: ne("lakes.geojson")?,
        rivers: ne("rivers.geojson")?,
        lines: ne("karabakh_lines_1991_1994.geojson")?,
    };

    let countries = Countries::load(&wa("countries-10m.json"))?;
    let regional = regional::build(
        &countries,
        &wa("land-10m.json"),
        args.epsilon,
        &gazetteer,
        &ne_in,
    )?;
    let total = check_regional(&regional)?;
    let detailed = areas::build(&countries, &regional, &gazetteer, &ne_in)?;
    let world = world::build(&wa("countries-110m.json"), &wa("land-110m.json"))?;

    let spec = Spec::read(&format!("{}/situation.json", args.data))?;
    let held = ne("karabakh_held_1994_2020.geojson")?;
    let inputs = Inputs {
        held_1994: held
            .iter()
            .map(|f| natural_earth::polygons(&f.geometry))
            .fold(geo::MultiPolygon::new(Vec::new()), |mut a, b| {
                a.0.extend(b);
                a
            }),
        oblast_1991: regional.oblast.clone(),
        azerbaijan: regional.country("Azerbaijan")?.clone(),
        border: regional.armenia_azerbaijan.clone(),
        rayons: rayons(&ne("azerbaijan_rayons.geojson")?, &gazetteer)?,
        gazetteer: &gazetteer,
    };
    let mut builder = Builder::new(inputs, &spec);
    let items = situation::build(&spec, &mut builder, &ne_in.lines)?;
    situation::checks::run(&items, &gazetteer)?;
    println!(
        "situation: {} features, {} point checks passed",
        items.len(),
        situation::checks::POINT_CHECKS.len()
    );

    // Everything is checked: write.
    report_regional(&regional, total);
    let basemap = output::feature_collection(&regional.features, SOURCE, LICENCE)?;
    write(&format!("{}/basemap.geojson", args.assets), &basemap)?;
    report_areas(&regional, &detailed)?;
    let detailed = output::feature_collection(&detailed, AREAS_SOURCE, LICENCE)?;
    write(&format!("{}/areas.geojson", args.assets), &detailed)?;
    let world = output::feature_collection(&world, WORLD_SOURCE, LICENCE)?;
    write(&format!("{}/world.geojson", args.assets), &world)?;
    let situation = situation::write(&spec, &items, &gazetteer)?;
    write(&format!("{}/situation.geojson", args.assets), &situation)?;
    println!("towns to look up: {}", lookup_towns.len());
    write(
        &format!("{}/towns.json", args.assets),
        &lookup::write(&lookup_towns)?,
    )?;
    Ok(())
}
