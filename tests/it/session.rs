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

/// Steps `harness` until nothing loads or waits to load, and the open data has `n` events.
fn settle(harness: &mut egui_kittest::Harness<'_, AtlasApp>, n: usize) {
    for _ in 0..400 {
        harness.step();
        let app = harness.state();
        if app.data.len() == n && app.job.is_none() && app.pending.is_none() {
            break;
        }
        std::thread::sleep(std::time::Duration::from_millis(10));
    }
    harness.run();
    assert_eq!(harness.state().data.len(), n);
}

/// The app as the window starts it: the saved view, then the saved files opened again.
fn started_from(storage: &MemoryStorage) -> egui_kittest::Harness<'static, AtlasApp> {
    let mut app = AtlasApp::bundled();
    app.restore_from(storage);
    app.reopen_layers_from(storage);
    egui_kittest::Harness::builder()
        .with_size(eframe::egui::vec2(1600.0, 1000.0))
        .with_max_steps(40)
        .build_ui_state(|ui, app: &mut AtlasApp| app.frame_ui(ui), app)
}

/// Writes the first `n` bundled events after `skip`, their ids prefixed, as an atlas CSV.
fn events_file(dir: &std::path::Path, name: &str, skip: usize, n: usize) -> std::path::PathBuf {
    let bundled = AtlasApp::bundled();
    let events: Vec<_> = bundled
        .data
        .events()
        .skip(skip)
        .take(n)
        .map(|e| {
            let mut e = e.into_owned();
            e.id = format!("{name}-{}", e.id);
            e
        })
        .collect();
    let path = dir.join(format!("{name}.csv"));
    std::fs::write(
        &path,
        caucasus_atlas::io::atlas_csv::write_csv(&events).unwrap(),
    )
    .unwrap();
    path
}

/// A scratch folder holding `first.csv` (3 bundled events) and `layer.csv` (2 others), ids
/// prefixed with the file's name.
fn two_events_files(name: &str) -> (tempfile::TempDir, std::path::PathBuf, std::path::PathBuf) {
    let tmp = crate::common::scratch(name);
    let first = events_file(tmp.path(), "first", 20, 3);
    let layer = events_file(tmp.path(), "layer", 30, 2);
    (tmp, first, layer)
}

#[test]
fn the_open_files_open_again_with_the_view_that_lies_in_them() {
    let (_tmp, first, layer) = two_events_files("reopen");
    let mut harness = crate::common::harness();
    for (path, as_layer, n) in [(&first, false, 3), (&layer, true, 5)] {
        open_and_take(&mut harness, path, as_layer);
        settle(&mut harness, n);
    }
    // a window and a selection that exist only in the files
    let app = harness.state_mut();
    let chosen = app.data.index_of(app.data.id(4).unwrap()).unwrap();
    let chosen_id = app.data.id(chosen).unwrap().to_owned();
    assert!(chosen_id.starts_with("first-") || chosen_id.starts_with("layer-"));
    app.apply(Command::Select(Some(chosen)));
    app.apply(Command::SetWindow(738_100, 738_200));
    let mut storage = MemoryStorage::default();
    eframe::App::save(app, &mut storage);
    assert!(storage.0.contains_key(caucasus_atlas::app::OPEN_FILES_KEY));

    let mut next = started_from(&storage);
    // while the files open, the list saved is the one they come from
    let mut early = MemoryStorage::default();
    eframe::App::save(next.state_mut(), &mut early);
    assert_eq!(
        early.0.get(caucasus_atlas::app::OPEN_FILES_KEY),
        storage.0.get(caucasus_atlas::app::OPEN_FILES_KEY)
    );
    settle(&mut next, 5);
    for _ in 0..5 {
        next.step();
    }
    let app = next.state();
    let names: Vec<String> = app.open_files.files().iter().map(|f| f.name()).collect();
    assert_eq!(names, ["first.csv", "layer.csv"]);
    let (status, error) = app.status.clone().unwrap();
    assert_eq!(
        status,
        "Opened again from the last session: first.csv (3 events), layer.csv (2 events)"
    );
    assert!(!error);
    assert_eq!((app.time.from, app.time.to), (738_100, 738_200));
    assert_eq!(
        app.selected.and_then(|i| app.data.id(i)),
        Some(chosen_id.as_str())
    );

    // the first file gone: the bundled events stay open, the layer joins them, and it is said
    std::fs::remove_file(&first).unwrap();
    let mut gone = started_from(&storage);
    let bundled = AtlasApp::bundled().data.len();
    settle(&mut gone, bundled + 2);
    let (status, error) = gone.state().status.clone().unwrap();
    let said = format!(
        "Opened again from the last session: layer.csv (2 events); not opened again, no longer \
         there: {}; the bundled events are open",
        first.display()
    );
    assert_eq!(status, said);
    assert!(error);
    let names: Vec<String> = gone
        .state()
        .open_files
        .files()
        .iter()
        .map(|f| f.name())
        .collect();
    assert_eq!(names, ["Bundled events", "layer.csv"]);
}

