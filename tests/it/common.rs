//! What the tests share: the real app in a harness at a desktop size, and a scratch folder.

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
