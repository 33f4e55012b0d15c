//! Opening files from the File menu (good and bad), layers, and the export round trip, driven
//! through AccessKit as a user would.

use crate::common::{harness, scratch};
use caucasus_atlas::app::AtlasApp;
use caucasus_atlas::commands::{Command, ExportFormat};
use eframe::egui::Key;
use egui_kittest::Harness;
use egui_kittest::kittest::{NodeT, Queryable};
use std::path::{Path, PathBuf};

/// Opens `path` through File > path field > "Open path" and waits for the background load.
fn open_through_menu(harness: &mut Harness<'_, AtlasApp>, path: &Path) {
    type_path(harness, path);
    harness.get_by_label("Open path").click();
    for _ in 0..400 {
        harness.step();
        if harness.state().pending.is_some() {
            break;
        }
        std::thread::sleep(std::time::Duration::from_millis(10));
    }
    harness.run();
    assert!(harness.state().pending.is_some(), "the load did not finish");
}

#[test]
fn a_bad_file_never_replaces_what_is_open() {
    let dir = scratch("open");
    let mut harness = harness();
    let before = harness.state().data.len();
    // an atlas CSV with one good row and two bad ones
    let app = AtlasApp::bundled();
    let mut text = caucasus_atlas::io::atlas_csv::write_csv(app.data.events().take(2)).unwrap();
    text.push_str(
        &text
            .lines()
            .nth(1)
            .unwrap()
            .replacen(",true,", ",maybe,", 1),
    );
    text.push('\n');
    let path = dir.path().join("mixed.csv");
    std::fs::write(&path, &text).unwrap();
    open_through_menu(&mut harness, &path);
    harness.get_by_label_contains("problem(s); 2 valid record(s)");
    // the bad row's problem stands at its `verified` field
    let column = text.lines().nth(3).unwrap().find("maybe").unwrap() + 1;
    harness.get_by_label_contains(&format!(
        "{}:4:{column}: verified `maybe` is not true or false",
        path.display()
    ));
    harness.get_by_label("Cancel").click();
    harness.run();
    assert!(harness.state().pending.is_none());
    assert_eq!(
        harness.state().data.len(),
        before,
        "the open data is unchanged"
    );
    // again, this time taking the valid records
    open_through_menu(&mut harness, &path);
    harness.get_by_label("Replace with 2 (1 skipped)").click();
    harness.run();
    assert_eq!(harness.state().data.len(), 2);
    let status = harness.state().status.clone().unwrap().0;
    assert!(status.contains("(1 skipped)"), "{status}");
}

#[test]
fn garbage_and_unknown_files_get_clear_messages() {
    let dir = scratch("open");
    let mut harness = harness();
    let before = harness.state().data.len();
    let bin = dir.path().join("garbage.geojson");
    std::fs::write(&bin, [0xffu8, 0x00, 0x13, 0x37, 0xfe]).unwrap();
    open_through_menu(&mut harness, &bin);
    harness.get_by_label_contains(&format!("{}:1:1: not UTF-8", bin.display()));
    harness.get_by_label("Cancel").click();
    harness.run();
    let unknown = dir.path().join("notes.txt");
    std::fs::write(&unknown, "hello").unwrap();
    open_through_menu(&mut harness, &unknown);
    harness.get_by_label_contains(&format!(
        "{}:1:1: unknown file type `.txt`",
        unknown.display()
    ));
    harness.get_by_label("Cancel").click();
    harness.run();
    assert_eq!(harness.state().data.len(), before);
}

