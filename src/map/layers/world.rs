//! The world layer: the map's background and low-detail countries and the whole Caspian beneath
//! the regional basemap, so that zooming out or opening world-wide data never shows a void; the
//! countries the regional basemap does not have are named here.
//!
//! Where the regional basemap's land and water fill their whole box, nothing of this layer would
//! show, so it is painted only around that box. Without a graphics card every pixel painted costs
//! processor time, and the box holds most of the view.

use super::basemap::PreparedBasemap;
use crate::commands::Command;
use crate::io::{Basemap, ShapeKind};
use crate::map::layer::{LabelCandidate, LabelRank, MapLayer, Scene};
use crate::map::projection::Projector;
use crate::palette;
use eframe::egui::{FontId, Rect, Response, Ui, pos2};
use geo::{Area, BoundingRect};

/// The share of its box a basemap's land and water must fill for the box to count as covered
/// (what is left are slivers where coasts were snapped).
const COVERED_SHARE: f64 = 0.999;
/// The share of the view the covered box must fill for the world to be painted only around it.
const MIN_HOLE_SHARE: f32 = 0.5;

/// Font size of the world's country names.
const COUNTRY_FONT: f32 = 13.0;

/// The world prepared for painting, and the names the regional basemap already labels.
pub struct PreparedWorld {
    map: PreparedBasemap,
    regional: Vec<String>,
    /// The longitude/latitude box `[west, south, east, north]` the regional basemap fills whole.
    covered: Option<[f64; 4]>,
}

impl PreparedWorld {
    /// Prepares the world beneath a regional basemap.
    pub fn new(world: &Basemap, regional: &Basemap) -> PreparedWorld {
        PreparedWorld {
            map: PreparedBasemap::new(world),
            regional: regional
                .shapes
                .iter()
                .map(|s| s.name.to_uppercase())
                .collect(),
            covered: covered_box(regional),
        }
    }

    /// The screen rectangles of the map where this layer is painted: all of it but the regional
    /// basemap's covered box, when that box fills at least half of the view. A smaller box saves
    /// little painting, and the world's lines would be tessellated once for each band around it.
    fn visible_parts(&self, projector: &Projector) -> Vec<Rect> {
        let rect = projector.rect();
        let Some([west, south, east, north]) = self.covered else {
            return vec![rect];
        };
        let hole = Rect::from_two_pos(
            projector.project(west, north),
            projector.project(east, south),
        );
        if hole.intersect(rect).area() < rect.area() * MIN_HOLE_SHARE {
            return vec![rect];
        }
        around(rect, hole)
    }
}

/// The longitude/latitude box `[west, south, east, north]` that a basemap's countries and waters
/// fill whole (their areas add up to the box's, less slivers), if they do.
fn covered_box(map: &Basemap) -> Option<[f64; 4]> {
    let areal: geo::GeometryCollection<f64> = map
        .shapes
        .iter()
        .filter(|s| matches!(s.kind, ShapeKind::Country | ShapeKind::Water))
        .map(|s| (*s.geometry).clone())
        .collect();
    let b = areal.bounding_rect()?;
    let whole = b.width() * b.height();
    (whole > 0.0 && areal.unsigned_area() >= COVERED_SHARE * whole)
        .then(|| [b.min().x, b.min().y, b.max().x, b.max().y])
}

/// The parts of `rect` outside `hole`: up to four bands (above, below, left, right).
fn around(rect: Rect, hole: Rect) -> Vec<Rect> {
    let hole = hole.intersect(rect);
    if !hole.is_positive() {
        return vec![rect];
    }
    let bands = [
        Rect::from_min_max(rect.min, pos2(rect.max.x, hole.min.y)),
        Rect::from_min_max(pos2(rect.min.x, hole.max.y), rect.max),
        Rect::from_min_max(pos2(rect.min.x, hole.min.y), pos2(hole.min.x, hole.max.y)),
        Rect::from_min_max(pos2(hole.max.x, hole.min.y), pos2(rect.max.x, hole.max.y)),
    ];
    bands.into_iter().filter(|b| b.is_positive()).collect()
}

/// The world as a map layer.
pub struct WorldLayer<'m> {
    /// The prepared world, kept in the map's memory.
    pub prepared: &'m mut PreparedWorld,
}

