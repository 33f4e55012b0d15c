//! From a news article to proposed events: sentences, date expressions resolved against the
//! publication date, gazetteer places, known actors, attributions and category cues. Deterministic
//! and explainable: each proposal's notes name the cues it rests on. No egui here.

pub mod actors;
pub mod analysis;
pub mod article;
pub mod attribution;
pub mod blocks;
pub mod build;
pub mod category;
pub mod date_kinds;
pub mod date_ranges;
pub mod date_resolve;
pub mod dates;
pub mod day_shift;
pub mod gazetteer;
pub mod html;
pub mod library;
pub mod other_events;
pub mod pairing;
pub mod place_choice;
pub mod places;
pub mod propose;
pub mod quality;
pub mod record;
pub mod sentences;
pub mod story;
pub mod towns;
pub mod verified;
pub mod words;
pub mod write;

pub use article::{Article, ArticleKind};
pub use propose::{Extraction, Extractor, LeftOut, Options, Proposal};

use crate::io::bundle::{EVENTS_JSON, bundled_places, index_places};
use crate::io::bundled::parse_events;
use crate::model::{Event, Place};

/// The bundled events, read without a basemap (shapes are not needed to learn from them).
pub fn bundled_events() -> Vec<Event> {
    let places = index_places(&bundled_places());
    parse_events("assets/events.json", EVENTS_JSON, &places, None).records
}

/// The bundled gazetteer followed by `extra` places it lacks.
pub fn bundled_places_with(extra: &[Place]) -> Vec<Place> {
    let mut places = bundled_places();
    for p in extra {
        if !places.iter().any(|q| q.id == p.id) {
            places.push(p.clone());
        }
    }
    places
}
