//! The review panel driven as a reviewer would: accept, reject, undo, redo, edit a date, select
//! article text as a new quote, save, and `check` the saved file.

use crate::common::{retype, scratch, written_place};
use caucasus_atlas::extract::library::Library;
use caucasus_atlas::io::check::check_paths;
use caucasus_atlas::model::{Category, Event, Precision};
use caucasus_atlas::panels::review::{
    NewArticleForm, ReviewCommand, ReviewState, Status, new_article_ui, review_ui,
};
use chrono::NaiveDate;
use eframe::egui;
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;

const ARTICLE: &str = "Talks in Tabriz\n\nTABRIZ, Iran\n\nOfficials from Iran and Azerbaijan met in Tabriz on Monday, the provincial government said.\n\nTroops held drills near Julfa last week, according to the Azerbaijani Defence Ministry.\n\nThe two sides also discussed trade.";

/// The review and the commands it gave the window.
struct Panel {
    review: ReviewState,
    commands: Vec<ReviewCommand>,
}

fn harness(library: Option<Library>) -> Harness<'static, Panel> {
    // Wednesday 6 March 2024
    let published = NaiveDate::from_ymd_opt(2024, 3, 6).unwrap();
    let mut review = ReviewState::from_text(
        ("tabriz-talks.txt", ARTICLE),
        (published, Some("Example".into())),
        false,
    )
    .unwrap();
    review.library = library;
    panel(review)
}

/// The review panel drawn over `review`, after its first frame.
fn panel(review: ReviewState) -> Harness<'static, Panel> {
    let mut h = Harness::builder()
        .with_size(egui::vec2(1400.0, 900.0))
        .build_ui_state(
            |ui, p: &mut Panel| {
                let c = review_ui(ui, &mut p.review);
                p.commands.extend(c);
            },
            Panel {
                review,
                commands: Vec::new(),
            },
        );
    h.run();
    h
}

/// Clicks the button labelled `label` and lets the panel answer.
fn click(h: &mut Harness<'_, Panel>, label: &str) {
    h.get_by_label(label).click();
    h.run();
}

/// Saves the accepted events as a reviewer does, checks the saved file is clean, and reads it
/// back.
fn save_and_reopen(h: &mut Harness<'_, Panel>, library: &Library) -> Vec<Event> {
    click(h, "Save accepted");
    let saved = library.events_path();
    assert_eq!(check_paths(std::slice::from_ref(&saved)), Vec::new());
    library.events().unwrap()
}

/// Asks to pick proposal `n`'s place on the map, checks the window is asked, and gives the
/// click the window would (`set_place` at `lon`, `lat`).
fn pick_on_map(h: &mut Harness<'_, Panel>, n: usize, (lon, lat): (f64, f64)) {
    click(h, &format!("Pick on map #{n}"));
    assert_eq!(
        h.state().commands.last(),
        Some(&ReviewCommand::PickPlaceOnMap)
    );
    h.state_mut().review.set_place(lon, lat).unwrap();
    h.run();
}

fn status(h: &Harness<'_, Panel>, i: usize) -> Status {
    h.state().review.items[i].status
}

#[test]
fn accept_reject_undo_and_redo_with_the_buttons() {
    let mut h = harness(None);
    let items = &h.state().review.items;
    assert_eq!(items.len(), 3);
    // "The two sides also discussed trade.": no date, at the dateline
    assert_eq!(items[2].event.date.range, None);
    assert_eq!(items[2].event.place, "tabriz");
    h.get_by_label("0 accepted · 0 rejected · 3 to review");
    h.get_by_label("Accept #1").click();
    h.run();
    assert_eq!(status(&h, 0), Status::Accepted);
    h.get_by_label("Reject #2").click();
    h.run();
    assert_eq!(status(&h, 1), Status::Rejected);
    h.get_by_label("1 accepted · 1 rejected · 1 to review");
    h.get_by_label("Undo").click();
    h.run();
    assert_eq!(status(&h, 1), Status::Pending);
    h.get_by_label("Redo").click();
    h.run();
    assert_eq!(status(&h, 1), Status::Rejected);
    h.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::Z);
    h.run();
    assert_eq!(status(&h, 1), Status::Pending);
}

