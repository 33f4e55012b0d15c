//! What the tests share: the real app in a harness at a desktop size, a scratch folder, and a
//! small KML file written as a map maker would save it.

use caucasus_atlas::app::AtlasApp;
use egui_kittest::Harness;
use tempfile::TempDir;

/// A new folder of its own for one test's files, `atlas-{name}-…` in the system's temporary
/// folder. It is removed with all it holds when the value is dropped: keep it for as long as the
/// test, and any process it starts, uses the folder.
pub fn scratch(name: &str) -> TempDir {
    tempfile::Builder::new()
        .prefix(&format!("atlas-{name}-"))
        .tempdir()
        .unwrap()
}

/// Writes `my-map.kml` in `dir`: one point placemark per `(id, time, date)`, `time` its KML
/// time element (or empty) and `date` the value of its `Date` field, as Google My Maps saves a
/// table's date column.
pub fn my_map_kml(dir: &std::path::Path, placemarks: &[(&str, &str, &str)]) -> std::path::PathBuf {
    let placemark = |(id, time, date): &(&str, &str, &str)| {
        format!(
            "<Placemark id=\"{id}\"><name>{id}</name>{time}<ExtendedData><Data name=\"Date\"><value>{date}</value></Data></ExtendedData><Point><coordinates>46.75,39.82</coordinates></Point></Placemark>"
        )
    };
    let body: String = placemarks.iter().map(placemark).collect();
    let kml = format!(
        "<?xml version=\"1.0\"?><kml xmlns=\"http://www.opengis.net/kml/2.2\"><Document>{body}</Document></kml>"
    );
    let path = dir.join("my-map.kml");
    std::fs::write(&path, kml).unwrap();
    path
}

/// The bundled app in a 1600×1000 harness, after its first frames.
pub fn harness() -> Harness<'static, AtlasApp> {
    let mut harness = Harness::builder()
        .with_size(eframe::egui::vec2(1600.0, 1000.0))
        .with_max_steps(40)
        .build_ui_state(
            |ui, app: &mut AtlasApp| app.frame_ui(ui),
            AtlasApp::bundled(),
        );
    harness.run();
    harness
}

/// Types `text` over what the field labelled `label` holds and presses Enter, as a user would.
pub fn retype<S>(harness: &mut Harness<'_, S>, label: &str, text: &str) {
    use egui_kittest::kittest::Queryable;
    harness.get_by_label(label).focus();
    harness.run();
    harness.key_press_modifiers(eframe::egui::Modifiers::COMMAND, eframe::egui::Key::A);
    harness.get_by_label(label).type_text(text);
    harness.key_press(eframe::egui::Key::Enter);
    harness.run();
}

/// The ids of the features of the GeoJSON FeatureCollection `export events` wrote, in order.
pub fn feature_ids(stdout: &[u8]) -> Vec<String> {
    let fc: serde_json::Value = serde_json::from_slice(stdout).unwrap();
    fc["features"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["properties"]["id"].as_str().unwrap().to_owned())
        .collect()
}

/// The place `id` of a places file (`caucasus-atlas/places@1`) as written, if it holds one.
pub fn written_place(path: &std::path::Path, id: &str) -> Option<serde_json::Value> {
    let text = std::fs::read_to_string(path).unwrap();
    let doc: serde_json::Value = serde_json::from_str(&text).unwrap();
    doc["places"]
        .as_array()?
        .iter()
        .find(|p| p["id"] == id)
        .cloned()
}
