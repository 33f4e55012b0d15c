//! The world layer: low-detail countries and the whole Caspian beneath the regional basemap, so
//! that zooming out or opening world-wide data never shows a void; the countries the regional
//! basemap does not have are named here.

use super::basemap::PreparedBasemap;
use crate::commands::Command;
use crate::io::Basemap;
use crate::map::layer::{LabelCandidate, LabelRank, MapLayer, Scene};
use crate::map::projection::Projector;
use crate::palette;
use eframe::egui::{FontId, Response, Ui};

/// Font size of the world's country names.
const COUNTRY_FONT: f32 = 13.0;

/// The world prepared for painting, and the names the regional basemap already labels.
pub struct PreparedWorld {
    map: PreparedBasemap,
    regional: Vec<String>,
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
        }
    }
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
        ui.painter_at(rect)
            .extend(self.prepared.map.shapes(projector));
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
                });
            }
        }
        Vec::new()
    }
}
