//! Whether an event drawn as a shape lies in an area of the area filter.
//!
//! A line (a border, a corridor, a river) counts when it meets the area. A shape with an area (a
//! country, a region) counts when it shares a real part of the area: its inner point lies in the
//! area, or the two have at least [`SHARED`] of the smaller of them in common. A neighbouring country that only shares a border, or whose drawn outline
//! overlaps the area by the sliver that two generalisations of one border leave, does not.

use super::area::area_polygons;
use geo::{Area, BooleanOps, Contains, Geometry, InteriorPoint, Intersects, MultiPolygon};

/// The least share of the smaller of a shape and an area that they must have in common.
pub const SHARED: f64 = 0.01;

/// Whether `shape` lies in `area` (see the module's words).
///
/// ```
/// use caucasus_atlas::filters::shape_overlap::shape_in_area;
/// use geo::{Geometry, Rect, coord};
/// let area = Geometry::Rect(Rect::new(coord! { x: 0.0, y: 0.0 }, coord! { x: 10.0, y: 10.0 }));
/// let square = |x: f64| Geometry::Rect(Rect::new(coord! { x: x, y: 0.0 }, coord! { x: x + 10.0, y: 10.0 }));
/// assert!(shape_in_area(&square(5.0), &area)); // half of it inside
/// assert!(!shape_in_area(&square(10.0), &area)); // a neighbour: they share an edge only
/// assert!(!shape_in_area(&square(9.95), &area)); // a sliver of half a percent
/// ```
pub fn shape_in_area(shape: &Geometry<f64>, area: &Geometry<f64>) -> bool {
    if !shape.intersects(area) {
        return false;
    }
    if !is_areal(shape) || !is_areal(area) {
        // a line or a point that meets the area
        return true;
    }
    // a shape whose inner point lies in the area shares a real part of it: the common case,
    // found without cutting one shape by the other
    if shape.interior_point().is_some_and(|p| area.contains(&p)) {
        return true;
    }
    let (s, a) = (areal(shape), areal(area));
    let smaller = s.unsigned_area().min(a.unsigned_area());
    smaller <= 0.0 || s.intersection(&a).unsigned_area() >= SHARED * smaller
}

/// Whether a geometry has an area: a polygon, several, or a box.
fn is_areal(g: &Geometry<f64>) -> bool {
    matches!(
        g,
        Geometry::Polygon(_) | Geometry::MultiPolygon(_) | Geometry::Rect(_)
    )
}

/// The polygons of a geometry with an area, as one.
fn areal(g: &Geometry<f64>) -> MultiPolygon<f64> {
    MultiPolygon::new(area_polygons(g))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::io::bundle::{bundled_areas, bundled_basemap};
    use geo::{LineString, coord};

    fn named(basemap: &crate::io::Basemap, name: &str) -> Geometry<f64> {
        basemap
            .shapes
            .iter()
            .find(|s| s.name == name)
            .map(|s| (*s.geometry).clone())
            .unwrap_or_else(|| panic!("no {name}"))
    }

    #[test]
    fn a_neighbouring_country_is_not_in_the_area_but_its_region_and_the_border_are() {
        let (drawn, areas) = (bundled_basemap(), bundled_areas());
        let iran = named(&areas, "Iran");
        // events are drawn with the basemap's shapes, the filter uses the detailed areas
        assert!(!shape_in_area(&named(&drawn, "Azerbaijan"), &iran));
        assert!(!shape_in_area(&named(&drawn, "Armenia"), &iran));
        assert!(shape_in_area(&named(&drawn, "Iran"), &iran));
        let azerbaijan = named(&areas, "Azerbaijan");
        assert!(shape_in_area(&named(&drawn, "Nakhchivan"), &azerbaijan));
        assert!(!shape_in_area(&named(&drawn, "Nakhchivan"), &iran));
        let border = named(&drawn, "Iran–Azerbaijan border");
        assert!(shape_in_area(&border, &iran) && shape_in_area(&border, &azerbaijan));
    }

    #[test]
    fn a_line_counts_when_it_meets_the_area_and_not_when_it_passes_by() {
        let area = Geometry::Rect(geo::Rect::new(
            coord! { x: 0.0, y: 0.0 },
            coord! { x: 10.0, y: 10.0 },
        ));
        let line =
            |y: f64| Geometry::LineString(LineString::from(vec![(-5.0, y), (-1.0, y), (2.0, y)]));
        assert!(shape_in_area(&line(5.0), &area));
        assert!(!shape_in_area(&line(11.0), &area));
    }
}
