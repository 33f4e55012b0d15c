//! The loader's tests on small files: every awkward case, located problems, round trips, and
//! property tests on arbitrary input.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use super::*;
use crate::io::bundle::bundled_places;
use crate::io::export::{events_collection, to_text};
use crate::io::problem::Problem;
use crate::model::place::validate_coordinates;
use crate::model::region::REGION;
use crate::model::{Category, EventDate, Precision, Source};
use chrono::NaiveDate;
use geo::{Geometry, LineString, Polygon};
use proptest::prelude::*;

const SAMPLE: &str = include_str!("../../../tests/fixtures/events_sample.geojson");

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
    assert!(matches!(road.shape.as_deref(), Some(Geometry::LineString(l)) if l.0.len() == 3));
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
    assert!(matches!(year.shape.as_deref(), Some(Geometry::Polygon(_))));
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
        ("45e-40n", "40°N 45°E")
    );
    assert_eq!(r[0].place_name, "40°N 45°E");
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
    // a bare Feature is read as one (here it has nowhere to be)
    let text = "\n  {\"type\": \"Feature\", \"geometry\": null}";
    let p = only_problem(text);
    assert_eq!((p.line, p.column), pos_of(text, "null"));
    assert_eq!(p.message, "no geometry and no known place");
    let p = only_problem("{\"type\": \"Topology\", \"objects\": {}}");
    assert_eq!((p.line, p.column), (1, 10));
    assert!(
        p.message.starts_with("not GeoJSON: type is `Topology`"),
        "{p}"
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
        geometry = format!("{{\"type\": \"GeometryCollection\", \"geometries\": [{geometry}]}}");
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
    b.shape = Some(
        Geometry::Polygon(Polygon::new(
            LineString::from(vec![(46.3, 39.6), (47.2, 39.6), (47.2, 40.3), (46.3, 40.3)]),
            vec![],
        ))
        .into(),
    );
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
    let coords = proptest::collection::vec(coord, 0..6).prop_map(|c| format!("[{}]", c.join(",")));
    let rings =
        proptest::collection::vec(coords.clone(), 0..3).prop_map(|r| format!("[{}]", r.join(",")));
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
    fn fuzz_arbitrary_bytes_never_panic(bytes in proptest::collection::vec(any::<u8>(), 0..4096)) {
        let text = String::from_utf8_lossy(&bytes);
        let _ = parse(&text);
    }

    #[test]
    fn fuzz_arbitrary_strings_never_panic(text in "\\PC{0,2000}") {
        let _ = parse(&text);
        let _ = parse(&format!("{{\"type\": \"FeatureCollection\", \"features\": [{text}]}}"));
    }

    #[test]
    fn fuzz_arbitrary_features_never_panic(
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