#[test]
fn a_file_opens_as_a_layer_beside_the_bundled_data() {
    let dir = scratch("open");
    let mut harness = harness();
    let before = harness.state().data.len();
    let other = AtlasApp::bundled();
    let mut events: Vec<_> = other
        .data
        .events()
        .take(3)
        .map(|e| e.into_owned())
        .collect();
    for e in &mut events {
        e.id = format!("copy-{}", e.id);
    }
    let text = caucasus_atlas::io::atlas_csv::write_csv(&events).unwrap();
    let path = dir.path().join("layer.csv");
    std::fs::write(&path, text).unwrap();
    open_through_menu(&mut harness, &path);
    harness.get_by_label("Add 3 as a layer").click();
    harness.run();
    assert_eq!(harness.state().data.len(), before + 3);
    let copies = harness
        .state()
        .data
        .views()
        .filter(|e| e.id.starts_with("copy-"))
        .count();
    assert_eq!(copies, 3);

    // the file edited and opened again: its new content replaces its old, it is not added twice
    events.truncate(2);
    events[0].title = "Edited title".to_owned();
    let edited_id = events[0].id.clone();
    let text = caucasus_atlas::io::atlas_csv::write_csv(&events).unwrap();
    std::fs::write(&path, text).unwrap();
    open_through_menu(&mut harness, &path);
    harness.get_by_label("Add 2 as a layer").click();
    harness.run();
    let (status, _) = harness.state().status.clone().unwrap();
    assert!(
        status.starts_with("2 events from ")
            && status.ends_with(" opened again in place of its earlier events"),
        "{status}"
    );
    let data = &harness.state().data;
    assert_eq!(data.len(), before + 2);
    let edited = data.event(data.index_of(&edited_id).unwrap()).unwrap();
    assert_eq!(edited.title, "Edited title");

    // File lists the open files; closing the layer leaves the bundled events as they were
    harness.get_by_label("File").click();
    harness.run();
    harness.get_by_label("Open files:");
    harness.get_by_label(&format!("Bundled events ({before} events)"));
    harness.get_by_label("layer.csv (2 events)");
    harness.get_by_label("Close layer.csv").click();
    harness.run();
    assert_eq!(harness.state().data.len(), before);
    assert_eq!(harness.state().open_files.files().len(), 1);
    let (status, error) = harness.state().status.clone().unwrap();
    assert_eq!(status, format!("Closed layer.csv: {before} events open"));
    assert!(!error);
    // the only open file cannot be closed
    harness.get_by_label("File").click();
    harness.run();
    assert!(harness.query_by_label("layer.csv (2 events)").is_none());
    assert!(
        harness
            .get_by_label("Close Bundled events")
            .accesskit_node()
            .is_disabled()
    );
}

#[test]
fn export_open_export_gives_the_same_events() {
    let dir = scratch("open");
    let mut app = AtlasApp::bundled();
    let n = app.data.len();
    let first = dir.path().join("export-1.csv");
    let second = dir.path().join("export-2.csv");
    app.apply(Command::ExportTo(first.clone(), ExportFormat::Csv));
    assert!(
        app.status
            .clone()
            .unwrap()
            .0
            .starts_with(&format!("Exported {n} events"))
    );
    let mut harness = harness();
    open_through_menu(&mut harness, &first);
    harness.get_by_label(&format!("Replace with {n}")).click();
    harness.run();
    harness
        .state_mut()
        .apply(Command::ExportTo(second.clone(), ExportFormat::Csv));
    assert_eq!(
        std::fs::read_to_string(&first).unwrap(),
        std::fs::read_to_string(&second).unwrap()
    );
    // the GeoJSON export writes the same number of features
    let geo = dir.path().join("export.geojson");
    harness
        .state_mut()
        .apply(Command::ExportTo(geo.clone(), ExportFormat::GeoJson));
    let fc: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&geo).unwrap()).unwrap();
    assert_eq!(fc["features"].as_array().unwrap().len(), n);
}

/// Types `path` into File > Path, as a user does, leaving the menu open.
fn type_path(harness: &mut Harness<'_, AtlasApp>, path: &Path) {
    if harness.query_by_label("Path").is_none() {
        harness.get_by_label("File").click();
        harness.run();
    }
    // clicked, as a user does: the menu stays open to type in
    harness.get_by_label("Path").click();
    harness.run();
    harness.key_press_modifiers(eframe::egui::Modifiers::COMMAND, Key::A);
    harness
        .get_by_label("Path")
        .type_text(&path.display().to_string());
    harness.run();
}

