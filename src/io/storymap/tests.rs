//! Tests of the StoryMapJS loader on small files written for it.

use super::*;
use crate::model::Precision;
use chrono::NaiveDate;
use proptest::prelude::*;
use serde_json::json;

const CASES: &str = include_str!("../../../tests/fixtures/formats/storymap.json");

fn d(y: i32, m: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, day).unwrap()
}

fn load_text(text: &str, options: &LoadOptions) -> Opened {
    let doc: Value = serde_json::from_str(text).unwrap();
    parse_storymap("s.json", text, &doc, options).1
}

fn by_id<'a>(opened: &'a Opened, id: &str) -> &'a Event {
    opened.records.events.iter().find(|e| e.id == id).unwrap()
}

#[test]
fn slides_become_events_and_the_overview_does_not() {
    let opened = load_text(CASES, &LoadOptions::default());
    assert!(opened.problems.is_empty(), "{:?}", opened.problems);
    assert_eq!(opened.records.events.len(), 5);
    assert_eq!(
        opened.notices,
        ["the overview slide “Loader cases for StoryMapJS” is not an event"]
    );
    let full = by_id(&opened, "slide-2");
    assert_eq!(full.date.range, Some((d(2022, 8, 3), d(2022, 8, 3))));
    assert_eq!(full.date.text, "August 3, 2022");
    assert_eq!(full.summary, "Reported at the Lachin / Berdzor road.");
    assert_eq!(
        (full.lon, full.lat, full.place_name.as_str()),
        (46.55, 39.63, "Lachin / Berdzor")
    );
    assert_eq!(full.source.document, "https://example.org/photo.jpg");
    let decade = by_id(&opened, "slide-4");
    assert_eq!(decade.date.precision, Precision::Decade);
    assert_eq!((decade.lon, decade.lat), (44.79, 41.72), "numeric strings");
    let month = by_id(&opened, "slide-6");
    assert_eq!(month.date.range, Some((d(2021, 5, 1), d(2021, 5, 31))));
    assert!(!month.is_placed());
}

#[test]
fn yearless_dates_stay_undated_until_a_year_is_assumed() {
    let opened = load_text(CASES, &LoadOptions::default());
    let aug = by_id(&opened, "slide-3");
    assert_eq!(aug.date.range, None);
    assert_eq!(aug.date.text, "Aug 23", "the wording is kept");
    let wording = by_id(&opened, "slide-5");
    assert_eq!(
        (wording.date.range, wording.date.text.as_str()),
        (None, "the next morning")
    );
    let report = opened.undated.as_ref().unwrap();
    assert_eq!((report.undated, report.total, report.yearless), (2, 5, 1));
    assert_eq!(
        report.message(),
        "2 slides have no recognised date; 1 gives a day or month without a year"
    );
    let assumed = load_text(
        CASES,
        &LoadOptions {
            assume_year: Some(2020),
            ..LoadOptions::default()
        },
    );
    let aug = by_id(&assumed, "slide-3");
    assert_eq!(aug.date.range, Some((d(2020, 8, 23), d(2020, 8, 23))));
    assert!(
        aug.date.note.contains("2020 was assumed"),
        "{}",
        aug.date.note
    );
    assert_eq!(
        by_id(&assumed, "slide-2").date.range.unwrap().0,
        d(2022, 8, 3),
        "years given stay"
    );
    assert_eq!(
        assumed.undated.as_ref().map(|r| (r.undated, r.yearless)),
        Some((1, 0))
    );
    assert!(
        assumed
            .notices
            .iter()
            .any(|n| n.contains("taken to be in 2020"))
    );
}

