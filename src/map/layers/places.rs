//! The places layer: a dot for each of the gazetteer's cities in view (the ones the atlas is
//! about first, then the busiest), whose names go to the labels layer; the selected event's
//! place is named as the key places are.

use crate::commands::Command;
use crate::io::slug::coordinates_name;
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
const KEY_PLACES_ALWAYS: usize = 14;

/// How far, in degrees of latitude and of longitude (about 20 km), a dataset's place may lie from
/// a gazetteer city of the same name and still be taken for it.
const SAME_CITY_DEGREES: f64 = 0.2;

/// Whether a place is a city inside the region.
fn is_regional_city(p: &Place) -> bool {
    p.kind == PlaceKind::City && REGION.contains(p.lon, p.lat)
}

/// Whether a place is a point its file does not name, named by its coordinates ("40.18°N
/// 44.51°E"): such a name tells nothing the map does not, and beside a city's dot it reads as a
/// second name for the city.
fn is_unnamed_point(p: &Place) -> bool {
    p.name == coordinates_name(p.lon, p.lat)
}

/// The events at each of the dataset's place ids, from the compact columns.
fn events_per_place(data: &Dataset) -> HashMap<&str, u32> {
    let columns = data.columns();
    let mut per_key = vec![0u32; columns.place_example.len()];
    for &k in &columns.place_key {
        if let Some(n) = per_key.get_mut(k as usize) {
            *n += 1;
        }
    }
    columns
        .place_example
        .iter()
        .zip(&per_key)
        .filter_map(|(&i, &n)| Some((data.place_of(i as usize)?.0, n)))
        .collect()
}

/// The gazetteer city a dataset's place stands for: the same id, or one of the city's names
/// (either side of "Khankendi / Stepanakert", or an alternative name) nearby, written alone or
/// first before the province and country ("Stepanakert, Azarbaycan, Azerbaijan", as GDELT and
/// addresses write it).
fn gazetteer_city_of(gazetteer: &[Place], place: &Place) -> Option<usize> {
    let near = |g: &Place| {
        (g.lat - place.lat).abs() <= SAME_CITY_DEGREES
            && (g.lon - place.lon).abs() <= SAME_CITY_DEGREES
    };
    let first = place.name.split(',').next().unwrap_or_default();
    gazetteer.iter().position(|g| g.id == place.id).or_else(|| {
        gazetteer
            .iter()
            .position(|g| near(g) && (g.is_named(&place.name) || g.is_named(first)))
    })
}

/// The cities to label, in priority order: the gazetteer's cities inside the region whatever the
/// data (so that the capitals and the places the atlas is about are named, and contested ones both
/// ways, even when a file names them one way), then the dataset's other cities. The key places
/// come first, then the cities with the most events; a dataset's place taken for a gazetteer city
/// adds its events to that city instead of being labelled again.
pub fn reference_cities(gazetteer: &[Place], data: &Dataset) -> Vec<Place> {
    let events_at = events_per_place(data);
    let known: Vec<Place> = gazetteer
        .iter()
        .filter(|p| is_regional_city(p))
        .cloned()
        .collect();
    let mut known_events = vec![0u32; known.len()];
    let mut others: Vec<(Place, u32)> = Vec::new();
    // a point its file does not name gets no dot or name of its own: its events still show
    let named = data.places().iter().filter(|p| !is_unnamed_point(p));
    for p in named.filter(|p| is_regional_city(p)) {
        let n = events_at.get(p.id.as_str()).copied().unwrap_or(0);
        match gazetteer_city_of(&known, p) {
            Some(k) => known_events[k] += n,
            None => others.push((p.clone(), n)),
        }
    }
    let mut cities: Vec<(Place, u32)> = known.into_iter().zip(known_events).chain(others).collect();
    let key_rank = |p: &Place| {
        KEY_PLACES
            .iter()
            .position(|id| *id == p.id)
            .unwrap_or(KEY_PLACES.len())
    };
    cities.sort_by_cached_key(|(p, n)| (key_rank(p), std::cmp::Reverse(*n)));
    cities.into_iter().map(|(p, _)| p).collect()
}

