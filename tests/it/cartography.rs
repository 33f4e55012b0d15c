//! The map names what it shows: at the default view the countries, capitals and the places the
//! atlas is about are labelled, legibly, never under a marker and never over each other.

use crate::common::harness;
use caucasus_atlas::map::layer::LabelRank;
use caucasus_atlas::map::layers::labels::segment_crosses;
use egui_kittest::kittest::Queryable;

/// The names a new user must find on the default view.
const KEY_NAMES: [&str; 13] = [
    "Yerevan",
    "Baku",
    "Tbilisi",
    "Tehran",
    "Tabriz",
    "Nakhchivan",
    "Lachin / Berdzor",
    "Khankendi / Stepanakert",
    "Shusha / Shushi",
    "Ganja",
    "Goris",
    "Kapan",
    "Julfa",
];

/// How far from its dot a name without a leader line may stand: beside the markers that cover
/// the dot, at most.
const BESIDE_ITS_DOT: f32 = 40.0;

/// Checks the last frame's labels.
fn check_labels(harness: &egui_kittest::Harness<'_, caucasus_atlas::app::AtlasApp>, when: &str) {
    let placed = &harness.state().map.placed_labels;
    let texts: Vec<&str> = placed.iter().map(|l| l.text.as_str()).collect();
    for name in KEY_NAMES.iter().chain(&["ARMENIA", "AZERBAIJAN"]) {
        assert!(
            texts.contains(name),
            "{when}: {name} is not labelled: {texts:?}"
        );
    }
    check_placement(harness, when, false);
}

/// Checks where the last frame's labels stand: inside the map, off each other, beside their dots,
/// and off the markers; with `rims`, a name may stand over a marker's rim (as a key place's does
/// where markers leave it no clear spot), never over the middle half that holds its count.
fn check_placement(
    harness: &egui_kittest::Harness<'_, caucasus_atlas::app::AtlasApp>,
    when: &str,
    rims: bool,
) {
    let map = &harness.state().map;
    let placed = &map.placed_labels;
    for (i, a) in placed.iter().enumerate() {
        assert!(
            map.rect.contains_rect(a.rect),
            "{when}: {} leaves the map",
            a.text
        );
        for b in &placed[i + 1..] {
            assert!(
                !a.rect.intersects(b.rect),
                "{when}: {} overlaps {}",
                a.text,
                b.text
            );
        }
        // a leader line strikes through no other name
        for b in placed.iter().filter(|b| b.text != a.text) {
            assert!(
                !a.leader.is_some_and(|[p, q]| segment_crosses(p, q, b.rect)),
                "{when}: the leader line of {} crosses {}",
                a.text,
                b.text
            );
        }
    }
    // a city's name stands beside its dot, or joined to it by a leader line
    let projector = caucasus_atlas::map::projection::Projector::new(map.view, map.rect);
    for place in caucasus_atlas::io::bundle::bundled_places() {
        let dot = projector.project(place.lon, place.lat);
        for l in placed
            .iter()
            .filter(|l| l.text == place.name && l.leader.is_none())
        {
            assert!(
                l.rect.distance_to_pos(dot) <= BESIDE_ITS_DOT,
                "{when}: {} stands {} points from its dot",
                l.text,
                l.rect.distance_to_pos(dot)
            );
        }
    }
    // markers and arrows were recorded before the labels; none may lie under a label
    let labels: Vec<_> = placed.iter().map(|l| l.rect).collect();
    let markers: Vec<_> = map
        .occupied
        .iter()
        .filter(|r| !labels.contains(r))
        .collect();
    assert!(!markers.is_empty());
    for l in placed.iter().filter(|l| l.rank != LabelRank::KeyCountry) {
        for m in &markers {
            let under = match rims {
                true => m.shrink2(m.size() / 4.0),
                false => **m,
            };
            assert!(
                !l.rect.intersects(under),
                "{when}: {} lies under a marker {m:?}",
                l.text
            );
        }
    }
}

#[test]
fn the_default_view_names_every_key_place_clear_of_markers_and_of_each_other() {
    let mut harness = harness();
    check_labels(&harness, "the whole span");
    for year in [1996, 2012, 2021, 2022, 2024] {
        let (a, b) = (
            caucasus_atlas::cli::args::parse_bound("--from", &year.to_string(), false).unwrap(),
            caucasus_atlas::cli::args::parse_bound("--to", &year.to_string(), true).unwrap(),
        );
        harness
            .state_mut()
            .apply(caucasus_atlas::commands::Command::SetWindow(a, b));
        harness.run();
        check_labels(&harness, &year.to_string());
    }
}

/// The app on a file, after its first frames.
fn harness_on(path: &str) -> egui_kittest::Harness<'static, caucasus_atlas::app::AtlasApp> {
    let basemap = caucasus_atlas::io::bundle::bundled_basemap();
    let data = caucasus_atlas::io::open::load_dataset_strict(
        std::path::Path::new(path),
        &basemap,
        &Default::default(),
    )
    .unwrap();
    let mut harness = egui_kittest::Harness::builder()
        .with_size(eframe::egui::vec2(1600.0, 1000.0))
        .with_max_steps(40)
        .build_ui_state(
            |ui, app: &mut caucasus_atlas::app::AtlasApp| app.frame_ui(ui),
            caucasus_atlas::app::AtlasApp::new(data, basemap),
        );
    harness.run();
    harness
}

