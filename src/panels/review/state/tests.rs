//! The review state: decisions, edits, undo and redo, saving.

use super::*;
use crate::extract::library::Library;
use crate::io::check::check_paths;
use crate::model::Category;

const ARTICLE: &str = "Officials met in Tabriz on Monday, the ministry said.\n\nTroops held drills near Julfa last week.\n\nThe weather was fine.";

fn day(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap()
}

fn state() -> ReviewState {
    // Wednesday 6 March 2024
    ReviewState::from_text(
        ("tabriz.txt", ARTICLE),
        (day(2024, 3, 6), Some("Example".to_owned())),
        false,
    )
    .unwrap()
}

#[test]
fn the_public_record_is_used_unless_the_reviewer_leaves_it_out() {
    let text = "Officials praised the recent summit of the presidents of Iran, Russia and Turkey.";
    let start = |text_only| {
        let form = crate::panels::review::new_article::NewArticleForm {
            pasted: text.to_owned(),
            published: "2022-09-05".to_owned(),
            text_only,
            ..Default::default()
        };
        form.start().unwrap()
    };
    let summit = Some((day(2022, 7, 19), day(2022, 7, 19)));
    let with_record = start(false);
    let dated = with_record
        .items
        .iter()
        .find(|i| i.event.date.range == summit);
    assert_eq!(dated.map(|i| i.event.place.as_str()), Some("tehran"));
    let alone = start(true);
    assert!(alone.items.iter().all(|i| i.event.date.range != summit));
    assert!(!alone.items.is_empty());
}

#[test]
fn proposals_start_pending_with_their_quotes() {
    let s = state();
    assert_eq!(s.items.len(), 2);
    assert_eq!(s.counts(), (2, 0, 0));
    assert_eq!(s.items[0].event.place, "tabriz");
    assert_eq!(
        s.items[0].event.date.range,
        Some((day(2024, 3, 4), day(2024, 3, 4)))
    );
    assert_eq!(
        &ARTICLE[s.items[1].quote.clone()],
        "Troops held drills near Julfa last week."
    );
}

#[test]
fn decisions_undo_and_redo() {
    let mut s = state();
    s.accept(0).unwrap();
    s.reject(1).unwrap();
    assert_eq!(s.counts(), (0, 1, 1));
    assert!(s.undo());
    assert_eq!(s.items[1].status, Status::Pending);
    let title = s.items[1].event.title.clone();
    assert_eq!(
        s.message.as_deref(),
        Some(format!("Undone: the last change to “{title}”").as_str())
    );
    assert!(s.undo());
    assert_eq!(s.counts(), (2, 0, 0));
    assert!(!s.undo());
    assert!(s.redo());
    assert_eq!(s.items[0].status, Status::Accepted);
    s.reject(0).unwrap();
    assert!(!s.redo(), "a new action clears what could be redone");
    assert_eq!(s.can_undo_redo(), (true, false));
    assert!(s.accept(9).is_err());
}

#[test]
fn dates_are_edited_with_their_precision_and_checked() {
    let mut s = state();
    s.set_date(1, "2024-02-01", "2024-02-29", Precision::Month)
        .unwrap();
    let e = &s.items[1].event;
    assert_eq!(e.date.describe(), "February 2024 (month)");
    assert!(e.date.note.starts_with("Set by the reviewer."));
    assert!(s.items[1].edited);
    assert!(
        s.set_date(1, "2024-03-10", "", Precision::Day)
            .unwrap_err()
            .contains("after publication")
    );
    assert!(
        s.set_date(1, "2024-02-30", "", Precision::Day)
            .unwrap_err()
            .contains("not a real")
    );
    assert!(
        s.set_date(1, "2024-02-10", "2024-02-01", Precision::Day)
            .unwrap_err()
            .contains("before start")
    );
    s.set_date(1, "", "", Precision::Undated).unwrap();
    assert_eq!(s.items[1].event.date.range, None);
    assert!(s.undo());
    assert_eq!(s.items[1].event.date.describe(), "February 2024 (month)");
}

