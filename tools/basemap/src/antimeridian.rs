//! Rings that cross the antimeridian.
//!
//! world-atlas stitches Natural Earth's polygons across ±180° for spherical
//! rendering: Chukotka is one ring with the rest of Russia, and Antarctica's
//! ring runs once around the South Pole without the edges along it. In plain
//! lon/lat such a ring has an edge from about +180 to -180 that spans the
//! whole map. Here each such polygon is made continuous (every longitude within
//! 180° of the one before it, so a vertex at ±180 lands on its neighbours'
//! side), closed along the pole it winds around, and cut at the antimeridian
//! into pieces that each lie within [-180, 180].

use geo::{
    Area, BooleanOps, BoundingRect, Coord, LineString, MultiPolygon, Polygon, Rect, Translate,
};

use crate::geom::{Snapper, ll};

/// Widest longitude span, in degrees, an edge may have: one spanning more
/// joins two sides of the antimeridian the long way round.
pub const MAX_EDGE_SPAN: f64 = 180.0;
/// Tolerance, in degrees, for a longitude lying on a meridian that is cut.
const EPS: f64 = 1e-9;
/// Longitude step, in degrees, of the vertices of an edge along a pole.
const POLE_STEP: f64 = 90.0;
/// Largest relative change of a polygon's area that cutting may cause (the
/// overlay engine works on an integer grid).
const MAX_AREA_CHANGE: f64 = 1e-6;

/// The widest longitude span of any edge of any ring of `mp`, in degrees.
pub fn max_edge_span(mp: &MultiPolygon<f64>) -> f64 {
    mp.iter()
        .flat_map(|p| std::iter::once(p.exterior()).chain(p.interiors()))
        .flat_map(|r| r.lines())
        .map(|l| (l.end.x - l.start.x).abs())
        .fold(0.0, f64::max)
}

/// Whether a polygon has an edge spanning more than [`MAX_EDGE_SPAN`].
fn crosses(p: &Polygon<f64>) -> bool {
    max_edge_span(&MultiPolygon::new(vec![p.clone()])) > MAX_EDGE_SPAN
}

/// Cuts every polygon of `mp` that crosses the antimeridian into pieces within
/// [-180, 180], in place of the polygon; the others are kept as they are.
/// Returns the polygons and whether any was cut.
pub fn cut_mp(mp: &MultiPolygon<f64>) -> Result<(MultiPolygon<f64>, bool), String> {
    let mut out = Vec::with_capacity(mp.0.len());
    let mut cut = false;
    for p in mp {
        if crosses(p) {
            out.extend(cut_polygon(p)?);
            cut = true;
        } else {
            out.push(p.clone());
        }
    }
    Ok((MultiPolygon::new(out), cut))
}

/// The pieces of a polygon that crosses the antimeridian, each within
/// [-180, 180], with the same total area as the continuous polygon.
fn cut_polygon(p: &Polygon<f64>) -> Result<Vec<Polygon<f64>>, String> {
    let ext = close_around_pole(unwrap(&p.exterior().0))?;
    let mid = mid_lon(&ext);
    let holes = p
        .interiors()
        .iter()
        .map(|h| hole_near(unwrap(&h.0), mid))
        .collect::<Result<Vec<_>, String>>()?;
    let whole = Polygon::new(ext, holes);
    let pieces = into_world(&whole);
    let (before, after) = (whole.unsigned_area(), pieces.unsigned_area());
    if (after - before).abs() > MAX_AREA_CHANGE * before {
        return Err(format!(
            "cutting a polygon at the antimeridian changed its area from {before} to {after}"
        ));
    }
    Ok(pieces.0)
}

/// A ring with each longitude shifted by a multiple of 360° to lie within
/// 180° of the one before it, repeated vertices removed. A ring that winds
/// around a pole ends 360° east or west of where it starts.
fn unwrap(ring: &[Coord<f64>]) -> Vec<Coord<f64>> {
    let mut out: Vec<Coord<f64>> = Vec::with_capacity(ring.len());
    for &c in ring {
        let x = match out.last() {
            Some(prev) => c.x - 360.0 * ((c.x - prev.x) / 360.0).round(),
            None => c.x,
        };
        out.push(ll(x, c.y));
    }
    out.dedup();
    out
}

