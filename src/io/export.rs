//! GeoJSON (RFC 7946) writers for events, places and the basemap.

use super::basemap::Basemap;
use crate::model::track::Millis;
use crate::model::{Event, Place, Record, Situation};
use chrono::NaiveDate;
use geojson::{Feature, FeatureCollection, JsonObject};
use serde_json::{Value, json};

fn point(lon: f64, lat: f64) -> geojson::Geometry {
    geojson::Geometry::from(&geo::Point::new(lon, lat))
}

fn collection(features: Vec<Feature>) -> FeatureCollection {
    FeatureCollection {
        bbox: None,
        features,
        foreign_members: None,
    }
}

fn feature(id: Option<&str>, geometry: Option<geojson::Geometry>, properties: Value) -> Feature {
    let properties: Option<JsonObject> = match properties {
        Value::Object(map) => Some(map),
        _ => None,
    };
    Feature {
        bbox: None,
        geometry,
        id: id.map(|i| geojson::feature::Id::String(i.to_owned())),
        properties,
        foreign_members: None,
    }
}

/// An instant as RFC 3339 text in UTC, with milliseconds only when it has some
/// (`2022-12-12T06:30:00Z`, `2022-12-12T06:30:00.250Z`).
pub fn instant_text(ms: Millis) -> String {
    chrono::DateTime::from_timestamp_millis(ms).map_or_else(
        || ms.to_string(),
        |t| t.to_rfc3339_opts(chrono::SecondsFormat::AutoSi, true),
    )
}

/// The GeoJSON properties of an event (the export contract). `datetime` is the start day at the
/// source's time of day in ISO 8601 (with the offset when the source gave one), or `null`. A
/// track adds `times`: one instant per vertex of the event's line, as Leaflet.TimeDimension
/// reads them.
pub fn event_properties(e: &Event) -> Value {
    let datetime = match (e.time, e.date.range) {
        (Some(t), Some((start, _))) => Value::from(t.iso_datetime(start)),
        _ => Value::Null,
    };
    let (start, end) = match e.date.range {
        Some((s, e)) => (
            Value::from(s.format("%Y-%m-%d").to_string()),
            Value::from(e.format("%Y-%m-%d").to_string()),
        ),
        None => (Value::Null, Value::Null),
    };
    let mut props = json!({
        "id": e.id,
        "title": e.title,
        "summary": e.summary,
        "start": start,
        "end": end,
        "datetime": datetime,
        "precision": e.date.precision.as_str(),
        "date_text": e.date.text,
        "date_note": e.date.note,
        "place": e.place,
        "place_name": e.place_name,
        "category": e.category.as_str(),
        "category_label": e.category_label,
        "actors": e.actors,
        "source": {
            "document": e.source.document,
            "quote": e.source.quote,
            "publisher": e.source.publisher,
            "published": e.source.published.map(|d| d.format("%Y-%m-%d").to_string()),
        },
        "claimed_by": e.claimed_by,
        "verified": e.verified,
        "notes": e.notes,
        "shape": e.shape_name,
    });
    if let Some(track) = &e.track {
        let times: Vec<String> = track.points().iter().map(|p| instant_text(p.at)).collect();
        props["times"] = Value::from(times);
    }
    props
}

/// Events as a FeatureCollection: their own geometry if they have one (a track's line), else their
/// place's point; unplaced events have a null geometry.
pub fn events_collection<E: std::borrow::Borrow<Event>>(
    events: impl IntoIterator<Item = E>,
) -> FeatureCollection {
    collection(
        events
            .into_iter()
            .map(|e| {
                let e = e.borrow();
                let geometry = match (&e.shape, &e.track) {
                    (Some(shape), _) => Some(geojson::Geometry::from(&**shape)),
                    (None, Some(track)) => Some(geojson::Geometry::from(&track.line())),
                    (None, None) if e.is_placed() => Some(point(e.lon, e.lat)),
                    (None, None) => None,
                };
                feature(Some(&e.id), geometry, event_properties(e))
            })
            .collect(),
    )
}

/// Places as a FeatureCollection of points.
pub fn places_collection(places: &[Place]) -> FeatureCollection {
    collection(
        places
            .iter()
            .map(|p| {
                feature(
                    Some(&p.id),
                    Some(point(p.lon, p.lat)),
                    json!({
                        "id": p.id,
                        "name": p.name,
                        "alt_names": p.alt_names,
                        "kind": p.kind.as_str(),
                        "country": p.country,
                        "geonames_id": p.geonames_id,
                        "note": p.note,
                    }),
                )
            })
            .collect(),
    )
}

/// The basemap as a FeatureCollection.
pub fn basemap_collection(map: &Basemap) -> FeatureCollection {
    let mut fc = collection(
        map.shapes
            .iter()
            .map(|s| {
                let mut props = json!({"name": s.name, "kind": s.kind.as_str()});
                if !s.note.is_empty() {
                    props["note"] = Value::from(s.note.clone());
                }
                feature(None, Some(geojson::Geometry::from(&*s.geometry)), props)
            })
            .collect(),
    );
    if !map.source.is_empty() {
        let mut members = JsonObject::new();
        members.insert("source".to_owned(), Value::from(map.source.clone()));
        fc.foreign_members = Some(members);
    }
    fc
}

