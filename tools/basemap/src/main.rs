//! `make-basemap`: builds the Caucasus Atlas basemap (assets/basemap.geojson)
//! from world-atlas@2.0.2's Natural Earth 1:10m TopoJSON files.
//!
//! Usage: `make-basemap <countries-10m.json> <land-10m.json> <out.geojson>
//! [--epsilon=DEGREES]`
//!
//! Borders are simplified once per TopoJSON arc (Douglas–Peucker), then
//! polygons are assembled from the simplified arcs, so neighbours share
//! exactly the same border. The result is clipped to the map extent, checked
//! (vertex budget, deviation from the original, validity, known places) and
//! written as an RFC 7946 FeatureCollection.

mod approx;
mod geom;
mod output;
mod topo;

use std::collections::HashSet;
use std::process::ExitCode;

use geo::{BooleanOps, Contains, Coord, Line, LineIntersection, MultiPolygon, Point, Polygon};

use crate::approx::Place;
use crate::geom::{EXTENT, Snapper, contains, finish_line, finish_mp, km_point_line, ll};
use crate::output::{Feature, Geometry};
use crate::topo::{Shape, Simplified, Topo};

/// Default Douglas–Peucker tolerance, in degrees.
const DEFAULT_EPSILON_DEG: f64 = 0.005;
/// Maximum number of positions in the whole output file.
const MAX_VERTICES: usize = 8000;
/// Maximum allowed distance (km) of an original vertex to its simplified border.
const MAX_DEVIATION_KM: f64 = 5.0;
/// The Aras leaves the Iran–Azerbaijan border (turning north) near this longitude.
const ARAS_EAST_LON: f64 = 48.0;
/// North of this latitude the Turkey–Armenia border follows the Akhurian, not
/// the Aras (their confluence is at about 40.11N in the data).
const ARAS_TR_AM_MAX_LAT: f64 = 40.115;
/// Maximum distance (km) of the corridor to Lachin.
const CORRIDOR_MAX_KM_FROM_LACHIN: f64 = 3.0;

/// Countries named by the brief, in output order; all must be present.
const MAIN_COUNTRIES: [&str; 6] = [
    "Azerbaijan",
    "Armenia",
    "Georgia",
    "Iran",
    "Turkey",
    "Russia",
];

/// Border features: (feature name, country a, country b, required).
const BORDERS: [(&str, &str, &str, bool); 4] = [
    ("Iran–Azerbaijan border", "Iran", "Azerbaijan", true),
    ("Armenia–Azerbaijan border", "Armenia", "Azerbaijan", true),
    ("Iran–Armenia border", "Iran", "Armenia", true),
    ("Turkey–Azerbaijan border", "Turkey", "Azerbaijan", false),
];

/// Source statement written as a foreign member of the FeatureCollection.
const SOURCE: &str = "Natural Earth 1:10m Admin-0 countries via world-atlas@2.0.2 (public domain), \
simplified; approximate features are marked";
/// Licence statement written as a foreign member of the FeatureCollection.
const LICENCE: &str = "Natural Earth data: public domain. world-atlas@2.0.2 package by Mike \
Bostock: ISC licence. Approximate hand-drawn features (marked with a note): same terms as this \
project.";

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
    countries: String,
    land: String,
    out: String,
    epsilon: f64,
}

/// Parses the command line.
fn parse_args() -> Result<Args, String> {
    let usage = "usage: make-basemap <countries-10m.json> <land-10m.json> <out.geojson> \
                 [--epsilon=DEGREES]";
    let mut positional = Vec::new();
    let mut epsilon = DEFAULT_EPSILON_DEG;
    for a in std::env::args().skip(1) {
        if let Some(v) = a.strip_prefix("--epsilon=") {
            epsilon = v
                .parse()
                .map_err(|e| format!("bad --epsilon value '{v}': {e}"))?;
        } else if a == "-h" || a == "--help" {
            return Err(usage.to_string());
        } else {
            positional.push(a);
        }
    }
    match <[String; 3]>::try_from(positional) {
        Ok([countries, land, out]) => Ok(Args {
            countries,
            land,
            out,
            epsilon,
        }),
        Err(_) => Err(usage.to_string()),
    }
}

/// Fails with `msg` unless `ok`.
fn check(ok: bool, msg: impl FnOnce() -> String) -> Result<(), String> {
    if ok {
        Ok(())
    } else {
        Err(format!("self-check failed: {}", msg()))
    }
}

