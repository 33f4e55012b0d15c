//! Property tests of the article extractor: what it proposes is grounded and survives a save.

use caucasus_atlas::extract::write::events_document;
use caucasus_atlas::extract::{Article, ArticleKind, Extractor, Options};
use caucasus_atlas::io::bundle::{bundled_basemap, bundled_places, index_places};
use caucasus_atlas::io::bundled::parse_events;
use chrono::{Datelike, Days, NaiveDate};
use proptest::prelude::*;
use std::sync::OnceLock;

fn extractor() -> &'static Extractor {
    static EXTRACTOR: OnceLock<Extractor> = OnceLock::new();
    EXTRACTOR.get_or_init(Extractor::bundled)
}

const SUBJECTS: [&str; 6] = [
    "The Azerbaijani Foreign Ministry",
    "Iranian President Ebrahim Raisi",
    "Armenian officials",
    "Georgian Prime Minister Irakli Kobakhidze",
    "Russian peacekeepers",
    "Tehran",
];
const VERBS: [&str; 6] = [
    "met officials",
    "held drills",
    "signed an agreement",
    "said talks went well",
    "detained two drivers",
    "protested",
];
const PLACES: [&str; 8] = [
    "Baku",
    "Tabriz",
    "Stepanakert",
    "the Lachin corridor",
    "Nakhchivan",
    "the Iranian-Azerbaijani border",
    "Armenia",
    "Ganja",
];
const DATES: [&str; 10] = [
    "on Monday",
    "last week",
    "earlier this month",
    "in 2020",
    "on 3 March",
    "in late 2019",
    "yesterday",
    "in the autumn of 2021",
    "",
    "last Tuesday",
];
/// Cities by their name in an article and their gazetteer id.
const CITIES: [(&str, &str); 6] = [
    ("Baku", "baku"),
    ("Yerevan", "yerevan"),
    ("Tbilisi", "tbilisi"),
    ("Tehran", "tehran"),
    ("Moscow", "moscow"),
    ("Ganja", "ganja"),
];
const PREPS: [&str; 4] = ["in", "near", "on", "at"];

fn sentence() -> impl Strategy<Value = String> {
    (
        0..SUBJECTS.len(),
        0..VERBS.len(),
        0..PREPS.len(),
        0..PLACES.len(),
        0..DATES.len(),
        any::<bool>(),
    )
        .prop_map(|(s, v, p, pl, d, attributed)| {
            let mut text = format!(
                "{} {} {} {} {}",
                SUBJECTS[s], VERBS[v], PREPS[p], PLACES[pl], DATES[d]
            );
            text = text.trim_end().to_owned();
            if attributed {
                text.push_str(", according to the ministry");
            }
            text.push('.');
            text
        })
}

