//! A light, borrowed view of one event: what the map, timeline and list read every frame.

use super::category::Category;
use super::date::DateSpan;
use super::event::Event;

/// The fields of an event the views draw, borrowed from the dataset. Building one never reads a
/// file or allocates; the whole record (summary, source quote, notes) comes from
/// [`crate::model::Dataset::event`].
#[derive(Clone, Copy, Debug)]
pub struct EventView<'a> {
    /// Stable id.
    pub id: &'a str,
    /// Short title.
    pub title: &'a str,
    /// When it happened, with precision.
    pub date: DateSpan,
    /// The id of its place.
    pub place: &'a str,
    /// The display name of its place.
    pub place_name: &'a str,
    /// Longitude, degrees.
    pub lon: f64,
    /// Latitude, degrees.
    pub lat: f64,
    /// Whether its place lies outside the map's region.
    pub off_map: bool,
    /// The region or line the source places it on, if any.
    pub shape: Option<&'a geo::Geometry<f64>>,
    /// The basemap name of that shape.
    pub shape_name: Option<&'a str>,
    /// Category.
    pub category: Category,
    /// The dataset's own type label.
    pub category_label: &'a str,
    /// Who acted.
    pub actors: &'a [String],
    /// Whom the source attributes the claim to.
    pub claimed_by: Option<&'a str>,
    /// True when the source itself presents what the event records as established (for a
    /// statement, that it was made); false when it only passes it on.
    pub verified: bool,
}

impl<'a> EventView<'a> {
    /// The view of a whole event.
    pub fn of(e: &'a Event) -> EventView<'a> {
        EventView {
            id: &e.id,
            title: &e.title,
            date: e.date.span(),
            place: &e.place,
            place_name: &e.place_name,
            lon: e.lon,
            lat: e.lat,
            off_map: e.off_map,
            shape: e.shape.as_deref(),
            shape_name: e.shape_name.as_deref(),
            category: e.category,
            category_label: &e.category_label,
            actors: &e.actors,
            claimed_by: e.claimed_by.as_deref(),
            verified: e.verified,
        }
    }

    /// Whether the event has a position on the map (unplaced events have NaN coordinates).
    pub fn is_placed(&self) -> bool {
        self.shape.is_some() || (self.lon.is_finite() && self.lat.is_finite())
    }

    /// Whether `query` (lowercase) occurs in the id, title, place, type label or actors: the fields
    /// every event keeps in memory.
    pub fn matches_text(&self, query_lower: &str) -> bool {
        query_lower.is_empty()
            || [self.title, self.place_name, self.id, self.category_label]
                .iter()
                .any(|s| contains_lower(s, query_lower))
            || self.actors.iter().any(|a| contains_lower(a, query_lower))
    }
}

/// Whether `text` contains `query_lower` ignoring case (ASCII fast path, Unicode otherwise).
pub fn contains_lower(text: &str, query_lower: &str) -> bool {
    if query_lower.is_empty() {
        return true;
    }
    if text.is_ascii() && query_lower.is_ascii() {
        let (t, q) = (text.as_bytes(), query_lower.as_bytes());
        q.len() <= t.len()
            && t.windows(q.len())
                .any(|w| w.iter().zip(q).all(|(a, b)| a.to_ascii_lowercase() == *b))
    } else {
        text.to_lowercase().contains(query_lower)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::EventDate;

    #[test]
    fn views_match_text_without_case() {
        let mut e = Event::at(
            "AZE1",
            "Armed clash in Tovuz",
            EventDate::undated(),
            45.6,
            40.9,
        );
        e.actors.push("Military Forces of Armenia".to_owned());
        let v = EventView::of(&e);
        assert!(v.matches_text("tovuz"));
        assert!(v.matches_text("forces of arm"));
        assert!(v.matches_text("aze1"));
        assert!(!v.matches_text("baku"));
        assert!(contains_lower("Şuşa / Shushi", "şuşa"));
        assert!(!contains_lower("ab", "abc"));
        assert!(contains_lower("", ""));
        assert!(!contains_lower("", "a"));
        assert_eq!(v.date.days(), None);
    }
}
