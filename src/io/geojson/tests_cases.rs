//! Awkward GeoJSON on small files written here: bare Features and geometries, every time key,
//! intervals, tracks, undated features and chosen time fields, USGS-style features, compact rows
//! read again from disk, and two-thread reading.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use super::load::load;
use super::split::Tuning;
use super::*;
use crate::io::bundle::bundled_places;
use crate::io::export::{events_collection, to_text};
use crate::model::track::{DAY_MILLIS, millis_of_day};
use crate::model::{Dataset, Precision};
use chrono::{NaiveDate, NaiveTime};
use geo::Geometry;

fn d(y: i32, m: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, day).unwrap()
}

/// Loads text held in memory, read `tuning`'s way.
pub fn load_text(text: &str, options: &LoadOptions, tuning: Tuning) -> GeoJsonLoad {
    let memory = Arc::new(Memory(Arc::from(text.as_bytes())));
    load(
        "t.geojson",
        &*memory,
        memory.clone(),
        &bundled_places(),
        options,
        tuning,
    )
}

/// The events of a load in file order.
pub fn events_of(load: GeoJsonLoad) -> Vec<Event> {
    in_file_order(load.records, &load.whole_offsets)
}

fn simple(text: &str) -> (Vec<Event>, Vec<Problem>, GeoJsonLoadRest) {
    let load = load_text(text, &LoadOptions::default(), Tuning::default());
    let rest = GeoJsonLoadRest {
        notices: load.notices.clone(),
        undated: load.undated.clone(),
    };
    let problems = load.problems.clone();
    (events_of(load), problems, rest)
}

/// What a load says besides its events and problems.
struct GeoJsonLoadRest {
    notices: Vec<String>,
    undated: Option<crate::io::open::UndatedReport>,
}

fn feature(geometry: &str, props: &str) -> String {
    format!("{{\"type\": \"Feature\", \"geometry\": {geometry}, \"properties\": {{{props}}}}}")
}

fn collection(features: &[String]) -> String {
    format!(
        "{{\"type\": \"FeatureCollection\", \"features\": [\n{}\n]}}\n",
        features.join(",\n")
    )
}

const POINT: &str = "{\"type\": \"Point\", \"coordinates\": [45.0, 40.0]}";

#[test]
fn a_bare_feature_is_one_event() {
    let text = feature(POINT, "\"title\": \"Sample\", \"date\": \"2021-05\"");
    let (events, problems, _) = simple(&text);
    assert!(problems.is_empty(), "{problems:?}");
    assert_eq!(events.len(), 1);
    let e = &events[0];
    assert_eq!((e.id.as_str(), e.title.as_str()), ("feature-0", "Sample"));
    assert_eq!(e.date.range, Some((d(2021, 5, 1), d(2021, 5, 31))));
    assert_eq!(e.date.precision, Precision::Month);
    assert_eq!((e.lon, e.lat), (45.0, 40.0));
}

#[test]
fn a_bare_geometry_is_one_undated_event() {
    let text = "\n{\"type\": \"LineString\", \"coordinates\": [[45, 40], [46, 41]]}\n";
    let (events, problems, rest) = simple(text);
    assert!(problems.is_empty(), "{problems:?}");
    assert_eq!(events.len(), 1);
    assert!(matches!(events[0].shape.as_deref(), Some(Geometry::LineString(l)) if l.0.len() == 2));
    assert_eq!(events[0].date.precision, Precision::Undated);
    let report = rest.undated.unwrap();
    assert_eq!(report.message(), "1 feature has no recognised date");
    let text = "{\"type\": \"GeometryCollection\", \"geometries\": [{\"type\": \"Point\", \"coordinates\": [45, 40]}]}";
    let (events, problems, _) = simple(text);
    assert!(problems.is_empty(), "{problems:?}");
    assert!(matches!(
        events[0].shape.as_deref(),
        Some(Geometry::GeometryCollection(_))
    ));
}

