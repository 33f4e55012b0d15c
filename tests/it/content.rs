//! The bundled content: every event loads, cites its seed verbatim, and keeps honest dates.

use caucasus_atlas::io::bundle::{
    EVENTS_JSON, PLACES_JSON, bundled_basemap, index_places, seed_text,
};
use caucasus_atlas::io::bundled::{parse_events, parse_places};
use caucasus_atlas::io::check::rules;
use caucasus_atlas::model::region::REGION;
use caucasus_atlas::model::{Event, PlaceKind, Precision};
use chrono::{Datelike, NaiveDate};

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
        if let Err(m) = range_fits_precision(s, end, e.date.precision) {
            panic!("{}: {m}", e.id);
        }
    }
}

/// Whether an inclusive range has the shape its precision promises: a week of 7 days, whole
/// months, one meteorological season, whole years, one decade.
fn range_fits_precision(s: NaiveDate, end: NaiveDate, precision: Precision) -> Result<(), String> {
    let days = (end - s).num_days() + 1;
    let month_end = end.succ_opt().is_some_and(|n| n.day() == 1);
    let ok = match precision {
        Precision::Day => days >= 1,
        Precision::Week => days == 7,
        Precision::Month => s.day() == 1 && month_end,
        Precision::Season => {
            s.day() == 1
                && [3, 6, 9, 12].contains(&s.month())
                && month_end
                && (90..=92).contains(&days)
        }
        Precision::Year => s.ordinal() == 1 && end.succ_opt().is_some_and(|n| n.ordinal() == 1),
        Precision::Decade => {
            s.year() % 10 == 0
                && s.ordinal() == 1
                && end.year() == s.year() + 9
                && month_end
                && end.month() == 12
        }
        Precision::Undated => false,
    };
    if ok {
        Ok(())
    } else {
        Err(format!(
            "{s}..{end} ({days} days) is not a whole {precision}"
        ))
    }
}

