//! From a new article to events on the map, in the window: File > New from article, the form,
//! the review beside the article, a place picked on the map, the save, the layer it opens, and the
//! same layer again on the next start.

use crate::common::{harness, scratch};
use caucasus_atlas::app::{AtlasApp, LAYERS_KEY};
use caucasus_atlas::extract::library::Library;
use caucasus_atlas::map::projection::Projector;
use eframe::egui::{self, Key, Modifiers, PointerButton};
use egui_kittest::Harness;
use egui_kittest::kittest::{NodeT, Queryable};
use std::collections::HashMap;

const ARTICLE: &str = "Delegations from Azerbaijan and Armenia met Iranian officials at an \
international trade fair in Tabriz on Tuesday, the East Azerbaijan provincial government said.\n\n\
Iranian and Azerbaijani customs officials held talks on 3 March in Ardabil on opening a second \
crossing on the Aras.\n";

fn type_into(harness: &mut Harness<'_, AtlasApp>, label: &str, text: &str) {
    harness.get_by_label(label).focus();
    harness.run();
    harness.key_press_modifiers(Modifiers::COMMAND, Key::A);
    harness.get_by_label(label).type_text(text);
    harness.run();
}

/// A storage that keeps what eframe would save, so a second app can start from it.
#[derive(Default)]
struct Memory(HashMap<String, String>);

impl eframe::Storage for Memory {
    fn get_string(&self, key: &str) -> Option<String> {
        self.0.get(key).cloned()
    }
    fn set_string(&mut self, key: &str, value: String) {
        self.0.insert(key.to_owned(), value);
    }
    fn remove_string(&mut self, key: &str) {
        self.0.remove(key);
    }
    fn flush(&mut self) {}
}

/// Opens File > New from article.
fn open_new_article_form(harness: &mut Harness<'_, AtlasApp>) {
    harness.get_by_label("File").click();
    harness.run();
    harness.get_by_label("New from article…").click();
    harness.run();
}

#[test]
fn a_new_article_becomes_reviewed_events_on_the_map_and_stays_there() {
    let tmp = scratch("review-window");
    let dir = tmp.path();
    let mut harness = harness();
    harness.state_mut().set_library(Some(Library::new(dir)));
    let before = harness.state().data.len();
    open_new_article_form(&mut harness);
    type_into(&mut harness, "or paste the article's text", ARTICLE);
    type_into(&mut harness, "Save pasted text as", "tabriz-fair.txt");
    type_into(&mut harness, "Published (YYYY-MM-DD)", "2024-03-14");
    type_into(&mut harness, "Publisher", "Example");
    harness.get_by_label("Start review").click();
    harness.run();
    harness.get_by_label_contains("Review: tabriz-fair.txt");
    harness.get_by_label("Accept #1").click();
    harness.run();
    // the place of the first proposal, picked on the map at Tabriz
    harness.get_by_label("Edit #1").click();
    harness.run();
    harness.get_by_label("Pick on map #1").click();
    harness.run();
    assert!(harness.state().picking_place);
    let map = &harness.state().map;
    let tabriz = Projector::new(map.view, map.rect).project(46.2919, 38.08);
    harness.hover_at(tabriz);
    harness.step();
    for pressed in [true, false] {
        harness.event(egui::Event::PointerButton {
            pos: tabriz,
            button: PointerButton::Primary,
            pressed,
            modifiers: Modifiers::NONE,
        });
        harness.step();
    }
    harness.run();
    assert!(!harness.state().picking_place);
    // the review tells which place was taken and where the click was, and the window's prompt
    // to click is gone; an undo replaces that, and a redo sets it again
    harness.get_by_label_contains("Place set: Tabriz (clicked at 38.08");
    assert!(
        harness
            .query_by_label_contains("Click the map where")
            .is_none()
    );
    harness.get_by_label("Undo").click();
    harness.run();
    assert!(harness.query_by_label_contains("Place set:").is_none());
    harness.get_by_label_contains("Undone: the last change to");
    harness.get_by_label("Redo").click();
    harness.run();
    harness.get_by_label_contains("Redone: the last change to");
    harness.get_by_label("Save accepted").click();
    for _ in 0..200 {
        harness.step();
        if harness.state().data.len() > before {
            break;
        }
        std::thread::sleep(std::time::Duration::from_millis(10));
    }
    harness.run();
    let state = harness.state();
    assert_eq!(
        state.data.len(),
        before + 1,
        "the saved event joins the open data"
    );
    let added = (0..state.data.len())
        .filter_map(|i| state.data.event(i))
        .find(|e| e.source.document == "tabriz-fair.txt")
        .expect("the saved event is open");
    assert!(
        (added.lon - 46.2919).abs() < 0.05 && (added.lat - 38.08).abs() < 0.05,
        "placed where the map was clicked: {} {}",
        added.lon,
        added.lat
    );
    assert!(
        ARTICLE.contains(&added.source.quote),
        "the quote stays verbatim"
    );
    let saved = state
        .user_layers
        .first()
        .cloned()
        .expect("the events file is remembered");
    assert!(saved.starts_with(dir));
    let check = caucasus_atlas::io::check::check_paths(std::slice::from_ref(&saved));
    assert!(check.is_empty(), "{check:?}");
    // the bundled data is never modified
    assert_eq!(
        std::fs::read_to_string("assets/events.json").unwrap(),
        caucasus_atlas::io::bundle::EVENTS_JSON
    );

    // the next start reopens the user's events file as a layer
    let mut storage = Memory::default();
    eframe::App::save(harness.state_mut(), &mut storage);
    assert!(storage.0.contains_key(LAYERS_KEY));
    let mut next = AtlasApp::bundled();
    next.reopen_layers_from(&storage);
    let mut again = Harness::builder()
        .with_size(egui::vec2(1600.0, 1000.0))
        .with_max_steps(40)
        .build_ui_state(|ui, app: &mut AtlasApp| app.frame_ui(ui), next);
    for _ in 0..200 {
        again.step();
        if again.state().data.len() > before {
            break;
        }
        std::thread::sleep(std::time::Duration::from_millis(10));
    }
    assert_eq!(again.state().data.len(), before + 1);

    // closed from the File menu, the user's file is no longer reopened at start
    again.get_by_label("File").click();
    again.run();
    let name = saved.file_name().unwrap().to_string_lossy().into_owned();
    again.get_by_label(&format!("{name} (1 event)"));
    again.get_by_label(&format!("Close {name}")).click();
    again.run();
    assert_eq!(again.state().data.len(), before);
    let (status, _) = again.state().status.clone().unwrap();
    assert!(
        status.ends_with("; it is no longer opened at start"),
        "{status}"
    );
    let mut after = Memory::default();
    eframe::App::save(again.state_mut(), &mut after);
    let mut third = AtlasApp::bundled();
    third.reopen_layers_from(&after);
    assert!(third.user_layers.is_empty());
    drop((again, harness));
    tmp.close().unwrap();
}