/// Whether a polygon's bounding box overlaps the extent.
fn bbox_overlaps_extent(b: [f64; 4]) -> bool {
    b[0] <= EXTENT[2] && b[2] >= EXTENT[0] && b[1] <= EXTENT[3] && b[3] >= EXTENT[1]
}

/// Keeps only the polygons of each shape that may reach into the extent, and
/// drops shapes with none.
fn restrict_to_extent(topo: &Topo, shapes: Vec<Shape>) -> Vec<Shape> {
    shapes
        .into_iter()
        .filter_map(|s| {
            let polygons: Vec<_> = s
                .polygons
                .into_iter()
                .filter(|p| bbox_overlaps_extent(topo.polygon_bbox(p)))
                .collect();
            (!polygons.is_empty()).then_some(Shape {
                name: s.name,
                polygons,
            })
        })
        .collect()
}

/// Finds a shape by name.
fn find<'a>(shapes: &'a [Shape], name: &str) -> Result<&'a Shape, String> {
    shapes
        .iter()
        .find(|s| s.name == name)
        .ok_or_else(|| format!("country '{name}' not found in the extent"))
}

/// Joins lines that share end points into longer lines.
fn join_lines(mut lines: Vec<Vec<Coord<f64>>>) -> Vec<Vec<Coord<f64>>> {
    lines.retain(|l| l.len() >= 2);
    let mut out: Vec<Vec<Coord<f64>>> = Vec::new();
    while let Some(mut cur) = lines.pop() {
        loop {
            let (first, last) = (cur[0], cur[cur.len() - 1]);
            let Some(k) = lines.iter().position(|l| {
                let (a, b) = (l[0], l[l.len() - 1]);
                a == last || b == last || a == first || b == first
            }) else {
                break;
            };
            let mut l = lines.swap_remove(k);
            let (a, b) = (l[0], l[l.len() - 1]);
            if a == last {
                cur.extend(l.into_iter().skip(1));
            } else if b == last {
                l.reverse();
                cur.extend(l.into_iter().skip(1));
            } else if b == first {
                l.extend(cur.into_iter().skip(1));
                cur = l;
            } else {
                l.reverse();
                l.extend(cur.into_iter().skip(1));
                cur = l;
            }
        }
        out.push(cur);
    }
    out
}

/// Traces the Aras along the international borders it forms.
fn aras(simp: &Simplified, shapes: &[Shape]) -> Result<Vec<Vec<Coord<f64>>>, String> {
    let chains = |a: &str, b: &str| -> Result<Vec<Vec<Coord<f64>>>, String> {
        topo::shared_chains(simp, find(shapes, a)?, find(shapes, b)?)
    };
    let mut pieces = Vec::new();
    // Iran–Armenia: entirely the Aras.
    pieces.extend(chains("Iran", "Armenia")?);
    // Turkey–Azerbaijan (Nakhchivan): the short stretch of the Aras between
    // the Armenia–Turkey–Azerbaijan and Turkey–Iran–Azerbaijan tripoints.
    if let (Ok(t), Ok(a)) = (find(shapes, "Turkey"), find(shapes, "Azerbaijan")) {
        pieces.extend(topo::shared_chains(simp, t, a)?);
    }
    // Iran–Azerbaijan: from the west end, as long as the border stays west
    // of the point where the river turns north away from it.
    for mut c in chains("Iran", "Azerbaijan")? {
        if c[0].x > c[c.len() - 1].x {
            c.reverse();
        }
        let n = c.iter().take_while(|p| p.x < ARAS_EAST_LON).count();
        if n >= 2 {
            c.truncate(n);
            pieces.push(c);
        }
    }
    // Turkey–Armenia: the southern stretch, below the Akhurian confluence.
    for mut c in chains("Turkey", "Armenia")? {
        if c[0].y < c[c.len() - 1].y {
            c.reverse();
        }
        let n = c
            .iter()
            .rev()
            .take_while(|p| p.y < ARAS_TR_AM_MAX_LAT)
            .count();
        if n >= 2 {
            pieces.push(c.split_off(c.len() - n));
        }
    }
    Ok(join_lines(pieces))
}

