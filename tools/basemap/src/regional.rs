//! The regional basemap (`assets/basemap.geojson`): countries, seas, lakes,
//! rivers, Nakhchivan, the former oblast, the Lachin corridor and borders,
//! clipped to the map extent.

use std::collections::{HashMap, HashSet};

use geo::{
    BooleanOps, Contains, Coord, Line, LineIntersection, MultiLineString, MultiPolygon, Point,
    Polygon, Simplify,
};

use crate::geom::{EXTENT, Snapper, contains, finish_line, finish_mp, join_lines};
use crate::geonames::Gazetteer;
use crate::natural_earth::{self as ne, NeFeature};
use crate::output::{Feature, Geometry};
use crate::topo::{self, Shape, Simplified, Topo};
use crate::towns::{self, TownRef};
use crate::{check, geom};

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

/// Lakes taken from Natural Earth: (its name, the name shown, the country
/// that must contain it).
const LAKES: [(&str, &str, &str); 4] = [
    ("Lake Sevan", "Lake Sevan", "Armenia"),
    ("Lake Urmia", "Lake Urmia", "Iran"),
    ("Lake Van", "Lake Van", "Turkey"),
    ("Mingevir Reservoir", "Mingachevir Reservoir", "Azerbaijan"),
];

/// Rivers taken from Natural Earth: (its name, the name shown).
const RIVERS: [(&str, &str); 2] = [
    ("Kura", "Kura / Mtkvari / Kür"),
    ("Aras", "Aras / Araks / Araz"),
];

/// Maximum distance (km) of the corridor line to Lachin.
const CORRIDOR_MAX_KM_FROM_LACHIN: f64 = 3.0;

/// Places inside the former oblast.
pub const OBLAST_INSIDE: [TownRef; 6] = [
    towns::KHANKENDI,
    towns::SHUSHA,
    towns::ASKERAN,
    towns::MARTAKERT,
    towns::MARTUNI,
    towns::HADRUT,
];
/// Places outside the former oblast.
pub const OBLAST_OUTSIDE: [TownRef; 4] =
    [towns::LACHIN, towns::AGHDAM, towns::KALBAJAR, towns::FUZULI];

/// The regional basemap and what later steps reuse.
pub struct Regional {
    /// The output features.
    pub features: Vec<Feature>,
    /// Country shapes as written, by name.
    pub countries: HashMap<String, MultiPolygon<f64>>,
    /// The Armenia–Azerbaijan border lines as written.
    pub armenia_azerbaijan: Vec<Vec<Coord<f64>>>,
    /// The former oblast, as written.
    pub oblast: MultiPolygon<f64>,
    /// The Douglas–Peucker tolerance used.
    pub epsilon: f64,
    /// Largest deviation (km) of an original border vertex.
    pub max_deviation_km: f64,
    /// Rings dropped because they degenerated.
    pub dropped_rings: usize,
}

impl Regional {
    /// A country's shape.
    pub fn country(&self, name: &str) -> Result<&MultiPolygon<f64>, String> {
        self.countries
            .get(name)
            .ok_or_else(|| format!("country '{name}' missing from the output"))
    }
}