/// The form's box leaves the public record out: the summit a sentence names is then not dated.
#[test]
fn the_form_can_leave_out_the_public_record() {
    let summit =
        "Officials praised the recent summit of the presidents of Iran, Russia and Turkey.";
    let dates_with = |text_only: bool| {
        let mut harness = harness();
        open_new_article_form(&mut harness);
        type_into(&mut harness, "or paste the article's text", summit);
        type_into(&mut harness, "Published (YYYY-MM-DD)", "2022-09-05");
        if text_only {
            harness
                .get_by_label(
                    "Dates and places from the article alone (leave out the public record)",
                )
                .click();
            harness.run();
        }
        harness.get_by_label("Start review").click();
        harness.run();
        match &harness.state().review {
            Some(caucasus_atlas::app::Review::Reviewing(state)) => state
                .items
                .iter()
                .filter_map(|i| i.event.date.range.map(|(s, _)| s.to_string()))
                .collect::<Vec<_>>(),
            _ => panic!("no review started"),
        }
    };
    assert_eq!(dates_with(false), ["2022-07-19"]);
    assert!(dates_with(true).is_empty());
}

#[test]
fn the_review_keeps_its_width_as_a_proposal_is_opened_for_editing() {
    for size in [egui::vec2(1600.0, 1000.0), egui::vec2(1280.0, 800.0)] {
        let mut harness = harness();
        harness.set_size(size);
        harness.run();
        open_new_article_form(&mut harness);
        type_into(&mut harness, "or paste the article's text", ARTICLE);
        type_into(
            &mut harness,
            "Save pasted text as",
            "a-rather-long-name-for-a-pasted-article-about-tabriz.txt",
        );
        type_into(&mut harness, "Published (YYYY-MM-DD)", "2024-03-14");
        type_into(
            &mut harness,
            "Publisher",
            "The East Azerbaijan Provincial Government",
        );
        harness.get_by_label("Start review").click();
        harness.run();
        let before = harness.state().map.rect;
        harness.get_by_label("Edit #1").click();
        harness.run();
        harness
            .query_all_by_label_contains("#1 ")
            .find(|n| {
                n.accesskit_node()
                    .label()
                    .is_some_and(|l| l.starts_with("#1 "))
            })
            .unwrap()
            .click();
        harness.run();
        let after = harness.state().map.rect;
        // the panel opens at its default width (45 % of the window, or as much as leaves the
        // map 500 points beside the list), whatever the form took
        let panel = size.x - before.max.x;
        let beside = before.width() + panel;
        let default = (0.45 * size.x).min(beside - 500.0);
        assert!(
            (panel - default).abs() < 20.0,
            "at {size:?} the review took {panel} px, not {default}"
        );
        assert!(before.width() >= 480.0, "at {size:?} the map is {before:?}");
        assert!(
            (after.width() - before.width()).abs() < 1.0,
            "at {size:?} the map was {before:?} and became {after:?}"
        );
    }
}
