//! Decoding of world-atlas TopoJSON files and arc-level simplification.
//!
//! Shared borders are simplified once per TopoJSON arc, so that neighbouring
//! countries are assembled from exactly the same simplified border.

use std::collections::{HashMap, HashSet};

use geo::{Coord, LineString, MultiPolygon, Polygon, SimplifyIdx};
use topojson::{TopoJson, Topology, Value};

/// Quantized position: the exact integer grid of a quantized topology, used as
/// an identity key for vertices shared between arcs (and between files that
/// have the same transform, as world-atlas' countries and land files do).
pub type QPos = (i64, i64);

/// A signed arc reference as in TopoJSON: `i >= 0` is arc `i`, `i < 0` is arc
/// `!i` reversed.
pub type ArcRef = i32;

/// Rings of one polygon: the first is the exterior, the others are holes.
pub type PolyRefs = Vec<Vec<ArcRef>>;

/// A named polygonal object of a topology (a country, or the land).
#[derive(Debug, Clone)]
pub struct Shape {
    /// Name from the `name` property (empty if absent).
    pub name: String,
    /// Polygons as rings of arc references.
    pub polygons: Vec<PolyRefs>,
}

/// A decoded topology: arcs in lon/lat and in quantized units, plus shapes.
pub struct Topo {
    /// Arc vertices in degrees (lon, lat).
    pub arcs: Vec<Vec<Coord<f64>>>,
    /// Arc vertices on the quantized grid.
    pub qarcs: Vec<Vec<QPos>>,
}

/// Factor used to key unquantized topologies (no transform) on a grid.
const UNQUANTIZED_KEY_SCALE: f64 = 1e7;

/// Reads and parses a TopoJSON topology from a file.
pub fn read_topology(path: &str) -> Result<Topology, String> {
    let text = std::fs::read_to_string(path).map_err(|e| format!("cannot read {path}: {e}"))?;
    let topo: TopoJson = text
        .parse()
        .map_err(|e| format!("{path} is not valid TopoJSON: {e}"))?;
    match topo {
        TopoJson::Topology(t) => Ok(t),
        TopoJson::Geometry(_) => Err(format!("{path}: expected a Topology object")),
    }
}

impl Topo {
    /// Decodes the (possibly delta-encoded, quantized) arcs of a topology.
    pub fn decode(topology: &Topology) -> Result<Self, String> {
        let mut arcs = Vec::with_capacity(topology.arcs.len());
        let mut qarcs = Vec::with_capacity(topology.arcs.len());
        for (i, arc) in topology.arcs.iter().enumerate() {
            let mut coords = Vec::with_capacity(arc.len());
            let mut qs = Vec::with_capacity(arc.len());
            let (mut x, mut y) = (0i64, 0i64);
            for pos in arc {
                if pos.len() < 2 {
                    return Err(format!("arc {i} has a position with fewer than 2 values"));
                }
                match &topology.transform {
                    Some(tr) => {
                        // Quantized positions are integers stored as f64.
                        x += pos[0].round() as i64;
                        y += pos[1].round() as i64;
                        qs.push((x, y));
                        coords.push(Coord {
                            x: x as f64 * tr.scale[0] + tr.translate[0],
                            y: y as f64 * tr.scale[1] + tr.translate[1],
                        });
                    }
                    None => {
                        qs.push((
                            (pos[0] * UNQUANTIZED_KEY_SCALE).round() as i64,
                            (pos[1] * UNQUANTIZED_KEY_SCALE).round() as i64,
                        ));
                        coords.push(Coord {
                            x: pos[0],
                            y: pos[1],
                        });
                    }
                }
            }
            if coords.len() < 2 {
                return Err(format!("arc {i} has fewer than 2 positions"));
            }
            arcs.push(coords);
            qarcs.push(qs);
        }
        Ok(Topo { arcs, qarcs })
    }