#[test]
fn a_proposal_is_selected_and_its_date_edited_with_its_precision() {
    let mut h = harness(None);
    h.get_by_label("Edit #2").click();
    h.run();
    assert_eq!(h.state().review.selected, Some(1));
    let draft = h.state_mut().review.draft.as_mut().unwrap();
    assert_eq!(
        (draft.start.as_str(), draft.end.as_str()),
        ("2024-02-26", "2024-03-03")
    );
    draft.start = "2024-02-01".into();
    draft.end = "2024-02-29".into();
    draft.precision = Precision::Month;
    h.get_by_label("Apply date #2").click();
    h.run();
    let e = &h.state().review.items[1].event;
    assert_eq!(e.date.describe(), "February 2024 (month)");
    h.get_by_label_contains("February 2024 (month) · Julfa");
    // a date after publication is refused and said so
    h.get_by_label("Edit #2").click();
    h.run();
    h.state_mut().review.draft.as_mut().unwrap().start = "2024-03-20".into();
    h.state_mut().review.draft.as_mut().unwrap().end = String::new();
    h.get_by_label("Apply date #2").click();
    h.run();
    h.get_by_label_contains("Date not changed: ends after publication");
    assert_eq!(
        h.state().review.items[1].event.date.describe(),
        "February 2024 (month)"
    );
}

#[test]
fn dragging_over_the_article_selects_a_new_verbatim_quote() {
    let mut h = harness(None);
    h.get_by_label("Edit #1").click();
    h.run();
    let article = h.get_by_label_contains("Article text").rect();
    // drag across the first lines of the article
    let from = article.left_top() + egui::vec2(2.0, 4.0);
    let to = article.left_top() + egui::vec2(article.width() * 0.6, 4.0);
    h.hover_at(from);
    h.run();
    h.drag_at(from);
    h.run();
    for k in 1..=4 {
        h.hover_at(from + (to - from) * (k as f32 / 4.0));
        h.run();
    }
    h.drop_at(to);
    h.run();
    let selection = h
        .state()
        .review
        .selection
        .clone()
        .expect("dragging selects text");
    assert!(!selection.is_empty());
    h.get_by_label("Use selected text as quote #1").click();
    h.run();
    let item = &h.state().review.items[0];
    assert!(item.edited);
    assert!(ARTICLE.contains(&item.event.source.quote));
    assert_eq!(&ARTICLE[item.quote.clone()], item.event.source.quote);
    assert!(
        item.event.source.quote.starts_with("Talks"),
        "{}",
        item.event.source.quote
    );
    h.get_by_label("Undo").click();
    h.run();
    assert!(
        h.state().review.items[0]
            .event
            .source
            .quote
            .starts_with("Officials from Iran")
    );
}

#[test]
fn saving_accepted_events_gives_a_clean_file_to_reopen() {
    let tmp = scratch("review-ui");
    let root = tmp.path();
    let library = Library::new(root);
    let mut h = harness(Some(library.clone()));
    h.get_by_label("Accept #2").click();
    h.run();
    h.get_by_label("Save accepted").click();
    h.run();
    let saved = library.events_path();
    assert_eq!(
        h.state().commands.last(),
        Some(&ReviewCommand::Saved(saved.clone()))
    );
    h.get_by_label_contains("Saved 1 event(s)");
    assert_eq!(check_paths(std::slice::from_ref(&saved)), Vec::new());
    let events = library.events().unwrap();
    assert_eq!(events.len(), 1);
    assert_eq!(events[0].place, "julfa");
    assert_eq!(events[0].source.document, "tabriz-talks.txt");
    assert_eq!(
        std::fs::read_to_string(root.join("seeds/tabriz-talks.txt")).unwrap(),
        ARTICLE
    );
    // the bundled data is untouched
    let bundled =
        std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/assets/events.json"))
            .unwrap();
    assert_eq!(bundled, caucasus_atlas::io::bundle::EVENTS_JSON);
}

