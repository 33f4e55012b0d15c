//! The bundled JSON formats: `caucasus-atlas/events@1` and `caucasus-atlas/places@1`.

use super::basemap::Basemap;
use super::json_locate::{JsonLocator, Step, steps_of, syntax_problem};
use super::problem::Problem;
use crate::model::date::parse_iso_day;
use crate::model::place::validate_coordinates;
use crate::model::region::REGION;
use crate::model::{Category, Event, EventDate, Place, PlaceKind, Precision, Source};
use chrono::NaiveDate;
use serde::Deserialize;
use std::collections::{HashMap, HashSet};

/// The `format` value of an events file.
pub const EVENTS_FORMAT: &str = "caucasus-atlas/events@1";
/// The `format` value of a places file.
pub const PLACES_FORMAT: &str = "caucasus-atlas/places@1";

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawSource {
    document: String,
    quote: String,
    #[serde(default)]
    publisher: Option<String>,
    #[serde(default)]
    published: Option<String>,
}

fn yes() -> bool {
    true
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawEvent {
    id: String,
    title: String,
    #[serde(default)]
    summary: String,
    start: Option<String>,
    end: Option<String>,
    precision: String,
    #[serde(default)]
    date_text: String,
    #[serde(default)]
    date_note: String,
    place: String,
    #[serde(default)]
    shape: Option<String>,
    category: String,
    #[serde(default)]
    actors: Vec<String>,
    source: RawSource,
    #[serde(default)]
    claimed_by: Option<String>,
    #[serde(default = "yes")]
    verified: bool,
    #[serde(default)]
    notes: String,
}

/// What a loader read: the valid records and the problems with the rest.
#[derive(Clone, Debug)]
pub struct Loaded<T> {
    /// Records that passed every check.
    pub records: Vec<T>,
    /// Problems, in file order.
    pub problems: Vec<Problem>,
}

impl<T> Default for Loaded<T> {
    fn default() -> Self {
        Loaded {
            records: Vec::new(),
            problems: Vec::new(),
        }
    }
}

/// The array under `key` of a document in format `format`, or the problem that prevents reading it.
fn records_of<'v>(
    loc: &JsonLocator,
    doc: &'v serde_json::Value,
    format: &str,
    key: &str,
) -> Result<&'v Vec<serde_json::Value>, Problem> {
    let Some(obj) = doc.as_object() else {
        return Err(loc.problem(&[], "expected a JSON object"));
    };
    match obj.get("format").and_then(|f| f.as_str()) {
        Some(f) if f == format => {}
        Some(f) => {
            return Err(loc.problem(
                &["format".into()],
                format!("format is `{f}`, expected `{format}`"),
            ));
        }
        None => return Err(loc.problem(&[], format!("missing `format`: \"{format}\""))),
    }
    if let Some(unknown) = obj.keys().find(|k| *k != "format" && *k != key) {
        return Err(loc.problem(
            &[unknown.as_str().into()],
            format!("unknown key `{unknown}`"),
        ));
    }
    obj.get(key)
        .and_then(|v| v.as_array())
        .ok_or_else(|| loc.problem(&[key.into()], format!("`{key}` must be an array")))
}

/// Deserializes one record, reporting a type problem at the offending field.
fn record<T: serde::de::DeserializeOwned>(
    loc: &JsonLocator,
    base: &[Step],
    value: &serde_json::Value,
) -> Result<T, Problem> {
    serde_path_to_error::deserialize(value).map_err(|err| {
        let mut path = base.to_vec();
        path.extend(steps_of(err.path()));
        let message = err.inner().to_string();
        if let Some(field) = message
            .strip_prefix("unknown field `")
            .and_then(|m| m.split('`').next())
        {
            path.push(Step::Key(field.to_owned()));
            return loc.problem(&path, format!("unknown field `{field}`"));
        }
        loc.problem(&path, message)
    })
}

/// Parses JSON text, or returns its syntax problem.
pub(crate) fn parse_json(file: &str, text: &str) -> Result<serde_json::Value, Problem> {
    if text.trim().is_empty() {
        return Err(Problem::whole(file, "the file is empty"));
    }
    serde_json::from_str(text).map_err(|e| syntax_problem(file, &e))
}