    /// Bounding box (min_x, min_y, max_x, max_y) of a polygon's exterior ring,
    /// computed from the original arcs.
    pub fn polygon_bbox(&self, poly: &PolyRefs) -> [f64; 4] {
        let mut b = [
            f64::INFINITY,
            f64::INFINITY,
            f64::NEG_INFINITY,
            f64::NEG_INFINITY,
        ];
        if let Some(ext) = poly.first() {
            for &r in ext {
                for c in &self.arcs[arc_index(r)] {
                    b[0] = b[0].min(c.x);
                    b[1] = b[1].min(c.y);
                    b[2] = b[2].max(c.x);
                    b[3] = b[3].max(c.y);
                }
            }
        }
        b
    }
}

/// Index of the arc an arc reference points to.
pub fn arc_index(r: ArcRef) -> usize {
    if r < 0 { (!r) as usize } else { r as usize }
}

/// Converts a TopoJSON polygonal value into polygons of arc references.
fn polygons_of(value: &Value) -> Vec<PolyRefs> {
    match value {
        Value::Polygon(rings) => vec![rings.clone()],
        Value::MultiPolygon(polys) => polys.clone(),
        Value::GeometryCollection(geoms) => {
            geoms.iter().flat_map(|g| polygons_of(&g.value)).collect()
        }
        _ => Vec::new(),
    }
}

/// Returns the polygonal members of the named object (a GeometryCollection of
/// named features, or a single geometry) as shapes.
pub fn shapes(topology: &Topology, object: &str) -> Result<Vec<Shape>, String> {
    let named = topology
        .objects
        .iter()
        .find(|o| o.name == object)
        .ok_or_else(|| format!("topology has no object named '{object}'"))?;
    let members: Vec<&topojson::Geometry> = match &named.geometry.value {
        Value::GeometryCollection(geoms) => geoms.iter().collect(),
        _ => vec![&named.geometry],
    };
    Ok(members
        .into_iter()
        .map(|g| Shape {
            name: g
                .properties
                .as_ref()
                .and_then(|p| p.get("name"))
                .and_then(|n| n.as_str())
                .unwrap_or_default()
                .to_string(),
            polygons: polygons_of(&g.value),
        })
        .filter(|s| !s.polygons.is_empty())
        .collect())
}

/// The arcs that a set of polygons reference.
pub fn arcs_used(polygons: &[PolyRefs]) -> HashSet<usize> {
    polygons
        .iter()
        .flatten()
        .flatten()
        .map(|&r| arc_index(r))
        .collect()
}

/// Squared planar distance between two coordinates (in degrees).
fn dist2(a: Coord<f64>, b: Coord<f64>) -> f64 {
    (a.x - b.x).powi(2) + (a.y - b.y).powi(2)
}

/// Planar distance of `p` to the infinite line through `a` and `b`, or to `a`
/// if they coincide.
fn dist_to_line(p: Coord<f64>, a: Coord<f64>, b: Coord<f64>) -> f64 {
    let len2 = dist2(a, b);
    if len2 == 0.0 {
        return dist2(p, a).sqrt();
    }
    ((b.x - a.x) * (a.y - p.y) - (a.x - p.x) * (b.y - a.y)).abs() / len2.sqrt()
}

/// Douglas–Peucker simplification of one arc, returning the kept vertex
/// indices (always including both ends).
///
/// `anchor(i)` forces vertex `i` to be kept: the arc is simplified piecewise
/// between anchors. A closed arc (an island or enclave ring) is split at its
/// vertex farthest from the start when it has no anchor, and is kept as at
/// least a triangle so that it never degenerates.
pub fn simplify_arc(
    coords: &[Coord<f64>],
    closed: bool,
    epsilon: f64,
    anchor: impl Fn(usize) -> bool,
) -> Vec<usize> {
    let n = coords.len();
    if n <= 2 {
        return (0..n).collect();
    }
    let mut cuts: Vec<usize> = vec![0];
    cuts.extend((1..n - 1).filter(|&i| anchor(i)));
    if closed && cuts.len() == 1 {
        let far = (1..n - 1)
            .max_by(|&i, &j| dist2(coords[0], coords[i]).total_cmp(&dist2(coords[0], coords[j])))
            .unwrap_or(1);
        cuts.push(far);
    }
    cuts.push(n - 1);
    let mut kept: Vec<usize> = vec![0];
    for w in cuts.windows(2) {
        let (a, b) = (w[0], w[1]);
        let piece: LineString<f64> = coords[a..=b].to_vec().into();
        let idx = piece.simplify_idx(epsilon);
        kept.extend(idx.into_iter().skip(1).map(|i| i + a));
    }
    if closed && kept.len() < 4 {
        // Keep at least a triangle: add the vertex farthest from the chord.
        let (a, b) = (coords[kept[0]], coords[kept[1]]);
        if let Some(third) = (1..n - 1).filter(|i| !kept.contains(i)).max_by(|&i, &j| {
            dist_to_line(coords[i], a, b).total_cmp(&dist_to_line(coords[j], a, b))
        }) {
            kept.push(third);
            kept.sort_unstable();
        }
    }
    kept
}

