//! Tests of the TimelineJS loader on small files written for it.

use super::*;
use crate::io::Basemap;
use crate::io::atlas_csv::{read_csv, write_csv};
use crate::model::Precision;
use proptest::prelude::*;
use serde_json::json;

const CASES: &str = include_str!("../../../tests/fixtures/formats/timeline.json");

fn d(y: i32, m: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, day).unwrap()
}

fn load_text(text: &str, options: &LoadOptions) -> Opened {
    let doc: Value = serde_json::from_str(text).unwrap();
    parse_timelinejs("t.json", text, &doc, options).1
}

fn by_id<'a>(opened: &'a Opened, id: &str) -> &'a Event {
    opened.records.events.iter().find(|e| e.id == id).unwrap()
}

#[test]
fn events_with_every_kind_of_date_part() {
    let opened = load_text(CASES, &LoadOptions::default());
    let strings = by_id(&opened, "strings");
    assert_eq!(strings.date.range, Some((d(2020, 9, 27), d(2020, 9, 27))));
    assert_eq!(strings.time.map(|t| t.iso()), Some("07:15:00".to_owned()));
    assert_eq!(strings.title, "Parts as strings");
    assert_eq!(
        strings.summary,
        "Fighting was reported near Shusha / Shushi."
    );
    assert_eq!(strings.category_label, "Military");
    assert_eq!(strings.source.document, "https://example.org/report");
    assert_eq!(strings.source.publisher.as_deref(), Some("Example Agency"));
    assert_eq!(
        (strings.lon, strings.lat, strings.place_name.as_str()),
        (46.75, 39.76, "Shusha / Shushi")
    );
    assert!(strings.notes.contains("Media caption: A caption"));
    assert!(
        strings
            .notes
            .contains("Era (from the timeline's eras): Era for the test"),
        "{}",
        strings.notes
    );
    let numbers = by_id(&opened, "numbers");
    assert_eq!(numbers.date.range, Some((d(2020, 11, 10), d(2020, 11, 12))));
    assert_eq!(numbers.date.precision, Precision::Day);
    let year = by_id(&opened, "empty-month");
    assert_eq!(year.date.range, Some((d(2021, 1, 1), d(2021, 12, 31))));
    assert_eq!(
        (year.date.precision, year.date.text.as_str()),
        (Precision::Year, "Sometime in 2021")
    );
    assert!(!year.is_placed(), "no location: unplaced");
    assert_eq!(year.source.document, "t.json");
    let bce = by_id(&opened, "negative-year");
    assert_eq!(bce.date.range.unwrap().0, d(-500, 1, 1));
    let undated = by_id(&opened, "event-6");
    assert_eq!(undated.date.range, None);
    assert_eq!(
        opened.notices,
        ["the title slide “Loader cases for TimelineJS” is not an event"]
    );
}

#[test]
fn huge_years_are_refused_where_they_are_written() {
    let opened = load_text(CASES, &LoadOptions::default());
    assert_eq!(opened.records.events.len(), 5);
    let p = &opened.problems[0];
    assert_eq!(opened.problems.len(), 1);
    assert!(
        p.message
            .contains("year 65000000 is outside the years the atlas can show"),
        "{p}"
    );
    let line = CASES
        .lines()
        .position(|l| l.contains("\"65000000\""))
        .unwrap()
        + 1;
    assert_eq!(p.line, line);
}

#[test]
fn the_undated_report_offers_the_date_looking_keys() {
    let opened = load_text(CASES, &LoadOptions::default());
    let report = opened.undated.as_ref().unwrap();
    assert_eq!(
        (report.undated, report.total, report.noun.as_str()),
        (1, 6, "events")
    );
    let names: Vec<&str> = report.candidates.iter().map(|c| c.name.as_str()).collect();
    assert!(
        names.contains(&"start_date") && names.contains(&"reported"),
        "{names:?}"
    );
    let options = LoadOptions {
        time_field: Some(("reported".to_owned(), None)),
        ..LoadOptions::default()
    };
    let chosen = load_text(CASES, &options);
    assert_eq!(
        by_id(&chosen, "event-6").date.range,
        Some((d(2022, 8, 3), d(2022, 8, 3)))
    );
}

#[test]
fn bad_events_and_shapes() {
    let text = r#"{"events": [
  {"start_date": {"year": 2020, "month": 2, "day": 30}},
  {"start_date": {"year": 2020}, "end_date": {"year": 2019}},
  {"start_date": {"year": 2020}, "location": {"lat": "north", "lon": 44}},
  "not an event",
  {"unique_id": "x", "start_date": {"year": 2020}},
  {"unique_id": "x", "start_date": {"year": 2021}}
]}"#;
    let opened = load_text(text, &LoadOptions::default());
    let found: Vec<(usize, &str)> = opened
        .problems
        .iter()
        .map(|p| (p.line, p.message.as_str()))
        .collect();
    assert_eq!(found.len(), 5, "{found:?}");
    assert!(found[0].1.contains("not a real calendar date") && found[0].0 == 2);
    assert!(found[1].1.contains("before the start") && found[1].0 == 3);
    assert!(found[2].1.contains("not a number") && found[2].0 == 4);
    assert_eq!(found[3], (5, "an event must be an object"));
    assert_eq!(found[4], (7, "duplicate event id `x`"));
    let not_list = load_text(r#"{"events": {"a": 1}}"#, &LoadOptions::default());
    assert_eq!(not_list.problems[0].message, "`events` must be a list");
}