/// How many times a ring unwrapped by [`unwrap`] winds around a pole
/// (positive eastwards).
fn turns(ring: &[Coord<f64>]) -> i64 {
    match (ring.first(), ring.last()) {
        (Some(a), Some(b)) => ((b.x - a.x) / 360.0).round() as i64,
        _ => 0,
    }
}

/// Closes an unwrapped ring that winds once around a pole along that pole
/// (the nearer one), as Natural Earth's own polygons are closed; a ring that
/// does not wind around a pole is returned as it is.
fn close_around_pole(mut ring: Vec<Coord<f64>>) -> Result<LineString<f64>, String> {
    let turns = turns(&ring);
    if turns.abs() > 1 {
        return Err(format!("a ring winds {turns} times around a pole"));
    }
    let (Some(&first), Some(&last)) = (ring.first(), ring.last()) else {
        return Ok(ring.into());
    };
    if turns != 0 {
        let mean_lat = ring.iter().map(|c| c.y).sum::<f64>() / ring.len() as f64;
        let pole = if mean_lat < 0.0 { -90.0 } else { 90.0 };
        ring.extend(along_pole(last.x, first.x, pole));
        ring.push(first);
    }
    Ok(ring.into())
}

/// Vertices along a pole from longitude `from` to `to`, both included, at
/// most [`POLE_STEP`] apart.
fn along_pole(from: f64, to: f64, pole: f64) -> Vec<Coord<f64>> {
    let steps = ((to - from).abs() / POLE_STEP).ceil().max(1.0) as usize;
    (0..=steps)
        .map(|i| ll(from + (to - from) * i as f64 / steps as f64, pole))
        .collect()
}

/// Middle of a ring's longitudes.
fn mid_lon(ring: &LineString<f64>) -> f64 {
    ring.bounding_rect()
        .map_or(0.0, |r| (r.min().x + r.max().x) / 2.0)
}

/// An unwrapped hole, shifted by a multiple of 360° to lie near longitude
/// `mid` (its exterior's middle). A hole cannot wind around a pole.
fn hole_near(ring: Vec<Coord<f64>>, mid: f64) -> Result<LineString<f64>, String> {
    if turns(&ring) != 0 {
        return Err("a hole winds around a pole".into());
    }
    let hole = LineString::from(ring);
    let shift = 360.0 * ((mid - mid_lon(&hole)) / 360.0).round();
    Ok(hole.translate(shift, 0.0))
}

/// Index `k` of the 360°-wide strip centred on longitude `360·k` that holds
/// the west end `x` of a span (so x = -180 is in strip 0, not -1).
fn west_strip(x: f64) -> i64 {
    ((x + 180.0 + EPS) / 360.0).floor() as i64
}

/// Index `k` of the 360°-wide strip centred on longitude `360·k` that holds
/// the east end `x` of a span (so x = 180 is in strip 0, not 1).
fn east_strip(x: f64) -> i64 {
    ((x - 180.0 - EPS) / 360.0).ceil() as i64
}

/// Cuts a polygon in continuous longitudes along the meridians 180 + 360·k
/// and shifts each piece by a multiple of 360° into [-180, 180]. Vertices are
/// snapped back onto the polygon's own where the overlay moved them.
fn into_world(p: &Polygon<f64>) -> MultiPolygon<f64> {
    let Some(bounds) = p.bounding_rect() else {
        return MultiPolygon::new(Vec::new());
    };
    let (west, east) = (west_strip(bounds.min().x), east_strip(bounds.max().x));
    if west >= east {
        return MultiPolygon::new(vec![p.translate(-360.0 * west as f64, 0.0)]);
    }
    let snapper = Snapper::new(
        p.exterior()
            .0
            .iter()
            .chain(p.interiors().iter().flatten())
            .copied(),
    );
    let whole = MultiPolygon::new(vec![p.clone()]);
    let mut pieces = Vec::new();
    for k in west..=east {
        let offset = 360.0 * k as f64;
        let band = Rect::new(ll(offset - 180.0, -91.0), ll(offset + 180.0, 91.0)).to_polygon();
        let part = snapper.snap_mp(&whole.intersection(&band));
        pieces.extend(part.translate(-offset, 0.0));
    }
    MultiPolygon::new(pieces)
}