#[test]
fn picking_on_the_map_is_asked_of_the_window_and_applied_by_set_place() {
    let mut h = harness(None);
    click(&mut h, "Edit #1");
    assert!(matches!(
        h.state().commands.first(),
        None | Some(ReviewCommand::ShowOnMap { .. })
    ));
    pick_on_map(&mut h, 1, (45.41, 39.21));
    assert_eq!(h.state().review.items[0].event.place, "nakhchivan");
    h.get_by_label_contains("Nakhchivan · Diplomacy");
}

#[test]
fn a_review_starts_from_pasted_text_with_its_date_and_publisher() {
    let mut h = Harness::builder()
        .with_size(egui::vec2(800.0, 600.0))
        .build_ui_state(
            |ui, (form, started): &mut (NewArticleForm, Option<ReviewState>)| {
                if let Some(r) = new_article_ui(ui, form) {
                    *started = Some(r);
                }
            },
            (NewArticleForm::default(), None),
        );
    h.run();
    h.state_mut().0.pasted = ARTICLE.to_owned();
    h.state_mut().0.published = "2024-02-30".to_owned();
    h.run();
    h.get_by_label("Start review").click();
    h.run();
    h.get_by_label_contains("not a real calendar date");
    assert!(h.state().1.is_none());
    h.get_by_role_and_label(egui::accesskit::Role::TextInput, "Published (YYYY-MM-DD)")
        .set_text_value_accesskit("2024-03-06");
    h.get_by_role_and_label(egui::accesskit::Role::TextInput, "Publisher")
        .set_text_value_accesskit("Example");
    h.run();
    h.get_by_label("Start review").click();
    h.run();
    let review = h.state().1.as_ref().expect("the review started");
    assert_eq!(review.article.document, "article-2024-03-06.txt");
    assert_eq!(review.article.publisher.as_deref(), Some("Example"));
    assert_eq!(review.items.len(), 3);
}

#[test]
fn the_sentences_left_out_are_listed_with_why() {
    let published = NaiveDate::from_ymd_opt(2025, 3, 14).unwrap();
    let review = ReviewState::from_text(
        (
            "sotk.txt",
            "Delegations met in Sotk on Wednesday. Officials met in Tabriz on Thursday.",
        ),
        (published, None),
        false,
    )
    .unwrap();
    assert_eq!(review.items.len(), 1);
    let mut h = panel(review);
    h.get_by_label("Left out (1)").click();
    h.run();
    let why = "sentence 1: no place: 'Sotk' is not in the gazetteer (\"Delegations met in Sotk on Wednesday.\")";
    h.get_by_label(why);
}

/// A review saving into `library` of "Delegations met in Sotk on Wednesday." (a village neither
/// the gazetteer nor GeoNames' table holds, so left out) and a meeting in Tabriz, after the
/// reviewer proposed the left-out sentence.
fn sotk_proposed(library: &Library) -> Harness<'static, Panel> {
    let published = NaiveDate::from_ymd_opt(2025, 3, 14).unwrap();
    let text = "Delegations met in Sotk on Wednesday. Officials met in Tabriz on Thursday.";
    let mut review = ReviewState::from_text(("sotk.txt", text), (published, None), false).unwrap();
    review.library = Some(library.clone());
    let mut h = panel(review);
    h.get_by_label("Left out (1)").click();
    h.run();
    h.get_by_label("Propose sentence 1").click();
    h.run();
    h
}

