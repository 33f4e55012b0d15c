//! The article extractor: its command line (`extract`), its quality on the seed articles, and
//! test articles it was not tuned on, with their expected events.

use crate::common::{scratch, written_place};
use caucasus_atlas::extract::library::Library;
use caucasus_atlas::extract::quality::{OUTSIDE_THE_TEXT, RECOVERY_KM, distance_km, score, seeds};
use caucasus_atlas::extract::{Article, Extractor, Options};
use caucasus_atlas::io::check::check_paths;
use caucasus_atlas::model::{Category, Event};
use chrono::NaiveDate;
use std::path::{Path, PathBuf};
use std::process::Command;
use tempfile::TempDir;

fn atlas() -> Command {
    let mut c = Command::new(env!("CARGO_BIN_EXE_caucasus-atlas"));
    c.current_dir(env!("CARGO_MANIFEST_DIR"));
    c
}

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/articles")
        .join(name)
}

fn day(text: &str) -> NaiveDate {
    NaiveDate::parse_from_str(text, "%Y-%m-%d").unwrap()
}

/// Runs `extract` on an article and `check` on its output placed beside a copy of the article's
/// text (`DIR/events/events.json`, `DIR/seeds/DOCUMENT`, and with `places` the ad-hoc places in
/// `DIR/events/places.json`); returns the output document and `DIR`.
/// Runs `extract` on an article with more arguments; asserts it succeeds and returns its stdout.
fn extract_ok(article: &Path, args: &[&std::ffi::OsStr]) -> Vec<u8> {
    let out = atlas()
        .arg("extract")
        .arg(article)
        .args(args)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    out.stdout
}

fn extract_and_check(article: &str, published: &str, places: bool) -> (serde_json::Value, TempDir) {
    let tmp = scratch(&format!("extract-{article}-{places}"));
    let dir = tmp.path();
    let places_out = dir.join("events/places.json");
    let extra: Vec<&std::ffi::OsStr> = if places {
        vec!["--places-out".as_ref(), places_out.as_os_str()]
    } else {
        Vec::new()
    };
    std::fs::create_dir_all(dir.join("events")).unwrap();
    std::fs::create_dir_all(dir.join("seeds")).unwrap();
    let text_name = Path::new(article).with_extension("txt");
    let text_out = dir.join("seeds").join(text_name.file_name().unwrap());
    let words = ["--published", published, "--publisher", "Example"];
    let mut args: Vec<&std::ffi::OsStr> = words.iter().map(|a| a.as_ref()).collect();
    args.extend(["--text-out".as_ref(), text_out.as_os_str()]);
    args.extend(extra);
    let stdout = extract_ok(&fixture(article), &args);
    let events = dir.join("events/events.json");
    std::fs::write(&events, &stdout).unwrap();
    if article.ends_with(".txt") || article.ends_with(".md") {
        assert_eq!(
            std::fs::read(&text_out).unwrap(),
            std::fs::read(fixture(article)).unwrap()
        );
    }
    let check = atlas().arg("check").arg(&events).output().unwrap();
    let said = format!(
        "{}{}",
        String::from_utf8_lossy(&check.stdout),
        String::from_utf8_lossy(&check.stderr)
    );
    assert!(check.status.success(), "check found problems:\n{said}");
    assert!(!said.contains("warning"), "check has doubts:\n{said}");
    (serde_json::from_slice(&stdout).unwrap(), tmp)
}