#[test]
fn export_to_path_writes_the_format_its_name_asks_for() {
    let dir = scratch("export-names");
    let mut harness = harness();
    let n = harness.state().data.len();
    // a name with no format the atlas writes: the button stays off and nothing is written
    let text = dir.path().join("events.txt");
    type_path(&mut harness, &text);
    assert!(
        harness
            .get_by_label("Export to path")
            .accesskit_node()
            .is_disabled()
    );
    harness.get_by_label("Export to path").click();
    harness.run();
    assert!(!text.exists());
    // tab-separated values: the atlas table parted by tabs, which opens back to the same events
    let tsv = dir.path().join("events.tsv");
    type_path(&mut harness, &tsv);
    harness.get_by_label("Export to path").click();
    harness.run();
    let written = std::fs::read_to_string(&tsv).unwrap();
    assert!(written.starts_with("id\ttitle\t"), "{}", &written[..40]);
    let csv = dir.path().join("events.csv");
    harness
        .state_mut()
        .apply(Command::ExportTo(csv.clone(), ExportFormat::Csv));
    open_through_menu(&mut harness, &tsv);
    harness.get_by_label(&format!("Replace with {n}")).click();
    harness.run();
    let again = dir.path().join("again.csv");
    harness
        .state_mut()
        .apply(Command::ExportTo(again.clone(), ExportFormat::Csv));
    assert_eq!(
        std::fs::read_to_string(&again).unwrap(),
        std::fs::read_to_string(&csv).unwrap()
    );
}

#[test]
fn export_follows_the_window_and_filters() {
    let dir = scratch("open");
    let mut app = AtlasApp::bundled();
    let day = |m, d| {
        caucasus_atlas::model::date::day_of(chrono::NaiveDate::from_ymd_opt(2022, m, d).unwrap())
    };
    app.apply(Command::SetWindow(day(8, 1), day(8, 31)));
    app.apply(Command::ShowCategory(
        caucasus_atlas::model::Category::Statement,
        false,
    ));
    app.refresh_visible();
    let path = dir.path().join("window.geojson");
    app.apply(Command::ExportTo(path.clone(), ExportFormat::GeoJson));
    let fc: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&path).unwrap()).unwrap();
    let features = fc["features"].as_array().unwrap();
    assert_eq!(
        features.len(),
        app.visible.in_window.len() + app.visible.undated.len()
    );
    assert!(
        features
            .iter()
            .all(|f| f["properties"]["category"] != "statement")
    );
    assert!(
        features
            .iter()
            .any(|f| f["properties"]["id"] == "2022-08-03-lachin-clash")
    );
}

/// The app as started with `--data path`, before its first frame.
fn started_with(path: &Path) -> Harness<'static, AtlasApp> {
    let mut app = AtlasApp::bundled();
    app.startup_load = Some((path.to_path_buf(), false));
    Harness::builder()
        .with_size(eframe::egui::vec2(1600.0, 1000.0))
        .with_max_steps(40)
        .build_ui_state(|ui, app: &mut AtlasApp| app.frame_ui(ui), app)
}

/// The ACLED sample of the fixtures.
fn acled_sample() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/acled_sample.csv")
}

/// Steps the app until the ACLED sample's events are open (or a few seconds have passed).
fn step_until_the_sample_is_open(harness: &mut Harness<'_, AtlasApp>) {
    for _ in 0..400 {
        harness.step();
        if harness.state().data.index_of("AZE1001").is_some() {
            break;
        }
        std::thread::sleep(std::time::Duration::from_millis(10));
    }
}

/// The app opened with the ACLED sample named as `--data` would, stepped until it has loaded.
fn harness_with_the_acled_sample() -> Harness<'static, AtlasApp> {
    let mut harness = started_with(&acled_sample());
    step_until_the_sample_is_open(&mut harness);
    harness
}

#[test]
fn data_named_on_the_command_line_loads_in_the_background() {
    let mut harness = harness_with_the_acled_sample();
    let data = &harness.state().data;
    assert!(
        data.index_of("AZE1001").is_some(),
        "the sample replaced the bundled data"
    );
    assert!(data.index_of("2022-08-03-lachin-clash").is_none());
    let (a, b) = data.time_extent().unwrap();
    assert_eq!((harness.state().time.from, harness.state().time.to), (a, b));
    // choosing the row in the list shows its notes, read again from the table, and its line
    let index = data.index_of("AZE1001").unwrap();
    let row = caucasus_atlas::panels::list::row_text(&data.view(index).unwrap());
    let quote = data.event(index).unwrap().source.quote.clone();
    let (file, line) = data.origin(index).unwrap();
    let origin = format!("Row: {file}, line {line}");
    assert!(quote.starts_with("On 3 August 2022"), "{quote}");
    harness.get_by_label(&row).click();
    harness.run();
    assert_eq!(harness.state().selected, Some(index));
    harness.get_by_label(&format!("“{quote}”"));
    harness.get_by_label(&origin);
}