/// Simplified arcs of a topology: the kept indices of each simplified arc.
pub struct Simplified<'a> {
    /// The topology the arcs belong to.
    pub topo: &'a Topo,
    /// Kept vertex indices, per simplified arc.
    pub kept: HashMap<usize, Vec<usize>>,
}

impl<'a> Simplified<'a> {
    /// Simplifies the given arcs of `topo` with Douglas–Peucker (`epsilon` in
    /// degrees). Vertices whose quantized position is in `anchors` are kept.
    pub fn new(
        topo: &'a Topo,
        arcs: &HashSet<usize>,
        epsilon: f64,
        anchors: &HashSet<QPos>,
    ) -> Self {
        let kept = arcs
            .iter()
            .map(|&i| {
                let q = &topo.qarcs[i];
                let closed = q.first() == q.last();
                let idx = simplify_arc(&topo.arcs[i], closed, epsilon, |k| anchors.contains(&q[k]));
                (i, idx)
            })
            .collect();
        Simplified { topo, kept }
    }

    /// The given arcs of `topo` with every vertex kept: no simplification at all.
    pub fn unsimplified(topo: &'a Topo, arcs: &HashSet<usize>) -> Self {
        let kept = arcs
            .iter()
            .map(|&i| (i, (0..topo.arcs[i].len()).collect()))
            .collect();
        Simplified { topo, kept }
    }

    /// Quantized positions of every kept vertex.
    pub fn kept_positions(&self) -> HashSet<QPos> {
        self.kept
            .iter()
            .flat_map(|(&i, idx)| idx.iter().map(move |&k| self.topo.qarcs[i][k]))
            .collect()
    }

    /// Every kept vertex in degrees.
    pub fn kept_coords(&self) -> Vec<Coord<f64>> {
        self.kept
            .iter()
            .flat_map(|(&i, idx)| idx.iter().map(move |&k| self.topo.arcs[i][k]))
            .collect()
    }

    /// Simplified vertices of an arc reference, in the referenced direction.
    pub fn arc_coords(&self, r: ArcRef) -> Result<Vec<Coord<f64>>, String> {
        let i = arc_index(r);
        let idx = self
            .kept
            .get(&i)
            .ok_or_else(|| format!("arc {i} was not simplified"))?;
        let mut v: Vec<Coord<f64>> = idx.iter().map(|&k| self.topo.arcs[i][k]).collect();
        if r < 0 {
            v.reverse();
        }
        Ok(v)
    }

    /// Concatenates arcs into one line, dropping each arc's repeated first
    /// vertex.
    pub fn chain(&self, refs: &[ArcRef]) -> Result<Vec<Coord<f64>>, String> {
        let mut out: Vec<Coord<f64>> = Vec::new();
        for &r in refs {
            let c = self.arc_coords(r)?;
            let skip = usize::from(!out.is_empty());
            out.extend(c.into_iter().skip(skip));
        }
        Ok(out)
    }

    /// Assembles polygons from simplified arcs. Rings that degenerate (fewer
    /// than 4 positions) are dropped and counted in the returned number.
    pub fn polygons(&self, polys: &[PolyRefs]) -> Result<(MultiPolygon<f64>, usize), String> {
        let mut dropped = 0;
        let mut out = Vec::new();
        for poly in polys {
            let mut rings = Vec::new();
            for (k, ring) in poly.iter().enumerate() {
                let mut c = self.chain(ring)?;
                c.dedup();
                if c.len() < 4 || c.first() != c.last() {
                    if k == 0 {
                        // Without its exterior, the holes are meaningless.
                        dropped += poly.len();
                        rings.clear();
                        break;
                    }
                    dropped += 1;
                    continue;
                }
                rings.push(LineString::from(c));
            }
            if rings.is_empty() {
                continue;
            }
            let exterior = rings.remove(0);
            out.push(Polygon::new(exterior, rings));
        }
        Ok((MultiPolygon::new(out), dropped))
    }

