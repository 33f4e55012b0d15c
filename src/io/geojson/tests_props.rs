//! Property tests about results: whatever `export events` writes loads back to the same events
//! (read whole or in small chunks, by one thread or two), and the streaming reader agrees with a
//! `serde_json::Value` reading of generated files in any layout. Plus fuzz tests (no panic) on
//! arbitrary bytes read in small chunks by two threads.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use super::split::Tuning;
use super::tests_cases::{events_of, load_text};
use super::*;
use crate::io::export::{events_collection, to_text};
use crate::model::region::REGION;
use crate::model::track::{Track, TrackPoint};
use crate::model::{Category, EventDate, Precision, Source};
use chrono::NaiveDate;
use geo::{Geometry, InteriorPoint, LineString, Polygon};
use proptest::prelude::*;

/// Text that loads back as itself where the loader reads text: not blank, no `;` (actors split
/// there), no surrounding spaces.
fn word() -> impl Strategy<Value = String> {
    "[A-Za-z0-9ÇçŞşƏə\"\\\\/ '.-]{0,10}[A-Za-z0-9ÇçŞşƏə\"]".prop_map(|s| s.trim().to_owned())
}

fn any_text() -> impl Strategy<Value = String> {
    "\\PC{0,24}"
}

fn day() -> impl Strategy<Value = NaiveDate> {
    (0u64..40_000).prop_map(|n| NaiveDate::from_ymd_opt(1950, 1, 1).unwrap() + chrono::Days::new(n))
}

fn date() -> impl Strategy<Value = EventDate> {
    let precision = prop_oneof![
        Just(Precision::Day),
        Just(Precision::Week),
        Just(Precision::Month),
        Just(Precision::Season),
        Just(Precision::Year),
        Just(Precision::Decade),
    ];
    prop_oneof![
        1 => (any_text(), any_text()).prop_map(|(text, note)| EventDate { text, note, ..EventDate::undated() }),
        4 => (day(), 0u64..400, precision, any_text(), any_text()).prop_map(|(s, len, precision, text, note)| EventDate {
            range: Some((s, s + chrono::Days::new(len))),
            precision,
            text,
            note,
        }),
    ]
}

/// A position to six decimals, anywhere on Earth.
fn position() -> impl Strategy<Value = (f64, f64)> + Clone {
    (-180_000_000i64..=180_000_000, -90_000_000i64..=90_000_000)
        .prop_map(|(x, y)| (x as f64 / 1e6, y as f64 / 1e6))
}

/// Where an event is: a point, a line or region, or a track.
#[derive(Clone, Debug)]
enum Where {
    Point(f64, f64),
    Shape(Geometry<f64>),
    Track(Track),
}

fn place() -> impl Strategy<Value = Where> {
    let line = proptest::collection::vec(position(), 2..6);
    prop_oneof![
        4 => position().prop_map(|(x, y)| Where::Point(x, y)),
        1 => line.clone().prop_map(|p| Where::Shape(Geometry::LineString(LineString::from(p)))),
        1 => (position(), 0.1f64..2.0).prop_map(|((x, y), r)| {
            let (x, y) = (x.clamp(-170.0, 170.0), y.clamp(-80.0, 80.0));
            let ring = vec![(x, y), (x + r, y), (x + r, y + r), (x, y + r), (x, y)];
            Where::Shape(Geometry::Polygon(Polygon::new(LineString::from(ring), vec![])))
        }),
        1 => (line, -2_000_000_000_000i64..4_000_000_000_000, proptest::collection::vec(0i64..90_000_000_000, 5))
            .prop_map(|(p, start, steps)| {
                let mut at = start;
                let points = p.iter().zip(steps.iter().cycle()).map(|(&(lon, lat), step)| {
                    at += step;
                    TrackPoint { lon, lat, at }
                }).collect();
                Where::Track(Track::new(points).unwrap())
            }),
    ]
}

fn category() -> impl Strategy<Value = Category> {
    (0usize..Category::ALL.len()).prop_map(|i| Category::ALL[i])
}

prop_compose! {
    fn event(k: usize)(
        title in word(), summary in any_text(), date in date(), at in place(),
        place_name in word(), category in category(), label in any_text(),
        actors in proptest::collection::btree_set(word(), 0..3),
        document in any_text(), quote in any_text(), publisher in proptest::option::of(word()),
        published in proptest::option::of(day()), claimed_by in proptest::option::of(word()),
        verified in any::<bool>(), notes in any_text(), shape_name in proptest::option::of(word()),
    ) -> Event {
        let mut e = Event::at(&format!("e{k}-{title}"), &title, date, 0.0, 0.0);
        e.summary = summary;
        match at {
            Where::Point(x, y) => (e.lon, e.lat) = (x, y),
            Where::Shape(shape) => {
                let p = shape.interior_point().unwrap();
                (e.lon, e.lat) = (p.x(), p.y());
                e.shape = Some(shape.into());
                e.shape_name = shape_name;
            }
            Where::Track(track) => {
                // a track's times date it (`precision: undated` beside `times` is a contradiction)
                if e.date.range.is_none() {
                    let day = |ms| chrono::DateTime::from_timestamp_millis(ms).unwrap().date_naive();
                    e.date.range = Some((day(track.start()), day(track.end())));
                    e.date.precision = Precision::Day;
                }
                e.shape = Some(Geometry::LineString(track.line()).into());
                e.track = Some(track);
                let p = e.shape.as_ref().unwrap().interior_point().unwrap();
                (e.lon, e.lat) = (p.x(), p.y());
            }
        }
        e.place = format!("x-{k}");
        e.place_name = place_name;
        e.off_map = !REGION.contains(e.lon, e.lat);
        e.category = category;
        e.category_label = label;
        e.actors = actors.into_iter().collect();
        e.source = Source { document, quote, publisher, published };
        e.claimed_by = claimed_by;
        e.verified = verified;
        e.notes = notes;
        e
    }
}

