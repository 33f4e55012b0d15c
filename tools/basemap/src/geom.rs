//! Small geometric helpers: distances in km, clipping with vertex snapping,
//! rounding and orientation for output.

use std::collections::HashMap;

use geo::{
    BooleanOps, BoundingRect, Contains, Coord, LineString, MultiPolygon, Orient, Point, Polygon,
    Rect, orient::Direction,
};

/// Kilometres per degree of latitude (mean Earth radius 6371.0 km).
pub const KM_PER_DEG: f64 = 6371.0 * std::f64::consts::PI / 180.0;

/// The map extent: (min lon, min lat, max lon, max lat).
pub const EXTENT: [f64; 4] = [38.0, 34.5, 52.0, 44.0];

/// A lon/lat coordinate.
pub fn ll(lon: f64, lat: f64) -> Coord<f64> {
    Coord { x: lon, y: lat }
}

/// The extent as a polygon.
pub fn extent_polygon() -> Polygon<f64> {
    Rect::new(ll(EXTENT[0], EXTENT[1]), ll(EXTENT[2], EXTENT[3])).to_polygon()
}

/// Whether a point lies inside (or on the edge of) the extent.
pub fn in_extent(c: Coord<f64>) -> bool {
    c.x >= EXTENT[0] && c.x <= EXTENT[2] && c.y >= EXTENT[1] && c.y <= EXTENT[3]
}

/// Distance in km from `p` to segment `a`–`b`, using an equirectangular
/// projection centred on `p` (accurate to well under 1% at these scales).
pub fn km_point_segment(p: Coord<f64>, a: Coord<f64>, b: Coord<f64>) -> f64 {
    let k = p.y.to_radians().cos();
    let proj = |c: Coord<f64>| ((c.x - p.x) * k * KM_PER_DEG, (c.y - p.y) * KM_PER_DEG);
    let (ax, ay) = proj(a);
    let (bx, by) = proj(b);
    let (dx, dy) = (bx - ax, by - ay);
    let len2 = dx * dx + dy * dy;
    let t = if len2 == 0.0 {
        0.0
    } else {
        (-(ax * dx + ay * dy) / len2).clamp(0.0, 1.0)
    };
    let (cx, cy) = (ax + t * dx, ay + t * dy);
    (cx * cx + cy * cy).sqrt()
}

/// Distance in km between two points (equirectangular, mean latitude).
pub fn km_between(a: Coord<f64>, b: Coord<f64>) -> f64 {
    let k = ((a.y + b.y) / 2.0).to_radians().cos();
    (((a.x - b.x) * k).powi(2) + (a.y - b.y).powi(2)).sqrt() * KM_PER_DEG
}

/// Distance in km from a point to a polyline.
pub fn km_point_line(p: Coord<f64>, line: &[Coord<f64>]) -> f64 {
    line.windows(2)
        .map(|w| km_point_segment(p, w[0], w[1]))
        .fold(f64::INFINITY, f64::min)
}

/// Snaps coordinates produced by polygon clipping back onto the exact
/// simplified vertices they came from (the overlay engine works on a scaled
/// integer grid and may move vertices by ~1e-7 degrees). This keeps borders
/// of neighbours identical after clipping.
pub struct Snapper {
    cells: HashMap<(i64, i64), Vec<Coord<f64>>>,
}

/// Snapping tolerance and grid cell size, in degrees. Source vertices are at
/// least ~0.0017 degrees apart, so this is unambiguous.
const SNAP_TOL: f64 = 1e-5;

impl Snapper {
    /// Builds a snapper over the given vertices.
    pub fn new(points: impl IntoIterator<Item = Coord<f64>>) -> Self {
        let mut cells: HashMap<(i64, i64), Vec<Coord<f64>>> = HashMap::new();
        for p in points {
            cells.entry(Self::cell(p)).or_default().push(p);
        }
        Snapper { cells }
    }

    fn cell(p: Coord<f64>) -> (i64, i64) {
        (
            (p.x / SNAP_TOL).floor() as i64,
            (p.y / SNAP_TOL).floor() as i64,
        )
    }

    /// The known vertex within tolerance of `p`, or `p` itself.
    pub fn snap(&self, p: Coord<f64>) -> Coord<f64> {
        let (cx, cy) = Self::cell(p);
        let mut best: Option<(f64, Coord<f64>)> = None;
        for dx in -1..=1 {
            for dy in -1..=1 {
                for q in self.cells.get(&(cx + dx, cy + dy)).into_iter().flatten() {
                    let d = (q.x - p.x).hypot(q.y - p.y);
                    if d <= SNAP_TOL && best.is_none_or(|(bd, _)| d < bd) {
                        best = Some((d, *q));
                    }
                }
            }
        }
        best.map_or(p, |(_, q)| q)
    }

