//! Writing proposals as a `caucasus-atlas/events@1` document (what `assets/events.json` holds and
//! `io::bundled::parse_events` reads), and ad-hoc places as a `caucasus-atlas/places@1` document.
//! The event fields are the export contract's (`io::export::event_properties`) less the two that
//! only exports carry (`place_name`, `category_label`).

use crate::io::bundled::{EVENTS_FORMAT, PLACES_FORMAT};
use crate::io::export::event_properties;
use crate::model::{Event, Place};
use serde_json::{Value, json};

/// Export-only keys that an events file does not have.
const EXPORT_ONLY: [&str; 2] = ["place_name", "category_label"];

/// One event as an events-file record.
pub fn event_record(e: &Event) -> Value {
    let mut v = event_properties(e);
    if let Value::Object(map) = &mut v {
        for key in EXPORT_ONLY {
            map.remove(key);
        }
        if e.shape_name.is_none() {
            map.remove("shape");
        }
    }
    v
}

fn pretty(v: &Value) -> String {
    let mut text = serde_json::to_string_pretty(v).unwrap_or_default();
    text.push('\n');
    text
}

/// An events document holding `events`.
pub fn events_document<'a>(events: impl IntoIterator<Item = &'a Event>) -> String {
    let records: Vec<Value> = events.into_iter().map(event_record).collect();
    pretty(&json!({"format": EVENTS_FORMAT, "events": records}))
}

/// A places document holding `places`.
pub fn places_document(places: &[Place]) -> String {
    pretty(&json!({"format": PLACES_FORMAT, "places": places}))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::io::bundle::{bundled_places, index_places};
    use crate::io::bundled::{parse_events, parse_places};

    #[test]
    fn bundled_events_write_and_load_again_the_same() {
        let places = index_places(&bundled_places());
        let events = super::super::bundled_events();
        assert!(events.len() > 50);
        let text = events_document(&events);
        let again = parse_events("again.json", &text, &places, None);
        assert!(again.problems.is_empty(), "{:?}", again.problems);
        assert_eq!(again.records, events);
        let text = places_document(&bundled_places());
        let loaded = parse_places("places.json", &text);
        assert!(loaded.problems.is_empty());
        assert_eq!(loaded.records, bundled_places());
    }
}