/// One generated event: year, month (0: none), day (0: none), hour, location.
type Gen = (i32, u32, u32, Option<u32>, Option<(f64, f64)>);

fn event_strategy() -> impl Strategy<Value = Gen> {
    (
        -3000i32..3000,
        0u32..13,
        0u32..29,
        proptest::option::of(0u32..24),
        proptest::option::of((-179.0f64..179.0, -89.0f64..89.0)),
    )
}

fn written(events: &[Gen], as_strings: bool) -> String {
    let part = |n: i64| {
        if as_strings {
            json!(n.to_string())
        } else {
            json!(n)
        }
    };
    let list: Vec<Value> = events
        .iter()
        .enumerate()
        .map(|(i, (y, m, day, hour, loc))| {
            let mut start = json!({"year": part(i64::from(*y))});
            if *m > 0 {
                start["month"] = part(i64::from(*m));
                if *day > 0 {
                    start["day"] = part(i64::from(*day));
                    if let Some(h) = hour {
                        start["hour"] = part(i64::from(*h));
                    }
                }
            } else {
                start["month"] = json!("");
            }
            let mut ev = json!({"unique_id": format!("e{i}"), "start_date": start, "text": {"headline": format!("<b>E{i}</b>")}});
            if let Some((lon, lat)) = loc {
                ev["location"] = json!({"lat": lat, "lon": lon});
            }
            ev
        })
        .collect();
    serde_json::to_string_pretty(&json!({"events": list})).unwrap()
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    #[test]
    fn fuzz_arbitrary_bytes_never_panic(bytes in proptest::collection::vec(any::<u8>(), 0..400)) {
        let text = String::from_utf8_lossy(&bytes);
        if let Ok(doc) = serde_json::from_str::<Value>(&text) {
            let _ = parse_timelinejs("f.json", &text, &doc, &LoadOptions::default());
        }
    }

    #[test]
    fn fuzz_any_json_in_events_never_panics(value in "[\\[\\]{}\",:0-9a-z -]{0,60}") {
        let text = format!(r#"{{"events": [{{"start_date": {value}, "location": {value}}}]}}"#);
        if let Ok(doc) = serde_json::from_str::<Value>(&text) {
            let _ = parse_timelinejs("f.json", &text, &doc, &LoadOptions::default());
        }
    }

    #[test]
    fn written_events_load_with_their_dates_and_survive_csv(events in proptest::collection::vec(event_strategy(), 1..10), as_strings: bool) {
        let text = written(&events, as_strings);
        let opened = load_text(&text, &LoadOptions::default());
        prop_assert!(opened.problems.is_empty(), "{:?}", opened.problems);
        let loaded = &opened.records.events;
        for (e, (y, m, day, hour, loc)) in loaded.iter().zip(&events) {
            let (start, _) = e.date.range.unwrap();
            prop_assert_eq!(chrono::Datelike::year(&start), *y);
            let precision = match (m, day) { (0, _) => Precision::Year, (_, 0) => Precision::Month, _ => Precision::Day };
            prop_assert_eq!(e.date.precision, precision);
            prop_assert_eq!(e.time.is_some(), precision == Precision::Day && hour.is_some());
            prop_assert_eq!(e.is_placed(), loc.is_some());
            prop_assert_eq!(&e.title, &e.title.replace(['<', '>'], ""));
        }
        // whatever loads, written as atlas CSV, reads back the same
        let csv = write_csv(loaded).unwrap();
        let (_, back) = read_csv("b.csv", csv.as_bytes(), &Basemap::default());
        prop_assert!(back.problems.is_empty(), "{:?}", back.problems);
        for (a, b) in loaded.iter().zip(&back.records) {
            prop_assert_eq!((&a.id, &a.date, a.time), (&b.id, &b.date, b.time));
            prop_assert_eq!(a.is_placed(), b.is_placed());
            if a.is_placed() {
                prop_assert_eq!((a.lon, a.lat), (b.lon, b.lat));
            }
        }
    }
}

#[test]
fn files_laid_out_as_the_tools_own_examples() {
    // the layout of TimelineJS's published examples: tabs, empty parts, null credits, a quote as
    // media, `uniqueid`
    let text = include_str!("../../../tests/fixtures/formats/timeline_patterns.json");
    let opened = load_text(text, &LoadOptions::default());
    assert!(opened.problems.is_empty(), "{:?}", opened.problems);
    let first = by_id(&opened, "event-1");
    assert_eq!(first.date.precision, Precision::Year);
    assert_eq!(
        first.source.quote,
        "A quoted sentence, shown as the slide's media."
    );
    assert_eq!(first.source.document, "t.json");
    assert_eq!(first.source.publisher, None);
    assert_eq!(
        first.summary,
        "Tabs in the layout, empty parts, null credits, a quote as media, a link (#make)."
    );
    let second = by_id(&opened, "older-id-key");
    assert_eq!(second.date.range, Some((d(1985, 1, 5), d(1990, 12, 31))));
    assert_eq!(
        second.date.precision,
        Precision::Year,
        "the coarser of day and year"
    );
    assert_eq!(second.time.map(|t| t.iso()), Some("06:45:56".to_owned()));
}