    /// Maximum distance, in km, of an original vertex lying inside `bbox` to
    /// the simplified segment that replaced it (the Douglas–Peucker span).
    pub fn max_deviation_km(&self, bbox: [f64; 4]) -> f64 {
        let mut max = 0.0f64;
        for (&i, idx) in &self.kept {
            let arc = &self.topo.arcs[i];
            for w in idx.windows(2) {
                let (a, b) = (arc[w[0]], arc[w[1]]);
                for p in &arc[w[0] + 1..w[1]] {
                    if p.x < bbox[0] || p.x > bbox[2] || p.y < bbox[1] || p.y > bbox[3] {
                        continue;
                    }
                    max = max.max(crate::geom::km_point_segment(*p, a, b));
                }
            }
        }
        max
    }
}

/// Chains of arcs shared by two shapes, as lines of simplified vertices.
///
/// Arcs are taken in the order they appear in `a`'s rings, and consecutive
/// shared arcs are joined, so each chain is one continuous border section.
pub fn shared_chains(
    simp: &Simplified,
    a: &Shape,
    b: &Shape,
) -> Result<Vec<Vec<Coord<f64>>>, String> {
    let b_arcs = arcs_used(&b.polygons);
    let mut chains = Vec::new();
    for ring in a.polygons.iter().flatten() {
        let shared: Vec<bool> = ring
            .iter()
            .map(|&r| b_arcs.contains(&arc_index(r)))
            .collect();
        if !shared.iter().any(|&s| s) {
            continue;
        }
        // Rotate so the ring starts with a non-shared arc, if there is one.
        let start = shared.iter().position(|&s| !s).unwrap_or(0);
        let mut current: Vec<ArcRef> = Vec::new();
        for k in 0..ring.len() {
            let j = (start + k) % ring.len();
            if shared[j] {
                current.push(ring[j]);
            } else if !current.is_empty() {
                chains.push(simp.chain(&current)?);
                current.clear();
            }
        }
        if !current.is_empty() {
            chains.push(simp.chain(&current)?);
        }
    }
    Ok(chains)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn c(x: f64, y: f64) -> Coord<f64> {
        Coord { x, y }
    }

    #[test]
    fn closed_arc_keeps_a_triangle() {
        let ring = vec![
            c(0.0, 0.0),
            c(0.001, 0.0),
            c(0.001, 0.001),
            c(0.0, 0.001),
            c(0.0, 0.0),
        ];
        let kept = simplify_arc(&ring, true, 1.0, |_| false);
        assert!(kept.len() >= 4);
        assert_eq!(kept.first(), Some(&0));
        assert_eq!(kept.last(), Some(&4));
    }

    #[test]
    fn unsimplified_arcs_keep_every_vertex() {
        let topo = Topo {
            arcs: vec![vec![c(0.0, 0.0), c(1.0, 0.0), c(2.0, 0.0), c(2.0, 1.0)]],
            qarcs: vec![vec![(0, 0), (1, 0), (2, 0), (2, 1)]],
        };
        let arcs = HashSet::from([0]);
        let all = Simplified::unsimplified(&topo, &arcs);
        assert_eq!(all.kept[&0], vec![0, 1, 2, 3]);
        assert_eq!(all.arc_coords(!0).unwrap()[0], c(2.0, 1.0));
        let simplified = Simplified::new(&topo, &arcs, 0.1, &HashSet::new());
        assert_eq!(
            simplified.kept[&0],
            vec![0, 2, 3],
            "the collinear vertex goes"
        );
    }

    #[test]
    fn anchors_are_kept() {
        let line: Vec<Coord<f64>> = (0..10).map(|i| c(f64::from(i), 0.0)).collect();
        let kept = simplify_arc(&line, false, 0.5, |i| i == 4);
        assert_eq!(kept, vec![0, 4, 9]);
    }
}
