//! GeoJSON FeatureCollections of events: what [`super::export::events_collection`] writes, and the
//! common shapes of third-party event GeoJSON (`time`, `times`, `date`, `timestamp`, ACLED-like
//! properties, places given only by coordinates).
//!
//! Each feature is one event. A feature with a problem is skipped and the problem is reported at the
//! line and column of the offending value; the other features load.

use super::bundled::{Loaded, parse_json};
use super::date_parse::{DaySpan, parse_date_text, span_of_number};
use super::json_locate::{JsonLocator, Step};
use super::slug::{coordinates_id, coordinates_name, slug};
use crate::model::place::validate_coordinates;
use crate::model::region::REGION;
use crate::model::{Category, Event, EventDate, Place, PlaceKind, Precision, Source};
use geo::{
    Coord, Geometry, GeometryCollection, InteriorPoint, LineString, MultiLineString, MultiPoint,
    MultiPolygon, Point, Polygon,
};
use serde_json::{Map, Value};
use std::cell::OnceCell;
use std::collections::{HashMap, HashSet};

/// A problem inside one feature: the path below the feature and the message.
type Fail = (Vec<Step>, String);

/// Parses a GeoJSON FeatureCollection of events.
///
/// Places are resolved against `gazetteer` by the `place` property (or the slug of `place_name`);
/// places it lacks become ad-hoc places at the feature's coordinates. Returns the places the loaded
/// events use (gazetteer ones first used first, ad-hoc ones likewise) and the events with the problems
/// of the skipped features.
pub fn parse_geojson_events(
    file: &str,
    text: &str,
    gazetteer: &[Place],
) -> (Vec<Place>, Loaded<Event>) {
    let mut out = Loaded::default();
    let doc = match parse_json(file, text) {
        Ok(d) => d,
        Err(p) => {
            out.problems.push(p);
            return (Vec::new(), out);
        }
    };
    // Locating re-parses the text, so it is done only once a problem needs a position.
    let locator = OnceCell::new();
    let locate = |path: &[Step], message: String| {
        locator
            .get_or_init(|| JsonLocator::new(file, text))
            .problem(path, message)
    };
    let features = match features_of(&doc) {
        Ok(f) => f,
        Err((path, message)) => {
            out.problems.push(locate(&path, message));
            return (Vec::new(), out);
        }
    };
    let by_id: HashMap<&str, &Place> = gazetteer.iter().map(|p| (p.id.as_str(), p)).collect();
    let mut places = PlaceSet::default();
    let mut seen = HashSet::new();
    for (i, feature) in features.iter().enumerate() {
        match convert(feature, i, &by_id, &mut places, &mut seen) {
            Ok(event) => out.records.push(event),
            Err((rel, message)) => {
                let mut path = vec![Step::from("features"), Step::Index(i)];
                path.extend(rel);
                out.problems.push(locate(&path, message));
            }
        }
    }
    (places.list, out)
}

/// The `features` array of a FeatureCollection.
fn features_of(doc: &Value) -> Result<&Vec<Value>, Fail> {
    let Some(obj) = doc.as_object() else {
        return Err((
            Vec::new(),
            "not a GeoJSON FeatureCollection: expected a JSON object".to_owned(),
        ));
    };
    match obj.get("type").and_then(Value::as_str) {
        Some("FeatureCollection") => {}
        Some(other) => {
            return Err((
                vec!["type".into()],
                format!("not a GeoJSON FeatureCollection: type is `{other}`"),
            ));
        }
        None => {
            return Err((
                Vec::new(),
                "not a GeoJSON FeatureCollection: missing \"type\": \"FeatureCollection\""
                    .to_owned(),
            ));
        }
    }
    obj.get("features")
        .and_then(Value::as_array)
        .ok_or_else(|| {
            (
                vec!["features".into()],
                "`features` must be an array".to_owned(),
            )
        })
}

/// The places the loaded events use, each once.
#[derive(Default)]
struct PlaceSet {
    list: Vec<Place>,
    ids: HashSet<String>,
}

impl PlaceSet {
    fn add(&mut self, id: &str, make: impl FnOnce() -> Place) {
        if !self.ids.contains(id) {
            self.ids.insert(id.to_owned());
            self.list.push(make());
        }
    }
}

/// Path of a property.
fn prop_path(key: &str) -> Vec<Step> {
    vec![Step::from("properties"), Step::from(key)]
}

/// A feature's properties, read leniently: null counts as absent.
struct Props<'v> {
    map: &'v Map<String, Value>,
}

impl<'v> Props<'v> {
    fn get(&self, key: &str) -> Option<&'v Value> {
        self.map.get(key).filter(|v| !v.is_null())
    }

    /// A text property; numbers and booleans are taken as their text.
    fn text(&self, key: &str) -> Result<Option<String>, Fail> {
        text_value(self.get(key), || prop_path(key), key)
    }

    /// A text property that is present and not blank.
    fn filled(&self, key: &str) -> Result<Option<String>, Fail> {
        Ok(self.text(key)?.filter(|s| !s.trim().is_empty()))
    }

    /// The first filled property of `keys`.
    fn first_filled(&self, keys: &[&str]) -> Result<Option<String>, Fail> {
        for key in keys {
            if let Some(v) = self.filled(key)? {
                return Ok(Some(v));
            }
        }
        Ok(None)
    }
}

fn text_value(
    value: Option<&Value>,
    path: impl FnOnce() -> Vec<Step>,
    key: &str,
) -> Result<Option<String>, Fail> {
    match value {
        None | Some(Value::Null) => Ok(None),
        Some(Value::String(s)) => Ok(Some(s.clone())),
        Some(Value::Number(n)) => Ok(Some(n.to_string())),
        Some(Value::Bool(b)) => Ok(Some(b.to_string())),
        Some(_) => Err((path(), format!("`{key}` must be text"))),
    }
}