#[test]
fn what_a_file_opened_again_has_to_say_is_said_with_the_summary() {
    let tmp = crate::common::scratch("reopen-notes");
    let when = "<TimeStamp><when>2021-05-03</when></TimeStamp>";
    let path = crate::common::my_map_kml(
        tmp.path(),
        &[("dated", when, "May 2021"), ("undated", "", "May 2021")],
    );
    let mut harness = crate::common::harness();
    open_and_take(&mut harness, &path, false);
    settle(&mut harness, 2);
    let note = "1 placemark has no recognised date";
    let (said, _) = harness.state().status.clone().unwrap();
    assert!(said.contains(note), "{said}");
    let mut storage = MemoryStorage::default();
    eframe::App::save(harness.state_mut(), &mut storage);

    let mut next = started_from(&storage);
    settle(&mut next, 2);
    for _ in 0..5 {
        next.step();
    }
    // before, the summary alone: the file's own note was lost
    let (status, error) = next.state().status.clone().unwrap();
    assert!(
        status.starts_with(&format!(
            "Opened again from the last session: my-map.kml (2 events); my-map.kml: {note}"
        )),
        "{status}"
    );
    assert!(!error);
}

/// Opens `path` and takes its load beside the open data (`layer`) or instead of it.
fn open_and_take(
    harness: &mut egui_kittest::Harness<'_, AtlasApp>,
    path: &std::path::Path,
    layer: bool,
) {
    harness
        .state_mut()
        .apply(Command::OpenPath(path.to_path_buf()));
    for _ in 0..400 {
        harness.step();
        if harness.state().pending.is_some() {
            break;
        }
        std::thread::sleep(std::time::Duration::from_millis(10));
    }
    harness.state_mut().apply(Command::AcceptLoad { layer });
}

#[test]
fn large_files_are_put_together_beside_the_frames_and_open_again_so() {
    let (_tmp, first, layer) = two_events_files("merge-beside");
    let mut harness = crate::common::harness();
    // every merge counts as large
    harness.state_mut().merge_beside_from = 0;
    open_and_take(&mut harness, &first, false);
    settle(&mut harness, 3);
    open_and_take(&mut harness, &layer, true);
    // the window goes on with the data as it was, and says what it is doing
    let app = harness.state();
    assert!(app.is_merging());
    assert_eq!(app.data.len(), 3);
    assert_eq!(
        app.status.clone().unwrap(),
        (
            "Adding 2 events from layer.csv beside the open data…".to_owned(),
            false
        )
    );
    // quitting now would save the file joining the others with them
    let mut early = MemoryStorage::default();
    eframe::App::save(harness.state_mut(), &mut early);
    let saved: Vec<Option<std::path::PathBuf>> =
        eframe::get_value(&early, caucasus_atlas::app::OPEN_FILES_KEY).unwrap();
    assert_eq!(saved, [Some(first.clone()), Some(layer.clone())]);
    // a file closed meanwhile waits
    harness.state_mut().apply(Command::CloseFile(0));
    assert_eq!(
        harness.state().status.clone().unwrap(),
        (
            "Adding 2 events from layer.csv beside the open data: try again once it is done"
                .to_owned(),
            true
        )
    );
    settle(&mut harness, 5);
    let app = harness.state();
    assert!(!app.is_merging());
    assert_eq!(
        app.status.clone().unwrap().0,
        format!(
            "2 events from {} added beside the open data",
            layer.display()
        )
    );
    let names: Vec<String> = app.open_files.files().iter().map(|f| f.name()).collect();
    assert_eq!(names, ["first.csv", "layer.csv"]);
    // closing runs beside the frames too
    harness.state_mut().apply(Command::CloseFile(1));
    assert!(harness.state().is_merging());
    settle(&mut harness, 3);
    assert_eq!(
        harness.state().status.clone().unwrap().0,
        "Closed layer.csv: 3 events open"
    );
    // the files opened again at start are put together beside the frames as well
    open_and_take(&mut harness, &layer, true);
    settle(&mut harness, 5);
    let mut storage = MemoryStorage::default();
    eframe::App::save(harness.state_mut(), &mut storage);
    let mut app = AtlasApp::bundled();
    app.merge_beside_from = 0;
    app.restore_from(&storage);
    app.reopen_layers_from(&storage);
    let mut next = egui_kittest::Harness::builder()
        .with_size(eframe::egui::vec2(1600.0, 1000.0))
        .with_max_steps(40)
        .build_ui_state(|ui, app: &mut AtlasApp| app.frame_ui(ui), app);
    settle(&mut next, 5);
    for _ in 0..5 {
        next.step();
    }
    let app = next.state();
    assert!(!app.is_merging());
    assert_eq!(
        app.status.clone().unwrap().0,
        "Opened again from the last session: first.csv (3 events), layer.csv (2 events)"
    );
}
