//! Events and their provenance.

use super::category::Category;
use super::date::EventDate;
use super::time_of_day::TimeOfDay;
use super::track::Track;
use super::view::{EventView, contains_lower};
use chrono::NaiveDate;

/// Where an event's report comes from.
#[derive(Clone, Debug, PartialEq, Eq, Default)]
pub struct Source {
    /// The source document: a seed file name for bundled content, a source name for imports.
    pub document: String,
    /// The verbatim passage that reports the event.
    pub quote: String,
    /// Who published the document, when known.
    pub publisher: Option<String>,
    /// When the document was published, when known.
    pub published: Option<NaiveDate>,
}

/// One reported event, resolved against the gazetteer.
#[derive(Clone, Debug, PartialEq)]
pub struct Event {
    /// Stable id.
    pub id: String,
    /// Short neutral title.
    pub title: String,
    /// One to three sentences.
    pub summary: String,
    /// When it happened, with precision.
    pub date: EventDate,
    /// The time of day of its start, when the source gives one (the date stays at day resolution).
    pub time: Option<TimeOfDay>,
    /// The gazetteer id of its place (or an id made up for an imported place).
    pub place: String,
    /// The display name of its place.
    pub place_name: String,
    /// Longitude of its place, degrees; NaN for an unplaced event (see [`Event::is_placed`]).
    pub lon: f64,
    /// Latitude of its place, degrees; NaN for an unplaced event.
    pub lat: f64,
    /// Whether its place lies outside the map's region (Washington, Brussels).
    pub off_map: bool,
    /// The region or line the source places it on, if any.
    pub shape: Option<std::sync::Arc<geo::Geometry<f64>>>,
    /// The name of that shape in the basemap, if it came from there.
    pub shape_name: Option<String>,
    /// The line it travelled with a time at each vertex, when the source gives one.
    pub track: Option<Track>,
    /// Category from the fixed vocabulary.
    pub category: Category,
    /// The dataset's own type label (ACLED `event_type / sub_event_type`); empty for bundled data.
    pub category_label: String,
    /// Who acted.
    pub actors: Vec<String>,
    /// Provenance.
    pub source: Source,
    /// Whom the source attributes the claim to; `None` when stated as fact.
    pub claimed_by: Option<String>,
    /// True when the source itself presents what the event records as established (for a
    /// statement, that it was made); false when it only passes it on.
    pub verified: bool,
    /// Context.
    pub notes: String,
}

impl Event {
    /// A minimal event at a point, for tests and imports.
    pub fn at(id: &str, title: &str, date: EventDate, lon: f64, lat: f64) -> Event {
        Event {
            id: id.to_owned(),
            title: title.to_owned(),
            summary: String::new(),
            date,
            time: None,
            place: String::new(),
            place_name: String::new(),
            lon,
            lat,
            off_map: false,
            shape: None,
            shape_name: None,
            track: None,
            category: Category::Other,
            category_label: String::new(),
            actors: Vec::new(),
            source: Source::default(),
            claimed_by: None,
            verified: true,
            notes: String::new(),
        }
    }

    /// An event the source gives no location for: listed and on the timeline, not on the map,
    /// exported with a null geometry. Its coordinates are NaN.
    pub fn unplaced(id: &str, title: &str, date: EventDate) -> Event {
        Event::at(id, title, date, f64::NAN, f64::NAN)
    }

    /// Whether the event has a position on the map (a shape, or finite coordinates).
    pub fn is_placed(&self) -> bool {
        self.shape.is_some() || (self.lon.is_finite() && self.lat.is_finite())
    }

    /// Whether `query` (lowercase) occurs in the title, summary, place, actors, type label or quote.
    pub fn matches_text(&self, query_lower: &str) -> bool {
        if query_lower.is_empty() {
            return true;
        }
        EventView::of(self).matches_text(query_lower)
            || [&self.summary, &self.source.quote]
                .iter()
                .any(|s| contains_lower(s, query_lower))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_search_covers_fields() {
        let mut e = Event::at(
            "e1",
            "Drills on the border",
            EventDate::undated(),
            47.0,
            39.0,
        );
        e.actors.push("Iran".to_owned());
        e.source.quote = "large-scale military drills".to_owned();
        assert!(e.matches_text("drills"));
        assert!(e.matches_text("iran"));
        assert!(e.matches_text("large-scale"));
        assert!(e.matches_text(""));
        assert!(!e.matches_text("baku"));
    }

    #[test]
    fn unplaced_events_have_no_position() {
        let e = Event::unplaced("u", "Somewhere", EventDate::undated());
        assert!(!e.is_placed());
        assert!(!EventView::of(&e).is_placed());
        assert!(Event::at("p", "P", EventDate::undated(), 46.0, 39.0).is_placed());
    }
}