/// The properties of a dated record in `export basemap --date` (the export contract).
fn dated_properties(r: &Record, kind: &str) -> Value {
    let day = |d: Option<NaiveDate>| d.map(|d| d.format("%Y-%m-%d").to_string());
    json!({
        "name": r.name,
        "kind": kind,
        "valid_from": day(r.valid.from),
        "valid_to": day(r.valid.to),
        "approximate": r.approximate,
        "source": r.source,
        "how": r.how,
        "text": r.text,
    })
}

/// The basemap as it stood on `day`: its shapes, then one `kind: "control"` feature per area in
/// force (with `status`) and one `kind: "line"` feature per line of contact in force.
pub fn basemap_on_collection(
    map: &Basemap,
    situation: &Situation,
    day: NaiveDate,
) -> FeatureCollection {
    let mut fc = basemap_collection(map);
    let now = situation.in_force(day);
    for a in now.areas {
        let mut props = dated_properties(&a.record, "control");
        props["status"] = Value::from(a.status.as_str());
        let geometry = geojson::Geometry::from(&a.area);
        fc.features.push(feature(None, Some(geometry), props));
    }
    for l in now.lines {
        let geometry = geojson::Geometry::from(&l.lines);
        fc.features.push(feature(
            None,
            Some(geometry),
            dated_properties(&l.record, "line"),
        ));
    }
    fc
}

/// Pretty JSON text of a collection, ending in a newline.
pub fn to_text(fc: &FeatureCollection) -> String {
    let mut text = serde_json::to_string_pretty(fc).unwrap_or_default();
    text.push('\n');
    text
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{EventDate, Precision};
    use chrono::NaiveDate;

    #[test]
    fn event_feature_has_contract_fields() {
        let d = NaiveDate::from_ymd_opt(2012, 2, 1).unwrap();
        let mut e = Event::at(
            "e1",
            "Summons",
            EventDate::new(
                d,
                NaiveDate::from_ymd_opt(2012, 2, 29).unwrap(),
                Precision::Month,
            ),
            51.42,
            35.69,
        );
        e.source.quote = "Last month, Tehran summoned".to_owned();
        let fc = events_collection([&e]);
        let v = serde_json::to_value(&fc).unwrap();
        let f = &v["features"][0];
        assert_eq!(f["geometry"]["coordinates"], json!([51.42, 35.69]));
        assert_eq!(f["properties"]["start"], "2012-02-01");
        assert_eq!(f["properties"]["end"], "2012-02-29");
        assert_eq!(f["properties"]["precision"], "month");
        assert_eq!(
            f["properties"]["source"]["quote"],
            "Last month, Tehran summoned"
        );
        assert_eq!(f["properties"]["claimed_by"], Value::Null);
        assert_eq!(f["properties"]["verified"], true);
    }

    #[test]
    fn tracks_export_their_line_and_times() {
        use crate::model::track::{Track, TrackPoint};
        let mut e = Event::at("t", "Convoy", EventDate::undated(), 46.0, 39.0);
        e.track = Some(
            Track::new(vec![
                TrackPoint {
                    lon: 46.0,
                    lat: 39.0,
                    at: 1_670_803_200_000,
                },
                TrackPoint {
                    lon: 46.5,
                    lat: 39.5,
                    at: 1_670_826_600_250,
                },
            ])
            .unwrap(),
        );
        let v = serde_json::to_value(events_collection([&e])).unwrap();
        let f = &v["features"][0];
        assert_eq!(f["geometry"]["type"], "LineString");
        assert_eq!(
            f["geometry"]["coordinates"],
            json!([[46.0, 39.0], [46.5, 39.5]])
        );
        assert_eq!(
            f["properties"]["times"],
            json!(["2022-12-12T00:00:00Z", "2022-12-12T06:30:00.250Z"])
        );
        assert_eq!(instant_text(-1), "1969-12-31T23:59:59.999Z");
    }

    #[test]
    fn undated_event_exports_nulls() {
        let e = Event::at("u", "U", EventDate::undated(), 46.0, 39.0);
        let v = serde_json::to_value(events_collection([&e])).unwrap();
        assert_eq!(v["features"][0]["properties"]["start"], Value::Null);
        assert_eq!(v["features"][0]["properties"]["precision"], "undated");
        assert_eq!(v["features"][0]["properties"]["datetime"], Value::Null);
    }

    #[test]
    fn unplaced_events_export_null_geometry_and_times_export_as_datetime() {
        let d = NaiveDate::from_ymd_opt(2022, 8, 3).unwrap();
        let mut e = Event::unplaced("u", "U", EventDate::new(d, d, Precision::Day));
        e.time = crate::io::time_parse::parse_time_of_day("10:15+04:00").ok();
        let v = serde_json::to_value(events_collection([&e])).unwrap();
        let f = &v["features"][0];
        assert_eq!(f["geometry"], Value::Null);
        assert_eq!(f["properties"]["datetime"], "2022-08-03T10:15:00+04:00");
        assert_eq!(f["properties"]["start"], "2022-08-03");
    }
}