#[test]
fn extract_writes_an_events_document_that_check_finds_clean() {
    for (article, published) in [
        ("tabriz-trade-fair.txt", "2024-03-14"),
        ("nakhchivan-drills.md", "2023-10-20"),
        ("baku-talks.html", "2019-12-04"),
    ] {
        let (doc, _dir) = extract_and_check(article, published, false);
        assert_eq!(doc["format"], "caucasus-atlas/events@1");
        let events = doc["events"].as_array().unwrap();
        assert!(events.len() >= 5, "{article}: {}", events.len());
        for e in events {
            assert_eq!(e["source"]["published"], published);
            assert_eq!(e["source"]["publisher"], "Example");
            let notes = e["notes"].as_str().unwrap();
            for cue in ["Date cue:", "Place cue:", "Category cue:"] {
                assert!(notes.contains(cue), "{notes}");
            }
            if let Some(end) = e["end"].as_str() {
                assert!(day(end) <= day(published), "{e}");
            }
        }
    }
}

/// An undated mention of a meeting of the public record is dated and placed from the record and
/// says so; `--text-only` leaves it undated.
#[test]
fn the_public_record_dates_a_recent_summit_unless_text_only() {
    let tmp = scratch("extract-public-record");
    let dir = tmp.path();
    let article = dir.join("summit.txt");
    std::fs::write(
        &article,
        "Officials in Tehran praised the recent summit of the presidents of Iran, Russia and Turkey.\n",
    )
    .unwrap();
    let run = |extra: &[&str]| -> serde_json::Value {
        let mut args: Vec<&std::ffi::OsStr> = vec!["--published".as_ref(), "2022-09-05".as_ref()];
        args.extend(extra.iter().map(std::ffi::OsStr::new));
        serde_json::from_slice(&extract_ok(&article, &args)).unwrap()
    };
    let with_record = run(&[]);
    let summit = with_record["events"]
        .as_array()
        .unwrap()
        .iter()
        .find(|e| e["start"] == "2022-07-19")
        .expect("the summit is dated from the record");
    assert_eq!(summit["place"], "tehran");
    assert_eq!(summit["precision"], "day");
    assert_eq!(summit["date_text"], "the recent summit");
    assert!(
        summit["date_note"]
            .as_str()
            .unwrap()
            .contains("Outside knowledge, from the public record")
    );
    let alone = run(&["--text-only"]);
    let text = alone.to_string();
    assert!(
        !text.contains("2022-07-19") && !text.contains("public record"),
        "{text}"
    );
}

/// A dated act that names no place is placed by the public record when it fits one entry, and
/// its deadline ("by 1 January 2024") is no second event.
#[test]
fn the_public_record_places_a_dated_decree_that_names_no_place_unless_text_only() {
    let tmp = scratch("extract-record-venue");
    let article = tmp.path().join("decree.txt");
    std::fs::write(
        &article,
        "The de facto president Samvel Shahramanyan signed a decree on 28 September 2023 \
         dissolving all state institutions by 1 January 2024.\n",
    )
    .unwrap();
    let run = |extra: &[&str]| -> serde_json::Value {
        let mut args: Vec<&std::ffi::OsStr> = vec!["--published".as_ref(), "2024-09-25".as_ref()];
        args.extend(extra.iter().map(std::ffi::OsStr::new));
        serde_json::from_slice(&extract_ok(&article, &args)).unwrap()
    };
    let with_record = run(&[]);
    let events = with_record["events"].as_array().unwrap();
    assert_eq!(events.len(), 1, "{with_record}");
    let decree = &events[0];
    assert_eq!(
        (&decree["place"], &decree["start"], &decree["category"]),
        (
            &serde_json::json!("khankendi"),
            &serde_json::json!("2023-09-28"),
            &serde_json::json!("statement")
        )
    );
    assert!(
        decree["notes"]
            .as_str()
            .unwrap()
            .contains("outside knowledge, from the public record"),
        "{decree}"
    );
    let alone = run(&["--text-only"]);
    assert_eq!(alone["events"].as_array().unwrap().len(), 0, "{alone}");
}

