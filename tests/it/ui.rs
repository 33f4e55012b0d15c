//! The real app driven through AccessKit, as a user would: click, type, press keys.

use crate::common::harness;
use caucasus_atlas::app::AtlasApp;
use caucasus_atlas::model::Category;
use caucasus_atlas::panels::list::row_text;
use eframe::egui::Key;
use egui_kittest::Harness;
use egui_kittest::kittest::{NodeT, Queryable};

/// The text of a node: AccessKit keeps a label's text in its value.
fn text_of<'t>(node: &impl NodeT<'t>) -> String {
    let n = node.accesskit_node();
    n.label().or_else(|| n.value()).unwrap_or_default()
}

fn count_label(harness: &Harness<'_, AtlasApp>) -> String {
    text_of(&harness.get_by_label_contains("events shown"))
}

#[test]
fn choosing_an_event_in_the_list_shows_its_quote() {
    let mut harness = harness();
    let data = &harness.state().data;
    let index = (0..data.dated_len())
        .find(|&i| data.event(i).unwrap().title.contains("summon"))
        .expect("the bundled data has the 2012 summons");
    let event = data.event(index).unwrap().into_owned();
    let row = row_text(&data.view(index).unwrap());
    harness.get_by_label(&row).click();
    harness.run();
    assert_eq!(harness.state().selected, Some(index));
    harness.get_by_label(&format!("“{}”", event.source.quote));
    assert!(event.source.quote.contains("summoned"));
    // the detail panel states the month precision in words
    harness.get_by_label("February 2012 (month)");
}

#[test]
fn right_selects_the_chronologically_next_event() {
    let mut harness = harness();
    harness
        .state_mut()
        .apply(caucasus_atlas::commands::Command::Select(Some(3)));
    harness.run();
    harness.key_press(Key::ArrowRight);
    harness.run();
    assert_eq!(harness.state().selected, Some(4));
    let data = &harness.state().data;
    let (a, b) = (data.event(3).unwrap(), data.event(4).unwrap());
    assert!(a.date.days().unwrap() <= b.date.days().unwrap());
    harness.key_press(Key::ArrowLeft);
    harness.run();
    assert_eq!(harness.state().selected, Some(3));
    harness.key_press(Key::End);
    harness.run();
    assert_eq!(harness.state().selected, Some(data_dated_len(&harness) - 1));
    harness.key_press(Key::Escape);
    harness.run();
    assert_eq!(harness.state().selected, None);
}

fn data_dated_len(harness: &Harness<'_, AtlasApp>) -> usize {
    harness.state().data.dated_len()
}

#[test]
fn next_event_button_steps_and_moves_the_window() {
    let mut harness = harness();
    harness.get_by_label("First event").click();
    harness.run();
    assert_eq!(harness.state().selected, Some(0));
    harness.get_by_label("Next event").click();
    harness.run();
    assert_eq!(harness.state().selected, Some(1));
    let (from, to) = (harness.state().time.from, harness.state().time.to);
    let (s, _) = harness.state().data.event(1).unwrap().date.days().unwrap();
    assert!(from <= s && s <= to);
}

#[test]
fn narrowing_the_window_changes_the_count_shown() {
    let mut harness = harness();
    let before = count_label(&harness);
    let total = harness.state().data.len();
    assert_eq!(before, format!("{total} of {total} events shown"));
    let from = harness.get_by_label("From");
    from.focus();
    harness.run();
    harness.key_press_modifiers(eframe::egui::Modifiers::COMMAND, Key::A);
    harness.get_by_label("From").type_text("2021-11");
    harness.key_press(Key::Enter);
    harness.run();
    let after = count_label(&harness);
    assert_ne!(after, before);
    let shown: usize = after.split(' ').next().unwrap().parse().unwrap();
    let expected = harness.state().visible.in_window.len() + harness.state().visible.undated.len();
    assert_eq!(shown, expected);
    assert!(shown < total, "{after}");
    // every listed event ends on or after 1 November 2021
    let nov =
        caucasus_atlas::model::date::day_of(chrono::NaiveDate::from_ymd_opt(2021, 11, 1).unwrap());
    assert_eq!(harness.state().time.from, nov);
    for i in harness.state().visible.in_window.iter() {
        assert!(
            harness
                .state()
                .data
                .event(i)
                .unwrap()
                .date
                .days()
                .unwrap()
                .1
                >= nov
        );
    }
}