#[cfg(test)]
mod tests {
    use geo::Validation;

    use super::*;

    fn poly(coords: &[(f64, f64)]) -> Polygon<f64> {
        let ring: Vec<Coord<f64>> = coords.iter().map(|&(x, y)| ll(x, y)).collect();
        Polygon::new(ring.into(), Vec::new())
    }

    /// Checks what every cut must give: valid pieces within [-180, 180], no
    /// edge spanning more than 180°.
    fn assert_world(mp: &MultiPolygon<f64>) {
        assert!(max_edge_span(mp) <= MAX_EDGE_SPAN, "{mp:?}");
        assert!(mp.is_valid(), "{:?}", mp.validation_errors());
        let r = mp.bounding_rect().unwrap();
        assert!(r.min().x >= -180.0 && r.max().x <= 180.0, "{r:?}");
    }

    #[test]
    fn a_vertex_on_the_antimeridian_goes_to_its_neighbours_side() {
        let p = poly(&[(179.0, -1.0), (-180.0, 0.0), (179.0, 1.0), (179.0, -1.0)]);
        assert!(crosses(&p));
        let (mp, cut) = cut_mp(&MultiPolygon::new(vec![p])).unwrap();
        assert!(cut);
        assert_world(&mp);
        assert_eq!(mp.0.len(), 1);
        assert!(mp.0[0].exterior().0.contains(&ll(180.0, 0.0)));
        assert!(!mp.0[0].exterior().0.iter().any(|c| c.x < 0.0));
        assert!(
            (mp.unsigned_area() - 1.0).abs() < 1e-9,
            "{}",
            mp.unsigned_area()
        );
    }

    #[test]
    fn a_ring_across_the_antimeridian_is_cut_in_two() {
        // Wrangel Island in miniature: 2° wide, from 179°E to 179°W.
        let p = poly(&[
            (-180.0, 1.0),
            (-179.0, 1.0),
            (-179.0, 0.0),
            (-180.0, 0.0),
            (179.0, 0.0),
            (179.0, 1.0),
            (-180.0, 1.0),
        ]);
        let (mp, _) = cut_mp(&MultiPolygon::new(vec![p])).unwrap();
        assert_world(&mp);
        assert_eq!(mp.0.len(), 2);
        for piece in &mp {
            assert!((piece.unsigned_area() - 1.0).abs() < 1e-9, "{piece:?}");
        }
    }

    #[test]
    fn a_ring_around_a_pole_is_closed_along_it() {
        let p = poly(&[
            (-180.0, -80.0),
            (-90.0, -81.0),
            (0.0, -80.0),
            (90.0, -81.0),
            (180.0, -80.0),
            (-180.0, -80.0),
        ]);
        let (mp, _) = cut_mp(&MultiPolygon::new(vec![p])).unwrap();
        assert_world(&mp);
        assert_eq!(mp.0.len(), 1);
        // Four 90°-wide trapezoids, 10° and 9° high at their sides.
        assert!((mp.unsigned_area() - 4.0 * 90.0 * 9.5).abs() < 1e-9);
        assert!(mp.0[0].exterior().0.contains(&ll(0.0, -90.0)));
    }

    #[test]
    fn polygons_off_the_antimeridian_are_kept_as_they_are() {
        let p = poly(&[(10.0, 0.0), (12.0, 0.0), (11.0, 1.0), (10.0, 0.0)]);
        let mp = MultiPolygon::new(vec![p]);
        let (out, cut) = cut_mp(&mp).unwrap();
        assert!(!cut);
        assert_eq!(out, mp);
    }

    #[test]
    fn max_edge_span_sees_an_edge_around_the_world() {
        let p = poly(&[(179.0, 0.0), (-179.0, 0.0), (179.0, 1.0), (179.0, 0.0)]);
        assert_eq!(max_edge_span(&MultiPolygon::new(vec![p])), 358.0);
    }
}