/// Turns one feature into an event, registering its place in `places` only when it is valid.
fn convert(
    feature: &Value,
    index: usize,
    gazetteer: &HashMap<&str, &Place>,
    places: &mut PlaceSet,
    seen: &mut HashSet<String>,
) -> Result<Event, Fail> {
    let Some(obj) = feature.as_object() else {
        return Err((Vec::new(), "a feature must be a JSON object".to_owned()));
    };
    if let Some(t) = obj.get("type")
        && t.as_str() != Some("Feature")
    {
        return Err((
            vec!["type".into()],
            format!("expected a `Feature`, found {t}"),
        ));
    }
    let empty = Map::new();
    let props = match obj.get("properties") {
        None | Some(Value::Null) => Props { map: &empty },
        Some(Value::Object(map)) => Props { map },
        Some(_) => {
            return Err((
                vec!["properties".into()],
                "`properties` must be an object or null".to_owned(),
            ));
        }
    };

    let (id, id_path) = match props.filled("id")? {
        Some(id) => (id, prop_path("id")),
        None => match obj.get("id") {
            Some(Value::String(s)) if !s.trim().is_empty() => (s.clone(), vec!["id".into()]),
            Some(Value::Number(n)) => (n.to_string(), vec!["id".into()]),
            _ => (format!("feature-{index}"), Vec::new()),
        },
    };
    if !seen.insert(id.clone()) {
        return Err((id_path, format!("duplicate event id `{id}`")));
    }

    let mut date = date_of(&props)?;
    date.text = props.text("date_text")?.unwrap_or_default();
    date.note = props.text("date_note")?.unwrap_or_default();

    let geometry = match obj.get("geometry") {
        None | Some(Value::Null) => None,
        Some(g) => Some(parse_geometry(g, &mut vec!["geometry".into()])?),
    };
    let place_prop = props.filled("place")?;
    let place_name_prop = props.filled("place_name")?;
    let lookup_id = place_prop
        .clone()
        .or_else(|| place_name_prop.as_deref().map(slug));
    let known = lookup_id
        .as_deref()
        .and_then(|id| gazetteer.get(id).copied());
    let (lon, lat, shape) = match geometry {
        Some(Geometry::Point(p)) => (p.x(), p.y(), None),
        Some(shape) => {
            // A known place keeps its own point (as the bundled events do); otherwise the shape's.
            let (lon, lat) = match known {
                Some(place) => (place.lon, place.lat),
                None => {
                    let p = shape.interior_point().ok_or_else(|| {
                        (vec!["geometry".into()], "the geometry is empty".to_owned())
                    })?;
                    (p.x(), p.y())
                }
            };
            (lon, lat, Some(shape))
        }
        None => match known {
            Some(place) => (place.lon, place.lat, None),
            None => {
                let message = match &place_prop {
                    Some(p) => {
                        format!("no geometry and no known place (`{p}` is not in the gazetteer)")
                    }
                    None => "no geometry and no known place".to_owned(),
                };
                return Err((vec!["geometry".into()], message));
            }
        },
    };

    let place_name = place_name_prop
        .or_else(|| known.map(|p| p.name.clone()))
        .unwrap_or_else(|| coordinates_name(lon, lat));
    let title = props
        .first_filled(&["title", "name", "place_name"])?
        .unwrap_or_else(|| id.clone());
    let summary = props
        .first_filled(&["summary", "description"])?
        .unwrap_or_default();
    let (category, category_label) = category_of(&props)?;
    let actors = actors_of(&props)?;
    let notes = props.text("notes")?.unwrap_or_default();
    let source = source_of(&props, &notes)?;
    let claimed_by = props.filled("claimed_by")?;
    let verified = match props.get("verified") {
        None => true,
        Some(Value::Bool(b)) => *b,
        Some(Value::String(s)) if s.trim().eq_ignore_ascii_case("true") => true,
        Some(Value::String(s)) if s.trim().eq_ignore_ascii_case("false") => false,
        Some(_) => {
            return Err((
                prop_path("verified"),
                "`verified` must be true or false".to_owned(),
            ));
        }
    };
    let shape_name = props.filled("shape")?;
    let country = props.text("country")?.unwrap_or_default();

    // Everything is valid: register the place.
    let place = match known {
        Some(p) => {
            places.add(&p.id, || (*p).clone());
            p.id.clone()
        }
        None => {
            let id = lookup_id.unwrap_or_else(|| coordinates_id(lon, lat));
            places.add(&id, || Place::ad_hoc(&id, &place_name, &country, lat, lon));
            id
        }
    };
    Ok(Event {
        time: None,
        id,
        title,
        summary,
        date,
        place,
        place_name,
        lon,
        lat,
        off_map: known.is_some_and(|p| p.kind == PlaceKind::OffMap) || !REGION.contains(lon, lat),
        shape,
        shape_name,
        category,
        category_label,
        actors,
        source,
        claimed_by,
        verified,
        notes,
    })
}

/// A parsed time value and where it was.
#[derive(Clone)]
struct Stamp {
    span: DaySpan,
    path: Vec<Step>,
}

/// One time value: ISO text at any precision, ACLED-style day text, a year or Unix milliseconds.
fn stamp(value: &Value, path: Vec<Step>) -> Result<Option<Stamp>, Fail> {
    let span = match value {
        Value::Null => return Ok(None),
        Value::String(s) if s.trim().is_empty() => return Ok(None),
        Value::String(s) => parse_date_text(s),
        Value::Number(n) => match n.as_f64() {
            Some(f) => span_of_number(f),
            None => Err(format!("{n} is not a usable time")),
        },
        _ => Err("a time must be a date text or a number".to_owned()),
    };
    match span {
        Ok(span) => Ok(Some(Stamp { span, path })),
        Err(m) => Err((path, m)),
    }
}