/// The cities to label, kept for the last dataset.
pub struct CityCache {
    /// The gazetteer's cities, named whatever the data.
    gazetteer: Vec<Place>,
    uid: Option<u64>,
    cities: Vec<Place>,
}

impl CityCache {
    /// A cache that names `gazetteer`'s cities beside each dataset's own.
    pub fn new(gazetteer: &[Place]) -> CityCache {
        CityCache {
            gazetteer: gazetteer.to_vec(),
            uid: None,
            cities: Vec::new(),
        }
    }

    /// Where the key places labelled at the default view (the capitals and the places the atlas
    /// is about) lie, as longitude and latitude: captions keep clear of their dots.
    pub fn key_points(&self) -> impl Iterator<Item = (f64, f64)> + '_ {
        self.gazetteer
            .iter()
            .filter(|p| KEY_PLACES[..KEY_PLACES_ALWAYS].contains(&p.id.as_str()))
            .map(|p| (p.lon, p.lat))
    }

    /// The cities of `data` in priority order, computed once per dataset.
    pub fn cities(&mut self, data: &Dataset) -> &[Place] {
        if self.uid != Some(data.uid()) {
            self.cities = reference_cities(&self.gazetteer, data);
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
        let input = scene.input;
        // the selected event's place is named whatever else claims the space
        let selected = input
            .selected
            .and_then(|i| input.data.place_of(i))
            .map(|(id, _)| id);
        let cities = self.cities.cities(input.data);
        let on_screen = cities
            .iter()
            .map(|c| (c, projector.project(c.lon, c.lat)))
            .filter(|(_, p)| rect.contains(*p))
            .enumerate()
            .filter(|(order, (c, _))| *order < MAX_CITY_LABELS || Some(c.id.as_str()) == selected);
        for (order, (city, p)) in on_screen {
            painter.circle(
                p,
                DOT_RADIUS,
                palette::CITY_DOT,
                Stroke::new(1.0, palette::MARKER_RIM),
            );
            let key = KEY_PLACES[..KEY_PLACES_ALWAYS].contains(&city.id.as_str())
                || Some(city.id.as_str()) == selected;
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
                within: None,
            });
        }
        Vec::new()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Event, EventDate};

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
        let mut cache = CityCache::new(&[]);
        let ids: Vec<&str> = cache.cities(&data).iter().map(|p| p.id.as_str()).collect();
        // the key places' order first; then places with more events before those with fewer
        assert_eq!(ids, ["baku", "kapan", "goris-x", "tovuz-x"]);
    }

    /// A file's place with its events, as a table loader makes them.
    fn file_place(id: &str, name: &str, lat: f64, lon: f64, events: usize) -> (Place, Vec<Event>) {
        let place = Place::ad_hoc(id, name, "", lat, lon);
        let events = (0..events)
            .map(|k| {
                let mut e = Event::at(&format!("{id}-{k}"), "e", EventDate::undated(), lon, lat);
                e.place = id.to_owned();
                e
            })
            .collect();
        (place, events)
    }

    fn gazetteer() -> Vec<Place> {
        let mut khankendi = Place::ad_hoc(
            "khankendi",
            "Khankendi / Stepanakert",
            "Azerbaijan",
            39.8177,
            46.7528,
        );
        khankendi.alt_names = vec!["Stepanakert".to_owned(), "Xankəndi".to_owned()];
        vec![
            Place::ad_hoc("yerevan", "Yerevan", "Armenia", 40.18, 44.51),
            khankendi,
            Place::ad_hoc("goris", "Goris", "Armenia", 39.51, 46.34),
        ]
    }

    /// The names of the cities to label, in order.
    fn city_names(gazetteer: &[Place], data: &Dataset) -> Vec<String> {
        reference_cities(gazetteer, data)
            .into_iter()
            .map(|p| p.name)
            .collect()
    }

    fn dataset(parts: Vec<(Place, Vec<Event>)>) -> Dataset {
        let (places, events): (Vec<Place>, Vec<Vec<Event>>) = parts.into_iter().unzip();
        Dataset::new(events.concat(), places)
    }

    #[test]
    fn a_file_naming_a_contested_city_one_way_is_labelled_with_both_names() {
        let data = dataset(vec![
            file_place("stepanakert-x", "Stepanakert", 39.82, 46.76, 3),
            file_place("xankendi-x", "XANKƏNDI", 39.81, 46.75, 1),
            file_place("goris-x", "Goris", 39.5, 46.3, 2),
        ]);
        let names = city_names(&gazetteer(), &data);
        // Yerevan has no events in the file and is still named; the file's names are not repeated
        assert_eq!(names, ["Yerevan", "Khankendi / Stepanakert", "Goris"]);
    }

    #[test]
    fn a_name_written_with_its_province_and_country_is_the_city() {
        let data = dataset(vec![
            file_place(
                "s-x",
                "Stepanakert, Azarbaycan, Azerbaijan",
                39.8153,
                46.7519,
                3,
            ),
            // the same words far off are not the city
            file_place("far-x", "Goris, Syunik, Armenia", 40.9, 44.9, 1),
        ]);
        let names = city_names(&gazetteer(), &data);
        assert_eq!(
            names,
            [
                "Yerevan",
                "Khankendi / Stepanakert",
                "Goris",
                "Goris, Syunik, Armenia"
            ]
        );
    }

    #[test]
    fn a_gazetteer_city_ranks_by_the_events_of_the_file_places_taken_for_it() {
        let mut gazetteer = gazetteer();
        gazetteer.push(Place::ad_hoc("sisian", "Sisian", "Armenia", 39.52, 46.03));
        gazetteer.push(Place::ad_hoc("meghri", "Meghri", "Armenia", 38.9, 46.24));
        let data = dataset(vec![
            file_place("meghri-x", "Meghri", 38.91, 46.25, 5),
            file_place("sisian-x", "sisian", 39.53, 46.02, 2),
            // the same name far away is another place, and is labelled on its own
            file_place("meghri-far", "Meghri", 40.9, 44.9, 9),
        ]);
        let ids: Vec<String> = reference_cities(&gazetteer, &data)
            .into_iter()
            .map(|p| p.id)
            .collect();
        assert_eq!(
            ids,
            [
                "yerevan",
                "khankendi",
                "goris",
                "meghri-far",
                "meghri",
                "sisian"
            ]
        );
    }

    #[test]
    fn a_point_its_file_does_not_name_gets_no_label() {
        let name = coordinates_name(44.51, 40.18);
        assert_eq!(name, "40.18°N 44.51°E");
        let data = dataset(vec![
            // at Yerevan's own point, and in the open country: neither is labelled
            file_place("44.51e-40.18n", &name, 40.18, 44.51, 3),
            file_place("45.1e-40.3n", &coordinates_name(45.1, 40.3), 40.3, 45.1, 9),
            file_place("ijevan-x", "Ijevan", 40.88, 45.15, 1),
        ]);
        let names = city_names(&gazetteer(), &data);
        assert_eq!(
            names,
            ["Yerevan", "Khankendi / Stepanakert", "Goris", "Ijevan"]
        );
    }

    #[test]
    fn a_village_named_after_a_city_is_not_taken_for_it() {
        let data = dataset(vec![file_place(
            "yerevan-village",
            "Yerevan village 96",
            40.2,
            44.5,
            4,
        )]);
        let ids: Vec<String> = reference_cities(&gazetteer(), &data)
            .into_iter()
            .map(|p| p.id)
            .collect();
        assert_eq!(ids, ["yerevan", "khankendi", "goris", "yerevan-village"]);
    }
}