#[test]
fn every_time_key_gives_its_date() {
    let cases = [
        (
            "\"start_date\": \"2020-01-01\", \"end_date\": \"2020-02-01\"",
            d(2020, 1, 1),
            d(2020, 2, 1),
            Precision::Day,
        ),
        (
            "\"startDate\": \"2020-01\", \"endDate\": \"2020-03\"",
            d(2020, 1, 1),
            d(2020, 3, 31),
            Precision::Month,
        ),
        (
            "\"date_start\": \"2019\", \"date_end\": \"2020\"",
            d(2019, 1, 1),
            d(2020, 12, 31),
            Precision::Year,
        ),
        (
            "\"datetime\": \"2022-08-03T14:30:00+04:00\"",
            d(2022, 8, 3),
            d(2022, 8, 3),
            Precision::Day,
        ),
        (
            "\"event_date\": \"03 August 2022\"",
            d(2022, 8, 3),
            d(2022, 8, 3),
            Precision::Day,
        ),
        (
            "\"Date\": \"3-Aug-22\"",
            d(2022, 8, 3),
            d(2022, 8, 3),
            Precision::Day,
        ),
        (
            "\"year\": 2012",
            d(2012, 1, 1),
            d(2012, 12, 31),
            Precision::Year,
        ),
        (
            "\"from\": \"2021-11-22\", \"to\": \"2021-11-24\"",
            d(2021, 11, 22),
            d(2021, 11, 24),
            Precision::Day,
        ),
        (
            "\"date\": \"2020-01-01/2020-02-01\"",
            d(2020, 1, 1),
            d(2020, 2, 1),
            Precision::Day,
        ),
        (
            "\"date\": \"2020/2021-06\"",
            d(2020, 1, 1),
            d(2021, 6, 30),
            Precision::Year,
        ),
        (
            "\"time\": 1637575200000",
            d(2021, 11, 22),
            d(2021, 11, 22),
            Precision::Day,
        ),
        (
            "\"timestamp\": \"1637575200000\"",
            d(2021, 11, 22),
            d(2021, 11, 22),
            Precision::Day,
        ),
    ];
    let features: Vec<String> = cases.iter().map(|c| feature(POINT, c.0)).collect();
    let (events, problems, rest) = simple(&collection(&features));
    assert!(problems.is_empty(), "{problems:?}");
    assert!(rest.undated.is_none());
    for (e, (props, start, end, precision)) in events.iter().zip(cases) {
        assert_eq!(e.date.range, Some((start, end)), "{props}");
        assert_eq!(e.date.precision, precision, "{props}");
    }
}

#[test]
fn bad_times_are_located() {
    let text = collection(&[
        feature(POINT, "\"id\": \"a\", \"date\": \"2021-03-01/2021-02-01\""),
        feature(POINT, "\"id\": \"b\", \"start_date\": \"2021-02-30\""),
        feature(POINT, "\"id\": \"c\", \"year\": 1e9"),
    ]);
    let (events, problems, _) = simple(&text);
    assert!(events.is_empty());
    let messages: Vec<(usize, &str)> = problems
        .iter()
        .map(|p| (p.line, p.message.as_str()))
        .collect();
    assert_eq!(
        messages,
        [
            (2, "end 2021-02-01 is before start 2021-03-01"),
            (3, "`2021-02-30` is not a real calendar date"),
            (4, "year 1000000000.0 is not a usable year"),
        ]
    );
    let col = text.lines().nth(2).unwrap().find("\"2021-02-30\"").unwrap() + 1;
    assert_eq!(problems[1].column, col);
}

const TRACK: &str =
    "{\"type\": \"LineString\", \"coordinates\": [[45.0, 40.0], [46.0, 40.0], [46.0, 41.0]]}";