#[test]
fn the_precision_check_rejects_ranges_of_the_wrong_length() {
    let d = |y, m, day| NaiveDate::from_ymd_opt(y, m, day).unwrap();
    assert!(range_fits_precision(d(2020, 9, 1), d(2020, 11, 30), Precision::Season).is_ok());
    assert!(range_fits_precision(d(2020, 12, 1), d(2021, 2, 28), Precision::Season).is_ok());
    // a season of four months, or one that starts mid-month, is not a season
    assert!(range_fits_precision(d(2020, 9, 1), d(2020, 12, 31), Precision::Season).is_err());
    assert!(range_fits_precision(d(2020, 9, 27), d(2020, 11, 30), Precision::Season).is_err());
    assert!(range_fits_precision(d(2021, 11, 1), d(2021, 11, 21), Precision::Month).is_err());
    assert!(range_fits_precision(d(2012, 3, 5), d(2012, 3, 12), Precision::Week).is_err());
    assert!(range_fits_precision(d(1990, 1, 1), d(1999, 12, 31), Precision::Decade).is_ok());
    assert!(range_fits_precision(d(1990, 1, 1), d(2000, 12, 31), Precision::Decade).is_err());
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

fn event(events: &[Event], id: &str) -> Event {
    events
        .iter()
        .find(|e| e.id == id)
        .unwrap_or_else(|| panic!("{id} missing"))
        .clone()
}

fn day(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap()
}

#[test]
fn the_content_rules_hold_for_every_bundled_event() {
    let places = index_places(&parse_places("assets/places.json", PLACES_JSON).records);
    let map = bundled_basemap();
    for e in &bundled_events() {
        assert_eq!(rules::ends_after_publication(e), None, "{}", e.id);
        assert_eq!(rules::note_names_a_finer_day(e), None, "{}", e.id);
        assert_eq!(rules::claim_verified_without_reason(e), None, "{}", e.id);
        assert_eq!(
            rules::place_outside_shape(e, &places[&e.place], &map),
            None,
            "{}",
            e.id
        );
    }
}

#[test]
fn verified_has_one_meaning_and_every_exception_says_why() {
    let events = bundled_events();
    for e in &events {
        if !e.verified {
            assert!(
                e.notes.starts_with("Unverified"),
                "{}: an unverified event says why first: {}",
                e.id,
                e.notes
            );
        } else if e.claimed_by.is_some() {
            assert!(e.notes.contains("Verified"), "{}: {}", e.id, e.notes);
        }
    }
    // a claim inside a reporter's question is not established by the article
    let question = event(
        &events,
        "undated-iranian-statements-accuse-azerbaijan-of-terrorist-act",
    );
    assert!(!question.verified);
    // a belligerent's claim about the fighting is passed on, not established
    assert!(!event(&events, "2022-08-03-lachin-clash").verified);
    assert!(
        !event(
            &events,
            "2022-08-03-armenia-reports-drone-strike-casualties"
        )
        .verified
    );
    // the article states the flare-up in its own voice
    assert!(event(&events, "2022-08-03-nagorno-karabakh-flare-up").verified);
}

#[test]
fn attributions_follow_the_articles() {
    let events = bundled_events();
    let deal = event(&events, "undated-azerbaijan-israel-arms-deal");
    assert!(deal.title.starts_with("Press TV reports"), "{}", deal.title);
    assert_eq!(deal.claimed_by.as_deref(), Some("Press TV"));
    let south = event(
        &events,
        "2022-11-01-south-azerbaijan-issue-raised-in-azerbaijan",
    );
    assert_eq!(south.claimed_by.as_deref(), Some("Caucasus Watch"));
    let officials = event(
        &events,
        "undated-azerbaijani-officials-say-weapons-to-liberate-occupied-territories",
    );
    assert!(!officials.title.contains("Karabakh"), "{}", officials.title);
    // every quoted fragment of a title is verbatim in the article
    for e in &events {
        let seed = seed_text(&e.source.document).unwrap();
        for (k, fragment) in e.title.split('"').enumerate() {
            if k % 2 == 1 {
                assert!(seed.contains(fragment), "{}: \"{fragment}\"", e.id);
            }
        }
    }
}

#[test]
fn dates_follow_the_text_and_the_public_record() {
    let events = bundled_events();
    let range = |id: &str| {
        let e = event(&events, id);
        (e.date.range.unwrap(), e.date.precision)
    };
    let war = event(&events, "2020-09-27-second-nagorno-karabakh-war");
    assert_eq!(war.date.range, Some((day(2020, 9, 27), day(2020, 11, 10))));
    assert_eq!(war.date.precision, Precision::Day);
    assert!(
        war.date
            .note
            .contains("Outside knowledge, from the public record")
    );
    assert!(
        war.date
            .note
            .contains("Trilateral statement of 9/10 November 2020")
    );
    for (id, d) in [
        (
            "2022-10-21-iran-opens-consulate-in-kapan",
            day(2022, 10, 21),
        ),
        (
            "2022-07-19-khamenei-meets-presidents-of-russia-and-turkey",
            day(2022, 7, 19),
        ),
        (
            "2022-07-16-armenian-azerbaijani-foreign-ministers-meet-tbilisi",
            day(2022, 7, 16),
        ),
        (
            "2022-05-22-aliyev-pashinyan-eu-mediated-agreement",
            day(2022, 5, 22),
        ),
        ("2022-08-10-raisi-pashinyan-phone-call", day(2022, 8, 10)),
        (
            "2012-03-12-vahedi-downplays-azerbaijan-israel-arms-deal",
            day(2012, 3, 12),
        ),
    ] {
        assert_eq!(range(id), ((d, d), Precision::Day), "{id}");
        let e = event(&events, id);
        if d.year() > 2012 {
            assert!(e.date.note.contains("Outside knowledge"), "{id}");
        }
    }
    assert_eq!(
        event(
            &events,
            "2012-03-12-vahedi-offers-azerbaijan-defence-cooperation"
        )
        .place,
        "tehran"
    );
    // "Earlier in November" in an article of 22 November 2021
    assert_eq!(
        range("2021-11-01-amir-abdollahian-says-misunderstandings-overcome").0,
        (day(2021, 11, 1), day(2021, 11, 21))
    );
    for e in &events {
        if let (Some((_, end)), Some(published)) = (e.date.range, e.source.published) {
            assert!(end <= published, "{} ends after its article", e.id);
        }
    }
}

#[test]
fn the_missing_events_are_there() {
    let events = bundled_events();
    for id in [
        "2023-09-07-azerbaijan-says-armenian-provocations-must-be-condemned-for-peace",
        "undated-azerbaijan-iran-relations-strained-after-second-karabakh-war",
        "2020-11-10-russian-peacekeepers-oversee-lachin",
        "undated-claims-of-blockade-and-humanitarian-situation-in-karabakh",
        "2021-09-28-iran-azerbaijan-border-a-source-of-tension",
    ] {
        event(&events, id);
    }
    let opportunity = event(
        &events,
        "2023-09-07-azerbaijan-says-armenian-provocations-must-be-condemned-for-peace",
    );
    assert!(
        opportunity
            .source
            .quote
            .contains("the historic opportunity for peace")
    );
    let claims = event(
        &events,
        "undated-claims-of-blockade-and-humanitarian-situation-in-karabakh",
    );
    assert!(!claims.verified && claims.claimed_by.is_some());
}

#[test]
fn country_level_events_are_drawn_as_the_country() {
    let places = index_places(&parse_places("assets/places.json", PLACES_JSON).records);
    let events = bundled_events();
    let mut countries = 0;
    for e in &events {
        let place = &places[&e.place];
        if place.kind == PlaceKind::Country {
            countries += 1;
            assert_eq!(
                e.shape_name.as_deref(),
                Some(place.name.as_str()),
                "{}",
                e.id
            );
            assert!(
                matches!(
                    e.shape.as_deref(),
                    Some(geo::Geometry::Polygon(_) | geo::Geometry::MultiPolygon(_))
                ),
                "{}",
                e.id
            );
        }
    }
    assert!(countries >= 8, "{countries}");
}

#[test]
fn the_gazetteer_has_armenia_and_a_karabakh_point_inside_its_outline() {
    use geo::Contains;
    let places = index_places(&parse_places("assets/places.json", PLACES_JSON).records);
    let armenia = &places["armenia"];
    assert_eq!(armenia.kind, PlaceKind::Country);
    assert_eq!(armenia.geonames_id, Some(174_982));
    let map = bundled_basemap();
    for (id, shape) in [
        ("armenia", "Armenia"),
        ("azerbaijan", "Azerbaijan"),
        ("iran", "Iran"),
        ("nagorno-karabakh", "Nagorno-Karabakh"),
    ] {
        let p = &places[id];
        let outline = &map.shape(shape).unwrap().geometry;
        assert!(
            outline.contains(&geo::Point::new(p.lon, p.lat)),
            "{id} lies outside {shape}"
        );
        assert!(REGION.contains(p.lon, p.lat), "{id} lies outside the map");
    }
    assert!(places["nagorno-karabakh"].note.contains("InteriorPoint"));
}