#[test]
fn a_left_out_sentence_is_proposed_placed_by_the_reviewer_accepted_and_saved() {
    let tmp = scratch("review-left-out");
    let library = Library::new(tmp.path());
    let mut h = sotk_proposed(&library);
    // it comes first, in the article's order, selected, with the date the extractor read
    let review = &h.state().review;
    assert!(review.left_out.is_empty());
    assert_eq!((review.items.len(), review.selected), (2, Some(0)));
    let added = &review.items[0].event;
    assert!(!added.is_placed());
    let wednesday = NaiveDate::from_ymd_opt(2025, 3, 12).unwrap();
    assert_eq!(added.date.range, Some((wednesday, wednesday)));
    assert_eq!(added.source.quote, "Delegations met in Sotk on Wednesday.");
    assert!(h.query_by_label_contains("Left out").is_none());
    h.get_by_label("NOT PLACED: choose a place or pick it on the map (Edit #1)");
    // an event file places every event: accepting is refused until it is placed
    click(&mut h, "Accept #1");
    assert_eq!(status(&h, 0), Status::Pending);
    h.get_by_label("#1 is not placed: choose its place or pick it on the map first");
    // the window gives the click near Sotk, far from any gazetteer place
    pick_on_map(&mut h, 1, (45.9, 40.2));
    // the refusal no longer holds, so it is no longer shown
    assert!(h.query_by_label_contains("is not placed").is_none());
    click(&mut h, "Accept #1");
    assert_eq!(status(&h, 0), Status::Accepted);
    let events = save_and_reopen(&mut h, &library);
    assert_eq!(events.len(), 1);
    assert_eq!(
        events[0].source.quote,
        "Delegations met in Sotk on Wednesday."
    );
    assert!((events[0].lon - 45.9).abs() < 1e-9 && events[0].is_placed());
    assert!(
        events[0].notes.contains("accepted by a reviewer"),
        "{}",
        events[0].notes
    );
    // undone to the start: the sentence is back in the left-out list
    for _ in 0..3 {
        h.get_by_label("Undo").click();
        h.run();
    }
    assert_eq!(h.state().review.items.len(), 1);
    h.get_by_label("Left out (1)");
    h.get_by_label("Redo").click();
    h.run();
    assert_eq!(h.state().review.items.len(), 2);
    assert!(h.state().review.left_out.is_empty());
}

/// A town neither the gazetteer nor the sentence's country gives, but GeoNames' table of the
/// region holds, places the proposal at its point; saving writes the town into the library's
/// places beside the events, with its GeoNames id and the note that says how it was found.
#[test]
fn a_town_the_gazetteer_lacks_is_proposed_at_its_geonames_point_and_saved_with_it() {
    let tmp = scratch("review-geonames-town");
    let library = Library::new(tmp.path());
    let published = NaiveDate::from_ymd_opt(2025, 3, 14).unwrap();
    let text = "Delegations met in Gazakh on Wednesday.";
    let mut review =
        ReviewState::from_text(("gazakh.txt", text), (published, None), false).unwrap();
    review.library = Some(library.clone());
    assert!(review.left_out.is_empty());
    assert_eq!(review.items.len(), 1);
    assert_eq!(review.items[0].event.place, "geonames-585226");
    let mut h = panel(review);
    h.get_by_label_contains("12 March 2025 (day) · Gazakh ·");
    click(&mut h, "Accept #1");
    let events = save_and_reopen(&mut h, &library);
    assert_eq!(events.len(), 1);
    assert_eq!(events[0].place, "geonames-585226");
    let gazakh = written_place(&library.places_path(), "geonames-585226")
        .expect("the town is saved with the library's places");
    assert_eq!(gazakh["name"], "Gazakh");
    assert_eq!(gazakh["country"], "Azerbaijan");
    assert_eq!(gazakh["geonames_id"], 585226);
    assert!((events[0].lat - gazakh["lat"].as_f64().unwrap()).abs() < 1e-9);
    assert!(
        gazakh["note"]
            .as_str()
            .unwrap()
            .contains("Check that it is the place meant")
    );
}