#[test]
fn a_line_with_a_time_per_vertex_is_a_track() {
    let text = collection(&[
        feature(
            TRACK,
            "\"id\": \"convoy\", \"times\": [\"2022-12-12T06:00:00Z\", \"2022-12-12T18:00:00Z\", 1670889600000]",
        ),
        feature(
            TRACK,
            "\"id\": \"ship\", \"coordTimes\": [\"2022-12-12\", \"2022-12-13\", \"2022-12-15\"]",
        ),
        feature(
            TRACK,
            "\"id\": \"short\", \"times\": [\"2022-12-12\", \"2022-12-15\"]",
        ),
    ]);
    let (events, problems, rest) = simple(&text);
    assert!(problems.is_empty(), "{problems:?}");
    let day = millis_of_day(crate::model::date::day_of(d(2022, 12, 12)));
    let convoy = events[0].track.as_ref().unwrap();
    let at: Vec<i64> = convoy.points().iter().map(|p| p.at).collect();
    assert_eq!(
        at,
        [
            day + DAY_MILLIS / 4,
            day + 3 * DAY_MILLIS / 4,
            day + DAY_MILLIS
        ]
    );
    assert_eq!(
        events[0].date.range,
        Some((d(2022, 12, 12), d(2022, 12, 13)))
    );
    // noon: half way along the first leg
    assert_eq!(
        convoy.progress(day + DAY_MILLIS / 2).head,
        Some([45.5, 40.0])
    );
    assert_eq!(
        events[1].track.as_ref().unwrap().points()[2].at,
        day + 3 * DAY_MILLIS
    );
    // a time list that does not match the vertices is no track, and the load says so
    assert_eq!(events[2].track, None);
    assert_eq!(
        events[2].date.range,
        Some((d(2022, 12, 12), d(2022, 12, 15)))
    );
    assert_eq!(rest.notices.len(), 1);
    assert!(
        rest.notices[0].starts_with("1 line has a time list"),
        "{}",
        rest.notices[0]
    );
    // the dataset lists the tracks for the map
    let data = Dataset::new(events.clone(), Vec::new());
    let ids: Vec<&str> = data.tracks().map(|(i, _)| data.id(i).unwrap()).collect();
    assert_eq!(ids, ["convoy", "ship"]);
    // export and load again: the same tracks
    let exported = to_text(&events_collection(&events));
    let (again, problems, _) = simple(&exported);
    assert!(problems.is_empty(), "{problems:?}");
    assert_eq!(again, events);
}

#[test]
fn a_track_that_goes_back_is_a_located_problem() {
    let text = collection(&[feature(
        TRACK,
        "\"id\": \"x\", \"times\": [\"2022-12-12\", \"2022-12-14\", \"2022-12-13\"]",
    )]);
    let (events, problems, _) = simple(&text);
    assert!(events.is_empty());
    assert_eq!(
        problems[0].message,
        "`times` goes back in time: value 2 is earlier than the one before it"
    );
    let col = text.lines().nth(1).unwrap().find("\"2022-12-13\"").unwrap() + 1;
    assert_eq!((problems[0].line, problems[0].column), (2, col));
}

const UNDATED: &str = r#"{"type": "FeatureCollection", "features": [
 {"type": "Feature", "geometry": {"type": "Point", "coordinates": [45, 40]}, "properties": {"id": "a", "fecha": "2022-08-03", "hasta": "2022-09-01", "name": "A"}},
 {"type": "Feature", "geometry": {"type": "Point", "coordinates": [45, 40]}, "properties": {"id": "b", "fecha": "2022-08-05", "code": "12"}},
 {"type": "Feature", "geometry": {"type": "Point", "coordinates": [45, 40]}, "properties": {"id": "c", "date": "2021"}}
]}"#;

#[test]
fn undated_features_are_reported_with_fields_that_look_like_dates() {
    let (events, problems, rest) = simple(UNDATED);
    assert!(problems.is_empty(), "{problems:?}");
    assert_eq!(events.len(), 3);
    let report = rest.undated.unwrap();
    assert_eq!((report.undated, report.total), (2, 3));
    assert_eq!(
        report.message(),
        "2 features have no recognised date; fields that look like dates: fecha, hasta"
    );
    assert_eq!(report.candidates[0].samples, ["2022-08-03", "2022-08-05"]);
    assert_eq!(report.candidates[1].records, 1);
}

#[test]
fn chosen_time_fields_date_every_feature() {
    let options = LoadOptions {
        time_field: Some(("fecha".to_owned(), Some("hasta".to_owned()))),
        ..LoadOptions::default()
    };
    let load = load_text(UNDATED, &options, Tuning::default());
    assert!(load.problems.is_empty(), "{:?}", load.problems);
    let report = load.undated.clone().unwrap();
    // `c` has no `fecha`: still undated, and said so
    assert_eq!(report.message(), "1 feature has no recognised date");
    let events = events_of(load);
    assert_eq!(events[0].date.range, Some((d(2022, 8, 3), d(2022, 9, 1))));
    assert_eq!(events[1].date.range, Some((d(2022, 8, 5), d(2022, 8, 5))));
    assert_eq!(events[2].date.range, None);
    let bad = LoadOptions {
        time_field: Some(("name".to_owned(), None)),
        ..LoadOptions::default()
    };
    let load = load_text(UNDATED, &bad, Tuning::default());
    assert_eq!(
        load.problems[0].message,
        "`A` is not a date (expected 2022-08-03, 3 August 2022, August 3, 2022, March 2021, \
         2021/03/05 or 03.08.2022, with or without a time of day after it)"
    );
    assert_eq!(load.problems[0].line, 2);
}

