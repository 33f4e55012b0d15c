//! The places layer: a dot for each of the gazetteer's cities in view (the ones the atlas is
//! about first, then the busiest), whose names go to the labels layer.

use crate::commands::Command;
use crate::map::layer::{LabelCandidate, LabelRank, MapLayer, Scene};
use crate::map::projection::Projector;
use crate::model::region::REGION;
use crate::model::{Dataset, Place, PlaceKind};
use crate::palette;
use eframe::egui::{FontId, Response, Stroke, Ui};
use std::collections::HashMap;

/// At most this many city labels are tried per frame: the gazetteer's cities first, then the
/// places with the most events. Large tables have thousands of places; their clusters name them.
const MAX_CITY_LABELS: usize = 150;
/// Radius of a city's dot, in points.
const DOT_RADIUS: f32 = 3.0;
/// Font size of city names.
const CITY_FONT: f32 = 12.5;

/// The capitals and the places the atlas is about, labelled first, in this order.
pub const KEY_PLACES: [&str; 16] = [
    "yerevan",
    "baku",
    "tbilisi",
    "tehran",
    "tabriz",
    "nakhchivan",
    "khankendi",
    "lachin",
    "shusha",
    "ganja",
    "goris",
    "kapan",
    "ardabil",
    "julfa",
    "ordubad",
    "aghdam",
];
/// How many of [`KEY_PLACES`] are labelled as key places at the default view (the rest rank as
/// other cities).
const KEY_PLACES_ALWAYS: usize = 12;

/// The gazetteer's cities inside the region, in label priority order.
pub fn reference_cities(data: &Dataset) -> Vec<Place> {
    // events per place id, from the compact columns: one pass when the data changes
    let columns = data.columns();
    let mut per_key = vec![0u32; columns.place_example.len()];
    for &k in &columns.place_key {
        if let Some(n) = per_key.get_mut(k as usize) {
            *n += 1;
        }
    }
    let events_at: HashMap<&str, u32> = columns
        .place_example
        .iter()
        .zip(&per_key)
        .filter_map(|(&i, &n)| Some((data.place_of(i as usize)?.0, n)))
        .collect();
    let rank = |p: &Place| {
        (
            KEY_PLACES
                .iter()
                .position(|id| *id == p.id)
                .unwrap_or(KEY_PLACES.len()),
            std::cmp::Reverse(events_at.get(p.id.as_str()).copied().unwrap_or(0)),
        )
    };
    let mut cities: Vec<Place> = data
        .places()
        .iter()
        .filter(|p| p.kind == PlaceKind::City && REGION.contains(p.lon, p.lat))
        .cloned()
        .collect();
    cities.sort_by_cached_key(|p| rank(p));
    cities
}

/// The cities to label, kept for the last dataset.
#[derive(Default)]
pub struct CityCache {
    uid: Option<u64>,
    cities: Vec<Place>,
}

impl CityCache {
    /// The cities of `data` in priority order, computed once per dataset.
    pub fn cities(&mut self, data: &Dataset) -> &[Place] {
        if self.uid != Some(data.uid()) {
            self.cities = reference_cities(data);
            self.uid = Some(data.uid());
        }
        &self.cities
    }
}

/// The places as a map layer.
pub struct PlacesLayer<'m> {
    /// The cities, kept in the map's memory.
    pub cities: &'m mut CityCache,
}

impl MapLayer for PlacesLayer<'_> {
    fn ui(
        &mut self,
        ui: &mut Ui,
        _: &Response,
        projector: &Projector,
        scene: &mut Scene<'_>,
    ) -> Vec<Command> {
        let rect = projector.rect();
        let painter = ui.painter_at(rect);
        let cities = self.cities.cities(scene.input.data);
        let on_screen = cities
            .iter()
            .map(|c| (c, projector.project(c.lon, c.lat)))
            .filter(|(_, p)| rect.contains(*p))
            .take(MAX_CITY_LABELS);
        for (order, (city, p)) in on_screen.enumerate() {
            painter.circle(
                p,
                DOT_RADIUS,
                palette::CITY_DOT,
                Stroke::new(1.0, palette::MARKER_RIM),
            );
            let key = KEY_PLACES[..KEY_PLACES_ALWAYS].contains(&city.id.as_str());
            scene.labels.push(LabelCandidate {
                text: city.name.clone(),
                at: p,
                beside_point: true,
                rank: if key {
                    LabelRank::KeyPlace
                } else {
                    LabelRank::City
                },
                order,
                font: FontId::proportional(CITY_FONT),
                color: palette::CITY_LABEL,
            });
        }
        Vec::new()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn capitals_come_first_and_off_map_cities_are_left_out() {
        let places = vec![
            Place::ad_hoc("kapan", "Kapan", "Armenia", 39.2, 46.4),
            Place::ad_hoc("washington", "Washington", "USA", 38.9, -77.0),
            Place::ad_hoc("baku", "Baku", "Azerbaijan", 40.38, 49.89),
        ];
        let mut at_kapan =
            crate::model::Event::at("k1", "k", crate::model::EventDate::undated(), 46.4, 39.2);
        at_kapan.place = "kapan".to_owned();
        let mut at_goris = at_kapan.clone();
        at_goris.id = "g1".to_owned();
        at_goris.place = "goris-x".to_owned();
        let mut at_goris_2 = at_goris.clone();
        at_goris_2.id = "g2".to_owned();
        let mut at_tovuz = at_goris.clone();
        at_tovuz.id = "t1".to_owned();
        at_tovuz.place = "tovuz-x".to_owned();
        let mut places = places;
        places.push(Place::ad_hoc(
            "tovuz-x",
            "Tovuz",
            "Azerbaijan",
            40.99,
            45.63,
        ));
        places.push(Place::ad_hoc("goris-x", "Goris", "Armenia", 39.5, 46.3));
        let data = Dataset::new(vec![at_kapan, at_tovuz, at_goris, at_goris_2], places);
        let mut cache = CityCache::default();
        let ids: Vec<&str> = cache.cities(&data).iter().map(|p| p.id.as_str()).collect();
        // the key places' order first; then places with more events before those with fewer
        assert_eq!(ids, ["baku", "kapan", "goris-x", "tovuz-x"]);
    }
}