/// Point of `mp`'s boundary where the Goris–Lachin segment crosses it (the
/// crossing nearest Lachin), or else the boundary point nearest Lachin.
fn corridor_start(armenia: &MultiPolygon<f64>) -> Result<Coord<f64>, String> {
    let goris = approx::at(approx::GORIS);
    let lachin = approx::at(approx::LACHIN);
    let road = Line::new(goris, lachin);
    let rings = armenia
        .iter()
        .flat_map(|p| std::iter::once(p.exterior()).chain(p.interiors()));
    let mut best: Option<(f64, Coord<f64>)> = None;
    let mut nearest: Option<(f64, Coord<f64>)> = None;
    let k = lachin.y.to_radians().cos();
    for ring in rings {
        for seg in ring.lines() {
            if let Some(LineIntersection::SinglePoint { intersection, .. }) =
                geo::line_intersection::line_intersection(road, seg)
            {
                let d = geom::km_between(intersection, lachin);
                if best.is_none_or(|(bd, _)| d < bd) {
                    best = Some((d, intersection));
                }
            }
            // Closest point of the segment to Lachin, in a locally scaled plane.
            let (ax, ay) = ((seg.start.x - lachin.x) * k, seg.start.y - lachin.y);
            let (bx, by) = ((seg.end.x - lachin.x) * k, seg.end.y - lachin.y);
            let (dx, dy) = (bx - ax, by - ay);
            let len2 = dx * dx + dy * dy;
            let t = if len2 > 0.0 {
                (-(ax * dx + ay * dy) / len2).clamp(0.0, 1.0)
            } else {
                0.0
            };
            let c = ll(
                seg.start.x + t * (seg.end.x - seg.start.x),
                seg.start.y + t * (seg.end.y - seg.start.y),
            );
            let d = geom::km_between(c, lachin);
            if nearest.is_none_or(|(bd, _)| d < bd) {
                nearest = Some((d, c));
            }
        }
    }
    best.or(nearest)
        .map(|(_, c)| c)
        .ok_or_else(|| "Armenia has no boundary segments".to_string())
}

/// Checks that a country feature contains a place.
fn check_in(mp: &MultiPolygon<f64>, what: &str, p: Place) -> Result<(), String> {
    check(contains(mp, p.1, p.2), || {
        format!("{} ({}N {}E) is not in {what}", p.0, p.2, p.1)
    })
}

/// Checks that every vertex of `poly` lies inside `mp`.
fn check_within(poly: &Polygon<f64>, mp: &MultiPolygon<f64>, what: &str) -> Result<(), String> {
    for c in poly.exterior().coords() {
        check(mp.contains(&Point::from(*c)), || {
            format!(
                "vertex {:.4},{:.4} of {what} lies outside its country",
                c.x, c.y
            )
        })?;
    }
    Ok(())
}