/// A click on the map near a town the gazetteer lacks takes the town of GeoNames' table, at its
/// point, named as the atlas shows it; the saved library holds it.
#[test]
fn a_click_near_a_geonames_town_takes_that_town() {
    let tmp = scratch("review-click-town");
    let library = Library::new(tmp.path());
    let mut h = sotk_proposed(&library);
    // 0.6 km from Jermuk's GeoNames point
    pick_on_map(&mut h, 1, (45.675, 39.845));
    let event = &h.state().review.items[0].event;
    assert_eq!(event.place, "geonames-174884");
    assert_eq!(event.place_name, "Jermuk");
    assert!((event.lat - 39.84168).abs() < 1e-6, "{}", event.lat);
    click(&mut h, "Accept #1");
    let events = save_and_reopen(&mut h, &library);
    assert_eq!(events[0].place, "geonames-174884");
    let places = std::fs::read_to_string(library.places_path()).unwrap();
    assert!(places.contains("\"geonames-174884\""), "{places}");
    assert!(
        places.contains("the reviewer clicked the map 0.6 km from it"),
        "{places}"
    );
}

#[test]
fn selected_text_the_extractor_passed_over_is_proposed_as_read() {
    let mut h = harness(None);
    assert_eq!(h.state().review.items.len(), 3);
    // the headline is no sentence, so the extractor passed over it
    let headline = "Talks in Tabriz";
    h.state_mut().review.selection = Some(0..headline.len() + 1);
    h.run();
    h.get_by_label("Propose selected text").click();
    h.run();
    let review = &h.state().review;
    // first, in the article's order, and selected
    assert_eq!((review.items.len(), review.selected), (4, Some(0)));
    assert!(review.selection.is_none());
    let item = &review.items[0];
    // the quote is the selection, trimmed and verbatim
    assert_eq!(item.quote, 0..headline.len());
    assert_eq!(item.event.source.quote, headline);
    assert!(
        item.event
            .notes
            .starts_with("Added by the reviewer from the selected text; read by the extractor"),
        "{}",
        item.event.notes
    );
    // placed where it says, and undated: the headline gives no day
    assert_eq!(item.event.place, "tabriz");
    assert_eq!(item.event.date.range, None);
    h.get_by_label("Undo").click();
    h.run();
    assert_eq!(h.state().review.items.len(), 3);
    assert_eq!(
        h.state().review.items[0].event.source.quote.get(..9),
        Some("Officials")
    );
}

#[test]
fn a_proposal_is_retitled_and_recategorised_and_saved_as_the_reviewer_worded_it() {
    let tmp = scratch("review-wording");
    let library = Library::new(tmp.path());
    let mut h = harness(Some(library.clone()));
    click(&mut h, "Edit #2");
    let old = h.state().review.items[1].event.title.clone();
    assert_eq!(h.state().review.items[1].event.category, Category::Military);
    retype(&mut h, "Title", "Azerbaijani  drills near Julfa ");
    let e = &h.state().review.items[1].event;
    // spaces are tidied, and the extractor's title stays in the notes
    assert_eq!(e.title, "Azerbaijani drills near Julfa");
    let kept = format!("Title set by the reviewer; the extractor's was “{old}”.");
    assert!(e.notes.contains(&kept), "{}", e.notes);
    h.get_by_label_contains("#2 Azerbaijani drills near Julfa");
    // an empty title is refused and said so; the title stays
    retype(&mut h, "Title", "   ");
    h.get_by_label("Title not changed: a title cannot be empty");
    assert_eq!(
        h.state().review.items[1].event.title,
        "Azerbaijani drills near Julfa"
    );
    // a second title keeps the extractor's in the notes, once
    retype(&mut h, "Title", "Drills near Julfa");
    let notes = &h.state().review.items[1].event.notes;
    assert_eq!(
        notes.matches("Title set by the reviewer").count(),
        1,
        "{notes}"
    );
    click(&mut h, "Category");
    click(&mut h, "Incident");
    let e = &h.state().review.items[1].event;
    assert_eq!(e.category, Category::Incident);
    assert!(
        e.notes
            .contains("Category set by the reviewer; the extractor's was Military.")
    );
    h.get_by_label_contains("Julfa · Incident · edited");
    // each change is one step to undo
    click(&mut h, "Undo");
    assert_eq!(h.state().review.items[1].event.category, Category::Military);
    click(&mut h, "Undo");
    assert_eq!(
        h.state().review.items[1].event.title,
        "Azerbaijani drills near Julfa"
    );
    click(&mut h, "Redo");
    click(&mut h, "Redo");
    click(&mut h, "Accept #2");
    let events = save_and_reopen(&mut h, &library);
    assert_eq!(events.len(), 1);
    assert_eq!(events[0].title, "Drills near Julfa");
    assert_eq!(events[0].category, Category::Incident);
    assert_eq!(
        events[0].source.quote,
        "Troops held drills near Julfa last week, according to the Azerbaijani Defence Ministry."
    );
}