#[test]
fn impossible_assumed_days_and_bad_locations_are_located() {
    let text = r#"{"storymap": {"slides": [
  {"date": "Feb 29", "location": {"lat": 40, "lon": 44}},
  {"date": "2020", "location": {"lat": "x", "lon": 44}},
  {"date": "2020", "location": {"lat": 40, "lon": 200}}
]}}"#;
    let opened = load_text(
        text,
        &LoadOptions {
            assume_year: Some(2023),
            ..LoadOptions::default()
        },
    );
    let found: Vec<(usize, &str)> = opened
        .problems
        .iter()
        .map(|p| (p.line, p.message.as_str()))
        .collect();
    assert_eq!(found.len(), 3, "{found:?}");
    assert!(
        found[0]
            .1
            .contains("does not exist in the assumed year 2023")
            && found[0].0 == 2
    );
    assert!(found[1].1.contains("not a number") && found[1].0 == 3);
    assert!(
        found[2].1.contains("longitude 200") && found[2].0 == 4,
        "{found:?}"
    );
    let leap = load_text(
        text,
        &LoadOptions {
            assume_year: Some(2024),
            ..LoadOptions::default()
        },
    );
    assert_eq!(leap.records.events[0].date.range.unwrap().0, d(2024, 2, 29));
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    #[test]
    fn fuzz_arbitrary_bytes_never_panic(bytes in proptest::collection::vec(any::<u8>(), 0..400)) {
        let text = String::from_utf8_lossy(&bytes);
        if let Ok(doc) = serde_json::from_str::<Value>(&text) {
            let _ = parse_storymap("f.json", &text, &doc, &LoadOptions::default());
        }
    }

    #[test]
    fn fuzz_any_json_in_slides_never_panics(value in "[\\[\\]{}\",:0-9a-z -]{0,60}") {
        let text = format!(r#"{{"storymap": {{"slides": [{{"date": {value}, "location": {value}, "text": {value}}}]}}}}"#);
        if let Ok(doc) = serde_json::from_str::<Value>(&text) {
            let _ = parse_storymap("f.json", &text, &doc, &LoadOptions::default());
        }
    }

    #[test]
    fn written_slides_load_with_their_dates(days in proptest::collection::vec((700_000i32..740_000, any::<bool>(), any::<bool>()), 1..10), year in 1900i32..2100) {
        let slides: Vec<Value> = days
            .iter()
            .map(|(n, with_year, numeric)| {
                let date = NaiveDate::from_num_days_from_ce_opt(*n).unwrap();
                let text = if *with_year { date.format("%B %-d, %Y").to_string() } else { date.format("%b %-d").to_string() };
                let (lat, lon) = if *numeric { (json!(40.5), json!(45.5)) } else { (json!("40.5"), json!("45.5")) };
                json!({"date": text, "location": {"lat": lat, "lon": lon}})
            })
            .collect();
        let text = json!({"storymap": {"slides": slides}}).to_string();
        let plain = load_text(&text, &LoadOptions::default());
        prop_assert!(plain.problems.is_empty());
        let assumed = load_text(&text, &LoadOptions { assume_year: Some(year), ..LoadOptions::default() });
        for (i, (n, with_year, _)) in days.iter().enumerate() {
            let date = NaiveDate::from_num_days_from_ce_opt(*n).unwrap();
            let e = &plain.records.events[i];
            prop_assert_eq!((e.lon, e.lat), (45.5, 40.5));
            if *with_year {
                prop_assert_eq!(e.date.range, Some((date, date)));
            } else {
                prop_assert_eq!(e.date.range, None, "never a year that is not written");
                let expected = chrono::NaiveDate::from_ymd_opt(year, chrono::Datelike::month(&date), chrono::Datelike::day(&date));
                match (expected, assumed.records.events.iter().find(|a| a.id == e.id)) {
                    (Some(x), Some(a)) => prop_assert_eq!(a.date.range, Some((x, x))),
                    (None, found) => prop_assert!(found.is_none(), "29 February in a common year is a problem"),
                    (Some(_), None) => prop_assert!(false, "the slide is missing"),
                }
            }
        }
    }
}

#[test]
fn files_laid_out_as_the_tools_own_examples() {
    // the layout of StoryMapJS's published examples: "Aug 23" dates, coordinates as strings beside
    // zoom, line and icon keys, and an overview slide at each end
    let text = include_str!("../../../tests/fixtures/formats/storymap_patterns.json");
    let opened = load_text(text, &LoadOptions::default());
    assert!(opened.problems.is_empty(), "{:?}", opened.problems);
    assert_eq!(opened.records.events.len(), 2);
    assert_eq!(opened.notices.len(), 2);
    let first = by_id(&opened, "slide-2");
    assert_eq!((first.lon, first.lat), (-75.5, 23.2));
    assert!(first.off_map);
    assert_eq!(first.summary, "A list item.\nAnother, at 5:00 p.m.");
    assert_eq!(
        opened.undated.as_ref().map(|r| (r.undated, r.yearless)),
        Some((2, 2))
    );
    let assumed = load_text(
        text,
        &LoadOptions {
            assume_year: Some(2005),
            ..LoadOptions::default()
        },
    );
    assert_eq!(
        by_id(&assumed, "slide-3").date.range,
        Some((d(2005, 8, 26), d(2005, 8, 26)))
    );
}