impl MapLayer for WorldLayer<'_> {
    fn ui(
        &mut self,
        ui: &mut Ui,
        _: &Response,
        projector: &Projector,
        scene: &mut Scene<'_>,
    ) -> Vec<Command> {
        let rect = projector.rect();
        let shapes = self.prepared.map.shapes(projector, |_| true);
        for part in self.prepared.visible_parts(projector) {
            let painter = ui.painter_at(part);
            painter.rect_filled(part, 0.0, palette::MAP_BACKGROUND);
            painter.extend(shapes.iter().cloned());
        }
        let regional = &self.prepared.regional;
        let labels = self
            .prepared
            .map
            .labels
            .iter()
            .filter(|l| !regional.contains(&l.text.to_uppercase()));
        for (order, label) in labels.enumerate() {
            let at = projector.project(label.lon, label.lat);
            if rect.contains(at) {
                scene.labels.push(LabelCandidate {
                    text: label.text.clone(),
                    at,
                    beside_point: false,
                    rank: LabelRank::Country,
                    order: 1000 + order,
                    font: FontId::proportional(COUNTRY_FONT),
                    color: palette::COUNTRY_LABEL,
                    within: None,
                });
            }
        }
        Vec::new()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::io::bundle::{bundled_basemap, bundled_world};
    use crate::model::MapView;
    use eframe::egui::vec2;

    fn area(rects: &[Rect]) -> f32 {
        rects.iter().map(|r| r.area()).sum()
    }

    #[test]
    fn the_bands_around_a_hole_tile_the_rest_of_the_rectangle() {
        let rect = Rect::from_min_size(pos2(10.0, 20.0), vec2(800.0, 600.0));
        let hole = Rect::from_min_max(pos2(100.0, 50.0), pos2(700.0, 900.0));
        let bands = around(rect, hole);
        assert_eq!(bands.len(), 3, "{bands:?}");
        let expected = rect.area() - hole.intersect(rect).area();
        assert!((area(&bands) - expected).abs() < 1e-3);
        for (i, a) in bands.iter().enumerate() {
            assert!(rect.contains_rect(*a));
            assert!(!a.intersects(hole.shrink(0.001)), "{a:?} overlaps the hole");
            for b in &bands[i + 1..] {
                assert!(a.intersect(*b).area() <= 0.0, "{a:?} overlaps {b:?}");
            }
        }
    }

    #[test]
    fn a_hole_outside_leaves_the_rectangle_whole_and_one_over_it_leaves_nothing() {
        let rect = Rect::from_min_size(pos2(0.0, 0.0), vec2(400.0, 300.0));
        let away = Rect::from_min_size(pos2(500.0, 0.0), vec2(50.0, 50.0));
        assert_eq!(around(rect, away), vec![rect]);
        assert!(around(rect, rect.expand(10.0)).is_empty());
        let inside = Rect::from_min_size(pos2(100.0, 100.0), vec2(50.0, 50.0));
        assert_eq!(around(rect, inside).len(), 4);
    }

    #[test]
    fn the_regional_basemap_covers_its_box_and_one_country_does_not() {
        let regional = bundled_basemap();
        let [w, s, e, n] = covered_box(&regional).expect("the land and seas fill the box");
        for (got, want) in [(w, 38.0), (s, 34.5), (e, 52.0), (n, 44.0)] {
            assert!((got - want).abs() < 0.01, "{got} against {want}");
        }
        let mut armenia = regional.clone();
        armenia.shapes.retain(|s| s.name == "Armenia");
        assert_eq!(armenia.shapes.len(), 1);
        assert_eq!(covered_box(&armenia), None);
    }

    #[test]
    fn at_the_region_the_world_shows_only_around_the_box() {
        let world = PreparedWorld::new(&bundled_world(), &bundled_basemap());
        let rect = Rect::from_min_size(pos2(0.0, 0.0), vec2(900.0, 700.0));
        let projector = Projector::new(MapView::fit_region(900.0, 700.0), rect);
        let parts = world.visible_parts(&projector);
        let shown = area(&parts) / rect.area();
        assert!(shown < 0.25, "the world shows in {shown} of the view");
        let box_on_screen =
            Rect::from_two_pos(projector.project(38.0, 44.0), projector.project(52.0, 34.5));
        for part in &parts {
            assert!(!part.intersects(box_on_screen.shrink(1.0)), "{part:?}");
        }
        // zoomed out until the box fills under half the view, the world is painted whole, once
        let at_scale = |scale: f64| {
            let view = MapView {
                scale,
                ..projector.view()
            };
            world.visible_parts(&Projector::new(view, rect))
        };
        assert_eq!(at_scale(2.0), vec![rect]);
        assert_eq!(at_scale(projector.view().scale * 0.6), vec![rect]);
        assert!(at_scale(projector.view().scale * 0.9).len() > 1);
    }
}