/// Parses a document of `format` and calls `each` with the locator, the JSON path and the value of
/// every record under `key`; `each` pushes records or problems.
fn for_each_record<T>(
    file: &str,
    text: &str,
    format: &str,
    key: &str,
    mut each: impl FnMut(&JsonLocator, [Step; 2], &serde_json::Value, &mut Loaded<T>),
) -> Loaded<T> {
    let mut out = Loaded::default();
    let doc = match parse_json(file, text) {
        Ok(d) => d,
        Err(p) => {
            out.problems.push(p);
            return out;
        }
    };
    let loc = JsonLocator::new(file, text);
    match records_of(&loc, &doc, format, key) {
        Ok(items) => {
            for (i, item) in items.iter().enumerate() {
                each(&loc, [Step::from(key), Step::Index(i)], item, &mut out);
            }
        }
        Err(p) => out.problems.push(p),
    }
    out
}

/// Parses a places file.
pub fn parse_places(file: &str, text: &str) -> Loaded<Place> {
    let mut seen = HashSet::new();
    for_each_record(
        file,
        text,
        PLACES_FORMAT,
        "places",
        |loc, base, item, out| {
            let at = |field: &str| {
                let mut p = base.to_vec();
                p.push(field.into());
                p
            };
            let place: Place = match record(loc, &base, item) {
                Ok(p) => p,
                Err(p) => {
                    out.problems.push(p);
                    return;
                }
            };
            if let Err(m) = validate_coordinates(place.lat, 0.0) {
                out.problems.push(loc.problem(&at("lat"), m));
            } else if let Err(m) = validate_coordinates(0.0, place.lon) {
                out.problems.push(loc.problem(&at("lon"), m));
            } else if place.id.trim().is_empty() {
                out.problems.push(loc.problem(&at("id"), "empty id"));
            } else if !seen.insert(place.id.clone()) {
                out.problems
                    .push(loc.problem(&at("id"), format!("duplicate place id `{}`", place.id)));
            } else {
                out.records.push(place);
            }
        },
    )
}

/// Parses an events file, resolving places against `places` and shapes against `basemap`.
pub fn parse_events(
    file: &str,
    text: &str,
    places: &HashMap<String, Place>,
    basemap: Option<&Basemap>,
) -> Loaded<Event> {
    parse_events_located(file, text, places, basemap).0
}

/// [`parse_events`], with the position in the file's `events` list of each event that loaded, in
/// the events' order.
pub fn parse_events_located(
    file: &str,
    text: &str,
    places: &HashMap<String, Place>,
    basemap: Option<&Basemap>,
) -> (Loaded<Event>, Vec<usize>) {
    let mut seen = HashSet::new();
    let mut items = Vec::new();
    let loaded = for_each_record(
        file,
        text,
        EVENTS_FORMAT,
        "events",
        |loc, base, item, out| {
            let raw: RawEvent = match record(loc, &base, item) {
                Ok(r) => r,
                Err(p) => {
                    out.problems.push(p);
                    return;
                }
            };
            match convert(raw, places, basemap, &mut seen) {
                Ok(event) => {
                    out.records.push(event);
                    if let Step::Index(i) = base[1] {
                        items.push(i);
                    }
                }
                Err((field, message)) => {
                    let mut path = base.to_vec();
                    path.extend(field.split('/').map(Step::from));
                    out.problems.push(loc.problem(&path, message));
                }
            }
        },
    );
    (loaded, items)
}

/// Turns a raw record into an event; on failure returns the field path (`a/b`) and the message.
fn convert(
    raw: RawEvent,
    places: &HashMap<String, Place>,
    basemap: Option<&Basemap>,
    seen: &mut HashSet<String>,
) -> Result<Event, (&'static str, String)> {
    if raw.id.trim().is_empty() {
        return Err(("id", "empty id".to_owned()));
    }
    // an id is taken by the first event that loads: one refused for another fault keeps none
    if seen.contains(&raw.id) {
        return Err(("id", format!("duplicate event id `{}`", raw.id)));
    }
    let date = event_date(&raw)?;
    let category = Category::parse(&raw.category)
        .ok_or_else(|| ("category", format!("unknown category `{}`", raw.category)))?;
    let place = places.get(&raw.place).ok_or_else(|| {
        (
            "place",
            format!("place `{}` is not in the gazetteer", raw.place),
        )
    })?;
    let shape = match (&raw.shape, basemap) {
        (None, _) => None,
        (Some(name), Some(map)) => Some(
            map.shape(name)
                .ok_or_else(|| ("shape", format!("shape `{name}` is not in the basemap")))?
                .geometry
                .clone(),
        ),
        (Some(_), None) => None,
    };
    let published = optional_day("source/published", &raw.source.published)?;
    if raw.source.quote.trim().is_empty() {
        return Err(("source/quote", "empty quote".to_owned()));
    }
    seen.insert(raw.id.clone());
    Ok(Event {
        time: None,
        id: raw.id,
        title: raw.title,
        summary: raw.summary,
        date,
        place: place.id.clone(),
        place_name: place.name.clone(),
        lon: place.lon,
        lat: place.lat,
        off_map: place.kind == PlaceKind::OffMap || !REGION.contains(place.lon, place.lat),
        shape,
        shape_name: raw.shape,
        track: None,
        category,
        category_label: String::new(),
        actors: raw.actors,
        source: Source {
            document: raw.source.document,
            quote: raw.source.quote,
            publisher: raw.source.publisher,
            published,
        },
        claimed_by: raw.claimed_by,
        verified: raw.verified,
        notes: raw.notes,
    })
}

