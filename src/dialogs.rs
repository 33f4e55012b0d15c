//! Native file dialogs run on their own thread, so the window keeps drawing while one is open;
//! the chosen path comes back as the command it was asked for.

use crate::commands::{Command, ExportFormat};
use std::path::PathBuf;
use std::sync::mpsc::{Receiver, TryRecvError, channel};

/// What a dialog chooses a file for.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum DialogPurpose {
    /// A dataset to open.
    Open,
    /// Where to export the visible events.
    Export(ExportFormat),
    /// Where to save a picture of the viewer.
    SaveImage,
}

impl DialogPurpose {
    /// The command that does the work once a path is chosen. An export writes the format the
    /// chosen name asks for (`events.tsv` from the CSV dialog), else the one the dialog was for.
    pub fn command(self, path: PathBuf) -> Command {
        match self {
            DialogPurpose::Open => Command::OpenPath(path),
            DialogPurpose::Export(format) => {
                let format = ExportFormat::for_path(&path).unwrap_or(format);
                Command::ExportTo(path, format)
            }
            DialogPurpose::SaveImage => Command::SaveImageTo(path),
        }
    }

    /// What the status line says when no file was chosen.
    pub fn nothing_chosen(self) -> &'static str {
        match self {
            DialogPurpose::Open => {
                "No file chosen. Without a file dialog, type a path under File or drop the file on the window."
            }
            DialogPurpose::Export(_) => "No file chosen for the export.",
            DialogPurpose::SaveImage => "No file chosen for the image.",
        }
    }

    fn show(self) -> Option<PathBuf> {
        let dialog = rfd::FileDialog::new();
        match self {
            DialogPurpose::Open => dialog
                .add_filter("Event data", &crate::io::open::EXTENSIONS)
                .pick_file(),
            DialogPurpose::Export(ExportFormat::GeoJson) => dialog
                .set_file_name("events.geojson")
                .add_filter("GeoJSON", &["geojson", "json"])
                .save_file(),
            // the atlas table, parted by commas or by tabs as the name says
            DialogPurpose::Export(ExportFormat::Csv | ExportFormat::Tsv) => dialog
                .set_file_name("events.csv")
                .add_filter("CSV", &["csv"])
                .add_filter("Tab-separated values", &["tsv"])
                .save_file(),
            DialogPurpose::SaveImage => dialog
                .set_file_name("caucasus-atlas.png")
                .add_filter("PNG", &["png"])
                .save_file(),
        }
    }
}

/// A native file dialog open on its own thread.
pub struct DialogJob {
    /// What it chooses a file for.
    pub purpose: DialogPurpose,
    result: Receiver<Option<PathBuf>>,
}

impl DialogJob {
    /// Opens the dialog; `wake` is called when it closes (to repaint the window).
    pub fn start(purpose: DialogPurpose, wake: impl Fn() + Send + 'static) -> DialogJob {
        let (tx, rx) = channel();
        std::thread::spawn(move || {
            let _ = tx.send(purpose.show());
            wake();
        });
        DialogJob {
            purpose,
            result: rx,
        }
    }

    /// `None` while the dialog is open; then the chosen path, or `Some(None)` when none was.
    pub fn poll(&self) -> Option<Option<PathBuf>> {
        match self.result.try_recv() {
            Ok(path) => Some(path),
            Err(TryRecvError::Empty) => None,
            Err(TryRecvError::Disconnected) => Some(None),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_chosen_path_becomes_the_command_asked_for() {
        let path = PathBuf::from("x.csv");
        assert_eq!(
            DialogPurpose::Open.command(path.clone()),
            Command::OpenPath(path.clone())
        );
        assert_eq!(
            DialogPurpose::Export(ExportFormat::Csv).command(path.clone()),
            Command::ExportTo(path.clone(), ExportFormat::Csv)
        );
        // the name chosen in the CSV dialog decides between commas and tabs
        let tabs = PathBuf::from("x.tsv");
        assert_eq!(
            DialogPurpose::Export(ExportFormat::Csv).command(tabs.clone()),
            Command::ExportTo(tabs, ExportFormat::Tsv)
        );
        let unnamed = PathBuf::from("events");
        assert_eq!(
            DialogPurpose::Export(ExportFormat::GeoJson).command(unnamed.clone()),
            Command::ExportTo(unnamed, ExportFormat::GeoJson)
        );
        assert_eq!(
            DialogPurpose::SaveImage.command(path.clone()),
            Command::SaveImageTo(path)
        );
        assert!(
            DialogPurpose::Open
                .nothing_chosen()
                .contains("drop the file")
        );
    }
}