#[test]
fn a_category_filter_hides_its_events_on_both_views() {
    let mut harness = harness();
    // August 2022: a short list, all of it on screen
    let day = |m, d| {
        caucasus_atlas::model::date::day_of(chrono::NaiveDate::from_ymd_opt(2022, m, d).unwrap())
    };
    harness
        .state_mut()
        .apply(caucasus_atlas::commands::Command::SetWindow(
            day(8, 1),
            day(8, 31),
        ));
    harness.run();
    let military: Vec<String> = harness
        .state()
        .visible
        .in_window
        .iter()
        .map(|i| harness.state().data.view(i).unwrap())
        .filter(|e| e.category == Category::Military)
        .map(|e| row_text(&e))
        .collect();
    assert!(!military.is_empty());
    for row in &military {
        harness.get_by_label(row);
    }
    harness.get_by_label("Military").click();
    harness.run();
    assert!(!harness.state().filters.shows(Category::Military));
    for row in &military {
        assert!(harness.query_by_label(row).is_none(), "{row} still listed");
    }
    let state = harness.state();
    assert!(
        state
            .visible
            .in_window
            .iter()
            .all(|i| state.data.event(i).unwrap().category != Category::Military)
    );
    // the map's markers no longer count military events: no marker is labelled with one
    for &i in &state.visible.faded {
        assert_ne!(state.data.event(i).unwrap().category, Category::Military);
    }
}

#[test]
fn clicking_a_group_lists_its_events() {
    let mut harness = harness();
    let group = harness.get_by_label_contains("events at Tehran");
    let label = text_of(&group);
    let n: usize = label.split(' ').next().unwrap().parse().unwrap();
    assert!(n >= 2, "{label}");
    group.click();
    harness.run();
    harness.get_by_label(&format!("{n} events here"));
    let rows = harness.get_all_by_label_contains(" — ").count();
    assert_eq!(rows, n);
    let opened = harness.state().map.group.clone().unwrap().0;
    assert_eq!(opened.len(), n);
    let first = harness.state().data.event(opened[0]).unwrap().into_owned();
    harness
        .get_by_label(&format!("{} — {}", first.date.short(), first.title))
        .click();
    harness.run();
    assert_eq!(harness.state().selected, Some(opened[0]));
}

#[test]
fn zoom_buttons_change_the_map_scale() {
    let mut harness = harness();
    let before = harness.state().map.view.scale;
    harness.get_by_label("Zoom in").click();
    harness.run();
    let after = harness.state().map.view.scale;
    assert!((after / before - 1.5).abs() < 1e-6, "{before} -> {after}");
    harness.get_by_label("Fit region").click();
    harness.run();
    assert!((harness.state().map.view.scale - before).abs() < 1e-6);
}

#[test]
fn copy_view_puts_the_view_on_the_clipboard() {
    let mut harness = harness();
    harness.key_press(Key::End);
    harness.run();
    harness.get_by_label("File").click();
    harness.run();
    harness.get_by_label("Copy view").click();
    harness.step();
    let copied = harness
        .output()
        .platform_output
        .commands
        .iter()
        .find_map(|c| match c {
            eframe::egui::OutputCommand::CopyText(t) => Some(t.clone()),
            _ => None,
        })
        .expect("a text was copied");
    let view = caucasus_atlas::view_state::ViewState::from_text(&copied).unwrap();
    let now = harness.state().view_state();
    assert_eq!(
        (view.from, view.to, &view.filters, &view.selected),
        (now.from, now.to, &now.filters, &now.selected)
    );
    assert!(
        (view.map.scale - now.map.scale).abs() < 0.01 && (view.map.lat - now.map.lat).abs() < 1e-4
    );
    assert!(view.selected.is_some());
}

#[test]
fn ctrl_f_puts_the_typing_in_the_search_box() {
    let mut harness = harness();
    let all = count_label(&harness);
    harness.key_press_modifiers(eframe::egui::Modifiers::COMMAND, Key::F);
    harness.run();
    // typed with no field chosen by the pointer: the keys go where Ctrl+F put the focus
    harness.event(eframe::egui::Event::Text("Lachin".to_owned()));
    harness.run();
    assert_eq!(harness.state().filters.text, "Lachin");
    let found = count_label(&harness);
    let shown: usize = found.split(' ').next().unwrap().parse().unwrap();
    assert!(shown > 0 && found != all, "{all} -> {found}");
}