/// An ACLED table names its places one way ("Lachin"); the map still names the gazetteer's
/// cities, contested ones both ways, and does not label the file's "Lachin" a second time.
#[test]
fn a_file_naming_places_one_way_still_shows_every_key_place_named_both_ways() {
    let harness = harness_on("tests/fixtures/acled_sample.csv");
    let data = &harness.state().data;
    let ids: Vec<&str> = data.places().iter().map(|p| p.id.as_str()).collect();
    assert!(
        data.places().iter().any(|p| p.name == "Lachin") && !ids.contains(&"lachin"),
        "the file's own place: {ids:?}"
    );
    check_labels(&harness, "ACLED sample");
    let texts: Vec<&str> = (harness.state().map.placed_labels.iter())
        .map(|l| l.text.as_str())
        .collect();
    assert!(!texts.contains(&"Lachin"), "{texts:?}");
}

/// Two earthquakes near Yerevan and Shusha crowd the key places round Karabakh: every name still
/// finds a place, and no leader line strikes through another name.
#[test]
fn markers_among_the_key_places_leave_every_name_legible() {
    let harness = harness_on("tests/fixtures/geojson_usgs_style.geojson");
    check_labels(&harness, "USGS sample");
}

#[test]
fn the_map_only_picture_names_every_key_place_clear_of_markers_and_of_each_other() {
    let mut app = caucasus_atlas::app::AtlasApp::bundled();
    app.map_only = true;
    app.map.for_publication = true;
    let mut harness = egui_kittest::Harness::builder()
        .with_size(eframe::egui::vec2(1600.0, 1000.0))
        .with_max_steps(40)
        .build_ui_state(
            |ui, app: &mut caucasus_atlas::app::AtlasApp| app.frame_ui(ui),
            app,
        );
    harness.run();
    // the test harness keeps a small margin round its root; the real window has none
    assert!(
        harness.state().map.rect.width() >= 1580.0,
        "the map fills the picture"
    );
    check_labels(&harness, "map only");
    assert!(
        harness.query_by_label("Zoom in").is_none(),
        "no controls in a picture for publication"
    );
}

/// A pass egui throws away (asked for before the map is drawn, as the app does when its panels
/// first appear) draws none of the map's layers; the pass drawn after it draws them all.
#[test]
fn a_pass_thrown_away_draws_no_layers_and_the_next_draws_them() {
    use std::sync::{Arc, Mutex};
    let labels_after_pass: Arc<Mutex<Vec<(usize, usize)>>> = Arc::default();
    let record = labels_after_pass.clone();
    let mut harness = egui_kittest::Harness::builder()
        .with_size(eframe::egui::vec2(1600.0, 1000.0))
        .with_max_steps(1)
        .build_ui_state(
            move |ui, app: &mut caucasus_atlas::app::AtlasApp| {
                let pass = ui.ctx().current_pass_index();
                if pass == 0 {
                    ui.ctx().request_discard("test: a panel settles its size");
                }
                app.frame_ui(ui);
                let labels = app.map.placed_labels.len();
                record.lock().unwrap().push((pass, labels));
            },
            caucasus_atlas::app::AtlasApp::bundled(),
        );
    harness.step();
    // the harness's first frame: the map has never been drawn before it
    let passes = labels_after_pass.lock().unwrap().clone();
    assert!(passes.len() >= 2, "{passes:?}");
    assert_eq!(passes[0], (0, 0), "the thrown-away pass placed labels");
    assert_eq!(passes[1].0, 1);
    assert!(
        passes[1].1 >= 14,
        "the drawn pass placed {} labels",
        passes[1].1
    );
}

#[test]
fn on_a_laptop_screen_every_name_stands_beside_its_dot() {
    let mut harness = egui_kittest::Harness::builder()
        .with_size(eframe::egui::vec2(1280.0, 800.0))
        .with_max_steps(40)
        .build_ui_state(
            |ui, app: &mut caucasus_atlas::app::AtlasApp| app.frame_ui(ui),
            caucasus_atlas::app::AtlasApp::bundled(),
        );
    harness.run();
    check_placement(&harness, "1280×800", true);
}

/// A town of a table that the gazetteer lacks (Jermuk, placed by GeoNames' table) may go
/// unnamed at the default view among the key places; once its event is selected, its name is
/// on the map, with every key place still named.
#[test]
fn the_selected_event_s_place_is_named() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("towns.csv");
    std::fs::write(
        &path,
        "Event,Location,Country,Date\nShelling reported,Jermuk,Armenia,2022-09-13\n\
         Prisoner exchange,Gazakh,,2024-06-05\n",
    )
    .unwrap();
    let mut harness = harness_on(path.to_str().unwrap());
    let named = |h: &egui_kittest::Harness<'_, caucasus_atlas::app::AtlasApp>| {
        h.state()
            .map
            .placed_labels
            .iter()
            .any(|l| l.text == "Jermuk")
    };
    let jermuk = (0..harness.state().data.len())
        .find(|&i| harness.state().data.place_of(i).map(|p| p.1) == Some("Jermuk"))
        .expect("Jermuk is placed");
    harness
        .state_mut()
        .apply(caucasus_atlas::commands::Command::Select(Some(jermuk)));
    harness.run();
    assert!(named(&harness), "the selected event's place is named");
    check_labels(&harness, "Jermuk selected");
}