/// A raw event's date: its range and precision, checked against each other.
fn event_date(raw: &RawEvent) -> Result<EventDate, (&'static str, String)> {
    let precision = Precision::parse(&raw.precision).ok_or_else(|| {
        (
            "precision",
            format!(
                "unknown precision `{}` (day, week, month, season, year, decade, undated)",
                raw.precision
            ),
        )
    })?;
    let start = optional_day("start", &raw.start)?;
    let end = optional_day("end", &raw.end)?;
    let range = match (start, end) {
        (Some(s), Some(e)) => Some((s, e)),
        (None, None) => None,
        (Some(_), None) => return Err(("end", "start is given but end is null".to_owned())),
        (None, Some(_)) => return Err(("start", "end is given but start is null".to_owned())),
    };
    let date = EventDate {
        range,
        precision,
        text: raw.date_text.clone(),
        note: raw.date_note.clone(),
    };
    date.validate().map_err(|m| {
        let field = if m.contains("before start") {
            "end"
        } else {
            "precision"
        };
        (field, m)
    })?;
    Ok(date)
}

/// A day field that may be absent, as `YYYY-MM-DD`.
fn optional_day(
    field: &'static str,
    text: &Option<String>,
) -> Result<Option<NaiveDate>, (&'static str, String)> {
    text.as_deref()
        .map(parse_iso_day)
        .transpose()
        .map_err(|m| (field, m))
}

#[cfg(test)]
mod tests {
    use super::*;

