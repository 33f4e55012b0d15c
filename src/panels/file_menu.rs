//! The menu bar: File > Open, the open files (each closable), Export, Save image, Copy view; a
//! path field for machines without a native file dialog.

use crate::commands::{Command, ExportFormat};
use crate::model::open_files::OpenFile;
use eframe::egui;

/// The menu's own state.
#[derive(Default)]
pub struct MenuState {
    /// A path typed by the user (used when no native dialog is available).
    pub path: String,
}

/// What "Export to path" needs of the file's name.
const EXPORT_NAMES: &str = "Export writes a file named .geojson or .json (GeoJSON), .csv or .tsv";

/// Draws the menu bar, listing the `open` files; emits commands.
pub fn menu_ui(
    ui: &mut egui::Ui,
    state: &mut MenuState,
    open: &[OpenFile],
    commands: &mut Vec<Command>,
) {
    {
        // a click in the path field must not close the menu; each item closes it itself
        let config = egui::containers::menu::MenuConfig::new()
            .close_behavior(egui::PopupCloseBehavior::CloseOnClickOutside);
        egui::containers::menu::MenuButton::new("File")
            .config(config)
            .ui(ui, |ui| {
                if ui.button("Open…").clicked() {
                    commands.push(Command::OpenDialog);
                    ui.close();
                }
                if ui.button("New from article…").clicked() {
                    commands.push(Command::NewFromArticle);
                    ui.close();
                }
                ui.separator();
                open_files_ui(ui, open, commands);
                ui.separator();
                if ui.button("Export visible as GeoJSON…").clicked() {
                    commands.push(Command::ExportDialog(ExportFormat::GeoJson));
                    ui.close();
                }
                if ui.button("Export visible as CSV…").clicked() {
                    commands.push(Command::ExportDialog(ExportFormat::Csv));
                    ui.close();
                }
                if ui.button("Save image…").clicked() {
                    commands.push(Command::SaveImageDialog);
                    ui.close();
                }
                ui.separator();
                if ui.button("Copy view").clicked() {
                    commands.push(Command::CopyView);
                    ui.close();
                }
                ui.separator();
                ui.label("Or type a path:");
                let label = ui.label("Path");
                ui.add(
                    egui::TextEdit::singleline(&mut state.path)
                        .hint_text("/path/to/data.csv")
                        .desired_width(260.0),
                )
                .labelled_by(label.id);
                let path = std::path::PathBuf::from(state.path.trim());
                let has_path = !state.path.trim().is_empty();
                ui.horizontal(|ui| {
                    if ui
                        .add_enabled(has_path, egui::Button::new("Open path"))
                        .clicked()
                    {
                        commands.push(Command::OpenPath(path.clone()));
                        ui.close();
                    }
                    let format = ExportFormat::for_path(&path);
                    let export = ui
                        .add_enabled(
                            has_path && format.is_some(),
                            egui::Button::new("Export to path"),
                        )
                        .on_disabled_hover_text(EXPORT_NAMES);
                    if let (true, Some(format)) = (export.clicked(), format) {
                        commands.push(Command::ExportTo(path.clone(), format));
                        ui.close();
                    }
                    if ui
                        .add_enabled(has_path, egui::Button::new("Save image to path"))
                        .clicked()
                    {
                        commands.push(Command::SaveImageTo(path.clone()));
                        ui.close();
                    }
                });
            });
    }
}

/// The open files, each with its count of events and a Close button (off while it is the only
/// one); a file's whole path shows on hover.
fn open_files_ui(ui: &mut egui::Ui, open: &[OpenFile], commands: &mut Vec<Command>) {
    ui.label("Open files:");
    egui::Grid::new("open-files").num_columns(2).show(ui, |ui| {
        for (k, file) in open.iter().enumerate() {
            let events = crate::model::counted::counted(file.len, "event");
            let name = ui.label(format!("{} ({events})", file.name()));
            if let Some(path) = &file.path {
                name.on_hover_text(path.display().to_string());
            }
            let enabled = open.len() > 1;
            let close = ui
                .add_enabled(enabled, egui::Button::new("Close"))
                .on_hover_text(format!(
                    "Close {} and keep the other files open",
                    file.name()
                ))
                .on_disabled_hover_text("The only open file: open another to replace it");
            // a screen reader names the file each Close closes
            let spoken = format!("Close {}", file.name());
            close.widget_info(|| egui::WidgetInfo::labeled(egui::Role::Button, enabled, &spoken));
            if close.clicked() {
                commands.push(Command::CloseFile(k));
                ui.close();
            }
            ui.end_row();
        }
    });
}