#[test]
fn ad_hoc_places_come_with_their_own_places_file() {
    let (doc, dir) = extract_and_check("nakhchivan-drills.md", "2023-10-20", true);
    let places = dir.path().join("events/places.json");
    let border = doc["events"]
        .as_array()
        .unwrap()
        .iter()
        .find(|e| e["place"] == "armenia-azerbaijan-border")
        .expect("the border the basemap draws is proposed as an ad-hoc place");
    assert_eq!(border["shape"], "Armenia–Azerbaijan border");
    let ad_hoc = written_place(&places, "armenia-azerbaijan-border").unwrap();
    assert!(ad_hoc["note"].as_str().unwrap().starts_with("Approximate"));
    assert!(written_place(&places, "tehran").is_some());
}

/// A town the gazetteer lacks, where an article says something happened, is proposed at its
/// GeoNames point and written into the places file with its id and a note saying how it was found;
/// without a places file the event is placed as before, with the note to place it by hand.
#[test]
fn a_town_the_gazetteer_lacks_is_found_in_geonames_with_a_places_file() {
    let tmp = scratch("extract-towns");
    let dir = tmp.path();
    std::fs::create_dir_all(dir.join("events")).unwrap();
    std::fs::create_dir_all(dir.join("seeds")).unwrap();
    let article = dir.join("jermuk.txt");
    std::fs::write(
        &article,
        "Shelling near Jermuk\n\nAzerbaijani forces shelled Armenian positions near Jermuk on \
         Monday, the Armenian Defence Ministry said. Shots were also fired near the village of \
         Sotk and in Vardenis on Tuesday, it said.\n",
    )
    .unwrap();
    let places_out = dir.join("events/places.json");
    let text_out = dir.join("seeds/jermuk.txt");
    let args: Vec<&std::ffi::OsStr> = vec![
        "--published".as_ref(),
        "2025-03-14".as_ref(),
        "--places-out".as_ref(),
        places_out.as_os_str(),
        "--text-out".as_ref(),
        text_out.as_os_str(),
    ];
    let stdout = extract_ok(&article, &args);
    let events = dir.join("events/events.json");
    std::fs::write(&events, &stdout).unwrap();
    let doc: serde_json::Value = serde_json::from_slice(&stdout).unwrap();
    let placed: Vec<(&str, &str)> = doc["events"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| (e["start"].as_str().unwrap(), e["place"].as_str().unwrap()))
        .collect();
    assert!(
        placed.contains(&("2025-03-10", "geonames-174884")),
        "{placed:?}"
    );
    assert!(
        placed.contains(&("2025-03-11", "geonames-616108")),
        "{placed:?}"
    );
    let jermuk = written_place(&places_out, "geonames-174884")
        .expect("Jermuk is written into the places file");
    assert_eq!(jermuk["name"], "Jermuk");
    assert_eq!(jermuk["geonames_id"], 174884);
    assert_eq!(jermuk["country"], "Armenia");
    assert!((jermuk["lat"].as_f64().unwrap() - 39.84168).abs() < 1e-6);
    assert!(jermuk["note"].as_str().unwrap().contains("cities500"));
    let check = atlas().arg("check").arg(&events).output().unwrap();
    assert!(
        check.status.success(),
        "{}",
        String::from_utf8_lossy(&check.stderr)
    );
    let without = extract_ok(&article, &["--published".as_ref(), "2025-03-14".as_ref()]);
    let doc: serde_json::Value = serde_json::from_slice(&without).unwrap();
    let first = &doc["events"][0];
    assert_ne!(first["place"], "geonames-174884");
    assert!(
        first["notes"]
            .as_str()
            .unwrap()
            .contains("place it by hand"),
        "{}",
        first["notes"]
    );
}