/// The first and last values of a time array.
fn stamps_of_list(value: &Value, key: &str) -> Result<Option<(Stamp, Stamp)>, Fail> {
    let Some(items) = value.as_array() else {
        return single(value, key);
    };
    let (Some(first), Some(last)) = (items.first(), items.last()) else {
        return Ok(None);
    };
    let at = |i: usize| {
        let mut p = prop_path(key);
        p.push(Step::Index(i));
        p
    };
    let start = stamp(first, at(0))?;
    let end = stamp(last, at(items.len() - 1))?;
    Ok(pair(start, end))
}

fn single(value: &Value, key: &str) -> Result<Option<(Stamp, Stamp)>, Fail> {
    Ok(stamp(value, prop_path(key))?.map(|s| (s.clone(), s)))
}

fn pair(start: Option<Stamp>, end: Option<Stamp>) -> Option<(Stamp, Stamp)> {
    match (start, end) {
        (Some(s), Some(e)) => Some((s, e)),
        (Some(one), None) | (None, Some(one)) => Some((one.clone(), one)),
        (None, None) => None,
    }
}

/// The start and end values of a feature, from the first time property present.
fn stamps_of(props: &Props) -> Result<Option<(Stamp, Stamp)>, Fail> {
    let start_key = ["start", "begin"]
        .into_iter()
        .find(|k| props.get(k).is_some());
    if let Some(key) = start_key {
        let start = props
            .get(key)
            .map(|v| stamp(v, prop_path(key)))
            .transpose()?;
        let end = props
            .get("end")
            .map(|v| stamp(v, prop_path("end")))
            .transpose()?;
        return Ok(pair(start.flatten(), end.flatten()));
    }
    if let Some(v) = props.get("end") {
        return single(v, "end");
    }
    for key in ["time", "times"] {
        if let Some(v) = props.get(key) {
            return stamps_of_list(v, key);
        }
    }
    for key in ["date", "timestamp"] {
        if let Some(v) = props.get(key) {
            return single(v, key);
        }
    }
    Ok(None)
}

/// The date range and precision of a feature; an explicit valid `precision` wins.
fn date_of(props: &Props) -> Result<EventDate, Fail> {
    let explicit = match props.get("precision") {
        None => None,
        Some(Value::String(s)) => Some(
            Precision::parse(&s.trim().to_ascii_lowercase()).ok_or_else(|| {
                (
                    prop_path("precision"),
                    format!(
                        "unknown precision `{s}` (day, week, month, season, year, decade, undated)"
                    ),
                )
            })?,
        ),
        Some(_) => {
            return Err((
                prop_path("precision"),
                "`precision` must be text".to_owned(),
            ));
        }
    };
    let (range, derived) = match stamps_of(props)? {
        None => (None, Precision::Undated),
        Some((start, end)) => {
            if end.span.end < start.span.start {
                return Err((
                    end.path,
                    format!("end {} is before start {}", end.span.end, start.span.start),
                ));
            }
            (
                Some((start.span.start, end.span.end)),
                start.span.precision.max(end.span.precision),
            )
        }
    };
    let date = EventDate {
        range,
        precision: explicit.unwrap_or(derived),
        text: String::new(),
        note: String::new(),
    };
    date.validate().map_err(|m| (prop_path("precision"), m))?;
    Ok(date)
}

/// The category and the dataset's own label for it.
fn category_of(props: &Props) -> Result<(Category, String), Fail> {
    let raw = props.filled("category")?;
    let event_type = props.filled("event_type")?;
    let sub_type = props.filled("sub_event_type")?.unwrap_or_default();
    let ours = raw.as_deref().and_then(Category::parse);
    let category = ours
        .or_else(|| {
            event_type
                .as_deref()
                .map(|t| Category::from_acled(t, &sub_type))
        })
        .or_else(|| raw.as_deref().map(|c| Category::from_acled(c, "")))
        .unwrap_or(Category::Other);
    let label = match props.text("category_label")? {
        Some(label) => label,
        None if ours.is_some() => String::new(),
        None => match (raw, event_type) {
            (Some(raw), _) => raw,
            (None, Some(t)) if sub_type.trim().is_empty() => t,
            (None, Some(t)) => format!("{t} / {sub_type}"),
            (None, None) => String::new(),
        },
    };
    Ok((category, label))
}

/// Actors: an array of strings, a `;`-separated string, or `actor1`/`actor2`.
fn actors_of(props: &Props) -> Result<Vec<String>, Fail> {
    let mut actors = Vec::new();
    let mut push = |text: &str| {
        for part in text.split(';').map(str::trim).filter(|p| !p.is_empty()) {
            if !actors.iter().any(|a| a == part) {
                actors.push(part.to_owned());
            }
        }
    };
    match props.get("actors") {
        Some(Value::Array(items)) => {
            for (i, item) in items.iter().enumerate() {
                match item {
                    Value::String(s) => push(s),
                    Value::Null => {}
                    _ => {
                        let mut path = prop_path("actors");
                        path.push(Step::Index(i));
                        return Err((path, "actors must be text".to_owned()));
                    }
                }
            }
        }
        Some(Value::String(s)) => push(s),
        Some(_) => {
            return Err((
                prop_path("actors"),
                "`actors` must be an array of text".to_owned(),
            ));
        }
        None => {
            for key in ["actor1", "actor2"] {
                if let Some(a) = props.text(key)? {
                    push(&a);
                }
            }
        }
    }
    Ok(actors)
}