    const PLACES: &str = r#"{
  "format": "caucasus-atlas/places@1",
  "places": [
    {"id": "lachin", "name": "Lachin / Berdzor", "alt_names": ["Berdzor"], "kind": "city",
     "country": "Azerbaijan", "lat": 39.6408, "lon": 46.5469, "geonames_id": null, "note": ""},
    {"id": "washington", "name": "Washington", "kind": "off-map", "lat": 38.9, "lon": -77.0}
  ]
}"#;

    fn places() -> HashMap<String, Place> {
        let loaded = parse_places("places.json", PLACES);
        assert!(loaded.problems.is_empty(), "{:?}", loaded.problems);
        loaded
            .records
            .into_iter()
            .map(|p| (p.id.clone(), p))
            .collect()
    }

    fn event_json(start: &str, end: &str, extra: &str) -> String {
        format!(
            r#"{{
  "format": "caucasus-atlas/events@1",
  "events": [
    {{
      "id": "e1",
      "title": "T",
      "start": {start},
      "end": {end},
      "precision": "day",
      "place": "lachin",
      "category": "military",
      "source": {{"document": "d.txt", "quote": "q"}}{extra}
    }}
  ]
}}"#
        )
    }

    #[test]
    fn loads_a_valid_event() {
        let text = event_json("\"2022-08-03\"", "\"2022-08-03\"", "");
        let loaded = parse_events("events.json", &text, &places(), None);
        assert!(loaded.problems.is_empty(), "{:?}", loaded.problems);
        let e = &loaded.records[0];
        assert_eq!(e.place_name, "Lachin / Berdzor");
        assert!(!e.off_map);
        assert_eq!(e.date.describe(), "3 August 2022 (day)");
    }

    #[test]
    fn a_refused_event_takes_no_id_from_its_corrected_twin() {
        let text = event_json("\"2022-08-03\"", "\"2022-08-01\"", "");
        let (head, tail) = text.split_once("    {").unwrap();
        let event = tail.rsplit_once("  ]").unwrap().0.trim_end();
        let corrected = event.replace("2022-08-01", "2022-08-03");
        let twice = format!("{head}    {{{event},\n    {{{corrected},\n    {{{corrected}\n  ]\n}}");
        let loaded = parse_events("events.json", &twice, &places(), None);
        assert_eq!(loaded.records.len(), 1, "{:?}", loaded.problems);
        let messages: Vec<&str> = loaded.problems.iter().map(|p| p.message.as_str()).collect();
        assert_eq!(messages.len(), 2, "{messages:?}");
        assert!(messages[0].contains("before start"), "{messages:?}");
        assert_eq!(messages[1], "duplicate event id `e1`");
    }

    #[test]
    fn impossible_date_is_reported_at_its_line() {
        let text = event_json("\"2022-02-30\"", "\"2022-03-01\"", "");
        let loaded = parse_events("events.json", &text, &places(), None);
        assert!(loaded.records.is_empty());
        let p = &loaded.problems[0];
        assert_eq!((p.line, p.column), (7, 16));
        assert!(p.message.contains("not a real calendar date"), "{p}");
    }

    #[test]
    fn end_before_start_points_at_end() {
        let text = event_json("\"2022-08-03\"", "\"2022-08-01\"", "");
        let p = &parse_events("events.json", &text, &places(), None).problems[0];
        assert_eq!(p.line, 8);
        assert!(p.message.contains("before start"), "{p}");
    }

    #[test]
    fn unknown_field_points_at_the_field() {
        let text = event_json("\"2022-08-03\"", "\"2022-08-03\"", ",\n      \"colour\": 3");
        let p = &parse_events("events.json", &text, &places(), None).problems[0];
        assert_eq!((p.line, p.column), (13, 17), "{p}");
        assert!(p.message.contains("unknown field `colour`"), "{p}");
    }

    #[test]
    fn wrong_type_points_at_the_field() {
        let text = event_json(
            "\"2022-08-03\"",
            "\"2022-08-03\"",
            ",\n      \"verified\": \"yes\"",
        );
        let p = &parse_events("events.json", &text, &places(), None).problems[0];
        assert_eq!((p.line, p.column), (13, 19), "{p}");
        assert!(p.message.contains("expected a boolean"), "{p}");
    }

    #[test]
    fn unresolved_place_and_bad_latitude() {
        let text = event_json("null", "null", "").replace("\"day\"", "\"undated\"");
        let text = text.replace("lachin", "atlantis");
        let p = &parse_events("events.json", &text, &places(), None).problems[0];
        assert!(
            p.message.contains("`atlantis` is not in the gazetteer"),
            "{p}"
        );
        let bad = PLACES.replace("39.6408", "91.5");
        let loaded = parse_places("places.json", &bad);
        assert_eq!(loaded.records.len(), 1);
        assert_eq!(loaded.problems[0].line, 5);
        assert!(loaded.problems[0].message.contains("latitude 91.5"));
    }

    #[test]
    fn syntax_errors_and_empty_files() {
        let loaded = parse_events("events.json", "{\n \"format\": ", &places(), None);
        assert_eq!(loaded.problems[0].line, 2);
        let loaded = parse_events("events.json", "  \n", &places(), None);
        assert!(loaded.problems[0].message.contains("empty"));
    }

    #[test]
    fn off_map_places_are_flagged() {
        let text =
            event_json("\"2022-08-03\"", "\"2022-08-03\"", "").replace("lachin", "washington");
        let loaded = parse_events("events.json", &text, &places(), None);
        assert!(loaded.records[0].off_map);
    }
}

#[cfg(test)]
mod fuzz {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(256))]

        #[test]
        fn arbitrary_text_never_panics(text in "\\PC{0,400}") {
            let places = HashMap::new();
            let _ = parse_events("f.json", &text, &places, None);
            let _ = parse_places("f.json", &text);
        }

        #[test]
        fn mangled_real_files_never_panic(cut in 0usize..4000, junk in "[\\[\\]{}\":,0-9a-z -]{0,20}") {
            let text = crate::io::bundle::EVENTS_JSON;
            let cut = (0..=cut.min(text.len())).rev().find(|&i| text.is_char_boundary(i)).unwrap_or(0);
            let mangled = format!("{}{junk}{}", &text[..cut], &text[cut..]);
            let places = crate::io::bundle::index_places(&crate::io::bundle::bundled_places());
            let loaded = parse_events("events.json", &mangled, &places, None);
            for p in &loaded.problems {
                prop_assert!(p.line >= 1 && p.column >= 1);
            }
        }
    }

    #[test]
    fn absurd_nesting_is_a_problem_not_a_crash() {
        let text = "[".repeat(100_000);
        let loaded = parse_events("deep.json", &text, &HashMap::new(), None);
        assert!(
            loaded.problems[0].message.contains("recursion"),
            "{:?}",
            loaded.problems
        );
    }
}