const USGS: &str = r#"{"type":"FeatureCollection","metadata":{"generated":1700000000000,"title":"Sample earthquakes","count":2},"features":[{"type":"Feature","properties":{"mag":4.5,"place":"10 km N of Somewhere","time":1637575200123,"updated":1637576000000,"tz":null,"status":"reviewed","type":"earthquake","title":"M 4.5 - 10 km N of Somewhere"},"geometry":{"type":"Point","coordinates":[45.1,40.2,10.5]},"id":"us1000abcd"},{"type":"Feature","properties":{"mag":2.1,"place":"5 km S of Elsewhere","time":1637661600000,"title":"M 2.1 - 5 km S of Elsewhere"},"geometry":{"type":"Point","coordinates":[46.3,39.9,5]},"id":"us1000abce"}],"bbox":[45.1,39.9,5,46.3,40.2,10.5]}"#;

#[test]
fn usgs_style_features_load_with_their_time_of_day() {
    let load = load_text(USGS, &LoadOptions::default(), Tuning::default());
    assert!(load.problems.is_empty(), "{:?}", load.problems);
    let events = events_of(load);
    assert_eq!(events.len(), 2);
    let e = &events[0];
    assert_eq!(
        (e.id.as_str(), e.title.as_str()),
        ("us1000abcd", "M 4.5 - 10 km N of Somewhere")
    );
    assert_eq!(e.date.range, Some((d(2021, 11, 22), d(2021, 11, 22))));
    assert_eq!((e.lon, e.lat), (45.1, 40.2));
    assert_eq!(e.place_name, "10 km N of Somewhere");
    // the time of day is kept for the hand-over to the event
    let lookup = convert::Lookup::new(&[], None);
    let value: raw::FeatureValue = serde_json::from_str(
        r#"{"type":"Feature","properties":{"time":1637575200123},"geometry":{"type":"Point","coordinates":[45,40]}}"#,
    )
    .unwrap();
    let parts = convert::convert(&value, convert::IdFallback::Index(0), &lookup).unwrap();
    let clock = parts.clock.unwrap();
    assert_eq!(
        clock.time,
        NaiveTime::from_hms_milli_opt(10, 0, 0, 123).unwrap()
    );
    assert_eq!(clock.utc_offset, Some(0));
}

#[test]
fn points_become_rows_read_again_from_disk() {
    let text = collection(&[
        feature(
            POINT,
            "\"id\": \"p\", \"title\": \"Point\", \"date\": \"2021\", \"notes\": \"Kept in the file\", \"source\": \"S\"",
        ),
        feature(
            POINT,
            "\"id\": \"q\", \"title\": \"Claimed\", \"claimed_by\": \"A ministry\"",
        ),
        feature(TRACK, "\"id\": \"r\", \"title\": \"Line\""),
        feature(POINT, "\"id\": \"s\", \"title\": \"Second\""),
    ]);
    let dir = tempfile::Builder::new()
        .prefix("atlas-geo-rows-")
        .tempdir()
        .unwrap();
    let path = dir.path().join("rows.geojson");
    std::fs::write(&path, &text).unwrap();
    let load = load_file(
        &path,
        "rows.geojson",
        &bundled_places(),
        &LoadOptions::default(),
    );
    assert!(load.problems.is_empty(), "{:?}", load.problems);
    // the plain point is a row; the claimed one and the line are whole
    assert_eq!(load.records.stores.len(), 1);
    let store = load.records.stores[0].clone();
    assert_eq!(store.len(), 2);
    assert_eq!(store.origin(0), ("rows.geojson", 2));
    assert_eq!(store.origin(1), ("rows.geojson", 5));
    assert_eq!(load.records.events.len(), 2);
    let e = store.event(0);
    assert_eq!(
        (e.notes.as_str(), e.source.document.as_str()),
        ("Kept in the file", "S")
    );
    assert_eq!(e.source.quote, "Kept in the file");
    let query_hits = store
        .scan("kept in", &std::sync::atomic::AtomicBool::new(false))
        .unwrap();
    assert_eq!(query_hits, [0]);
    // a key is not a match, nor text of a whole event between rows
    assert!(
        store
            .scan("notes", &std::sync::atomic::AtomicBool::new(false))
            .unwrap()
            .is_empty()
    );
    assert!(
        store
            .scan("ministry", &std::sync::atomic::AtomicBool::new(false))
            .unwrap()
            .is_empty()
    );
    std::fs::write(&path, text.replace("Kept", "Changed")).unwrap();
    let changed = store.event(1);
    assert!(
        changed.notes.contains("changed since it was loaded"),
        "{}",
        changed.notes
    );
    assert_eq!(changed.title, "Second");
    dir.close().unwrap();
}