/// The source: an object {document, quote, publisher, published} or a plain document name.
fn source_of(props: &Props, notes: &str) -> Result<Source, Fail> {
    let published = |value: Option<&Value>, path: Vec<Step>| -> Result<_, Fail> {
        match text_value(value, || path.clone(), "published")? {
            Some(t) if !t.trim().is_empty() => parse_date_text(&t)
                .map(|span| Some(span.start))
                .map_err(|m| (path, m)),
            _ => Ok(None),
        }
    };
    let blank_none = |s: Option<String>| s.filter(|s| !s.trim().is_empty());
    match props.get("source") {
        Some(Value::Object(obj)) => {
            let field = |key: &str| {
                text_value(
                    obj.get(key),
                    || {
                        let mut p = prop_path("source");
                        p.push(key.into());
                        p
                    },
                    key,
                )
            };
            let mut path = prop_path("source");
            path.push("published".into());
            Ok(Source {
                document: field("document")?.unwrap_or_default(),
                quote: field("quote")?.unwrap_or_default(),
                publisher: blank_none(field("publisher")?),
                published: published(obj.get("published"), path)?,
            })
        }
        Some(Value::Array(_)) => Err((
            prop_path("source"),
            "`source` must be text or an object".to_owned(),
        )),
        other => {
            let document = text_value(other, || prop_path("source"), "source")?;
            let quote = props.first_filled(&["quote"])?;
            Ok(Source {
                document: document.unwrap_or_default(),
                quote: quote.unwrap_or_else(|| notes.to_owned()),
                publisher: blank_none(props.text("publisher")?),
                published: published(props.get("published"), prop_path("published"))?,
            })
        }
    }
}

/// Converts GeoJSON geometry to a geo geometry, checking every position's range.
///
/// Recursion only follows GeometryCollections, whose depth serde_json's recursion limit bounds.
fn parse_geometry(value: &Value, path: &mut Vec<Step>) -> Result<Geometry<f64>, Fail> {
    let Some(obj) = value.as_object() else {
        return Err((
            path.clone(),
            "a geometry must be a JSON object or null".to_owned(),
        ));
    };
    let Some(kind) = obj.get("type").and_then(Value::as_str) else {
        return Err((path.clone(), "a geometry needs a `type`".to_owned()));
    };
    if kind == "GeometryCollection" {
        let Some(items) = obj.get("geometries").and_then(Value::as_array) else {
            return Err((
                path.clone(),
                "a GeometryCollection needs `geometries`".to_owned(),
            ));
        };
        path.push("geometries".into());
        let parts = each(items, path, parse_geometry)?;
        path.pop();
        return Ok(Geometry::GeometryCollection(GeometryCollection(parts)));
    }
    let Some(coords) = obj.get("coordinates") else {
        return Err((path.clone(), format!("a {kind} needs `coordinates`")));
    };
    path.push("coordinates".into());
    let geometry = match kind {
        "Point" => Geometry::Point(Point(position(coords, path)?)),
        "MultiPoint" => Geometry::MultiPoint(MultiPoint(array(coords, path, |c, p| {
            position(c, p).map(Point)
        })?)),
        "LineString" => Geometry::LineString(line(coords, path, 2)?),
        "MultiLineString" => {
            Geometry::MultiLineString(MultiLineString(array(coords, path, |c, p| line(c, p, 2))?))
        }
        "Polygon" => Geometry::Polygon(polygon(coords, path)?),
        "MultiPolygon" => Geometry::MultiPolygon(MultiPolygon(array(coords, path, polygon)?)),
        other => {
            path.pop();
            path.push("type".into());
            return Err((path.clone(), format!("unknown geometry type `{other}`")));
        }
    };
    path.pop();
    Ok(geometry)
}

fn each<T>(
    items: &[Value],
    path: &mut Vec<Step>,
    parse: impl Fn(&Value, &mut Vec<Step>) -> Result<T, Fail>,
) -> Result<Vec<T>, Fail> {
    let mut out = Vec::with_capacity(items.len());
    for (i, item) in items.iter().enumerate() {
        path.push(Step::Index(i));
        out.push(parse(item, path)?);
        path.pop();
    }
    Ok(out)
}

fn array<T>(
    value: &Value,
    path: &mut Vec<Step>,
    parse: impl Fn(&Value, &mut Vec<Step>) -> Result<T, Fail>,
) -> Result<Vec<T>, Fail> {
    match value.as_array() {
        Some(items) => each(items, path, parse),
        None => Err((path.clone(), "expected an array of coordinates".to_owned())),
    }
}

/// A `[lon, lat]` position (further values such as altitude are ignored).
fn position(value: &Value, path: &[Step]) -> Result<Coord<f64>, Fail> {
    let Some(items) = value.as_array().filter(|a| a.len() >= 2) else {
        return Err((
            path.to_vec(),
            "a position must be [longitude, latitude]".to_owned(),
        ));
    };
    let at = |path: &[Step], i: usize| {
        let mut p = path.to_vec();
        p.push(Step::Index(i));
        p
    };
    let number = |i: usize| {
        items[i]
            .as_f64()
            .ok_or_else(|| (at(path, i), "a coordinate must be a number".to_owned()))
    };
    let (lon, lat) = (number(0)?, number(1)?);
    if let Err(m) = validate_coordinates(lat, 0.0) {
        return Err((at(path, 1), m));
    }
    if let Err(m) = validate_coordinates(0.0, lon) {
        return Err((at(path, 0), m));
    }
    Ok(Coord { x: lon, y: lat })
}