#[test]
fn play_on_the_opening_view_plays_a_window_from_the_start() {
    let mut harness = harness();
    let (first, last) = harness.state().time.extent;
    assert_eq!(
        (harness.state().time.from, harness.state().time.to),
        (first, last),
        "the window opens on all the data"
    );
    harness.get_by_label("Play").click();
    // playback repaints every frame: a few frames, not until the window settles
    harness.run_steps(3);
    let time = &harness.state().time;
    assert!(time.playing);
    // at most a frame's step of 0.1 s at 30 days a second, per frame, past the first day
    assert!(
        time.from - first <= 3 * 4,
        "from the first day: {}",
        time.from - first
    );
    assert_eq!(time.width(), 365, "a year of the 34 years");
    harness.get_by_label("Pause").click();
    harness.run_steps(3);
    assert!(!harness.state().time.playing);
}

#[test]
fn data_opened_in_place_shows_whole_with_room_for_the_lane_names() {
    let mut harness = harness();
    let opening = harness.state().timeline.shown().unwrap();
    let basemap = caucasus_atlas::io::bundle::bundled_basemap();
    let data = caucasus_atlas::io::bundle::bundled_dataset(&basemap);
    harness.state_mut().set_data(data);
    harness.run();
    let again = harness.state().timeline.shown().unwrap();
    let extent = harness.state().data.time_extent().unwrap();
    let whole = caucasus_atlas::timeline::whole_span(extent);
    for (a, b) in [
        (opening.0, again.0),
        (opening.1, again.1),
        (whole.0, again.0),
    ] {
        assert!(
            (a - b).abs() < 1.0,
            "{opening:?} then {again:?}, whole {whole:?}"
        );
    }
}

/// A line's count badge that a pie would cover moves along its line, where both can be read
/// and each answers to the pointer.
#[test]
fn a_line_s_badge_moves_along_it_off_the_marker_at_its_middle() {
    let tmp = crate::common::scratch("badge-off-marker");
    let path = tmp.path().join("line.geojson");
    let line = r#"{"type":"Feature","id":"road","geometry":{"type":"LineString","coordinates":[[45.0,39.0],[45.5,39.0],[46.0,39.0],[46.5,39.0],[47.0,39.0]]},"properties":{"title":"Convoy on the road","date":"2022-05-03"}}"#;
    let point = r#"{"type":"Feature","id":"town","geometry":{"type":"Point","coordinates":[46.0,39.0]},"properties":{"title":"Rally in the town","date":"2022-05-03"}}"#;
    std::fs::write(
        &path,
        format!(r#"{{"type":"FeatureCollection","features":[{line},{point}]}}"#),
    )
    .unwrap();
    let basemap = caucasus_atlas::io::bundle::bundled_basemap();
    let data = caucasus_atlas::io::open::load_dataset_strict(&path, &basemap, &Default::default())
        .unwrap();
    let mut harness = egui_kittest::Harness::builder()
        .with_size(eframe::egui::vec2(1600.0, 1000.0))
        .with_max_steps(40)
        .build_ui_state(
            |ui, app: &mut AtlasApp| app.frame_ui(ui),
            AtlasApp::new(data, basemap),
        );
    harness.run();
    let road = harness.get_by_label("Convoy on the road").rect();
    let town = harness.get_by_label("Rally in the town").rect();
    assert!(!road.intersects(town), "{road:?} under {town:?}");
    // on its line, beside the town: the line runs along y of the town's marker
    assert!(
        (road.center().y - town.center().y).abs() < 2.0,
        "{road:?} off its line"
    );
    assert!(
        road.center().distance(town.center()) < 120.0,
        "{road:?} far from {town:?}"
    );
}

/// A date that does not exist, typed in From, is refused aloud: the status line says why, and the
/// window stays as it was.
#[test]
fn a_date_that_does_not_exist_is_refused_in_the_status_line() {
    let mut harness = harness();
    let before = (harness.state().time.from, harness.state().time.to);
    crate::common::retype(&mut harness, "From", "2030-13-45");
    harness.get_by_label_contains("Date not applied: `2030-13-45`");
    assert_eq!((harness.state().time.from, harness.state().time.to), before);
}