fn run() -> Result<(), String> {
    let args = parse_args()?;
    let eps = args.epsilon;

    // Countries: decode, keep what reaches into the extent, simplify per arc.
    let ctopology = topo::read_topology(&args.countries)?;
    let ctopo = Topo::decode(&ctopology)?;
    let countries = restrict_to_extent(&ctopo, topo::shapes(&ctopology, "countries")?);
    let carcs: HashSet<usize> = countries
        .iter()
        .flat_map(|s| topo::arcs_used(&s.polygons))
        .collect();
    let csimp = Simplified::new(&ctopo, &carcs, eps, &HashSet::new());

    // Land: same quantization as the countries file, so its coast is split at
    // the vertices kept for the countries and simplifies identically.
    let ltopology = topo::read_topology(&args.land)?;
    let ltopo = Topo::decode(&ltopology)?;
    let land = restrict_to_extent(&ltopo, topo::shapes(&ltopology, "land")?);
    let larcs: HashSet<usize> = land
        .iter()
        .flat_map(|s| topo::arcs_used(&s.polygons))
        .collect();
    let lsimp = Simplified::new(&ltopo, &larcs, eps, &csimp.kept_positions());

    let deviation_bbox = [
        EXTENT[0] - 0.05,
        EXTENT[1] - 0.05,
        EXTENT[2] + 0.05,
        EXTENT[3] + 0.05,
    ];
    let max_dev = csimp
        .max_deviation_km(deviation_bbox)
        .max(lsimp.max_deviation_km(deviation_bbox));
    let snapper = Snapper::new(csimp.kept_coords().into_iter().chain(lsimp.kept_coords()));

    let mut features: Vec<Feature> = Vec::new();
    let mut dropped_rings = 0;

    // Country polygons, main countries first.
    let mut order: Vec<&Shape> = Vec::new();
    for name in MAIN_COUNTRIES {
        order.push(find(&countries, name)?);
    }
    let mut others: Vec<&Shape> = countries
        .iter()
        .filter(|s| !MAIN_COUNTRIES.contains(&s.name.as_str()))
        .collect();
    others.sort_by(|a, b| a.name.cmp(&b.name));
    order.extend(others);
    let mut country_mp = std::collections::HashMap::new();
    for shape in order {
        let (mp, d1) = csimp.polygons(&shape.polygons)?;
        let (mp, d2) = finish_mp(&geom::clip_to_extent(&mp, &snapper));
        dropped_rings += d1 + d2;
        if mp.0.is_empty() {
            check(!MAIN_COUNTRIES.contains(&shape.name.as_str()), || {
                format!("{} has no area in the extent", shape.name)
            })?;
            continue;
        }
        country_mp.insert(shape.name.clone(), mp.clone());
        features.push(Feature::new(
            &shape.name,
            "country",
            None,
            Geometry::Polygons(mp),
        ));
    }
    let get = |name: &str| {
        country_mp
            .get(name)
            .ok_or_else(|| format!("country '{name}' missing from the output"))
    };

    // Seas: the extent minus the land.
    let mut land_polys = Vec::new();
    for s in &land {
        let (mp, d) = lsimp.polygons(&s.polygons)?;
        dropped_rings += d;
        land_polys.extend(mp);
    }
    let water = snapper.snap_mp(&geom::extent_polygon().difference(&MultiPolygon::new(land_polys)));
    for (name, lon, lat, required) in [
        ("Caspian Sea", 50.5, 41.0, true),
        ("Black Sea", 40.0, 42.5, false),
    ] {
        let sea: Vec<Polygon<f64>> = water
            .iter()
            .filter(|p| p.contains(&Point::new(lon, lat)))
            .cloned()
            .collect();
        if sea.is_empty() {
            check(!required, || {
                format!("no water polygon contains {lat}N {lon}E for {name}")
            })?;
            continue;
        }
        let (mp, d) = finish_mp(&MultiPolygon::new(sea));
        dropped_rings += d;
        features.push(Feature::new(name, "water", None, Geometry::Polygons(mp)));
    }

    // Lakes (approximate, not in world-atlas).
    let sevan = approx::lake_sevan();
    let urmia = approx::lake_urmia();
    check_within(&sevan, get("Armenia")?, "Lake Sevan")?;
    check_within(&urmia, get("Iran")?, "Lake Urmia")?;
    for (name, poly) in [("Lake Sevan", sevan), ("Lake Urmia", urmia)] {
        features.push(Feature::new(
            name,
            "water",
            Some(approx::LAKE_NOTE),
            Geometry::Polygons(MultiPolygon::new(vec![poly])),
        ));
    }

    // Regions: Nakhchivan from the data, Nagorno-Karabakh approximate.
    let azerbaijan = get("Azerbaijan")?;
    let nc = approx::NAKHCHIVAN_CITY;
    let nakhchivan: Vec<Polygon<f64>> = azerbaijan
        .iter()
        .filter(|p| p.contains(&Point::new(nc.1, nc.2)))
        .cloned()
        .collect();
    check(nakhchivan.len() == 1, || {
        format!(
            "expected one Azerbaijan polygon containing Nakhchivan city, found {}",
            nakhchivan.len()
        )
    })?;
    let nakhchivan = MultiPolygon::new(nakhchivan);
    features.push(Feature::new(
        "Nakhchivan",
        "region",
        None,
        Geometry::Polygons(nakhchivan.clone()),
    ));
    let nkao = approx::nkao();
    check_within(&nkao, azerbaijan, "Nagorno-Karabakh")?;
    let nkao_mp = MultiPolygon::new(vec![nkao]);
    for p in approx::NKAO_INSIDE {
        check_in(&nkao_mp, "Nagorno-Karabakh", p)?;
    }
    for p in approx::NKAO_OUTSIDE {
        check(!contains(&nkao_mp, p.1, p.2), || {
            format!("{} should be outside Nagorno-Karabakh", p.0)
        })?;
    }
    features.push(Feature::new(
        "Nagorno-Karabakh",
        "region",
        Some(approx::NKAO_NOTE),
        Geometry::Polygons(nkao_mp.clone()),
    ));

    // Lachin corridor.
    let start = corridor_start(get("Armenia")?)?;
    let corridor = finish_line(&[
        start,
        approx::at(approx::LACHIN),
        approx::at(approx::NEAR_SHUSHA),
        approx::at(approx::KHANKENDI),
    ]);
    let lachin_km = km_point_line(approx::at(approx::LACHIN), &corridor);
    check(lachin_km <= CORRIDOR_MAX_KM_FROM_LACHIN, || {
        format!("corridor passes {lachin_km:.1} km from Lachin")
    })?;
    println!(
        "corridor starts on Armenia's border at {:.4}N {:.4}E",
        corridor[0].y, corridor[0].x
    );
    features.push(Feature::new(
        "Lachin corridor",
        "corridor",
        Some("approximate path of the road"),
        Geometry::Lines(vec![corridor]),
    ));

    // Borders from shared arcs.
    for (name, a, b, required) in BORDERS {
        let lines = match (find(&countries, a), find(&countries, b)) {
            (Ok(sa), Ok(sb)) => join_lines(topo::shared_chains(&csimp, sa, sb)?),
            _ => Vec::new(),
        };
        let lines: Vec<Vec<Coord<f64>>> = lines.iter().map(|l| finish_line(l)).collect();
        if lines.is_empty() {
            check(!required, || {
                format!("{a} and {b} share no border in the data")
            })?;
            continue;
        }
        check(lines.iter().flatten().all(|c| geom::in_extent(*c)), || {
            format!("{name} leaves the extent")
        })?;
        features.push(Feature::new(name, "border", None, Geometry::Lines(lines)));
    }

    // The Aras, along the borders it forms.
    let river: Vec<Vec<Coord<f64>>> = aras(&csimp, &countries)?
        .iter()
        .map(|l| finish_line(l))
        .collect();
    check(!river.is_empty(), || "no Aras could be traced".to_string())?;
    features.push(Feature::new(
        "Aras / Araks / Araz",
        "river",
        Some("traced along the international borders it forms"),
        Geometry::Lines(river),
    ));

    // Self-checks on places.
    check_in(get("Iran")?, "Iran", approx::TABRIZ)?;
    check_in(&nakhchivan, "Nakhchivan", nc)?;
    check_in(azerbaijan, "Azerbaijan", nc)?;
    check_in(get("Armenia")?, "Armenia", approx::KAPAN)?;
    check_in(&nkao_mp, "Nagorno-Karabakh", approx::KHANKENDI)?;
    check(geom::in_extent(approx::at(approx::TEHRAN)), || {
        "Tehran is outside the extent".into()
    })?;
    check_in(get("Iran")?, "Iran", approx::TEHRAN)?;
    check_in(azerbaijan, "Azerbaijan", approx::BAKU)?;
    check_in(get("Armenia")?, "Armenia", approx::YEREVAN)?;
    check_in(get("Georgia")?, "Georgia", approx::TBILISI)?;

    // Validity of every polygon.
    for f in &features {
        if let Some(errors) = f.validation_errors() {
            return Err(format!(
                "{} ({}) is not a valid geometry: {errors}",
                f.name, f.kind
            ));
        }
    }

    // Budgets.
    let total: usize = features.iter().map(Feature::vertices).sum();
    check(total <= MAX_VERTICES, || {
        format!("{total} vertices in total, more than {MAX_VERTICES}; raise --epsilon")
    })?;
    check(max_dev <= MAX_DEVIATION_KM, || {
        format!("max deviation {max_dev:.2} km exceeds {MAX_DEVIATION_KM} km; lower --epsilon")
    })?;

    let text = output::feature_collection(&features, SOURCE, LICENCE)?;
    std::fs::write(&args.out, &text).map_err(|e| format!("cannot write {}: {e}", args.out))?;

    println!("epsilon: {eps} degrees");
    println!("{:<28} {:<9} {:>8}", "feature", "kind", "vertices");
    for f in &features {
        println!("{:<28} {:<9} {:>8}", f.name, f.kind, f.vertices());
    }
    println!("features: {}", features.len());
    println!("total vertices: {total} (max {MAX_VERTICES})");
    println!("max deviation: {max_dev:.3} km (max {MAX_DEVIATION_KM} km)");
    if dropped_rings > 0 {
        println!("degenerate rings dropped: {dropped_rings}");
    }
    println!("wrote {} ({} bytes)", args.out, text.len());
    Ok(())
}