/// The Natural Earth extracts the regional map uses.
pub struct NeInputs {
    /// Lakes.
    pub lakes: Vec<NeFeature>,
    /// Rivers.
    pub rivers: Vec<NeFeature>,
    /// The 1991 oblast and 1994 ceasefire lines.
    pub lines: Vec<NeFeature>,
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

/// Where the segment `from`–`to` crosses the boundary of `mp` (the crossing
/// nearest `to`).
pub fn crossing(mp: &MultiPolygon<f64>, from: Coord<f64>, to: Coord<f64>) -> Option<Coord<f64>> {
    let road = Line::new(from, to);
    mp.iter()
        .flat_map(|p| std::iter::once(p.exterior()).chain(p.interiors()))
        .flat_map(|ring| ring.lines())
        .filter_map(
            |seg| match geo::line_intersection::line_intersection(road, seg) {
                Some(LineIntersection::SinglePoint { intersection, .. }) => Some(intersection),
                _ => None,
            },
        )
        .min_by(|a, b| geom::km_between(*a, to).total_cmp(&geom::km_between(*b, to)))
}

/// Checks that a shape contains a town.
pub fn check_in(
    g: &Gazetteer,
    mp: &MultiPolygon<f64>,
    what: &str,
    t: TownRef,
) -> Result<(), String> {
    let town = towns::get(g, t)?;
    let c = town.at();
    check(contains(mp, c.x, c.y), || {
        format!("{} ({}N {}E) is not in {what}", town.name(), c.y, c.x)
    })
}

/// Checks that every vertex of `mp` lies inside `within`.
pub fn check_within(
    mp: &MultiPolygon<f64>,
    within: &MultiPolygon<f64>,
    what: &str,
) -> Result<(), String> {
    for c in mp.iter().flat_map(|p| p.exterior().coords()) {
        check(within.contains(&Point::from(*c)), || {
            format!(
                "vertex {:.4},{:.4} of {what} lies outside its country",
                c.x, c.y
            )
        })?;
    }
    Ok(())
}

/// Clips lines to the extent and simplifies them.
fn clip_lines(lines: Vec<Vec<Coord<f64>>>, eps: f64) -> Vec<Vec<Coord<f64>>> {
    let mls = MultiLineString::new(lines.into_iter().map(Into::into).collect());
    let clipped = geom::extent_polygon().clip(&mls, false);
    clipped
        .iter()
        .map(|l| finish_line(&l.simplify(eps).0))
        .filter(|l| l.len() >= 2)
        .collect()
}

/// Country polygons, main countries first, clipped to the extent.
fn country_features(
    csimp: &Simplified,
    countries: &[Shape],
    snapper: &Snapper,
    out: &mut Regional,
) -> Result<(), String> {
    let mut order: Vec<&Shape> = MAIN_COUNTRIES
        .iter()
        .map(|n| find(countries, n))
        .collect::<Result<_, _>>()?;
    let mut others: Vec<&Shape> = countries
        .iter()
        .filter(|s| !MAIN_COUNTRIES.contains(&s.name.as_str()))
        .collect();
    others.sort_by(|a, b| a.name.cmp(&b.name));
    order.extend(others);
    for shape in order {
        let (mp, d1) = csimp.polygons(&shape.polygons)?;
        let (mp, d2) = finish_mp(&geom::clip_to_extent(&mp, snapper));
        out.dropped_rings += d1 + d2;
        if mp.0.is_empty() {
            check(!MAIN_COUNTRIES.contains(&shape.name.as_str()), || {
                format!("{} has no area in the extent", shape.name)
            })?;
            continue;
        }
        out.countries.insert(shape.name.clone(), mp.clone());
        out.features.push(Feature::new(
            &shape.name,
            "country",
            None,
            Geometry::Polygons(mp),
        ));
    }
    Ok(())
}

/// Seas: the extent minus the land.
fn sea_features(
    lsimp: &Simplified,
    land: &[Shape],
    snapper: &Snapper,
    out: &mut Regional,
) -> Result<(), String> {
    let mut land_polys = Vec::new();
    for s in land {
        let (mp, d) = lsimp.polygons(&s.polygons)?;
        out.dropped_rings += d;
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
        out.dropped_rings += d;
        out.features
            .push(Feature::new(name, "water", None, Geometry::Polygons(mp)));
    }
    Ok(())
}

/// Lakes and rivers from Natural Earth.
fn lake_and_river_features(ne_in: &NeInputs, out: &mut Regional) -> Result<(), String> {
    let note = "Natural Earth 1:10m, simplified";
    for (ne_name, name, country) in LAKES {
        let f = ne_in
            .lakes
            .iter()
            .find(|f| f.prop("name") == ne_name)
            .ok_or_else(|| format!("lake '{ne_name}' not in the Natural Earth extract"))?;
        let mp = ne::polygons(&f.geometry).simplify(out.epsilon);
        let (mp, _) = finish_mp(&geom::extent_polygon().intersection(&mp));
        check_within(&mp, out.country(country)?, name)?;
        out.features.push(Feature::new(
            name,
            "water",
            Some(note),
            Geometry::Polygons(mp),
        ));
    }
    for (ne_name, name) in RIVERS {
        let pieces: Vec<Vec<Coord<f64>>> = ne_in
            .rivers
            .iter()
            .filter(|f| f.prop("name") == ne_name)
            .flat_map(|f| ne::lines(&f.geometry))
            .collect();
        let lines = clip_lines(join_lines(pieces), out.epsilon);
        check(!lines.is_empty(), || {
            format!("no river '{ne_name}' in the extent")
        })?;
        let note = "Natural Earth 1:10m river centre line, simplified";
        out.features.push(Feature::new(
            name,
            "river",
            Some(note),
            Geometry::Lines(lines),
        ));
    }
    Ok(())
}

/// The Nakhchivan exclave: the one polygon of Azerbaijan holding Nakhchivan city.
pub fn nakhchivan_of(
    azerbaijan: &MultiPolygon<f64>,
    g: &Gazetteer,
) -> Result<MultiPolygon<f64>, String> {
    let nc = towns::get(g, towns::NAKHCHIVAN)?.at();
    let nakhchivan: Vec<Polygon<f64>> = azerbaijan
        .iter()
        .filter(|p| p.contains(&Point::from(nc)))
        .cloned()
        .collect();
    check(nakhchivan.len() == 1, || {
        format!(
            "expected one Azerbaijan polygon containing Nakhchivan city, found {}",
            nakhchivan.len()
        )
    })?;
    Ok(MultiPolygon::new(nakhchivan))
}

/// Nakhchivan (from the data) and the former oblast (Natural Earth's 1991 line).
fn region_features(g: &Gazetteer, ne_in: &NeInputs, out: &mut Regional) -> Result<(), String> {
    let azerbaijan = out.country("Azerbaijan")?.clone();
    let nakhchivan = nakhchivan_of(&azerbaijan, g)?;
    check_in(g, &nakhchivan, "Nakhchivan", towns::NAKHCHIVAN)?;
    out.features.push(Feature::new(
        "Nakhchivan",
        "region",
        None,
        Geometry::Polygons(nakhchivan),
    ));

    let oblast = MultiPolygon::new(vec![ne::oblast_outline(&ne_in.lines)?]).simplify(out.epsilon);
    let (oblast, _) = finish_mp(&oblast);
    check_within(&oblast, &azerbaijan, "Nagorno-Karabakh")?;
    for t in OBLAST_INSIDE {
        check_in(g, &oblast, "the former oblast", t)?;
    }
    for t in OBLAST_OUTSIDE {
        let town = towns::get(g, t)?;
        check(!contains(&oblast, town.at().x, town.at().y), || {
            format!("{} should be outside the former oblast", town.name())
        })?;
    }
    let note = "outline of the former Nagorno-Karabakh Autonomous Oblast in 1991 (Natural Earth \
                'Former USSR oblast in 1991' line, generalised to about 1 km); not an international \
                boundary";
    out.features.push(Feature::new(
        "Nagorno-Karabakh",
        "region",
        Some(note),
        Geometry::Polygons(oblast.clone()),
    ));
    out.oblast = oblast;
    Ok(())
}

/// The Lachin corridor's road before August 2022, from GeoNames points.
fn corridor_feature(g: &Gazetteer, out: &mut Regional) -> Result<(), String> {
    let tegh = towns::get(g, towns::TEGH)?.at();
    let lachin = towns::get(g, towns::LACHIN)?.at();
    let khankendi = towns::get(g, towns::KHANKENDI)?.at();
    let start = crossing(out.country("Armenia")?, tegh, lachin)
        .ok_or("the Tegh–Lachin segment does not cross Armenia's border")?;
    let corridor = finish_line(&[start, lachin, khankendi]);
    let lachin_km = geom::km_point_line(lachin, &corridor);
    check(lachin_km <= CORRIDOR_MAX_KM_FROM_LACHIN, || {
        format!("corridor passes {lachin_km:.1} km from Lachin")
    })?;
    let note = "approximate path of the road used until August 2022: straight segments from \
                where the Tegh–Lachin line crosses Armenia's border, through Lachin / Berdzor to \
                Khankendi / Stepanakert (GeoNames points)";
    out.features.push(Feature::new(
        "Lachin corridor",
        "corridor",
        Some(note),
        Geometry::Lines(vec![corridor]),
    ));
    Ok(())
}

/// Borders from the countries' shared arcs.
fn border_features(
    csimp: &Simplified,
    countries: &[Shape],
    out: &mut Regional,
) -> Result<(), String> {
    for (name, a, b, required) in BORDERS {
        let lines = match (find(countries, a), find(countries, b)) {
            (Ok(sa), Ok(sb)) => join_lines(topo::shared_chains(csimp, sa, sb)?),
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
        if (a, b) == ("Armenia", "Azerbaijan") {
            out.armenia_azerbaijan = lines.clone();
        }
        out.features
            .push(Feature::new(name, "border", None, Geometry::Lines(lines)));
    }
    Ok(())
}

/// Towns that must lie in a country.
pub const COUNTRY_CHECKS: [(&str, TownRef); 8] = [
    ("Iran", towns::TABRIZ),
    ("Iran", towns::TEHRAN),
    ("Azerbaijan", towns::NAKHCHIVAN),
    ("Azerbaijan", towns::BAKU),
    ("Armenia", towns::KAPAN),
    ("Armenia", towns::YEREVAN),
    ("Armenia", towns::GORIS),
    ("Georgia", towns::TBILISI),
];

/// The countries of world-atlas' 10m file that reach into the extent, with their arcs.
pub struct Countries {
    /// The decoded topology.
    pub topo: Topo,
    /// The countries, each with only its polygons that may reach into the extent.
    pub shapes: Vec<Shape>,
}

impl Countries {
    /// Reads world-atlas' `countries-10m.json`.
    pub fn load(path: &str) -> Result<Countries, String> {
        let topology = topo::read_topology(path)?;
        let topo = Topo::decode(&topology)?;
        let shapes = restrict_to_extent(&topo, topo::shapes(&topology, "countries")?);
        Ok(Countries { topo, shapes })
    }

    /// Every arc the countries use.
    pub fn arcs(&self) -> HashSet<usize> {
        self.shapes
            .iter()
            .flat_map(|s| topo::arcs_used(&s.polygons))
            .collect()
    }

    /// A country by name.
    pub fn find(&self, name: &str) -> Result<&Shape, String> {
        find(&self.shapes, name)
    }
}

/// Builds the regional basemap from world-atlas' 10m files and Natural Earth.
pub fn build(
    c: &Countries,
    land_path: &str,
    epsilon: f64,
    g: &Gazetteer,
    ne_in: &NeInputs,
) -> Result<Regional, String> {
    // Countries: simplify per arc.
    let (ctopo, countries) = (&c.topo, &c.shapes);
    let csimp = Simplified::new(ctopo, &c.arcs(), epsilon, &HashSet::new());

    // Land: same quantization as the countries file, so its coast is split at
    // the vertices kept for the countries and simplifies identically.
    let ltopology = topo::read_topology(land_path)?;
    let ltopo = Topo::decode(&ltopology)?;
    let land = restrict_to_extent(&ltopo, topo::shapes(&ltopology, "land")?);
    let larcs: HashSet<usize> = land
        .iter()
        .flat_map(|s| topo::arcs_used(&s.polygons))
        .collect();
    let lsimp = Simplified::new(&ltopo, &larcs, epsilon, &csimp.kept_positions());

    let bbox = [
        EXTENT[0] - 0.05,
        EXTENT[1] - 0.05,
        EXTENT[2] + 0.05,
        EXTENT[3] + 0.05,
    ];
    let mut out = Regional {
        features: Vec::new(),
        countries: HashMap::new(),
        armenia_azerbaijan: Vec::new(),
        oblast: MultiPolygon::new(Vec::new()),
        epsilon,
        max_deviation_km: csimp
            .max_deviation_km(bbox)
            .max(lsimp.max_deviation_km(bbox)),
        dropped_rings: 0,
    };
    let snapper = Snapper::new(csimp.kept_coords().into_iter().chain(lsimp.kept_coords()));
    country_features(&csimp, countries, &snapper, &mut out)?;
    sea_features(&lsimp, &land, &snapper, &mut out)?;
    lake_and_river_features(ne_in, &mut out)?;
    region_features(g, ne_in, &mut out)?;
    corridor_feature(g, &mut out)?;
    border_features(&csimp, countries, &mut out)?;
    for (country, t) in COUNTRY_CHECKS {
        check_in(g, out.country(country)?, country, t)?;
    }
    let tehran = towns::get(g, towns::TEHRAN)?.at();
    check(geom::in_extent(tehran), || {
        "Tehran is outside the extent".into()
    })?;
    Ok(out)
}