fn line(value: &Value, path: &mut Vec<Step>, min: usize) -> Result<LineString<f64>, Fail> {
    let coords = array(value, path, |c, p| position(c, p))?;
    if coords.len() < min {
        return Err((
            path.clone(),
            format!("needs at least {min} positions, found {}", coords.len()),
        ));
    }
    Ok(LineString(coords))
}

fn polygon(value: &Value, path: &mut Vec<Step>) -> Result<Polygon<f64>, Fail> {
    let mut rings = array(value, path, |c, p| line(c, p, 4))?.into_iter();
    let Some(exterior) = rings.next() else {
        return Err((path.clone(), "a polygon needs at least one ring".to_owned()));
    };
    Ok(Polygon::new(exterior, rings.collect()))
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::expect_used)]
mod tests {
    use super::*;
    use crate::io::bundle::bundled_places;
    use crate::io::export::{events_collection, to_text};
    use crate::io::problem::Problem;
    use chrono::NaiveDate;
    use proptest::prelude::*;

    const SAMPLE: &str = include_str!("../../tests/fixtures/events_sample.geojson");

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    fn parse(text: &str) -> (Vec<Place>, Loaded<Event>) {
        parse_geojson_events("events.geojson", text, &bundled_places())
    }

    /// The 1-based line and column where `needle` first occurs.
    fn pos_of(text: &str, needle: &str) -> (usize, usize) {
        let offset = text.find(needle).unwrap();
        let before = &text[..offset];
        let line = before.matches('\n').count() + 1;
        let column = before.rsplit('\n').next().unwrap().chars().count() + 1;
        (line, column)
    }

