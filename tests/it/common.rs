//! What the UI tests share: the real app in a harness at a desktop size.

use caucasus_atlas::app::AtlasApp;
use egui_kittest::Harness;

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