fn events() -> impl Strategy<Value = Vec<Event>> {
    (0usize..12).prop_flat_map(|n| (0..n).map(event).collect::<Vec<_>>())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(96))]

    #[test]
    fn exported_events_load_back_the_same(events in events(), chunk in 16usize..4096, split in any::<bool>()) {
        let text = to_text(&events_collection(&events));
        let tuning = Tuning { chunk, split_min: if split { 0 } else { u64::MAX } };
        let load = load_text(&text, &LoadOptions::default(), tuning);
        prop_assert!(load.problems.is_empty(), "{:?}", load.problems);
        let again = events_of(load);
        prop_assert_eq!(&again, &events);
        prop_assert_eq!(to_text(&events_collection(&again)), text);
    }

    #[test]
    fn streaming_agrees_with_a_value_parse(
        features in proptest::collection::vec((position(), word(), day(), any::<bool>(), 0usize..4), 0..20),
        spaces in proptest::collection::vec(prop_oneof![Just(""), Just(" "), Just("\n  "), Just("\t")], 8),
        chunk in 8usize..512,
        split in any::<bool>(),
    ) {
        let sp = |i: usize| spaces[i % spaces.len()];
        let items: Vec<String> = features.iter().enumerate().map(|(k, ((x, y), title, day, id_inside, order))| {
            let id = if *id_inside {
                format!("\"id\":{}\"f{k}\"", sp(k))
            } else {
                format!("\"title\":{}{}", sp(k + 1), serde_json::Value::from(title.as_str()))
            };
            let members = [
                format!("\"type\":{}\"Feature\"", sp(k)),
                format!("\"geometry\":{}{{\"coordinates\":[{x},{}{y}],\"type\":\"Point\"}}", sp(k + 2), sp(k + 3)),
                format!("\"properties\":{}{{{id},{}\"date\":\"{day}\",\"extra\":[1,{{\"a\":[]}}]}}", sp(k + 4), sp(k + 5)),
                format!("\"bbox\":{}[{x},{y},{x},{y}]", sp(k + 6)),
            ];
            let mut ordered: Vec<&String> = members.iter().collect();
            ordered.rotate_left(*order);
            format!("{{{}{}}}", sp(k + 7), ordered.iter().map(|m| m.as_str()).collect::<Vec<_>>().join(","))
        }).collect();
        let text = format!("{{{}\"features\":[{}],\"type\":\"FeatureCollection\",\"name\":\"x\"}}", sp(0), items.join(&format!(",{}", sp(1))));
        let reference: serde_json::Value = serde_json::from_str(&text).unwrap();
        let tuning = Tuning { chunk, split_min: if split { 0 } else { u64::MAX } };
        let load = load_text(&text, &LoadOptions::default(), tuning);
        prop_assert!(load.problems.is_empty(), "{:?}", load.problems);
        let got = events_of(load);
        let expected = reference["features"].as_array().unwrap();
        prop_assert_eq!(got.len(), expected.len());
        for (k, (e, f)) in got.iter().zip(expected).enumerate() {
            let props = &f["properties"];
            let id = props["id"].as_str().map_or(format!("feature-{k}"), str::to_owned);
            prop_assert_eq!(&e.id, &id);
            let title = props["title"].as_str().map_or(id.clone(), str::to_owned);
            prop_assert_eq!(&e.title, &title);
            prop_assert_eq!(e.lon, f["geometry"]["coordinates"][0].as_f64().unwrap());
            prop_assert_eq!(e.lat, f["geometry"]["coordinates"][1].as_f64().unwrap());
            let day: NaiveDate = props["date"].as_str().unwrap().parse().unwrap();
            prop_assert_eq!(e.date.range, Some((day, day)));
        }
    }

    #[test]
    fn fuzz_bytes_in_small_chunks_on_two_threads(
        bytes in proptest::collection::vec(any::<u8>(), 0..2048),
        chunk in 1usize..64,
    ) {
        let text = String::from_utf8_lossy(&bytes);
        let _ = load_text(&text, &LoadOptions::default(), Tuning { chunk, split_min: 0 });
        let _ = load_text(
            &format!("{{\"type\": \"FeatureCollection\", \"features\": [{text}, {text}]}}"),
            &LoadOptions::default(),
            Tuning { chunk, split_min: 0 },
        );
    }
}