    /// Snaps every vertex of a multipolygon.
    pub fn snap_mp(&self, mp: &MultiPolygon<f64>) -> MultiPolygon<f64> {
        let ring = |r: &LineString<f64>| -> LineString<f64> {
            r.0.iter().map(|&c| self.snap(c)).collect::<Vec<_>>().into()
        };
        mp.iter()
            .map(|p| Polygon::new(ring(p.exterior()), p.interiors().iter().map(ring).collect()))
            .collect::<Vec<_>>()
            .into()
    }
}

/// Clips a multipolygon to the extent, unless it already lies inside it.
pub fn clip_to_extent(mp: &MultiPolygon<f64>, snapper: &Snapper) -> MultiPolygon<f64> {
    let inside = mp
        .bounding_rect()
        .is_some_and(|r| in_extent(r.min()) && in_extent(r.max()));
    if inside {
        return mp.clone();
    }
    snapper.snap_mp(&mp.intersection(&extent_polygon()))
}

/// Rounds a coordinate to 4 decimals (about 10 m).
pub fn round4(c: Coord<f64>) -> Coord<f64> {
    ll((c.x * 1e4).round() / 1e4, (c.y * 1e4).round() / 1e4)
}

/// Rounds a ring to 4 decimals and removes repeated vertices; `None` if it
/// degenerates.
fn round_ring(r: &LineString<f64>) -> Option<LineString<f64>> {
    let mut c: Vec<Coord<f64>> = r.0.iter().map(|&c| round4(c)).collect();
    c.dedup();
    if c.first() == c.last() {
        c.pop();
    }
    remove_spikes(&mut c);
    let first = *c.first()?;
    c.push(first);
    (c.len() >= 4).then(|| c.into())
}

/// Removes spikes from an open ring: a vertex `b` between two equal vertices
/// (`a, b, a`), which rounding can leave where a boolean operation cut a
/// narrow wedge. Repeats until none is left.
fn remove_spikes(c: &mut Vec<Coord<f64>>) {
    let mut i = 0;
    while c.len() >= 3 && i < c.len() {
        let n = c.len();
        if c[i] == c[(i + 2) % n] {
            // Drop the spike's tip and one copy of its base.
            let (tip, base) = ((i + 1) % n, (i + 2) % n);
            let (hi, lo) = if tip > base { (tip, base) } else { (base, tip) };
            c.remove(hi);
            c.remove(lo);
            i = i.saturating_sub(2);
        } else {
            i += 1;
        }
    }
}

/// Rounds a multipolygon to 4 decimals and orients it as RFC 7946 requires
/// (exteriors counter-clockwise, holes clockwise). Returns the number of rings
/// dropped because they degenerated.
pub fn finish_mp(mp: &MultiPolygon<f64>) -> (MultiPolygon<f64>, usize) {
    let mut dropped = 0;
    let mut polys = Vec::new();
    for p in mp {
        let Some(ext) = round_ring(p.exterior()) else {
            dropped += 1 + p.interiors().len();
            continue;
        };
        let holes: Vec<LineString<f64>> = p
            .interiors()
            .iter()
            .filter_map(|h| {
                let r = round_ring(h);
                if r.is_none() {
                    dropped += 1;
                }
                r
            })
            .collect();
        polys.push(Polygon::new(ext, holes));
    }
    (MultiPolygon::new(polys).orient(Direction::Default), dropped)
}

/// Rounds a line to 4 decimals, removing repeated vertices.
pub fn finish_line(line: &[Coord<f64>]) -> Vec<Coord<f64>> {
    let mut c: Vec<Coord<f64>> = line.iter().map(|&c| round4(c)).collect();
    c.dedup();
    c
}

/// Whether a multipolygon contains a lon/lat point.
pub fn contains(mp: &MultiPolygon<f64>, lon: f64, lat: f64) -> bool {
    mp.contains(&Point::new(lon, lat))
}

/// Joins lines that share end points into longer lines.
pub fn join_lines(mut lines: Vec<Vec<Coord<f64>>>) -> Vec<Vec<Coord<f64>>> {
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_degree_of_latitude_is_about_111_km() {
        let d = km_between(ll(45.0, 40.0), ll(45.0, 41.0));
        assert!((d - 111.19).abs() < 0.01, "{d}");
    }

    #[test]
    fn spikes_are_removed() {
        let mut c = vec![
            ll(0.0, 0.0),
            ll(1.0, 0.0),
            ll(2.0, 0.0),
            ll(1.0, 0.0),
            ll(1.0, 1.0),
        ];
        remove_spikes(&mut c);
        assert_eq!(c, vec![ll(0.0, 0.0), ll(1.0, 0.0), ll(1.0, 1.0)]);
    }

    #[test]
    fn snapper_snaps_only_close_points() {
        let s = Snapper::new([ll(45.1234567, 40.0)]);
        assert_eq!(s.snap(ll(45.1234569, 40.0000001)), ll(45.1234567, 40.0));
        assert_eq!(s.snap(ll(45.2, 40.0)), ll(45.2, 40.0));
    }
}