#[test]
fn searching_a_table_also_searches_its_notes_in_the_background() {
    let mut harness = harness_with_the_acled_sample();
    let index = harness.state().data.index_of("AZE1001").unwrap();
    let view = harness.state().data.view(index).unwrap();
    // the words are in the row's notes only, which stay in the table
    assert!(!view.matches_text("several heights"));
    harness.get_by_label("Search").focus();
    harness.step();
    harness.get_by_label("Search").type_text("Several heights");
    harness.step();
    for _ in 0..400 {
        harness.step();
        if harness.state().row_search.is_none()
            && harness.state().row_hits.query == "several heights"
        {
            break;
        }
        std::thread::sleep(std::time::Duration::from_millis(10));
    }
    harness.run();
    let state = harness.state();
    assert_eq!(state.visible.in_window.to_vec(), vec![index]);
    assert_eq!(state.visible.matching, 1);
    let count = harness.get_by_label_contains("events shown");
    let node = count.accesskit_node();
    let text = node.label().or_else(|| node.value()).unwrap_or_default();
    assert_eq!(text, "1 of 5 events shown");
}

/// A named pipe `name` in `dir`, read by the load only once the test writes to it: a load that
/// lasts until the test lets it finish.
#[cfg(unix)]
fn pipe(dir: &Path, name: &str) -> PathBuf {
    let path = dir.join(name);
    let made = std::process::Command::new("mkfifo").arg(&path).status();
    assert!(made.unwrap().success(), "mkfifo {}", path.display());
    path
}

/// The app started with `--data` naming `path`, after its first frames.
fn opening(path: &Path) -> Harness<'static, AtlasApp> {
    let mut harness = started_with(path);
    for _ in 0..3 {
        harness.step();
    }
    harness
}

#[cfg(unix)]
#[test]
fn the_window_shows_the_file_opening_until_its_events_replace_the_bundled_ones() {
    let dir = scratch("open");
    let path = pipe(dir.path(), "opening.csv");
    let mut harness = opening(&path);
    // the file named on the command line is opening: not the events it is about to replace
    harness.get_by_label(&format!("opening {}", path.display()));
    harness.get_by_label("Cancel");
    assert!(harness.query_by_label("Map").is_none());
    assert!(harness.query_by_label("Search").is_none());
    assert_eq!(
        harness.state().data.len(),
        60,
        "the bundled data is still open"
    );
    let bytes = std::fs::read(acled_sample()).unwrap();
    let writer = {
        let path = path.clone();
        std::thread::spawn(move || std::fs::write(path, bytes).unwrap())
    };
    step_until_the_sample_is_open(&mut harness);
    writer.join().unwrap();
    harness.run();
    assert!(harness.state().data.index_of("AZE1001").is_some());
    assert!(
        harness
            .state()
            .data
            .index_of("2022-08-03-lachin-clash")
            .is_none()
    );
    harness.get_by_label("Map");
    harness.get_by_label("Search");
    let opening = format!("opening {}", path.display());
    assert!(harness.query_by_label(&opening).is_none());
    std::fs::remove_file(&path).unwrap();
}

#[cfg(unix)]
#[test]
fn cancelling_the_file_named_on_the_command_line_shows_the_bundled_events() {
    let dir = scratch("open");
    let path = pipe(dir.path(), "cancelled.csv");
    let mut harness = opening(&path);
    harness.get_by_label("Cancel").click();
    harness.run();
    harness.get_by_label("Map");
    harness.get_by_label("Loading cancelled; nothing changed.");
    let data = &harness.state().data;
    assert!(data.index_of("2022-08-03-lachin-clash").is_some());
    // the load, waiting for the pipe's writer, reads its end and stops
    drop(std::fs::OpenOptions::new().write(true).open(&path).unwrap());
    std::fs::remove_file(&path).unwrap();
    // a file the user opens next is asked about, not taken in place of the bundled events
    open_through_menu(&mut harness, &acled_sample());
    harness.get_by_label_contains("Replace with");
    let data = &harness.state().data;
    assert!(data.index_of("2022-08-03-lachin-clash").is_some());
    assert!(data.index_of("AZE1001").is_none());
}
