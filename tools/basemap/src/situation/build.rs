//! Builds the geometry of each dated feature from its recipe: area build
//! steps, roads and their 5 km bands, points placed on the border.

use std::collections::HashMap;

use geo::{
    BooleanOps, Buffer, Closest, ClosestPoint, Coord, LineString, MapCoords, MultiLineString,
    MultiPolygon, Point, Rect,
};

use crate::geom::{KM_PER_DEG, ll};
use crate::geonames::Gazetteer;
use crate::natural_earth::Rayon;
use crate::towns;

use super::spec::{FeatureSpec, Spec};

/// Half the width of a corridor band, in km (the corridor is 5 km wide).
pub const CORRIDOR_HALF_WIDTH_KM: f64 = 2.5;
/// Longitudes that a `south_of:` half-plane spans (well beyond the region).
const HALF_PLANE_LON: (f64, f64) = (40.0, 52.0);
/// Southern edge of a `south_of:` half-plane.
const HALF_PLANE_SOUTH: f64 = 30.0;

/// What recipes read.
pub struct Inputs<'a> {
    /// Natural Earth's 1994–2020 held polygon.
    pub held_1994: MultiPolygon<f64>,
    /// The 1991 oblast outline as in the basemap.
    pub oblast_1991: MultiPolygon<f64>,
    /// Azerbaijan as in the basemap.
    pub azerbaijan: MultiPolygon<f64>,
    /// The Armenia–Azerbaijan border as in the basemap.
    pub border: Vec<Vec<Coord<f64>>>,
    /// Azerbaijan's rayons.
    pub rayons: Vec<Rayon>,
    /// Town points.
    pub gazetteer: &'a Gazetteer,
}

/// A local equirectangular plane in km around a reference point.
#[derive(Clone, Copy)]
pub struct Plane {
    origin: Coord<f64>,
    k: f64,
}

impl Plane {
    /// The plane centred on `origin`.
    pub fn at(origin: Coord<f64>) -> Plane {
        Plane {
            origin,
            k: origin.y.to_radians().cos(),
        }
    }

    /// Degrees to km.
    pub fn to_km(self, c: Coord<f64>) -> Coord<f64> {
        ll(
            (c.x - self.origin.x) * self.k * KM_PER_DEG,
            (c.y - self.origin.y) * KM_PER_DEG,
        )
    }

    /// Km to degrees.
    pub fn to_deg(self, c: Coord<f64>) -> Coord<f64> {
        ll(
            self.origin.x + c.x / (self.k * KM_PER_DEG),
            self.origin.y + c.y / KM_PER_DEG,
        )
    }
}

/// The builder: inputs plus what has been built so far.
pub struct Builder<'a> {
    inputs: Inputs<'a>,
    spec: &'a Spec,
    areas: HashMap<String, MultiPolygon<f64>>,
    points: HashMap<String, Coord<f64>>,
}

impl<'a> Builder<'a> {
    /// A builder over the inputs and the list of changes.
    pub fn new(inputs: Inputs<'a>, spec: &'a Spec) -> Self {
        Builder {
            inputs,
            spec,
            areas: HashMap::new(),
            points: HashMap::new(),
        }
    }

    /// Builds an area feature and remembers it as `area:ID`.
    pub fn area(&mut self, f: &FeatureSpec) -> Result<MultiPolygon<f64>, String> {
        let steps = f.build.as_deref().unwrap_or_default();
        let mp = self
            .steps(steps)
            .map_err(|e| format!("feature '{}': {e}", f.id))?;
        self.areas.insert(f.id.clone(), mp.clone());
        Ok(mp)
    }

    /// Applies build steps left to right.
    fn steps(&self, steps: &[String]) -> Result<MultiPolygon<f64>, String> {
        let (first, rest) = steps.split_first().ok_or("no build steps")?;
        let mut acc = self.operand(first)?;
        for step in rest {
            let (op, name) = step
                .split_once(' ')
                .ok_or_else(|| format!("step '{step}' has no operator"))?;
            let b = self.operand(name)?;
            acc = match op {
                "&" => acc.intersection(&b),
                "-" => acc.difference(&b),
                "+" => acc.union(&b),
                _ => return Err(format!("unknown operator '{op}' in '{step}'")),
            };
        }
        Ok(acc)
    }

    /// The area an operand names.
    fn operand(&self, name: &str) -> Result<MultiPolygon<f64>, String> {
        let (kind, arg) = name.split_once(':').unwrap_or((name, ""));
        match kind {
            "held_1994" => Ok(self.inputs.held_1994.clone()),
            "oblast_1991" => Ok(self.inputs.oblast_1991.clone()),
            "azerbaijan" => Ok(self.inputs.azerbaijan.clone()),
            "rayon" => self
                .inputs
                .rayons
                .iter()
                .find(|r| r.code == arg)
                .map(|r| r.area.clone())
                .ok_or_else(|| format!("no rayon {arg}")),
            "south_of" => {
                let lat: f64 = arg
                    .parse()
                    .map_err(|_| format!("bad latitude in '{name}'"))?;
                let r = Rect::new(
                    ll(HALF_PLANE_LON.0, HALF_PLANE_SOUTH),
                    ll(HALF_PLANE_LON.1, lat),
                );
                Ok(MultiPolygon::new(vec![r.to_polygon()]))
            }
            "part" => {
                let part = self.spec.parts.iter().find(|p| p.id == arg);
                self.steps(&part.ok_or_else(|| format!("no part {arg}"))?.build)
            }
            "area" => self
                .areas
                .get(arg)
                .cloned()
                .ok_or_else(|| format!("area {arg} is not built yet")),
            "road" => self.band(&self.road(arg)?),
            _ => Err(format!("unknown operand '{name}'")),
        }
    }