#[test]
fn quotes_come_from_selected_article_text() {
    let mut s = state();
    assert!(s.quote_selection(0).is_err());
    let start = ARTICLE.find("Officials").unwrap();
    // a selection with a space around it is trimmed to the words
    s.selection = Some(start..start + "Officials met in Tabriz on Monday, ".len());
    s.quote_selection(0).unwrap();
    assert_eq!(
        s.items[0].event.source.quote,
        "Officials met in Tabriz on Monday,"
    );
    assert!(ARTICLE.contains(&s.items[0].event.source.quote));
    assert_eq!(
        &ARTICLE[s.items[0].quote.clone()],
        s.items[0].event.source.quote
    );
    assert_eq!(s.selection, None);
    s.selection = Some(0..1000);
    assert!(s.quote_selection(0).unwrap_err().contains("outside"));
}

#[test]
fn places_from_the_map_snap_to_the_gazetteer_or_stay_points() {
    let mut s = state();
    assert!(s.set_place(46.29, 38.08).is_err(), "no proposal selected");
    s.selected = Some(1);
    s.set_place(46.30, 38.09).unwrap();
    assert_eq!(s.items[1].event.place, "tabriz");
    assert!(s.items[1].ad_hoc.is_none());
    s.set_place(45.0, 39.5).unwrap();
    let item = &s.items[1];
    assert_eq!(item.event.place, "point-45e-39.5n");
    assert_eq!(item.ad_hoc.as_ref().unwrap().lat, 39.5);
    assert!(s.set_place(200.0, 0.0).is_err());
    s.choose_place(1, "julfa").unwrap();
    assert_eq!(s.items[1].event.place_name, "Julfa");
    assert!(s.choose_place(1, "atlantis").is_err());
    assert!(s.undo());
    assert_eq!(s.items[1].event.place, "point-45e-39.5n");
}

#[test]
fn saving_writes_a_library_that_check_finds_clean() {
    let scratch = tempfile::Builder::new()
        .prefix("atlas-review-state-")
        .tempdir()
        .unwrap();
    let root = scratch.path();
    let library = Library::new(root);
    let mut s = state();
    s.accept(0).unwrap();
    s.selected = Some(1);
    s.set_place(45.0, 39.5).unwrap();
    s.accept(1).unwrap();
    let saved = s.save(&library).unwrap();
    assert_eq!(saved.total, 2);
    assert!(
        s.message
            .as_deref()
            .unwrap()
            .starts_with("Saved 2 event(s)")
    );
    assert_eq!(
        std::fs::read_to_string(root.join("seeds/tabriz.txt")).unwrap(),
        ARTICLE
    );
    assert_eq!(check_paths(&[library.events_path()]), Vec::new());
    let events = library.events().unwrap();
    assert!(
        events
            .iter()
            .all(|e| e.notes.contains("accepted by a reviewer"))
    );
    // saving the same article again replaces its events instead of adding to them
    s.reject(1).unwrap();
    assert_eq!(s.save(&library).unwrap().total, 1);
    // a damaged events file is reported, never overwritten
    std::fs::write(library.events_path(), "{ broken").unwrap();
    assert!(s.save(&library).is_err());
    assert_eq!(
        std::fs::read_to_string(library.events_path()).unwrap(),
        "{ broken"
    );
    assert!(s.message.as_deref().unwrap().starts_with("Not saved:"));
}

#[test]
fn edited_dates_and_places_stay_clean_under_check() {
    let scratch = tempfile::Builder::new()
        .prefix("atlas-review-edits-")
        .tempdir()
        .unwrap();
    let library = Library::new(scratch.path());
    let mut s = state();
    // "on Monday" read as Monday 4 March 2024; the reviewer widens it to the month
    s.set_date(0, "2024-03-01", "2024-03-06", Precision::Month)
        .unwrap();
    let e = &s.items[0].event;
    assert_eq!(e.date.note, "Set by the reviewer.");
    assert!(
        e.notes
            .contains("The extractor had read the date as: The article is dated")
            || e.notes
                .contains("The extractor had read the date as: Article published"),
        "{}",
        e.notes
    );
    // a second edit does not repeat the extractor's reading
    s.set_date(0, "2024-03-01", "2024-03-05", Precision::Month)
        .unwrap();
    assert_eq!(
        s.items[0]
            .event
            .notes
            .matches("The extractor had read")
            .count(),
        1
    );
    // a country chosen from the gazetteer is drawn as its outline, a city as a point
    s.choose_place(0, "iran").unwrap();
    assert_eq!(s.items[0].event.shape_name.as_deref(), Some("Iran"));
    assert!(s.items[0].event.shape.is_some());
    s.choose_place(1, "nagorno-karabakh").unwrap();
    assert_eq!(
        s.items[1].event.shape_name.as_deref(),
        Some("Nagorno-Karabakh")
    );
    s.choose_place(1, "julfa").unwrap();
    assert_eq!(s.items[1].event.shape_name, None);
    s.accept(0).unwrap();
    s.accept(1).unwrap();
    s.save(&library).unwrap();
    assert_eq!(check_paths(&[library.events_path()]), Vec::new());
    let events = library.events().unwrap();
    assert_eq!(events[0].shape_name.as_deref(), Some("Iran"));
}

