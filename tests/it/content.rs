//! The bundled content: every event loads, cites its seed verbatim, and keeps honest dates.

use caucasus_atlas::io::bundle::{
    EVENTS_JSON, PLACES_JSON, bundled_basemap, index_places, seed_text,
};
use caucasus_atlas::io::bundled::{parse_events, parse_places};
use caucasus_atlas::model::Precision;
use chrono::Datelike;

fn bundled_events() -> Vec<caucasus_atlas::model::Event> {
    let places = parse_places("assets/places.json", PLACES_JSON).records;
    parse_events(
        "assets/events.json",
        EVENTS_JSON,
        &index_places(&places),
        Some(&bundled_basemap()),
    )
    .records
}

#[test]
fn every_bundled_event_loads_without_problems() {
    let places = parse_places("assets/places.json", PLACES_JSON);
    assert!(places.problems.is_empty(), "{:?}", places.problems);
    let loaded = parse_events(
        "assets/events.json",
        EVENTS_JSON,
        &index_places(&places.records),
        Some(&bundled_basemap()),
    );
    assert!(loaded.problems.is_empty(), "{:?}", loaded.problems);
    assert!(loaded.records.len() > 30, "{}", loaded.records.len());
}

#[test]
fn quotes_are_verbatim_and_dates_match_their_precision() {
    let events = bundled_events();
    for e in &events {
        let seed =
            seed_text(&e.source.document).unwrap_or_else(|| panic!("{}: unknown seed", e.id));
        assert!(
            seed.contains(&e.source.quote),
            "{}: quote not verbatim",
            e.id
        );
        let Some((s, end)) = e.date.range else {
            assert_eq!(e.date.precision, Precision::Undated, "{}", e.id);
            continue;
        };
        let days = (end - s).num_days() + 1;
        match e.date.precision {
            Precision::Day => assert!(days >= 1, "{}", e.id),
            Precision::Week => assert_eq!(days, 7, "{}", e.id),
            Precision::Month => {
                assert_eq!(s.day(), 1, "{}", e.id);
                assert!(
                    end.succ_opt().unwrap().day() == 1,
                    "{}: month precision must end on a month's last day",
                    e.id
                );
            }
            Precision::Season => assert!((89..=92).contains(&days) || days > 92, "{}", e.id),
            Precision::Year => assert!(
                s.ordinal() == 1 && end.succ_opt().unwrap().ordinal() == 1,
                "{}",
                e.id
            ),
            Precision::Decade => assert!(s.year() % 10 == 0 && days >= 3652, "{}", e.id),
            Precision::Undated => panic!("{}: undated with a range", e.id),
        }
    }
}

#[test]
fn the_unverified_leaflets_report_is_marked() {
    let events = bundled_events();
    let leaflets = events
        .iter()
        .find(|e| e.source.quote.contains("leaflets"))
        .expect("leaflets event");
    assert!(!leaflets.verified);
    let claim = events
        .iter()
        .find(|e| e.id == "2022-08-03-lachin-clash")
        .expect("Lachin clash");
    assert!(
        claim.claimed_by.as_deref().unwrap_or("").contains("Defen"),
        "{:?}",
        claim.claimed_by
    );
    assert!(
        events
            .iter()
            .filter(|e| e.date.precision == Precision::Undated)
            .count()
            >= 1
    );
}