#[test]
fn bad_files_and_dates_exit_1_and_say_why() {
    let out = atlas()
        .args([
            "extract",
            "seeds/001_52c11fea4545459d.txt",
            "--published",
            "2012-02-30",
        ])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.starts_with("error: --published: `2012-02-30` is not a real calendar date"),
        "{err}"
    );
    assert!(out.stdout.is_empty());
    let out = atlas()
        .args([
            "extract",
            "no/such/article.txt",
            "--published",
            "2012-03-12",
        ])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.starts_with("no/such/article.txt:1:1: cannot read"),
        "{err}"
    );
    let tmp = scratch("extract-bad");
    let dir = tmp.path();
    let binary = dir.join("page.txt");
    std::fs::write(&binary, b"Talks\nwere \xff held").unwrap();
    let out = atlas()
        .arg("extract")
        .arg(&binary)
        .args(["--published", "2012-03-12"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("page.txt:2:6: not UTF-8 text"), "{err}");
    let empty = dir.join("empty.html");
    std::fs::write(&empty, "<html><script>x()</script></html>").unwrap();
    let out = atlas()
        .arg("extract")
        .arg(&empty)
        .args(["--published", "2012-03-12"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("empty.html:1:1: no article text found"));
}

/// What `extract` proposes from every seed article, saved as the review panel saves it (events
/// beside their places and a copy of each article), is clean under `check`: no error and no
/// warning (events ending after publication, notes naming a finer day, verified claims without a
/// reason, points outside the shapes they are drawn as).
#[test]
fn proposals_from_every_seed_are_clean_under_check() {
    let extractor = Extractor::bundled();
    let tmp = scratch("extract-seeds-check");
    let dir = tmp.path();
    let library = Library::new(dir);
    for seed in seeds() {
        let extraction = extractor.propose(
            &seed.article,
            Options {
                allow_ad_hoc: true,
                ..Options::default()
            },
        );
        let events: Vec<Event> = extraction
            .proposals
            .iter()
            .map(|p| p.event.clone())
            .collect();
        assert!(!events.is_empty(), "{}", seed.article.document);
        library
            .save(&seed.article, &events, &extraction.ad_hoc_places())
            .unwrap();
    }
    let findings = check_paths(&[library.events_path()]);
    assert_eq!(findings, Vec::new());
    let saved = library.events().unwrap();
    assert!(saved.len() > 40, "{}", saved.len());
    // country-level proposals are drawn as the country, as the bundled events are
    let iran = saved.iter().find(|e| e.place == "iran").unwrap();
    assert_eq!(iran.shape_name.as_deref(), Some("Iran"));
}

/// Recall over the seed articles with and without the public record: (dated curated events,
/// recovered, of them from the text, recovered from the text).
fn seed_recall(text_only: bool) -> (usize, usize, usize, usize) {
    let extractor = Extractor::bundled();
    let (mut dated, mut recovered, mut text_dated, mut text_recovered) = (0, 0, 0, 0);
    for seed in seeds() {
        let options = Options {
            allow_ad_hoc: true,
            text_only,
        };
        let proposals: Vec<Event> = extractor
            .propose(&seed.article, options)
            .proposals
            .into_iter()
            .map(|p| p.event)
            .collect();
        let s = score(&seed.article.document, &proposals, &seed.curated);
        dated += s.curated_dated;
        recovered += s.recovered;
        text_dated += s.text_dated;
        text_recovered += s.text_recovered;
        assert!(s.proposal_ratio() <= 2.0, "{s:?}");
        assert!(s.text_recall() >= 0.8, "{s:?}");
        for p in &proposals {
            assert!(seed.article.text.contains(&p.source.quote));
            if let Some((_, end)) = p.date.range {
                assert!(end <= seed.article.published, "{p:?}");
            }
            // outside knowledge is named as such, and only when it is asked for
            let outside = p.notes.contains("from the public record");
            assert!(!(text_only && outside), "{p:?}");
            if p.notes.contains("the public record dates") {
                assert!(
                    p.date
                        .note
                        .contains("Outside knowledge, from the public record")
                );
            }
        }
    }
    assert_eq!(text_dated, dated - OUTSIDE_THE_TEXT.len());
    (dated, recovered, text_dated, text_recovered)
}

/// The seed articles: at most twice as many proposals as curated events, and at least 80% of the
/// bundled dated, placed events recovered (dates overlapping, place within 60 km). Printed per
/// article by `cargo run --example extract_quality`.
///
/// Twelve of the 46 are dated or placed only from the public record, which the articles do not
/// give (`OUTSIDE_THE_TEXT` names each with why). The extractor's own public record
/// (`extract::record`: summits, agreements and openings of the region, each with the record it
/// rests on) dates or places some of them, as the curators did, and says so in the notes. Read
/// with `--text-only`, the article alone must still give every event whose date and place it
/// states.
#[test]
fn seed_articles_are_recovered_with_few_proposals() {
    let (dated, recovered, text_dated, text_recovered) = seed_recall(false);
    assert!(
        recovered * 100 >= dated * 80,
        "{recovered} of {dated} dated curated events"
    );
    assert!(
        text_recovered * 100 >= text_dated * 80,
        "{text_recovered} of {text_dated} events from the text"
    );
    let (_, alone, _, alone_text) = seed_recall(true);
    assert_eq!(alone_text, text_recovered, "the record only adds");
    assert!(alone < recovered, "{alone} of {dated} from the text alone");
}

#[derive(serde::Deserialize)]
struct Expected {
    published: String,
    publisher: String,
    max_proposals: usize,
    expected: Vec<ExpectedEvent>,
}

#[derive(serde::Deserialize)]
struct ExpectedEvent {
    start: String,
    end: String,
    place: String,
    category: String,
    #[serde(default)]
    ad_hoc: bool,
    #[serde(default = "yes")]
    verified: bool,
}

fn yes() -> bool {
    true
}

/// Test articles written in the seeds' style but never used to tune the rules: every expected
/// event is proposed with its category and an overlapping date within 60 km.
#[test]
fn articles_it_was_not_tuned_on_give_their_expected_events() {
    let extractor = Extractor::bundled();
    for (name, stem) in [
        ("tabriz-trade-fair.txt", "tabriz-trade-fair"),
        ("nakhchivan-drills.md", "nakhchivan-drills"),
        ("baku-talks.html", "baku-talks"),
    ] {
        let spec: Expected = serde_json::from_str(
            &std::fs::read_to_string(fixture(&format!("{stem}.expected.json"))).unwrap(),
        )
        .unwrap();
        let mut article = Article::read(&fixture(name), day(&spec.published)).unwrap();
        article.publisher = Some(spec.publisher.clone());
        for allow_ad_hoc in [false, true] {
            let proposals = extractor
                .propose(
                    &article,
                    Options {
                        allow_ad_hoc,
                        ..Options::default()
                    },
                )
                .proposals;
            assert!(
                proposals.len() <= spec.max_proposals,
                "{name}: {}",
                proposals.len()
            );
            let gazetteer = &extractor.gazetteer;
            for want in spec.expected.iter().filter(|w| allow_ad_hoc || !w.ad_hoc) {
                let place = &gazetteer.places[gazetteer.by_id(&want.place).unwrap()].place;
                let (start, end) = (day(&want.start), day(&want.end));
                let found = proposals.iter().any(|p| {
                    let e = &p.event;
                    e.date.range.is_some_and(|(s, t)| s <= end && start <= t)
                        && distance_km((e.lon, e.lat), (place.lon, place.lat)) <= RECOVERY_KM
                        && Category::parse(&want.category) == Some(e.category)
                        && e.verified == want.verified
                });
                assert!(
                    found,
                    "{name} (ad hoc {allow_ad_hoc}): no proposal for {} – {} at {} ({})",
                    want.start, want.end, want.place, want.category
                );
            }
            for p in &proposals {
                assert_eq!(&article.text[p.quote.clone()], p.event.source.quote);
                assert_eq!(
                    p.event.source.publisher.as_deref(),
                    Some(spec.publisher.as_str())
                );
            }
        }
    }
}