#[test]
fn a_title_is_set_tidied_and_bounded_and_the_extractors_kept_once() {
    let mut s = state();
    let old = s.items[0].event.title.clone();
    assert_eq!(
        s.set_title(0, " \t "),
        Err("a title cannot be empty".to_owned())
    );
    let long = "x".repeat(TITLE_MAX_CHARS + 1);
    assert_eq!(
        s.set_title(0, &long),
        Err(format!(
            "the title has {} characters; at most {TITLE_MAX_CHARS} are kept",
            TITLE_MAX_CHARS + 1
        ))
    );
    assert_eq!(s.items[0].event.title, old);
    assert!(!s.items[0].edited);
    s.set_title(0, "Officials  meet\nin Tabriz").unwrap();
    s.set_title(0, "Officials meet in Tabriz on Monday")
        .unwrap();
    let e = &s.items[0].event;
    assert_eq!(e.title, "Officials meet in Tabriz on Monday");
    assert_eq!(e.notes.matches("Title set by the reviewer").count(), 1);
    assert!(e.notes.ends_with(&format!("the extractor's was “{old}”.")));
    assert!(s.items[0].edited);
    // the same title again is no change to undo
    s.set_title(0, "Officials meet in Tabriz on Monday")
        .unwrap();
    assert!(s.undo());
    assert_eq!(s.items[0].event.title, "Officials meet in Tabriz");
    assert!(s.undo());
    assert_eq!(s.items[0].event.title, old);
    assert!(!s.undo());
}

#[test]
fn a_category_is_set_and_the_extractors_kept_in_the_notes() {
    let mut s = state();
    let old = s.items[1].event.category;
    assert_ne!(old, Category::Protest);
    s.set_category(1, Category::Protest).unwrap();
    s.set_category(1, Category::Other).unwrap();
    let e = &s.items[1].event;
    assert_eq!(e.category, Category::Other);
    let kept = format!(
        "Category set by the reviewer; the extractor's was {}.",
        old.label()
    );
    assert_eq!(e.notes.matches(&kept).count(), 1, "{}", e.notes);
    assert!(s.undo());
    assert_eq!(s.items[1].event.category, Category::Protest);
    s.accept(1).unwrap();
    assert_eq!(s.accepted()[0].category, Category::Protest);
}

#[test]
fn a_title_draft_follows_the_proposal_and_closes_on_undo() {
    let mut s = state();
    let title = s.items[1].event.title.clone();
    assert_eq!(s.title_draft_of(1).map(|d| d.text.clone()), Some(title));
    s.title_draft_of(1).unwrap().text = "Drills".to_owned();
    // the open draft is kept while the same proposal is edited
    assert_eq!(
        s.title_draft_of(1).map(|d| d.text.clone()),
        Some("Drills".to_owned())
    );
    s.apply_title().unwrap();
    assert!(s.title_draft.is_none());
    assert_eq!(s.items[1].event.title, "Drills");
    s.title_draft_of(1).unwrap().text = String::new();
    assert!(s.apply_title().is_err());
    assert_eq!(
        s.message.as_deref(),
        Some("Title not changed: a title cannot be empty")
    );
    assert!(s.title_draft.is_some());
    assert!(s.undo());
    assert!(s.title_draft.is_none());
    assert!(s.title_draft_of(5).is_none());
}
