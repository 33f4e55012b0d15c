//! GeoJSON (RFC 7946) writers for events, places and the basemap.

use super::basemap::Basemap;
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

fn feature(id: Option<&str>, geometry: geojson::Geometry, properties: Value) -> Feature {
    let properties: Option<JsonObject> = match properties {
        Value::Object(map) => Some(map),
        _ => None,
    };
    Feature {
        bbox: None,
        geometry: Some(geometry),
        id: id.map(|i| geojson::feature::Id::String(i.to_owned())),
        properties,
        foreign_members: None,
    }
}

/// The GeoJSON properties of an event (the export contract).
pub fn event_properties(e: &Event) -> Value {
    let (start, end) = match e.date.range {
        Some((s, e)) => (
            Value::from(s.format("%Y-%m-%d").to_string()),
            Value::from(e.format("%Y-%m-%d").to_string()),
        ),
        None => (Value::Null, Value::Null),
    };
    json!({
        "id": e.id,
        "title": e.title,
        "summary": e.summary,
        "start": start,
        "end": end,
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
    })
}

/// Events as a FeatureCollection: their own geometry if they have one, else their place's point.
pub fn events_collection<E: std::borrow::Borrow<Event>>(
    events: impl IntoIterator<Item = E>,
) -> FeatureCollection {
    collection(
        events
            .into_iter()
            .map(|e| {
                let e = e.borrow();
                let geometry = e
                    .shape
                    .as_ref()
                    .map(geojson::Geometry::from)
                    .unwrap_or_else(|| point(e.lon, e.lat));
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
                    point(p.lon, p.lat),
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
                feature(None, geojson::Geometry::from(&s.geometry), props)
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
        fc.features.push(feature(None, geometry, props));
    }
    for l in now.lines {
        let geometry = geojson::Geometry::from(&l.lines);
        fc.features
            .push(feature(None, geometry, dated_properties(&l.record, "line")));
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
    fn undated_event_exports_nulls() {
        let e = Event::at("u", "U", EventDate::undated(), 46.0, 39.0);
        let v = serde_json::to_value(events_collection([&e])).unwrap();
        assert_eq!(v["features"][0]["properties"]["start"], Value::Null);
        assert_eq!(v["features"][0]["properties"]["precision"], "undated");
    }
}