    /// The line of a road.
    pub fn road(&self, id: &str) -> Result<Vec<Coord<f64>>, String> {
        let road = self.spec.roads.iter().find(|r| r.id == id);
        let road = road.ok_or_else(|| format!("no road {id}"))?;
        road.via.iter().map(|v| self.via(v)).collect()
    }

    /// A road's via point.
    fn via(&self, v: &str) -> Result<Coord<f64>, String> {
        let parts: Vec<&str> = v.split(':').collect();
        let town = |id: &str| -> Result<Coord<f64>, String> {
            let id: u64 = id
                .parse()
                .map_err(|_| format!("bad GeoNames id in '{v}'"))?;
            Ok(towns::by_id(self.inputs.gazetteer, id)?.at())
        };
        match parts.as_slice() {
            ["town", id] => town(id),
            ["point", id] => self.point_at(id),
            ["offset", id, bearing, km] => {
                let bearing: f64 = bearing
                    .parse()
                    .map_err(|_| format!("bad bearing in '{v}'"))?;
                let km: f64 = km.parse().map_err(|_| format!("bad distance in '{v}'"))?;
                let from = town(id)?;
                let (s, c) = bearing.to_radians().sin_cos();
                Ok(Plane::at(from).to_deg(ll(km * s, km * c)))
            }
            _ => Err(format!("unknown via point '{v}'")),
        }
    }

    /// The position of a point feature, by id.
    pub fn point_at(&self, id: &str) -> Result<Coord<f64>, String> {
        if let Some(c) = self.points.get(id) {
            return Ok(*c);
        }
        let f = self
            .spec
            .changes
            .iter()
            .flat_map(|c| &c.starts)
            .find(|f| f.id == id && f.kind == "point")
            .ok_or_else(|| format!("no point feature '{id}'"))?;
        let at = f.at.as_deref().unwrap_or_default();
        let Some(("border_nearest", town)) = at.split_once(':') else {
            return Err(format!("point '{id}': unknown placement '{at}'"));
        };
        let id: u64 = town
            .parse()
            .map_err(|_| format!("bad GeoNames id in '{at}'"))?;
        let from = towns::by_id(self.inputs.gazetteer, id)?.at();
        self.nearest_on_border(from)
    }

    /// Builds a point feature and remembers it.
    pub fn point(&mut self, f: &FeatureSpec) -> Result<Coord<f64>, String> {
        let c = self.point_at(&f.id)?;
        self.points.insert(f.id.clone(), c);
        Ok(c)
    }

    /// The point of the Armenia–Azerbaijan border nearest `from`.
    fn nearest_on_border(&self, from: Coord<f64>) -> Result<Coord<f64>, String> {
        let plane = Plane::at(from);
        let lines: MultiLineString<f64> = self
            .inputs
            .border
            .iter()
            .map(|l| LineString::from(l.iter().map(|&c| plane.to_km(c)).collect::<Vec<_>>()))
            .collect();
        match lines.closest_point(&Point::new(0.0, 0.0)) {
            Closest::Intersection(p) | Closest::SinglePoint(p) => Ok(plane.to_deg(p.0)),
            Closest::Indeterminate => Err("no Armenia–Azerbaijan border to place on".into()),
        }
    }

    /// A band `CORRIDOR_HALF_WIDTH_KM` either side of a line.
    fn band(&self, line: &[Coord<f64>]) -> Result<MultiPolygon<f64>, String> {
        let first = *line.first().ok_or("empty road")?;
        let plane = Plane::at(first);
        let km: LineString<f64> = line
            .iter()
            .map(|&c| plane.to_km(c))
            .collect::<Vec<_>>()
            .into();
        let band = km.buffer(CORRIDOR_HALF_WIDTH_KM);
        Ok(band.map_coords(|c| plane.to_deg(c)))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::geom::km_between;

    #[test]
    fn the_plane_round_trips_and_measures_km() {
        let p = Plane::at(ll(46.5, 39.6));
        let c = ll(46.7, 39.8);
        let back = p.to_deg(p.to_km(c));
        assert!((back.x - c.x).abs() < 1e-12 && (back.y - c.y).abs() < 1e-12);
        let km = p.to_km(c);
        let d = km.x.hypot(km.y);
        assert!((d - km_between(ll(46.5, 39.6), c)).abs() < 0.2, "{d}");
    }
}