fn published() -> impl Strategy<Value = NaiveDate> {
    (0u64..12_000).prop_map(|d| NaiveDate::from_ymd_opt(1995, 1, 1).unwrap() + Days::new(d))
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    /// Every proposal quotes the article verbatim, ends by publication, and what is written as an
    /// events document loads again as the same events.
    #[test]
    fn proposals_are_grounded_and_load_again_the_same(
        parts in proptest::collection::vec(sentence(), 1..8),
        day in published(),
    ) {
        let text = parts.join(" ");
        let article = Article::from_raw("a.txt", &text, ArticleKind::Text, day).unwrap();
        let proposals = extractor().propose(&article, Options::default()).proposals;
        for p in &proposals {
            prop_assert_eq!(&text[p.quote.clone()], p.event.source.quote.as_str());
            if let Some((start, end)) = p.event.date.range {
                prop_assert!(start <= end && end <= day, "{:?}", p.event.date);
            }
            prop_assert!(p.ad_hoc.is_none());
        }
        let events: Vec<_> = proposals.iter().map(|p| p.event.clone()).collect();
        let written = events_document(&events);
        let places = index_places(&bundled_places());
        let again = parse_events("again.json", &written, &places, Some(&bundled_basemap()));
        prop_assert!(again.problems.is_empty(), "{:?}", again.problems);
        prop_assert_eq!(again.records, events);
    }

    /// An article that says officials met in a town of the region's table, written by its own
    /// GeoNames name, proposes the meeting at that town's GeoNames point, as an ad-hoc place named
    /// by its GeoNames id, or at the gazetteer's place that carries the same id.
    #[test]
    fn a_town_of_the_region_places_the_event_at_its_geonames_point(pick in 0usize..100_000) {
        let towns = caucasus_atlas::io::towns::Towns::bundled();
        let town = &towns.towns()[pick % towns.len()];
        let plain = town.name.split(' ').all(|w| {
            w.chars().next().is_some_and(char::is_uppercase) && w.chars().all(char::is_alphabetic)
        });
        prop_assume!(plain && town.name.split(' ').count() <= 3);
        prop_assume!(towns.find(&town.name, &[]).map(|f| f.town.geonames_id) == Some(town.geonames_id));
        let g = &extractor().gazetteer;
        prop_assume!(!g.names.iter().any(|(n, _)| town.name.starts_with(n.as_str())));
        let day = NaiveDate::from_ymd_opt(2025, 3, 14).unwrap();
        let text = format!("Officials met in {} on 12 March 2025.", town.name);
        let article = Article::from_raw("a.txt", &text, ArticleKind::Text, day).unwrap();
        let options = Options { allow_ad_hoc: true, text_only: false };
        let proposals = extractor().propose(&article, options).proposals;
        prop_assert_eq!(proposals.len(), 1, "{}", text);
        // a town the gazetteer holds by its GeoNames id ("Ardabīl") is the gazetteer's place
        let held = g.places.iter().find(|c| c.place.geonames_id == Some(town.geonames_id));
        let (id, lat, lon) = match held {
            Some(c) => (c.place.id.clone(), c.place.lat, c.place.lon),
            None => (format!("geonames-{}", town.geonames_id), town.lat, town.lon),
        };
        let e = &proposals[0].event;
        prop_assert_eq!(&e.place, &id, "{}", text);
        prop_assert_eq!(proposals[0].ad_hoc.is_some(), held.is_none());
        prop_assert!((e.lat - lat).abs() < 1e-9 && (e.lon - lon).abs() < 1e-9, "{}", text);
    }

    /// A day written in full is proposed as exactly that day, in any of the usual orders.
    #[test]
    fn full_dates_resolve_to_their_day(back in 0u64..20_000, style in 0usize..4, day in published()) {
        let date = day - Days::new(back % 9000);
        let written = match style {
            0 => date.format("%-d %B %Y").to_string(),
            1 => date.format("%B %-d, %Y").to_string(),
            2 => date.format("%Y-%m-%d").to_string(),
            _ => date.format("%b. %-d, %Y").to_string(),
        };
        prop_assume!(!(style == 3 && date.month() == 5));
        let text = format!("Officials met in Baku on {written}, the ministry said.");
        let article = Article::from_raw("a.txt", &text, ArticleKind::Text, day).unwrap();
        let proposals = extractor().propose(&article, Options::default()).proposals;
        prop_assert_eq!(proposals.len(), 1, "{}", text);
        prop_assert_eq!(proposals[0].event.date.range, Some((date, date)));
        prop_assert_eq!(proposals[0].event.place.as_str(), "baku");
    }

    /// A sentence of two clauses, each naming its city with its own full day, is proposed as
    /// exactly those two events: each city on its own day, never on the other's.
    #[test]
    fn two_clauses_give_each_city_its_own_day(
        cities in proptest::sample::subsequence(CITIES.to_vec(), 2),
        back in (0u64..3000, 1u64..400),
        place_first in any::<bool>(),
        day in published(),
    ) {
        let (first, second) = (day - Days::new(back.0 + back.1), day - Days::new(back.0));
        let (a, b) = (cities[0], cities[1]);
        let clause = |city: &(&str, &str), d: NaiveDate, who: &str| {
            let when = d.format("%-d %B %Y");
            match place_first {
                true => format!("{who} held talks in {} on {when}", city.0),
                false => format!("on {when} {who} held talks in {}", city.0),
            }
        };
        let text = format!(
            "{}, and {}.",
            clause(&a, first, "the foreign minister"),
            clause(&b, second, "his deputy")
        );
        let text = format!("{}{}", text[..1].to_uppercase(), &text[1..]);
        let article = Article::from_raw("a.txt", &text, ArticleKind::Text, day).unwrap();
        let proposals = extractor().propose(&article, Options::default()).proposals;
        let told: Vec<(String, Option<(NaiveDate, NaiveDate)>)> = proposals
            .iter()
            .map(|p| (p.event.place.clone(), p.event.date.range))
            .collect();
        let wanted = vec![
            (a.1.to_owned(), Some((first, first))),
            (b.1.to_owned(), Some((second, second))),
        ];
        prop_assert_eq!(told, wanted, "{}", text);
    }

    /// A sentence that names where its event happened and, in a phrase of its own, where an
    /// earlier or later event happened ("two days after talks in Moscow", "ahead of a trip to
    /// Baku") is proposed at its own place alone.
    #[test]
    fn a_place_of_another_event_is_left_to_that_event(
        cities in proptest::sample::subsequence(CITIES.to_vec(), 2),
        phrase in 0usize..4,
        back in 0u64..3000,
        day in published(),
    ) {
        let (own, other) = (cities[0], cities[1]);
        let when = (day - Days::new(back)).format("%-d %B %Y");
        let aside = match phrase {
            0 => format!("two days after talks in {}", other.0),
            1 => format!("following a meeting with his counterpart in {}", other.0),
            2 => format!("ahead of a trip to {}", other.0),
            _ => format!("a week before a summit in {}", other.0),
        };
        let text = format!("The foreign minister held talks in {} on {when}, {aside}.", own.0);
        let article = Article::from_raw("a.txt", &text, ArticleKind::Text, day).unwrap();
        let proposals = extractor().propose(&article, Options::default()).proposals;
        let places: Vec<&str> = proposals.iter().map(|p| p.event.place.as_str()).collect();
        prop_assert_eq!(places, vec![own.1], "{}", text);
    }

    /// Fuzz: seed articles cut and mangled with date-, name- and markup-like junk never make the
    /// extractor panic, and every quote it proposes is still a slice of the text.
    #[test]
    fn fuzz_mangled_seeds_never_panic(
        seed in 0usize..5,
        cut in 0usize..6000,
        junk in "[A-Za-z0-9 ,.'’:;()<>/\\-]{0,40}",
        day in published(),
    ) {
        let text = caucasus_atlas::io::bundle::SEEDS[seed].1;
        let cut = (0..=cut.min(text.len())).rev().find(|&i| text.is_char_boundary(i)).unwrap_or(0);
        let mangled = format!("{}{junk}{}", &text[..cut], &text[cut..]);
        if let Ok(article) = Article::from_raw("a.txt", &mangled, ArticleKind::Text, day) {
            for p in extractor()
                .propose(
                    &article,
                    Options {
                        allow_ad_hoc: true,
                        ..Options::default()
                    },
                )
                .proposals {
                prop_assert_eq!(&mangled[p.quote.clone()], p.event.source.quote.as_str());
            }
        }
    }

    /// Fuzz: arbitrary text, including markup, never makes the extractor panic.
    #[test]
    fn fuzz_arbitrary_text_never_panics(text in "\\PC{0,300}", html in any::<bool>(), day in published()) {
        let kind = if html { ArticleKind::Html } else { ArticleKind::Text };
        if let Ok(article) = Article::from_raw("a.txt", &text, kind, day) {
            let _ = extractor().propose(&article, Options { allow_ad_hoc: html, ..Options::default() });
        }
    }
}