    fn by_id<'a>(events: &'a [Event], id: &str) -> &'a Event {
        events.iter().find(|e| e.id == id).unwrap()
    }

    #[test]
    fn loads_the_sample() {
        let (places, loaded) = parse(SAMPLE);
        assert!(loaded.problems.is_empty(), "{:?}", loaded.problems);
        let ev = &loaded.records;
        assert_eq!(ev.len(), 6);

        let lachin = by_id(ev, "lachin-handover");
        assert_eq!(lachin.date.range, Some((d(2022, 8, 26), d(2022, 8, 26))));
        assert_eq!(lachin.date.precision, Precision::Day);
        assert_eq!((lachin.lon, lachin.lat), (46.5469, 39.6408));
        assert_eq!(lachin.place, "lachin");
        assert_eq!(lachin.place_name, "Lachin / Berdzor");
        assert_eq!(lachin.category, Category::Agreement);
        assert_eq!(lachin.actors, ["Azerbaijan", "Armenia"]);
        assert_eq!(lachin.source.publisher.as_deref(), Some("Eurasianet"));
        assert_eq!(lachin.source.published, Some(d(2022, 8, 27)));
        assert!(!lachin.off_map && lachin.verified && lachin.shape.is_none());

        let road = by_id(ev, "road-closure");
        assert_eq!(road.title, "Road closed between Goris and Khankendi");
        assert_eq!(road.date.range, Some((d(2022, 12, 12), d(2023, 1, 5))));
        assert_eq!(road.date.precision, Precision::Day);
        assert!(matches!(road.shape, Some(Geometry::LineString(ref l)) if l.0.len() == 3));
        assert_eq!((road.lon, road.lat), (46.55, 39.64)); // the line's interior vertex
        assert_eq!(road.place, "lachin-road");
        assert_eq!(road.place_name, "Lachin road");
        assert_eq!(road.category, Category::Statement);
        assert_eq!(
            road.category_label,
            "Strategic developments / Non-violent transfer of territory"
        );
        assert_eq!(road.actors, ["Protesters (Azerbaijan)"]);
        assert_eq!(road.source.document, "Caucasus Watch");
        assert_eq!(
            road.source.quote,
            "Self-described eco-activists blocked the road."
        );
        assert_eq!(road.notes, road.source.quote);

        let year = by_id(ev, "karabakh-year");
        assert_eq!(year.date.range, Some((d(2021, 1, 1), d(2021, 12, 31))));
        assert_eq!(year.date.precision, Precision::Year);
        assert!(matches!(year.shape, Some(Geometry::Polygon(_))));
        assert_eq!(year.shape_name.as_deref(), Some("Nagorno-Karabakh"));
        assert_eq!(year.place_name, "Nagorno-Karabakh / Artsakh");
        assert!(!year.verified);

        let talks = by_id(ev, "tbilisi-talks");
        assert_eq!(talks.date.range, Some((d(2021, 11, 22), d(2021, 11, 22))));
        assert_eq!(talks.category, Category::Diplomacy);
        assert_eq!(
            talks.claimed_by.as_deref(),
            Some("Georgian foreign ministry")
        );

        let barda = by_id(ev, "barda-month");
        assert_eq!(barda.date.range, Some((d(2021, 11, 1), d(2021, 11, 30))));
        assert_eq!(barda.date.precision, Precision::Month);
        assert_eq!(
            (barda.place.as_str(), barda.category),
            ("barda", Category::Other)
        );
        assert_eq!(barda.category_label, "Shelling");
        assert_eq!(
            barda.summary,
            "Local officials reported shelling during the month."
        );

        let brussels = by_id(ev, "brussels-statement");
        assert_eq!(brussels.date, EventDate::undated());
        assert!(brussels.off_map);
        assert_eq!(brussels.place_name, "Brussels");

        let ids: Vec<&str> = places.iter().map(|p| p.id.as_str()).collect();
        assert_eq!(
            ids,
            [
                "lachin",
                "lachin-road",
                "nagorno-karabakh",
                "tbilisi",
                "barda",
                "brussels"
            ]
        );
        let barda_place = places.iter().find(|p| p.id == "barda").unwrap();
        assert_eq!(
            (barda_place.name.as_str(), barda_place.country.as_str()),
            ("Barda", "Azerbaijan")
        );
        assert_eq!((barda_place.lon, barda_place.lat), (47.1486, 40.0));
    }

    #[test]
    fn start_end_begin_and_explicit_precision() {
        let text = r#"{"type": "FeatureCollection", "features": [
  {"type": "Feature", "geometry": {"type": "Point", "coordinates": [45, 40]},
   "properties": {"id": "a", "start": "2021-11-22", "end": "2021-11-24"}},
  {"type": "Feature", "geometry": {"type": "Point", "coordinates": [45, 40]},
   "properties": {"id": "b", "begin": "2021", "end": "2022-03"}},
  {"type": "Feature", "geometry": {"type": "Point", "coordinates": [45, 40]},
   "properties": {"id": "c", "start": "2020-09-01", "end": "2020-11-30", "precision": "season"}},
  {"type": "Feature", "geometry": {"type": "Point", "coordinates": [45, 40]},
   "properties": {"id": "d", "time": 2021, "title": ""}},
  {"type": "Feature", "geometry": {"type": "Point", "coordinates": [45, 40]},
   "properties": {"id": "e", "date": "3 August 2022"}}
]}"#;
        let (places, loaded) = parse(text);
        assert!(loaded.problems.is_empty(), "{:?}", loaded.problems);
        let r = &loaded.records;
        assert_eq!(r[0].date.range, Some((d(2021, 11, 22), d(2021, 11, 24))));
        assert_eq!(r[0].date.precision, Precision::Day);
        assert_eq!(r[1].date.range, Some((d(2021, 1, 1), d(2022, 3, 31))));
        assert_eq!(r[1].date.precision, Precision::Year);
        assert_eq!(r[2].date.precision, Precision::Season);
        assert_eq!(r[3].date.precision, Precision::Year);
        assert_eq!(r[3].title, "d");
        assert_eq!(r[4].date.range, Some((d(2022, 8, 3), d(2022, 8, 3))));
        // five events at the same unnamed point share one ad-hoc place
        assert_eq!(places.len(), 1);
        assert_eq!(
            (places[0].id.as_str(), places[0].name.as_str()),
            ("45e-40n", "45, 40")
        );
        assert_eq!(r[0].place_name, "45, 40");
    }

    /// A collection of one point feature with the given extra properties.
    fn one(props: &str) -> String {
        format!(
            "{{\n  \"type\": \"FeatureCollection\",\n  \"features\": [\n    {{\n      \"type\": \"Feature\",\n      \"geometry\": {{\"type\": \"Point\", \"coordinates\": [45.0, 40.0]}},\n      \"properties\": {{\n        \"id\": \"x\",\n        {props}\n      }}\n    }}\n  ]\n}}\n"
        )
    }

    fn only_problem(text: &str) -> Problem {
        let (_, loaded) = parse(text);
        assert!(loaded.records.is_empty(), "{:?}", loaded.records);
        assert_eq!(loaded.problems.len(), 1, "{:?}", loaded.problems);
        loaded.problems[0].clone()
    }

    #[test]
    fn impossible_date_is_located() {
        let text = one("\"start\": \"2022-02-30\"");
        let p = only_problem(&text);
        assert_eq!((p.line, p.column), pos_of(&text, "\"2022-02-30\""));
        assert_eq!(p.line, 9);
        assert_eq!(p.message, "`2022-02-30` is not a real calendar date");
        assert_eq!(p.file, "events.geojson");
    }

    #[test]
    fn end_before_start_points_at_end() {
        let text = one("\"start\": \"2022-08-03\",\n        \"end\": \"2022-08-01\"");
        let p = only_problem(&text);
        assert_eq!((p.line, p.column), pos_of(&text, "\"2022-08-01\""));
        assert_eq!(p.message, "end 2022-08-01 is before start 2022-08-03");
        let text = one("\"times\": [\"2022-08-03\", \"2022-07\"]");
        let p = only_problem(&text);
        assert_eq!((p.line, p.column), pos_of(&text, "\"2022-07\""));
    }

    #[test]
    fn unknown_precision_is_located() {
        let text = one("\"date\": \"2021\",\n        \"precision\": \"fortnight\"");
        let p = only_problem(&text);
        assert_eq!((p.line, p.column), pos_of(&text, "\"fortnight\""));
        assert!(
            p.message.starts_with("unknown precision `fortnight`"),
            "{p}"
        );
        let text = one("\"date\": \"2021\",\n        \"precision\": \"undated\"");
        let p = only_problem(&text);
        assert_eq!(p.message, "an undated event must have null start and end");
    }

    #[test]
    fn coordinates_out_of_range_are_located() {
        let text = one("\"date\": \"2021\"").replace("[45.0, 40.0]", "[45.0, 91.5]");
        let p = only_problem(&text);
        assert_eq!((p.line, p.column), pos_of(&text, "91.5"));
        assert_eq!(p.message, "latitude 91.5 is outside -90..90");
        let text = one("\"date\": \"2021\"").replace("[45.0, 40.0]", "[-180.5, 40.0]");
        let p = only_problem(&text);
        assert_eq!((p.line, p.column), pos_of(&text, "-180.5"));
        assert_eq!(p.message, "longitude -180.5 is outside -180..180");
        let text = r#"{"type": "FeatureCollection", "features": [{"type": "Feature",
 "geometry": {"type": "LineString", "coordinates": [[45, 40], [46, 40], [200, 41]]},
 "properties": {}}]}"#;
        let p = only_problem(text);
        assert_eq!((p.line, p.column), pos_of(text, "200"));
    }

    #[test]
    fn duplicate_ids_are_reported_and_the_first_kept() {
        let text = r#"{"type": "FeatureCollection", "features": [
  {"type": "Feature", "id": "a", "geometry": {"type": "Point", "coordinates": [45, 40]}, "properties": null},
  {"type": "Feature", "geometry": {"type": "Point", "coordinates": [46, 40]}, "properties": {"id": "a"}},
  {"type": "Feature", "geometry": {"type": "Point", "coordinates": [47, 40]}}
]}"#;
        let (_, loaded) = parse(text);
        assert_eq!(loaded.records.len(), 2);
        assert_eq!(loaded.records[0].lon, 45.0);
        assert_eq!(loaded.records[1].id, "feature-2");
        let p = &loaded.problems[0];
        assert_eq!(p.message, "duplicate event id `a`");
        assert_eq!((p.line, p.column), pos_of(text, "\"a\"}}"));
    }

    #[test]
    fn missing_geometry_needs_a_known_place() {
        let text = one("\"date\": \"2021\"").replace(
            "{\"type\": \"Point\", \"coordinates\": [45.0, 40.0]}",
            "null",
        );
        let p = only_problem(&text);
        assert_eq!(p.message, "no geometry and no known place");
        assert_eq!((p.line, p.column), pos_of(&text, "null"));
        let text = text.replace("\"date\"", "\"place\": \"atlantis\", \"date\"");
        let p = only_problem(&text);
        assert!(
            p.message.contains("`atlantis` is not in the gazetteer"),
            "{p}"
        );
    }

    #[test]
    fn whole_file_problems() {
        let p = only_problem("{\n  \"type\": \"FeatureCollection\",\n  \"features\": [\n");
        assert_eq!(p.line, 4);
        assert!(p.message.contains("EOF"), "{p}");
        let p = only_problem("\n  {\"type\": \"Feature\", \"geometry\": null}");
        assert_eq!((p.line, p.column), (2, 12));
        assert_eq!(
            p.message,
            "not a GeoJSON FeatureCollection: type is `Feature`"
        );
        let p = only_problem("[1, 2]");
        assert!(p.message.contains("expected a JSON object"), "{p}");
        let p = only_problem("{\"type\": \"FeatureCollection\", \"features\": 3}");
        assert_eq!(p.message, "`features` must be an array");
        assert!(only_problem("").message.contains("empty"));
    }

    #[test]
    fn deep_nesting_is_a_problem_not_a_crash() {
        let p = only_problem(&"[".repeat(100_000));
        assert!(p.message.contains("recursion limit"), "{p}");
        let deep = format!(
            "{{\"type\": \"FeatureCollection\", \"features\": [{{\"properties\": {{\"x\": {}1{}}}}}]}}",
            "[".repeat(100_000),
            "]".repeat(100_000)
        );
        assert!(only_problem(&deep).message.contains("recursion limit"));
        // nesting within the limit loads
        let mut geometry = "{\"type\": \"Point\", \"coordinates\": [45, 40]}".to_owned();
        for _ in 0..40 {
            geometry =
                format!("{{\"type\": \"GeometryCollection\", \"geometries\": [{geometry}]}}");
        }
        let text = format!(
            "{{\"type\": \"FeatureCollection\", \"features\": [{{\"type\": \"Feature\", \"geometry\": {geometry}}}]}}"
        );
        let (_, loaded) = parse(&text);
        assert!(loaded.problems.is_empty(), "{:?}", loaded.problems);
        assert_eq!((loaded.records[0].lon, loaded.records[0].lat), (45.0, 40.0));
    }

    fn sample_events() -> Vec<Event> {
        let places = bundled_places();
        let place = |id: &str| places.iter().find(|p| p.id == id).unwrap().clone();
        let lachin = place("lachin");
        let mut a = Event::at(
            "a",
            "Lachin handover",
            EventDate::new(d(2022, 8, 26), d(2022, 8, 26), Precision::Day),
            lachin.lon,
            lachin.lat,
        );
        a.place = lachin.id.clone();
        a.place_name = lachin.name.clone();
        a.category = Category::Agreement;
        a.actors = vec!["Azerbaijan".into(), "Armenia".into()];
        a.source = Source {
            document: "001_52c11fea4545459d.txt".into(),
            quote: "Azerbaijani troops \"entered\" Lachin.".into(),
            publisher: Some("APA".into()),
            published: Some(d(2022, 8, 27)),
        };
        a.claimed_by = Some("Azerbaijani Foreign Ministry".into());
        a.date.text = "on Friday".into();
        a.date.note = "Friday before publication".into();

        let nk = place("nagorno-karabakh");
        let mut b = Event::at(
            "b",
            "War",
            EventDate::new(d(2020, 9, 1), d(2020, 11, 30), Precision::Season),
            nk.lon,
            nk.lat,
        );
        b.place = nk.id.clone();
        b.place_name = nk.name.clone();
        b.shape = Some(Geometry::Polygon(Polygon::new(
            LineString::from(vec![(46.3, 39.6), (47.2, 39.6), (47.2, 40.3), (46.3, 40.3)]),
            vec![],
        )));
        b.shape_name = Some("Nagorno-Karabakh".into());
        b.category = Category::Military;
        b.verified = false;
        b.notes = "contested".into();

        let mut c = Event::at("c", "Shelling", EventDate::undated(), 47.1486, 40.3928);
        c.place = "barda".into();
        c.place_name = "Barda".into();
        c.category = Category::Military;
        c.category_label = "Explosions/Remote violence / Shelling/artillery/missile attack".into();
        c.summary = "Summary, with \"quotes\"\nand a newline.".into();

        let washington = place("washington");
        let mut w = Event::at(
            "w",
            "Statement in Washington",
            EventDate::new(d(2021, 11, 1), d(2021, 11, 30), Precision::Month),
            washington.lon,
            washington.lat,
        );
        w.place = washington.id.clone();
        w.place_name = washington.name.clone();
        w.off_map = true;
        w.category = Category::Statement;
        vec![a, b, c, w]
    }

    #[test]
    fn export_load_export_is_identical() {
        let events = sample_events();
        let first = to_text(&events_collection(&events));
        let (places, loaded) = parse(&first);
        assert!(loaded.problems.is_empty(), "{:?}", loaded.problems);
        assert_eq!(loaded.records, events);
        let second = to_text(&events_collection(&loaded.records));
        assert_eq!(first, second);
        let ids: Vec<&str> = places.iter().map(|p| p.id.as_str()).collect();
        assert_eq!(ids, ["lachin", "nagorno-karabakh", "barda", "washington"]);
        // and the loaded sample survives the same round trip
        let (_, sample) = parse(SAMPLE);
        let first = to_text(&events_collection(&sample.records));
        let (_, again) = parse(&first);
        assert_eq!(again.records, sample.records);
        assert_eq!(to_text(&events_collection(&again.records)), first);
    }

    fn arb_value() -> impl Strategy<Value = String> {
        prop_oneof![
            Just("null".to_owned()),
            Just("\"2022-02-30\"".to_owned()),
            Just("\"2021-11\"".to_owned()),
            Just("[]".to_owned()),
            Just("{}".to_owned()),
            Just("\"lachin\"".to_owned()),
            any::<i64>().prop_map(|n| n.to_string()),
            any::<f64>()
                .prop_filter("finite", |f| f.is_finite())
                .prop_map(|f| format!("{f:e}")),
            "\\PC{0,12}".prop_map(|s| serde_json::Value::from(s).to_string()),
        ]
    }

    fn arb_geometry() -> impl Strategy<Value = String> {
        let coord = (-200.0f64..200.0, -100.0f64..100.0).prop_map(|(x, y)| format!("[{x}, {y}]"));
        let coords =
            proptest::collection::vec(coord, 0..6).prop_map(|c| format!("[{}]", c.join(",")));
        let rings = proptest::collection::vec(coords.clone(), 0..3)
            .prop_map(|r| format!("[{}]", r.join(",")));
        (
            prop_oneof![
                Just("Point"),
                Just("MultiPoint"),
                Just("LineString"),
                Just("MultiLineString"),
                Just("Polygon"),
                Just("MultiPolygon"),
                Just("Blob"),
            ],
            prop_oneof![coords, rings.clone(), rings.prop_map(|r| format!("[{r}]"))],
        )
            .prop_map(|(kind, c)| format!("{{\"type\": \"{kind}\", \"coordinates\": {c}}}"))
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(256))]

        #[test]
        fn any_point_round_trips(lon in -180.0f64..=180.0, lat in -90.0f64..=90.0, days in 0i64..40_000) {
            // Coordinates to 6 decimals (11 cm) read back exactly. Full 17-digit doubles need
            // serde_json's `float_roundtrip` feature: its default parser may be 1 ULP off.
            let (lon, lat) = ((lon * 1e6).round() / 1e6, (lat * 1e6).round() / 1e6);
            let day = d(1950, 1, 1) + chrono::Days::new(days as u64);
            let mut e = Event::at("p", "P", EventDate::new(day, day, Precision::Day), lon, lat);
            e.place = "p".into();
            e.place_name = "P".into();
            e.off_map = !REGION.contains(lon, lat);
            let text = to_text(&events_collection([&e]));
            let (_, loaded) = parse(&text);
            prop_assert!(loaded.problems.is_empty(), "{:?}", loaded.problems);
            prop_assert_eq!(&loaded.records, &vec![e]);
            prop_assert_eq!(to_text(&events_collection(&loaded.records)), text);
        }

        #[test]
        fn arbitrary_bytes_never_panic(bytes in proptest::collection::vec(any::<u8>(), 0..4096)) {
            let text = String::from_utf8_lossy(&bytes);
            let _ = parse(&text);
        }

        #[test]
        fn arbitrary_strings_never_panic(text in "\\PC{0,2000}") {
            let _ = parse(&text);
            let _ = parse(&format!("{{\"type\": \"FeatureCollection\", \"features\": [{text}]}}"));
        }

        #[test]
        fn arbitrary_features_never_panic(
            features in proptest::collection::vec(
                (
                    prop_oneof![Just(None), arb_geometry().prop_map(Some)],
                    proptest::collection::vec(
                        (
                            prop_oneof![
                                Just("id"), Just("start"), Just("end"), Just("time"),
                                Just("times"), Just("date"), Just("timestamp"),
                                Just("precision"), Just("place"), Just("place_name"),
                                Just("category"), Just("actors"), Just("source"),
                                Just("verified"), Just("title"),
                            ],
                            arb_value(),
                        ),
                        0..6,
                    ),
                ),
                0..8,
            )
        ) {
            let features: Vec<String> = features
                .into_iter()
                .map(|(geometry, props)| {
                    let props: Vec<String> =
                        props.into_iter().map(|(k, v)| format!("\"{k}\": {v}")).collect();
                    format!(
                        "{{\"type\": \"Feature\", \"geometry\": {}, \"properties\": {{{}}}}}",
                        geometry.unwrap_or_else(|| "null".to_owned()),
                        props.join(", ")
                    )
                })
                .collect();
            let text = format!(
                "{{\"type\": \"FeatureCollection\", \"features\": [{}]}}",
                features.join(",\n")
            );
            let (_, loaded) = parse(&text);
            for e in &loaded.records {
                prop_assert!(validate_coordinates(e.lat, e.lon).is_ok());
                prop_assert!(e.date.validate().is_ok());
            }
        }
    }
}