#[test]
fn a_publication_date_the_text_contradicts_is_pointed_out() {
    let text = "Ministers met in Tabriz on September 7, 2023, the ministry said.";
    let review =
        |published| ReviewState::from_text(("call.txt", text), (published, None), false).unwrap();
    // a year early, as a slip of the keyboard gives it: the day in the text dates nothing
    let early = review(NaiveDate::from_ymd_opt(2022, 9, 8).unwrap());
    assert_eq!(early.items.len(), 1);
    assert_eq!(early.items[0].event.date.range, None);
    assert!(
        early.items[0].event.notes.contains(
            "Date cue: none it can use: 'September 7, 2023' is after the publication date"
        ),
        "{}",
        early.items[0].event.notes
    );
    let mut h = panel(early);
    h.get_by_label_contains(
        "The text names days after the publication date 2022-09-08: 'September 7, 2023' (sentence 1).",
    );
    // one click reads it again as published on the day it names, and the event is dated
    click(&mut h, "Read again as published 2023-09-07");
    let again = &h.state().review;
    assert_eq!(
        again.article.published,
        NaiveDate::from_ymd_opt(2023, 9, 7).unwrap()
    );
    let day = NaiveDate::from_ymd_opt(2023, 9, 7).unwrap();
    assert_eq!(again.items[0].event.date.range, Some((day, day)));
    assert!(
        h.query_by_label_contains("after the publication date")
            .is_none()
    );
    // the right date: the event is dated and nothing is said
    let right = review(NaiveDate::from_ymd_opt(2023, 9, 8).unwrap());
    assert!(right.items[0].event.date.range.is_some());
    let h = panel(right);
    assert!(
        h.query_by_label_contains("after the publication date")
            .is_none()
    );
}

#[test]
fn a_byline_that_contradicts_the_publication_date_is_offered_in_its_place() {
    let text = "Ministers meet in Moscow\n\nBy our correspondent · 4 December 2019\n\nThe ministers met in Baku on 28 November, the ministry said.";
    let wrong = NaiveDate::from_ymd_opt(2024, 3, 14).unwrap();
    let review = ReviewState::from_text(("byline.txt", text), (wrong, None), false).unwrap();
    // read from the wrong year, the year-less day is a day of 2023
    let nov_2023 = NaiveDate::from_ymd_opt(2023, 11, 28).unwrap();
    assert_eq!(review.items[0].event.date.range, Some((nov_2023, nov_2023)));
    let mut h = panel(review);
    h.get_by_label_contains("The article's own date line gives 4 December 2019");
    click(&mut h, "Read again as published 2019-12-04");
    let again = &h.state().review;
    let nov_2019 = NaiveDate::from_ymd_opt(2019, 11, 28).unwrap();
    assert_eq!(again.items[0].event.date.range, Some((nov_2019, nov_2019)));
    assert!(h.query_by_label_contains("own date line").is_none());
}
