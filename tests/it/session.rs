//! The session persists between runs, and "Copy view" reopens exactly that view.

use caucasus_atlas::app::{AtlasApp, SESSION_KEY};
use caucasus_atlas::commands::Command;
use caucasus_atlas::model::Category;
use caucasus_atlas::view_state::ViewState;
use std::collections::HashMap;

/// eframe storage kept in memory, as eframe keeps it in its file.
#[derive(Default)]
struct MemoryStorage(HashMap<String, String>);

impl eframe::Storage for MemoryStorage {
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

fn changed_app() -> AtlasApp {
    let mut app = AtlasApp::bundled();
    let lachin = app.data.index_of("2022-08-03-lachin-clash").unwrap();
    app.apply(Command::Select(Some(lachin)));
    app.apply(Command::SetWindow(738_000, 738_400));
    app.apply(Command::ShowCategory(Category::Statement, false));
    app.apply(Command::SetActor(Some("Iran".to_owned())));
    app.filters.text = "border".to_owned();
    app.map.view.scale = 222.0;
    app.map.view.lon = 46.5;
    app
}

#[test]
fn the_session_is_saved_and_restored() {
    let mut app = changed_app();
    let mut storage = MemoryStorage::default();
    eframe::App::save(&mut app, &mut storage);
    assert!(storage.0.contains_key(SESSION_KEY));
    let mut fresh = AtlasApp::bundled();
    assert_ne!(fresh.view_state(), app.view_state());
    assert!(fresh.restore_from(&storage));
    assert_eq!(fresh.view_state(), app.view_state());
    assert_eq!(fresh.selected, app.selected);
    assert_eq!(fresh.time.from, 738_000);
    assert!(!fresh.filters.shows(Category::Statement));
}

#[test]
fn unreadable_saved_state_is_ignored() {
    let mut storage = MemoryStorage::default();
    eframe::Storage::set_string(&mut storage, SESSION_KEY, "(garbage".to_owned());
    let mut app = AtlasApp::bundled();
    let before = app.view_state();
    assert!(!app.restore_from(&storage));
    assert_eq!(app.view_state(), before);
}

#[test]
fn a_copied_view_reopens_exactly() {
    let mut app = changed_app();
    app.refresh_visible();
    let text = app.view_state().to_text();
    assert!(text.len() < 300, "{text}");
    let mut other = AtlasApp::bundled();
    other.apply_view_state(&ViewState::from_text(&text).unwrap());
    let (a, b) = (app.view_state(), other.view_state());
    assert_eq!(
        (a.from, a.to, a.mode, &a.filters, &a.selected),
        (b.from, b.to, b.mode, &b.filters, &b.selected)
    );
    assert!((a.map.lon - b.map.lon).abs() < 1e-4 && (a.map.scale - b.map.scale).abs() < 1e-2);
    assert_eq!(other.visible, app.visible);
}
