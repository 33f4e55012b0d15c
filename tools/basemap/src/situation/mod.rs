//! The situation layer (`assets/situation.geojson`): who held what, when,
//! built from the dated list of changes in `data/situation.json`.

pub mod build;
pub mod checks;
pub mod spec;
mod write;

use geo::{Area, BooleanOps, Coord, LineString, MultiPolygon, Polygon, Validation};

use crate::geom::{KM_PER_DEG, finish_line, finish_mp, round4};
use crate::natural_earth::{self as ne, NeFeature};
use crate::output::Geometry;
use build::Builder;
use spec::{FeatureSpec, Spec};

pub use write::write;

/// One dated feature of the output.
pub struct Item {
    /// Unique id.
    pub id: String,
    /// `control`, `line`, `point` or `note`.
    pub kind: String,
    /// Status of a control area.
    pub status: Option<String>,
    /// Name.
    pub name: String,
    /// Text for legend and hover.
    pub text: String,
    /// Whether the geometry is approximate.
    pub approximate: bool,
    /// The public record.
    pub source: String,
    /// How the geometry was made (None for notes).
    pub how: Option<String>,
    /// First day in force (None: from before the first change).
    pub valid_from: Option<String>,
    /// First day no longer in force (None: still in force).
    pub valid_to: Option<String>,
    /// The geometry (None for notes).
    pub geometry: Option<Geometry>,
}

impl Item {
    /// Whether the item is in force on `day` (`YYYY-MM-DD`).
    pub fn in_force(&self, day: &str) -> bool {
        self.valid_from.as_deref().is_none_or(|f| f <= day)
            && self.valid_to.as_deref().is_none_or(|t| day < t)
    }

    /// The area of a control item.
    pub fn area(&self) -> Option<&MultiPolygon<f64>> {
        match (&self.kind[..], &self.geometry) {
            ("control", Some(Geometry::Polygons(mp))) => Some(mp),
            _ => None,
        }
    }
}

/// The day a feature stops being in force, if a later change ends it.
fn end_of<'a>(spec: &'a Spec, id: &str) -> Option<&'a str> {
    spec.changes
        .iter()
        .find(|c| c.ends.iter().any(|e| e == id))
        .and_then(|c| c.date.as_deref())
}

/// The construction text: the feature's own, the recipe, and the roads and
/// parts the recipe uses.
fn how_of(spec: &Spec, f: &FeatureSpec) -> Option<String> {
    let mut how = f.how.clone()?;
    if let Some(steps) = &f.build {
        how.push_str(&format!(" Built as: {}.", steps.join(" ")));
        for s in steps {
            let name = s.rsplit(' ').next().unwrap_or(s);
            let road = name.strip_prefix("road:");
            let part = name.strip_prefix("part:");
            if let Some(r) = road.and_then(|id| spec.roads.iter().find(|r| r.id == id)) {
                how.push_str(&format!(" {}: {}", r.name, r.how));
            }
            if let Some(p) = part.and_then(|id| spec.parts.iter().find(|p| p.id == id)) {
                how.push_str(&format!(" {}: {}", p.name, p.how));
            }
        }
    }
    Some(how)
}

/// Pieces and holes smaller than this (km²) are slivers left where two generalised
/// sources draw the same boundary a little apart; they are dropped.
const SLIVER_KM2: f64 = 1.0;
/// Latitude for converting square degrees to km² near Karabakh.
const SLIVER_REF_LAT: f64 = 39.8;

/// Rounds to 4 decimals at most this many times, resolving what rounding
/// made invalid (a ring touching or crossing itself) in between.
const MAX_ROUNDING_PASSES: usize = 4;

/// Drops the pieces and holes of `mp` that are slivers.
fn drop_slivers(mp: &MultiPolygon<f64>) -> MultiPolygon<f64> {
    let km2 = KM_PER_DEG * KM_PER_DEG * SLIVER_REF_LAT.to_radians().cos();
    let big = |r: &LineString<f64>| {
        Polygon::new(r.clone(), Vec::new()).unsigned_area() * km2 >= SLIVER_KM2
    };
    mp.iter()
        .filter(|p| big(p.exterior()))
        .map(|p| {
            let holes = p.interiors().iter().filter(|r| big(r)).cloned().collect();
            Polygon::new(p.exterior().clone(), holes)
        })
        .collect::<Vec<_>>()
        .into()
}

/// Drops slivers, rounds and checks an area. Where rounding leaves a ring
/// touching or crossing itself, the overlay engine resolves the rounded shape
/// (splitting it at the touch) and it is rounded again.
fn finish_area(id: &str, mp: &MultiPolygon<f64>) -> Result<MultiPolygon<f64>, String> {
    let mut current = drop_slivers(mp);
    for _ in 0..MAX_ROUNDING_PASSES {
        let (rounded, _) = finish_mp(&current);
        if rounded.0.is_empty() {
            return Err(format!("area '{id}' came out empty"));
        }
        if rounded.is_valid() {
            return Ok(rounded);
        }
        current = drop_slivers(&rounded.union(&MultiPolygon::new(Vec::new())));
    }
    let (rounded, _) = finish_mp(&current);
    let errors = rounded.validation_errors();
    let first = errors.first().map(ToString::to_string).unwrap_or_default();
    Err(format!("area '{id}' is not a valid polygon: {first}"))
}

/// The geometry of one feature.
fn geometry_of(
    b: &mut Builder,
    lines: &[NeFeature],
    f: &FeatureSpec,
) -> Result<Option<Geometry>, String> {
    Ok(match f.kind.as_str() {
        "control" => Some(Geometry::Polygons(finish_area(&f.id, &b.area(f)?)?)),
        "line" => {
            let name = f.lines.as_deref().unwrap_or_default();
            let ls: Vec<Vec<Coord<f64>>> = ne::named_lines(lines, name)
                .iter()
                .map(|l| finish_line(l))
                .collect();
            if ls.is_empty() {
                return Err(format!("line '{}': no Natural Earth line '{name}'", f.id));
            }
            Some(Geometry::Lines(ls))
        }
        "point" => Some(Geometry::Point(round4(b.point(f)?))),
        _ => None,
    })
}

/// Builds every dated feature, in the order of the changes.
pub fn build(spec: &Spec, b: &mut Builder, ne_lines: &[NeFeature]) -> Result<Vec<Item>, String> {
    let mut items = Vec::new();
    for change in &spec.changes {
        for f in &change.starts {
            items.push(Item {
                id: f.id.clone(),
                kind: f.kind.clone(),
                status: f.status.clone(),
                name: f.name.clone(),
                text: f.text.clone(),
                approximate: f.approximate,
                source: f.source.clone().unwrap_or_else(|| change.source.clone()),
                how: how_of(spec, f),
                valid_from: change.date.clone(),
                valid_to: end_of(spec, &f.id).map(str::to_string),
                geometry: geometry_of(b, ne_lines, f)?,
            });
        }
    }
    Ok(items)
}