#[test]
fn a_cut_file_keeps_the_features_before_the_cut() {
    let text = collection(&[
        feature(POINT, "\"id\": \"a\", \"date\": \"2021\""),
        feature(POINT, "\"id\": \"b\", \"date\": \"2022\""),
    ]);
    let cut = &text[..text.find("\"id\": \"b\"").unwrap()];
    let (events, problems, _) = simple(cut);
    assert_eq!(events.len(), 1);
    assert_eq!(problems.len(), 1);
    assert!(
        problems[0].message.contains("EOF"),
        "{}",
        problems[0].message
    );
    assert_eq!(problems[0].line, 3);
}

#[test]
fn two_threads_read_what_one_does() {
    let mut features = Vec::new();
    for k in 0..300 {
        let props = match k % 5 {
            0 => format!(
                "\"title\": \"T{}\", \"date\": \"2021-0{}\"",
                k % 7,
                1 + k % 9
            ),
            1 => format!(
                "\"id\": \"dup{}\", \"place_name\": \"Village {}\"",
                k % 40,
                k % 11
            ),
            2 => "\"date\": \"2021-02-30\"".to_owned(),
            3 => format!("\"id\": \"t{k}\", \"times\": [\"2020\", \"2021\", \"2022\"]"),
            _ => format!("\"id\": \"u{k}\", \"fecha\": \"2020-01-0{}\"", 1 + k % 9),
        };
        let geometry = if k % 5 == 3 { TRACK } else { POINT };
        features.push(feature(geometry, &props));
    }
    let text = collection(&features);
    let one = load_text(&text, &LoadOptions::default(), Tuning::default());
    for chunk in [64, 1000, 1 << 20] {
        let two = load_text(
            &text,
            &LoadOptions::default(),
            Tuning {
                chunk,
                split_min: 0,
            },
        );
        assert_eq!(two.problems, one.problems, "chunk {chunk}");
        assert_eq!(two.undated, one.undated);
        assert_eq!(two.notices, one.notices);
        let (p1, p2) = (one.places.len(), two.places.len());
        assert_eq!(p1, p2);
        let lines = |l: &GeoJsonLoad| l.records.stores.first().map(|s| s.rows().line.clone());
        assert_eq!(lines(&two), lines(&one));
        assert_eq!(
            events_of(two),
            events_of(load_text(&text, &LoadOptions::default(), Tuning::default())),
            "chunk {chunk}"
        );
    }
    // the repeated ids were reported once each, after their first
    let repeats = one
        .problems
        .iter()
        .filter(|p| p.message.starts_with("duplicate"))
        .count();
    let dup_ids: std::collections::HashSet<usize> =
        (0..300).filter(|k| k % 5 == 1).map(|k| k % 40).collect();
    assert_eq!(repeats, 60 - dup_ids.len());
}

#[test]
fn untyped_features_are_read_alone_when_the_guess_cannot_be_confirmed() {
    // the second thread needs a feature typed `Feature` to start from; without one the first
    // reads on by itself, and the result is the same
    let features: Vec<String> = (0..200)
        .map(|k| {
            format!(
                "{{\"geometry\": {POINT}, \"properties\": {{\"id\": \"u{k}\", \"date\": \"2021\"}}}}"
            )
        })
        .collect();
    let text = collection(&features);
    let split = load_text(
        &text,
        &LoadOptions::default(),
        Tuning {
            chunk: 100,
            split_min: 0,
        },
    );
    assert!(split.problems.is_empty(), "{:?}", split.problems);
    let lines = split.records.stores[0].rows().line.clone();
    assert_eq!(lines, (2..202).collect::<Vec<u32>>());
    let events = events_of(split);
    assert_eq!(events.len(), 200);
    assert_eq!(events[199].id, "u199");
}
