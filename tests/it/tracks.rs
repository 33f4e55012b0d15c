//! A moving event (a Leaflet.TimeDimension-style line with a time per vertex) is drawn up to the
//! slider's moment with its head where it then is; its head answers hover and click.

use crate::common::scratch;
use caucasus_atlas::app::AtlasApp;
use caucasus_atlas::commands::Command;
use caucasus_atlas::io::bundle::bundled_basemap;
use caucasus_atlas::io::open::load_dataset_strict;
use caucasus_atlas::model::date::day_of;
use chrono::NaiveDate;
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use tempfile::TempDir;

const CONVOY: &str = r#"{"type": "FeatureCollection", "features": [
  {"type": "Feature", "properties": {"id": "convoy", "title": "Aid convoy from Goris to Khankendi",
    "times": ["2022-12-12T06:00:00Z", "2022-12-13T06:00:00Z", "2022-12-15T06:00:00Z"]},
   "geometry": {"type": "LineString", "coordinates": [[46.39, 39.51], [46.55, 39.64], [46.75, 39.82]]}},
  {"type": "Feature", "properties": {"id": "talks", "title": "Talks in Baku", "date": "2022-12-14"},
   "geometry": {"type": "Point", "coordinates": [49.89, 40.38]}}
]}"#;

/// The app with the convoy's file open, and the folder holding that file, kept as long as the app.
fn app() -> (AtlasApp, TempDir) {
    let dir = scratch("tracks");
    let path = dir.path().join("convoy.geojson");
    std::fs::write(&path, CONVOY).unwrap();
    let basemap = bundled_basemap();
    let data = load_dataset_strict(&path, &basemap, &Default::default()).unwrap();
    assert_eq!(data.tracks().count(), 1);
    (AtlasApp::new(data, basemap), dir)
}

fn day(d: u32) -> i32 {
    day_of(NaiveDate::from_ymd_opt(2022, 12, d).unwrap())
}

#[test]
fn a_track_is_drawn_up_to_the_moment_and_its_head_selects_it() {
    let (mut app, _dir) = app();
    app.apply(Command::SetWindow(day(1), day(12)));
    let mut harness = Harness::builder()
        .with_size(eframe::egui::vec2(1600.0, 1000.0))
        .with_max_steps(40)
        .build_ui_state(|ui, app: &mut AtlasApp| app.frame_ui(ui), app);
    harness.run();
    // the window ends on 12 December: the convoy set off at 06:00 and is on its first leg
    let head = harness.get_by_label_contains("Aid convoy from Goris to Khankendi (moving");
    head.click();
    harness.run();
    let state = harness.state();
    let selected = state.selected.and_then(|i| state.data.id(i));
    assert_eq!(selected, Some("convoy"));
    // the convoy is not drawn as a plain shape too
    assert!(harness.query_by_label_contains("events on").is_none());
}

#[test]
fn before_it_sets_off_a_track_has_no_head() {
    let (mut app, _dir) = app();
    // the window of the first ten days of December does not reach the convoy
    app.apply(Command::SetWindow(day(1), day(10)));
    let mut harness = Harness::builder()
        .with_size(eframe::egui::vec2(1600.0, 1000.0))
        .with_max_steps(40)
        .build_ui_state(|ui, app: &mut AtlasApp| app.frame_ui(ui), app);
    harness.run();
    assert!(harness.query_by_label_contains("(moving").is_none());
}
